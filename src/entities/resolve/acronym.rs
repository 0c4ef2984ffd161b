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

/// The first letter of a lower-case word of four bytes or more, unless it is a function word.
fn content_first(w: &str) -> Option<char> {
    if is_function_word(w) {
        return None;
    }
    match w.as_bytes().first() {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => w.chars().next(),
    }
}

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

impl LowerCaseWords {
    pub(super) fn new(paragraphs: &[&str]) -> Self {
        // about one word in six bytes
        let bytes: usize = paragraphs.iter().map(|p| p.len()).sum();
        let mut words = Self {
            firsts: Vec::with_capacity(paragraphs.len() + bytes / 6),
        };
        for p in paragraphs {
            words.firsts.push(None);
            words.read(p);
        }
        words
    }

    /// Adds the words of one paragraph. ASCII, most of any article, is read eight bytes at a
    /// time, its words found from masks of the bytes that are word bytes and those that are
    /// no lower-case letter; other text a character at a time.
    fn read(&mut self, p: &str) {
        let bytes = p.as_bytes();
        // the word being read: where it started, and whether it is all lower case so far
        let mut open: Option<(usize, bool)> = None;
        let mut i = 0;
        while i < bytes.len() {
            // a space stands in past the end: it ends a word, as the end does
            let x = bytes8::at_padded(bytes, i, b' ');
            if bytes8::non_ascii(x) != 0 {
                let chunk_end = (i + 8).min(bytes.len());
                while i < chunk_end {
                    let (letter, width) = letter_at(p, i);
                    open = match (letter, open) {
                        (Letter::None, Some((start, lower))) => {
                            self.push(p, start, i, lower);
                            None
                        }
                        (Letter::None, None) => None,
                        (letter, Some((start, lower))) => {
                            Some((start, lower && letter == Letter::Lower))
                        }
                        (letter, None) => Some((i, letter == Letter::Lower)),
                    };
                    i += width;
                }
                continue;
            }
            let word = word_bytes(x);
            let other = bytes8::in_range(x, b'A', b'Z') | bytes8::in_range(x, b'0', b'9');
            let mut at = 0;
            if let Some((start, lower)) = open {
                let run = bytes8::leading(word);
                let lower = lower && other & bytes8::first(run) == 0;
                if run == 8 {
                    open = Some((start, lower));
                    i += 8;
                    continue;
                }
                self.push(p, start, i + run, lower);
                open = None;
                at = run;
            }
            while at < 8 {
                let rest = word >> (8 * at);
                if rest == 0 {
                    break;
                }
                let from = at + bytes8::first_set(rest);
                let run = bytes8::leading(word >> (8 * from));
                let lower = (other >> (8 * from)) & bytes8::first(run) == 0;
                if from + run == 8 {
                    open = Some((i + from, lower));
                    break;
                }
                self.push(p, i + from, i + from + run, lower);
                at = from + run;
            }
            i += 8;
        }
        if let Some((start, lower)) = open {
            self.push(p, start, bytes.len(), lower);
        }
    }

    /// Adds the word of `p` from `start` to `end`: its first letter when it is a lower-case
    /// content word, `None` otherwise (most words, told from `lower` and the length alone).
    #[inline]
    fn push(&mut self, p: &str, start: usize, end: usize, lower: bool) {
        let first = if lower && end - start >= 4 {
            content_first(p.get(start..end).unwrap_or(""))
        } else {
            None
        };
        self.firsts.push(first);
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

    /// The first letters of content words, a character at a time: what the eight-byte
    /// reading must agree with.
    fn firsts_one_char_at_a_time(paragraphs: &[&str]) -> Vec<Option<char>> {
        let mut firsts = Vec::new();
        for p in paragraphs {
            firsts.push(None);
            let mut word = String::new();
            for c in p.chars().chain([' ']) {
                let letter = c == '-' || c.is_alphanumeric();
                if letter {
                    word.push(c);
                    continue;
                }
                if !word.is_empty() {
                    let lower = word.chars().all(|c| c == '-' || c.is_lowercase());
                    let function =
                        word.len() <= 5 && word.is_ascii() && FUNCTION.contains(&packed(&word));
                    let content = lower && word.len() >= 4 && !function;
                    firsts.push(word.chars().next().filter(|_| content));
                    word.clear();
                }
            }
        }
        firsts
    }

    #[test]
    fn eight_bytes_at_a_time_read_as_one_character_at_a_time() {
        const PIECES: &[&str] = &[
            "a",
            "word",
            "intelligence",
            "Capital",
            "AI",
            "2024",
            "-",
            " ",
            "  ",
            ",",
            ".",
            "“",
            "”",
            "—",
            "é",
            "Ö",
            "ökonomische",
            "naïve",
            "with",
            "which",
            "東京",
            "'s",
        ];
        let texts: Vec<String> = crate::sanitize::random_texts(PIECES, 6000, 30).collect();
        // two or three paragraphs an article
        for article in texts.chunks(2).chain(texts.chunks(3)) {
            let paragraphs: Vec<&str> = article.iter().map(String::as_str).collect();
            assert_eq!(
                LowerCaseWords::new(&paragraphs).firsts,
                firsts_one_char_at_a_time(&paragraphs),
                "{paragraphs:?}"
            );
        }
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
