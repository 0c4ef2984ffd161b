//! The commands, run as the real binary against the loopback server.

use std::path::Path;
use std::process::{Command, Output};

use super::files;
use super::pages::{article_page, rss_feed};
use super::server::{Reply, Server};

/// Runs dossier with its library and subscriptions in `dir`, and HOME pointed there too.
fn dossier(dir: &Path, args: &[&str]) -> Output {
    let feeds: &[&str] = if args.contains(&"--feeds") {
        &[]
    } else {
        &["--feeds", "feeds.json"]
    };
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--library", "library"])
        .args(feeds)
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env_remove("DOSSIER_FEEDS")
        .output()
        .expect("dossier runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn site() -> Server {
    Server::start(|seen| match seen.path {
        "/" => Reply::html(format!(
            "<html><head><title>Grain Desk</title>\
             <link rel=\"alternate\" type=\"application/rss+xml\" href=\"{}/feed.xml\"></head>\
             <body><p>Home</p></body></html>",
            seen.base
        )),
        "/feed.xml" => Reply::new(200, "application/rss+xml", rss_feed(seen.base, 5, 2)),
        "/story" => Reply::html(article_page(7, "A story")),
        path if path.starts_with("/item/") => Reply::html(article_page(1, "Item page")),
        _ => Reply::new(404, "text/html", "gone"),
    })
}

#[test]
fn add_reports_each_url_and_fails_when_any_did() {
    let server = site();
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dossier(
        dir.path(),
        &["add", &server.url("/story"), &server.url("/nope")],
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("Added A story as library/a-story.md"),
        "{stdout}"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "dossier: {}: HTTP 404 not found\n",
            server.url("/nope")
        )),
        "{stderr}"
    );
    assert!(stderr.contains("1 of 2 could not be added"), "{stderr}");
    assert_eq!(files(&dir.path().join("library")), vec!["a-story.md"]);

    let again = dossier(dir.path(), &["add", &server.url("/story")]);
    assert!(again.status.success());
    let said = text(&again.stdout);
    assert!(
        said.starts_with(&format!(
            "Already in the library: {} is /",
            server.url("/story")
        )) && said.ends_with("/library/a-story.md\n"),
        "{said}"
    );
    assert_eq!(files(&dir.path().join("library")), vec!["a-story.md"]);
}

