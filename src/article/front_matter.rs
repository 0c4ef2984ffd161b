//! Jekyll/Hugo-style front matter: YAML between `---` lines or TOML between `+++` lines.
//!
//! TOML goes through the `toml` crate and YAML through `yaml-rust2`, so quoting, escapes,
//! block scalars and indentation are read as the specifications say. Front matter that is
//! not valid YAML (Jekyll sites often carry an unquoted `title: A: B`) falls back to a
//! tolerant line reader: whatever it does not understand it skips instead of failing the
//! article. YAML nesting is checked before parsing, because the parser builds and drops
//! nested values recursively.

use super::ArticleDate;
use super::cleanup::collapse_whitespace;
use super::date::article_date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Yaml,
    Toml,
}

/// The article fields front matter can set.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<ArticleDate>,
    pub source: Option<String>,
    /// The publication or feed the article was saved from (`feed`, as dossier writes it for
    /// a feed item, `site_name`, `publication`).
    pub site_name: Option<String>,
    pub tags: Vec<String>,
}

/// A value as the article model needs it: text or a list of texts.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Field {
    Text(String),
    List(Vec<String>),
}

/// Splits `text` into its front matter (if it opens with one) and the Markdown body.
pub fn split(text: &str) -> (Option<(Kind, &str)>, &str) {
    let (kind, fence) = if text.starts_with("---\n") {
        (Kind::Yaml, "---")
    } else if text.starts_with("+++\n") {
        (Kind::Toml, "+++")
    } else {
        return (None, text);
    };
    let inner_start = fence.len() + 1;
    let mut offset = inner_start;
    for line in text[inner_start..].split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == fence || (kind == Kind::Yaml && bare == "...") {
            let body = &text[offset + line.len()..];
            return (Some((kind, &text[inner_start..offset])), body);
        }
        offset += line.len();
    }
    // No closing fence: a horizontal rule at the top, not front matter.
    (None, text)
}

/// Reads the fields dossier uses. An error names what was wrong, for the article's warnings.
pub fn read(kind: Kind, raw: &str) -> Result<FrontMatter, String> {
    let fields = match kind {
        Kind::Toml => toml_fields(raw)?,
        Kind::Yaml => parsed_yaml_fields(raw).unwrap_or_else(|| yaml_fields(raw)),
    };
    Ok(FrontMatter::from_fields(&fields))
}

impl FrontMatter {
    fn from_fields(fields: &[(String, Field)]) -> Self {
        let get = |keys: &[&str]| {
            keys.iter().find_map(|k| {
                fields
                    .iter()
                    .find(|(name, _)| name == k)
                    .map(|(_, f)| f.clone())
            })
        };
        let text = |keys: &[&str]| {
            get(keys)
                .and_then(|f| match f {
                    Field::Text(t) => Some(t),
                    Field::List(items) => items.into_iter().next(),
                })
                .map(|t| collapse_whitespace(&t))
                .filter(|t| !t.is_empty())
        };
        let list = |keys: &[&str]| -> Vec<String> {
            keys.iter()
                .filter_map(|k| get(&[k]))
                .flat_map(|f| match f {
                    Field::Text(t) => t.split(',').map(str::to_string).collect(),
                    Field::List(items) => items,
                })
                .map(|t| collapse_whitespace(&t))
                .filter(|t| !t.is_empty())
                .collect()
        };
        let authors = list(&[
            "author",
            "authors",
            "author.name",
            "byline",
            "creator",
            "params.author",
            "params.authors",
        ]);
        let mut tags = list(&["tags", "categories", "labels", "topics", "params.tags"]);
        if tags.is_empty() {
            tags = list(&["keywords"]);
        }
        Self {
            title: text(&["title", "headline", "params.title"]),
            author: (!authors.is_empty()).then(|| {
                // `author` and `authors` often repeat each other.
                let mut unique: Vec<String> = Vec::new();
                for a in authors {
                    if !unique.contains(&a) {
                        unique.push(a);
                    }
                }
                unique.join(", ")
            }),
            date: text(&[
                "date",
                "published",
                "publishdate",
                "publish_date",
                "pubdate",
                "date_published",
                "published_at",
                "created",
                "created_at",
                "params.date",
                "lastmod",
                "updated",
            ])
            .and_then(|d| article_date(&d)),
            source: [
                "source",
                "source_url",
                "canonical_url",
                "canonical",
                "original_url",
                "original",
                "link",
                "url",
                "external_url",
                "permalink",
                "params.source",
            ]
            .iter()
            .filter_map(|k| text(&[k]))
            .find(|u| u.starts_with("http://") || u.starts_with("https://")),
            site_name: text(&["feed", "site_name", "publication", "params.publication"]),
            tags,
        }
    }
}

