//! `dossier list` end to end: aligned columns on stdout, skipped files on stderr.

use std::process::Command;

/// Runs dossier with its index in a folder of its own, so no test writes to the user's cache.
fn dossier(args: &[&str]) -> std::process::Output {
    let cache = tempfile::tempdir().expect("a temporary folder");
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("DOSSIER_INDEX_DIR", cache.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the dossier binary runs")
}

#[test]
fn lists_articles_in_aligned_columns_and_reports_skips_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("one.md"),
        "---\ntitle: First Story\nauthor: Ann Lee\ndate: 2024-01-02\n---\n\nBody.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("two.txt"), "Second Story\n\nBody.\n").unwrap();
    std::fs::write(dir.path().join("pic.jpg"), b"\xff\xd8\xff\xe0").unwrap();
    let output = dossier(&["list", dir.path().to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(lines[0].starts_with("DATE        TITLE"), "{stdout}");
    assert!(lines[1].starts_with("2024-01-02  First Story "), "{stdout}");
    assert!(
        lines[2].starts_with("            Second Story "),
        "{stdout}"
    );
    let title_col = lines[0].find("AUTHOR").unwrap();
    assert_eq!(lines[1].find("Ann Lee"), Some(title_col), "{stdout}");
    let path_col = lines[0].find("PATH").unwrap();
    assert!(lines[1][path_col..].ends_with("one.md"), "{stdout}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("pic.jpg: not an article (a .jpg file)"),
        "{stderr}"
    );
}

#[test]
fn listing_nothing_readable_fails_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let output = dossier(&["list", dir.path().to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("empty.txt: the file is empty"), "{stderr}");
    assert!(stderr.contains("no articles found"), "{stderr}");
}

#[test]
fn a_warm_list_prints_what_a_cold_one_did_warnings_included() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("one.md"),
        "---\ntitle: First Story\nauthor: Ann Lee\ndate: 2024-01-02\n---\n\nBody.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("two.md"), "---\ntitle: Only a Title\n---\n").unwrap();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["list", dir.path().to_str().unwrap()])
            .env("DOSSIER_INDEX_DIR", cache.path())
            .output()
            .expect("the dossier binary runs")
    };
    // The first run builds the index; the second finds nothing changed and prints the table
    // laid out while the files were checked.
    let (cold, warm) = (run(), run());
    assert!(cold.status.success() && warm.status.success(), "{warm:?}");
    assert_eq!(cold.stdout, warm.stdout);
    let stdout = String::from_utf8_lossy(&warm.stdout);
    assert!(stdout.contains("Only a Title"), "{stdout}");
    for output in [&cold, &warm] {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("two.md: no body text was found"),
            "{stderr}"
        );
    }
}
