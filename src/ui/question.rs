//! Yes/no questions in a small box, and the one-line prompt that replaces the status bar.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::{clear_with, truncate};
use crate::app::TextInput;

pub struct Question<'a> {
    pub text: &'a str,
    pub detail: Option<&'a str>,
    /// The answers and their keys, from the key table.
    pub answers: String,
    pub theme: &'a Theme,
}

impl Widget for &Question<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let width = 50.min(screen.width.saturating_sub(2));
        let height = if self.detail.is_some() { 5 } else { 4 };
        let area = screen.centered(Constraint::Length(width), Constraint::Length(height));
        let block = Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(self.theme.warning)
            .title(" Confirm ")
            .title_style(self.theme.warning);
        let inner = block.inner(area);
        clear_with(&block, area, buf);
        let mut lines = vec![Line::raw(self.text)];
        if let Some(detail) = self.detail {
            lines.push(Line::styled(
                truncate(detail, usize::from(inner.width)),
                self.theme.dim,
            ));
        }
        lines.push(Line::styled(self.answers.as_str(), self.theme.help_key));
        Paragraph::new(lines).render(inner, buf);
    }
}

pub struct PromptLine<'a> {
    /// What is asked, before the answer: "Rename X: ", or "/" for a search.
    pub question: String,
    pub input: &'a TextInput,
    /// Said at the right end, such as a search's match count.
    pub status: Option<String>,
    pub theme: &'a Theme,
}

impl Widget for &PromptLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, self.theme.status);
        let question = &self.question;
        let text = self.input.text();
        let cursor = self.input.cursor();
        let status = self
            .status
            .as_deref()
            .map(|s| format!(" {s} "))
            .unwrap_or_default();
        let status_width = u16::try_from(status.width()).unwrap_or(0).min(area.width);
        let area = Rect {
            width: area.width - status_width,
            ..area
        };
        Line::styled(status.as_str(), self.theme.meta).render(
            Rect {
                x: area.right(),
                width: status_width,
                ..area
            },
            buf,
        );
        let room = usize::from(area.width).saturating_sub(question.width() + 2);
        // Long answers scroll so the cursor stays on screen.
        let before = &text[..cursor];
        let skip = before.width().saturating_sub(room);
        let shown: String = text
            .chars()
            .scan(0, |used, c| {
                *used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                Some((*used, c))
            })
            .filter(|(used, _)| *used > skip)
            .map(|(_, c)| c)
            .collect();
        Line::from(vec![
            Span::styled(format!(" {question}"), self.theme.status_key),
            Span::styled(shown, self.theme.status),
        ])
        .render(area, buf);
        let x = area.x
            + u16::try_from(1 + question.width() + before.width() - skip).unwrap_or(u16::MAX);
        if x < area.right() {
            buf[(x, area.y)].modifier.insert(Modifier::REVERSED);
        }
    }
}
