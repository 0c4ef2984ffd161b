//! The reader's whole state. `update` (in `app/update.rs`) is the only place it changes; the
//! views in `ui` only borrow it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use dossier::index::ArticleSummary;
use dossier::store::{ArticleId, Note, NoteId, Placement};
use dossier::{Article, ArticleKey, Entities, Entity, Skipped, Store};
use ratatui::layout::Rect;

use crate::config::{Config, SidebarConfig};
use crate::keys::{KeyMap, Scope};
use crate::ui::layout::ScreenLayout;
use crate::ui::theme::Theme;
use crate::ui::wrapped_article::WrappedArticle;

mod arrivals;
mod article_list;
mod article_search;
mod bodies;
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
#[cfg(test)]
pub use bodies::HeldBodies;
pub use bodies::{ArticleBodies, BodyCache, merge_in_order, sort_for_list};
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
    /// The library as the list shows it: a summary per article, no bodies (see `bodies`).
    pub articles: Vec<ArticleSummary>,
    /// Whether each article (by index) has been read, from the store.
    pub read: Vec<bool>,
    /// How far through each article the reader got (0.0 to 1.0), from the store.
    pub progress: Vec<Option<f32>>,
    /// Reading state, notes and corrections. Only its in-memory methods are called from
    /// `update`; saving is an `Effect` the event loop carries out.
    pub store: Store,
    /// Where an article's paragraphs come from when it is opened.
    bodies: Box<dyn ArticleBodies>,
    /// The open article's body and a few recent ones.
    cache: BodyCache,
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
    /// How far bringing the library index up to date has got, while it runs.
    pub indexing: Option<String>,
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
    /// The serial of the last question asked of the library index: an answer to an earlier
    /// one (the user has asked something else since) is dropped.
    pub library_serial: u64,
    /// The last question asked of the library index, until it is answered.
    pub library_waiting: Option<LibraryRequest>,
    extract: Extractor,
    /// Entities of each article opened so far (by path and content hash), sorted for the sidebar.
    entities: HashMap<(PathBuf, String), Vec<Entity>>,
}

impl App {
    /// A reader on `articles` (in list order), whose bodies come from `bodies`, opened from
    /// `sources`, for a terminal of `screen`, with the article last read open where it was left
    /// (else the first one).
    pub fn new(
        articles: Vec<ArticleSummary>,
        bodies: Box<dyn ArticleBodies>,
        sources: Vec<PathBuf>,
        screen: Rect,
        extract: Extractor,
        store: Store,
    ) -> Self {
        let mut app = Self {
            read: Vec::new(),
            progress: Vec::new(),
            notes_inline: store.preferences().notes_inline.unwrap_or(true),
            store,
            ids: Vec::new(),
            notes: Vec::new(),
            deleted: None,
            end_reached: false,
            articles: Vec::new(),
            bodies,
            cache: BodyCache::default(),
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
            message: None,
            busy: None,
            indexing: None,
            inbox: std::collections::VecDeque::new(),
            search: None,
            mentions_shown: false,
            mention_current: None,
            list_view: None,
            library: None,
            library_serial: 0,
            library_waiting: None,
            extract,
            entities: HashMap::new(),
        };
        app.set_articles(articles);
        app.open_last_read();
        app
    }

    /// Opens the article last read (else the first), when none is open yet.
    pub(crate) fn open_last_read(&mut self) {
        if self.open.is_some() || self.articles.is_empty() {
            return;
        }
        let last = self.store.last_article().map(|(id, _)| id.clone());
        let index = last
            .and_then(|last| self.ids.iter().position(|id| id.as_ref() == Some(&last)))
            .unwrap_or(0);
        update::open_article(self, index);
    }

    /// Replaces the list with `articles`, each joined to its record in the store. Positions
    /// (selection, open article) are the caller's to keep.
    pub(crate) fn set_articles(&mut self, articles: Vec<ArticleSummary>) {
        self.articles = articles;
        let count = self.articles.len();
        // Looked up without making each article's key: this runs for every batch that
        // lands while the index is built.
        self.ids = self
            .articles
            .iter()
            .map(|entry| {
                if entry.hash.is_empty() {
                    return None;
                }
                let absolute;
                let path = if entry.path.is_absolute() {
                    entry.path.as_path()
                } else {
                    absolute =
                        std::path::absolute(&entry.path).unwrap_or_else(|_| entry.path.clone());
                    absolute.as_path()
                };
                self.store
                    .find_by(&path.to_string_lossy(), &entry.hash)
                    .cloned()
            })
            .collect();
        self.read = vec![false; count];
        self.progress = vec![None; count];
        for index in 0..count {
            self.refresh_reading_state(index);
        }
    }

