//! `[keys.<scope>]`: the user's keys for actions, laid over the default key table.
//!
//! A binding replaces the keys of the action's row in that scope. A binding that would take a
//! key from another action of the same scope, or hide a global key in a pane (or the other way
//! round), is reported and dropped, so no key silently stops doing what the help says.

use toml::Spanned;
use toml::de::DeValue;

use super::Reader;
use crate::action::Action;
use crate::keys::{Key, KeyCode, KeyMap, Scope};

/// One binding from the file.
struct Override {
    scope: Scope,
    action: Action,
    keys: Vec<Key>,
    /// Where it is, for the report.
    at: Spanned<()>,
    name: String,
}

pub(super) fn apply(reader: &mut Reader<'_>, value: &Spanned<DeValue<'_>>, keymap: &mut KeyMap) {
    let defaults = KeyMap::default();
    let mut overrides = Vec::new();
    reader.section(value, "keys", |reader, scope_name, value| {
        let Some(scope) = Scope::from_name(scope_name) else {
            let scopes: Vec<&str> = Scope::ALL.iter().map(|s| s.name()).collect();
            reader.problem(
                value,
                &format!("keys.{scope_name}"),
                format!(
                    "unknown scope; the scopes are {}; ignored",
                    scopes.join(", ")
                ),
            );
            return true;
        };
        let section = format!("keys.{scope_name}");
        reader.section(value, &section, |reader, action_name, value| {
            let name = format!("{section}.{action_name}");
            let Some(action) = defaults
                .scope(scope)
                .map(|b| b.action)
                .find(|a| a.name() == action_name)
            else {
                let names: Vec<String> = defaults.scope(scope).map(|b| b.action.name()).collect();
                reader.problem(
                    value,
                    &name,
                    format!(
                        "unknown action '{action_name}' in {scope_name}; the actions there are {}",
                        names.join(", ")
                    ),
                );
                return true;
            };
            if let Some(keys) = read_keys(reader, value, &name, scope, action) {
                overrides.push(Override {
                    scope,
                    action,
                    keys,
                    at: Spanned::new(value.span(), ()),
                    name,
                });
            }
            true
        });
        true
    });
    *keymap = settle(reader, &defaults, &overrides);
}

fn read_keys(
    reader: &mut Reader<'_>,
    value: &Spanned<DeValue<'_>>,
    name: &str,
    scope: Scope,
    action: Action,
) -> Option<Vec<Key>> {
    let texts = reader.strings(value, name)?;
    let mut keys = Vec::new();
    for text in texts {
        let key: Key = match text.get_ref().parse() {
            Ok(key) => key,
            Err(err) => {
                reader.problem(&text, name, format!("{err}; keeping the default keys"));
                return None;
            }
        };
        if scope.takes_text() && !key.ctrl && matches!(key.code, KeyCode::Char(_)) {
            reader.problem(
                &text,
                name,
                format!(
                    "'{key}' would stop that character being typed; use C-<char> or a named key; keeping the default keys"
                ),
            );
            return None;
        }
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    if keys.is_empty() && action == Action::Quit && scope == Scope::Global {
        reader.problem(
            value,
            name,
            "quitting needs a key; keeping the default keys",
        );
        return None;
    }
    Some(keys)
}

/// The defaults with every override that clashes with nothing. Dropping one override can
/// bring back a default key that another override took, so this repeats until nothing clashes.
fn settle(reader: &mut Reader<'_>, defaults: &KeyMap, overrides: &[Override]) -> KeyMap {
    let mut active = vec![true; overrides.len()];
    loop {
        let mut map = defaults.clone();
        for (o, _) in overrides.iter().zip(&active).filter(|(_, on)| **on) {
            map.rebind(o.scope, o.action, o.keys.clone());
        }
        let clash = overrides
            .iter()
            .enumerate()
            .filter(|(i, _)| active[*i])
            .find_map(|(i, o)| clash(&map, o).map(|c| (i, c)));
        let Some((i, (key, scope, other))) = clash else {
            return map;
        };
        active[i] = false;
        let o = &overrides[i];
        let place = if scope == o.scope {
            format!("in {}", scope.name())
        } else {
            format!("in {}, which it would hide", scope.name())
        };
        reader.problem(
            &o.at,
            &o.name,
            format!(
                "'{key}' is already bound to {} {place}; keeping the default keys",
                other.name()
            ),
        );
    }
}

/// The first key of `o` that another row also claims where both would apply: the same scope,
/// or a pane and the global scope behind it.
fn clash(map: &KeyMap, o: &Override) -> Option<(Key, Scope, Action)> {
    let neighbours: Vec<Scope> = if o.scope == Scope::Global {
        Scope::ALL.into_iter().filter(|s| s.is_pane()).collect()
    } else if o.scope.is_pane() {
        vec![Scope::Global]
    } else {
        Vec::new()
    };
    o.keys.iter().find_map(|key| {
        std::iter::once(o.scope)
            .chain(neighbours.iter().copied())
            .flat_map(|scope| map.scope(scope))
            .find(|b| b.keys.contains(key) && !(b.scope == o.scope && b.action == o.action))
            .map(|b| (*key, b.scope, b.action))
    })
}
