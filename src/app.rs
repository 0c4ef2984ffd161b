//! The reader's whole state. `update` (in `app/update.rs`) is the only place it changes; the
//! views in `ui` only borrow it.

use std::collections::HashMap;
use std::path::PathBuf;

use dossier::store::{ArticleId, Note, NoteId, Placement};
use dossier::{Article, ArticleKey, Entities, Entity, Library, Skipped, Store};
use ratatui::layout::Rect;

use crate::config::{Config, SidebarConfig};
use crate::keys::{KeyMap, Scope};
use crate::ui::layout::ScreenLayout;
use crate::ui::theme::Theme;
use crate::ui::wrapped_article::WrappedArticle;

mod arrivals;
mod article_list;
mod article_search;
mod entity_prompt;
mod library;
mod note_editor;
mod reading;
mod sidebar;
mod text_input;
mod update;

pub use arrivals::{Arrival, Job, Report};
pub use article_list::ListState;
pub use article_search::{ArticleSearch, SearchPrompt};
pub use entity_prompt::{EntityPrompt, PromptPurpose};
pub use library::{
    FilterText, LibraryAnswer, LibraryContent, LibraryRequest, LibraryView, ListView,
};
pub use note_editor::NoteEditor;
pub use reading::ReadingState;
pub use sidebar::{SECTIONS, SidebarLine, SidebarState, sidebar_lines};
pub use text_input::{EditKey, TextInput};
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

/// What keys mean right now; each mode has its own key scope.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    /// The key-binding overlay is shown over the panes.
    Help,
    /// The open article's notes are listed over the panes; `selected` indexes `App::notes`.
    Notes {
        selected: usize,
    },
    /// A note is being written.
    EditNote(Box<NoteEditor>),
    /// Asking before deleting this note of the open article.
    ConfirmDelete(NoteId),
    /// Asking for an entity's new name, or the entity to merge it into.
    Prompt(Box<EntityPrompt>),
    /// Asking for the URL of a page to fetch.
    UrlPrompt(TextInput),
    /// Typing a search of the open article; matches light up as it is typed.
    Search(Box<SearchPrompt>),
    /// Typing a library search, or the list's filter.
    LibraryPrompt(Box<LibraryPrompt>),
    /// The entity page or search results (`App::library`) are shown over the panes.
    Library,
}

/// The one-line prompt for a library-wide question.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryPrompt {
    pub purpose: LibraryPurpose,
    pub input: TextInput,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryPurpose {
    /// Words to search the library for.
    Search,
    /// The list's filter and sort, as `FilterText` reads them.
    Filter,
}

/// A note of the open article as the reader shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownNote {
    pub id: NoteId,
    pub text: String,
    pub placement: Placement,
    /// The start of the paragraph it was written on, for notes whose paragraph is gone.
    pub quote: String,
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
    /// Whether each article (by index) has been read, from the store.
    pub read: Vec<bool>,
    /// How far through each article the reader got (0.0 to 1.0), from the store.
    pub progress: Vec<Option<f32>>,
    /// Reading state, notes and corrections. Only its in-memory methods are called from
    /// `update`; saving is an `Effect` the event loop carries out.
    pub store: Store,
    /// Each article's identity for the store (path and content hash), read by the event loop;
    /// `None` when the file could not be read again.
    pub(crate) keys: Vec<Option<ArticleKey>>,
    /// Each article's record in the store, once it has one.
    pub(crate) ids: Vec<Option<ArticleId>>,
    /// The open article's notes, in reading order, orphaned ones last.
    pub notes: Vec<ShownNote>,
    /// Whether notes show under their paragraphs.
    pub notes_inline: bool,
    /// The note deleted last and its article, for undo.
    deleted: Option<(ArticleId, Note)>,
    /// Whether the end of the open article has been in view since it was opened.
    end_reached: bool,
    /// The files and folders the library was opened from, for the empty-library explanation.
    pub sources: Vec<PathBuf>,
    pub keymap: KeyMap,
    /// Every style the views draw with.
    pub theme: Theme,
    /// Which entities the sidebar lists.
    pub sidebar_config: SidebarConfig,
    /// The reading pane's longest line of text, in columns.
    pub max_line_length: usize,
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
    /// Background work in progress (fetching a page, refreshing feeds), for the status bar.
    pub busy: Option<String>,
    /// What background work reported and `Action::TakeReports` has not yet taken in; the
    /// loop fills it, `update` empties it.
    pub inbox: std::collections::VecDeque<Report>,
    /// The search of the open article whose matches are highlighted.
    pub search: Option<ArticleSearch>,
    /// Whether the sidebar's selected entity has its mentions highlighted: from when the
    /// sidebar is first used on an article until the highlights are cleared.
    pub mentions_shown: bool,
    /// The mention of the selected entity last gone to, by index into its mentions.
    pub mention_current: Option<usize>,
    /// The article list's filter and order, when it shows other than every article by date.
    pub list_view: Option<ListView>,
    /// The entity page or search results last shown, kept after one of its articles is opened
    /// so a key brings it back.
    pub library: Option<LibraryView>,
    extract: Extractor,
    /// Entities of each article opened so far, sorted for the sidebar.
    entities: HashMap<usize, Vec<Entity>>,
}

