//! Feeds read with feed-rs (RSS 0.9x, 1.0 and 2.0, Atom, JSON Feed), after a guard against
//! XML entity expansion.
//!
//! feed-rs resolves only the predefined XML entities and leaves others as text, but a document
//! that declares entities in a DOCTYPE has no business being a feed, and refusing it outright
//! means no parser version can be talked into expanding a billion laughs.

use chrono::{DateTime, Utc};

use crate::sanitize::sanitize_line;

/// A feed as dossier needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub items: Vec<Item>,
}

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The feed's id for it (its guid, id or link); what "seen" remembers.
    pub id: String,
    pub title: Option<String>,
    /// The page it links to.
    pub link: Option<String>,
    pub author: Option<String>,
    pub published: Option<DateTime<Utc>>,
    /// The full text as HTML, when the feed carries it.
    pub content: Option<String>,
    /// A summary as HTML, when that is all the feed carries.
    pub summary: Option<String>,
}

/// Why a feed could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    #[error(
        "refused: the feed declares XML entities (a DOCTYPE with <!ENTITY>), which could expand without bound"
    )]
    Entities,
    #[error("not a feed: {0}")]
    NotAFeed(String),
}

/// An item whose full text is shorter than this (in characters of HTML) counts as a summary.
const SUMMARY_CHARS: usize = 600;

/// Parses `bytes` as a feed fetched from `url` (relative links resolve against it).
pub fn parse_feed(bytes: &[u8], url: &str) -> Result<ParsedFeed, FeedError> {
    if declares_entities(bytes) {
        return Err(FeedError::Entities);
    }
    let parser = feed_rs::parser::Builder::new().base_uri(Some(url)).build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| FeedError::NotAFeed(sanitize_line(&e.to_string())))?;
    let items = feed
        .entries
        .into_iter()
        .map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or_else(|| entry.links.first())
                .map(|l| l.href.clone());
            let content = entry
                .content
                .and_then(|c| c.body)
                .filter(|b| !b.trim().is_empty());
            let summary = entry
                .summary
                .map(|s| s.content)
                .filter(|s| !s.trim().is_empty());
            // RSS puts the full text in <description> as often as a summary: long is full.
            let (content, summary) = match (content, summary) {
                (Some(content), summary) => (Some(content), summary),
                (None, Some(summary)) if summary.len() >= SUMMARY_CHARS => (Some(summary), None),
                (None, summary) => (None, summary),
            };
            let id = if entry.id.trim().is_empty() {
                link.clone().unwrap_or_default()
            } else {
                entry.id
            };
            Item {
                id,
                title: entry
                    .title
                    .map(|t| t.content)
                    .filter(|t| !t.trim().is_empty()),
                link,
                author: entry.authors.iter().find_map(|p| p.name.clone()),
                published: entry.published.or(entry.updated),
                content,
                summary,
            }
        })
        .collect();
    Ok(ParsedFeed {
        title: feed
            .title
            .map(|t| t.content)
            .filter(|t| !t.trim().is_empty()),
        items,
    })
}

/// Whether the document opens with a DOCTYPE that declares entities.
pub fn declares_entities(bytes: &[u8]) -> bool {
    // The prolog comes before the root element; looking past the first `<` that starts an
    // element would be looking at content.
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let lower = head.to_ascii_lowercase();
    let Some(doctype) = find(&lower, b"<!doctype") else {
        return false;
    };
    find(&lower[doctype..], b"<!entity").is_some()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>https://example.org/1</link><guid>g1</guid><description>Short</description></item>
</channel></rss>"#;

    #[test]
    fn reads_rss_items() {
        let feed = parse_feed(RSS.as_bytes(), "https://example.org/feed").expect("feed");
        assert_eq!(feed.title.as_deref(), Some("T"));
        assert_eq!(feed.items.len(), 1);
        let item = &feed.items[0];
        assert_eq!(item.id, "g1");
        assert_eq!(item.link.as_deref(), Some("https://example.org/1"));
        assert_eq!(item.summary.as_deref(), Some("Short"));
        assert_eq!(item.content, None);
    }

    #[test]
    fn reads_json_feed_and_atom() {
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[
            {"id":"1","url":"https://example.org/j","title":"J1","content_html":"<p>Body</p>"}]}"#;
        let feed = parse_feed(json.as_bytes(), "https://example.org/").expect("json feed");
        assert_eq!(feed.items[0].content.as_deref(), Some("<p>Body</p>"));
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
            <entry><id>urn:a</id><title>A1</title><link href="/a1"/><summary>S</summary></entry></feed>"#;
        let feed = parse_feed(atom.as_bytes(), "https://example.org/x/feed").expect("atom");
        assert_eq!(
            feed.items[0].link.as_deref(),
            Some("https://example.org/a1")
        );
    }

    #[test]
    fn reads_rss_091_and_rss_10() {
        let rss091 = r#"<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title>
            <item><title>O1</title><link>https://example.org/o1</link><description>Text</description></item>
            </channel></rss>"#;
        let feed = parse_feed(rss091.as_bytes(), "https://example.org/").expect("rss 0.91");
        assert_eq!(feed.title.as_deref(), Some("Old"));
        assert_eq!(
            feed.items[0].link.as_deref(),
            Some("https://example.org/o1")
        );
        let again = parse_feed(rss091.as_bytes(), "https://example.org/").expect("rss 0.91");
        assert!(
            !feed.items[0].id.is_empty(),
            "no guid: feed-rs makes a stable id"
        );
        assert_eq!(feed.items[0].id, again.items[0].id);
        let rss10 = r#"<?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
            <channel rdf:about="https://example.org/"><title>RDF</title><link>https://example.org/</link></channel>
            <item rdf:about="https://example.org/r1"><title>R1</title><link>https://example.org/r1</link>
            <description>Summary</description></item></rdf:RDF>"#;
        let feed = parse_feed(rss10.as_bytes(), "https://example.org/").expect("rss 1.0");
        assert_eq!(feed.title.as_deref(), Some("RDF"));
        assert_eq!(feed.items[0].title.as_deref(), Some("R1"));
        assert_eq!(
            feed.items[0].link.as_deref(),
            Some("https://example.org/r1")
        );
    }

    #[test]
    fn entity_declarations_are_refused() {
        let laughs = r#"<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>
<rss version="2.0"><channel><title>&b;</title></channel></rss>"#;
        assert_eq!(
            parse_feed(laughs.as_bytes(), "https://example.org/"),
            Err(FeedError::Entities)
        );
        assert!(!declares_entities(RSS.as_bytes()));
    }

    #[test]
    fn html_is_not_a_feed() {
        assert!(matches!(
            parse_feed(b"<html><body>hi</body></html>", "https://example.org/"),
            Err(FeedError::NotAFeed(_))
        ));
    }
}
