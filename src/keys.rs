//! The key table: which key does what in which part of the reader, with the words shown for it.
//!
//! Dispatch, the status-bar hints and the help overlay all read this one table, so what the
//! screen says a key does is what it does.

use std::fmt;
use std::str::FromStr;

use crate::action::Action;

mod key;

pub use key::{Key, KeyCode};

/// Where a binding applies. Pane scopes are tried before `Global`; overlays, prompts and
/// questions only listen to their own scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Global,
    List,
    Reading,
    Sidebar,
    /// The list of the article's notes.
    Notes,
    /// Writing a note; keys not in the table edit the text.
    Editor,
    /// A one-line question at the bottom (an entity's new name); other keys edit the answer.
    Prompt,
    /// A yes/no question.
    Confirm,
    /// Typing a search of the open article; other keys edit the query.
    Search,
    /// An entity page or library search results, over the panes.
    Library,
    Help,
}

impl Scope {
    pub const ALL: [Self; 11] = [
        Self::Global,
        Self::List,
        Self::Reading,
        Self::Sidebar,
        Self::Notes,
        Self::Editor,
        Self::Prompt,
        Self::Confirm,
        Self::Search,
        Self::Library,
        Self::Help,
    ];

    /// Scopes where typed characters are text, so no other scope's keys apply.
    pub fn takes_text(self) -> bool {
        matches!(self, Self::Editor | Self::Prompt | Self::Search)
    }

    /// The name a configuration file gives the scope: `[keys.reading]`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::List => "list",
            Self::Reading => "reading",
            Self::Sidebar => "sidebar",
            Self::Notes => "notes",
            Self::Editor => "editor",
            Self::Prompt => "prompt",
            Self::Confirm => "confirm",
            Self::Search => "search",
            Self::Library => "library",
            Self::Help => "help",
        }
    }

    /// The scope a configuration file names.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The panes, whose keys fall back to the global ones.
    pub fn is_pane(self) -> bool {
        matches!(self, Self::List | Self::Reading | Self::Sidebar)
    }

    /// The section title in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Anywhere",
            Self::List => "Article list",
            Self::Reading => "Reading pane",
            Self::Sidebar => "Entity sidebar",
            Self::Notes => "Notes list",
            Self::Editor => "Writing a note (other keys edit the text)",
            Self::Prompt => "Answering a prompt",
            Self::Confirm => "Answering a question",
            Self::Search => "Searching the article (other keys edit the query)",
            Self::Library => "Entity page and library search results",
            Self::Help => "This help",
        }
    }
}

/// One row of the table: every key in `keys` runs `action` in `scope`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub scope: Scope,
    pub keys: Vec<Key>,
    pub action: Action,
    /// What the action does, in a few words, for the help overlay and the status bar.
    pub help: &'static str,
    /// Whether the status bar lists this row while its scope is active.
    pub hint: bool,
}

/// The bindings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    bindings: Vec<Binding>,
}

