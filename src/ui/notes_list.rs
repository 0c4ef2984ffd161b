//! The notes of the open article, listed over the panes: paragraph number and text, with the
//! notes whose paragraph is gone marked and kept at the end.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use super::theme::Theme;
use super::{clear_with, highlight_row, truncate};
use crate::app::ShownNote;
use dossier::store::Placement;

const WIDTH: u16 = 76;
/// Columns for "¶ 12 ~" before the text.
const PLACE_WIDTH: usize = 8;

pub struct NotesList<'a> {
    notes: &'a [ShownNote],
    selected: usize,
    theme: &'a Theme,
}

impl<'a> NotesList<'a> {
    pub fn new(notes: &'a [ShownNote], selected: usize, theme: &'a Theme) -> Self {
        Self {
            notes,
            selected,
            theme,
        }
    }
}

fn place(theme: &Theme, note: &ShownNote) -> (String, ratatui::style::Style) {
    match note.placement {
        Placement::Exact(i) => (format!("¶ {}", i + 1), theme.meta),
        // The paragraph was edited since: the note is where it most likely belongs.
        Placement::Fuzzy(i) => (format!("¶ {} ~", i + 1), theme.meta),
        Placement::Orphaned => ("gone".to_owned(), theme.orphaned),
    }
}

impl Widget for &NotesList<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let rows_per_note = 2;
        let content = u16::try_from(self.notes.len() * rows_per_note).unwrap_or(u16::MAX);
        let width = WIDTH.min(screen.width.saturating_sub(2));
        let height = (content + 2).min(screen.height.saturating_sub(2));
        let area = screen.centered(Constraint::Length(width), Constraint::Length(height));
        let orphaned = self
            .notes
            .iter()
            .filter(|n| n.placement == Placement::Orphaned)
            .count();
        let title = if orphaned > 0 {
            format!(
                " Notes: {} ({orphaned} whose paragraph is gone) ",
                self.notes.len()
            )
        } else {
            format!(" Notes: {} ", self.notes.len())
        };
        let block = Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(self.theme.focused_border)
            .title(title)
            .title_style(self.theme.focused_title);
        let inner = block.inner(area);
        clear_with(&block, area, buf);
        let visible = usize::from(inner.height) / rows_per_note;
        let first = (self.selected + 1).saturating_sub(visible.max(1));
        let text_width = usize::from(inner.width).saturating_sub(PLACE_WIDTH + 1);
        for (slot, (index, note)) in self.notes.iter().enumerate().skip(first).enumerate() {
            let y = inner.y + u16::try_from(slot * rows_per_note).unwrap_or(u16::MAX);
            if y >= inner.bottom() {
                break;
            }
            let (place, style) = place(self.theme, note);
            let text = note.text.split_whitespace().collect::<Vec<_>>().join(" ");
            Line::from(vec![
                Span::styled(format!(" {place:<w$}", w = PLACE_WIDTH - 1), style),
                Span::raw(truncate(&text, text_width)),
            ])
            .render(Rect::new(inner.x, y, inner.width, 1), buf);
            if y + 1 < inner.bottom() {
                Line::from(vec![
                    Span::raw(" ".repeat(PLACE_WIDTH)),
                    Span::styled(
                        truncate(&format!("on “{}”", note.quote), text_width),
                        self.theme.dim,
                    ),
                ])
                .render(Rect::new(inner.x, y + 1, inner.width, 1), buf);
            }
            if index == self.selected {
                highlight_row(buf, inner, y, 1, self.theme.selected);
            }
        }
    }
}
