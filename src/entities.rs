//! Who and what an article is about: people, groups and countries.
//!
//! Extraction is rules over general data, in two passes. `scan` reads each paragraph once and
//! labels its capitalised runs from their own words and neighbours (titles, organisation words,
//! the country table, the gazetteer, given names). `resolve` then decides once per name for the
//! whole article: surnames join the full name, acronyms their long form, and ambiguous country
//! names need support elsewhere. Every entity carries the reason it was chosen.
//!
//! The result is plain data: a later pass (the user's corrections) can hide, rename, merge or
//! re-kind entities without knowing how they were found.

use serde::Serialize;

use crate::article::{Article, ParagraphKind};

mod fold;
mod lexicon;
mod resolve;
mod scan;
mod shape;
pub(crate) mod token;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Group,
    Country,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Group => "group",
            Self::Country => "country",
        }
    }
}

/// One place an entity is named: a byte range in one paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Index into `Article::paragraphs`, from 0.
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
}

impl Mention {
    /// The words of the mention, or "" if the article is not the one it came from.
    pub fn text<'a>(&self, article: &'a Article) -> &'a str {
        article
            .paragraphs
            .get(self.paragraph)
            .and_then(|p| p.text.get(self.start..self.end))
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    pub kind: EntityKind,
    /// The canonical name: the fullest form in the article, the country's English short name,
    /// or the gazetteer's name for a known organisation.
    pub name: String,
    /// Why this is an entity of this kind, in words a reader understands.
    pub reason: String,
    /// The article's author, named in the byline (and perhaps nowhere in the body).
    pub byline: bool,
    pub mentions: Vec<Mention>,
}

impl Entity {
    /// The key that names this entity across the library: its kind and canonical name, the
    /// same pair the user's corrections are keyed by.
    pub fn key(&self) -> crate::corrections::EntityRef {
        crate::corrections::EntityRef::new(self.kind, self.name.clone())
    }
}

/// Every entity of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Entities {
    pub entities: Vec<Entity>,
}

impl Entities {
    pub fn of_kind(&self, kind: EntityKind) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.kind == kind)
    }
}

/// The full name a one-word person mention ("Serenko", "Brezhnev") stands for, given the full
/// names of people known from other articles (the library's person keys): the one known name
/// that ends with the word or holds it inside, else a well-known person from the shipped list.
/// `None` when two known names fit or none does, so a surname is never guessed.
pub fn resolve_surname<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    if word.is_empty() || word.contains(char::is_whitespace) {
        return None;
    }
    let mut found: Option<&str> = None;
    for name in known {
        let mut words = name.split_whitespace();
        // the first word is a given name, never the surname looked for
        if words.next().is_none() || !words.any(|w| w == word) {
            continue;
        }
        if found.is_some_and(|f| f != name) {
            return None;
        }
        found = Some(name);
    }
    match found {
        Some(name) => Some(name.to_string()),
        None => lexicon::LEXICON
            .well_known_person(word)
            .flatten()
            .map(str::to_string),
    }
}

pub fn extract_entities(article: &Article) -> Entities {
    let mut scanner = scan::Scanner::default();
    for (i, paragraph) in article.paragraphs.iter().enumerate() {
        let heading = matches!(paragraph.kind, ParagraphKind::Heading(_));
        scanner.scan(i, &paragraph.text, heading);
    }
    let texts: Vec<&str> = article.paragraphs.iter().map(|p| p.text.as_str()).collect();
    resolve::resolve(
        &texts,
        &scanner.candidates,
        &scanner.signals,
        article.author.as_deref(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surname_resolves_against_names_known_elsewhere() {
        let known = ["Andrey Serenko", "Maria Petrova", "Ivan Petrov"];
        assert_eq!(
            resolve_surname("Serenko", known).as_deref(),
            Some("Andrey Serenko")
        );
        // a given name is no surname
        assert_eq!(resolve_surname("Andrey", known), None);
        // two known people of one surname: nobody in particular
        assert_eq!(
            resolve_surname("Petrov", ["Ivan Petrov", "Oleg Petrov"]),
            None
        );
        // nobody known by that name in the library: the shipped list of well-known people
        assert_eq!(
            resolve_surname("Brezhnev", known).as_deref(),
            Some("Leonid Brezhnev")
        );
        assert_eq!(resolve_surname("Zolotukhin", known), None);
    }
}
