//! `update`: applies one action to the state. No I/O happens here; what needs the outside
//! world comes back as an `Effect` for the event loop to carry out.

use ratatui::layout::Rect;

use super::{App, Focus, Message, Mode, ShownNote};
use crate::action::{Action, Effect};
use crate::ui::help_overlay;
use crate::ui::wrapped_article::WrappedArticle;

mod arrivals;
mod corrections;
mod find;
mod indexing;
mod library;
mod notes;
mod outward;

/// How many lines one turn of the mouse wheel scrolls the reading pane.
const WHEEL_LINES: isize = 3;

/// Applies `action`. Asks for a save whenever the store holds changes not yet handed to the
/// saver (the saver waits for a quiet moment, so asking after every key costs nothing).
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    if action.is_bindable() {
        // A message stays until the user has had the chance to read it and pressed a key.
        app.message = None;
    }
    let effect = apply(app, action);
    if app.focus == Focus::Sidebar && app.mode == Mode::Normal {
        // Choosing among the entities is what lights up their mentions.
        app.mentions_shown = true;
    }
    if moves_reading(action) {
        follow_reading(app);
    }
    effect.or_else(|| app.store.has_unsaved_changes().then_some(Effect::Save))
}

/// Whether `action` may move through the open article (or open another).
fn moves_reading(action: Action) -> bool {
    matches!(
        action,
        Action::OpenArticle
            | Action::NextParagraph
            | Action::PreviousParagraph
            | Action::FirstParagraph
            | Action::LastParagraph
            | Action::PageDown
            | Action::PageUp
            | Action::LineDown
            | Action::LineUp
            | Action::JumpToNote
            | Action::OpenResult
            | Action::NextMention
            | Action::PreviousMention
            | Action::NextMatch
            | Action::PreviousMatch
            | Action::AcceptSearch
            | Action::CancelSearch
            | Action::Resize { .. }
            | Action::Click { .. }
            | Action::Wheel { .. }
    )
}

/// Remembers the reading position, and marks the article read the first time its end is in
/// view (so marking it unread again by hand sticks until it is reopened).
fn follow_reading(app: &mut App) {
    let (Some(index), Some(id), Some(body)) = (app.open, app.open_id().cloned(), app.open_body())
    else {
        return;
    };
    app.store
        .set_position_in(&id, &body.paragraphs, app.reading.current);
    let height = reading_height(app);
    let end_in_view = app
        .wrapped()
        .is_some_and(|w| !w.paragraphs.is_empty() && w.lines.len() <= app.reading.scroll + height);
    if end_in_view && !app.end_reached {
        app.end_reached = true;
        app.store.set_read(&id, true);
    }
    app.refresh_reading_state(index);
}

