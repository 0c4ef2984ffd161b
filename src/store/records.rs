//! What the store knows about each article: finding its record (by content, else by path),
//! reading state, preferences and entity corrections.

use std::path::Path;
use std::sync::Arc;

use chrono::Utc;

use crate::article::{Article, Paragraph};
use crate::corrections::EntityCorrection;
use crate::store::notes::reanchor;
use crate::store::{
    Anchor, ArticleId, ArticleKey, ArticleState, Preferences, Store, anchor, article_key,
};

impl Store {
    /// The record of the article `key` names: same content first (the file may have moved),
    /// else same path (the file may have been edited).
    pub fn find(&self, key: &ArticleKey) -> Option<&ArticleId> {
        self.find_by(&key.path, &key.content_hash)
    }

    /// [`Store::find`] from the key's two parts, for looking up a long list without making
    /// a key for each.
    pub fn find_by(&self, path: &str, content_hash: &str) -> Option<&ArticleId> {
        if let Some(ids) = self.by_hash.get(content_hash) {
            return ids
                .iter()
                .find(|id| self.state.articles.get(*id).is_some_and(|a| a.path == path))
                .or_else(|| ids.first());
        }
        self.by_path.get(path)
    }

    pub fn article(&self, id: &ArticleId) -> Option<&ArticleState> {
        self.state.articles.get(id).map(AsRef::as_ref)
    }

    /// The state of the article `key` names, if it has one.
    pub fn article_for(&self, key: &ArticleKey) -> Option<&ArticleState> {
        self.find(key).and_then(|id| self.article(id))
    }

    /// The state of the article last seen at `path`, without reading the file (for marking a
    /// long list quickly).
    pub fn article_by_path(&self, path: &Path) -> Option<&ArticleState> {
        let path = article_key::absolute(path);
        self.by_path
            .get(path.to_string_lossy().as_ref())
            .and_then(|id| self.article(id))
    }

    /// The article open when dossier last quit.
    pub fn last_article(&self) -> Option<(&ArticleId, &ArticleState)> {
        let id = self.state.last_article.as_ref()?;
        Some((id, self.article(id)?))
    }

    /// Finds or makes the record of `article` and brings it up to date: its path when the file
    /// moved, its content hash when it was edited (moving notes to where their paragraphs are
    /// now), its title.
    pub fn record(&mut self, key: &ArticleKey, article: &Article) -> ArticleId {
        let id = match self.find(key).cloned() {
            Some(id) => id,
            None => self.new_record(key),
        };
        let Some(record) = self.state.article_mut(&id) else {
            return id;
        };
        let before = record.clone();
        if record.content_hash != key.content_hash {
            reanchor(&mut record.notes, &article.paragraphs);
            if let Some(at) = record
                .position_anchor
                .as_ref()
                .and_then(|a| anchor::place(a, &article.paragraphs).index())
            {
                record.position = at;
                record.position_anchor = Anchor::new(&article.paragraphs, at);
            }
            record.content_hash.clone_from(&key.content_hash);
        }
        record.path.clone_from(&key.path);
        record.title.clone_from(&article.title);
        record.source.clone_from(&article.source);
        record.paragraph_count = article.paragraphs.len();
        let identity_changed =
            before.path != record.path || before.content_hash != record.content_hash;
        if *record != before {
            self.dirty = true;
        }
        if identity_changed {
            self.reindex();
        }
        id
    }

    /// [`Store::record`], and notes that the article was opened now and is the last one open.
    pub fn open_article(&mut self, key: &ArticleKey, article: &Article) -> ArticleId {
        let id = self.record(key, article);
        if let Some(record) = self.state.article_mut(&id) {
            record.last_opened = Some(Utc::now());
        }
        self.state.last_article = Some(id.clone());
        self.dirty = true;
        id
    }

    fn new_record(&mut self, key: &ArticleKey) -> ArticleId {
        let digits = key
            .content_hash
            .rsplit(':')
            .next()
            .unwrap_or_default()
            .chars()
            .take(16)
            .collect::<String>();
        let mut id = ArticleId(format!("a{digits}"));
        while self.state.articles.contains_key(&id) {
            id = ArticleId(format!("a{digits}-{:04x}", fastrand::u16(..)));
        }
        self.state.articles.insert(
            id.clone(),
            Arc::new(ArticleState {
                path: key.path.clone(),
                content_hash: key.content_hash.clone(),
                title: String::new(),
                source: None,
                read: false,
                position: 0,
                position_anchor: None,
                paragraph_count: 0,
                last_opened: None,
                notes: Vec::new(),
                extra: serde_json::Map::new(),
            }),
        );
        self.dirty = true;
        self.reindex();
        id
    }

    pub fn set_read(&mut self, id: &ArticleId, read: bool) {
        if let Some(record) = self.state.article_mut(id)
            && record.read != read
        {
            record.read = read;
            self.dirty = true;
        }
    }

    /// Flips read/unread; returns the new value.
    pub fn toggle_read(&mut self, id: &ArticleId) -> Option<bool> {
        let read = !self.article(id)?.read;
        self.set_read(id, read);
        Some(read)
    }

    /// Remembers the paragraph (from 0) the reader is at.
    pub fn set_position(&mut self, id: &ArticleId, paragraph: usize) {
        if let Some(record) = self.state.article_mut(id)
            && record.position != paragraph
        {
            record.position = paragraph;
            self.dirty = true;
        }
    }

    /// [`Store::set_position`], remembering the paragraph's text too, so the position follows
    /// it when the file is edited (`paragraphs` is the article as shown now).
    pub fn set_position_in(&mut self, id: &ArticleId, paragraphs: &[Paragraph], paragraph: usize) {
        let Some(record) = self.state.article_mut(id) else {
            return;
        };
        if record.position == paragraph && record.position_anchor.is_some() {
            return;
        }
        record.position = paragraph;
        record.position_anchor = Anchor::new(paragraphs, paragraph);
        self.dirty = true;
    }

    pub fn preferences(&self) -> &Preferences {
        &self.state.preferences
    }

    /// Changes preferences (marks the state changed).
    pub fn preferences_mut(&mut self) -> &mut Preferences {
        self.dirty = true;
        &mut self.state.preferences
    }

    pub fn corrections(&self) -> &[EntityCorrection] {
        &self.state.corrections
    }

    pub fn add_correction(&mut self, correction: EntityCorrection) {
        self.state.corrections.push(correction);
        self.dirty = true;
    }

    /// Removes correction `index`, handing it back for undo.
    pub fn remove_correction(&mut self, index: usize) -> Option<EntityCorrection> {
        if index >= self.state.corrections.len() {
            return None;
        }
        self.dirty = true;
        Some(self.state.corrections.remove(index))
    }

    pub(super) fn reindex(&mut self) {
        self.by_hash.clear();
        self.by_path.clear();
        for (id, record) in &self.state.articles {
            self.by_hash
                .entry(record.content_hash.clone())
                .or_default()
                .push(id.clone());
            self.by_path.insert(record.path.clone(), id.clone());
        }
    }
}
