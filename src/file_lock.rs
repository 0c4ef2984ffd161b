//! An advisory lock on a file of its own beside what it guards: one writer per state file
//! (`state.json.lock`, held while the store lives) and per subscription list, one sync at a
//! time per library index.
//!
//! The lock is on a separate file because what it guards is replaced (the state file on every
//! save, an index file when it is rebuilt), and a lock on a replaced file protects nothing.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Held for as long as this value lives; the OS releases it if the process dies.
#[derive(Debug)]
pub struct FileLock {
    path: PathBuf,
    _file: File,
}

impl FileLock {
    /// Takes the lock at `path`, retrying for up to `wait`; `Ok(None)` if another process still
    /// holds it then.
    pub fn acquire(path: &Path, wait: Duration) -> io::Result<Option<Self>> {
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(path)?;
        let deadline = Instant::now() + wait;
        loop {
            match file.try_lock() {
                Ok(()) => {
                    return Ok(Some(Self {
                        path: path.to_path_buf(),
                        _file: file,
                    }));
                }
                Err(TryLockError::WouldBlock) => {
                    if Instant::now() >= deadline {
                        return Ok(None);
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::Error(err)) => return Err(err),
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json.lock");
        let first = FileLock::acquire(&path, Duration::ZERO).unwrap();
        assert!(first.is_some());
        assert!(
            FileLock::acquire(&path, Duration::from_millis(120))
                .unwrap()
                .is_none()
        );
        drop(first);
        assert!(FileLock::acquire(&path, Duration::ZERO).unwrap().is_some());
    }
}
