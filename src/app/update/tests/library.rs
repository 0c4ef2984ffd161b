//! The library as a whole: filtering and sorting the list, entity pages and library search.
//! `update` asks with an effect; the answers are handed in as the loop would hand them.

use dossier::index::{Filter, Sort};
use dossier::{EntityKind, EntityRef};

use super::*;
use crate::app::{LibraryAnswer, LibraryRequest, LibraryView, ListView, Report};
use crate::keys::Scope;
use crate::ui::test_articles::{entity_page, hits, library};

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, A::Edit(crate::app::EditKey::Insert(c)));
    }
}

/// The question an effect asks the index, ignoring saves.
fn asked(effect: Option<Effect>) -> Option<LibraryRequest> {
    match effect {
        Some(Effect::QueryLibrary { request, .. }) => Some(*request),
        _ => None,
    }
}

/// Hands `answer` in as the loop does, through the inbox.
fn answer(app: &mut App, answer: LibraryAnswer) {
    let serial = app.library_serial;
    app.inbox.push_back(Report::Library {
        serial,
        answer: Box::new(answer),
    });
    update(app, A::TakeReports);
}

/// The whole list in title order, as the index would give it.
fn answer_by_title(app: &mut App, rows: Vec<(PathBuf, Option<usize>)>) {
    answer(
        app,
        LibraryAnswer::Listed {
            filter: Filter::default(),
            sort: Sort::Title,
            rows,
        },
    );
}

fn path(app: &App, index: usize) -> PathBuf {
    app.articles[index].path.clone()
}

fn listed(app: &App) -> Vec<usize> {
    (0..app.list_len())
        .filter_map(|row| app.listed(row))
        .collect()
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map_or_else(String::new, |m| m.text.clone())
}

#[test]
fn the_sidebar_entity_filters_the_list_with_counts_and_esc_clears_it() {
    let mut app = app(120, 40);
    // x.
    update(&mut app, A::FocusPreviousPane);
    let request = asked(update(&mut app, A::FilterByEntity)).expect("a question");
    let entity = EntityRef::new(EntityKind::Person, "Emomali Rahmon");
    let LibraryRequest::List { filter, sort, .. } = request else {
        panic!("a list request, not {request:?}");
    };
    assert_eq!(filter.entity.as_ref(), Some(&entity));
    assert_eq!(sort, Sort::Date);
    let rows = vec![
        (path(&app, 2), Some(3)),
        (PathBuf::from("/elsewhere/not-in-the-reader.md"), Some(5)),
        (path(&app, 0), Some(1)),
    ];
    answer(&mut app, LibraryAnswer::Listed { filter, sort, rows });
    assert_eq!(listed(&app), vec![2, 0]);
    assert_eq!(app.focus, Focus::List);
    let view = app.list_view.as_ref().expect("a filtered list");
    assert_eq!(view.mentions, vec![Some(3), Some(1)]);
    assert_eq!(view.describe(), "person Emomali Rahmon");
    assert!(message(&app).starts_with("2 articles · person Emomali Rahmon"));
    // The open article stays selected in the filtered list; Enter opens what the row shows.
    assert_eq!(app.list.selected, 1);
    update(&mut app, A::SelectFirstArticle);
    update(&mut app, A::OpenArticle);
    assert_eq!(app.open, Some(2));
    assert_eq!(app.focus, Focus::Reading);
    update(&mut app, A::FocusLeft);
    assert_eq!(asked(update(&mut app, A::ClearFilter)), None);
    assert_eq!(app.list_view, None);
    assert_eq!(app.list_len(), 3);
    assert_eq!(app.list.selected, 2, "the open article is still selected");
}

#[test]
fn sorting_steps_through_the_orders_and_survives_clearing_the_filter() {
    let mut app = app(120, 40);
    let request = asked(update(&mut app, A::CycleSort)).expect("a question");
    assert_eq!(
        request,
        LibraryRequest::List {
            filter: Filter::default(),
            sort: Sort::Title,
            entity_name: None
        }
    );
    let rows = vec![
        (path(&app, 1), None),
        (path(&app, 0), None),
        (path(&app, 2), None),
    ];
    answer_by_title(&mut app, rows);
    assert_eq!(listed(&app), vec![1, 0, 2]);
    assert_eq!(
        app.list_view.as_ref().map(ListView::describe).as_deref(),
        Some("by title")
    );
    assert_eq!(
        app.list.selected, 1,
        "the selected article keeps its selection"
    );
    update(&mut app, A::ClearFilter);
    assert_eq!(message(&app), "No filter to clear");
    assert!(app.list_view.is_some(), "the order is not a filter");
    let next = asked(update(&mut app, A::CycleSort)).expect("a question");
    assert!(matches!(
        next,
        LibraryRequest::List {
            sort: Sort::LastOpened,
            ..
        }
    ));
    // Back to date order: the reader's own order, no question needed.
    let rows = vec![(path(&app, 0), None)];
    answer(
        &mut app,
        LibraryAnswer::Listed {
            filter: Filter::default(),
            sort: Sort::LastOpened,
            rows,
        },
    );
    assert_eq!(asked(update(&mut app, A::CycleSort)), None);
    assert_eq!(app.list_view, None);
}

