//! The reading pane's position: the current paragraph and the first visible line.
//!
//! The current paragraph is what paragraph-wise commands act on and what a saved reading
//! position records; the scroll follows it, and scrolling by line or page moves it along so it
//! never sits off screen.

use crate::ui::wrapped_article::WrappedArticle;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadingState {
    /// Index into the open article's paragraphs.
    pub current: usize,
    /// The first visible line of the laid-out article.
    pub scroll: usize,
    /// The open article laid out for the pane's width.
    pub wrapped: Option<WrappedArticle>,
}

impl ReadingState {
    fn paragraph_count(&self) -> usize {
        self.wrapped.as_ref().map_or(0, |w| w.paragraphs.len())
    }

    fn max_scroll(&self, height: usize) -> usize {
        self.wrapped
            .as_ref()
            .map_or(0, |w| w.lines.len().saturating_sub(height.max(1)))
    }

    /// Makes paragraph `index` current and scrolls so that it is in view, whole if it fits.
    pub fn go_to_paragraph(&mut self, index: usize, height: usize) {
        let count = self.paragraph_count();
        if count == 0 {
            self.current = 0;
            self.scroll = 0;
            return;
        }
        self.current = index.min(count - 1);
        self.reveal_current(height);
    }

    pub fn reveal_current(&mut self, height: usize) {
        let Some(range) = self
            .wrapped
            .as_ref()
            .and_then(|w| w.paragraphs.get(self.current).cloned())
        else {
            self.scroll = self.scroll.min(self.max_scroll(height));
            return;
        };
        let height = height.max(1);
        if self.current == 0 {
            // The header sits above the first paragraph; show it with it when there is room.
            self.scroll = self.scroll.min(range.start);
            if range.end <= height {
                self.scroll = 0;
            }
        }
        if range.start < self.scroll {
            self.scroll = range.start;
        } else if range.end > self.scroll + height {
            self.scroll = range.start.min(range.end.saturating_sub(height));
        }
        self.scroll = self.scroll.min(self.max_scroll(height));
    }

    /// Makes paragraph `index` current and scrolls so that line `line` (one of its lines) is
    /// in view too, for a place inside a paragraph taller than the pane.
    pub fn go_to_line(&mut self, index: usize, line: usize, height: usize) {
        self.go_to_paragraph(index, height);
        let height = height.max(1);
        if line < self.scroll || line >= self.scroll + height {
            // A third of the way down, so the lines before it give context.
            self.scroll = line.saturating_sub(height / 3).min(self.max_scroll(height));
        }
    }

    /// Scrolls by `lines` (negative is up) and moves the current paragraph into view if it left it.
    pub fn scroll_by(&mut self, lines: isize, height: usize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(lines)
            .min(self.max_scroll(height));
        let Some(wrapped) = &self.wrapped else {
            return;
        };
        let bottom = self.scroll + height.max(1);
        let visible = |index: usize| {
            wrapped
                .paragraphs
                .get(index)
                .is_some_and(|r| r.start < bottom && r.end > self.scroll)
        };
        if !visible(self.current) {
            if let Some(next) = wrapped
                .paragraph_at_or_after(self.scroll)
                .filter(|i| visible(*i))
            {
                self.current = next;
            } else if let Some(last) = (0..wrapped.paragraphs.len()).rev().find(|i| visible(*i)) {
                self.current = last;
            } else if let Some(next) = wrapped.paragraph_at_or_after(self.scroll) {
                // Only header lines in view: the paragraph below them is the one being read.
                self.current = next;
            }
        }
    }

    /// Scrolls one page down (or up) keeping a line of context, and makes the first paragraph
    /// that starts on the new page current. At the end of the text it goes to the last
    /// paragraph instead, so the page keys reach both ends.
    pub fn page(&mut self, down: bool, height: usize) {
        let step = height.saturating_sub(1).max(1);
        let max = self.max_scroll(height);
        let at_edge = if down {
            self.scroll >= max
        } else {
            self.scroll == 0
        };
        if at_edge {
            let target = if down {
                self.paragraph_count().saturating_sub(1)
            } else {
                0
            };
            self.go_to_paragraph(target, height);
            return;
        }
        self.scroll = if down {
            (self.scroll + step).min(max)
        } else {
            self.scroll.saturating_sub(step)
        };
        let Some(wrapped) = &self.wrapped else {
            return;
        };
        let bottom = self.scroll + height.max(1);
        let starts_on_page = wrapped
            .paragraphs
            .iter()
            .position(|r| r.start >= self.scroll && r.start < bottom);
        let covering = wrapped.paragraph_at_or_after(self.scroll);
        if let Some(index) = starts_on_page.or(covering) {
            self.current = index;
        }
    }

    /// Lays the article out again for a new width, keeping the current paragraph at the top
    /// of the pane if the reader had scrolled.
    pub fn rewrap(&mut self, wrapped: WrappedArticle, height: usize) {
        let was_scrolled = self.scroll > 0;
        self.current = self.current.min(wrapped.paragraphs.len().saturating_sub(1));
        self.scroll = match wrapped.paragraphs.get(self.current) {
            Some(range) if was_scrolled => range.start,
            _ => 0,
        };
        self.wrapped = Some(wrapped);
        self.reveal_current(height);
    }
}
