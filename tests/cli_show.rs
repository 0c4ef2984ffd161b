//! `dossier show` end to end: the built binary on the user's sample and on bad input.

use std::path::Path;
use std::process::Command;

const SAMPLE: &str = "../shared/articles/central-asian-jihadists-return-home.txt";

fn dossier(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the dossier binary runs")
}

#[test]
fn shows_the_sample_with_numbered_paragraphs() {
    let output = dossier(&["show", SAMPLE]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next(),
        Some("Now that ISIS has Stopped Paying, Central Asian Jihadists Returning Home")
    );
    assert_eq!(lines.next(), Some("By Paul Goble"));
    assert_eq!(lines.next(), Some("Date: 2016-07-07"));
    let numbered: Vec<&str> = stdout.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(numbered.len(), 10);
    assert!(numbered[0].starts_with("[1] Staunton, July 7 –"));
    assert!(numbered[9].starts_with("[10] "));
    assert!(!stdout.contains("Post a Comment"));
    assert!(!stdout.contains('\u{a0}'));
}

#[test]
fn a_missing_file_is_named_with_what_to_do() {
    let output = dossier(&["show", "no/such/article.txt"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no/such/article.txt"), "{stderr}");
    assert!(stderr.contains("check that the file exists"), "{stderr}");
}

#[test]
fn escape_sequences_in_file_names_do_not_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil\u{1b}]0;owned\u{7}name.txt");
    std::fs::write(&path, "A Title\n\nSome body text here.\n").unwrap();
    let output = dossier(&["list", dir.path().to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(stdout.contains("evilname.txt"), "{stdout}");
    assert!(Path::new(&path).exists());
}

#[test]
fn a_50_mib_file_is_refused_with_its_size_and_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let output = dossier(&["show", big.to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("too large to be an article (50 MiB, the limit is 16 MiB)"),
        "{stderr}"
    );
}

#[test]
fn warnings_go_to_stderr_and_the_article_still_shows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.txt");
    std::fs::write(&path, b"Caf\xe9 Title\n\nBody text.\n").unwrap();
    let output = dossier(&["show", path.to_str().unwrap()]);
    assert!(output.status.success());
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("[1] Body text.")
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("warning") && stderr.contains("not valid UTF-8"),
        "{stderr}"
    );
}

/// `dossier show long.txt | head` ends quietly: a reader that closes the pipe early is not
/// an error, and no "Broken pipe" message reaches the terminal.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let paragraph = "The council met again on Tuesday to discuss the harbour budget and the ferry timetable.\n\n";
    std::fs::write(
        &path,
        format!("A Long Article\n\n{}", paragraph.repeat(4000)),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["show", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is dropped here, closing the pipe while dossier is still writing.
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
