//! The state file's document: what dossier remembers between runs.
//!
//! Every struct keeps the fields it does not know in `extra`, so a file written by a newer
//! dossier keeps what that version added when this one saves it.
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "last_article": "a5c5dc3c3f2900f18",
//!   "preferences": { "sidebar_visible": true },
//!   "articles": {
//!     "a5c5dc3c3f2900f18": {
//!       "path": "/home/reader/articles/returnees.txt",
//!       "content_hash": "sha256:5c5dc3c3f2900f18b7d94be3f7e10f69e3e5d8b843f30615d241afa65bf959e8",
//!       "title": "Central Asian jihadists returning home",
//!       "read": true,
//!       "position": 6,
//!       "paragraph_count": 14,
//!       "last_opened": "2026-11-25T20:54:34Z",
//!       "notes": [{
//!         "id": "9af58afcee43a774d70d5c08c9bb2ff6",
//!         "text": "Check the returnee numbers against the UN report",
//!         "anchor": { "paragraph": 2, "hash": "p1:0e08fd4d07bd5618",
//!                     "quote": "Staunton, July 7 – For many Central Asians, “jihad [has been" },
//!         "created": "2026-11-25T20:54:34Z",
//!         "updated": "2026-11-25T20:54:34Z"
//!       }]
//!     }
//!   },
//!   "corrections": [
//!     { "kind": "person", "name": "Rahmon", "change": { "type": "rename", "to": "Emomali Rahmon" } }
//!   ]
//! }
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::corrections::EntityCorrection;
use crate::store::anchor::Anchor;
use crate::store::schema::SCHEMA_VERSION;

/// The whole state file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub schema_version: u32,
    /// The article that was open when dossier last quit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_article: Option<ArticleId>,
    #[serde(default)]
    pub preferences: Preferences,
    /// Shared with snapshots: a snapshot for saving copies pointers, and a change copies only
    /// the article it touches (see [`State::article_mut`]).
    #[serde(default)]
    pub articles: BTreeMap<ArticleId, Arc<ArticleState>>,
    /// The user's fixes to entity extraction, applied to every article in order.
    #[serde(default)]
    pub corrections: Vec<EntityCorrection>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            last_article: None,
            preferences: Preferences::default(),
            articles: BTreeMap::new(),
            corrections: Vec::new(),
            extra: Map::new(),
        }
    }
}

impl State {
    /// The file's bytes: pretty JSON so a person can read and diff it, keys in a stable order
    /// so the same state always gives the same bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>, serde_json::Error> {
        let mut bytes = serde_json::to_vec_pretty(self)?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// The article to change, copied first if a snapshot still shares it.
    pub fn article_mut(&mut self, id: &ArticleId) -> Option<&mut ArticleState> {
        self.articles.get_mut(id).map(Arc::make_mut)
    }

    /// How many notes the state holds over all articles.
    pub fn note_count(&self) -> usize {
        self.articles.values().map(|a| a.notes.len()).sum()
    }
}

/// The name of an article's record: fixed when the record is made, so it survives the file
/// being moved (new path) and edited (new content).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl std::fmt::Display for ArticleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What dossier remembers about one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleState {
    /// Where the file was last seen (absolute). A String rather than a path so that a file name
    /// that is not UTF-8 cannot make the whole state unsavable.
    pub path: String,
    /// The hash of the file's bytes when last seen (see [`crate::store::ArticleKey`]).
    pub content_hash: String,
    /// The title when last seen, for listing notes of files that are gone.
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default)]
    pub read: bool,
    /// The paragraph the reader was at, from 0.
    #[serde(default)]
    pub position: usize,
    /// The paragraph at `position`, so that the position follows its text when the file is
    /// edited, as notes do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position_anchor: Option<Anchor>,
    /// How many paragraphs the article had when last opened; progress is position over this.
    #[serde(default)]
    pub paragraph_count: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_opened: Option<DateTime<Utc>>,
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ArticleState {
    /// How far through the article the reader got, from 0.0 to 1.0; `None` before it was opened.
    pub fn progress(&self) -> Option<f32> {
        if self.paragraph_count == 0 {
            return None;
        }
        let seen = (self.position + 1).min(self.paragraph_count);
        #[expect(
            clippy::cast_precision_loss,
            reason = "paragraph counts are far below f32's exact integer range"
        )]
        Some(seen as f32 / self.paragraph_count as f32)
    }

    pub fn note(&self, id: &NoteId) -> Option<&Note> {
        self.notes.iter().find(|n| &n.id == id)
    }
}

/// A note's name, unique over the state file and never reused.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NoteId(pub String);

impl NoteId {
    /// 128 random bits: ids made by two dossiers at once (the reader and the CLI) never collide.
    pub fn new_random() -> Self {
        Self(format!("{:032x}", fastrand::u128(..)))
    }
}

impl std::fmt::Display for NoteId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A thought pinned to a paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: NoteId,
    pub text: String,
    pub anchor: Anchor,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Reader settings that should outlive a session.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Preferences {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sidebar_visible: Option<bool>,
    /// Column width the reading pane wraps at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_width: Option<u16>,
    /// Whether notes show under their paragraphs in the reading pane.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes_inline: Option<bool>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_survive_a_round_trip_at_every_level() {
        let json = r#"{
            "schema_version": 1,
            "future_top": [1, 2],
            "preferences": {"theme": "sepia"},
            "articles": {"a1": {
                "path": "/x.md", "content_hash": "sha256:00", "future_article": true,
                "notes": [{"id": "n1", "text": "t", "created": "2026-01-01T00:00:00Z",
                    "updated": "2026-01-01T00:00:00Z", "colour": "red",
                    "anchor": {"paragraph": 2, "hash": "p1:00", "quote": "q", "span": [1, 4]}}]
            }},
            "corrections": [{"kind": "person", "name": "A", "change": {"type": "hide"}, "by": "me"}]
        }"#;
        let state: State = serde_json::from_str(json).unwrap();
        let saved: Value = serde_json::from_slice(&state.to_bytes().unwrap()).unwrap();
        assert_eq!(saved["future_top"], serde_json::json!([1, 2]));
        assert_eq!(saved["preferences"]["theme"], "sepia");
        let article = &saved["articles"]["a1"];
        assert_eq!(article["future_article"], true);
        assert_eq!(article["notes"][0]["colour"], "red");
        assert_eq!(
            article["notes"][0]["anchor"]["span"],
            serde_json::json!([1, 4])
        );
        assert_eq!(saved["corrections"][0]["by"], "me");
    }

    #[test]
    fn progress_counts_the_paragraph_being_read() {
        let mut article: ArticleState = serde_json::from_str(
            r#"{"path": "/a", "content_hash": "h", "position": 4, "paragraph_count": 10}"#,
        )
        .unwrap();
        assert_eq!(article.progress(), Some(0.5));
        article.paragraph_count = 0;
        assert_eq!(article.progress(), None);
    }
}
