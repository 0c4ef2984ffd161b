//! The subscriptions file: the feeds followed, what each last answered (ETag, Last-Modified,
//! the items already seen), and which file each fetched URL became. It is the user's data, so
//! it is replaced atomically like the state file and never overwritten when it does not read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::fetch::Validators;
use crate::sanitize::sanitize_line;
use crate::store::{RealFs, durable::write_durably};

/// The environment variable that names the subscriptions file.
pub const FEEDS_ENV: &str = "DOSSIER_FEEDS";
/// The file's name in the data directory, beside the state file.
pub const FEEDS_FILE: &str = "feeds.json";

/// The subscriptions file to use: `flag`, else `DOSSIER_FEEDS`, else `feeds.json` in the data
/// directory. `None` only when there is no home directory and nothing names a file.
pub fn feeds_path(flag: Option<&Path>) -> Option<PathBuf> {
    crate::store::location::data_file(flag, FEEDS_ENV, FEEDS_FILE)
}

/// Everything in the subscriptions file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Subscriptions {
    #[serde(default)]
    pub feeds: Vec<Feed>,
    /// Each URL an article was saved from (as asked, after redirects, and its canonical URL),
    /// or the content hash of a local file copied in, and the file it was saved as: how adding
    /// a page or a file twice is noticed.
    #[serde(default)]
    pub saved: BTreeMap<String, PathBuf>,
    /// Fields a later version wrote; kept so saving does not drop them.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// One feed followed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Feed {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// Ids of the items already saved (or already in the library by URL).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub seen: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_checked: Option<DateTime<Utc>>,
    /// Why the last refresh failed, until one succeeds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl Feed {
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            ..Self::default()
        }
    }

    pub fn validators(&self) -> Validators {
        Validators {
            etag: self.etag.clone(),
            last_modified: self.last_modified.clone(),
        }
    }

    /// The title to show: the feed's own, else its URL; safe for a terminal.
    pub fn display_name(&self) -> String {
        sanitize_line(self.title.as_deref().unwrap_or(&self.url))
    }
}

/// Why the subscriptions file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SubscriptionsError {
    #[error("cannot read {}: {source}", shown(path))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{} is not a subscriptions file dossier can read ({message}); nothing was changed. \
         Fix or move it, or name another with --feeds PATH or DOSSIER_FEEDS",
        shown(path)
    )]
    Invalid { path: PathBuf, message: String },
    #[error(
        "another dossier is fetching into {} (it holds {}); try again when it has finished",
        shown(path),
        shown(&crate::store::durable::sibling(path, ".lock"))
    )]
    Busy { path: PathBuf },
    #[error("cannot lock {}: {source}", shown(path))]
    Lock {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot save {}: {step}: {source}", shown(path))]
    Write {
        path: PathBuf,
        step: crate::store::WriteStep,
        source: std::io::Error,
    },
}

/// Paths are kept absolute: the next command may run from another folder.
fn absolute(path: &Path) -> PathBuf {
    crate::store::article_key::absolute(path)
}

fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string())
}

/// Keeps other dossiers from changing the subscriptions file while this one loads, fetches and
/// saves; released when dropped (or when the process dies).
#[derive(Debug)]
pub struct SubscriptionsLock {
    _held: crate::file_lock::FileLock,
}

