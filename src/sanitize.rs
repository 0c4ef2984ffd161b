//! The one gate every string from a file passes before the rest of dossier sees it.
//!
//! Article text, metadata and file names are untrusted: a file can carry terminal escape
//! sequences that would recolour, retitle or rewrite the user's terminal, and invisible
//! characters that make one text look like another. Everything is removed here, once, so the
//! parsers, the TUI and the CLI never need to think about it again.

/// Tab stops used when a tab is expanded, counted in characters from the line start.
const TAB_WIDTH: usize = 4;

/// Removes what could drive the terminal or disguise text: whole escape sequences (CSI, OSC,
/// DCS and the other string commands, single-character escapes), C0/C1 controls, bidi
/// controls, zero-width and other invisible format characters. CRLF and lone CR become LF,
/// tabs are expanded to spaces; all other text is kept as it is.
pub fn sanitize(text: &str) -> String {
    match first_to_remove(text) {
        None => text.to_string(),
        Some(at) => rewrite(text, at),
    }
}

/// [`sanitize`] of a string the caller owns, which is handed back as it is when nothing in it
/// needs removing: most paragraphs, which are then neither scanned twice nor copied.
pub fn sanitize_owned(text: String) -> String {
    match first_to_remove(&text) {
        None => text,
        Some(at) => rewrite(&text, at),
    }
}

/// The byte offset of the first character [`rewrite`] would change, if there is one.
fn first_to_remove(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Eight printable ASCII bytes at a time: most of any article. Otherwise the bytes
        // before the first that is not printable ASCII are passed at once, and that one is
        // looked at below.
        if let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
            let printable = printable_ascii_run(u64::from_le_bytes(*chunk));
            i += printable;
            if printable == 8 {
                continue;
            }
        }
        let b = bytes[i];
        if b < 0x80 {
            if (b >= 0x20 && b != 0x7f) || b == b'\n' {
                i += 1;
                continue;
            }
            return Some(i);
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if is_hidden(c) || matches!(c, '\u{2028}' | '\u{2029}') {
            return Some(i);
        }
        i += c.len_utf8();
    }
    None
}

/// How many of the eight bytes of `word`, from the first (lowest), are printable ASCII (0x20
/// to 0x7e).
fn printable_ascii_run(word: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below 0x20 borrows into its high bit; a byte of 0x7f or more has it set, or sets
    // it when one is added. A borrow or carry only runs up from a byte that is itself marked,
    // so a byte above one may be marked wrongly but the lowest marked byte is exact.
    let below_space = word.wrapping_sub(0x20 * ONES) & !word & HIGH;
    let above_tilde = (word.wrapping_add(ONES) | word) & HIGH;
    ((below_space | above_tilde).trailing_zeros() / 8) as usize
}

/// The sanitized copy of `text`, whose first `at` bytes need nothing done.
fn rewrite(text: &str, at: usize) -> String {
    // Real news is full of curly quotes and dashes: runs of text that need nothing done are
    // copied whole, and only the characters below are looked at one by one.
    let mut out = String::with_capacity(text.len());
    let mut columns = Columns::default();
    let mut run = 0;
    let mut i = at;
    while i < text.len() {
        let b = text.as_bytes()[i];
        let c = if b < 0x80 {
            if (b >= 0x20 && b != 0x7f) || b == b'\n' {
                i += 1;
                continue;
            }
            char::from(b)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if !(is_hidden(c) || matches!(c, '\u{2028}' | '\u{2029}')) {
                i += c.len_utf8();
                continue;
            }
            c
        };
        out.push_str(&text[run..i]);
        let rest = &text[i + c.len_utf8()..];
        let skipped = match c {
            '\r' => {
                out.push('\n');
                usize::from(rest.starts_with('\n'))
            }
            '\u{2028}' => {
                out.push('\n');
                0
            }
            '\u{2029}' => {
                out.push_str("\n\n");
                0
            }
            '\t' => {
                let column = columns.column(&out);
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                columns = Columns {
                    at: column + spaces,
                    from: out.len(),
                };
                0
            }
            '\u{1b}' => escape_len(rest),
            '\u{9b}' => control_sequence_len(rest),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => string_len(rest),
            _ => 0,
        };
        i += c.len_utf8() + skipped;
        run = i;
    }
    out.push_str(&text[run..]);
    out
}

/// The column the output has reached on its current line, for tab stops, counted only when a
/// tab asks for it: each output byte is looked at once however many tabs a line has.
#[derive(Default)]
struct Columns {
    /// The column at byte `from` of the output, when no line break follows `from`.
    at: usize,
    from: usize,
}

