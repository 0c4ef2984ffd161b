//! The note editor: a box over the panes with the text, wrapped, and a block cursor.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Widget};
use unicode_width::UnicodeWidthChar;

use super::theme::Theme;
use super::{clear_with, truncate};
use crate::app::NoteEditor;

const WIDTH: u16 = 72;
const HEIGHT: u16 = 14;

pub struct NoteEditorView<'a> {
    editor: &'a NoteEditor,
    /// The start of the paragraph the note is on, to show what it is about.
    paragraph_text: &'a str,
    theme: &'a Theme,
}

impl<'a> NoteEditorView<'a> {
    pub fn new(editor: &'a NoteEditor, paragraph_text: &'a str, theme: &'a Theme) -> Self {
        Self {
            editor,
            paragraph_text,
            theme,
        }
    }
}

/// `text` broken into rows of at most `width` columns (at line ends, and anywhere inside a
/// line that is too long, so the cursor maps simply), and the cursor's (row, column).
pub fn rows_and_cursor(text: &str, cursor: usize, width: usize) -> (Vec<String>, (usize, usize)) {
    let width = width.max(1);
    let mut rows = vec![String::new()];
    let mut used = 0;
    let mut at = (0, 0);
    for (i, c) in text.char_indices() {
        if i == cursor {
            at = (rows.len() - 1, used);
        }
        if c == '\n' {
            rows.push(String::new());
            used = 0;
            continue;
        }
        let w = c.width().unwrap_or(0);
        if used + w > width {
            rows.push(String::new());
            used = 0;
        }
        if let Some(row) = rows.last_mut() {
            row.push(c);
        }
        used += w;
    }
    if cursor >= text.len() {
        if used >= width {
            rows.push(String::new());
            used = 0;
        }
        at = (rows.len() - 1, used);
    }
    (rows, at)
}

impl Widget for &NoteEditorView<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let width = WIDTH.min(screen.width.saturating_sub(2));
        let height = HEIGHT.min(screen.height.saturating_sub(2));
        let area = screen.centered(Constraint::Length(width), Constraint::Length(height));
        let verb = if self.editor.note.is_some() {
            "Edit note"
        } else {
            "New note"
        };
        let block = Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(self.theme.focused_border)
            .title(format!(" {verb} on ¶ {} ", self.editor.paragraph + 1))
            .title_style(self.theme.focused_title);
        let inner = block.inner(area);
        clear_with(&block, area, buf);
        if inner.height < 2 || inner.width < 4 {
            return;
        }
        let about = format!(
            "“{}”",
            self.paragraph_text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
        Line::styled(truncate(&about, usize::from(inner.width)), self.theme.dim)
            .render(Rect { height: 1, ..inner }, buf);
        let text_area = Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        };
        let (rows, (row, column)) = rows_and_cursor(
            self.editor.input.text(),
            self.editor.input.cursor(),
            usize::from(text_area.width.saturating_sub(1)),
        );
        // Keep the cursor's row in view; the text scrolls under a fixed box.
        let visible = usize::from(text_area.height);
        let first = (row + 1).saturating_sub(visible);
        for (y, text) in (text_area.y..text_area.bottom()).zip(rows.iter().skip(first)) {
            Line::raw(text.as_str()).render(Rect::new(text_area.x, y, text_area.width, 1), buf);
        }
        let x = text_area.x + u16::try_from(column).unwrap_or(0);
        let y = text_area.y + u16::try_from(row - first).unwrap_or(0);
        if x < text_area.right() && y < text_area.bottom() {
            buf[(x, y)].modifier.insert(Modifier::REVERSED);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_break_and_the_cursor_follows() {
        let (rows, cursor) = rows_and_cursor("abcdef\ngh", 9, 4);
        assert_eq!(rows, ["abcd", "ef", "gh"]);
        assert_eq!(cursor, (2, 2));
        let (_, cursor) = rows_and_cursor("abcdef\ngh", 5, 4);
        assert_eq!(cursor, (1, 1));
        let (rows, cursor) = rows_and_cursor("abcd", 4, 4);
        assert_eq!(
            rows,
            ["abcd", ""],
            "a full row moves the cursor to the next"
        );
        assert_eq!(cursor, (1, 0));
    }
}
