//! Articles that arrive (fetched pages, feed items, copied files) written into the library
//! folder as Markdown with YAML front matter, the form dossier itself reads back.
//!
//! A file appears whole or not at all: it is written beside its name, flushed, and linked into
//! place under a name that is free (see [`crate::store::durable::create_durably`]). File names
//! come from the title, reduced to letters, digits and dashes, so nothing from the network can
//! name a path outside the folder.

use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};

use crate::article::{Article, ParagraphKind};
use crate::sanitize::sanitize_line;
use crate::store::{RealFs, WriteStep, durable::create_durably};

/// Where an article came from, kept in its front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// The page's URL (after redirects), for fetched articles.
    pub source: Option<String>,
    pub fetched: Option<DateTime<Utc>>,
    /// The feed's title and URL, for feed items.
    pub feed: Option<String>,
    pub feed_url: Option<String>,
    /// Tags to add to the article's own (a feed's tags).
    pub tags: Vec<String>,
}

/// Longest file-name stem, in characters, before the date prefix and any `-2` suffix.
const MAX_SLUG_CHARS: usize = 60;

/// Why an article could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write into {}: {step}: {source}", sanitize_line(&folder.display().to_string()))]
pub struct WriteError {
    pub folder: PathBuf,
    pub step: WriteStep,
    pub source: std::io::Error,
}

/// Writes `article` into `folder` as a new Markdown file and returns its path.
pub fn save_article(
    folder: &Path,
    article: &Article,
    provenance: &Provenance,
) -> Result<PathBuf, WriteError> {
    let text = to_markdown(article, provenance);
    let stem = file_stem(article);
    let error = |(step, source)| WriteError {
        folder: folder.to_path_buf(),
        step,
        source,
    };
    std::fs::create_dir_all(folder).map_err(|e| error((WriteStep::CreateTemp, e)))?;
    create_durably(
        &mut RealFs,
        folder,
        |n| {
            if n == 0 {
                folder.join(format!("{stem}.md"))
            } else {
                folder.join(format!("{stem}-{}.md", n + 1))
            }
        },
        text.as_bytes(),
    )
    .map_err(error)
}

/// Removes temp files that a killed writer left in `folder` (hidden, so the library never showed
/// them) once they are older than any write could take.
pub fn remove_leftovers(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let stale = entry
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(600));
        if name.starts_with('.') && name.contains(".md.tmp-") && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// `2024-05-06-the-title` (the date only when the article has a day), bounded in length.
pub fn file_stem(article: &Article) -> String {
    let slug = slug(&article.title);
    match &article.date {
        Some(crate::ArticleDate::Day(day)) => format!("{}-{slug}", day.format("%Y-%m-%d")),
        _ => slug,
    }
}

/// Lower-case letters and digits joined by single dashes; `article` when nothing is left.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    let mut dash = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        if chars >= MAX_SLUG_CHARS {
            break;
        }
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
                chars += 1;
            }
            dash = false;
            out.push(c);
            chars += 1;
        } else {
            dash = true;
        }
    }
    let mut out: String = out.chars().take(MAX_SLUG_CHARS).collect();
    if chars >= MAX_SLUG_CHARS
        && let Some(dash) = out.rfind('-').filter(|&at| at > out.len() / 2)
    {
        // Cut at a word boundary rather than through a word.
        out.truncate(dash);
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "article".to_string()
    } else {
        out.to_string()
    }
}

/// The whole file: front matter, then the body as Markdown that reads back paragraph for
/// paragraph.
pub fn to_markdown(article: &Article, provenance: &Provenance) -> String {
    let mut out = String::from("---\n");
    field(&mut out, "title", &article.title);
    if let Some(author) = &article.author {
        field(&mut out, "author", author);
    }
    if let Some(date) = &article.date {
        field(&mut out, "date", &date.to_string());
    }
    if let Some(source) = provenance.source.as_ref().or(article.source.as_ref()) {
        field(&mut out, "source", source);
    }
    if let Some(fetched) = provenance.fetched {
        field(
            &mut out,
            "fetched",
            &fetched.to_rfc3339_opts(SecondsFormat::Secs, true),
        );
    }
    if let Some(feed) = &provenance.feed {
        field(&mut out, "feed", feed);
    }
    if let Some(feed_url) = &provenance.feed_url {
        field(&mut out, "feed_url", feed_url);
    }
    let mut tags: Vec<&String> = Vec::new();
    for tag in article.tags.iter().chain(&provenance.tags) {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if !tags.is_empty() {
        out.push_str("tags:\n");
        for tag in tags {
            out.push_str("  - ");
            out.push_str(&quoted(tag));
            out.push('\n');
        }
    }
    out.push_str("---\n");
    for paragraph in &article.paragraphs {
        out.push('\n');
        let text = paragraph.text.trim();
        match paragraph.kind {
            ParagraphKind::Body => out.push_str(&escape_inline(&one_line(text))),
            ParagraphKind::Heading(level) => {
                out.push_str(&"#".repeat(usize::from(level.clamp(1, 6))));
                out.push(' ');
                out.push_str(&escape_inline(&one_line(text)));
            }
            ParagraphKind::ListItem => {
                out.push_str("- ");
                out.push_str(&escape_inline(&one_line(text)));
                // A blank line would join consecutive items into one loose list; that still
                // reads back as one paragraph per item.
            }
            ParagraphKind::Quote => {
                out.push_str("> ");
                out.push_str(&escape_inline(&one_line(text)));
            }
            ParagraphKind::Code => {
                let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
                out.push_str(&fence);
                out.push('\n');
                out.push_str(text);
                out.push('\n');
                out.push_str(&fence);
            }
        }
        out.push('\n');
    }
    out
}

/// `key: "value"` on one line.
fn field(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(": ");
    out.push_str(&quoted(value));
    out.push('\n');
}

/// A YAML double-quoted scalar: quotes, backslashes and line breaks escaped, so a title with
/// a colon, a quote or a newline stays one value.
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Backslash-escapes what Markdown would otherwise read as markup (emphasis, links, HTML,
/// template tags, entities) and what would start a block at the start of a line.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        let at_start = i == 0;
        let special = matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '~'
                | '|'
                | '&'
                | '{'
                | '}'
                | '$'
                | '!'
        ) || (at_start && matches!(c, '#' | '-' | '+' | '='));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. " or "1) " at the start would make an ordered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
        out.insert(digits, '\\');
    }
    out
}

