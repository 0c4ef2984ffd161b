//! Seeded random input built from the pieces that trip parsers up (tags, Markdown syntax,
//! front matter fences, template tags, escapes, multi-byte and invisible characters). Every
//! input must parse or fail with an error, never panic, and never yield control characters.

use std::path::Path;

use dossier::{ParagraphKind, parse_article};

const PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<div class=\"share\">",
    "</div>",
    "<article>",
    "</article>",
    "<br>",
    "<h1>",
    "</h1>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<title>",
    "&amp;",
    "&#27;",
    "&#x202E;",
    "<pre>",
    "<li>",
    "<a href=x>",
    "</a>",
    "<meta name=author content=\"By Ann\">",
    "---\n",
    "+++\n",
    "title: ",
    "tags: [a, ",
    "- ",
    "# ",
    "## ",
    "> ",
    "```\n",
    "{{< ",
    " >}}",
    "{% ",
    " %}",
    "{{",
    "}}",
    "[",
    "](",
    ")",
    "![",
    "*",
    "_",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "   ",
    "\u{a0}",
    "\u{1b}[31m",
    "\u{1b}]0;",
    "\u{7}",
    "\u{9b}",
    "\u{200b}",
    "\u{202e}",
    "\u{feff}",
    "İ",
    "\u{212a}",
    "ß",
    "日本",
    "é",
    "🙂",
    "(",
    "July 7, 2016",
    "2016-07-07",
    "By Paul Goble",
    "No comments:",
    "Share",
    "Posted by X at 5:00",
    "Labels: a, b",
    "word ",
    "Title Case Line",
    "A sentence, with commas, that runs on for a while.",
    "1. ",
    ":",
    "\"",
    "'",
    "\\",
];

/// A small linear congruential generator: reproducible without a dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
}

#[test]
fn random_inputs_never_panic_or_leak_controls() {
    let mut rng = Lcg(0x5eed);
    for round in 0..1500 {
        let len = rng.next() % 60;
        let text: String = (0..len)
            .map(|_| PIECES[rng.next() % PIECES.len()])
            .collect();
        for name in ["x.txt", "x.md", "x.html", "x"] {
            let Ok(article) = parse_article(Path::new(name), text.as_bytes()) else {
                continue;
            };
            let fields = [&article.title]
                .into_iter()
                .chain(article.author.as_ref())
                .chain(article.source.as_ref())
                .chain(article.tags.iter());
            for field in fields {
                assert!(
                    !field.chars().any(char::is_control),
                    "round {round} {name}: {field:?} from {text:?}"
                );
            }
            for p in &article.paragraphs {
                assert!(!p.text.is_empty(), "round {round} {name}: empty paragraph");
                let allowed_newline = p.kind == ParagraphKind::Code;
                assert!(
                    !p.text
                        .chars()
                        .any(|c| c.is_control() && !(allowed_newline && c == '\n')),
                    "round {round} {name}: {:?} from {text:?}",
                    p.text
                );
                assert!(!p.text.contains(['\u{202e}', '\u{200b}', '\u{feff}']));
            }
        }
    }
}
