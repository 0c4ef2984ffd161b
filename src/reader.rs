//! The terminal reader: find and open the library, take over the terminal, and run the loop
//! that turns terminal events into actions and carries out the effects `update` returns.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use dossier::Library;
use ratatui::layout::Rect;

use crate::action::{Action, Effect};
use crate::app::{App, Message, update};
use crate::keys::Key;
use crate::terminal::{self, Tui};

mod library_folder;

pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "the reader needs a terminal; use `dossier list` or `dossier show PATH` to print instead"
        );
    }
    let folder = library_folder::resolve(
        paths,
        Path::new("."),
        library_folder::default_data_dir().as_deref(),
    )?;
    if let Some(note) = &folder.note {
        eprintln!("dossier: {note}");
    }
    // Read before the alternate screen, so a failure prints where the user can see it.
    let library = Library::open(&folder.sources);

    let mut guard = terminal::enter().context("cannot set up the terminal")?;
    let size = guard.terminal.size()?;
    let screen = Rect::new(0, 0, size.width, size.height);
    let mut app = App::new(library, folder.sources, screen, dossier::extract_entities);
    if let Some(note) = folder.note {
        app.message.get_or_insert(Message {
            text: note,
            warning: false,
        });
    }
    let result = run_loop(&mut guard.terminal, &mut app);
    drop(guard);
    result
}

fn run_loop(terminal: &mut Tui, app: &mut App) -> anyhow::Result<()> {
    loop {
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        let Some(action) = action_for(app, &event::read()?) else {
            continue;
        };
        match update(app, action) {
            Some(Effect::Quit) => return Ok(()),
            None => {}
        }
    }
}

/// The one place terminal events become actions.
fn action_for(app: &App, event: &Event) -> Option<Action> {
    match *event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            Key::from_event(key).and_then(|key| app.keymap.dispatch(app.scope(), key))
        }
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::ScrollDown => Some(Action::Wheel {
                    column,
                    row,
                    down: true,
                }),
                MouseEventKind::ScrollUp => Some(Action::Wheel {
                    column,
                    row,
                    down: false,
                }),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                _ => None,
            }
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}
