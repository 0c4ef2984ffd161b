//! HTML fixtures: page furniture, charsets, metadata sources and hostile markup.

use dossier::{Format, ParagraphKind};

use super::{all_text, day, fixture};

#[test]
fn article_text_without_nav_share_comments_or_footer() {
    let a = fixture("html_article_furniture.html");
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.title, "Harbour Strike Enters Third Week");
    assert_eq!(a.author.as_deref(), Some("Mara Quint"));
    assert_eq!(a.date, day(2023, 4, 18));
    assert_eq!(
        a.source.as_deref(),
        Some("https://ledger.example/news/harbour-strike")
    );
    assert_eq!(a.tags, vec!["Labour", "Ports"]);
    let kinds: Vec<ParagraphKind> = a.paragraphs.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ParagraphKind::Body,
            ParagraphKind::Body,
            ParagraphKind::Heading(2),
            ParagraphKind::Body,
            ParagraphKind::ListItem,
            ParagraphKind::ListItem,
        ]
    );
    assert!(a.paragraphs[1].text.contains("since 2019 — a figure"));
    let text = all_text(&a);
    for furniture in [
        "Home",
        "Tweet",
        "Share",
        "Related",
        "Most read",
        "Great article",
        "newsletter",
        "Copyright",
        "injected",
        "color",
    ] {
        assert!(!text.contains(furniture), "{furniture} in {text}");
    }
}

