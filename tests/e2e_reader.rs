//! The real binary in a pseudo-terminal: it opens the reader, takes keys, quits, and leaves the
//! terminal as it found it. A terminal emulator (vt100) reads what dossier writes, so the
//! checks are about the screen a user would see, not about how the drawing was split up.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::termios::LocalFlags;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(20);
const ROWS: u16 = 30;
const COLS: u16 = 100;

/// Everything dossier wrote, and the screen it makes.
struct Output {
    bytes: Vec<u8>,
    screen: vt100::Parser,
}

struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Output>>,
    /// Reads until dossier's end of the pty closes, which is after its last write.
    reader: Option<thread::JoinHandle<()>>,
}

impl Session {
    fn spawn(args: &[&Path], cwd: &Path) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_dossier"));
        command.args(args);
        command.cwd(cwd);
        command.env("TERM", "xterm-256color");
        // Keep the library folder of whoever runs the tests out of reach.
        command.env("HOME", cwd);
        command.env("XDG_DATA_HOME", cwd.join("data"));
        let termios = pair.master.get_termios().expect("termios of the pty");
        assert!(
            termios
                .local_flags
                .contains(LocalFlags::ICANON | LocalFlags::ECHO),
            "the pty starts in line mode"
        );
        let child = pair.slave.spawn_command(command).expect("dossier starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let size = |n| NonZeroU16::new(n).expect("not zero");
        let output = Arc::new(Mutex::new(Output {
            bytes: Vec::new(),
            screen: vt100::Parser::new(size(ROWS), size(COLS), 0),
        }));
        let sink = Arc::clone(&output);
        let reader = thread::spawn(move || {
            let mut chunk = [0; 4096];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                let mut output = sink.lock().expect("output lock");
                output.bytes.extend_from_slice(&chunk[..n]);
                output.screen.process(&chunk[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Self {
            master: pair.master,
            writer,
            child,
            output,
            reader: Some(reader),
        }
    }

    fn bytes(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().expect("output lock").bytes).into_owned()
    }

    fn screen(&self) -> String {
        self.output
            .lock()
            .expect("output lock")
            .screen
            .screen()
            .contents()
    }

    /// Checks the terminal's modes as a terminal would have them now.
    fn modes(&self) -> (bool, bool, vt100::MouseProtocolMode) {
        let output = self.output.lock().expect("output lock");
        let screen = output.screen.screen();
        (
            screen.alternate_screen(),
            screen.hide_cursor(),
            screen.mouse_protocol_mode(),
        )
    }

    /// Waits until the screen shows `text`.
    #[track_caller]
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.screen().contains(text) {
            assert!(
                start.elapsed() < TIMEOUT,
                "{text:?} never appeared; the screen shows:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen no longer shows `text`.
    #[track_caller]
    fn wait_for_gone(&self, text: &str) {
        let start = Instant::now();
        while self.screen().contains(text) {
            assert!(
                start.elapsed() < TIMEOUT,
                "{text:?} stayed; the screen shows:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Resizes the pty (dossier gets SIGWINCH) and the emulated screen with it.
    fn resize(&mut self, cols: u16, rows: u16) {
        let size = |n| NonZeroU16::new(n).expect("not zero");
        self.output
            .lock()
            .expect("output lock")
            .screen
            .set_size(size(rows), size(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty resized");
    }

    fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("keys sent");
        self.writer.flush().expect("keys flushed");
    }

    #[track_caller]
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                if let Some(reader) = self.reader.take() {
                    reader.join().expect("reader thread");
                }
                return status;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "dossier did not exit; the screen shows:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn line_mode(&self) -> bool {
        let termios = self.master.get_termios().expect("termios of the pty");
        termios
            .local_flags
            .contains(LocalFlags::ICANON | LocalFlags::ECHO)
    }
}

fn write_articles(dir: &Path) {
    std::fs::write(
        dir.join("harbour.txt"),
        "Harbour talks stall\n\nThe first paragraph about the harbour.\n\nA second paragraph.\n",
    )
    .expect("article written");
    std::fs::write(
        dir.join("winter.txt"),
        "Winter grain prices\n\nGrain prices rose again this winter.\n",
    )
    .expect("article written");
}

#[test]
fn the_reader_opens_takes_keys_and_restores_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let library = dir.path().join("library");
    std::fs::create_dir(&library).expect("library folder");
    write_articles(&library);

    let mut session = Session::spawn(&[&library], dir.path());
    session.wait_for("Harbour talks stall");
    assert!(!session.line_mode(), "the reader runs in raw mode");
    let (alternate, hidden, mouse) = session.modes();
    assert!(alternate && hidden, "alternate screen, cursor hidden");
    assert_ne!(mouse, vt100::MouseProtocolMode::None, "mouse captured");

    // Down to the second article, open it, look at the help, close it.
    session.press("j\r");
    session.wait_for("Grain prices rose again this winter.");
    session.press("?");
    session.wait_for("Esc/q/?: close help");
    session.press("q");
    session.wait_for_gone("close help");
    assert!(
        session
            .screen()
            .contains("Grain prices rose again this winter.")
    );
    session.press("q");

    let status = session.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let (alternate, hidden, mouse) = session.modes();
    assert!(!alternate, "the alternate screen is left");
    assert!(!hidden, "the cursor is shown");
    assert_eq!(
        mouse,
        vt100::MouseProtocolMode::None,
        "mouse capture is off"
    );
    assert!(session.line_mode(), "raw mode is off again");
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_articles(dir.path());
    let mut session = Session::spawn(&[dir.path()], dir.path());
    session.wait_for("Harbour talks stall");
    session.press("?");
    session.wait_for("close help");
    session.press("\u{3}");
    let status = session.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(!session.modes().0, "the alternate screen is left");
    assert!(session.line_mode());
}

#[test]
fn a_missing_path_is_reported_before_the_screen_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-folder");
    let mut session = Session::spawn(&[&missing], dir.path());
    let status = session.wait_exit();
    assert!(!status.success());
    session.wait_for("no-such-folder: no such file or folder");
    assert!(
        !session.bytes().contains("\u{1b}[?1049h"),
        "never entered the alternate screen"
    );
}

#[test]
fn first_run_creates_the_library_folder_and_explains_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = Session::spawn(&[], dir.path());
    session.wait_for("No articles yet");
    assert!(session.screen().contains("created the library folder"));
    session.press("q");
    assert!(session.wait_exit().success());
    assert!(dir.path().join("data/dossier/articles").is_dir());
    // The note printed before the reader opened is still there once it has closed.
    assert!(
        session
            .screen()
            .contains("dossier: created the library folder")
    );
}

#[test]
fn resizing_and_clicking_work_in_a_real_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_articles(dir.path());
    let mut session = Session::spawn(&[dir.path()], dir.path());
    session.wait_for("Harbour talks stall");

    session.resize(30, 8);
    session.wait_for("Terminal too small (30x8)");
    session.resize(60, 20);
    session.wait_for_gone("Terminal too small");
    session.wait_for("The first paragraph about");

    // A left click (SGR mouse report, 1-based column;row) on the list's second row opens it.
    session.press("\u{1b}[<0;5;3M\u{1b}[<0;5;3m");
    session.wait_for("Grain prices rose again");
    session.press("q");
    assert!(session.wait_exit().success());
}

#[test]
fn the_sample_article_reads_to_the_end() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/articles/central-asian-jihadists-return-home.txt");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = Session::spawn(&[&sample], dir.path());
    session.wait_for("Articles 1/1 unread");
    session.press("\r   G");
    session.wait_for("100%");
    session.press("q");
    assert!(session.wait_exit().success());
    assert!(session.line_mode());
}
