//! `dossier feed add|list|remove|import|export`, and the setup `add` and `refresh` share: the
//! library folder new articles go into, the subscriptions file, the HTTP client.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use clap::Subcommand;
use dossier::feeds::{self, Feed, Subscriptions};
use dossier::fetch::{Client, Limits};
use dossier::intake::Intake;
use dossier::sanitize::sanitize_line;

/// Where fetched articles and subscriptions go, from the global flags.
#[derive(Debug, Clone, Default)]
pub struct Places {
    pub library: Option<PathBuf>,
    pub feeds: Option<PathBuf>,
    pub timeout: Option<u64>,
}

impl Places {
    /// The limits for HTTP requests, with `--timeout` applied.
    pub fn limits(&self) -> Limits {
        self.timeout.map_or_else(Limits::default, |secs| {
            Limits::with_timeout(Duration::from_secs(secs.max(1)))
        })
    }
}

/// What the commands that fetch work with.
pub struct Session {
    pub intake: Intake,
    pub feeds_path: PathBuf,
    pub subs: Subscriptions,
    /// Held from loading the subscriptions to saving them.
    _lock: Option<feeds::SubscriptionsLock>,
}

impl Session {
    /// Opens for reading only (`feed list`, `feed export`).
    pub fn read(places: &Places) -> anyhow::Result<Self> {
        Self::open_with(places, false)
    }

    /// Opens to change the subscriptions, holding their lock until dropped.
    pub fn open(places: &Places) -> anyhow::Result<Self> {
        Self::open_with(places, true)
    }

    fn open_with(places: &Places, write: bool) -> anyhow::Result<Self> {
        let library = match &places.library {
            Some(dir) => dir.clone(),
            None => library_folder()?,
        };
        let feeds_path = feeds::feeds_path(places.feeds.as_deref()).context(
            "cannot find a home folder for the subscriptions file; name one with --feeds PATH",
        )?;
        let lock = if write {
            Some(Subscriptions::lock(&feeds_path, Duration::from_secs(2))?)
        } else {
            None
        };
        let subs = Subscriptions::load(&feeds_path)?;
        Ok(Self {
            intake: Intake::new(Client::new(places.limits()), library),
            feeds_path,
            subs,
            _lock: lock,
        })
    }

    pub fn save(&self) -> anyhow::Result<()> {
        Ok(self.subs.save(&self.feeds_path)?)
    }
}

/// The folder the reader opens when given none: `./articles`, else the one in the data folder.
pub fn library_folder() -> anyhow::Result<PathBuf> {
    let found = crate::reader::library_folder::resolve(
        Vec::new(),
        Path::new("."),
        crate::reader::library_folder::default_data_dir().as_deref(),
    )?;
    found
        .sources
        .into_iter()
        .next()
        .context("no library folder was found")
}

#[derive(Debug, Subcommand)]
pub enum FeedCommand {
    /// Follow a feed; a page's URL finds the feed it links to
    Add {
        url: String,
        /// Tags for its articles (repeat or separate with commas)
        #[arg(long, short, value_delimiter = ',')]
        tag: Vec<String>,
    },
    /// List the feeds followed, with their tags and last error
    List,
    /// Stop following a feed (by URL or its number in `feed list`); its articles stay
    Remove { feed: String },
    /// Follow the feeds of an OPML file or a newsboat `urls` file, keeping titles and tags
    Import { file: PathBuf },
    /// Print the feeds followed as OPML
    Export,
}

pub fn run(command: FeedCommand, places: &Places) -> anyhow::Result<()> {
    let mut session = match command {
        FeedCommand::List | FeedCommand::Export => Session::read(places)?,
        _ => Session::open(places)?,
    };
    match command {
        FeedCommand::Add { url, tag } => add(&mut session, &url, tag),
        FeedCommand::List => {
            list(&session.subs);
            Ok(())
        }
        FeedCommand::Remove { feed } => remove(&mut session, &feed),
        FeedCommand::Import { file } => import(&mut session, &file),
        FeedCommand::Export => {
            print!("{}", feeds::to_opml(&session.subs.feeds));
            Ok(())
        }
    }
}

fn add(session: &mut Session, url: &str, tags: Vec<String>) -> anyhow::Result<()> {
    let (feed_url, parsed) =
        feeds::find_feed(&session.intake.client, url).with_context(|| sanitize_line(url))?;
    if let Some(index) = session.subs.find(&feed_url) {
        bail!(
            "already following {} ({})",
            session.subs.feeds[index].display_name(),
            sanitize_line(&feed_url)
        );
    }
    let tags: Vec<String> = tags
        .into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let feed = Feed {
        title: parsed.title.as_deref().map(sanitize_line),
        tags,
        ..Feed::new(feed_url)
    };
    println!(
        "Following {} ({}, {} items); `dossier refresh` fetches them",
        feed.display_name(),
        sanitize_line(&feed.url),
        parsed.items.len()
    );
    session.subs.feeds.push(feed);
    session.save()
}

fn list(subs: &Subscriptions) {
    if subs.feeds.is_empty() {
        println!("No feeds yet: dossier feed add URL, or dossier feed import FILE");
        return;
    }
    for (n, feed) in subs.feeds.iter().enumerate() {
        let tags = if feed.tags.is_empty() {
            String::new()
        } else {
            format!("  [{}]", sanitize_line(&feed.tags.join(", ")))
        };
        println!("{:>3}  {}{tags}", n + 1, feed.display_name());
        println!("     {}", sanitize_line(&feed.url));
        if let Some(error) = &feed.last_error {
            println!("     last refresh failed: {}", sanitize_line(error));
        }
    }
}

fn remove(session: &mut Session, which: &str) -> anyhow::Result<()> {
    let index = match which.parse::<usize>() {
        Ok(n) if n >= 1 && n <= session.subs.feeds.len() => Some(n - 1),
        _ => session.subs.find(which),
    };
    let Some(index) = index else {
        bail!(
            "no feed {} is followed; `dossier feed list` shows them",
            sanitize_line(which)
        );
    };
    let feed = session.subs.feeds.remove(index);
    session.save()?;
    println!(
        "Stopped following {}; its articles stay in the library",
        feed.display_name()
    );
    Ok(())
}

fn import(session: &mut Session, file: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read {}", sanitize_line(&file.display().to_string())))?;
    let imported =
        feeds::import(&text).with_context(|| sanitize_line(&file.display().to_string()))?;
    if imported.is_empty() {
        bail!(
            "{} names no feeds (expected OPML, or newsboat's urls file)",
            sanitize_line(&file.display().to_string())
        );
    }
    let found = imported.len();
    let added = feeds::add_imported(&mut session.subs, imported);
    session.save()?;
    println!(
        "Imported {added} new feed{} ({} already followed); `dossier refresh` fetches them",
        if added == 1 { "" } else { "s" },
        found - added
    );
    Ok(())
}

/// Whether progress bars are worth drawing.
pub fn on_terminal() -> bool {
    std::io::stderr().is_terminal()
}
