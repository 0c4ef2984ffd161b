//! Opening folders: what is read, what is skipped and why, and in which order.

use std::fs;
use std::path::{Path, PathBuf};

use dossier::{Library, LibraryOrder, Skipped};

fn write(path: &Path, text: impl AsRef<[u8]>) {
    fs::create_dir_all(path.parent().expect("a parent folder")).expect("create folder");
    fs::write(path, text).expect("write file");
}

/// Writes each `(name, text)` under `root`.
fn write_files(root: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        write(&root.join(name), text);
    }
}

fn reason_for<'a>(skipped: &'a [Skipped], name: &str) -> &'a str {
    skipped
        .iter()
        .find(|s| s.path.ends_with(name))
        .map(|s| s.reason.as_str())
        .unwrap_or_else(|| panic!("{name} not skipped: {skipped:#?}"))
}

#[test]
fn opens_folders_recursively_newest_first_then_undated_by_title() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_files(
        root,
        &[
            (
                "a/old.txt",
                "2019-01-05\n\nOld Story Title\n\nBody of the old story.\n",
            ),
            (
                "b/c/new.md",
                "---\ntitle: New Story\ndate: 2024-06-01\n---\n\nBody.\n",
            ),
            (
                "zeta.html",
                "<title>Zeta Undated</title><p>Body text of zeta.</p>",
            ),
            (
                "alpha",
                "Alpha Undated\n\nA file without an extension is plain text.\n",
            ),
        ],
    );
    let library = Library::open(&[root.to_path_buf()]);
    let titles: Vec<&str> = library.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "New Story",
            "Old Story Title",
            "Alpha Undated",
            "Zeta Undated"
        ]
    );
    assert!(library.skipped.is_empty(), "{:#?}", library.skipped);
}

#[test]
fn skips_what_is_not_an_article_with_a_reason_and_opens_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("good.txt"), "Good Title\n\nGood body text.\n");
    write(&root.join("photo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    write(&root.join("notes.docx"), b"PK\x03\x04\0\0");
    write(&root.join("script.rs"), "fn main() {}\n");
    write(&root.join("empty.md"), "");
    write(&root.join("binary.txt"), b"abc\0\0\0\x01\x02");
    write(
        &root.join(".git/HEAD.txt"),
        "Hidden Title\n\nNever opened.\n",
    );
    write(&root.join(".hidden.md"), "# Hidden\n\nNever opened.\n");
    let library = Library::open(&[root.to_path_buf()]);
    assert_eq!(library.articles.len(), 1);
    assert_eq!(library.articles[0].title, "Good Title");
    assert_eq!(
        reason_for(&library.skipped, "photo.png"),
        "not an article (a .png file)"
    );
    assert!(reason_for(&library.skipped, "notes.docx").contains(".docx"));
    assert!(reason_for(&library.skipped, "script.rs").contains("unknown file type .rs"));
    assert!(reason_for(&library.skipped, "empty.md").contains("empty"));
    assert!(reason_for(&library.skipped, "binary.txt").contains("binary"));
    assert_eq!(library.skipped.len(), 5, "{:#?}", library.skipped);
}

#[test]
fn invalid_utf8_opens_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.txt");
    write(&path, b"Caf\xe9 Title\n\nBody text.\n");
    let library = Library::open(&[path]);
    assert_eq!(library.articles.len(), 1);
    assert_eq!(library.articles[0].title, "Caf\u{fffd} Title");
    assert!(library.articles[0].warnings[0].contains("not valid UTF-8"));
}

#[test]
fn a_50_mib_file_is_skipped_quickly_with_its_size_and_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.txt");
    let file = fs::File::create(&big).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    write(&dir.path().join("small.txt"), "Small Title\n\nBody.\n");
    let library = Library::open(&[dir.path().to_path_buf()]);
    assert_eq!(library.articles.len(), 1);
    assert_eq!(
        reason_for(&library.skipped, "huge.txt"),
        "too large to be an article (50 MiB, the limit is 16 MiB); split it or open a smaller file"
    );
}

