//! The shipped word lists, compiled into perfect-hash maps by the build script (`build.rs`,
//! `build/lexicon.rs`): a process looks words up without indexing anything first.

pub mod cue;
mod table;

use table::{Table, text_at, u32_at};

use crate::entities::fold::fold_diacritics;

/// What a multi-word lexicon entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    /// A country's name or alias; `demonym` for "Kazakhs", "Russian".
    Country {
        country: u16,
        demonym: bool,
    },
    /// `after_the`: listed as "The Sun", "The Guardian": one ordinary word that names the
    /// organisation only after "the".
    Organisation {
        organisation: u16,
        after_the: bool,
    },
    Place,
}

/// A multi-word entry: its tokens as written in the list, and what it names.
#[derive(Debug, Clone, Copy)]
pub struct Phrase {
    first_token: u32,
    len: u32,
    pub kind: PhraseKind,
}

impl Phrase {
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// The `k`th token.
    pub fn token(&self, k: usize) -> &'static str {
        let i = self.first_token as usize + k;
        let (len, _) = split_ascii_bit(u32_at(PHRASE_TOKENS, 2 * i + 1));
        text_at(TEXT, u32_at(PHRASE_TOKENS, 2 * i), len)
    }

    /// The `k`th token's length in bytes and whether it is plain ASCII, known without reading
    /// the token itself: a word of another length is no match, and the text lies elsewhere in
    /// memory.
    pub fn token_shape(&self, k: usize) -> (usize, bool) {
        let i = self.first_token as usize + k;
        let (len, ascii) = split_ascii_bit(u32_at(PHRASE_TOKENS, 2 * i + 1));
        (len as usize, ascii)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Organisation {
    pub name: &'static str,
    pub category: &'static str,
}

/// The lexicon: every method reads the tables the build script wrote; nothing is built at
/// run time.
pub struct Lexicon;

include!(concat!(env!("OUT_DIR"), "/lexicon_tables.rs"));

pub static LEXICON: Lexicon = Lexicon;

/// A phrase token's length and its ASCII mark (the top bit).
fn split_ascii_bit(len: u32) -> (u32, bool) {
    (len & !(1 << 31), len >> 31 == 1)
}

fn decode_kind(bits: u32) -> PhraseKind {
    let id = (bits & 0xFFFF) as u16;
    let flag = bits & 1 << 29 != 0;
    match bits >> 30 {
        1 => PhraseKind::Country {
            country: id,
            demonym: flag,
        },
        2 => PhraseKind::Organisation {
            organisation: id,
            after_the: flag,
        },
        _ => PhraseKind::Place,
    }
}

impl Lexicon {
    /// A country's English short name, by the id its phrases carry.
    pub fn country_name(&self, country: u16) -> &'static str {
        let i = usize::from(country);
        text_at(TEXT, u32_at(COUNTRIES, 2 * i), u32_at(COUNTRIES, 2 * i + 1))
    }

    /// A listed organisation's canonical name and category, by the id its phrases carry.
    pub fn organisation(&self, organisation: u16) -> Organisation {
        let i = 4 * usize::from(organisation);
        Organisation {
            name: text_at(TEXT, u32_at(ORGANISATIONS, i), u32_at(ORGANISATIONS, i + 1)),
            category: text_at(
                TEXT,
                u32_at(ORGANISATIONS, i + 2),
                u32_at(ORGANISATIONS, i + 3),
            ),
        }
    }

    /// A well-known person named by the one word `form` ("Brezhnev", "Lukashenka"): `Some` of
    /// the full name, or `Some(None)` when the list has two people of that name ("Assad").
    pub fn well_known_person(&self, form: &str) -> Option<Option<&'static str>> {
        let id = PERSON_FORMS.get(TEXT, form)?;
        if id == u32::MAX {
            return Some(None);
        }
        let i = 2 * id as usize;
        Some(Some(text_at(
            TEXT,
            u32_at(PEOPLE, i),
            u32_at(PEOPLE, i + 1),
        )))
    }

    /// Whether `word` is an ordinary lower-case English word ("Stopped", "Officials").
    pub fn is_common_word(&self, word: &str) -> bool {
        with_lowercase(
            word,
            |w| WORDS.get_bytes(TEXT, w).is_some(),
            |w| WORDS.get(TEXT, w).is_some(),
        )
    }

    pub fn cue(&self, word: &str) -> u32 {
        CUES.get(TEXT, word).unwrap_or(0)
    }

    pub fn has_cue(&self, word: &str, bits: u32) -> bool {
        self.cue(word) & bits != 0
    }

    /// Whether `word` has the [`cue::JOINER`] bit, without a table lookup.
    pub fn is_joiner(&self, word: &str) -> bool {
        is_joiner_word(word)
    }

    /// Entries whose first token is `word`, any case, accents folded.
    pub fn phrases_starting(&self, word: &str) -> impl Iterator<Item = Phrase> + use<> {
        // ASCII has no diacritics to fold
        let run = with_lowercase(
            word,
            |w| PHRASES.get_bytes(TEXT, w),
            |w| PHRASES.get(TEXT, &fold_diacritics(w)),
        )
        .unwrap_or(0);
        let (start, count) = (run >> 12, run & 0xFFF);
        (start..start + count).map(|e| {
            let e = 3 * e as usize;
            Phrase {
                first_token: u32_at(PHRASE_ENTRIES, e),
                len: u32_at(PHRASE_ENTRIES, e + 1),
                kind: decode_kind(u32_at(PHRASE_ENTRIES, e + 2)),
            }
        })
    }
}

/// Calls `ascii` with the bytes of `word` in lower case, made on the stack, when it is short
/// ASCII (nearly always), and `other` with its lower-case copy otherwise.
fn with_lowercase<R>(
    word: &str,
    ascii: impl FnOnce(&[u8]) -> R,
    other: impl FnOnce(&str) -> R,
) -> R {
    let mut buf = [0u8; 48];
    if word.len() <= buf.len() && word.is_ascii() {
        let bytes = &mut buf[..word.len()];
        bytes.copy_from_slice(word.as_bytes());
        bytes.make_ascii_lowercase();
        ascii(bytes)
    } else {
        other(&word.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_have_aliases_and_plural_demonyms() {
        let lex = &LEXICON;
        for (form, country) in [
            ("Kazakhs", "Kazakhstan"),
            ("Kyrgyz", "Kyrgyzstan"),
            ("Britain", "United Kingdom"),
            ("U.S.", "United States"),
            ("Turkey", "Turkey"),
            ("Germany", "Germany"),
            ("American", "United States"),
            ("Dutch", "Netherlands"),
            ("Indians", "India"),
        ] {
            let phrase = lex
                .phrases_starting(form)
                .find(|p| p.len() == 1 && p.token(0) == form)
                .unwrap_or_else(|| panic!("{form} missing"));
            let PhraseKind::Country { country: id, .. } = phrase.kind else {
                panic!("{form} is not a country");
            };
            assert_eq!(lex.country_name(id), country);
        }
    }

    #[test]
    fn joiners_are_the_words_with_the_joiner_cue() {
        for word in [
            "von", "der", "de", "bin", "für", "y", "Von", "the", "Serenko", "",
        ] {
            assert_eq!(
                LEXICON.is_joiner(word),
                LEXICON.has_cue(word, cue::JOINER),
                "{word}"
            );
        }
    }

    #[test]
    fn common_words_are_case_insensitive() {
        assert!(LEXICON.is_common_word("Stopped"));
        assert!(!LEXICON.is_common_word("Serenko"));
    }
}