#[test]
fn the_filter_prompt_reads_conditions_and_starts_from_the_filter_in_force() {
    let mut app = app(120, 40);
    update(&mut app, A::FilterList);
    assert_eq!(app.scope(), Scope::Prompt);
    type_text(
        &mut app,
        "unread tag:policy entity:\"Amira Haddad\" sort:title",
    );
    let request = asked(update(&mut app, A::AcceptPrompt)).expect("a question");
    assert_eq!(app.mode, Mode::Normal);
    let LibraryRequest::List {
        filter,
        sort,
        entity_name,
    } = request
    else {
        panic!("a list request, not {request:?}");
    };
    assert!(filter.unread);
    assert_eq!(filter.tag.as_deref(), Some("policy"));
    assert_eq!(entity_name.as_deref(), Some("Amira Haddad"));
    assert_eq!(sort, Sort::Title);
    let mut resolved = filter.clone();
    resolved.entity = Some(EntityRef::new(EntityKind::Person, "Amira Haddad"));
    let rows = vec![(path(&app, 0), Some(2))];
    answer(
        &mut app,
        LibraryAnswer::Listed {
            filter: resolved,
            sort,
            rows,
        },
    );
    update(&mut app, A::FilterList);
    let Mode::LibraryPrompt(prompt) = &app.mode else {
        panic!("the prompt is open");
    };
    assert_eq!(
        prompt.input.text(),
        "unread tag:policy entity:\"Amira Haddad\" sort:title "
    );
    update(&mut app, A::CancelPrompt);
    assert_eq!(listed(&app), vec![0], "cancelling changes nothing");
}

#[test]
fn a_mistyped_filter_is_explained_and_changes_nothing() {
    let mut app = app(120, 40);
    update(&mut app, A::FilterList);
    type_text(&mut app, "unred");
    assert_eq!(asked(update(&mut app, A::AcceptPrompt)), None);
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.message.as_ref().is_some_and(|m| m.warning));
    assert!(
        message(&app).contains("“unred” is not a filter"),
        "{}",
        message(&app)
    );
    assert_eq!(app.list_view, None);
}

#[test]
fn an_entity_page_opens_an_article_at_the_paragraph_and_comes_back() {
    let mut app = app(120, 40);
    update(&mut app, A::FocusPreviousPane);
    let request = asked(update(&mut app, A::OpenEntityPage)).expect("a question");
    assert_eq!(
        request,
        LibraryRequest::EntityPage {
            entity: EntityRef::new(EntityKind::Person, "Emomali Rahmon"),
            rows: dossier::index::PAGE_ROWS,
        }
    );
    answer(
        &mut app,
        LibraryAnswer::EntityPage(Box::new(entity_page(&library()))),
    );
    assert_eq!(app.mode, Mode::Library);
    assert_eq!(app.scope(), Scope::Library);
    // Rows: two articles, then the note; the selection stops at the ends.
    update(&mut app, A::LastResult);
    update(&mut app, A::NextResult);
    assert_eq!(app.library.as_ref().map(|v| v.selected), Some(2));
    update(&mut app, A::OpenResult);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!((app.open, app.reading.current), (Some(0), 8));
    assert_eq!(app.focus, Focus::Reading);
    assert!(message(&app).starts_with("C-o goes back"));
    // Coming back shows the page at once and asks for it again, for notes written meanwhile;
    // the fresh page keeps the selection.
    let again = asked(update(&mut app, A::BackToResults));
    assert_eq!(app.mode, Mode::Library);
    let shown = EntityRef::new(EntityKind::Person, "Amira Haddad");
    assert_eq!(
        again,
        Some(LibraryRequest::EntityPage {
            entity: shown,
            rows: dossier::index::PAGE_ROWS,
        })
    );
    let mut fresh = entity_page(&library());
    fresh.notes.push(fresh.notes[0].clone());
    fresh.notes[1].text = "A second thought.".into();
    answer(&mut app, LibraryAnswer::EntityPage(Box::new(fresh)));
    assert_eq!(
        app.library.as_ref().map(|v| (v.selected, v.len())),
        Some((2, 4))
    );
    update(&mut app, A::FirstResult);
    update(&mut app, A::NextResult);
    update(&mut app, A::OpenResult);
    assert_eq!((app.open, app.reading.current), (Some(2), 0));
    update(&mut app, A::BackToResults);
    update(&mut app, A::CloseResults);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.open, Some(2), "closing leaves the article open");
}

