//! The reader's whole state. `update` (in `app/update.rs`) is the only place it changes; the
//! views in `ui` only borrow it.

use std::collections::HashMap;
use std::path::PathBuf;

use dossier::{Article, Entities, Entity, EntityKind, Library, Skipped};
use ratatui::layout::Rect;

use crate::keys::{KeyMap, Scope};
use crate::ui::layout::ScreenLayout;
use crate::ui::wrapped_article::WrappedArticle;

mod article_list;
mod reading;
mod sidebar;
mod update;

pub use article_list::ListState;
pub use reading::ReadingState;
pub use sidebar::{SidebarLine, SidebarState, sidebar_lines};
pub use update::update;

/// The pane that receives keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reading,
    Sidebar,
}

impl Focus {
    /// Left to right, the order Tab moves in.
    pub const ALL: [Self; 3] = [Self::List, Self::Reading, Self::Sidebar];

    pub fn scope(self) -> Scope {
        match self {
            Self::List => Scope::List,
            Self::Reading => Scope::Reading,
            Self::Sidebar => Scope::Sidebar,
        }
    }
}

/// What keys mean right now. Text-entry modes (a note editor, a search prompt) become further
/// variants, each with its own key scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// The key-binding overlay is shown over the panes.
    Help,
}

/// A line for the status bar, kept until the next key press.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub warning: bool,
}

/// How entities are found for an article; the extractor in the core, or a fixed list in tests.
pub type Extractor = fn(&Article) -> Entities;

pub struct App {
    pub articles: Vec<Article>,
    /// Whether each article (by index) has been read; all unread until reading state is stored.
    pub read: Vec<bool>,
    /// The files and folders the library was opened from, for the empty-library explanation.
    pub sources: Vec<PathBuf>,
    pub keymap: KeyMap,
    pub focus: Focus,
    pub mode: Mode,
    /// The whole terminal.
    pub screen: Rect,
    pub list: ListState,
    /// The article shown in the reading pane and the sidebar.
    pub open: Option<usize>,
    pub reading: ReadingState,
    pub sidebar: SidebarState,
    pub help_scroll: usize,
    pub message: Option<Message>,
    extract: Extractor,
    /// Entities of each article opened so far, sorted for the sidebar.
    entities: HashMap<usize, Vec<Entity>>,
}

impl App {
    /// A reader on `library`, opened from `sources`, for a terminal of `screen`, with the first
    /// article open.
    pub fn new(library: Library, sources: Vec<PathBuf>, screen: Rect, extract: Extractor) -> Self {
        let mut app = Self {
            read: vec![false; library.articles.len()],
            articles: library.articles,
            sources,
            keymap: KeyMap::default(),
            focus: Focus::List,
            mode: Mode::Normal,
            screen,
            list: ListState::default(),
            open: None,
            reading: ReadingState::default(),
            sidebar: SidebarState::default(),
            help_scroll: 0,
            message: skipped_message(&library.skipped),
            extract,
            entities: HashMap::new(),
        };
        if !app.articles.is_empty() {
            update::open_article(&mut app, 0);
        }
        app
    }

    pub fn layout(&self) -> Option<ScreenLayout> {
        ScreenLayout::new(self.screen)
    }

    pub fn open_article(&self) -> Option<&Article> {
        self.open.and_then(|index| self.articles.get(index))
    }

    /// The open article's entities, people first, then groups, then countries.
    pub fn open_entities(&self) -> &[Entity] {
        self.open
            .and_then(|index| self.entities.get(&index))
            .map_or(&[], Vec::as_slice)
    }

    pub fn wrapped(&self) -> Option<&WrappedArticle> {
        self.reading.wrapped.as_ref()
    }

    /// The key scope in force: the overlay's, or the focused pane's.
    pub fn scope(&self) -> Scope {
        match self.mode {
            Mode::Help => Scope::Help,
            Mode::Normal => self.focus.scope(),
        }
    }

    fn entities_of(&mut self, index: usize) {
        if self.entities.contains_key(&index) {
            return;
        }
        let Some(article) = self.articles.get(index) else {
            return;
        };
        let mut entities = (self.extract)(article).entities;
        entities.sort_by(|a, b| {
            kind_order(a.kind)
                .cmp(&kind_order(b.kind))
                .then(b.mentions.len().cmp(&a.mentions.len()))
                .then_with(|| a.name.cmp(&b.name))
        });
        self.entities.insert(index, entities);
    }
}

fn kind_order(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Group => 1,
        EntityKind::Country => 2,
    }
}

/// "2 files skipped: a.pdf (not an article); b.txt (empty)": file names pass the sanitizer,
/// since they come from the disk and reach the terminal.
fn skipped_message(skipped: &[Skipped]) -> Option<Message> {
    if skipped.is_empty() {
        return None;
    }
    let noun = if skipped.len() == 1 { "file" } else { "files" };
    let details: Vec<String> = skipped
        .iter()
        .map(|s| {
            let name = s
                .path
                .file_name()
                .map_or_else(|| s.path.to_string_lossy(), |name| name.to_string_lossy());
            // Reasons often start with the full path; the name is enough once it leads the entry.
            let full = s.path.to_string_lossy();
            let reason = s.reason.replace(full.as_ref(), "");
            let reason = reason.trim_start_matches(':').trim();
            format!(
                "{} ({})",
                dossier::sanitize::sanitize(&name),
                dossier::sanitize::sanitize(reason).replace('\n', " ")
            )
        })
        .collect();
    Some(Message {
        text: format!("{} {noun} skipped: {}", skipped.len(), details.join("; ")),
        warning: true,
    })
}
