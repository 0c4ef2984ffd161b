//! Title, byline, date, source and tags from a page's metadata, in the order publishers
//! are most careful with: Open Graph and article meta, JSON-LD, then visible markup.

use serde_json::Value;

use super::blocks::Found;
use crate::article::Parsed;
use crate::article::cleanup::{byline_names, collapse_whitespace};
use crate::article::date::article_date;

/// Meta names for each field, best first.
const TITLE_KEYS: &[&str] = &["og:title", "twitter:title", "dc.title", "headline"];
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "dc.creator",
    "byl",
    "parsely-author",
    "sailthru.author",
    "twitter:creator",
];
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "date",
];

pub fn read(found: &Found) -> Parsed {
    let meta = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            found
                .meta
                .iter()
                .find(|(name, content)| name == k && !content.trim().is_empty())
                .map(|(_, content)| collapse_whitespace(content))
        })
    };
    let ld = JsonLd::read(&found.json_ld);
    let site_name = meta(&["og:site_name", "application-name", "twitter:site:name"])
        .or(ld.publisher)
        .filter(|s| !is_url(s));
    let title = meta(TITLE_KEYS)
        .or(ld.headline)
        .map(|t| without_site_name(&t, site_name.as_deref()))
        .or_else(|| title_from_headings(found));
    let language = found
        .html_lang
        .clone()
        .or_else(|| meta(&["og:locale", "content-language", "language", "dc.language"]))
        .or(ld.language);
    let author = AUTHOR_KEYS
        .iter()
        .filter_map(|k| meta(&[k]))
        .find(|a| !is_url(a) && !a.starts_with('@'))
        .or(ld.author)
        // Publishers sometimes write the "By" into the metadata too.
        .map(|a| byline_names(&a).unwrap_or(a))
        .or_else(|| found.byline_text.as_deref().and_then(byline_names));
    let date = meta(DATE_KEYS)
        .or(ld.date)
        .or_else(|| found.time_datetime.clone())
        .or_else(|| found.date_text.clone())
        .and_then(|d| article_date(&d));
    let source = found
        .canonical
        .clone()
        .filter(|u| is_url(u))
        .or_else(|| meta(&["og:url"]).filter(|u| is_url(u)))
        .or(ld.url.filter(|u| is_url(u)));
    let mut tags: Vec<String> = found
        .meta
        .iter()
        .filter(|(name, _)| name == "article:tag")
        .map(|(_, content)| collapse_whitespace(content))
        .collect();
    if tags.is_empty() {
        tags = ld.keywords;
    }
    if tags.is_empty()
        && let Some(keywords) = meta(&["news_keywords", "keywords", "parsely-tags"])
    {
        tags = split_list(&keywords);
    }
    Parsed {
        title,
        author,
        date,
        source,
        site_name,
        language,
        tags,
        paragraphs: Vec::new(),
    }
}

/// "Headline | Site" -> "Headline" when the suffix (or prefix) is the page's own site name:
/// Open Graph titles often carry it.
fn without_site_name(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) else {
        return title.to_string();
    };
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · ", ": "] {
        let suffix = format!("{separator}{site}");
        let prefix = format!("{site}{separator}");
        let head = if title.len() > suffix.len() && title.ends_with(&suffix) {
            &title[..title.len() - suffix.len()]
        } else if title.len() > prefix.len() && title.starts_with(&prefix) {
            &title[prefix.len()..]
        } else {
            continue;
        };
        if !head.trim().is_empty() {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

fn is_url(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://")
}

fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(collapse_whitespace)
        .filter(|t| !t.is_empty())
        .collect()
}

/// Without metadata: the heading that the `<title>` repeats (blogs put the post title in an
/// `<h3>` and the blog's name in the `<h1>`), else the first `<h1>` outside page furniture,
/// else the `<title>` without its site name, else any `<h1>`.
fn title_from_headings(found: &Found) -> Option<String> {
    let tag = collapse_whitespace(&found.title_tag).to_lowercase();
    let in_tag = found
        .headings
        .iter()
        .filter(|(_, text, _)| text.split_whitespace().count() >= 2)
        .filter(|(_, text, _)| !tag.is_empty() && tag.contains(&text.to_lowercase()))
        .max_by_key(|(_, text, in_furniture)| (!in_furniture, text.len()))
        .map(|(_, text, _)| text.clone());
    let h1 = |furniture_ok: bool| {
        found
            .headings
            .iter()
            .find(|(level, _, in_furniture)| *level == 1 && (furniture_ok || !in_furniture))
            .map(|(_, text, _)| text.clone())
    };
    in_tag
        .or_else(|| h1(false))
        .or_else(|| title_from_tag(&found.title_tag))
        .or_else(|| h1(true))
}

