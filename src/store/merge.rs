//! Combining our changes with a state file someone else changed meanwhile.
//!
//! A three-way merge against `base`, the state as last read or written: a side that changed a
//! value wins over a side that did not; a note deleted on one side and untouched on the other is
//! deleted; a note edited on both sides is kept twice rather than lose either text.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::store::state::{ArticleState, Note, NoteId, State};

/// `ours` and `theirs` merged against their common `base`.
pub fn merge(base: &State, ours: &State, theirs: &State) -> State {
    let mut merged = theirs.clone();
    merged.schema_version = ours.schema_version.max(theirs.schema_version);
    merged.last_article = pick(&base.last_article, &ours.last_article, &theirs.last_article);
    merged.preferences = pick(&base.preferences, &ours.preferences, &theirs.preferences);
    merged.corrections = merge_list(&base.corrections, &ours.corrections, &theirs.corrections);
    for (key, value) in &ours.extra {
        if base.extra.get(key) != Some(value) {
            merged.extra.insert(key.clone(), value.clone());
        }
    }
    for (id, our_article) in &ours.articles {
        let article = match (base.articles.get(id), theirs.articles.get(id)) {
            (_, None) => Arc::clone(our_article),
            (base_article, Some(their_article)) => Arc::new(merge_article(
                base_article.map(AsRef::as_ref),
                our_article,
                their_article,
            )),
        };
        merged.articles.insert(id.clone(), article);
    }
    merged
}

/// Ours if we changed it, else theirs.
fn pick<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> T {
    if ours == base {
        theirs.clone()
    } else {
        ours.clone()
    }
}

fn merge_list<T: PartialEq + Clone>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let mut out: Vec<T> = theirs
        .iter()
        .filter(|t| ours.contains(t) || !base.contains(t))
        .cloned()
        .collect();
    out.extend(
        ours.iter()
            .filter(|o| !theirs.contains(o) && !base.contains(o))
            .cloned(),
    );
    out
}

fn merge_article(
    base: Option<&ArticleState>,
    ours: &ArticleState,
    theirs: &ArticleState,
) -> ArticleState {
    let Some(base) = base else {
        // Both sides made a record for the same new article: keep all notes of both.
        let mut merged = theirs.clone();
        merged.read |= ours.read;
        if ours.position > merged.position {
            merged.position = ours.position;
            merged.position_anchor.clone_from(&ours.position_anchor);
        }
        merged.last_opened = merged.last_opened.max(ours.last_opened);
        merged.notes = merge_notes(&[], &ours.notes, &theirs.notes);
        return merged;
    };
    let mut merged = theirs.clone();
    merged.path = pick(&base.path, &ours.path, &theirs.path);
    merged.content_hash = pick(&base.content_hash, &ours.content_hash, &theirs.content_hash);
    merged.title = pick(&base.title, &ours.title, &theirs.title);
    merged.source = pick(&base.source, &ours.source, &theirs.source);
    merged.read = pick(&base.read, &ours.read, &theirs.read);
    // A position and the text it is on go together.
    let position = |a: &ArticleState| (a.position, a.position_anchor.clone());
    (merged.position, merged.position_anchor) =
        pick(&position(base), &position(ours), &position(theirs));
    merged.paragraph_count = pick(
        &base.paragraph_count,
        &ours.paragraph_count,
        &theirs.paragraph_count,
    );
    merged.last_opened = pick(&base.last_opened, &ours.last_opened, &theirs.last_opened);
    for (key, value) in &ours.extra {
        if base.extra.get(key) != Some(value) {
            merged.extra.insert(key.clone(), value.clone());
        }
    }
    merged.notes = merge_notes(&base.notes, &ours.notes, &theirs.notes);
    merged
}