#[expect(
    clippy::too_many_lines,
    reason = "one arm per action, each a call or two; splitting would only hide the dispatch"
)]
fn apply(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Quit => return Some(Effect::Quit),
        Action::OpenSource => return outward::open_source(app),
        Action::CopyParagraph => return outward::copy_paragraph(app),
        Action::CopyNote => return outward::copy_note(app),
        Action::Suspend => return Some(Effect::Suspend),
        Action::ToggleHelp => {
            app.mode = if app.mode == Mode::Help {
                Mode::Normal
            } else {
                Mode::Help
            };
            app.help_scroll = 0;
        }
        Action::CloseHelp => app.mode = Mode::Normal,
        Action::HelpScrollDown => scroll_help(app, 1),
        Action::HelpScrollUp => scroll_help(app, -1),
        Action::FocusNextPane => app.focus = cycle(app.focus, 1),
        Action::FocusPreviousPane => app.focus = cycle(app.focus, -1),
        Action::FocusLeft => app.focus = step(app.focus, -1).unwrap_or(app.focus),
        Action::FocusRight => app.focus = step(app.focus, 1).unwrap_or(app.focus),
        Action::SelectNextArticle => select_article(app, app.list.selected.saturating_add(1)),
        Action::SelectPreviousArticle => {
            select_article(app, app.list.selected.saturating_sub(1));
        }
        Action::SelectFirstArticle => select_article(app, 0),
        Action::SelectLastArticle => select_article(app, usize::MAX),
        Action::OpenArticle => {
            if let Some(index) = app.listed(app.list.selected) {
                open_article(app, index);
                app.focus = Focus::Reading;
            }
        }
        Action::NextParagraph => {
            let height = reading_height(app);
            let next = app.reading.current.saturating_add(1);
            app.reading.go_to_paragraph(next, height);
        }
        Action::PreviousParagraph => {
            let height = reading_height(app);
            let previous = app.reading.current.saturating_sub(1);
            app.reading.go_to_paragraph(previous, height);
        }
        Action::FirstParagraph => {
            let height = reading_height(app);
            app.reading.go_to_paragraph(0, height);
            app.reading.scroll = 0;
        }
        Action::LastParagraph => {
            let height = reading_height(app);
            app.reading.go_to_paragraph(usize::MAX, height);
        }
        Action::PageDown => {
            let height = reading_height(app);
            app.reading.page(true, height);
        }
        Action::PageUp => {
            let height = reading_height(app);
            app.reading.page(false, height);
        }
        Action::LineDown => {
            let height = reading_height(app);
            app.reading.scroll_by(1, height);
        }
        Action::LineUp => {
            let height = reading_height(app);
            app.reading.scroll_by(-1, height);
        }
        Action::NextEntity => select_entity(app, app.sidebar.selected.saturating_add(1)),
        Action::PreviousEntity => select_entity(app, app.sidebar.selected.saturating_sub(1)),
        Action::FirstEntity => select_entity(app, 0),
        Action::LastEntity => select_entity(app, usize::MAX),
        Action::ToggleRead => toggle_read(app),
        Action::EditNote => notes::open_editor(app, true),
        Action::AddNote => notes::open_editor(app, false),
        Action::ToggleInlineNotes => notes::toggle_inline(app),
        Action::ShowNotes => notes::show_list(app),
        Action::DeleteNote => notes::ask_delete(app),
        Action::UndoDelete => notes::undo_delete(app),
        Action::SaveNote => notes::save(app),
        Action::CancelNote => notes::cancel(app),
        Action::ConfirmYes => notes::answer(app, true),
        Action::ConfirmNo => notes::answer(app, false),
        Action::NextNote => notes::select(app, 1),
        Action::PreviousNote => notes::select(app, -1),
        Action::JumpToNote => notes::jump(app),
        Action::CloseNotes => app.mode = Mode::Normal,
        Action::HideEntity => corrections::hide(app),
        Action::RenameEntity => corrections::ask(app, super::PromptPurpose::Rename),
        Action::MergeEntity => corrections::ask(app, super::PromptPurpose::Merge),
        Action::CycleEntityKind => corrections::cycle_kind(app),
        Action::AcceptPrompt if matches!(app.mode, Mode::UrlPrompt(_)) => {
            return arrivals::accept_url(app);
        }
        Action::AcceptPrompt if matches!(app.mode, Mode::LibraryPrompt(_)) => {
            return library::accept(app);
        }
        Action::AcceptPrompt => corrections::accept(app),
        Action::AddUrl => arrivals::ask_url(app),
        Action::RefreshFeeds => return arrivals::refresh(app),
        Action::TakeReports => arrivals::take_reports(app),
        Action::UndoCorrection => corrections::undo(app),
        Action::CancelPrompt => app.mode = Mode::Normal,
        Action::CompletePrompt => {
            if let Mode::Prompt(prompt) = &mut app.mode {
                prompt.complete();
            }
        }
        Action::NextMention => find::mention(app, true),
        Action::PreviousMention => find::mention(app, false),
        Action::StartSearch => find::start(app),
        Action::AcceptSearch => find::accept(app),
        Action::CancelSearch => find::cancel(app),
        Action::NextMatch => find::step_match(app, true),
        Action::PreviousMatch => find::step_match(app, false),
        Action::ClearHighlights => find::clear(app),
        Action::FilterByEntity => return library::filter_by_entity(app),
        Action::OpenEntityPage => return library::entity_page(app),
        Action::SearchLibrary => library::ask_text(app, super::LibraryPurpose::Search),
        Action::FilterList => library::ask_text(app, super::LibraryPurpose::Filter),
        Action::ClearFilter => return library::clear_filter(app),
        Action::CycleSort => return library::cycle_sort(app),
        Action::NextResult => {
            return library::select(app, library::selected(app).saturating_add(1));
        }
        Action::PreviousResult => {
            return library::select(app, library::selected(app).saturating_sub(1));
        }
        Action::FirstResult => return library::select(app, 0),
        Action::LastResult => return library::select(app, usize::MAX),
        Action::OpenResult => library::open_result(app),
        Action::CloseResults => app.mode = Mode::Normal,
        Action::BackToResults => return library::back(app),
        Action::Edit(key) => match &mut app.mode {
            Mode::EditNote(editor) if !editor.asking_discard => editor.input.apply(key),
            Mode::Prompt(prompt) if key != super::EditKey::Newline => prompt.input.apply(key),
            Mode::UrlPrompt(input) if key != super::EditKey::Newline => input.apply(key),
            Mode::LibraryPrompt(prompt) if key != super::EditKey::Newline => {
                prompt.input.apply(key);
            }
            Mode::Search(prompt) if key != super::EditKey::Newline => {
                prompt.input.apply(key);
                find::retype(app);
            }
            _ => {}
        },
        Action::Resize { width, height } => resize(app, width, height),
        Action::Click { column, row } => click(app, column, row),
        Action::Wheel { down, .. } if app.mode == Mode::Library => {
            let at = library::selected(app);
            let to = if down {
                at.saturating_add(1)
            } else {
                at.saturating_sub(1)
            };
            return library::select(app, to);
        }
        Action::Wheel { column, row, down } => wheel(app, column, row, down),
    }
    None
}

