//! An article laid out in lines for one pane width: the header, then each paragraph wrapped
//! with its number in a gutter. Built once per article and width, reused for every frame and
//! every scroll computation.

use std::ops::Range;

use dossier::{Article, ArticleDate, ParagraphKind};

/// The widest a line of text gets, however wide the pane.
pub const MAX_TEXT_WIDTH: usize = 80;

/// What a line of the laid-out article is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Byline,
    Rule,
    Blank,
    Paragraph(ParagraphKind),
    /// A note shown under its paragraph.
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLine {
    pub kind: LineKind,
    pub text: String,
    /// The paragraph (index into `Article::paragraphs`) this line belongs to.
    pub paragraph: Option<usize>,
    /// Whether this is the paragraph's first line, which carries its number.
    pub first: bool,
    /// Where this line's text comes from in its paragraph, so byte ranges of the paragraph
    /// (mentions, search matches) can be drawn on it.
    pub source: Option<LineSource>,
}

/// A paragraph line's place in the paragraph's text: `text[marker..]` is the paragraph's
/// bytes from `start` on, word for word (wrapping only drops the spaces at a break).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSource {
    /// Bytes of list or quote marker before the paragraph's own text.
    pub marker: usize,
    /// The byte in the paragraph where the line's own text starts.
    pub start: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedArticle {
    /// The pane's inner width this was laid out for.
    pub width: u16,
    /// Columns before the text: the paragraph number, a space, the current-paragraph bar, a space.
    pub gutter: u16,
    pub lines: Vec<ArticleLine>,
    /// Line ranges of each paragraph, by paragraph index.
    pub paragraphs: Vec<Range<usize>>,
}

impl WrappedArticle {
    pub fn new(article: &Article, width: u16) -> Self {
        Self::with_notes(article, width, &[])
    }

    /// Lays out `article` with `notes` (paragraph index, text) under their paragraphs; a
    /// paragraph's line range covers its notes, so bringing it into view shows them too.
    pub fn with_notes(article: &Article, width: u16, notes: &[(usize, &str)]) -> Self {
        Self::laid_out(article, width, MAX_TEXT_WIDTH, notes)
    }

    /// As `with_notes`, with lines of text no longer than `max_text_width` columns.
    pub fn laid_out(
        article: &Article,
        width: u16,
        max_text_width: usize,
        notes: &[(usize, &str)],
    ) -> Self {
        let digits = article.paragraphs.len().max(1).to_string().len();
        let gutter = u16::try_from(digits + 3).unwrap_or(u16::MAX);
        // One blank column keeps text off the right border; long lines are capped since
        // prose much wider than this is hard to follow from one line to the next.
        let text_width =
            usize::from(width.saturating_sub(gutter + 1)).clamp(1, max_text_width.max(1));
        let mut lines = Vec::new();
        let mut push = |kind, text: String| {
            lines.push(ArticleLine {
                kind,
                text,
                paragraph: None,
                first: false,
                source: None,
            });
        };

        let title = if article.title.trim().is_empty() {
            "(untitled)"
        } else {
            &article.title
        };
        for line in textwrap::wrap(title, text_width) {
            push(LineKind::Title, line.into_owned());
        }
        let byline = byline(article);
        if !byline.is_empty() {
            for line in textwrap::wrap(&byline, text_width) {
                push(LineKind::Byline, line.into_owned());
            }
        }
        push(LineKind::Rule, "─".repeat(text_width.min(40)));
        push(LineKind::Blank, String::new());

        let mut ranges = Vec::with_capacity(article.paragraphs.len());
        for (index, paragraph) in article.paragraphs.iter().enumerate() {
            if index > 0 {
                lines.push(ArticleLine {
                    kind: LineKind::Blank,
                    text: String::new(),
                    paragraph: None,
                    first: false,
                    source: None,
                });
            }
            let start = lines.len();
            let kind = LineKind::Paragraph(paragraph.kind);
            let (wrapped, first_marker, rest_marker): (Vec<String>, &str, &str) =
                match paragraph.kind {
                    // Code keeps its own line breaks; the pane cuts what does not fit.
                    ParagraphKind::Code => {
                        (paragraph.text.lines().map(str::to_owned).collect(), "", "")
                    }
                    ParagraphKind::ListItem => (
                        wrap_indented(&paragraph.text, text_width, "• ", "  "),
                        "• ",
                        "  ",
                    ),
                    ParagraphKind::Quote => (
                        wrap_indented(&paragraph.text, text_width, "│ ", "│ "),
                        "│ ",
                        "│ ",
                    ),
                    ParagraphKind::Body | ParagraphKind::Heading(_) => {
                        (wrap_indented(&paragraph.text, text_width, "", ""), "", "")
                    }
                };
            let mut sources = align(&paragraph.text, &wrapped, first_marker, rest_marker);
            let wrapped = if wrapped.is_empty() {
                vec![String::new()]
            } else {
                wrapped
            };
            for (i, text) in wrapped.into_iter().enumerate() {
                lines.push(ArticleLine {
                    kind,
                    text,
                    paragraph: Some(index),
                    first: i == 0,
                    source: sources.get_mut(i).and_then(Option::take),
                });
            }
            for (_, note) in notes.iter().filter(|(at, _)| *at == index) {
                for text in note
                    .lines()
                    .flat_map(|line| wrap_indented(line, text_width, "┆ ", "┆ "))
                {
                    lines.push(ArticleLine {
                        kind: LineKind::Note,
                        text,
                        paragraph: Some(index),
                        first: false,
                        source: None,
                    });
                }
            }
            ranges.push(start..lines.len());
        }
        Self {
            width,
            gutter,
            lines,
            paragraphs: ranges,
        }
    }

