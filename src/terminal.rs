//! Taking over the terminal and giving it back, on every way out: return, error and panic.

use std::io::{self, Stdout, stdout};
use std::sync::Once;

use crossterm::cursor::{Hide, Show};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::ui::theme::Background;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// How long to wait for the terminal to say its background colour. A terminal without the
/// query is told apart at once (the query is followed by one every terminal answers), so this
/// is only waited out over a slow link or by a terminal that answers nothing; a short wait
/// there would let a late answer arrive as keystrokes.
const COLOUR_QUERY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(1);

/// Whether the terminal's background is light or dark, if it answers an OSC 11 query; asked
/// before the reader takes the terminal, so the answer cannot reach the key reader.
pub fn background() -> Option<Background> {
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = COLOUR_QUERY_TIMEOUT;
    match terminal_colorsaurus::theme_mode(options).ok()? {
        terminal_colorsaurus::ThemeMode::Dark => Some(Background::Dark),
        terminal_colorsaurus::ThemeMode::Light => Some(Background::Light),
    }
}

/// Restores the terminal when dropped, so an early `?` return cannot leave it in raw mode.
pub struct TerminalGuard {
    pub terminal: Tui,
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        // Nothing useful can be done with a failure here; the shell's `reset` is the user's
        // last resort either way.
        let _ = restore();
    }
}

/// Enters raw mode, the alternate screen and mouse capture, after installing a panic hook that
/// undoes them before the panic message prints (so it is readable).
pub fn enter() -> io::Result<TerminalGuard> {
    install_panic_hook();
    let setup = resume().and_then(|()| Terminal::new(CrosstermBackend::new(stdout())));
    match setup {
        Ok(terminal) => Ok(TerminalGuard { terminal }),
        Err(err) => {
            let _ = restore();
            Err(err)
        }
    }
}

/// Takes the terminal again after `restore` (back from a suspend).
pub fn resume() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        Hide
    )
}

/// Undoes `enter`. Safe to call more than once.
pub fn restore() -> io::Result<()> {
    let screen = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    disable_raw_mode()?;
    screen
}

fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
    });
}
