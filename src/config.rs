//! The configuration file: one TOML file in the user's config folder (on Linux
//! `~/.config/dossier/config.toml`), or the one `--config` or `DOSSIER_CONFIG` names.
//!
//! A mistake in the file costs only the option it is in: each problem is reported with the
//! file, the line and the key, that option keeps its default, and the rest of the file applies.
//! That is why the file is walked key by key over toml's spanned tree instead of deserialized
//! in one go, which would stop at the first error.

use std::fmt;
use std::path::{Path, PathBuf};

use dossier::{Entity, EntityKind};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::keys::KeyMap;
use crate::ui::theme::ThemeChoice;

mod bindings;
mod template;

pub use template::default_file;

/// Reading lines shorter than this are hard to read; longer ones are too.
pub const LINE_LENGTHS: std::ops::RangeInclusive<usize> = 20..=400;

/// Everything the file can set, with the defaults for what it does not.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Folders of articles opened when the command line names none.
    pub library: Vec<PathBuf>,
    pub theme: ThemeChoice,
    pub keymap: KeyMap,
    pub sidebar: SidebarConfig,
    /// The reading pane's longest line of text, in columns.
    pub max_line_length: usize,
}

/// What the entity sidebar lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidebarConfig {
    /// The kinds shown, in this order.
    pub kinds: Vec<EntityKind>,
    /// Entities mentioned fewer times than this in an article are left out.
    pub min_mentions: usize,
}

impl SidebarConfig {
    /// Whether the sidebar lists `entity`. The byline counts as a mention, so the author of
    /// an article stays listed even where the body never names them.
    pub fn shows(&self, entity: &Entity) -> bool {
        self.kinds.contains(&entity.kind)
            && entity.mentions.len() + usize::from(entity.byline) >= self.min_mentions
    }
}

impl Default for SidebarConfig {
    fn default() -> Self {
        Self {
            kinds: crate::app::SECTIONS.to_vec(),
            min_mentions: 1,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            library: Vec::new(),
            theme: ThemeChoice::default(),
            keymap: KeyMap::default(),
            sidebar: SidebarConfig::default(),
            max_line_length: 80,
        }
    }
}

/// One mistake in the file; the option it names keeps its default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based; `None` when the file could not be read at all.
    pub line: Option<usize>,
    /// The option's dotted name (`keys.reading.CopyParagraph`); empty for the whole file.
    pub key: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = dossier::sanitize::sanitize(&self.file.display().to_string());
        write!(f, "{file}")?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if !self.key.is_empty() {
            write!(f, ": {}", dossier::sanitize::sanitize(&self.key))?;
        }
        write!(f, ": {}", dossier::sanitize::sanitize(&self.message))
    }
}

/// The configuration in force and what was wrong with the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub config: Config,
    pub problems: Vec<Problem>,
    /// The file it came from, if there was one.
    pub file: Option<PathBuf>,
}

/// Where the configuration file is: `flag`, else `DOSSIER_CONFIG`, else the config folder's
/// `config.toml`.
pub fn path(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(flag) = flag {
        return Some(flag.to_path_buf());
    }
    if let Some(env) = std::env::var_os("DOSSIER_CONFIG").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(env));
    }
    directories::ProjectDirs::from("", "", "dossier")
        .map(|dirs| dirs.config_dir().join("config.toml"))
}

/// Reads the configuration at `path`. A missing file at the default place is no problem (the
/// defaults apply); a missing file the user named is.
pub fn load(path: Option<&Path>, named: bool) -> Loaded {
    let Some(path) = path else {
        return Loaded {
            config: Config::default(),
            problems: Vec::new(),
            file: None,
        };
    };
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let (config, problems) = parse(&text, path);
            Loaded {
                config,
                problems,
                file: Some(path.to_path_buf()),
            }
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound && !named => Loaded {
            config: Config::default(),
            problems: Vec::new(),
            file: None,
        },
        Err(err) => Loaded {
            config: Config::default(),
            problems: vec![Problem {
                file: path.to_path_buf(),
                line: None,
                key: String::new(),
                message: format!("cannot read the configuration ({err}); using the defaults"),
            }],
            file: None,
        },
    }
}

/// The configuration `text` (read from `file`) describes, and its problems.
pub fn parse(text: &str, file: &Path) -> (Config, Vec<Problem>) {
    let mut reader = Reader {
        text,
        file,
        problems: Vec::new(),
    };
    let mut config = Config::default();
    let table = match DeTable::parse(text) {
        Ok(table) => table.into_inner(),
        Err(err) => {
            let line = err.span().map(|span| reader.line(span.start));
            reader.problems.push(Problem {
                file: file.to_path_buf(),
                line,
                key: String::new(),
                message: format!(
                    "not a TOML file ({}); using the defaults for every option",
                    err.message().trim()
                ),
            });
            return (config, reader.problems);
        }
    };
    for (key, value) in &table {
        match key.get_ref().as_ref() {
            "library" => {
                if let Some(library) = reader.library(value, file) {
                    config.library = library;
                }
            }
            "theme" => {
                if let Some(theme) = reader.theme(value) {
                    config.theme = theme;
                }
            }
            "sidebar" => reader.sidebar(value, &mut config.sidebar),
            "reading" => {
                reader.section(value, "reading", |reader, name, value| match name {
                    "max_line_length" => {
                        if let Some(n) =
                            reader.number(value, "reading.max_line_length", LINE_LENGTHS)
                        {
                            config.max_line_length = n;
                        }
                        true
                    }
                    _ => false,
                });
            }
            "keys" => bindings::apply(&mut reader, value, &mut config.keymap),
            other => reader.unknown(key, other, "library, theme, [sidebar], [reading], [keys]"),
        }
    }
    // The table is walked in key order; the report reads better in the file's order.
    reader.problems.sort_by_key(|p| p.line);
    (config, reader.problems)
}

