//! Shape rules shared by the parsers: what a title, a byline or site boilerplate looks like,
//! and the tidying every paragraph gets. They judge text by its shape, never by one site's
//! wording, because the parsers meet articles from sites nobody has seen.

use super::date::parse_day;
use super::{ArticleDate, Paragraph, ParagraphKind, Parsed};
use crate::entities::token::bytes8;

/// Longest line still read as a title, byline or date rather than body text.
pub const MAX_HEADER_LINE: usize = 160;

/// Words that, alone on a line, are share/print/follow buttons rather than prose.
const BUTTON_WORDS: &[&str] = &[
    "share",
    "shares",
    "sharing",
    "on",
    "to",
    "this",
    "via",
    "article",
    "story",
    "post",
    "page",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "pinterest",
    "reddit",
    "whatsapp",
    "telegram",
    "tumblr",
    "messenger",
    "mastodon",
    "bluesky",
    "threads",
    "flipboard",
    "pocket",
    "email",
    "e-mail",
    "mail",
    "print",
    "tweet",
    "pin",
    "it",
    "copy",
    "link",
    "save",
    "blogthis",
    "thisblogthis",
    "comments",
    "comment",
    "follow",
    "us",
    "subscribe",
    "like",
    "advertisement",
    "sponsored",
    "read",
    "more",
    "continue",
    "reading",
    "|",
    "·",
    "•",
    "/",
];

/// Whether `text` has more than `n` characters, told from its length alone when that
/// settles it (a character is one to four bytes): most paragraphs are far longer than a
/// header line and are not counted through.
pub fn more_chars_than(text: &str, n: usize) -> bool {
    text.len() > n && (text.len() > 4 * n || text.chars().count() > n)
}

/// [`collapse_whitespace`] of a string the caller owns, handed back as it is when it has no
/// run to collapse and no end to trim, as most paragraphs have not.
pub fn collapse_whitespace_owned(text: String) -> String {
    if is_collapsed(&text) {
        text
    } else {
        collapse_whitespace(&text)
    }
}

/// Whether [`collapse_whitespace`] would give `text` back unchanged: single spaces only, none
/// at either end, and no other whitespace (as [`words`] judges it). Eight bytes at a time:
/// every paragraph of every article is asked.
fn is_collapsed(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // whether the byte before the chunk is a space, as the top bit of the chunk's first byte
    let mut space_before = 0;
    let mut i = 0;
    while i < bytes.len() {
        // a letter stands in past the end: no space, no control, not outside ASCII
        let x = bytes8::at_padded(bytes, i, b'a');
        let spaces = bytes8::in_range(x, b' ', b' ');
        let other_space = bytes8::in_range(x, b'\t', b'\r');
        if spaces & ((spaces << 8) | space_before) != 0
            || other_space != 0
            || unicode_space_in(text, i, x)
        {
            return false;
        }
        space_before = spaces >> 56;
        i += 8;
    }
    true
}

/// Whether a character outside ASCII that is whitespace starts in the eight bytes `x` read
/// from `text` at `i`. Such whitespace (NBSP, the spaces of U+2000 on, U+3000) begins with one
/// of four bytes; curly quotes and dashes share the E2 lead, so each such character is
/// looked at.
fn unicode_space_in(text: &str, i: usize, x: u64) -> bool {
    let mut high = bytes8::non_ascii(x);
    while high != 0 {
        let at = i + bytes8::first_set(high);
        high &= high - 1;
        if matches!(text.as_bytes().get(at), Some(0xC2 | 0xE1 | 0xE2 | 0xE3))
            && text
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_whitespace)
        {
            return true;
        }
    }
    false
}

/// Whitespace runs (including NBSP indentation) become one space; ends are trimmed.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// How many [`words`] `text` has, counted eight bytes at a time without making each word
/// (every paragraph of every article indexed is counted).
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut unicode_space = false;
    let (mut count, mut i) = (0, 0);
    // A word starts wherever a byte that is no space follows a space (or the start); the
    // top bit of the chunk's first byte says whether the byte before the chunk is one.
    let mut space_before = 0x80;
    while i < bytes.len() {
        // a space stands in past the end, which starts no word
        let x = bytes8::at_padded(bytes, i, b' ');
        unicode_space = unicode_space || unicode_space_in(text, i, x);
        let spaces = bytes8::ascii_space(x);
        let starts = !spaces & ((spaces << 8) | space_before) & bytes8::HIGH;
        count += starts.count_ones() as usize;
        space_before = spaces >> 56;
        i += 8;
    }
    if !unicode_space {
        return count;
    }
    // Whitespace outside ASCII, rare: character by character.
    let (mut count, mut in_word) = (0, false);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let space = if b < 0x80 {
            i += 1;
            matches!(b, b' ' | b'\t'..=b'\r')
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            c.is_whitespace()
        };
        count += usize::from(!space && !in_word);
        in_word = !space;
    }
    count
}

