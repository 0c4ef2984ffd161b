//! The library as a whole: filtering and sorting the list, an entity's page and library
//! search. Each asks the index through `Effect::QueryLibrary`; the answer comes back as a
//! `Report::Library` and is taken in here.

use dossier::EntityRef;
use dossier::index::{Filter, PAGE_ROWS, Sort};
use dossier::sanitize::sanitize_line;

use super::{info, key_for, list_visible, open_article, reading_height, warn};
use crate::action::{Action, Effect};
use crate::app::article_search::{self, ArticleSearch};
use crate::app::library::next_sort;
use crate::app::{
    App, FilterText, Focus, LibraryAnswer, LibraryContent, LibraryPrompt, LibraryPurpose,
    LibraryRequest, LibraryView, ListView, Mode, TextInput,
};

/// How near the end of an entity page's loaded articles the selection comes before the next
/// ones are asked for: far enough ahead that scrolling rarely waits for them.
const LOAD_AHEAD: usize = 40;

/// Asks the index `request` under a new serial; the answer to any question asked before is
/// then dropped when it comes.
fn ask(app: &mut App, request: LibraryRequest) -> Option<Effect> {
    app.library_serial += 1;
    app.library_waiting = Some(request.clone());
    Some(Effect::QueryLibrary {
        serial: app.library_serial,
        request: Box::new(request),
    })
}

/// The entity the key is about: the one selected in the sidebar, or the one whose page is shown.
fn chosen_entity(app: &App) -> Option<EntityRef> {
    if app.mode == Mode::Library {
        return match &app.library.as_ref()?.content {
            LibraryContent::Entity(page) => Some(page.entity.clone()),
            LibraryContent::Search { .. } => None,
        };
    }
    app.open_entities()
        .get(app.sidebar.selected)
        .map(|e| EntityRef::new(e.kind, e.name.clone()))
}

/// The chosen entity, or a message saying to choose one.
fn entity_or_warn(app: &mut App) -> Option<EntityRef> {
    let entity = chosen_entity(app);
    if entity.is_none() {
        warn(
            app,
            "Select a person, group or country in the sidebar first",
        );
    }
    entity
}

/// Lists only the articles that mention the chosen entity, keeping the order in force.
pub(super) fn filter_by_entity(app: &mut App) -> Option<Effect> {
    let entity = entity_or_warn(app)?;
    let sort = app.list_view.as_ref().map_or(Sort::Date, |v| v.sort);
    let filter = Filter {
        entity: Some(entity),
        ..Filter::default()
    };
    ask_list(app, filter, sort)
}

/// Asks for the list with `filter` in `sort` order.
fn ask_list(app: &mut App, filter: Filter, sort: Sort) -> Option<Effect> {
    ask(
        app,
        LibraryRequest::List {
            filter,
            sort,
            entity_name: None,
        },
    )
}

/// Asks for the chosen entity's page.
pub(super) fn entity_page(app: &mut App) -> Option<Effect> {
    let entity = entity_or_warn(app)?;
    ask(
        app,
        LibraryRequest::EntityPage {
            entity,
            rows: PAGE_ROWS,
        },
    )
}

/// Opens the prompt for a library search or for the list's filter (starting from the one in
/// force, so it can be edited).
pub(super) fn ask_text(app: &mut App, purpose: LibraryPurpose) {
    let text = match (purpose, &app.list_view) {
        (LibraryPurpose::Filter, Some(view)) => FilterText::write(&view.filter, view.sort),
        _ => String::new(),
    };
    app.mode = Mode::LibraryPrompt(Box::new(LibraryPrompt {
        purpose,
        input: TextInput::single_line(&text),
    }));
}

/// Runs what the prompt holds.
pub(super) fn accept(app: &mut App) -> Option<Effect> {
    let Mode::LibraryPrompt(prompt) = &app.mode else {
        return None;
    };
    let text = prompt.input.text().trim().to_string();
    let purpose = prompt.purpose;
    app.mode = Mode::Normal;
    match purpose {
        LibraryPurpose::Search if text.is_empty() => None,
        LibraryPurpose::Search => ask(app, LibraryRequest::Search(text)),
        LibraryPurpose::Filter => match FilterText::parse(&text) {
            Ok(parsed) if parsed.filter.is_empty() && parsed.entity_name.is_none() => {
                list_everything(app, parsed.sort)
            }
            Ok(parsed) => ask(
                app,
                LibraryRequest::List {
                    filter: parsed.filter,
                    sort: parsed.sort,
                    entity_name: parsed.entity_name,
                },
            ),
            Err(reason) => {
                warn(
                    app,
                    format!("Filter not changed: {}", sanitize_line(&reason)),
                );
                None
            }
        },
    }
}