    /// Article `index`'s identity for the store: its path and the content hash the index
    /// computed when it read the file. `None` for an article whose bytes are unknown.
    pub(crate) fn key(&self, index: usize) -> Option<ArticleKey> {
        let entry = self.articles.get(index)?;
        if entry.hash.is_empty() {
            return None;
        }
        Some(ArticleKey {
            // The index holds paths under its canonical roots already: no file system call.
            path: std::path::absolute(&entry.path)
                .unwrap_or_else(|_| entry.path.clone())
                .to_string_lossy()
                .into_owned(),
            content_hash: entry.hash.clone(),
        })
    }

    /// Article `index`'s body: from the cache, else loaded (and kept) when `keep`, else
    /// loaded for this one use.
    pub(crate) fn body(&mut self, index: usize, keep: bool) -> Result<Rc<Article>, String> {
        let entry = self.articles.get(index).ok_or("not in the list")?;
        if let Some(article) = self.cache.get(&entry.path, &entry.hash) {
            let article = Rc::clone(article);
            if keep {
                self.cache.touch(&entry.path, &entry.hash);
            }
            return Ok(article);
        }
        let article = Rc::new(self.bodies.load(entry)?);
        if keep {
            let hash = entry.hash.clone();
            self.keep_rc(hash, Rc::clone(&article));
        }
        Ok(article)
    }

    /// Puts an article parsed outside the index (just fetched) in the cache, so opening it
    /// needs no load.
    pub(crate) fn keep_body(&mut self, hash: String, article: Article) {
        self.keep_rc(hash, Rc::new(article));
    }

    fn keep_rc(&mut self, hash: String, article: Rc<Article>) {
        let open = self
            .open
            .and_then(|index| self.articles.get(index))
            .map(|e| (e.path.as_path(), e.hash.as_str()));
        self.cache.keep(hash, article, open);
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

    /// The open article's body (always in the cache while it is open).
    pub fn open_article(&self) -> Option<&Article> {
        let entry = self.articles.get(self.open?)?;
        self.cache.get(&entry.path, &entry.hash).map(|a| &**a)
    }

    /// The open article's body, shared, for code that changes the app while it reads the body.
    pub(crate) fn open_body(&self) -> Option<Rc<Article>> {
        let entry = self.articles.get(self.open?)?;
        self.cache.get(&entry.path, &entry.hash).cloned()
    }

    /// The open article's summary.
    pub fn open_entry(&self) -> Option<&ArticleSummary> {
        self.articles.get(self.open?)
    }

    /// The open article's entities, people first, then groups, then countries.
    pub fn open_entities(&self) -> &[Entity] {
        self.open_entry()
            .and_then(|entry| self.entities.get(&(entry.path.clone(), entry.hash.clone())))
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
    pub fn article_at(&self, path: &Path) -> Option<usize> {
        // One look-up: a scan costs less than building the map of every path.
        self.articles.iter().position(|a| a.path == path)
    }

    /// Every article by its path (the index's, which is absolute, as the store's key is).
    pub fn article_paths(&self) -> HashMap<&std::path::Path, usize> {
        let mut paths = HashMap::with_capacity(self.articles.len() * 2);
        for (index, article) in self.articles.iter().enumerate() {
            paths.insert(article.path.as_path(), index);
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

    /// Finds the entities of the open article for the sidebar. Extracted from the body rather
    /// than read from the index: the sidebar and the highlights need every mention's place in
    /// its paragraph, which the index does not keep.
    fn entities_of_open(&mut self) {
        let Some(entry) = self.open_entry() else {
            return;
        };
        let cache_key = (entry.path.clone(), entry.hash.clone());
        if self.entities.contains_key(&cache_key) {
            return;
        }
        let Some(article) = self.open_article() else {
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
        self.entities.insert(cache_key, entities);
    }
}

/// "2 files skipped: a.pdf (not an article); b.txt (empty)": file names pass the sanitizer,
/// since they come from the disk and reach the terminal.
pub(crate) fn skipped_message(skipped: &[Skipped]) -> Option<Message> {
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
