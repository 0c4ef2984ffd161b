//! The browser and clipboard keys: `update` only names what to open or copy.

use super::super::*;
use super::notes::typing;
use crate::ui::test_articles::{app, app_with, library, memory_store};
use Action as A;

/// What the last action asked to send out (a save of the state file is not sending out).
fn run(app: &mut App, actions: &[Action]) -> Option<Effect> {
    actions
        .iter()
        .fold(None, |_, action| update(app, *action))
        .filter(|effect| *effect != Effect::Save)
}

fn warning(app: &App) -> String {
    let message = app.message.clone().expect("a message");
    assert!(message.warning);
    message.text
}

#[test]
fn only_a_web_address_is_handed_to_the_browser() {
    let mut library = library();
    library.articles[1].source = Some("https://example.org/ports?a='1';b=2".into());
    library.articles[2].source = Some("file:///etc/passwd".into());
    let mut app = app_with(library, memory_store(), 120, 40);
    // The bundled first article's source is a bare host name, not an address.
    assert_eq!(run(&mut app, &[A::OpenSource]), None);
    assert_eq!(
        warning(&app),
        "Not opening “example.org”: only http and https addresses open in the browser"
    );
    assert_eq!(
        run(&mut app, &[A::SelectNextArticle, A::OpenSource]),
        Some(Effect::OpenUrl(
            "https://example.org/ports?a='1';b=2".into()
        )),
        "in the list, the selected article's"
    );
    assert_eq!(run(&mut app, &[A::SelectNextArticle, A::OpenSource]), None);
    assert!(warning(&app).starts_with("Not opening “file:///etc/passwd”"));
    let mut app = app_with(
        {
            let mut l = crate::ui::test_articles::library();
            l.articles[0].source = None;
            l
        },
        memory_store(),
        120,
        40,
    );
    assert_eq!(run(&mut app, &[A::OpenSource]), None);
    assert_eq!(warning(&app), "This article has no web address to open");
}

#[test]
fn the_current_paragraph_is_copied_with_its_citation() {
    let mut app = app(120, 40);
    let effect = run(
        &mut app,
        &[A::FocusRight, A::NextParagraph, A::CopyParagraph],
    );
    let Some(Effect::Copy { text, what }) = effect else {
        panic!("{effect:?}");
    };
    assert_eq!(what, "paragraph 2 with its citation");
    assert!(
        text.starts_with("“Paragraph 2. Officials in the capital"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "”\n— Amira Haddad, “The quiet return of the border question”, 20 November 2026, paragraph 2."
        ),
        "{text}"
    );
}

#[test]
fn a_note_is_copied_with_the_paragraph_it_quotes() {
    let mut app = app(120, 40);
    assert_eq!(run(&mut app, &[A::FocusRight, A::CopyNote]), None);
    assert_eq!(warning(&app), "Paragraph 1 has no note to copy");
    let mut actions = vec![A::EditNote];
    actions.extend(typing("Compare with the 2019 figures."));
    actions.extend([A::SaveNote, A::CopyNote]);
    let effect = run(&mut app, &actions);
    let Some(Effect::Copy { text, what }) = effect else {
        panic!("{effect:?}");
    };
    assert_eq!(what, "the note on paragraph 1 with its quote");
    assert!(
        text.starts_with("Compare with the 2019 figures.\n\n> Paragraph 1. Officials"),
        "{text}"
    );
    assert!(text.ends_with("20 November 2026, paragraph 1."), "{text}");

    let mut actions = vec![A::AddNote];
    actions.extend(typing("And with 2021."));
    actions.extend([A::SaveNote, A::CopyNote]);
    let Some(Effect::Copy { text, what }) = run(&mut app, &actions) else {
        panic!("a copy");
    };
    assert_eq!(what, "the 2 notes on paragraph 1 with their quote");
    assert!(
        text.starts_with("Compare with the 2019 figures.\n\nAnd with 2021.\n\n> Paragraph 1."),
        "{text}"
    );

    let Some(Effect::Copy { text, what }) =
        run(&mut app, &[A::ShowNotes, A::NextNote, A::CopyNote])
    else {
        panic!("a copy from the notes list");
    };
    assert_eq!(what, "the note on paragraph 1 with its quote");
    assert!(
        text.starts_with("And with 2021.\n\n> Paragraph 1."),
        "{text}"
    );
}
