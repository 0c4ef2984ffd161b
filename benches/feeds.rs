//! Refreshing feeds from a loopback server started here: 100 feeds of 50 items each.
//!
//! `cargo bench --bench feeds`
//!
//! - `unchanged_refresh`: every feed answers 304 to the validators of an earlier refresh.
//! - `first_fetch_5000`: every item carries only a summary, so each of the 5,000 is read from
//!   its page (fetched, extracted) and saved as Markdown, fsync and all, into a fresh folder.
//! - `newsboat/*`, when `newsboat` is on the PATH: newsboat's `-x reload` on the same feeds
//!   (it stores the feed items in its cache and fetches no pages).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::feeds::{self, Feed, RefreshOptions, Subscriptions};
use dossier::fetch::{Client, Limits};
use dossier::intake::Intake;
use server::{Reply, Server};

// The tests' loopback server; the bench uses only part of it.
#[allow(dead_code)]
#[path = "../tests/fetching/server.rs"]
mod server;

const FEEDS: usize = 100;
const ITEMS: usize = 50;

/// Serves `/feed/F.xml` (ETag `"vF"`, 304 when it matches) and `/page/F/I` on 127.0.0.1.
fn serve() -> Server {
    Server::start(|seen| {
        if let Some(feed) = seen
            .path
            .strip_prefix("/feed/")
            .and_then(|f| f.strip_suffix(".xml"))
        {
            let etag = format!("\"v{feed}\"");
            let reply = if seen.if_none_match.as_deref() == Some(etag.as_str()) {
                Reply::new(304, "application/rss+xml", Vec::new())
            } else {
                Reply::new(200, "application/rss+xml", rss(seen.base, feed))
            };
            reply.header("ETag", &etag)
        } else {
            Reply::html(page(seen.path))
        }
    })
}

fn rss(base: &str, feed: &str) -> String {
    let items: String = (0..ITEMS)
        .map(|i| {
            format!(
                "<item><title>Report {feed}-{i} on grain and ports</title>\
                 <link>{base}/page/{feed}/{i}</link><guid>urn:{feed}:{i}</guid>\
                 <pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate>\
                 <description>Summary of report {feed}-{i}.</description></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Desk {feed}</title>\
         <link>{base}/</link><description>d</description>{items}</channel></rss>"
    )
}

/// A page of about 6 KB: navigation, eight paragraphs of prose, a footer.
fn page(path: &str) -> String {
    let paragraph = "Maria Okonkwo, the finance minister of Kenya, met officials of the World \
        Bank in Nairobi on Tuesday to discuss grain prices, port fees and the cost of \
        fertiliser imports, which rose sharply over the past two years according to the \
        Treasury's own figures, published late on Monday evening.";
    let body: String = (0..8)
        .map(|n| format!("<p>{paragraph} Point {n} of {path}.</p>"))
        .collect();
    format!(
        "<!doctype html><html><head><title>{path}</title><meta name=\"author\" \
         content=\"Dana Whitfield\"></head><body><nav><a href=\"/\">Home</a> | World | \
         Business</nav><article><h1>{path}</h1>{body}</article><footer>Copyright</footer>\
         </body></html>"
    )
}

fn subscriptions(base: &str) -> Subscriptions {
    Subscriptions {
        feeds: (0..FEEDS)
            .map(|f| Feed::new(format!("{base}/feed/{f}.xml")))
            .collect(),
        ..Subscriptions::default()
    }
}

fn bench_refresh(c: &mut Criterion) {
    let server = serve();
    let base = server.base.clone();
    let dir = tempfile::tempdir().expect("temp dir");
    let client = Client::new(Limits::default());
    let mut group = c.benchmark_group("feeds");

    // One full refresh first, so the unchanged case has validators and seen items.
    let library = dir.path().join("library");
    let intake = Intake::new(client.clone(), &library);
    let mut known = subscriptions(&base);
    let start = Instant::now();
    let first = feeds::refresh(
        &intake,
        &mut known,
        None,
        RefreshOptions::default(),
        &|_| {},
    );
    eprintln!(
        "first refresh, 5,000 items with pages: {:.2?}",
        start.elapsed()
    );
    assert_eq!(first.saved(), FEEDS * ITEMS, "{:?}", first.failures());
    group.sample_size(20);
    group.throughput(Throughput::Elements(FEEDS as u64));
    group.bench_function("unchanged_refresh_100x50", |b| {
        b.iter(|| {
            let mut subs = known.clone();
            let report =
                feeds::refresh(&intake, &mut subs, None, RefreshOptions::default(), &|_| {});
            assert!(report.feeds.iter().all(|f| f.unchanged));
        });
    });

    group.sample_size(10);
    group.measurement_time(Duration::from_secs(60));
    group.throughput(Throughput::Elements((FEEDS * ITEMS) as u64));
    group.bench_function("first_fetch_5000_full_text", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for n in 0..iterations {
                let library = dir.path().join(format!("fresh-{n}-{}", fastrand::u64(..)));
                let intake = Intake::new(client.clone(), &library);
                let feeds_file = dir.path().join(format!("feeds-{n}.json"));
                let mut subs = subscriptions(&base);
                let start = Instant::now();
                let report = feeds::refresh(
                    &intake,
                    &mut subs,
                    Some(&feeds_file),
                    RefreshOptions::default(),
                    &|_| {},
                );
                total += start.elapsed();
                assert_eq!(report.saved(), FEEDS * ITEMS);
                let _ = std::fs::remove_dir_all(&library);
            }
            total
        });
    });

    if newsboat_present() {
        bench_newsboat(&mut group, &base, dir.path());
    }
    group.finish();
}

fn newsboat_present() -> bool {
    Command::new("newsboat")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// newsboat reloading the same 100 feeds: into an empty cache, then unchanged.
fn bench_newsboat(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    base: &str,
    dir: &Path,
) {
    let urls = dir.join("urls");
    let urls_text: String = (0..FEEDS)
        .map(|f| format!("{base}/feed/{f}.xml\n"))
        .collect();
    std::fs::write(&urls, urls_text).expect("urls file");
    let config = dir.join("config");
    std::fs::write(&config, "reload-threads 8\n").expect("config");
    let reload = |cache: &Path| {
        let status = Command::new("newsboat")
            .args(["-x", "reload", "-u"])
            .arg(&urls)
            .arg("-c")
            .arg(cache)
            .arg("-C")
            .arg(&config)
            .env("HOME", dir)
            .output()
            .expect("newsboat runs");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
    };
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements((FEEDS * ITEMS) as u64));
    group.bench_function("newsboat/first_reload_5000_items_no_pages", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for n in 0..iterations {
                let cache = dir.join(format!("cache-{n}-{}.db", fastrand::u64(..)));
                let start = Instant::now();
                reload(&cache);
                total += start.elapsed();
                let _ = std::fs::remove_file(&cache);
            }
            total
        });
    });
    let cache = dir.join("cache-warm.db");
    reload(&cache);
    group.throughput(Throughput::Elements(FEEDS as u64));
    group.bench_function("newsboat/unchanged_reload_100x50", |b| {
        b.iter(|| reload(&cache));
    });
}

criterion_group!(benches, bench_refresh);
criterion_main!(benches);
