//! Acronyms and the names they stand for: initials, and the common nouns written out in lower
//! case that an acronym may abbreviate.

/// The letters of an acronym, without dots or digits: "U.N." is UN.
pub(super) fn letters_of(acronym: &str) -> String {
    acronym.chars().filter(|ch| ch.is_alphabetic()).collect()
}

/// The first letters of every word, joiners too: "Alliance of Small Island States" is AOSIS.
pub(super) fn initials_with_joiners(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The words of an article that could spell out an acronym in lower case, as common nouns do
/// ("artificial intelligence" for AI): content words only, so "and in" never spells AI. Made
/// once per article however many acronyms it has.
pub(super) struct LowerCaseWords {
    /// Every word in order, as its first letter when it is a lower-case content word and as
    /// `None` otherwise; a `None` also stands between paragraphs, so no window spans two.
    firsts: Vec<Option<char>>,
}

use crate::entities::token::bytes8;

/// Function words, which spell no acronym, each packed into a number by [`packed`].
const FUNCTION: [u64; 31] = packed_all([
    "about", "after", "also", "and", "are", "been", "but", "for", "from", "had", "has", "have",
    "into", "its", "not", "over", "than", "that", "the", "their", "them", "then", "they", "this",
    "was", "were", "which", "while", "who", "will", "with",
]);

/// A word of at most eight bytes as one number (its bytes, little-endian, zero-padded): a
/// word of letters has no zero byte, so two words share a number only if they are the same.
/// Comparing numbers spares a string comparison per word of the article.
const fn packed(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let mut value = 0u64;
    let mut i = bytes.len();
    while i > 0 {
        i -= 1;
        value = (value << 8) | bytes[i] as u64;
    }
    value
}

const fn packed_all<const N: usize>(words: [&str; N]) -> [u64; N] {
    let mut out = [0u64; N];
    let mut i = 0;
    while i < N {
        out[i] = packed(words[i]);
        i += 1;
    }
    out
}

/// What a character is to a word: no part of one, a lower-case letter or hyphen, or any
/// other letter or digit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Letter {
    None,
    Lower,
    Other,
}

/// The character at byte `i` of `text` as a [`Letter`], and its width in bytes. ASCII, most of
/// any article, is judged from the byte alone.
fn letter_at(text: &str, i: usize) -> (Letter, usize) {
    let c = match text.as_bytes().get(i) {
        Some(b'a'..=b'z' | b'-') => return (Letter::Lower, 1),
        Some(b'A'..=b'Z' | b'0'..=b'9') => return (Letter::Other, 1),
        Some(&b) if b < 0x80 => return (Letter::None, 1),
        _ => text
            .get(i..)
            .and_then(|rest| rest.chars().next())
            .unwrap_or(' '),
    };
    let letter = if c.is_lowercase() {
        Letter::Lower
    } else if c.is_alphanumeric() {
        Letter::Other
    } else {
        Letter::None
    };
    (letter, c.len_utf8())
}

/// The top bit of each byte of `x` that is an ASCII letter, digit or hyphen: a word's bytes.
const fn word_bytes(x: u64) -> u64 {
    bytes8::alphanumeric(x) | bytes8::in_range(x, b'-', b'-')
}

/// Whether a lower-case word of four bytes or more is one of [`FUNCTION`]: the shorter
/// function words never reach here.
fn is_function_word(w: &str) -> bool {
    match w.len() {
        4 => FUNCTION_4.contains(&packed(w)),
        5 => FUNCTION_5.contains(&packed(w)),
        _ => false,
    }
}

/// [`FUNCTION`] of four bytes and of five, each list searched only for words of its length.
const FUNCTION_4: [u64; FUNCTION_4_LEN] = of_len(4);
const FUNCTION_5: [u64; FUNCTION_5_LEN] = of_len(5);
const FUNCTION_4_LEN: usize = count_of_len(4);
const FUNCTION_5_LEN: usize = count_of_len(5);

/// The bytes of a packed word: eight less one per zero byte at the top.
const fn packed_len(word: u64) -> usize {
    (u64::BITS - word.leading_zeros()).div_ceil(8) as usize
}

const fn count_of_len(len: usize) -> usize {
    let (mut n, mut i) = (0, 0);
    while i < FUNCTION.len() {
        n += (packed_len(FUNCTION[i]) == len) as usize;
        i += 1;
    }
    n
}

const fn of_len<const N: usize>(len: usize) -> [u64; N] {
    let mut out = [0u64; N];
    let (mut n, mut i) = (0, 0);
    while i < FUNCTION.len() {
        if packed_len(FUNCTION[i]) == len {
            out[n] = FUNCTION[i];
            n += 1;
        }
        i += 1;
    }
    out
}

/// The width of the UTF-8 character that starts with byte `b`.
fn char_width(b: u8) -> usize {
    match b {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    }
}