/// Drops the filter; an order other than by date stays.
pub(super) fn clear_filter(app: &mut App) -> Option<Effect> {
    let Some(view) = &app.list_view else {
        info(app, "The list shows every article");
        return None;
    };
    if view.filter.is_empty() {
        info(app, "No filter to clear");
        return None;
    }
    let sort = view.sort;
    list_everything(app, sort)
}

/// Steps the list's order on: date, title, last opened.
pub(super) fn cycle_sort(app: &mut App) -> Option<Effect> {
    let (filter, sort) = app
        .list_view
        .as_ref()
        .map_or((Filter::default(), Sort::Date), |v| {
            (v.filter.clone(), v.sort)
        });
    let sort = next_sort(sort);
    if filter.is_empty() {
        return list_everything(app, sort);
    }
    ask_list(app, filter, sort)
}

/// Every article: in the reader's own order by date, or as the index sorts them.
fn list_everything(app: &mut App, sort: Sort) -> Option<Effect> {
    if sort == Sort::Date {
        set_list_view(app, None);
        info(app, "Showing every article");
        return None;
    }
    ask_list(app, Filter::default(), sort)
}

/// Shows `view` in the list (or every article), keeping the selected article selected when
/// the new list has it.
fn set_list_view(app: &mut App, view: Option<ListView>) {
    let selected = app.listed(app.list.selected).or(app.open);
    app.list_view = view;
    let row = selected.and_then(|index| app.row_of(index)).unwrap_or(0);
    app.list.offset = 0;
    app.list.select(row, app.list_len(), list_visible(app));
}

/// Takes in the index's answer.
pub(super) fn take_answer(app: &mut App, serial: u64, answer: LibraryAnswer) {
    if serial != app.library_serial {
        // The user has asked something else since.
        return;
    }
    app.library_waiting = None;
    match answer {
        LibraryAnswer::Listed { filter, sort, rows } => {
            let view = ListView::new(filter, sort, &rows, &app.article_paths());
            let shown = view.rows.len();
            let describe = view.describe();
            let filtered = !view.filter.is_empty();
            set_list_view(app, Some(view));
            app.focus = Focus::List;
            if app.mode == Mode::Library {
                // Asked from an entity page: the list is what the user wants to see now.
                app.mode = Mode::Normal;
            }
            let clear = if filtered {
                format!(" · {} clears", key_for(app, Action::ClearFilter))
            } else {
                String::new()
            };
            let text = format!(
                "{shown} {} · {}{clear}",
                if shown == 1 { "article" } else { "articles" },
                sanitize_line(&describe)
            );
            if shown == 0 {
                warn(app, text);
            } else {
                info(app, text);
            }
        }
        LibraryAnswer::EntityPage(page) => show(app, LibraryContent::Entity(page)),
        LibraryAnswer::EntityArticles {
            entity,
            from,
            articles,
        } => {
            if let Some(view) = &mut app.library
                && let LibraryContent::Entity(page) = &mut view.content
                && page.entity == entity
                && page.articles.len() == from
            {
                page.articles.extend(articles);
                // The notes come after the articles: the selected note keeps its place.
                if view.selected >= from {
                    view.selected += page.articles.len() - from;
                }
            }
        }
        LibraryAnswer::Found { query, hits } => {
            if hits.is_empty() {
                warn(
                    app,
                    format!("Nothing in the library matches “{}”", sanitize_line(&query)),
                );
                return;
            }
            show(app, LibraryContent::Search { query, hits });
        }
        LibraryAnswer::Failed(reason) => warn(app, sanitize_line(&reason)),
    }
}

