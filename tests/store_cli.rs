//! The notes and reading-state commands, run as the built binary against a state file in a
//! temp dir.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn state(&self) -> PathBuf {
        self.dir.path().join("data").join("state.json")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .args(args)
            .env("DOSSIER_STATE", self.state())
            .output()
            .expect("the binary runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    fn article(&self, text: &str) -> PathBuf {
        let path = self.dir.path().join("piece.txt");
        std::fs::write(&path, text).expect("write the article");
        path
    }
}

/// The text `dossier show` prints for paragraph `n`.
fn shown_paragraph(env: &Env, path: &Path, n: usize) -> String {
    let shown = env.ok(&["show", path.to_str().expect("UTF-8 path")]);
    let prefix = format!("[{n}] ");
    shown
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no paragraph {n} in:\n{shown}"))
        .to_string()
}

/// The number `dossier show` gives the paragraph whose text is `text`.
fn shown_number(env: &Env, path: &Path, text: &str) -> usize {
    let shown = env.ok(&["show", path.to_str().expect("UTF-8 path")]);
    shown
        .lines()
        .find_map(|l| {
            let (number, rest) = l.strip_prefix('[')?.split_once("] ")?;
            (rest == text).then(|| number.parse().ok())?
        })
        .unwrap_or_else(|| panic!("{text:?} not in:\n{shown}"))
}

const ARTICLE: &str = "Border towns brace for returnees\n\n\
The first group crossed the border on a Tuesday morning, officials said.\n\n\
Families waited at the checkpoint for most of the day.\n\n\
Security services say they screened every returning fighter twice.\n\n\
Human rights groups question how long detention can last.\n";

#[test]
fn a_note_is_added_listed_exported_and_follows_its_paragraph_after_an_edit() {
    let env = Env::new();
    let path = env.article(ARTICLE);
    let p = path.to_str().expect("UTF-8 path");
    let third = shown_paragraph(&env, &path, 3);

    let added = env.ok(&[
        "notes", "add", p, "3", "Ask", "the", "ministry", "for", "numbers",
    ]);
    assert!(added.contains("paragraph 3"), "{added}");
    assert!(env.state().exists());

    let listed = env.ok(&["notes", "list", p]);
    assert!(listed.contains("Ask the ministry for numbers"), "{listed}");
    assert!(listed.contains("¶3"), "{listed}");
    let all = env.ok(&["notes", "list"]);
    assert!(all.contains("Ask the ministry for numbers"), "{all}");

    let markdown = env.ok(&["notes", "export", "--format", "markdown", p]);
    assert!(markdown.starts_with("# "), "{markdown}");
    assert!(markdown.contains(&format!("> {third}")), "{markdown}");
    assert!(
        markdown.contains("Ask the ministry for numbers"),
        "{markdown}"
    );
    assert!(markdown.contains("piece.txt"), "{markdown}");
    let quote_at = markdown.find(&format!("> {third}")).expect("quote");
    let note_at = markdown.find("Ask the ministry").expect("note");
    assert!(quote_at < note_at, "the note comes under its paragraph");

    // The article is edited: a paragraph appears before the one the note is on.
    let edited = ARTICLE.replacen(
        &format!("{third}\n"),
        &format!("A correction was appended to this report on Friday.\n\n{third}\n"),
        1,
    );
    assert_ne!(edited, ARTICLE);
    std::fs::write(&path, &edited).expect("edit the article");
    let now = shown_number(&env, &path, &third);
    assert_eq!(now, 4, "the inserted paragraph moved it down one");

    let listed = env.ok(&["notes", "list", p]);
    assert!(listed.contains("¶4"), "{listed}");
    assert!(!listed.contains("¶3"), "{listed}");
    let json = env.ok(&["notes", "export", "--format", "json", p]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON export");
    assert_eq!(json[0]["notes"][0]["paragraph"], 4);
    assert_eq!(json[0]["notes"][0]["paragraph_text"], third.as_str());
}

#[test]
fn a_note_whose_paragraph_was_deleted_is_listed_and_exported_as_orphaned() {
    let env = Env::new();
    let path = env.article(ARTICLE);
    let p = path.to_str().expect("UTF-8 path");
    let second = shown_paragraph(&env, &path, 2);
    env.ok(&["notes", "add", p, "2", "Where", "is", "this", "from?"]);
    std::fs::write(&path, ARTICLE.replacen(&format!("{second}\n\n"), "", 1)).expect("edit");

    let listed = env.ok(&["notes", "list", p]);
    assert!(listed.contains("¶?"), "{listed}");
    assert!(listed.contains("Where is this from?"), "{listed}");
    assert!(listed.contains("paragraph is gone"), "{listed}");
    let markdown = env.ok(&["notes", "export", p]);
    assert!(
        markdown.contains("Notes whose paragraph is gone"),
        "{markdown}"
    );
    assert!(
        markdown.contains(&format!("> {}", &second[..40])),
        "{markdown}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["notes", "export", "--format", "json", p])).expect("JSON");
    assert!(json[0]["notes"][0]["paragraph"].is_null());
}

#[test]
fn a_paragraph_out_of_range_is_refused_with_the_valid_range() {
    let env = Env::new();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/articles/central-asian-jihadists-return-home.txt");
    let s = sample.to_str().expect("UTF-8 path");
    let shown = env.ok(&["show", s]);
    let count = shown.lines().filter(|l| l.starts_with('[')).count();
    assert!(count > 3);
    let beyond = (count + 1).to_string();
    for bad in ["0", beyond.as_str()] {
        let out = env.run(&["notes", "add", s, bad, "nope"]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("no paragraph {bad}")), "{err}");
        assert!(err.contains(&format!("1 to {count}")), "{err}");
    }
    assert!(!env.state().exists(), "a refused note writes nothing");
    env.ok(&["notes", "add", s, "1", "fine"]);
    assert!(env.ok(&["notes", "list"]).contains("fine"));
}

#[test]
fn mark_read_sets_and_clears_the_read_flag() {
    let env = Env::new();
    let path = env.article(ARTICLE);
    let p = path.to_str().expect("UTF-8 path");
    assert!(env.ok(&["mark-read", p]).contains("Marked read"));
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.state()).expect("state")).expect("JSON");
    let article = state["articles"]
        .as_object()
        .expect("articles")
        .values()
        .next()
        .cloned();
    assert_eq!(article.expect("one article")["read"], true);
    env.ok(&["mark-read", "--unread", p]);
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.state()).expect("state")).expect("JSON");
    let article = state["articles"]
        .as_object()
        .expect("articles")
        .values()
        .next()
        .cloned();
    assert_eq!(article.expect("one article")["read"], false);
}

