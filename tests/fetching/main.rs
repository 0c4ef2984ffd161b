//! Fetching against a real HTTP server on 127.0.0.1: pages, feeds, redirects, limits and
//! failures, each checked by what the library folder holds afterwards.

mod cli;
mod pages;
mod server;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use dossier::feeds::{self, Feed, RefreshOptions, Subscriptions};
use dossier::fetch::{Client, FetchError, Limits};
use dossier::intake::{AddError, Added, Intake};
use pages::{article_page, rss_feed};
use server::{Reply, Seen, Server};

fn intake(library: &Path) -> Intake {
    Intake::new(Client::new(Limits::default()), library)
}

/// The file names in `dir`, sorted; temp files would show up here too.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("a saved article")
}

fn parsed(path: &Path) -> dossier::Article {
    dossier::parse_article(path, read(path).as_bytes()).expect("reads back")
}

fn added_path(added: Added) -> PathBuf {
    match added {
        Added::New { path, .. } => path,
        Added::AlreadyThere(path) => panic!("expected a new article, got one already at {path:?}"),
    }
}

#[test]
fn a_page_is_saved_once_as_markdown_with_front_matter() {
    let server = Server::start(|seen| match seen.path {
        "/story" => Reply::html(article_page(1, "Kenya: the \"grain\" talks")),
        _ => Reply::new(404, "text/plain", "no"),
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let intake = intake(dir.path());
    let mut subs = Subscriptions::default();
    let path = added_path(
        intake
            .add_url(&mut subs, &server.url("/story"))
            .expect("added"),
    );
    assert_eq!(files(dir.path()), vec!["kenya-the-grain-talks.md"]);
    let text = read(&path);
    assert!(
        text.starts_with("---\ntitle: \"Kenya: the \\\"grain\\\" talks\"\n"),
        "{text}"
    );
    assert!(text.contains("\nfetched: \""), "{text}");
    let article = parsed(&path);
    assert_eq!(article.title, "Kenya: the \"grain\" talks");
    assert_eq!(article.author.as_deref(), Some("Dana Whitfield"));
    assert_eq!(
        article.source.as_deref(),
        Some(server.url("/story").as_str())
    );
    assert_eq!(article.paragraphs.len(), 3, "{:?}", article.paragraphs);
    assert!(!text.contains("Copyright") && !text.contains("Home | World"));

    let again = intake
        .add_url(&mut subs, &server.url("/story#top"))
        .expect("known");
    assert_eq!(again, Added::AlreadyThere(path));
    assert_eq!(server.hits("/story"), 1, "a known URL is not fetched again");
    assert_eq!(files(dir.path()).len(), 1);
}

#[test]
fn a_redirect_chain_is_followed_and_the_page_behind_it_is_known() {
    let server = Server::start(|seen| match seen.path {
        "/a" => Reply::redirect("/b"),
        "/b" => Reply::redirect("/final"),
        "/final" => Reply::html(article_page(2, "Behind redirects")),
        "/alias" => Reply::html(article_page(2, "Behind redirects").replace(
            "<head>",
            &format!(
                "<head><link rel=\"canonical\" href=\"{}/final\">",
                seen.base
            ),
        )),
        _ => Reply::new(404, "text/plain", "no"),
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let intake = intake(dir.path());
    let mut subs = Subscriptions::default();
    let path = added_path(intake.add_url(&mut subs, &server.url("/a")).expect("added"));
    assert_eq!(
        parsed(&path).source.as_deref(),
        Some(server.url("/final").as_str()),
        "the source is where the page is, after redirects"
    );
    // The same page asked for directly, and under another URL whose canonical link names it.
    for url in ["/final", "/alias"] {
        let again = intake.add_url(&mut subs, &server.url(url)).expect("known");
        assert_eq!(again, Added::AlreadyThere(path.clone()), "{url}");
    }
    assert_eq!(files(dir.path()), vec!["behind-redirects.md"]);
}

#[test]
fn a_redirect_loop_fails_and_saves_nothing() {
    let server = Server::start(|seen| match seen.path {
        "/loop1" => Reply::redirect("/loop2"),
        _ => Reply::redirect("/loop1"),
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let err = intake(dir.path())
        .add_url(&mut Subscriptions::default(), &server.url("/loop1"))
        .expect_err("a loop");
    assert!(
        matches!(err, AddError::Fetch(FetchError::Redirects(5))),
        "{err:?}"
    );
    assert!(err.to_string().contains("redirect loop"), "{err}");
    assert!(files(dir.path()).is_empty());
}

#[test]
fn a_gzip_bomb_stops_at_the_size_limit() {
    // 64 MB of zeros compresses to about 64 KB; the limit is counted after decompression.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..64 {
        encoder.write_all(&zeros).expect("compress");
    }
    let bomb = encoder.finish().expect("compressed");
    assert!(bomb.len() < 1024 * 1024);
    let server = Server::start(move |_| {
        Reply::new(200, "text/html", bomb.clone()).header("Content-Encoding", "gzip")
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let limits = Limits {
        max_bytes: 4 * 1024 * 1024,
        ..Limits::default()
    };
    let intake = Intake::new(Client::new(limits), dir.path());
    let err = intake
        .add_url(&mut Subscriptions::default(), &server.url("/bomb"))
        .expect_err("too large");
    assert!(
        matches!(err, AddError::Fetch(FetchError::TooLarge(_))),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "too large: more than 4 MB after decompression"
    );
    assert!(files(dir.path()).is_empty());
}

#[test]
fn a_slow_server_times_out() {
    let server = Server::start(|_| {
        let mut reply = Reply::html(article_page(3, "Too slow"));
        reply.delay = Duration::from_secs(4);
        reply
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let intake = Intake::new(
        Client::new(Limits::with_timeout(Duration::from_secs(1))),
        dir.path(),
    );
    let started = std::time::Instant::now();
    let err = intake
        .add_url(&mut Subscriptions::default(), &server.url("/slow"))
        .expect_err("timeout");
    assert!(
        matches!(err, AddError::Fetch(FetchError::Timeout)),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "gave up before the server answered"
    );
    assert!(files(dir.path()).is_empty());
}

#[test]
fn not_found_wrong_type_no_text_and_tls_each_say_why() {
    let server = Server::start(|seen| match seen.path {
        "/png" => Reply::new(200, "image/png", vec![0x89, b'P', b'N', b'G', 0, 0, 0]),
        "/empty" => Reply::html("<html><head></head><body><script>x()</script></body></html>"),
        _ => Reply::new(404, "text/html", "<h1>Not found</h1>"),
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let intake = intake(dir.path());
    let mut subs = Subscriptions::default();
    let cases: [(String, &str); 6] = [
        (server.url("/missing"), "HTTP 404 not found"),
        (
            server.url("/png"),
            "not a web page: the server sent image/png",
        ),
        (server.url("/empty"), "not an article: "),
        (format!("https://{}/x", plain_tcp()), "TLS: "),
        ("ftp://example.org/x".to_string(), "only http and https"),
        // .invalid never resolves (RFC 6761).
        ("http://no-such-host.invalid/".to_string(), "DNS: "),
    ];
    for (url, reason) in cases {
        let err = intake.add_url(&mut subs, &url).expect_err(&url);
        let message = err.to_string();
        assert!(message.starts_with(reason), "{url}: {message}");
        assert!(!message.contains('\n'), "one line: {message}");
    }
    assert!(files(dir.path()).is_empty());
    assert!(subs.saved.is_empty());
}

/// A TCP server that answers anything with plain text, as a TLS client finds a server that
/// does not speak TLS. Returns its address.
fn plain_tcp() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let address = listener.local_addr().expect("its address").to_string();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        }
    });
    address
}

/// A feed server: `/feed.xml` (with an ETag) and `/item/N` pages.
fn feed_server(count: usize, summaries: usize) -> Server {
    Server::start(move |seen: &Seen<'_>| {
        let base = seen.base.to_string();
        match seen.path {
            "/feed.xml" if seen.if_none_match.as_deref() == Some("\"v1\"") => {
                Reply::new(304, "application/rss+xml", Vec::new())
            }
            "/feed.xml" => Reply::new(
                200,
                "application/rss+xml",
                rss_feed(&base, count, summaries),
            )
            .header("ETag", "\"v1\""),
            path if path.starts_with("/item/") => {
                let n: usize = path[6..].parse().unwrap_or(0);
                Reply::html(article_page(n, &format!("Page of item {n}")))
            }
            _ => Reply::new(404, "text/plain", "no"),
        }
    })
}

fn follow(url: &str) -> Subscriptions {
    let mut subs = Subscriptions::default();
    subs.feeds.push(Feed::new(url));
    subs
}

#[test]
fn a_feed_of_fifty_items_is_saved_then_an_unchanged_refresh_adds_nothing() {
    let server = feed_server(50, 10);
    let dir = tempfile::tempdir().expect("temp dir");
    let library = dir.path().join("library");
    let subs_path = dir.path().join("feeds.json");
    let intake = intake(&library);
    let mut subs = follow(&server.url("/feed.xml"));
    let report = feeds::refresh(
        &intake,
        &mut subs,
        Some(&subs_path),
        RefreshOptions::default(),
        &|_| {},
    );
    assert_eq!(report.failures(), Vec::<String>::new());
    assert_eq!(report.saved(), 50);
    let names = files(&library);
    assert_eq!(names.len(), 50, "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("2024-05-07-item-") && n.ends_with(".md"))
    );
    // The ten summary-only items were read from their pages; the others from the feed.
    let fetched_pages: usize = (0..50).map(|n| server.hits(&format!("/item/{n}"))).sum();
    assert_eq!(fetched_pages, 10);
    let summary_item = parsed(&library.join("2024-05-07-item-3-grain-prices.md"));
    assert!(
        summary_item
            .paragraphs
            .iter()
            .any(|p| p.text.contains("report number 3"))
    );
    assert_eq!(summary_item.title, "Item 3: grain & \"prices\"");
    let full_item = read(&library.join("2024-05-07-item-30-grain-prices.md"));
    assert!(full_item.contains("Full text of item 30"));
    assert!(
        full_item.contains("\nfeed: \"Grain Desk\"\n"),
        "{full_item}"
    );
    let saved = Subscriptions::load(&subs_path).expect("saved subscriptions");
    assert_eq!(saved.feeds[0].etag.as_deref(), Some("\"v1\""));
    assert_eq!(saved.feeds[0].seen.len(), 50);
    assert_eq!(saved.feeds[0].title.as_deref(), Some("Grain Desk"));

    let mut subs = saved;
    let again = feeds::refresh(
        &intake,
        &mut subs,
        Some(&subs_path),
        RefreshOptions::default(),
        &|_| {},
    );
    assert!(again.feeds[0].unchanged, "answered 304");
    assert_eq!(again.saved(), 0);
    assert_eq!(server.hits("/feed.xml"), 2);
    assert_eq!(files(&library), names);
}

#[test]
fn a_failing_feed_keeps_its_articles_and_others_still_refresh() {
    let failing = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = std::sync::Arc::clone(&failing);
    let server = Server::start(move |seen| {
        let base = seen.base.to_string();
        match seen.path {
            "/feed.xml" if flag.load(std::sync::atomic::Ordering::SeqCst) => {
                Reply::new(500, "text/plain", "down")
            }
            "/feed.xml" => Reply::new(200, "application/rss+xml", rss_feed(&base, 3, 0)),
            "/laughs.xml" => Reply::new(200, "application/rss+xml", BILLION_LAUGHS),
            _ => Reply::new(404, "text/plain", "no"),
        }
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let intake = intake(dir.path());
    let mut subs = follow(&server.url("/feed.xml"));
    subs.feeds.push(Feed::new(server.url("/laughs.xml")));
    let first = feeds::refresh(&intake, &mut subs, None, RefreshOptions::default(), &|_| {});
    assert_eq!(first.saved(), 3);
    assert!(first.feeds[1].feed_failed);
    assert_eq!(
        first.failures(),
        vec![format!(
            "{}: refused: the feed declares XML entities (a DOCTYPE with <!ENTITY>), which could expand without bound",
            server.url("/laughs.xml")
        )]
    );
    let before = files(dir.path());
    assert_eq!(before.len(), 3);

    failing.store(true, std::sync::atomic::Ordering::SeqCst);
    let second = feeds::refresh(&intake, &mut subs, None, RefreshOptions::default(), &|_| {});
    assert!(second.feeds[0].feed_failed);
    assert_eq!(
        second.feeds[0].failures,
        vec!["HTTP 500 server error".to_string()]
    );
    assert_eq!(files(dir.path()), before, "the failed feed's articles stay");
    assert_eq!(subs.feeds[0].seen.len(), 3);
    assert_eq!(
        subs.feeds[0].last_error.as_deref(),
        Some("HTTP 500 server error")
    );
}

const BILLION_LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>http://127.0.0.1/x</link><description>&lol9;</description></item>
</channel></rss>"#;

#[test]
fn the_billion_laughs_feed_is_also_refused_by_the_parser_guard_alone() {
    let err =
        feeds::parse_feed(BILLION_LAUGHS.as_bytes(), "http://127.0.0.1/").expect_err("refused");
    assert_eq!(err, feeds::FeedError::Entities);
}
