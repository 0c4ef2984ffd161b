//! Bringing the index up to date with the files: unchanged files (same size and modification
//! time) are not opened; changed ones are read once, hashed, and parsed only when their bytes
//! changed; a file whose bytes match a vanished one is that file renamed; files that are gone
//! are dropped. New and changed files are parsed and their entities extracted on every core,
//! and written by one thread as they come, in a transaction committed about once a second.

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rusqlite::{Connection, Transaction, params};

use crate::article::{Article, ParagraphKind};
use crate::entities::{EntityKind, extract_entities};
use crate::index::schema::{PARAGRAPH_BITS, TITLE_ROW};
use crate::index::{Index, IndexError};
use crate::library::{Found, FoundFile, Skipped, read_article};

/// How long written articles wait for their commit: the first briefly, so a reader watching
/// the index fill sees articles at once; later ones longer, because every commit flushes
/// FTS5's term table into a new segment that must later be merged.
const FIRST_COMMIT: Duration = Duration::from_millis(200);
const COMMIT_EVERY: Duration = Duration::from_millis(1000);
/// Parsed articles the workers may get ahead of the writer (about 20 KB each on the generated
/// library). The writer stops now and then for a commit or one of FTS5's merges; the queue
/// lets the workers go on parsing meanwhile instead of waiting for it.
const QUEUE: usize = 384;
/// Articles written into the open transaction at a time. The writer takes them off the queue
/// as they come, so the queue never fills while it waits for a batch to gather; writing a
/// few dozen at once keeps SQLite's working set in the cache for the run, where writing each
/// one as it arrived cost about a third more CPU (BENCHMARKS.md).
const WRITE_RUN: usize = 32;

/// How far a sync has got, reported after each commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Files read so far (of those that needed reading).
    pub done: usize,
    /// Files that need reading in this sync.
    pub total: usize,
    /// Another process is syncing this index, and this sync waits for it to finish (`done`
    /// and `total` are 0). Reported about every quarter second meanwhile; what the other
    /// commits is in the index at once, so a reader can show it.
    pub waiting: bool,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Articles in the library after the sync.
    pub articles: usize,
    /// Files not opened at all: same size and modification time as indexed.
    pub unchanged: usize,
    /// New files parsed.
    pub added: usize,
    /// Files whose bytes changed, parsed again.
    pub changed: usize,
    /// Files found under a new path with the bytes of one that vanished.
    pub renamed: usize,
    /// Files with a new modification time but the same bytes.
    pub touched: usize,
    /// Articles whose files are gone.
    pub removed: usize,
    /// Files that are not articles or did not open, with the reason, sorted by path.
    pub skipped: Vec<Skipped>,
}

struct Known {
    id: i64,
    size: i64,
    mtime_ns: i64,
    hash: String,
}

/// What reading one file gave.
enum Read {
    /// Same bytes as the article already indexed at this path.
    Touched,
    /// Same bytes as an article whose file vanished.
    Moved {
        hash: String,
    },
    Parsed(Box<Prepared>),
    Failed(String),
}

/// An article ready to be written: parsed, hashed and with its entities.
pub(crate) struct Prepared {
    pub hash: String,
    pub article: Article,
    pub entities: Vec<PreparedEntity>,
    pub words: usize,
}

pub(crate) struct PreparedEntity {
    kind: EntityKind,
    name: String,
    mentions: usize,
    paragraphs: String,
    first_paragraph: usize,
    first_start: usize,
    byline: bool,
}

impl Prepared {
    pub(crate) fn new(article: Article, hash: String) -> Self {
        let entities = extract_entities(&article)
            .entities
            .into_iter()
            .map(|e| {
                let mut paragraphs: Vec<usize> = e.mentions.iter().map(|m| m.paragraph).collect();
                paragraphs.dedup();
                let first = e.mentions.first();
                PreparedEntity {
                    kind: e.kind,
                    mentions: e.mentions.len(),
                    paragraphs: paragraphs
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(","),
                    first_paragraph: first.map_or(0, |m| m.paragraph),
                    first_start: first.map_or(0, |m| m.start),
                    byline: e.byline,
                    name: e.name,
                }
            })
            .collect();
        let words = article
            .paragraphs
            .iter()
            .map(|p| crate::article::count_words(&p.text))
            .sum();
        Self {
            hash,
            article,
            entities,
            words,
        }
    }
}

