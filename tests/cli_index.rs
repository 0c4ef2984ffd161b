//! `dossier index`, `search`, `entity` and `list`'s filters, run as the real binary.
// Fixture helpers outside #[test] functions fail the test the same way on an unwrap.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

fn dossier(cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("DOSSIER_INDEX_DIR", cache)
        .env("DOSSIER_STATE", cache.join("state.json"))
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn library() -> (tempfile::TempDir, String, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::write(
        lib.join("a.md"),
        "---\ntitle: Gas in winter\ndate: 2024-01-02\nsource: https://harbour.example/gas\ntags: [energy]\n---\n\nAndrey Serenko, an analyst, said Russia would wait.\n\nPrices rose in Iran.\n",
    )
    .unwrap();
    std::fs::write(
        lib.join("b.md"),
        "---\ntitle: Ports and shipping\ndate: 2023-05-06\ntags: [trade]\nfeed: \"Harbour Post: World\"\n---\n\nShipping fell.\n\nThe Red Sea risk was clear, Serenko said.\n",
    )
    .unwrap();
    let cache = dir.path().join("cache");
    (dir, lib.display().to_string(), cache)
}

#[test]
fn index_reports_what_it_read_and_then_nothing() {
    let (_dir, lib, cache) = library();
    let first = dossier(&cache, &["index", &lib]);
    assert!(first.status.success());
    assert!(
        stdout(&first).starts_with("2 articles: 2 added"),
        "{}",
        stdout(&first)
    );
    let second = dossier(&cache, &["index", &lib]);
    assert!(
        stdout(&second).contains("2 unchanged"),
        "{}",
        stdout(&second)
    );
}

#[test]
fn search_prints_ranked_hits_and_json() {
    let (_dir, lib, cache) = library();
    let out = dossier(&cache, &["search", "red sea", &lib]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("Ports and shipping  (paragraph 2)"), "{text}");
    assert!(text.contains("The [Red] [Sea] risk"), "{text}");
    let json = dossier(&cache, &["search", "prices", &lib, "--json"]);
    let hit: serde_json::Value =
        serde_json::from_str(stdout(&json).lines().next().unwrap()).unwrap();
    assert_eq!(hit["title"], "Gas in winter");
    assert_eq!(hit["paragraph"], 2);
    let none = dossier(&cache, &["search", "zebra", &lib]);
    assert!(!none.status.success());
}

#[test]
fn entity_joins_the_lone_surname_and_prints_json() {
    let (_dir, lib, cache) = library();
    let out = dossier(&cache, &["entity", "serenko", &lib, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(page["kind"], "person");
    assert_eq!(page["name"], "Andrey Serenko");
    assert_eq!(page["articles"].as_array().unwrap().len(), 2);
    let text = dossier(&cache, &["entity", "Iran", &lib]);
    assert!(
        stdout(&text).starts_with("country Iran: 1 mentions in 1 articles"),
        "{}",
        stdout(&text)
    );
    assert!(
        !dossier(&cache, &["entity", "Nobody", &lib])
            .status
            .success()
    );
}

#[test]
fn list_filters_and_sorts() {
    let (_dir, lib, cache) = library();
    let rows = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list"];
        all.extend_from_slice(args);
        all.push(&lib);
        stdout(&dossier(&cache, &all))
            .lines()
            .skip(1)
            .map(|l| l.split("  ").nth(1).unwrap_or("").trim().to_string())
            .collect()
    };
    assert_eq!(rows(&[]), ["Gas in winter", "Ports and shipping"]);
    assert_eq!(rows(&["--tag", "trade"]), ["Ports and shipping"]);
    assert_eq!(rows(&["--since", "2024-01-01"]), ["Gas in winter"]);
    assert_eq!(rows(&["--until", "2023-12-31"]), ["Ports and shipping"]);
    assert_eq!(rows(&["--source", "harbour"]), ["Gas in winter"]);
    // A saved feed item names its feed; the source is the article's own address.
    assert_eq!(rows(&["--feed", "harbour post"]), ["Ports and shipping"]);
    assert_eq!(rows(&["--entity", "iran"]), ["Gas in winter"]);
    assert_eq!(
        rows(&["--sort", "title", "--unread"]),
        ["Gas in winter", "Ports and shipping"]
    );
    let none = dossier(&cache, &["list", "--tag", "sport", &lib]);
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("no articles match: tag sport"));
}

#[test]
fn list_shows_what_changed_since_the_last_run() {
    // `list` reads the list while its sync walks the files; when the sync finds a change,
    // that early list is stale and must not be what is printed.
    let (_dir, lib, cache) = library();
    let titles = || -> Vec<String> {
        stdout(&dossier(&cache, &["list", &lib]))
            .lines()
            .skip(1)
            .map(|l| l.split("  ").nth(1).unwrap_or("").trim().to_string())
            .collect()
    };
    assert_eq!(titles(), ["Gas in winter", "Ports and shipping"]);
    let lib_path = Path::new(&lib);
    std::fs::write(
        lib_path.join("a.md"),
        "---\ntitle: Gas in spring\ndate: 2024-01-02\n---\n\nPrices fell.\n",
    )
    .unwrap();
    std::fs::write(
        lib_path.join("c.md"),
        "---\ntitle: Grain routes\ndate: 2025-03-04\n---\n\nShips waited.\n",
    )
    .unwrap();
    std::fs::remove_file(lib_path.join("b.md")).unwrap();
    assert_eq!(titles(), ["Grain routes", "Gas in spring"]);
    // And the run after that, with nothing changed, lists the same.
    assert_eq!(titles(), ["Grain routes", "Gas in spring"]);
}

#[test]
fn index_waits_for_another_dossier_syncing_the_same_library_and_says_so() {
    use std::io::Read;
    let (dir, lib, cache) = library();
    let first = dossier(&cache, &["index", &lib]);
    let index_line = stdout(&first)
        .lines()
        .find_map(|l| l.strip_prefix("index: ").map(str::to_string))
        .unwrap();
    std::fs::write(
        dir.path().join("lib").join("c.md"),
        "---\ntitle: Grain\ndate: 2024-03-04\n---\n\nGrain left Odesa.\n",
    )
    .unwrap();
    // Another dossier's sync holds the index's lock (the file beside it).
    let held = dossier::file_lock::FileLock::acquire(
        Path::new(&format!("{index_line}.lock")),
        std::time::Duration::ZERO,
    )
    .unwrap()
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["index", &lib])
        .env("DOSSIER_INDEX_DIR", &cache)
        .env("DOSSIER_STATE", cache.join("state.json"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // It says it waits (stderr ends only when it exits, so it is read a byte at a time).
    let mut stderr = child.stderr.take().unwrap();
    let mut said = Vec::new();
    let mut byte = [0u8; 1];
    while !String::from_utf8_lossy(&said).contains('\n') && stderr.read(&mut byte).unwrap() == 1 {
        said.push(byte[0]);
    }
    let said = String::from_utf8(said).unwrap();
    assert!(
        said.contains("another dossier is indexing this library; waiting"),
        "{said}"
    );
    drop(held);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(
        stdout(&out).starts_with("3 articles: 1 added"),
        "{}",
        stdout(&out)
    );
}
