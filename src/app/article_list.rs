//! Which article the list has selected, and which one its first visible row shows.

/// Selection and scroll of the article list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    /// The article in the top visible row.
    pub offset: usize,
}

impl ListState {
    /// Selects `index` (clamped to `len`) and scrolls the least that keeps it among `visible` rows.
    pub fn select(&mut self, index: usize, len: usize, visible: usize) {
        self.selected = index.min(len.saturating_sub(1));
        self.keep_visible(len, visible);
    }

    pub fn keep_visible(&mut self, len: usize, visible: usize) {
        let visible = visible.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
        self.offset = self.offset.min(len.saturating_sub(visible));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolls_only_as_far_as_needed() {
        let mut list = ListState::default();
        list.select(7, 20, 5);
        assert_eq!((list.selected, list.offset), (7, 3));
        list.select(5, 20, 5);
        assert_eq!((list.selected, list.offset), (5, 3));
        list.select(1, 20, 5);
        assert_eq!((list.selected, list.offset), (1, 1));
        list.select(99, 20, 5);
        assert_eq!((list.selected, list.offset), (19, 15));
    }

    #[test]
    fn an_empty_list_stays_at_zero() {
        let mut list = ListState::default();
        list.select(3, 0, 5);
        assert_eq!(list, ListState::default());
    }

    #[test]
    fn a_taller_pane_pulls_the_offset_back() {
        let mut list = ListState {
            selected: 19,
            offset: 15,
        };
        list.keep_visible(20, 10);
        assert_eq!(list.offset, 10);
    }
}