/// Shows article `index` in the reading pane and the sidebar, from its first paragraph
/// (loading its body: one article's rows from the index, or none when it is cached).
pub(crate) fn open_article(app: &mut App, index: usize) {
    if index >= app.articles.len() {
        return;
    }
    if let Some(row) = app.row_of(index) {
        app.list.select(row, app.list_len(), list_visible(app));
    }
    let body = match app.body(index, true) {
        Ok(body) => body,
        Err(reason) => {
            let title = dossier::sanitize::sanitize_line(&app.articles[index].title);
            warn(app, format!("Could not open “{title}”: {reason}"));
            return;
        }
    };
    app.open = Some(index);
    app.entities_of_open();
    if let Some(key) = app.key(index) {
        let id = app.store.open_article(&key, &body);
        app.ids[index] = Some(id);
    }
    app.end_reached = false;
    refresh_notes(app);
    app.reading.current = 0;
    app.reading.scroll = 0;
    app.reading.wrapped = reading_width(app).and_then(|width| wrapped_for(app, width));
    let position = app
        .open_id()
        .and_then(|id| app.store.article(id))
        .map_or(0, |record| record.position);
    if position > 0 {
        let height = reading_height(app);
        app.reading.go_to_paragraph(position, height);
    }
    app.refresh_reading_state(index);
    app.sidebar = super::SidebarState::default();
    app.search = None;
    if matches!(app.mode, Mode::Search(_)) {
        app.mode = Mode::Normal;
    }
    app.mentions_shown = false;
    app.mention_current = None;
    let warnings = &app.articles[index].warnings;
    if !warnings.is_empty() {
        app.message = Some(Message {
            text: warnings.join("; "),
            warning: true,
        });
    }
}

/// The open article laid out for `width`, with its notes under their paragraphs if they show.
fn wrapped_for(app: &App, width: u16) -> Option<WrappedArticle> {
    let inline: Vec<(usize, &str)> = if app.notes_inline {
        app.notes
            .iter()
            .filter_map(|n| Some((n.placement.index()?, n.text.as_str())))
            .collect()
    } else {
        Vec::new()
    };
    Some(WrappedArticle::laid_out(
        app.open_article()?,
        width,
        app.max_line_length,
        &inline,
    ))
}

