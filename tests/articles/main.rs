//! Article parsing, one module per format: one fixture file per edge case under
//! `tests/fixtures/`, each with the outcome the reader must show.

use std::path::Path;

use chrono::NaiveDate;
use dossier::{Article, ArticleDate, parse_article};

mod html;
mod markdown;
mod plain;

fn fixture(name: &str) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let bytes = std::fs::read(&path).expect("the fixture exists");
    parse_article(&path, &bytes).expect("the fixture parses")
}

fn day(y: i32, m: u32, d: u32) -> Option<ArticleDate> {
    Some(ArticleDate::Day(
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid day"),
    ))
}

fn all_text(article: &Article) -> String {
    article
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}
