//! Saving: now on the caller's thread, or through the background saver; merging a file that
//! something else changed; keeping changes a read-only store cannot save.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;

use crate::store::durable::{self, sibling};
use crate::store::{
    DurableWriter, Fingerprint, RealFs, SaveError, SaveOutcome, Saver, SaverConfig, Store,
    WriteStep, load, merge,
};

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

pub(super) enum Writing {
    None,
    Direct(DurableWriter),
    Background(Saver),
}

impl Store {
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
            // Only an in-memory store gets here (read-only ones returned above): there is
            // nowhere to write, so the change counts as handed over.
            Writing::None => self.dirty = false,
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
    ///
    /// In a read-only store, notes and corrections made anyway are written to a file beside the
    /// state file instead (see [`Store::save_aside`]) and the error names it.
    pub fn flush(&mut self, timeout: Duration) -> Result<(), SaveError> {
        if let Some(reason) = self.read_only.clone() {
            // The user was told at open that this session does not save; only notes and
            // corrections, which cannot be made again, are worth a word on the way out.
            let reason = match self.save_aside() {
                Ok(Some(aside)) => format!(
                    "{reason} Your new notes were written to {} instead.",
                    aside.display()
                ),
                Ok(None) => return Ok(()),
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
}
