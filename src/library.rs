//! A set of articles opened from files and folders, newest first.

use std::cmp::Reverse;
use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::article::{Article, ArticleDate, Format, parse_article};

/// Files larger than this are not read: no article is this long, and reading a huge log or
/// dump by mistake would stall the reader.
pub const MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// Extensions of files that are never articles; named in the skip reason so the user sees
/// at a glance why a picture or an archive did not open.
const NON_ARTICLE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "ico", "tif", "tiff", "heic", "avif", "pdf",
    "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "tar", "mp3", "mp4", "m4a", "mov", "avi", "webm",
    "ogg", "wav", "flac", "exe", "dll", "so", "dylib", "bin", "iso", "woff", "woff2", "ttf", "otf",
    "epub", "mobi", "doc", "docx", "odt", "xls", "xlsx", "ppt", "pptx", "db", "sqlite", "css",
    "js", "json", "xml", "csv",
];

/// The articles that opened, and a reason for each file that did not.
#[derive(Debug, Default)]
pub struct Library {
    /// Dated articles newest first, then undated ones by title.
    pub articles: Vec<Article>,
    pub skipped: Vec<Skipped>,
}

/// The article files found under some paths, and a reason for each file left out, before any
/// of them is read: what the index compares with what it already holds.
#[derive(Debug, Default)]
pub struct Found {
    /// Files with an article extension (or given by name), in walk order, each once.
    pub files: Vec<FoundFile>,
    pub skipped: Vec<Skipped>,
}

/// An article file and its size when it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    pub path: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch (0 when the system has none).
    pub modified_ns: i64,
}

/// A file left out of the library, with a one-line reason the user can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

impl Library {
    /// Opens every article under `paths`: files as given, folders searched recursively.
    /// Hidden files and folders are skipped, symlinks are followed only when they stay
    /// inside the folder being opened, and each file that does not open is listed in
    /// `skipped` with its reason while the rest still opens.
    pub fn open(paths: &[PathBuf]) -> Self {
        let (mut articles, skipped) = read_found(Found::find(paths), |article| article);
        articles.sort_by_cached_key(LibraryPlace::of);
        Self { articles, skipped }
    }
}

/// The article files under `paths` in the library's order, without their text: what a
/// command that goes through a whole library reads first, so that it can read each article
/// again when its turn comes instead of holding every article at once (50,000 articles held
/// at once took 750 MB).
#[derive(Debug, Default)]
pub struct LibraryOrder {
    /// The files that opened as articles, in [`Library::open`]'s order.
    pub files: Vec<PathBuf>,
    pub skipped: Vec<Skipped>,
}

impl LibraryOrder {
    /// Reads and parses every article under `paths` on every core, keeping only where it
    /// goes; the same files as [`Library::open`] opens, skipped for the same reasons.
    pub fn find(paths: &[PathBuf]) -> Self {
        let (mut places, skipped) =
            read_found(Found::find(paths), |article| LibraryPlace::of(&article));
        places.sort_unstable();
        Self {
            files: places.into_iter().map(|place| place.path).collect(),
            skipped,
        }
    }
}

/// Reads and parses the found files on every core, keeping what `keep` makes of each article
/// in the files' order, and a reason for each file that did not open (sorted by path).
fn read_found<T: Send>(found: Found, keep: impl Fn(Article) -> T + Sync) -> (Vec<T>, Vec<Skipped>) {
    let mut skipped = found.skipped;
    // rayon's collect keeps the files' order
    let read: Vec<(PathBuf, Result<T, String>)> = found
        .files
        .into_par_iter()
        .map(|file| {
            let kept = read_article(&file.path).map(|(article, _hash)| keep(article));
            (file.path, kept)
        })
        .collect();
    let mut kept = Vec::with_capacity(read.len());
    for (path, read) in read {
        match read {
            Ok(value) => kept.push(value),
            Err(reason) => skipped.push(Skipped { path, reason }),
        }
    }
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    (kept, skipped)
}

/// An article's place in a library: dated articles newest first, then undated ones, each by
/// title in any case, then by path (a library holds a path once, so no two places are equal).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct LibraryPlace {
    undated: bool,
    newest_first: Reverse<Option<NaiveDate>>,
    title: String,
    path: PathBuf,
}

impl LibraryPlace {
    fn of(article: &Article) -> Self {
        let day = match article.date {
            Some(ArticleDate::Day(day)) => Some(day),
            _ => None,
        };
        Self {
            undated: day.is_none(),
            newest_first: Reverse(day),
            title: article.title.to_lowercase(),
            path: article.path.clone(),
        }
    }
}

impl Found {
    /// Finds every article file under `paths` without reading any: files as given, folders
    /// searched recursively (see [`Library::open`] for the rules).
    pub fn find(paths: &[PathBuf]) -> Self {
        let mut library = Self::default();
        // Canonical paths as bytes, hashed with Fx: `PathBuf`'s own hash walks the path's
        // components, a tenth of a warm `list` of 50,000 articles.
        let mut seen_files: FxHashSet<OsString> = FxHashSet::default();
        for path in paths {
            match fs::metadata(path) {
                Ok(meta) if meta.is_dir() => library.add_folder(path, &mut seen_files),
                Ok(meta) if !meta.is_file() => library.skip(
                    path,
                    "not a regular file (a device, pipe or socket); give a file or folder".into(),
                ),
                Ok(meta) => {
                    let key = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                    if seen_files.insert(key.into_os_string()) {
                        library.add_file(path.clone(), &meta);
                    }
                }
                Err(err) => library.skip(path, describe_io_error(&err)),
            }
        }
        library.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        library
    }

