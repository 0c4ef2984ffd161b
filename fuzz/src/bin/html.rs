//! Fuzz target: the html parser, through the same entry point the reader uses.

fn main() {
    afl::fuzz!(|data: &[u8]| dossier_fuzz::parse_cleanly("input.html", data));
}
