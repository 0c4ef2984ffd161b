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

mod lexicon;
mod resolve;
mod scan;
mod shape;
mod token;

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
