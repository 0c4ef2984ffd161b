//! Notes and reading state as action sequences.

use dossier::Store;
use dossier::store::Placement;

use super::super::*;
use crate::app::EditKey;
use crate::ui::test_articles::{app, app_with, library};
use Action as A;

/// The actions that type `text`.
pub fn typing(text: &str) -> Vec<Action> {
    text.chars().map(|c| A::Edit(EditKey::Insert(c))).collect()
}

fn run(app: &mut App, actions: &[Action]) -> Option<Effect> {
    let mut last = None;
    for action in actions {
        last = update(app, *action);
    }
    last
}

/// Reading pane focused, paragraph 3 (index 2) current.
const TO_THIRD: [Action; 3] = [A::FocusRight, A::NextParagraph, A::NextParagraph];

fn note_texts(app: &App) -> Vec<(Placement, &str)> {
    app.notes
        .iter()
        .map(|n| (n.placement, n.text.as_str()))
        .collect()
}

fn editor_text(app: &App) -> Option<&str> {
    match &app.mode {
        Mode::EditNote(editor) => Some(editor.input.text()),
        _ => None,
    }
}

#[test]
fn a_note_is_typed_saved_and_shown_under_its_paragraph() {
    let mut app = app(120, 40);
    run(&mut app, &TO_THIRD);
    run(&mut app, &[A::EditNote]);
    assert_eq!(app.scope(), crate::keys::Scope::Editor);
    run(&mut app, &typing("Chek"));
    run(&mut app, &[A::Edit(EditKey::Left)]);
    run(&mut app, &typing("c"));
    run(
        &mut app,
        &[A::Edit(EditKey::End), A::Edit(EditKey::Newline)],
    );
    run(&mut app, &typing("the figures"));
    assert_eq!(editor_text(&app), Some("Check\nthe figures"));
    assert_eq!(update(&mut app, A::SaveNote), Some(Effect::Save));
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        note_texts(&app),
        [(Placement::Exact(2), "Check\nthe figures")]
    );
    let wrapped = app.wrapped().expect("laid out");
    let note_lines: Vec<&str> = wrapped
        .lines
        .iter()
        .filter(|l| l.kind == crate::ui::wrapped_article::LineKind::Note)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(note_lines, ["┆ Check", "┆ the figures"]);
    assert!(
        wrapped.lines[wrapped.paragraphs[2].clone()]
            .iter()
            .any(|l| l.kind == crate::ui::wrapped_article::LineKind::Note),
        "the paragraph's range covers its note"
    );
}

#[test]
fn the_note_key_edits_the_paragraphs_note_and_the_add_key_adds_another() {
    let mut app = app(120, 40);
    run(&mut app, &TO_THIRD);
    run(&mut app, &[A::EditNote]);
    run(&mut app, &typing("first"));
    run(&mut app, &[A::SaveNote, A::EditNote]);
    assert_eq!(
        editor_text(&app),
        Some("first"),
        "opens on the existing note"
    );
    run(&mut app, &typing(" edited"));
    run(&mut app, &[A::SaveNote, A::AddNote]);
    assert_eq!(editor_text(&app), Some(""));
    run(&mut app, &typing("second"));
    run(&mut app, &[A::SaveNote]);
    assert_eq!(
        note_texts(&app),
        [
            (Placement::Exact(2), "first edited"),
            (Placement::Exact(2), "second")
        ]
    );
}

#[test]
fn leaving_the_editor_never_loses_typed_text_silently() {
    let mut app = app(120, 40);
    run(&mut app, &TO_THIRD);
    // Nothing typed: Esc just closes.
    run(&mut app, &[A::EditNote, A::CancelNote]);
    assert_eq!(app.mode, Mode::Normal);
    // Typed text: Esc asks; "no" goes back to the text, untouched.
    run(&mut app, &[A::EditNote]);
    run(&mut app, &typing("keep me"));
    run(&mut app, &[A::CancelNote]);
    assert_eq!(app.scope(), crate::keys::Scope::Confirm);
    // Typing while asked does not change the text.
    run(&mut app, &typing("zz"));
    run(&mut app, &[A::ConfirmNo]);
    assert_eq!(app.scope(), crate::keys::Scope::Editor);
    assert_eq!(editor_text(&app), Some("keep me"));
    // "yes" discards, and says so.
    run(&mut app, &[A::CancelNote, A::ConfirmYes]);
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.notes.is_empty());
    assert!(app.message.is_some());
}

