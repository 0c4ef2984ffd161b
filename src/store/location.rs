//! Where the state file is: the `--state` flag, else `DOSSIER_STATE`, else the data directory.

use std::path::{Path, PathBuf};

/// The environment variable that names the state file.
pub const STATE_ENV: &str = "DOSSIER_STATE";
/// The state file's name in the data directory.
pub const STATE_FILE: &str = "state.json";

/// The state file to use: `flag` wins over the environment, which wins over the default.
/// `None` only when no home directory can be found and nothing names a file.
pub fn state_path(flag: Option<&Path>) -> Option<PathBuf> {
    data_file(flag, STATE_ENV, STATE_FILE)
}

/// `state.json` in the platform's data directory for dossier.
pub fn default_state_path() -> Option<PathBuf> {
    data_file(None, "", STATE_FILE)
}

/// A file of the user's data: `flag`, else the environment variable `env`, else `name` in the
/// platform's data directory for dossier.
pub fn data_file(flag: Option<&Path>, env: &str, name: &str) -> Option<PathBuf> {
    if let Some(path) = flag {
        return Some(path.to_path_buf());
    }
    if let Some(path) = (!env.is_empty())
        .then(|| std::env::var_os(env))
        .flatten()
        .filter(|v| !v.is_empty())
    {
        return Some(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "dossier").map(|dirs| dirs.data_dir().join(name))
}

/// The file a save must replace: `path` with symlinks followed, so that a symlinked state file
/// (kept in a dotfiles repository, say) stays a symlink and its target gets the new content.
pub fn resolve_symlinks(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    // A loop of links ends here rather than spinning; the write then fails with a clear error.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => match std::fs::read_link(&current) {
                Ok(next) if next.is_absolute() => current = next,
                Ok(next) => {
                    current = current
                        .parent()
                        .map_or_else(|| next.clone(), |dir| dir.join(&next));
                }
                Err(_) => return current,
            },
            _ => return current,
        }
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins() {
        assert_eq!(
            state_path(Some(Path::new("/tmp/x.json"))),
            Some(PathBuf::from("/tmp/x.json"))
        );
    }

    #[test]
    fn the_default_is_state_json_in_a_dossier_directory() {
        if let Some(path) = default_state_path() {
            assert!(path.ends_with(STATE_FILE));
            assert!(path.to_string_lossy().to_lowercase().contains("dossier"));
        }
    }

    #[cfg(unix)]
    #[test]
    fn relative_and_chained_links_are_followed() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::os::unix::fs::symlink("../real.json", dir.path().join("sub/one.json")).unwrap();
        std::os::unix::fs::symlink("sub/one.json", dir.path().join("two.json")).unwrap();
        let resolved = resolve_symlinks(&dir.path().join("two.json"));
        assert_eq!(
            resolved.parent().unwrap().canonicalize().unwrap(),
            dir.path().canonicalize().unwrap()
        );
        assert!(
            !real.exists(),
            "a dangling link resolves without creating anything"
        );
        assert_eq!(resolved.file_name().unwrap(), "real.json");
    }
}
