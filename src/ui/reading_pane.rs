//! The open article: header, then numbered paragraphs with the current one marked.

use std::path::PathBuf;

use dossier::ParagraphKind;
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::pane_block;
use super::theme::Theme;
use super::wrapped_article::{ArticleLine, LineKind, WrappedArticle};
use crate::app::{App, ArticleSearch, Focus, ShownNote};
use dossier::Entity;
use unicode_width::UnicodeWidthStr;

/// Marks, in the gutter's spare column, a paragraph that has a note.
pub const NOTE_MARKER: &str = "✎";

pub struct ReadingPane<'a> {
    wrapped: Option<&'a WrappedArticle>,
    notes: &'a [ShownNote],
    current: usize,
    scroll: usize,
    focused: bool,
    /// Where the library was looked for, shown when it has no article.
    sources: &'a [PathBuf],
    library_empty: bool,
    /// The entity whose mentions are highlighted.
    entity: Option<&'a Entity>,
    search: Option<&'a ArticleSearch>,
    theme: &'a Theme,
}

impl<'a> ReadingPane<'a> {
    pub fn new(app: &'a App) -> Self {
        Self {
            wrapped: app.wrapped(),
            notes: &app.notes,
            current: app.reading.current,
            scroll: app.reading.scroll,
            focused: app.focus == Focus::Reading,
            sources: &app.sources,
            // While the index is read for the first time the list fills; it is not empty.
            library_empty: app.articles.is_empty() && app.indexing.is_none(),
            entity: app.shown_entity(),
            search: app.search.as_ref(),
            theme: &app.theme,
        }
    }

    fn progress(&self, height: u16) -> Option<String> {
        let wrapped = self.wrapped?;
        let count = wrapped.paragraphs.len();
        if count == 0 {
            return None;
        }
        let total = wrapped.lines.len().max(1);
        let seen = (self.scroll + usize::from(height)).min(total);
        Some(format!(
            " ¶ {}/{count} · {}% ",
            self.current + 1,
            seen * 100 / total
        ))
    }

    fn line(&self, line: &'a ArticleLine, gutter: u16) -> Line<'a> {
        let digits = usize::from(gutter.saturating_sub(3));
        let is_current = line.paragraph == Some(self.current);
        let number = match line.paragraph {
            Some(index) if line.first => format!("{:>digits$}", index + 1),
            _ => " ".repeat(digits),
        };
        let has_note = line.first
            && line
                .paragraph
                .is_some_and(|p| self.notes.iter().any(|n| n.placement.index() == Some(p)));
        let marker = if has_note {
            Span::styled(NOTE_MARKER, self.theme.note_marker)
        } else {
            Span::raw(" ")
        };
        let (number_style, bar) = if is_current {
            (
                self.theme.current_number,
                Span::styled("▌", self.theme.current_bar),
            )
        } else {
            (self.theme.gutter, Span::raw(" "))
        };
        let text_style = match line.kind {
            LineKind::Title => self.theme.article_title,
            LineKind::Byline => self.theme.byline,
            LineKind::Rule => self.theme.dim,
            LineKind::Blank => Style::new(),
            LineKind::Note => self.theme.note,
            LineKind::Paragraph(kind) => match kind {
                ParagraphKind::Body => Style::new(),
                ParagraphKind::Heading(_) => self.theme.heading,
                ParagraphKind::ListItem => self.theme.list_item,
                ParagraphKind::Quote => self.theme.quote,
                ParagraphKind::Code => self.theme.code,
            },
        };
        Line::from(vec![
            Span::styled(number, number_style),
            marker,
            bar,
            Span::raw(" "),
            Span::styled(line.text.as_str(), text_style),
        ])
    }

    /// Colours the highlighted places on the visible lines: the entity's mentions, then the
    /// search's matches over them, the current match last.
    fn render_marks(&self, wrapped: &WrappedArticle, inner: Rect, buf: &mut Buffer) {
        let visible = self.scroll..self.scroll + usize::from(inner.height);
        let in_view = |paragraph: usize| {
            wrapped
                .paragraphs
                .get(paragraph)
                .is_some_and(|r| r.start < visible.end && r.end > visible.start)
        };
        let mut marks = Vec::new();
        if let Some(entity) = self.entity {
            let style = self.theme.mention(entity.kind);
            marks.extend(entity.mentions.iter().map(|m| (m, style)));
        }
        if let Some(search) = self.search {
            marks.extend(search.matches.iter().enumerate().map(|(i, m)| {
                let style = if search.current == Some(i) {
                    self.theme.current_match
                } else {
                    self.theme.search_match
                };
                (m, style)
            }));
            // The current match goes last so nothing covers it.
            marks.sort_by_key(|(_, style)| *style == self.theme.current_match);
        }
        for (place, style) in marks.into_iter().filter(|(m, _)| in_view(m.paragraph)) {
            for (line, bytes) in wrapped.locate(place.paragraph, place.start..place.end) {
                if !visible.contains(&line) {
                    continue;
                }
                let text = &wrapped.lines[line].text;
                let (Some(before), Some(marked)) = (text.get(..bytes.start), text.get(bytes))
                else {
                    continue;
                };
                let column = usize::from(wrapped.gutter) + before.width();
                let x = inner.x + u16::try_from(column).unwrap_or(u16::MAX);
                let width = u16::try_from(marked.width()).unwrap_or(u16::MAX);
                let row = inner.y + u16::try_from(line - self.scroll).unwrap_or(u16::MAX);
                let area = Rect::new(x, row, width, 1).intersection(inner);
                buf.set_style(area, style);
            }
        }
    }

    fn render_empty_library(&self, inner: Rect, buf: &mut Buffer) {
        let places = if self.sources.is_empty() {
            "the library folder".to_owned()
        } else {
            self.sources
                .iter()
                .map(|p| dossier::sanitize::sanitize(&p.display().to_string()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let text = vec![
            Line::styled("No articles yet", self.theme.article_title),
            Line::raw(""),
            Line::raw(format!("Looked in: {places}")),
            Line::raw(""),
            Line::raw(
                "Save articles there as text, Markdown or HTML files, one per file, and start \
                 dossier again; or open files kept elsewhere with: dossier PATH...",
            ),
        ];
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .render(inner.inner(Margin::new(1, 0)), buf);
    }
}

impl Widget for &ReadingPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mut block = pane_block(self.theme, " Reading ", self.focused);
        let inner = block.inner(area);
        if let Some(progress) = self.progress(inner.height) {
            block = block.title_top(Line::from(progress).right_aligned());
        }
        block.render(area, buf);
        let Some(wrapped) = self.wrapped else {
            if self.library_empty {
                self.render_empty_library(inner, buf);
            }
            return;
        };
        let lines = wrapped
            .lines
            .iter()
            .skip(self.scroll)
            .take(usize::from(inner.height));
        for (row, line) in (inner.y..inner.bottom()).zip(lines) {
            self.line(line, wrapped.gutter)
                .render(Rect::new(inner.x, row, inner.width, 1), buf);
        }
        self.render_marks(wrapped, inner, buf);
        if wrapped.paragraphs.is_empty() && self.scroll == 0 {
            let used = u16::try_from(wrapped.lines.len()).unwrap_or(u16::MAX);
            if used < inner.height {
                let row = Rect::new(inner.x + wrapped.gutter, inner.y + used, inner.width, 1);
                Line::styled("This article has no text.", self.theme.dim)
                    .render(row.intersection(inner), buf);
            }
        }
    }
}