fn toml_fields(raw: &str) -> Result<Vec<(String, Field)>, String> {
    let table: toml::Table = raw.parse().map_err(|e: toml::de::Error| {
        format!("the TOML front matter is invalid: {}", e.message())
    })?;
    let mut fields = Vec::new();
    for (key, value) in &table {
        let key = key.to_lowercase();
        if let toml::Value::Table(inner) = value {
            for (sub, value) in inner {
                if let Some(field) = toml_field(value) {
                    fields.push((format!("{key}.{}", sub.to_lowercase()), field));
                }
            }
        } else if let Some(field) = toml_field(value) {
            fields.push((key, field));
        }
    }
    Ok(fields)
}

fn toml_field(value: &toml::Value) -> Option<Field> {
    let scalar = |v: &toml::Value| match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        toml::Value::Table(t) => t.get("name").and_then(|n| n.as_str()).map(str::to_string),
        toml::Value::Array(_) => None,
    };
    match value {
        toml::Value::Array(items) => Some(Field::List(items.iter().filter_map(scalar).collect())),
        v => scalar(v).map(Field::Text),
    }
}

/// Flow (`[`, `{`) or block nesting deeper than this is not front matter; it is refused
/// before the recursive parser sees it.
const MAX_YAML_NESTING: usize = 32;

/// The fields of valid YAML front matter: top-level keys, with one level of mappings kept as
/// `key.name`. `None` when the text is not valid YAML or not a mapping.
fn parsed_yaml_fields(raw: &str) -> Option<Vec<(String, Field)>> {
    use yaml_rust2::{Yaml, YamlLoader};
    if yaml_nesting(raw) > MAX_YAML_NESTING {
        return None;
    }
    let docs = YamlLoader::load_from_str(raw).ok()?;
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
        return None;
    };
    let scalar = |v: &Yaml| match v {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        Yaml::Hash(h) => h
            .get(&Yaml::String("name".into()))
            .and_then(Yaml::as_str)
            .map(str::to_string),
        _ => None,
    };
    let field = |v: &Yaml| match v {
        Yaml::Array(items) => Some(Field::List(items.iter().filter_map(scalar).collect())),
        v => scalar(v).map(Field::Text),
    };
    let mut fields = Vec::new();
    for (key, value) in &map {
        let Some(key) = scalar(key).map(|k| k.to_lowercase()) else {
            continue;
        };
        if let Yaml::Hash(inner) = value {
            for (sub, value) in inner {
                if let (Some(sub), Some(f)) = (scalar(sub), field(value)) {
                    fields.push((format!("{key}.{}", sub.to_lowercase()), f));
                }
            }
        } else if let Some(f) = field(value) {
            fields.push((key, f));
        }
    }
    Some(fields)
}

/// An upper bound of the nesting depth: open flow brackets, or indentation steps.
fn yaml_nesting(raw: &str) -> usize {
    let mut flow = 0usize;
    let mut deepest = 0usize;
    for c in raw.chars() {
        match c {
            '[' | '{' => {
                flow += 1;
                deepest = deepest.max(flow);
            }
            ']' | '}' => flow = flow.saturating_sub(1),
            _ => {}
        }
    }
    let indents = raw
        .lines()
        .map(|l| l.len() - l.trim_start_matches([' ', '-', '?', ':']).len())
        .max()
        .unwrap_or(0);
    deepest.max(indents / 2)
}