/// The words of `text` between runs of whitespace, as `str::split_whitespace` gives them, with
/// ASCII bytes judged without decoding a character: the parsers split every paragraph so.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.len() - rest.trim_start_matches(char::is_whitespace).len();
        rest = &rest[start..];
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        let mut end = 0;
        while end < bytes.len() {
            let b = bytes[end];
            if b < 0x80 {
                if matches!(b, b' ' | b'\t'..=b'\r') {
                    break;
                }
                end += 1;
            } else {
                let c = rest[end..].chars().next().unwrap_or(' ');
                if c.is_whitespace() {
                    break;
                }
                end += c.len_utf8();
            }
        }
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
    })
}

/// Removes what deleted links leave behind: an empty bracket pair after a space ("see the
/// report ()"), and an opening bracket with nothing but punctuation or the paragraph's end
/// after it ("in Central Asia (" or "in Central Asia (."), or standing between spaces with
/// no closing bracket anywhere after it ("the report ( and"). Brackets touching a word, as in
/// `call()`, are left alone. One pass, so long paragraphs cost no more than short ones.
pub fn tidy_brackets(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let last = |closer: char| chars.iter().rposition(|&c| c == closer);
    let (last_paren, last_square) = (last(')'), last(']'));
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let closer = match c {
            '(' => ')',
            '[' => ']',
            _ => {
                out.push(c);
                i += 1;
                continue;
            }
        };
        let after_space = out.is_empty() || out.ends_with(char::is_whitespace);
        let mut next = i + 1;
        while chars.get(next).is_some_and(|c| c.is_whitespace()) {
            next += 1;
        }
        match chars.get(next) {
            Some(&n) if n == closer && after_space => {
                i = next + 1;
            }
            None => {
                i = next;
            }
            Some('.' | ',' | ';' | ':') if after_space => {
                i = next;
            }
            Some(_)
                if after_space
                    && next > i + 1
                    && (if closer == ')' {
                        last_paren
                    } else {
                        last_square
                    })
                    .is_none_or(|l| l < i) =>
            {
                i = next;
            }
            _ => {
                out.push(c);
                i += 1;
                continue;
            }
        }
        // The space before a dropped bracket goes with it.
        let kept = out.trim_end().len();
        out.truncate(kept);
        if chars.get(i).is_some_and(|c| c.is_alphanumeric()) && !out.is_empty() {
            out.push(' ');
        }
    }
    out
}

/// A line made only of share, print, follow or ad labels ("Share on Facebook | Tweet").
pub fn is_button_line(text: &str) -> bool {
    if more_chars_than(text, 100) {
        return false;
    }
    let lower = text.to_lowercase();
    let mut words = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '!'))
        .filter(|w| !w.is_empty());
    // Counts ("Share 12") may sit beside the labels, but a line of numbers is data.
    let mut labels = 0;
    let all_buttons = words.all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if BUTTON_WORDS.contains(&w) {
            labels += 1;
        }
        w.is_empty() || BUTTON_WORDS.contains(&w) || w.chars().all(|c| c.is_ascii_digit())
    });
    all_buttons && labels > 0
}

