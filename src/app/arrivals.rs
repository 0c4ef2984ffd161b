//! What the background fetcher reports to the reader: progress, each article as it is saved,
//! and a summary at the end. The loop turns each report into [`crate::action::Action::Background`].

use dossier::{Article, ArticleKey};

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
    /// The library index answered a question `update` asked.
    Library(Box<super::LibraryAnswer>),
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
