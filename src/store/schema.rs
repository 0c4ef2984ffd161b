//! Versions of the state file and the steps between them.
//!
//! A change a dossier of the current version could not read (a new correction type, a field whose
//! meaning changes) bumps [`SCHEMA_VERSION`] and adds one step to [`MIGRATIONS`]. Adding an
//! optional field does not: older versions keep it as an unknown field.

use serde_json::{Map, Value};

/// The version this dossier writes.
pub const SCHEMA_VERSION: u32 = 1;

/// One step: turns a document of version `from` into one of version `from + 1`.
pub struct Migration {
    pub from: u32,
    pub apply: fn(&mut Map<String, Value>) -> Result<(), String>,
}

/// Every step from the first version to [`SCHEMA_VERSION`], in order. Version 1 is the first
/// version of the file, so there is none yet.
pub const MIGRATIONS: &[Migration] = &[];

/// Why a document's version could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionProblem {
    /// No `schema_version` number at the top: not a dossier state file.
    Missing,
    /// Written by a newer dossier.
    Newer(u32),
    /// No step from this version (an old version this dossier no longer reads, or version 0).
    NoPath(u32),
    /// A step failed.
    Step { from: u32, reason: String },
}

/// The document's `schema_version`.
pub fn version_of(doc: &Map<String, Value>) -> Option<u32> {
    doc.get("schema_version")?
        .as_u64()
        .and_then(|v| u32::try_from(v).ok())
}

/// Brings `doc` up to [`SCHEMA_VERSION`] with [`MIGRATIONS`]; returns the version it had.
pub fn migrate(doc: &mut Map<String, Value>) -> Result<u32, VersionProblem> {
    migrate_with(doc, MIGRATIONS, SCHEMA_VERSION)
}

/// [`migrate`] over any chain of steps, so the chain itself can be tested.
pub fn migrate_with(
    doc: &mut Map<String, Value>,
    steps: &[Migration],
    target: u32,
) -> Result<u32, VersionProblem> {
    let original = version_of(doc).ok_or(VersionProblem::Missing)?;
    if original > target {
        return Err(VersionProblem::Newer(original));
    }
    let mut version = original;
    while version < target {
        let step = steps
            .iter()
            .find(|s| s.from == version)
            .ok_or(VersionProblem::NoPath(version))?;
        (step.apply)(doc).map_err(|reason| VersionProblem::Step {
            from: version,
            reason,
        })?;
        version += 1;
        doc.insert("schema_version".into(), Value::from(version));
    }
    Ok(original)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rename_position(doc: &mut Map<String, Value>) -> Result<(), String> {
        let articles = doc.get_mut("articles").and_then(Value::as_object_mut);
        for article in articles.into_iter().flat_map(|a| a.values_mut()) {
            let article = article
                .as_object_mut()
                .ok_or("an article is not an object")?;
            if let Some(p) = article.remove("pos") {
                article.insert("position".into(), p);
            }
        }
        Ok(())
    }

    fn add_corrections(doc: &mut Map<String, Value>) -> Result<(), String> {
        doc.entry("corrections").or_insert(json!([]));
        Ok(())
    }

    const STEPS: &[Migration] = &[
        Migration {
            from: 1,
            apply: rename_position,
        },
        Migration {
            from: 2,
            apply: add_corrections,
        },
    ];

    fn doc(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn steps_run_in_order_from_the_file_version() {
        let mut d = doc(json!({"schema_version": 1, "articles": {"a": {"pos": 3}}}));
        assert_eq!(migrate_with(&mut d, STEPS, 3), Ok(1));
        assert_eq!(d["schema_version"], 3);
        assert_eq!(d["articles"]["a"]["position"], 3);
        assert_eq!(d["corrections"], json!([]));
    }

    #[test]
    fn a_file_at_a_later_step_only_runs_the_remaining_ones() {
        let mut d = doc(json!({"schema_version": 2, "articles": {"a": {"pos": 3}}}));
        assert_eq!(migrate_with(&mut d, STEPS, 3), Ok(2));
        assert_eq!(d["articles"]["a"]["pos"], 3);
    }

    #[test]
    fn newer_missing_and_unreachable_versions_are_refused() {
        let mut d = doc(json!({"schema_version": 4}));
        assert_eq!(
            migrate_with(&mut d, STEPS, 3),
            Err(VersionProblem::Newer(4))
        );
        let mut d = doc(json!({"articles": {}}));
        assert_eq!(migrate_with(&mut d, STEPS, 3), Err(VersionProblem::Missing));
        let mut d = doc(json!({"schema_version": 0}));
        assert_eq!(
            migrate_with(&mut d, STEPS, 3),
            Err(VersionProblem::NoPath(0))
        );
    }

    #[test]
    fn the_shipped_chain_reaches_the_current_version_from_every_version() {
        for from in 1..=SCHEMA_VERSION {
            let mut d = doc(json!({ "schema_version": from }));
            assert_eq!(migrate(&mut d), Ok(from));
            assert_eq!(version_of(&d), Some(SCHEMA_VERSION));
        }
    }
}