impl Columns {
    fn column(&self, out: &str) -> usize {
        let tail = &out[self.from..];
        match tail.rfind('\n') {
            Some(nl) => tail[nl + 1..].chars().count(),
            None => self.at + tail.chars().count(),
        }
    }
}

/// Whether `text` is printable ASCII only (0x20 to 0x7e): nothing to remove, no line break,
/// and one column per byte.
pub fn is_printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Like [`sanitize`], for text shown on one line (titles, authors, file names): line breaks
/// become spaces so one field cannot push fake lines into the output.
pub fn sanitize_line(text: &str) -> String {
    // Titles, names and paths are nearly always clean: one scan and one copy.
    if is_printable_ascii(text) || (!text.contains('\n') && first_to_remove(text).is_none()) {
        return text.to_string();
    }
    let clean = sanitize(text);
    let mut out = String::with_capacity(clean.len());
    for word in clean.split('\n') {
        if !out.is_empty() && !word.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// How many bytes of `rest`, what follows an ESC, belong to the sequence, so that no part of
/// it survives as text.
fn escape_len(rest: &str) -> usize {
    match rest.as_bytes().first() {
        Some(b'[') => 1 + control_sequence_len(&rest[1..]),
        Some(b']' | b'P' | b'X' | b'^' | b'_') => 1 + string_len(&rest[1..]),
        // nF sequences: intermediate bytes, then one final byte.
        Some(b' '..=b'/') => {
            let bytes = rest.as_bytes();
            let n = bytes
                .iter()
                .take_while(|b| matches!(b, b' '..=b'/'))
                .count();
            n + usize::from(bytes.get(n).is_some_and(|b| matches!(b, b'0'..=b'~')))
        }
        Some(b'0'..=b'~') => 1,
        _ => 0,
    }
}

/// CSI: parameter and intermediate bytes up to one final byte in `@`..=`~`.
fn control_sequence_len(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let n = bytes
        .iter()
        .take_while(|b| matches!(b, b'0'..=b'?' | b' '..=b'/'))
        .count();
    n + usize::from(bytes.get(n).is_some_and(|b| matches!(b, b'@'..=b'~')))
}

/// OSC, DCS, SOS, PM and APC run to BEL or ST. An unterminated one stops at the end of the
/// line, so one broken sequence cannot swallow the rest of an article.
fn string_len(rest: &str) -> usize {
    for (i, c) in rest.char_indices() {
        match c {
            '\u{7}' | '\u{9c}' => return i + c.len_utf8(),
            '\u{1b}' => return i + 1 + usize::from(rest[i + 1..].starts_with('\\')),
            '\n' | '\r' => return i,
            _ => {}
        }
    }
    rest.len()
}

/// Controls and characters that render as nothing (or reorder what follows) in a terminal.
fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // Soft hyphen, combining grapheme joiner, Arabic letter mark, Hangul fillers.
        | '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}'
        | '\u{180e}'
        // Zero-width characters and left-to-right / right-to-left marks.
        | '\u{200b}'..='\u{200f}'
        // Bidi embeddings, overrides and isolates.
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        // Word joiner, invisible operators, deprecated format controls.
        | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        | '\u{1d173}'..='\u{1d17a}'
        // Tag characters and supplementary variation selectors can smuggle invisible text.
        | '\u{e0000}'..='\u{e007f}' | '\u{e0100}'..='\u{e01ef}'
    )
}

