//! Notes on paragraphs: adding, editing, deleting (with undo), and placing them on the article
//! as it is now.

use chrono::Utc;

use crate::article::Paragraph;
use crate::store::{Anchor, ArticleId, Note, NoteId, Placement, Store, anchor};

/// Why a note operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    #[error("the article has no state record; open or record it first")]
    UnknownArticle,
    #[error("there is no paragraph {number}: the article has {count} (numbered from 1)")]
    NoSuchParagraph { number: usize, count: usize },
    #[error("there is no note {0} in this article")]
    UnknownNote(NoteId),
    #[error("a note needs some text")]
    Empty,
}

/// A note and where it sits in the article as it is now.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedNote<'a> {
    pub note: &'a Note,
    pub placement: Placement,
}

impl Store {
    /// Pins a note to paragraph `index` (from 0) of `paragraphs`, the article as shown now.
    pub fn add_note(
        &mut self,
        id: &ArticleId,
        paragraphs: &[Paragraph],
        index: usize,
        text: &str,
    ) -> Result<NoteId, NoteError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(NoteError::Empty);
        }
        let anchor = Anchor::new(paragraphs, index).ok_or(NoteError::NoSuchParagraph {
            number: index + 1,
            count: paragraphs.len(),
        })?;
        let record = self
            .state
            .article_mut(id)
            .ok_or(NoteError::UnknownArticle)?;
        let now = Utc::now();
        let note = Note {
            id: NoteId::new_random(),
            text: text.to_string(),
            anchor,
            created: now,
            updated: now,
            extra: serde_json::Map::new(),
        };
        let note_id = note.id.clone();
        record.notes.push(note);
        self.dirty = true;
        Ok(note_id)
    }

    pub fn edit_note(
        &mut self,
        id: &ArticleId,
        note: &NoteId,
        text: &str,
    ) -> Result<(), NoteError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(NoteError::Empty);
        }
        let record = self
            .state
            .article_mut(id)
            .ok_or(NoteError::UnknownArticle)?;
        let found = record
            .notes
            .iter_mut()
            .find(|n| &n.id == note)
            .ok_or_else(|| NoteError::UnknownNote(note.clone()))?;
        if found.text != text {
            found.text = text.to_string();
            found.updated = Utc::now();
            self.dirty = true;
        }
        Ok(())
    }

    /// Removes a note and hands it back, so the reader can offer undo ([`Store::restore_note`]).
    pub fn delete_note(&mut self, id: &ArticleId, note: &NoteId) -> Option<Note> {
        let record = self.state.article_mut(id)?;
        let at = record.notes.iter().position(|n| &n.id == note)?;
        self.dirty = true;
        Some(record.notes.remove(at))
    }

    /// Puts back a deleted note, unchanged.
    pub fn restore_note(&mut self, id: &ArticleId, note: Note) -> Result<(), NoteError> {
        let record = self
            .state
            .article_mut(id)
            .ok_or(NoteError::UnknownArticle)?;
        if !record.notes.iter().any(|n| n.id == note.id) {
            record.notes.push(note);
            self.dirty = true;
        }
        Ok(())
    }

    /// The article's notes placed on `paragraphs` (the article as shown now), in reading order,
    /// orphaned notes last.
    pub fn placed_notes(&self, id: &ArticleId, paragraphs: &[Paragraph]) -> Vec<PlacedNote<'_>> {
        let Some(record) = self.article(id) else {
            return Vec::new();
        };
        place_notes(&record.notes, paragraphs)
    }
}

/// Places `notes` on `paragraphs`, in reading order, orphaned notes last.
pub fn place_notes<'a>(notes: &'a [Note], paragraphs: &[Paragraph]) -> Vec<PlacedNote<'a>> {
    let placements = anchor::place_all(notes.iter().map(|n| &n.anchor), paragraphs);
    let mut placed: Vec<PlacedNote<'a>> = notes
        .iter()
        .zip(placements)
        .map(|(note, placement)| PlacedNote { note, placement })
        .collect();
    placed.sort_by_key(|p| (p.placement.index().unwrap_or(usize::MAX), p.note.created));
    placed
}

/// Moves each note's anchor to where its paragraph is now; a note whose paragraph is gone keeps
/// its anchor, so it finds the paragraph again if the text comes back.
pub(super) fn reanchor(notes: &mut [Note], paragraphs: &[Paragraph]) {
    let placements = anchor::place_all(notes.iter().map(|n| &n.anchor), paragraphs);
    for (note, placement) in notes.iter_mut().zip(placements) {
        match placement {
            Placement::Exact(i) => note.anchor.paragraph = i,
            Placement::Fuzzy(i) => {
                if let Some(mut fresh) = Anchor::new(paragraphs, i) {
                    fresh.extra = std::mem::take(&mut note.anchor.extra);
                    note.anchor = fresh;
                }
            }
            Placement::Orphaned => {}
        }
    }
}
