//! Indexes every paragraph of a dossier library index (its `paragraph` table) with SQLite FTS5
//! as dossier does, and with tantivy, and times building and ranked top-20 queries of each.
//!
//! `fts-compare INDEX_FILE [SCRATCH_DIR]`: INDEX_FILE is a `library-*.sqlite` that
//! `dossier index` made (e.g. of `cargo run --release --example make_library -- DIR 10000`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use rusqlite::{Connection, params};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{FAST, INDEXED, Schema, TEXT};
use tantivy::{TantivyDocument, doc};

const QUERIES: &[&str] = &["government people", "pipeline"];
const RUNS: u32 = 20;

fn main() {
    let mut args = std::env::args().skip(1);
    let source = PathBuf::from(
        args.next()
            .expect("usage: fts-compare INDEX_FILE [SCRATCH_DIR]"),
    );
    let scratch = args
        .next()
        .map_or_else(|| std::env::temp_dir().join("fts-compare"), PathBuf::from);
    std::fs::create_dir_all(&scratch).expect("scratch folder");
    let rows: Vec<(i64, String)> = Connection::open(&source)
        .expect("open the index")
        .prepare("SELECT id, text FROM paragraph")
        .expect("read paragraphs")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("read paragraphs")
        .map(|row| row.expect("a paragraph"))
        .collect();
    let bytes: usize = rows.iter().map(|(_, t)| t.len()).sum();
    println!(
        "{} paragraphs, {:.1} MB of text",
        rows.len(),
        bytes as f64 / 1e6
    );
    fts5(&rows, &scratch.join("fts5.sqlite"), false);
    fts5(&rows, &scratch.join("fts5-with-content.sqlite"), true);
    for threads in [1, 2] {
        tantivy(&rows, &scratch.join(format!("tantivy-{threads}")), threads);
    }
}

/// FTS5 as dossier's index sets it up: the unicode61 tokenizer without diacritics, a 16 MB
/// term table, 16-way merges, rows in rising rowid order, 20,000 rows a transaction. With
/// `content`, each paragraph is also written to the table FTS5 reads its text from.
fn fts5(rows: &[(i64, String)], path: &Path, content: bool) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut conn = Connection::open(path).expect("open");
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
        .expect("wal");
    conn.pragma_update(None, "synchronous", "NORMAL")
        .expect("synchronous");
    conn.execute_batch(
        "CREATE TABLE paragraph (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
         CREATE VIRTUAL TABLE paragraph_text USING fts5(text, content='paragraph',
             content_rowid='id', tokenize='unicode61 remove_diacritics 2');
         INSERT INTO paragraph_text (paragraph_text, rank) VALUES ('hashsize', 16777216);
         INSERT INTO paragraph_text (paragraph_text, rank) VALUES ('automerge', 16);",
    )
    .expect("schema");
    let start = Instant::now();
    for chunk in rows.chunks(20_000) {
        let tx = conn.transaction().expect("transaction");
        {
            let mut text = tx
                .prepare_cached("INSERT INTO paragraph_text (rowid, text) VALUES (?1, ?2)")
                .expect("insert");
            let mut paragraph = tx
                .prepare_cached("INSERT INTO paragraph (id, text) VALUES (?1, ?2)")
                .expect("insert");
            for (id, t) in chunk {
                if content {
                    paragraph.execute(params![id, t]).expect("paragraph");
                }
                text.execute(params![id, t]).expect("text");
            }
        }
        tx.commit().expect("commit");
    }
    let built = start.elapsed();
    let label = if content {
        "FTS5 + content table"
    } else {
        "FTS5"
    };
    println!("{label}: built in {:.2} s (1 thread)", built.as_secs_f64());
    for query in QUERIES {
        let start = Instant::now();
        let mut hits = 0;
        for _ in 0..RUNS {
            let mut statement = conn
                .prepare_cached(
                    "SELECT rowid FROM paragraph_text WHERE paragraph_text MATCH ?1 \
                     ORDER BY rank LIMIT 20",
                )
                .expect("query");
            hits = statement
                .query_map([query], |r| r.get::<_, i64>(0))
                .expect("query")
                .count();
        }
        let each = start.elapsed().as_secs_f64() * 1000.0 / f64::from(RUNS);
        println!("{label}: top 20 for {query:?}: {each:.2} ms ({hits} hits)");
    }
}

/// tantivy with its default tokenizer, the paragraph id as a fast field and the text indexed
/// but not stored (dossier keeps the text in its own table either way).
fn tantivy(rows: &[(i64, String)], dir: &Path, threads: usize) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("tantivy folder");
    let mut schema = Schema::builder();
    let id = schema.add_u64_field("id", INDEXED | FAST);
    let text = schema.add_text_field("text", TEXT);
    let index = tantivy::Index::create_in_dir(dir, schema.build()).expect("create");
    let start = Instant::now();
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(threads, 100_000_000 * threads)
        .expect("writer");
    for (rowid, t) in rows {
        let rowid = u64::try_from(*rowid).expect("a positive rowid");
        writer
            .add_document(doc!(id => rowid, text => t.as_str()))
            .expect("add");
    }
    writer.commit().expect("commit");
    writer.wait_merging_threads().expect("merges");
    let built = start.elapsed();
    println!(
        "tantivy: built in {:.2} s ({threads} threads)",
        built.as_secs_f64()
    );
    let searcher = index.reader().expect("reader").searcher();
    let parser = QueryParser::for_index(&index, vec![text]);
    for query in QUERIES {
        // Every word required, as FTS5's implicit AND.
        let all: String = query.split(' ').map(|w| format!("+{w} ")).collect();
        let parsed = parser.parse_query(all.trim()).expect("query");
        let start = Instant::now();
        let mut hits = 0;
        for _ in 0..RUNS {
            hits = searcher
                .search(&parsed, &TopDocs::with_limit(20))
                .expect("search")
                .len();
        }
        let each = start.elapsed().as_secs_f64() * 1000.0 / f64::from(RUNS);
        println!("tantivy ({threads} threads): top 20 for {query:?}: {each:.2} ms ({hits} hits)");
    }
}
