//! Following feeds: the subscriptions file, finding a page's feed, parsing the three formats,
//! importing and exporting subscriptions, and refreshing every feed into the library folder.

pub mod discover;
pub mod exchange;
pub mod parse;
pub mod refresh;
pub mod subscriptions;

pub use exchange::{Imported, import, to_opml};
pub use parse::{FeedError, Item, ParsedFeed, parse_feed};
pub use refresh::{Event, FeedResult, Progress, RefreshOptions, RefreshReport, refresh};
pub use subscriptions::{
    FEEDS_ENV, Feed, Subscriptions, SubscriptionsError, SubscriptionsLock, feeds_path,
};

use crate::fetch::{Client, FetchError, Outcome, Response, Validators, Wanted};

/// Why a URL given to `feed add` did not lead to a feed.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    #[error("{0}")]
    Fetch(#[from] FetchError),
    #[error("{0}")]
    Feed(#[from] FeedError),
    #[error("the page links to no feed (no <link rel=\"alternate\"> of a feed type)")]
    NoFeedLinked,
}

/// The feed at `url`, or the first working feed a page at `url` links to: its URL and title.
pub fn find_feed(client: &Client, url: &str) -> Result<(String, ParsedFeed), FindError> {
    let response = fetch(client, url)?;
    match parse_feed(&response.body, &response.url) {
        Ok(feed) => return Ok((response.url, feed)),
        Err(FeedError::Entities) => return Err(FeedError::Entities.into()),
        Err(err) if !looks_like_html(&response) => return Err(err.into()),
        Err(_) => {}
    }
    let html = String::from_utf8_lossy(&response.body);
    let links = discover::feed_links(&html, &response.url);
    let mut last_error = FindError::NoFeedLinked;
    for link in links.into_iter().take(4) {
        match fetch(client, &link).map_err(FindError::from).and_then(|r| {
            parse_feed(&r.body, &r.url)
                .map(|feed| (r.url, feed))
                .map_err(FindError::from)
        }) {
            Ok(found) => return Ok(found),
            Err(err) => last_error = err,
        }
    }
    Err(last_error)
}

fn fetch(client: &Client, url: &str) -> Result<Response, FetchError> {
    match client.get(url, Wanted::FeedOrPage, &Validators::default())? {
        Outcome::Fetched(response) => Ok(response),
        Outcome::NotModified => Err(FetchError::Status(304)),
    }
}

fn looks_like_html(response: &Response) -> bool {
    response.mime.contains("html") || {
        let head = &response.body[..response.body.len().min(1024)];
        let head = String::from_utf8_lossy(head).to_ascii_lowercase();
        head.contains("<html") || head.contains("<!doctype html")
    }
}

/// Adds the feeds of an imported file not yet followed; returns how many were new.
pub fn add_imported(subs: &mut Subscriptions, imported: Vec<Imported>) -> usize {
    let mut added = 0;
    for feed in imported {
        if crate::fetch::parse_web_url(&feed.url).is_err() {
            continue;
        }
        if let Some(index) = subs.find(&feed.url) {
            // Tags from the other reader join the ones already kept.
            let existing = &mut subs.feeds[index];
            for tag in feed.tags {
                if !existing.tags.contains(&tag) {
                    existing.tags.push(tag);
                }
            }
            if existing.title.is_none() {
                existing.title = feed.title;
            }
            continue;
        }
        subs.feeds.push(Feed {
            title: feed.title,
            tags: feed.tags,
            ..Feed::new(feed.url)
        });
        added += 1;
    }
    added
}
