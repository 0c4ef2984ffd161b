//! Plain text fixtures: one file per edge case, each with the outcome the reader must show.

use std::path::Path;

use dossier::{Article, ArticleDate, ParagraphKind};

use super::{day, fixture};

fn texts(article: &Article) -> Vec<&str> {
    article.paragraphs.iter().map(|p| p.text.as_str()).collect()
}

#[test]
fn crlf_line_ends_read_like_lf() {
    let a = fixture("plain_crlf.txt");
    assert_eq!(a.title, "River Ferries Return After the Winter Floods");
    assert_eq!(a.author.as_deref(), Some("Ilse Varga"));
    assert_eq!(a.date, day(2025, 3, 3));
    assert_eq!(a.paragraphs.len(), 2);
    assert!(texts(&a).iter().all(|t| !t.contains('\r')));
}

#[test]
fn first_line_indents_split_hard_wrapped_paragraphs() {
    let a = fixture("plain_indented_paragraphs.txt");
    assert_eq!(a.title, "Salt Roads of the Old Coast");
    assert_eq!(a.author.as_deref(), Some("Tomas Erkel"));
    assert_eq!(
        texts(&a),
        vec![
            "The salt merchants kept their ledgers in three languages, and the ledgers survive \
             in a monastery archive that few historians have visited.",
            "A second archive, smaller and badly catalogued, holds the letters the merchants \
             sent home.",
            "Both collections are now being scanned.",
        ]
    );
}

#[test]
fn byline_and_date_can_share_a_line() {
    let a = fixture("plain_byline_with_date.txt");
    assert_eq!(a.title, "Wind Farm Plan Splits the Valley");
    assert_eq!(a.author.as_deref(), Some("Noor Haddad"));
    assert_eq!(a.date, day(2024, 6, 12));
    assert_eq!(a.paragraphs.len(), 2);
}

#[test]
fn labelled_header_fields_are_read() {
    let a = fixture("plain_labelled_header.txt");
    assert_eq!(a.title, "Notes on the Grain Exchange");
    assert_eq!(a.author.as_deref(), Some("Pell Ashby"));
    assert_eq!(a.date, day(2022, 11, 30));
    assert_eq!(
        a.source.as_deref(),
        Some("https://news.example/grain-exchange")
    );
    assert_eq!(a.tags, vec!["trade", "grain"]);
    assert_eq!(a.paragraphs.len(), 1);
}

#[test]
fn text_without_a_header_is_all_body_and_titled_by_file_name() {
    let a = fixture("plain_no_header.txt");
    assert_eq!(a.title, "Plain no header");
    assert_eq!(a.author, None);
    assert_eq!(a.date, None);
    assert_eq!(a.paragraphs.len(), 2);
    assert!(a.paragraphs[0].text.starts_with("the committee met"));
}

#[test]
fn blog_furniture_is_cut_and_labels_become_tags() {
    let a = fixture("plain_blog_furniture.txt");
    assert_eq!(a.title, "Lighthouse Keepers Remembered in New Exhibit");
    assert_eq!(a.author.as_deref(), Some("Ruth Calloway"));
    assert_eq!(a.date, day(2024, 2, 9));
    assert_eq!(
        texts(&a),
        vec![
            "The maritime museum opened an exhibit on Friday devoted to the keepers who ran the \
             coast's lighthouses until automation in the 1980s.",
            "Letters, logbooks and a restored lamp are on display",
        ]
    );
    assert_eq!(a.tags, vec!["museums", "coast", "history"]);
    assert!(a.paragraphs.iter().all(|p| p.kind == ParagraphKind::Body));
}

#[test]
fn bidi_and_zero_width_characters_are_removed() {
    let a = fixture("plain_bidi.txt");
    let all = texts(&a).join("\n");
    assert!(all.contains("invoicegpj.exe"), "{all}");
    assert!(
        all.contains("zerowidthjoiners and an isolate here"),
        "{all}"
    );
    for c in [
        '\u{202e}', '\u{202c}', '\u{200b}', '\u{2060}', '\u{2066}', '\u{2069}',
    ] {
        assert!(!all.contains(c), "{c:?} left in {all:?}");
    }
}

#[test]
fn escape_sequences_are_removed_whole() {
    let a = fixture("plain_escape_sequences.txt");
    assert_eq!(a.title, "Terminal Tricks in Plain Text");
    assert_eq!(a.author.as_deref(), Some("Eve Marsh"));
    assert_eq!(
        texts(&a),
        vec![
            "This paragraph hides red text and a link inside it.",
            "It also clears the screen and rings the bell.",
        ]
    );
}

#[test]
fn invalid_utf8_opens_lossily_with_a_warning() {
    let a = fixture("plain_invalid_utf8.txt");
    assert_eq!(a.title, "Market Report");
    assert!(a.paragraphs[0].text.contains("caf\u{fffd} sector"));
    assert_eq!(a.warnings.len(), 1);
    assert!(
        a.warnings[0].contains("not valid UTF-8"),
        "{:?}",
        a.warnings
    );
}

