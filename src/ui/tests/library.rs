//! The library screens: an entity page, library search results and a filtered list, at a
//! small and a large terminal, with the colours that carry meaning checked cell by cell.

use dossier::index::{Filter, Sort};
use dossier::{EntityKind, EntityRef};

use super::*;
use crate::app::{LibraryAnswer, Report};
use crate::ui::test_articles::{entity_page, hits, library};

fn answered(mut app: App, answer: LibraryAnswer) -> App {
    app.inbox.push_back(Report::Library {
        serial: app.library_serial,
        answer: Box::new(answer),
    });
    update(&mut app, A::TakeReports);
    app
}

/// The list filtered to the two articles that name Amira Haddad (the third and the first),
/// by title.
fn filtered_by_amira_haddad(app: App) -> App {
    let rows = vec![
        (app.articles[2].path.clone(), Some(7)),
        (app.articles[0].path.clone(), Some(1)),
    ];
    let filter = Filter {
        entity: Some(EntityRef::new(EntityKind::Person, "Amira Haddad")),
        ..Filter::default()
    };
    answered(
        app,
        LibraryAnswer::Listed {
            filter,
            sort: Sort::Title,
            rows,
        },
    )
}

fn style_at(buf: &Buffer, at: Position) -> (Color, Color) {
    (buf[at].fg, buf[at].bg)
}

#[test]
fn the_entity_page_lists_articles_and_notes_with_the_name_lit_by_kind() {
    for (width, height) in HIGHLIGHT_SIZES {
        let app = answered(
            app(width, height),
            LibraryAnswer::EntityPage(Box::new(entity_page(&library()))),
        );
        let terminal = draw(&app);
        assert_snapshot!(format!("entity_page_{width}x{height}"), terminal.backend());
        let buf = terminal.backend().buffer();
        let title = row_text(buf, 0);
        assert!(
            title.contains("Person: Amira Haddad · 2 articles · 4 mentions · 1 note"),
            "{title}"
        );
        // The first mention's sentence names her: a person's highlight, as in the reading pane.
        let said = find(buf, "said the border");
        let name = cells_of(buf, "Amira Haddad")
            .into_iter()
            .filter(|p| p.y == said.y)
            .collect::<Vec<_>>();
        assert!(!name.is_empty(), "the name is in the sentence's row");
        for cell in name {
            assert_eq!(style_at(buf, cell), (Color::Black, Color::Yellow));
        }
        assert_eq!(style_at(buf, said).1, Color::Reset, "the rest is not lit");
        // The surname alone, in the second article's sentence, is her too.
        let reached = find(buf, "Haddad was not reached");
        assert_eq!(style_at(buf, reached), (Color::Black, Color::Yellow));
        // The selected row is marked by the pointer and the selection colour.
        let selected = find(buf, "▸");
        assert_eq!(style_at(buf, selected).1, Color::Cyan);
        // The note, in the note colour.
        let note = find(buf, "Ask Haddad");
        assert_eq!(buf[note].fg, Color::Magenta);
    }
}

#[test]
fn search_results_show_the_matching_text_with_the_words_lit() {
    for (width, height) in HIGHLIGHT_SIZES {
        let app = answered(
            app(width, height),
            LibraryAnswer::Found {
                query: "budget".into(),
                hits: hits(&library()),
            },
        );
        let terminal = draw(&app);
        assert_snapshot!(
            format!("library_search_{width}x{height}"),
            terminal.backend()
        );
        let buf = terminal.backend().buffer();
        assert!(row_text(buf, 0).contains("Library search “budget” · 2 results"));
        // In the rows, not the title that repeats the query.
        let lit: Vec<Position> = cells_of(buf, "budget")
            .into_iter()
            .filter(|p| p.y > 0)
            .collect();
        assert_eq!(lit.len(), 2 * "budget".len(), "one word in each hit");
        for cell in lit {
            assert_eq!(style_at(buf, cell), (Color::Black, Color::Gray));
        }
        let place = find(buf, "note on ¶ 2");
        assert_eq!(
            buf[place].fg,
            Color::Gray,
            "where the hit is, in the meta colour"
        );
        // The status bar offers the keys of the results.
        let status = row_text(buf, height - 1);
        assert!(status.contains("Enter open at paragraph"), "{status}");
    }
}

#[test]
fn a_filtered_list_shows_its_filter_and_the_mention_counts() {
    for (width, height) in HIGHLIGHT_SIZES {
        let mut app = filtered_by_amira_haddad(app(width, height));
        update(&mut app, A::SelectFirstArticle);
        let terminal = draw(&app);
        assert_snapshot!(
            format!("filtered_list_{width}x{height}"),
            terminal.backend()
        );
        let buf = terminal.backend().buffer();
        let filter = find(buf, "2/3 · person Amira Haddad");
        let named = Position::new(filter.x + 6, filter.y);
        assert_eq!(
            buf[named].fg,
            Color::Yellow,
            "the filter stands out in the title"
        );
        let status = row_text(buf, height - 1);
        assert!(
            status.contains("person Amira Haddad · by title"),
            "{status}"
        );
        // The open article's row in the list as shown, not its place in the whole library.
        assert!(status.trim_end().ends_with("· 2/2"), "{status}");
        let untitled = find(buf, "Untitled notes");
        assert!(
            untitled.y < find(buf, "● The quiet return").y,
            "the index's order"
        );
        assert!(
            row_text(buf, untitled.y).contains("7×")
                || row_text(buf, untitled.y + 1).contains("7 mentions"),
            "the count is beside its article"
        );
        assert!(!row_text(buf, 1).contains("Ports, pipelines"), "not listed");
    }
}

#[test]
fn an_article_opened_from_results_that_the_filter_leaves_out_is_said_to_be_outside_the_list() {
    let mut app = answered(
        filtered_by_amira_haddad(app(120, 40)),
        LibraryAnswer::Found {
            query: "budget".into(),
            hits: hits(&library()),
        },
    );
    // The second hit is in the article the filter leaves out.
    update(&mut app, A::NextResult);
    update(&mut app, A::OpenResult);
    assert_eq!(app.open, Some(1));
    let terminal = draw(&app);
    let status = row_text(terminal.backend().buffer(), 39);
    assert!(
        status.contains("person Amira Haddad · by title · not in the list of 2"),
        "{status}"
    );
}
