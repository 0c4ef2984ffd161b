//! The reader's side of the library index: a read connection the loop owns (the list at
//! start-up and article bodies), a thread with a connection of its own that brings the index
//! up to date with the files and reports as it goes, so the first frame never waits for the
//! files, and a thread that answers the reader's questions about the library
//! (`library_queries`), so no key waits for one.

use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::mpsc::{self, Receiver, Sender};

use dossier::Article;
use dossier::index::{ArticleSummary, Filter, Index, Sort};

use crate::app::{ArticleBodies, LibraryRequest, Report};
use crate::reader::library_queries::LibraryQueries;

/// The loop's handle on the library index.
pub struct IndexWorker {
    /// The read connection, shared with the app's body loads.
    pub index: Rc<Index>,
    reports: Receiver<Report>,
    /// Asks the sync thread to run again (after articles were fetched into the library).
    again: Sender<()>,
    /// The thread that answers the reader's questions about the library.
    queries: Option<LibraryQueries>,
}

impl IndexWorker {
    /// Opens the index of the library at `sources` (in the cache folder, else in memory: the
    /// note says why) and starts the first sync.
    pub fn start(sources: &[PathBuf]) -> (Self, Option<String>) {
        // In the reader, rayon's threads only ever do background work (parsing for the index,
        // feed refreshes): they all yield to the loop. Built once, before either starts.
        let _ = rayon::ThreadPoolBuilder::new()
            .thread_name(|n| format!("dossier-work-{n}"))
            .start_handler(|_| yield_to_the_loop())
            .build_global();
        let (index, note) = Index::open_default(None, sources);
        let (sender, reports) = mpsc::channel();
        let (again, wanted) = mpsc::channel();
        let roots = sources.to_vec();
        let spawned = std::thread::Builder::new()
            .name("dossier-index".into())
            .spawn(move || sync_thread(&roots, &sender, &wanted));
        let mut note = match spawned {
            Ok(_) => note,
            Err(err) => Some(format!(
                "the library index cannot be brought up to date ({err}); showing it as it was"
            )),
        };
        let queries = match LibraryQueries::start(sources) {
            Ok(queries) => Some(queries),
            Err(err) => {
                note = Some(format!(
                    "the library cannot be asked about entities or searched ({err})"
                ));
                None
            }
        };
        (
            Self {
                index: Rc::new(index),
                reports,
                again,
                queries,
            },
            note,
        )
    }

    /// The library as the index holds it now, in list order: what the first frame shows.
    pub fn articles(&self) -> Vec<ArticleSummary> {
        self.index
            .articles(&Filter::default(), Sort::Date, None, &[])
            .unwrap_or_default()
    }

    /// What the sync and query threads have reported since the last call.
    pub fn poll(&self) -> Vec<Report> {
        let mut reports: Vec<Report> = self.reports.try_iter().collect();
        if let Some(queries) = &self.queries {
            reports.extend(queries.poll());
        }
        reports
    }

    /// Asks the query thread `request`; the answer comes from [`IndexWorker::poll`]. Without
    /// that thread the answer is a failure that says so.
    pub fn ask(
        &self,
        serial: u64,
        request: LibraryRequest,
        state: &dossier::store::State,
        corrections: &[dossier::EntityCorrection],
    ) -> Option<Report> {
        match &self.queries {
            Some(queries) => {
                queries.ask(serial, request, state, corrections);
                None
            }
            None => Some(Report::Library {
                serial,
                answer: Box::new(crate::app::LibraryAnswer::Failed(
                    "The library cannot be asked: its query thread did not start".into(),
                )),
            }),
        }
    }

    /// Runs the sync again once the one under way (if any) ends.
    pub fn sync_again(&self) {
        // A thread that has stopped has nothing more to report; nothing to do.
        let _ = self.again.send(());
    }

    /// The body loader for the app, reading from this index.
    pub fn bodies(&self) -> Box<dyn ArticleBodies> {
        Box::new(IndexBodies::new(Rc::clone(&self.index)))
    }
}

/// Syncs, then waits for a request to sync again, until the reader goes away.
fn sync_thread(roots: &[PathBuf], reports: &Sender<Report>, again: &Receiver<()>) {
    yield_to_the_loop();
    let (mut writer, _) = Index::open_default(None, roots);
    // A second connection reads what each commit wrote while the writer goes on writing.
    let (reader, _) = Index::open_default(None, roots);
    // With no cache folder both are in memory and separate: the reader sees the writer's
    // commits only through the final list.
    let shared = writer.path().is_some() && writer.path() == reader.path();
    loop {
        let mut last = reader.last_id().unwrap_or(0);
        let mut sync = |progress: dossier::index::Progress| {
            let report = if progress.waiting {
                Report::IndexWaiting
            } else {
                Report::IndexProgress {
                    done: progress.done,
                    total: progress.total,
                }
            };
            let _ = reports.send(report);
            // While another dossier syncs, its commits are read here the same way as ours.
            if shared && let Ok(new) = reader.articles_after(last) {
                last = new.iter().map(|a| a.id).max().unwrap_or(last);
                if !new.is_empty() {
                    let _ = reports.send(Report::Indexed(new));
                }
            }
        };
        let result = writer.sync(&mut sync);
        let report = match result {
            Ok(report) => {
                let changed = report.added + report.changed + report.renamed + report.removed > 0;
                let source = if shared { &reader } else { &writer };
                let articles = changed
                    .then(|| {
                        source
                            .articles(&Filter::default(), Sort::Date, None, &[])
                            .ok()
                    })
                    .flatten();
                Report::IndexSynced {
                    articles,
                    skipped: report.skipped,
                    failure: None,
                }
            }
            Err(err) => Report::IndexSynced {
                articles: None,
                skipped: Vec::new(),
                failure: Some(err.to_string()),
            },
        };
        if reports.send(report).is_err() || again.recv().is_err() {
            return;
        }
        // Requests that piled up during the sync are all answered by the next one.
        while again.try_recv().is_ok() {}
    }
}

/// Lowers the calling thread's scheduling priority (nice 10). Indexing keeps every core
/// busy for seconds; at equal priority a key could wait behind it for a time slice or two,
/// at nice 10 the loop's thread runs as soon as it wakes.
fn yield_to_the_loop() {
    // Linux's nice value is per thread; elsewhere it would lower the whole reader's priority.
    #[cfg(target_os = "linux")]
    {
        // Only a hint: where it is refused, indexing runs at the reader's priority.
        let _ = rustix::process::setpriority_process(None, 10);
    }
}

/// Bodies read from the library index: one article's rows. An article the index does not hold
/// (fetched since the last sync, or dropped by a sync under way) is read from its file.
pub struct IndexBodies {
    index: Rc<Index>,
}

impl IndexBodies {
    pub fn new(index: Rc<Index>) -> Self {
        Self { index }
    }
}

impl ArticleBodies for IndexBodies {
    fn load(&mut self, entry: &ArticleSummary) -> Result<Article, String> {
        // Ids of deleted rows can be reused: the path tells whether the row is still this one.
        if entry.id != 0
            && let Ok(Some(article)) = self.index.article(entry.id)
            && article.path == entry.path
        {
            return Ok(article);
        }
        read_file(&entry.path)
    }
}

fn read_file(path: &Path) -> Result<Article, String> {
    dossier::library::read_article(path).map(|(article, _hash)| article)
}