/// `count` texts, each of up to `most` pieces drawn from `pieces` by a fixed pseudo-random
/// sequence: for tests that a fast path agrees with a plain one on texts nobody wrote out.
#[cfg(test)]
pub(crate) fn random_texts(
    pieces: &'static [&'static str],
    count: usize,
    most: usize,
) -> impl Iterator<Item = String> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    (0..count).map(move |_| {
        let n = next(most + 1);
        (0..n).map(|_| pieces[next(pieces.len())]).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_ordinary_text() {
        assert_eq!(sanitize("Día – “quoted” 東京\n"), "Día – “quoted” 東京\n");
    }

    #[test]
    fn eight_bytes_are_printable_only_when_each_is() {
        let word = |bytes: [u8; 8]| u64::from_le_bytes(bytes);
        let printable_ascii = |word: u64| printable_ascii_run(word) == 8;
        assert!(printable_ascii(word(*b"Ordinary")));
        assert!(printable_ascii(word(*b" ~~  !! ")));
        for bad in [0x00, 0x0a, 0x1f, 0x7f, 0x80, 0xc3, 0xe2, 0xff] {
            for at in 0..8 {
                let mut bytes = *b"abcdefgh";
                bytes[at] = bad;
                assert!(!printable_ascii(word(bytes)), "{bad:#x} at {at}");
                assert_eq!(printable_ascii_run(word(bytes)), at, "{bad:#x} at {at}");
                // what follows the first byte that is not printable does not move it
                for later in [0x00, 0x1f, 0x7f, 0xff] {
                    let mut bytes = bytes;
                    bytes[7] = if at == 7 { bad } else { later };
                    assert_eq!(printable_ascii_run(word(bytes)), at, "{bad:#x} at {at}");
                }
            }
        }
        for b in 0x20..0x7f_u8 {
            assert!(printable_ascii(word([b; 8])), "{b:#x}");
        }
    }

    #[test]
    fn the_owned_form_cleans_as_the_borrowed_one_does() {
        for text in [
            "plain ascii\n",
            "Día – “quoted” 東京",
            "tab\there",
            "curly “quote” then \u{1b}[31mred",
            "crlf\r\nline",
            "zero\u{200b}width",
            "line\u{2028}sep",
            "",
        ] {
            assert_eq!(sanitize_owned(text.to_string()), sanitize(text), "{text:?}");
        }
    }

    #[test]
    fn strips_whole_csi_sequences() {
        assert_eq!(sanitize("a\u{1b}[31;1mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("x\u{1b}[2J\u{1b}[H"), "x");
        assert_eq!(sanitize("c1\u{9b}31mcsi"), "c1csi");
    }

    #[test]
    fn strips_osc_up_to_bel_or_st() {
        assert_eq!(sanitize("a\u{1b}]0;owned\u{7}b"), "ab");
        assert_eq!(
            sanitize("\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "link"
        );
        assert_eq!(sanitize("a\u{9d}title\u{9c}b"), "ab");
    }

    #[test]
    fn unterminated_osc_stops_at_line_end() {
        assert_eq!(sanitize("a\u{1b}]0;title\nnext line"), "a\nnext line");
    }

    #[test]
    fn strips_dcs_and_single_character_escapes() {
        assert_eq!(sanitize("a\u{1b}Pq#0;2\u{1b}\\b"), "ab");
        assert_eq!(sanitize("a\u{1b}cb\u{1b}7c\u{1b}(Bd"), "abcd");
        assert_eq!(sanitize("end\u{1b}"), "end");
    }

    #[test]
    fn removes_controls_and_normalises_line_ends() {
        assert_eq!(sanitize("a\u{0}b\u{7}c\u{8}d\u{7f}e\u{85}f"), "abcdef");
        assert_eq!(sanitize("one\r\ntwo\rthree\n"), "one\ntwo\nthree\n");
    }

    #[test]
    fn expands_tabs_to_tab_stops() {
        assert_eq!(sanitize("\tx"), "    x");
        assert_eq!(sanitize("ab\tc\n\td"), "ab  c\n    d");
    }

    #[test]
    fn removes_bidi_and_zero_width_tricks() {
        assert_eq!(
            sanitize("pay\u{202e}lap\u{202c} \u{2066}x\u{2069}\u{200e}\u{200f}\u{61c}"),
            "paylap x"
        );
        assert_eq!(
            sanitize("a\u{200b}b\u{200c}c\u{200d}d\u{2060}e\u{feff}f\u{ad}g"),
            "abcdefg"
        );
        assert_eq!(sanitize("hi\u{e0041}\u{e0042}"), "hi");
    }

    #[test]
    fn line_variant_joins_lines() {
        assert_eq!(sanitize_line("evil\nname\r\n.txt"), "evil name .txt");
        assert_eq!(sanitize_line("Día – “quoted”"), "Día – “quoted”");
        assert_eq!(sanitize_line("a\u{200b}b"), "ab");
        assert_eq!(sanitize_line("\u{1b}[2Jfile.md"), "file.md");
    }

    #[test]
    fn tabs_count_columns_in_characters_after_non_ascii_text() {
        assert_eq!(sanitize("é\tx"), "é   x");
        assert_eq!(sanitize("“ab”\tx"), "“ab”    x");
        assert_eq!(sanitize("東京\t\tx"), "東京      x");
        // the column starts again after every kind of line break
        assert_eq!(sanitize("é\r\n\tx"), "é\n    x");
        assert_eq!(sanitize("é\u{2028}ab\tx"), "é\nab  x");
        assert_eq!(sanitize("é\u{2029}a\tx"), "é\n\na   x");
        assert_eq!(sanitize("éé\nabc\tx\ty"), "éé\nabc x   y");
        // removed characters take no column
        assert_eq!(sanitize("a\u{200b}é\u{1b}[1m\tx"), "aé  x");
    }

    #[test]
    fn line_ends_after_non_ascii_text() {
        assert_eq!(sanitize("é\r\nb\rc\n"), "é\nb\nc\n");
        assert_eq!(sanitize("é\r"), "é\n");
        assert_eq!(sanitize("é\r\r\n"), "é\n\n");
    }

    #[test]
    fn hidden_characters_at_the_edges_of_runs() {
        assert_eq!(sanitize("\u{feff}“quoted”\u{200b}"), "“quoted”");
        assert_eq!(sanitize("\u{202e}é\u{202c}"), "é");
        assert_eq!(sanitize("\u{ad}\u{ad}é\u{ad}\u{ad}"), "é");
        assert_eq!(sanitize("é\u{e0041}"), "é");
        assert_eq!(sanitize("\u{85}"), "");
    }

    #[test]
    fn escape_sequences_beside_non_ascii_text() {
        assert_eq!(sanitize("é\u{1b}[31mrouge\u{1b}[0m—"), "érouge—");
        assert_eq!(sanitize("é\u{1b}]0;titré\u{7}ok"), "éok");
        assert_eq!(sanitize("é\u{1b}]0;titré\u{1b}\\ok"), "éok");
        assert_eq!(sanitize("é\u{1b}]0;titré\u{1b}ok"), "éok");
        assert_eq!(sanitize("é\u{1b}]0;titré\r\nok"), "é\nok");
        assert_eq!(sanitize("é\u{1b}]0;unterminated"), "é");
        assert_eq!(sanitize("é\u{1b}[é"), "éé");
        assert_eq!(sanitize("é\u{1b}é"), "éé");
        assert_eq!(sanitize("é\u{1b}(Bx"), "éx");
        assert_eq!(sanitize("é\u{1b}( "), "é");
        assert_eq!(sanitize("é\u{9b}1;2Hx"), "éx");
        assert_eq!(sanitize("é\u{90}q\u{9c}x"), "éx");
        assert_eq!(sanitize("é\u{1b}"), "é");
    }

    /// The rules of `sanitize` written the slow, obvious way: one character at a time.
    fn one_char_at_a_time(text: &str) -> String {
        let mut out = String::new();
        let mut column = 0;
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            rest = &rest[c.len_utf8()..];
            match c {
                '\n' | '\u{2028}' => {
                    out.push('\n');
                    column = 0;
                }
                '\r' => {
                    rest = rest.strip_prefix('\n').unwrap_or(rest);
                    out.push('\n');
                    column = 0;
                }
                '\u{2029}' => {
                    out.push_str("\n\n");
                    column = 0;
                }
                '\t' => {
                    let spaces = TAB_WIDTH - column % TAB_WIDTH;
                    out.extend(std::iter::repeat_n(' ', spaces));
                    column += spaces;
                }
                '\u{1b}' => rest = &rest[escape_len(rest)..],
                '\u{9b}' => rest = &rest[control_sequence_len(rest)..],
                '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                    rest = &rest[string_len(rest)..];
                }
                c if is_hidden(c) => {}
                c => {
                    out.push(c);
                    column += 1;
                }
            }
        }
        out
    }

    #[test]
    fn agrees_with_the_one_character_at_a_time_rules() {
        const PIECES: &[&str] = &[
            "a",
            "word ",
            "é",
            "—",
            "“",
            "東",
            "\t",
            "\n",
            "\r",
            "\r\n",
            "\u{2028}",
            "\u{2029}",
            "\u{1b}",
            "[",
            "]",
            "31m",
            "\u{7}",
            "\\",
            "\u{9b}",
            "\u{9c}",
            "\u{9d}",
            "\u{200b}",
            "\u{feff}",
            "\u{ad}",
            "\u{e0041}",
            "\u{0}",
            "\u{7f}",
            "\u{85}",
            "(",
            "P",
            ";",
        ];
        // a fixed linear congruential sequence: the same strings on every run
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            let mut text = String::new();
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let len = (state >> 59) as usize;
            for _ in 0..len {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                text.push_str(PIECES[(state >> 33) as usize % PIECES.len()]);
            }
            assert_eq!(sanitize(&text), one_char_at_a_time(&text), "{text:?}");
        }
    }
}
