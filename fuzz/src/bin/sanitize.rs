//! Fuzz target: the sanitizer. Nothing that drives a terminal survives it, and a line
//! sanitized for one-line display has no line break left.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let text = String::from_utf8_lossy(data);
        let clean = dossier::sanitize::sanitize(&text);
        assert!(!clean.chars().any(|c| c.is_control() && c != '\n'), "{clean:?}");
        assert!(!clean.contains(['\u{202e}', '\u{200b}', '\u{1b}']), "{clean:?}");
        let line = dossier::sanitize::sanitize_line(&text);
        assert!(!line.chars().any(char::is_control), "{line:?}");
    });
}
