//! The terminal reader: find and open the library, take over the terminal, and run the loop
//! that turns terminal events into actions and carries out the effects `update` returns.
//!
//! Saving: every change is handed to the store's background saver (`Effect::Save`), which
//! writes after a quiet moment; the loop reports what the saver says. Quitting, Ctrl-Z and the
//! termination signals (SIGTERM, SIGHUP, SIGINT) flush first, so nothing typed is lost.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use anyhow::{Context, bail};
use crossterm::event::{
    self, Event, KeyCode as TermCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton,
    MouseEventKind,
};
use dossier::Store;
use dossier::store::{SaveEvent, SaverConfig};
use ratatui::layout::Rect;

use crate::action::{Action, Effect};
use crate::app::{App, EditKey, Message, update};
use crate::cli::feed::Places;
use crate::config;
use crate::keys::Key;
use crate::terminal::{self, Tui};
use crate::ui::theme::{self, Theme, ThemeChoice};
use fetcher::Fetcher;
use index_worker::IndexWorker;

mod browser;
mod clipboard;
mod fetcher;
pub mod index_worker;
pub mod library_folder;
mod library_queries;

/// How often the loop wakes without input: to hear from the saver and notice signals.
const TICK: Duration = Duration::from_millis(250);
/// How often the loop looks for the index's answer while a question is out.
const ASKED_TICK: Duration = Duration::from_millis(4);
/// How long quitting waits for the state file to be written.
const FLUSH_TIMEOUT: Duration = Duration::from_secs(5);

pub fn run(
    paths: Vec<PathBuf>,
    state: Option<&Path>,
    places: &Places,
    config_flag: Option<&Path>,
) -> anyhow::Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "the reader needs a terminal; use `dossier list` or `dossier show PATH` to print instead"
        );
    }
    let named = config_flag.is_some() || std::env::var_os("DOSSIER_CONFIG").is_some();
    let loaded = config::load(config::path(config_flag).as_deref(), named);
    let mut config_notes: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    let paths = if paths.is_empty() {
        let (found, missing): (Vec<PathBuf>, Vec<PathBuf>) = loaded
            .config
            .library
            .iter()
            .cloned()
            .partition(|p| p.exists());
        config_notes.extend(missing.iter().map(|p| {
            format!(
                "library folder {} does not exist; skipped",
                dossier::sanitize::sanitize_line(&p.display().to_string())
            )
        }));
        found
    } else {
        paths
    };
    let theme = choose_theme(loaded.config.theme);
    let folder = library_folder::resolve(
        paths,
        Path::new("."),
        library_folder::default_data_dir().as_deref(),
    )?;
    if let Some(note) = &folder.note {
        eprintln!("dossier: {note}");
    }
    // The list comes from the index as it is; the files are compared with it in the
    // background while the reader runs.
    let (worker, index_note) = IndexWorker::start(&folder.sources);
    let articles = worker.articles();
    let mut store = Store::open_for_reader(state, SaverConfig::default());
    let store_messages = store.take_messages();
    let stop = stop_flag().context("cannot listen for termination signals")?;

    let mut guard = terminal::enter().context("cannot set up the terminal")?;
    let size = guard.terminal.size()?;
    let screen = Rect::new(0, 0, size.width, size.height);
    let mut app = App::new(
        articles,
        worker.bodies(),
        folder.sources,
        screen,
        dossier::extract_entities,
        store,
    )
    .configure(&loaded.config, theme);
    app.indexing = Some("Indexing…".into());
    if !store_messages.is_empty() {
        // What happened to the state file matters more than the library folder's note, which
        // was also printed before the screen changed.
        app.message = Some(Message {
            text: dossier::sanitize::sanitize(&store_messages.join(" ")).replace('\n', " "),
            warning: true,
        });
    } else if let Some(first) = config_notes.first() {
        let more = match config_notes.len() {
            1 => String::new(),
            n => format!(" ({} more: `dossier config check` lists them)", n - 1),
        };
        app.message = Some(Message {
            text: format!("{first}{more}").replace('\n', " "),
            warning: true,
        });
    } else if let Some(note) = folder.note {
        app.message.get_or_insert(Message {
            text: note,
            warning: false,
        });
    } else if let Some(note) = index_note {
        app.message.get_or_insert(Message {
            text: dossier::sanitize::sanitize_line(&note),
            warning: true,
        });
    }
    // The first frame goes up before anything that can wait: setting up the fetcher looks
    // through the library folder for leftovers of an interrupted save.
    sync_size(&guard.terminal, &mut app)?;
    guard
        .terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))?;
    let fetcher = new_fetcher(places, &app.sources);
    let result = run_loop(&mut guard.terminal, &mut app, &stop, &fetcher, &worker);
    // Whatever ended the loop (quit, signal, error), the notes go to disk before the terminal
    // is given back.
    let flushed = app.store.flush(FLUSH_TIMEOUT);
    drop(guard);
    result?;
    flushed.map_err(|err| anyhow::anyhow!("your changes may not be saved: {err}"))
}