#[test]
fn a_local_file_is_copied_as_markdown() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("page.html"), article_page(9, "Local page")).expect("write");
    let out = dossier(dir.path(), &["add", "page.html"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(files(&dir.path().join("library")), vec!["local-page.md"]);
    let again = dossier(dir.path(), &["add", "page.html"]);
    let said = text(&again.stdout);
    assert!(
        said.starts_with("Already in the library: page.html is /")
            && said.ends_with("/library/local-page.md\n"),
        "{said}"
    );
    assert_eq!(files(&dir.path().join("library")), vec!["local-page.md"]);
    let missing = dossier(dir.path(), &["add", "missing.html"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).starts_with("dossier: missing.html: cannot read the file: "));
}

#[test]
fn a_feed_found_from_its_page_is_followed_refreshed_listed_and_removed() {
    let server = site();
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dossier(
        dir.path(),
        &["feed", "add", &server.url("/"), "--tag", "food,daily"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("Following Grain Desk ("),
        "{}",
        text(&out.stdout)
    );

    let out = dossier(dir.path(), &["refresh"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "5 new articles from 1 feed (0 unchanged, 0 failed)\n"
    );
    assert!(
        out.stderr.is_empty(),
        "no progress bar when piped: {:?}",
        text(&out.stderr)
    );
    assert_eq!(files(&dir.path().join("library")).len(), 5);
    let one = std::fs::read_to_string(dir.path().join("library/2024-05-07-item-4-grain-prices.md"))
        .expect("an item");
    assert!(
        one.contains("tags:\n  - \"food\"\n  - \"daily\"\n"),
        "{one}"
    );

    // A feed that fails: one line for it on stderr, a non-zero exit, the articles kept. (The
    // site sends no ETag, so its feed is fetched again and its items are known by id.)
    std::fs::write(
        dir.path().join("broken.opml"),
        format!(
            "<opml version=\"2.0\"><body><outline text=\"Gone\" xmlUrl=\"{}\"/></body></opml>",
            server.url("/gone.xml")
        ),
    )
    .expect("write opml");
    assert!(
        dossier(dir.path(), &["feed", "import", "broken.opml"])
            .status
            .success()
    );
    let out = dossier(dir.path(), &["refresh"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "0 new articles from 2 feeds (0 unchanged, 1 failed)\n"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("dossier: Gone: HTTP 404 not found\n"),
        "{stderr}"
    );
    assert_eq!(files(&dir.path().join("library")).len(), 5);
    assert!(
        dossier(dir.path(), &["feed", "remove", &server.url("/gone.xml")])
            .status
            .success()
    );

    let list = text(&dossier(dir.path(), &["feed", "list"]).stdout);
    assert!(list.contains("  1  Grain Desk  [food, daily]"), "{list}");
    let out = dossier(dir.path(), &["feed", "remove", "1"]);
    assert!(out.status.success());
    assert!(text(&dossier(dir.path(), &["feed", "list"]).stdout).starts_with("No feeds yet"));
    assert_eq!(files(&dir.path().join("library")).len(), 5, "articles stay");
}

#[test]
fn opml_and_newsboat_subscriptions_are_imported_with_titles_and_tags() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("subs.opml"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>Exported</title></head><body>
  <outline text="Politics" title="Politics">
    <outline type="rss" text="World Desk" title="World Desk" xmlUrl="https://world.example/rss" htmlUrl="https://world.example/"/>
    <outline type="rss" text="Sahel Watch" xmlUrl="https://sahel.example/atom.xml" category="/Africa/Security"/>
  </outline>
  <outline type="rss" text="Loose" xmlUrl="https://loose.example/feed"/>
</body></opml>"#,
    )
    .expect("write opml");
    std::fs::write(
        dir.path().join("urls"),
        "# newsboat\nhttps://world.example/rss long-read\nhttps://grain.example/feed.xml food \"~Grain Desk\" \"farm policy\"\n\"query:Unread:unread = \\\"yes\\\"\"\n",
    )
    .expect("write urls");
    let out = dossier(dir.path(), &["feed", "import", "subs.opml"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "Imported 3 new feeds (0 already followed); `dossier refresh` fetches them\n"
    );
    let out = dossier(dir.path(), &["feed", "import", "urls"]);
    assert_eq!(
        text(&out.stdout),
        "Imported 1 new feed (1 already followed); `dossier refresh` fetches them\n"
    );
    let subs = dossier::feeds::Subscriptions::load(&dir.path().join("feeds.json")).expect("saved");
    let summary: Vec<(&str, Option<&str>, Vec<&str>)> = subs
        .feeds
        .iter()
        .map(|f| {
            (
                f.url.as_str(),
                f.title.as_deref(),
                f.tags.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "https://world.example/rss",
                Some("World Desk"),
                vec!["Politics", "long-read"]
            ),
            (
                "https://sahel.example/atom.xml",
                Some("Sahel Watch"),
                vec!["Politics", "Africa", "Security"]
            ),
            ("https://loose.example/feed", Some("Loose"), vec![]),
            (
                "https://grain.example/feed.xml",
                Some("Grain Desk"),
                vec!["food", "farm policy"]
            ),
        ]
    );
    let export = text(&dossier(dir.path(), &["feed", "export"]).stdout);
    std::fs::write(dir.path().join("back.opml"), &export).expect("write export");
    let reimport = dossier(
        dir.path(),
        &["--feeds", "other.json", "feed", "import", "back.opml"],
    );
    assert!(
        text(&reimport.stdout).starts_with("Imported 4 new feeds"),
        "{export}"
    );
    let other = dossier::feeds::Subscriptions::load(&dir.path().join("other.json")).expect("saved");
    assert_eq!(
        other
            .feeds
            .iter()
            .map(|f| (&f.url, &f.title, &f.tags))
            .collect::<Vec<_>>(),
        subs.feeds
            .iter()
            .map(|f| (&f.url, &f.title, &f.tags))
            .collect::<Vec<_>>()
    );
}
