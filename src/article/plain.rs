//! Plain text articles: a header of short lines (date, title, byline) found by shape, body
//! paragraphs split at blank lines or first-line indents, site furniture at the end dropped.

use super::cleanup::{
    MAX_HEADER_LINE, byline_names, byline_with_date, collapse_whitespace, cut_furniture,
    header_date, looks_like_title, tidy_brackets,
};
use super::date::article_date;
use super::{ArticleDate, Paragraph, ParagraphKind, Parsed};

/// How many leading lines may form the header before the body must have started.
const MAX_HEADER_LINES: usize = 8;

/// Parses sanitized text as a whole article.
pub fn parse(text: &str) -> Parsed {
    let lines: Vec<&str> = text.lines().collect();
    let mut article = Parsed::default();
    let body_start = read_header(&lines, &mut article);
    let mut paragraphs = paragraphs(&lines[body_start..]);
    cut_furniture(&mut paragraphs, &mut article.tags);
    article.paragraphs = paragraphs;
    article
}

/// Splits sanitized text at blank lines only, each block one body paragraph with its
/// whitespace collapsed: no header detection, furniture removal or tidying, so the text
/// stays as close to the input as the reader allows.
pub fn body_only(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut block = String::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            let joined = collapse_whitespace(&block);
            if !joined.is_empty() {
                out.push(Paragraph::body(joined));
            }
            block.clear();
        } else {
            block.push_str(line);
            block.push('\n');
        }
    }
    out
}

/// Consumes header lines into `article` and returns the index of the first body line.
fn read_header(lines: &[&str], article: &mut Parsed) -> usize {
    let header: Vec<(usize, String)> = lines
        .iter()
        .enumerate()
        .map(|(i, raw)| (i, collapse_whitespace(raw)))
        .filter(|(_, line)| !line.is_empty())
        .take(MAX_HEADER_LINES)
        .collect();
    let mut consumed = 0;
    let mut date_after_title = false;
    for (n, (i, line)) in header.iter().enumerate() {
        if line.chars().count() > MAX_HEADER_LINE {
            break;
        }
        let next = header.get(n + 1).map(|(_, l)| l.as_str());
        // Copies of a post often start at its byline, with no title: a name alone on a line
        // right before the dateline paragraph ("Staunton, January 4 – ...") is the author.
        if article.title.is_none()
            && article.author.is_none()
            && next.is_some_and(is_dateline)
            && let Some(names) = byline_names(line)
        {
            article.author = Some(names);
            consumed = i + 1;
            break;
        }
        // Blog exports often open with the blog's name, then the post date, then the post
        // title and byline: a second title-like line after a date, right before a byline,
        // is the real title.
        if date_after_title
            && article.author.is_none()
            && lines.get(i + 1).is_none_or(|after| after.trim().is_empty())
            && looks_like_title(line)
            && !line.ends_with('.')
            && next.and_then(byline_names).is_some()
        {
            article.title = Some(line.clone());
            consumed = i + 1;
            continue;
        }
        // A title stands on its own line: a short first line of a hard-wrapped paragraph
        // is not one.
        let title_ok = lines.get(i + 1).is_none_or(|after| {
            let after = collapse_whitespace(after);
            after.is_empty()
                || labelled_field(&after).is_some()
                || header_date(&after).is_some()
                || byline_names(&after).is_some()
        });
        let had_date = article.date.is_some();
        if !read_header_line(line, title_ok, article) {
            break;
        }
        date_after_title |= !had_date && article.date.is_some() && article.title.is_some();
        consumed = i + 1;
    }
    consumed
}

/// Takes one header line if it is a date, a byline, a labelled field, a URL or the title.
fn read_header_line(line: &str, title_ok: bool, article: &mut Parsed) -> bool {
    if let Some((key, value)) = labelled_field(line) {
        return match key.as_str() {
            "title" | "headline" | "subject" if article.title.is_none() => {
                article.title = Some(value);
                true
            }
            "author" | "by" | "byline" | "authors" | "from" if article.author.is_none() => {
                // "Jane Doe <jane@example.org>" in mail headers: the name is enough.
                let name = value
                    .split('<')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .trim_matches('"');
                article.author = Some(if name.is_empty() {
                    value
                } else {
                    name.to_string()
                });
                true
            }
            "date" | "published" | "posted" | "updated" if article.date.is_none() => {
                article.date = article_date(&value);
                true
            }
            "source" | "url" | "link" if article.source.is_none() => {
                article.source = Some(value);
                true
            }
            "tags" | "labels" | "keywords" => {
                article.tags.extend(
                    value
                        .split([',', ';'])
                        .map(collapse_whitespace)
                        .filter(|t| !t.is_empty()),
                );
                true
            }
            _ => false,
        };
    }
    if article.source.is_none() && is_url(line) {
        article.source = Some(line.to_string());
        return true;
    }
    if article.date.is_none()
        && let Some(day) = header_date(line)
    {
        article.date = Some(ArticleDate::Day(day));
        return true;
    }
    // "07/08/2016" could be July or August: kept as written, but it is the date line.
    if article.date.is_none() && is_numeric_date(line) {
        article.date = Some(ArticleDate::Text(line.to_string()));
        return true;
    }
    // "Posted on July 7, 2016 by Jane Doe".
    if let Some(at) = line.to_lowercase().find(" by ")
        && let (Some(left), Some(right)) = (line.get(..at), line.get(at + 1..))
        && let (Some(day), Some(names)) = (header_date(left), byline_names(right))
        && article.author.is_none()
    {
        article.author = Some(names);
        article.date.get_or_insert(ArticleDate::Day(day));
        return true;
    }
    // A byline may share its line with the date: "By Jane Doe | July 7, 2016".
    if let Some((names, day)) = byline_with_date(line)
        && article.title.is_some()
        && article.author.is_none()
    {
        article.author = Some(names);
        if article.date.is_none() {
            article.date = day.map(ArticleDate::Day);
        }
        return true;
    }
    if article.title.is_none() && !starts_with_by(line) {
        if title_ok && looks_like_title(line) && !line.ends_with('.') {
            article.title = Some(line.to_string());
            return true;
        }
        return false;
    }
    if article.author.is_none()
        && let Some(names) = byline_names(line)
    {
        article.author = Some(names);
        return true;
    }
    false
}

