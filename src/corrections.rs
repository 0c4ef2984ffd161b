//! The user's fixes to entity extraction: hide an entity, rename it, change its kind, or merge
//! it into another. Kept in the state file and applied to every article's entities.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::entities::{Entities, Entity, EntityKind, Mention};

/// An entity as the extractor names it: its kind and its name, exactly.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EntityRef {
    #[serde(deserialize_with = "entity_kind")]
    pub kind: EntityKind,
    pub name: String,
}

impl EntityRef {
    pub fn new(kind: EntityKind, name: impl Into<String>) -> Self {
        Self {
            kind,
            name: name.into(),
        }
    }

    fn matches(&self, entity: &Entity) -> bool {
        entity.kind == self.kind && entity.name == self.name
    }
}

/// What to do with an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    /// Leave it out of the sidebar.
    Hide,
    /// Show it under another name (of the same kind).
    Rename { to: String },
    /// It is another kind of entity (a group taken for a person, say).
    Retype {
        #[serde(deserialize_with = "entity_kind")]
        to: EntityKind,
    },
    /// It is the same entity as another: one entry with the mentions of both.
    MergeInto { target: EntityRef },
}

/// One fix, applied wherever the extractor finds `entity`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityCorrection {
    #[serde(flatten)]
    pub entity: EntityRef,
    pub change: Change,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl EntityCorrection {
    pub fn new(entity: EntityRef, change: Change) -> Self {
        Self {
            entity,
            change,
            extra: Map::new(),
        }
    }
}

/// Applies `corrections` in order, so a later one can refer to the name an earlier one gave.
/// An entity that becomes equal (kind and name) to another is merged into it: one entry, the
/// mentions of both, in text order.
pub fn apply_corrections(entities: &mut Entities, corrections: &[EntityCorrection]) {
    for correction in corrections {
        let source = &correction.entity;
        match &correction.change {
            Change::Hide => entities.entities.retain(|e| !source.matches(e)),
            Change::Rename { to } => {
                relabel(entities, source, &EntityRef::new(source.kind, to.clone()));
            }
            Change::Retype { to } => {
                relabel(entities, source, &EntityRef::new(*to, source.name.clone()));
            }
            Change::MergeInto { target } => relabel(entities, source, target),
        }
    }
}

/// Gives `from` the identity `to`, folding it into an entity that already has it.
fn relabel(entities: &mut Entities, from: &EntityRef, to: &EntityRef) {
    if from == to {
        return;
    }
    let Some(at) = entities.entities.iter().position(|e| from.matches(e)) else {
        return;
    };
    let moved = entities.entities.remove(at);
    if let Some(existing) = entities.entities.iter_mut().find(|e| to.matches(e)) {
        existing.mentions = combine(std::mem::take(&mut existing.mentions), moved.mentions);
    } else {
        entities.entities.insert(
            at,
            Entity {
                kind: to.kind,
                name: to.name.clone(),
                mentions: moved.mentions,
                reason: format!("{}; corrected by you from {}", moved.reason, moved.name),
                byline: moved.byline,
            },
        );
    }
}

fn combine(mut a: Vec<Mention>, b: Vec<Mention>) -> Vec<Mention> {
    a.extend(b);
    a.sort_by_key(|m| (m.paragraph, m.start, m.end));
    a.dedup();
    a
}

