//! Every screen state that matters, at a roomy and a small terminal, reached by actions.

use std::path::PathBuf;

use dossier::Library;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Color;

use super::test_articles::{app, entities};
use crate::action::Action as A;
use crate::app::{App, update};

const SIZES: [(u16, u16); 2] = [(120, 40), (60, 20)];

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.screen.width, app.screen.height))
        .expect("test terminal");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("drawn");
    terminal
}

fn after(mut app: App, actions: &[A]) -> App {
    for action in actions {
        update(&mut app, *action);
    }
    app
}

/// Snapshots the screen after `actions` at each size, as `{name}_{w}x{h}`.
#[track_caller]
fn snapshot_each_size(name: &str, actions: &[A]) {
    for (width, height) in SIZES {
        let app = after(app(width, height), actions);
        assert_snapshot!(format!("{name}_{width}x{height}"), draw(&app).backend());
    }
}

#[test]
fn list_and_reading_pane() {
    snapshot_each_size("list_and_reading", &[]);
}

#[test]
fn reading_pane_scrolled() {
    snapshot_each_size(
        "reading_scrolled",
        &[A::OpenArticle, A::PageDown, A::NextParagraph, A::LineDown],
    );
}

#[test]
fn another_article_open() {
    snapshot_each_size("second_article", &[A::SelectNextArticle, A::OpenArticle]);
}

#[test]
fn sidebar_focus() {
    snapshot_each_size("sidebar_focus", &[A::FocusPreviousPane, A::NextEntity]);
}

#[test]
fn help_overlay() {
    snapshot_each_size("help", &[A::ToggleHelp]);
}

#[test]
fn help_overlay_scrolled() {
    let app = after(
        app(60, 20),
        &[A::ToggleHelp, A::HelpScrollDown, A::HelpScrollDown],
    );
    assert_snapshot!("help_scrolled_60x20", draw(&app).backend());
}

#[test]
fn too_small() {
    for (width, height) in [(39, 20), (120, 9), (20, 4)] {
        let app = after(app(120, 40), &[A::Resize { width, height }]);
        assert_snapshot!(format!("too_small_{width}x{height}"), draw(&app).backend());
    }
}

#[test]
fn empty_library() {
    for (width, height) in SIZES {
        let app = crate::ui::test_articles::new_app(
            Library::default(),
            vec![PathBuf::from("/home/reader/.local/share/dossier/articles")],
            Rect::new(0, 0, width, height),
            entities,
            crate::ui::test_articles::memory_store(),
            Vec::new(),
        );
        assert_snapshot!(
            format!("empty_library_{width}x{height}"),
            draw(&app).backend()
        );
    }
}

#[test]
fn skipped_files_show_in_the_status_bar() {
    let mut library = super::test_articles::library();
    library.skipped.push(dossier::Skipped {
        path: PathBuf::from("/library/notes.pdf"),
        reason: "/library/notes.pdf: no readable text was found in it".into(),
    });
    let app = crate::ui::test_articles::new_app(
        library,
        Vec::new(),
        Rect::new(0, 0, 120, 40),
        entities,
        crate::ui::test_articles::memory_store(),
        Vec::new(),
    );
    let terminal = draw(&app);
    let status = row_text(terminal.backend().buffer(), 39);
    assert!(
        status.starts_with(" 1 file skipped: notes.pdf (no readable text was found in it)"),
        "{status}"
    );
}

fn row_text(buf: &Buffer, row: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, row)].symbol())
        .collect::<String>()
}

fn find(buf: &Buffer, text: &str) -> Position {
    for y in 0..buf.area.height {
        let row = row_text(buf, y);
        if let Some(byte) = row.find(text) {
            let x = u16::try_from(row[..byte].chars().count()).expect("fits");
            return Position::new(x, y);
        }
    }
    panic!("{text:?} is not on screen");
}

