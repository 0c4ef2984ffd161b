//! Articles arriving while the reader runs: the URL prompt, the refresh key, and the reports of
//! the background fetcher, which put each new article into the list as it is saved.

use dossier::sanitize::sanitize_line;

use super::{info, open_article, warn};
use crate::action::Effect;
use crate::app::{App, Arrival, Job, Mode, Report, TextInput};

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
        Report::Library(answer) => super::library::take_answer(app, *answer),
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

/// Puts a new article first in the list (it is the newest arrival), keeping the selection and
/// the open article where they were.
fn insert(app: &mut App, arrival: Arrival) {
    let Arrival { article, key } = arrival;
    let id = key.as_ref().and_then(|k| app.store.find(k).cloned());
    app.articles.insert(0, article);
    app.read.insert(0, false);
    app.progress.insert(0, None);
    app.keys.insert(0, key);
    app.ids.insert(0, id);
    app.entities = std::mem::take(&mut app.entities)
        .into_iter()
        .map(|(index, entities)| (index + 1, entities))
        .collect();
    app.refresh_reading_state(0);
    if let Some(open) = &mut app.open {
        *open += 1;
    }
    let was_empty = app.articles.len() == 1;
    if let Some(view) = &mut app.list_view {
        // A filtered list does not show the newcomer (the index has not read it yet); its
        // rows keep pointing at the same articles.
        for row in &mut view.rows {
            *row += 1;
        }
    } else {
        app.list.selected += usize::from(!was_empty);
        app.list.offset += usize::from(!was_empty && app.list.offset > 0);
    }
    if was_empty {
        open_article(app, 0);
    }
}
