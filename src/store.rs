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

use chrono::Utc;

use crate::article::{Article, Paragraph};
use crate::corrections::EntityCorrection;

pub mod anchor;
pub mod article_key;
pub mod durable;
pub mod load;
pub mod location;
pub mod lock;
pub mod merge;
pub mod saver;
pub mod schema;
pub mod state;

pub use anchor::{Anchor, Placement};
pub use article_key::ArticleKey;
pub use durable::{Backups, DurableWriter, Fingerprint, Fs, RealFs, SaveError, WriteStep};
pub use location::{STATE_ENV, default_state_path, state_path};
pub use saver::{SaveOutcome, Saver, SaverConfig};
pub use schema::SCHEMA_VERSION;
pub use state::{ArticleId, ArticleState, Note, NoteId, Preferences, State};

use durable::sibling;
use lock::StoreLock;

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

/// Why a note operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    #[error("the article has no state record; open or record it first")]
    UnknownArticle,
    #[error("there is no paragraph {number}: the article has {count} (numbered from 1)")]
    NoSuchParagraph { number: usize, count: usize },
    #[error("there is no note {0} in this article")]
    UnknownNote(NoteId),
    #[error("a note needs some text")]
    Empty,
}

/// A note and where it sits in the article as it is now.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedNote<'a> {
    pub note: &'a Note,
    pub placement: Placement,
}

/// What [`Store::poll_saves`] has to tell the reader.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveEvent {
    Saved,
    /// Not saved; tried again after `retry_in`. Changes are kept in memory meanwhile.
    Failed {
        message: String,
        retry_in: Duration,
    },
    /// The file had been changed by another program; both sets of changes were merged.
    Merged {
        message: String,
    },
}

enum Writing {
    None,
    Direct(DurableWriter),
    Background(Saver),
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
    lock: Option<StoreLock>,
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
            lock = StoreLock::acquire(&lock_path, options.lock_wait).map_err(|e| io("lock", e))?;
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

    // ---- articles ----

    /// The record of the article `key` names: same content first (the file may have moved),
    /// else same path (the file may have been edited).
    pub fn find(&self, key: &ArticleKey) -> Option<&ArticleId> {
        if let Some(ids) = self.by_hash.get(&key.content_hash) {
            return ids
                .iter()
                .find(|id| {
                    self.state
                        .articles
                        .get(*id)
                        .is_some_and(|a| a.path == key.path)
                })
                .or_else(|| ids.first());
        }
        self.by_path.get(&key.path)
    }

    pub fn article(&self, id: &ArticleId) -> Option<&ArticleState> {
        self.state.articles.get(id).map(AsRef::as_ref)
    }

    /// The state of the article `key` names, if it has one.
    pub fn article_for(&self, key: &ArticleKey) -> Option<&ArticleState> {
        self.find(key).and_then(|id| self.article(id))
    }

    /// The state of the article last seen at `path`, without reading the file (for marking a
    /// long list quickly).
    pub fn article_by_path(&self, path: &Path) -> Option<&ArticleState> {
        let path = article_key::absolute(path);
        self.by_path
            .get(path.to_string_lossy().as_ref())
            .and_then(|id| self.article(id))
    }

    /// The article open when dossier last quit.
    pub fn last_article(&self) -> Option<(&ArticleId, &ArticleState)> {
        let id = self.state.last_article.as_ref()?;
        Some((id, self.article(id)?))
    }

    /// Finds or makes the record of `article` and brings it up to date: its path when the file
    /// moved, its content hash when it was edited (moving notes to where their paragraphs are
    /// now), its title.
    pub fn record(&mut self, key: &ArticleKey, article: &Article) -> ArticleId {
        let id = match self.find(key).cloned() {
            Some(id) => id,
            None => self.new_record(key),
        };
        let Some(record) = self.state.article_mut(&id) else {
            return id;
        };
        let before = record.clone();
        if record.content_hash != key.content_hash {
            reanchor(&mut record.notes, &article.paragraphs);
            record.content_hash.clone_from(&key.content_hash);
        }
        record.path.clone_from(&key.path);
        record.title.clone_from(&article.title);
        record.source.clone_from(&article.source);
        record.paragraph_count = article.paragraphs.len();
        let identity_changed =
            before.path != record.path || before.content_hash != record.content_hash;
        if *record != before {
            self.dirty = true;
        }
        if identity_changed {
            self.reindex();
        }
        id
    }