/// Moves the selection of the entity page or results to `index`.
/// Moves the selection of the entity page or results to `index`; near the end of a page's
/// loaded articles, asks for the next ones.
pub(super) fn select(app: &mut App, index: usize) -> Option<Effect> {
    let view = app.library.as_mut()?;
    view.select(index);
    let LibraryContent::Entity(page) = &view.content else {
        return None;
    };
    let loaded = page.articles.len();
    if loaded >= page.total || view.selected + LOAD_AHEAD < loaded {
        return None;
    }
    let request = LibraryRequest::EntityArticles {
        entity: page.entity.clone(),
        from: loaded,
    };
    if app.library_waiting.as_ref() == Some(&request) {
        return None;
    }
    ask(app, request)
}

pub(super) fn selected(app: &App) -> usize {
    app.library.as_ref().map_or(0, |v| v.selected)
}

/// Opens the selected row's article at its paragraph; the page or results wait for the key
/// that goes back to them.
pub(super) fn open_result(app: &mut App) {
    let Some(view) = &app.library else {
        app.mode = Mode::Normal;
        return;
    };
    let Some(target) = view.targets().get(view.selected).copied() else {
        return;
    };
    let query = match &view.content {
        LibraryContent::Search { query, .. } => Some(query.clone()),
        LibraryContent::Entity(_) => None,
    };
    let paragraph = target.paragraph;
    let Some(index) = app.article_at(target.path) else {
        let name = sanitize_line(&target.path.display().to_string());
        warn(
            app,
            format!("{name} is not in the reader's list (it may be gone since it was indexed)"),
        );
        return;
    };
    app.mode = Mode::Normal;
    open_article(app, index);
    app.focus = Focus::Reading;
    if let Some(paragraph) = paragraph {
        let height = reading_height(app);
        app.reading.go_to_paragraph(paragraph, height);
    }
    if let Some(query) = query {
        highlight_query(app, &query);
    }
    let back = key_for(app, Action::BackToResults);
    info(app, format!("{back} goes back to the list of results"));
}

/// Lights up the searched words in the opened article, as the in-article search would.
fn highlight_query(app: &mut App, query: &str) {
    let Some(article) = app.open_article() else {
        return;
    };
    // The library matches words anywhere; the article search matches the text as typed, so
    // fall back to the first word when the whole query is not found as it stands.
    let mut search = ArticleSearch::new(query, &article.paragraphs);
    if search.matches.is_empty()
        && let Some(first) = query.split_whitespace().next()
    {
        search = ArticleSearch::new(first, &article.paragraphs);
    }
    if search.matches.is_empty() {
        return;
    }
    search.current = article_search::step(&search.matches, None, app.reading.current, true)
        .map(|(index, _)| index);
    app.search = Some(search);
}

/// Shows the entity page or results last left again, and asks for them afresh: a note
/// written meanwhile belongs on them.
pub(super) fn back(app: &mut App) -> Option<Effect> {
    if let Some(view) = &app.library {
        let request = match &view.content {
            // As many articles as were loaded, so the selection stays where it was.
            LibraryContent::Entity(page) => LibraryRequest::EntityPage {
                entity: page.entity.clone(),
                rows: page.articles.len().max(PAGE_ROWS),
            },
            LibraryContent::Search { query, .. } => LibraryRequest::Search(query.clone()),
        };
        app.mode = Mode::Library;
        ask(app, request)
    } else {
        let search = key_for(app, Action::SearchLibrary);
        warn(
            app,
            format!("No entity page or search to go back to; {search} searches the library"),
        );
        None
    }
}

/// Shows `content`, keeping the selection when it is the page or search already shown (asked
/// again on coming back to it).
fn show(app: &mut App, content: LibraryContent) {
    let same = app
        .library
        .as_ref()
        .is_some_and(|view| match (&view.content, &content) {
            (LibraryContent::Entity(a), LibraryContent::Entity(b)) => a.entity == b.entity,
            (LibraryContent::Search { query: a, .. }, LibraryContent::Search { query: b, .. }) => {
                a == b
            }
            _ => false,
        });
    let selected = app
        .library
        .as_ref()
        .filter(|_| same)
        .map_or(0, |v| v.selected);
    let mut view = LibraryView::new(content);
    view.select(selected);
    app.library = Some(view);
    app.mode = Mode::Library;
}