impl Subscriptions {
    /// Takes the lock beside the file at `path` (`feeds.json.lock`), waiting up to `wait`.
    pub fn lock(
        path: &Path,
        wait: std::time::Duration,
    ) -> Result<SubscriptionsLock, SubscriptionsError> {
        let lock_path = crate::store::durable::sibling(path, ".lock");
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| SubscriptionsError::Lock {
                path: lock_path.clone(),
                source,
            })?;
        }
        match crate::file_lock::FileLock::acquire(&lock_path, wait) {
            Ok(Some(lock)) => Ok(SubscriptionsLock { _held: lock }),
            Ok(None) => Err(SubscriptionsError::Busy {
                path: path.to_path_buf(),
            }),
            Err(source) => Err(SubscriptionsError::Lock {
                path: lock_path,
                source,
            }),
        }
    }

    /// Reads the file at `path`; a missing file is an empty list.
    pub fn load(path: &Path) -> Result<Self, SubscriptionsError> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => {
                return Err(SubscriptionsError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        serde_json::from_slice(&bytes).map_err(|e| SubscriptionsError::Invalid {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    }

    /// Replaces the file at `path` atomically (temp file, fsync, rename, directory fsync).
    pub fn save(&self, path: &Path) -> Result<(), SubscriptionsError> {
        let error = |step, source| SubscriptionsError::Write {
            path: path.to_path_buf(),
            step,
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| error(crate::store::WriteStep::CreateTemp, e))?;
        }
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        let target = crate::store::location::resolve_symlinks(path);
        write_durably(&mut RealFs, &target, &bytes).map_err(|(step, source)| error(step, source))
    }

    /// The feed with this URL (compared in normal form).
    pub fn find(&self, url: &str) -> Option<usize> {
        let wanted = crate::fetch::normalize_url(url).unwrap_or_else(|| url.to_string());
        self.feeds.iter().position(|f| {
            f.url == url || crate::fetch::normalize_url(&f.url).as_deref() == Some(wanted.as_str())
        })
    }

    /// The file already saved from any of `urls`, if it is still there.
    pub fn saved_file(&self, urls: &[&str]) -> Option<&PathBuf> {
        urls.iter()
            .filter_map(|u| crate::fetch::normalize_url(u))
            .find_map(|u| self.saved.get(&u))
            .filter(|path| path.is_file())
    }

    /// The file already saved from a local file with these contents (by [`content_key`]).
    pub fn saved_copy(&self, key: &str) -> Option<&PathBuf> {
        self.saved.get(key).filter(|path| path.is_file())
    }

    /// Records that `path` was copied from a file with these contents.
    pub fn remember_copy(&mut self, key: &str, path: &Path) {
        self.saved.insert(key.to_string(), absolute(path));
    }

    /// Records that `path` was saved from each of `urls`.
    pub fn remember(&mut self, urls: &[&str], path: &Path) {
        for url in urls {
            if let Some(url) = crate::fetch::normalize_url(url) {
                self.saved.insert(url, absolute(path));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_and_loads_keeping_unknown_fields() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("feeds.json");
        std::fs::write(
            &path,
            r#"{"feeds":[{"url":"https://a.example/feed","colour":"red"}],"version_from_later":3}"#,
        )
        .expect("write");
        let mut subs = Subscriptions::load(&path).expect("load");
        assert_eq!(subs.feeds[0].url, "https://a.example/feed");
        subs.feeds[0].seen.insert("id-1".into());
        subs.save(&path).expect("save");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains("\"colour\": \"red\"") && text.contains("version_from_later"));
        assert_eq!(Subscriptions::load(&path).expect("reload"), subs);
    }

    #[test]
    fn a_file_that_does_not_read_is_left_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("feeds.json");
        std::fs::write(&path, "{not json").expect("write");
        let err = Subscriptions::load(&path).expect_err("invalid");
        assert!(err.to_string().contains("nothing was changed"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "{not json");
    }

    #[test]
    fn one_writer_at_a_time() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("feeds.json");
        let held = Subscriptions::lock(&path, std::time::Duration::ZERO).expect("first");
        let err = Subscriptions::lock(&path, std::time::Duration::ZERO).expect_err("busy");
        assert!(
            err.to_string()
                .starts_with("another dossier is fetching into "),
            "{err}"
        );
        drop(held);
        assert!(Subscriptions::lock(&path, std::time::Duration::ZERO).is_ok());
    }

    #[test]
    fn the_same_url_is_found_in_any_form() {
        let mut subs = Subscriptions::default();
        subs.feeds.push(Feed::new("https://Example.org/feed#x"));
        assert_eq!(subs.find("https://example.org/feed"), Some(0));
        assert_eq!(subs.find("https://example.org/other"), None);
    }
}
