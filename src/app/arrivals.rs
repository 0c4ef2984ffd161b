//! What the background fetcher reports to the reader: progress, each article as it is saved,
//! and a summary at the end. The loop turns each report into [`crate::action::Action::Background`].

use dossier::index::ArticleSummary;
use dossier::{Article, ArticleKey, Skipped};

/// One message from work running off the input path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// Fetching has got this far.
    Progress {
        what: Job,
        done: usize,
        total: usize,
        saved: usize,
        failed: usize,
    },
    /// An article was saved into the library folder and read back.
    Arrived(Box<Arrival>),
    /// The job ended; `failures` holds one line per failed URL, feed or item.
    Finished {
        what: Job,
        summary: String,
        failures: Vec<String>,
    },
    /// The library index answered the question `update` asked with `serial`.
    Library {
        serial: u64,
        answer: Box<super::LibraryAnswer>,
    },
    /// Bringing the library index up to date has read `done` of the `total` files that
    /// needed reading.
    IndexProgress { done: usize, total: usize },
    /// Another dossier is bringing the index up to date; this one waits for it, showing what
    /// it writes as it goes.
    IndexWaiting,
    /// Articles the index has just written (new files, and changed ones under a new id).
    Indexed(Vec<ArticleSummary>),
    /// The index is up to date: `articles` is the whole library in list order when anything
    /// changed (so renamed and removed files show), `skipped` the files left out, `failure`
    /// why it could not finish.
    IndexSynced {
        articles: Option<Vec<ArticleSummary>>,
        skipped: Vec<Skipped>,
        failure: Option<String>,
    },
}

/// Which kind of work a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    AddUrl,
    Refresh,
}

/// A new article and its identity for the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    pub article: Article,
    pub key: Option<ArticleKey>,
}

impl Report {
    /// The status-bar line for a progress report.
    pub fn progress_text(
        what: Job,
        done: usize,
        total: usize,
        saved: usize,
        failed: usize,
    ) -> String {
        let failed = if failed > 0 {
            format!(", {failed} failed")
        } else {
            String::new()
        };
        match what {
            Job::AddUrl => format!("Fetching the page…{failed}"),
            Job::Refresh => format!("Refreshing feeds: {done}/{total}, {saved} new{failed}"),
        }
    }
}
