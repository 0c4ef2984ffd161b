//! The library index: what every article holds (metadata, entities, the text of its
//! paragraphs), kept in one SQLite file in the cache folder so a start reads only the files
//! that changed.
//!
//! The index is derived data, never the user's: notes and reading state stay in the state
//! file. It is trusted only when it is this build's version and opens cleanly; otherwise it is
//! deleted and built again. Each library (the set of folders and files it was opened from) has
//! its own file, so what is "removed" is always well defined.
//!
//! - [`Index::open`] finds or makes the index for some paths; [`Index::sync`] brings it up to
//!   date with the files (re-reading only the added and changed ones, on every core).
//! - [`Index::articles`] lists summaries with a [`Filter`] and a [`Sort`]; [`Index::article`]
//!   loads one article's body when it is opened.
//! - [`Index::search`] ranks paragraphs, titles and notes for a query.
//! - [`Index::entity_page`] gathers every article and note about one entity across the library.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

mod entity_page;
mod lock;
mod query;
mod schema;
mod search;
mod sync;

pub use entity_page::{EntityArticle, EntityNote, EntityPage, PAGE_ROWS};
pub use query::{ArticleSummary, Filter, ListedArticle, Sort};
pub use schema::INDEX_VERSION;
pub use search::{Hit, HitPlace, Snippet};
pub use sync::{Progress, SyncReport};

/// The environment variable naming the folder that holds index files (for tests and for
/// keeping the index somewhere other than the cache folder).
pub const INDEX_DIR_ENV: &str = "DOSSIER_INDEX_DIR";

/// Why the index could not be used.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("index database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("index file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The library index: one SQLite connection to the index of one set of library paths.
pub struct Index {
    conn: Connection,
    /// The index file; `None` for an index kept in memory (no cache folder could be used).
    path: Option<PathBuf>,
    /// The library's roots, absolute, as the index was opened for them.
    roots: Vec<PathBuf>,
    /// Why the index was built afresh on opening ("" when it was used as found).
    rebuilt: Option<String>,
}

impl Index {
    /// Opens (or creates) the index of the library at `paths` in `dir` (from
    /// [`index_dir`]). An index file that is damaged, not dossier's, or of another version is
    /// deleted and made again; [`Index::rebuilt`] says why.
    pub fn open(dir: &Path, paths: &[PathBuf]) -> Result<Self, IndexError> {
        let roots = roots(paths);
        std::fs::create_dir_all(dir).map_err(|source| IndexError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(file_name(&roots));
        let io = |source| IndexError::Io {
            path: path.clone(),
            source,
        };
        // A trusted index is used as it is, even while another process syncs it: reading
        // takes no lock, so a reader's first frame never waits for someone else's build.
        let deadline = std::time::Instant::now() + lock::OPEN_WAIT;
        let (conn, rebuilt) = loop {
            if let Ok(conn) = open_trusted(&path) {
                break (conn, None);
            }
            // What looked untrusted may be a file another process is making, so it is made
            // or deleted only with the lock, and looked at again first. While another holds
            // the lock, the file is looked at again now and then: a process that has just
            // made it goes on to sync it, which may take a while, and its index is usable.
            if let Some(_lock) = lock::try_take(&path).map_err(io)? {
                match open_trusted(&path) {
                    Ok(conn) => break (conn, None),
                    Err(reason) => {
                        remove_index_files(&path).map_err(io)?;
                        let conn = open_connection(&path)?;
                        schema::create(&conn)?;
                        break (conn, Some(reason));
                    }
                }
            }
            if std::time::Instant::now() >= deadline {
                return Err(io(std::io::Error::new(
                    std::io::ErrorKind::WouldBlock,
                    "another dossier is making or syncing it and has not finished",
                )));
            }
            std::thread::sleep(lock::POLL);
        };
        Ok(Self {
            conn,
            path: Some(path),
            roots,
            rebuilt,
        })
    }

    /// An index held in memory only: for when no cache folder can be written. Everything
    /// works; nothing is kept for the next start.
    pub fn in_memory(paths: &[PathBuf]) -> Result<Self, IndexError> {
        let conn = Connection::open_in_memory()?;
        configure(&conn)?;
        schema::create(&conn)?;
        Ok(Self {
            conn,
            path: None,
            roots: roots(paths),
            rebuilt: None,
        })
    }

    /// Opens the index in [`index_dir`], or in memory when that folder cannot be used (the
    /// message says why, for the user).
    pub fn open_default(flag: Option<&Path>, paths: &[PathBuf]) -> (Self, Option<String>) {
        let opened = match index_dir(flag) {
            Some(dir) => Self::open(&dir, paths).map_err(|err| err.to_string()),
            None => Err("no cache folder could be found".to_string()),
        };
        match opened {
            Ok(index) => (index, None),
            Err(reason) => match Self::in_memory(paths) {
                Ok(index) => (
                    index,
                    Some(format!(
                        "the library index is kept in memory only ({reason}); the next start \
                         reads every article again"
                    )),
                ),
                // An in-memory SQLite database only fails without memory; nothing else to try.
                Err(err) => panic!("cannot create an in-memory index: {err}"),
            },
        }
    }

    /// Another connection to the same index file, for reading on another thread while this
    /// one writes (SQLite's WAL gives it the last committed state). `None` for an index held
    /// in memory, which only this connection sees.
    pub fn second_connection(&self) -> Result<Option<Self>, IndexError> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        Ok(Some(Self {
            conn: open_connection(path)?,
            path: Some(path.clone()),
            roots: self.roots.clone(),
            rebuilt: None,
        }))
    }