impl Index {
    /// Brings the index up to date with the files under its roots, calling `progress` after
    /// each commit (so a reader can show the articles that are in). An index that
    /// fails part-way is reset and built again once before the error is returned.
    pub fn sync(&mut self, progress: &mut dyn FnMut(Progress)) -> Result<SyncReport, IndexError> {
        // One sync of an index at a time: each plans from what the index holds when it starts
        // (see `lock`). The one that waited finds the other's work done.
        let _lock = match self.path.clone() {
            Some(path) => Some(
                super::lock::take(&path, &mut || {
                    progress(Progress {
                        done: 0,
                        total: 0,
                        waiting: true,
                    });
                })
                .map_err(|source| IndexError::Io { path, source })?,
            ),
            None => None,
        };
        match self.sync_once(progress) {
            Ok(report) => Ok(report),
            Err(IndexError::Sql(err)) if is_damage(&err) => {
                self.reset(&format!("it was damaged ({err})"))?;
                self.sync_once(progress)
            }
            Err(err) => Err(err),
        }
    }

    fn sync_once(&mut self, progress: &mut dyn FnMut(Progress)) -> Result<SyncReport, IndexError> {
        // The walk (a `stat` per file) and reading what the index knows take about as long
        // as each other on a warm start: they run side by side.
        let roots = &self.roots;
        let (found, known) = std::thread::scope(|scope| {
            let walk = scope.spawn(|| Found::find(roots));
            let known = self
                .known_articles()
                .and_then(|articles| self.known_skips().map(|skips| (articles, skips)));
            // A walk that panicked is a bug; it is passed on as one.
            let found = walk
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (found, known)
        });
        let (known, known_skips) = known?;
        let mut report = SyncReport {
            skipped: found.skipped,
            ..SyncReport::default()
        };
        // Each found path as the index spells it, made once (paths hash faster as text).
        let found_texts: Vec<String> = found.files.iter().map(|f| path_text(&f.path)).collect();
        let found_paths: FxHashSet<&str> = found_texts.iter().map(String::as_str).collect();
        // Articles whose files vanished, by hash: a new file with the same bytes is one of them moved.
        let mut vanished: FxHashMap<String, Vec<(String, i64)>> = FxHashMap::default();
        for (path, k) in &known {
            if !found_paths.contains(path.as_str()) {
                vanished
                    .entry(k.hash.clone())
                    .or_default()
                    .push((path.clone(), k.id));
            }
        }
        let mut to_read: Vec<&FoundFile> = Vec::new();
        for (file, path) in found.files.iter().zip(&found_texts) {
            let size = i64::try_from(file.size).unwrap_or(i64::MAX);
            if let Some(k) = known.get(path) {
                if k.size == size && k.mtime_ns == file.modified_ns {
                    report.unchanged += 1;
                    continue;
                }
            } else if let Some((s, m, reason)) = known_skips.get(path)
                && *s == size
                && *m == file.modified_ns
            {
                report.skipped.push(Skipped {
                    path: file.path.clone(),
                    reason: reason.clone(),
                });
                continue;
            }
            to_read.push(file);
        }
        let total = to_read.len();
        // Into an empty index, the secondary indexes are made once at the end.
        let bulk = known.is_empty() && total > 0;
        if bulk {
            crate::index::schema::drop_secondary(&self.conn)?;
        }
        let known_ref = &known;
        let vanished_hashes: FxHashSet<String> = vanished.keys().cloned().collect();
        let vanished_hashes = &vanished_hashes;
        if total > 0 {
            self.conn
                .pragma_update(None, "cache_size", -super::WRITE_CACHE_KB)?;
        }
        let (sender, receiver) = mpsc::sync_channel::<(&FoundFile, Read)>(QUEUE);
        // A warm start with nothing to read starts no threads.
        let written = std::thread::scope(|scope| -> Result<(), IndexError> {
            // Owned here, so a writer that fails drops it on the way out: the workers' sends
            // then fail at once instead of waiting on a full queue that nobody reads, and the
            // scope can end.
            let receiver = receiver;
            if total == 0 {
                return Ok(());
            }
            let writer_priority = thread_priority();
            scope.spawn(move || {
                to_read.par_iter().for_each_init(
                    || {
                        below_the_writer(writer_priority);
                        sender.clone()
                    },
                    |sender, file| {
                        let read = read_file(file, known_ref, vanished_hashes);
                        // The writer stops listening only on an error it returns anyway.
                        let _ = sender.send((file, read));
                    },
                );
            });
            // An error drops the writer, and its open transaction with it: rolled back.
            let mut writer = Writer {
                conn: &self.conn,
                transaction: None,
                done: 0,
                committed: false,
                total,
                pending: Vec::with_capacity(WRITE_RUN),
                last_commit: Instant::now(),
            };
            for (file, read) in receiver.iter() {
                writer.pending.push((file, read));
                let due = writer.due();
                if writer.pending.len() >= WRITE_RUN || due {
                    writer.write_pending(&known, &mut vanished, &mut report)?;
                }
                if due {
                    writer.commit(progress)?;
                }
            }
            writer.write_pending(&known, &mut vanished, &mut report)?;
            writer.commit(progress)
        });
        // Queries after the sync read with the whole cache again, whatever the write did.
        let restored = if total > 0 {
            self.conn
                .pragma_update(None, "cache_size", -super::CACHE_KB)
        } else {
            Ok(())
        };
        written?;
        restored?;
        // Whatever vanished and was not found moved is gone; skips no longer found are forgotten.
        let skipped_now: FxHashSet<String> =
            report.skipped.iter().map(|s| path_text(&s.path)).collect();
        let stale_skips: Vec<&String> = known_skips
            .keys()
            .filter(|path| !skipped_now.contains(*path))
            .collect();
        let gone = vanished.values().any(|rows| !rows.is_empty());
        // A warm start with nothing gone writes nothing (no transaction, no WAL traffic).
        if gone || !stale_skips.is_empty() {
            let tx = self.conn.transaction()?;
            for (_, rows) in vanished {
                for (_, id) in rows {
                    delete_article(&tx, id)?;
                    report.removed += 1;
                }
            }
            for path in stale_skips {
                tx.execute("DELETE FROM skipped WHERE path = ?1", [path])?;
            }
            tx.commit()?;
        }
        crate::index::schema::create_secondary(&self.conn)?;
        // An index in memory has no WAL; a sync that read nothing wrote little or nothing.
        if total > 0 && self.path.is_some() {
            give_back_the_wal(&self.conn);
        }
        report.articles = usize::try_from(self.conn.query_row(
            "SELECT count(*) FROM article",
            [],
            |r| r.get::<_, i64>(0),
        )?)
        .unwrap_or(0);
        report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(report)
    }

