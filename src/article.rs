//! The article model and the parsers that fill it.

mod cleanup;
mod date;
mod decode;
mod front_matter;
mod html;
mod markdown;
mod plain;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::sanitize::{sanitize, sanitize_line};

pub(crate) use cleanup::count_words;
pub use date::parse_day;

/// One article as the reader shows it: metadata plus ordered paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    pub title: String,
    pub author: Option<String>,
    pub date: Option<ArticleDate>,
    /// Where the article came from on the web, when the file says so (for a saved page, its
    /// canonical link, `og:url` or JSON-LD `url`).
    pub source: Option<String>,
    /// The publication's name (`og:site_name`, JSON-LD `publisher`) when the page gives it;
    /// for a saved feed item, the feed's title.
    pub site_name: Option<String>,
    /// The language the page declares (`<html lang>`, `og:locale`, `content-language`), as
    /// a lowercase tag such as "en" or "pt-br".
    pub language: Option<String>,
    pub tags: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
    /// The file it was read from.
    pub path: PathBuf,
    pub format: Format,
    /// Things the user should know about how the file was read (lossy decoding, ...).
    pub warnings: Vec<String>,
}

/// What a format parser found; `parse_article` adds path, format and warnings.
#[derive(Debug, Default)]
struct Parsed {
    title: Option<String>,
    author: Option<String>,
    date: Option<ArticleDate>,
    source: Option<String>,
    site_name: Option<String>,
    language: Option<String>,
    tags: Vec<String>,
    paragraphs: Vec<Paragraph>,
}

/// A date as precise as the file allowed: parsed when possible, the original text otherwise.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum ArticleDate {
    Day(chrono::NaiveDate),
    Text(String),
}

/// The kind of file an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    PlainText,
    Markdown,
    Html,
}

/// A unit of the body that the reader numbers, wraps and attaches notes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    pub text: String,
}

impl std::fmt::Display for ArticleDate {
    /// ISO 8601 (`2016-07-07`) for parsed days, the text as written otherwise.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // `NaiveDate`'s own Display is this form, written without parsing a format string
            // (a list of thousands of articles prints a date per row).
            Self::Day(day) => write!(f, "{day}"),
            Self::Text(text) => f.write_str(text),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    Body,
    /// A section heading, with its level (1 is the largest).
    Heading(u8),
    ListItem,
    Quote,
    /// Preformatted text, shown without re-wrapping.
    Code,
}

impl Paragraph {
    pub fn body(text: impl Into<String>) -> Self {
        Self {
            kind: ParagraphKind::Body,
            text: text.into(),
        }
    }
}

impl Format {
    /// The format an extension promises: `.txt`/`.text`/none for plain text, `.md`/`.markdown`
    /// for Markdown, `.html`/`.htm` for HTML. `None` for any other extension.
    pub fn from_path(path: &Path) -> Option<Self> {
        let Some(ext) = path.extension() else {
            return Some(Self::PlainText);
        };
        match ext.to_string_lossy().to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Self::PlainText),
            "md" | "markdown" | "mdown" | "mkd" => Some(Self::Markdown),
            "html" | "htm" | "xhtml" => Some(Self::Html),
            _ => None,
        }
    }

    /// Guesses the format from the text itself, for files whose extension says nothing.
    pub fn sniff(text: &str) -> Self {
        let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
        let head: String = start.chars().take(1024).collect::<String>().to_lowercase();
        if head.starts_with("<!doctype html")
            || head.starts_with("<html")
            || head.starts_with("<?xml") && head.contains("<html")
            || head.starts_with("<head")
            || head.starts_with("<!--") && head.contains("<html")
        {
            return Self::Html;
        }
        if head.starts_with("---\n") || head.starts_with("+++\n") || head.starts_with("---\r\n") {
            return Self::Markdown;
        }
        let markdown_lines = start
            .lines()
            .take(200)
            .filter(|l| {
                l.starts_with("# ")
                    || l.starts_with("## ")
                    || l.starts_with("```")
                    || (l.contains("](") && l.contains('['))
            })
            .count();
        if markdown_lines >= 2 {
            Self::Markdown
        } else {
            Self::PlainText
        }
    }
}

/// Why a file could not be read as an article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("{}: the file is empty; add some text or remove it", sanitize_line(&path.display().to_string()))]
    Empty { path: PathBuf },
    #[error("{}: this is a binary file, not an article; dossier reads .txt, .md and .html files", sanitize_line(&path.display().to_string()))]
    Binary { path: PathBuf },
    #[error("{}: no readable text was found in it; check that it is an article", sanitize_line(&path.display().to_string()))]
    NoText { path: PathBuf },
}

