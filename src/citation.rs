//! Citations for text leaving dossier: a paragraph or a note, with where it came from (title,
//! author, date, web address and paragraph number), ready to paste into a draft.

use crate::article::{Article, ArticleDate};

/// `text` if it is a web address dossier will hand to a browser: `http` or `https`, with a
/// host, and nothing a terminal or a command line could misread (spaces, control characters).
pub fn web_url(text: &str) -> Option<&str> {
    let text = text.trim();
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &text[8..]
    } else if lower.starts_with("http://") {
        &text[7..]
    } else {
        return None;
    };
    let host_ok = rest
        .split(['/', '?', '#'])
        .next()
        .is_some_and(|host| !host.is_empty());
    let clean = !text.chars().any(|c| c.is_whitespace() || c.is_control());
    (host_ok && clean).then_some(text)
}

/// "Paul Goble, “Title”, 7 July 2016, paragraph 3. https://…": the parts the article has, with
/// paragraph `index` (0-based) counted from 1 as everywhere else in dossier.
pub fn source_line(article: &Article, index: usize) -> String {
    let mut parts = Vec::new();
    if let Some(author) = article.author.as_deref().filter(|a| !a.trim().is_empty()) {
        parts.push(author.trim().to_owned());
    }
    parts.push(format!("“{}”", article.title.trim()));
    if let Some(date) = &article.date {
        parts.push(match date {
            ArticleDate::Day(day) => day.format("%-d %B %Y").to_string(),
            ArticleDate::Text(text) => text.trim().to_owned(),
        });
    }
    parts.push(format!("paragraph {}", index + 1));
    let mut line = parts.join(", ");
    line.push('.');
    if let Some(url) = article.source.as_deref().and_then(web_url) {
        line.push(' ');
        line.push_str(url);
    }
    line
}

/// Paragraph `index` in quotation marks, then its source; `None` past the last paragraph.
pub fn cite_paragraph(article: &Article, index: usize) -> Option<String> {
    let paragraph = article.paragraphs.get(index)?;
    Some(format!(
        "“{}”\n— {}",
        one_line(&paragraph.text),
        source_line(article, index)
    ))
}

/// A note on paragraph `index`, then the paragraph it is about as a quote, then its source.
pub fn cite_note(article: &Article, index: usize, note: &str) -> Option<String> {
    let paragraph = article.paragraphs.get(index)?;
    Some(format!(
        "{}\n\n> {}\n— {}",
        note.trim(),
        one_line(&paragraph.text),
        source_line(article, index)
    ))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::article::{Format, Paragraph};

    fn article(source: Option<&str>) -> Article {
        Article {
            title: "On Ports".into(),
            author: Some("A. Writer".into()),
            date: chrono::NaiveDate::from_ymd_opt(2024, 3, 5).map(ArticleDate::Day),
            source: source.map(Into::into),
            site_name: None,
            language: None,
            tags: Vec::new(),
            paragraphs: vec![Paragraph::body("One."), Paragraph::body("Two\nlines.")],
            path: PathBuf::from("a.md"),
            format: Format::Markdown,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn only_http_and_https_addresses_open() {
        assert_eq!(
            web_url(" https://x.org/a?b=1 "),
            Some("https://x.org/a?b=1")
        );
        assert_eq!(web_url("HTTP://x.org"), Some("HTTP://x.org"));
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "https://",
            "https://x.org/a b",
            "https://x.org/\u{1b}]52",
            "-https://x.org",
            "ftp://x.org",
        ] {
            assert_eq!(web_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_paragraph_is_cited_with_everything_the_article_has() {
        let with_url = article(Some("https://example.org/ports"));
        assert_eq!(
            cite_paragraph(&with_url, 1).as_deref(),
            Some(
                "“Two lines.”\n— A. Writer, “On Ports”, 5 March 2024, paragraph 2. https://example.org/ports"
            )
        );
        let without = article(Some("javascript:alert(1)"));
        assert_eq!(
            source_line(&without, 0),
            "A. Writer, “On Ports”, 5 March 2024, paragraph 1."
        );
        assert_eq!(cite_paragraph(&without, 2), None);
    }

    #[test]
    fn a_note_comes_before_the_paragraph_it_quotes() {
        let a = article(None);
        assert_eq!(
            cite_note(&a, 0, "Check this.\n").as_deref(),
            Some("Check this.\n\n> One.\n— A. Writer, “On Ports”, 5 March 2024, paragraph 1.")
        );
    }
}