#[test]
fn an_empty_new_note_is_not_kept_and_an_emptied_note_is_not_deleted() {
    let mut app = app(120, 40);
    run(&mut app, &TO_THIRD);
    run(&mut app, &[A::EditNote]);
    run(&mut app, &typing("   "));
    run(&mut app, &[A::SaveNote]);
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.notes.is_empty());
    run(&mut app, &[A::EditNote]);
    run(&mut app, &typing("x"));
    run(
        &mut app,
        &[A::SaveNote, A::EditNote, A::Edit(EditKey::Backspace)],
    );
    run(&mut app, &[A::SaveNote]);
    assert!(
        matches!(app.mode, Mode::EditNote(_)),
        "still editing, with a message"
    );
    assert!(app.message.as_ref().is_some_and(|m| m.warning));
    assert_eq!(app.notes.len(), 1);
}

#[test]
fn delete_asks_first_and_undo_brings_the_note_back() {
    let mut app = app(120, 40);
    run(&mut app, &TO_THIRD);
    run(&mut app, &[A::EditNote]);
    run(&mut app, &typing("to delete"));
    run(&mut app, &[A::SaveNote, A::DeleteNote]);
    assert!(matches!(app.mode, Mode::ConfirmDelete(_)));
    run(&mut app, &[A::ConfirmNo]);
    assert_eq!(app.notes.len(), 1, "no keeps it");
    run(&mut app, &[A::DeleteNote, A::ConfirmYes]);
    assert!(app.notes.is_empty());
    assert!(
        !app.wrapped()
            .expect("laid out")
            .lines
            .iter()
            .any(|l| l.kind == crate::ui::wrapped_article::LineKind::Note)
    );
    assert_eq!(update(&mut app, A::UndoDelete), Some(Effect::Save));
    assert_eq!(note_texts(&app), [(Placement::Exact(2), "to delete")]);
    run(&mut app, &[A::UndoDelete]);
    assert_eq!(app.notes.len(), 1, "undo only once");
    // Undo still works after going to another article and back.
    run(&mut app, &[A::DeleteNote, A::ConfirmYes, A::FocusLeft]);
    run(
        &mut app,
        &[A::SelectNextArticle, A::OpenArticle, A::UndoDelete],
    );
    run(
        &mut app,
        &[A::FocusLeft, A::SelectFirstArticle, A::OpenArticle],
    );
    assert_eq!(note_texts(&app), [(Placement::Exact(2), "to delete")]);
    // A paragraph without a note has nothing to delete.
    run(
        &mut app,
        &[A::NextParagraph, A::NextParagraph, A::DeleteNote],
    );
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn the_notes_list_jumps_to_a_notes_paragraph() {
    let mut app = app(120, 40);
    run(&mut app, &TO_THIRD);
    run(&mut app, &[A::EditNote]);
    run(&mut app, &typing("on three"));
    run(&mut app, &[A::SaveNote, A::LastParagraph, A::EditNote]);
    run(&mut app, &typing("on thirty"));
    run(&mut app, &[A::SaveNote, A::FirstParagraph, A::ShowNotes]);
    assert_eq!(app.mode, Mode::Notes { selected: 0 });
    run(&mut app, &[A::NextNote, A::NextNote]);
    assert_eq!(app.mode, Mode::Notes { selected: 1 }, "stops at the last");
    run(&mut app, &[A::JumpToNote]);
    assert_eq!((app.mode.clone(), app.reading.current), (Mode::Normal, 29));
}

#[test]
fn inline_notes_toggle_and_the_choice_is_kept() {
    let mut app = app(120, 40);
    run(&mut app, &TO_THIRD);
    run(&mut app, &[A::EditNote]);
    run(&mut app, &typing("n"));
    run(&mut app, &[A::SaveNote, A::ToggleInlineNotes]);
    assert!(!app.notes_inline);
    assert_eq!(app.store.preferences().notes_inline, Some(false));
    let store = std::mem::replace(&mut app.store, Store::in_memory());
    let again = app_with(library(), store, 120, 40);
    assert!(!again.notes_inline);
}

#[test]
fn read_toggles_by_key_and_by_reaching_the_end() {
    let mut app = app(120, 40);
    run(&mut app, &[A::SelectNextArticle, A::ToggleRead]);
    assert_eq!(
        app.read,
        [false, true, false],
        "the list marks its selection"
    );
    run(&mut app, &[A::ToggleRead]);
    assert_eq!(app.read, [false, false, false]);
    run(
        &mut app,
        &[A::SelectFirstArticle, A::OpenArticle, A::PageDown],
    );
    assert!(!app.read[0], "the end is not in view yet");
    run(&mut app, &[A::LastParagraph]);
    assert!(app.read[0], "reaching the end marks it read");
    run(
        &mut app,
        &[A::ToggleRead, A::PreviousParagraph, A::NextParagraph],
    );
    assert!(
        !app.read[0],
        "marked unread by hand stays unread while open"
    );
}

#[test]
fn a_new_session_reopens_the_last_article_where_it_was_left() {
    let mut app = app(120, 40);
    run(&mut app, &[A::SelectLastArticle, A::OpenArticle]);
    run(&mut app, &[A::SelectFirstArticle, A::OpenArticle]);
    run(&mut app, &[A::NextParagraph; 7]);
    assert!(app.progress[0].is_some_and(|p| p > 0.2));
    let store = std::mem::replace(&mut app.store, Store::in_memory());
    let again = app_with(library(), store, 120, 40);
    assert_eq!(
        (again.open, again.list.selected, again.reading.current),
        (Some(0), 0, 7)
    );
}

#[test]
fn a_note_whose_paragraph_is_gone_is_listed_as_orphaned() {
    let mut app = app(120, 40);
    let second_article = [A::SelectNextArticle, A::OpenArticle, A::NextParagraph];
    run(&mut app, &second_article);
    run(&mut app, &[A::EditNote]);
    run(&mut app, &typing("about the second paragraph"));
    run(&mut app, &[A::SaveNote]);
    let store = std::mem::replace(&mut app.store, Store::in_memory());
    let mut edited = library();
    edited.articles[1].paragraphs[1].text = "Zebras were quietly counted.".into();
    let mut again = app_with(edited, store, 120, 40);
    assert_eq!(again.open, Some(1));
    assert_eq!(
        note_texts(&again),
        [(Placement::Orphaned, "about the second paragraph")]
    );
    run(&mut again, &[A::FocusRight, A::ShowNotes, A::JumpToNote]);
    assert_eq!(again.mode, Mode::Notes { selected: 0 }, "nowhere to go");
    assert!(
        again
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("Second paragraph."))
    );
    // The list is where an orphaned note can be deleted (and brought back).
    run(&mut again, &[A::DeleteNote, A::ConfirmYes]);
    assert!(again.notes.is_empty());
    run(&mut again, &[A::UndoDelete]);
    assert_eq!(again.notes.len(), 1);
}

#[test]
fn a_note_and_the_position_follow_their_paragraph_when_one_is_inserted_before_it() {
    let mut app = app(120, 40);
    run(&mut app, &TO_THIRD);
    run(&mut app, &[A::EditNote]);
    run(&mut app, &typing("follow me"));
    run(&mut app, &[A::SaveNote]);
    let store = std::mem::replace(&mut app.store, Store::in_memory());
    let mut edited = library();
    edited.articles[0]
        .paragraphs
        .insert(2, dossier::Paragraph::body("A new paragraph."));
    let again = app_with(edited, store, 120, 40);
    assert_eq!(note_texts(&again), [(Placement::Exact(3), "follow me")]);
    assert_eq!(
        again.reading.current, 3,
        "the reading position follows its text too"
    );
}
