//! The index's tables. A derived cache: any doubt about a file (another version, damage, a
//! missing table) and it is deleted and built again from the articles.

use rusqlite::Connection;

/// Bumped whenever the tables or what goes into them change (the parser or extractor too, when
/// their output for the same file changes); an index of another version is rebuilt.
pub const INDEX_VERSION: i64 = 1;

/// Marks the file as dossier's index (SQLite's `application_id`), so a stranger's database
/// at the same path is never taken for one.
pub const APPLICATION_ID: i64 = 0x646f_7373; // "doss"

/// Paragraph rowids are `article << PARAGRAPH_BITS | paragraph`, so a paragraph is found by
/// rowid without an index of its own; the title row of an article uses `TITLE_ROW`.
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
    tags TEXT NOT NULL,
    format TEXT NOT NULL,
    paragraphs INTEGER NOT NULL,
    words INTEGER NOT NULL,
    warnings TEXT NOT NULL
);
CREATE INDEX article_hash ON article(hash);
CREATE TABLE skipped (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    reason TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE entity (
    article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    surname TEXT,
    mentions INTEGER NOT NULL,
    paragraphs TEXT NOT NULL,
    first_paragraph INTEGER NOT NULL,
    first_start INTEGER NOT NULL,
    byline INTEGER NOT NULL
);
CREATE INDEX entity_name ON entity(name COLLATE NOCASE, kind);
CREATE INDEX entity_surname ON entity(surname) WHERE surname IS NOT NULL;
CREATE INDEX entity_article ON entity(article);
CREATE TABLE paragraph (
    id INTEGER PRIMARY KEY,
    kind INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE VIRTUAL TABLE paragraph_text USING fts5(
    text, content='paragraph', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
";

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

pub fn create(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(CREATE)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    conn.pragma_update(None, "user_version", INDEX_VERSION)?;
    Ok(())
}