    /// Where the bytes `range` of paragraph `paragraph` are drawn: each line they touch, with
    /// the byte range of that line's text they cover. A range across a line break comes back
    /// in pieces; the spaces dropped at the break belong to no line.
    pub fn locate(
        &self,
        paragraph: usize,
        range: Range<usize>,
    ) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        let lines = self.paragraphs.get(paragraph).cloned().unwrap_or(0..0);
        lines.filter_map(move |index| {
            let line = &self.lines[index];
            let source = line.source?;
            let own = line.text.len().checked_sub(source.marker)?;
            let start = range.start.max(source.start);
            let end = range.end.min(source.start + own);
            (start < end).then(|| {
                let at = |byte: usize| byte - source.start + source.marker;
                (index, at(start)..at(end))
            })
        })
    }

    /// The first line showing byte `byte` of paragraph `paragraph` (its first line if none does).
    pub fn line_of(&self, paragraph: usize, byte: usize) -> Option<usize> {
        let lines = self.paragraphs.get(paragraph)?.clone();
        let shown = self.locate(paragraph, byte..byte.saturating_add(1)).next();
        Some(shown.map_or(lines.start, |(line, _)| line))
    }

    /// The paragraph a line belongs to, or the next one when the line is a gap or header.
    pub fn paragraph_at_or_after(&self, line: usize) -> Option<usize> {
        self.paragraphs.iter().position(|range| range.end > line)
    }
}

/// Finds each wrapped line in the paragraph it came from, in order. Wrapping keeps the words
/// as they are and only drops whitespace at breaks, so each line's own text is the next
/// occurrence of it in the paragraph; a line that cannot be found (which would be a change in
/// how wrapping works) gets no source, and is drawn without highlights rather than wrongly.
fn align(
    text: &str,
    lines: &[String],
    first_marker: &str,
    rest_marker: &str,
) -> Vec<Option<LineSource>> {
    let mut cursor = 0;
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let marker = if i == 0 { first_marker } else { rest_marker };
            let own = line.strip_prefix(marker)?;
            let start = cursor + text.get(cursor..)?.find(own)?;
            cursor = start + own.len();
            Some(LineSource {
                marker: marker.len(),
                start,
            })
        })
        .collect()
}

fn wrap_indented(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest);
    textwrap::wrap(text, options)
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect()
}

/// "By Author · 20 Nov 2026 · Site · source", leaving out what the article does not have.
pub fn byline(article: &Article) -> String {
    let mut parts = Vec::new();
    if let Some(author) = article.author.as_deref().filter(|a| !a.trim().is_empty()) {
        parts.push(format!("By {author}"));
    }
    if let Some(date) = &article.date {
        parts.push(date_text(date));
    }
    if let Some(site) = article
        .site_name
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        parts.push(site.to_owned());
    }
    if let Some(source) = article.source.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push(source.to_owned());
    }
    parts.join(" · ")
}

