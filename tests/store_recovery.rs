//! A state file that does not read is never overwritten: it is moved aside, the newest backup
//! that reads is loaded, and the user is told both paths.

use std::path::{Path, PathBuf};

use dossier::store::{OpenOptions, Store};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/state")
            .join(name),
    )
    .expect("test setup failed")
}

/// A temp dir with `state.json` holding the fixture, and optionally `state.json.1` holding
/// another.
fn setup(state: &str, backup: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("test setup failed");
    let path = dir.path().join("state.json");
    std::fs::write(&path, fixture(state)).expect("test setup failed");
    if let Some(backup) = backup {
        std::fs::write(dir.path().join("state.json.1"), fixture(backup))
            .expect("test setup failed");
    }
    (dir, path)
}

fn corrupt_copies(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("test setup failed")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("state.json.corrupt-"))
        .collect();
    found.sort();
    found
}

fn assert_moved_aside_and_restored(name: &str) {
    let (dir, path) = setup(name, Some("valid.json"));
    let mut store = Store::open(OpenOptions::new(&path)).expect("test setup failed");
    let messages = store.take_messages().join("\n");
    let aside = corrupt_copies(dir.path());
    assert_eq!(aside.len(), 1, "{name}: one copy moved aside");
    assert_eq!(
        std::fs::read(&aside[0]).expect("test setup failed"),
        fixture(name),
        "{name}: bytes kept as they were"
    );
    assert!(
        messages.contains(&path.display().to_string()),
        "{name}: {messages}"
    );
    assert!(
        messages.contains(&aside[0].display().to_string()),
        "{name}: {messages}"
    );
    assert!(
        messages.contains("state.json.1"),
        "{name}: the backup used is named: {messages}"
    );
    assert_eq!(
        store.state().note_count(),
        1,
        "{name}: the backup's note is loaded"
    );
    assert!(store.read_only().is_none());
    assert!(
        store.has_unsaved_changes(),
        "{name}: the restored state is to be written back"
    );
    store.save_now().expect("test setup failed");
    drop(store);
    assert_eq!(
        std::fs::read(&aside[0]).expect("test setup failed"),
        fixture(name),
        "{name}: still kept after a save"
    );
    let reopened = Store::open(OpenOptions::new(&path)).expect("test setup failed");
    assert_eq!(reopened.state().note_count(), 1);
}

#[test]
fn a_file_that_is_not_json_is_moved_aside_and_the_backup_loaded() {
    assert_moved_aside_and_restored("not_json.json");
}

#[test]
fn an_empty_file_is_moved_aside_and_the_backup_loaded() {
    assert_moved_aside_and_restored("empty.json");
}

#[test]
fn a_zero_filled_file_is_moved_aside_and_the_backup_loaded() {
    assert_moved_aside_and_restored("zeros.json");
}

#[test]
fn a_truncated_file_is_moved_aside_and_the_backup_loaded() {
    assert_moved_aside_and_restored("truncated.json");
}

#[test]
fn a_bad_backup_is_skipped_for_an_older_good_one() {
    let (dir, path) = setup("truncated.json", Some("zeros.json"));
    std::fs::write(dir.path().join("state.json.2"), fixture("valid.json")).unwrap();
    let mut store = Store::open(OpenOptions::new(&path)).unwrap();
    assert!(store.take_messages().join("\n").contains("state.json.2"));
    assert_eq!(store.state().note_count(), 1);
}

#[test]
fn without_any_backup_the_reader_starts_empty_and_says_where_the_old_file_is() {
    let (dir, path) = setup("truncated.json", None);
    let mut store = Store::open(OpenOptions::new(&path)).unwrap();
    let messages = store.take_messages().join("\n");
    assert!(messages.contains("empty state"), "{messages}");
    let aside = corrupt_copies(dir.path());
    assert!(messages.contains(&aside[0].display().to_string()));
    store.save_now().unwrap();
    assert_eq!(std::fs::read(&aside[0]).unwrap(), fixture("truncated.json"));
}

#[test]
fn a_second_corrupt_file_does_not_replace_the_first_copy() {
    let (dir, path) = setup("empty.json", None);
    drop(Store::open(OpenOptions::new(&path)).unwrap());
    std::fs::write(&path, fixture("zeros.json")).unwrap();
    drop(Store::open(OpenOptions::new(&path)).unwrap());
    let aside = corrupt_copies(dir.path());
    assert_eq!(aside.len(), 2);
    let kept: Vec<Vec<u8>> = aside.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert!(kept.contains(&fixture("empty.json")));
    assert!(kept.contains(&fixture("zeros.json")));
}

#[test]
fn a_read_only_open_never_moves_anything() {
    let (dir, path) = setup("truncated.json", Some("valid.json"));
    let store = Store::open(OpenOptions::new(&path).read_only()).unwrap();
    assert_eq!(store.state().note_count(), 1);
    assert!(corrupt_copies(dir.path()).is_empty());
    assert_eq!(std::fs::read(&path).unwrap(), fixture("truncated.json"));
}

#[test]
fn a_missing_state_file_with_backups_loads_the_newest_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    std::fs::write(dir.path().join("state.json.1"), fixture("valid.json")).unwrap();
    let mut store = Store::open(OpenOptions::new(&path)).unwrap();
    assert!(store.take_messages().join("\n").contains("missing"));
    assert_eq!(store.state().note_count(), 1);
}

#[test]
fn a_file_from_a_newer_dossier_opens_read_only_and_is_left_alone() {
    let (_dir, path) = setup("newer_schema.json", None);
    let mut store = Store::open(OpenOptions::new(&path)).unwrap();
    let reason = store.read_only().unwrap().to_string();
    assert!(reason.contains("newer dossier"), "{reason}");
    assert!(reason.contains("schema version 7"), "{reason}");
    assert!(!store.take_messages().is_empty());
    assert!(store.save_now().is_err());
    store.preferences_mut().sidebar_visible = Some(false);
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), fixture("newer_schema.json"));
}

#[test]
fn unknown_fields_at_every_level_survive_a_save() {
    let (_dir, path) = setup("unknown_fields.json", None);
    let mut store = Store::open(OpenOptions::new(&path)).unwrap();
    store.preferences_mut().text_width = Some(72);
    store.save_now().unwrap();
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(saved["sync"]["device"], "laptop");
    assert_eq!(saved["preferences"]["theme"], "sepia");
    assert_eq!(saved["preferences"]["text_width"], 72);
    let article = &saved["articles"]["a0123456789abcdef"];
    assert_eq!(article["highlights"][0]["colour"], "yellow");
    assert_eq!(article["notes"][0]["tags"][0], "follow-up");
    assert_eq!(article["notes"][0]["anchor"]["span"][1], 9);
    assert_eq!(saved["corrections"][0]["reason"], "noise");
}

#[test]
fn a_valid_file_loads_everything_it_holds() {
    let (_dir, path) = setup("valid.json", None);
    let store = Store::open(OpenOptions::new(&path)).unwrap();
    let (_, last) = store.last_article().unwrap();
    assert_eq!(last.title, "Fighters return home");
    assert!(last.read);
    assert_eq!(last.position, 6);
    assert_eq!(last.notes[0].anchor.paragraph, 2);
    assert_eq!(store.corrections().len(), 1);
    assert_eq!(store.preferences().sidebar_visible, Some(true));
}