    /// The index file, `None` when held in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The folders and files the library was opened from, absolute.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// Why the index file found on opening was not used, if it was not.
    pub fn rebuilt(&self) -> Option<&str> {
        self.rebuilt.as_deref()
    }

    /// Deletes the index's contents and starts it again (after an error that suggests the file
    /// is damaged). Called by a sync, which holds the index's lock.
    fn reset(&mut self, reason: &str) -> Result<(), IndexError> {
        match self.path.clone() {
            Some(path) => {
                let placeholder = Connection::open_in_memory()?;
                drop(std::mem::replace(&mut self.conn, placeholder));
                remove_index_files(&path).map_err(|source| IndexError::Io {
                    path: path.clone(),
                    source,
                })?;
                self.conn = open_connection(&path)?;
            }
            None => self.conn = Connection::open_in_memory()?,
        }
        configure(&self.conn)?;
        schema::create(&self.conn)?;
        self.rebuilt = Some(reason.to_string());
        Ok(())
    }
}

/// The folder index files live in: `flag`, else `DOSSIER_INDEX_DIR`, else the cache folder.
pub fn index_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(INDEX_DIR_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "dossier").map(|d| d.cache_dir().to_path_buf())
}

fn roots(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = paths
        .iter()
        .map(|p| crate::store::article_key::absolute(p))
        .collect();
    roots.sort();
    roots.dedup();
    roots
}

/// `library-` and 16 hex digits of the hash of the roots: one file per library.
fn file_name(roots: &[PathBuf]) -> String {
    let joined: Vec<String> = roots
        .iter()
        .map(|r| r.to_string_lossy().into_owned())
        .collect();
    let hash = crate::store::article_key::content_hash(joined.join("\n").as_bytes());
    let hex = hash.trim_start_matches("sha256:");
    format!("library-{}.sqlite", &hex[..16])
}

/// Opens the index at `path` if it exists and can be trusted; the reason otherwise.
fn open_trusted(path: &Path) -> Result<Connection, String> {
    if !path.exists() {
        return Err("there was no index yet".into());
    }
    let conn = open_connection(path).map_err(|err| format!("it would not open ({err})"))?;
    match schema::is_current(&conn) {
        Ok(true) => Ok(conn),
        Ok(false) => Err("it was made by another version of dossier".into()),
        Err(err) => Err(format!("it was damaged ({err})")),
    }
}

fn open_connection(path: &Path) -> Result<Connection, IndexError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    configure(&conn)?;
    Ok(conn)
}

/// SQLite's page cache per connection, in KB.
const CACHE_KB: i64 = 16_000;

/// The page cache while a sync writes, in KB. The writer appends to its tables, so it needs
/// few pages at a time and a larger cache only holds pages it is done with: with 4 MB instead
/// of 16 a build's peak memory is 10-15 MB lower at 10,000 and 50,000 articles, and its time
/// no worse (BENCHMARKS.md).
const WRITE_CACHE_KB: i64 = 4_000;

/// SQLite's page size for a new index file (BENCHMARKS.md, "Library index").
const PAGE_SIZE: i64 = 16 * 1024;

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // A writer that crashed leaves SQLite's own journal, which the next opener rolls back; a
    // live writer in another dossier is waited for, not failed on.
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Takes effect only before a file's first write (a file made already keeps its size). A
    // paragraph fits in a 16 KB page where a long one spills from a 4 KB page into overflow
    // pages; a cold build's writer thread spends about a tenth less CPU (BENCHMARKS.md).
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    // The index can always be rebuilt: a power cut may lose the last transactions, never the
    // file's consistency (WAL with NORMAL sync).
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "cache_size", -CACHE_KB)?;
    // Lets SQLite's sorter use the other cores: making the entity indexes after a first build
    // sorts half a million rows per 10,000 articles while nothing else is left to do.
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    conn.pragma_update(None, "threads", i64::try_from(cores.min(4)).unwrap_or(1))?;
    Ok(())
}

/// Deletes the index file and SQLite's journal files beside it.
fn remove_index_files(path: &Path) -> std::io::Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        match std::fs::remove_file(PathBuf::from(name)) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(err),
        }
    }
    Ok(())
}
