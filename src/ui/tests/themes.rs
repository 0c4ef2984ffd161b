//! The light and monochrome themes, and a key binding from a configuration file, on screen.
//! Snapshots hold the text; the cell checks hold what the text cannot show: that the
//! selection, the focused pane, a note mark and an unread article stand out in each theme.

use std::path::Path;

use insta::assert_snapshot;
use ratatui::buffer::Buffer;
use ratatui::layout::Position;
use ratatui::style::{Color, Modifier};

use super::{A, after, draw, find, row_text, with_note_on_third};
use crate::app::App;
use crate::config;
use crate::ui::test_articles::app;
use crate::ui::theme::Theme;

fn themed(theme: Theme, actions: &[A]) -> App {
    let config = config::Config::default();
    after(app(120, 40).configure(&config, theme), actions)
}

fn has(buf: &Buffer, at: Position, modifier: Modifier) -> bool {
    buf[at].modifier.contains(modifier)
}

#[test]
fn light_theme_reader() {
    let app = themed(Theme::light(), &[A::OpenArticle]);
    let terminal = draw(&app);
    assert_snapshot!("light_reading_120x40", terminal.backend());
    let buf = terminal.backend().buffer();
    let focused = find(buf, "┏");
    assert_eq!(buf[focused].fg, Color::Blue, "the focused pane's border");
    let bar = find(buf, "▌");
    assert_eq!(buf[bar].fg, Color::Blue, "the current paragraph");
    let title = find(buf, "The quiet return");
    assert_eq!(
        (buf[title].fg, buf[title].bg),
        (Color::Black, Color::Gray),
        "the selection of a pane without focus"
    );
    let app = themed(Theme::light(), &[]);
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    let title = find(buf, "The quiet return");
    assert_eq!(
        (buf[title].fg, buf[title].bg),
        (Color::White, Color::Blue),
        "the focused selection"
    );
    let unread = find(buf, "● Ports");
    assert_eq!(buf[unread].fg, Color::Blue, "the unread mark");
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            assert!(
                cell.symbol() == " "
                    || !matches!(cell.fg, Color::White | Color::Yellow)
                    || cell.bg == Color::Blue,
                "({x},{y}) {:?} is light text on a light background",
                cell.symbol()
            );
        }
    }
}

#[test]
fn monochrome_reader() {
    let app = themed(Theme::mono(), &with_note_on_third());
    let terminal = draw(&app);
    assert_snapshot!("mono_note_120x40", terminal.backend());
    let buf = terminal.backend().buffer();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "({x},{y}) has a colour"
            );
        }
    }
    let focused = find(buf, "┏");
    assert!(
        has(buf, focused, Modifier::BOLD),
        "the focused pane: thick and bold"
    );
    assert_eq!(find(buf, "╭").x, 0, "the unfocused list is thin");
    let bar = find(buf, "▌");
    let number = Position::new(bar.x - 2, bar.y);
    assert!(
        has(buf, number, Modifier::REVERSED),
        "the current paragraph's number"
    );
    let marker = find(buf, super::super::reading_pane::NOTE_MARKER);
    assert!(has(buf, marker, Modifier::BOLD), "the note mark");
    let title = find(buf, "The quiet return");
    assert!(
        has(buf, title, Modifier::UNDERLINED),
        "the selection of a pane without focus"
    );
    let unread = find(buf, "● Ports");
    assert!(has(buf, unread, Modifier::BOLD), "the unread mark");

    let app = themed(Theme::mono(), &[A::FocusPreviousPane, A::NextEntity]);
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    let entity = find(buf, "Nursultan Nazarbayev");
    assert!(
        has(buf, entity, Modifier::REVERSED),
        "the focused selection is in reverse video"
    );
}

#[test]
fn a_binding_from_the_configuration_reaches_dispatch_help_and_status_bar() {
    let text = "[keys.reading]\nNextParagraph = [\"J\", \"Down\"]\n";
    let (config, problems) = config::parse(text, Path::new("config.toml"));
    assert_eq!(problems, []);
    let app = after(
        app(120, 40).configure(&config, Theme::dark()),
        &[A::FocusRight],
    );
    let key = |c| crate::keys::Key::char(c);
    let scope = app.scope();
    assert_eq!(app.keymap.dispatch(scope, key('J')), Some(A::NextParagraph));
    assert_eq!(app.keymap.dispatch(scope, key('j')), None);

    let terminal = draw(&app);
    let status = row_text(terminal.backend().buffer(), 39);
    assert!(status.contains("J next paragraph"), "{status}");
    assert!(!status.contains("j next paragraph"), "{status}");

    let help = after(app, &[A::ToggleHelp]);
    let terminal = draw(&help);
    let buf = terminal.backend().buffer();
    let row = row_text(buf, find(buf, "J/Down").y);
    assert!(row.contains("next paragraph"), "{row}");
}
