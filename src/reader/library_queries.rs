//! Answers the reader's library-wide questions (`Effect::QueryLibrary`) from the index, on a
//! thread of its own with a read connection of its own (the index is in WAL mode, so it reads
//! beside the sync's writer): the loop hands a question over and goes back to the keys, and
//! the answer comes back as a report.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};

use dossier::index::PAGE_ROWS;
use dossier::store::State;
use dossier::{EntityCorrection, Index};

use crate::app::{LibraryAnswer, LibraryRequest, Report};

/// How many results a library search brings back.
const SEARCH_LIMIT: usize = 200;

/// A question with what answering it needs from the store, as it was when it was asked.
struct Question {
    serial: u64,
    request: LibraryRequest,
    state: State,
    corrections: Vec<EntityCorrection>,
}

/// The loop's handle on the query thread.
pub struct LibraryQueries {
    questions: Sender<Question>,
    answers: Receiver<Report>,
}

impl LibraryQueries {
    /// Starts the thread that answers questions about the library at `sources`.
    pub fn start(sources: &[PathBuf]) -> Result<Self, std::io::Error> {
        let (questions, asked) = mpsc::channel();
        let (answered, answers) = mpsc::channel();
        let roots = sources.to_vec();
        std::thread::Builder::new()
            .name("dossier-queries".into())
            .spawn(move || query_thread(&roots, &asked, &answered))?;
        Ok(Self { questions, answers })
    }

    /// Hands `request` to the thread; its answer comes from [`LibraryQueries::poll`].
    pub fn ask(
        &self,
        serial: u64,
        request: LibraryRequest,
        state: &State,
        corrections: &[EntityCorrection],
    ) {
        // A thread that has stopped answers nothing; the reader goes on without it.
        let _ = self.questions.send(Question {
            serial,
            request,
            state: state.clone(),
            corrections: corrections.to_vec(),
        });
    }

    /// The answers that came since the last call.
    pub fn poll(&self) -> Vec<Report> {
        self.answers.try_iter().collect()
    }
}

/// Answers questions until the reader goes away; of questions that piled up while it was
/// busy, only the newest (the reader drops answers to the others anyway).
fn query_thread(roots: &[PathBuf], asked: &Receiver<Question>, answered: &Sender<Report>) {
    let Ok(mut question) = asked.recv() else {
        return;
    };
    // Opened on the first question, when the reader's own opening has settled the file.
    let (index, _) = Index::open_default(None, roots);
    loop {
        while let Ok(newer) = asked.try_recv() {
            question = newer;
        }
        let report = answer(
            &index,
            Some(&question.state),
            &question.corrections,
            question.serial,
            question.request,
        );
        if answered.send(report).is_err() {
            return;
        }
        match asked.recv() {
            Ok(next) => question = next,
            Err(_) => return,
        }
    }
}

