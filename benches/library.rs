//! The library index on 10,000 generated articles: library search, an entity filter, an
//! entity page, the list query, and a whole warm start (walk, stat, compare, nothing read).
//!
//! `cargo bench --bench library`
//!
//! The library is written by the same generator as BENCHMARKS.md's figures
//! (`examples/make_library.rs`, included below) into the system's temp folder, and indexed,
//! once: later runs reuse both (the first run takes a minute or so on two cores).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::index::{Filter, Index, PAGE_ROWS, Sort};
use dossier::{EntityKind, EntityRef};

#[path = "../examples/make_library.rs"]
#[allow(dead_code)]
mod make_library;

const ARTICLES: usize = 10_000;

/// The generated library and its index folder, made on the first run. A marker file is
/// written last, so a run killed while writing starts the library again.
fn library() -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("dossier-bench-library-{ARTICLES}"));
    let articles = root.join("articles");
    let marker = root.join("complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&root);
        make_library::write_library(&articles, ARTICLES).expect("generate the library");
        std::fs::write(&marker, b"").expect("write the marker");
    }
    (articles, root.join("index"))
}

fn synced(articles: &Path, index_dir: &Path) -> Index {
    let mut index = Index::open(index_dir, &[articles.to_path_buf()]).expect("open the index");
    let report = index.sync(&mut |_| {}).expect("sync the index");
    assert_eq!(report.articles, ARTICLES);
    index
}

/// The entity of `kind` the most articles name (the largest filter and page there are: the
/// generator reuses the bundled articles' paragraphs, so a few names are in most articles), or
/// with `most` false one named in a single article (what most names in a library are).
fn entity(index: &Index, kind: EntityKind, most: bool) -> EntityRef {
    let conn = rusqlite::Connection::open(index.path().expect("an index file")).expect("open");
    let order = if most { "DESC" } else { "ASC" };
    let name: String = conn
        .query_row(
            &format!(
                "SELECT name FROM entity WHERE kind = ?1 AND name LIKE '% %' GROUP BY name \
                 ORDER BY count(*) {order}, name LIMIT 1"
            ),
            [kind.as_str()],
            |r| r.get(0),
        )
        .expect("an entity of that kind");
    EntityRef { kind, name }
}

fn bench_library(c: &mut Criterion) {
    let (articles, index_dir) = library();
    let index = synced(&articles, &index_dir);
    let busy_person = entity(&index, EntityKind::Person, true);
    let busy_country = entity(&index, EntityKind::Country, true);
    let rare_person = entity(&index, EntityKind::Person, false);

    let mut group = c.benchmark_group("library_10k");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("search_rare_word", |b| {
        b.iter(|| black_box(index.search("desalination", 20, None).expect("search")))
    });
    group.bench_function("search_two_common_words", |b| {
        b.iter(|| black_box(index.search("government said", 20, None).expect("search")))
    });
    for (label, entity) in [
        ("person_in_1_article", &rare_person),
        ("busiest_person", &busy_person),
        ("busiest_country", &busy_country),
    ] {
        let filter = Filter {
            entity: Some(entity.clone()),
            ..Filter::default()
        };
        // What the reader asks: ids and counts of the filtered list (it holds every
        // summary), and a page's first rows with the total.
        group.bench_function(format!("entity_filter_{label}"), |b| {
            b.iter(|| {
                black_box(
                    index
                        .listed(&filter, Sort::Date, None, &[])
                        .expect("filter"),
                )
            })
        });
        group.bench_function(format!("entity_page_{label}"), |b| {
            b.iter(|| {
                black_box(
                    index
                        .entity_page_start(entity, None, &[], PAGE_ROWS)
                        .expect("page"),
                )
            })
        });
        // What `dossier list --entity` and `dossier entity` read: every summary, every row.
        group.bench_function(format!("entity_list_whole_{label}"), |b| {
            b.iter(|| {
                black_box(
                    index
                        .articles(&filter, Sort::Date, None, &[])
                        .expect("filter"),
                )
            })
        });
        group.bench_function(format!("entity_page_whole_{label}"), |b| {
            b.iter(|| black_box(index.entity_page(entity, None, &[]).expect("page")))
        });
    }
    group.bench_function("list_query", |b| {
        b.iter(|| {
            black_box(
                index
                    .articles(&Filter::default(), Sort::Date, None, &[])
                    .expect("list"),
            )
        })
    });
    group.bench_function("warm_open_and_sync", |b| {
        b.iter(|| black_box(synced(&articles, &index_dir)))
    });
    group.finish();
}

criterion_group!(benches, bench_library);
criterion_main!(benches);
