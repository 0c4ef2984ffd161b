//! A save that fails at any step leaves the previous state file whole, and the notes stay in
//! memory to be saved again.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use dossier::store::{
    ArticleKey, Fs, OpenOptions, RealFs, SaveEvent, SaverConfig, Store, WriteStep,
};
use dossier::{Article, parse_plain_body};

/// The real filesystem, failing at one step while `failures` is above zero.
struct FailingFs {
    step: WriteStep,
    failures: Arc<AtomicUsize>,
}

impl FailingFs {
    fn fail(&self, step: WriteStep) -> io::Result<()> {
        if step == self.step
            && self
                .failures
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok()
        {
            return Err(io::Error::other(format!("injected failure at {step:?}")));
        }
        Ok(())
    }
}

impl Fs for FailingFs {
    fn create_temp(&mut self, dir: &Path, prefix: &str) -> io::Result<(PathBuf, File)> {
        self.fail(WriteStep::CreateTemp)?;
        RealFs.create_temp(dir, prefix)
    }
    fn write(&mut self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        self.fail(WriteStep::Write)?;
        // A failing write still leaves half its bytes behind, as a full disk does.
        RealFs.write(file, &bytes[..bytes.len() / 2])?;
        RealFs.write(file, &bytes[bytes.len() / 2..])
    }
    fn sync_file(&mut self, file: &File) -> io::Result<()> {
        self.fail(WriteStep::SyncFile)?;
        RealFs.sync_file(file)
    }
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        self.fail(WriteStep::Rename)?;
        RealFs.rename(from, to)
    }
    fn sync_dir(&mut self, dir: &Path) -> io::Result<()> {
        self.fail(WriteStep::SyncDir)?;
        RealFs.sync_dir(dir)
    }
}

const STEPS: [WriteStep; 5] = [
    WriteStep::CreateTemp,
    WriteStep::Write,
    WriteStep::SyncFile,
    WriteStep::Rename,
    WriteStep::SyncDir,
];

fn article(dir: &Path) -> (ArticleKey, Article) {
    let path = dir.join("piece.md");
    let text = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.";
    std::fs::write(&path, text).expect("test setup failed");
    (
        ArticleKey::new(&path, text.as_bytes()),
        parse_plain_body(&path, text),
    )
}

fn note_texts(path: &Path) -> Vec<String> {
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).expect("test setup failed"))
            .expect("test setup failed");
    let mut texts: Vec<String> = state["articles"]
        .as_object()
        .expect("test setup failed")
        .values()
        .flat_map(|a| a["notes"].as_array().expect("test setup failed").clone())
        .map(|n| n["text"].as_str().expect("test setup failed").to_string())
        .collect();
    texts.sort();
    texts
}

fn temp_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("test setup failed")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .count()
}

#[test]
fn a_failure_at_each_step_keeps_the_previous_file_whole_and_the_note_in_memory() {
    for step in STEPS {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let failures = Arc::new(AtomicUsize::new(0));
        let fs = FailingFs {
            step,
            failures: Arc::clone(&failures),
        };
        let mut store = Store::open(OpenOptions::new(&path).fs(Box::new(fs))).unwrap();
        let (key, article) = article(dir.path());
        let id = store.open_article(&key, &article);
        store.add_note(&id, &article.paragraphs, 0, "kept").unwrap();
        store.save_now().unwrap();
        let before = std::fs::read(&path).unwrap();

        failures.store(1, Ordering::SeqCst);
        store
            .add_note(&id, &article.paragraphs, 2, "second")
            .unwrap();
        let err = store.save_now().unwrap_err();
        assert!(
            err.to_string().contains("kept in memory"),
            "{step:?}: {err}"
        );
        assert!(
            err.to_string().contains(&path.display().to_string()),
            "{step:?}: {err}"
        );
        if step == WriteStep::SyncDir {
            // The rename happened: the new file is whole, only its durability is unconfirmed.
            assert_eq!(note_texts(&path), ["kept", "second"], "{step:?}");
        } else {
            assert_eq!(
                std::fs::read(&path).unwrap(),
                before,
                "{step:?}: previous file intact"
            );
        }
        assert_eq!(
            temp_files(dir.path()),
            0,
            "{step:?}: no temp file left behind"
        );
        assert_eq!(
            store.state().note_count(),
            2,
            "{step:?}: note still in memory"
        );
        assert!(store.has_unsaved_changes(), "{step:?}");

        store.save_now().unwrap();
        assert_eq!(
            note_texts(&path),
            ["kept", "second"],
            "{step:?}: saved on retry"
        );
    }
}

