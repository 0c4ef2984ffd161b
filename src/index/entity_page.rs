//! One entity across the library: which names in which articles are it (after the user's
//! corrections, and with lone surnames joined to the one full name they can stand for), the
//! articles that mention it and the notes on paragraphs that do.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::corrections::{Change, EntityCorrection, EntityRef};
use crate::entities::EntityKind;
use crate::index::query::{ArticleSummary, SUMMARY_COLUMNS, StateLookup, summary_from_row};
use crate::index::schema::PARAGRAPH_BITS;
use crate::index::sync::surname;
use crate::index::{Index, IndexError};
use crate::store::{State, place_notes};

/// Everything the library says about one entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityPage {
    pub entity: EntityRef,
    /// The names the extractor gave it in some article (the canonical one included), when
    /// more than one joined.
    pub names: Vec<String>,
    /// Every article that mentions it, newest first.
    pub articles: Vec<EntityArticle>,
    /// Every note on a paragraph that mentions it, in the order of `articles`.
    pub notes: Vec<EntityNote>,
}

/// An article on an entity page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityArticle {
    pub article: ArticleSummary,
    pub mentions: usize,
    /// The paragraph of the first mention, from 0.
    pub first_paragraph: usize,
    /// The sentence of the first mention.
    pub sentence: String,
}

/// A note on a paragraph that mentions the entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityNote {
    /// The index id of the article.
    pub article: i64,
    pub title: String,
    /// The paragraph the note is on, from 0.
    pub paragraph: usize,
    pub text: String,
}