    fn known_articles(&self) -> Result<FxHashMap<String, Known>, IndexError> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, id, size, mtime_ns, hash FROM article")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Known {
                    id: r.get(1)?,
                    size: r.get(2)?,
                    mtime_ns: r.get(3)?,
                    hash: r.get(4)?,
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn known_skips(&self) -> Result<FxHashMap<String, (i64, i64, String)>, IndexError> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, size, mtime_ns, reason FROM skipped")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// How many nice levels below the writer's the workers run. The writer is a build's one
/// serial stage: at equal priority the scheduler gave it two thirds of a core beside two
/// workers (it waited for them a fiftieth of the build, they for it far longer); a third of
/// its weight leaves it a whole core and the workers the rest (BENCHMARKS.md).
const WORKER_NICE: i32 = 5;

/// The calling thread's nice value (0 where it cannot be read).
fn thread_priority() -> i32 {
    #[cfg(target_os = "linux")]
    {
        rustix::process::getpriority_process(None).unwrap_or(0)
    }
    #[cfg(not(target_os = "linux"))]
    {
        0
    }
}

/// Runs the calling worker thread `WORKER_NICE` levels below `writer`.
fn below_the_writer(writer: i32) {
    // Linux's nice value is per thread; elsewhere it would lower the writer's too. Only a
    // hint: where it is refused, the workers run at the writer's priority.
    #[cfg(target_os = "linux")]
    {
        let _ = rustix::process::setpriority_process(None, writer + WORKER_NICE);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = writer;
}

/// Takes read files off the queue and writes them a run at a time into a transaction that
/// is committed about once a second.
struct Writer<'a, 'c> {
    conn: &'c Connection,
    /// Open from the first write after a commit; dropped (rolled back) on an error.
    transaction: Option<Transaction<'c>>,
    done: usize,
    /// Whether anything has been committed yet: the first commit comes sooner than the rest.
    committed: bool,
    total: usize,
    pending: Vec<(&'a FoundFile, Read)>,
    last_commit: Instant,
}

impl Writer<'_, '_> {
    /// Whether what was written since the last commit has waited long enough.
    fn due(&self) -> bool {
        // Not whether anything is written: the first run is, well before the first commit.
        let wait = if !self.committed {
            FIRST_COMMIT
        } else {
            COMMIT_EVERY
        };
        self.last_commit.elapsed() >= wait
    }

    /// Writes the pending articles into the open transaction (opening one if need be).
    fn write_pending(
        &mut self,
        known: &FxHashMap<String, Known>,
        vanished: &mut FxHashMap<String, Vec<(String, i64)>>,
        report: &mut SyncReport,
    ) -> Result<(), IndexError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let tx: &Connection = match &mut self.transaction {
            Some(tx) => tx,
            none => none.insert(self.conn.unchecked_transaction()?),
        };
        for (file, read) in self.pending.drain(..) {
            let path = path_text(&file.path);
            let size = i64::try_from(file.size).unwrap_or(i64::MAX);
            let existing = known.get(&path);
            match read {
                Read::Touched => {
                    tx.execute(
                        "UPDATE article SET size = ?1, mtime_ns = ?2 WHERE path = ?3",
                        params![size, file.modified_ns, path],
                    )?;
                    report.touched += 1;
                }
                Read::Moved { hash } => {
                    let claimed = vanished.get_mut(&hash).and_then(Vec::pop);
                    if let Some((_, id)) = claimed {
                        if let Some(old) = existing {
                            delete_article(tx, old.id)?;
                        }
                        tx.execute(
                            "UPDATE article SET path = ?1, size = ?2, mtime_ns = ?3 WHERE id = ?4",
                            params![path, size, file.modified_ns, id],
                        )?;
                        report.renamed += 1;
                    } else {
                        // Two copies of one vanished file: the second is read as a new one.
                        match read_article(&file.path)
                            .and_then(|(article, hash)| prepare(article, hash))
                        {
                            Ok(prepared) => {
                                replace(tx, file, &path, existing, &prepared, report)?;
                            }
                            Err(reason) => skip(tx, file, &path, existing, reason, report)?,
                        }
                    }
                }
                Read::Parsed(prepared) => {
                    replace(tx, file, &path, existing, &prepared, report)?;
                }
                Read::Failed(reason) => skip(tx, file, &path, existing, reason, report)?,
            }
            self.done += 1;
        }
        Ok(())
    }

    /// Commits what was written and reports how far the sync has got.
    fn commit(&mut self, progress: &mut dyn FnMut(Progress)) -> Result<(), IndexError> {
        let Some(tx) = self.transaction.take() else {
            return Ok(());
        };
        // SQLite's automatic checkpoint runs here, on the writer's thread, and the WAL is
        // written from its start again when the next transaction begins. A thread of its own
        // checkpointing beside the writer never caught up with it: the WAL grew as large as
        // the index (1.2-1.6 GB at 50,000 articles) for no gain in time (BENCHMARKS.md).
        tx.commit()?;
        self.last_commit = Instant::now();
        self.committed = true;
        progress(Progress {
            done: self.done,
            total: self.total,
            waiting: false,
        });
        Ok(())
    }
}

/// Copies what is left in the WAL into the index file and empties the WAL. After a build the
/// WAL holds about a commit's pages (50 MB at 10,000 articles); SQLite reuses that room but
/// never returns it, and a reader left open would keep it until it quits.
fn give_back_the_wal(conn: &Connection) {
    // Waits (the busy timeout) for readers of older snapshots; one still reading after that
    // leaves the WAL as it was, to be checkpointed by later commits or deleted on closing.
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
}

fn read_file(
    file: &FoundFile,
    known: &FxHashMap<String, Known>,
    vanished: &FxHashSet<String>,
) -> Read {
    let bytes = match std::fs::read(&file.path) {
        Ok(bytes) => bytes,
        Err(err) => return Read::Failed(crate::library::describe_io_error(&err)),
    };
    let hash = crate::store::article_key::content_hash(&bytes);
    if known
        .get(&path_text(&file.path))
        .is_some_and(|k| k.hash == hash)
    {
        return Read::Touched;
    }
    if vanished.contains(&hash) {
        return Read::Moved { hash };
    }
    match crate::article::parse_article(&file.path, &bytes) {
        Ok(article) => match prepare(article, hash) {
            Ok(prepared) => Read::Parsed(Box::new(prepared)),
            Err(reason) => Read::Failed(reason),
        },
        Err(err) => Read::Failed(crate::library::parse_error_reason(&err.to_string())),
    }
}

/// `article` with its entities, if its paragraphs and entities fit the index's rowids.
fn prepare(article: Article, hash: String) -> Result<Prepared, String> {
    let limit = usize::try_from(TITLE_ROW).unwrap_or(usize::MAX);
    if article.paragraphs.len() >= limit {
        return Err(format!(
            "more than {TITLE_ROW} paragraphs; too many to index"
        ));
    }
    let prepared = Prepared::new(article, hash);
    if prepared.entities.len() > limit {
        return Err(format!("more than {limit} entities; too many to index"));
    }
    Ok(prepared)
}

/// Writes `prepared` as the article at `path`, in place of what was there.
fn replace(
    tx: &Connection,
    file: &FoundFile,
    path: &str,
    existing: Option<&Known>,
    prepared: &Prepared,
    report: &mut SyncReport,
) -> rusqlite::Result<()> {
    if let Some(old) = existing {
        delete_article(tx, old.id)?;
        report.changed += 1;
    } else {
        report.added += 1;
    }
    // Cached: a first build runs it for every article.
    tx.prepare_cached("DELETE FROM skipped WHERE path = ?1")?
        .execute([path])?;
    insert_article(tx, file, path, prepared)
}

fn skip(
    tx: &Connection,
    file: &FoundFile,
    path: &str,
    existing: Option<&Known>,
    reason: String,
    report: &mut SyncReport,
) -> rusqlite::Result<()> {
    if let Some(old) = existing {
        delete_article(tx, old.id)?;
        report.removed += 1;
    }
    tx.execute(
        "INSERT OR REPLACE INTO skipped (path, size, mtime_ns, reason) VALUES (?1, ?2, ?3, ?4)",
        params![
            path,
            i64::try_from(file.size).unwrap_or(i64::MAX),
            file.modified_ns,
            reason
        ],
    )?;
    report.skipped.push(Skipped {
        path: file.path.clone(),
        reason,
    });
    Ok(())
}

fn insert_article(
    tx: &Connection,
    file: &FoundFile,
    path: &str,
    prepared: &Prepared,
) -> rusqlite::Result<()> {
    let article = &prepared.article;
    let day = match &article.date {
        Some(crate::article::ArticleDate::Day(d)) => Some(d.format("%Y-%m-%d").to_string()),
        _ => None,
    };
    tx.prepare_cached(
        "INSERT INTO article (path, size, mtime_ns, hash, title, author, date, day, source, \
         site, tags, format, paragraphs, words, warnings) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        path,
        i64::try_from(file.size).unwrap_or(i64::MAX),
        file.modified_ns,
        prepared.hash,
        article.title,
        article.author,
        article.date.as_ref().map(ToString::to_string),
        day,
        article.source,
        article.site_name,
        article.tags.join("\n"),
        format_name(article.format),
        count(article.paragraphs.len()),
        count(prepared.words),
        article.warnings.join("\n"),
    ])?;
    let id = tx.last_insert_rowid();
    let mut paragraph =
        tx.prepare_cached("INSERT INTO paragraph (id, kind, text) VALUES (?1, ?2, ?3)")?;
    let mut text = tx.prepare_cached("INSERT INTO paragraph_text (rowid, text) VALUES (?1, ?2)")?;
    let title_text = match &article.author {
        Some(author) => format!("{}\n{author}", article.title),
        None => article.title.clone(),
    };
    for (n, p) in article.paragraphs.iter().enumerate() {
        let row = (id << PARAGRAPH_BITS) | count(n);
        paragraph.execute(params![row, kind_code(p.kind), p.text])?;
        text.execute(params![row, p.text])?;
    }
    // Rows go in in rising rowid order, the title row (the article's highest) last: FTS5
    // writes its pending terms out as a new segment whenever a rowid goes backwards, so a
    // title first would cost a segment, and later merges, per article.
    let title_row = (id << PARAGRAPH_BITS) | TITLE_ROW;
    paragraph.execute(params![title_row, -1, title_text])?;
    text.execute(params![title_row, title_text])?;
    // One statement per row. A statement that may write several rows opens a statement
    // savepoint, and FTS5 writes its pending terms out as a new segment at every savepoint of
    // a transaction it is in: sixteen entity rows to a statement made one segment per article
    // and a cold build of 10,000 articles twice as long (BENCHMARKS.md).
    let mut entity = tx.prepare_cached(
        "INSERT INTO entity (rowid, article, kind, name, name_key, surname, mentions, \
         paragraphs, first_paragraph, first_start, byline) \
         VALUES (?1, ?2, ?3, ?4, lower(?4), ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (n, e) in prepared.entities.iter().enumerate() {
        entity.execute(params![
            (id << PARAGRAPH_BITS) | count(n),
            id,
            e.kind.as_str(),
            e.name,
            surname(e.kind, &e.name),
            count(e.mentions),
            e.paragraphs,
            count(e.first_paragraph),
            count(e.first_start),
            e.byline,
        ])?;
    }
    Ok(())
}

/// The last word of a person's name of two words or more: the key by which an article that
/// names only "Serenko" finds "Andrey Serenko" elsewhere in the library.
pub(crate) fn surname(kind: EntityKind, name: &str) -> Option<&str> {
    if kind != EntityKind::Person {
        return None;
    }
    let mut words = name.rsplit(' ');
    let last = words.next()?;
    words.next().map(|_| last)
}

fn delete_article(tx: &Connection, id: i64) -> rusqlite::Result<()> {
    let (low, high) = (id << PARAGRAPH_BITS, (id << PARAGRAPH_BITS) | TITLE_ROW);
    tx.prepare_cached(
        "INSERT INTO paragraph_text (paragraph_text, rowid, text) \
         SELECT 'delete', id, text FROM paragraph WHERE id BETWEEN ?1 AND ?2",
    )?
    .execute([low, high])?;
    tx.prepare_cached("DELETE FROM paragraph WHERE id BETWEEN ?1 AND ?2")?
        .execute([low, high])?;
    tx.prepare_cached("DELETE FROM entity WHERE rowid BETWEEN ?1 AND ?2")?
        .execute([low, high])?;
    tx.prepare_cached("DELETE FROM article WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Paragraph kinds as stored: 0 body, 1-6 heading level, 7 list item, 8 quote, 9 code.
pub(crate) fn kind_code(kind: ParagraphKind) -> i64 {
    match kind {
        ParagraphKind::Body => 0,
        ParagraphKind::Heading(level) => i64::from(level.clamp(1, 6)),
        ParagraphKind::ListItem => 7,
        ParagraphKind::Quote => 8,
        ParagraphKind::Code => 9,
    }
}

pub(crate) fn kind_from_code(code: i64) -> ParagraphKind {
    match code {
        1..=6 => ParagraphKind::Heading(u8::try_from(code).unwrap_or(1)),
        7 => ParagraphKind::ListItem,
        8 => ParagraphKind::Quote,
        9 => ParagraphKind::Code,
        _ => ParagraphKind::Body,
    }
}

pub(crate) fn format_name(format: crate::article::Format) -> &'static str {
    match format {
        crate::article::Format::PlainText => "text",
        crate::article::Format::Markdown => "markdown",
        crate::article::Format::Html => "html",
    }
}

pub(crate) fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Errors that mean the file cannot be trusted (rather than a busy or full disk).
pub(crate) fn is_damage(err: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode;
    matches!(
        err.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase | ErrorCode::SchemaChanged)
    ) || matches!(
        err,
        rusqlite::Error::InvalidColumnType(..) | rusqlite::Error::FromSqlConversionFailure(..)
    )
}

/// A count as SQLite stores it.
pub(crate) fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_commit_comes_soon_after_the_first_run_is_written_and_later_ones_wait_longer() {
        let conn = Connection::open_in_memory().unwrap();
        let mut writer = Writer {
            conn: &conn,
            transaction: None,
            done: WRITE_RUN,
            committed: false,
            total: 10 * WRITE_RUN,
            pending: Vec::new(),
            last_commit: Instant::now(),
        };
        assert!(
            !writer.due(),
            "no commit is due before FIRST_COMMIT has passed"
        );
        writer.last_commit = Instant::now() - FIRST_COMMIT;
        assert!(
            writer.due(),
            "a run already written does not make the first commit wait as long as later ones"
        );
        writer.committed = true;
        writer.done = 2 * WRITE_RUN;
        assert!(
            !writer.due(),
            "after the first commit the writer waits longer"
        );
        writer.last_commit = Instant::now() - COMMIT_EVERY;
        assert!(writer.due());
    }