/// Walks the file, collecting problems.
struct Reader<'t> {
    text: &'t str,
    file: &'t Path,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.text.as_bytes()[..offset]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    fn problem<T>(&mut self, at: &Spanned<T>, key: &str, message: impl Into<String>) {
        let line = self.line(at.span().start);
        self.problems.push(Problem {
            file: self.file.to_path_buf(),
            line: Some(line),
            key: key.to_owned(),
            message: message.into(),
        });
    }

    fn unknown<T>(&mut self, at: &Spanned<T>, key: &str, known: &str) {
        self.problem(
            at,
            key,
            format!("unknown option; the options here are {known}; ignored"),
        );
    }

    /// Calls `read` for each option of the table `value` (named `name`); `read` returns false
    /// for options it does not know.
    fn section(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        name: &str,
        mut read: impl FnMut(&mut Self, &str, &Spanned<DeValue<'_>>) -> bool,
    ) {
        let Some(table) = value.get_ref().as_table() else {
            self.problem(value, name, "expected a table ([section]); ignored");
            return;
        };
        for (key, value) in table {
            let option = key.get_ref().as_ref();
            if !read(self, option, value) {
                let full = format!("{name}.{option}");
                self.problem(key, &full, "unknown option; ignored");
            }
        }
    }

    fn strings(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<Vec<Spanned<String>>> {
        let items = match value.get_ref() {
            DeValue::String(s) => return Some(vec![Spanned::new(value.span(), s.to_string())]),
            DeValue::Array(items) => items,
            other => {
                let kind = other.type_str();
                self.problem(
                    value,
                    key,
                    format!(
                        "expected a string or a list of strings, found {kind}; using the default"
                    ),
                );
                return None;
            }
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_str() {
                Some(s) => out.push(Spanned::new(item.span(), s.to_owned())),
                None => {
                    let kind = item.get_ref().type_str();
                    self.problem(
                        item,
                        key,
                        format!(
                            "expected a list of strings, found {kind} in it; using the default"
                        ),
                    );
                    return None;
                }
            }
        }
        Some(out)
    }

    fn library(&mut self, value: &Spanned<DeValue<'_>>, file: &Path) -> Option<Vec<PathBuf>> {
        let folders = self.strings(value, "library")?;
        let base = file.parent().unwrap_or(Path::new("."));
        Some(
            folders
                .into_iter()
                .map(|folder| expand_path(folder.get_ref(), base))
                .collect(),
        )
    }

    fn theme(&mut self, value: &Spanned<DeValue<'_>>) -> Option<ThemeChoice> {
        let name = value.get_ref().as_str();
        match name.and_then(|n| n.parse().ok()) {
            Some(theme) => Some(theme),
            None => {
                let shown = name.map_or_else(
                    || value.get_ref().type_str().to_owned(),
                    |n| format!("'{n}'"),
                );
                self.problem(
                    value,
                    "theme",
                    format!(
                        "{shown} is not a theme; use one of {}; using the default",
                        ThemeChoice::NAMES.join(", ")
                    ),
                );
                None
            }
        }
    }

    fn sidebar(&mut self, value: &Spanned<DeValue<'_>>, sidebar: &mut SidebarConfig) {
        self.section(value, "sidebar", |reader, name, value| {
            match name {
                "kinds" => {
                    if let Some(kinds) = reader.kinds(value) {
                        sidebar.kinds = kinds;
                    }
                }
                "min_mentions" => {
                    if let Some(n) = reader.number(value, "sidebar.min_mentions", 1..=1000) {
                        sidebar.min_mentions = n;
                    }
                }
                _ => return false,
            }
            true
        });
    }

    fn kinds(&mut self, value: &Spanned<DeValue<'_>>) -> Option<Vec<EntityKind>> {
        let key = "sidebar.kinds";
        let names = self.strings(value, key)?;
        let mut kinds = Vec::new();
        for name in names {
            let kind = match name.get_ref().as_str() {
                "person" => EntityKind::Person,
                "group" => EntityKind::Group,
                "country" => EntityKind::Country,
                other => {
                    self.problem(
                        &name,
                        key,
                        format!("'{other}' is not a kind of entity; use person, group or country; using the default"),
                    );
                    return None;
                }
            };
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        Some(kinds)
    }

    fn number(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        range: std::ops::RangeInclusive<usize>,
    ) -> Option<usize> {
        let number = value
            .get_ref()
            .as_integer()
            .and_then(|n| i64::from_str_radix(n.as_str(), n.radix()).ok());
        match number.and_then(|n| usize::try_from(n).ok()) {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                let shown = match value.get_ref() {
                    DeValue::Integer(n) => n.to_string(),
                    DeValue::String(s) => format!("'{s}'"),
                    other => other.type_str().to_owned(),
                };
                self.problem(
                    value,
                    key,
                    format!(
                        "{shown} is not a whole number from {} to {}; using the default",
                        range.start(),
                        range.end()
                    ),
                );
                None
            }
        }
    }
}

/// `~/x` under the home folder; a relative path beside the configuration file.
fn expand_path(path: &str, base: &Path) -> PathBuf {
    if let Some(rest) = path.strip_prefix("~/")
        && let Some(home) = directories::BaseDirs::new()
    {
        return home.home_dir().join(rest);
    }
    let path = PathBuf::from(path);
    if path.is_relative() {
        base.join(path)
    } else {
        path
    }
}

#[cfg(test)]
mod tests;
