//! Saving off the input path: a thread that takes snapshots, waits for a quiet moment, writes the
//! newest and reports each outcome back.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::store::durable::{DurableWriter, Fingerprint, SaveError};
use crate::store::state::State;

/// Timing of background saves.
#[derive(Debug, Clone, Copy)]
pub struct SaverConfig {
    /// A save waits until no change came for this long...
    pub quiet: Duration,
    /// ...but never longer than this after the first unsaved change.
    pub max_delay: Duration,
    /// The first retry after a failed save; each further one waits twice as long...
    pub retry_first: Duration,
    /// ...up to this.
    pub retry_max: Duration,
}

impl Default for SaverConfig {
    fn default() -> Self {
        Self {
            quiet: Duration::from_millis(300),
            max_delay: Duration::from_secs(2),
            retry_first: Duration::from_secs(1),
            retry_max: Duration::from_secs(60),
        }
    }
}

/// What happened to a snapshot. `generation` numbers snapshots in the order they were sent.
#[derive(Debug)]
pub enum SaveOutcome {
    /// `state` is what was written: the base for merging later outside changes.
    Saved { generation: u64, state: Arc<State> },
    /// The save failed; the saver tries again after `retry_in` (or at the next flush).
    Failed {
        generation: u64,
        error: SaveError,
        retry_in: Duration,
    },
    /// The file changed on disk since it was read: the saver waits for the store to merge and
    /// rebase before writing again.
    OutsideChange { generation: u64 },
    /// A flush found nothing waiting to be written.
    NothingToSave,
}

enum Request {
    Save { generation: u64, state: Arc<State> },
    Rebase(Option<Fingerprint>),
    Flush(Sender<SaveOutcome>),
}

/// The handle to the saver thread. Dropping it writes what is pending and stops the thread.
#[derive(Debug)]
pub struct Saver {
    requests: Option<Sender<Request>>,
    outcomes: Receiver<SaveOutcome>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    pub fn spawn(writer: DurableWriter, config: SaverConfig) -> std::io::Result<Self> {
        let (requests, inbox) = mpsc::channel();
        let (report, outcomes) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("dossier-saver".into())
            .spawn(move || run(writer, config, &inbox, &report))?;
        Ok(Self {
            requests: Some(requests),
            outcomes,
            thread: Some(thread),
        })
    }

    /// Queues a snapshot; returns at once. `false` if the thread is gone.
    pub fn submit(&self, generation: u64, state: Arc<State>) -> bool {
        self.send(Request::Save { generation, state })
    }

    /// Accepts the file's current fingerprint after an outside change was merged.
    pub fn rebase(&self, fingerprint: Option<Fingerprint>) -> bool {
        self.send(Request::Rebase(fingerprint))
    }

    /// Writes what is pending now and waits for the outcome, at most `timeout`. `None` on
    /// timeout or if the thread is gone.
    pub fn flush(&self, timeout: Duration) -> Option<SaveOutcome> {
        let (reply, answer) = mpsc::channel();
        if !self.send(Request::Flush(reply)) {
            return None;
        }
        answer.recv_timeout(timeout).ok()
    }

    /// The outcomes reported since the last call; never blocks.
    pub fn poll(&self) -> Vec<SaveOutcome> {
        self.outcomes.try_iter().collect()
    }

