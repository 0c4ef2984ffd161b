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
        let digits = article.paragraphs.len().max(1).to_string().len();
        let gutter = u16::try_from(digits + 3).unwrap_or(u16::MAX);
        // One blank column keeps text off the right border; long lines are capped since
        // prose much wider than this is hard to follow from one line to the next.
        let text_width = usize::from(width.saturating_sub(gutter + 1)).clamp(1, MAX_TEXT_WIDTH);
        let mut lines = Vec::new();
        let mut push = |kind, text: String| {
            lines.push(ArticleLine {
                kind,
                text,
                paragraph: None,
                first: false,
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
                });
            }
            let start = lines.len();
            let kind = LineKind::Paragraph(paragraph.kind);
            let wrapped: Vec<String> = match paragraph.kind {
                // Code keeps its own line breaks; the pane cuts what does not fit.
                ParagraphKind::Code => paragraph.text.lines().map(str::to_owned).collect(),
                ParagraphKind::ListItem => wrap_indented(&paragraph.text, text_width, "• ", "  "),
                ParagraphKind::Quote => wrap_indented(&paragraph.text, text_width, "│ ", "│ "),
                ParagraphKind::Body | ParagraphKind::Heading(_) => {
                    wrap_indented(&paragraph.text, text_width, "", "")
                }
            };
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

    /// The paragraph a line belongs to, or the next one when the line is a gap or header.
    pub fn paragraph_at_or_after(&self, line: usize) -> Option<usize> {
        self.paragraphs.iter().position(|range| range.end > line)
    }
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

    #[test]
    fn a_tiny_width_still_lays_out() {
        let article = article("A title", &["words"]);
        let wrapped = WrappedArticle::new(&article, 1);
        assert!(!wrapped.lines.is_empty());
    }
}