/// The index's answer to `request` (asked with `serial`), as a report for `App::inbox`.
pub fn answer(
    index: &Index,
    state: Option<&State>,
    corrections: &[EntityCorrection],
    serial: u64,
    request: LibraryRequest,
) -> Report {
    let answer = match answered(index, state, corrections, request) {
        Ok(answer) => answer,
        Err(err) => LibraryAnswer::Failed(format!("The library index could not answer: {err}")),
    };
    Report::Library {
        serial,
        answer: Box::new(answer),
    }
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
                .listed(&filter, sort, state, corrections)?
                .into_iter()
                .map(|s| (s.path, s.mentions))
                .collect();
            LibraryAnswer::Listed { filter, sort, rows }
        }
        LibraryRequest::EntityPage { entity, rows } => {
            let entity = index.canonical(&entity, corrections)?.unwrap_or(entity);
            LibraryAnswer::EntityPage(Box::new(index.entity_page_start(
                &entity,
                state,
                corrections,
                rows,
            )?))
        }
        LibraryRequest::EntityArticles { entity, from } => {
            // Asked from the page, whose entity is already the library's.
            let articles = index.entity_articles(&entity, corrections, from, PAGE_ROWS)?;
            LibraryAnswer::EntityArticles {
                entity,
                from,
                articles,
            }
        }
        LibraryRequest::Search(query) => {
            let hits = index.search(&query, SEARCH_LIMIT, state)?;
            LibraryAnswer::Found { query, hits }
        }
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use dossier::index::{Filter, HitPlace, Sort};
    use std::path::PathBuf;

    use dossier::{EntityKind, EntityRef, Store};
    use ratatui::layout::Rect;

    use super::*;
    use crate::action::Action;
    use crate::app::{App, update};
    use crate::reader::index_worker::IndexBodies;

    fn article(title: &str, date: &str, body: &str) -> String {
        format!("---\ntitle: {title}\nauthor: Ann Writer\ndate: {date}\n---\n\n{body}\n")
    }

    /// Two articles on Andrey Serenko, one naming him by surname only, indexed in `dir`.
    fn library(dir: &Path) -> (PathBuf, Index) {
        let folder = dir.join("library");
        std::fs::create_dir_all(&folder).expect("a library folder");
        let write = |name: &str, text: String| {
            std::fs::write(folder.join(name), text).expect("an article written");
        };
        write(
            "a.md",
            article(
                "Gas in winter",
                "2024-01-02",
                "Andrey Serenko, an analyst, said Russia would wait.\n\nSerenko added that prices rise.",
            ),
        );
        write(
            "b.md",
            article(
                "Ports and shipping",
                "2023-05-06",
                "Shipping through Egypt fell.\n\nThe Red Sea risk was clear early, Serenko said in March.",
            ),
        );
        let mut index =
            Index::open(&dir.join("index"), std::slice::from_ref(&folder)).expect("an index");
        index.sync(&mut |_| {}).expect("synced");
        (folder, index)
    }

    fn ask(index: &Index, request: LibraryRequest) -> LibraryAnswer {
        match answer(index, None, &[], 0, request) {
            Report::Library { answer, .. } => *answer,
            other => panic!("not a library answer: {other:?}"),
        }
    }

    fn list(entity: Option<EntityRef>, entity_name: Option<&str>) -> LibraryRequest {
        LibraryRequest::List {
            filter: Filter {
                entity,
                ..Filter::default()
            },
            sort: Sort::Date,
            entity_name: entity_name.map(str::to_owned),
        }
    }

    #[test]
    fn a_surname_from_the_sidebar_filters_by_the_librarys_full_name() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (_, index) = library(dir.path());
        let surname = EntityRef::new(EntityKind::Person, "Serenko");
        let LibraryAnswer::Listed { filter, rows, .. } = ask(&index, list(Some(surname), None))
        else {
            panic!("a list");
        };
        let full = EntityRef::new(EntityKind::Person, "Andrey Serenko");
        assert_eq!(filter.entity, Some(full.clone()));
        let counts: Vec<(String, Option<usize>)> = rows
            .iter()
            .map(|(path, n)| {
                (
                    path.file_name()
                        .map_or_else(String::new, |f| f.to_string_lossy().into_owned()),
                    *n,
                )
            })
            .collect();
        assert_eq!(
            counts,
            [("a.md".to_owned(), Some(2)), ("b.md".to_owned(), Some(1))]
        );
        let LibraryAnswer::EntityPage(page) = ask(
            &index,
            LibraryRequest::EntityPage {
                entity: EntityRef::new(EntityKind::Person, "Serenko"),
                rows: PAGE_ROWS,
            },
        ) else {
            panic!("a page");
        };
        assert_eq!(page.entity, full);
        assert_eq!(page.articles.len(), 2);
    }

    #[test]
    fn a_typed_name_is_found_and_an_unknown_one_explained() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (_, index) = library(dir.path());
        let LibraryAnswer::Listed { rows, .. } = ask(&index, list(None, Some("andrey serenko")))
        else {
            panic!("a list");
        };
        assert_eq!(rows.len(), 2);
        let LibraryAnswer::Failed(reason) = ask(&index, list(None, Some("Nobody Atall"))) else {
            panic!("no such entity");
        };
        assert!(reason.contains("“Nobody Atall”"), "{reason}");
    }

    #[test]
    fn search_answers_with_the_paragraph_to_open() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (_, index) = library(dir.path());
        let LibraryAnswer::Found { hits, .. } =
            ask(&index, LibraryRequest::Search("red sea".into()))
        else {
            panic!("hits");
        };
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].place, HitPlace::Text { paragraph: 1 });
    }

    /// The index's paths and the reader's meet: the answer lands on the reader's articles.
    #[test]
    fn the_reader_finds_the_indexed_articles_by_path() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (folder, index) = library(dir.path());
        // The reader as it starts: the index's summaries, bodies read from the index.
        let index = std::rc::Rc::new(index);
        let articles = index
            .articles(&Filter::default(), Sort::Date, None, &[])
            .expect("the summaries");
        let mut app = App::new(
            articles,
            Box::new(IndexBodies::new(std::rc::Rc::clone(&index))),
            vec![folder],
            Rect::new(0, 0, 120, 40),
            dossier::extract_entities,
            Store::in_memory(),
        );
        app.inbox
            .push_back(answer(&index, None, &[], 0, list(None, Some("Serenko"))));
        update(&mut app, Action::TakeReports);
        assert_eq!(app.list_len(), 2);
        app.inbox.push_back(answer(
            &index,
            None,
            &[],
            0,
            LibraryRequest::Search("red sea".into()),
        ));
        update(&mut app, Action::TakeReports);
        update(&mut app, Action::OpenResult);
        let open = app.open_article().map(|a| a.title.clone());
        assert_eq!(open.as_deref(), Some("Ports and shipping"));
        assert_eq!(app.reading.current, 1);
    }
}