#[test]
fn the_background_saver_reports_a_failure_and_retries_until_it_saves() {
    for step in STEPS {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let failures = Arc::new(AtomicUsize::new(2));
        let fs = FailingFs {
            step,
            failures: Arc::clone(&failures),
        };
        let mut store = Store::open(OpenOptions::new(&path).fs(Box::new(fs))).unwrap();
        store
            .start_saver(SaverConfig {
                quiet: Duration::from_millis(5),
                max_delay: Duration::from_millis(20),
                retry_first: Duration::from_millis(10),
                retry_max: Duration::from_millis(40),
            })
            .unwrap();
        let (key, article) = article(dir.path());
        let id = store.open_article(&key, &article);
        store
            .add_note(&id, &article.paragraphs, 1, "through failures")
            .unwrap();
        store.request_save();

        let mut events = Vec::new();
        for _ in 0..400 {
            events.extend(store.poll_saves());
            if events.contains(&SaveEvent::Saved) {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let failed: Vec<_> = events
            .iter()
            .filter(|e| matches!(e, SaveEvent::Failed { .. }))
            .collect();
        assert_eq!(failed.len(), 2, "{step:?}: {events:?}");
        assert!(
            matches!(failed[1], SaveEvent::Failed { retry_in, .. } if *retry_in > Duration::from_millis(10)),
            "{step:?}: backoff grows: {events:?}"
        );
        assert_eq!(
            events.last(),
            Some(&SaveEvent::Saved),
            "{step:?}: {events:?}"
        );
        assert!(!store.has_unsaved_changes());
        assert_eq!(note_texts(&path), ["through failures"]);
    }
}

#[test]
fn a_blocking_flush_writes_what_the_saver_has_not_yet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut store = Store::open(OpenOptions::new(&path)).unwrap();
    store
        .start_saver(SaverConfig {
            quiet: Duration::from_secs(60),
            max_delay: Duration::from_secs(60),
            ..SaverConfig::default()
        })
        .unwrap();
    let (key, article) = article(dir.path());
    let id = store.open_article(&key, &article);
    store
        .add_note(&id, &article.paragraphs, 1, "on quit")
        .unwrap();
    store.request_save();
    assert!(!path.exists(), "the saver waits for a quiet moment");
    store.flush(Duration::from_secs(10)).unwrap();
    assert_eq!(note_texts(&path), ["on quit"]);
}

#[test]
fn changes_left_unsaved_are_written_when_the_store_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mut store = Store::open(OpenOptions::new(&path)).unwrap();
    let (key, article) = article(dir.path());
    let id = store.open_article(&key, &article);
    store
        .add_note(&id, &article.paragraphs, 0, "dropped")
        .unwrap();
    drop(store);
    assert_eq!(note_texts(&path), ["dropped"]);
}

#[cfg(unix)]
#[test]
fn a_symlinked_state_file_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let dotfiles = dir.path().join("dotfiles");
    std::fs::create_dir(&dotfiles).unwrap();
    let real = dotfiles.join("dossier-state.json");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/state/valid.json");
    std::fs::copy(&fixture, &real).unwrap();
    let link = dir.path().join("state.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    let mut store = Store::open(OpenOptions::new(&link)).unwrap();
    assert_eq!(store.state().note_count(), 1);
    let (key, article) = article(dir.path());
    let id = store.open_article(&key, &article);
    store
        .add_note(&id, &article.paragraphs, 0, "through the link")
        .unwrap();
    store.save_now().unwrap();
    drop(store);

    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_link(&link).unwrap(), real);
    let texts = note_texts(&real);
    assert!(texts.contains(&"through the link".to_string()), "{texts:?}");
    assert_eq!(texts.len(), 2);
    assert!(
        dotfiles.join("dossier-state.json.lock").exists(),
        "lock beside the real file"
    );
}

#[cfg(unix)]
#[test]
fn a_new_state_file_is_private_and_an_existing_mode_is_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let mut store = Store::open(OpenOptions::new(&path)).unwrap();
    store.preferences_mut().text_width = Some(80);
    store.save_now().unwrap();
    drop(store);
    assert_eq!(mode(&path), 0o600);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut store = Store::open(OpenOptions::new(&path)).unwrap();
    store.preferences_mut().text_width = Some(90);
    store.save_now().unwrap();
    assert_eq!(mode(&path), 0o644);
}

#[test]
fn backups_hold_earlier_saves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    for width in [60, 70, 80] {
        let mut store = Store::open(OpenOptions::new(&path)).unwrap();
        store.preferences_mut().text_width = Some(width);
        store.save_now().unwrap();
    }
    let width = |p: PathBuf| -> serde_json::Value {
        serde_json::from_slice::<serde_json::Value>(&std::fs::read(p).unwrap()).unwrap()
            ["preferences"]["text_width"]
            .clone()
    };
    assert_eq!(width(path.clone()), 80);
    assert_eq!(width(dir.path().join("state.json.1")), 70);
    assert_eq!(width(dir.path().join("state.json.2")), 60);
}

#[test]
fn notes_keep_paragraph_positions_across_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let (key, article) = article(dir.path());
    {
        let mut store = Store::open(OpenOptions::new(&path)).unwrap();
        let id = store.open_article(&key, &article);
        store
            .add_note(&id, &article.paragraphs, 2, "third")
            .unwrap();
        store.set_position(&id, 1);
        store.save_now().unwrap();
    }
    let store = Store::open(OpenOptions::new(&path)).unwrap();
    let id = store.find(&key).unwrap().clone();
    let placed = store.placed_notes(&id, &article.paragraphs);
    assert_eq!(placed[0].placement.index(), Some(2));
    assert_eq!(store.article(&id).unwrap().position, 1);
    assert_eq!(store.last_article().unwrap().0, &id);
}