fn merge_notes(base: &[Note], ours: &[Note], theirs: &[Note]) -> Vec<Note> {
    let index = |notes: &[Note]| -> BTreeMap<NoteId, Note> {
        notes.iter().map(|n| (n.id.clone(), n.clone())).collect()
    };
    let (base, ours, theirs) = (index(base), index(ours), index(theirs));
    let mut out = Vec::new();
    let ids: std::collections::BTreeSet<&NoteId> = ours.keys().chain(theirs.keys()).collect();
    for id in ids {
        let b = base.get(id);
        match (ours.get(id), theirs.get(id)) {
            (Some(o), Some(t)) if o == t => out.push(o.clone()),
            (Some(o), Some(t)) if Some(o) == b => out.push(t.clone()),
            (Some(o), Some(t)) if Some(t) == b => out.push(o.clone()),
            (Some(o), Some(t)) => {
                let (newer, older) = if o.updated >= t.updated {
                    (o, t)
                } else {
                    (t, o)
                };
                out.push(newer.clone());
                let mut kept = older.clone();
                kept.id = NoteId(format!("{}-conflict-{:08x}", older.id, fastrand::u32(..)));
                out.push(kept);
            }
            // Deleted on one side: gone only if the other side did not edit it meanwhile.
            (Some(one), None) | (None, Some(one)) => {
                if b != Some(one) {
                    out.push(one.clone());
                }
            }
            (None, None) => {}
        }
    }
    out.sort_by(|a, b| {
        (a.anchor.paragraph, a.created, &a.id).cmp(&(b.anchor.paragraph, b.created, &b.id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::anchor::Anchor;
    use crate::store::state::ArticleId;
    use chrono::{TimeZone, Utc};

    fn note(id: &str, text: &str, minute: u32) -> Note {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, minute, 0).unwrap();
        Note {
            id: NoteId(id.into()),
            text: text.into(),
            anchor: Anchor {
                paragraph: 0,
                hash: "p1:0".into(),
                quote: "q".into(),
                extra: Default::default(),
            },
            created: at,
            updated: at,
            extra: Default::default(),
        }
    }

    fn state(notes: Vec<Note>) -> State {
        let mut state = State::default();
        state.articles.insert(
            ArticleId("a".into()),
            Arc::new(ArticleState {
                path: "/a".into(),
                content_hash: "h".into(),
                title: String::new(),
                source: None,
                read: false,
                position: 0,
                position_anchor: None,
                paragraph_count: 0,
                last_opened: None,
                notes,
                extra: Default::default(),
            }),
        );
        state
    }

    fn texts(state: &State) -> Vec<String> {
        let mut t: Vec<String> = state.articles[&ArticleId("a".into())]
            .notes
            .iter()
            .map(|n| n.text.clone())
            .collect();
        t.sort();
        t
    }

    #[test]
    fn notes_added_on_both_sides_are_all_kept() {
        let base = state(vec![note("1", "old", 0)]);
        let ours = state(vec![note("1", "old", 0), note("2", "mine", 1)]);
        let theirs = state(vec![note("1", "old", 0), note("3", "cli", 2)]);
        assert_eq!(texts(&merge(&base, &ours, &theirs)), ["cli", "mine", "old"]);
    }

    #[test]
    fn a_deletion_wins_over_no_change_but_not_over_an_edit() {
        let base = state(vec![note("1", "a", 0), note("2", "b", 0)]);
        let ours = state(vec![note("2", "b", 0)]);
        let mut edited = note("2", "b edited", 0);
        edited.updated += chrono::Duration::minutes(5);
        let theirs = state(vec![note("1", "a", 0), edited]);
        assert_eq!(texts(&merge(&base, &ours, &theirs)), ["b edited"]);
        let ours = state(vec![note("1", "a", 0)]);
        let theirs = state(vec![note("1", "a", 0), note("2", "b", 0)]);
        let mut edited = note("1", "a edited", 0);
        edited.updated += chrono::Duration::minutes(5);
        let theirs_edit = state(vec![edited, note("2", "b", 0)]);
        assert_eq!(texts(&merge(&base, &ours, &theirs)), ["a"]);
        assert_eq!(texts(&merge(&base, &ours, &theirs_edit)), ["a edited"]);
    }

    #[test]
    fn a_note_edited_on_both_sides_keeps_both_texts() {
        let base = state(vec![note("1", "a", 0)]);
        let mut o = note("1", "ours", 0);
        o.updated += chrono::Duration::minutes(1);
        let mut t = note("1", "theirs", 0);
        t.updated += chrono::Duration::minutes(2);
        let merged = merge(&base, &state(vec![o]), &state(vec![t]));
        assert_eq!(texts(&merged), ["ours", "theirs"]);
    }

    #[test]
    fn scalar_changes_on_either_side_survive() {
        let base = state(vec![]);
        let mut ours = base.clone();
        ours.article_mut(&ArticleId("a".into())).unwrap().position = 7;
        let mut theirs = base.clone();
        theirs.article_mut(&ArticleId("a".into())).unwrap().read = true;
        let merged = merge(&base, &ours, &theirs);
        let a = &merged.articles[&ArticleId("a".into())];
        assert_eq!((a.position, a.read), (7, true));
    }
}