#[test]
fn the_selection_and_focus_are_highlighted() {
    let terminal = draw(&app(120, 40));
    let buf = terminal.backend().buffer();
    let title = find(buf, "The quiet return");
    assert_eq!(buf[title].bg, Color::Cyan, "focused selection");
    assert_eq!(buf[(0, 0)].fg, Color::Cyan, "focused border");
    let reading_corner = find(buf, "╭ Reading");
    assert_eq!(buf[reading_corner].fg, Color::DarkGray, "unfocused border");

    let terminal = draw(&after(app(120, 40), &[A::FocusRight]));
    let buf = terminal.backend().buffer();
    let title = find(buf, "The quiet return");
    assert_eq!(buf[title].bg, Color::DarkGray, "selection without focus");
    let entity_row = find(buf, "Emomali Rahmon").y;
    let count = (0..buf.area.width)
        .rev()
        .map(|x| Position::new(x, entity_row))
        .find(|p| buf[*p].symbol() == "3")
        .expect("the selected entity's count is drawn");
    assert_ne!(
        buf[count].fg, buf[count].bg,
        "every cell of a selected row stays readable, the mention count included"
    );
    let bar = find(buf, "▌");
    assert_eq!(buf[bar].fg, Color::Cyan, "current paragraph bar");
    let number = Position::new(bar.x - 2, bar.y);
    assert_eq!(buf[number].symbol(), "1");
    assert_eq!(buf[number].fg, Color::Cyan, "current paragraph number");
}

#[test]
fn file_names_reach_the_screen_sanitized() {
    let app = crate::ui::test_articles::new_app(
        Library::default(),
        vec![PathBuf::from("/tmp/evil\u{1b}]0;owned\u{7}\u{202e}dir")],
        Rect::new(0, 0, 120, 40),
        entities,
        crate::ui::test_articles::memory_store(),
        Vec::new(),
    );
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    for cell in &buf.content {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || c == '\u{202e}'),
            "{:?} reached the screen",
            cell.symbol()
        );
    }
    find(buf, "/tmp/evildir");
}

#[test]
fn every_size_from_tiny_to_huge_renders() {
    let mut app = app(120, 40);
    for width in [0, 1, 10, 39, 40, 41, 59, 60, 99, 100, 101, 180, 400] {
        for height in [0, 1, 9, 10, 11, 20, 40, 120] {
            update(&mut app, A::Resize { width, height });
            let _ = draw(&app);
        }
    }
}

/// Types `text` into whatever takes text.
fn typed(text: &str) -> Vec<A> {
    text.chars()
        .map(|c| A::Edit(crate::app::EditKey::Insert(c)))
        .collect()
}

/// Reading pane focused on paragraph 3, which has a note.
fn with_note_on_third() -> Vec<A> {
    let mut actions = vec![
        A::FocusRight,
        A::NextParagraph,
        A::NextParagraph,
        A::EditNote,
    ];
    actions.extend(typed(
        "Check these figures against the budget office's own.",
    ));
    actions.push(A::SaveNote);
    actions
}

#[test]
fn note_marker_and_inline_note() {
    snapshot_each_size("note_inline", &with_note_on_third());
}

#[test]
fn note_editor_open() {
    let mut actions = with_note_on_third();
    actions.push(A::NextParagraph);
    actions.push(A::EditNote);
    actions.extend(typed(
        "A second thought, long enough to wrap onto another row of the box.",
    ));
    actions.push(A::Edit(crate::app::EditKey::Newline));
    actions.extend(typed("New line."));
    snapshot_each_size("note_editor", &actions);
}

