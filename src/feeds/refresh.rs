//! Refreshing every feed: fetched in parallel with at most a few requests per host at a time,
//! conditionally (ETag, Last-Modified), new items saved as articles, items that carry only a
//! summary read from their page.
//!
//! Each feed's outcome is written to the subscriptions file as soon as its items are saved, so
//! an interrupted refresh does not save the same items again next time. A feed that fails keeps
//! its validators and seen items and every article it brought before.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

use chrono::Utc;
use rayon::prelude::*;

use super::parse::{Item, parse_feed};
use super::{Feed, Subscriptions};
use crate::article::{Article, ArticleDate, parse_article};
use crate::fetch::{Outcome, Validators, Wanted};
use crate::intake::{AddError, Intake, page_urls, read_page};
use crate::sanitize::sanitize_line;
use crate::saved_article::{Provenance, save_article};

/// How a refresh runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefreshOptions {
    /// Requests in flight at once, over all hosts.
    pub threads: usize,
    /// Requests in flight at once to one host.
    pub per_host: usize,
}

impl Default for RefreshOptions {
    fn default() -> Self {
        Self {
            threads: 8,
            per_host: 4,
        }
    }
}

/// How far a refresh has got, for a progress bar or the status bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub feeds_done: usize,
    pub feeds_total: usize,
    /// Articles saved so far.
    pub saved: usize,
    /// Feeds and items that failed so far.
    pub failed: usize,
}

/// What a refresh tells its caller while it runs (from worker threads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event<'a> {
    /// The counts changed.
    Progress(Progress),
    /// An article was just saved, as this file.
    Saved(&'a Path),
}

/// What refreshing one feed came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedResult {
    pub url: String,
    /// Its title (or URL), safe for a terminal.
    pub name: String,
    /// Whether the server answered 304 Not Modified.
    pub unchanged: bool,
    /// The articles saved: file and title.
    pub saved: Vec<(PathBuf, String)>,
    /// One line per failure: the feed's own, or an item's.
    pub failures: Vec<String>,
    /// Whether the feed itself failed (its old items are kept).
    pub feed_failed: bool,
}

/// Every feed's result, in subscription order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefreshReport {
    pub feeds: Vec<FeedResult>,
    /// Set when the subscriptions file could not be saved.
    pub save_error: Option<String>,
}

impl RefreshReport {
    pub fn saved(&self) -> usize {
        self.feeds.iter().map(|f| f.saved.len()).sum()
    }

    /// Every failure as `feed: reason`.
    pub fn failures(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .feeds
            .iter()
            .flat_map(|f| {
                f.failures
                    .iter()
                    .map(move |why| format!("{}: {why}", f.name))
            })
            .collect();
        out.extend(self.save_error.clone());
        out
    }
}