    /// [`Store::record`], and notes that the article was opened now and is the last one open.
    pub fn open_article(&mut self, key: &ArticleKey, article: &Article) -> ArticleId {
        let id = self.record(key, article);
        if let Some(record) = self.state.article_mut(&id) {
            record.last_opened = Some(Utc::now());
        }
        self.state.last_article = Some(id.clone());
        self.dirty = true;
        id
    }

    fn new_record(&mut self, key: &ArticleKey) -> ArticleId {
        let digits = key
            .content_hash
            .rsplit(':')
            .next()
            .unwrap_or_default()
            .chars()
            .take(16)
            .collect::<String>();
        let mut id = ArticleId(format!("a{digits}"));
        while self.state.articles.contains_key(&id) {
            id = ArticleId(format!("a{digits}-{:04x}", fastrand::u16(..)));
        }
        self.state.articles.insert(
            id.clone(),
            Arc::new(ArticleState {
                path: key.path.clone(),
                content_hash: key.content_hash.clone(),
                title: String::new(),
                source: None,
                read: false,
                position: 0,
                paragraph_count: 0,
                last_opened: None,
                notes: Vec::new(),
                extra: serde_json::Map::new(),
            }),
        );
        self.dirty = true;
        self.reindex();
        id
    }

    pub fn set_read(&mut self, id: &ArticleId, read: bool) {
        if let Some(record) = self.state.article_mut(id)
            && record.read != read
        {
            record.read = read;
            self.dirty = true;
        }
    }

    /// Flips read/unread; returns the new value.
    pub fn toggle_read(&mut self, id: &ArticleId) -> Option<bool> {
        let read = !self.article(id)?.read;
        self.set_read(id, read);
        Some(read)
    }

    /// Remembers the paragraph (from 0) the reader is at.
    pub fn set_position(&mut self, id: &ArticleId, paragraph: usize) {
        if let Some(record) = self.state.article_mut(id)
            && record.position != paragraph
        {
            record.position = paragraph;
            self.dirty = true;
        }
    }

    // ---- notes ----