/// Parses `bytes` read from `path`. The parser is chosen by the file's extension, and by
/// its content when the extension is missing or unknown. Every string in the result has
/// passed [`sanitize`].
pub fn parse_article(path: &Path, bytes: &[u8]) -> Result<Article, ParseError> {
    let to_path = || path.to_path_buf();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty { path: to_path() });
    }
    if decode::looks_binary(bytes) {
        return Err(ParseError::Binary { path: to_path() });
    }
    let by_extension = Format::from_path(path);
    let decoded = decode::decode(bytes, by_extension == Some(Format::Html));
    let text = crate::sanitize::sanitize_owned(decoded.text);
    let format = match by_extension {
        Some(Format::PlainText) if path.extension().is_none() => Format::sniff(&text),
        Some(format) => format,
        None => Format::sniff(&text),
    };
    let mut warnings = decoded.warning.into_iter().collect::<Vec<_>>();
    let parsed = match format {
        Format::PlainText => plain::parse(&text),
        Format::Markdown => {
            let (parsed, warning) = markdown::parse(&text);
            warnings.extend(warning);
            parsed
        }
        Format::Html => html::parse(&text),
    };
    if parsed.paragraphs.is_empty() && parsed.title.is_none() {
        return Err(ParseError::NoText { path: to_path() });
    }
    let title = parsed
        .title
        .map(|t| {
            shorten(
                &cleanup::collapse_whitespace(&sanitize_line(&t)),
                MAX_TITLE_CHARS,
            )
        })
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| title_from_path(path));
    if parsed.paragraphs.is_empty() {
        warnings.push("no body text was found; only the title could be read".to_string());
    }
    Ok(Article {
        title,
        author: clean_field(parsed.author),
        date: parsed.date.map(|d| match d {
            ArticleDate::Text(t) => ArticleDate::Text(shorten(&sanitize_line(&t), MAX_TAG_CHARS)),
            day => day,
        }),
        source: clean_source(parsed.source),
        site_name: clean_field(parsed.site_name).map(|s| shorten(&s, MAX_TAG_CHARS)),
        language: parsed.language.and_then(|l| clean_language(&l)),
        tags: dedup_tags(parsed.tags),
        paragraphs: clean_paragraphs(parsed.paragraphs),
        path: to_path(),
        format,
        warnings,
    })
}

/// Reads `text` as body text only: no header, no boilerplate removal, each blank-line
/// separated block one paragraph. For scoring and for piping text that is not a whole article.
pub fn parse_plain_body(path: &Path, text: &str) -> Article {
    Article {
        title: String::new(),
        author: None,
        date: None,
        source: None,
        site_name: None,
        language: None,
        tags: Vec::new(),
        paragraphs: plain::body_only(&sanitize(text)),
        path: path.to_path_buf(),
        format: Format::PlainText,
        warnings: Vec::new(),
    }
}

/// Titles longer than this are cut: broken markup can make a whole page look like a title.
const MAX_TITLE_CHARS: usize = 300;

/// URLs longer than this are not kept: a cut URL would point somewhere else.
const MAX_SOURCE_LEN: usize = 2048;

/// A tag is a word or two; keyword lists stuffed into one tag are cut.
const MAX_TAG_CHARS: usize = 60;

/// Cuts `text` to `max` characters at a word boundary, marking the cut with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end())
}

/// Entity decoding and Markdown rendering can produce characters the input text did not show,
/// so the finished paragraphs pass the sanitizer once more.
fn clean_paragraphs(paragraphs: Vec<Paragraph>) -> Vec<Paragraph> {
    paragraphs
        .into_iter()
        .filter_map(|p| {
            let text = crate::sanitize::sanitize_owned(p.text);
            let text = if p.kind == ParagraphKind::Code {
                trim_blank_lines(&text)
            } else {
                cleanup::collapse_whitespace_owned(text)
            };
            (!text.is_empty()).then_some(Paragraph { kind: p.kind, text })
        })
        .collect()
}

/// Code keeps its indentation; only blank lines before and after it go.
fn trim_blank_lines(code: &str) -> String {
    let start = code
        .char_indices()
        .take_while(|(_, c)| c.is_whitespace())
        .filter(|(_, c)| *c == '\n')
        .last()
        .map_or(0, |(i, _)| i + 1);
    code[start..].trim_end().to_string()
}

