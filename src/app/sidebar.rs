//! The entity sidebar's rows and selection.

use dossier::{Entity, EntityKind};

/// The sections in the order the sidebar shows them.
pub const SECTIONS: [EntityKind; 3] = [EntityKind::Person, EntityKind::Group, EntityKind::Country];

/// One row of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarLine {
    Section(EntityKind),
    /// An entity, by index into the sorted entities of the open article.
    Entity(usize),
    /// Said under a section that has no entity.
    NoneFound,
    Gap,
}

/// The rows for `entities` (sorted by kind as `App` keeps them): the title of each section of
/// `kinds`, its entities or "none found", and a gap before the next section.
pub fn sidebar_lines(entities: &[Entity], kinds: &[EntityKind]) -> Vec<SidebarLine> {
    let mut lines = Vec::new();
    for (i, kind) in kinds.iter().copied().enumerate() {
        if i > 0 {
            lines.push(SidebarLine::Gap);
        }
        lines.push(SidebarLine::Section(kind));
        let before = lines.len();
        lines.extend(
            entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.kind == kind)
                .map(|(index, _)| SidebarLine::Entity(index)),
        );
        if lines.len() == before {
            lines.push(SidebarLine::NoneFound);
        }
    }
    lines
}

/// Selection and scroll of the sidebar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SidebarState {
    /// Index into the open article's sorted entities.
    pub selected: usize,
    /// The first visible row.
    pub offset: usize,
}

impl SidebarState {
    /// Selects entity `index` (clamped) and scrolls so its row, and its section title when the
    /// first of a section, are visible.
    pub fn select(
        &mut self,
        index: usize,
        entities: &[Entity],
        kinds: &[EntityKind],
        height: usize,
    ) {
        self.selected = index.min(entities.len().saturating_sub(1));
        let lines = sidebar_lines(entities, kinds);
        let height = height.max(1);
        let row = lines
            .iter()
            .position(|l| *l == SidebarLine::Entity(self.selected))
            .unwrap_or(0);
        let top = if row > 0 && matches!(lines[row - 1], SidebarLine::Section(_)) {
            row - 1
        } else {
            row
        };
        if top < self.offset {
            self.offset = top;
        } else if row >= self.offset + height {
            self.offset = row + 1 - height;
        }
        self.offset = self.offset.min(lines.len().saturating_sub(height));
    }
}

#[cfg(test)]
mod tests {
    use dossier::Mention;

    use super::*;

    fn entity(kind: EntityKind, name: &str) -> Entity {
        Entity {
            kind,
            name: name.into(),
            reason: String::new(),
            byline: false,
            mentions: vec![Mention {
                paragraph: 0,
                start: 0,
                end: 1,
            }],
        }
    }

    #[test]
    fn empty_sections_say_none_found() {
        let entities = [entity(EntityKind::Group, "NATO")];
        assert_eq!(
            sidebar_lines(&entities, &SECTIONS),
            [
                SidebarLine::Section(EntityKind::Person),
                SidebarLine::NoneFound,
                SidebarLine::Gap,
                SidebarLine::Section(EntityKind::Group),
                SidebarLine::Entity(0),
                SidebarLine::Gap,
                SidebarLine::Section(EntityKind::Country),
                SidebarLine::NoneFound,
            ]
        );
    }

    #[test]
    fn selecting_below_the_fold_scrolls() {
        let entities: Vec<Entity> = (0..10)
            .map(|i| entity(EntityKind::Person, &format!("P{i}")))
            .collect();
        let mut sidebar = SidebarState::default();
        sidebar.select(9, &entities, &SECTIONS, 4);
        // rows: Section, P0..P9 (rows 1..=10)
        assert_eq!(sidebar.offset, 7);
        sidebar.select(0, &entities, &SECTIONS, 4);
        assert_eq!(sidebar.offset, 0, "the section title comes back into view");
    }
}
