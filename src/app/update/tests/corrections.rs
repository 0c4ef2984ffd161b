//! Fixing entities from the sidebar, as action sequences.

use dossier::EntityKind;

use super::super::*;
use super::notes::typing;
use crate::app::EditKey;
use crate::ui::test_articles::app;
use Action as A;

/// The sidebar's entities, as "kind name mentions".
fn sidebar(app: &App) -> Vec<String> {
    app.open_entities()
        .iter()
        .map(|e| format!("{:?} {} {}", e.kind, e.name, e.mentions.len()))
        .collect()
}

fn sidebar_app() -> App {
    let mut app = app(120, 40);
    update(&mut app, A::FocusPreviousPane);
    app
}

fn clear_prompt(app: &mut App) {
    for _ in 0..40 {
        update(app, A::Edit(EditKey::Backspace));
    }
}

#[test]
fn hide_removes_the_entity_from_every_article() {
    let mut app = app(120, 40);
    // The second article's entities are worked out (and kept) before the correction.
    for action in [
        A::SelectNextArticle,
        A::OpenArticle,
        A::FocusLeft,
        A::SelectFirstArticle,
        A::OpenArticle,
        A::FocusRight,
    ] {
        update(&mut app, action);
    }
    let second = &app.articles[1];
    assert!(
        app.entities
            .contains_key(&(second.path.clone(), second.hash.clone()))
    );
    assert_eq!(app.focus, crate::app::Focus::Sidebar);
    // People come first, most mentioned first: Emomali Rahmon.
    assert_eq!(update(&mut app, A::HideEntity), Some(Effect::Save));
    assert!(!sidebar(&app).iter().any(|e| e.contains("Emomali")));
    update(&mut app, A::FocusNextPane);
    update(&mut app, A::SelectNextArticle);
    update(&mut app, A::OpenArticle);
    assert!(!sidebar(&app).iter().any(|e| e.contains("Emomali")));
    assert_eq!(app.store.corrections().len(), 1);
    update(&mut app, A::FocusNextPane);
    update(&mut app, A::UndoCorrection);
    assert!(sidebar(&app).iter().any(|e| e.contains("Emomali")));
    assert!(app.store.corrections().is_empty());
}

#[test]
fn rename_asks_for_the_name_and_keeps_the_selection_on_it() {
    let mut app = sidebar_app();
    update(&mut app, A::RenameEntity);
    assert_eq!(app.scope(), crate::keys::Scope::Prompt);
    clear_prompt(&mut app);
    for action in typing("President Rahmon") {
        update(&mut app, action);
    }
    update(&mut app, A::AcceptPrompt);
    assert_eq!(app.mode, Mode::Normal);
    let selected = &app.open_entities()[app.sidebar.selected];
    assert_eq!(selected.name, "President Rahmon");
    // Esc leaves it as it is.
    update(&mut app, A::RenameEntity);
    update(&mut app, A::Edit(EditKey::Backspace));
    update(&mut app, A::CancelPrompt);
    assert_eq!(app.store.corrections().len(), 1);
}

#[test]
fn change_kind_cycles_person_group_country() {
    let mut app = sidebar_app();
    update(&mut app, A::CycleEntityKind);
    let selected = &app.open_entities()[app.sidebar.selected];
    assert_eq!(
        (selected.kind, selected.name.as_str()),
        (EntityKind::Group, "Emomali Rahmon")
    );
    update(&mut app, A::CycleEntityKind);
    update(&mut app, A::CycleEntityKind);
    let selected = &app.open_entities()[app.sidebar.selected];
    assert_eq!(selected.kind, EntityKind::Person, "round to where it began");
}

#[test]
fn merge_offers_entities_of_the_same_kind_or_a_typed_name() {
    let mut app = sidebar_app();
    update(&mut app, A::MergeEntity);
    let Mode::Prompt(prompt) = &app.mode else {
        panic!("a prompt");
    };
    assert_eq!(prompt.candidates, ["Nursultan Nazarbayev", "Amira Haddad"]);
    assert_eq!(prompt.input.text(), "Nursultan Nazarbayev");
    update(&mut app, A::CompletePrompt);
    update(&mut app, A::AcceptPrompt);
    assert_eq!(
        sidebar(&app)[..2],
        [
            "Person Amira Haddad 3".to_owned(),
            "Person Nursultan Nazarbayev 3".to_owned()
        ],
        "Rahmon's mentions (paragraphs 1-3) joined Haddad's (paragraph 1): {:?}",
        sidebar(&app)
    );
    // A typed name that no entity has yet makes one.
    update(&mut app, A::MergeEntity);
    clear_prompt(&mut app);
    for action in typing("Central Asian leaders") {
        update(&mut app, action);
    }
    update(&mut app, A::AcceptPrompt);
    assert!(
        sidebar(&app)
            .iter()
            .any(|e| e.starts_with("Person Central Asian leaders"))
    );
}
