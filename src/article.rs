//! The article model and the parsers that fill it.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::sanitize::sanitize;

/// One article as the reader shows it: metadata plus ordered paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    pub title: String,
    pub author: Option<String>,
    pub date: Option<ArticleDate>,
    /// Where the article came from on the web, when the file says so.
    pub source: Option<String>,
    pub tags: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
    /// The file it was read from.
    pub path: PathBuf,
    pub format: Format,
    /// Things the user should know about how the file was read (lossy decoding, ...).
    pub warnings: Vec<String>,
}

/// A date as precise as the file allowed: parsed when possible, the original text otherwise.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum ArticleDate {
    Day(chrono::NaiveDate),
    Text(String),
}

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

/// Why a file could not be read as an article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: no readable text was found in it")]
    NoText { path: PathBuf },
}

/// Parses `bytes` read from `path`, choosing the parser from the file's extension and content.
pub fn parse_article(path: &Path, bytes: &[u8]) -> Result<Article, ParseError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty {
            path: path.to_path_buf(),
        });
    }
    let text = sanitize(&String::from_utf8_lossy(bytes));
    let mut paragraphs: Vec<Paragraph> = text
        .split("\n\n")
        .map(|block| block.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|block| !block.is_empty())
        .map(Paragraph::body)
        .collect();
    if paragraphs.is_empty() {
        return Err(ParseError::NoText {
            path: path.to_path_buf(),
        });
    }
    let title = paragraphs.remove(0).text;
    Ok(Article {
        title,
        author: None,
        date: None,
        source: None,
        tags: Vec::new(),
        paragraphs,
        path: path.to_path_buf(),
        format: Format::PlainText,
        warnings: Vec::new(),
    })
}

/// Reads `text` as body text only: no header, no boilerplate removal, each blank-line separated
/// block one paragraph. For scoring and for piping text that is not a whole article.
pub fn parse_plain_body(path: &Path, text: &str) -> Article {
    let text = sanitize(&text.replace("\r\n", "\n"));
    let paragraphs = text
        .split("\n\n")
        .map(|block| block.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|block| !block.is_empty())
        .map(Paragraph::body)
        .collect();
    Article {
        title: String::new(),
        author: None,
        date: None,
        source: None,
        tags: Vec::new(),
        paragraphs,
        path: path.to_path_buf(),
        format: Format::PlainText,
        warnings: Vec::new(),
    }
}