#[test]
fn notes_list_with_an_orphaned_note() {
    for (width, height) in SIZES {
        let mut app = after(app(width, height), &with_note_on_third());
        let mut on_second = vec![
            A::SelectNextArticle,
            A::OpenArticle,
            A::NextParagraph,
            A::EditNote,
        ];
        on_second.extend(typed("This paragraph will be rewritten"));
        on_second.push(A::SaveNote);
        app = after(app, &on_second);
        let store = std::mem::replace(&mut app.store, dossier::Store::in_memory());
        let mut edited = super::test_articles::library();
        edited.articles[1].paragraphs[1].text = "Zebras were quietly counted.".into();
        edited.articles[1]
            .paragraphs
            .push(dossier::Paragraph::body("Closing remarks."));
        let mut again = super::test_articles::app_with(edited, store, width, height);
        // Paragraph 2 has no note any more; add one on paragraph 3, then list them.
        let mut actions = vec![A::FocusRight, A::LastParagraph, A::AddNote];
        actions.extend(typed("Still here"));
        actions.extend([A::SaveNote, A::ShowNotes]);
        again = after(again, &actions);
        assert_snapshot!(
            format!("notes_list_orphaned_{width}x{height}"),
            draw(&again).backend()
        );
    }
}

#[test]
fn delete_confirmation() {
    let mut actions = with_note_on_third();
    actions.push(A::DeleteNote);
    snapshot_each_size("delete_confirmation", &actions);
}

#[test]
fn sidebar_rename_prompt() {
    let mut actions = vec![A::FocusPreviousPane, A::NextEntity, A::RenameEntity];
    actions.extend(typed(" (President)"));
    snapshot_each_size("rename_prompt", &actions);
}

#[test]
fn the_note_marker_stands_out_in_the_gutter() {
    let app = after(app(120, 40), &with_note_on_third());
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    let marker = find(buf, super::reading_pane::NOTE_MARKER);
    assert_eq!(buf[marker].fg, Color::Magenta, "the marker's colour");
    let number = Position::new(marker.x - 1, marker.y);
    assert_eq!(buf[number].symbol(), "3", "beside paragraph 3's number");
    let note = find(buf, "┆ Check these figures");
    assert_eq!(buf[note].fg, Color::Magenta, "the inline note's colour");
    assert!(
        buf[note]
            .modifier
            .contains(ratatui::style::Modifier::ITALIC)
    );
}

#[test]
fn a_store_that_cannot_save_says_so_on_every_screen() {
    let store = dossier::Store::unsaved("the disk is read-only");
    let app = super::test_articles::app_with(super::test_articles::library(), store, 120, 40);
    let terminal = draw(&app);
    let status = row_text(terminal.backend().buffer(), 39);
    assert!(status.ends_with(" not saving · 1/3 "), "{status}");
}

#[test]
fn notes_from_the_state_file_reach_the_screen_sanitized() {
    let mut app = app(120, 40);
    let id = app
        .open_id()
        .cloned()
        .expect("the open article has a record");
    let paragraphs = app.open_article().expect("open").paragraphs.clone();
    app.store
        .add_note(&id, &paragraphs, 0, "red\u{1b}[31m al\u{7}ert")
        .expect("note added");
    // Reopening reads the notes from the store again.
    let app = after(app, &[A::OpenArticle]);
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    find(buf, "┆ red alert");
    assert!(
        !buf.content
            .iter()
            .any(|c| c.symbol().chars().any(char::is_control))
    );
}

/// Sizes for the highlight screens: a small terminal and a large one.
const HIGHLIGHT_SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

/// An article naming people, a group and a country, with accents, in long paragraphs.
fn named_library() -> Library {
    let paragraphs: Vec<String> = (1..=12)
        .map(|i| {
            format!(
                "Paragraph {i}. Zoë Ångström told NATO envoys in Kazakhstan that the \
                 numbers did not add up, and the envoys, who had heard as much from Zoë \
                 Ångström before, asked for the ministry's own figures."
            )
        })
        .collect();
    let texts: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    Library {
        articles: vec![super::test_articles::article("Envoys and figures", &texts)],
        skipped: Vec::new(),
    }
}

