//! The index's tables. A derived cache: any doubt about a file (another version, damage, a
//! missing table) and it is deleted and built again from the articles.

use rusqlite::Connection;

/// Bumped whenever the tables or what goes into them change (the parser or extractor too, when
/// their output for the same file changes); an index of another version is rebuilt.
pub const INDEX_VERSION: i64 = 6;

/// Marks the file as dossier's index (SQLite's `application_id`), so a stranger's database
/// at the same path is never taken for one.
pub const APPLICATION_ID: i64 = 0x646f_7373; // "doss"

/// Paragraph rowids are `article << PARAGRAPH_BITS | paragraph`, so a paragraph is found by
/// rowid without an index of its own; the title row of an article uses `TITLE_ROW`. Entity
/// rowids are `article << PARAGRAPH_BITS | n` the same way, so an article's entity rows are
/// deleted by one range of rowids.
pub const PARAGRAPH_BITS: i64 = 20;
pub const TITLE_ROW: i64 = (1 << PARAGRAPH_BITS) - 1;

pub const CREATE: &str = "
CREATE TABLE article (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL,
    title TEXT NOT NULL,
    author TEXT,
    date TEXT,
    day TEXT,
    source TEXT,
    site TEXT,
    tags TEXT NOT NULL,
    format TEXT NOT NULL,
    paragraphs INTEGER NOT NULL,
    words INTEGER NOT NULL,
    warnings TEXT NOT NULL
);
CREATE TABLE skipped (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    reason TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE entity (
    -- No foreign key: its check on deleting an article needs an index on this column, which
    -- a cold build would have to sort; `delete_article` deletes the rowid range instead.
    article INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    -- lower(name): what a name is looked up by in any case. An index on it sorts with plain
    -- byte comparisons, where one on `name COLLATE NOCASE` took twice as long to make.
    name_key TEXT NOT NULL,
    surname TEXT,
    mentions INTEGER NOT NULL,
    paragraphs TEXT NOT NULL,
    first_paragraph INTEGER NOT NULL,
    first_start INTEGER NOT NULL,
    byline INTEGER NOT NULL
);
CREATE TABLE paragraph (
    id INTEGER PRIMARY KEY,
    kind INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE VIRTUAL TABLE paragraph_text USING fts5(
    text, content='paragraph', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
";

/// The secondary indexes. A build into an empty index drops them and makes them once at the
/// end (sorting 500,000 entity rows once is far cheaper than keeping three B-trees in order
/// row by row); every sync ends by making any that are missing, so a build killed midway is
/// only slower to query until the next sync, never wrong.
pub const SECONDARY: &[(&str, &str)] = &[
    ("article_hash", "article(hash)"),
    // The list's two orders (`query::Sort`), so listing reads rows in order instead of
    // sorting them; at 50,000 articles SQLite's sorter spills to a temporary file.
    (
        "article_by_date",
        "article(day IS NULL, day DESC, title COLLATE NOCASE, path)",
    ),
    ("article_by_title", "article(title COLLATE NOCASE, path)"),
    // Covers what a filter and a page read of each row, so the rows of a name named in
    // thousands of articles are read in one run of the index, not one table page each.
    (
        "entity_name",
        "entity(name_key, kind, name, article, mentions, first_paragraph, first_start)",
    ),
    // Covers the full names a lone surname can stand for, which every filter and page of a
    // person asks: "Modi" is the surname of 5,903 rows of one name.
    (
        "entity_surname",
        "entity(surname, kind, name) WHERE surname IS NOT NULL",
    ),
];

/// FTS5's build settings. The in-memory term table is flushed to a new segment when it
/// outgrows `hashsize` (1 MB by default, a segment every few dozen articles) and at each
/// commit; `automerge` segments of one level are then merged into the next, and at
/// `crisismerge` (16 by default) they are merged at once, stopping the writer. A larger table
/// and wider merges write each posting list fewer times over. A cold build commits about once
/// a second, so 50,000 articles left 35 segments: at 16 they were merged twice over during the
/// build, a sixth of its time, while searches over 35 segments took no longer than over 15
/// (BENCHMARKS.md). 64 is the widest merge FTS5 accepts.
const FTS_SETTINGS: &[(&str, i64)] = &[
    ("hashsize", 16 * 1024 * 1024),
    ("automerge", 64),
    ("crisismerge", 64),
];

/// The page cache while the secondary indexes are made, in KB. SQLite's sorter keeps runs of
/// up to the page cache's size in memory on each of its threads: with the usual 16 MB, making
/// the entity indexes of 10,000 articles was most of a cold build's peak memory. Runs of 4 MB
/// sort half a million rows as fast (BENCHMARKS.md).
const SORT_CACHE_KB: i64 = 4_000;

/// Makes any secondary index that is missing (none is, after a completed sync).
pub fn create_secondary(conn: &Connection) -> rusqlite::Result<()> {
    let missing: Vec<&(&str, &str)> = SECONDARY
        .iter()
        .filter(|(name, _)| !exists(conn, name).unwrap_or(false))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let cache: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -SORT_CACHE_KB)?;
    let made = missing.iter().try_for_each(|(name, on)| {
        conn.execute_batch(&format!("CREATE INDEX IF NOT EXISTS {name} ON {on};"))
    });
    conn.pragma_update(None, "cache_size", cache)?;
    made
}

/// Whether the index `name` exists.
fn exists(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?1",
        [name],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
}

/// Drops the secondary indexes, before a bulk build into an empty index.
pub fn drop_secondary(conn: &Connection) -> rusqlite::Result<()> {
    for (name, _) in SECONDARY {
        conn.execute_batch(&format!("DROP INDEX IF EXISTS {name};"))?;
    }
    Ok(())
}

/// Whether `conn` holds an index this build can trust to be its own.
pub fn is_current(conn: &Connection) -> rusqlite::Result<bool> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let app: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if version != INDEX_VERSION || app != APPLICATION_ID {
        return Ok(false);
    }
    // Every table is there and readable (a truncated or overwritten file fails here).
    for table in [
        "article",
        "skipped",
        "entity",
        "paragraph",
        "paragraph_text",
    ] {
        conn.query_row(
            &format!("SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT 1)"),
            [],
            |_| Ok(()),
        )?;
    }
    Ok(true)
}

/// Makes the tables in an empty index, in one transaction: another process opening the file
/// meanwhile sees either no tables or all of them with this version, never a half-made index
/// it would take for another version's.
pub fn create(conn: &Connection) -> rusqlite::Result<()> {
    let tx = conn.unchecked_transaction()?;
    tx.execute_batch(CREATE)?;
    create_secondary(&tx)?;
    for (key, value) in FTS_SETTINGS {
        tx.execute(
            "INSERT INTO paragraph_text (paragraph_text, rank) VALUES (?1, ?2)",
            rusqlite::params![key, value],
        )?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", INDEX_VERSION)?;
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_index_keeps_fts5_settings_of_its_own() {
        // FTS5 keeps its settings in its config table: one left at FTS5's default would merge
        // segments in the middle of a cold build.
        let conn = Connection::open_in_memory().unwrap();
        create(&conn).unwrap();
        for (key, value) in FTS_SETTINGS {
            let stored: i64 = conn
                .query_row(
                    "SELECT v FROM paragraph_text_config WHERE k = ?1",
                    [key],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(stored, *value, "{key}");
        }
    }
}
