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
        Self::spawn_with(args, cwd, &[])
    }

    fn spawn_with(args: &[&Path], cwd: &Path, env: &[(&str, &Path)]) -> Self {
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
        command.env("DOSSIER_INDEX_DIR", cwd.join("index"));
        // vt100 answers no terminal queries; saying the background spares each start the
        // wait for an answer to the colour query.
        command.env("COLORFGBG", "15;0");
        // Nor may the configuration or colour settings of whoever runs the tests leak in.
        command.env_remove("DOSSIER_CONFIG");
        command.env_remove("NO_COLOR");
        for (name, value) in env {
            command.env(name, value);
        }
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
    // The reader now draws only at the size it lays out for, so the click lands on the list
    // that is on screen even if a resize event was still queued or coalesced away.
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

const LONG_ARTICLE: &str = "Harbour talks stall\n\n\
    The first paragraph about the harbour.\n\n\
    A second paragraph on the shipping lanes.\n\n\
    The third paragraph names the port authority and its budget.\n\n\
    A fourth paragraph closes the piece.\n";

/// Writes a note in the reader, and finds it again: after a restart, from the command line,
/// and after the article was edited to put a paragraph before it.
#[test]
fn a_note_survives_restarts_and_edits_to_the_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    let library = dir.path().join("library");
    std::fs::create_dir(&library).expect("library folder");
    let article = library.join("harbour.txt");
    std::fs::write(&article, LONG_ARTICLE).expect("article written");
    let state = dir.path().join("state/state.json");
    let env = [("DOSSIER_STATE", state.as_path())];

    let mut session = Session::spawn_with(&[&library], dir.path(), &env);
    session.wait_for("Harbour talks stall");
    // Open it, go to paragraph 3, write a note over two lines, save with Ctrl-S.
    session.press("\rjj");
    session.wait_for("¶ 3/4");
    session.press("n");
    session.wait_for("New note on ¶ 3");
    session.press("Check the authority's");
    session.press("\r");
    session.press("budget figures");
    session.press("\u{13}");
    session.wait_for("Note added");
    session.wait_for("┆ budget figures");
    session.press("q");
    assert!(session.wait_exit().success());

    let mut session = Session::spawn_with(&[&library], dir.path(), &env);
    session.wait_for("┆ Check the authority's");
    assert!(
        session.screen().contains("│3✎▌ The third paragraph"),
        "{}",
        session.screen()
    );
    session.press("q");
    assert!(session.wait_exit().success());

    let listed = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["notes", "list"])
        .env("DOSSIER_STATE", &state)
        .env("HOME", dir.path())
        .output()
        .expect("dossier notes list runs");
    let stdout = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.status.success(), "{stdout}");
    assert!(stdout.contains("¶3  Check the authority's"), "{stdout}");

    let edited = LONG_ARTICLE.replace(
        "The third paragraph",
        "An inserted paragraph.\n\nThe third paragraph",
    );
    std::fs::write(&article, edited).expect("article edited");
    let mut session = Session::spawn_with(&[&library], dir.path(), &env);
    session.wait_for("┆ Check the authority's");
    session.wait_for("¶ 4/5");
    let screen = session.screen();
    let marker = screen
        .lines()
        .find(|l| l.contains('✎'))
        .expect("a marked paragraph");
    assert!(
        marker.contains("│4✎▌ The third paragraph"),
        "the note stays on its text, now paragraph 4: {screen}"
    );
    session.press("N");
    session.wait_for("¶ 4    Check the authority's budget figures");
    // Esc alone: sent with the next key it would read as Alt and that key.
    session.press("\u{1b}");
    session.wait_for_gone("Check the authority's budget figures");
    session.press("q");
    assert!(session.wait_exit().success());
}

/// SIGTERM (a logout, a system shutdown) saves a note just written and gives the terminal back.
#[test]
fn a_termination_signal_saves_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("harbour.txt");
    std::fs::write(&article, LONG_ARTICLE).expect("article written");
    let state = dir.path().join("state.json");
    let env = [("DOSSIER_STATE", state.as_path())];
    let mut session = Session::spawn_with(&[&article], dir.path(), &env);
    session.wait_for("Harbour talks stall");
    session.press("\rn");
    session.wait_for("New note on ¶ 1");
    session.press("Written just before the signal\u{13}");
    session.wait_for("Note added");
    let pid = session.child.process_id().expect("a running child");
    let pid = nix::unistd::Pid::from_raw(i32::try_from(pid).expect("a pid"));
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).expect("signal sent");
    session.wait_exit();
    assert!(session.line_mode(), "raw mode is off again");
    assert!(!session.modes().0, "the alternate screen is left");
    let saved = std::fs::read_to_string(&state).expect("the state file was written");
    assert!(saved.contains("Written just before the signal"), "{saved}");
}