    /// Pins a note to paragraph `index` (from 0) of `paragraphs`, the article as shown now.
    pub fn add_note(
        &mut self,
        id: &ArticleId,
        paragraphs: &[Paragraph],
        index: usize,
        text: &str,
    ) -> Result<NoteId, NoteError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(NoteError::Empty);
        }
        let anchor = Anchor::new(paragraphs, index).ok_or(NoteError::NoSuchParagraph {
            number: index + 1,
            count: paragraphs.len(),
        })?;
        let record = self
            .state
            .article_mut(id)
            .ok_or(NoteError::UnknownArticle)?;
        let now = Utc::now();
        let note = Note {
            id: NoteId::new_random(),
            text: text.to_string(),
            anchor,
            created: now,
            updated: now,
            extra: serde_json::Map::new(),
        };
        let note_id = note.id.clone();
        record.notes.push(note);
        self.dirty = true;
        Ok(note_id)
    }

    pub fn edit_note(
        &mut self,
        id: &ArticleId,
        note: &NoteId,
        text: &str,
    ) -> Result<(), NoteError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(NoteError::Empty);
        }
        let record = self
            .state
            .article_mut(id)
            .ok_or(NoteError::UnknownArticle)?;
        let found = record
            .notes
            .iter_mut()
            .find(|n| &n.id == note)
            .ok_or_else(|| NoteError::UnknownNote(note.clone()))?;
        if found.text != text {
            found.text = text.to_string();
            found.updated = Utc::now();
            self.dirty = true;
        }
        Ok(())
    }

    /// Removes a note and hands it back, so the reader can offer undo ([`Store::restore_note`]).
    pub fn delete_note(&mut self, id: &ArticleId, note: &NoteId) -> Option<Note> {
        let record = self.state.article_mut(id)?;
        let at = record.notes.iter().position(|n| &n.id == note)?;
        self.dirty = true;
        Some(record.notes.remove(at))
    }

    /// Puts back a deleted note, unchanged.
    pub fn restore_note(&mut self, id: &ArticleId, note: Note) -> Result<(), NoteError> {
        let record = self
            .state
            .article_mut(id)
            .ok_or(NoteError::UnknownArticle)?;
        if !record.notes.iter().any(|n| n.id == note.id) {
            record.notes.push(note);
            self.dirty = true;
        }
        Ok(())
    }

    /// The article's notes placed on `paragraphs` (the article as shown now), in reading order,
    /// orphaned notes last.
    pub fn placed_notes(&self, id: &ArticleId, paragraphs: &[Paragraph]) -> Vec<PlacedNote<'_>> {
        let Some(record) = self.article(id) else {
            return Vec::new();
        };
        place_notes(&record.notes, paragraphs)
    }

    // ---- preferences and corrections ----

    pub fn preferences(&self) -> &Preferences {
        &self.state.preferences
    }

    /// Changes preferences (marks the state changed).
    pub fn preferences_mut(&mut self) -> &mut Preferences {
        self.dirty = true;
        &mut self.state.preferences
    }

    pub fn corrections(&self) -> &[EntityCorrection] {
        &self.state.corrections
    }

    pub fn add_correction(&mut self, correction: EntityCorrection) {
        self.state.corrections.push(correction);
        self.dirty = true;
    }

    /// Removes correction `index`, handing it back for undo.
    pub fn remove_correction(&mut self, index: usize) -> Option<EntityCorrection> {
        if index >= self.state.corrections.len() {
            return None;
        }
        self.dirty = true;
        Some(self.state.corrections.remove(index))
    }

    // ---- saving ----

    /// Saves now, on this thread, merging an outside change first if there was one.
    pub fn save_now(&mut self) -> Result<(), SaveError> {
        if let Some(reason) = &self.read_only {
            return Err(SaveError::ReadOnly {
                path: self.path.clone(),
                reason: reason.clone(),
            });
        }
        if matches!(self.writing, Writing::Background(_)) {
            return self.flush(Duration::from_secs(30));
        }
        for _ in 0..3 {
            let Writing::Direct(writer) = &mut self.writing else {
                break;
            };
            let snapshot = self.state.clone();
            let bytes = snapshot.to_bytes().map_err(|source| SaveError::Encode {
                path: self.target.clone(),
                source,
            })?;
            match writer.save(&bytes) {
                Ok(()) => {
                    self.base = Arc::new(snapshot);
                    self.dirty = false;
                    return Ok(());
                }
                Err(SaveError::OutsideChange { .. }) => {
                    let fingerprint = self.reconcile()?;
                    if let Writing::Direct(writer) = &mut self.writing {
                        writer.rebase(fingerprint);
                    }
                }
                Err(err) => return Err(err),
            }
        }
        Err(SaveError::OutsideChange {
            path: self.target.clone(),
        })
    }

    /// Writes the whole state to `state.json.unsaved-<time>-<pid>` when this store cannot save
    /// and notes or corrections changed, so they are not lost with the process. `None` when there
    /// is nothing a user could not get back.
    pub fn save_aside(&mut self) -> Result<Option<PathBuf>, SaveError> {
        let precious = self.state.corrections != self.base.corrections
            || self.state.articles.iter().any(|(id, a)| {
                self.base.articles.get(id).map(|b| &b.notes) != Some(&a.notes)
                    && !a.notes.is_empty()
            });
        if !precious || self.target.as_os_str().is_empty() {
            return Ok(None);
        }
        let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
        let aside = sibling(
            &self.target,
            &format!(".unsaved-{stamp}-{}", std::process::id()),
        );
        let bytes = self.state.to_bytes().map_err(|source| SaveError::Encode {
            path: aside.clone(),
            source,
        })?;
        durable::write_durably(&mut RealFs, &aside, &bytes).map_err(|(step, source)| {
            SaveError::Io {
                path: aside.clone(),
                step,
                source,
            }
        })?;
        self.base = Arc::new(self.state.clone());
        self.dirty = false;
        self.messages.push(format!(
            "Changes that could not be saved to {} were written to {}.",
            self.path.display(),
            aside.display()
        ));
        Ok(Some(aside))
    }

    /// Moves saving to a background thread; from now on [`Store::request_save`] returns at once.
    pub fn start_saver(&mut self, config: SaverConfig) -> std::io::Result<()> {
        let writing = std::mem::replace(&mut self.writing, Writing::None);
        self.writing = match writing {
            Writing::Direct(writer) => Writing::Background(Saver::spawn(writer, config)?),
            other => other,
        };
        Ok(())
    }

    /// Hands a snapshot of the changed state to the saver, which writes it after a quiet moment.
    /// Costs one clone of the state; never waits for the disk. Without a saver it saves now.
    pub fn request_save(&mut self) {
        if !self.dirty || self.read_only.is_some() {
            return;
        }
        match &mut self.writing {
            Writing::Background(saver) => {
                if saver.submit(self.submitted + 1, Arc::new(self.state.clone())) {
                    self.submitted += 1;
                    self.dirty = false;
                }
            }
            Writing::Direct(_) => {
                if let Err(err) = self.save_now() {
                    self.messages.push(err.to_string());
                }
            }
            Writing::None => {}
        }
    }

    /// What the saver has reported since the last call; never blocks. Merges an outside change
    /// when the saver found one.
    pub fn poll_saves(&mut self) -> Vec<SaveEvent> {
        let outcomes = match &self.writing {
            Writing::Background(saver) => saver.poll(),
            _ => return Vec::new(),
        };
        outcomes
            .into_iter()
            .filter_map(|outcome| self.handle_outcome(outcome))
            .collect()
    }

    /// Writes everything now and waits for it (on quit, suspend or a signal). `Ok` means the
    /// state on disk has every change made so far.
    /// In a read-only store, notes and corrections made anyway are written to a file beside the
    /// state file instead (see [`Store::save_aside`]) and the error names it.
    pub fn flush(&mut self, timeout: Duration) -> Result<(), SaveError> {
        if let Some(reason) = self.read_only.clone() {
            let reason = match self.save_aside() {
                Ok(Some(aside)) => format!(
                    "{reason} Your new notes were written to {} instead.",
                    aside.display()
                ),
                Ok(None) => reason,
                Err(err) => format!("{reason} {err}"),
            };
            return Err(SaveError::ReadOnly {
                path: self.path.clone(),
                reason,
            });
        }
        if matches!(self.writing, Writing::Direct(_)) {
            return if self.dirty { self.save_now() } else { Ok(()) };
        }
        for _ in 0..3 {
            self.request_save();
            let outcome = match &self.writing {
                Writing::Background(saver) => saver.flush(timeout),
                _ => return Ok(()),
            };
            let _ = self.poll_saves();
            match outcome {
                None => {
                    return Err(SaveError::Timeout {
                        path: self.target.clone(),
                    });
                }
                Some(SaveOutcome::Failed { error, .. }) => return Err(error),
                Some(SaveOutcome::OutsideChange { generation }) => {
                    let _ = self.handle_outcome(SaveOutcome::OutsideChange { generation });
                    if self.read_only.is_some() {
                        break;
                    }
                }
                Some(outcome) => {
                    let _ = self.handle_outcome(outcome);
                    if !self.has_unsaved_changes() {
                        return Ok(());
                    }
                }
            }
        }
        Err(SaveError::OutsideChange {
            path: self.target.clone(),
        })
    }

    fn handle_outcome(&mut self, outcome: SaveOutcome) -> Option<SaveEvent> {
        match outcome {
            SaveOutcome::Saved { generation, state } => {
                if generation >= self.saved {
                    self.saved = generation;
                    self.base = state;
                }
                Some(SaveEvent::Saved)
            }
            SaveOutcome::Failed {
                error, retry_in, ..
            } => Some(SaveEvent::Failed {
                message: error.to_string(),
                retry_in,
            }),
            SaveOutcome::OutsideChange { .. } => match self.reconcile() {
                Ok(fingerprint) => {
                    self.dirty = true;
                    self.request_save();
                    if let Writing::Background(saver) = &self.writing {
                        saver.rebase(fingerprint);
                    }
                    let message = self.messages.last().cloned().unwrap_or_default();
                    Some(SaveEvent::Merged { message })
                }
                Err(err) => Some(SaveEvent::Failed {
                    message: err.to_string(),
                    retry_in: Duration::ZERO,
                }),
            },
            SaveOutcome::NothingToSave => None,
        }
    }

    /// Reads the file something else changed and merges it into memory; returns its fingerprint
    /// for the writer to accept.
    fn reconcile(&mut self) -> Result<Option<Fingerprint>, SaveError> {
        let io = |source| SaveError::Io {
            path: self.target.clone(),
            step: WriteStep::Inspect,
            source,
        };
        let bytes = match std::fs::read(&self.target) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(io(err)),
        };
        match load::parse(&bytes) {
            Ok(load::Parsed::Current(theirs)) => {
                let fingerprint = Fingerprint::of(&self.target, &bytes).map_err(io)?;
                self.state = merge::merge(&self.base, &self.state, &theirs);
                self.base = Arc::new(theirs);
                self.reindex();
                self.messages.push(format!(
                    "{} was changed by another program; its changes and yours were merged.",
                    self.target.display()
                ));
                Ok(Some(fingerprint))
            }
            Ok(load::Parsed::Newer { version, .. }) => {
                let reason = format!(
                    "{} was replaced by a newer dossier's file (schema version {version}); \
                     dossier stopped saving to it. Your changes since are only in memory.",
                    self.target.display()
                );
                self.messages.push(reason.clone());
                self.read_only = Some(reason.clone());
                Err(SaveError::ReadOnly {
                    path: self.target.clone(),
                    reason,
                })
            }
            Err(problem) => {
                let aside = load::move_aside(&self.target).map_err(io)?;
                self.messages.push(format!(
                    "{} was replaced by a file that does not read ({problem}). It was kept as {} \
                     and your state is saved in its place.",
                    self.target.display(),
                    aside.display()
                ));
                Ok(None)
            }
        }
    }

    fn reindex(&mut self) {
        self.by_hash.clear();
        self.by_path.clear();
        for (id, record) in &self.state.articles {
            self.by_hash
                .entry(record.content_hash.clone())
                .or_default()
                .push(id.clone());
            self.by_path.insert(record.path.clone(), id.clone());
        }
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

/// Places `notes` on `paragraphs`, in reading order, orphaned notes last.
pub fn place_notes<'a>(notes: &'a [Note], paragraphs: &[Paragraph]) -> Vec<PlacedNote<'a>> {
    let placements = anchor::place_all(notes.iter().map(|n| &n.anchor), paragraphs);
    let mut placed: Vec<PlacedNote<'a>> = notes
        .iter()
        .zip(placements)
        .map(|(note, placement)| PlacedNote { note, placement })
        .collect();
    placed.sort_by_key(|p| (p.placement.index().unwrap_or(usize::MAX), p.note.created));
    placed
}

/// Moves each note's anchor to where its paragraph is now; a note whose paragraph is gone keeps
/// its anchor, so it finds the paragraph again if the text comes back.
fn reanchor(notes: &mut [Note], paragraphs: &[Paragraph]) {
    let placements = anchor::place_all(notes.iter().map(|n| &n.anchor), paragraphs);
    for (note, placement) in notes.iter_mut().zip(placements) {
        match placement {
            Placement::Exact(i) => note.anchor.paragraph = i,
            Placement::Fuzzy(i) => {
                if let Some(mut fresh) = Anchor::new(paragraphs, i) {
                    fresh.extra = std::mem::take(&mut note.anchor.extra);
                    note.anchor = fresh;
                }
            }
            Placement::Orphaned => {}
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
