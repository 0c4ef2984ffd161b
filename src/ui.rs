//! Drawing the reader. Every widget here borrows the state it shows; nothing is cloned per frame.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Mode};

pub mod article_list;
pub mod entity_sidebar;
pub mod help_overlay;
pub mod layout;
pub mod library_view;
pub mod note_editor;
pub mod notes_list;
pub mod question;
pub mod reading_pane;
pub mod status_bar;
pub mod theme;
pub mod wrapped_article;

#[cfg(test)]
pub mod test_articles;
#[cfg(test)]
mod tests;

use article_list::ArticleList;
use entity_sidebar::EntitySidebar;
use help_overlay::HelpOverlay;
use layout::{MIN_HEIGHT, MIN_WIDTH, ScreenLayout};
use library_view::LibraryViewWidget;
use note_editor::NoteEditorView;
use notes_list::NotesList;
use question::{PromptLine, Question};
use reading_pane::ReadingPane;
use status_bar::StatusBar;
use theme::Theme;

/// Rendering `&App` rather than `App` lets the event loop draw without giving up or cloning
/// the state.
impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(layout) = ScreenLayout::new(area) else {
            render_too_small(&self.theme, area, buf);
            return;
        };
        ArticleList::new(self, &layout).render(layout.list, buf);
        ReadingPane::new(self).render(layout.reading, buf);
        EntitySidebar::new(self).render(layout.sidebar, buf);
        match &self.mode {
            Mode::Prompt(prompt) => PromptLine {
                question: prompt.question(),
                input: &prompt.input,
                status: None,
                theme: &self.theme,
            }
            .render(layout.status, buf),
            Mode::UrlPrompt(input) => PromptLine {
                question: "Add the page at URL: ".into(),
                input,
                status: None,
                theme: &self.theme,
            }
            .render(layout.status, buf),
            Mode::LibraryPrompt(prompt) => {
                let filter = prompt.purpose == crate::app::LibraryPurpose::Filter;
                PromptLine {
                    question: if filter {
                        "Filter: "
                    } else {
                        "Search the library: "
                    }
                    .into(),
                    input: &prompt.input,
                    // The words the filter knows, where there is room beside what is typed.
                    status: (filter && area.width >= 100).then(|| {
                        "unread notes tag: since: until: source: entity: sort:".to_owned()
                    }),
                    theme: &self.theme,
                }
                .render(layout.status, buf);
            }
            Mode::Search(prompt) => PromptLine {
                question: "/".to_owned(),
                input: &prompt.input,
                status: self.search.as_ref().map(crate::app::ArticleSearch::count),
                theme: &self.theme,
            }
            .render(layout.status, buf),
            _ => StatusBar::new(self).render(layout.status, buf),
        }
        if let (Mode::Library, Some(view)) = (&self.mode, &self.library) {
            // It takes the place of the panes, leaving the status bar for its keys.
            let panes = Rect {
                height: layout.status.y.saturating_sub(area.y),
                ..area
            };
            LibraryViewWidget::new(view, &self.theme).render(panes, buf);
        }
        self.render_overlay(area, buf);
    }
}

impl App {
    /// "y yes · n/Esc no", from the key table.
    fn answers(&self) -> String {
        self.keymap
            .scope(crate::keys::Scope::Confirm)
            .map(|b| format!("{} {}", crate::keys::KeyList(&b.keys), b.help))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    fn render_overlay(&self, area: Rect, buf: &mut Buffer) {
        match &self.mode {
            Mode::Normal
            | Mode::Prompt(_)
            | Mode::UrlPrompt(_)
            | Mode::Search(_)
            | Mode::LibraryPrompt(_)
            | Mode::Library => {}
            Mode::Help => {
                HelpOverlay::new(&self.keymap, self.help_scroll, &self.theme).render(area, buf)
            }
            Mode::Notes { selected } => {
                NotesList::new(&self.notes, *selected, &self.theme).render(area, buf)
            }
            Mode::EditNote(editor) => {
                let paragraph = self
                    .open_article()
                    .and_then(|a| a.paragraphs.get(editor.paragraph))
                    .map_or("", |p| p.text.as_str());
                NoteEditorView::new(editor, paragraph, &self.theme).render(area, buf);
                if editor.asking_discard {
                    Question {
                        text: "Discard the changes to this note?",
                        detail: None,
                        answers: self.answers(),
                        theme: &self.theme,
                    }
                    .render(area, buf);
                }
            }
            Mode::ConfirmDelete(note) => {
                let text = self
                    .notes
                    .iter()
                    .find(|n| &n.id == note)
                    .map(|n| n.text.split_whitespace().collect::<Vec<_>>().join(" "));
                let detail = text.map(|t| format!("“{}”", truncate(&t, 80)));
                Question {
                    text: "Delete this note?",
                    detail: detail.as_deref(),
                    answers: self.answers(),
                    theme: &self.theme,
                }
                .render(area, buf);
            }
        }
    }
}

fn render_too_small(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let text = format!(
        "Terminal too small ({}x{}): dossier needs at least {MIN_WIDTH}x{MIN_HEIGHT}",
        area.width, area.height
    );
    let height = u16::try_from(text.width().div_ceil(usize::from(area.width.max(1))))
        .unwrap_or(u16::MAX)
        .min(area.height);
    let line = area.centered_vertically(Constraint::Length(height));
    Paragraph::new(text)
        .style(theme.warning)
        .centered()
        .wrap(Wrap { trim: true })
        .render(line, buf);
}

/// The border every pane has; the focused one is thick and coloured, so focus shows even
/// without colour.
pub fn pane_block<'a>(theme: &Theme, title: impl Into<Line<'a>>, focused: bool) -> Block<'a> {
    let block = Block::bordered().title(title.into());
    if focused {
        block
            .border_type(BorderType::Thick)
            .border_style(theme.focused_border)
            .title_style(theme.focused_title)
    } else {
        block
            .border_type(BorderType::Rounded)
            .border_style(theme.border)
            .title_style(theme.title)
    }
}

/// Clears `area` and draws `block` there, for overlays.
pub fn clear_with(block: &Block<'_>, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    block.render(area, buf);
}

/// `text` cut to `width` columns, ending in "…" when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Sets `style` on a whole row of `area`, for selections.
pub fn highlight_row(buf: &mut Buffer, area: Rect, row: u16, height: u16, style: Style) {
    let rows = Rect::new(area.x, row, area.width, height).intersection(area);
    buf.set_style(rows, style);
}