// The fetch tests' loopback server; this file uses only part of it.
#[allow(dead_code)]
#[path = "fetching/server.rs"]
mod server;

/// A feed of two items, each only a summary, and their pages, served on 127.0.0.1.
fn serve_feed() -> server::Server {
    server::Server::start(|seen| match seen.path {
        "/feed.xml" => server::Reply::new(
            200,
            "application/rss+xml",
            format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour Desk</title>\
                 <item><title>Grain talks in Nairobi</title><link>{site}/grain</link>\
                 <guid>g1</guid><description>Short.</description></item>\
                 <item><title>Port fees rise</title><link>{site}/port</link>\
                 <guid>g2</guid><description>Short.</description></item></channel></rss>",
                site = seen.base
            ),
        ),
        path => server::Reply::html(format!(
            "<html><head><title>{path}</title></head><body><article>\
             <p>Maria Okonkwo, the finance minister of Kenya, met officials of the \
             World Bank in Nairobi on Tuesday to discuss the {path} figures.</p>\
             <p>Okonkwo said Kenya would publish its plan next month, after the World \
             Bank had reviewed the figures with the Treasury.</p></article></body></html>"
        )),
    })
}

#[test]
fn a_feed_refreshed_from_the_reader_brings_articles_with_their_entities() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = serve_feed();
    let base = server.base.clone();
    std::fs::create_dir(dir.path().join("library")).expect("library folder");
    let added = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            "--feeds",
            "feeds.json",
            "feed",
            "add",
            &format!("{base}/feed.xml"),
        ])
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .output()
        .expect("feed add runs");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let args = [
        Path::new("--library"),
        Path::new("library"),
        Path::new("--feeds"),
        Path::new("feeds.json"),
    ];
    let mut session = Session::spawn(&args, dir.path());
    session.wait_for("No articles");
    session.press("R");
    session.wait_for("2 new articles from 1 feed.");
    session.wait_for("Port fees rise");
    // Arrivals take their place in the library's order (undated ones by title), the order the
    // index keeps when it reads them; open the second.
    session.press("G\r");
    session.wait_for("the /port figures");
    let screen = session.screen();
    let sidebar: Vec<&str> = screen
        .lines()
        .filter_map(|line| {
            let inner = line.trim_end().strip_suffix('│')?;
            inner.rsplit_once('│').map(|(_, right)| right.trim())
        })
        .collect();
    for (heading, entity) in [
        ("People 1", "Maria Okonkwo"),
        ("Groups", "World Bank"),
        ("Countries 1", "Kenya"),
    ] {
        let at = sidebar
            .iter()
            .position(|l| l.starts_with(heading))
            .unwrap_or_else(|| panic!("{heading} in the sidebar:\n{screen}"));
        assert!(
            sidebar[at + 1].contains(entity),
            "{entity} under {heading}:\n{screen}"
        );
    }
    session.press("q");
    assert!(session.wait_exit().success());
    let mut saved: Vec<String> = std::fs::read_dir(dir.path().join("library"))
        .expect("library")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    saved.sort();
    assert_eq!(saved, ["grain-talks-in-nairobi.md", "port-fees-rise.md"]);
}

/// The SGR sequences (`ESC [ … m`) in `output` that set a colour: 30–38 and 90–97 for the
/// foreground, 40–48 and 100–107 for the background. 39 and 49 (back to the terminal's own
/// colours) set none.
fn colour_sequences(output: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (start, _) in output.match_indices("\x1b[") {
        let rest = &output[start + 2..];
        let Some(end) = rest.find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':')) else {
            continue;
        };
        if !rest[end..].starts_with('m') {
            continue;
        }
        let params = &rest[..end];
        let colour = params
            .split([';', ':'])
            .filter_map(|p| p.parse::<u16>().ok())
            .any(|p| matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107));
        if colour {
            found.push(params.to_owned());
        }
    }
    found
}

/// A configuration file that names the library and moves "next article" to `J`.
fn write_config(dir: &Path, library: &Path) -> std::path::PathBuf {
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "library = [{:?}]\ntheme = \"light\"\n\n[keys.list]\nSelectNextArticle = \"J\"\n",
            library.display().to_string()
        ),
    )
    .expect("config written");
    config
}

