//! The reader's styles: every style a widget draws with comes from the `Theme` in `App`, so the
//! dark, light and monochrome looks differ here and nowhere else.
//!
//! The monochrome theme sets no colour at all, only bold, reverse, underline and italic, so a
//! selection, the focused pane, a note mark and an unread article stay visible without colour
//! (and `NO_COLOR` is honoured by choosing it).

use ratatui::style::{Color, Modifier, Style};

/// Which theme the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::EnumString, strum::Display)]
#[strum(serialize_all = "lowercase")]
pub enum ThemeChoice {
    /// Light or dark after the terminal's background, dark when the terminal does not say.
    #[default]
    Auto,
    Dark,
    Light,
    Mono,
}

impl ThemeChoice {
    pub const NAMES: [&str; 4] = ["auto", "dark", "light", "mono"];
}

/// What the terminal's background turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    Dark,
    Light,
}

/// Every style the reader draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub title: Style,
    pub focused_border: Style,
    pub focused_title: Style,
    /// The selected row of the focused pane.
    pub selected: Style,
    /// The selected row of a pane without focus: still visible, but quieter.
    pub selected_unfocused: Style,
    pub unread: Style,
    pub dim: Style,
    pub meta: Style,
    pub open_article: Style,
    pub article_title: Style,
    pub byline: Style,
    pub heading: Style,
    pub list_item: Style,
    pub quote: Style,
    pub code: Style,
    pub gutter: Style,
    pub current_number: Style,
    pub current_bar: Style,
    pub note_marker: Style,
    pub note: Style,
    /// A note whose paragraph is gone, in the notes list.
    pub orphaned: Style,
    pub section: Style,
    pub count: Style,
    pub status: Style,
    pub status_key: Style,
    pub warning: Style,
    pub info: Style,
    pub help_key: Style,
    /// Mentions of the entity selected in the sidebar, a style per kind. Each sets both
    /// colours, so it reads the same on every kind of paragraph and whichever pane has focus.
    pub mention_person: Style,
    pub mention_group: Style,
    pub mention_country: Style,
    /// Search matches, and the one last gone to.
    pub search_match: Style,
    pub current_match: Style,
}

const fn fg(color: Color) -> Style {
    Style::new().fg(color)
}

const BOLD: Modifier = Modifier::BOLD;
const ITALIC: Modifier = Modifier::ITALIC;

impl Theme {
    /// The theme for `choice`: `no_color` (the `NO_COLOR` convention) wins over any choice, and
    /// `Auto` follows `background` when the terminal told it.
    pub fn choose(choice: ThemeChoice, no_color: bool, background: Option<Background>) -> Self {
        if no_color {
            return Self::mono();
        }
        match choice {
            ThemeChoice::Dark => Self::dark(),
            ThemeChoice::Light => Self::light(),
            ThemeChoice::Mono => Self::mono(),
            ThemeChoice::Auto => match background {
                Some(Background::Light) => Self::light(),
                Some(Background::Dark) | None => Self::dark(),
            },
        }
    }

    /// Light text on a dark terminal.
    pub const fn dark() -> Self {
        Self {
            border: fg(Color::DarkGray),
            title: fg(Color::Gray),
            focused_border: fg(Color::Cyan),
            focused_title: fg(Color::Cyan).add_modifier(BOLD),
            selected: Style::new().fg(Color::Black).bg(Color::Cyan),
            selected_unfocused: Style::new().fg(Color::White).bg(Color::DarkGray),
            unread: fg(Color::Yellow),
            dim: fg(Color::DarkGray),
            meta: fg(Color::Gray),
            open_article: Style::new().add_modifier(BOLD),
            article_title: fg(Color::White).add_modifier(BOLD),
            byline: fg(Color::Gray).add_modifier(ITALIC),
            heading: fg(Color::Yellow).add_modifier(BOLD),
            list_item: Style::new(),
            quote: fg(Color::Gray).add_modifier(ITALIC),
            code: fg(Color::Green),
            gutter: fg(Color::DarkGray),
            current_number: fg(Color::Cyan).add_modifier(BOLD),
            current_bar: fg(Color::Cyan),
            note_marker: fg(Color::Magenta).add_modifier(BOLD),
            note: fg(Color::Magenta).add_modifier(ITALIC),
            orphaned: fg(Color::Red),
            section: fg(Color::Yellow).add_modifier(BOLD),
            count: fg(Color::DarkGray),
            status: Style::new().fg(Color::Gray).bg(Color::Black),
            status_key: Style::new()
                .fg(Color::Cyan)
                .bg(Color::Black)
                .add_modifier(BOLD),
            warning: fg(Color::Yellow),
            info: fg(Color::Green),
            help_key: fg(Color::Cyan),
            mention_person: Style::new().fg(Color::Black).bg(Color::Yellow),
            mention_group: Style::new().fg(Color::Black).bg(Color::Green),
            mention_country: Style::new().fg(Color::White).bg(Color::Blue),
            search_match: Style::new().fg(Color::Black).bg(Color::Gray),
            current_match: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(BOLD),
        }
    }

