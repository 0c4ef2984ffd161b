//! The shipped word lists, compiled into the binary and indexed once per process.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::cues;
use super::token::{Token, TokenKind, tokenize};

static GIVEN_NAMES: &str = include_str!("../../data/given-names.txt");
static GIVEN_NAMES_WORLD: &str = include_str!("../../data/given-names-world.txt");
static SURNAMES: &str = include_str!("../../data/surnames.txt");
static WORDS: &str = include_str!("../../data/words.txt");
static PLACES: &str = include_str!("../../data/places.txt");
static REGIONS: &str = include_str!("../../data/regions.txt");
static COUNTRIES: &str = include_str!("../../data/countries.tsv");
static COUNTRY_FORMS: &str = include_str!("../../data/country-forms.txt");
static ORGANISATIONS: &str = include_str!("../../data/organisations.txt");

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

#[derive(Debug)]
pub struct Phrase {
    /// The entry's tokens as written in the list.
    pub tokens: Box<[&'static str]>,
    pub kind: PhraseKind,
}

#[derive(Debug)]
pub struct Country {
    pub name: String,
}

#[derive(Debug)]
pub struct Organisation {
    pub name: &'static str,
    pub category: &'static str,
}

/// Bits of [`Lexicon::cue`]: which closed word classes a word belongs to.
pub mod cue {
    pub const TITLE: u32 = 1;
    pub const TITLE_MODIFIER: u32 = 1 << 1;
    pub const ROLE_NOUN: u32 = 1 << 2;
    pub const GROUP_NOUN: u32 = 1 << 3;
    pub const ORG_TAIL: u32 = 1 << 4;
    pub const ORG_HEAD: u32 = 1 << 5;
    pub const TRANSLITERATED_HEAD: u32 = 1 << 6;
    pub const JOINER: u32 = 1 << 7;
    pub const PLACE_TAIL: u32 = 1 << 8;
    pub const NEVER_NAME: u32 = 1 << 9;
    pub const SPEECH_VERB: u32 = 1 << 10;
    pub const US_STATE: u32 = 1 << 11;
    pub const GIVEN_NAME: u32 = 1 << 12;
    pub const SURNAME: u32 = 1 << 13;
    pub const US_GEORGIA: u32 = 1 << 14;
    pub const FUNCTION_WORD: u32 = 1 << 15;
    pub const PLACE_HEAD: u32 = 1 << 16;
    /// Among the most frequent surnames ("Smith", "Bush"), so a surname even when also a word.
    pub const FREQUENT_SURNAME: u32 = 1 << 17;
    pub const PEOPLE_NOUN: u32 = 1 << 18;
    pub const TRANSLITERATED_TAIL: u32 = 1 << 19;
    pub const LAW: u32 = 1 << 20;
    pub const FEATURE_NOUN: u32 = 1 << 21;
}

pub struct Lexicon {
    /// Lower-case English words, for "is this capitalised word an ordinary word?".
    words: FxHashSet<&'static str>,
    cues: FxHashMap<&'static str, u32>,
    /// Entries by their first token in lower case.
    phrases: FxHashMap<String, Vec<Phrase>>,
    pub countries: Vec<Country>,
    pub organisations: Vec<Organisation>,
}

/// How many of the surnames, most frequent first, count as frequent.
const FREQUENT_SURNAMES: usize = 1500;

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    fn build() -> Self {
        let mut lexicon = Self {
            words: lines(WORDS).collect(),
            cues: FxHashMap::default(),
            phrases: FxHashMap::default(),
            countries: Vec::new(),
            organisations: Vec::new(),
        };
        let closed: [(&[&'static str], u32); 18] = [
            (cues::TRANSLITERATED_GROUP_TAILS, cue::TRANSLITERATED_TAIL),
            (cues::LAW_WORDS, cue::LAW),
            (cues::FEATURE_NOUNS, cue::FEATURE_NOUN),
            (cues::PEOPLES, cue::PEOPLE_NOUN),
            (cues::PLACE_HEADS, cue::PLACE_HEAD),
            (cues::FUNCTION_WORDS, cue::FUNCTION_WORD),
            (cues::TITLES, cue::TITLE),
            (cues::TITLE_MODIFIERS, cue::TITLE_MODIFIER),
            (cues::ROLE_NOUNS, cue::ROLE_NOUN),
            (cues::GROUP_NOUNS, cue::GROUP_NOUN),
            (cues::ORG_TAILS, cue::ORG_TAIL),
            (cues::ORG_HEADS, cue::ORG_HEAD),
            (cues::TRANSLITERATED_GROUP_HEADS, cue::TRANSLITERATED_HEAD),
            (cues::NAME_JOINERS, cue::JOINER),
            (cues::PLACE_TAILS, cue::PLACE_TAIL),
            (cues::NEVER_NAMES, cue::NEVER_NAME),
            (cues::SPEECH_VERBS, cue::SPEECH_VERB),
            (cues::US_STATES, cue::US_STATE),
        ];
        for (list, bit) in closed {
            for word in list {
                *lexicon.cues.entry(word).or_default() |= bit;
            }
        }
        for word in cues::US_GEORGIA_CUES {
            *lexicon.cues.entry(word).or_default() |= cue::US_GEORGIA;
        }
        for name in
            lines(GIVEN_NAMES).chain(lines(GIVEN_NAMES_WORLD).flat_map(str::split_whitespace))
        {
            *lexicon.cues.entry(name).or_default() |= cue::GIVEN_NAME;
        }
        for (rank, name) in lines(SURNAMES).enumerate() {
            let bits = if rank < FREQUENT_SURNAMES {
                cue::SURNAME | cue::FREQUENT_SURNAME
            } else {
                cue::SURNAME
            };
            *lexicon.cues.entry(name).or_default() |= bits;
        }
        for place in lines(PLACES).chain(lines(REGIONS)) {
            lexicon.add_phrase(place, PhraseKind::Place);
        }
        lexicon.load_countries();
        lexicon.load_organisations();
        lexicon
    }

    fn load_countries(&mut self) {
        // (name, forms from the data, curated English forms that override any other country's)
        let mut forms: Vec<(String, Vec<(&'static str, bool)>)> = Vec::new();
        let mut curated: Vec<(String, &'static str, bool)> = Vec::new();
        for line in lines(COUNTRIES) {
            let mut fields = line.split('\t');
            let (Some(name), Some(_code), Some(_sovereign), Some(list)) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let list = list
                .split('|')
                .map(|f| match f.strip_prefix('+') {
                    Some(d) => (d, true),
                    None => (f, false),
                })
                .collect();
            forms.push((name.to_string(), list));
        }
        for line in lines(COUNTRY_FORMS) {
            if let Some((old, new)) = line.split_once(" > ") {
                if let Some(entry) = forms.iter_mut().find(|(n, _)| n == old.trim()) {
                    entry.0 = new.trim().to_string();
                }
                continue;
            }
            let Some((name, list)) = line.split_once(" = ") else {
                continue;
            };
            let name = name.trim();
            if !forms.iter().any(|(n, _)| n == name) {
                forms.push((name.to_string(), Vec::new()));
            }
            for f in list.split('|') {
                let (form, demonym) = match f.strip_prefix('+') {
                    Some(d) => (d, true),
                    None => (f, false),
                };
                curated.push((name.to_string(), form, demonym));
            }
        }
        let curated_ids: Vec<(u16, &'static str, bool)> = curated
            .into_iter()
            .filter_map(|(name, form, demonym)| {
                let id = forms.iter().position(|(n, _)| *n == name)?;
                Some((id as u16, form, demonym))
            })
            .collect();
        for (id, form, demonym) in &curated_ids {
            self.add_country_form(*id, form, *demonym);
        }
        for (name, list) in forms {
            let id = self.countries.len() as u16;
            self.countries.push(Country { name });
            for (form, demonym) in list {
                self.add_country_form(id, form, demonym);
            }
        }
    }

    /// Adds a country's form and, for a demonym, its plural ("Kazakh", "Kazakhs"). Curated forms
    /// are added first, so the data's territories never take "American" from the United States.
    fn add_country_form(&mut self, country: u16, form: &'static str, demonym: bool) {
        let form = form.strip_prefix("the ").unwrap_or(form);
        let kind = PhraseKind::Country { country, demonym };
        self.add_phrase(form, kind);
        if demonym && !ends_like_plural(form) {
            // leaked once per process: the lexicon lives as long as the program
            let plural: &'static str = Box::leak(format!("{form}s").into_boxed_str());
            self.add_phrase(plural, kind);
        }
    }

    fn load_organisations(&mut self) {
        let mut category = "organisation";
        for line in ORGANISATIONS.lines().map(str::trim) {
            if line.is_empty() || (line.starts_with('#') && !line.starts_with("## ")) {
                continue;
            }
            if let Some(c) = line.strip_prefix("## ") {
                category = c.trim();
                continue;
            }
            let mut names = line.split('|').map(str::trim).filter(|n| !n.is_empty());
            let Some(name) = names.next() else { continue };
            let id = self.organisations.len() as u16;
            let (canonical, _) = strip_article(name);
            self.organisations.push(Organisation {
                name: canonical,
                category,
            });
            for form in std::iter::once(name).chain(names) {
                let (form, article) = strip_article(form);
                let after_the = article && !form.contains(' ');
                self.add_phrase(
                    form,
                    PhraseKind::Organisation {
                        organisation: id,
                        after_the,
                    },
                );
            }
        }
    }

    fn add_phrase(&mut self, text: &'static str, kind: PhraseKind) {
        let mut tokens: Vec<Token> = Vec::new();
        tokenize(text, &mut tokens);
        let words: Box<[&'static str]> = tokens
            .iter()
            .filter(|t| t.kind != TokenKind::Punct || t.text(text) != ",")
            .map(|t| t.text(text))
            .collect();
        let Some(first) = words.first() else { return };
        let key = first.to_lowercase();
        let entries = self.phrases.entry(key).or_default();
        // the first country or organisation for a form wins; either replaces a place
        if let Some(existing) = entries.iter_mut().find(|p| p.tokens == words) {
            if existing.kind == PhraseKind::Place {
                existing.kind = kind;
            }
            return;
        }
        entries.push(Phrase {
            tokens: words,
            kind,
        });
    }

    /// Whether `word` is an ordinary lower-case English word ("Stopped", "Officials").
    pub fn is_common_word(&self, word: &str) -> bool {
        with_lowercase(word, |w| self.words.contains(w))
    }

    pub fn cue(&self, word: &str) -> u32 {
        self.cues.get(word).copied().unwrap_or(0)
    }

    pub fn has_cue(&self, word: &str, bits: u32) -> bool {
        self.cue(word) & bits != 0
    }

    /// Entries whose first token is `word`, any case.
    pub fn phrases_starting(&self, word: &str) -> &[Phrase] {
        with_lowercase(word, |w| self.phrases.get(w).map(Vec::as_slice)).unwrap_or(&[])
    }
}

/// "The Guardian" is listed with its article; matching is on the words after it.
fn strip_article(name: &'static str) -> (&'static str, bool) {
    match name.strip_prefix("The ") {
        Some(rest) => (rest, true),
        None => (name, false),
    }
}

fn ends_like_plural(form: &str) -> bool {
    ["s", "sh", "ch", "x", "z", "ese"]
        .iter()
        .any(|end| form.ends_with(end))
}

/// Calls `f` with `word` in lower case, on the stack when it is short ASCII.
fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 48];
    if word.len() <= buf.len() && word.is_ascii() {
        let bytes = &mut buf[..word.len()];
        bytes.copy_from_slice(word.as_bytes());
        bytes.make_ascii_lowercase();
        f(std::str::from_utf8(bytes).unwrap_or(""))
    } else {
        f(&word.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_have_aliases_and_plural_demonyms() {
        let lex = &*LEXICON;
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
                .iter()
                .find(|p| p.tokens.len() == 1 && p.tokens[0] == form)
                .unwrap_or_else(|| panic!("{form} missing"));
            let PhraseKind::Country { country: id, .. } = phrase.kind else {
                panic!("{form} is not a country");
            };
            assert_eq!(lex.countries[id as usize].name, country);
        }
    }

    #[test]
    fn common_words_are_case_insensitive() {
        assert!(LEXICON.is_common_word("Stopped"));
        assert!(!LEXICON.is_common_word("Serenko"));
    }
}