/// Metadata fields are one line each and never longer than a title.
fn clean_field(value: Option<String>) -> Option<String> {
    value
        .map(|v| {
            shorten(
                &cleanup::collapse_whitespace(&sanitize_line(&v)),
                MAX_TITLE_CHARS,
            )
        })
        .filter(|v| !v.is_empty())
}

/// A URL is kept whole (a cut one would point elsewhere) or dropped; a publication name is
/// cleaned like any other field.
/// A language tag as pages write it ("en-US", "pt_BR", "de") in lowercase BCP 47 form;
/// anything else (free text, a whole sentence) is not a language tag.
fn clean_language(tag: &str) -> Option<String> {
    let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
    let mut parts = tag.split('-');
    let primary = parts.next()?;
    let valid = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts
            .all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    valid.then_some(tag)
}

fn clean_source(source: Option<String>) -> Option<String> {
    let source = sanitize_line(&source?).trim().to_string();
    if source.starts_with("http://") || source.starts_with("https://") {
        (source.len() <= MAX_SOURCE_LEN && !source.contains(char::is_whitespace)).then_some(source)
    } else {
        clean_field(Some(source))
    }
}

fn dedup_tags(tags: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = shorten(
            &cleanup::collapse_whitespace(&sanitize_line(&tag)),
            MAX_TAG_CHARS,
        );
        if !tag.is_empty() && !out.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            out.push(tag);
        }
    }
    out
}

/// "central-asian_jihadists.txt" -> "Central asian jihadists": a title for files that have none.
fn title_from_path(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_default();
    let stem = cleanup::collapse_whitespace(&sanitize_line(&stem));
    let mut chars = stem.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Untitled".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_prints_as_iso_8601_with_four_digit_years() {
        for (y, m, d) in [(1, 1, 1), (999, 12, 31), (2016, 7, 7), (9999, 12, 31)] {
            let day = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a valid day");
            let printed = ArticleDate::Day(day).to_string();
            assert_eq!(printed, day.format("%Y-%m-%d").to_string());
            assert_eq!(printed.parse::<chrono::NaiveDate>(), Ok(day));
        }
        assert_eq!(
            ArticleDate::Day(chrono::NaiveDate::from_ymd_opt(2016, 7, 7).expect("a day"))
                .to_string(),
            "2016-07-07"
        );
    }

    #[test]
    fn extensions_choose_the_format() {
        let format = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(format("a.txt"), Some(Format::PlainText));
        assert_eq!(format("a.TEXT"), Some(Format::PlainText));
        assert_eq!(format("notes"), Some(Format::PlainText));
        assert_eq!(format("a.md"), Some(Format::Markdown));
        assert_eq!(format("a.markdown"), Some(Format::Markdown));
        assert_eq!(format("a.HTM"), Some(Format::Html));
        assert_eq!(format("a.png"), None);
    }

    #[test]
    fn content_decides_when_the_extension_does_not() {
        assert_eq!(Format::sniff("\n<!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(Format::sniff("<html><body>x"), Format::Html);
        assert_eq!(Format::sniff("---\ntitle: x\n---\n"), Format::Markdown);
        assert_eq!(Format::sniff("# Head\n\n## Sub\n"), Format::Markdown);
        assert_eq!(
            Format::sniff("Just words.\n\nMore words."),
            Format::PlainText
        );
        let article = parse_article(
            Path::new("page"),
            b"<!doctype html><title>T</title><p>Body text.</p>",
        )
        .expect("parses");
        assert_eq!(article.format, Format::Html);
        assert_eq!(article.title, "T");
    }

    #[test]
    fn runaway_titles_are_cut_at_a_word() {
        let html = format!("<title>{}", "word ".repeat(10_000));
        let article = parse_article(Path::new("a.html"), html.as_bytes()).expect("parses");
        assert!(article.title.chars().count() <= MAX_TITLE_CHARS + 1);
        assert!(article.title.ends_with("word…"), "{}", article.title);
    }

    #[test]
    fn dates_display_as_iso_or_as_written() {
        let day = chrono::NaiveDate::from_ymd_opt(2016, 7, 7).expect("valid");
        assert_eq!(ArticleDate::Day(day).to_string(), "2016-07-07");
        assert_eq!(
            ArticleDate::Text("Summer 2016".into()).to_string(),
            "Summer 2016"
        );
    }

    #[test]
    fn files_without_a_title_are_named_after_the_file() {
        assert_eq!(
            title_from_path(Path::new("dir/grain_deal-talks.txt")),
            "Grain deal talks"
        );
        assert_eq!(title_from_path(Path::new("")), "Untitled");
    }
}
