//! Opening a web address in the user's browser, without a shell: the address is one argument
//! of a program run directly, so quotes, `;` or `$(...)` in it are only characters.

use std::ffi::OsStr;
use std::process::{Command, Stdio};

/// The command that opens `url`: the first program of `$BROWSER` (a colon-separated list, as
/// the convention has it; its words are split on spaces and a `%s` among them is replaced by
/// the address, else the address is appended), else the system's opener.
pub fn command(url: &str, browser: Option<&OsStr>) -> Command {
    let first = browser
        .and_then(OsStr::to_str)
        .and_then(|list| list.split(':').map(str::trim).find(|b| !b.is_empty()));
    let Some(first) = first else {
        return system_opener(url);
    };
    let mut words = first.split_whitespace();
    let program = words.next().unwrap_or(first);
    let mut command = Command::new(program);
    let mut placed = false;
    for word in words {
        if word.contains("%s") {
            placed = true;
            command.arg(word.replace("%s", url));
        } else {
            command.arg(word);
        }
    }
    if !placed {
        command.arg(url);
    }
    command
}

fn system_opener(url: &str) -> Command {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let mut command = Command::new(program);
    command.arg(url);
    command
}

/// Starts the browser on `url` and returns the program's name. The browser's own output
/// would write over the reader's screen, so it goes nowhere; a thread waits for the program
/// so it does not linger as a zombie.
pub fn open(url: &str) -> std::io::Result<String> {
    let mut command = command(url, std::env::var_os("BROWSER").as_deref());
    let program = command.get_program().to_string_lossy().into_owned();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    std::thread::spawn(move || child.wait());
    Ok(program)
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::*;

    fn argv(command: &Command) -> Vec<String> {
        std::iter::once(command.get_program())
            .chain(command.get_args())
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    const URL: &str = "https://example.org/a?q='x'\"y\";rm%20-rf";

    #[test]
    fn the_address_is_one_argument_of_the_browser() {
        let browser = OsString::from("firefox --new-tab");
        assert_eq!(
            argv(&command(URL, Some(&browser))),
            ["firefox", "--new-tab", URL]
        );
        let placeholder = OsString::from("my-browser --url=%s --quiet:lynx");
        assert_eq!(
            argv(&command(URL, Some(&placeholder))),
            ["my-browser", &format!("--url={URL}"), "--quiet"]
        );
    }

    #[test]
    fn without_browser_the_system_opener_runs() {
        let args = argv(&command(URL, None));
        assert_eq!(args.len(), 2);
        assert_eq!(args[1], URL);
        assert_eq!(argv(&command(URL, Some(OsStr::new(" : ")))), args);
    }

    /// A fake browser that writes each argument it receives on a line of its own: what
    /// arrives is exactly the address, quotes and `;` included, and nothing ran in a shell.
    #[cfg(unix)]
    #[test]
    fn a_real_program_receives_the_address_untouched() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let log = dir.path().join("args.log");
        let script = dir.path().join("fake-browser");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{}'; done\n",
                log.display()
            ),
        )
        .expect("script written");
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
            .expect("script made executable");
        let status = command(URL, Some(script.as_os_str()))
            .status()
            .expect("fake browser runs");
        assert!(status.success());
        let received = std::fs::read_to_string(&log).expect("arguments recorded");
        assert_eq!(received, format!("{URL}\n"));
        assert!(!dir.path().join("-rf").exists(), "nothing after the ; ran");
    }
}