#[test]
fn no_color_draws_no_colour_and_a_configured_key_works() {
    let dir = tempfile::tempdir().expect("temp dir");
    let library = dir.path().join("elsewhere");
    std::fs::create_dir(&library).expect("library folder");
    write_articles(&library);
    let config = write_config(dir.path(), &library);

    let mut session = Session::spawn_with(
        &[],
        dir.path(),
        &[("NO_COLOR", Path::new("1")), ("DOSSIER_CONFIG", &config)],
    );
    // The library comes from the configuration: no path was given and there is no ./articles.
    session.wait_for("Harbour talks stall");
    session.wait_for("J next article");
    session.press("j\r");
    // Enter has been read once the reading pane has focus and shows its keys.
    session.wait_for("j next paragraph");
    assert!(
        !session.screen().contains("Grain prices rose"),
        "j no longer moves down the list"
    );
    session.press("hJ\r");
    session.wait_for("Grain prices rose again this winter.");
    session.press("q");
    assert!(session.wait_exit().success());

    let output = session.bytes();
    assert!(
        output.contains("\x1b[7m") || output.contains(";7m") || output.contains("\x1b[1m"),
        "states are still drawn, in reverse video and bold"
    );
    assert_eq!(colour_sequences(&output), Vec::<String>::new());
}

#[test]
fn without_no_color_the_configured_theme_draws_colour() {
    let dir = tempfile::tempdir().expect("temp dir");
    let library = dir.path().join("elsewhere");
    std::fs::create_dir(&library).expect("library folder");
    write_articles(&library);
    let config = write_config(dir.path(), &library);
    let mut session = Session::spawn_with(&[], dir.path(), &[("DOSSIER_CONFIG", &config)]);
    session.wait_for("J next article");
    session.press("q");
    assert!(session.wait_exit().success());
    assert!(
        !colour_sequences(&session.bytes()).is_empty(),
        "the check above can fail"
    );
}

#[test]
fn the_library_filters_by_an_entity_opens_its_page_searches_and_comes_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let library = dir.path().join("library");
    std::fs::create_dir(&library).expect("library folder");
    let article = |name: &str, title: &str, date: &str, body: &str| {
        std::fs::write(
            library.join(name),
            format!("---\ntitle: {title}\nauthor: Ann Writer\ndate: {date}\n---\n\n{body}\n"),
        )
        .expect("article written");
    };
    article(
        "gas.md",
        "Gas in winter",
        "2024-01-02",
        "Andrey Serenko, an analyst, said Russia would wait.\n\nSerenko added that prices rise.",
    );
    article(
        "ports.md",
        "Ports and shipping",
        "2023-05-06",
        "Shipping through Egypt fell.\n\nThe Red Sea risk was clear early, Serenko said in March.",
    );
    article(
        "grain.md",
        "Grain harvest",
        "2024-03-01",
        "Kazakhstan expects a record grain harvest this year.",
    );

    let mut session = Session::spawn(&[&library], dir.path());
    session.wait_for("Grain harvest");
    // Open the article on gas, go to the sidebar (Andrey Serenko is its first person) and
    // filter the list by him.
    session.press("j\r\t");
    session.wait_for("Andrey Serenko");
    session.press("f");
    session.wait_for("2 articles · person Andrey Serenko · Esc clears");
    session.wait_for("2/3 · person Andrey");
    assert!(
        !session.screen().contains("Grain harvest"),
        "the filtered list leaves it out"
    );
    // His page, from the sidebar: both articles, the one naming him by surname too.
    session.press("\t\t\r");
    session.wait_for("Person: Andrey Serenko · 2 articles · 3 mentions");
    session.wait_for("The Red Sea risk was clear early, Serenko said in March.");
    // The older article opens at the paragraph that mentions him; Ctrl-O comes back.
    session.press("j\r");
    session.wait_for("C-o goes back to the list of results");
    session.wait_for_gone("Person: Andrey Serenko");
    session.press("\x0f");
    session.wait_for("Person: Andrey Serenko · 2 articles");
    session.press("q");
    session.wait_for_gone("Person: Andrey Serenko");
    // A library search, its result opened at the paragraph, and back to the results.
    session.press("S");
    session.wait_for("Search the library:");
    session.press("prices\r");
    session.wait_for("Library search “prices” · 1 result");
    session.press("\r");
    session.wait_for("C-o goes back to the list of results");
    assert!(session.screen().contains("Serenko added that prices rise."));
    session.press("\x0f");
    session.wait_for("Library search “prices”");
    session.press("q");
    session.wait_for_gone("Library search");
    // Esc in the list clears the filter: every article again.
    session.press("h");
    session.press("\x1b");
    session.wait_for("Grain harvest");
    session.wait_for_gone("person Andrey Serenko");
    session.press("q");
    let status = session.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(
        dir.path()
            .join("index")
            .read_dir()
            .is_ok_and(|mut d| d.next().is_some()),
        "the index went where DOSSIER_INDEX_DIR said"
    );
}

