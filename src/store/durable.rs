//! Writing the state file so that a crash, a full disk or a kill at any instant leaves either
//! the old file or the new one, whole.
//!
//! The steps are the classic ones: a fresh temp file beside the target, write, fsync, rename over
//! the target, fsync the directory. They go through [`Fs`] so tests can fail each one.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use sha2::{Digest, Sha256};

/// One step of a durable write, named in errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteStep {
    /// Reading the state file to see whether something else changed it (before the write).
    Inspect,
    CreateTemp,
    Write,
    SyncFile,
    Rename,
    SyncDir,
}

impl std::fmt::Display for WriteStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Inspect => "checking it for changes made by another program",
            Self::CreateTemp => "creating the temporary file",
            Self::Write => "writing the temporary file",
            Self::SyncFile => "flushing the temporary file to disk",
            Self::Rename => "replacing the state file",
            Self::SyncDir => "flushing the directory to disk",
        })
    }
}

/// The filesystem calls a durable write makes.
pub trait Fs: Send {
    /// Creates a new, empty file in `dir` whose name starts with `prefix`, readable only by the
    /// user; fails rather than open an existing file.
    fn create_temp(&mut self, dir: &Path, prefix: &str) -> io::Result<(PathBuf, File)>;
    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()>;
    fn sync_file(&mut self, file: &File) -> io::Result<()>;
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()>;
    fn sync_dir(&mut self, dir: &Path) -> io::Result<()>;
}

/// The real filesystem.
#[derive(Debug, Default, Clone, Copy)]
pub struct RealFs;

impl Fs for RealFs {
    fn create_temp(&mut self, dir: &Path, prefix: &str) -> io::Result<(PathBuf, File)> {
        loop {
            let path = dir.join(format!(
                "{prefix}{}-{:016x}",
                std::process::id(),
                fastrand::u64(..)
            ));
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(&path) {
                Ok(file) => return Ok((path, file)),
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {}
                Err(err) => return Err(err),
            }
        }
    }

    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }

    fn sync_file(&mut self, file: &File) -> io::Result<()> {
        file.sync_all()
    }

    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    fn sync_dir(&mut self, dir: &Path) -> io::Result<()> {
        #[cfg(unix)]
        {
            File::open(dir)?.sync_all()
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            Ok(())
        }
    }
}

/// What the state file looked like when dossier last read or wrote it, to notice when something
/// else changed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub sha256: [u8; 32],
}

impl Fingerprint {
    pub fn of(path: &Path, bytes: &[u8]) -> io::Result<Self> {
        let meta = std::fs::metadata(path)?;
        Ok(Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            sha256: Sha256::digest(bytes).into(),
        })
    }
}

/// Whether the file at `path` still matches `expected` (`None`: there was no file).
/// A different size means changed, the same size and modification time unchanged (hashing a
/// large file on every save would cost more than the save); otherwise the content decides.
pub fn unchanged_since(path: &Path, expected: Option<&Fingerprint>) -> io::Result<bool> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        // A file that vanished is not an edit to merge: writing recreates it.
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(true),
        Err(err) => return Err(err),
    };
    let Some(expected) = expected else {
        return Ok(false);
    };
    if meta.len() != expected.len {
        return Ok(false);
    }
    if expected.modified.is_some() && meta.modified().ok() == expected.modified {
        return Ok(true);
    }
    let bytes = std::fs::read(path)?;
    Ok(<[u8; 32]>::from(Sha256::digest(&bytes)) == expected.sha256)
}

/// Why a save did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("could not save {path} while {step}: {source}. Your changes are kept in memory")]
    Io {
        path: PathBuf,
        step: WriteStep,
        source: io::Error,
    },
    #[error("{path} was changed by another program since dossier read it; it was not overwritten")]
    OutsideChange { path: PathBuf },
    #[error("{path} is open read-only: {reason}")]
    ReadOnly { path: PathBuf, reason: String },
    #[error("could not encode the state for {path}: {source}")]
    Encode {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("the background saver of {path} stopped; changes are kept in memory")]
    SaverGone { path: PathBuf },
    #[error("saving {path} did not finish in time; changes are kept in memory")]
    Timeout { path: PathBuf },
}

/// How many rotated copies are kept and how often one is taken.
#[derive(Debug, Clone, Copy)]
pub struct Backups {
    /// `state.json.1` (newest) to `state.json.N`.
    pub keep: usize,
    /// A new backup is taken at the first save of a session and then at most this often, so the
    /// copies reach back further than the last few seconds of edits.
    pub every: Duration,
}