/// Refreshes every feed in `subs` into `intake.library`, writing `subs` to `save_to` (when
/// given) after each feed that changed it. `events` is called from worker threads as articles
/// are saved and the counts change.
pub fn refresh(
    intake: &Intake,
    subs: &mut Subscriptions,
    save_to: Option<&Path>,
    options: RefreshOptions,
    events: &(dyn Fn(Event<'_>) + Sync),
) -> RefreshReport {
    let feeds: Vec<Feed> = subs.feeds.clone();
    let total = feeds.len();
    let shared = Mutex::new((subs, None::<String>));
    let hosts = HostLimit::new(options.per_host.max(1));
    let done = AtomicUsize::new(0);
    let saved = AtomicUsize::new(0);
    let failed = AtomicUsize::new(0);
    let report_progress = || {
        events(Event::Progress(Progress {
            feeds_done: done.load(Ordering::Relaxed),
            feeds_total: total,
            saved: saved.load(Ordering::Relaxed),
            failed: failed.load(Ordering::Relaxed),
        }));
    };
    report_progress();
    let work = || {
        feeds
            .par_iter()
            .map(|feed| {
                let result = refresh_one(intake, feed, &shared, save_to, &hosts, &|path| {
                    if let Some(path) = path {
                        saved.fetch_add(1, Ordering::Relaxed);
                        events(Event::Saved(path));
                    } else {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                    report_progress();
                });
                if result.feed_failed {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
                done.fetch_add(1, Ordering::Relaxed);
                report_progress();
                result
            })
            .collect::<Vec<FeedResult>>()
    };
    let results = match rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.max(1))
        .thread_name(|i| format!("dossier-fetch-{i}"))
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    };
    let (subs, mut save_error) = shared.into_inner().unwrap_or_else(PoisonError::into_inner);
    // The times feeds were checked (and failures) are worth one write at the end.
    if let Some(path) = save_to
        && let Err(err) = subs.save(path)
    {
        save_error = Some(sanitize_line(&err.to_string()));
    }
    RefreshReport {
        feeds: results,
        save_error,
    }
}

type Shared<'a> = Mutex<(&'a mut Subscriptions, Option<String>)>;

/// What became of one new item.
enum ItemOutcome {
    Saved {
        id: String,
        urls: Vec<String>,
        path: PathBuf,
        title: String,
    },
    /// Already in the library under one of its URLs.
    Known {
        id: String,
        urls: Vec<String>,
        path: PathBuf,
    },
    Failed(String),
}

fn refresh_one(
    intake: &Intake,
    feed: &Feed,
    shared: &Shared<'_>,
    save_to: Option<&Path>,
    hosts: &HostLimit,
    item_done: &(dyn Fn(Option<&Path>) + Sync),
) -> FeedResult {
    let mut result = FeedResult {
        url: feed.url.clone(),
        name: feed.display_name(),
        unchanged: false,
        saved: Vec::new(),
        failures: Vec::new(),
        feed_failed: false,
    };
    let fetched = hosts.run(&feed.url, || {
        intake
            .client
            .get(&feed.url, Wanted::FeedOrPage, &feed.validators())
    });
    let parsed = match fetched {
        Ok(Outcome::NotModified) => {
            result.unchanged = true;
            update_feed(shared, &feed.url, |f| {
                f.last_checked = Some(Utc::now());
                f.last_error = None;
            });
            return result;
        }
        Ok(Outcome::Fetched(response)) => parse_feed(&response.body, &response.url)
            .map(|parsed| (parsed, response.validators))
            .map_err(|e| e.to_string()),
        Err(err) => Err(err.to_string()),
    };
    let (parsed, validators) = match parsed {
        Ok(ok) => ok,
        Err(why) => {
            let why = sanitize_line(&why);
            update_feed(shared, &feed.url, |f| {
                f.last_checked = Some(Utc::now());
                f.last_error = Some(why.clone());
            });
            result.failures.push(why);
            result.feed_failed = true;
            return result;
        }
    };
    let feed_title = feed.title.clone().or_else(|| parsed.title.clone());
    let new_items: Vec<&Item> = parsed
        .items
        .iter()
        .filter(|item| !item.id.is_empty() && !feed.seen.contains(&item.id))
        .collect();
    let outcomes: Vec<ItemOutcome> = new_items
        .par_iter()
        .map(|item| {
            let known = item.link.as_deref().and_then(|link| {
                let guard = shared.lock().unwrap_or_else(PoisonError::into_inner);
                guard.0.saved_file(&[link]).cloned()
            });
            if let Some(path) = known {
                return ItemOutcome::Known {
                    id: item.id.clone(),
                    urls: item.link.iter().cloned().collect(),
                    path,
                };
            }
            let outcome = save_item(intake, hosts, feed, feed_title.as_deref(), item);
            match &outcome {
                ItemOutcome::Saved { path, .. } => item_done(Some(path)),
                _ => item_done(None),
            }
            outcome
        })
        .collect();
    let mut guard = shared.lock().unwrap_or_else(PoisonError::into_inner);
    let (subs, save_error) = &mut *guard;
    let Some(index) = subs.find(&feed.url) else {
        return result;
    };
    let mut changed = false;
    for outcome in outcomes {
        match outcome {
            ItemOutcome::Saved {
                id,
                urls,
                path,
                title,
            } => {
                let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
                subs.remember(&urls, &path);
                subs.feeds[index].seen.insert(id);
                result.saved.push((path, title));
                changed = true;
            }
            ItemOutcome::Known { id, urls, path } => {
                let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
                subs.remember(&urls, &path);
                subs.feeds[index].seen.insert(id);
                changed = true;
            }
            // Not marked seen: the next refresh tries the item again.
            ItemOutcome::Failed(why) => result.failures.push(why),
        }
    }
    let entry = &mut subs.feeds[index];
    // Validators only once the items they cover are saved: an item that failed must not be
    // hidden behind a 304 next time.
    if result.failures.is_empty() {
        let Validators {
            etag,
            last_modified,
        } = validators;
        changed |= entry.etag != etag || entry.last_modified != last_modified;
        entry.etag = etag;
        entry.last_modified = last_modified;
    } else {
        entry.etag = None;
        entry.last_modified = None;
    }
    if entry.title.is_none() && parsed.title.is_some() {
        entry.title = parsed.title.map(|t| sanitize_line(&t));
        changed = true;
    }
    entry.last_checked = Some(Utc::now());
    entry.last_error = None;
    if changed
        && let Some(path) = save_to
        && let Err(err) = subs.save(path)
    {
        *save_error = Some(sanitize_line(&err.to_string()));
    }
    result
}

fn update_feed(shared: &Shared<'_>, url: &str, change: impl FnOnce(&mut Feed)) {
    let mut guard = shared.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(index) = guard.0.find(url) {
        change(&mut guard.0.feeds[index]);
    }
}

/// Reads an item as an article (its page, when the feed gives only a summary) and saves it.
fn save_item(
    intake: &Intake,
    hosts: &HostLimit,
    feed: &Feed,
    feed_title: Option<&str>,
    item: &Item,
) -> ItemOutcome {
    let label = sanitize_line(
        item.title
            .as_deref()
            .or(item.link.as_deref())
            .unwrap_or(&item.id),
    );
    let read = item_article(intake, hosts, item);
    let (mut article, urls) = match read {
        Ok(found) => found,
        Err(why) => return ItemOutcome::Failed(format!("{label}: {why}")),
    };
    if let Some(title) = &item.title {
        let title = sanitize_line(&title.split_whitespace().collect::<Vec<_>>().join(" "));
        if !title.is_empty() {
            article.title = title;
        }
    }
    if article.author.is_none() {
        article.author = item.author.as_deref().map(sanitize_line);
    }
    if let Some(published) = item.published {
        article.date = Some(ArticleDate::Day(published.date_naive()));
    }
    let provenance = Provenance {
        source: urls.get(1).or(urls.first()).cloned(),
        fetched: Some(Utc::now()),
        feed: feed_title.map(sanitize_line),
        feed_url: Some(feed.url.clone()),
        tags: feed.tags.clone(),
    };
    match save_article(&intake.library, &article, &provenance) {
        Ok(path) => ItemOutcome::Saved {
            id: item.id.clone(),
            urls,
            path,
            title: article.title,
        },
        Err(err) => ItemOutcome::Failed(format!("{label}: {err}")),
    }
}

/// The item's text: the feed's full text when it has it, else its page, else its summary.
/// Returns the article and the URLs it is known by.
fn item_article(
    intake: &Intake,
    hosts: &HostLimit,
    item: &Item,
) -> Result<(Article, Vec<String>), String> {
    let links: Vec<String> = item.link.iter().cloned().collect();
    if let Some(content) = &item.content
        && let Some(article) = from_feed_html(item, content)
    {
        return Ok((article, links));
    }
    if let Some(link) = &item.link {
        let fetched = hosts.run(link, || {
            intake
                .client
                .get(link, Wanted::Page, &Validators::default())
        });
        let page = match fetched {
            Ok(Outcome::Fetched(response)) => read_page(&response)
                .map(|article| {
                    let urls = page_urls(link, &response, &article);
                    (article, urls)
                })
                .map_err(|e: AddError| e.to_string()),
            Ok(Outcome::NotModified) => Err("HTTP 304 without a request for it".into()),
            Err(err) => Err(err.to_string()),
        };
        match page {
            Ok(found) => return Ok(found),
            Err(why) if item.summary.is_none() => return Err(why),
            Err(why) => {
                return Err(format!(
                    "the page could not be read for the full text ({why})"
                ));
            }
        }
    }
    item.summary
        .as_deref()
        .and_then(|summary| from_feed_html(item, summary))
        .map(|article| (article, links))
        .ok_or_else(|| "not an article: the item has no text and no link".to_string())
}

/// Reads HTML carried in the feed as an article.
fn from_feed_html(item: &Item, html: &str) -> Option<Article> {
    let title = item.title.as_deref().unwrap_or_default();
    let page = format!(
        "<!doctype html><html><head><title>{}</title></head><body><article>{html}</article></body></html>",
        escape_html(title)
    );
    parse_article(Path::new("item.html"), page.as_bytes())
        .ok()
        .filter(|a| !a.paragraphs.is_empty())
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// At most `per_host` requests at a time to one host (and port).
struct HostLimit {
    per_host: usize,
    busy: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

impl HostLimit {
    fn new(per_host: usize) -> Self {
        Self {
            per_host,
            busy: Mutex::new(HashMap::new()),
            freed: Condvar::new(),
        }
    }

    fn run<T>(&self, url: &str, request: impl FnOnce() -> T) -> T {
        let host = url::Url::parse(url)
            .ok()
            .map(|u| {
                format!(
                    "{}:{}",
                    u.host_str().unwrap_or(""),
                    u.port_or_known_default().unwrap_or(0)
                )
            })
            .unwrap_or_default();
        {
            let mut busy = self.busy.lock().unwrap_or_else(PoisonError::into_inner);
            while busy.get(&host).copied().unwrap_or(0) >= self.per_host {
                busy = self
                    .freed
                    .wait(busy)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            *busy.entry(host.clone()).or_insert(0) += 1;
        }
        let _slot = Slot { limit: self, host };
        request()
    }
}

/// Gives a host's slot back however the request ends.
struct Slot<'a> {
    limit: &'a HostLimit,
    host: String,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut busy = self
            .limit
            .busy
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = busy.get_mut(&self.host) {
            *count = count.saturating_sub(1);
        }
        drop(busy);
        self.limit.freed.notify_all();
    }
}
