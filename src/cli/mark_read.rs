//! `dossier mark-read`: mark articles read or unread without opening the reader.

use std::path::{Path, PathBuf};

use clap::Args;
use dossier::sanitize::sanitize;

use super::notes::{open_for_writing, read_article};

#[derive(Debug, Args)]
pub struct MarkReadArgs {
    /// The article files
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Mark them unread instead
    #[arg(long)]
    unread: bool,
}

pub fn run(args: &MarkReadArgs, state: Option<&Path>) -> anyhow::Result<()> {
    // Every file is read before the state is touched, so one bad path changes nothing.
    let articles = args
        .paths
        .iter()
        .map(|path| read_article(path))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut store = open_for_writing(state)?;
    for (key, article) in &articles {
        let id = store.record(key, article);
        store.set_read(&id, !args.unread);
    }
    store.save_now()?;
    let word = if args.unread { "unread" } else { "read" };
    for (_, article) in &articles {
        println!("Marked {word}: {}", sanitize(&article.title));
    }
    Ok(())
}
