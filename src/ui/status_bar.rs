//! The bottom line: a message when there is one, otherwise the keys of the active scope, and
//! where the reader is in the library.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::truncate;
use crate::app::{App, Message};
use crate::keys::Hint;

pub struct StatusBar<'a> {
    message: Option<&'a Message>,
    hints: Vec<Hint<'a>>,
    position: String,
    theme: &'a Theme,
}

impl<'a> StatusBar<'a> {
    pub fn new(app: &'a App) -> Self {
        // Where the open article stands in the list as shown (filtered and sorted), as the
        // list's own rows count it; an article opened from a search or an entity page that
        // the filter leaves out has no row to count. Usually it is the selected row, found
        // without searching a filtered list's rows on every frame.
        let selected = app.list.selected;
        let row_of_open = |index| {
            if app.listed(selected) == Some(index) {
                Some(selected)
            } else {
                app.row_of(index)
            }
        };
        let mut position = match app.open.map(row_of_open) {
            Some(Some(row)) => format!(" {}/{} ", row + 1, app.list_len()),
            Some(None) => format!(" not in the list of {} ", app.list_len()),
            None => String::new(),
        };
        if let Some(indexing) = &app.indexing {
            position.insert_str(0, &format!(" {indexing} ·"));
        }
        if let Some(busy) = &app.busy {
            position.insert_str(0, &format!(" {busy} ·"));
        }
        if let Some(search) = &app.search {
            // Stays while the matches are highlighted, as vim's search count does.
            let query = truncate(&search.query, 20);
            position.insert_str(0, &format!(" /{query} {} ·", search.count()));
        }
        if let Some(view) = &app.list_view {
            // The list's filter stays in sight whichever pane is focused.
            let filter = truncate(&dossier::sanitize::sanitize_line(&view.describe()), 40);
            position.insert_str(0, &format!(" {filter} ·"));
        }
        if app.store.read_only().is_some() {
            // Stays on screen after the message explaining it is gone: changes are not kept.
            position.insert_str(0, " not saving ·");
        }
        Self {
            message: app.message.as_ref(),
            hints: app.keymap.hints(app.scope()),
            position,
            theme: &app.theme,
        }
    }

    /// As many whole hints as fit in `width` columns, in table order.
    fn hint_spans(&self, width: usize) -> Vec<Span<'a>> {
        let mut spans = vec![Span::styled(" ", self.theme.status)];
        let mut used = 1;
        for hint in &self.hints {
            // The status bar has room for one key per action; the help overlay lists them all.
            let Some(key) = hint.keys.first() else {
                continue;
            };
            let key = key.to_string();
            let gap = if spans.len() > 1 { 2 } else { 0 };
            let needed = gap + key.width() + 1 + hint.help.width();
            if used + needed > width {
                break;
            }
            used += needed;
            if gap > 0 {
                spans.push(Span::styled("  ", self.theme.status));
            }
            spans.push(Span::styled(key, self.theme.status_key));
            spans.push(Span::styled(" ", self.theme.status));
            spans.push(Span::styled(hint.help, self.theme.status));
        }
        spans
    }
}

impl Widget for &StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, self.theme.status);
        let position_width = u16::try_from(self.position.width()).unwrap_or(0);
        let left = Rect {
            width: area.width.saturating_sub(position_width),
            ..area
        };
        match self.message {
            Some(message) => {
                let style = if message.warning {
                    self.theme.warning
                } else {
                    self.theme.info
                };
                let text = truncate(&message.text, usize::from(left.width.saturating_sub(1)));
                Line::from(vec![Span::raw(" "), Span::styled(text, style)])
                    .style(self.theme.status)
                    .render(left, buf);
            }
            None => Line::from(self.hint_spans(usize::from(left.width))).render(left, buf),
        }
        let right = Rect {
            x: area.right().saturating_sub(position_width),
            width: position_width.min(area.width),
            ..area
        };
        Line::styled(self.position.as_str(), self.theme.meta).render(right, buf);
    }
}
