//! Two dossiers on one state file: the second reads but never writes, and a change made to the
//! file behind a store's back is merged, never clobbered.

use std::path::Path;
use std::time::Duration;

use dossier::store::{ArticleKey, OpenOptions, SaveEvent, SaverConfig, Store, StoreError};
use dossier::{Article, parse_plain_body};

fn fixture_into(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("state.json");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/state/valid.json");
    std::fs::copy(fixture, &path).expect("test setup failed");
    path
}

fn article(dir: &Path) -> (ArticleKey, Article) {
    let path = dir.join("piece.md");
    let text = "One.\n\nTwo.\n\nThree.";
    std::fs::write(&path, text).expect("test setup failed");
    (
        ArticleKey::new(&path, text.as_bytes()),
        parse_plain_body(&path, text),
    )
}

fn texts(store: &Store) -> Vec<String> {
    let mut t: Vec<String> = store
        .state()
        .articles
        .values()
        .flat_map(|a| a.notes.iter().map(|n| n.text.clone()))
        .collect();
    t.sort();
    t
}

#[test]
fn a_second_open_is_read_only_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_into(dir.path());
    let mut first = Store::open(OpenOptions::new(&path)).unwrap();
    assert!(first.is_locked());
    let mut second = Store::open(OpenOptions::new(&path)).unwrap();
    assert!(!second.is_locked());
    let reason = second.read_only().unwrap().to_string();
    assert!(reason.contains("Another dossier"), "{reason}");
    assert!(reason.contains("state.json.lock"), "{reason}");
    assert_eq!(
        second.state().note_count(),
        1,
        "the second still reads everything"
    );

    let (key, article) = article(dir.path());
    let id = second.open_article(&key, &article);
    assert!(
        second.flush(Duration::from_secs(5)).is_ok(),
        "reading alone leaves nothing to report when a read-only session ends"
    );
    second
        .add_note(&id, &article.paragraphs, 0, "not lost")
        .unwrap();
    assert!(second.save_now().is_err());
    let err = second
        .flush(Duration::from_secs(5))
        .unwrap_err()
        .to_string();
    assert!(err.contains("state.json.unsaved-"), "{err}");
    drop(second);
    let aside = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().contains(".unsaved-"))
        .expect("the read-only store's note was written aside");
    let aside = Store::open(OpenOptions::new(aside.path()).read_only()).unwrap();
    assert!(texts(&aside).contains(&"not lost".to_string()));

    let id = first.open_article(&key, &article);
    first.add_note(&id, &article.paragraphs, 1, "mine").unwrap();
    first.save_now().unwrap();
    drop(first);
    let reopened = Store::open(OpenOptions::new(&path)).unwrap();
    assert!(
        reopened.read_only().is_none(),
        "the lock went with the first store"
    );
    assert_eq!(texts(&reopened).len(), 2);
    assert!(texts(&reopened).contains(&"mine".to_string()));
}

#[test]
fn a_command_that_must_write_fails_clearly_while_the_reader_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_into(dir.path());
    let _reader = Store::open(OpenOptions::new(&path)).unwrap();
    let err = Store::open(
        OpenOptions::new(&path)
            .wait_for_lock(Duration::from_millis(100))
            .fail_if_busy(),
    )
    .unwrap_err();
    assert!(matches!(err, StoreError::Busy { .. }));
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(
        message.contains("quit it and run this command again"),
        "{message}"
    );
}

#[test]
fn a_command_waits_for_a_reader_that_is_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_into(dir.path());
    let reader = Store::open(OpenOptions::new(&path)).unwrap();
    let quitting = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(150));
        drop(reader);
    });
    let store = Store::open(
        OpenOptions::new(&path)
            .wait_for_lock(Duration::from_secs(5))
            .fail_if_busy(),
    )
    .unwrap();
    assert!(store.is_locked());
    quitting.join().unwrap();
}