fn longest_run(text: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in text.chars() {
        if ch == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Paragraph;
    use crate::{ArticleDate, parse_article};

    /// An article with every field the front matter writes set (built from a parsed one, so
    /// fields added to `Article` later need no change here).
    fn article(title: &str, paragraphs: Vec<Paragraph>) -> Article {
        let mut article = crate::parse_plain_body(Path::new("x.txt"), "Placeholder\n\nText.");
        article.title = title.to_string();
        article.author = Some("Ann \"Nan\" O'Neil".into());
        article.date = Some(ArticleDate::Day(
            chrono::NaiveDate::from_ymd_opt(2024, 5, 6).expect("day"),
        ));
        article.source = None;
        article.tags = vec!["trade".into()];
        article.paragraphs = paragraphs;
        article
    }

    #[test]
    fn front_matter_and_body_read_back() {
        let paragraphs = vec![
            Paragraph::body("Prices *rose* by 5% [citation] <b>not bold</b> & {{ kept }}."),
            Paragraph {
                kind: ParagraphKind::Heading(2),
                text: "# What next".into(),
            },
            Paragraph::body("1. Not a list, - not an item"),
            Paragraph {
                kind: ParagraphKind::ListItem,
                text: "first item".into(),
            },
            Paragraph {
                kind: ParagraphKind::Quote,
                text: "a quote".into(),
            },
            Paragraph {
                kind: ParagraphKind::Code,
                text: "let x = ```;\n  y".into(),
            },
            Paragraph::body("The end, with a backslash \\ and an underscore_here."),
        ];
        let original = article("Grain: the \"deal\"\nand more", paragraphs);
        let provenance = Provenance {
            source: Some("https://example.org/a?b=1".into()),
            fetched: Some(DateTime::from_timestamp(1_700_000_000, 0).expect("time")),
            feed: Some("Feed: \"News\"".into()),
            feed_url: Some("https://example.org/feed.xml".into()),
            tags: vec!["trade".into(), "food, global".into()],
        };
        let text = to_markdown(&original, &provenance);
        let read = parse_article(Path::new("x.md"), text.as_bytes()).expect("parses");
        assert_eq!(read.title, "Grain: the \"deal\" and more");
        assert_eq!(read.author, original.author);
        assert_eq!(read.date, original.date);
        assert_eq!(read.source, provenance.source);
        assert_eq!(read.tags, vec!["trade", "food, global"]);
        let texts: Vec<(ParagraphKind, &str)> = read
            .paragraphs
            .iter()
            .map(|p| (p.kind, p.text.as_str()))
            .collect();
        let expected: Vec<(ParagraphKind, &str)> = original
            .paragraphs
            .iter()
            .map(|p| (p.kind, p.text.as_str()))
            .collect();
        assert_eq!(texts, expected, "{text}");
        assert!(
            text.contains("fetched: \"2023-11-14T22:13:20Z\"\n"),
            "{text}"
        );
        assert!(text.contains("feed: \"Feed: \\\"News\\\"\"\n"), "{text}");
    }

    #[test]
    fn slugs_are_bounded_and_safe() {
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("  Élan: vital?  "), "élan-vital");
        assert_eq!(slug("///"), "article");
        assert!(slug(&"word ".repeat(100)).chars().count() <= MAX_SLUG_CHARS);
        assert_eq!(
            slug("Now that ISIS has Stopped Paying, Central Asian Jihadists Returning Home"),
            "now-that-isis-has-stopped-paying-central-asian-jihadists"
        );
    }

    #[test]
    fn only_old_temp_files_are_cleared() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = dir.path().join(".a.md.tmp-1-00");
        let fresh = dir.path().join(".b.md.tmp-2-00");
        let article = dir.path().join("c.md");
        for path in [&old, &fresh, &article] {
            std::fs::write(path, "x").expect("write");
        }
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for path in [&old, &article] {
            std::fs::File::options()
                .write(true)
                .open(path)
                .and_then(|f| f.set_modified(long_ago))
                .expect("set time");
        }
        remove_leftovers(dir.path());
        assert!(!old.exists());
        assert!(fresh.exists(), "a write may still be under way");
        assert!(article.exists());
    }

    #[test]
    fn names_never_collide() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = article("Same title", vec![Paragraph::body("One.")]);
        let first = save_article(dir.path(), &a, &Provenance::default()).expect("first");
        let second = save_article(dir.path(), &a, &Provenance::default()).expect("second");
        assert_eq!(
            first.file_name().and_then(|n| n.to_str()),
            Some("2024-05-06-same-title.md")
        );
        assert_eq!(
            second.file_name().and_then(|n| n.to_str()),
            Some("2024-05-06-same-title-2.md")
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 2, "no temp file left: {names:?}");
    }
}
