//! A set of articles opened from files and folders, newest first.

use std::path::{Path, PathBuf};

use crate::article::{Article, parse_article};

/// The articles that opened, and a reason for each file that did not.
#[derive(Debug, Default)]
pub struct Library {
    pub articles: Vec<Article>,
    pub skipped: Vec<Skipped>,
}

/// A file left out of the library, with a one-line reason the user can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

impl Library {
    /// Opens every article under `paths` (files, or folders searched recursively).
    pub fn open(paths: &[PathBuf]) -> Self {
        let mut library = Self::default();
        for path in paths {
            library.add(path);
        }
        library
    }

    fn add(&mut self, path: &Path) {
        if path.is_dir() {
            let Ok(entries) = std::fs::read_dir(path) else {
                return;
            };
            let mut children: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            children.sort();
            for child in children {
                self.add(&child);
            }
            return;
        }
        match std::fs::read(path) {
            Ok(bytes) => match parse_article(path, &bytes) {
                Ok(article) => self.articles.push(article),
                Err(err) => self.skipped.push(Skipped {
                    path: path.to_path_buf(),
                    reason: err.to_string(),
                }),
            },
            Err(err) => self.skipped.push(Skipped {
                path: path.to_path_buf(),
                reason: err.to_string(),
            }),
        }
    }
}
