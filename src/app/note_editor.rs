//! A note being written: its text, the paragraph it goes on, and whether it is new.

use dossier::store::NoteId;

use super::TextInput;

#[derive(Debug, Clone, PartialEq)]
pub struct NoteEditor {
    pub input: TextInput,
    /// Index into the open article's paragraphs.
    pub paragraph: usize,
    /// The note being edited; `None` for a new one.
    pub note: Option<NoteId>,
    /// The text when the editor opened, to tell whether leaving would lose anything.
    pub original: String,
    /// Whether "discard the changes?" is being asked.
    pub asking_discard: bool,
}

impl NoteEditor {
    pub fn new(paragraph: usize, note: Option<(NoteId, &str)>) -> Self {
        let (note, original) = match note {
            Some((id, text)) => (Some(id), text.to_owned()),
            None => (None, String::new()),
        };
        Self {
            input: TextInput::multiline(&original),
            paragraph,
            note,
            original,
            asking_discard: false,
        }
    }

    pub fn changed(&self) -> bool {
        self.input.text() != self.original
    }
}
