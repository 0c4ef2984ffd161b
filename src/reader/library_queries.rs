//! Answers the reader's library-wide questions (`Effect::QueryLibrary`) from the index, on
//! the loop's thread: each is one indexed query (see BENCHMARKS.md for their cost at 10,000
//! articles), so no thread of its own is needed.

use std::path::PathBuf;

use dossier::index::SyncReport;
use dossier::store::State;
use dossier::{EntityCorrection, Index};

use crate::app::{LibraryAnswer, LibraryRequest, Report};

/// How many results a library search brings back.
const SEARCH_LIMIT: usize = 200;

/// Opens the index of the library at `paths` and brings it up to date. The message, if any,
/// is for the status bar: why the index is held in memory only, or why it could not be read.
pub fn open_synced(paths: &[PathBuf]) -> (Index, Option<String>) {
    let (mut index, note) = Index::open_default(None, paths);
    let synced: Result<SyncReport, _> = index.sync(&mut |_| {});
    match synced {
        Ok(_) => (index, note),
        Err(err) => (
            index,
            Some(format!(
                "the library index could not be brought up to date ({err}); entity pages, \
                 search and filters may miss articles"
            )),
        ),
    }
}

/// The index's answer to `request`, as a report for `App::inbox`.
pub fn answer(
    index: &Index,
    state: Option<&State>,
    corrections: &[EntityCorrection],
    request: LibraryRequest,
) -> Report {
    let answer = match answered(index, state, corrections, request) {
        Ok(answer) => answer,
        Err(err) => LibraryAnswer::Failed(format!("The library index could not answer: {err}")),
    };
    Report::Library(Box::new(answer))
}

fn answered(
    index: &Index,
    state: Option<&State>,
    corrections: &[EntityCorrection],
    request: LibraryRequest,
) -> Result<LibraryAnswer, dossier::index::IndexError> {
    Ok(match request {
        LibraryRequest::List {
            mut filter,
            sort,
            entity_name,
        } => {
            if let Some(name) = entity_name {
                match index.find_entity(&name, corrections)? {
                    Some(entity) => filter.entity = Some(entity),
                    None => {
                        return Ok(LibraryAnswer::Failed(format!(
                            "No person, group or country called “{name}” in the library"
                        )));
                    }
                }
            } else if let Some(entity) = filter.entity.take() {
                // The sidebar names an entity as its article does ("Serenko"); the library
                // may know it better ("Andrey Serenko").
                filter.entity = Some(index.canonical(&entity, corrections)?.unwrap_or(entity));
            }
            let rows = index
                .articles(&filter, sort, state, corrections)?
                .into_iter()
                .map(|s| (s.path, s.mentions))
                .collect();
            LibraryAnswer::Listed { filter, sort, rows }
        }
        LibraryRequest::EntityPage(entity) => {
            let entity = index.canonical(&entity, corrections)?.unwrap_or(entity);
            LibraryAnswer::EntityPage(Box::new(index.entity_page(&entity, state, corrections)?))
        }
        LibraryRequest::Search(query) => {
            let hits = index.search(&query, SEARCH_LIMIT, state)?;
            LibraryAnswer::Found { query, hits }
        }
    })
}