#[test]
fn plain_body_mode_keeps_every_block() {
    let a = dossier::parse_plain_body(
        Path::new("-"),
        "Short Title Line\n\nBody one.\r\n\r\n   Body two\nwrapped.\n\nNo comments:\n",
    );
    assert_eq!(a.title, "");
    assert_eq!(
        texts(&a),
        vec![
            "Short Title Line",
            "Body one.",
            "Body two wrapped.",
            "No comments:"
        ]
    );
    let a = dossier::parse_plain_body(
        Path::new("-"),
        "Kept ( as is\n    indented\n\u{1b}[31mred\n",
    );
    assert_eq!(texts(&a), vec!["Kept ( as is indented red"]);
}

#[test]
fn a_blog_name_before_the_date_gives_way_to_the_post_title() {
    let a = fixture("plain_blog_name_before_date.txt");
    assert_eq!(a.title, "Fog Delays the Regatta for a Second Day");
    assert_eq!(a.author.as_deref(), Some("Wim Osei"));
    assert_eq!(a.date, day(2024, 10, 12));
    assert_eq!(a.paragraphs.len(), 1);
}

#[test]
fn a_section_heading_after_the_title_is_not_a_byline() {
    let a = dossier::parse_article(
        Path::new("x.txt"),
        b"Ports Reopen After Storm\n\nKey Points\n\nShipping resumed on Monday after a week of closures.\n",
    )
    .expect("parses");
    assert_eq!(a.author, None);
    assert_eq!(a.paragraphs[0].text, "Key Points");
}

#[test]
fn bulleted_and_numbered_lines_become_list_items() {
    let a = fixture("plain_lists.txt");
    let kinds: Vec<(ParagraphKind, &str)> = a
        .paragraphs
        .iter()
        .map(|p| (p.kind, p.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (
                ParagraphKind::Body,
                "The finance minister presented the budget on Wednesday. The main points:"
            ),
            (
                ParagraphKind::ListItem,
                "Income tax bands rise with inflation."
            ),
            (
                ParagraphKind::ListItem,
                "Fuel duty is frozen for another year, as the minister had promised."
            ),
            (ParagraphKind::ListItem, "Spending on rail doubles."),
            (ParagraphKind::ListItem, "A new fund for flood defences."),
            (ParagraphKind::ListItem, "Pensions rise by four per cent."),
            (
                ParagraphKind::Body,
                "Parliament votes on the plan next month."
            ),
        ]
    );
}

#[test]
fn an_ambiguous_numeric_date_is_kept_as_written() {
    let a = dossier::parse_article(
        Path::new("x.txt"),
        b"07/08/2016\n\nCanal Tolls Rise\n\nBy Ivo Marsh\n\nTolls rose on the canal this week.\n",
    )
    .expect("parses");
    assert_eq!(a.date, Some(ArticleDate::Text("07/08/2016".into())));
    assert_eq!(a.title, "Canal Tolls Rise");
    assert_eq!(a.author.as_deref(), Some("Ivo Marsh"));
}

#[test]
fn posted_on_date_by_author_is_one_header_line() {
    let a = dossier::parse_article(
        Path::new("x.txt"),
        b"Canal Tolls Rise\n\nPosted on July 7, 2016 by Ivo Marsh\n\nTolls rose on the canal.\n",
    )
    .expect("parses");
    assert_eq!(a.date, day(2016, 7, 7));
    assert_eq!(a.author.as_deref(), Some("Ivo Marsh"));
    assert_eq!(a.paragraphs.len(), 1);
}

#[test]
fn the_first_line_of_a_hard_wrapped_paragraph_is_not_a_title() {
    let a = dossier::parse_article(
        Path::new("wrapped-notes.txt"),
        b"The committee met twice in the spring and once in the autumn, each time\n\
          without reaching a decision on the budget.\n\nA second paragraph.\n",
    )
    .expect("parses");
    assert_eq!(a.title, "Wrapped notes");
    assert_eq!(a.paragraphs.len(), 2);
    assert!(a.paragraphs[0].text.starts_with("The committee met twice"));
}

#[test]
fn header_lines_may_follow_each_other_without_blank_lines() {
    let a = dossier::parse_article(
        Path::new("x.txt"),
        b"Canal Tolls Rise Again\nBy Ivo Marsh\n12 March 2021\n\nTolls rose on the canal.\n",
    )
    .expect("parses");
    assert_eq!(a.title, "Canal Tolls Rise Again");
    assert_eq!(a.author.as_deref(), Some("Ivo Marsh"));
    assert_eq!(a.date, day(2021, 3, 12));
    assert_eq!(a.paragraphs.len(), 1);
}

#[test]
fn mail_style_headers_give_title_author_and_date() {
    let a = dossier::parse_article(
        Path::new("x.txt"),
        b"From: \"Ivo Marsh\" <ivo@example.org>\nSubject: Canal Tolls Rise\nDate: Thu, 07 Jul 2016 10:00:00 +0000\n\nTolls rose on the canal.\n",
    )
    .expect("parses");
    assert_eq!(a.title, "Canal Tolls Rise");
    assert_eq!(a.author.as_deref(), Some("Ivo Marsh"));
    assert_eq!(a.date, day(2016, 7, 7));
}
