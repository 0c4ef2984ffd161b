//! Entity extraction alone, on text already parsed into paragraphs: a long analysis article
//! generated here, a set of varied articles from the benchmark library's generator, and the
//! CoNLL-2003 development set when `../shared/eval` is beside the repo.
//!
//! The long article repeats the same few names paragraph after paragraph, so its figure
//! flatters: the generated articles name different people and reuse different paragraphs,
//! as a real library does, and are the figure to compare.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::{Article, Format, Library, Paragraph, extract_entities};

#[path = "../examples/make_library.rs"]
#[allow(dead_code)]
mod make_library;

/// How many generated articles the varied benchmark extracts (about 260,000 words).
const GENERATED: usize = 150;

/// The first `GENERATED` articles of the benchmark library, written once into the system's
/// temp folder (a marker file written last, so a run killed while writing starts again) and
/// parsed before any timing.
fn generated_articles() -> Vec<Article> {
    let root = std::env::temp_dir().join(format!("dossier-bench-entities-{GENERATED}"));
    let articles = root.join("articles");
    let marker = root.join("complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&root);
        make_library::write_library(&articles, GENERATED).expect("generate the articles");
        std::fs::write(&marker, b"").expect("write the marker");
    }
    let library = Library::open(&[articles]);
    assert_eq!(library.articles.len(), GENERATED, "{:?}", library.skipped);
    library.articles
}

fn words_of(articles: &[Article]) -> u64 {
    articles
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|p| p.text.split_whitespace().count() as u64)
        .sum()
}

fn article(paragraphs: Vec<String>) -> Article {
    Article {
        title: "Benchmark".to_string(),
        author: Some("Paul Goble".to_string()),
        date: None,
        source: None,
        site_name: None,
        language: None,
        tags: Vec::new(),
        paragraphs: paragraphs.into_iter().map(Paragraph::body).collect(),
        path: "bench.txt".into(),
        format: Format::PlainText,
        warnings: Vec::new(),
    }
}

/// A long-form analysis piece of about `words` words, varied enough that every rule family
/// runs: titles, surnames, acronyms, demonyms, "of" names, transliterations, ambiguous countries.
fn long_article(words: usize) -> Article {
    const PEOPLE: &[&str] = &[
        "Andrei Kozlov",
        "Maria Petrova",
        "Jeffrey Hartman",
        "Nursultan Abenov",
        "Leila Haddad",
        "Viktor Sokolenko",
        "Hassan Rahimi",
        "Anna Lindqvist",
    ];
    const GROUPS: &[&str] = &[
        "the Institute for the Study of Eurasian Security",
        "NATO",
        "the Islamic Movement of Turkestan",
        "Hizb ut-Tahrir",
        "the Caspian Energy Corporation",
        "the World Bank",
        "Reuters",
        "the National Democratic Front",
    ];
    const COUNTRIES: &[&str] = &[
        "Kazakhstan",
        "Kyrgyz",
        "Russian",
        "Georgia",
        "Turkey",
        "Uzbeks",
        "the United States",
        "Britain",
        "Jordan",
        "Tajikistan",
    ];
    const PLACES: &[&str] = &[
        "Central Asia",
        "the Middle East",
        "Moscow",
        "Almaty",
        "the Caucasus",
    ];
    let mut paragraphs = Vec::new();
    let mut count = 0;
    let mut k = 0usize;
    while count < words {
        let person = PEOPLE[k % PEOPLE.len()];
        let surname = person.split(' ').nth(1).unwrap_or(person);
        let group = GROUPS[(k * 3 + 1) % GROUPS.len()];
        let country = COUNTRIES[(k * 7 + 2) % COUNTRIES.len()];
        let other = COUNTRIES[(k * 5 + 3) % COUNTRIES.len()];
        let place = PLACES[k % PLACES.len()];
        let text = format!(
            "Last month, {person}, a senior analyst at {group}, said that officials in {country} \
             had underestimated how many fighters would return from {place}. According to \
             {surname}, the number is far larger than the 800 that Deputy Foreign Minister \
             {other_person} cited, and {other} experts say privately that it may be twice that. \
             \"These are professionals in the conduct of mobile war,\" {surname} says. The \
             Lashkar-i-Turan, a shadowy new group, appears to have drawn on the same networks, \
             and {other} is now under pressure from President {president} to close the border \
             before the winter, when the passes through {place} become impassable and trade \
             between the two countries slows to a trickle.",
            other_person = PEOPLE[(k + 3) % PEOPLE.len()],
            president = PEOPLE[(k + 5) % PEOPLE.len()]
                .split(' ')
                .nth(1)
                .unwrap_or(""),
        );
        count += text.split_whitespace().count();
        paragraphs.push(text);
        k += 1;
    }
    article(paragraphs)
}

/// The CoNLL-2003 development documents as the eval scripts cut them: one sentence a paragraph,
/// a new document at each headline (the sentence before a dateline). Returns the articles and
/// the number of CoNLL tokens.
fn conll_dev() -> Option<(Vec<Article>, u64)> {
    let path = Path::new("../shared/eval/data/conll2003-dev.txt");
    let text = std::fs::read_to_string(path).ok()?;
    let mut sentences: Vec<Vec<&str>> = Vec::new();
    let mut current = Vec::new();
    for line in text.lines() {
        let token = line.split_whitespace().next();
        match token {
            None | Some("-DOCSTART-") => {
                if !current.is_empty() {
                    sentences.push(std::mem::take(&mut current));
                }
            }
            Some(t) => current.push(t),
        }
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    let is_dateline = |s: &Vec<&str>| {
        s.last()
            .is_some_and(|t| t.len() == 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-')
    };
    let tokens = sentences.iter().map(|s| s.len() as u64).sum();
    let mut articles = Vec::new();
    let mut doc: Vec<String> = Vec::new();
    for i in 0..sentences.len() {
        let headline = sentences.get(i + 1).is_some_and(is_dateline);
        if headline && !doc.is_empty() {
            articles.push(article(std::mem::take(&mut doc)));
        }
        doc.push(sentences[i].join(" "));
    }
    if !doc.is_empty() {
        articles.push(article(doc));
    }
    Some((articles, tokens))
}

fn bench(c: &mut Criterion) {
    // the lexicon is built once per process; measure extraction, not that
    black_box(extract_entities(&article(vec![
        "Warm up in Kazakhstan.".into(),
    ])));

    let long = long_article(5_000);
    let words = words_of(std::slice::from_ref(&long));
    let mut group = c.benchmark_group("extract_entities");
    group.throughput(Throughput::Elements(words));
    group.bench_function(format!("article of {words} words"), |b| {
        b.iter(|| extract_entities(black_box(&long)));
    });
    let generated = generated_articles();
    let words = words_of(&generated);
    group.throughput(Throughput::Elements(words));
    group.bench_function(
        format!("{GENERATED} generated articles, {words} words"),
        |b| {
            b.iter(|| {
                for a in &generated {
                    black_box(extract_entities(a));
                }
            });
        },
    );
    match conll_dev() {
        Some((articles, tokens)) => {
            group.throughput(Throughput::Elements(tokens));
            group.bench_function(
                format!(
                    "CoNLL-2003 dev: {} documents, {tokens} tokens",
                    articles.len()
                ),
                |b| {
                    b.iter(|| {
                        for a in &articles {
                            black_box(extract_entities(a));
                        }
                    });
                },
            );
        }
        None => eprintln!(
            "../shared/eval/data/conll2003-dev.txt not found: skipping the CoNLL-2003 benchmark"
        ),
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
