//! What every parser target checks, so the targets differ only in the file name they give.

/// Parses `data` as a file named `name` (its extension picks the parser, as in the reader).
/// Any input must parse or fail with an error, never panic, and never let a control character
/// through to the text the terminal would show.
pub fn parse_cleanly(name: &str, data: &[u8]) {
    if let Ok(article) = dossier::parse_article(std::path::Path::new(name), data) {
        let fields = [&article.title]
            .into_iter()
            .chain(article.author.as_ref())
            .chain(article.paragraphs.iter().map(|p| &p.text));
        for text in fields {
            assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
        }
    }
}