impl Default for KeyMap {
    fn default() -> Self {
        use Action as A;
        use Scope as S;
        // Searching follows vim: `/` to search, `*`/`#` (vim's "this word, forward/back") for the
        // selected entity's mentions. vim's `n`/`N` already write and list notes here, so the
        // next and previous match are `;` and `,`, vim's keys for repeating a search motion
        // forwards and backwards; Esc clears the highlights, as `:nohlsearch` would.
        // The library: `S` searches it (and `/` where no article text has focus), `F` filters
        // the list as newsboat's `F` does, Esc in the list clears it; Enter on an entity opens
        // its page, and Ctrl-O (vim's "jump back") returns to the page or results last left.
        let rows: [(S, &str, A, &str, bool); 89] = [
            (S::Global, "q C-c", A::Quit, "quit", true),
            (S::Global, "C-z", A::Suspend, "suspend to the shell", false),
            (S::Global, "?", A::ToggleHelp, "help", true),
            (S::Global, "Tab", A::FocusNextPane, "next pane", true),
            (
                S::Global,
                "S-Tab",
                A::FocusPreviousPane,
                "previous pane",
                false,
            ),
            (S::Global, "h Left", A::FocusLeft, "pane to the left", false),
            (
                S::Global,
                "l Right",
                A::FocusRight,
                "pane to the right",
                false,
            ),
            (S::Global, "A", A::AddUrl, "add a page by URL", false),
            (S::Global, "R", A::RefreshFeeds, "refresh feeds", false),
            (S::Global, "S", A::SearchLibrary, "search library", false),
            (S::Global, "F", A::FilterList, "filter list", false),
            (S::Global, "C-o", A::BackToResults, "back to results", false),
            (
                S::List,
                "j Down",
                A::SelectNextArticle,
                "next article",
                true,
            ),
            (
                S::List,
                "k Up",
                A::SelectPreviousArticle,
                "previous article",
                true,
            ),
            (
                S::List,
                "g Home",
                A::SelectFirstArticle,
                "first article",
                false,
            ),
            (
                S::List,
                "G End",
                A::SelectLastArticle,
                "last article",
                false,
            ),
            (S::List, "Enter", A::OpenArticle, "open article", true),
            (S::List, "m", A::ToggleRead, "mark read/unread", false),
            (S::List, "o", A::OpenSource, "open in browser", false),
            (S::List, "/", A::SearchLibrary, "search library", true),
            (S::List, "s", A::CycleSort, "sort", false),
            (S::List, "Esc", A::ClearFilter, "clear filter", false),
            (
                S::Reading,
                "j Down",
                A::NextParagraph,
                "next paragraph",
                true,
            ),
            (
                S::Reading,
                "k Up",
                A::PreviousParagraph,
                "previous paragraph",
                true,
            ),
            (
                S::Reading,
                "g Home",
                A::FirstParagraph,
                "first paragraph",
                false,
            ),
            (
                S::Reading,
                "G End",
                A::LastParagraph,
                "last paragraph",
                false,
            ),
            (S::Reading, "Space PgDn", A::PageDown, "page down", true),
            (S::Reading, "PgUp", A::PageUp, "page up", false),
            (S::Reading, "C-e", A::LineDown, "scroll down a line", false),
            (S::Reading, "C-y", A::LineUp, "scroll up a line", false),
            (S::Reading, "n", A::EditNote, "note on paragraph", true),
            (S::Reading, "a", A::AddNote, "another note here", false),
            (S::Global, "N", A::ShowNotes, "all notes", false),
            (
                S::Reading,
                "t",
                A::ToggleInlineNotes,
                "show/hide notes",
                false,
            ),
            (S::Reading, "x", A::DeleteNote, "delete note", false),
            (S::Reading, "u", A::UndoDelete, "undo delete", false),
            (S::Reading, "m", A::ToggleRead, "mark read/unread", false),
            (S::Reading, "/", A::StartSearch, "search article", true),
            (S::Reading, ";", A::NextMatch, "next match (vim's n)", false),
            (
                S::Reading,
                ",",
                A::PreviousMatch,
                "previous match (vim's N)",
                false,
            ),
            (S::Reading, "*", A::NextMention, "next mention", false),
            (
                S::Reading,
                "#",
                A::PreviousMention,
                "previous mention",
                false,
            ),
            (
                S::Reading,
                "Esc",
                A::ClearHighlights,
                "clear highlights",
                false,
            ),
            (S::Reading, "o", A::OpenSource, "open in browser", false),
            (
                S::Reading,
                "y",
                A::CopyParagraph,
                "copy with citation",
                false,
            ),
            (S::Reading, "Y", A::CopyNote, "copy note with quote", false),
            (S::Sidebar, "j Down", A::NextEntity, "next entity", true),
            (
                S::Sidebar,
                "k Up",
                A::PreviousEntity,
                "previous entity",
                true,
            ),
            (S::Sidebar, "g Home", A::FirstEntity, "first entity", false),
            // Typed out of vim habit here too; unbound, a search's letters ran the sidebar's
            // one-letter corrections ("r" in "labor" opened the rename prompt).
            (S::Sidebar, "/", A::SearchLibrary, "search library", false),
            (S::Sidebar, "G End", A::LastEntity, "last entity", false),
            (S::Sidebar, "Enter", A::OpenEntityPage, "entity page", true),
            (
                S::Sidebar,
                "f",
                A::FilterByEntity,
                "filter list by it",
                true,
            ),
            (S::Sidebar, "r", A::RenameEntity, "rename", true),
            (S::Sidebar, "x", A::HideEntity, "hide", true),
            (S::Sidebar, "K", A::CycleEntityKind, "change kind", true),
            (S::Sidebar, "M", A::MergeEntity, "merge into…", true),
            (S::Sidebar, "u", A::UndoCorrection, "undo last fix", false),
            (S::Sidebar, "*", A::NextMention, "next mention", true),
            (
                S::Sidebar,
                "#",
                A::PreviousMention,
                "previous mention",
                true,
            ),
            (
                S::Sidebar,
                "Esc",
                A::ClearHighlights,
                "clear highlights",
                false,
            ),
            (S::Notes, "j Down", A::NextNote, "next note", true),
            (S::Notes, "k Up", A::PreviousNote, "previous note", true),
            (S::Notes, "Enter", A::JumpToNote, "go to paragraph", true),
            (S::Notes, "x", A::DeleteNote, "delete note", true),
            (S::Notes, "y", A::CopyNote, "copy with quote", false),
            (S::Notes, "Esc q N", A::CloseNotes, "close", true),
            (S::Editor, "C-s", A::SaveNote, "save note", true),
            (S::Editor, "Esc", A::CancelNote, "cancel", true),
            (
                S::Editor,
                "C-z",
                A::Suspend,
                "suspend (the text waits)",
                false,
            ),
            (S::Prompt, "Enter", A::AcceptPrompt, "accept", true),
            (S::Prompt, "Esc", A::CancelPrompt, "cancel", true),
            (S::Prompt, "Tab", A::CompletePrompt, "next entity", true),
            (S::Search, "Enter", A::AcceptSearch, "go to match", true),
            (S::Search, "Esc", A::CancelSearch, "cancel", true),
            (S::Search, "Down C-g", A::NextMatch, "next match", true),
            (
                S::Search,
                "Up C-t",
                A::PreviousMatch,
                "previous match",
                true,
            ),
            (S::Library, "j Down", A::NextResult, "next", true),
            (S::Library, "k Up", A::PreviousResult, "previous", true),
            (S::Library, "g Home", A::FirstResult, "first", false),
            (S::Library, "G End", A::LastResult, "last", false),
            (
                S::Library,
                "Enter",
                A::OpenResult,
                "open at paragraph",
                true,
            ),
            (
                S::Library,
                "f",
                A::FilterByEntity,
                "filter list by entity",
                true,
            ),
            (S::Library, "Esc q", A::CloseResults, "close", true),
            (S::Confirm, "y", A::ConfirmYes, "yes", true),
            (S::Confirm, "n Esc", A::ConfirmNo, "no", true),
            (S::Help, "Esc q ?", A::CloseHelp, "close help", true),
            (S::Help, "j Down", A::HelpScrollDown, "scroll down", true),
            (S::Help, "k Up", A::HelpScrollUp, "scroll up", true),
        ];
        let bindings = rows
            .into_iter()
            .map(|(scope, keys, action, help, hint)| Binding {
                scope,
                // The table above is fixed text that every test run parses, so a typo in it
                // fails the tests rather than a user's session.
                keys: keys
                    .split(' ')
                    .map(|k| Key::from_str(k).unwrap_or_else(|e| panic!("key table: {e}")))
                    .collect(),
                action,
                help,
                hint,
            })
            .collect();
        Self { bindings }
    }
}