/// Whether the line opens with a dateline: a place, a comma, a month and a day (perhaps a
/// year), then a dash ("Staunton, January 4 – ...", "Kyiv, Sept. 12, 2023 — ...").
fn is_dateline(line: &str) -> bool {
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let Some((place, rest)) = line.split_once(", ") else {
        return false;
    };
    let place_words = place.split_whitespace().count();
    if !(1..=4).contains(&place_words)
        || !place
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return false;
    }
    let mut words = rest.split_whitespace();
    let month = words
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_lowercase();
    let known_month = month.len() >= 3 && MONTHS.iter().any(|m| m.starts_with(&month));
    let day = words.next().unwrap_or("").trim_end_matches(',');
    let day_ok = (1..=2).contains(&day.len()) && day.bytes().all(|b| b.is_ascii_digit());
    let mut next = words.next().unwrap_or("");
    if next.len() == 4 && next.bytes().all(|b| b.is_ascii_digit()) {
        next = words.next().unwrap_or("");
    }
    known_month && day_ok && matches!(next, "–" | "—" | "-" | "--")
}

fn starts_with_by(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.starts_with("by ") || lower.starts_with("by:")
}

/// "Title: ...", "Author: ..." and the like, as in e-mail or notes headers.
fn labelled_field(line: &str) -> Option<(String, String)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim().to_lowercase();
    let known = [
        "title",
        "headline",
        "subject",
        "from",
        "author",
        "authors",
        "by",
        "byline",
        "date",
        "published",
        "posted",
        "updated",
        "source",
        "url",
        "link",
        "tags",
        "labels",
        "keywords",
    ];
    let value = value.trim();
    (known.contains(&key.as_str()) && !value.is_empty()).then(|| (key, value.to_string()))
}

/// Three groups of digits separated by `/`, `.` or `-`, the year last.
fn is_numeric_date(line: &str) -> bool {
    let parts: Vec<&str> = line.split(['/', '.', '-']).collect();
    matches!(parts.as_slice(), [a, b, y]
        if a.len() <= 2 && b.len() <= 2 && y.len() == 4
            && [a, b, y].iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())))
}

fn is_url(line: &str) -> bool {
    (line.starts_with("http://") || line.starts_with("https://")) && !line.contains(' ')
}

/// Splits body lines into paragraphs: blank lines always separate; within a block a line
/// indented deeper than the one before starts a new paragraph (first-line indent style).
fn paragraphs(lines: &[&str]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut previous_indent = 0;
    for line in lines {
        let indent = line.chars().take_while(|c| c.is_whitespace()).count();
        let blank = indent == line.chars().count();
        if blank {
            flush(&mut current, &mut out);
            continue;
        }
        // An indented line under a list item continues the item.
        let continues_item = current.first().is_some_and(|first| is_bullet(first));
        if !current.is_empty() && (indent > previous_indent && !continues_item || is_bullet(line)) {
            flush(&mut current, &mut out);
        }
        current.push(line);
        previous_indent = indent;
    }
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut Vec<&str>, out: &mut Vec<Paragraph>) {
    if current.is_empty() {
        return;
    }
    let joined = collapse_whitespace(&current.join(" "));
    current.clear();
    let (kind, text) = match bullet_text(&joined) {
        Some(item) => (ParagraphKind::ListItem, item.to_string()),
        None => (ParagraphKind::Body, joined),
    };
    let text = tidy_brackets(&text);
    if !text.is_empty() {
        out.push(Paragraph { kind, text });
    }
}

fn is_bullet(line: &str) -> bool {
    bullet_text(line.trim_start()).is_some()
}

/// The text of a "- item", "* item", "• item" or "1. item" line.
fn bullet_text(line: &str) -> Option<&str> {
    if let Some(rest) = line.strip_prefix(['-', '*', '•', '–']) {
        return rest.strip_prefix(' ').map(str::trim);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        return rest
            .strip_prefix(['.', ')'])
            .and_then(|r| r.strip_prefix(' '))
            .map(str::trim);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_are_a_place_a_day_and_a_dash() {
        assert!(is_dateline("Staunton, January 4 – For many Central Asians"));
        assert!(is_dateline("Kyiv, Sept. 12, 2023 — The council met"));
        assert!(is_dateline("New York, March 30 - Markets fell"));
        assert!(!is_dateline("Paul Goble"));
        assert!(!is_dateline("However, March 4 was a Monday"));
        assert!(!is_dateline("Staunton, January 4 was cold"));
        assert!(!is_dateline("In the end, the May 4 vote – a rout"));
    }
}
