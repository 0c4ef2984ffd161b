//! One writer of an index at a time, across processes: a reader open in one terminal and
//! `dossier index` in another (or two readers) share one index file.
//!
//! A sync plans its writes from what the index holds when it starts; two at once both took
//! every file for new and the second failed on the first's rows. Opening, too, may find a file
//! another process is making and take it for a stranger's, deleting it under that process.
//! So a sync, and the making or deleting of an index file, hold the lock of a file beside the
//! index ([`FileLock`]: the system drops it when its holder exits or crashes, so no lock
//! outlives a dead process). Reading needs no lock: SQLite's WAL gives every reader a
//! committed state.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::file_lock::FileLock;

/// How often a waiting sync tries the lock again and tells its caller it is still waiting.
pub const POLL: Duration = Duration::from_millis(250);

/// How long opening waits for the lock before it gives up on an index it cannot trust (a
/// holder stopped with ^Z would hold it for ever); the caller then keeps the index in
/// memory. A sync waits as long as it takes, saying so: its caller keeps working meanwhile.
pub const OPEN_WAIT: Duration = Duration::from_secs(10);

/// The lock of the index at `index`, if no other holds it now.
pub fn try_take(index: &Path) -> std::io::Result<Option<FileLock>> {
    FileLock::acquire(&lock_path(index), Duration::ZERO)
}

/// The lock of the index at `index`, waiting for another holder to finish; `waiting` is
/// called about every [`POLL`] while it waits, so a caller can say so and show what the
/// holder has committed meanwhile.
pub fn take(index: &Path, waiting: &mut dyn FnMut()) -> std::io::Result<FileLock> {
    let path = lock_path(index);
    loop {
        if let Some(lock) = FileLock::acquire(&path, POLL)? {
            return Ok(lock);
        }
        waiting();
    }
}

/// The lock file beside the index at `index`. It is never deleted: a process could otherwise
/// lock a file another has just replaced, and both would think they held the lock.
fn lock_path(index: &Path) -> PathBuf {
    let mut name = index.as_os_str().to_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waiting_taker_is_told_until_the_holder_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("library-0.sqlite");
        let held = try_take(&index).unwrap().unwrap();
        assert!(try_take(&index).unwrap().is_none());
        let (told, heard) = std::sync::mpsc::channel();
        let waiter = std::thread::spawn(move || {
            take(&index, &mut || {
                let _ = told.send(());
            })
            .map(|_| ())
        });
        // The waiter says it waits before it can have the lock, which is still held here.
        heard.recv().unwrap();
        drop(held);
        waiter.join().unwrap().unwrap();
    }
}