impl KeyMap {
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Gives `action`'s row in `scope` these keys instead of its own; false when `scope` has
    /// no row for `action`. Whether the keys clash with others is the caller's to check.
    pub fn rebind(&mut self, scope: Scope, action: Action, keys: Vec<Key>) -> bool {
        match self
            .bindings
            .iter_mut()
            .find(|b| b.scope == scope && b.action == action)
        {
            Some(binding) => {
                binding.keys = keys;
                true
            }
            None => false,
        }
    }

    /// The keys of `action`'s row in `scope`, if it has one.
    pub fn keys_of(&self, scope: Scope, action: Action) -> Option<&[Key]> {
        self.scope(scope)
            .find(|b| b.action == action)
            .map(|b| b.keys.as_slice())
    }

    /// The rows of one scope, in table order.
    pub fn scope(&self, scope: Scope) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.scope == scope)
    }

    /// The action `key` runs in `scope`, without falling back to another scope.
    pub fn lookup(&self, scope: Scope, key: Key) -> Option<Action> {
        self.scope(scope)
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// The action `key` runs when `scope` is active: overlays listen only to their own rows
    /// (the help and notes lists also to Ctrl-C), panes fall back to the global rows.
    pub fn dispatch(&self, scope: Scope, key: Key) -> Option<Action> {
        match scope {
            Scope::Help | Scope::Notes | Scope::Library => self
                .lookup(scope, key)
                .or_else(|| (key == Key::ctrl('c')).then_some(Action::Quit)),
            // Ctrl-C does not quit here: it would throw away what is being typed or decided.
            Scope::Editor | Scope::Prompt | Scope::Confirm | Scope::Search => {
                self.lookup(scope, key)
            }
            Scope::Global => self.lookup(Scope::Global, key),
            pane => self
                .lookup(pane, key)
                .or_else(|| self.lookup(Scope::Global, key)),
        }
    }

    /// The status-bar hints while `scope` is active: the help key first, since it leads to
    /// everything else, then the scope's own rows, then the other global ones.
    pub fn hints(&self, scope: Scope) -> Vec<Hint<'_>> {
        let overlay = matches!(
            scope,
            Scope::Help
                | Scope::Notes
                | Scope::Library
                | Scope::Editor
                | Scope::Prompt
                | Scope::Confirm
                | Scope::Search
        );
        let global: Vec<&Binding> = if overlay {
            Vec::new()
        } else {
            self.scope(Scope::Global).collect()
        };
        let is_help = |b: &&Binding| b.action == Action::ToggleHelp;
        global
            .iter()
            .copied()
            .filter(is_help)
            .chain(self.scope(scope))
            .chain(global.iter().copied().filter(|b| !is_help(b)))
            .filter(|b| b.hint)
            .map(|b| Hint {
                keys: &b.keys,
                help: b.help,
            })
            .collect()
    }
}

/// A key and what it does, as the status bar shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint<'a> {
    pub keys: &'a [Key],
    pub help: &'a str,
}

/// Keys written the way the help overlay shows them: `j/Down`.
pub struct KeyList<'a>(pub &'a [Key]);

impl fmt::Display for KeyList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, key) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("/")?;
            }
            write!(f, "{key}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
