//! The extractor's lexicon computed from `data/` at compile time: every word's cue bits, the
//! multi-word entries by their first word, the country and organisation tables. `build.rs`
//! writes the result as perfect-hash maps, so no process pays for building it.

use std::collections::HashMap;

use crate::cue;
use crate::cues;
use crate::fold::fold_diacritics;
use crate::token::{Token, TokenKind, tokenize};

/// What a multi-word entry names (mirrors `PhraseKind` in `src/entities/lexicon.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Country { country: u16, demonym: bool },
    Organisation { organisation: u16, after_the: bool },
    Place,
}

pub struct Phrase {
    pub tokens: Vec<String>,
    pub kind: Kind,
}

pub struct Data {
    pub given_names: String,
    pub given_names_world: String,
    pub surnames: String,
    pub words: String,
    pub places: String,
    pub regions: String,
    pub countries: String,
    pub country_forms: String,
    pub organisations: String,
    pub people: String,
}

#[derive(Default)]
pub struct Tables {
    pub words: Vec<String>,
    pub cues: HashMap<String, u32>,
    /// Entries by their first token in lower case, in the order they were added.
    pub phrases: HashMap<String, Vec<Phrase>>,
    pub countries: Vec<String>,
    /// (canonical name, category)
    pub organisations: Vec<(String, String)>,
    /// Well-known people's full names.
    pub people: Vec<String>,
    /// A one-word form -> the person it names, or `None` when two people share it.
    pub person_forms: HashMap<String, Option<u32>>,
}

/// How many of the surnames, most frequent first, count as frequent.
const FREQUENT_SURNAMES: usize = 1500;

fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

pub fn build(data: &Data) -> Tables {
    let mut t = Tables {
        words: lines(&data.words).map(str::to_string).collect(),
        ..Tables::default()
    };
    let closed: [(&[&str], u32); 22] = [
        (cues::PERSON_VERBS, cue::PERSON_VERB),
        (cues::STATE_BODIES, cue::STATE_BODY),
        (cues::EVENT_TAILS, cue::EVENT_TAIL),
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
        (cues::US_GEORGIA_CUES, cue::US_GEORGIA),
    ];
    for (list, bit) in closed {
        let mut sorted = list.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), list.len(), "a word listed twice in {list:?}");
        for word in list {
            *t.cues.entry((*word).to_string()).or_default() |= bit;
        }
    }
    for name in lines(&data.given_names)
        .chain(lines(&data.given_names_world).flat_map(str::split_whitespace))
    {
        *t.cues.entry(name.to_string()).or_default() |= cue::GIVEN_NAME;
    }
    for (rank, name) in lines(&data.surnames).enumerate() {
        let bits = if rank < FREQUENT_SURNAMES {
            cue::SURNAME | cue::FREQUENT_SURNAME
        } else {
            cue::SURNAME
        };
        *t.cues.entry(name.to_string()).or_default() |= bits;
    }
    for place in lines(&data.places).chain(lines(&data.regions)) {
        t.add_phrase(place, Kind::Place);
    }
    t.load_countries(data);
    t.load_organisations(data);
    t.load_people(data);
    t
}

impl Tables {
    fn load_countries(&mut self, data: &Data) {
        // (name, forms from the data, curated English forms that override any other country's)
        let mut forms: Vec<(String, Vec<(&str, bool)>)> = Vec::new();
        let mut curated: Vec<(String, &str, bool)> = Vec::new();
        for line in lines(&data.countries) {
            let mut fields = line.split('\t');
            let (Some(name), Some(_code), Some(_sovereign), Some(list)) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            forms.push((
                name.to_string(),
                list.split('|').map(demonym_mark).collect(),
            ));
        }
        for line in lines(&data.country_forms) {
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
                let (form, demonym) = demonym_mark(f);
                curated.push((name.to_string(), form, demonym));
            }
        }
        // curated forms are added first, so the data's territories never take "American"
        // from the United States
        for (name, form, demonym) in &curated {
            if let Some(id) = forms.iter().position(|(n, _)| n == name) {
                self.add_country_form(id as u16, form, *demonym);
            }
        }
        for (name, list) in forms {
            let id = self.countries.len() as u16;
            self.countries.push(name);
            for (form, demonym) in list {
                self.add_country_form(id, form, demonym);
            }
        }
    }

    /// Adds a country's form and, for a demonym, its plural ("Kazakh", "Kazakhs").
    fn add_country_form(&mut self, country: u16, form: &str, demonym: bool) {
        let form = form.strip_prefix("the ").unwrap_or(form);
        let kind = Kind::Country { country, demonym };
        self.add_phrase(form, kind);
        if demonym && !ends_like_plural(form) {
            self.add_phrase(&format!("{form}s"), kind);
        }
    }

    fn load_organisations(&mut self, data: &Data) {
        let mut category = "organisation";
        for line in data.organisations.lines().map(str::trim) {
            if line.is_empty() || (line.starts_with('#') && !line.starts_with("## ")) {
                continue;
            }
            if let Some(c) = line.strip_prefix("## ") {
                category = c.trim();
                continue;
            }
            let mut names = line.split('|').map(str::trim).filter(|n| !n.is_empty());
            let Some(name) = names.next() else { continue };
            let organisation = self.organisations.len() as u16;
            let (canonical, _) = strip_article(name);
            self.organisations
                .push((canonical.to_string(), category.to_string()));
            for form in std::iter::once(name).chain(names) {
                let (form, article) = strip_article(form);
                let after_the = article && !form.contains(' ');
                self.add_phrase(
                    form,
                    Kind::Organisation {
                        organisation,
                        after_the,
                    },
                );
            }
        }
    }

    fn load_people(&mut self, data: &Data) {
        for line in lines(&data.people) {
            let mut parts = line.split(" | ").map(str::trim);
            let Some(name) = parts.next() else { continue };
            let mut forms: Vec<&str> = parts.collect();
            if forms.is_empty() {
                forms.extend(name.split_whitespace().last());
            }
            let id = self.people.len() as u32;
            self.people.push(name.to_string());
            for form in forms {
                self.person_forms
                    .entry(form.to_string())
                    .and_modify(|p| *p = None)
                    .or_insert(Some(id));
            }
        }
    }

    fn add_phrase(&mut self, text: &str, kind: Kind) {
        let mut tokens: Vec<Token> = Vec::new();
        tokenize(text, &mut tokens);
        let words: Vec<String> = tokens
            .iter()
            .filter(|t| t.kind != TokenKind::Punct || t.text(text) != ",")
            .map(|t| t.text(text).to_string())
            .collect();
        let Some(first) = words.first() else { return };
        let entries = self
            .phrases
            .entry(fold_diacritics(&first.to_lowercase()).into_owned())
            .or_default();
        // the first country or organisation for a form wins; either replaces a place
        if let Some(existing) = entries.iter_mut().find(|p| p.tokens == words) {
            if existing.kind == Kind::Place {
                existing.kind = kind;
            }
            return;
        }
        entries.push(Phrase {
            tokens: words,
            kind,
        });
    }
}

/// "+Kazakh" in the data marks a demonym.
fn demonym_mark(f: &str) -> (&str, bool) {
    match f.strip_prefix('+') {
        Some(d) => (d, true),
        None => (f, false),
    }
}

/// "The Guardian" is listed with its article; matching is on the words after it.
fn strip_article(name: &str) -> (&str, bool) {
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
