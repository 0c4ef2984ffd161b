//! How the store recognises an article: by its content when the file moved, by its path when
//! the file was edited.

use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The version tag of [`content_hash`]. A different hash would get a new tag; records with an
/// old tag are still found by path and take the new hash when next seen.
const CONTENT_TAG: &str = "sha256:";

/// An article file as the store sees it now.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArticleKey {
    /// Absolute path, as text (see [`crate::store::ArticleState::path`]).
    pub path: String,
    /// [`content_hash`] of the file's bytes.
    pub content_hash: String,
}

impl ArticleKey {
    /// The key of the file at `path` whose bytes are `bytes` (the bytes the article was parsed
    /// from, so that the key and the paragraphs agree).
    pub fn new(path: &Path, bytes: &[u8]) -> Self {
        Self {
            path: absolute(path).to_string_lossy().into_owned(),
            content_hash: content_hash(bytes),
        }
    }

    /// Reads the file to make its key.
    pub fn read(path: &Path) -> io::Result<Self> {
        Ok(Self::new(path, &std::fs::read(path)?))
    }
}

/// A stable, versioned hash of a file's bytes: `sha256:` and 64 hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(CONTENT_TAG.len() + 64);
    out.push_str(CONTENT_TAG);
    for byte in digest {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// `path` made absolute and with symlinks resolved when it exists, so the same file opened as
/// `./a.md` and `/home/me/a.md` is one article.
pub fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_hash_is_stable_across_releases() {
        assert_eq!(
            content_hash(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn relative_and_absolute_spellings_give_one_key() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "x").unwrap();
        let dotted = dir.path().join(".").join("a.md");
        assert_eq!(
            ArticleKey::read(&file).unwrap(),
            ArticleKey::read(&dotted).unwrap()
        );
    }
}
