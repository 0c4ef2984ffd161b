//! Killing dossier with SIGKILL in the middle of saving, hundreds of times, never leaves a state
//! file that is damaged or that holds anything but one of the versions it wrote.
//!
//! The test runs its own binary again as the child (`child_saves_in_a_loop`, ignored in normal
//! runs), which adds notes and saves in a loop (every other round through the background saver),
//! logging the SHA-256 of each version before writing it and a line once each save completes.
//! The parent kills it after a random delay and checks the file.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dossier::parse_plain_body;
use dossier::store::{ArticleKey, OpenOptions, SaveEvent, SaverConfig, Store, load};
use sha2::{Digest, Sha256};

const CHILD_ENV: &str = "DOSSIER_TEST_KILL_CHILD_STATE";
/// Set for a child that saves through the background saver instead of `save_now`.
const BACKGROUND_ENV: &str = "DOSSIER_TEST_KILL_CHILD_BACKGROUND";
const ROUNDS: usize = 300;
/// The line the child prints once it holds the lock and starts saving.
const READY: &str = "child ready";
/// Rounds stop early past this, so a slow disk cannot make the suite slow.
const TIME_BUDGET: Duration = Duration::from_secs(30);

/// The line the child logs once a save has completed (a version is logged before its save).
const SAVED_LINE: &str = "saved\n";

fn versions_log(state: &Path) -> PathBuf {
    state.with_extension("versions")
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
#[ignore = "the child process of saves_survive_sigkill_at_any_moment"]
fn child_saves_in_a_loop() {
    let Some(state) = std::env::var_os(CHILD_ENV).map(PathBuf::from) else {
        return;
    };
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(versions_log(&state))
        .unwrap();
    let mut store = Store::open(
        OpenOptions::new(&state)
            .wait_for_lock(Duration::from_secs(10))
            .fail_if_busy(),
    )
    .unwrap();
    assert!(
        store.take_messages().is_empty(),
        "the state file read cleanly"
    );
    println!("{READY}");
    let text = "Alpha paragraph.\n\nBeta paragraph.\n\nGamma paragraph.";
    let article_path = state.with_file_name("article.md");
    let article = parse_plain_body(&article_path, text);
    let key = ArticleKey {
        path: article_path.to_string_lossy().into_owned(),
        content_hash: "sha256:fixed".into(),
    };
    let id = store.open_article(&key, &article);
    let background = std::env::var_os(BACKGROUND_ENV).is_some();
    if background {
        store
            .start_saver(SaverConfig {
                quiet: Duration::from_millis(1),
                max_delay: Duration::from_millis(3),
                ..SaverConfig::default()
            })
            .unwrap();
    }
    for round in 0u64.. {
        let count = store.article(&id).unwrap().notes.len();
        if count >= 150 {
            let oldest = store.article(&id).unwrap().notes[0].id.clone();
            store.delete_note(&id, &oldest);
        }
        let paragraph = usize::try_from(round % 3).unwrap();
        store
            .add_note(
                &id,
                &article.paragraphs,
                paragraph,
                &format!("note {round} {}", "x".repeat(40)),
            )
            .unwrap();
        store.set_position(&id, paragraph);
        let bytes = store.state().to_bytes().unwrap();
        // One write call per line: a kill cannot split it.
        log.write_all(format!("{}\n", hex(&bytes)).as_bytes())
            .unwrap();
        if background {
            store.request_save();
            for event in store.poll_saves() {
                assert!(matches!(event, SaveEvent::Saved), "{event:?}");
                log.write_all(SAVED_LINE.as_bytes()).unwrap();
            }
            std::thread::sleep(Duration::from_micros(500));
        } else {
            store.save_now().unwrap();
            log.write_all(SAVED_LINE.as_bytes()).unwrap();
        }
    }
}

fn logged_versions(state: &Path) -> HashSet<String> {
    let log = std::fs::read_to_string(versions_log(state)).unwrap_or_default();
    log.split_inclusive('\n')
        .filter(|line| line.ends_with('\n'))
        .map(|line| line.trim().to_string())
        .collect()
}

#[test]
fn saves_survive_sigkill_at_any_moment() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let mut rounds = 0;
    let mut seen_versions = HashSet::new();
    while rounds < ROUNDS && (started.elapsed() < TIME_BUDGET || rounds < 100) {
        rounds += 1;
        let mut command = Command::new(&exe);
        command
            .args([
                "--exact",
                "child_saves_in_a_loop",
                "--ignored",
                "--nocapture",
            ])
            .env(CHILD_ENV, &state)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if rounds % 2 == 0 {
            command.env(BACKGROUND_ENV, "1");
        }
        let mut child = command.spawn().unwrap();
        // Most kills land while saving, timed from when the child is ready, so that a slow
        // machine's start-up does not eat the delay; every fifth lands anywhere, opening included.
        if rounds % 5 != 0 {
            let stdout = child.stdout.take().unwrap();
            let ready = BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .any(|line| line == READY);
            assert!(ready, "round {rounds}: the child never got ready");
        }
        std::thread::sleep(Duration::from_micros(fastrand::u64(0..40_000)));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(
            !status.success(),
            "round {rounds}: the child only ends by being killed"
        );

        let Ok(bytes) = std::fs::read(&state) else {
            // Versions are logged before they are written, and the background saver may not
            // have run at all before a kill on a busy machine: only a completed save counts.
            assert!(
                !logged_versions(&state).contains(SAVED_LINE.trim()),
                "round {rounds}: the state file vanished after saves had completed"
            );
            continue;
        };
        assert!(
            matches!(load::parse(&bytes), Ok(load::Parsed::Current(_))),
            "round {rounds}: the state file does not parse"
        );
        let version = hex(&bytes);
        assert!(
            logged_versions(&state).contains(&version),
            "round {rounds}: the state file is not one of the versions written"
        );
        seen_versions.insert(version);
    }
    let corrupt: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("corrupt"))
        .collect();
    assert!(corrupt.is_empty(), "no run ever found a damaged file");
    eprintln!(
        "{rounds} kills, {} distinct versions found on disk, {:?}",
        seen_versions.len(),
        started.elapsed()
    );
    assert!(rounds >= 100, "{rounds} rounds");
    assert!(
        seen_versions.len() > rounds / 4,
        "kills landed between many different saves ({} versions over {rounds} rounds)",
        seen_versions.len()
    );
    let store = Store::open(OpenOptions::new(&state).read_only()).unwrap();
    assert!(store.state().note_count() > 0);
}

#[test]
fn a_second_process_reads_while_the_first_holds_the_lock_and_writes() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(&exe)
        .args([
            "--exact",
            "child_saves_in_a_loop",
            "--ignored",
            "--nocapture",
        ])
        .env(CHILD_ENV, &state)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !state.exists() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(10));
    }
    let mut second = Store::open(OpenOptions::new(&state)).unwrap();
    let reason = second.read_only().map(str::to_string);
    let notes_seen = second.state().note_count();
    let messages = second.take_messages();
    drop(second);
    child.kill().unwrap();
    child.wait().unwrap();

    let reason = reason.expect("the second process is read-only while the first runs");
    assert!(reason.contains("Another dossier"), "{reason}");
    assert!(notes_seen > 0, "it still reads the first one's notes");
    assert!(
        messages.iter().all(|m| !m.contains("could not be read")),
        "{messages:?}"
    );
    let after = Store::open(OpenOptions::new(&state)).unwrap();
    assert!(
        after.read_only().is_none(),
        "the lock died with the first process"
    );
}