/// "The Headline | Site Name" -> "The Headline", when the part kept still reads as a title.
fn title_from_tag(title: &str) -> Option<String> {
    let title = collapse_whitespace(title);
    if title.is_empty() {
        return None;
    }
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(at) = title.rfind(separator) {
            let head = title[..at].trim();
            if head.split_whitespace().count() >= 3 {
                return Some(head.to_string());
            }
        }
    }
    Some(title)
}

/// The fields of a schema.org Article in the page's JSON-LD.
#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    author: Option<String>,
    date: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    language: Option<String>,
    keywords: Vec<String>,
}

impl JsonLd {
    fn read(scripts: &[String]) -> Self {
        let mut out = Self::default();
        for script in scripts {
            // serde_json caps nesting at 128 levels, so hostile JSON cannot overflow the stack.
            let Ok(value) = serde_json::from_str::<Value>(script) else {
                continue;
            };
            if let Some(article) = find_article(&value) {
                out.fill(article);
                break;
            }
        }
        out
    }

    fn fill(&mut self, article: &Value) {
        let text = |key: &str| {
            article
                .get(key)
                .and_then(Value::as_str)
                .map(collapse_whitespace)
                .filter(|s| !s.is_empty())
        };
        self.headline = text("headline").or_else(|| text("name"));
        self.date = text("datePublished").or_else(|| text("dateCreated"));
        self.url = text("url").or_else(|| {
            article
                .get("mainEntityOfPage")
                .and_then(|m| m.as_str().or_else(|| m.get("@id").and_then(Value::as_str)))
                .map(str::to_string)
        });
        self.author = article.get("author").and_then(names);
        self.publisher = article.get("publisher").and_then(names);
        self.language = text("inLanguage");
        self.keywords = match article.get("keywords") {
            Some(Value::String(s)) => split_list(s),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .map(collapse_whitespace)
                .filter(|s| !s.is_empty())
                .collect(),
            _ => Vec::new(),
        };
    }
}

/// The first object typed as an article, looking through top-level arrays and `@graph`.
fn find_article(value: &Value) -> Option<&Value> {
    let candidates: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(map) => match map.get("@graph") {
            Some(Value::Array(items)) => items.iter().collect(),
            _ => vec![value],
        },
        _ => Vec::new(),
    };
    candidates.into_iter().find(|v| {
        let is_article = |t: &str| t.ends_with("Article") || t == "BlogPosting" || t == "Report";
        match v.get("@type") {
            Some(Value::String(t)) => is_article(t),
            Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).any(is_article),
            _ => false,
        }
    })
}

fn names(author: &Value) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(collapse_whitespace(s)),
        Value::Object(_) => v
            .get("name")
            .and_then(Value::as_str)
            .map(collapse_whitespace),
        _ => None,
    };
    let list: Vec<String> = match author {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        v => one(v).into_iter().collect(),
    };
    let list: Vec<String> = list
        .into_iter()
        .filter(|n| !n.is_empty() && !is_url(n))
        .collect();
    (!list.is_empty()).then(|| list.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_tag_loses_the_site_name() {
        assert_eq!(
            title_from_tag("Grain Deal Collapses Again | The Daily Example").as_deref(),
            Some("Grain Deal Collapses Again")
        );
        assert_eq!(
            title_from_tag("Home - Site").as_deref(),
            Some("Home - Site")
        );
    }

    #[test]
    fn json_ld_article_fields() {
        let script = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
            {"@type":"NewsArticle","headline":"H","datePublished":"2020-01-02T03:04:05Z",
             "author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Kim"}],
             "keywords":"a, b"}]}"#;
        let ld = JsonLd::read(&[script.to_string()]);
        assert_eq!(ld.headline.as_deref(), Some("H"));
        assert_eq!(ld.author.as_deref(), Some("Ann Lee, Bo Kim"));
        assert_eq!(ld.date.as_deref(), Some("2020-01-02T03:04:05Z"));
        assert_eq!(ld.keywords, vec!["a", "b"]);
    }
}
