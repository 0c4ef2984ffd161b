//! One fixture per way a configuration can be wrong (tests/fixtures/config), each checked for
//! its message and for the rest of the file still applying; and every option, read and then
//! seen in the reader.

use std::path::PathBuf;

use dossier::EntityKind;

use super::*;
use crate::action::Action;
use crate::app::{SidebarLine, sidebar_lines};
use crate::keys::{Key, KeyCode, Scope};
use crate::ui::theme::Theme;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

fn load_fixture(name: &str) -> Loaded {
    load(Some(&fixture(name)), true)
}

/// The one problem of a fixture, as the user reads it.
#[track_caller]
fn only_problem(loaded: &Loaded) -> String {
    assert_eq!(loaded.problems.len(), 1, "{:#?}", loaded.problems);
    loaded.problems[0].to_string()
}

#[test]
fn every_option_is_read() {
    let loaded = load_fixture("every_option.toml");
    assert_eq!(loaded.problems, []);
    let config = loaded.config;
    let dir = fixture("");
    assert_eq!(
        config.library,
        [dir.join("reading"), PathBuf::from("/srv/articles")]
    );
    assert_eq!(config.theme, ThemeChoice::Light);
    assert_eq!(
        config.sidebar.kinds,
        [EntityKind::Country, EntityKind::Person]
    );
    assert_eq!(config.sidebar.min_mentions, 2);
    assert_eq!(config.max_line_length, 60);
    let keys = &config.keymap;
    assert_eq!(
        keys.keys_of(Scope::Reading, Action::NextParagraph),
        Some(&[Key::char('J'), Key::plain(KeyCode::Down)][..])
    );
    assert_eq!(
        keys.dispatch(Scope::Reading, Key::char('c')),
        Some(Action::CopyParagraph)
    );
    assert_eq!(keys.dispatch(Scope::Reading, Key::char('y')), None);
    assert_eq!(
        keys.dispatch(Scope::List, Key::ctrl('q')),
        Some(Action::Quit)
    );
    assert_eq!(keys.dispatch(Scope::List, Key::char('q')), None);
}

#[test]
fn every_option_is_applied_in_the_reader() {
    let config = load_fixture("every_option.toml").config;
    let app = crate::ui::test_articles::app(120, 40).configure(&config, Theme::light());
    assert_eq!(app.theme, Theme::light());
    assert_eq!(
        app.keymap.dispatch(Scope::Reading, Key::char('J')),
        Some(Action::NextParagraph)
    );
    // Sections in the configured order; Amira Haddad (one mention) is left out.
    let names: Vec<&str> = app
        .open_entities()
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Kazakhstan",
            "Tajikistan",
            "Emomali Rahmon",
            "Nursultan Nazarbayev"
        ]
    );
    let sections: Vec<SidebarLine> = sidebar_lines(app.open_entities(), &app.sidebar_config.kinds)
        .into_iter()
        .filter(|l| matches!(l, SidebarLine::Section(_)))
        .collect();
    assert_eq!(
        sections,
        [
            SidebarLine::Section(EntityKind::Country),
            SidebarLine::Section(EntityKind::Person)
        ]
    );
    let wrapped = app.wrapped().expect("an article is open");
    let widest = wrapped
        .lines
        .iter()
        .map(|l| unicode_width::UnicodeWidthStr::width(l.text.as_str()))
        .max()
        .unwrap_or(0);
    assert!(widest <= 60, "a line of {widest} columns");
    assert!(
        widest > 50,
        "the pane still uses the width it may: {widest}"
    );
}

#[test]
fn a_bad_value_keeps_that_option_default_only() {
    let loaded = load_fixture("bad_value.toml");
    let message = only_problem(&loaded);
    assert!(
        message.ends_with(
            "bad_value.toml:2: theme: 'purple' is not a theme; use one of auto, dark, light, mono; using the default"
        ),
        "{message}"
    );
    assert_eq!(loaded.config.theme, ThemeChoice::Auto);
    assert_eq!(loaded.config.max_line_length, 60);
}