    /// Walks `root` with an explicit stack (no recursion, so depth cannot overflow) and a set
    /// of visited folders (so symlink cycles end). A warm start walks the whole library on
    /// every run, so each plain entry costs one `stat` (its size and modification time): its
    /// type comes from the folder listing and its resolved path from its folder's; only
    /// symlinks are resolved one by one.
    fn add_folder(&mut self, root: &Path, seen_files: &mut FxHashSet<OsString>) {
        let Ok(canonical_root) = fs::canonicalize(root) else {
            self.skip(
                root,
                "cannot resolve this folder; check that it exists".to_string(),
            );
            return;
        };
        let mut visited = HashSet::from([canonical_root.clone()]);
        let mut stack = vec![(root.to_path_buf(), canonical_root.clone())];
        while let Some((dir, canonical_dir)) = stack.pop() {
            let entries = match fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(err) => {
                    self.skip(&dir, describe_io_error(&err));
                    continue;
                }
            };
            let mut children: Vec<(std::ffi::OsString, fs::FileType, fs::DirEntry)> = entries
                .flatten()
                .filter_map(|e| Some((e.file_name(), e.file_type().ok()?, e)))
                .collect();
            // Reverse order on the stack so folders are visited in name order (by name alone:
            // siblings share the rest of the path, and comparing whole paths is slow).
            children.sort_unstable_by(|a, b| b.0.cmp(&a.0));
            seen_files.reserve(children.len());
            for (name, file_type, entry) in children {
                // Hidden entries (".git", editors' swap files) are no articles.
                if name.as_encoded_bytes().starts_with(b".") {
                    continue;
                }
                let child = dir.join(&name);
                let is_link = file_type.is_symlink();
                let canonical = if is_link {
                    match fs::canonicalize(&child) {
                        Ok(c) => c,
                        Err(_) => {
                            self.skip(&child, "broken symlink; its target does not exist".into());
                            continue;
                        }
                    }
                } else {
                    canonical_dir.join(&name)
                };
                if is_link && !canonical.starts_with(&canonical_root) {
                    self.skip(
                        &child,
                        "symlink to outside the folder being opened; not followed (open its \
                         target directly if you want it)"
                            .into(),
                    );
                    continue;
                }
                let is_dir = if is_link {
                    canonical.is_dir()
                } else {
                    file_type.is_dir()
                };
                if is_dir {
                    if visited.insert(canonical.clone()) {
                        stack.push((child, canonical));
                    }
                    continue;
                }
                // A plain entry is stat'ed relative to its open folder (no walk of the whole
                // path again); a symlink through the link to what it names.
                let meta = if is_link {
                    fs::metadata(&child)
                } else {
                    entry.metadata()
                };
                let Ok(meta) = meta else {
                    continue;
                };
                if meta.is_file() && seen_files.insert(canonical.into_os_string()) {
                    self.add_folder_file(child, &meta);
                }
            }
        }
    }

    /// A file met inside a folder: only known article extensions are read.
    fn add_folder_file(&mut self, path: PathBuf, meta: &fs::Metadata) {
        if Format::from_path(&path).is_some() {
            self.add_file(path, meta);
            return;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let reason = if NON_ARTICLE_EXTENSIONS.contains(&ext.as_str()) {
            format!("not an article (a .{ext} file)")
        } else {
            format!("unknown file type .{ext}; dossier reads .txt, .md and .html files")
        };
        self.skip(&path, reason);
    }

    fn add_file(&mut self, path: PathBuf, meta: &fs::Metadata) {
        let len = meta.len();
        if len > MAX_ARTICLE_BYTES {
            self.skip(
                &path,
                format!(
                    "too large to be an article ({}, the limit is {}); split it or open a \
                     smaller file",
                    human_size(len),
                    human_size(MAX_ARTICLE_BYTES)
                ),
            );
            return;
        }
        self.files.push(FoundFile {
            path,
            size: len,
            modified_ns: modified_ns(meta),
        });
    }

    fn skip(&mut self, path: &Path, reason: String) {
        self.skipped.push(Skipped {
            path: path.to_path_buf(),
            reason,
        });
    }
}

/// Reads and parses the article at `path` once, returning it with the content hash the store
/// keys notes by ([`crate::store::article_key::content_hash`]), or the reason it did not open.
pub fn read_article(path: &Path) -> Result<(Article, String), String> {
    let bytes = fs::read(path).map_err(|err| describe_io_error(&err))?;
    let hash = crate::store::article_key::content_hash(&bytes);
    parse_article(path, &bytes)
        .map(|article| (article, hash))
        .map_err(|err| parse_error_reason(&err.to_string()))
}

/// A parse error as a skip reason: the error names the path already, and the skip list shows
/// it beside the reason.
pub fn parse_error_reason(message: &str) -> String {
    message
        .split_once(": ")
        .map_or(message, |(_, r)| r)
        .to_string()
}

/// A file's modification time in nanoseconds since the Unix epoch, 0 when unknown.
pub fn modified_ns(meta: &fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

pub fn describe_io_error(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "does not exist; check the path".to_string(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied; check that you may read it".to_string()
        }
        _ => format!("cannot be read ({err}); check the path and its permissions"),
    }
}

/// 52428800 -> "50 MiB", 52728800 -> "50.3 MiB".
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else if value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(512), "512 bytes");
        assert_eq!(human_size(MAX_ARTICLE_BYTES), "16 MiB");
        assert_eq!(human_size(50 * 1024 * 1024 + 300_000), "50.3 MiB");
    }
}