#[test]
fn missing_paths_are_reported_and_the_rest_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    write(&good, "Good Title\n\nBody.\n");
    let missing = dir.path().join("missing.txt");
    let library = Library::open(&[missing, good]);
    assert_eq!(library.articles.len(), 1);
    assert_eq!(
        reason_for(&library.skipped, "missing.txt"),
        "does not exist; check the path"
    );
}

#[test]
fn the_same_file_given_twice_opens_once() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    write(&good, "Good Title\n\nBody.\n");
    let library = Library::open(&[good.clone(), dir.path().to_path_buf(), good]);
    assert_eq!(library.articles.len(), 1);
}

#[cfg(unix)]
#[test]
fn symlink_cycles_end_and_links_out_of_the_folder_are_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    let outside = dir.path().join("outside");
    write(&root.join("inside/story.txt"), "Inside Story\n\nBody.\n");
    write(&outside.join("secret.txt"), "Outside Story\n\nBody.\n");
    symlink(&root, root.join("inside/loop")).unwrap();
    symlink(&outside, root.join("escape")).unwrap();
    symlink(outside.join("secret.txt"), root.join("secret-link.txt")).unwrap();
    symlink(root.join("inside/story.txt"), root.join("alias.txt")).unwrap();
    symlink(root.join("nowhere.txt"), root.join("broken.txt")).unwrap();
    let library = Library::open(std::slice::from_ref(&root));
    let titles: Vec<&str> = library.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, vec!["Inside Story"]);
    assert!(reason_for(&library.skipped, "escape").contains("outside the folder"));
    assert!(reason_for(&library.skipped, "secret-link.txt").contains("outside the folder"));
    assert!(reason_for(&library.skipped, "broken.txt").contains("broken symlink"));
    let skipped: Vec<&PathBuf> = library.skipped.iter().map(|s| &s.path).collect();
    assert_eq!(skipped.len(), 3, "{skipped:#?}");
}

#[cfg(unix)]
#[test]
fn devices_are_skipped_not_read() {
    let library = Library::open(&[PathBuf::from("/dev/null")]);
    assert!(library.articles.is_empty());
    assert!(reason_for(&library.skipped, "null").contains("not a regular file"));
}

#[test]
fn the_order_alone_is_the_open_library_order_with_the_same_skips() {
    // Titles that differ only in case, a day shared by two articles, undated ones, and files
    // that do not open: the order a command streams a library in is the one the library
    // opens in, article for article.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_files(
        root,
        &[
            ("b.md", "---\ntitle: beta\ndate: 2024-06-01\n---\n\nBody.\n"),
            ("a.md", "---\ntitle: Beta\ndate: 2024-06-01\n---\n\nBody.\n"),
            (
                "c.md",
                "---\ntitle: Alpha\ndate: 2024-06-01\n---\n\nBody.\n",
            ),
            ("old.txt", "2019-01-05\n\nOld\n\nBody of the old story.\n"),
            ("sub/zeta.html", "<title>Zeta</title><p>Body of zeta.</p>"),
            ("alpha", "alpha\n\nPlain text without an extension.\n"),
            ("empty.md", ""),
        ],
    );
    write(&root.join("photo.png"), b"\x89PNG\r\n\x1a\n");
    let library = Library::open(&[root.to_path_buf()]);
    let order = LibraryOrder::find(&[root.to_path_buf()]);
    let opened: Vec<&Path> = library.articles.iter().map(|a| a.path.as_path()).collect();
    let ordered: Vec<&Path> = order.files.iter().map(PathBuf::as_path).collect();
    assert_eq!(ordered, opened);
    let names: Vec<&str> = ordered
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["c.md", "a.md", "b.md", "old.txt", "alpha", "zeta.html"]
    );
    assert_eq!(order.skipped, library.skipped);
    assert_eq!(order.skipped.len(), 2, "{:#?}", order.skipped);
}