pub fn date_text(date: &ArticleDate) -> String {
    match date {
        ArticleDate::Day(day) => day.format("%-d %b %Y").to_string(),
        ArticleDate::Text(text) => text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::test_articles::article;

    #[test]
    fn paragraphs_wrap_to_the_width_after_the_gutter() {
        let article = article(
            "Title",
            &["one two three four five six seven eight nine ten"],
        );
        let wrapped = WrappedArticle::new(&article, 25);
        assert_eq!(wrapped.gutter, 4);
        let body: Vec<&str> = wrapped.lines[wrapped.paragraphs[0].clone()]
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(
            body,
            ["one two three four", "five six seven eight", "nine ten"]
        );
        assert!(body.iter().all(|l| l.chars().count() <= 20));
    }

    #[test]
    fn ranges_cover_each_paragraph_once_in_order() {
        let article = article("T", &["a", "b b b b b b b b b b b b b b", "c"]);
        let wrapped = WrappedArticle::new(&article, 12);
        for (index, range) in wrapped.paragraphs.iter().enumerate() {
            assert!(
                wrapped.lines[range.clone()]
                    .iter()
                    .all(|l| l.paragraph == Some(index))
            );
            assert!(wrapped.lines[range.start].first);
        }
        assert_eq!(wrapped.paragraph_at_or_after(0), Some(0));
        let gap = wrapped.paragraphs[1].start - 1;
        assert_eq!(wrapped.paragraph_at_or_after(gap), Some(1));
        assert_eq!(wrapped.paragraph_at_or_after(wrapped.lines.len()), None);
    }

    #[test]
    fn list_items_and_quotes_hang_under_their_marker() {
        let mut article = article("T", &["alpha beta gamma delta", "one two three four"]);
        article.paragraphs[0].kind = ParagraphKind::ListItem;
        article.paragraphs[1].kind = ParagraphKind::Quote;
        let wrapped = WrappedArticle::new(&article, 18);
        let texts: Vec<&str> = wrapped.lines.iter().map(|l| l.text.as_str()).collect();
        assert!(texts.contains(&"• alpha beta"), "{texts:?}");
        assert!(texts.contains(&"  gamma delta"), "{texts:?}");
        assert!(texts.contains(&"│ one two"), "{texts:?}");
        assert!(texts.contains(&"│ three four"), "{texts:?}");
    }

    #[test]
    fn wide_panes_cap_the_line_length() {
        let words = "word ".repeat(100);
        let wrapped = WrappedArticle::new(&article("T", &[&words]), 300);
        let longest = wrapped.lines.iter().map(|l| l.text.chars().count()).max();
        assert_eq!(longest, Some(MAX_TEXT_WIDTH - 1));
    }

    /// The pieces of the bytes `range` of paragraph `paragraph` as the lines show them.
    fn shown(wrapped: &WrappedArticle, paragraph: usize, range: Range<usize>) -> Vec<&str> {
        wrapped
            .locate(paragraph, range)
            .map(|(line, bytes)| &wrapped.lines[line].text[bytes])
            .collect()
    }

    #[test]
    fn byte_ranges_map_onto_lines_across_breaks_and_markers() {
        let text = "Ministers met Zoë Ångström in Düsseldorf again";
        let mut article = article("T", &[text, text]);
        article.paragraphs[1].kind = ParagraphKind::ListItem;
        let name = text.find("Zoë").expect("in the text")..text.find(" in").expect("in the text");
        // Whatever the width, the name is drawn whole, in one piece or across a break.
        let mut split = 0;
        for width in 16..70 {
            let wrapped = WrappedArticle::new(&article, width);
            for paragraph in 0..2 {
                let pieces = shown(&wrapped, paragraph, name.clone());
                assert_eq!(pieces.join(" "), "Zoë Ångström", "width {width}");
                split += usize::from(pieces.len() == 2);
            }
        }
        assert!(
            split >= 2,
            "some widths break the name, in both kinds of paragraph"
        );
        let wrapped = WrappedArticle::new(&article, 22);
        let city = text.find("Düsseldorf").expect("in the text");
        assert_eq!(
            shown(&wrapped, 1, city..city + "Düsseldorf".len()),
            ["Düsseldorf"]
        );
        let city_line = wrapped.line_of(1, city).expect("a line");
        assert!(wrapped.lines[city_line].text.contains("Düsseldorf"));
        assert!(shown(&wrapped, 5, 0..3).is_empty(), "no such paragraph");
    }

    #[test]
    fn code_lines_map_onto_their_own_bytes() {
        let mut article = article("T", &["a = 1\nbudget = 2"]);
        article.paragraphs[0].kind = ParagraphKind::Code;
        let wrapped = WrappedArticle::new(&article, 40);
        assert_eq!(shown(&wrapped, 0, 6..12), ["budget"]);
    }

    #[test]
    fn a_tiny_width_still_lays_out() {
        let article = article("A title", &["words"]);
        let wrapped = WrappedArticle::new(&article, 1);
        assert!(!wrapped.lines.is_empty());
    }
}
