//! Reading the state file, and what to do when it cannot be read: never overwrite it, move it
//! aside, and fall back to the newest backup that reads.

use std::io;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::store::durable::{Backups, Fingerprint, backup_path, sibling};
use crate::store::schema::{SCHEMA_VERSION, VersionProblem, migrate};
use crate::store::state::State;

/// What a file's bytes turned out to be.
#[derive(Debug)]
pub enum Parsed {
    Current(State),
    /// Written by a newer dossier: readable, but saving could drop what it means.
    Newer {
        version: u32,
        state: Option<State>,
    },
}

/// Reads `bytes` as a state document of any known version.
pub fn parse(bytes: &[u8]) -> Result<Parsed, String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
        return Err(if bytes.is_empty() {
            "the file is empty".into()
        } else {
            "the file holds no text (only blanks or zero bytes)".into()
        });
    }
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| format!("it is not valid JSON ({e})"))?;
    let Value::Object(mut doc) = value else {
        return Err("it is JSON but not a dossier state document".into());
    };
    match migrate(&mut doc) {
        Ok(_) => serde_json::from_value(Value::Object(doc))
            .map(Parsed::Current)
            .map_err(|e| format!("it does not have the shape of a state document ({e})")),
        Err(VersionProblem::Newer(version)) => Ok(Parsed::Newer {
            version,
            state: serde_json::from_value(Value::Object(doc)).ok(),
        }),
        Err(VersionProblem::Missing) => {
            Err("it has no schema_version: it is not a dossier state file".into())
        }
        Err(VersionProblem::NoPath(v)) => Err(format!(
            "its schema version {v} is one this dossier cannot read"
        )),
        Err(VersionProblem::Step { from, reason }) => Err(format!(
            "upgrading it from schema version {from} failed: {reason}"
        )),
    }
}

/// The outcome of loading.
#[derive(Debug)]
pub struct Loaded {
    pub state: State,
    /// The fingerprint of the state file as read; `None` when there is no file to protect.
    pub fingerprint: Option<Fingerprint>,
    /// Why saving must not happen (a newer schema), if so.
    pub read_only: Option<String>,
    /// What the user must be told.
    pub messages: Vec<String>,
    /// The state came from a backup and should be written back soon.
    pub restored: bool,
}

/// Loads `target`. With `repair`, a file that does not read is moved aside; without it (another
/// dossier owns the file) nothing on disk is touched.
pub fn load(target: &Path, repair: bool, backups: Backups) -> io::Result<Loaded> {
    let bytes = match std::fs::read(target) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return Ok(match newest_backup(target, backups) {
                Some((path, state)) => Loaded {
                    state,
                    fingerprint: None,
                    read_only: None,
                    messages: vec![format!(
                        "{} was missing; loaded the newest backup that reads, {}.",
                        target.display(),
                        path.display()
                    )],
                    restored: true,
                },
                None => Loaded {
                    state: State::default(),
                    fingerprint: None,
                    read_only: None,
                    messages: Vec::new(),
                    restored: false,
                },
            });
        }
        Err(err) => return Err(err),
    };
    match parse(&bytes) {
        Ok(Parsed::Current(state)) => Ok(Loaded {
            state,
            fingerprint: Some(Fingerprint::of(target, &bytes)?),
            read_only: None,
            messages: Vec::new(),
            restored: false,
        }),
        Ok(Parsed::Newer { version, state }) => {
            let reason = format!(
                "{} was written by a newer dossier (schema version {version}; this one knows up to \
                 {SCHEMA_VERSION}). It is open read-only so nothing the newer version wrote is \
                 lost; update dossier to save changes.",
                target.display()
            );
            let mut messages = vec![reason.clone()];
            if state.is_none() {
                messages.push(
                    "This dossier cannot show its contents; the file is left as it is.".into(),
                );
            }
            Ok(Loaded {
                state: state.unwrap_or_default(),
                fingerprint: Some(Fingerprint::of(target, &bytes)?),
                read_only: Some(reason),
                messages,
                restored: false,
            })
        }
        Err(problem) => Ok(recover(target, &problem, repair, backups)),
    }
}

fn recover(target: &Path, problem: &str, repair: bool, backups: Backups) -> Loaded {
    let mut messages = vec![format!(
        "The state file {} could not be read: {problem}.",
        target.display()
    )];
    if repair {
        match move_aside(target) {
            Ok(aside) => messages.push(format!(
                "It was kept unchanged as {}; a new state file will be written in its place.",
                aside.display()
            )),
            Err(err) => messages.push(format!(
                "It could not be moved aside ({err}); it is left as it is and will not be \
                 overwritten."
            )),
        }
    } else {
        messages.push("It is left as it is.".into());
    }
    let (state, restored) = match newest_backup(target, backups) {
        Some((path, state)) => {
            messages.push(format!(
                "Loaded the newest backup that reads, {}.",
                path.display()
            ));
            (state, true)
        }
        None => {
            messages.push("No backup reads either; starting with an empty state.".into());
            (State::default(), false)
        }
    };
    // Until the bad file is moved aside it must be treated as someone else's: a fingerprint
    // that can never match makes every save refuse instead of replacing it.
    let moved = repair && !target.exists();
    Loaded {
        state,
        fingerprint: if moved {
            None
        } else {
            Some(Fingerprint {
                len: u64::MAX,
                modified: None,
                sha256: [0; 32],
            })
        },
        read_only: None,
        messages,
        restored,
    }
}

/// Renames `target` to `target.corrupt-<UTC time>`, never replacing an earlier one.
pub(crate) fn move_aside(target: &Path) -> io::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    for n in 0..1000 {
        let suffix = if n == 0 {
            format!(".corrupt-{stamp}")
        } else {
            format!(".corrupt-{stamp}-{n}")
        };
        let aside = sibling(target, &suffix);
        if aside.exists() {
            continue;
        }
        std::fs::rename(target, &aside)?;
        return Ok(aside);
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many corrupt copies already",
    ))
}

/// The newest backup that parses as a current-version state.
fn newest_backup(target: &Path, backups: Backups) -> Option<(PathBuf, State)> {
    (1..=backups.keep.max(3)).find_map(|n| {
        let path = backup_path(target, n);
        let bytes = std::fs::read(&path).ok()?;
        match parse(&bytes) {
            Ok(Parsed::Current(state)) => Some((path, state)),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_zero_files_are_named_as_such() {
        assert_eq!(parse(b"").unwrap_err(), "the file is empty");
        assert!(parse(&[0; 64]).unwrap_err().contains("zero bytes"));
        assert!(
            parse(b"{\"schema_version\": 1, \"art")
                .unwrap_err()
                .contains("not valid JSON")
        );
        assert!(parse(b"[1]").unwrap_err().contains("not a dossier"));
        assert!(parse(b"{}").unwrap_err().contains("no schema_version"));
    }

    #[test]
    fn a_newer_file_is_read_but_flagged() {
        let parsed = parse(br#"{"schema_version": 99, "articles": {}}"#).unwrap();
        assert!(matches!(
            parsed,
            Parsed::Newer {
                version: 99,
                state: Some(_)
            }
        ));
    }
}
