//! Where each pane goes for a terminal size. `update` uses the same geometry as the renderer,
//! so page sizes, wrap widths and mouse hits agree with what is on screen.

use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};

use crate::app::Focus;

/// Below this the reader shows a one-line message instead of panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width the three panes sit side by side; below it the list goes on top.
const WIDE_FROM: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenLayout {
    pub list: Rect,
    pub reading: Rect,
    pub sidebar: Rect,
    pub status: Rect,
    /// Whether the list sits above the other panes, one row per article.
    pub compact: bool,
}

impl ScreenLayout {
    /// The panes for a screen of `area`, or `None` when it is too small to read in.
    pub fn new(area: Rect) -> Option<Self> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let [main, status] = area.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        let compact = area.width < WIDE_FROM;
        let (list, reading, sidebar) = if compact {
            let list_height = (main.height / 4).clamp(5, 10);
            let [list, rest] = main.layout(&Layout::vertical([
                Constraint::Length(list_height),
                Constraint::Fill(1),
            ]));
            let sidebar_width = (rest.width / 3).clamp(16, 24);
            let [reading, sidebar] = rest.layout(&Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Length(sidebar_width),
            ]));
            (list, reading, sidebar)
        } else {
            // Entity names need room more than titles do: the list shows the date and author
            // on a second row, while a cut-off name in the sidebar is a different name.
            let list_width = (main.width * 22 / 100).clamp(28, 48);
            let sidebar_width = (main.width / 4).clamp(28, 40);
            let [list, reading, sidebar] = main.layout(&Layout::horizontal([
                Constraint::Length(list_width),
                Constraint::Fill(1),
                Constraint::Length(sidebar_width),
            ]));
            (list, reading, sidebar)
        };
        Some(Self {
            list,
            reading,
            sidebar,
            status,
            compact,
        })
    }

    pub fn pane(&self, focus: Focus) -> Rect {
        match focus {
            Focus::List => self.list,
            Focus::Reading => self.reading,
            Focus::Sidebar => self.sidebar,
        }
    }

    /// The pane's area inside its border.
    pub fn inner(&self, focus: Focus) -> Rect {
        self.pane(focus).inner(Margin::new(1, 1))
    }

    pub fn pane_at(&self, column: u16, row: u16) -> Option<Focus> {
        let position = Position::new(column, row);
        Focus::ALL
            .into_iter()
            .find(|focus| self.pane(*focus).contains(position))
    }

    /// Screen rows one article takes in the list.
    pub fn list_item_height(&self) -> u16 {
        if self.compact { 1 } else { 2 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_small_has_no_panes() {
        assert!(ScreenLayout::new(Rect::new(0, 0, MIN_WIDTH - 1, 40)).is_none());
        assert!(ScreenLayout::new(Rect::new(0, 0, 120, MIN_HEIGHT - 1)).is_none());
        assert!(ScreenLayout::new(Rect::new(0, 0, MIN_WIDTH, MIN_HEIGHT)).is_some());
    }

    #[test]
    fn panes_tile_the_screen_without_overlap() {
        for (w, h) in [(120, 40), (60, 20), (40, 10), (100, 30), (250, 80)] {
            let layout = ScreenLayout::new(Rect::new(0, 0, w, h)).expect("big enough");
            let panes = [layout.list, layout.reading, layout.sidebar, layout.status];
            let area: u32 = panes.iter().map(|r| r.area()).sum();
            assert_eq!(area, u32::from(w) * u32::from(h), "{w}x{h}");
            for (i, a) in panes.iter().enumerate() {
                for b in &panes[i + 1..] {
                    assert!(!a.intersects(*b), "{w}x{h}: {a:?} overlaps {b:?}");
                }
            }
            assert!(layout.inner(Focus::Reading).width >= 20, "{w}x{h}");
        }
    }

    #[test]
    fn narrow_screens_put_the_list_on_top() {
        let layout = ScreenLayout::new(Rect::new(0, 0, 60, 20)).expect("big enough");
        assert!(layout.compact);
        assert_eq!(layout.list.width, 60);
        assert_eq!(layout.pane_at(1, 1), Some(Focus::List));
        assert_eq!(layout.pane_at(59, 18), Some(Focus::Sidebar));
        assert_eq!(layout.pane_at(5, 19), None);
    }
}