impl Default for Backups {
    fn default() -> Self {
        Self {
            keep: 3,
            every: Duration::from_secs(10 * 60),
        }
    }
}

/// The path of backup `n` (1 is the newest) of `target`.
pub fn backup_path(target: &Path, n: usize) -> PathBuf {
    sibling(target, &format!(".{n}"))
}

/// `target` with `suffix` appended to its file name.
pub fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    target.with_file_name(name)
}

/// The prefix of temp files for `target`; leftovers of killed writers are found by it.
pub fn temp_prefix(target: &Path) -> String {
    format!(
        ".{}.tmp-",
        target.file_name().unwrap_or_default().to_string_lossy()
    )
}

/// Writes the state file durably, keeps backups, and refuses to overwrite outside changes.
pub struct DurableWriter {
    target: PathBuf,
    fs: Box<dyn Fs>,
    expected: Option<Fingerprint>,
    backups: Backups,
    last_backup: Option<Instant>,
}

impl std::fmt::Debug for DurableWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DurableWriter")
            .field("target", &self.target)
            .finish_non_exhaustive()
    }
}

impl DurableWriter {
    /// `target` must already be the resolved file (symlinks followed); `expected` is the
    /// fingerprint of what was loaded from it, `None` if there was no file.
    pub fn new(
        target: PathBuf,
        fs: Box<dyn Fs>,
        expected: Option<Fingerprint>,
        backups: Backups,
    ) -> Self {
        Self {
            target,
            fs,
            expected,
            backups,
            last_backup: None,
        }
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Accepts the file as it is now (after merging an outside change into memory).
    pub fn rebase(&mut self, fingerprint: Option<Fingerprint>) {
        self.expected = fingerprint;
    }

    /// Replaces the state file with `bytes`, unless something else changed it since it was
    /// read or last written.
    pub fn save(&mut self, bytes: &[u8]) -> Result<(), SaveError> {
        let target = self.target.clone();
        let error = |step, source| SaveError::Io {
            path: target.clone(),
            step,
            source,
        };
        let unchanged = unchanged_since(&self.target, self.expected.as_ref())
            .map_err(|e| error(WriteStep::Inspect, e))?;
        if !unchanged {
            return Err(SaveError::OutsideChange {
                path: self.target.clone(),
            });
        }
        self.rotate_backups();
        let written = write_durably(self.fs.as_mut(), &target, bytes);
        if let Err((step, _)) = &written
            && *step != WriteStep::SyncDir
        {
            return written.map_err(|(step, source)| error(step, source));
        }
        // From the rename on, the file on disk is ours even if the directory sync failed; without
        // this the next save would take our own write for someone else's.
        self.expected =
            Some(Fingerprint::of(&self.target, bytes).map_err(|e| error(WriteStep::Inspect, e))?);
        written.map_err(|(step, source)| error(step, source))
    }

    /// Shifts `state.json.1..N` down and links the current file as `.1`. Best effort: a backup
    /// that cannot be taken must not stop the save itself. The current file is never moved, so
    /// there is no instant without a state file.
    fn rotate_backups(&mut self) {
        if self.backups.keep == 0
            || self
                .last_backup
                .is_some_and(|t| t.elapsed() < self.backups.every)
            || !self.target.exists()
        {
            return;
        }
        for n in (1..self.backups.keep).rev() {
            let from = backup_path(&self.target, n);
            if from.exists() {
                let _ = std::fs::rename(&from, backup_path(&self.target, n + 1));
            }
        }
        let newest = backup_path(&self.target, 1);
        let _ = std::fs::remove_file(&newest);
        if std::fs::hard_link(&self.target, &newest).is_err() {
            let _ = std::fs::copy(&self.target, &newest);
        }
        self.last_backup = Some(Instant::now());
    }
}

/// The five steps. On failure before the rename the temp file is removed and the target is
/// untouched.
pub fn write_durably(
    fs: &mut dyn Fs,
    target: &Path,
    bytes: &[u8],
) -> Result<(), (WriteStep, io::Error)> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mode = existing_mode(target);
    let (temp, mut file) = fs
        .create_temp(dir, &temp_prefix(target))
        .map_err(|e| (WriteStep::CreateTemp, e))?;
    let written = (|| {
        fs.write(&mut file, bytes)
            .map_err(|e| (WriteStep::Write, e))?;
        keep_mode(&file, mode).map_err(|e| (WriteStep::Write, e))?;
        fs.sync_file(&file).map_err(|e| (WriteStep::SyncFile, e))?;
        drop(file);
        fs.rename(&temp, target).map_err(|e| (WriteStep::Rename, e))
    })();
    if let Err(err) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(err);
    }
    fs.sync_dir(dir).map_err(|e| (WriteStep::SyncDir, e))
}

