//! The vocabulary of the reader: every intent a key, a click or a resize can express.

use serde::Deserialize;
use strum::EnumIter;

use crate::app::EditKey;

/// One thing the user wants done. Keys map to these through the key table; `update` applies them.
///
/// Deserializable so a key remap file can name actions; a misspelt name is then a load error
/// instead of a binding that silently does nothing. Variants carrying positions come from the
/// mouse or the terminal and cannot be named in such a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, EnumIter)]
pub enum Action {
    /// Leave the reader.
    Quit,
    /// Show or hide the list of key bindings.
    ToggleHelp,
    /// Close the help overlay.
    CloseHelp,
    /// Scroll the help overlay down one line.
    HelpScrollDown,
    /// Scroll the help overlay up one line.
    HelpScrollUp,
    /// Move focus to the next pane, wrapping around.
    FocusNextPane,
    /// Move focus to the previous pane, wrapping around.
    FocusPreviousPane,
    /// Move focus one pane to the left.
    FocusLeft,
    /// Move focus one pane to the right.
    FocusRight,
    /// Select the next article in the list.
    SelectNextArticle,
    /// Select the previous article in the list.
    SelectPreviousArticle,
    /// Select the first article in the list.
    SelectFirstArticle,
    /// Select the last article in the list.
    SelectLastArticle,
    /// Open the selected article in the reading pane.
    OpenArticle,
    /// Make the next paragraph current.
    NextParagraph,
    /// Make the previous paragraph current.
    PreviousParagraph,
    /// Go to the first paragraph.
    FirstParagraph,
    /// Go to the last paragraph.
    LastParagraph,
    /// Scroll the reading pane down one page.
    PageDown,
    /// Scroll the reading pane up one page.
    PageUp,
    /// Scroll the reading pane down one line.
    LineDown,
    /// Scroll the reading pane up one line.
    LineUp,
    /// Select the next entity in the sidebar.
    NextEntity,
    /// Select the previous entity in the sidebar.
    PreviousEntity,
    /// Select the first entity in the sidebar.
    FirstEntity,
    /// Select the last entity in the sidebar.
    LastEntity,
    /// Save notes, restore the terminal and stop, until the shell's `fg`.
    Suspend,
    /// Mark the article read, or unread again.
    ToggleRead,
    /// Write a note on the current paragraph, or edit the one it has.
    EditNote,
    /// Write another note on the current paragraph.
    AddNote,
    /// Show or hide notes under their paragraphs.
    ToggleInlineNotes,
    /// List every note of the article, including those whose paragraph is gone.
    ShowNotes,
    /// Delete the current paragraph's note, after asking.
    DeleteNote,
    /// Bring back the note deleted last.
    UndoDelete,
    /// Keep the note being written.
    SaveNote,
    /// Stop writing the note (asking first if it was changed).
    CancelNote,
    /// Answer yes to the question asked.
    ConfirmYes,
    /// Answer no to the question asked.
    ConfirmNo,
    /// Select the next note in the notes list.
    NextNote,
    /// Select the previous note in the notes list.
    PreviousNote,
    /// Go to the selected note's paragraph.
    JumpToNote,
    /// Close the notes list.
    CloseNotes,
    /// Hide the selected entity in every article.
    HideEntity,
    /// Give the selected entity another name in every article.
    RenameEntity,
    /// Make the selected entity the next kind: person, group, country.
    CycleEntityKind,
    /// Merge the selected entity into another one of its kind.
    MergeEntity,
    /// Take back the last entity fix.
    UndoCorrection,
    /// Accept what was typed in the prompt.
    AcceptPrompt,
    /// Close the prompt without changing anything.
    CancelPrompt,
    /// Fill in the prompt with the next matching entity.
    CompletePrompt,
    /// Ask for the URL of a web page to fetch into the library.
    AddUrl,
    /// Fetch every feed followed, in the background.
    RefreshFeeds,
    /// Take in what background work reported: progress, new articles, its end.
    #[serde(skip)]
    TakeReports,
    /// Go to the next mention of the entity selected in the sidebar.
    NextMention,
    /// Go to the previous mention of the entity selected in the sidebar.
    PreviousMention,
    /// Search the open article, highlighting matches while the query is typed.
    StartSearch,
    /// Keep the search and stay at the match.
    AcceptSearch,
    /// Drop the search being typed and go back to where reading was.
    CancelSearch,
    /// Go to the next match of the search.
    NextMatch,
    /// Go to the previous match of the search.
    PreviousMatch,
    /// Stop highlighting search matches and the selected entity's mentions.
    ClearHighlights,
    /// List only the articles that mention the selected entity, with their mention counts.
    FilterByEntity,
    /// Show every article and note about the selected entity, across the library.
    OpenEntityPage,
    /// Search the titles, authors, text and notes of the whole library.
    SearchLibrary,
    /// Type conditions the article list must meet, and its order.
    FilterList,
    /// Show the whole article list again, in its order.
    ClearFilter,
    /// Sort the article list by the next order: date, title, last opened.
    CycleSort,
    /// Select the next row of the entity page or search results.
    NextResult,
    /// Select the previous row of the entity page or search results.
    PreviousResult,
    /// Select the first row of the entity page or search results.
    FirstResult,
    /// Select the last row of the entity page or search results.
    LastResult,
    /// Open the selected row's article at its paragraph.
    OpenResult,
    /// Close the entity page or search results.
    CloseResults,
    /// Go back to the entity page or search results last shown.
    BackToResults,
    /// Open the article's web page in the browser.
    OpenSource,
    /// Copy the current paragraph with its citation.
    CopyParagraph,
    /// Copy the current paragraph's note with the paragraph it quotes and its citation.
    CopyNote,
    /// Edit the text being typed: insert a character, move the cursor, delete.
    #[serde(skip)]
    Edit(EditKey),
    /// The terminal now has this size.
    #[serde(skip)]
    Resize { width: u16, height: u16 },
    /// A mouse click at this screen cell: focus the pane there and select what was clicked.
    #[serde(skip)]
    Click { column: u16, row: u16 },
    /// The mouse wheel turned over this screen cell: scroll the pane under the pointer.
    #[serde(skip)]
    Wheel { column: u16, row: u16, down: bool },
}

