//! Copying to the clipboard: the terminal's clipboard escape (OSC 52), which reaches the
//! user's clipboard over SSH and through tmux, and the system clipboard as well where this
//! machine has a display.

use std::io::Write;

use base64::Engine as _;

/// The OSC 52 sequence that sets the clipboard to `text`. Inside tmux it is also wrapped in
/// tmux's passthrough, for a tmux that does not take OSC 52 itself (`set-clipboard off`).
pub fn osc52(text: &str, in_tmux: bool) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let plain = format!("\x1b]52;c;{encoded}\x07");
    if in_tmux {
        format!("{plain}\x1bPtmux;\x1b\x1b]52;c;{encoded}\x07\x1b\\")
    } else {
        plain
    }
}

/// The system clipboard, kept for the whole session: on X11 the copied text lives only as
/// long as its owner does.
#[derive(Default)]
pub struct Clipboard {
    system: Option<arboard::Clipboard>,
}

impl Clipboard {
    /// Sends `text` to the terminal's clipboard through `terminal`, and to the system
    /// clipboard where there is a display; says where it went.
    pub fn copy(&mut self, terminal: &mut impl Write, text: &str) -> std::io::Result<&'static str> {
        let in_tmux = std::env::var_os("TMUX").is_some();
        terminal.write_all(osc52(text, in_tmux).as_bytes())?;
        terminal.flush()?;
        if !has_display() {
            return Ok("terminal clipboard");
        }
        if self.system.is_none() {
            self.system = arboard::Clipboard::new().ok();
        }
        let copied = self
            .system
            .as_mut()
            .is_some_and(|system| system.set_text(text).is_ok());
        Ok(if copied {
            "terminal and system clipboard"
        } else {
            "terminal clipboard"
        })
    }
}

fn has_display() -> bool {
    if cfg!(any(target_os = "macos", windows)) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_the_text_in_base64() {
        assert_eq!(
            osc52("hi “there”", false),
            "\x1b]52;c;aGkg4oCcdGhlcmXigJ0=\x07"
        );
        let wrapped = osc52("hi", true);
        assert!(wrapped.starts_with("\x1b]52;c;aGk=\x07\x1bPtmux;\x1b\x1b]52;c;aGk=\x07"));
        assert!(wrapped.ends_with("\x1b\\"));
    }

    #[test]
    fn the_copy_reaches_the_terminal() {
        let mut out = Vec::new();
        let mut clipboard = Clipboard::default();
        let text = "\x1b]0;title\x07 not an escape once encoded";
        clipboard.copy(&mut out, text).expect("written");
        let out = String::from_utf8(out).expect("ascii");
        let encoded = base64::engine::general_purpose::STANDARD.encode(text);
        assert!(
            out.starts_with(&format!("\x1b]52;c;{encoded}\x07")),
            "{out:?}"
        );
    }
}
