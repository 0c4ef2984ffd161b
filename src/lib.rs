//! dossier's core: articles in, entities out, reading state kept.
//!
//! Nothing here knows about the terminal. The TUI in `main.rs` and its modules sits on top and
//! only calls this API, so every piece below can be tested and benchmarked headless.

pub mod article;
pub mod citation;
pub mod corrections;
pub mod entities;
pub mod feeds;
pub mod fetch;
pub mod file_lock;
pub mod index;
pub mod intake;
pub mod library;
pub mod sanitize;
pub mod saved_article;
pub mod store;

pub use article::{
    Article, ArticleDate, Format, Paragraph, ParagraphKind, parse_article, parse_plain_body,
};
pub use corrections::{Change, EntityCorrection, EntityRef, apply_corrections};
pub use entities::{Entities, Entity, EntityKind, Mention, extract_entities, resolve_surname};
pub use index::Index;
pub use library::{Library, LibraryOrder, Skipped};
pub use store::{ArticleKey, OpenOptions, Store};