impl Action {
    /// The name a configuration file uses for a bindable action: `NextParagraph`.
    pub fn name(self) -> String {
        format!("{self:?}")
    }

    /// Whether a key can be bound to this action; the others come from the mouse or the terminal.
    pub fn is_bindable(self) -> bool {
        !matches!(
            self,
            Self::Resize { .. }
                | Self::Click { .. }
                | Self::Wheel { .. }
                | Self::Edit(_)
                | Self::TakeReports
        )
    }
}

/// Work `update` asks the caller to do, since `update` itself touches nothing outside the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save what changed, then restore the terminal and exit.
    Quit,
    /// Hand the changed state to the saver (which waits for a quiet moment).
    Save,
    /// Save now, give the terminal back and stop until resumed.
    Suspend,
    /// Fetch this URL into the library in the background.
    AddUrl(String),
    /// Refresh every feed in the background.
    RefreshFeeds,
    /// Open this http(s) address in the browser.
    OpenUrl(String),
    /// Put `text` on the clipboard and say that `what` was copied.
    Copy { text: String, what: String },
    /// Ask the library index; the answer comes back as a `Report::Library` with the same
    /// `serial`.
    QueryLibrary {
        serial: u64,
        request: Box<crate::app::LibraryRequest>,
    },
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    #[test]
    fn bindable_actions_deserialize_by_name() {
        #[derive(Deserialize)]
        struct Row {
            run: Action,
        }
        let row: Row = serde_json::from_str(r#"{"run":"NextParagraph"}"#).expect("a known action");
        assert_eq!(row.run, Action::NextParagraph);
    }

    /// A remap file and the help overlay both lean on each action having a one-line doc.
    #[test]
    fn every_variant_has_a_one_line_doc() {
        let source = include_str!("action.rs");
        let body = source
            .split("pub enum Action {")
            .nth(1)
            .and_then(|rest| rest.split("\n}").next())
            .expect("the Action enum");
        let lines: Vec<&str> = body.lines().map(str::trim).collect();
        let mut variants = 0;
        for (i, line) in lines.iter().enumerate() {
            let starts_variant = line.chars().next().is_some_and(char::is_uppercase);
            if !starts_variant {
                continue;
            }
            variants += 1;
            let docs: Vec<&&str> = lines[..i]
                .iter()
                .rev()
                .take_while(|l| l.starts_with("///") || l.starts_with("#["))
                .filter(|l| l.starts_with("///"))
                .collect();
            assert_eq!(docs.len(), 1, "{line} needs exactly one doc line");
            assert!(docs[0].len() > "/// ".len() + 3, "{line} has an empty doc");
        }
        assert_eq!(variants, Action::iter().count());
    }

    #[test]
    fn unknown_and_positional_actions_do_not_deserialize() {
        assert!(serde_json::from_str::<Action>(r#""NextParagrahp""#).is_err());
        assert!(serde_json::from_str::<Action>(r#"{"Click":{"column":1,"row":1}}"#).is_err());
    }
}
