//! Finding things in the open article: the selected entity's mentions and search matches.

use dossier::Mention;

use super::super::article_search::{self, ArticleSearch, SearchPrompt};
use super::super::{App, Focus, Mode, TextInput};
use super::{info, reading_height, warn};

/// Goes to the selected entity's next (or previous) mention, and highlights its mentions.
pub(super) fn mention(app: &mut App, forward: bool) {
    app.mentions_shown = true;
    let Some(entity) = app.open_entities().get(app.sidebar.selected) else {
        warn(app, "This article has no entity to follow");
        return;
    };
    let name = entity.name.clone();
    let mut places = entity.mentions.clone();
    places.sort_by_key(|m| (m.paragraph, m.start));
    let Some((index, wrapped)) =
        article_search::step(&places, app.mention_current, app.reading.current, forward)
    else {
        warn(app, format!("{name} is not mentioned in the text"));
        return;
    };
    app.mention_current = Some(index);
    go_to(app, &places[index]);
    let wrap_note = wrap_note(wrapped, forward);
    info(
        app,
        format!("{name}: mention {}/{}{wrap_note}", index + 1, places.len()),
    );
}

/// Opens the search prompt on the open article.
pub(super) fn start(app: &mut App) {
    if app.open.is_none() {
        return;
    }
    app.focus = Focus::Reading;
    let previous = app.search.take();
    app.mode = Mode::Search(Box::new(SearchPrompt {
        input: TextInput::single_line(""),
        from: (app.reading.current, app.reading.scroll),
        previous,
    }));
}

/// The query changed: finds it again and shows the first match from where the search began.
pub(super) fn retype(app: &mut App) {
    let Mode::Search(prompt) = &app.mode else {
        return;
    };
    let query = prompt.input.text().to_owned();
    let from = prompt.from;
    let Some(article) = app.open_article() else {
        return;
    };
    let mut search = ArticleSearch::new(&query, &article.paragraphs);
    let first = article_search::step(&search.matches, None, from.0, true);
    search.current = first.map(|(index, _)| index);
    let target = search.current.and_then(|i| search.matches.get(i).cloned());
    app.search = (!query.is_empty()).then_some(search);
    match target {
        Some(place) => go_to(app, &place),
        None => restore(app, from),
    }
}

/// Keeps the typed search; an empty query keeps the one before it.
pub(super) fn accept(app: &mut App) {
    let Mode::Search(prompt) = std::mem::replace(&mut app.mode, Mode::Normal) else {
        return;
    };
    if prompt.input.text().is_empty() {
        app.search = prompt.previous;
        return;
    }
    if let Some(search) = &app.search
        && search.matches.is_empty()
    {
        warn(app, format!("Not found: {}", search.query));
    }
}

/// Drops the typed search and goes back to where reading was, with the earlier search.
pub(super) fn cancel(app: &mut App) {
    let Mode::Search(prompt) = std::mem::replace(&mut app.mode, Mode::Normal) else {
        return;
    };
    app.search = prompt.previous;
    restore(app, prompt.from);
}

/// Goes back to a position (paragraph, scroll) taken earlier in this article.
fn restore(app: &mut App, (paragraph, scroll): (usize, usize)) {
    let height = reading_height(app);
    app.reading.scroll = scroll;
    app.reading.go_to_paragraph(paragraph, height);
}

/// Goes to the search's next (or previous) match.
pub(super) fn step_match(app: &mut App, forward: bool) {
    let typing = matches!(app.mode, Mode::Search(_));
    let Some(search) = &app.search else {
        if !typing {
            let key = super::key_for(app, crate::action::Action::StartSearch);
            warn(app, format!("No search yet: press {key} to search"));
        }
        return;
    };
    let Some((index, wrapped)) = article_search::step(
        &search.matches,
        search.current,
        app.reading.current,
        forward,
    ) else {
        let query = search.query.clone();
        warn(app, format!("Not found: {query}"));
        return;
    };
    let place = search.matches[index].clone();
    let count = search.matches.len();
    if let Some(search) = &mut app.search {
        search.current = Some(index);
    }
    go_to(app, &place);
    if !typing {
        let note = wrap_note(wrapped, forward);
        info(app, format!("Match {}/{count}{note}", index + 1));
    }
}

/// Clears the search and the mention highlights.
pub(super) fn clear(app: &mut App) {
    app.search = None;
    app.mentions_shown = false;
    app.mention_current = None;
}

fn wrap_note(wrapped: bool, forward: bool) -> &'static str {
    match (wrapped, forward) {
        (false, _) => "",
        (true, true) => " (from the top again)",
        (true, false) => " (from the bottom again)",
    }
}

/// Makes `place`'s paragraph current and scrolls its line into view.
fn go_to(app: &mut App, place: &Mention) {
    let height = reading_height(app);
    let line = app
        .wrapped()
        .and_then(|w| w.line_of(place.paragraph, place.start));
    match line {
        Some(line) => app.reading.go_to_line(place.paragraph, line, height),
        None => app.reading.go_to_paragraph(place.paragraph, height),
    }
}