impl App {
    /// A reader on `library`, opened from `sources`, for a terminal of `screen`, with the
    /// article last read open where it was left (else the first one). `keys` holds each
    /// article's identity for `store`, by index.
    pub fn new(
        library: Library,
        sources: Vec<PathBuf>,
        screen: Rect,
        extract: Extractor,
        store: Store,
        mut keys: Vec<Option<ArticleKey>>,
    ) -> Self {
        let count = library.articles.len();
        keys.resize(count, None);
        let ids = keys
            .iter()
            .map(|key| key.as_ref().and_then(|k| store.find(k).cloned()))
            .collect();
        let mut app = Self {
            read: vec![false; count],
            progress: vec![None; count],
            notes_inline: store.preferences().notes_inline.unwrap_or(true),
            store,
            keys,
            ids,
            notes: Vec::new(),
            deleted: None,
            end_reached: false,
            articles: library.articles,
            sources,
            keymap: KeyMap::default(),
            theme: Theme::default(),
            sidebar_config: SidebarConfig::default(),
            max_line_length: Config::default().max_line_length,
            focus: Focus::List,
            mode: Mode::Normal,
            screen,
            list: ListState::default(),
            open: None,
            reading: ReadingState::default(),
            sidebar: SidebarState::default(),
            help_scroll: 0,
            message: skipped_message(&library.skipped),
            busy: None,
            inbox: std::collections::VecDeque::new(),
            search: None,
            mentions_shown: false,
            mention_current: None,
            list_view: None,
            library: None,
            extract,
            entities: HashMap::new(),
        };
        for index in 0..count {
            app.refresh_reading_state(index);
        }
        if !app.articles.is_empty() {
            let last = app.store.last_article().map(|(id, _)| id.clone());
            let index = last
                .and_then(|last| app.ids.iter().position(|id| id.as_ref() == Some(&last)))
                .unwrap_or(0);
            update::open_article(&mut app, index);
        }
        app
    }

    /// The reader as `config` sets it up, drawn with `theme`: its keys, its sidebar and its
    /// reading width. The open article is laid out again to match.
    pub fn configure(mut self, config: &Config, theme: Theme) -> Self {
        self.keymap = config.keymap.clone();
        self.theme = theme;
        self.sidebar_config = config.sidebar.clone();
        self.max_line_length = config.max_line_length;
        self.entities.clear();
        if let Some(index) = self.open {
            update::open_article(&mut self, index);
        }
        self
    }

    /// The open article's record in the store.
    pub fn open_id(&self) -> Option<&ArticleId> {
        self.open.and_then(|index| self.ids.get(index)?.as_ref())
    }

