//! One entity across the library: which names in which articles are it (after the user's
//! corrections, and with lone surnames joined to the one full name they can stand for), the
//! articles that mention it and the notes on paragraphs that do.

use std::collections::BTreeSet;
use std::path::PathBuf;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::corrections::{Change, EntityCorrection, EntityRef};
use crate::entities::EntityKind;
use crate::index::query::{ArticleSummary, SUMMARY_COLUMNS, Sort, StateLookup, summary_from_row};
use crate::index::schema::PARAGRAPH_BITS;
use crate::index::sync::surname;
use crate::index::{Index, IndexError};
use crate::store::{State, place_notes};

/// How many of a page's articles a reader reads at a time: a screenful or two, so a page
/// opens in the same time for a name in one article and for one in every article.
pub const PAGE_ROWS: usize = 100;

/// Above this many articles a page's rows are read in one joined statement, not by id.
const JOINED_FROM: usize = 2 * PAGE_ROWS;

/// Everything the library says about one entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityPage {
    pub entity: EntityRef,
    /// The names the extractor gave it in some article (the canonical one included), when
    /// more than one joined.
    pub names: Vec<String>,
    /// The articles that mention it, newest first: all of them, or the first ones when the
    /// page was read in part (see `total`).
    pub articles: Vec<EntityArticle>,
    /// How many articles mention it.
    pub total: usize,
    /// How often they mention it, all told.
    pub mentions: usize,
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
    pub path: PathBuf,
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
            "SELECT kind, name, sum(mentions) FROM entity WHERE name_key = lower(?1) \
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
             WHERE name_key = lower(?1) AND kind = ?2 AND name = ?1",
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
    ) -> Result<FxHashMap<i64, usize>, IndexError> {
        let mut counts = FxHashMap::default();
        for raw in self.raw_names(entity, corrections)? {
            for (article, mentions) in self.rows(&raw)? {
                *counts.entry(article).or_insert(0) += mentions;
            }
        }
        Ok(counts)
    }

    /// The page of `entity` whole: every article newest first with counts and the first
    /// mention's sentence, and the notes (from `state`) on paragraphs that mention it.
    pub fn entity_page(
        &self,
        entity: &EntityRef,
        state: Option<&State>,
        corrections: &[EntityCorrection],
    ) -> Result<EntityPage, IndexError> {
        self.entity_page_start(entity, state, corrections, usize::MAX)
    }

    /// The page of `entity` with only its `rows` newest articles read (`total` counts them
    /// all; [`Index::entity_articles`] reads the rest), and every note: what a reader shows
    /// first. The cost of the articles read grows with `rows`, not with the entity's fame.
    pub fn entity_page_start(
        &self,
        entity: &EntityRef,
        state: Option<&State>,
        corrections: &[EntityCorrection],
        rows: usize,
    ) -> Result<EntityPage, IndexError> {
        let raw_names = self.raw_names(entity, corrections)?;
        let mentioning = self.mentioning(&raw_names)?;
        let order = self.newest_first(&mentioning, rows)?;
        let articles = self.entity_rows(&raw_names, &mentioning, &order, 0, rows)?;
        let notes = match state {
            Some(state) => self.entity_notes(&raw_names, &mentioning, state)?,
            None => Vec::new(),
        };
        let mut names: Vec<String> = raw_names.into_iter().map(|r| r.name).collect();
        names.dedup();
        if names.len() == 1 {
            names.clear();
        }
        Ok(EntityPage {
            entity: entity.clone(),
            names,
            articles,
            total: mentioning.len(),
            mentions: mentioning.values().map(|m| m.mentions).sum(),
            notes,
        })
    }

    /// Up to `rows` articles of `entity`'s page from the `from`th (from 0), in page order.
    pub fn entity_articles(
        &self,
        entity: &EntityRef,
        corrections: &[EntityCorrection],
        from: usize,
        rows: usize,
    ) -> Result<Vec<EntityArticle>, IndexError> {
        let raw_names = self.raw_names(entity, corrections)?;
        let mentioning = self.mentioning(&raw_names)?;
        let order = self.newest_first(&mentioning, from.saturating_add(rows))?;
        self.entity_rows(&raw_names, &mentioning, &order, from, rows)
    }

    /// Each article that names one of `raw_names`, with its mentions summed and its first
    /// mention: read from the entity index alone, never from the article rows.
    fn mentioning(
        &self,
        raw_names: &[EntityRef],
    ) -> Result<FxHashMap<i64, Mentioning>, IndexError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT article, mentions, first_paragraph, first_start FROM entity \
             WHERE name_key = lower(?1) AND kind = ?2 AND name = ?1",
        )?;
        let mut by_article: FxHashMap<i64, Mentioning> = FxHashMap::default();
        for raw in raw_names {
            let mut rows = stmt.query(rusqlite::params![raw.name, raw.kind.as_str()])?;
            while let Some(r) = rows.next()? {
                let count = |i| -> rusqlite::Result<usize> {
                    Ok(usize::try_from(r.get::<_, i64>(i)?).unwrap_or(0))
                };
                let first = (count(2)?, count(3)?);
                let m = by_article.entry(r.get(0)?).or_insert(Mentioning {
                    mentions: 0,
                    first: (usize::MAX, usize::MAX),
                });
                m.mentions += count(1)?;
                m.first = m.first.min(first);
            }
        }
        Ok(by_article)
    }

    /// The ids of `mentioning` newest first (undated last), then by title and path: the
    /// list's date order, read from its index: the first `first` of them.
    fn newest_first<V>(
        &self,
        mentioning: &FxHashMap<i64, V>,
        first: usize,
    ) -> Result<Vec<i64>, IndexError> {
        self.in_list_order(Sort::Date, mentioning, first)
    }

    /// The page's articles `from..from + rows` of `order`: each one's summary and the
    /// sentence of its first mention.
    fn entity_rows(
        &self,
        raw_names: &[EntityRef],
        mentioning: &FxHashMap<i64, Mentioning>,
        order: &[i64],
        from: usize,
        rows: usize,
    ) -> Result<Vec<EntityArticle>, IndexError> {
        let wanted = order.iter().skip(from).take(rows);
        // Many rows (the whole page, for the CLI) are read in one joined statement per name,
        // far cheaper than two lookups each; a reader's screenful by id.
        let mut joined = if wanted.len() > JOINED_FROM {
            self.joined_rows(raw_names, mentioning)?
        } else {
            FxHashMap::default()
        };
        let mut out = Vec::new();
        for id in wanted {
            let Some(m) = mentioning.get(id) else {
                continue;
            };
            let (mut summary, text) = match joined.remove(id) {
                Some(row) => row,
                None => {
                    let Some(summary) = self.summary(*id)? else {
                        continue;
                    };
                    let text = self.paragraph_text(*id, m.first.0)?.unwrap_or_default();
                    (summary, text)
                }
            };
            summary.mentions = Some(m.mentions);
            out.push(EntityArticle {
                article: summary,
                mentions: m.mentions,
                first_paragraph: m.first.0,
                sentence: sentence_at(&text, m.first.1).to_string(),
            });
        }
        Ok(out)
    }

    /// Every article of `mentioning` with its summary and the text of its first mention's
    /// paragraph, read beside the entity rows of `raw_names`.
    fn joined_rows(
        &self,
        raw_names: &[EntityRef],
        mentioning: &FxHashMap<i64, Mentioning>,
    ) -> Result<FxHashMap<i64, (ArticleSummary, String)>, IndexError> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, e.first_paragraph, e.first_start, p.text \
             FROM entity e JOIN article a ON a.id = e.article \
             LEFT JOIN paragraph p ON p.id = ((e.article << {PARAGRAPH_BITS}) | e.first_paragraph) \
             WHERE e.name_key = lower(?1) AND e.kind = ?2 AND e.name = ?1"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut out = FxHashMap::with_capacity_and_hasher(mentioning.len(), Default::default());
        for raw in raw_names {
            let mut rows = stmt.query(rusqlite::params![raw.name, raw.kind.as_str()])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                let first = (
                    usize::try_from(r.get::<_, i64>(13)?).unwrap_or(0),
                    usize::try_from(r.get::<_, i64>(14)?).unwrap_or(0),
                );
                // The row of the name mentioned first holds the paragraph the page quotes.
                if mentioning.get(&id).is_some_and(|m| m.first == first) {
                    let text = r.get::<_, Option<String>>(15)?.unwrap_or_default();
                    out.insert(id, (summary_from_row(r)?, text));
                }
            }
        }
        Ok(out)
    }

    /// The notes in `state` on paragraphs that name one of `raw_names`, in page order. Only
    /// the articles that have notes are read: found from the notes' side, by content hash
    /// and by path, and matched as the list matches them.
    fn entity_notes(
        &self,
        raw_names: &[EntityRef],
        mentioning: &FxHashMap<i64, Mentioning>,
        state: &State,
    ) -> Result<Vec<EntityNote>, IndexError> {
        let mut by_hash = self
            .conn
            .prepare_cached("SELECT id FROM article WHERE hash = ?1")?;
        let mut by_path = self
            .conn
            .prepare_cached("SELECT id FROM article WHERE path = ?1")?;
        let mut candidates = BTreeSet::new();
        for record in state.articles.values().filter(|r| !r.notes.is_empty()) {
            for id in by_hash.query_map([&record.content_hash], |r| r.get::<_, i64>(0))? {
                candidates.insert(id?);
            }
            for id in by_path.query_map([&record.path], |r| r.get::<_, i64>(0))? {
                candidates.insert(id?);
            }
        }
        let candidates: FxHashMap<i64, ()> = candidates
            .into_iter()
            .filter(|id| mentioning.contains_key(id))
            .map(|id| (id, ()))
            .collect();
        if candidates.is_empty() {
            return Ok(Vec::new());
        }
        let lookup = StateLookup::new(state);
        let mut paragraphs_of = self.conn.prepare_cached(
            "SELECT paragraphs FROM entity \
             WHERE name_key = lower(?3) AND kind = ?2 AND name = ?3 AND article = ?1",
        )?;
        let mut notes = Vec::new();
        for id in &self.newest_first(&candidates, usize::MAX)? {
            let Some(summary) = self.summary(*id)? else {
                continue;
            };
            let Some(record) = lookup.find(&summary) else {
                continue;
            };
            if record.notes.is_empty() {
                continue;
            }
            let mut wanted = BTreeSet::new();
            for raw in raw_names {
                let lists = paragraphs_of
                    .query_map(rusqlite::params![id, raw.kind.as_str(), raw.name], |r| {
                        r.get::<_, String>(0)
                    })?;
                for list in lists {
                    wanted.extend(list?.split(',').filter_map(|p| p.parse::<usize>().ok()));
                }
            }
            let paragraphs = self.paragraphs(*id)?;
            for placed in place_notes(&record.notes, &paragraphs) {
                if let Some(p) = placed.placement.index()
                    && wanted.contains(&p)
                {
                    notes.push(EntityNote {
                        article: *id,
                        path: summary.path.clone(),
                        title: summary.title.clone(),
                        paragraph: p,
                        text: placed.note.text.clone(),
                    });
                }
            }
        }
        Ok(notes)
    }
}

/// What the entity rows of one article say about the entity.
struct Mentioning {
    mentions: usize,
    /// The first mention: paragraph, and byte in it.
    first: (usize, usize),
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

/// Whether the word that `before` ends with is one whose full stop does not end a sentence:
/// a title or other abbreviation the extractor knows ("Mr", "Gen"), an initial ("J"), or a
/// dotted short form ("U.S").
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“'))
        .next()
        .unwrap_or("");
    crate::entities::token::ABBREVIATIONS.contains(&word)
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || (word.contains('.') && word.chars().all(|c| c == '.' || c.is_uppercase()))
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
            && !(*c == '.' && is_abbreviation(&text[..*i]))
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
    fn a_mention_mid_paragraph_gets_its_own_sentence_past_an_abbreviation() {
        let text = "Talks stalled. Then Mr. Serenko said prices rise. Nobody agreed.";
        let at = text.find("Serenko").unwrap_or(0);
        assert_eq!(sentence_at(text, at), "Then Mr. Serenko said prices rise.");
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
