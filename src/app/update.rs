//! `update`: applies one action to the state. No I/O happens here; what needs the outside
//! world comes back as an `Effect` for the event loop to carry out.

use ratatui::layout::Rect;

use super::{App, Focus, Message, Mode};
use crate::action::{Action, Effect};
use crate::ui::help_overlay;
use crate::ui::wrapped_article::WrappedArticle;

/// How many lines one turn of the mouse wheel scrolls the reading pane.
const WHEEL_LINES: isize = 3;

pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    if action.is_bindable() {
        // A message stays until the user has had the chance to read it and pressed a key.
        app.message = None;
    }
    match action {
        Action::Quit => return Some(Effect::Quit),
        Action::ToggleHelp => {
            app.mode = match app.mode {
                Mode::Help => Mode::Normal,
                Mode::Normal => Mode::Help,
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
            if app.list.selected < app.articles.len() {
                open_article(app, app.list.selected);
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
        Action::Resize { width, height } => resize(app, width, height),
        Action::Click { column, row } => click(app, column, row),
        Action::Wheel { column, row, down } => wheel(app, column, row, down),
    }
    None
}

/// Shows article `index` in the reading pane and the sidebar, from its first paragraph.
pub(super) fn open_article(app: &mut App, index: usize) {
    if index >= app.articles.len() {
        return;
    }
    app.open = Some(index);
    app.list
        .select(index, app.articles.len(), list_visible(app));
    app.entities_of(index);
    app.reading.current = 0;
    app.reading.scroll = 0;
    app.reading.wrapped =
        reading_width(app).map(|width| WrappedArticle::new(&app.articles[index], width));
    app.sidebar = super::SidebarState::default();
    let warnings = &app.articles[index].warnings;
    if !warnings.is_empty() {
        app.message = Some(Message {
            text: warnings.join("; "),
            warning: true,
        });
    }
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
    app.list.select(index, app.articles.len(), visible);
}

fn select_entity(app: &mut App, index: usize) {
    let height = app
        .layout()
        .map_or(1, |l| usize::from(l.inner(Focus::Sidebar).height));
    let entities = app
        .open
        .and_then(|open| app.entities.get(&open))
        .map_or(&[][..], Vec::as_slice);
    app.sidebar.select(index, entities, height);
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
    if let (Some(index), Some(width)) = (app.open, reading_width(app)) {
        let stale = app
            .reading
            .wrapped
            .as_ref()
            .is_none_or(|w| w.width != width);
        if stale {
            let wrapped = WrappedArticle::new(&app.articles[index], width);
            app.reading.rewrap(wrapped, reading_height);
        } else {
            app.reading.reveal_current(reading_height);
        }
    }
    let visible = list_visible(app);
    app.list.keep_visible(app.articles.len(), visible);
    select_entity(app, app.sidebar.selected);
    scroll_help(app, 0);
}

fn click(app: &mut App, column: u16, row: u16) {
    if app.mode == Mode::Help {
        app.mode = Mode::Normal;
        return;
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
            let index = app.list.offset + offset_rows / usize::from(layout.list_item_height());
            if index < app.articles.len() {
                open_article(app, index);
            }
        }
        Focus::Sidebar => {
            let line = super::sidebar_lines(app.open_entities())
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
    if app.mode == Mode::Help {
        scroll_help(app, if down { 3 } else { -3 });
        return;
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
