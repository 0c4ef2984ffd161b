//! The `?` overlay: every binding of the key table, by scope.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use super::clear_with;
use super::theme::Theme;
use crate::action::Action;
use crate::keys::{KeyList, KeyMap, Scope};

const WIDTH: u16 = 60;
/// Width of the keys column.
const KEYS_WIDTH: usize = 16;

pub struct HelpOverlay<'a> {
    keymap: &'a KeyMap,
    scroll: usize,
    theme: &'a Theme,
}

impl<'a> HelpOverlay<'a> {
    pub fn new(keymap: &'a KeyMap, scroll: usize, theme: &'a Theme) -> Self {
        Self {
            keymap,
            scroll,
            theme,
        }
    }
}

/// The overlay's text: a title per scope, then one line per binding.
fn lines<'a>(keymap: &'a KeyMap, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    for scope in Scope::ALL {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(scope.title(), theme.section));
        for binding in keymap.scope(scope) {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {:<KEYS_WIDTH$}", KeyList(&binding.keys).to_string()),
                    theme.help_key,
                ),
                Span::raw(binding.help),
            ]));
        }
    }
    lines
}

/// How to leave the overlay, from the table so it names the keys that really close it.
fn close_hint(keymap: &KeyMap) -> Line<'_> {
    keymap
        .scope(Scope::Help)
        .find(|b| b.action == Action::CloseHelp)
        .map(|b| Line::from(format!(" {}: {} ", KeyList(&b.keys), b.help)))
        .unwrap_or_default()
}

/// How many lines the overlay's text has: a title and a gap per scope, a line per binding.
fn line_count(keymap: &KeyMap) -> usize {
    Scope::ALL.len() * 2 - 1
        + Scope::ALL
            .iter()
            .map(|s| keymap.scope(*s).count())
            .sum::<usize>()
}

/// Where the overlay goes on a screen of `screen`.
fn area(keymap: &KeyMap, screen: Rect) -> Rect {
    let content = u16::try_from(line_count(keymap)).unwrap_or(u16::MAX);
    let width = WIDTH.min(screen.width.saturating_sub(2));
    let height = (content + 2).min(screen.height.saturating_sub(2));
    screen.centered(Constraint::Length(width), Constraint::Length(height))
}

/// How far the overlay can scroll before its last line reaches its bottom edge.
pub fn max_scroll(keymap: &KeyMap, screen: Rect) -> usize {
    let visible = usize::from(area(keymap, screen).height.saturating_sub(2));
    line_count(keymap).saturating_sub(visible)
}

impl Widget for &HelpOverlay<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let area = area(self.keymap, screen);
        let lines = lines(self.keymap, self.theme);
        let block = Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(self.theme.focused_border)
            .title(" Keys ")
            .title_style(self.theme.focused_title)
            .title_bottom(close_hint(self.keymap).right_aligned());
        let max = max_scroll(self.keymap, screen);
        let scroll = self.scroll.min(max);
        let more = match (scroll > 0, scroll < max) {
            (true, true) => " ↑↓ more ",
            (false, true) => " ↓ more ",
            (true, false) => " ↑ more ",
            (false, false) => "",
        };
        let block = block.title_top(Line::from(more).right_aligned());
        let inner = block.inner(area);
        clear_with(&block, area, buf);
        for (row, line) in (inner.y..inner.bottom()).zip(lines.iter().skip(scroll)) {
            line.render(
                Rect::new(inner.x + 1, row, inner.width.saturating_sub(1), 1),
                buf,
            );
        }
    }
}