#[test]
fn an_outside_edit_is_merged_before_a_direct_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_into(dir.path());
    let (key, article) = article(dir.path());
    let mut store = Store::open(OpenOptions::new(&path)).unwrap();
    let id = store.open_article(&key, &article);
    store.add_note(&id, &article.paragraphs, 0, "ours").unwrap();

    // Another program (a sync tool, an editor) changes the file meanwhile.
    let mut theirs: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let note = &mut theirs["articles"]["a5f1c0ffee0000001"]["notes"][0];
    note["text"] = "edited elsewhere".into();
    note["updated"] = "2026-11-03T00:00:00Z".into();
    std::fs::write(&path, serde_json::to_vec_pretty(&theirs).unwrap()).unwrap();

    store.save_now().unwrap();
    let messages = store.take_messages().join("\n");
    assert!(messages.contains("merged"), "{messages}");
    drop(store);
    let reopened = Store::open(OpenOptions::new(&path)).unwrap();
    assert_eq!(texts(&reopened), ["edited elsewhere", "ours"]);
}

#[test]
fn the_background_saver_refuses_to_clobber_and_the_store_merges() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_into(dir.path());
    let (key, article) = article(dir.path());
    let mut store = Store::open(OpenOptions::new(&path)).unwrap();
    store
        .start_saver(SaverConfig {
            quiet: Duration::from_millis(5),
            max_delay: Duration::from_millis(10),
            ..SaverConfig::default()
        })
        .unwrap();
    let id = store.open_article(&key, &article);
    store.add_note(&id, &article.paragraphs, 2, "ours").unwrap();

    let mut theirs: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    theirs["preferences"]["text_width"] = 66.into();
    std::fs::write(&path, serde_json::to_vec_pretty(&theirs).unwrap()).unwrap();

    store.request_save();
    let mut events = Vec::new();
    for _ in 0..400 {
        events.extend(store.poll_saves());
        if events.contains(&SaveEvent::Saved) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        events.iter().any(|e| matches!(e, SaveEvent::Merged { .. })),
        "{events:?}"
    );
    assert_eq!(events.last(), Some(&SaveEvent::Saved), "{events:?}");
    store.flush(Duration::from_secs(5)).unwrap();
    drop(store);
    let reopened = Store::open(OpenOptions::new(&path)).unwrap();
    assert_eq!(reopened.preferences().text_width, Some(66));
    assert_eq!(reopened.preferences().sidebar_visible, Some(true));
    assert_eq!(texts(&reopened).len(), 2);
}

#[test]
fn a_read_only_open_reads_while_the_reader_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_into(dir.path());
    let _reader = Store::open(OpenOptions::new(&path)).unwrap();
    let listing = Store::open(OpenOptions::new(&path).read_only()).unwrap();
    assert_eq!(listing.state().note_count(), 1);
}

#[test]
fn the_reader_runs_on_an_unsaved_store_when_the_state_file_cannot_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let path = blocker.join("state.json");
    let mut store = Store::open_for_reader(Some(&path), SaverConfig::default());
    let reason = store.read_only().unwrap().to_string();
    assert!(reason.contains("Nothing will be saved"), "{reason}");
    assert!(reason.contains("not-a-folder"), "{reason}");
    assert!(!store.take_messages().is_empty());

    let good = dir.path().join("state.json");
    let mut store = Store::open_for_reader(Some(&good), SaverConfig::default());
    assert!(store.read_only().is_none());
    store.preferences_mut().text_width = Some(70);
    store.request_save();
    store.flush(Duration::from_secs(5)).unwrap();
    assert!(good.exists());
}

#[test]
fn the_reader_still_reads_notes_it_cannot_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture_into(dir.path());
    // A lock file that cannot be opened stands for any reason the file cannot be written.
    std::fs::create_dir(dir.path().join("state.json.lock")).unwrap();
    let store = Store::open_for_reader(Some(&path), SaverConfig::default());
    let reason = store.read_only().unwrap();
    assert!(reason.contains("opened read-only"), "{reason}");
    assert_eq!(store.state().note_count(), 1);
}
