//! Fixing entities from the sidebar: hide, rename, change kind, merge. Each fix is stored once
//! and applies to every article.

use dossier::{Change, EntityCorrection, EntityKind, EntityRef};

use super::{info, select_entity, warn};
use crate::app::{App, EntityPrompt, Mode, PromptPurpose};

/// The selected entity as the sidebar shows it.
fn selected(app: &App) -> Option<EntityRef> {
    app.open_entities()
        .get(app.sidebar.selected)
        .map(|e| EntityRef::new(e.kind, e.name.clone()))
}

fn correct(app: &mut App, entity: EntityRef, change: Change) {
    app.store
        .add_correction(EntityCorrection::new(entity, change));
    refresh_entities(app);
}

/// Corrections apply to every article: forget every article's entities, not only the open one's.
fn refresh_entities(app: &mut App) {
    app.entities.clear();
    app.entities_of_open();
}

/// Selects the entity of `kind` named `name` if the sidebar has it, else keeps the row.
fn select_named(app: &mut App, kind: EntityKind, name: &str) {
    let index = app
        .open_entities()
        .iter()
        .position(|e| e.kind == kind && e.name == name)
        .unwrap_or(app.sidebar.selected);
    select_entity(app, index);
}

pub(super) fn hide(app: &mut App) {
    let Some(entity) = selected(app) else {
        return;
    };
    let name = entity.name.clone();
    correct(app, entity, Change::Hide);
    select_entity(app, app.sidebar.selected);
    info(app, format!("{name} hidden in every article"));
}

pub(super) fn cycle_kind(app: &mut App) {
    let Some(entity) = selected(app) else {
        return;
    };
    let to = match entity.kind {
        EntityKind::Person => EntityKind::Group,
        EntityKind::Group => EntityKind::Country,
        EntityKind::Country => EntityKind::Person,
    };
    let name = entity.name.clone();
    correct(app, entity, Change::Retype { to });
    select_named(app, to, &name);
    info(app, format!("{name} is now a {}", kind_name(to)));
}

pub(super) fn ask(app: &mut App, purpose: PromptPurpose) {
    let Some(entity) = selected(app) else {
        return;
    };
    let candidates = match purpose {
        PromptPurpose::Rename => Vec::new(),
        PromptPurpose::Merge => app
            .open_entities()
            .iter()
            .filter(|e| e.kind == entity.kind && e.name != entity.name)
            .map(|e| e.name.clone())
            .collect(),
    };
    app.mode = Mode::Prompt(Box::new(EntityPrompt::new(entity, purpose, candidates)));
}

pub(super) fn accept(app: &mut App) {
    let Mode::Prompt(prompt) = &app.mode else {
        return;
    };
    let answer = prompt.input.text().trim().to_owned();
    let entity = prompt.entity.clone();
    let purpose = prompt.purpose;
    if answer.is_empty() {
        warn(app, "Type a name, or press Esc to leave it as it is");
        return;
    }
    app.mode = Mode::Normal;
    if answer == entity.name {
        return;
    }
    let kind = entity.kind;
    let name = entity.name.clone();
    match purpose {
        PromptPurpose::Rename => {
            correct(app, entity, Change::Rename { to: answer.clone() });
            info(app, format!("{name} is now {answer} in every article"));
        }
        PromptPurpose::Merge => {
            let target = EntityRef::new(kind, answer.clone());
            correct(app, entity, Change::MergeInto { target });
            info(app, format!("{name} merged into {answer} in every article"));
        }
    }
    select_named(app, kind, &answer);
}

/// Takes back the newest correction, wherever it was made.
pub(super) fn undo(app: &mut App) {
    let count = app.store.corrections().len();
    let Some(undone) = count
        .checked_sub(1)
        .and_then(|last| app.store.remove_correction(last))
    else {
        info(app, "No entity fix to take back");
        return;
    };
    refresh_entities(app);
    let (kind, name) = (undone.entity.kind, undone.entity.name.clone());
    select_named(app, kind, &name);
    info(app, format!("Took back the last fix to {name}"));
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Group => "group",
        EntityKind::Country => "country",
    }
}
