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
    // Most text is printable ASCII and line feeds, which pass unchanged.
    if text
        .bytes()
        .all(|b| b == b'\n' || (0x20..0x7f).contains(&b))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut column = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
                column = 0;
            }
            '\u{2028}' => {
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
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_control_sequence(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_hidden(c) => {}
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

/// Like [`sanitize`], for text shown on one line (titles, authors, file names): line breaks
/// become spaces so one field cannot push fake lines into the output.
pub fn sanitize_line(text: &str) -> String {
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

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Consumes what follows an ESC, so that no part of the sequence survives as text.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_control_sequence(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        // nF sequences: intermediate bytes, then one final byte.
        Some(' '..='/') => {
            while chars.next_if(|c| matches!(c, ' '..='/')).is_some() {}
            chars.next_if(|c| matches!(c, '0'..='~'));
        }
        Some('0'..='~') => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameter and intermediate bytes up to one final byte in `@`..=`~`.
fn skip_control_sequence(chars: &mut Chars<'_>) {
    while chars
        .next_if(|c| matches!(c, '0'..='?' | ' '..='/'))
        .is_some()
    {}
    chars.next_if(|c| matches!(c, '@'..='~'));
}

/// OSC, DCS, SOS, PM and APC run to BEL or ST. An unterminated one stops at the end of the
/// line, so one broken sequence cannot swallow the rest of an article.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.peek().copied() {
        match c {
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                chars.next();
                chars.next_if_eq(&'\\');
                return;
            }
            '\n' | '\r' => return,
            _ => {
                chars.next();
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_ordinary_text() {
        assert_eq!(sanitize("Día – “quoted” 東京\n"), "Día – “quoted” 東京\n");
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
        assert_eq!(sanitize_line("\u{1b}[2Jfile.md"), "file.md");
    }
}