    fn send(&self, request: Request) -> bool {
        self.requests
            .as_ref()
            .is_some_and(|tx| tx.send(request).is_ok())
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

struct Pending {
    generation: u64,
    state: Arc<State>,
    first_change: Instant,
    last_change: Instant,
}

fn run(
    mut writer: DurableWriter,
    config: SaverConfig,
    inbox: &Receiver<Request>,
    report: &Sender<SaveOutcome>,
) {
    let mut pending: Option<Pending> = None;
    let mut retry = Retry::new(&config);
    loop {
        let due = match (&pending, retry.blocked_by_outside_change) {
            (Some(p), false) => Some(retry.at.unwrap_or_else(|| {
                (p.last_change + config.quiet).min(p.first_change + config.max_delay)
            })),
            _ => None,
        };
        let request = match due {
            None => inbox.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(due) => inbox.recv_timeout(due.saturating_duration_since(Instant::now())),
        };
        match request {
            Ok(Request::Save { generation, state }) => {
                let now = Instant::now();
                let first_change = pending.as_ref().map_or(now, |p| p.first_change);
                pending = Some(Pending {
                    generation,
                    state,
                    first_change,
                    last_change: now,
                });
            }
            Ok(Request::Rebase(fingerprint)) => {
                writer.rebase(fingerprint);
                retry.blocked_by_outside_change = false;
                retry.at = None;
            }
            Ok(Request::Flush(reply)) => {
                let outcome = match pending.take() {
                    None => None,
                    Some(p) => attempt(&mut writer, p, &mut pending),
                };
                let mut outcome = outcome.unwrap_or(SaveOutcome::NothingToSave);
                retry.after(&mut outcome, &config);
                let _ = reply.send(outcome);
            }
            Err(RecvTimeoutError::Timeout) => {
                if let Some(p) = pending.take()
                    && let Some(mut outcome) = attempt(&mut writer, p, &mut pending)
                {
                    retry.after(&mut outcome, &config);
                    let _ = report.send(outcome);
                }
            }
            Err(RecvTimeoutError::Disconnected) => {
                if !retry.blocked_by_outside_change
                    && let Some(p) = pending.take()
                    && let Some(outcome) = attempt(&mut writer, p, &mut pending)
                {
                    let _ = report.send(outcome);
                }
                return;
            }
        }
    }
}

/// Writes `p`; on failure puts it back in `pending` so it is retried.
fn attempt(
    writer: &mut DurableWriter,
    p: Pending,
    pending: &mut Option<Pending>,
) -> Option<SaveOutcome> {
    let generation = p.generation;
    let state = Arc::clone(&p.state);
    let result = p
        .state
        .to_bytes()
        .map_err(|source| SaveError::Encode {
            path: writer.target().to_path_buf(),
            source,
        })
        .and_then(|bytes| writer.save(&bytes));
    match result {
        Ok(()) => Some(SaveOutcome::Saved { generation, state }),
        Err(error) => {
            *pending = Some(p);
            Some(match error {
                SaveError::OutsideChange { .. } => SaveOutcome::OutsideChange { generation },
                error => SaveOutcome::Failed {
                    generation,
                    error,
                    retry_in: Duration::ZERO,
                },
            })
        }
    }
}

/// Schedules the retry a failure needs and records it in the outcome.
/// When the saver tries again after a failure, and whether an outside change holds it back.
struct Retry {
    at: Option<Instant>,
    backoff: Duration,
    blocked_by_outside_change: bool,
}

impl Retry {
    fn new(config: &SaverConfig) -> Self {
        Self {
            at: None,
            backoff: config.retry_first,
            blocked_by_outside_change: false,
        }
    }

    /// Learns from `outcome`, and tells a failure when the next try comes.
    fn after(&mut self, outcome: &mut SaveOutcome, config: &SaverConfig) {
        match outcome {
            SaveOutcome::Saved { .. } => {
                self.at = None;
                self.backoff = config.retry_first;
            }
            SaveOutcome::Failed { retry_in, .. } => {
                *retry_in = self.backoff;
                self.at = Some(Instant::now() + self.backoff);
                self.backoff = (self.backoff * 2).min(config.retry_max);
            }
            SaveOutcome::OutsideChange { .. } => self.blocked_by_outside_change = true,
            SaveOutcome::NothingToSave => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs::File;
    use std::io;
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::store::durable::{Backups, Fs, RealFs};

    /// The real filesystem, counting completed renames (one per write).
    struct CountingFs(Arc<AtomicUsize>);

    impl Fs for CountingFs {
        fn create_temp(&mut self, dir: &Path, prefix: &str) -> io::Result<(PathBuf, File)> {
            RealFs.create_temp(dir, prefix)
        }
        fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
            RealFs.write(file, bytes)
        }
        fn sync_file(&mut self, file: &File) -> io::Result<()> {
            RealFs.sync_file(file)
        }
        fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
            self.0.fetch_add(1, Ordering::SeqCst);
            RealFs.rename(from, to)
        }
        fn sync_dir(&mut self, dir: &Path) -> io::Result<()> {
            RealFs.sync_dir(dir)
        }
    }

    fn state(width: u16) -> Arc<State> {
        let mut state = State::default();
        state.preferences.text_width = Some(width);
        Arc::new(state)
    }

    #[test]
    fn a_burst_of_snapshots_is_written_once_with_the_newest() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("state.json");
        let writes = Arc::new(AtomicUsize::new(0));
        let writer = DurableWriter::new(
            target.clone(),
            Box::new(CountingFs(Arc::clone(&writes))),
            None,
            Backups::default(),
        );
        let config = SaverConfig {
            quiet: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            ..SaverConfig::default()
        };
        let saver = Saver::spawn(writer, config).unwrap();
        for width in 1..=50 {
            assert!(saver.submit(u64::from(width), state(width)));
        }
        let outcome = saver.flush(Duration::from_secs(5)).unwrap();
        assert!(matches!(outcome, SaveOutcome::Saved { generation: 50, .. }));
        assert_eq!(writes.load(Ordering::SeqCst), 1);
        let saved: State = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
        assert_eq!(saved.preferences.text_width, Some(50));
        assert!(matches!(
            saver.flush(Duration::from_secs(5)),
            Some(SaveOutcome::NothingToSave)
        ));
    }

    #[test]
    fn a_quiet_moment_triggers_the_save_and_the_outcome_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("state.json");
        let writer = DurableWriter::new(target.clone(), Box::new(RealFs), None, Backups::default());
        let config = SaverConfig {
            quiet: Duration::from_millis(10),
            ..SaverConfig::default()
        };
        let saver = Saver::spawn(writer, config).unwrap();
        saver.submit(1, state(70));
        let mut outcomes = Vec::new();
        for _ in 0..500 {
            outcomes.extend(saver.poll());
            if !outcomes.is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(matches!(
            outcomes[..],
            [SaveOutcome::Saved { generation: 1, .. }]
        ));
        assert!(target.exists());
    }

    #[test]
    fn dropping_the_handle_writes_what_is_pending() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("state.json");
        let writer = DurableWriter::new(target.clone(), Box::new(RealFs), None, Backups::default());
        let config = SaverConfig {
            quiet: Duration::from_secs(60),
            max_delay: Duration::from_secs(60),
            ..SaverConfig::default()
        };
        let saver = Saver::spawn(writer, config).unwrap();
        saver.submit(1, state(80));
        drop(saver);
        let saved: State = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
        assert_eq!(saved.preferences.text_width, Some(80));
    }
}
