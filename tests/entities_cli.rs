//! The `dossier entities` output contract: JSON Lines that other tools parse.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

const SAMPLE: &str = "../shared/articles/central-asian-jihadists-return-home.txt";

fn dossier(args: &[&str], stdin: Option<&str>) -> (String, String, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(input.as_bytes())
            .expect("stdin takes the text");
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().expect("the binary finishes");
    (
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        out.status.success(),
    )
}

fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect()
}

#[test]
fn json_mentions_are_one_based_paragraphs_with_exact_byte_slices() {
    let text = "Officials met in Kazakhstan.\n\nAndrey Serenko, a researcher, says Kazakhs left. Serenko agrees.\n";
    let (stdout, stderr, ok) = dossier(&["entities", "--json", "--plain", "-"], Some(text));
    assert!(ok, "{stderr}");
    let objects = lines(&stdout);
    assert_eq!(objects.len(), 1);
    let article = &objects[0];
    assert_eq!(article["path"], "-");
    assert!(article["title"].is_string());
    let paragraphs: Vec<&str> = text.split("\n\n").map(str::trim).collect();
    let entities = article["entities"].as_array().expect("entities is a list");
    for entity in entities {
        assert!(["person", "group", "country"].contains(&entity["kind"].as_str().unwrap()));
        assert!(!entity["name"].as_str().unwrap().is_empty());
        for m in entity["mentions"].as_array().unwrap() {
            let p = m["paragraph"].as_u64().unwrap() as usize;
            let (start, end) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert!(p >= 1, "paragraphs count from 1");
            assert_eq!(&paragraphs[p - 1][start..end], m["text"].as_str().unwrap());
        }
    }
    let serenko = entities
        .iter()
        .find(|e| e["name"] == "Andrey Serenko")
        .expect("the researcher is found");
    assert_eq!(serenko["kind"], "person");
    let texts: Vec<&str> = serenko["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["Andrey Serenko", "Serenko"]);
    assert_eq!(serenko["mentions"][0]["paragraph"], 2);
    assert_eq!(serenko["mentions"][0]["start"], 0);
    assert_eq!(serenko["mentions"][0]["end"], 14);
    let kazakhstan = entities
        .iter()
        .find(|e| e["name"] == "Kazakhstan")
        .expect("the country is found");
    assert_eq!(kazakhstan["mentions"].as_array().unwrap().len(), 2);
}

#[test]
fn files_and_folders_print_one_line_per_article() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("a.txt"),
        "First\n\nPresident Boris Yeltsin left Moscow.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "Second\n\nThe UN met in Geneva.\n",
    )
    .unwrap();
    let folder = dir.path().to_str().unwrap();
    let (stdout, stderr, ok) = dossier(&["entities", "--json", folder], None);
    assert!(ok, "{stderr}");
    let objects = lines(&stdout);
    assert_eq!(objects.len(), 2);
    let titles: Vec<&str> = objects
        .iter()
        .map(|o| o["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["First", "Second"]);
    assert_eq!(objects[0]["entities"][0]["name"], "Boris Yeltsin");
    assert_eq!(objects[1]["entities"][0]["name"], "United Nations");
}

#[test]
fn the_sample_article_names_its_author_people_groups_and_countries() {
    let (stdout, stderr, ok) = dossier(&["entities", "--json", SAMPLE], None);
    assert!(ok, "{stderr}");
    let objects = lines(&stdout);
    let names: Vec<&str> = objects[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    for expected in [
        "Paul Goble",
        "Andrey Serenko",
        "Lev Korolkov",
        "Jeffrey Feltman",
        "Taliban",
        "Kyrgyzstan",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
}

#[test]
fn the_table_lists_kind_name_and_reason() {
    let (stdout, stderr, ok) = dossier(
        &["entities", "--plain", "-"],
        Some("Jeffrey Feltman of the UN visited Turkmenistan.\n"),
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("person"), "{stdout}");
    assert!(stdout.contains("Jeffrey Feltman"), "{stdout}");
    assert!(stdout.contains("known organisation"), "{stdout}");
    assert!(stdout.contains("Turkmenistan"), "{stdout}");
}

#[test]
fn a_missing_file_is_reported_with_its_path() {
    let (_, stderr, ok) = dossier(&["entities", "--json", "no/such/article.txt"], None);
    assert!(!ok);
    assert!(stderr.contains("no/such/article.txt"), "{stderr}");
}

#[test]
fn escape_sequences_in_file_names_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let name = "evil\u{1b}[2Jname.txt";
    std::fs::write(dir.path().join(name), "Title\n\nThe UN met.\n").unwrap();
    let path = dir.path().join(name);
    let (stdout, stderr, ok) = dossier(&["entities", path.to_str().unwrap()], None);
    assert!(ok, "{stderr}");
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(stdout.contains("United Nations"), "{stdout}");
    let missing = dir.path().join("gone\u{1b}]0;x\u{7}.txt");
    let (_, stderr, ok) = dossier(&["entities", missing.to_str().unwrap()], None);
    assert!(!ok);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

#[test]
fn a_folder_prints_in_the_library_order_and_skips_what_does_not_open() {
    // More articles than one chunk of output, so the order holds across chunks too.
    let dir = tempfile::tempdir().expect("a temporary folder");
    for n in 0..300 {
        std::fs::write(
            dir.path().join(format!("{n:03}.md")),
            format!(
                "---\ntitle: Report {n:03}\ndate: 2024-{:02}-{:02}\n---\n\nThe UN met in Geneva.\n",
                1 + n % 12,
                1 + n % 28
            ),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("empty.md"), "").unwrap();
    let folder = dir.path().to_str().unwrap();
    let (stdout, stderr, ok) = dossier(&["entities", "--json", folder], None);
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("skipped") && stderr.contains("empty.md"),
        "{stderr}"
    );
    let titles: Vec<String> = lines(&stdout)
        .iter()
        .map(|o| o["title"].as_str().unwrap().to_string())
        .collect();
    let mut expected: Vec<(String, String)> = (0..300)
        .map(|n| {
            (
                format!("2024-{:02}-{:02}", 1 + n % 12, 1 + n % 28),
                format!("Report {n:03}"),
            )
        })
        .collect();
    // newest first, then by title
    expected.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let expected: Vec<String> = expected.into_iter().map(|(_, title)| title).collect();
    assert_eq!(titles, expected);
}

#[test]
fn a_named_file_that_does_not_open_stops_the_command_before_any_output() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Good\n\nThe UN met in Geneva.\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let (stdout, stderr, ok) = dossier(
        &[
            "entities",
            "--json",
            good.to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
        None,
    );
    assert!(!ok);
    assert!(stderr.contains("missing.txt"), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
}