/// `count` short articles, each naming its number in its title and first paragraph.
fn write_many_articles(dir: &Path, count: usize) {
    for n in 0..count {
        let body: Vec<String> = (0..6)
            .map(|p| {
                format!(
                    "Paragraph {p} of article {n}: the delegation from Lisbon met the port \
                     authority of Rotterdam to discuss grain, fuel and the winter timetable."
                )
            })
            .collect();
        std::fs::write(
            dir.join(format!("article-{n:04}.txt")),
            format!("Article number {n}\n\n{}\n", body.join("\n\n")),
        )
        .expect("article written");
    }
}

/// A temporary folder holding a library of `count` articles (`library`) and the place for its
/// index (`index`).
fn many_articles_library(
    count: usize,
) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let library = dir.path().join("library");
    std::fs::create_dir(&library).expect("library folder");
    write_many_articles(&library, count);
    let index = dir.path().join("index");
    (dir, library, index)
}

#[test]
fn a_cold_library_fills_while_keys_work_and_the_next_start_is_warm() {
    let (dir, library, index) = many_articles_library(400);
    let env = [("DOSSIER_INDEX_DIR", index.as_path())];

    let mut session = Session::spawn_with(&[&library], dir.path(), &env);
    session.wait_for("Indexing");
    // The list fills as batches land; the keys work meanwhile.
    session.wait_for("Article number");
    session.press("j");
    session.press("k");
    session.press("j\r");
    session.wait_for("Paragraph 1 of article");
    session.wait_for("Articles 400/400 unread");
    session.wait_for_gone("Indexing");
    let cold = session.bytes();
    session.press("q");
    assert!(session.wait_exit().success());
    let first_status = cold.find("Indexing").expect("the progress line");
    assert!(
        !cold[..first_status].contains("Article number"),
        "a cold start has nothing to list before the index is built"
    );

    // The next start lists every article in its first frame, from the index.
    let mut session = Session::spawn_with(&[&library], dir.path(), &env);
    session.wait_for("Articles 400/400 unread");
    session.wait_for_gone("Indexing");
    let warm = session.bytes();
    // A warm sync with nothing to read may end before the first frame is drawn, so the
    // progress line need not show; when it does, the list was drawn before it.
    let listed = warm.find("Article number").expect("the list");
    if let Some(first_status) = warm.find("Indexing") {
        assert!(
            listed < first_status,
            "the first frame lists the articles the index holds"
        );
    }
    session.press("q");
    assert!(session.wait_exit().success());
}

#[test]
fn beside_another_dossiers_sync_the_reader_says_so_and_catches_up() {
    let (dir, library, index) = many_articles_library(3);
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("index")
        .arg(&library)
        .env("DOSSIER_INDEX_DIR", &index)
        .output()
        .expect("dossier index runs");
    let stdout = String::from_utf8(built.stdout).expect("utf-8");
    let index_file = stdout
        .lines()
        .find_map(|l| l.strip_prefix("index: "))
        .expect("the index file named");
    write_many_articles(&library, 4);
    // Another dossier's sync holds the index's lock (the file beside it) until dropped.
    let held = dossier::file_lock::FileLock::acquire(
        Path::new(&format!("{index_file}.lock")),
        Duration::ZERO,
    )
    .expect("lock file")
    .expect("lock free");
    let env = [("DOSSIER_INDEX_DIR", index.as_path())];
    let mut session = Session::spawn_with(&[&library], dir.path(), &env);
    session.wait_for("Another dossier is indexing");
    // The list is the index as the other left it, and the keys work meanwhile.
    session.wait_for("Articles 3/3");
    session.press("j\r");
    session.wait_for("Paragraph 1 of article");
    drop(held);
    session.wait_for("Articles 4/4");
    session.wait_for_gone("Another dossier is indexing");
    session.press("q");
    assert!(session.wait_exit().success());
}
