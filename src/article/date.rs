//! Reading the dates articles carry, in the shapes news sites and blogs write them.

use chrono::{DateTime, NaiveDate};

use super::ArticleDate;

/// Longest text still considered a date line rather than a sentence that mentions a date.
const MAX_DATE_LEN: usize = 60;

/// Day-only formats tried after weekday and ordinal suffixes are removed.
const DAY_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%B %d, %Y",
    "%B %d %Y",
    "%b %d, %Y",
    "%b %d %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d %b. %Y",
    "%d. %B %Y",
    "%B %d,%Y",
];

/// Parses `text` as a day when it is unambiguously one; `None` when it is not a date at all
/// or could be read two ways (`07/08/2016`).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    // Every form below writes the day and the year in ASCII digits: a line without one (most
    // lines a header is looked for in) is no date, and is turned away before any is tried.
    if text.is_empty()
        || text.chars().count() > MAX_DATE_LEN
        || !text.bytes().any(|b| b.is_ascii_digit())
    {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(text) {
        return Some(dt.date_naive());
    }
    let cleaned = clean(text);
    // ISO with a time but no offset, or with a space instead of `T`.
    if let Some(day) = cleaned
        .get(..10)
        .filter(|_| cleaned.len() > 10)
        .filter(|_| matches!(cleaned.as_bytes()[10], b'T' | b' '))
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        return Some(day);
    }
    for candidate in [cleaned.as_str(), strip_time(&cleaned)] {
        for format in DAY_FORMATS {
            if let Ok(day) = NaiveDate::parse_from_str(candidate, format) {
                return Some(day);
            }
        }
        if let Some(day) = numeric_day(candidate) {
            return Some(day);
        }
    }
    None
}

/// A date for the article model: parsed when possible, otherwise the text as written.
pub fn article_date(text: &str) -> Option<ArticleDate> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return None;
    }
    Some(parse_day(&text).map_or(ArticleDate::Text(text), ArticleDate::Day))
}

/// Drops a leading weekday, ordinal suffixes ("7th") and stray punctuation around the date.
fn clean(text: &str) -> String {
    let mut words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| c == '|' || c == '·'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(first) = words.first() {
        let bare = first.trim_end_matches([',', '.']).to_ascii_lowercase();
        if is_weekday(&bare) {
            words.remove(0);
        }
    }
    if words.first().is_some_and(|w| w.eq_ignore_ascii_case("on")) {
        words.remove(0);
    }
    let words: Vec<String> = words.into_iter().map(|w| strip_ordinal(&w)).collect();
    words.join(" ")
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    DAYS.iter()
        .any(|d| *d == word || (word.len() >= 3 && d.starts_with(word)))
}

/// "7th," -> "7,"; words that are not a number with a suffix are left alone.
fn strip_ordinal(word: &str) -> String {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return word.to_string();
    }
    let rest = &word[digits..];
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(tail) = rest.strip_prefix(suffix)
            && tail.chars().all(|c| c == ',' || c == '.')
        {
            return format!("{}{tail}", &word[..digits]);
        }
    }
    word.to_string()
}

/// "July 7, 2016 at 10:30 AM" or "July 7, 2016, 10:30" -> "July 7, 2016".
fn strip_time(text: &str) -> &str {
    let cut = text
        .find(" at ")
        .or_else(|| {
            text.char_indices()
                .find(|&(i, c)| c == ':' && i >= 2)
                .and_then(|(i, _)| text[..i].rfind([' ', 'T', ',']))
        })
        .unwrap_or(text.len());
    text[..cut].trim_end_matches([',', ' ', '-', '|'])
}

/// `dd/mm/yyyy` or `mm/dd/yyyy` only when one reading is impossible (a part above 12).
fn numeric_day(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let [a, b, y] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (a, b, y): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
    match (a > 12, b > 12) {
        (true, false) => NaiveDate::from_ymd_opt(y, b, a),
        (false, true) => NaiveDate::from_ymd_opt(y, a, b),
        // Same day either way.
        (false, false) if a == b => NaiveDate::from_ymd_opt(y, a, b),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn reads_written_out_dates() {
        assert_eq!(parse_day("Thursday, July 7, 2016"), day(2016, 7, 7));
        assert_eq!(parse_day("July 7, 2016"), day(2016, 7, 7));
        assert_eq!(parse_day("Jul 7, 2016"), day(2016, 7, 7));
        assert_eq!(parse_day("7 July 2016"), day(2016, 7, 7));
        assert_eq!(parse_day("Thu 7th July 2016"), day(2016, 7, 7));
        assert_eq!(parse_day("July 7th, 2016 at 10:30 AM"), day(2016, 7, 7));
    }

    #[test]
    fn reads_machine_dates() {
        assert_eq!(parse_day("2016-07-07"), day(2016, 7, 7));
        assert_eq!(parse_day("2016-07-07T10:30:00+03:00"), day(2016, 7, 7));
        assert_eq!(parse_day("2016-07-07T10:30:00"), day(2016, 7, 7));
        assert_eq!(parse_day("2016-07-07 10:30"), day(2016, 7, 7));
        assert_eq!(
            parse_day("Thu, 07 Jul 2016 10:30:00 +0000"),
            day(2016, 7, 7)
        );
    }

    #[test]
    fn leaves_ambiguous_numeric_dates_alone() {
        assert_eq!(parse_day("07/08/2016"), None);
        assert_eq!(parse_day("25/07/2016"), day(2016, 7, 25));
        assert_eq!(parse_day("07/25/2016"), day(2016, 7, 25));
        assert_eq!(parse_day("07/07/2016"), day(2016, 7, 7));
    }

    #[test]
    fn rejects_text_that_is_not_a_date() {
        assert_eq!(parse_day("Paul Goble"), None);
        assert_eq!(
            parse_day("Staunton, July 7 – For many Central Asians"),
            None
        );
        assert_eq!(parse_day(""), None);
    }

    #[test]
    fn keeps_unparsed_dates_as_text() {
        assert_eq!(
            article_date("Summer  2016"),
            Some(ArticleDate::Text("Summer 2016".into()))
        );
        assert_eq!(article_date("  "), None);
    }
}