/// The entities of `named_library`, found where their names are in the text.
fn named_entities(article: &dossier::Article) -> dossier::Entities {
    let entity = |kind, name: &str, forms: &[&str]| dossier::Entity {
        kind,
        name: name.into(),
        reason: String::new(),
        byline: false,
        mentions: article
            .paragraphs
            .iter()
            .enumerate()
            .flat_map(|(paragraph, p)| {
                forms.iter().flat_map(move |form| {
                    p.text
                        .match_indices(form)
                        .map(move |(start, m)| dossier::Mention {
                            paragraph,
                            start,
                            end: start + m.len(),
                        })
                })
            })
            .collect(),
    };
    use dossier::EntityKind as K;
    dossier::Entities {
        entities: vec![
            entity(K::Person, "Zoë Ångström", &["Zoë Ångström"]),
            entity(K::Group, "NATO", &["NATO"]),
            entity(K::Country, "Kazakhstan", &["Kazakhstan"]),
        ],
    }
}

fn named_app(width: u16, height: u16) -> App {
    let library = named_library();
    let keys = super::test_articles::keys_for(&library);
    crate::ui::test_articles::new_app(
        library,
        vec![PathBuf::from("/library")],
        Rect::new(0, 0, width, height),
        named_entities,
        super::test_articles::memory_store(),
        keys,
    )
}

/// Every cell on screen showing `text`'s characters, found through the word's first cell.
fn cells_of(buf: &Buffer, text: &str) -> Vec<Position> {
    let mut found = Vec::new();
    for y in 0..buf.area.height {
        let row = row_text(buf, y);
        for (byte, _) in row.match_indices(text) {
            let x = u16::try_from(row[..byte].chars().count()).expect("fits");
            let width = u16::try_from(text.chars().count()).expect("fits");
            found.extend((x..x + width).map(|x| Position::new(x, y)));
        }
    }
    found
}

#[test]
fn the_selected_entitys_mentions_are_highlighted_by_kind() {
    for (width, height) in HIGHLIGHT_SIZES {
        // Sidebar: the person is selected; then the group, then reading with the group's
        // mentions kept.
        let person = after(named_app(width, height), &[A::FocusPreviousPane]);
        assert_snapshot!(
            format!("mentions_person_{width}x{height}"),
            draw(&person).backend()
        );
        let terminal = draw(&person);
        let buf = terminal.backend().buffer();
        let reading = person
            .layout()
            .expect("a layout")
            .inner(crate::app::Focus::Reading);
        let in_reading = |p: &Position| reading.contains(*p);
        let zoe: Vec<Position> = cells_of(buf, "Zoë")
            .into_iter()
            .filter(in_reading)
            .collect();
        assert!(!zoe.is_empty());
        for cell in &zoe {
            assert_eq!(
                (buf[*cell].fg, buf[*cell].bg),
                (Color::Black, Color::Yellow)
            );
        }
        let envoys = cells_of(buf, "envoys")
            .into_iter()
            .find(in_reading)
            .expect("plain text on screen");
        assert_eq!(buf[envoys].bg, Color::Reset, "other words are left alone");

        let group = after(
            named_app(width, height),
            &[
                A::FocusPreviousPane,
                A::NextEntity,
                A::FocusNextPane,
                A::FocusRight,
            ],
        );
        assert_snapshot!(
            format!("mentions_group_{width}x{height}"),
            draw(&group).backend()
        );
        let terminal = draw(&group);
        let buf = terminal.backend().buffer();
        for cell in cells_of(buf, "NATO").iter().filter(|p| in_reading(p)) {
            assert_eq!((buf[*cell].fg, buf[*cell].bg), (Color::Black, Color::Green));
        }
        let zoe = cells_of(buf, "Zoë")
            .into_iter()
            .find(in_reading)
            .expect("on screen");
        assert_eq!(
            buf[zoe].bg,
            Color::Reset,
            "only the selected entity lights up"
        );

        let country = after(
            named_app(width, height),
            &[A::FocusPreviousPane, A::LastEntity],
        );
        let terminal = draw(&country);
        let buf = terminal.backend().buffer();
        let cells: Vec<Position> = cells_of(buf, "Kazakhstan")
            .into_iter()
            .filter(in_reading)
            .collect();
        assert!(!cells.is_empty());
        for cell in cells {
            assert_eq!((buf[cell].fg, buf[cell].bg), (Color::White, Color::Blue));
        }
    }
}