#[test]
fn a_bad_key_is_named_and_ignored() {
    let loaded = load_fixture("bad_key.toml");
    let message = only_problem(&loaded);
    assert!(
        message.ends_with("bad_key.toml:5: sidebar.min_mention: unknown option; ignored"),
        "{message}"
    );
    assert_eq!(loaded.config.sidebar.min_mentions, 2);
    assert_eq!(loaded.config.theme, ThemeChoice::Mono);
}

#[test]
fn an_unknown_action_lists_the_actions_there_are() {
    let loaded = load_fixture("unknown_action.toml");
    let message = only_problem(&loaded);
    assert!(
        message.contains(
            "unknown_action.toml:3: keys.reading.CopyParagraf: unknown action 'CopyParagraf' in reading; the actions there are NextParagraph, PreviousParagraph,"
        ),
        "{message}"
    );
    assert!(message.contains("CopyParagraph, CopyNote"), "{message}");
    assert_eq!(
        loaded
            .config
            .keymap
            .dispatch(Scope::Reading, Key::char('J')),
        Some(Action::NextParagraph)
    );
}

#[test]
fn a_clash_is_reported_and_the_default_kept() {
    let loaded = load_fixture("clash.toml");
    let message = only_problem(&loaded);
    assert!(
        message.ends_with(
            "clash.toml:3: keys.reading.CopyParagraph: 'j' is already bound to NextParagraph in reading; keeping the default keys"
        ),
        "{message}"
    );
    let keys = &loaded.config.keymap;
    assert_eq!(
        keys.dispatch(Scope::Reading, Key::char('j')),
        Some(Action::NextParagraph)
    );
    assert_eq!(
        keys.dispatch(Scope::Reading, Key::char('y')),
        Some(Action::CopyParagraph)
    );
    assert_eq!(
        keys.dispatch(Scope::Reading, Key::char('b')),
        Some(Action::OpenSource)
    );
}

#[test]
fn a_file_that_is_not_toml_is_named_with_its_line() {
    let loaded = load_fixture("not_toml.toml");
    let message = only_problem(&loaded);
    assert!(
        message.contains("not_toml.toml:2: not a TOML file ("),
        "{message}"
    );
    assert!(
        message.ends_with("using the defaults for every option"),
        "{message}"
    );
    assert_eq!(loaded.config, Config::default());
}

#[test]
fn keys_may_swap_and_panes_may_not_hide_global_keys() {
    let text = "[keys.reading]\nCopyParagraph = \"j\"\nNextParagraph = \"J\"\nOpenSource = \"q\"\n[keys.global]\nQuit = []\n[keys.editor]\nSaveNote = \"s\"\n";
    let (config, problems) = parse(text, Path::new("c.toml"));
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "c.toml:4: keys.reading.OpenSource: 'q' is already bound to Quit in global, which it would hide; keeping the default keys",
            "c.toml:6: keys.global.Quit: quitting needs a key; keeping the default keys",
            "c.toml:8: keys.editor.SaveNote: 's' would stop that character being typed; use C-<char> or a named key; keeping the default keys",
        ]
    );
    let keys = &config.keymap;
    assert_eq!(
        keys.dispatch(Scope::Reading, Key::char('j')),
        Some(Action::CopyParagraph)
    );
    assert_eq!(
        keys.dispatch(Scope::Reading, Key::char('J')),
        Some(Action::NextParagraph)
    );
    assert_eq!(
        keys.dispatch(Scope::Reading, Key::char('o')),
        Some(Action::OpenSource)
    );
}

#[test]
fn other_bad_values_are_explained() {
    let text = "library = 3\n[sidebar]\nkinds = [\"person\", \"planet\"]\nmin_mentions = 0\n[reading]\nmax_line_length = \"wide\"\n[keys.space]\nx = 1\n";
    let (config, problems) = parse(text, Path::new("c.toml"));
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "c.toml:1: library: expected a string or a list of strings, found integer; using the default",
            "c.toml:3: sidebar.kinds: 'planet' is not a kind of entity; use person, group or country; using the default",
            "c.toml:4: sidebar.min_mentions: 0 is not a whole number from 1 to 1000; using the default",
            "c.toml:6: reading.max_line_length: 'wide' is not a whole number from 20 to 400; using the default",
            "c.toml:7: keys.space: unknown scope; the scopes are global, list, reading, sidebar, notes, editor, prompt, confirm, search, library, help; ignored",
        ]
    );
    assert_eq!(config, Config::default());
}

