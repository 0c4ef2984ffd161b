//! The one-line prompt for fixing an entity: its new name, or the entity to merge it into.

use dossier::EntityRef;

use super::TextInput;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptPurpose {
    Rename,
    Merge,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntityPrompt {
    /// The entity as the sidebar shows it (after earlier corrections).
    pub entity: EntityRef,
    pub purpose: PromptPurpose,
    pub input: TextInput,
    /// Names Tab offers: the open article's other entities of the same kind.
    pub candidates: Vec<String>,
    /// The candidate Tab shows next.
    pub next: usize,
}

impl EntityPrompt {
    pub fn new(entity: EntityRef, purpose: PromptPurpose, candidates: Vec<String>) -> Self {
        let input = match purpose {
            PromptPurpose::Rename => TextInput::single_line(&entity.name),
            PromptPurpose::Merge => TextInput::single_line(candidates.first().map_or("", |c| c)),
        };
        let next = usize::from(purpose == PromptPurpose::Merge && !candidates.is_empty());
        Self {
            entity,
            purpose,
            input,
            candidates,
            next,
        }
    }

    /// What the prompt says before the answer.
    pub fn question(&self) -> String {
        match self.purpose {
            PromptPurpose::Rename => format!("Rename {}: ", self.entity.name),
            PromptPurpose::Merge => format!("Merge {} into: ", self.entity.name),
        }
    }

    /// Fills in the next candidate, wrapping around.
    pub fn complete(&mut self) {
        if self.candidates.is_empty() {
            return;
        }
        let index = self.next % self.candidates.len();
        self.input.set_text(&self.candidates[index]);
        self.next = index + 1;
    }
}