impl Index {
    /// The entity the user means by `name` (any case; a corrected name, a lone surname): the
    /// most mentioned of those it can be. `None` if the library names nothing so.
    pub fn find_entity(
        &self,
        name: &str,
        corrections: &[EntityCorrection],
    ) -> Result<Option<EntityRef>, IndexError> {
        let name = name.trim();
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, name, sum(mentions) FROM entity WHERE name = ?1 COLLATE NOCASE \
             GROUP BY kind, name",
        )?;
        let mut candidates: Vec<(EntityRef, i64)> = stmt
            .query_map([name], |r| {
                Ok((
                    EntityRef::new(
                        kind_from_str(&r.get::<_, String>(0)?),
                        r.get::<_, String>(1)?,
                    ),
                    r.get(2)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        // A name the user gave by correction is found by that name.
        for correction in corrections {
            let target = match &correction.change {
                Change::Rename { to } => EntityRef::new(correction.entity.kind, to.clone()),
                Change::Retype { to } => EntityRef::new(*to, correction.entity.name.clone()),
                Change::MergeInto { target } => target.clone(),
                Change::Hide => continue,
            };
            if target.name.eq_ignore_ascii_case(name)
                || target.name.to_lowercase() == name.to_lowercase()
            {
                candidates.push((correction.entity.clone(), 0));
            }
        }
        // A surname the library only ever writes after a given name.
        if candidates.is_empty() && !name.contains(' ') {
            let mut stmt = self.conn.prepare_cached(
                "SELECT DISTINCT name FROM entity WHERE surname = ?1 COLLATE NOCASE AND kind = 'person'",
            )?;
            let full: Vec<String> = stmt
                .query_map([name], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            if let [only] = full.as_slice() {
                candidates.push((EntityRef::new(EntityKind::Person, only.clone()), 0));
            }
        }
        let mut best: Option<(EntityRef, usize)> = None;
        for (raw, _) in candidates {
            let Some(entity) = self.canonical(&raw, corrections)? else {
                continue;
            };
            let mentions: usize = self.mention_counts(&entity, corrections)?.values().sum();
            if best.as_ref().is_none_or(|(_, n)| mentions > *n) {
                best = Some((entity, mentions));
            }
        }
        Ok(best.map(|(entity, _)| entity))
    }

    /// What the raw entity `raw` is across the library: the user's corrections applied, and a
    /// lone surname joined to the library's only full name ending in it. `None` if hidden.
    pub fn canonical(
        &self,
        raw: &EntityRef,
        corrections: &[EntityCorrection],
    ) -> Result<Option<EntityRef>, IndexError> {
        let Some(corrected) = correct(raw, corrections) else {
            return Ok(None);
        };
        if corrected.kind == EntityKind::Person && !corrected.name.contains(' ') {
            let full = self.full_names(&corrected.name, corrections)?;
            if full.len() == 1
                && let Some(only) = full.into_iter().next()
            {
                return Ok(Some(only));
            }
        }
        Ok(Some(corrected))
    }

    /// The distinct full names (after corrections) of people whose name ends in `surname`.
    fn full_names(
        &self,
        surname_: &str,
        corrections: &[EntityCorrection],
    ) -> Result<std::collections::HashSet<EntityRef>, IndexError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT name FROM entity WHERE surname = ?1 AND kind = 'person'",
        )?;
        let names: Vec<String> = stmt
            .query_map([surname_], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(names
            .into_iter()
            .filter_map(|n| correct(&EntityRef::new(EntityKind::Person, n), corrections))
            .filter(|e| e.kind == EntityKind::Person && surname(e.kind, &e.name).is_some())
            .collect())
    }

    /// The raw entities that are `entity` across the library.
    fn raw_names(
        &self,
        entity: &EntityRef,
        corrections: &[EntityCorrection],
    ) -> Result<Vec<EntityRef>, IndexError> {
        let mut candidates: Vec<EntityRef> = vec![entity.clone()];
        candidates.extend(corrections.iter().map(|c| c.entity.clone()));
        if let Some(last) = surname(entity.kind, &entity.name) {
            candidates.push(EntityRef::new(EntityKind::Person, last));
        }
        let mut out = Vec::new();
        for raw in candidates {
            if !out.contains(&raw) && self.canonical(&raw, corrections)?.as_ref() == Some(entity) {
                out.push(raw);
            }
        }
        Ok(out)
    }

    /// `(article, mentions)` of each entity row that is `raw` (its name in the same case).
    fn rows(&self, raw: &EntityRef) -> Result<Vec<(i64, usize)>, IndexError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT article, mentions FROM entity \
             WHERE name = ?1 COLLATE NOCASE AND kind = ?2 AND name = ?1",
        )?;
        let rows = stmt.query_map(rusqlite::params![raw.name, raw.kind.as_str()], |r| {
            Ok((r.get(0)?, usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How often each article (by index id) names `entity`.
    pub fn mention_counts(
        &self,
        entity: &EntityRef,
        corrections: &[EntityCorrection],
    ) -> Result<HashMap<i64, usize>, IndexError> {
        let mut counts = HashMap::new();
        for raw in self.raw_names(entity, corrections)? {
            for (article, mentions) in self.rows(&raw)? {
                *counts.entry(article).or_insert(0) += mentions;
            }
        }
        Ok(counts)
    }

    /// The page of `entity`: its articles newest first with counts and the first mention's
    /// sentence, and the notes (from `state`) on paragraphs that mention it.
    pub fn entity_page(
        &self,
        entity: &EntityRef,
        state: Option<&State>,
        corrections: &[EntityCorrection],
    ) -> Result<EntityPage, IndexError> {
        struct Gathered {
            summary: ArticleSummary,
            mentions: usize,
            first: (usize, usize),
            /// The text of the paragraph `first` is in.
            first_text: String,
            /// The paragraphs that mention it, as the entity rows list them (read only when
            /// there are notes to place).
            paragraphs: String,
        }
        let raw_names = self.raw_names(entity, corrections)?;
        // One statement reads each article's summary and its first mention's paragraph beside
        // the entity row: a page of thousands of articles is not thousands of lookups.
        // The paragraphs column is outside the entity index, so it is read only for notes.
        let paragraphs = if state.is_some() {
            "e.paragraphs"
        } else {
            "''"
        };
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, e.mentions, e.first_paragraph, e.first_start, p.text, \
             {paragraphs} FROM entity e JOIN article a ON a.id = e.article \
             LEFT JOIN paragraph p ON p.id = ((e.article << {PARAGRAPH_BITS}) | e.first_paragraph) \
             WHERE e.name = ?1 COLLATE NOCASE AND e.kind = ?2 AND e.name = ?1"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut by_article: HashMap<i64, Gathered> = HashMap::new();
        for raw in &raw_names {
            let mut rows = stmt.query(rusqlite::params![raw.name, raw.kind.as_str()])?;
            while let Some(r) = rows.next()? {
                let first = (
                    usize::try_from(r.get::<_, i64>(14)?).unwrap_or(0),
                    usize::try_from(r.get::<_, i64>(15)?).unwrap_or(0),
                );
                let g = match by_article.entry(r.get(0)?) {
                    Entry::Occupied(g) => g.into_mut(),
                    Entry::Vacant(slot) => slot.insert(Gathered {
                        summary: summary_from_row(r)?,
                        mentions: 0,
                        first: (usize::MAX, usize::MAX),
                        first_text: String::new(),
                        paragraphs: String::new(),
                    }),
                };
                g.mentions += usize::try_from(r.get::<_, i64>(13)?).unwrap_or(0);
                if first < g.first {
                    g.first = first;
                    g.first_text = r.get::<_, Option<String>>(16)?.unwrap_or_default();
                }
                if state.is_some() {
                    g.paragraphs.push(',');
                    g.paragraphs.push_str(&r.get::<_, String>(17)?);
                }
            }
        }
        let mut articles = Vec::with_capacity(by_article.len());
        let mut paragraphs_of = HashMap::new();
        for (id, g) in by_article {
            let mut summary = g.summary;
            summary.mentions = Some(g.mentions);
            articles.push(EntityArticle {
                article: summary,
                mentions: g.mentions,
                first_paragraph: g.first.0,
                sentence: sentence_at(&g.first_text, g.first.1).to_string(),
            });
            if state.is_some() {
                paragraphs_of.insert(id, g.paragraphs);
            }
        }
        // Newest first (undated last), then by title and path; a key per article, not per
        // comparison.
        articles.sort_by_cached_key(|x| {
            let day = match &x.article.date {
                Some(crate::article::ArticleDate::Day(d)) => Some(*d),
                _ => None,
            };
            (
                std::cmp::Reverse(day),
                x.article.title.to_lowercase(),
                x.article.path.clone(),
            )
        });
        let mut notes = Vec::new();
        if let Some(state) = state {
            let lookup = StateLookup::new(state);
            for entry in &articles {
                let Some(record) = lookup.find(&entry.article) else {
                    continue;
                };
                if record.notes.is_empty() {
                    continue;
                }
                let paragraphs = self.paragraphs(entry.article.id)?;
                let wanted: BTreeSet<usize> = paragraphs_of
                    .get(&entry.article.id)
                    .map(|list| {
                        list.split(',')
                            .filter_map(|p| p.parse::<usize>().ok())
                            .collect()
                    })
                    .unwrap_or_default();
                for placed in place_notes(&record.notes, &paragraphs) {
                    if let Some(p) = placed.placement.index()
                        && wanted.contains(&p)
                    {
                        notes.push(EntityNote {
                            article: entry.article.id,
                            title: entry.article.title.clone(),
                            paragraph: p,
                            text: placed.note.text.clone(),
                        });
                    }
                }
            }
        }
        let mut names: Vec<String> = raw_names.into_iter().map(|r| r.name).collect();
        names.dedup();
        if names.len() == 1 {
            names.clear();
        }
        Ok(EntityPage {
            entity: entity.clone(),
            names,
            articles,
            notes,
        })
    }
}

/// `raw` with the user's corrections applied in order (each may name what an earlier one
/// made); `None` if one hides it.
pub fn correct(raw: &EntityRef, corrections: &[EntityCorrection]) -> Option<EntityRef> {
    let mut current = raw.clone();
    for correction in corrections {
        if correction.entity != current {
            continue;
        }
        current = match &correction.change {
            Change::Hide => return None,
            Change::Rename { to } => EntityRef::new(current.kind, to.clone()),
            Change::Retype { to } => EntityRef::new(*to, current.name.clone()),
            Change::MergeInto { target } => target.clone(),
        };
    }
    Some(current)
}

fn kind_from_str(kind: &str) -> EntityKind {
    match kind {
        "group" => EntityKind::Group,
        "country" => EntityKind::Country,
        _ => EntityKind::Person,
    }
}

/// The sentence of `text` around byte `at`: from after the previous sentence end to the next.
pub fn sentence_at(text: &str, at: usize) -> &str {
    let at = (0..=at.min(text.len()))
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    let ends = |(i, c): &(usize, char)| {
        matches!(c, '.' | '?' | '!')
            && text[i + c.len_utf8()..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
    };
    let start = text[..at]
        .char_indices()
        .rev()
        .find(ends)
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .map(|(i, c)| (at + i, c))
        .find(ends)
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    text[start..end].trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_around_a_mention_is_cut_at_sentence_ends() {
        let text = "First one. Then Serenko spoke at 3.5 per cent. Last!";
        assert_eq!(sentence_at(text, 16), "Then Serenko spoke at 3.5 per cent.");
        assert_eq!(sentence_at(text, 0), "First one.");
    }

    #[test]
    fn corrections_apply_in_order_and_hide_wins() {
        let raw = EntityRef::new(EntityKind::Person, "Putin");
        let renamed = EntityRef::new(EntityKind::Person, "Vladimir Putin");
        let corrections = vec![EntityCorrection::new(
            raw.clone(),
            Change::Rename {
                to: "Vladimir Putin".into(),
            },
        )];
        assert_eq!(correct(&raw, &corrections), Some(renamed.clone()));
        let hidden = [
            corrections[0].clone(),
            EntityCorrection::new(renamed, Change::Hide),
        ];
        assert_eq!(correct(&raw, &hidden), None);
    }
}
