//! Library search: ranked paragraphs and titles from the full-text index (SQLite FTS5, BM25),
//! and the user's notes from the state file, each hit with the matching words marked.

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;

use crate::index::query::{ArticleSummary, StateLookup};
use crate::index::schema::{PARAGRAPH_BITS, TITLE_ROW};
use crate::index::{Index, IndexError};
use crate::store::{State, place_notes};

/// Marks FTS5 puts around matched words (control characters never in article text, which is
/// sanitized on parsing).
const OPEN: char = '\u{2}';
const CLOSE: char = '\u{3}';

/// One search result: an article and where in it the query matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub article: ArticleSummary,
    pub place: HitPlace,
    pub snippet: Snippet,
}

/// Where in an article a search matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "in", rename_all = "snake_case")]
pub enum HitPlace {
    /// The title or author.
    Title,
    /// Paragraph `paragraph` (from 0).
    Text { paragraph: usize },
    /// One of the user's notes, on paragraph `paragraph` when it is still found.
    Note { paragraph: Option<usize> },
}

impl HitPlace {
    /// The paragraph to open the article at.
    pub fn paragraph(self) -> Option<usize> {
        match self {
            Self::Title => None,
            Self::Text { paragraph } => Some(paragraph),
            Self::Note { paragraph } => paragraph,
        }
    }
}

/// A stretch of text around a match and the byte ranges of the matched words in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub matches: Vec<Range<usize>>,
}

impl Index {
    /// The articles that match `query` (every word, the last also as a prefix, any case and
    /// accent), best first: notes first (the user's own words), then titles and paragraphs by
    /// BM25, at most one hit per article from the text, `limit` hits in all.
    pub fn search(
        &self,
        query: &str,
        limit: usize,
        state: Option<&State>,
    ) -> Result<Vec<Hit>, IndexError> {
        let words = query_words(query);
        if words.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let mut hits = self.search_notes(&words, limit, state)?;
        let expression = fts_expression(&words, !query.ends_with(char::is_whitespace));
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid, snippet(paragraph_text, 0, char(2), char(3), '…', 24) \
             FROM paragraph_text WHERE paragraph_text MATCH ?1 ORDER BY rank LIMIT ?2",
        )?;
        // Several paragraphs of one article may rank high; read enough rows to fill `limit`
        // articles in the usual case.
        let rows = stmt.query_map(
            rusqlite::params![expression, i64::try_from(limit * 8).unwrap_or(i64::MAX)],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        )?;
        let mut seen: HashSet<i64> = HashSet::new();
        for row in rows {
            if hits.len() >= limit {
                break;
            }
            let (rowid, marked) = row?;
            let id = rowid >> PARAGRAPH_BITS;
            if !seen.insert(id) {
                continue;
            }
            let Some(article) = self.summary(id)? else {
                continue;
            };
            let n = rowid & TITLE_ROW;
            let place = if n == TITLE_ROW {
                HitPlace::Title
            } else {
                HitPlace::Text {
                    paragraph: usize::try_from(n).unwrap_or(0),
                }
            };
            hits.push(Hit {
                article,
                place,
                snippet: unmark(&marked),
            });
        }
        Ok(hits)
    }

    fn search_notes(
        &self,
        words: &[String],
        limit: usize,
        state: Option<&State>,
    ) -> Result<Vec<Hit>, IndexError> {
        let Some(state) = state else {
            return Ok(Vec::new());
        };
        let lookup = StateLookup::new(state);
        let mut hits = Vec::new();
        // Only articles the index holds: notes of files outside this library are not hits.
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM article WHERE hash = ?1 OR path = ?2 LIMIT 1")?;
        for record in state.articles.values() {
            let matching: Vec<_> = record
                .notes
                .iter()
                .filter(|note| {
                    let lower = note.text.to_lowercase();
                    words.iter().all(|w| lower.contains(w.as_str()))
                })
                .collect();
            if matching.is_empty() {
                continue;
            }
            let mut ids = stmt.query_map([&record.content_hash, &record.path], |r| r.get(0))?;
            let Some(id) = ids.next().transpose()? else {
                continue;
            };
            let Some(article) = self.summary(id)? else {
                continue;
            };
            if lookup.find(&article).is_none() {
                continue;
            }
            let paragraphs = self.paragraphs(id)?;
            let placed = place_notes(&record.notes, &paragraphs);
            for note in matching {
                if hits.len() >= limit {
                    return Ok(hits);
                }
                let paragraph = placed
                    .iter()
                    .find(|p| p.note.id == note.id)
                    .and_then(|p| p.placement.index());
                hits.push(Hit {
                    article: article.clone(),
                    place: HitPlace::Note { paragraph },
                    snippet: mark_words(&note.text, words),
                });
            }
        }
        Ok(hits)
    }
}

/// The query's words, lower-cased: letters and digits, everything else a separator.
fn query_words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Every word quoted (so no word is read as an FTS5 operator), the last a prefix when the user
/// may still be typing it.
fn fts_expression(words: &[String], last_is_prefix: bool) -> String {
    let mut parts: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    if last_is_prefix && let Some(last) = parts.last_mut() {
        last.push('*');
    }
    parts.join(" ")
}

/// Takes FTS5's marks out of `marked`, keeping where they were.
fn unmark(marked: &str) -> Snippet {
    let mut text = String::with_capacity(marked.len());
    let mut matches = Vec::new();
    let mut start = None;
    for c in marked.chars() {
        match c {
            OPEN => start = Some(text.len()),
            CLOSE => {
                if let Some(s) = start.take() {
                    matches.push(s..text.len());
                }
            }
            _ => text.push(c),
        }
    }
    Snippet { text, matches }
}

/// `text` with every occurrence of any of `words` (any case) marked.
fn mark_words(text: &str, words: &[String]) -> Snippet {
    let lower = text.to_lowercase();
    let mut matches = Vec::new();
    // Lower-casing can change byte lengths outside ASCII; mark only where offsets agree.
    if lower.len() == text.len() {
        for word in words {
            let mut from = 0;
            while let Some(i) = lower[from..].find(word.as_str()) {
                matches.push(from + i..from + i + word.len());
                from += i + word.len();
            }
        }
        matches.sort_by_key(|r| r.start);
    }
    Snippet {
        text: text.to_string(),
        matches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_in_a_query_are_only_words() {
        let words = query_words("NOT Serenko OR \"NEAR\"");
        assert_eq!(
            fts_expression(&words, true),
            "\"not\" \"serenko\" \"or\" \"near\"*"
        );
    }

    #[test]
    fn marks_become_ranges() {
        let snippet = unmark("a \u{2}Serenko\u{3} said");
        assert_eq!(snippet.text, "a Serenko said");
        assert_eq!(snippet.matches, vec![2..9]);
    }
}
