//! Without a terminal the reader refuses to start and says what to use instead.

use std::process::{Command, Stdio};

#[test]
fn the_reader_needs_a_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg(dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("dossier runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("dossier: the reader needs a terminal; use `dossier list` or `dossier show PATH` to print instead"),
        "{stderr}"
    );
    assert!(
        output.stdout.is_empty(),
        "nothing drawn: {:?}",
        output.stdout
    );
}