#[test]
fn a_mention_across_a_line_break_is_highlighted_on_both_lines() {
    // At 80 columns the reading pane's lines break inside "Zoë Ångström" somewhere on screen.
    let app = after(named_app(80, 24), &[A::FocusPreviousPane]);
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    let reading = app
        .layout()
        .expect("a layout")
        .inner(crate::app::Focus::Reading);
    let ends_line = (reading.y..reading.bottom()).any(|y| {
        let row = row_text(buf, y);
        let x = row
            .trim_end_matches([' ', '│', '┃', '╮', '╯'])
            .chars()
            .count();
        row.trim_end_matches([' ', '│', '┃']).ends_with("Zoë")
            && buf[Position::new(u16::try_from(x).expect("fits").saturating_sub(1), y)].bg
                == Color::Yellow
    });
    let starts_line = (reading.y..reading.bottom()).any(|y| {
        let cell = cells_of(buf, "Ångström")
            .into_iter()
            .find(|p| p.y == y && reading.contains(*p));
        cell.is_some_and(|p| buf[p].bg == Color::Yellow)
    });
    assert!(
        ends_line || starts_line,
        "the name is highlighted where it breaks"
    );
}

#[test]
fn in_article_search_highlights_matches_and_the_current_one() {
    for (width, height) in HIGHLIGHT_SIZES {
        let mut actions = vec![A::FocusRight, A::StartSearch];
        actions.extend(typed("figures"));
        let typing = after(named_app(width, height), &actions);
        assert_snapshot!(
            format!("search_typing_{width}x{height}"),
            draw(&typing).backend()
        );
        let terminal = draw(&typing);
        let buf = terminal.backend().buffer();
        let status = row_text(buf, height - 1);
        assert!(status.starts_with(" /figures"), "{status}");
        assert!(status.trim_end().ends_with("1/12"), "{status}");
        let reading = typing
            .layout()
            .expect("a layout")
            .inner(crate::app::Focus::Reading);
        let matches: Vec<Position> = cells_of(buf, "figures")
            .into_iter()
            .filter(|p| reading.contains(*p))
            .collect();
        let current = matches.iter().filter(|p| buf[**p].bg == Color::LightRed);
        assert_eq!(current.count(), "figures".len(), "one current match");
        assert!(
            matches.iter().any(|p| buf[*p].bg == Color::Gray),
            "the other matches"
        );

        actions.extend([A::AcceptSearch, A::NextMatch]);
        let accepted = after(named_app(width, height), &actions);
        assert_snapshot!(
            format!("search_next_{width}x{height}"),
            draw(&accepted).backend()
        );
        let terminal = draw(&accepted);
        let status = row_text(terminal.backend().buffer(), height - 1);
        assert!(status.contains("/figures 2/12"), "{status}");
    }
}
mod library;
mod themes;

/// `named_entities` and a byline author the body never names.
fn entities_with_byline(article: &dossier::Article) -> dossier::Entities {
    let mut entities = named_entities(article);
    entities.entities.push(dossier::Entity {
        kind: dossier::EntityKind::Person,
        name: "Ann Writer".into(),
        reason: String::new(),
        byline: true,
        mentions: Vec::new(),
    });
    entities
}

#[test]
fn a_byline_author_without_mentions_is_marked_by_not_zero() {
    let library = named_library();
    let keys = super::test_articles::keys_for(&library);
    let app = crate::ui::test_articles::new_app(
        library,
        vec![PathBuf::from("/library")],
        Rect::new(0, 0, 120, 40),
        entities_with_byline,
        super::test_articles::memory_store(),
        keys,
    );
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    let at = find(buf, "Ann Writer");
    let row = row_text(buf, at.y);
    let after_name: String = row
        .chars()
        .skip(usize::from(at.x) + "Ann Writer".len())
        .collect();
    let cell = after_name.split('│').next().unwrap_or_default().trim();
    assert_eq!(cell, "by", "{row}");
}
