use std::collections::HashSet;

use strum::IntoEnumIterator;

use super::key::KeyCode;
use super::*;

#[test]
fn no_key_is_bound_twice_in_a_scope() {
    let map = KeyMap::default();
    let mut seen = HashSet::new();
    for binding in map.bindings() {
        for key in &binding.keys {
            assert!(
                seen.insert((binding.scope, *key)),
                "{key} is bound twice in {:?}",
                binding.scope
            );
        }
    }
}

#[test]
fn pane_keys_do_not_hide_global_keys() {
    let map = KeyMap::default();
    for global in map.scope(Scope::Global) {
        for pane in [Scope::List, Scope::Reading, Scope::Sidebar] {
            for key in &global.keys {
                assert_eq!(
                    map.dispatch(pane, *key),
                    Some(global.action),
                    "{key} in {pane:?} should still run {:?}",
                    global.action
                );
            }
        }
    }
}

#[test]
fn every_row_has_help_text_and_a_key() {
    for binding in KeyMap::default().bindings() {
        assert!(!binding.help.trim().is_empty(), "{:?}", binding.action);
        assert!(!binding.keys.is_empty(), "{:?}", binding.action);
    }
}

#[test]
fn every_bindable_action_has_a_key() {
    let map = KeyMap::default();
    let bound: HashSet<Action> = map.bindings().iter().map(|b| b.action).collect();
    for action in Action::iter().filter(|a| a.is_bindable()) {
        assert!(bound.contains(&action), "no key runs {action:?}");
    }
    assert!(map.bindings().iter().all(|b| b.action.is_bindable()));
}

#[test]
fn every_scope_has_rows_and_hints() {
    let map = KeyMap::default();
    for scope in Scope::ALL {
        assert!(map.scope(scope).next().is_some(), "{scope:?} is empty");
        assert!(!map.hints(scope).is_empty(), "{scope:?} has no hints");
    }
}

#[test]
fn the_help_overlay_swallows_pane_and_global_keys() {
    let map = KeyMap::default();
    assert_eq!(
        map.dispatch(Scope::Help, Key::char('q')),
        Some(Action::CloseHelp)
    );
    assert_eq!(
        map.dispatch(Scope::Help, Key::ctrl('c')),
        Some(Action::Quit)
    );
    assert_eq!(map.dispatch(Scope::Help, Key::plain(KeyCode::Tab)), None);
}

#[test]
fn the_same_key_means_next_in_each_pane() {
    let map = KeyMap::default();
    let j = Key::char('j');
    assert_eq!(
        map.dispatch(Scope::List, j),
        Some(Action::SelectNextArticle)
    );
    assert_eq!(map.dispatch(Scope::Reading, j), Some(Action::NextParagraph));
    assert_eq!(map.dispatch(Scope::Sidebar, j), Some(Action::NextEntity));
    assert_eq!(
        map.dispatch(Scope::Reading, Key::char(' ')),
        Some(Action::PageDown)
    );
}

#[test]
fn slash_starts_a_search_in_every_pane() {
    // Typed from vim habit in any pane; where it did nothing, the query's letters ran the
    // pane's one-letter commands instead.
    let map = KeyMap::default();
    let slash = Key::char('/');
    for pane in [Scope::List, Scope::Reading, Scope::Sidebar] {
        assert!(
            matches!(
                map.dispatch(pane, slash),
                Some(Action::SearchLibrary | Action::StartSearch)
            ),
            "{pane:?}"
        );
    }
}

#[test]
fn hints_lead_with_help_then_the_pane() {
    let map = KeyMap::default();
    let hints = map.hints(Scope::Reading);
    let helps: Vec<&str> = hints.iter().map(|h| h.help).collect();
    assert_eq!(helps[..3], ["help", "next paragraph", "previous paragraph"]);
    assert_eq!(helps.last(), Some(&"next pane"));
    assert_eq!(KeyList(hints[1].keys).to_string(), "j/Down");
    let in_help: Vec<&str> = map.hints(Scope::Help).iter().map(|h| h.help).collect();
    assert_eq!(in_help, ["close help", "scroll down", "scroll up"]);
}

#[test]
fn text_scopes_leave_letters_and_ctrl_c_to_the_text() {
    let map = KeyMap::default();
    for scope in [Scope::Editor, Scope::Prompt] {
        for key in [
            Key::char('q'),
            Key::char('j'),
            Key::char('?'),
            Key::ctrl('c'),
        ] {
            assert_eq!(map.dispatch(scope, key), None, "{key} in {scope:?}");
        }
    }
    assert_eq!(
        map.dispatch(Scope::Editor, Key::ctrl('s')),
        Some(Action::SaveNote)
    );
    assert_eq!(
        map.dispatch(Scope::Editor, Key::plain(KeyCode::Enter)),
        None,
        "Enter breaks the line in a note"
    );
    assert_eq!(
        map.dispatch(Scope::Prompt, Key::plain(KeyCode::Enter)),
        Some(Action::AcceptPrompt)
    );
    assert_eq!(
        map.dispatch(Scope::Confirm, Key::ctrl('c')),
        None,
        "a question is answered, not quit from"
    );
}

/// The README's key section as the key table makes it, so the documentation cannot drift.
fn readme_key_section(map: &KeyMap) -> String {
    let mut out = String::new();
    for scope in Scope::ALL {
        out.push_str(&format!(
            "\n**{}**\n\n| keys | what they do |\n|---|---|\n",
            scope.title()
        ));
        for binding in map.scope(scope) {
            let keys = binding
                .keys
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" ");
            out.push_str(&format!("| {keys} | {} |\n", binding.help));
        }
    }
    out
}

#[test]
fn the_readme_lists_every_binding_as_the_table_has_it() {
    let readme = include_str!("../../README.md");
    let start = "<!-- keys: generated from the key table; a test checks it -->\n";
    let end = "<!-- end of keys -->";
    let section = readme
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once(end))
        .map(|(section, _)| section)
        .expect("README.md has the key section markers");
    let expected = readme_key_section(&KeyMap::default());
    assert_eq!(
        section.trim(),
        expected.trim(),
        "README.md's key section is stale; replace it with:\n{expected}"
    );
}

/// A configuration file names a row by scope and action, so no action may have two rows in
/// one scope.
#[test]
fn each_action_has_one_row_per_scope() {
    let map = KeyMap::default();
    let mut seen = HashSet::new();
    for binding in map.bindings() {
        assert!(
            seen.insert((binding.scope, binding.action)),
            "{:?} has two rows in {:?}",
            binding.action,
            binding.scope
        );
    }
}