#[test]
fn the_state_flag_wins_over_the_environment_and_is_printed() {
    let env = Env::new();
    let flag = env.dir.path().join("elsewhere.json");
    let printed = env.ok(&[
        "--print-state-path",
        "--state",
        flag.to_str().expect("UTF-8"),
    ]);
    assert_eq!(printed.trim(), flag.to_str().expect("UTF-8"));
    let printed = env.ok(&["--print-state-path"]);
    assert_eq!(printed.trim(), env.state().to_str().expect("UTF-8"));

    let path = env.article(ARTICLE);
    let p = path.to_str().expect("UTF-8 path");
    env.ok(&[
        "notes",
        "add",
        p,
        "1",
        "flagged",
        "--state",
        flag.to_str().expect("UTF-8"),
    ]);
    assert!(flag.exists());
    assert!(!env.state().exists());
}

#[test]
fn a_write_while_a_reader_holds_the_state_fails_clearly_and_changes_nothing() {
    let env = Env::new();
    let path = env.article(ARTICLE);
    let p = path.to_str().expect("UTF-8 path");
    env.ok(&["notes", "add", p, "1", "first"]);
    let before = std::fs::read(env.state()).expect("state");
    let reader = dossier::Store::open(dossier::OpenOptions::new(env.state())).expect("open");
    assert!(reader.is_locked());

    let out = env.run(&["notes", "add", p, "2", "second"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("in use by a running dossier"), "{err}");
    assert_eq!(std::fs::read(env.state()).expect("state"), before);
    assert!(
        env.ok(&["notes", "list"]).contains("first"),
        "reading still works"
    );
    drop(reader);
    env.ok(&["notes", "add", p, "2", "second"]);
}

#[test]
fn note_text_cannot_drive_the_terminal() {
    let env = Env::new();
    let path = env.article(ARTICLE);
    let p = path.to_str().expect("UTF-8 path");
    env.ok(&["notes", "add", p, "1", "red\u{1b}[31m alert\u{7}"]);
    let listed = env.ok(&["notes", "list"]);
    assert!(!listed.contains('\u{1b}'), "{listed:?}");
    assert!(!listed.contains('\u{7}'), "{listed:?}");
    let markdown = env.ok(&["notes", "export"]);
    assert!(!markdown.contains('\u{1b}'), "{markdown:?}");
}

#[test]
fn an_article_without_notes_is_reported_not_an_error() {
    let env = Env::new();
    let path = env.article(ARTICLE);
    let p = path.to_str().expect("UTF-8 path");
    assert!(env.ok(&["notes", "list"]).contains("No notes yet"));
    let out = env.run(&["notes", "list", p]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no notes on"));
    let out = env.run(&["notes", "export", p]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let missing = env.run(&["notes", "add", "/no/such/article.md", "1", "x"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read /no/such/article.md"));
}
