//! Writes a benchmark library: `cargo run --release --example make_library -- DIR N` makes N
//! Markdown articles of 600 to 3,000 words in DIR, the same ones on every run.
//!
//! Each article is built from the paragraphs of the bundled `articles/` (parsed by dossier
//! itself), reshuffled, with a dateline, tags, a source, and a few people named from the
//! given-name and surname lists in `data/` (a full name first, then the surname alone, as news
//! writing does), so entities, dates and text vary from article to article.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dossier::{Library, ParagraphKind};

const SOURCES: &[&str] = &[
    "southernledger.example",
    "harbour-review.example",
    "meridian-weekly.example",
    "policydesk.example",
    "northern-dispatch.example",
];
const TAGS: &[&str] = &[
    "energy",
    "security",
    "trade",
    "climate",
    "elections",
    "debt",
    "migration",
    "technology",
    "diplomacy",
    "shipping",
];
const ROLES: &[&str] = &[
    "an analyst",
    "a former minister",
    "a senior official",
    "an economist",
    "a spokesperson",
    "a researcher",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, n] = args.as_slice() else {
        eprintln!("usage: make_library DIR N");
        std::process::exit(2);
    };
    write_library(&PathBuf::from(dir), n.parse()?)
}

/// Writes the `n` articles into `dir` (also used by `benches/library.rs`, which includes this
/// file, so the bench measures the same library as BENCHMARKS.md).
pub fn write_library(dir: &Path, n: usize) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let library = Library::open(&[root.join("articles")]);
    let pool: Vec<(usize, String)> = library
        .articles
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            a.paragraphs
                .iter()
                .filter(|p| {
                    p.kind == ParagraphKind::Body && p.text.split_whitespace().count() >= 20
                })
                .map(move |p| (i, p.text.clone()))
        })
        .collect();
    if pool.is_empty() {
        return Err("no paragraphs in articles/".into());
    }
    let given = words(&root.join("data/given-names-world.txt"))?;
    let surnames = words(&root.join("data/surnames.txt"))?;
    let mut rng = fastrand::Rng::with_seed(14);
    for i in 0..n {
        let base = &library.articles[i % library.articles.len()];
        let target_words = rng.usize(600..=3000);
        let year = 2015 + rng.u32(0..11);
        let (month, day) = (rng.u32(1..=12), rng.u32(1..=28));
        let people: Vec<(String, String)> = (0..rng.usize(2..=5))
            .map(|_| {
                let surname = title_case(&surnames[rng.usize(0..surnames.len().min(3000))]);
                (given[rng.usize(0..given.len())].clone(), surname)
            })
            .collect();
        let mut body = String::new();
        let mut words_so_far = 0;
        let mut named = vec![false; people.len()];
        while words_so_far < target_words {
            let (_, text) = &pool[rng.usize(0..pool.len())];
            let mut paragraph = text.clone();
            if rng.u8(0..3) == 0 {
                let p = rng.usize(0..people.len());
                let (first, last) = &people[p];
                let sentence = if named[p] {
                    format!(" {last} said the outlook had changed.")
                } else {
                    named[p] = true;
                    format!(
                        " {first} {last}, {}, said the outlook had changed.",
                        ROLES[rng.usize(0..ROLES.len())]
                    )
                };
                paragraph.push_str(&sentence);
            }
            words_so_far += paragraph.split_whitespace().count();
            body.push_str(&paragraph);
            body.push_str("\n\n");
        }
        let tag_a = TAGS[rng.usize(0..TAGS.len())];
        let tag_b = TAGS[rng.usize(0..TAGS.len())];
        let (first, last) = &people[0];
        let mut text = String::new();
        writeln!(text, "---")?;
        writeln!(
            text,
            "title: \"{} ({})\"",
            base.title.replace('"', "'"),
            i + 1
        )?;
        writeln!(
            text,
            "author: {} {}",
            given[rng.usize(0..given.len())],
            title_case(&surnames[rng.usize(0..500)])
        )?;
        writeln!(text, "date: {year}-{month:02}-{day:02}")?;
        writeln!(
            text,
            "source: https://{}/{year}/{month:02}/article-{i}",
            SOURCES[i % SOURCES.len()]
        )?;
        writeln!(text, "tags: [{tag_a}, {tag_b}]")?;
        writeln!(text, "---")?;
        writeln!(text)?;
        writeln!(text, "{first} {last} spoke first.\n")?;
        text.push_str(&body);
        std::fs::write(dir.join(format!("article-{i:06}.md")), text)?;
    }
    Ok(())
}

/// The non-comment lines of a data file.
fn words(path: &Path) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    Ok(std::fs::read_to_string(path)?
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(str::to_string)
        .collect())
}

fn title_case(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