    /// An index (not yet synced) of a library of `count` short articles; the folder goes with
    /// the returned guard.
    fn index_of(count: usize) -> (tempfile::TempDir, Index) {
        let dir = tempfile::tempdir().unwrap();
        let library = dir.path().join("library");
        std::fs::create_dir_all(&library).unwrap();
        for n in 0..count {
            std::fs::write(
                library.join(format!("{n:05}.md")),
                format!("# Report {n}\n\nGrain left Odesa for Egypt on day {n}.\n"),
            )
            .unwrap();
        }
        let index = Index::open(&dir.path().join("cache"), &[library]).unwrap();
        (dir, index)
    }

    fn pragma(index: &Index, name: &str) -> i64 {
        index
            .conn
            .pragma_query_value(None, name, |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_writer_that_fails_midway_returns_its_error_instead_of_waiting() {
        // An index that runs out of room at its first commit, which comes (after
        // `FIRST_COMMIT`) while the workers still have many times the queue to hand over:
        // they must not be left waiting on a queue nobody reads.
        let (_dir, mut index) = index_of(QUEUE * 20);
        let pages = pragma(&index, "page_count");
        index
            .conn
            .pragma_update(None, "max_page_count", pages + 2)
            .unwrap();
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = done.send(index.sync(&mut |_| {}).is_err());
        });
        let failed = finished
            .recv_timeout(Duration::from_secs(30))
            .expect("the sync ended");
        assert!(failed, "a full index is an error");
    }