/// The theme for `choice`, after `NO_COLOR` and, for `auto`, the terminal's background:
/// `COLORFGBG` if set, else the terminal's answer to an OSC 11 query (a terminal that does not
/// answer costs at most the timeout, and leaves the dark theme).
fn choose_theme(choice: ThemeChoice) -> Theme {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let background = if choice == ThemeChoice::Auto && !no_color {
        std::env::var("COLORFGBG")
            .ok()
            .and_then(|v| theme::background_from_colorfgbg(&v))
            .or_else(terminal::background)
    } else {
        None
    };
    Theme::choose(choice, no_color, background)
}

/// Set when a termination signal arrives; the loop checks it on every tick.
fn stop_flag() -> std::io::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    Ok(stop)
}

/// Terminal events, read on a thread of its own so the loop never blocks inside the terminal
/// library: once the terminal hangs up (a closed window, a dropped ssh connection), crossterm
/// reads end-of-file forever without returning, and the loop must still see the SIGHUP, save
/// and leave.
struct Input {
    events: Receiver<std::io::Result<Event>>,
    /// Asks the thread to stay out of crossterm (it holds crossterm's reader lock while it
    /// reads, and resuming from a suspend needs that lock to ask where the cursor is).
    paused: Arc<AtomicBool>,
    /// Set by the thread while it is paused.
    idle: Arc<AtomicBool>,
}

impl Input {
    /// How long the thread waits for an event before looking at `paused` again.
    const POLL: Duration = Duration::from_millis(50);

    fn spawn() -> std::io::Result<Self> {
        let (sender, events) = mpsc::channel();
        let paused = Arc::new(AtomicBool::new(false));
        let idle = Arc::new(AtomicBool::new(false));
        let (thread_paused, thread_idle) = (Arc::clone(&paused), Arc::clone(&idle));
        std::thread::Builder::new()
            .name("dossier-input".into())
            .spawn(move || {
                loop {
                    if thread_paused.load(Ordering::Acquire) {
                        thread_idle.store(true, Ordering::Release);
                        std::thread::sleep(Duration::from_millis(10));
                        continue;
                    }
                    let event = match event::poll(Self::POLL) {
                        Ok(false) => continue,
                        Ok(true) => event::read(),
                        Err(err) => Err(err),
                    };
                    let failed = event.is_err();
                    if sender.send(event).is_err() || failed {
                        return;
                    }
                }
            })?;
        Ok(Self {
            events,
            paused,
            idle,
        })
    }

