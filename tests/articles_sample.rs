//! The user's sample blog post, read through the shared copy beside the repository.

use std::path::Path;

use chrono::NaiveDate;
use dossier::{ArticleDate, ParagraphKind, parse_article};

const SAMPLE: &str = "../shared/articles/central-asian-jihadists-return-home.txt";

fn sample() -> dossier::Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE);
    let bytes = std::fs::read(&path).expect("the shared sample article is beside the repository");
    parse_article(&path, &bytes).expect("the sample parses")
}

#[test]
fn header_is_read_by_shape() {
    let article = sample();
    assert_eq!(
        article.title,
        "Now that ISIS has Stopped Paying, Central Asian Jihadists Returning Home"
    );
    assert_eq!(article.author.as_deref(), Some("Paul Goble"));
    assert_eq!(
        article.date,
        Some(ArticleDate::Day(
            NaiveDate::from_ymd_opt(2016, 7, 7).unwrap()
        ))
    );
    assert!(article.warnings.is_empty(), "{:?}", article.warnings);
}

#[test]
fn body_is_ten_paragraphs_starting_with_the_dateline() {
    let article = sample();
    assert_eq!(article.paragraphs.len(), 10);
    assert!(article.paragraphs[0].text.starts_with("Staunton, July 7 –"));
    assert!(
        article
            .paragraphs
            .iter()
            .all(|p| p.kind == ParagraphKind::Body)
    );
}

#[test]
fn boilerplate_indentation_and_dangling_brackets_are_gone() {
    let article = sample();
    for p in &article.paragraphs {
        for furniture in ["No comments", "Post a Comment"] {
            assert!(!p.text.contains(furniture), "{furniture} in {:?}", p.text);
        }
        assert!(!p.text.starts_with(char::is_whitespace), "{:?}", p.text);
        assert!(!p.text.contains('\u{a0}'), "NBSP left in {:?}", p.text);
        assert!(!p.text.trim_end().ends_with('('), "{:?}", p.text);
    }
    assert!(article.paragraphs[1].text.ends_with("in Central Asia"));
}
