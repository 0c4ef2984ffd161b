//! Saving the state file: encoding, the durable write, and what a save costs the caller.
//!
//! `cargo bench --bench store`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::store::{
    ArticleKey, Backups, DurableWriter, OpenOptions, RealFs, SaverConfig, State, Store,
};
use dossier::{Paragraph, parse_plain_body};

const ARTICLES: usize = 500;
const NOTES_PER_ARTICLE: usize = 20;

/// A store in `dir` holding 10,000 notes of a realistic size over 500 articles.
fn store_with_10k_notes(dir: &std::path::Path) -> Store {
    let mut store = Store::open(OpenOptions::new(dir.join("state.json"))).expect("open");
    let body: String = (0..30)
        .map(|i| {
            format!(
                "Paragraph {i} of the report describes who met whom in the capital and what \
                 the ministry later said about the talks, in some detail.\n\n"
            )
        })
        .collect();
    for a in 0..ARTICLES {
        let path = dir.join(format!("article-{a}.md"));
        let article = parse_plain_body(&path, &format!("Title {a}\n\n{body}"));
        let key = ArticleKey {
            path: path.to_string_lossy().into_owned(),
            content_hash: format!("sha256:{a:064x}"),
        };
        let id = store.open_article(&key, &article);
        let paragraphs: &[Paragraph] = &article.paragraphs;
        for n in 0..NOTES_PER_ARTICLE {
            store
                .add_note(
                    &id,
                    paragraphs,
                    n % paragraphs.len(),
                    "Check this figure against the ministry's own statement from last spring; \
                     the numbers do not match what the envoy told reporters.",
                )
                .expect("note");
        }
    }
    assert_eq!(store.state().note_count(), ARTICLES * NOTES_PER_ARTICLE);
    store
}

fn save(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = store_with_10k_notes(dir.path());
    let state: State = store.state().clone();
    let bytes = state.to_bytes().expect("encode");
    println!("state.json with 10,000 notes: {} bytes", bytes.len());

    let mut group = c.benchmark_group("state_10k_notes");
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("encode", |b| b.iter(|| black_box(&state).to_bytes()));

    let target = dir.path().join("bench-state.json");
    let mut writer = DurableWriter::new(target, Box::new(RealFs), None, Backups::default());
    group.bench_function("encode_and_durable_write", |b| {
        b.iter(|| {
            let bytes = black_box(&state).to_bytes().expect("encode");
            writer.save(&bytes).expect("save");
        });
    });

    store
        .start_saver(SaverConfig {
            quiet: Duration::from_secs(3600),
            max_delay: Duration::from_secs(3600),
            ..SaverConfig::default()
        })
        .expect("saver");
    let first = store
        .state()
        .articles
        .keys()
        .next()
        .cloned()
        .expect("an article");
    let mut position = 0;
    group.bench_function("request_save_caller_cost", |b| {
        b.iter(|| {
            position += 1;
            store.set_position(&first, position);
            store.request_save();
        });
    });
    group.finish();
    store.flush(Duration::from_secs(30)).expect("flush");
}

criterion_group!(benches, save);
criterion_main!(benches);