    /// Keeps the thread out of crossterm until `resume`; waits (briefly) until it is.
    fn pause(&self) {
        self.idle.store(false, Ordering::Release);
        self.paused.store(true, Ordering::Release);
        let start = std::time::Instant::now();
        while !self.idle.load(Ordering::Acquire) && start.elapsed() < Duration::from_secs(1) {
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn resume(&self) {
        self.paused.store(false, Ordering::Release);
    }
}

/// Fetched articles go into the `--library` folder, else the folder the reader opened when it
/// opened exactly one, else the default library folder.
fn new_fetcher(places: &Places, sources: &[PathBuf]) -> Fetcher {
    let library = places
        .library
        .clone()
        .or_else(|| match sources {
            [only] if only.is_dir() => Some(only.clone()),
            _ => None,
        })
        .or_else(|| crate::cli::feed::library_folder().ok())
        .unwrap_or_else(|| PathBuf::from("articles"));
    let feeds_path = dossier::feeds::feeds_path(places.feeds.as_deref());
    Fetcher::new(
        dossier::intake::Intake::new(dossier::fetch::Client::new(places.limits()), library),
        feeds_path,
    )
}

fn run_loop(
    terminal: &mut Tui,
    app: &mut App,
    stop: &AtomicBool,
    fetcher: &Fetcher,
    worker: &IndexWorker,
) -> anyhow::Result<()> {
    let input = Input::spawn().context("cannot start reading the keyboard")?;
    let mut redraw = true;
    let mut save_failing = false;
    let mut clipboard = clipboard::Clipboard::default();
    loop {
        if redraw {
            sync_size(terminal, app)?;
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            redraw = false;
        }
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        redraw |= report_saves(app, &mut save_failing);
        let mut reports = fetcher.poll();
        if reports
            .iter()
            .any(|r| matches!(r, crate::app::Report::Finished { .. }))
        {
            // Fetched articles were saved into the library: the index reads them next.
            worker.sync_again();
        }
        reports.extend(worker.poll());
        let mut actions = Vec::new();
        // The index's answers wait in the inbox too.
        if !reports.is_empty() || !app.inbox.is_empty() {
            app.inbox.extend(reports);
            actions.push(Action::TakeReports);
        } else {
            // While the index answers a question, its answer is looked for often.
            let wait = if app.library_waiting.is_some() {
                ASKED_TICK
            } else {
                TICK
            };
            match input.events.recv_timeout(wait) {
                Ok(event) => actions = actions_for(app, &event?),
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
        for action in actions {
            redraw = true;
            match update(app, action) {
                Some(Effect::Quit) => return Ok(()),
                Some(Effect::Save) => app.store.request_save(),
                Some(Effect::AddUrl(url)) => fetcher.add_url(url),
                Some(Effect::RefreshFeeds) => fetcher.refresh(),
                Some(Effect::QueryLibrary { serial, request }) => {
                    if let Some(report) =
                        worker.ask(serial, *request, app.store.state(), app.store.corrections())
                    {
                        app.inbox.push_back(report);
                    }
                }
                Some(Effect::Suspend) => {
                    input.pause();
                    let suspended = suspend(terminal, app);
                    input.resume();
                    suspended?;
                }
                Some(Effect::OpenUrl(url)) => {
                    app.message = Some(match browser::open(&url) {
                        Ok(program) => Message {
                            text: format!(
                                "Opened {} with {}",
                                dossier::sanitize::sanitize_line(&url),
                                dossier::sanitize::sanitize_line(&program)
                            ),
                            warning: false,
                        },
                        Err(err) => Message {
                            text: format!(
                                "Could not start the browser ({err}); set BROWSER to the program to use"
                            ),
                            warning: true,
                        },
                    });
                }
                Some(Effect::Copy { text, what }) => {
                    app.message = Some(match clipboard.copy(terminal.backend_mut(), &text) {
                        Ok(place) => Message {
                            text: format!("Copied {what} to the {place}"),
                            warning: false,
                        },
                        Err(err) => Message {
                            text: format!("Could not copy: {err}"),
                            warning: true,
                        },
                    });
                }
                None => {}
            }
        }
    }
}

/// Brings the app to the terminal's size before drawing. ratatui draws at the terminal's size
/// whatever the app believes; a resize event still queued (or coalesced away, as signals are)
/// would otherwise leave clicks hit-testing a layout that is no longer on screen.
fn sync_size(terminal: &Tui, app: &mut App) -> std::io::Result<()> {
    let size = terminal.size()?;
    if (size.width, size.height) != (app.screen.width, app.screen.height) {
        update(
            app,
            Action::Resize {
                width: size.width,
                height: size.height,
            },
        );
    }
    Ok(())
}

/// Shows what the saver reported; returns whether the screen changed.
fn report_saves(app: &mut App, failing: &mut bool) -> bool {
    let mut changed = false;
    for event in app.store.poll_saves() {
        changed = true;
        app.message = Some(match event {
            SaveEvent::Saved if *failing => {
                *failing = false;
                Message {
                    text: "Saved".to_owned(),
                    warning: false,
                }
            }
            SaveEvent::Saved => continue,
            SaveEvent::Failed { message, retry_in } => {
                *failing = true;
                Message {
                    text: format!(
                        "Not saved: {message}. Trying again in {}s; your changes are kept meanwhile.",
                        retry_in.as_secs().max(1)
                    ),
                    warning: true,
                }
            }
            SaveEvent::Merged { message } => Message {
                text: message,
                warning: false,
            },
        });
    }
    // Saving without the background saver reports through the store's messages.
    let messages = app.store.take_messages();
    if !messages.is_empty() {
        changed = true;
        app.message = Some(Message {
            text: messages.join(" "),
            warning: true,
        });
    }
    changed
}

/// Saves, gives the terminal back and stops the process (as the shell's Ctrl-Z would have);
/// on `fg`, takes the terminal again and redraws everything.
fn suspend(terminal: &mut Tui, app: &mut App) -> anyhow::Result<()> {
    let saved = app.store.flush(FLUSH_TIMEOUT);
    terminal::restore()?;
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    terminal::resume()?;
    terminal.clear()?;
    let size = terminal.size()?;
    update(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    if let Err(err) = saved {
        app.message = Some(Message {
            text: format!("Not saved before suspending: {err}"),
            warning: true,
        });
    }
    Ok(())
}

/// The one place terminal events become actions. A paste is one edit per character.
fn actions_for(app: &App, event: &Event) -> Vec<Action> {
    let scope = app.scope();
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let bound = Key::from_event(*key).and_then(|k| app.keymap.dispatch(scope, k));
            let action = match bound {
                Some(action) => Some(action),
                None if scope.takes_text() => edit_key(*key).map(Action::Edit),
                None => None,
            };
            action.into_iter().collect()
        }
        Event::Paste(text) if scope.takes_text() => text
            .replace("\r\n", "\n")
            .chars()
            .map(|c| Action::Edit(EditKey::Insert(c)))
            .collect(),
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            let action = match mouse.kind {
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
            };
            action.into_iter().collect()
        }
        Event::Resize(width, height) => vec![Action::Resize {
            width: *width,
            height: *height,
        }],
        _ => Vec::new(),
    }
}

/// What a key does to text being typed, when the key table does not bind it.
fn edit_key(key: KeyEvent) -> Option<EditKey> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        TermCode::Char('b') if alt => EditKey::WordLeft,
        TermCode::Char('f') if alt => EditKey::WordRight,
        TermCode::Char('u') if ctrl => EditKey::DeleteToLineStart,
        TermCode::Char('k') if ctrl => EditKey::DeleteToLineEnd,
        TermCode::Char('w') if ctrl => EditKey::DeleteWordLeft,
        TermCode::Backspace if ctrl || alt => EditKey::DeleteWordLeft,
        TermCode::Char(c) if !ctrl && !alt => EditKey::Insert(c),
        TermCode::Enter => EditKey::Newline,
        TermCode::Backspace => EditKey::Backspace,
        TermCode::Delete => EditKey::Delete,
        TermCode::Left if ctrl => EditKey::WordLeft,
        TermCode::Right if ctrl => EditKey::WordRight,
        TermCode::Left => EditKey::Left,
        TermCode::Right => EditKey::Right,
        TermCode::Up => EditKey::Up,
        TermCode::Down => EditKey::Down,
        TermCode::Home => EditKey::Home,
        TermCode::End => EditKey::End,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyEventKind, KeyEventState};

