//! The shape of a paragraph (prose, heading, capitals, results line) and of single words.

use super::lexicon::{LEXICON, cue};
use super::token::{ARTICLE_PREFIX, CAPITAL, SENTENCE_START, Token, TokenKind, UPPER};

/// How a paragraph is written, which says how much its capitals mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Prose,
    /// Title case: nearly every word capitalised.
    Heading,
    /// Upper case: capitals mean nothing at all.
    Shouting,
}

/// Title case or all capitals. A heading capitalises ordinary words ("Stopped Paying") that
/// prose leaves in lower case. `capital_common` tells whether the capitalised word at a token
/// index is an ordinary word with no given-name or title cue; it is asked only when the counts
/// leave Heading possible, since in prose they rule it out at once.
pub fn mode_of(text: &str, tokens: &[Token], capital_common: impl Fn(usize) -> bool) -> Mode {
    let (mut words, mut capital, mut upper) = (0, 0, 0);
    // lower-case words that a title would capitalise ("talks", "declined")
    let mut lower_content = 0;
    let (mut short_upper, mut all_words) = (0, 0);
    for t in tokens {
        if t.is(UPPER) && t.end - t.start < 4 {
            short_upper += 1;
        }
        if !t.is_word() {
            continue;
        }
        all_words += 1;
        // fewer bytes than four, so fewer letters: the word need not be read
        if t.end - t.start < 4 || !long_word(t.text(text)) {
            continue;
        }
        words += 1;
        // past two, the count no longer changes the answer: the words need not be read
        if lower_content < 2 && t.flags & (CAPITAL | ARTICLE_PREFIX) == 0 {
            let w = t.text(text);
            if w.chars().next().is_some_and(char::is_alphabetic)
                && !matches!(
                    w,
                    "that" | "this" | "with" | "from" | "into" | "over" | "upon" | "than" | "when"
                )
            {
                lower_content += 1;
            }
        }
        if t.is(UPPER) {
            upper += 1;
        } else if t.is(CAPITAL) {
            capital += 1;
        }
    }
    if (words >= 2 || has_date(text, tokens)) && upper * 5 >= words * 4 {
        Mode::Shouting
    } else if short_upper >= 3 && (upper + short_upper) * 2 >= all_words {
        // a table's column headings: "W D L PCT GB"
        Mode::Shouting
    } else if lower_content <= 1
        && (capital + upper) * 3 >= words * 2
        && heading_words(text, tokens, capital_common)
    {
        Mode::Heading
    } else {
        Mode::Prose
    }
}

/// Whether two or more long capitalised words, not opening a sentence, are ordinary words.
fn heading_words(text: &str, tokens: &[Token], capital_common: impl Fn(usize) -> bool) -> bool {
    let mut capital_common_words = 0;
    for (k, t) in tokens.iter().enumerate() {
        if t.is_word()
            && t.is(CAPITAL)
            && !t.is(UPPER)
            && !t.is(SENTENCE_START)
            && long_word(t.text(text))
            && capital_common(k)
        {
            capital_common_words += 1;
            if capital_common_words >= 2 {
                return true;
            }
        }
    }
    false
}

/// Four letters or more, the words whose case says something about a paragraph.
fn long_word(w: &str) -> bool {
    if w.len() < 4 {
        // fewer bytes than four, so fewer letters
        return false;
    }
    let bytes = w.as_bytes();
    if bytes[..4].iter().all(u8::is_ascii_alphabetic) {
        // most words: four ASCII letters first
        return true;
    }
    if w.is_ascii() {
        return bytes
            .iter()
            .filter(|b| b.is_ascii_alphabetic())
            .nth(3)
            .is_some();
    }
    w.chars().filter(|c| c.is_alphabetic()).nth(3).is_some()
}

/// A line of sports results or standings: names each followed by a score ("Bury 4 Bristol City
/// 0", "Haitai 64 2 43 .596") or paired with "v".
pub fn is_score_line(text: &str, tokens: &[Token]) -> bool {
    let (mut name_then_number, mut versus, mut words, mut numbers) = (0, false, 0, 0);
    for (k, t) in tokens.iter().enumerate() {
        match t.kind {
            TokenKind::Number => {
                numbers += 1;
                if k > 0 && tokens[k - 1].is_name_like() {
                    name_then_number += 1;
                }
            }
            TokenKind::Word => {
                words += 1;
                versus |= t.end - t.start <= 2 && matches!(t.text(text), "v" | "vs");
            }
            _ => {}
        }
    }
    let tabular = words <= 12 && numbers * 4 >= words;
    // the date last: most paragraphs are ruled out by their counts
    ((tabular && ((name_then_number >= 1 && words <= 8) || name_then_number >= 2))
        || (versus && words <= 12))
        && !has_date(text, tokens)
}

pub fn name_number_pairs(tokens: &[Token]) -> usize {
    tokens
        .windows(2)
        .filter(|w| w[0].is_name_like() && w[1].kind == TokenKind::Number)
        .count()
}

/// A dateline's date ("LONDON 1996-08-30").
pub fn has_date(text: &str, tokens: &[Token]) -> bool {
    tokens.iter().any(|t| {
        t.kind == TokenKind::Number && t.end - t.start == 10 && {
            let b = t.text(text).as_bytes();
            b.len() == 10 && b[4] == b'-' && b[7] == b'-'
        }
    })
}

pub fn looks_transliterated_group(word: &str) -> bool {
    let Some((head, _)) = word.split_once('-') else {
        return false;
    };
    LEXICON.has_cue(head, cue::TRANSLITERATED_HEAD)
        && ["-i-", "-e-", "-ul-", "-ut-", "-al-", "-ud-"]
            .iter()
            .any(|joint| word.contains(joint))
        || [
            "Lashkar-", "Jaish-", "Hizb-", "Harakat-", "Tehrik-", "Sipah-",
        ]
        .iter()
        .any(|head| word.starts_with(head))
}

/// Surname endings common in the news: Slavic, Caucasian, Baltic, Greek, Nordic, Armenian,
/// Georgian, Turkish and Persian.
pub fn has_surname_shape(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ov", "ova", "ev", "eva", "enko", "sky", "skiy", "ski", "ska", "vich", "wicz", "escu",
        "yan", "dze", "shvili", "oglu", "zadeh", "poulos", "akis", "ides", "sson", "ovic", "evic",
        "ovich", "yev", "yeva", "ovski", "chuk", "czyk", "stein",
    ];
    word.len() > 4 && ENDINGS.iter().any(|e| word.ends_with(e))
}
