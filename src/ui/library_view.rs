//! An entity's page and library search results, in place of the panes: one two-line row per
//! article, note or hit (what it is and where, then the sentence or note), the selected row
//! marked. Only the rows in view are drawn, however long the page.

use dossier::index::{EntityPage, Hit, HitPlace};
use dossier::sanitize::sanitize_line;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::wrapped_article::date_text;
use super::{clear_with, highlight_row, truncate};
use crate::app::{LibraryContent, LibraryView};

/// Columns before a row's second line.
const SECOND_INDENT: usize = 5;

pub struct LibraryViewWidget<'a> {
    view: &'a LibraryView,
    theme: &'a Theme,
}

/// One screen line of the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Header(&'static str),
    Gap,
    /// The first or second line of row `usize`.
    First(usize),
    Second(usize),
    Empty(&'static str),
}

impl<'a> LibraryViewWidget<'a> {
    pub fn new(view: &'a LibraryView, theme: &'a Theme) -> Self {
        Self { view, theme }
    }

    fn items(&self) -> Vec<Item> {
        let rows = |range: std::ops::Range<usize>, items: &mut Vec<Item>| {
            for row in range {
                items.push(Item::First(row));
                items.push(Item::Second(row));
            }
        };
        let mut items = Vec::new();
        match &self.view.content {
            LibraryContent::Entity(page) => {
                let articles = page.articles.len();
                items.push(Item::Header("Articles, newest first"));
                rows(0..articles, &mut items);
                if articles < page.total {
                    // Read as the selection comes near the end of those loaded.
                    items.push(Item::Empty("More articles load as you scroll…"));
                }
                if articles == 0 {
                    items.push(Item::Empty("No article mentions it"));
                }
                items.push(Item::Gap);
                items.push(Item::Header("Notes on paragraphs that mention it"));
                rows(articles..articles + page.notes.len(), &mut items);
                if page.notes.is_empty() {
                    items.push(Item::Empty("No note yet"));
                }
            }
            LibraryContent::Search { hits, .. } => rows(0..hits.len(), &mut items),
        }
        items
    }

    fn title(&self) -> String {
        match &self.view.content {
            LibraryContent::Entity(page) => {
                let mut title = format!(
                    " {}: {} · {} · {} · {} ",
                    capitalised(page.entity.kind.as_str()),
                    page.entity.name,
                    count(page.total, "article"),
                    count(page.mentions, "mention"),
                    count(page.notes.len(), "note"),
                );
                // The other names it goes by in some article ("Serenko" alone).
                let others: Vec<&str> = page
                    .names
                    .iter()
                    .map(String::as_str)
                    .filter(|n| *n != page.entity.name)
                    .collect();
                if !others.is_empty() {
                    title.push_str(&format!("· also “{}” ", others.join("”, “")));
                }
                sanitize_line(&title)
            }
            LibraryContent::Search { query, hits } => sanitize_line(&format!(
                " Library search “{query}” · {} ",
                count(hits.len(), "result")
            )),
        }
    }

    fn line(&self, item: Item, width: usize) -> Line<'static> {
        match item {
            Item::Header(text) => Line::styled(format!(" {text}"), self.theme.section),
            Item::Gap => Line::raw(""),
            Item::Empty(text) => Line::styled(format!("   {text}"), self.theme.dim),
            Item::First(row) => {
                let pointer = if row == self.view.selected {
                    " ▸ "
                } else {
                    "   "
                };
                let mut spans = vec![Span::raw(pointer)];
                spans.extend(match &self.view.content {
                    LibraryContent::Entity(page) => entity_first(page, row, self.theme),
                    LibraryContent::Search { hits, .. } => hit_first(&hits[row], self.theme),
                });
                fit(spans, width)
            }
            Item::Second(row) => {
                let mut spans = vec![Span::raw(" ".repeat(SECOND_INDENT))];
                spans.extend(match &self.view.content {
                    LibraryContent::Entity(page) => {
                        entity_second(page, row, width.saturating_sub(SECOND_INDENT), self.theme)
                    }
                    LibraryContent::Search { hits, .. } => {
                        hit_second(&hits[row], width.saturating_sub(SECOND_INDENT), self.theme)
                    }
                });
                fit(spans, width)
            }
        }
    }
}

