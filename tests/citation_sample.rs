//! The citation dossier copies for a paragraph of the user's sample article, read through the
//! shared copy beside the repository.

use std::path::Path;

use dossier::citation::{cite_note, cite_paragraph, source_line};
use dossier::parse_article;

const SAMPLE: &str = "../shared/articles/central-asian-jihadists-return-home.txt";

fn sample() -> dossier::Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE);
    let bytes = std::fs::read(&path).expect("the shared sample article is beside the repository");
    parse_article(&path, &bytes).expect("the sample parses")
}

const SOURCE: &str = "Paul Goble, “Now that ISIS has Stopped Paying, Central Asian Jihadists Returning Home”, 7 July 2016, paragraph 3.";

#[test]
fn a_paragraph_of_the_sample_is_cited_with_title_author_date_and_number() {
    let article = sample();
    let paragraph = &article.paragraphs[2].text;
    assert!(paragraph.starts_with("Andrey Serenko, a researcher"));
    let citation = cite_paragraph(&article, 2).expect("paragraph 3 exists");
    assert_eq!(citation, format!("“{paragraph}”\n— {SOURCE}"));
}

#[test]
fn a_saved_web_address_ends_the_citation() {
    let mut article = sample();
    article.source = Some("https://example.org/2016/07/isis-stopped-paying.html".into());
    assert_eq!(
        source_line(&article, 2),
        format!("{SOURCE} https://example.org/2016/07/isis-stopped-paying.html")
    );
}

#[test]
fn a_note_on_the_sample_quotes_its_paragraph() {
    let article = sample();
    let paragraph = &article.paragraphs[2].text;
    let citation = cite_note(
        &article,
        2,
        "Serenko's estimate: compare with Kazakh figures.",
    )
    .expect("paragraph 3 exists");
    assert_eq!(
        citation,
        format!("Serenko's estimate: compare with Kazakh figures.\n\n> {paragraph}\n— {SOURCE}")
    );
}
