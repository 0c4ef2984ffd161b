//! Finding a page's feed: the `<link rel="alternate">` elements sites put in their `<head>`.

use std::cell::RefCell;

use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Feed types a `<link>` can announce, best first.
const FEED_TYPES: [&str; 4] = [
    "application/atom+xml",
    "application/rss+xml",
    "application/feed+json",
    "application/json",
];

/// The feeds `html` links to, absolute (resolved against `base`), best type first.
pub fn feed_links(html: &str, base: &str) -> Vec<String> {
    let sink = Sink(RefCell::new(Vec::new()));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    while let TokenizerResult::Script(()) = tokenizer.feed(&queue) {}
    tokenizer.end();
    let mut found = tokenizer.sink.0.into_inner();
    found.sort_by_key(|(rank, _)| *rank);
    let base = url::Url::parse(base).ok();
    let mut links: Vec<String> = Vec::new();
    for (_, href) in found {
        let absolute = match &base {
            Some(base) => base.join(&href).ok(),
            None => url::Url::parse(&href).ok(),
        };
        if let Some(url) = absolute.filter(|u| matches!(u.scheme(), "http" | "https")) {
            let url = url.to_string();
            if !links.contains(&url) {
                links.push(url);
            }
        }
    }
    links
}

/// Collects (rank of type, href) for each feed link.
struct Sink(RefCell<Vec<(usize, String)>>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token
            && tag.kind == TagKind::StartTag
            && &*tag.name == "link"
        {
            let attr = |key: &str| {
                tag.attrs
                    .iter()
                    .find(|a| &*a.name.local == key)
                    .map(|a| a.value.trim().to_ascii_lowercase())
            };
            let alternate = attr("rel")
                .is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "alternate"));
            let rank = attr("type").and_then(|t| FEED_TYPES.iter().position(|f| *f == t));
            let href = tag
                .attrs
                .iter()
                .find(|a| &*a.name.local == "href")
                .map(|a| a.value.trim().to_string());
            if let (true, Some(rank), Some(href)) = (alternate, rank, href) {
                self.0.borrow_mut().push((rank, href));
            }
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_alternate_feeds_best_first() {
        let html = r#"<html><head>
            <link rel="stylesheet" href="/s.css">
            <link rel="alternate" type="application/rss+xml" href="/rss.xml">
            <link rel="alternate" type="application/atom+xml" href="https://feeds.example.org/atom">
            <link rel="alternate" type="text/html" href="/fr/">
            </head><body><a href="/not-a-feed.xml">feed</a></body></html>"#;
        assert_eq!(
            feed_links(html, "https://example.org/blog/"),
            vec![
                "https://feeds.example.org/atom".to_string(),
                "https://example.org/rss.xml".to_string()
            ]
        );
        assert!(feed_links("<p>nothing</p>", "https://example.org/").is_empty());
    }
}