    use super::*;

    fn key(code: TermCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    /// A disk that refuses every write.
    struct FullDisk;

    impl dossier::store::Fs for FullDisk {
        fn create_temp(
            &mut self,
            _dir: &Path,
            _prefix: &str,
        ) -> std::io::Result<(PathBuf, std::fs::File)> {
            Err(std::io::Error::other("no space left on device"))
        }
        fn write(&mut self, _file: &mut std::fs::File, _bytes: &[u8]) -> std::io::Result<()> {
            Ok(())
        }
        fn sync_file(&mut self, _file: &std::fs::File) -> std::io::Result<()> {
            Ok(())
        }
        fn rename(&mut self, _from: &Path, _to: &Path) -> std::io::Result<()> {
            Ok(())
        }
        fn sync_dir(&mut self, _dir: &Path) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_save_is_shown_and_the_change_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let options =
            dossier::store::OpenOptions::new(dir.path().join("state.json")).fs(Box::new(FullDisk));
        let mut store = Store::open(options).expect("opened");
        store
            .start_saver(SaverConfig {
                quiet: Duration::from_millis(1),
                max_delay: Duration::from_millis(5),
                retry_first: Duration::from_secs(30),
                retry_max: Duration::from_secs(30),
            })
            .expect("saver started");
        let library = crate::ui::test_articles::library();
        let mut app = crate::ui::test_articles::app_with(library, store, 120, 40);
        assert_eq!(update(&mut app, Action::ToggleRead), Some(Effect::Save));
        app.store.request_save();
        let mut failing = false;
        let start = std::time::Instant::now();
        while !failing && start.elapsed() < Duration::from_secs(10) {
            report_saves(&mut app, &mut failing);
            std::thread::sleep(Duration::from_millis(5));
        }
        let message = app.message.clone().expect("a message");
        assert!(message.warning);
        assert!(
            message.text.starts_with("Not saved: ")
                && message.text.contains("no space left on device")
                && message
                    .text
                    .ends_with("Trying again in 30s; your changes are kept meanwhile."),
            "{}",
            message.text
        );
        assert!(app.read[0], "the change is still there");
        assert!(app.store.has_unsaved_changes());
    }

    #[test]
    fn editing_keys_include_the_word_moves_of_both_traditions() {
        let none = KeyModifiers::NONE;
        let cases = [
            (key(TermCode::Char('é'), none), Some(EditKey::Insert('é'))),
            (
                key(TermCode::Char('B'), KeyModifiers::SHIFT),
                Some(EditKey::Insert('B')),
            ),
            (
                key(TermCode::Char('b'), KeyModifiers::ALT),
                Some(EditKey::WordLeft),
            ),
            (
                key(TermCode::Char('f'), KeyModifiers::ALT),
                Some(EditKey::WordRight),
            ),
            (
                key(TermCode::Left, KeyModifiers::CONTROL),
                Some(EditKey::WordLeft),
            ),
            (key(TermCode::Backspace, none), Some(EditKey::Backspace)),
            (key(TermCode::Enter, none), Some(EditKey::Newline)),
            (key(TermCode::Char('x'), KeyModifiers::CONTROL), None),
            (key(TermCode::F(2), none), None),
        ];
        for (event, expected) in cases {
            assert_eq!(edit_key(event), expected, "{event:?}");
        }
    }
}