/// Reads an [`EntityKind`] in the lowercase form it is written in.
fn entity_kind<'de, D: Deserializer<'de>>(deserializer: D) -> Result<EntityKind, D::Error> {
    let text = String::deserialize(deserializer)?;
    match text.as_str() {
        "person" => Ok(EntityKind::Person),
        "group" => Ok(EntityKind::Group),
        "country" => Ok(EntityKind::Country),
        other => Err(serde::de::Error::unknown_variant(
            other,
            &["person", "group", "country"],
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(paragraph: usize, start: usize) -> Mention {
        Mention {
            paragraph,
            start,
            end: start + 3,
        }
    }

    fn entity(kind: EntityKind, name: &str, mentions: Vec<Mention>) -> Entity {
        Entity {
            kind,
            name: name.into(),
            reason: String::new(),
            byline: false,
            mentions,
        }
    }

    fn sample() -> Entities {
        Entities {
            entities: vec![
                entity(EntityKind::Person, "Putin", vec![mention(2, 0)]),
                entity(EntityKind::Person, "Vladimir Putin", vec![mention(0, 5)]),
                entity(EntityKind::Person, "Hamas", vec![mention(1, 9)]),
                entity(EntityKind::Country, "Tajikistan", vec![mention(0, 20)]),
            ],
        }
    }

    fn names(entities: &Entities) -> Vec<(EntityKind, &str, usize)> {
        entities
            .entities
            .iter()
            .map(|e| (e.kind, e.name.as_str(), e.mentions.len()))
            .collect()
    }

    fn fix(kind: EntityKind, name: &str, change: Change) -> EntityCorrection {
        EntityCorrection::new(EntityRef::new(kind, name), change)
    }

    #[test]
    fn hide_removes_only_that_kind_and_name() {
        let mut e = sample();
        apply_corrections(
            &mut e,
            &[fix(EntityKind::Group, "Tajikistan", Change::Hide)],
        );
        assert_eq!(e.entities.len(), 4);
        apply_corrections(
            &mut e,
            &[fix(EntityKind::Country, "Tajikistan", Change::Hide)],
        );
        assert_eq!(e.entities.len(), 3);
        assert!(e.entities.iter().all(|x| x.name != "Tajikistan"));
    }

    #[test]
    fn rename_keeps_the_place_in_the_list() {
        let mut e = sample();
        let to = Change::Rename {
            to: "Tajik Republic".into(),
        };
        apply_corrections(&mut e, &[fix(EntityKind::Country, "Tajikistan", to)]);
        assert_eq!(names(&e)[3], (EntityKind::Country, "Tajik Republic", 1));
    }

    #[test]
    fn rename_onto_an_existing_name_merges_mentions_in_text_order() {
        let mut e = sample();
        let to = Change::Rename {
            to: "Vladimir Putin".into(),
        };
        apply_corrections(&mut e, &[fix(EntityKind::Person, "Putin", to)]);
        assert_eq!(names(&e)[0], (EntityKind::Person, "Vladimir Putin", 2));
        let putin = &e.entities[0];
        assert_eq!(putin.mentions, vec![mention(0, 5), mention(2, 0)]);
        assert_eq!(e.entities.len(), 3);
    }

    #[test]
    fn retype_moves_an_entity_to_its_kind() {
        let mut e = sample();
        let to = Change::Retype {
            to: EntityKind::Group,
        };
        apply_corrections(&mut e, &[fix(EntityKind::Person, "Hamas", to)]);
        assert_eq!(names(&e)[2], (EntityKind::Group, "Hamas", 1));
    }

    #[test]
    fn merge_into_combines_mentions_and_drops_the_source() {
        let mut e = sample();
        let into = Change::MergeInto {
            target: EntityRef::new(EntityKind::Person, "Vladimir Putin"),
        };
        apply_corrections(&mut e, &[fix(EntityKind::Person, "Putin", into)]);
        assert_eq!(
            names(&e),
            vec![
                (EntityKind::Person, "Vladimir Putin", 2),
                (EntityKind::Person, "Hamas", 1),
                (EntityKind::Country, "Tajikistan", 1)
            ]
        );
    }

    #[test]
    fn merge_into_an_absent_target_becomes_the_target() {
        let mut e = sample();
        let into = Change::MergeInto {
            target: EntityRef::new(EntityKind::Group, "Hamas movement"),
        };
        apply_corrections(&mut e, &[fix(EntityKind::Person, "Hamas", into)]);
        assert_eq!(names(&e)[2], (EntityKind::Group, "Hamas movement", 1));
    }

    #[test]
    fn later_corrections_see_earlier_ones() {
        let mut e = sample();
        apply_corrections(
            &mut e,
            &[
                fix(
                    EntityKind::Person,
                    "Hamas",
                    Change::Retype {
                        to: EntityKind::Group,
                    },
                ),
                fix(EntityKind::Group, "Hamas", Change::Hide),
            ],
        );
        assert!(e.entities.iter().all(|x| x.name != "Hamas"));
    }

    #[test]
    fn corrections_for_absent_entities_change_nothing() {
        let mut e = sample();
        apply_corrections(&mut e, &[fix(EntityKind::Person, "Nobody", Change::Hide)]);
        assert_eq!(e, sample());
    }

    #[test]
    fn the_stored_form_reads_back() {
        let c = fix(
            EntityKind::Person,
            "Putin",
            Change::MergeInto {
                target: EntityRef::new(EntityKind::Person, "Vladimir Putin"),
            },
        );
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"person","name":"Putin","change":{"type":"merge_into","target":{"kind":"person","name":"Vladimir Putin"}}}"#
        );
        assert_eq!(serde_json::from_str::<EntityCorrection>(&json).unwrap(), c);
        assert!(
            serde_json::from_str::<EntityCorrection>(
                r#"{"kind":"planet","name":"X","change":{"type":"hide"}}"#
            )
            .is_err()
        );
    }
}
