//! Fetching while the reader runs: each job (a URL from the prompt, a refresh of every feed)
//! runs on a thread of its own and sends [`Report`]s back over a channel; the loop collects
//! them on each wake-up and turns them into actions, so the keyboard never waits for the
//! network.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};

use dossier::feeds::{self, RefreshOptions, Subscriptions};
use dossier::intake::{Added, Intake, one_line};
use dossier::sanitize::sanitize_line;
use dossier::{ArticleKey, parse_article};

use crate::app::{Arrival, Job, Report};

/// How long a job waits for a `dossier` command to finish with the subscriptions file.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Starts background jobs and hands over what they report.
pub struct Fetcher {
    intake: Intake,
    feeds_path: Option<PathBuf>,
    sender: Sender<Report>,
    reports: Receiver<Report>,
}

impl Fetcher {
    /// Jobs save articles through `intake` and keep subscriptions in `feeds_path`.
    pub fn new(intake: Intake, feeds_path: Option<PathBuf>) -> Self {
        let (sender, reports) = mpsc::channel();
        Self {
            intake,
            feeds_path,
            sender,
            reports,
        }
    }

    /// Every report sent since the last call.
    pub fn poll(&self) -> Vec<Report> {
        self.reports.try_iter().collect()
    }

    pub fn add_url(&self, url: String) {
        self.spawn(Job::AddUrl, move |intake, feeds_path, send| {
            add_url(intake, feeds_path, &url, send);
        });
    }

    pub fn refresh(&self) {
        self.spawn(Job::Refresh, refresh);
    }

    fn spawn(&self, job: Job, work: impl FnOnce(&Intake, &Path, &Sender<Report>) + Send + 'static) {
        let (intake, sender) = (self.intake.clone(), self.sender.clone());
        let Some(feeds_path) = self.feeds_path.clone() else {
            finish(
                &sender,
                job,
                "Nothing fetched.",
                vec![
                    "no home folder for the subscriptions file; start dossier with --feeds PATH"
                        .into(),
                ],
            );
            return;
        };
        let started = std::thread::Builder::new()
            .name("dossier-fetcher".into())
            .spawn(move || work(&intake, &feeds_path, &sender));
        if let Err(err) = started {
            finish(
                &self.sender,
                job,
                "Nothing fetched.",
                vec![format!("cannot start fetching: {err}")],
            );
        }
    }
}

fn finish(send: &Sender<Report>, what: Job, summary: &str, failures: Vec<String>) {
    let _ = send.send(Report::Finished {
        what,
        summary: summary.to_string(),
        failures,
    });
}

/// Reads a saved article back, as the library would, to put it in the list.
fn arrive(send: &Sender<Report>, path: &Path) {
    let Ok(bytes) = std::fs::read(path) else {
        return;
    };
    if let Ok(article) = parse_article(path, &bytes) {
        let key = Some(ArticleKey::new(path, &bytes));
        let _ = send.send(Report::Arrived(Box::new(Arrival { article, key })));
    }
}

fn add_url(intake: &Intake, feeds_path: &Path, url: &str, send: &Sender<Report>) {
    let _lock = match Subscriptions::lock(feeds_path, LOCK_WAIT) {
        Ok(lock) => lock,
        Err(err) => return finish(send, Job::AddUrl, "", vec![one_line(&err)]),
    };
    let mut subs = match Subscriptions::load(feeds_path) {
        Ok(subs) => subs,
        Err(err) => return finish(send, Job::AddUrl, "Nothing fetched.", vec![one_line(&err)]),
    };
    match intake.add_url(&mut subs, url) {
        Ok(Added::New { path, title }) => {
            let saved = subs.save(feeds_path).err().map(|e| one_line(&e));
            arrive(send, &path);
            finish(
                send,
                Job::AddUrl,
                &format!("Added {}.", sanitize_line(&title)),
                saved.into_iter().collect(),
            );
        }
        Ok(Added::AlreadyThere(path)) => {
            let _ = subs.save(feeds_path);
            finish(
                send,
                Job::AddUrl,
                &format!(
                    "Already in the library: {}",
                    sanitize_line(&path.display().to_string())
                ),
                Vec::new(),
            );
        }
        Err(err) => finish(
            send,
            Job::AddUrl,
            "",
            vec![format!("{}: {}", sanitize_line(url), one_line(&err))],
        ),
    }
}

fn refresh(intake: &Intake, feeds_path: &Path, send: &Sender<Report>) {
    let _lock = match Subscriptions::lock(feeds_path, LOCK_WAIT) {
        Ok(lock) => lock,
        Err(err) => {
            return finish(
                send,
                Job::Refresh,
                "Nothing refreshed.",
                vec![one_line(&err)],
            );
        }
    };
    let mut subs = match Subscriptions::load(feeds_path) {
        Ok(subs) => subs,
        Err(err) => {
            return finish(
                send,
                Job::Refresh,
                "Nothing refreshed.",
                vec![one_line(&err)],
            );
        }
    };
    if subs.feeds.is_empty() {
        return finish(
            send,
            Job::Refresh,
            "No feeds to refresh: add some with `dossier feed add URL` or `dossier feed import FILE`.",
            Vec::new(),
        );
    }
    // Each article joins the list as soon as it is saved, not when the whole refresh ends.
    let events = |event: feeds::Event<'_>| match event {
        feeds::Event::Progress(p) => {
            let _ = send.send(Report::Progress {
                what: Job::Refresh,
                done: p.feeds_done,
                total: p.feeds_total,
                saved: p.saved,
                failed: p.failed,
            });
        }
        feeds::Event::Saved(path) => arrive(send, path),
    };
    let report = feeds::refresh(
        intake,
        &mut subs,
        Some(feeds_path),
        RefreshOptions::default(),
        &events,
    );
    let saved = report.saved();
    finish(
        send,
        Job::Refresh,
        &format!(
            "{saved} new article{} from {} feed{}.",
            if saved == 1 { "" } else { "s" },
            report.feeds.len(),
            if report.feeds.len() == 1 { "" } else { "s" }
        ),
        report.failures(),
    );
}
