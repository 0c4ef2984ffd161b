//! The file `dossier config init` writes: every option, commented out at its default, so the
//! file documents itself and changes nothing until a line is uncommented.

use std::fmt::Write as _;

use super::Config;
use crate::keys::{KeyMap, Scope};
use crate::ui::theme::ThemeChoice;

/// The commented default configuration.
pub fn default_file() -> String {
    let defaults = Config::default();
    let mut out = String::new();
    let kinds: Vec<String> = defaults
        .sidebar
        .kinds
        .iter()
        .map(|k| format!("\"{}\"", k.as_str()))
        .collect();
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        r#"# dossier's configuration. Every option is listed at its default, commented out:
# uncomment a line and change it. `dossier config check` reports mistakes; a mistake costs only
# the option it is in, the rest of the file still applies.

# Folders of articles to open when no path is given on the command line. `~/` is your home
# folder; relative paths are taken from this file's folder. With one folder, fetched pages and
# feed items are saved there too.
# library = ["~/reading"]

# Colours: {themes}. "auto" picks light or dark after the terminal's
# background (dark when the terminal does not say); NO_COLOR in the environment means "mono".
# theme = "{theme}"

[sidebar]
# Which kinds of entity the sidebar lists, in order: "person", "group", "country".
# kinds = [{kinds}]
# Leave out entities mentioned fewer times than this in the article.
# min_mentions = {min_mentions}

[reading]
# The longest line of article text in the reading pane, in columns ({min} to {max}).
# max_line_length = {max_line_length}

# Key bindings, by scope and action. A binding replaces that action's keys in that scope: one
# key ("o") or a list (["o", "C-o"]). Keys: a character, C-<char> for Ctrl, or Enter, Esc,
# Tab, S-Tab, Space, Up, Down, Left, Right, Home, End, PgUp, PgDn. A key may do one thing per
# scope, and a pane's keys may not hide the global ones.
"#,
        themes = ThemeChoice::NAMES
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", "),
        theme = defaults.theme,
        kinds = kinds.join(", "),
        min_mentions = defaults.sidebar.min_mentions,
        min = super::LINE_LENGTHS.start(),
        max = super::LINE_LENGTHS.end(),
        max_line_length = defaults.max_line_length,
    );
    let keymap = KeyMap::default();
    for scope in Scope::ALL {
        let _ = write!(out, "\n# {}\n[keys.{}]\n", scope.title(), scope.name());
        for binding in keymap.scope(scope) {
            let keys: Vec<String> = binding
                .keys
                .iter()
                .map(|k| {
                    format!(
                        "\"{}\"",
                        k.to_string().replace('\\', "\\\\").replace('"', "\\\"")
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "# {} = [{}]  # {}",
                binding.action.name(),
                keys.join(", "),
                binding.help
            );
        }
    }
    out
}
