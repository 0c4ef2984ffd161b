//! Which files and folders the reader opens when the command line names none.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use directories::ProjectDirs;

/// What to open, and a note for the user when the library folder was just created.
#[derive(Debug, PartialEq, Eq)]
pub struct LibraryFolder {
    pub sources: Vec<PathBuf>,
    pub note: Option<String>,
}

/// The per-user data folder, where the library lives when there is no `./articles`.
pub fn default_data_dir() -> Option<PathBuf> {
    ProjectDirs::from("", "", "dossier").map(|dirs| dirs.data_dir().to_path_buf())
}

/// The named paths, each of which must exist; with none, `articles` in `cwd` if it is a folder,
/// else `articles` in `data_dir`, created if missing.
pub fn resolve(
    paths: Vec<PathBuf>,
    cwd: &Path,
    data_dir: Option<&Path>,
) -> anyhow::Result<LibraryFolder> {
    if !paths.is_empty() {
        for path in &paths {
            if !path.exists() {
                bail!(
                    "{}: no such file or folder; name files or folders of articles",
                    shown(path)
                );
            }
        }
        return Ok(LibraryFolder {
            sources: paths,
            note: None,
        });
    }
    let local = cwd.join("articles");
    if local.is_dir() {
        return Ok(LibraryFolder {
            sources: vec![local],
            note: None,
        });
    }
    let Some(data_dir) = data_dir else {
        bail!(
            "cannot find a home folder to keep the library in; name a folder of articles: dossier PATH"
        );
    };
    let folder = data_dir.join("articles");
    let note = if folder.is_dir() {
        None
    } else {
        std::fs::create_dir_all(&folder)
            .with_context(|| format!("cannot create the library folder {}", shown(&folder)))?;
        Some(format!(
            "created the library folder {}: save articles there (text, Markdown or HTML, one per file) to see them listed",
            shown(&folder)
        ))
    };
    Ok(LibraryFolder {
        sources: vec![folder],
        note,
    })
}

fn shown(path: &Path) -> String {
    dossier::sanitize::sanitize(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_paths_must_exist() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("nope");
        let err = resolve(vec![missing], dir.path(), None).expect_err("missing path");
        assert!(
            err.to_string().contains("nope: no such file or folder"),
            "{err}"
        );
        let ok = resolve(vec![dir.path().to_path_buf()], dir.path(), None).expect("existing path");
        assert_eq!(ok.sources, [dir.path()]);
        assert_eq!(ok.note, None);
    }

    #[test]
    fn the_library_folder_is_created_once_with_a_note() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        let first = resolve(Vec::new(), dir.path(), Some(&data)).expect("created");
        let folder = dir.path().join("data").join("articles");
        assert_eq!(first.sources, std::slice::from_ref(&folder));
        assert!(folder.is_dir());
        assert!(
            first
                .note
                .as_deref()
                .is_some_and(|n| n.contains("created the library folder"))
        );
        let second = resolve(Vec::new(), dir.path(), Some(&data)).expect("exists");
        assert_eq!(second.note, None);
    }

    #[test]
    fn a_local_articles_folder_comes_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("articles")).expect("mkdir");
        let found = resolve(Vec::new(), dir.path(), None).expect("local folder");
        assert_eq!(found.sources, [dir.path().join("articles")]);
    }
}
