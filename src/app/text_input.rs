//! Text being typed: a note (several lines) or a one-line answer to a prompt, and where the
//! cursor is in it.
//!
//! Written here rather than taken from a text-area crate because those read the terminal's key
//! events themselves, and in dossier keys become actions at one edge (`reader.rs`) and `update`
//! never sees a terminal event.

/// One editing step, from a key or a paste.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum EditKey {
    Insert(char),
    /// Enter: a new line in a note; prompts ignore it (Enter answers them).
    #[default]
    Newline,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    /// To the start of the line.
    Home,
    /// To the end of the line.
    End,
    WordLeft,
    WordRight,
    /// Ctrl-U, as in a shell: delete back to the start of the line.
    DeleteToLineStart,
    /// Ctrl-K: delete to the end of the line.
    DeleteToLineEnd,
    /// Ctrl-W: delete the word before the cursor.
    DeleteWordLeft,
}

/// Text and a cursor (a byte offset, always on a character boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
    multiline: bool,
}

impl TextInput {
    /// A note's text, cursor at its end.
    pub fn multiline(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            cursor: text.len(),
            multiline: true,
        }
    }

    /// A prompt's answer, cursor at its end; line breaks become spaces.
    pub fn single_line(text: &str) -> Self {
        let text = text.replace(['\n', '\r'], " ");
        Self {
            cursor: text.len(),
            text,
            multiline: false,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Replaces the text, cursor at its end.
    pub fn set_text(&mut self, text: &str) {
        *self = if self.multiline {
            Self::multiline(text)
        } else {
            Self::single_line(text)
        };
    }

    pub fn apply(&mut self, key: EditKey) {
        match key {
            EditKey::Insert(c) => self.insert(c),
            EditKey::Newline => self.insert('\n'),
            EditKey::Backspace => {
                if let Some(previous) = self.previous_boundary() {
                    self.text.replace_range(previous..self.cursor, "");
                    self.cursor = previous;
                }
            }
            EditKey::Delete => {
                if let Some(next) = self.next_boundary() {
                    self.text.replace_range(self.cursor..next, "");
                }
            }
            EditKey::Left => self.cursor = self.previous_boundary().unwrap_or(self.cursor),
            EditKey::Right => self.cursor = self.next_boundary().unwrap_or(self.cursor),
            EditKey::Home => self.cursor = self.line_start(),
            EditKey::End => self.cursor = self.line_end(),
            EditKey::Up => self.vertical(false),
            EditKey::Down => self.vertical(true),
            EditKey::WordLeft => self.cursor = self.word_left(),
            EditKey::WordRight => self.cursor = self.word_right(),
            EditKey::DeleteToLineStart => self.delete_back_to(self.line_start()),
            EditKey::DeleteToLineEnd => {
                let end = self.line_end();
                self.text.replace_range(self.cursor..end, "");
            }
            EditKey::DeleteWordLeft => self.delete_back_to(self.word_left()),
        }
    }

    fn delete_back_to(&mut self, start: usize) {
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    fn insert(&mut self, c: char) {
        let c = match c {
            '\r' | '\n' if !self.multiline => ' ',
            '\r' => '\n',
            '\t' => ' ',
            c if c.is_control() && c != '\n' => return,
            c => c,
        };
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    fn previous_boundary(&self) -> Option<usize> {
        self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map(|(i, _)| i)
    }

    fn next_boundary(&self) -> Option<usize> {
        self.text[self.cursor..]
            .chars()
            .next()
            .map(|c| self.cursor + c.len_utf8())
    }

    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i)
    }

    /// Moves a line up or down, keeping the column (in characters) where the line allows.
    fn vertical(&mut self, down: bool) {
        let start = self.line_start();
        let column = self.text[start..self.cursor].chars().count();
        let target_start = if down {
            let end = self.line_end();
            if end == self.text.len() {
                self.cursor = end;
                return;
            }
            end + 1
        } else {
            if start == 0 {
                self.cursor = 0;
                return;
            }
            self.text[..start - 1].rfind('\n').map_or(0, |i| i + 1)
        };
        let line = self.text[target_start..]
            .split('\n')
            .next()
            .unwrap_or_default();
        let offset = line
            .char_indices()
            .nth(column)
            .map_or(line.len(), |(i, _)| i);
        self.cursor = target_start + offset;
    }

    fn word_left(&self) -> usize {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end_matches(|c: char| !c.is_alphanumeric());
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    fn word_right(&self) -> usize {
        let after = &self.text[self.cursor..];
        let skipped = after.len()
            - after
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let rest = &after[skipped..];
        let word = rest
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(rest.len(), |(i, _)| i);
        self.cursor + skipped + word
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EditKey as E;

    #[test]
    fn shell_deletions_clear_the_line_the_word_and_the_rest() {
        let mut input = TextInput::single_line("Leyen");
        input.apply(E::DeleteToLineStart);
        assert_eq!((input.text(), input.cursor()), ("", 0));
        typed(&mut input, "Ursula von der Leyen");
        input.apply(E::DeleteWordLeft);
        assert_eq!(input.text(), "Ursula von der ");
        input.apply(E::WordLeft);
        input.apply(E::DeleteToLineEnd);
        assert_eq!(input.text(), "Ursula von ");
        let mut note = TextInput::multiline("first line\nsecond");
        note.apply(E::DeleteToLineStart);
        assert_eq!(note.text(), "first line\n");
    }

    fn typed(input: &mut TextInput, text: &str) {
        for c in text.chars() {
            input.apply(E::Insert(c));
        }
    }

    /// The text with `|` where the cursor is.
    fn shown(input: &TextInput) -> String {
        let mut text = input.text().to_owned();
        text.insert(input.cursor(), '|');
        text
    }

    #[test]
    fn typing_inserts_at_the_cursor() {
        let mut input = TextInput::multiline("");
        typed(&mut input, "helo");
        input.apply(E::Left);
        typed(&mut input, "l");
        assert_eq!(shown(&input), "hell|o");
        input.apply(E::End);
        input.apply(E::Newline);
        typed(&mut input, "wörld");
        assert_eq!(shown(&input), "hello\nwörld|");
    }

    #[test]
    fn backspace_and_delete_remove_whole_characters() {
        let mut input = TextInput::multiline("aéb");
        input.apply(E::Left);
        input.apply(E::Backspace);
        assert_eq!(shown(&input), "a|b");
        input.apply(E::Delete);
        assert_eq!(shown(&input), "a|");
        input.apply(E::Delete);
        input.apply(E::Home);
        input.apply(E::Backspace);
        assert_eq!(shown(&input), "|a");
    }

    #[test]
    fn up_and_down_keep_the_column_where_they_can() {
        let mut input = TextInput::multiline("first line\nab\nthird line");
        input.apply(E::Up);
        assert_eq!(shown(&input), "first line\nab|\nthird line");
        input.apply(E::Up);
        assert_eq!(shown(&input), "fi|rst line\nab\nthird line");
        input.apply(E::Up);
        assert_eq!(shown(&input), "|first line\nab\nthird line");
        input.apply(E::Down);
        input.apply(E::Down);
        assert_eq!(shown(&input), "first line\nab\n|third line");
        input.apply(E::Down);
        assert_eq!(shown(&input), "first line\nab\nthird line|");
    }

    #[test]
    fn word_moves_skip_punctuation() {
        let mut input = TextInput::multiline("one, two three");
        input.apply(E::WordLeft);
        assert_eq!(shown(&input), "one, two |three");
        input.apply(E::WordLeft);
        input.apply(E::WordLeft);
        assert_eq!(shown(&input), "|one, two three");
        input.apply(E::WordRight);
        assert_eq!(shown(&input), "one|, two three");
        input.apply(E::WordRight);
        assert_eq!(shown(&input), "one, two| three");
    }

    #[test]
    fn a_prompt_stays_on_one_line_and_control_characters_are_dropped() {
        let mut input = TextInput::single_line("a\nb");
        input.apply(E::Newline);
        typed(&mut input, "c\u{1b}[31m\r\td");
        assert_eq!(input.text(), "a b c[31m  d");
        let mut note = TextInput::multiline("");
        typed(&mut note, "x\ry");
        assert_eq!(note.text(), "x\ny");
    }
}
