//! Reading state and notes, kept in one JSON file that is never lost.
//!
//! The file is treated like a database's log rather than a preferences file: saved by replacing
//! it atomically (see [`durable`]), locked against a second writer (see [`lock`]), moved aside
//! rather than overwritten when it does not read (see [`load`]), and merged rather than clobbered
//! when something else changed it (see [`merge`]).
//!
//! A reader opens a [`Store`] with [`Store::open_for_reader`] (background saver running), calls
//! [`Store::request_save`] after changes and [`Store::poll_saves`] on each tick, and
//! [`Store::flush`] on quit. One-shot commands open with [`OpenOptions`] and call
//! [`Store::save_now`].
//!
//! ```no_run
//! use std::time::Duration;
//! use dossier::store::{ArticleKey, SaveEvent, SaverConfig, Store};
//! # fn main() -> anyhow::Result<()> {
//! let mut store = Store::open_for_reader(None, SaverConfig::default());
//! for message in store.take_messages() {
//!     eprintln!("{message}"); // corrupt file moved aside, backup loaded, read-only, ...
//! }
//! let path = std::path::Path::new("articles/piece.md");
//! let bytes = std::fs::read(path)?;
//! let article = dossier::parse_article(path, &bytes)?;
//! let id = store.open_article(&ArticleKey::new(path, &bytes), &article);
//! store.add_note(&id, &article.paragraphs, 2, "Check these figures")?;
//! store.request_save(); // returns at once; the saver writes after a quiet moment
//! for event in store.poll_saves() {
//!     if let SaveEvent::Failed { message, .. } | SaveEvent::Merged { message } = event {
//!         eprintln!("{message}");
//!     }
//! }
//! store.flush(Duration::from_secs(5))?; // on quit, suspend and termination signals
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub mod anchor;
pub mod article_key;
pub mod durable;
pub mod load;
pub mod location;
pub mod merge;
mod notes;
mod records;
pub mod saver;
mod saving;
pub mod schema;
pub mod state;

pub use anchor::{Anchor, Placement};
pub use article_key::ArticleKey;
pub use durable::{Backups, DurableWriter, Fingerprint, Fs, RealFs, SaveError, WriteStep};
pub use location::{STATE_ENV, default_state_path, state_path};
pub use notes::{NoteError, PlacedNote, place_notes};
pub use saver::{SaveOutcome, Saver, SaverConfig};
pub use saving::SaveEvent;
pub use schema::SCHEMA_VERSION;
pub use state::{ArticleId, ArticleState, Note, NoteId, Preferences, State};

use crate::file_lock::FileLock;
use durable::sibling;
use saving::Writing;

/// How to open the state file.
pub struct OpenOptions {
    path: PathBuf,
    read_only: bool,
    lock_wait: Duration,
    fail_if_busy: bool,
    backups: Backups,
    fs: Option<Box<dyn Fs>>,
}

impl OpenOptions {
    /// The reader's way: take the lock, and open read-only (saying so) if another dossier has it.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            read_only: false,
            lock_wait: Duration::ZERO,
            fail_if_busy: false,
            backups: Backups::default(),
            fs: None,
        }
    }

    /// Only read: no lock, nothing on disk changed, saves refused.
    #[must_use]
    pub fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }

    /// Waits this long for another dossier to release the lock (one that is quitting).
    #[must_use]
    pub fn wait_for_lock(mut self, wait: Duration) -> Self {
        self.lock_wait = wait;
        self
    }

    /// Fails with [`StoreError::Busy`] instead of opening read-only when the lock is held.
    #[must_use]
    pub fn fail_if_busy(mut self) -> Self {
        self.fail_if_busy = true;
        self
    }

    #[must_use]
    pub fn backups(mut self, backups: Backups) -> Self {
        self.backups = backups;
        self
    }

    /// The filesystem saves go through (tests put failures in it).
    #[must_use]
    pub fn fs(mut self, fs: Box<dyn Fs>) -> Self {
        self.fs = Some(fs);
        self
    }
}

/// Why the state file could not be opened at all.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path} is in use by a running dossier (it holds {lock}); nothing was changed. Make the \
         change in that dossier, or quit it and run this command again"
    )]
    Busy { path: PathBuf, lock: PathBuf },
    #[error(
        "cannot {action} {path}: {source}. Check its permissions, or choose another state file \
         with --state PATH or DOSSIER_STATE"
    )]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The open state file: the state in memory and the means to save it.