/// Reads top-level `key: value` pairs, `key:` followed by `- item` lines or by indented
/// `name: value` pairs (kept as `key.name`), and `|`/`>` block scalars.
fn yaml_fields(raw: &str) -> Vec<(String, Field)> {
    let mut fields: Vec<(String, Field)> = Vec::new();
    let mut open: Option<(String, OpenValue)> = None;
    for line in raw.lines() {
        let trimmed = line.trim();
        let indented = line.starts_with([' ', '\t']);
        if trimmed.starts_with('#')
            || (trimmed.is_empty() && !matches!(open, Some((_, OpenValue::Block { .. }))))
        {
            continue;
        }
        if indented || trimmed.starts_with("- ") || trimmed == "-" {
            if let Some((key, value)) = &mut open {
                match value {
                    OpenValue::Block { lines, .. } => lines.push(trimmed.to_string()),
                    OpenValue::Pending => {
                        if let Some(item) = trimmed.strip_prefix('-') {
                            *value = OpenValue::List(vec![list_item(item)]);
                        } else if let Some((sub, v)) = split_pair(trimmed) {
                            fields.push((format!("{key}.{sub}"), Field::Text(scalar(v))));
                        }
                    }
                    OpenValue::List(items) => {
                        if let Some(item) = trimmed.strip_prefix('-') {
                            items.push(list_item(item));
                        }
                    }
                }
            }
            continue;
        }
        if let Some((key, value)) = open.take() {
            fields.extend(value.finish(key));
        }
        let Some((key, value)) = split_pair(trimmed) else {
            continue;
        };
        let value = strip_comment(value);
        if value.is_empty() {
            open = Some((key, OpenValue::Pending));
        } else if value.starts_with('|') || value.starts_with('>') {
            open = Some((
                key,
                OpenValue::Block {
                    folded: value.starts_with('>'),
                    lines: Vec::new(),
                },
            ));
        } else if let Some(inner) = value.strip_prefix('[') {
            let items = split_inline(inner.trim_end_matches(']'));
            fields.push((key, Field::List(items)));
        } else if let Some(inner) = value.strip_prefix('{') {
            for part in split_inline(inner.trim_end_matches('}')) {
                if let Some((sub, v)) = split_pair(&part) {
                    fields.push((format!("{key}.{sub}"), Field::Text(scalar(v))));
                }
            }
        } else {
            fields.push((key, Field::Text(scalar(value))));
        }
    }
    if let Some((key, value)) = open.take() {
        fields.extend(value.finish(key));
    }
    fields
}

/// A key whose value continues on the following lines.
enum OpenValue {
    Pending,
    List(Vec<String>),
    Block { folded: bool, lines: Vec<String> },
}

impl OpenValue {
    fn finish(self, key: String) -> Option<(String, Field)> {
        match self {
            Self::Pending => None,
            Self::List(items) => Some((key, Field::List(items))),
            Self::Block { folded, lines } => {
                let joined = lines.join(if folded { " " } else { "\n" });
                Some((key, Field::Text(joined.trim().to_string())))
            }
        }
    }
}

/// `key: value` with a plain or quoted key, lowercased.
fn split_pair(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']).to_lowercase();
    if key.is_empty() || key.contains(' ') && key.split_whitespace().count() > 3 {
        return None;
    }
    Some((key, value.trim()))
}

/// A `- item` value; list items that are maps (`- name: Ann`) give their `name`.
fn list_item(item: &str) -> String {
    let item = item.trim();
    match split_pair(item) {
        Some((key, value)) if !item.starts_with(['"', '\'']) && key == "name" => scalar(value),
        _ => scalar(item),
    }
}

/// Removes a trailing ` # comment` outside quotes.
fn strip_comment(value: &str) -> &str {
    let mut quote = None;
    for (i, c) in value.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if i == 0 || value[..i].ends_with(' ') => return value[..i].trim_end(),
            _ => {}
        }
    }
    value.trim()
}

/// Unquotes a scalar: `"a \"b\""`, `'it''s'` or plain text.
fn scalar(value: &str) -> String {
    let value = strip_comment(value.trim());
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        return out;
    }
    if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        return inner.replace("''", "'");
    }
    value.to_string()
}