    /// Dark text on a light terminal: no white or yellow text, which would vanish there.
    pub const fn light() -> Self {
        Self {
            border: fg(Color::Gray),
            title: fg(Color::DarkGray),
            focused_border: fg(Color::Blue),
            focused_title: fg(Color::Blue).add_modifier(BOLD),
            selected: Style::new().fg(Color::White).bg(Color::Blue),
            selected_unfocused: Style::new().fg(Color::Black).bg(Color::Gray),
            unread: fg(Color::Blue).add_modifier(BOLD),
            dim: fg(Color::DarkGray),
            meta: fg(Color::DarkGray),
            open_article: Style::new().add_modifier(BOLD),
            article_title: fg(Color::Black).add_modifier(BOLD),
            byline: fg(Color::DarkGray).add_modifier(ITALIC),
            heading: fg(Color::Magenta).add_modifier(BOLD),
            list_item: Style::new(),
            quote: fg(Color::DarkGray).add_modifier(ITALIC),
            code: fg(Color::Green),
            gutter: fg(Color::Gray),
            current_number: fg(Color::Blue).add_modifier(BOLD),
            current_bar: fg(Color::Blue),
            note_marker: fg(Color::Magenta).add_modifier(BOLD),
            note: fg(Color::Magenta).add_modifier(ITALIC),
            orphaned: fg(Color::Red),
            section: fg(Color::Magenta).add_modifier(BOLD),
            count: fg(Color::DarkGray),
            status: Style::new().fg(Color::Black).bg(Color::Gray),
            status_key: Style::new()
                .fg(Color::Blue)
                .bg(Color::Gray)
                .add_modifier(BOLD),
            warning: fg(Color::Red),
            info: fg(Color::Green),
            help_key: fg(Color::Blue),
            mention_person: Style::new().fg(Color::Black).bg(Color::LightYellow),
            mention_group: Style::new().fg(Color::Black).bg(Color::LightGreen),
            mention_country: Style::new().fg(Color::Black).bg(Color::LightCyan),
            search_match: Style::new().fg(Color::Black).bg(Color::Gray),
            current_match: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(BOLD),
        }
    }

    /// No colour: states are told apart by reverse video, bold, underline and italic.
    pub const fn mono() -> Self {
        let plain = Style::new();
        let bold = Style::new().add_modifier(BOLD);
        let italic = Style::new().add_modifier(ITALIC);
        Self {
            border: plain,
            title: plain,
            focused_border: bold,
            focused_title: Style::new().add_modifier(BOLD.union(Modifier::UNDERLINED)),
            selected: Style::new().add_modifier(Modifier::REVERSED.union(BOLD)),
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            unread: bold,
            dim: plain,
            meta: plain,
            open_article: bold,
            article_title: bold,
            byline: italic,
            heading: Style::new().add_modifier(BOLD.union(Modifier::UNDERLINED)),
            list_item: plain,
            quote: italic,
            code: plain,
            gutter: plain,
            current_number: Style::new().add_modifier(BOLD.union(Modifier::REVERSED)),
            current_bar: bold,
            note_marker: bold,
            note: italic,
            orphaned: Style::new().add_modifier(Modifier::CROSSED_OUT),
            section: Style::new().add_modifier(BOLD.union(Modifier::UNDERLINED)),
            count: plain,
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_key: Style::new().add_modifier(Modifier::REVERSED.union(BOLD)),
            warning: bold,
            info: plain,
            help_key: bold,
            // Without colour the kinds cannot differ; the sidebar's selection says which it is.
            mention_person: Style::new().add_modifier(Modifier::UNDERLINED),
            mention_group: Style::new().add_modifier(Modifier::UNDERLINED),
            mention_country: Style::new().add_modifier(Modifier::UNDERLINED),
            search_match: Style::new().add_modifier(Modifier::REVERSED),
            current_match: Style::new().add_modifier(Modifier::REVERSED.union(BOLD)),
        }
    }
}

impl Theme {
    /// The highlight for mentions of an entity of `kind`.
    pub fn mention(&self, kind: dossier::EntityKind) -> Style {
        match kind {
            dossier::EntityKind::Person => self.mention_person,
            dossier::EntityKind::Group => self.mention_group,
            dossier::EntityKind::Country => self.mention_country,
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}

/// The background a `COLORFGBG` value ("15;0", "0;default;15") names: its last field is the
/// background's palette index; 7 and 15 (and 9-14, the bright colours) are light.
pub fn background_from_colorfgbg(value: &str) -> Option<Background> {
    let index: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
    Some(match index {
        7 | 9..=15 => Background::Light,
        _ => Background::Dark,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_wins_and_auto_follows_the_terminal() {
        assert_eq!(Theme::choose(ThemeChoice::Light, true, None), Theme::mono());
        assert_eq!(
            Theme::choose(ThemeChoice::Auto, false, Some(Background::Light)),
            Theme::light()
        );
        assert_eq!(Theme::choose(ThemeChoice::Auto, false, None), Theme::dark());
        assert_eq!(
            Theme::choose(ThemeChoice::Dark, false, Some(Background::Light)),
            Theme::dark()
        );
    }

    #[test]
    fn colorfgbg_names_the_background() {
        assert_eq!(background_from_colorfgbg("15;0"), Some(Background::Dark));
        assert_eq!(background_from_colorfgbg("0;15"), Some(Background::Light));
        assert_eq!(
            background_from_colorfgbg("0;default;7"),
            Some(Background::Light)
        );
        assert_eq!(background_from_colorfgbg("default"), None);
    }

    #[test]
    fn monochrome_sets_no_colour() {
        let mono = Theme::mono();
        let styles = [
            mono.selected,
            mono.selected_unfocused,
            mono.focused_border,
            mono.note_marker,
            mono.unread,
            mono.status,
        ];
        for style in styles {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
            assert!(!style.add_modifier.is_empty(), "{style:?} must show");
        }
    }
}