pub struct Store {
    path: PathBuf,
    target: PathBuf,
    state: State,
    /// The state as it is on disk (last read or written): the base of merges.
    base: Arc<State>,
    read_only: Option<String>,
    messages: Vec<String>,
    lock: Option<FileLock>,
    writing: Writing,
    /// The newest snapshot handed to the saver, and the newest it reported written.
    submitted: u64,
    saved: u64,
    dirty: bool,
    by_hash: HashMap<String, Vec<ArticleId>>,
    by_path: HashMap<String, ArticleId>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .field("dirty", &self.dirty)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (or starts) the state file. Problems that leave the data readable (a file that does
    /// not parse, another dossier holding the lock, a newer schema) do not fail: they are in
    /// [`Store::take_messages`] and, where saving is unsafe, [`Store::read_only`].
    pub fn open(options: OpenOptions) -> Result<Self, StoreError> {
        let path = options.path;
        let target = location::resolve_symlinks(&path);
        let io = |action, source| StoreError::Io {
            action,
            path: target.clone(),
            source,
        };
        let mut messages = Vec::new();
        let mut read_only = None;
        let mut lock = None;
        if options.read_only {
            read_only = Some(format!("{} was opened read-only", path.display()));
        } else {
            if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
                create_private_dir(dir).map_err(|e| io("create the folder of", e))?;
            }
            let lock_path = sibling(&target, ".lock");
            lock = FileLock::acquire(&lock_path, options.lock_wait).map_err(|e| io("lock", e))?;
            if lock.is_none() {
                if options.fail_if_busy {
                    return Err(StoreError::Busy {
                        path,
                        lock: lock_path,
                    });
                }
                let reason = format!(
                    "Another dossier is using {} (it holds {}). This one opened it read-only: \
                     changes made here will not be saved. Quit the other one to keep changes.",
                    path.display(),
                    lock_path.display()
                );
                messages.push(reason.clone());
                read_only = Some(reason);
            }
        }
        let repair = lock.is_some();
        if repair {
            remove_stale_temp_files(&target);
        }
        let loaded = load::load(&target, repair, options.backups).map_err(|e| io("read", e))?;
        messages.extend(loaded.messages);
        if read_only.is_none() {
            read_only = loaded.read_only;
        }
        let writing = if read_only.is_none() {
            Writing::Direct(DurableWriter::new(
                target.clone(),
                options.fs.unwrap_or_else(|| Box::new(RealFs)),
                loaded.fingerprint,
                options.backups,
            ))
        } else {
            Writing::None
        };
        let mut store = Self {
            path,
            target,
            base: Arc::new(loaded.state.clone()),
            state: loaded.state,
            dirty: loaded.restored && read_only.is_none(),
            read_only,
            messages,
            lock,
            writing,
            submitted: 0,
            saved: 0,
            by_hash: HashMap::new(),
            by_path: HashMap::new(),
        };
        store.reindex();
        Ok(store)
    }

    /// The reader's way in: the state file `flag` names (else `DOSSIER_STATE`, else the data
    /// folder), opened as [`OpenOptions::new`] does, with the background saver running. Never
    /// fails: when the file cannot be opened the reader still runs on a store that is never
    /// saved, and [`Store::take_messages`] says why.
    pub fn open_for_reader(flag: Option<&Path>, saver: SaverConfig) -> Self {
        let Some(path) = state_path(flag) else {
            return Self::unsaved(
                "No home folder was found to keep notes and reading state in; name a state file \
                 with --state PATH or DOSSIER_STATE. Nothing will be saved this session.",
            );
        };
        let mut store = match Self::open(OpenOptions::new(&path)) {
            Ok(store) => store,
            // Notes that cannot be saved can still be read (a read-only disk, a lock file that
            // cannot be made).
            Err(err) => match Self::open(OpenOptions::new(&path).read_only()) {
                Ok(mut store) => {
                    let reason =
                        format!("{err}. It was opened read-only: changes will not be saved.");
                    store.messages.insert(0, reason.clone());
                    store.read_only = Some(reason);
                    return store;
                }
                Err(_) => {
                    return Self::unsaved(format!("{err}. Nothing will be saved this session."));
                }
            },
        };
        if store.read_only.is_none()
            && let Err(err) = store.start_saver(saver)
        {
            store.messages.push(format!(
                "Saving in the background could not start ({err}); changes are saved as they are \
                 made instead."
            ));
        }
        store
    }

    /// A store that is never saved, for when the state file cannot be opened at all: the reader
    /// still works, and says why nothing is kept.
    pub fn unsaved(reason: impl Into<String>) -> Self {
        let reason = reason.into();
        Self {
            path: PathBuf::new(),
            target: PathBuf::new(),
            state: State::default(),
            base: Arc::new(State::default()),
            read_only: Some(reason.clone()),
            messages: vec![reason],
            lock: None,
            writing: Writing::None,
            submitted: 0,
            saved: 0,
            dirty: false,
            by_hash: HashMap::new(),
            by_path: HashMap::new(),
        }
    }

    /// A store kept only in memory: nothing is read or written, and nothing is refused (tests of
    /// the reader, which must not touch the disk).
    pub fn in_memory() -> Self {
        let mut store = Self::unsaved("");
        store.read_only = None;
        store.messages.clear();
        store
    }

    /// The state file as named (flag, environment or default).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file actually written: [`Store::path`] with symlinks followed.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Why changes are not saved, if they are not.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Whether this store holds the state file's lock.
    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    /// What the user should be told about opening and merging (moved-aside files, backups used,
    /// read-only reasons). Taken once.
    pub fn take_messages(&mut self) -> Vec<String> {
        std::mem::take(&mut self.messages)
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// Whether some change is not yet known to be on disk.
    pub fn has_unsaved_changes(&self) -> bool {
        self.dirty || self.saved < self.submitted
    }
}

impl Drop for Store {
    /// A last attempt not to lose changes a caller forgot to save; errors cannot be reported here.
    fn drop(&mut self) {
        if self.has_unsaved_changes() {
            let _ = self.flush(Duration::from_secs(5));
        }
    }
}

/// The data folder holds notes: readable by the user only, like the file itself.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Temp files left by a writer that was killed mid-save; only called while holding the lock.
fn remove_stale_temp_files(target: &Path) {
    let Some(dir) = target.parent() else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = durable::temp_prefix(target);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