#[test]
fn the_entity_page_filters_the_list_by_its_entity() {
    let mut app = app(120, 40);
    answer(
        &mut app,
        LibraryAnswer::EntityPage(Box::new(entity_page(&library()))),
    );
    let request = asked(update(&mut app, A::FilterByEntity)).expect("a question");
    assert!(matches!(
        request,
        LibraryRequest::List { filter: Filter { entity: Some(ref e), .. }, .. }
            if e.name == "Amira Haddad"
    ));
    let rows = vec![(path(&app, 0), Some(3))];
    answer_by_title(&mut app, rows);
    assert_eq!(app.mode, Mode::Normal, "the filtered list shows");
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn a_library_search_opens_the_hit_at_its_paragraph_with_the_words_lit() {
    let mut app = app(120, 40);
    update(&mut app, A::SearchLibrary);
    assert_eq!(app.scope(), Scope::Prompt);
    type_text(&mut app, "budget");
    let request = asked(update(&mut app, A::AcceptPrompt)).expect("a question");
    assert_eq!(request, LibraryRequest::Search("budget".into()));
    answer(
        &mut app,
        LibraryAnswer::Found {
            query: "budget".into(),
            hits: hits(&library()),
        },
    );
    assert_eq!(app.mode, Mode::Library);
    update(&mut app, A::OpenResult);
    assert_eq!((app.open, app.reading.current), (Some(0), 4));
    let search = app.search.as_ref().expect("the words are highlighted");
    assert_eq!(search.query, "budget");
    let current = search.current.map(|i| search.matches[i].paragraph);
    assert_eq!(current, Some(4), "the current match is at the hit");
    update(&mut app, A::BackToResults);
    update(&mut app, A::NextResult);
    update(&mut app, A::OpenResult);
    assert_eq!((app.open, app.reading.current), (Some(1), 1));
}

#[test]
fn an_empty_search_asks_nothing_and_no_hit_says_so() {
    let mut app = app(120, 40);
    update(&mut app, A::SearchLibrary);
    assert_eq!(asked(update(&mut app, A::AcceptPrompt)), None);
    answer(
        &mut app,
        LibraryAnswer::Found {
            query: "zebra".into(),
            hits: Vec::new(),
        },
    );
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(message(&app), "Nothing in the library matches “zebra”");
    update(&mut app, A::BackToResults);
    assert!(message(&app).starts_with("No entity page or search to go back to"));
}

#[test]
fn a_result_the_reader_does_not_hold_is_explained() {
    let mut app = app(120, 40);
    let mut gone = hits(&library());
    gone[0].article.path = PathBuf::from("/library/deleted.md");
    app.library = Some(LibraryView::new(crate::app::LibraryContent::Search {
        query: "budget".into(),
        hits: gone,
    }));
    update(&mut app, A::BackToResults);
    update(&mut app, A::OpenResult);
    assert_eq!(app.mode, Mode::Library, "the results stay");
    assert!(message(&app).contains("deleted.md is not in the reader's list"));
}

#[test]
fn an_index_that_cannot_answer_says_why() {
    let mut app = app(120, 40);
    answer(
        &mut app,
        LibraryAnswer::Failed("No person called \u{1b}[31mX".into()),
    );
    let message = app.message.as_ref().expect("a message");
    assert!(message.warning);
    assert!(
        !message.text.contains('\u{1b}'),
        "reaches the screen sanitized"
    );
}

#[test]
fn an_arrival_keeps_the_filtered_rows_on_their_articles() {
    let mut app = app(120, 40);
    let rows = vec![(path(&app, 2), Some(1))];
    answer(
        &mut app,
        LibraryAnswer::Listed {
            filter: Filter {
                unread: true,
                ..Filter::default()
            },
            sort: Sort::Date,
            rows,
        },
    );
    let title = app.articles[2].title.clone();
    app.inbox
        .push_back(Report::Arrived(Box::new(crate::app::Arrival {
            article: crate::ui::test_articles::article("Fresh from a feed", &["New."]),
            key: None,
        })));
    update(&mut app, A::TakeReports);
    assert_eq!(listed(&app), vec![3]);
    assert_eq!(app.articles[3].title, title);
}

#[test]
fn the_mouse_wheel_and_a_click_work_on_the_results() {
    let mut app = app(120, 40);
    answer(
        &mut app,
        LibraryAnswer::EntityPage(Box::new(entity_page(&library()))),
    );
    update(
        &mut app,
        A::Wheel {
            column: 10,
            row: 10,
            down: true,
        },
    );
    assert_eq!(app.library.as_ref().map(|v| v.selected), Some(1));
    update(
        &mut app,
        A::Click {
            column: 10,
            row: 10,
        },
    );
    assert_eq!(app.mode, Mode::Normal);
}

/// Hands in `answer` to the question asked with `serial`.
fn answer_to(app: &mut App, serial: u64, answer: LibraryAnswer) {
    app.inbox.push_back(Report::Library {
        serial,
        answer: Box::new(answer),
    });
    update(app, A::TakeReports);
}

#[test]
fn an_answer_to_a_question_asked_again_since_is_dropped() {
    let mut app = app(120, 40);
    update(&mut app, A::FocusPreviousPane);
    asked(update(&mut app, A::OpenEntityPage)).expect("a page asked for");
    let page_serial = app.library_serial;
    // The user searches before the page comes.
    update(&mut app, A::SearchLibrary);
    type_text(&mut app, "budget");
    let search = asked(update(&mut app, A::AcceptPrompt)).expect("a search asked for");
    assert_eq!(search, LibraryRequest::Search("budget".into()));
    assert!(app.library_serial > page_serial);
    answer_to(
        &mut app,
        page_serial,
        LibraryAnswer::EntityPage(Box::new(entity_page(&library()))),
    );
    assert_eq!(app.library, None, "the page came too late to be shown");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.library_waiting, Some(search));
    let serial = app.library_serial;
    answer_to(
        &mut app,
        serial,
        LibraryAnswer::Found {
            query: "budget".into(),
            hits: hits(&library()),
        },
    );
    assert_eq!(app.mode, Mode::Library);
    assert!(matches!(
        app.library.as_ref().map(|v| &v.content),
        Some(crate::app::LibraryContent::Search { .. })
    ));
    assert_eq!(app.library_waiting, None);
}

