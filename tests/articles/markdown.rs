//! Markdown fixtures: front matter variants, template tags and raw HTML.

use dossier::{Format, ParagraphKind};

use super::{all_text, day, fixture};

#[test]
fn yaml_front_matter_sets_the_metadata() {
    let a = fixture("md_yaml_front_matter.md");
    assert_eq!(a.format, Format::Markdown);
    assert_eq!(a.title, "Bridges: a Quiet Renewal");
    assert_eq!(a.author.as_deref(), Some("Femi Adeyemi"));
    assert_eq!(a.date, day(2023, 9, 14));
    assert_eq!(a.source.as_deref(), Some("https://example.org/bridges"));
    assert_eq!(a.tags, vec!["infrastructure", "cities, towns"]);
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
                "Across the region, old bridges are being repaired without fanfare, as the \
                 report shows."
            ),
            (ParagraphKind::Heading(2), "Costs"),
            (ParagraphKind::ListItem, "Steel prices rose."),
            (ParagraphKind::ListItem, "Labour was scarce."),
            (
                ParagraphKind::Quote,
                "\"We fix what we can,\" one engineer said."
            ),
            (ParagraphKind::Code, "span_m = 42"),
        ]
    );
}

#[test]
fn toml_front_matter_with_params_table() {
    let a = fixture("md_toml_front_matter.md");
    assert_eq!(a.title, "Orchards After the Frost");
    assert_eq!(a.author.as_deref(), Some("Jun Okada"));
    assert_eq!(a.date, day(2021, 4, 22));
    assert_eq!(a.source.as_deref(), Some("https://example.org/orchards"));
    assert_eq!(a.tags, vec!["farming", "weather"]);
    assert_eq!(a.paragraphs.len(), 1);
}

#[test]
fn yaml_block_lists_for_authors_and_tags() {
    let a = fixture("md_yaml_block_lists.md");
    assert_eq!(a.title, "Night Trains Make a Comeback");
    assert_eq!(a.author.as_deref(), Some("Lena Brandt, Piet Mol"));
    assert_eq!(a.tags, vec!["rail", "travel", "europe"]);
    assert_eq!(a.date, day(2024, 3, 5));
}

#[test]
fn first_h1_is_the_title_and_an_italic_byline_the_author() {
    let a = fixture("md_no_front_matter.md");
    assert_eq!(a.title, "The Last Bookbinder in Town");
    assert_eq!(a.author.as_deref(), Some("Cora Finch"));
    assert_eq!(a.paragraphs.len(), 1);
    assert!(a.paragraphs[0].text.starts_with("On a narrow street"));
}

#[test]
fn hugo_shortcodes_never_reach_the_reader() {
    let a = fixture("md_hugo_shortcodes.md");
    let text = all_text(&a);
    assert!(!text.contains("{{") && !text.contains("}}"), "{text}");
    assert!(!text.contains("caption"), "{text}");
    assert!(text.contains("The survey used drones for the first time."));
    assert!(
        a.paragraphs
            .iter()
            .any(|p| p.kind == ParagraphKind::Code && p.text == "retreat_m = 31")
    );
    assert!(text.ends_with("The team will return next year."));
}

#[test]
fn jekyll_liquid_tags_never_reach_the_reader() {
    let a = fixture("md_jekyll_liquid.md");
    assert_eq!(a.title, "Harvest Festival Draws Record Crowds");
    let text = all_text(&a);
    assert!(!text.contains("{%") && !text.contains("{{"), "{text}");
    assert!(!text.contains("Remember to update"), "{text}");
    assert!(text.contains("Stalls sold bread, cheese and cider."));
}

#[test]
fn raw_html_shows_as_text_without_tags_scripts_or_comments() {
    let a = fixture("md_raw_html.md");
    assert_eq!(a.title, "Radio Amateurs Keep Watch");
    let text = all_text(&a);
    assert!(
        text.contains("Call signs were logged every ten minutes."),
        "{text}"
    );
    assert!(text.contains("They relayed messages when the phone lines failed."));
    for syntax in ["<", ">", "alert", "editor's note", "antenna.jpg"] {
        assert!(!text.contains(syntax), "{syntax} in {text}");
    }
}

#[test]
fn crlf_front_matter_is_read() {
    let a = fixture("md_crlf_front_matter.md");
    assert_eq!(a.title, "Snow Closes Mountain Pass");
    assert_eq!(a.author.as_deref(), Some("Rafa Ortiz"));
    assert_eq!(a.paragraphs.len(), 1);
}

#[test]
fn invalid_front_matter_warns_and_the_body_still_reads() {
    let a = fixture("md_invalid_toml_front_matter.md");
    assert_eq!(a.title, "Fallback Heading Title");
    assert_eq!(a.paragraphs.len(), 1);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("TOML front matter is invalid")),
        "{:?}",
        a.warnings
    );
}

/// Front matter indented by a space is valid YAML and is read as such, with YAML's escapes
/// decoded (a line reader took the indented lines for continuations and left `\u00e9` as is).
#[test]
fn indented_yaml_front_matter_with_escapes() {
    let a = fixture("md_indented_yaml_front_matter.md");
    assert_eq!(a.title, "Café \"Owners\" Reopen");
    assert_eq!(a.author.as_deref(), Some("Ines Moreau"));
    assert_eq!(a.date, day(2023, 5, 6));
    assert_eq!(a.tags, vec!["food", "towns"]);
    assert_eq!(a.paragraphs.len(), 1, "{:#?}", a.paragraphs);
}
