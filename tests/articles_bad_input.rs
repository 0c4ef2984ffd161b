//! Hostile and broken input: each gets a clear outcome and nothing panics. The big and
//! deep files are generated into a temporary folder, never committed.

use std::path::Path;

use dossier::article::ParseError;
use dossier::{Format, ParagraphKind, parse_article};

#[test]
fn an_empty_file_is_an_error_naming_it() {
    let err = parse_article(Path::new("empty.txt"), b"  \n\n").unwrap_err();
    assert!(matches!(err, ParseError::Empty { .. }));
    assert!(
        err.to_string().starts_with("empty.txt: the file is empty"),
        "{err}"
    );
}

#[test]
fn a_binary_file_is_an_error_not_garbage() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    let err = parse_article(Path::new("photo.txt"), png).unwrap_err();
    assert!(matches!(err, ParseError::Binary { .. }));
    assert!(err.to_string().contains("binary file"), "{err}");
}

#[test]
fn a_file_of_nothing_but_escape_sequences_has_no_text() {
    let junk = "\x1b[2J\x1b[H\x1b]0;title\x07\x1b[31m\x1b[0m\n".repeat(500);
    let err = parse_article(Path::new("junk.txt"), junk.as_bytes()).unwrap_err();
    assert!(matches!(err, ParseError::NoText { .. }), "{err}");
}

#[test]
fn escape_sequences_mixed_into_every_line_leave_only_the_text() {
    let text =
        "\x1b[1mBold Title\x1b[0m\n\n\x1b]0;x\x07Body \x1b[5mblinks\x1b[0m here.\n".repeat(3);
    let a = parse_article(Path::new("mixed.txt"), text.as_bytes()).unwrap();
    assert_eq!(a.title, "Bold Title");
    let all: String = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert!(
        !all.contains('\x1b') && !all.contains("[0m") && !all.contains("0;x"),
        "{all}"
    );
}

#[test]
fn html_nested_100000_deep_parses_without_overflow() {
    let depth = 100_000;
    let html = format!(
        "<html><head><title>Deep Page</title></head><body>{}<p>The text at the bottom of a very \
         deep page, which still reads as a paragraph.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.html");
    std::fs::write(&path, &html).unwrap();
    let a = parse_article(&path, &std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.title, "Deep Page");
    assert_eq!(a.paragraphs.len(), 1);
    assert!(a.paragraphs[0].text.starts_with("The text at the bottom"));
}

#[test]
fn unclosed_inline_and_block_nesting_100000_deep_parses() {
    let html = format!(
        "<title>Unclosed</title>{}text at the end",
        "<div><span><b>".repeat(100_000)
    );
    let a = parse_article(Path::new("unclosed.html"), html.as_bytes()).unwrap();
    assert_eq!(a.title, "Unclosed");
    assert_eq!(
        a.paragraphs.last().map(|p| p.text.as_str()),
        Some("text at the end")
    );
}

#[test]
fn markdown_nested_100000_deep_parses() {
    let md = format!(
        "# Deep Quotes\n\n{} bottom\n\n{}item\n",
        ">".repeat(100_000),
        "- ".repeat(50_000)
    );
    let a = parse_article(Path::new("deep.md"), md.as_bytes()).unwrap();
    assert_eq!(a.title, "Deep Quotes");
    assert!(
        a.paragraphs
            .iter()
            .any(|p| p.kind == ParagraphKind::Quote && p.text == "bottom")
    );
}

#[test]
fn deeply_nested_front_matter_is_skipped_not_recursed() {
    let md = format!(
        "+++\ntitle = \"T\"\nx = {}1{}\n+++\n\nBody.\n",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let a = parse_article(Path::new("deep-front.md"), md.as_bytes()).unwrap();
    assert_eq!(a.paragraphs.len(), 1);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("front matter is invalid")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn a_single_huge_line_of_text_is_one_paragraph() {
    let text = format!("Title Line\n\n{}\n", "word ".repeat(400_000));
    let a = parse_article(Path::new("huge-line.txt"), text.as_bytes()).unwrap();
    assert_eq!(a.paragraphs.len(), 1);
}
