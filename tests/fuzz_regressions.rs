//! Inputs kept from fuzzing (`scripts/fuzz.sh`) and hand-made ones of the same kind, replayed
//! through the entry point of the target that found them, with the fuzz targets' checks: no
//! panic, no stack overflow, no control character in anything that reaches the screen.

use std::path::Path;

use dossier::parse_article;
use dossier::sanitize::{sanitize, sanitize_line};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read(&p).expect("readable input"),
            )
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no inputs in {}", dir.display());
    out
}

fn replay(target: &str, extension: &str) {
    for (name, bytes) in inputs(target) {
        let path = format!("input.{extension}");
        if let Ok(article) = parse_article(Path::new(&path), &bytes) {
            let texts = std::iter::once(&article.title)
                .chain(article.author.as_ref())
                .chain(article.paragraphs.iter().map(|p| &p.text));
            for text in texts {
                assert!(
                    !text.chars().any(|c| c.is_control() && c != '\n'),
                    "{name}: {text:?}"
                );
            }
        }
    }
}

#[test]
fn html_inputs() {
    replay("html", "html");
}

#[test]
fn markdown_inputs() {
    replay("markdown", "md");
}

#[test]
fn plain_text_inputs() {
    replay("plain", "txt");
}

#[test]
fn sanitizer_inputs() {
    for (name, bytes) in inputs("sanitize") {
        let text = String::from_utf8_lossy(&bytes);
        let clean = sanitize(&text);
        assert!(
            !clean.chars().any(|c| c.is_control() && c != '\n'),
            "{name}: {clean:?}"
        );
        assert!(
            !sanitize_line(&text).chars().any(char::is_control),
            "{name}"
        );
    }
}
