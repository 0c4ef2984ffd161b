//! The list of articles: a read marker, the title, and the date and author.

use dossier::index::ArticleSummary;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::layout::ScreenLayout;
use super::theme::Theme;
use super::wrapped_article::date_text;
use super::{highlight_row, pane_block, truncate};
use crate::app::{App, Focus, ListState, ListView};

/// Below this inner width a compact row shows the title alone.
const COLUMNS_FROM: u16 = 50;
const AUTHOR_WIDTH: usize = 18;
const DATE_WIDTH: usize = 11;
const MARKER_WIDTH: usize = 3;
const PROGRESS_WIDTH: usize = 4;

pub struct ArticleList<'a> {
    articles: &'a [ArticleSummary],
    read: &'a [bool],
    progress: &'a [Option<f32>],
    state: ListState,
    /// The filter and order in force, if any: which articles the rows show.
    view: Option<&'a ListView>,
    open: Option<usize>,
    focused: bool,
    /// Two rows per article side by side with the other panes, one when the list is on top.
    item_height: u16,
    theme: &'a Theme,
}

impl<'a> ArticleList<'a> {
    pub fn new(app: &'a App, layout: &ScreenLayout) -> Self {
        Self {
            articles: &app.articles,
            read: &app.read,
            progress: &app.progress,
            state: app.list,
            view: app.list_view.as_ref(),
            open: app.open,
            focused: app.focus == Focus::List,
            item_height: layout.list_item_height(),
            theme: &app.theme,
        }
    }

    /// How many rows the list has, and the article (by index) each shows.
    fn len(&self) -> usize {
        self.view.map_or(self.articles.len(), |v| v.rows.len())
    }

    fn article_of(&self, row: usize) -> Option<usize> {
        match self.view {
            Some(view) => view.rows.get(row).copied(),
            None => Some(row),
        }
    }

    /// How often the article in `row` names the entity filtered by.
    fn mentions(&self, row: usize) -> Option<usize> {
        self.view
            .and_then(|v| v.mentions.get(row).copied().flatten())
    }

    /// The selection pointer and the read marker: `▸●` when selected and unread. The pointer
    /// shows the selection where colours do not.
    fn marker(&self, row: usize, index: usize) -> Span<'static> {
        let pointer = if row == self.state.selected {
            '▸'
        } else {
            ' '
        };
        if self.read.get(index).copied().unwrap_or(false) {
            Span::raw(format!("{pointer}  "))
        } else {
            Span::styled(format!("{pointer}● "), self.theme.unread)
        }
    }

    /// "40%" for an article begun but not read to the end; nothing otherwise.
    fn progress(&self, index: usize) -> String {
        if self.read.get(index).copied().unwrap_or(false) {
            return String::new();
        }
        match self.progress.get(index).copied().flatten() {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "progress is between 0 and 1"
            )]
            Some(done) if done < 1.0 => format!("{}%", (done * 100.0).round() as u32),
            _ => String::new(),
        }
    }

    fn meta(article: &ArticleSummary) -> (String, String) {
        let date = article.date.as_ref().map(date_text).unwrap_or_default();
        let author = article.author.clone().unwrap_or_default();
        (date, author)
    }

    fn lines(
        &self,
        row: usize,
        index: usize,
        article: &ArticleSummary,
        width: u16,
    ) -> Vec<Line<'static>> {
        let width = usize::from(width);
        let title_style = if self.open == Some(index) {
            self.theme.open_article
        } else {
            ratatui::style::Style::new()
        };
        let (date, author) = Self::meta(article);
        if self.item_height >= 2 {
            // Without a date or author, the file name is what tells articles apart.
            let (date, author) = if date.is_empty() && author.is_empty() {
                (file_name(article), author)
            } else {
                (date, author)
            };
            let mentions = match self.mentions(row) {
                Some(1) => "1 mention".to_string(),
                Some(n) => format!("{n} mentions"),
                None => String::new(),
            };
            let meta = [mentions, self.progress(index), date, author]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            return vec![
                Line::from(vec![
                    self.marker(row, index),
                    Span::styled(
                        truncate(&article.title, width.saturating_sub(MARKER_WIDTH)),
                        title_style,
                    ),
                ]),
                Line::from(vec![
                    Span::raw(" ".repeat(MARKER_WIDTH)),
                    Span::styled(
                        truncate(&meta, width.saturating_sub(MARKER_WIDTH)),
                        self.theme.meta,
                    ),
                ]),
            ];
        }
        let mut spans = vec![self.marker(row, index)];
        let has_columns = !(date.is_empty() && author.is_empty()) || self.mentions(row).is_some();
        if width >= usize::from(COLUMNS_FROM) && has_columns {
            let title_width = width - MARKER_WIDTH - PROGRESS_WIDTH - DATE_WIDTH - AUTHOR_WIDTH - 3;
            let title = truncate(&article.title, title_width);
            let pad = title_width.saturating_sub(title.width());
            spans.push(Span::styled(title, title_style));
            spans.push(Span::raw(" ".repeat(pad + 1)));
            // Under an entity filter the column counts mentions instead of reading progress.
            let figure = self
                .mentions(row)
                .map_or_else(|| self.progress(index), |n| format!("{n}×"));
            spans.push(Span::styled(
                format!("{figure:>PROGRESS_WIDTH$} "),
                self.theme.meta,
            ));
            spans.push(Span::styled(
                format!("{:<DATE_WIDTH$}", truncate(&date, DATE_WIDTH)),
                self.theme.meta,
            ));
            spans.push(Span::raw(" "));
            spans.push(Span::styled(
                truncate(&author, AUTHOR_WIDTH),
                self.theme.meta,
            ));
        } else {
            spans.push(Span::styled(
                truncate(&article.title, width.saturating_sub(MARKER_WIDTH)),
                title_style,
            ));
        }
        vec![Line::from(spans)]
    }
}

