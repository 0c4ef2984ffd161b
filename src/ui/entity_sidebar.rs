//! The people, groups and countries the open article mentions, each with its mention count.

use dossier::{Entity, EntityKind};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::{highlight_row, pane_block, truncate};
use crate::app::{App, Focus, SidebarLine, SidebarState, sidebar_lines};

pub struct EntitySidebar<'a> {
    entities: &'a [Entity],
    state: SidebarState,
    focused: bool,
    article_open: bool,
    /// The sections shown, in order.
    kinds: &'a [EntityKind],
    theme: &'a Theme,
}

impl<'a> EntitySidebar<'a> {
    pub fn new(app: &'a App) -> Self {
        Self {
            entities: app.open_entities(),
            state: app.sidebar,
            focused: app.focus == Focus::Sidebar,
            article_open: app.open.is_some(),
            kinds: &app.sidebar_config.kinds,
            theme: &app.theme,
        }
    }

    fn line(&self, line: SidebarLine, width: usize) -> Line<'a> {
        match line {
            SidebarLine::Section(kind) => {
                let count = self.entities.iter().filter(|e| e.kind == kind).count();
                Line::from(vec![
                    Span::styled(section_title(kind), self.theme.section),
                    Span::styled(format!(" {count}"), self.theme.count),
                ])
            }
            SidebarLine::Entity(index) => {
                let Some(entity) = self.entities.get(index) else {
                    return Line::default();
                };
                // A byline author the body never names has no count to show; "by" says
                // why they are listed at all.
                let count = if entity.mentions.is_empty() && entity.byline {
                    "by".to_string()
                } else {
                    entity.mentions.len().to_string()
                };
                let name_width = width.saturating_sub(count.width() + 3);
                let name = truncate(&entity.name, name_width);
                let pad = width.saturating_sub(2 + name.width() + count.width());
                let pointer = if index == self.state.selected {
                    "▸ "
                } else {
                    "  "
                };
                Line::from(vec![
                    Span::raw(pointer),
                    Span::raw(name),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(count, self.theme.count),
                ])
            }
            SidebarLine::NoneFound => Line::styled("  none found", self.theme.dim),
            SidebarLine::Gap => Line::default(),
        }
    }
}

fn section_title(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Group => "Groups",
        EntityKind::Country => "Countries",
    }
}

impl Widget for &EntitySidebar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = pane_block(self.theme, " Entities ", self.focused);
        let inner = block.inner(area);
        block.render(area, buf);
        if !self.article_open {
            Line::styled("No article open", self.theme.dim).render(inner, buf);
            return;
        }
        let lines = sidebar_lines(self.entities, self.kinds);
        for (row, line) in (inner.y..inner.bottom()).zip(lines.iter().skip(self.state.offset)) {
            self.line(*line, usize::from(inner.width))
                .render(Rect::new(inner.x, row, inner.width, 1), buf);
            if *line == SidebarLine::Entity(self.state.selected) {
                let style = if self.focused {
                    self.theme.selected
                } else {
                    self.theme.selected_unfocused
                };
                highlight_row(buf, inner, row, 1, style);
            }
        }
    }
}