/// Splits `a, "b, c", d` at commas outside quotes.
fn split_inline(inner: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quote = None;
    for c in inner.chars() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                current.push(c);
            }
            (Some(q), c) if c == q => {
                quote = None;
                current.push(c);
            }
            (None, ',') => items.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    items.push(current);
    items
        .iter()
        .map(|i| scalar(i))
        .filter(|i| !i.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn yaml(raw: &str) -> FrontMatter {
        read(Kind::Yaml, raw).unwrap()
    }

    #[test]
    fn splits_yaml_and_toml_front_matter() {
        let (fm, body) = split("---\ntitle: A\n---\nBody\n");
        assert_eq!(fm, Some((Kind::Yaml, "title: A\n")));
        assert_eq!(body, "Body\n");
        let (fm, body) = split("+++\ntitle = \"A\"\n+++\n\nBody");
        assert_eq!(fm, Some((Kind::Toml, "title = \"A\"\n")));
        assert_eq!(body, "\nBody");
        assert_eq!(split("---\nno end").0, None);
    }

    #[test]
    fn reads_flat_yaml() {
        let fm = yaml(
            "title: \"Grain: the \\\"deal\\\"\"\nauthor: 'Ann O''Neil'\ndate: 2021-03-04 10:00:00 +0000\n\
             source: https://example.org/a # original\ntags: [food, \"trade, global\"]\n",
        );
        assert_eq!(fm.title.as_deref(), Some("Grain: the \"deal\""));
        assert_eq!(fm.author.as_deref(), Some("Ann O'Neil"));
        assert_eq!(
            fm.date,
            Some(ArticleDate::Day(
                NaiveDate::from_ymd_opt(2021, 3, 4).unwrap()
            ))
        );
        assert_eq!(fm.source.as_deref(), Some("https://example.org/a"));
        assert_eq!(fm.tags, vec!["food", "trade, global"]);
    }

    #[test]
    fn a_saved_feed_items_feed_is_its_publication() {
        // As dossier writes a feed item: the feed's title and its address.
        let fm = yaml(
            "title: Grain
feed: \"Harbour Post: World\"\nfeed_url: https://h.example/rss\n",
        );
        assert_eq!(fm.site_name.as_deref(), Some("Harbour Post: World"));
        assert_eq!(
            yaml("site_name: Harbour Post\n").site_name.as_deref(),
            Some("Harbour Post")
        );
        assert_eq!(yaml("title: Grain\n").site_name, None);
    }

    #[test]
    fn reads_block_lists_and_nested_authors() {
        let fm = yaml(
            "title: T\nauthors:\n  - name: Ann Lee\n  - Bo Kim\ntags:\n- one\n- two\n\
             summary: >\n  folded\n  text\n",
        );
        assert_eq!(fm.author.as_deref(), Some("Ann Lee, Bo Kim"));
        assert_eq!(fm.tags, vec!["one", "two"]);
        let fm = yaml("author:\n  name: Cy Young\n  email: c@example.org\n");
        assert_eq!(fm.author.as_deref(), Some("Cy Young"));
    }

    #[test]
    fn reads_toml() {
        let fm = read(
            Kind::Toml,
            "title = \"T\"\ndate = 2020-05-06T07:08:09Z\ntags = [\"a\", \"b\"]\n\
             [params]\nauthor = \"Di Ng\"\n",
        )
        .unwrap();
        assert_eq!(fm.title.as_deref(), Some("T"));
        assert_eq!(fm.author.as_deref(), Some("Di Ng"));
        assert_eq!(
            fm.date,
            Some(ArticleDate::Day(
                NaiveDate::from_ymd_opt(2020, 5, 6).unwrap()
            ))
        );
        assert_eq!(fm.tags, vec!["a", "b"]);
    }

    #[test]
    fn bad_toml_is_an_error_not_a_panic() {
        let err = read(Kind::Toml, "title = \n[[[").unwrap_err();
        assert!(err.contains("TOML front matter is invalid"), "{err}");
    }

    #[test]
    fn urls_that_are_site_paths_are_not_sources() {
        assert_eq!(yaml("url: /posts/x/\n").source, None);
    }
}