impl Widget for &LibraryViewWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(self.theme.focused_border)
            .title(self.title())
            .title_style(self.theme.focused_title);
        let inner = block.inner(area);
        clear_with(&block, area, buf);
        let items = self.items();
        let height = usize::from(inner.height);
        let selected_at = items
            .iter()
            .position(|i| *i == Item::First(self.view.selected))
            .unwrap_or(0);
        // Keep the selected row's two lines in view; at the top, the section header too.
        let offset = (selected_at + 2).saturating_sub(height);
        let width = usize::from(inner.width);
        for (slot, item) in items.iter().skip(offset).take(height).enumerate() {
            let y = inner.y + u16::try_from(slot).unwrap_or(u16::MAX);
            self.line(*item, width)
                .render(Rect::new(inner.x, y, inner.width, 1), buf);
            if matches!(item, Item::First(row) if *row == self.view.selected) {
                highlight_row(buf, inner, y, 1, self.theme.selected);
            }
        }
    }
}

/// "an article" / "3 articles".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn date_of(date: Option<&dossier::ArticleDate>) -> String {
    date.map(date_text).unwrap_or_default()
}

/// The first line of an entity page's row: the article's title, date and count, or the
/// note's paragraph and article.
fn entity_first(page: &EntityPage, row: usize, theme: &Theme) -> Vec<Span<'static>> {
    if let Some(entry) = page.articles.get(row) {
        let meta = [
            date_of(entry.article.date.as_ref()),
            count(entry.mentions, "mention"),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
        return vec![
            Span::raw(sanitize_line(&entry.article.title)),
            Span::styled(format!("  {meta}"), theme.meta),
        ];
    }
    let Some(note) = page.notes.get(row - page.articles.len()) else {
        return Vec::new();
    };
    vec![
        Span::styled(format!("¶ {}  ", note.paragraph + 1), theme.meta),
        Span::raw(sanitize_line(&note.title)),
    ]
}

/// The second line: the sentence of the first mention, the entity's names lit up as in the
/// reading pane; or the note's text.
fn entity_second(page: &EntityPage, row: usize, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    if let Some(entry) = page.articles.get(row) {
        let sentence = sanitize_line(&entry.sentence);
        let mut names: Vec<&str> = page.names.iter().map(String::as_str).collect();
        names.push(&page.entity.name);
        // A full name before the surname it contains.
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        let ranges = name_ranges(&sentence, &names);
        let (sentence, ranges) = toward_first(&sentence, ranges, width);
        return marked(
            &sentence,
            &ranges,
            theme.dim,
            theme.mention(page.entity.kind),
        );
    }
    let Some(note) = page.notes.get(row - page.articles.len()) else {
        return Vec::new();
    };
    vec![Span::styled(sanitize_line(&note.text), theme.note)]
}

