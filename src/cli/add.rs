//! `dossier add URL|FILE...`: fetch pages (or copy local files) into the library folder.

use dossier::fetch::FetchError;
use dossier::intake::{AddError, Added, one_line};
use dossier::sanitize::sanitize_line;

use super::feed::{Places, Session};

/// Whether `err` says the URL is a feed rather than a page.
fn is_feed_type(err: &AddError) -> bool {
    matches!(err, AddError::Fetch(FetchError::ContentType { sent, .. })
        if sent.contains("xml") || sent.contains("json"))
}

pub fn run(targets: &[String], places: &Places) -> anyhow::Result<()> {
    let mut session = Session::open(places)?;
    let mut failed = 0;
    for target in targets {
        let added = if target.contains("://") {
            session.intake.add_url(&mut session.subs, target)
        } else {
            session
                .intake
                .add_file(&mut session.subs, std::path::Path::new(target))
        };
        match added {
            Ok(Added::New { path, title }) => println!(
                "Added {} as {}",
                sanitize_line(&title),
                sanitize_line(&path.display().to_string())
            ),
            Ok(Added::AlreadyThere(path)) => println!(
                "Already in the library: {} is {}",
                sanitize_line(target),
                sanitize_line(&path.display().to_string())
            ),
            Err(err) => {
                failed += 1;
                let hint = if is_feed_type(&err) {
                    "; to follow a feed: dossier feed add URL"
                } else {
                    ""
                };
                eprintln!(
                    "dossier: {}: {}{hint}",
                    sanitize_line(target),
                    one_line(&err)
                );
            }
        }
        // Saved after each one, so the next run knows what this one added even if it is cut short.
        session.save()?;
    }
    if failed > 0 {
        anyhow::bail!("{failed} of {} could not be added", targets.len());
    }
    Ok(())
}
