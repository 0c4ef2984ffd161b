//! Articles arriving while the reader runs: the URL prompt, the refresh key, and the reports of
//! the background fetcher, which put each new article into the list as it is saved.

use dossier::sanitize::sanitize_line;

use dossier::index::ArticleSummary;

use super::{indexing, info, warn};
use crate::action::Effect;
use crate::app::{App, Arrival, Job, Mode, Report, TextInput, sort_for_list};

/// Opens the prompt for a page's URL.
pub(super) fn ask_url(app: &mut App) {
    app.mode = Mode::UrlPrompt(TextInput::single_line(""));
}

/// Starts fetching the URL typed in the prompt.
pub(super) fn accept_url(app: &mut App) -> Option<Effect> {
    let Mode::UrlPrompt(input) = &app.mode else {
        return None;
    };
    let url = input.text().trim().to_string();
    app.mode = Mode::Normal;
    if url.is_empty() {
        return None;
    }
    if busy(app) {
        return None;
    }
    app.busy = Some(format!("Fetching {}…", sanitize_line(&url)));
    Some(Effect::AddUrl(url))
}

/// Starts refreshing every feed.
pub(super) fn refresh(app: &mut App) -> Option<Effect> {
    if busy(app) {
        return None;
    }
    app.busy = Some("Refreshing feeds…".into());
    Some(Effect::RefreshFeeds)
}

/// One fetch at a time: a second would race the first for the subscriptions file.
fn busy(app: &mut App) -> bool {
    if let Some(work) = &app.busy {
        let text = format!("{work} Wait for it to finish.");
        warn(app, text);
        return true;
    }
    false
}

/// Applies every report waiting in the inbox, oldest first.
pub(super) fn take_reports(app: &mut App) {
    while let Some(report) = app.inbox.pop_front() {
        apply_report(app, report);
    }
}

fn apply_report(app: &mut App, report: Report) {
    match report {
        Report::Progress {
            what,
            done,
            total,
            saved,
            failed,
        } => app.busy = Some(Report::progress_text(what, done, total, saved, failed)),
        Report::Arrived(arrival) => insert(app, *arrival),
        Report::Library { serial, answer } => super::library::take_answer(app, serial, *answer),
        Report::IndexProgress { done, total } => indexing::progress(app, done, total),
        Report::IndexWaiting => indexing::waiting(app),
        Report::Indexed(articles) => indexing::merge(app, articles),
        Report::IndexSynced {
            articles,
            skipped,
            failure,
        } => indexing::synced(app, articles, &skipped, failure),
        Report::Finished {
            what,
            summary,
            failures,
        } => {
            app.busy = None;
            if failures.is_empty() {
                info(app, summary);
            } else {
                let shown: Vec<String> = failures.iter().take(3).cloned().collect();
                let more = failures.len().saturating_sub(shown.len());
                let more = if more > 0 {
                    format!(" (and {more} more)")
                } else {
                    String::new()
                };
                let lead = match what {
                    Job::AddUrl => "Not added",
                    Job::Refresh => "Failed",
                };
                warn(app, format!("{summary} {lead}: {}{more}", shown.join("; ")));
            }
        }
    }
}

/// Puts a new article in its place in the list (the index's order, so the list does not change
/// when the index reads it), keeping the selection and the open article where they were; a new
/// version of an article in the list takes its place.
fn insert(app: &mut App, arrival: Arrival) {
    let Arrival { mut article, key } = arrival;
    let hash = match key {
        Some(key) => {
            // The index names files by absolute path: the same file is then one entry when
            // the index reads it.
            article.path = key.path.into();
            key.content_hash
        }
        None => String::new(),
    };
    let summary = ArticleSummary::from_article(&article, hash.clone());
    // Not in the index until its next sync: the body stays at hand.
    app.keep_body(hash, article);
    indexing::replace_list(app, |mut articles| {
        articles.retain(|a| a.path != summary.path);
        articles.push(summary);
        sort_for_list(&mut articles);
        articles
    });
}