fn hit_first(hit: &Hit, theme: &Theme) -> Vec<Span<'static>> {
    let place = match hit.place {
        HitPlace::Title => "title".to_string(),
        HitPlace::Text { paragraph } => format!("¶ {}", paragraph + 1),
        HitPlace::Note { paragraph: Some(p) } => format!("note on ¶ {}", p + 1),
        HitPlace::Note { paragraph: None } => "note".to_string(),
    };
    // Where it matched first: it is what Enter goes to.
    let meta = [
        place,
        date_of(hit.article.date.as_ref()),
        hit.article
            .author
            .as_deref()
            .map(sanitize_line)
            .unwrap_or_default(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    vec![
        Span::raw(sanitize_line(&hit.article.title)),
        Span::styled(format!("  {meta}"), theme.meta),
    ]
}

/// The matching text with the matched words lit up.
fn hit_second(hit: &Hit, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let base = match hit.place {
        HitPlace::Note { .. } => theme.note,
        _ => theme.dim,
    };
    let (text, ranges) = toward_first(&hit.snippet.text, hit.snippet.matches.clone(), width);
    marked(&text, &ranges, base, theme.search_match)
}

/// `text` starting close enough before its first marked range that the range shows in
/// `width` columns ("…" standing for what was cut), and the ranges moved to match.
fn toward_first(
    text: &str,
    ranges: Vec<std::ops::Range<usize>>,
    width: usize,
) -> (String, Vec<std::ops::Range<usize>>) {
    let Some(first) = ranges.first().cloned() else {
        return (text.to_owned(), ranges);
    };
    let fits = text
        .get(..first.end)
        .is_none_or(|shown| shown.width() <= width);
    if fits || !text.is_char_boundary(first.start) {
        return (text.to_owned(), ranges);
    }
    let before = &text[..first.start];
    let keep = width / 3;
    let mut cut = first.start;
    // Start at a word, as close before the mark as `keep` allows.
    for (at, c) in before.char_indices().rev() {
        if before[at..].width() > keep {
            break;
        }
        if c.is_whitespace() {
            cut = at + c.len_utf8();
        }
    }
    const ELLIPSIS: &str = "…";
    let moved = ranges
        .into_iter()
        .filter(|r| r.start >= cut)
        .map(|r| r.start - cut + ELLIPSIS.len()..r.end - cut + ELLIPSIS.len())
        .collect();
    (format!("{ELLIPSIS}{}", &text[cut..]), moved)
}

/// Where any of `names` occurs in `text` as a whole word, in order, not overlapping.
fn name_ranges(text: &str, names: &[&str]) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for name in names.iter().filter(|n| !n.is_empty()) {
        for (start, _) in text.match_indices(name) {
            let end = start + name.len();
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            let whole = !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric);
            if whole && !ranges.iter().any(|r| r.start < end && start < r.end) {
                ranges.push(start..end);
            }
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// `text` as spans in `base`, with `ranges` (byte ranges, in order) in `mark`. Each piece
/// passes the sanitizer; ranges that do not fall on characters are skipped.
fn marked(
    text: &str,
    ranges: &[std::ops::Range<usize>],
    base: Style,
    mark: Style,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for range in ranges {
        if range.start < at
            || range.end > text.len()
            || !text.is_char_boundary(range.start)
            || !text.is_char_boundary(range.end)
        {
            continue;
        }
        spans.push(Span::styled(sanitize_line(&text[at..range.start]), base));
        spans.push(Span::styled(sanitize_line(&text[range.clone()]), mark));
        at = range.end;
    }
    spans.push(Span::styled(sanitize_line(&text[at..]), base));
    spans
}

/// `spans` cut to `width` columns, the last one ending in "…" when cut.
fn fit(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut out = Vec::new();
    let mut used = 0;
    let total: usize = spans.iter().map(|s| s.content.width()).sum();
    if total <= width {
        return Line::from(spans);
    }
    for span in spans {
        let w = span.content.width();
        if used + w < width {
            used += w;
            out.push(span);
            continue;
        }
        out.push(Span::styled(
            truncate(&span.content, width - used),
            span.style,
        ));
        break;
    }
    Line::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_as_whole_words_only() {
        let text = "Serenko met Andrey Serenkov; Andrey Serenko left.";
        let ranges = name_ranges(text, &["Serenko", "Andrey Serenko"]);
        let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, vec!["Serenko", "Serenko"]);
        let ranges = name_ranges(text, &["Andrey Serenko", "Serenko"]);
        let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, vec!["Serenko", "Andrey Serenko"]);
    }

    #[test]
    fn a_mark_past_the_edge_is_brought_into_view() {
        let text = "one two three four five six seven eight nine ten budget eleven";
        let at = text.find("budget").expect("there");
        let budget = std::iter::once(at..at + 6).collect();
        let (shown, ranges) = toward_first(text, budget, 30);
        assert!(shown.starts_with('…'), "{shown}");
        assert_eq!(&shown[ranges[0].clone()], "budget");
        assert!(shown[..ranges[0].end].width() <= 30);
        let one: Vec<_> = std::iter::once(0..3).collect();
        let (shown, ranges) = toward_first(text, one.clone(), 30);
        assert_eq!((shown.as_str(), ranges), (text, one));
    }

    #[test]
    fn a_long_line_is_cut_with_an_ellipsis() {
        let line = fit(vec![Span::raw("abcdef"), Span::raw("ghij")], 8);
        assert_eq!(line.to_string(), "abcdefg…");
        assert_eq!(line.width(), 8);
        let line = fit(vec![Span::raw("abc")], 8);
        assert_eq!(line.to_string(), "abc");
    }
}
