//! The reader's styles, in one place so a later theme file has one thing to replace.

use ratatui::style::{Color, Modifier, Style};

pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const TITLE: Style = Style::new().fg(Color::Gray);
pub const FOCUSED_BORDER: Style = Style::new().fg(Color::Cyan);
pub const FOCUSED_TITLE: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);

/// The selected row of the focused pane.
pub const SELECTED: Style = Style::new().fg(Color::Black).bg(Color::Cyan);
/// The selected row of a pane without focus: still visible, but quieter.
pub const SELECTED_UNFOCUSED: Style = Style::new().fg(Color::White).bg(Color::DarkGray);

pub const UNREAD: Style = Style::new().fg(Color::Yellow);
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const META: Style = Style::new().fg(Color::Gray);
pub const OPEN_ARTICLE: Style = Style::new().add_modifier(Modifier::BOLD);

pub const ARTICLE_TITLE: Style = Style::new().fg(Color::White).add_modifier(Modifier::BOLD);
pub const BYLINE: Style = Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC);
pub const HEADING: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const LIST_ITEM: Style = Style::new();
pub const QUOTE: Style = Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC);
pub const CODE: Style = Style::new().fg(Color::Green);

pub const GUTTER: Style = Style::new().fg(Color::DarkGray);
pub const CURRENT_NUMBER: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const CURRENT_BAR: Style = Style::new().fg(Color::Cyan);
pub const NOTE_MARKER: Style = Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD);
pub const NOTE: Style = Style::new()
    .fg(Color::Magenta)
    .add_modifier(Modifier::ITALIC);
/// A note whose paragraph is gone, in the notes list.
pub const ORPHANED: Style = Style::new().fg(Color::Red);

pub const SECTION: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const COUNT: Style = Style::new().fg(Color::DarkGray);

pub const STATUS: Style = Style::new().fg(Color::Gray).bg(Color::Black);
pub const STATUS_KEY: Style = Style::new()
    .fg(Color::Cyan)
    .bg(Color::Black)
    .add_modifier(Modifier::BOLD);
pub const WARNING: Style = Style::new().fg(Color::Yellow);
pub const INFO: Style = Style::new().fg(Color::Green);
pub const HELP_KEY: Style = Style::new().fg(Color::Cyan);

/// Mentions of the entity selected in the sidebar, a colour per kind. Each sets both colours,
/// so it reads the same on every kind of paragraph and whichever pane has focus.
pub const MENTION_PERSON: Style = Style::new().fg(Color::Black).bg(Color::Yellow);
pub const MENTION_GROUP: Style = Style::new().fg(Color::Black).bg(Color::Green);
pub const MENTION_COUNTRY: Style = Style::new().fg(Color::White).bg(Color::Blue);
/// Search matches, and the one last gone to.
pub const MATCH: Style = Style::new().fg(Color::Black).bg(Color::Gray);
pub const CURRENT_MATCH: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::LightRed)
    .add_modifier(Modifier::BOLD);

pub fn mention(kind: dossier::EntityKind) -> Style {
    match kind {
        dossier::EntityKind::Person => MENTION_PERSON,
        dossier::EntityKind::Group => MENTION_GROUP,
        dossier::EntityKind::Country => MENTION_COUNTRY,
    }
}
