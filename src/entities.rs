//! Who and what an article is about: people, groups and countries.

use serde::Serialize;

use crate::article::Article;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Group,
    Country,
}

/// One place an entity is named: a byte range in one paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Index into `Article::paragraphs`, from 0.
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    pub kind: EntityKind,
    pub name: String,
    pub mentions: Vec<Mention>,
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

pub fn extract_entities(_article: &Article) -> Entities {
    Entities::default()
}