impl Widget for &ArticleList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let title = match self.view {
            // The filter in force stays in sight for as long as it holds.
            Some(view) => Line::from(vec![
                // The filter matters more than the word "Articles" where the pane is narrow.
                Span::raw(format!(" {}/{} · ", view.rows.len(), self.articles.len())),
                Span::styled(
                    format!("{} ", dossier::sanitize::sanitize_line(&view.describe())),
                    self.theme.section,
                ),
            ]),
            None => {
                let unread = self.read.iter().filter(|read| !**read).count();
                Line::raw(format!(
                    " Articles {unread}/{} unread ",
                    self.articles.len()
                ))
            }
        };
        let block = pane_block(self.theme, title, self.focused);
        let inner = block.inner(area);
        block.render(area, buf);
        if self.len() == 0 {
            let text = if self.view.is_some() {
                "Nothing passes the filter"
            } else {
                "No articles"
            };
            Line::styled(text, self.theme.dim).render(inner, buf);
            return;
        }
        let visible = usize::from(inner.height / self.item_height.max(1));
        for (slot, row) in (self.state.offset..self.len()).take(visible).enumerate() {
            let Some(index) = self.article_of(row) else {
                continue;
            };
            let Some(article) = self.articles.get(index) else {
                continue;
            };
            let y = inner.y + u16::try_from(slot).unwrap_or(0) * self.item_height;
            for (i, line) in self
                .lines(row, index, article, inner.width)
                .iter()
                .enumerate()
            {
                let rect = Rect::new(inner.x, y + u16::try_from(i).unwrap_or(0), inner.width, 1);
                line.render(rect.intersection(inner), buf);
            }
            if row == self.state.selected {
                let style = if self.focused {
                    self.theme.selected
                } else {
                    self.theme.selected_unfocused
                };
                highlight_row(buf, inner, y, self.item_height, style);
            }
        }
    }
}

fn file_name(article: &ArticleSummary) -> String {
    let name = article
        .path
        .file_name()
        .map_or_else(|| article.path.to_string_lossy(), |n| n.to_string_lossy());
    dossier::sanitize::sanitize(&name).replace('\n', " ")
}