/// A line that only appears where the article has ended and the blog or site furniture
/// begins: comment counts, comment forms, "Posted by", labels, post navigation, share prompts.
pub fn is_end_marker(text: &str) -> bool {
    // Lower case has at least as many characters, so a long paragraph (nearly every one) is
    // turned away before it is copied.
    if more_chars_than(text.trim(), MAX_HEADER_LINE) {
        return false;
    }
    let lower = text.trim().to_lowercase();
    if more_chars_than(&lower, MAX_HEADER_LINE) {
        return false;
    }
    const EXACT: &[&str] = &[
        "no comments",
        "post a comment",
        "leave a comment",
        "leave a reply",
        "add a comment",
        "join the conversation",
        "comments are closed",
        "newer post",
        "older post",
        "newer post older post home",
        "newer posts older posts home",
        "share this",
        "like this",
        "related",
        "related posts",
        "related articles",
        "related stories",
        "you may also like",
        "more from this author",
        "read next",
        "recommended",
    ];
    const PREFIXES: &[&str] = &[
        "posted by ",
        "labels:",
        "tags:",
        "filed under",
        "subscribe to:",
        "email thisblogthis",
        "this entry was posted",
        "this post was posted",
        "share this:",
        "like this:",
        "loading...",
    ];
    let bare = lower.trim_end_matches([':', '.', '!', ' ']);
    if EXACT.contains(&bare) || PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    // "3 comments:", "1 comment"
    let mut words = bare.split_whitespace();
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(n), Some("comments" | "comment" | "responses" | "replies"), None)
            if n.chars().all(|c| c.is_ascii_digit())
    )
}

/// The tags of a "Labels: a, b" or "Tags: a, b" line, if it is one.
pub fn label_tags(text: &str) -> Option<Vec<String>> {
    let lower = text.to_lowercase();
    let rest = ["labels:", "tags:", "filed under:", "topics:"]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| text.get(p.len()..)).flatten())?;
    let tags: Vec<String> = rest
        .split([',', ';', '|', '·'])
        .map(collapse_whitespace)
        .filter(|t| !t.is_empty() && t.chars().count() <= 60)
        .collect();
    (!tags.is_empty()).then_some(tags)
}

/// A short single line that reads as a headline: has letters, is not a sentence fragment
/// ending in a comma, and is not longer than a headline gets.
pub fn looks_like_title(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let fits = !more_chars_than(text, MAX_HEADER_LINE);
    fits && (1..=30).contains(&words)
        && text.chars().any(char::is_alphabetic)
        && !text.ends_with([',', ';', ':'])
        && !text.starts_with(|c: char| c.is_lowercase())
        && !(text.ends_with('.') && words > 20)
}

/// The name(s) in a byline line ("By Jane Doe", "Jane Doe and John Roe"), if the line is
/// one. Without a "By" the line must look like names and nothing else.
pub fn byline_names(text: &str) -> Option<String> {
    let text = collapse_whitespace(text);
    let lower = text.to_lowercase();
    let (rest, prefixed) = [
        "by:",
        "by ",
        "author:",
        "written by ",
        "words by ",
        "posted by ",
    ]
    .iter()
    .find_map(|p| {
        lower
            .starts_with(p)
            .then(|| text.get(p.len()..))
            .flatten()
            .map(|rest| (rest.trim(), true))
    })
    .unwrap_or((text.as_str(), false));
    let rest = without_roles(rest.trim_end_matches(['.', ',']));
    if rest.is_empty() || rest.chars().count() > 80 || !looks_like_names(&rest, prefixed) {
        return None;
    }
    Some(rest)
}