/// Reads the open article's notes from the store again, after they changed.
fn refresh_notes(app: &mut App) {
    let notes = match (app.open_body(), app.open_id()) {
        (Some(body), Some(id)) => app
            .store
            .placed_notes(id, &body.paragraphs)
            .into_iter()
            .map(|placed| ShownNote {
                id: placed.note.id.clone(),
                // The state file is as untrusted as an article: anything may have written it.
                text: dossier::sanitize::sanitize(&placed.note.text),
                placement: placed.placement,
                quote: dossier::sanitize::sanitize(&placed.note.anchor.quote).replace('\n', " "),
            })
            .collect(),
        _ => Vec::new(),
    };
    app.notes = notes;
}

/// Lays the open article out again (notes changed or were shown or hidden), keeping the
/// current paragraph in view.
fn relayout(app: &mut App) {
    let Some(width) = reading_width(app) else {
        return;
    };
    app.reading.wrapped = wrapped_for(app, width);
    let height = reading_height(app);
    app.reading.reveal_current(height);
}

/// The first key bound to `action`, for messages that tell the user what to press.
fn key_for(app: &App, action: Action) -> String {
    app.keymap
        .bindings()
        .iter()
        .find(|b| b.action == action)
        .and_then(|b| b.keys.first())
        .map_or_else(String::new, ToString::to_string)
}

fn info(app: &mut App, text: impl Into<String>) {
    app.message = Some(Message {
        text: text.into(),
        warning: false,
    });
}

fn warn(app: &mut App, text: impl Into<String>) {
    app.message = Some(Message {
        text: text.into(),
        warning: true,
    });
}

/// Marks the selected article (in the list) or the open one (elsewhere) read or unread.
fn toggle_read(app: &mut App) {
    let index = if app.focus == Focus::List {
        match app.listed(app.list.selected) {
            Some(index) => index,
            None => return,
        }
    } else {
        match app.open {
            Some(index) => index,
            None => return,
        }
    };
    if index >= app.articles.len() {
        return;
    }
    let id = match (app.ids[index].clone(), app.key(index)) {
        (Some(id), _) => id,
        (None, Some(key)) => {
            // A first record anchors the reading position to the paragraphs: one body load.
            let article = match app.body(index, false) {
                Ok(article) => article,
                Err(reason) => {
                    warn(app, format!("Could not mark it: {reason}"));
                    return;
                }
            };
            let id = app.store.record(&key, &article);
            app.ids[index] = Some(id.clone());
            id
        }
        (None, None) => {
            warn(
                app,
                "This article's file could not be read again, so its state cannot be kept",
            );
            return;
        }
    };
    let read = app.store.toggle_read(&id).unwrap_or(false);
    app.refresh_reading_state(index);
    info(app, if read { "Marked read" } else { "Marked unread" });
}

fn cycle(focus: Focus, by: isize) -> Focus {
    let count = Focus::ALL.len();
    let position = Focus::ALL.iter().position(|f| *f == focus).unwrap_or(0);
    let next = (position + count).saturating_add_signed(by) % count;
    Focus::ALL[next]
}

fn step(focus: Focus, by: isize) -> Option<Focus> {
    let position = Focus::ALL.iter().position(|f| *f == focus)?;
    Focus::ALL.get(position.checked_add_signed(by)?).copied()
}

fn select_article(app: &mut App, index: usize) {
    let visible = list_visible(app);
    app.list.select(index, app.list_len(), visible);
}

fn select_entity(app: &mut App, index: usize) {
    if index != app.sidebar.selected {
        app.mention_current = None;
    }
    let height = app
        .layout()
        .map_or(1, |l| usize::from(l.inner(Focus::Sidebar).height));
    let entities = app
        .open
        .and_then(|open| app.articles.get(open))
        .and_then(|e| app.entities.get(&(e.path.clone(), e.hash.clone())))
        .map_or(&[][..], Vec::as_slice);
    app.sidebar
        .select(index, entities, &app.sidebar_config.kinds, height);
}