#[test]
fn keys_work_while_the_index_answers() {
    let mut app = app(120, 40);
    update(&mut app, A::FocusPreviousPane);
    asked(update(&mut app, A::OpenEntityPage)).expect("a page asked for");
    // The page is not there yet: the sidebar and the list still answer their keys.
    let entity = app.sidebar.selected;
    update(&mut app, A::NextEntity);
    assert_eq!(app.sidebar.selected, entity + 1);
    update(&mut app, A::FocusNextPane);
    assert_eq!(app.focus, Focus::List);
    let before = app.list.selected;
    update(&mut app, A::SelectNextArticle);
    assert_eq!(app.list.selected, before + 1);
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.library_waiting.is_some());
    // Then it comes, and shows.
    answer(
        &mut app,
        LibraryAnswer::EntityPage(Box::new(entity_page(&library()))),
    );
    assert_eq!(app.mode, Mode::Library);
    assert_eq!(app.library_waiting, None);
}

#[test]
fn scrolling_an_entity_page_loads_its_next_articles_once() {
    let mut app = app(120, 40);
    let mut page = entity_page(&library());
    let first = page.articles.clone();
    page.articles = first.iter().cycle().take(60).cloned().collect();
    page.total = 130;
    let entity = page.entity.clone();
    answer(&mut app, LibraryAnswer::EntityPage(Box::new(page)));
    // Far from the end of what is loaded: nothing asked.
    assert_eq!(asked(update(&mut app, A::NextResult)), None);
    let more = LibraryRequest::EntityArticles {
        entity: entity.clone(),
        from: 60,
    };
    for _ in 0..18 {
        update(&mut app, A::NextResult);
    }
    assert_eq!(asked(update(&mut app, A::NextResult)), Some(more.clone()));
    // While it is on its way, scrolling on does not ask again.
    assert_eq!(asked(update(&mut app, A::NextResult)), None);
    // The note row (after the 60 articles) stays selected as the articles grow.
    update(&mut app, A::LastResult);
    assert_eq!(app.library.as_ref().map(|v| v.selected), Some(60));
    answer(
        &mut app,
        LibraryAnswer::EntityArticles {
            entity: entity.clone(),
            from: 60,
            articles: first.iter().cycle().take(70).cloned().collect(),
        },
    );
    let view = app.library.as_ref().expect("the page");
    assert_eq!((view.selected, view.len()), (130, 131));
    // Everything is loaded: the end asks for nothing more.
    assert_eq!(asked(update(&mut app, A::LastResult)), None);
    // Coming back asks for as many as were loaded, so the selection is still there.
    update(&mut app, A::OpenResult);
    assert_eq!(
        asked(update(&mut app, A::BackToResults)),
        Some(LibraryRequest::EntityPage { entity, rows: 130 })
    );
}