/// "Jane Doe, Staff Writer" -> "Jane Doe": comma-separated parts that name a job, not a
/// person, are left out of a byline.
fn without_roles(text: &str) -> String {
    const ROLES: &[&str] = &[
        "staff",
        "writer",
        "reporter",
        "correspondent",
        "editor",
        "contributor",
        "columnist",
        "desk",
    ];
    text.split(',')
        .map(str::trim)
        .filter(|part| {
            !part.is_empty()
                && !part
                    .split_whitespace()
                    .any(|w| ROLES.contains(&w.to_lowercase().as_str()))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn looks_like_names(text: &str, prefixed: bool) -> bool {
    const JOINERS: &[&str] = &[
        "and", "&", "de", "da", "del", "der", "van", "von", "bin", "al", "la", "le", "di", "du",
        "y",
    ];
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let min_words = if prefixed { 1 } else { 2 };
    if words.len() < min_words || words.len() > 9 {
        return false;
    }
    // Title-case headlines and section headings look like names; these words give them
    // away. A "By" prefix settles it, so they only count against unprefixed lines.
    const NOT_NAMES: &[&str] = &[
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "for",
        "to",
        "with",
        "is",
        "are",
        "was",
        "new",
        "how",
        "why",
        "what",
        "who",
        "when",
        "after",
        "over",
        "from",
        "at",
        "as",
        "key",
        "points",
        "news",
        "update",
        "updates",
        "analysis",
        "summary",
        "introduction",
        "background",
        "part",
        "chapter",
        "editorial",
        "opinion",
        "review",
        "report",
        "notes",
        "live",
        "breaking",
        "exclusive",
        "home",
        "about",
        "contact",
        "more",
        "read",
        "follow",
        "share",
        "comments",
        "conclusion",
        "references",
        "sources",
        "abstract",
        "contents",
    ];
    let mut capitalised = 0;
    for word in &words {
        let lower = word.to_lowercase();
        if !prefixed && NOT_NAMES.contains(&lower.trim_end_matches([':', '.'])) {
            return false;
        }
        if JOINERS.contains(&lower.as_str()) {
            continue;
        }
        // "al-Rashid", "d'Estaing": a lowercase particle joined to a capitalised name.
        let name = word
            .split_once(['-', '\'', '’'])
            .filter(|(particle, rest)| particle.len() <= 3 && !rest.is_empty())
            .map_or(*word, |(_, rest)| rest);
        let first_ok = name.chars().next().is_some_and(char::is_uppercase);
        let rest_ok = word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'));
        if !first_ok || !rest_ok {
            return false;
        }
        capitalised += 1;
    }
    capitalised >= min_words.min(2) && capitalised <= 6
}

/// A date line, possibly with a label such as "Published" or "Updated".
pub fn header_date(line: &str) -> Option<chrono::NaiveDate> {
    let lower = line.to_lowercase();
    let rest = [
        "published on",
        "published",
        "posted on",
        "posted",
        "updated",
        "date",
    ]
    .iter()
    .find_map(|p| lower.starts_with(p).then(|| line.get(p.len()..)).flatten())
    .unwrap_or(line)
    .trim_start_matches([':', ' ']);
    parse_day(rest).or_else(|| parse_day(&without_time_words(rest)))
}

/// "10:30 AM EDT, Mon July 7, 2016" -> "Mon July 7, 2016": times, AM/PM, time zones and
/// separators removed, so that a dateline with a time still reads as a date.
fn without_time_words(line: &str) -> String {
    line.split_whitespace()
        .filter(|w| {
            let bare = w.trim_matches([',', '|', '(', ')']);
            let lower = bare.to_lowercase();
            let is_time = bare.contains(':') && bare.chars().any(|c| c.is_ascii_digit());
            let is_meridiem = matches!(lower.as_str(), "am" | "pm" | "a.m." | "p.m.");
            let is_zone = (2..=5).contains(&bare.len())
                && bare.chars().all(|c| c.is_ascii_uppercase())
                && bare != "May";
            let is_filler = matches!(
                lower.as_str(),
                "" | "at" | "on" | "last" | "-" | "–" | "·" | "•"
            );
            !(is_time || is_meridiem || is_zone || is_filler)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "By Jane Doe | July 7, 2016" or "Jane Doe — 7 July 2016".
pub fn byline_with_date(line: &str) -> Option<(String, Option<chrono::NaiveDate>)> {
    let mut parts = line.split(['|', '·', '—']).map(str::trim);
    let first = parts.next()?;
    let names = byline_names(first)?;
    let rest: Vec<&str> = parts.collect();
    if rest.is_empty() {
        return Some((names, None));
    }
    let day = rest.iter().find_map(|p| header_date(p))?;
    Some((names, Some(day)))
}

/// Cuts the blog furniture after the article (comment forms, "Posted by", labels, share
/// buttons), keeping any labels as tags. The first paragraph is never cut: a file whose body
/// starts with a marker is more likely an odd article than all furniture.
pub fn cut_furniture(paragraphs: &mut Vec<Paragraph>, tags: &mut Vec<String>) {
    if let Some(at) = paragraphs
        .iter()
        .skip(1)
        .position(|p| is_end_marker(&p.text))
    {
        for p in paragraphs.drain(at + 1..) {
            if let Some(found) = label_tags(&p.text) {
                tags.extend(found);
            }
        }
    }
    while paragraphs.len() > 1 && paragraphs.last().is_some_and(|p| is_button_line(&p.text)) {
        paragraphs.pop();
    }
    paragraphs.retain(|p| !is_button_line(&p.text));
    tags.dedup();
}

/// Text a repeated byline may carry beside the name (a date, a role, "Updated").
const MAX_BYLINE_EXTRA: usize = 40;

/// Moves header lines that page markup left in the body (the title repeated, "By Jane Doe",
/// a date line) into the article fields. Only the first few paragraphs are looked at.
pub fn take_header_lines(paragraphs: &mut Vec<Paragraph>, parsed: &mut Parsed) {
    if parsed.title.is_none()
        && paragraphs
            .first()
            .is_some_and(|p| p.kind == ParagraphKind::Heading(1))
    {
        parsed.title = Some(paragraphs.remove(0).text);
    }
    let mut looked = 0;
    let mut title_removed = false;
    while looked < 4 {
        let Some(first) = paragraphs.get(looked) else {
            break;
        };
        if !matches!(first.kind, ParagraphKind::Body | ParagraphKind::Heading(_)) {
            break;
        }
        let text = first.text.as_str();
        // Only a heading or a line no longer than the title is a copy of it, and only one:
        // a body paragraph may well open with the headline's words.
        let same_as_title = !title_removed
            && parsed.title.as_deref().is_some_and(|t| {
                (matches!(first.kind, ParagraphKind::Heading(_))
                    || text.chars().count() <= t.chars().count())
                    && same_words(t, text)
            });
        if same_as_title {
            title_removed = true;
            paragraphs.remove(looked);
            // A label above the headline ("Commentary", "Analysis") is a section kicker.
            while looked > 0 && is_kicker(&paragraphs[looked - 1]) {
                looked -= 1;
                paragraphs.remove(looked);
            }
            continue;
        }
        if !more_chars_than(text, MAX_HEADER_LINE) {
            let lower = text.to_lowercase();
            if (lower.starts_with("by ") || lower.starts_with("by:"))
                && let Some((names, day)) = byline_with_date(text)
            {
                parsed.author.get_or_insert(names);
                if let Some(day) = day {
                    parsed.date.get_or_insert(ArticleDate::Day(day));
                }
                paragraphs.remove(looked);
                continue;
            }
            if let Some(day) = header_date(text) {
                parsed.date.get_or_insert(ArticleDate::Day(day));
                paragraphs.remove(looked);
                continue;
            }
            // The byline the metadata already gave, repeated in the article with a date or
            // a role: "Jane Doe 4 March", "Jane Doe, Staff Writer".
            if first.kind == ParagraphKind::Body
                && let Some(author) = parsed.author.as_deref()
                && text.contains(author)
                && text.chars().count() <= author.chars().count() + MAX_BYLINE_EXTRA
            {
                paragraphs.remove(looked);
                continue;
            }
        }
        looked += 1;
    }
}

/// Most words a section label above a headline has.
const MAX_KICKER_WORDS: usize = 3;

fn is_kicker(paragraph: &Paragraph) -> bool {
    let words = paragraph.text.split_whitespace().count();
    paragraph.kind == ParagraphKind::Body
        && (1..=MAX_KICKER_WORDS).contains(&words)
        && !paragraph.text.ends_with(['.', '!', '?', ':'])
}

/// Equal ignoring case, punctuation and spacing, or one a prefix of the other of at least
/// three words (a title carrying the site name: "Headline | Site" against "Headline").
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let shorter = a.len().min(b.len());
    !a.is_empty() && (a == b || shorter >= 3 && a[..shorter] == b[..shorter])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_as_split_whitespace_does() {
        for text in [
            "",
            "   ",
            "one",
            "  two  words ",
            "tab\there\nline\r\nend\x0bvt\x0cff",
            "nbsp\u{a0}indent\u{a0}\u{a0}x",
            "nel\u{85}ideo\u{3000}space\u{2028}sep\u{2009}thin",
            "“quoted” — dash\u{200b}zero-width-is-no-space",
            "\u{a0}\u{a0}Día\u{a0}",
            "already one space each",
            "ends with a space ",
            " starts with one",
            "two  spaces",
            "a\u{2009}thin space",
        ] {
            let ours: Vec<&str> = words(text).collect();
            let std: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(ours, std, "{text:?}");
            assert_eq!(collapse_whitespace(text), std.join(" "));
            assert_eq!(collapse_whitespace_owned(text.to_string()), std.join(" "));
            assert_eq!(count_words(text), std.len(), "{text:?}");
        }
    }

    #[test]
    fn long_texts_split_as_split_whitespace_does() {
        // Texts longer than eight bytes, with whitespace of every kind at every offset.
        const PIECES: &[&str] = &[
            "a",
            "word",
            "Kazakhstan",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\u{a0}",
            "\u{3000}",
            "\u{2009}",
            "“",
            "—",
            "é",
            "\u{85}",
            "x\u{200b}y",
        ];
        for text in crate::sanitize::random_texts(PIECES, 3000, 24) {
            let std: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(count_words(&text), std.len(), "{text:?}");
            assert_eq!(is_collapsed(&text), text == std.join(" "), "{text:?}");
            assert_eq!(collapse_whitespace_owned(text.clone()), std.join(" "));
        }
    }

    #[test]
    fn characters_are_counted_only_when_the_length_leaves_it_open() {
        for text in ["", "abc", "Día", "東京", "東京東京", "😀😀😀", "abcd"] {
            for n in 0..14 {
                assert_eq!(
                    more_chars_than(text, n),
                    text.chars().count() > n,
                    "{text} {n}"
                );
            }
        }
    }

    #[test]
    fn tidies_brackets_left_by_removed_links() {
        assert_eq!(
            tidy_brackets("a trend in Central Asia ("),
            "a trend in Central Asia"
        );
        assert_eq!(
            tidy_brackets("see the report () here"),
            "see the report here"
        );
        assert_eq!(tidy_brackets("kept (as is) text"), "kept (as is) text");
        assert_eq!(
            tidy_brackets("in Central Asia (. Next"),
            "in Central Asia. Next"
        );
        assert_eq!(tidy_brackets("call foo() to start"), "call foo() to start");
        assert_eq!(tidy_brackets("a ( ) b [] c"), "a b c");
        assert_eq!(tidy_brackets("(see"), "(see");
        assert_eq!(
            tidy_brackets("the report ( and the annex"),
            "the report and the annex"
        );
        assert_eq!(tidy_brackets("a ( spaced ) aside"), "a ( spaced ) aside");
    }

    #[test]
    fn recognises_share_buttons() {
        assert!(is_button_line("Share on Facebook | Tweet | Email"));
        assert!(is_button_line("Email ThisBlogThis!Share to Twitter"));
        assert!(is_button_line("Advertisement"));
        assert!(!is_button_line("Share prices fell on Monday."));
        assert!(is_button_line("Share 12 Tweet 3"));
        assert!(!is_button_line("2020 1,200"));
    }

    #[test]
    fn recognises_end_markers() {
        for line in [
            "No comments:",
            "3 comments:",
            "Post a Comment",
            "Posted by Jane at 5:35 AM",
            "Labels: Russia, Central Asia",
            "Subscribe to: Post Comments (Atom)",
        ] {
            assert!(is_end_marker(line), "{line}");
        }
        assert!(!is_end_marker("Comments from the minister were sharp."));
    }

    #[test]
    fn reads_bylines() {
        assert_eq!(byline_names("Paul Goble").as_deref(), Some("Paul Goble"));
        assert_eq!(byline_names("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            byline_names("by Ann Lee and Omar al-Rashid").as_deref(),
            Some("Ann Lee and Omar al-Rashid")
        );
        assert_eq!(byline_names("Now that ISIS has Stopped Paying"), None);
        assert_eq!(byline_names("Moscow"), None);
        assert_eq!(byline_names("Key Points"), None);
        assert_eq!(byline_names("The Road Ahead"), None);
        assert_eq!(
            byline_names("By The Editors").as_deref(),
            Some("The Editors")
        );
    }

    #[test]
    fn reads_header_dates_with_times_and_labels() {
        let day = chrono::NaiveDate::from_ymd_opt(2016, 7, 7);
        assert_eq!(header_date("Updated 10:30 AM EDT, Mon July 7, 2016"), day);
        assert_eq!(header_date("Published: 7 July 2016 at 09:15 GMT"), day);
        assert_eq!(header_date("Elections of July 7, 2016 Recounted"), None);
    }

    #[test]
    fn reads_label_tags() {
        assert_eq!(
            label_tags("Labels: Russia, Central Asia"),
            Some(vec!["Russia".to_string(), "Central Asia".to_string()])
        );
        assert_eq!(label_tags("Nothing here"), None);
    }
}