fn scroll_help(app: &mut App, by: isize) {
    let max = help_overlay::max_scroll(&app.keymap, app.screen);
    app.help_scroll = app.help_scroll.saturating_add_signed(by).min(max);
}

fn reading_height(app: &App) -> usize {
    app.layout()
        .map_or(1, |l| usize::from(l.inner(Focus::Reading).height))
}

fn reading_width(app: &App) -> Option<u16> {
    app.layout().map(|l| l.inner(Focus::Reading).width)
}

fn list_visible(app: &App) -> usize {
    app.layout().map_or(1, |l| {
        usize::from(l.inner(Focus::List).height / l.list_item_height())
    })
}

fn resize(app: &mut App, width: u16, height: u16) {
    app.screen = Rect::new(0, 0, width, height);
    let reading_height = reading_height(app);
    if let (Some(_), Some(width)) = (app.open, reading_width(app)) {
        let stale = app
            .reading
            .wrapped
            .as_ref()
            .is_none_or(|w| w.width != width);
        if stale && let Some(wrapped) = wrapped_for(app, width) {
            app.reading.rewrap(wrapped, reading_height);
        } else {
            app.reading.reveal_current(reading_height);
        }
    }
    let visible = list_visible(app);
    app.list.keep_visible(app.list_len(), visible);
    select_entity(app, app.sidebar.selected);
    scroll_help(app, 0);
}

fn click(app: &mut App, column: u16, row: u16) {
    match app.mode {
        Mode::Help | Mode::Notes { .. } | Mode::Library => {
            app.mode = Mode::Normal;
            return;
        }
        Mode::Normal => {}
        // Typing or a question: a stray click must not lose the text or the answer.
        _ => return,
    }
    let Some(layout) = app.layout() else {
        return;
    };
    let Some(pane) = layout.pane_at(column, row) else {
        return;
    };
    app.focus = pane;
    let inner = layout.inner(pane);
    if row < inner.y || row >= inner.bottom() {
        return;
    }
    let offset_rows = usize::from(row - inner.y);
    match pane {
        Focus::List => {
            let row = app.list.offset + offset_rows / usize::from(layout.list_item_height());
            if let Some(index) = app.listed(row) {
                open_article(app, index);
            }
        }
        Focus::Sidebar => {
            let line = super::sidebar_lines(app.open_entities(), &app.sidebar_config.kinds)
                .get(app.sidebar.offset + offset_rows)
                .copied();
            if let Some(super::SidebarLine::Entity(index)) = line {
                select_entity(app, index);
            }
        }
        Focus::Reading => {
            let line = app.reading.scroll + offset_rows;
            let paragraph = app
                .wrapped()
                .and_then(|w| w.lines.get(line))
                .and_then(|l| l.paragraph);
            if let Some(paragraph) = paragraph {
                let height = reading_height(app);
                app.reading.go_to_paragraph(paragraph, height);
            }
        }
    }
}

fn wheel(app: &mut App, column: u16, row: u16, down: bool) {
    match app.mode {
        Mode::Help => {
            scroll_help(app, if down { 3 } else { -3 });
            return;
        }
        Mode::Notes { .. } => {
            notes::select(app, if down { 1 } else { -1 });
            return;
        }
        // The wheel over an entity page or results moves its selection (`update` does it).
        Mode::Library => return,
        Mode::Normal => {}
        _ => return,
    }
    let pane = app.layout().and_then(|l| l.pane_at(column, row));
    match pane {
        Some(Focus::List) => {
            let index = if down {
                app.list.selected.saturating_add(1)
            } else {
                app.list.selected.saturating_sub(1)
            };
            select_article(app, index);
        }
        Some(Focus::Reading) => {
            let height = reading_height(app);
            app.reading
                .scroll_by(if down { WHEEL_LINES } else { -WHEEL_LINES }, height);
        }
        Some(Focus::Sidebar) => {
            let index = if down {
                app.sidebar.selected.saturating_add(1)
            } else {
                app.sidebar.selected.saturating_sub(1)
            };
            select_entity(app, index);
        }
        None => {}
    }
}

#[cfg(test)]
mod tests;