impl LowerCaseWords {
    pub(super) fn new(paragraphs: &[&str]) -> Self {
        // about one word in six bytes
        let bytes: usize = paragraphs.iter().map(|p| p.len()).sum();
        let mut firsts = Vec::with_capacity(paragraphs.len() + bytes / 6);
        for p in paragraphs {
            firsts.push(None);
            let bytes = p.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                // what stands between words, eight ASCII bytes at a time
                if let Some(x) = bytes8::at(bytes, i) {
                    let gap = bytes8::leading(!word_bytes(x) & !bytes8::non_ascii(x));
                    i += gap;
                    if gap == 8 {
                        continue;
                    }
                }
                let (word, _) = letter_at(p, i);
                if word == Letter::None {
                    i += char_width(bytes[i]);
                    continue;
                }
                // a word: a run of letters, digits and hyphens
                let start = i;
                let mut lower = true;
                loop {
                    // ASCII, most of any article, eight bytes at a time
                    if let Some(x) = bytes8::at(bytes, i) {
                        let lower_case =
                            bytes8::in_range(x, b'a', b'z') | bytes8::in_range(x, b'-', b'-');
                        let other =
                            bytes8::in_range(x, b'A', b'Z') | bytes8::in_range(x, b'0', b'9');
                        let run = bytes8::leading(lower_case | other);
                        lower &= other & bytes8::first(run) == 0;
                        i += run;
                        if run == 8 {
                            continue;
                        }
                    }
                    // then the byte that ends the run, or the last few of the paragraph
                    let Some(&b) = bytes.get(i) else {
                        break;
                    };
                    match b {
                        b'a'..=b'z' | b'-' => i += 1,
                        b'A'..=b'Z' | b'0'..=b'9' => {
                            lower = false;
                            i += 1;
                        }
                        0..0x80 => break,
                        _ => {
                            let (letter, width) = letter_at(p, i);
                            if letter == Letter::None {
                                break;
                            }
                            lower &= letter == Letter::Lower;
                            i += width;
                        }
                    }
                }
                let w = &p[start..i];
                let content = lower && w.len() >= 4 && !is_function_word(w);
                firsts.push(if !content {
                    None
                } else if bytes[start].is_ascii() {
                    Some(char::from(bytes[start]))
                } else {
                    w.chars().next()
                });
            }
        }
        Self { firsts }
    }

    /// Whether consecutive content words of one paragraph start with the acronym's letters.
    pub(super) fn spell(&self, letters: &str) -> bool {
        let want: Vec<char> = letters.chars().flat_map(char::to_lowercase).collect();
        let n = want.len();
        n >= 2
            && self.firsts.windows(n).any(|window| {
                window
                    .iter()
                    .zip(&want)
                    .all(|(first, &c)| *first == Some(c))
            })
    }
}

/// The capital letters that start the words of a name: "Islamic Movement of Uzbekistan" is IMU.
pub(super) fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_with_and_without_joiners() {
        assert_eq!(initials("Alliance of Small Island States"), "ASIS");
        assert_eq!(
            initials_with_joiners("Alliance of Small Island States"),
            "AOSIS"
        );
        assert_eq!(letters_of("U.N."), "UN");
    }

    #[test]
    fn acronyms_written_out_in_lower_case_are_common_nouns() {
        let text = [
            "Rules for artificial intelligence apply.",
            "And in May, AI grew.",
        ];
        assert!(LowerCaseWords::new(&text).spell("AI"));
        // function words spell nothing: "and in" is no AI
        assert!(!LowerCaseWords::new(&["And in May and in June."]).spell("AI"));
        // nor do words with a capital, short words or words in two paragraphs
        assert!(!LowerCaseWords::new(&["Artificial intelligence and ai."]).spell("AI"));
        assert!(!LowerCaseWords::new(&["Rules for artificial", "intelligence apply."]).spell("AI"));
        assert!(LowerCaseWords::new(&["the world-wide fund"]).spell("WF"));
        assert!(!LowerCaseWords::new(&["artificial intelligence"]).spell("A"));
        // four-letter function words spell nothing, longer words starting alike still do
        assert!(!LowerCaseWords::new(&["with that"]).spell("WT"));
        assert!(LowerCaseWords::new(&["withdrawal thats"]).spell("WT"));
        assert!(LowerCaseWords::new(&["willing abouts"]).spell("WA"));
        // letters beyond ASCII, and punctuation beyond ASCII between the words
        assert!(LowerCaseWords::new(&["die “ökonomische” ältere"]).spell("ÖÄ"));
        assert!(!LowerCaseWords::new(&["die Ökonomische ältere"]).spell("ÖÄ"));
        assert!(!LowerCaseWords::new(&["naïve1 tests"]).spell("NT"));
        assert!(LowerCaseWords::new(&["naïve—tests"]).spell("NT"));
    }

    #[test]
    fn every_function_word_that_could_spell_is_searched() {
        // words under four bytes never spell; the rest are searched by their length
        let long = FUNCTION.iter().filter(|&&w| packed_len(w) >= 4).count();
        assert_eq!(FUNCTION_4.len() + FUNCTION_5.len(), long);
        assert!(FUNCTION_4.contains(&packed("with")));
        assert!(FUNCTION_5.contains(&packed("which")));
        assert!(is_function_word("their") && !is_function_word("thei"));
    }
}
