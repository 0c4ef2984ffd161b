//! Fuzz target: the markdown parser, through the same entry point the reader uses. Any input
//! must parse or fail with an error, never panic, and never let a control character through.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Ok(article) = dossier::parse_article(std::path::Path::new("input.md"), data) {
            let fields = [&article.title]
                .into_iter()
                .chain(article.author.as_ref())
                .chain(article.paragraphs.iter().map(|p| &p.text));
            for text in fields {
                assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
            }
        }
    });
}
