//! `dossier refresh`: fetch every feed followed and save the new items as articles.

use dossier::feeds::{self, Event, RefreshOptions};
use dossier::sanitize::sanitize_line;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::feed::{Places, Session, on_terminal};

pub fn run(places: &Places) -> anyhow::Result<()> {
    let mut session = Session::open(places)?;
    if session.subs.feeds.is_empty() {
        println!("No feeds to refresh: dossier feed add URL, or dossier feed import FILE");
        return Ok(());
    }
    let bar = ProgressBar::with_draw_target(
        Some(session.subs.feeds.len() as u64),
        if on_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} feeds  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let show = |event: Event<'_>| {
        if let Event::Progress(p) = event {
            bar.set_position(p.feeds_done as u64);
            bar.set_message(format!("{} new, {} failed", p.saved, p.failed));
        }
    };
    let path = session.feeds_path.clone();
    let report = feeds::refresh(
        &session.intake,
        &mut session.subs,
        Some(&path),
        RefreshOptions::default(),
        &show,
    );
    bar.finish_and_clear();
    let unchanged = report.feeds.iter().filter(|f| f.unchanged).count();
    let failures = report.failures();
    println!(
        "{} new article{} from {} feed{} ({unchanged} unchanged, {} failed)",
        report.saved(),
        if report.saved() == 1 { "" } else { "s" },
        report.feeds.len(),
        if report.feeds.len() == 1 { "" } else { "s" },
        report.feeds.iter().filter(|f| f.feed_failed).count(),
    );
    for failure in &failures {
        eprintln!("dossier: {}", sanitize_line(failure));
    }
    if !failures.is_empty() {
        anyhow::bail!(
            "{} failure{} during the refresh; the feeds that failed keep their articles",
            failures.len(),
            if failures.len() == 1 { "" } else { "s" }
        );
    }
    Ok(())
}