/// The file `config init` writes changes nothing as written, and loads without a problem with
/// every option uncommented: the template cannot drift from what the reader accepts.
#[test]
fn the_default_file_lists_every_option_and_loads_clean() {
    let text = default_file();
    let (config, problems) = parse(&text, Path::new("config.toml"));
    assert_eq!(problems, []);
    assert_eq!(config, Config::default());
    let uncommented: String = text
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest)
                if rest
                    .split_once(" = ")
                    .is_some_and(|(k, _)| !k.contains(' ')) =>
            {
                rest
            }
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (config, problems) = parse(&uncommented, Path::new("config.toml"));
    assert_eq!(problems, []);
    assert_eq!(
        config.library,
        [directories::BaseDirs::new().map_or_else(
            || PathBuf::from("~/reading"),
            |b| b.home_dir().join("reading")
        )]
    );
    assert_eq!(config.keymap, KeyMap::default());
    for option in [
        "library",
        "theme",
        "kinds",
        "min_mentions",
        "max_line_length",
    ] {
        assert!(text.contains(&format!("# {option} = ")), "{option}");
    }
    for binding in KeyMap::default().bindings() {
        let section = format!("[keys.{}]", binding.scope.name());
        let after = text.split_once(&section).map_or("", |(_, rest)| rest);
        assert!(
            after.contains(&format!("# {} = ", binding.action.name())),
            "{section} lists {:?}",
            binding.action
        );
    }
}

#[test]
fn a_missing_default_file_is_fine_but_a_named_one_is_not() {
    let missing = PathBuf::from("/nonexistent/dossier/config.toml");
    assert_eq!(load(Some(&missing), false).problems, []);
    let named = load(Some(&missing), true);
    assert_eq!(named.problems.len(), 1);
    assert!(
        named.problems[0]
            .to_string()
            .starts_with("/nonexistent/dossier/config.toml: cannot read the configuration"),
        "{}",
        named.problems[0]
    );
}

/// The README's example is real: it loads without a problem and sets what it says.
#[test]
fn the_readme_example_loads_clean() {
    let readme = include_str!("../../README.md");
    let example = readme
        .split_once("<!-- config example: a test loads it -->\n```toml\n")
        .and_then(|(_, rest)| rest.split_once("```\n<!-- end of config example -->"))
        .map(|(example, _)| example)
        .expect("README.md has the config example markers");
    let (config, problems) = parse(example, Path::new("config.toml"));
    assert_eq!(problems, []);
    assert_eq!(config.library.len(), 2);
    assert_eq!(
        config.sidebar.kinds,
        [EntityKind::Person, EntityKind::Country]
    );
    assert_eq!(config.max_line_length, 72);
    assert_eq!(
        config.keymap.dispatch(Scope::Reading, Key::char('c')),
        Some(Action::CopyParagraph)
    );
    assert_eq!(
        config.keymap.dispatch(Scope::Sidebar, Key::ctrl('q')),
        Some(Action::Quit)
    );
}

#[test]
fn the_byline_author_counts_as_a_mention_in_the_sidebar() {
    let author = dossier::Entity {
        kind: EntityKind::Person,
        name: "Ann Writer".into(),
        reason: "byline".into(),
        byline: true,
        mentions: Vec::new(),
    };
    let mut sidebar = SidebarConfig::default();
    assert!(
        sidebar.shows(&author),
        "listed by default with no body mention"
    );
    sidebar.min_mentions = 2;
    assert!(!sidebar.shows(&author));
    sidebar.min_mentions = 1;
    sidebar.kinds = vec![EntityKind::Group];
    assert!(!sidebar.shows(&author), "the kind filter still applies");
}