    /// Copies article `index`'s read flag and progress from the store, for the list.
    fn refresh_reading_state(&mut self, index: usize) {
        let record = self
            .ids
            .get(index)
            .and_then(Option::as_ref)
            .and_then(|id| self.store.article(id));
        if let (Some(read), Some(progress)) =
            (self.read.get_mut(index), self.progress.get_mut(index))
        {
            *read = record.is_some_and(|r| r.read);
            // Still at the first paragraph is not worth a figure in the list.
            *progress = record
                .filter(|r| r.position > 0)
                .and_then(dossier::store::ArticleState::progress);
        }
    }

    /// The notes on paragraph `index` of the open article, in the order they were written.
    pub fn notes_on(&self, index: usize) -> impl Iterator<Item = &ShownNote> {
        self.notes
            .iter()
            .filter(move |n| n.placement.index() == Some(index))
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

    /// The entity whose mentions are highlighted, if any.
    pub fn shown_entity(&self) -> Option<&Entity> {
        if !self.mentions_shown {
            return None;
        }
        self.open_entities().get(self.sidebar.selected)
    }

    /// How many articles the list shows.
    pub fn list_len(&self) -> usize {
        self.list_view
            .as_ref()
            .map_or(self.articles.len(), |v| v.rows.len())
    }

    /// The article (by index into `articles`) in row `row` of the list.
    pub fn listed(&self, row: usize) -> Option<usize> {
        match &self.list_view {
            Some(view) => view.rows.get(row).copied(),
            None => (row < self.articles.len()).then_some(row),
        }
    }

    /// The list row showing article `index`, if the list shows it.
    pub fn row_of(&self, index: usize) -> Option<usize> {
        match &self.list_view {
            Some(view) => view.rows.iter().position(|r| *r == index),
            None => (index < self.articles.len()).then_some(index),
        }
    }

    /// The article whose file is `path`, by the path the store knows it by (absolute) or the
    /// one it was opened from.
    pub fn article_at(&self, path: &std::path::Path) -> Option<usize> {
        self.article_paths().get(path).copied()
    }

    /// Every article by its path: absolute where the store's key has it, else as opened.
    pub fn article_paths(&self) -> HashMap<&std::path::Path, usize> {
        let mut paths = HashMap::with_capacity(self.articles.len() * 2);
        for (index, article) in self.articles.iter().enumerate() {
            paths.insert(article.path.as_path(), index);
            if let Some(Some(key)) = self.keys.get(index) {
                paths.insert(std::path::Path::new(key.path.as_str()), index);
            }
        }
        paths
    }

    pub fn wrapped(&self) -> Option<&WrappedArticle> {
        self.reading.wrapped.as_ref()
    }

    /// The key scope in force: the overlay's, or the focused pane's.
    pub fn scope(&self) -> Scope {
        match &self.mode {
            Mode::Help => Scope::Help,
            Mode::Normal => self.focus.scope(),
            Mode::Notes { .. } => Scope::Notes,
            Mode::EditNote(editor) if editor.asking_discard => Scope::Confirm,
            Mode::EditNote(_) => Scope::Editor,
            Mode::ConfirmDelete(_) => Scope::Confirm,
            Mode::Prompt(_) | Mode::UrlPrompt(_) | Mode::LibraryPrompt(_) => Scope::Prompt,
            Mode::Search(_) => Scope::Search,
            Mode::Library => Scope::Library,
        }
    }

    fn entities_of(&mut self, index: usize) {
        if self.entities.contains_key(&index) {
            return;
        }
        let Some(article) = self.articles.get(index) else {
            return;
        };
        let mut found = (self.extract)(article);
        dossier::apply_corrections(&mut found, self.store.corrections());
        let mut entities = found.entities;
        let shown = &self.sidebar_config;
        entities.retain(|e| shown.shows(e));
        let kind_order = |kind| shown.kinds.iter().position(|k| *k == kind);
        entities.sort_by(|a, b| {
            kind_order(a.kind)
                .cmp(&kind_order(b.kind))
                .then(b.mentions.len().cmp(&a.mentions.len()))
                .then_with(|| a.name.cmp(&b.name))
        });
        self.entities.insert(index, entities);
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