#[test]
fn a_wrong_charset_declaration_does_not_garble_utf8() {
    let a = fixture("html_wrong_charset.html");
    assert_eq!(a.title, "Café Owners Face “Rent Shock”");
    assert!(
        a.paragraphs[0]
            .text
            .contains("cafés in the old town say rents have doubled —")
    );
    assert!(a.paragraphs[0].text.contains("€4,000") && a.paragraphs[0].text.contains("naïve"));
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn a_declared_legacy_charset_is_honoured_for_non_utf8_bytes() {
    let a = fixture("html_windows_1252.html");
    assert_eq!(a.title, "Café Prices");
    assert!(
        a.paragraphs[0]
            .text
            .contains("rose – by a fifth – over the year, with “rent”")
    );
    assert!(
        a.warnings.iter().any(|w| w.contains("windows-1252")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn json_ld_supplies_missing_metadata() {
    let a = fixture("html_json_ld.html");
    assert_eq!(a.title, "Library Reopens After Fire");
    assert_eq!(a.author.as_deref(), Some("Sami Okoro"));
    assert_eq!(a.date, day(2022, 8, 1));
    assert_eq!(
        a.source.as_deref(),
        Some("https://news.example/library-reopens")
    );
    assert_eq!(a.tags, vec!["libraries", "fire"]);
    assert_eq!(a.site_name.as_deref(), Some("Valley News"));
    assert_eq!(a.language.as_deref(), Some("en-gb"));
    assert_eq!(a.paragraphs.len(), 1);
}

#[test]
fn text_density_finds_the_body_in_div_soup() {
    let a = fixture("html_div_soup.html");
    assert_eq!(a.title, "Lake Levels Fall Again");
    assert_eq!(a.paragraphs.len(), 3, "{:#?}", a.paragraphs);
    assert!(a.paragraphs[0].text.starts_with("Water levels in the lake"));
    let text = all_text(&a);
    assert!(!text.contains("Sport") && !text.contains("Another link") && !text.contains("privacy"));
}

#[test]
fn double_line_breaks_split_blog_paragraphs() {
    let a = fixture("html_br_paragraphs.html");
    assert_eq!(a.title, "Winter Notes");
    assert_eq!(a.paragraphs.len(), 3, "{:#?}", a.paragraphs);
    assert!(
        a.paragraphs[0]
            .text
            .starts_with("Staunton, January 3 – The first")
    );
    assert!(
        a.paragraphs[1]
            .text
            .ends_with("continues on a new source line.")
    );
    assert!(!all_text(&a).contains("Posted by"));
}

#[test]
fn decoded_entities_cannot_smuggle_controls_or_bidi() {
    let a = fixture("html_entities_and_escapes.html");
    assert_eq!(a.title, "Escapes & Entities");
    let text = all_text(&a);
    assert!(
        text.contains("Fish & chips cost £9 – up from £7 —"),
        "{text}"
    );
    assert!(text.contains("the screen cleared quietly"), "{text}");
    assert!(
        text.contains("Right-to-left override and zerowidth"),
        "{text}"
    );
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(!text.contains('\u{202e}') && !text.contains('\u{200b}'));
}

#[test]
fn hidden_elements_scripts_and_templates_are_not_text() {
    let a = fixture("html_hidden_and_scripts.html");
    let text = all_text(&a);
    assert_eq!(a.paragraphs.len(), 2, "{text}");
    for hidden in [
        "hidden paragraph",
        "decoration",
        "JavaScript",
        "not text",
        "Template",
    ] {
        assert!(!text.contains(hidden), "{hidden} in {text}");
    }
}

#[test]
fn a_blog_post_page_without_metadata_is_read_from_its_markup() {
    let a = fixture("html_blogger_post.html");
    assert_eq!(a.title, "Reindeer Herders Move Camp Early");
    assert_eq!(a.author.as_deref(), Some("Kari Lund"));
    assert_eq!(a.date, day(2019, 9, 17));
    assert_eq!(a.paragraphs.len(), 3, "{:#?}", a.paragraphs);
    assert!(
        a.paragraphs[0]
            .text
            .starts_with("Tromsø, September 17 – Herders")
    );
    assert!(
        a.paragraphs[1]
            .text
            .ends_with("rather than the calendar (see the report).")
    );
    assert!(a.paragraphs[2].text.starts_with("The regional council"));
    let text = all_text(&a);
    for furniture in [
        "Posted by",
        "Share to",
        "Labels",
        "comments",
        "Newer Post",
        "Archive",
    ] {
        assert!(!text.contains(furniture), "{furniture} in {text}");
    }
}

#[test]
fn a_page_wrapped_in_one_form_still_reads_but_small_forms_do_not() {
    let a = fixture("html_page_in_form.html");
    assert_eq!(a.title, "Council Approves Tram Extension");
    assert_eq!(a.paragraphs.len(), 4, "{:#?}", a.paragraphs);
    assert!(!all_text(&a).contains("Search the Gazette"));
}

#[test]
fn a_wordpress_post_loses_its_ads_share_related_and_comments() {
    let a = fixture("html_wordpress_post.html");
    assert_eq!(a.title, "Why the Bridge Fell");
    assert_eq!(a.author.as_deref(), Some("Sam Lee"));
    assert_eq!(a.date, day(2020, 2, 3));
    assert_eq!(a.paragraphs.len(), 2, "{:#?}", a.paragraphs);
    assert!(a.paragraphs[1].text.starts_with("Engineers had flagged"));
}

#[test]
fn quotes_code_and_table_rows_keep_their_shape() {
    let a = fixture("html_quote_code_table.html");
    let kinds: Vec<(ParagraphKind, &str)> = a
        .paragraphs
        .iter()
        .map(|p| (p.kind, p.text.as_str()))
        .collect();
    assert_eq!(kinds.len(), 6, "{kinds:#?}");
    assert_eq!(
        kinds[1],
        (
            ParagraphKind::Quote,
            "A quoted passage from the minister, which runs on for a bit."
        )
    );
    assert_eq!(
        kinds[2],
        (ParagraphKind::Code, "fn main() {\n    println!(\"hi\");\n}")
    );
    assert_eq!(kinds[3], (ParagraphKind::Body, "Year | Tonnes"));
    assert_eq!(kinds[4], (ParagraphKind::Body, "2020 | 1,200"));
}

/// Layout state on `<body>` and the post's own taxonomy classes ("no-sidebars",
/// "ads-enabled", "tag-share", "shared-story") are not furniture; a wrapper whose class
/// says "menu" is only distrusted until it turns out to hold the article, and a real
/// sidebar beside the article still stays out.
#[test]
fn layout_and_taxonomy_classes_do_not_empty_the_page() {
    let a = fixture("html_layout_classes.html");
    assert_eq!(a.paragraphs.len(), 3, "{:#?}", a.paragraphs);
    assert!(a.paragraphs[0].text.starts_with("The island ferry"));
    assert!(!all_text(&a).contains("Most read"));
}

/// Only one heading or short line that repeats the title is the title; body paragraphs
/// that open with the headline's words stay. The section label above the headline goes.
#[test]
fn paragraphs_opening_with_the_headline_stay() {
    let a = fixture("html_headline_words_in_body.html");
    assert_eq!(a.title, "Flood defences hold");
    assert_eq!(a.paragraphs.len(), 3, "{:#?}", a.paragraphs);
    assert!(!all_text(&a).contains("Weather"));
    assert!(a.paragraphs[1].text.starts_with("Flood defences hold only"));
}

/// An article split across sibling wrappers (steps, sections) is read whole: the common
/// ancestor of the strong candidates wins, not one step; the link list beside it stays out.
#[test]
fn an_article_split_into_sections_is_read_whole() {
    let a = fixture("html_split_sections.html");
    let text = all_text(&a);
    for step in ["Start by taking", "Dig out", "Lay each face", "Finish with"] {
        assert!(text.contains(step), "{step} missing from {text}");
    }
    assert!(!text.contains("Walling handbook"), "{text}");
}

/// Link density is judged on containers: a sentence made of links stays, a list of teaser
/// links inside the article goes, with the heading it leaves empty, and so does a "Read
/// more" line that is a link with a short label.
#[test]
fn link_density_drops_link_lists_not_paragraphs_of_links() {
    let a = fixture("html_link_paragraphs.html");
    let text = all_text(&a);
    assert!(text.contains("the national rainfall archive"), "{text}");
    assert!(!text.contains("Lake levels fall again"), "{text}");
    assert!(!text.contains("Related stories"), "{text}");
    assert!(!text.contains("Wells run dry"), "{text}");
    assert_eq!(a.paragraphs.len(), 3, "{:#?}", a.paragraphs);
}

/// MathML is text: the formula stays in its sentence, and its TeX annotation is not
/// printed a second time.
#[test]
fn formulas_stay_in_the_text() {
    let a = fixture("html_mathml.html");
    assert_eq!(a.paragraphs.len(), 3, "{:#?}", a.paragraphs);
    let formula = &a.paragraphs[1].text;
    assert!(formula.contains("T2∝a3 for the period"), "{formula}");
    assert!(!formula.contains("propto"), "{formula}");
}

/// The fallback ladder: a body hidden until a script reveals it is read rather than
/// leaving the page empty, and other hidden bits stay out.
#[test]
fn a_body_hidden_until_a_script_runs_is_still_read() {
    let a = fixture("html_hidden_until_script.html");
    assert_eq!(a.paragraphs.len(), 3, "{:#?}", a.paragraphs);
    assert!(a.paragraphs[0].text.starts_with("Night trains"));
    let text = all_text(&a);
    assert!(
        !text.contains("Loading") && !text.contains("Home"),
        "{text}"
    );
}

/// Meta tags: Open Graph site name (and the title without it), `<html lang>`, meta author,
/// published time and the canonical link.
#[test]
fn metadata_from_meta_tags_and_the_html_element() {
    let a = fixture("html_meta_site_language.html");
    assert_eq!(a.title, "Porto amplia o cais norte");
    assert_eq!(a.site_name.as_deref(), Some("Gazeta do Litoral"));
    assert_eq!(a.language.as_deref(), Some("pt-br"));
    assert_eq!(a.author.as_deref(), Some("Rita Campos"));
    assert_eq!(a.date, day(2024, 2, 11));
    assert_eq!(
        a.source.as_deref(),
        Some("https://gazeta.example/porto-cais-norte")
    );
}

/// Microdata `itemprop="author"` and `<time datetime>` give byline and date when there is
/// no meta; the byline line they sit on is not a body paragraph.
#[test]
fn metadata_from_microdata_and_time() {
    let a = fixture("html_microdata_time.html");
    assert_eq!(a.author.as_deref(), Some("Lena Ortiz"));
    assert_eq!(a.date, day(2021, 3, 4));
    assert_eq!(a.paragraphs.len(), 2, "{:#?}", a.paragraphs);
    assert!(a.paragraphs[0].text.starts_with("Apple growers"));
}

/// A "By" line in the article gives the byline without its role ("Staff Writer").
#[test]
fn metadata_from_a_by_line() {
    let a = fixture("html_by_line.html");
    assert_eq!(a.author.as_deref(), Some("Tomas Reyes"));
    assert_eq!(a.paragraphs.len(), 2, "{:#?}", a.paragraphs);
}
