//! dossier's own key type, so nothing past the event loop depends on the terminal library.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode as TermCode, KeyEvent, KeyModifiers};

/// The keys the reader binds. Shifted letters are their capitals; Shift-Tab is `BackTab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Self {
        Self { code, ctrl: false }
    }

    pub const fn char(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    /// The key a terminal event stands for, if the reader binds anything like it.
    pub fn from_event(event: KeyEvent) -> Option<Self> {
        let code = match event.code {
            TermCode::Char(c) => KeyCode::Char(c),
            TermCode::Enter => KeyCode::Enter,
            TermCode::Esc => KeyCode::Esc,
            TermCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            TermCode::Tab => KeyCode::Tab,
            TermCode::BackTab => KeyCode::BackTab,
            TermCode::Up => KeyCode::Up,
            TermCode::Down => KeyCode::Down,
            TermCode::Left => KeyCode::Left,
            TermCode::Right => KeyCode::Right,
            TermCode::Home => KeyCode::Home,
            TermCode::End => KeyCode::End,
            TermCode::PageUp => KeyCode::PageUp,
            TermCode::PageDown => KeyCode::PageDown,
            _ => return None,
        };
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        // Terminals report Ctrl-C as 'c' with CONTROL, but some send 'C' when Shift is also held.
        let code = match code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        Some(Self { code, ctrl })
    }
}

const NAMES: [(&str, KeyCode); 12] = [
    ("Space", KeyCode::Char(' ')),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("S-Tab", KeyCode::BackTab),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PgUp", KeyCode::PageUp),
];

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("C-")?;
        }
        if self.code == KeyCode::PageDown {
            return f.write_str("PgDn");
        }
        match NAMES.iter().find(|(_, code)| *code == self.code) {
            Some((name, _)) => f.write_str(name),
            None => match self.code {
                KeyCode::Char(c) => write!(f, "{c}"),
                _ => Err(fmt::Error),
            },
        }
    }
}

impl FromStr for Key {
    type Err = String;

    /// Reads the notation `Display` writes: `j`, `G`, `C-c`, `Space`, `PgDn`, `S-Tab`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (ctrl, rest) = match s.strip_prefix("C-") {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, s),
        };
        let code = if rest == "PgDn" {
            KeyCode::PageDown
        } else if let Some((_, code)) = NAMES.iter().find(|(name, _)| *name == rest) {
            *code
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() && c != ' ' => KeyCode::Char(c),
                _ => {
                    return Err(format!(
                        "'{s}' is not a key: use one character, C-<char>, or a name such as Enter, Esc, Tab, S-Tab, Space, Up, PgDn"
                    ));
                }
            }
        };
        Ok(Self { code, ctrl })
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyEventKind, KeyEventState};

    use super::*;

    fn event(code: TermCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn notation_round_trips() {
        for text in [
            "j", "G", "?", "C-c", "Space", "PgDn", "PgUp", "S-Tab", "Enter", "Esc", "Home",
        ] {
            let key: Key = text.parse().expect(text);
            assert_eq!(key.to_string(), text);
        }
    }

    #[test]
    fn bad_notation_is_explained() {
        let err = "Ctrl+x".parse::<Key>().expect_err("not a key");
        assert!(err.contains("'Ctrl+x' is not a key"), "{err}");
        assert!("".parse::<Key>().is_err());
    }

    #[test]
    fn terminal_events_become_keys() {
        assert_eq!(
            Key::from_event(event(TermCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Key::char('G'))
        );
        assert_eq!(
            Key::from_event(event(TermCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Key::ctrl('c'))
        );
        assert_eq!(
            Key::from_event(event(TermCode::Tab, KeyModifiers::SHIFT)),
            Some(Key::plain(KeyCode::BackTab))
        );
        assert_eq!(
            Key::from_event(event(TermCode::F(1), KeyModifiers::NONE)),
            None
        );
    }
}