/// Writes a new file durably under the first free name `name_for(0)`, `name_for(1)`, ...; never
/// replaces an existing file. The temp file is linked to its name (which fails rather than
/// overwrite) and then removed, so the file appears whole or not at all. Returns its path.
pub fn create_durably(
    fs: &mut dyn Fs,
    dir: &Path,
    mut name_for: impl FnMut(usize) -> PathBuf,
    bytes: &[u8],
) -> Result<PathBuf, (WriteStep, io::Error)> {
    let first = name_for(0);
    let (temp, mut file) = fs
        .create_temp(dir, &temp_prefix(&first))
        .map_err(|e| (WriteStep::CreateTemp, e))?;
    let linked = (|| {
        fs.write(&mut file, bytes)
            .map_err(|e| (WriteStep::Write, e))?;
        keep_mode(&file, Some(0o644)).map_err(|e| (WriteStep::Write, e))?;
        fs.sync_file(&file).map_err(|e| (WriteStep::SyncFile, e))?;
        drop(file);
        for attempt in 0..10_000 {
            let target = if attempt == 0 {
                first.clone()
            } else {
                name_for(attempt)
            };
            match std::fs::hard_link(&temp, &target) {
                Ok(()) => return Ok(target),
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {}
                // Filesystems without hard links: a rename, after checking the name is free.
                Err(_) if !target.exists() => {
                    return fs
                        .rename(&temp, &target)
                        .map(|()| target)
                        .map_err(|e| (WriteStep::Rename, e));
                }
                Err(err) => return Err((WriteStep::Rename, err)),
            }
        }
        Err((
            WriteStep::Rename,
            io::Error::new(io::ErrorKind::AlreadyExists, "no free file name"),
        ))
    })();
    let _ = std::fs::remove_file(&temp);
    let target = linked?;
    fs.sync_dir(dir).map_err(|e| (WriteStep::SyncDir, e))?;
    Ok(target)
}

#[cfg(unix)]
fn existing_mode(target: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(target)
        .ok()
        .map(|m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn existing_mode(_target: &Path) -> Option<u32> {
    None
}

#[cfg(unix)]
fn keep_mode(file: &File, mode: Option<u32>) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    match mode {
        Some(mode) => file.set_permissions(std::fs::Permissions::from_mode(mode)),
        None => Ok(()),
    }
}

#[cfg(not(unix))]
fn keep_mode(_file: &File, _mode: Option<u32>) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn writer(target: &Path) -> DurableWriter {
        DurableWriter::new(
            target.to_path_buf(),
            Box::new(RealFs),
            None,
            Backups {
                keep: 3,
                every: Duration::ZERO,
            },
        )
    }

    #[test]
    fn each_save_replaces_the_file_and_backups_rotate() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("state.json");
        let mut w = writer(&target);
        for i in 0..5 {
            w.save(format!("v{i}").as_bytes()).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "v4");
        assert_eq!(
            std::fs::read_to_string(backup_path(&target, 1)).unwrap(),
            "v3"
        );
        assert_eq!(
            std::fs::read_to_string(backup_path(&target, 3)).unwrap(),
            "v1"
        );
        assert!(!backup_path(&target, 4).exists());
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .count();
        assert_eq!(leftovers, 0);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_private_and_existing_modes_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("state.json");
        let mut w = writer(&target);
        w.save(b"a").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&target), 0o600);
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        let mut w = writer(&target);
        w.rebase(Some(Fingerprint::of(&target, b"a").unwrap()));
        w.save(b"b").unwrap();
        assert_eq!(mode(&target), 0o640);
    }

    #[test]
    fn an_outside_change_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("state.json");
        let mut w = writer(&target);
        w.save(b"ours").unwrap();
        std::fs::write(&target, b"theirs").unwrap();
        assert!(matches!(
            w.save(b"ours again"),
            Err(SaveError::OutsideChange { .. })
        ));
        assert_eq!(std::fs::read(&target).unwrap(), b"theirs");
    }

    #[test]
    fn a_file_that_appears_after_an_empty_start_is_an_outside_change() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("state.json");
        let mut w = writer(&target);
        std::fs::write(&target, b"theirs").unwrap();
        assert!(matches!(
            w.save(b"ours"),
            Err(SaveError::OutsideChange { .. })
        ));
    }
}
