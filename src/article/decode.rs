//! Bytes to text: UTF-8 first, whatever a file declares; other encodings only when the bytes
//! are not UTF-8 and a BOM or an HTML charset declaration names one.

use encoding_rs::{Encoding, UTF_8};

/// How far into a file to look for NUL bytes and charset declarations.
const SNIFF_LEN: usize = 8192;

pub struct Decoded {
    pub text: String,
    /// Set when the bytes were not valid UTF-8 and something had to give.
    pub warning: Option<String>,
}

/// Text files have no NUL bytes; binaries almost always do early on. UTF-16 text (which has
/// many) is recognised by its BOM.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if Encoding::for_bom(bytes).is_some() {
        return false;
    }
    // a byte search, not a loop per byte: every file indexed is sniffed
    bytes[..bytes.len().min(SNIFF_LEN)].contains(&0)
}

/// Decodes `bytes`: by BOM, else as UTF-8 when valid (a wrong charset declaration must not
/// turn good UTF-8 into mojibake), else by the HTML charset declaration, else lossily.
pub fn decode(bytes: &[u8], is_html: bool) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            warning: had_errors.then(|| {
                format!(
                    "some bytes were not valid {}; they show as \u{fffd}",
                    encoding.name()
                )
            }),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_string(),
            warning: None,
        };
    }
    let declared = if is_html || looks_like_html(bytes) {
        declared_charset(bytes).filter(|e| *e != UTF_8)
    } else {
        None
    };
    match declared {
        Some(encoding) => {
            let (text, _, had_errors) = encoding.decode(bytes);
            Decoded {
                text: text.into_owned(),
                warning: Some(format!(
                    "the file is not UTF-8; it was read as {}, as it declares{}",
                    encoding.name(),
                    if had_errors {
                        " (some bytes did not fit and show as \u{fffd})"
                    } else {
                        ""
                    }
                )),
            }
        }
        None => Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            warning: Some(
                "the file is not valid UTF-8; bytes that could not be read show as \u{fffd} \
                 (convert it to UTF-8 to fix this)"
                    .to_string(),
            ),
        },
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(SNIFF_LEN)]).to_lowercase();
    head.contains("<html") || head.contains("<meta")
}

/// The encoding named by `<meta charset=...>` or `<meta http-equiv content="...charset=...">`
/// near the start of the file.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(SNIFF_LEN)]).to_lowercase();
    let at = head.find("charset=")?;
    let label: String = head[at + "charset=".len()..]
        .trim_start_matches(['"', '\'', ' '])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_wins_over_a_wrong_declaration() {
        let html = "<meta charset=\"iso-8859-1\"><p>Café – naïve</p>";
        let decoded = decode(html.as_bytes(), true);
        assert!(decoded.text.contains("Café – naïve"));
        assert!(decoded.warning.is_none());
    }

    #[test]
    fn declared_charset_is_used_for_non_utf8_html() {
        let bytes = b"<meta charset=\"windows-1252\"><p>Caf\xe9</p>";
        let decoded = decode(bytes, true);
        assert!(decoded.text.contains("Café"));
        assert!(decoded.warning.is_some_and(|w| w.contains("windows-1252")));
    }

    #[test]
    fn invalid_utf8_text_is_read_lossily_with_a_warning() {
        let decoded = decode(b"Caf\xe9 au lait", false);
        assert_eq!(decoded.text, "Caf\u{fffd} au lait");
        assert!(
            decoded
                .warning
                .is_some_and(|w| w.contains("not valid UTF-8"))
        );
    }

    #[test]
    fn utf16_with_bom_is_text() {
        let bytes = [0xff, 0xfe, b'H', 0, b'i', 0];
        assert!(!looks_binary(&bytes));
        assert_eq!(decode(&bytes, false).text, "Hi");
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
    }
}