    #[test]
    fn a_sync_gives_queries_back_the_whole_page_cache_whether_it_wrote_or_failed() {
        let (dir, mut index) = index_of(50);
        index.sync(&mut |_| {}).unwrap();
        assert_eq!(pragma(&index, "cache_size"), -super::super::CACHE_KB);
        // Far more text than the free room in the file's pages.
        let body = "Another paragraph about Kyiv and Warsaw, written at length. ".repeat(2_000);
        std::fs::write(
            dir.path().join("library/new.md"),
            format!("# One more\n\n{body}\n"),
        )
        .unwrap();
        let pages = pragma(&index, "page_count");
        index
            .conn
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
        assert!(index.sync(&mut |_| {}).is_err(), "a full index is an error");
        assert_eq!(pragma(&index, "cache_size"), -super::super::CACHE_KB);
    }

    #[test]
    fn a_build_leaves_no_wal_behind_while_the_index_stays_open() {
        let (_dir, mut index) = index_of(QUEUE * 2);
        index.sync(&mut |_| {}).unwrap();
        let mut wal = index.path().unwrap().as_os_str().to_os_string();
        wal.push("-wal");
        let size = std::fs::metadata(&wal).map_or(0, |m| m.len());
        assert_eq!(size, 0, "the WAL after a build");
    }
}
