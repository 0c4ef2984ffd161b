//! Notes on paragraphs: writing, editing, listing, deleting with undo.

use super::{info, key_for, reading_height, refresh_notes, relayout, warn};
use crate::action::Action;
use crate::app::{App, Focus, Mode, NoteEditor};

/// Opens the editor on the current paragraph: on its first note when `existing` and it has one,
/// else on a new note.
pub(super) fn open_editor(app: &mut App, existing: bool) {
    let Some(body) = app.open_body() else {
        return;
    };
    if app.open_id().is_none() {
        warn(
            app,
            "This article's file could not be read again, so notes cannot be kept for it",
        );
        return;
    }
    if body.paragraphs.is_empty() {
        warn(app, "This article has no paragraph to write a note on");
        return;
    }
    let paragraph = app.reading.current;
    let note = if existing {
        app.notes_on(paragraph)
            .next()
            .map(|n| (n.id.clone(), n.text.as_str()))
    } else {
        None
    };
    app.mode = Mode::EditNote(Box::new(NoteEditor::new(paragraph, note)));
}

/// Keeps the note being written. Empty text closes a new note (nothing is lost) but keeps the
/// editor open on an existing one, since emptying is not how a note is deleted.
pub(super) fn save(app: &mut App) {
    let Mode::EditNote(editor) = &app.mode else {
        return;
    };
    let (Some(body), Some(id)) = (app.open_body(), app.open_id().cloned()) else {
        app.mode = Mode::Normal;
        return;
    };
    let text = editor.input.text().to_owned();
    let paragraphs = &body.paragraphs;
    let result = match &editor.note {
        Some(note) => app.store.edit_note(&id, note, &text).map(|()| "Note saved"),
        None if text.trim().is_empty() => {
            app.mode = Mode::Normal;
            return;
        }
        None => app
            .store
            .add_note(&id, paragraphs, editor.paragraph, &text)
            .map(|_| "Note added"),
    };
    match result {
        Ok(done) => {
            app.mode = Mode::Normal;
            refresh_notes(app);
            relayout(app);
            info(app, done);
        }
        Err(dossier::store::NoteError::Empty) => {
            let delete = key_for(app, Action::DeleteNote);
            warn(
                app,
                format!("A note needs some text; to delete this one, leave and press {delete}"),
            );
        }
        Err(err) => warn(app, format!("The note was not saved: {err}")),
    }
}

/// Leaves the editor, asking first when that would lose typed text.
pub(super) fn cancel(app: &mut App) {
    if let Mode::EditNote(editor) = &mut app.mode {
        if editor.changed() {
            editor.asking_discard = true;
        } else {
            app.mode = Mode::Normal;
        }
    }
}

/// The answer to "discard the note?" or "delete the note?".
pub(super) fn answer(app: &mut App, yes: bool) {
    match &mut app.mode {
        Mode::EditNote(editor) => {
            if yes {
                app.mode = Mode::Normal;
                info(app, "Changes to the note discarded");
            } else {
                editor.asking_discard = false;
            }
        }
        Mode::ConfirmDelete(note) => {
            let note = note.clone();
            app.mode = Mode::Normal;
            if yes {
                delete(app, &note);
            }
        }
        _ => {}
    }
}

/// Asks before deleting the note selected in the notes list (the only way to reach a note whose
/// paragraph is gone), else the current paragraph's first note.
pub(super) fn ask_delete(app: &mut App) {
    let note = match app.mode {
        Mode::Notes { selected } => app.notes.get(selected),
        _ => app.notes_on(app.reading.current).next(),
    }
    .map(|n| n.id.clone());
    match note {
        Some(note) => app.mode = Mode::ConfirmDelete(note),
        None => info(app, "This paragraph has no note"),
    }
}

fn delete(app: &mut App, note: &dossier::store::NoteId) {
    let Some(id) = app.open_id().cloned() else {
        return;
    };
    if let Some(deleted) = app.store.delete_note(&id, note) {
        app.deleted = Some((id, deleted));
        refresh_notes(app);
        relayout(app);
        let undo = key_for(app, Action::UndoDelete);
        info(app, format!("Note deleted; {undo} brings it back"));
    }
}

pub(super) fn undo_delete(app: &mut App) {
    let Some((id, note)) = app.deleted.take() else {
        info(app, "No deleted note to bring back");
        return;
    };
    match app.store.restore_note(&id, note) {
        Ok(()) => {
            refresh_notes(app);
            relayout(app);
            info(app, "Note restored");
        }
        Err(err) => warn(app, format!("The note could not be restored: {err}")),
    }
}

pub(super) fn toggle_inline(app: &mut App) {
    app.notes_inline = !app.notes_inline;
    app.store.preferences_mut().notes_inline = Some(app.notes_inline);
    relayout(app);
    info(
        app,
        if app.notes_inline {
            "Notes shown under their paragraphs"
        } else {
            "Notes hidden (paragraphs with notes keep their mark)"
        },
    );
}

/// Opens the notes list on the current paragraph's first note, or the first note.
pub(super) fn show_list(app: &mut App) {
    if app.notes.is_empty() {
        let write = key_for(app, Action::EditNote);
        info(app, format!("No notes in this article; {write} writes one"));
        return;
    }
    let selected = app
        .notes
        .iter()
        .position(|n| n.placement.index() == Some(app.reading.current))
        .unwrap_or(0);
    app.mode = Mode::Notes { selected };
}

pub(super) fn select(app: &mut App, by: isize) {
    let last = app.notes.len().saturating_sub(1);
    if let Mode::Notes { selected } = &mut app.mode {
        *selected = selected.saturating_add_signed(by).min(last);
    }
}

/// Goes to the selected note's paragraph; an orphaned note has none, so it says so.
pub(super) fn jump(app: &mut App) {
    let Mode::Notes { selected } = app.mode else {
        return;
    };
    let Some(note) = app.notes.get(selected) else {
        return;
    };
    match note.placement.index() {
        Some(paragraph) => {
            app.mode = Mode::Normal;
            app.focus = Focus::Reading;
            let height = reading_height(app);
            app.reading.go_to_paragraph(paragraph, height);
        }
        None => {
            let quote = note.quote.clone();
            warn(
                app,
                format!("This note's paragraph is no longer in the article; it began “{quote}”"),
            );
        }
    }
}
