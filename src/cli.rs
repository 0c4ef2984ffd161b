//! Command-line parsing and the subcommands that print instead of opening the reader.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod add;
mod config;
mod entities;
pub mod feed;
mod library;
mod list;
mod mark_read;
mod notes;
mod refresh;
mod shell;
mod show;

#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "A terminal reader for long-form news and analysis",
    after_long_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Files or folders of articles to open (default: ./articles, else the library folder)
    paths: Vec<PathBuf>,
    /// The state file that keeps reading state and notes (overrides DOSSIER_STATE)
    #[arg(long, global = true, value_name = "PATH")]
    state: Option<PathBuf>,
    /// The configuration file to read (overrides DOSSIER_CONFIG; see `dossier config path`)
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The folder that keeps the library index (overrides DOSSIER_INDEX_DIR; default: the cache folder)
    #[arg(long, global = true, value_name = "DIR")]
    index_dir: Option<PathBuf>,
    /// Print where the state file is and exit
    #[arg(long)]
    print_state_path: bool,
    /// The folder fetched articles are saved in (default: the folder the reader opens)
    #[arg(long, global = true, value_name = "DIR")]
    library: Option<PathBuf>,
    /// The subscriptions file (overrides DOSSIER_FEEDS)
    #[arg(long, global = true, value_name = "PATH")]
    feeds: Option<PathBuf>,
    /// Seconds to wait for a server to connect or answer (default 10 to connect, 20 to answer)
    #[arg(long, global = true, value_name = "SECS")]
    timeout: Option<u64>,
}

/// What the exit status means, for `--help` and the man page.
const EXIT_CODES: &str = "Exit status:
  0  success
  1  an error: a file that cannot be read or written, an article that does not parse, a
     configuration with problems (`config check`); the message is on standard error
  2  the command line is wrong (an unknown command or option, a missing argument)";

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the library: title, date, author and path of each article, filtered and sorted
    List(list::ListArgs),
    /// Build or bring up to date the library index (only new and changed files are read)
    Index {
        /// Files or folders of articles (default: ./articles)
        paths: Vec<PathBuf>,
    },
    /// Search titles, authors, text and notes across the library, best first
    Search {
        /// Words to find (all of them; the last also as the start of a word)
        query: String,
        /// Files or folders of articles (default: ./articles)
        paths: Vec<PathBuf>,
        /// One JSON object per hit and line
        #[arg(long)]
        json: bool,
        /// How many hits to print at most
        #[arg(long, default_value_t = library::DEFAULT_LIMIT)]
        limit: usize,
    },
    /// Show one person, group or country across the library: its articles and the notes on it
    Entity {
        /// The name (any case; a surname alone finds the one full name it stands for)
        name: String,
        /// Files or folders of articles (default: ./articles)
        paths: Vec<PathBuf>,
        /// One JSON object
        #[arg(long)]
        json: bool,
    },
    /// Print one article as the reader parsed it, with numbered paragraphs
    Show { path: PathBuf },
    /// List, add and export the notes pinned to paragraphs
    #[command(subcommand)]
    Notes(notes::NotesCommand),
    /// Mark articles read (or unread with --unread)
    MarkRead(mark_read::MarkReadArgs),
    /// Fetch web pages (http or https) or copy local files into the library folder
    #[command(
        after_help = "Example: dossier add https://example.org/2024/05/analysis.html notes/brief.md"
    )]
    Add {
        /// URLs of pages, or article files
        #[arg(required = true, value_name = "URL|FILE")]
        targets: Vec<String>,
    },
    /// Follow feeds: add, list, remove, import (OPML, newsboat urls), export (OPML)
    #[command(subcommand)]
    Feed(feed::FeedCommand),
    /// Fetch every feed followed and save its new items as articles
    Refresh,
    /// Print the people, groups and countries of each article (files, folders, or - for stdin)
    Entities {
        /// One JSON object per article and line, with every mention's paragraph and byte range
        #[arg(long)]
        json: bool,
        /// Read each input as body text only: no title, byline or boilerplate detection
        #[arg(long)]
        plain: bool,
        /// Article files, folders of articles, or - for standard input
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Show where the configuration file is, write a commented default, or check it
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Print a completion script for a shell: `dossier completions bash > /etc/bash_completion.d/dossier`
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `dossier man > dossier.1`
    Man,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    if cli.print_state_path {
        return finish(notes::print_state_path(cli.state.as_deref()));
    }
    let state = cli.state.as_deref();
    let places = feed::Places {
        library: cli
            .library
            .clone()
            .or_else(|| configured_library(cli.config.as_deref())),
        feeds: cli.feeds.clone(),
        timeout: cli.timeout,
    };
    let index_dir = cli.index_dir.as_deref();
    let result = match cli.command {
        Some(Command::List(args)) => list::run(&args, index_dir, state),
        Some(Command::Index { paths }) => library::run_index(&paths, index_dir),
        Some(Command::Search {
            query,
            paths,
            json,
            limit,
        }) => library::run_search(&query, &paths, json, limit, index_dir, state),
        Some(Command::Entity { name, paths, json }) => {
            library::run_entity(&name, &paths, json, index_dir, state)
        }
        Some(Command::Show { path }) => show::run(&path),
        Some(Command::Notes(command)) => notes::run(command, state),
        Some(Command::MarkRead(args)) => mark_read::run(&args, state),
        Some(Command::Entities { json, plain, paths }) => entities::run(&paths, json, plain),
        Some(Command::Add { targets }) => add::run(&targets, &places),
        Some(Command::Feed(command)) => feed::run(command, &places),
        Some(Command::Refresh) => refresh::run(&places),
        Some(Command::Config(command)) => config::run(&command, cli.config.as_deref()),
        Some(Command::Completions { shell }) => shell::completions(shell),
        Some(Command::Man) => shell::man(),
        None => {
            // `--library DIR` alone opens that folder, the one fetched articles go into.
            let paths = if cli.paths.is_empty() {
                cli.library.iter().cloned().collect()
            } else {
                cli.paths
            };
            crate::reader::run(paths, state, &places, cli.config.as_deref())
        }
    };
    finish(result)
}

/// The configuration's library folder when it names just one: where `add`, `refresh` and the
/// reader's fetches save, as `--library` would. With several, which one is meant is unclear,
/// so the usual library folder is used.
fn configured_library(flag: Option<&std::path::Path>) -> Option<PathBuf> {
    let loaded = crate::config::load(crate::config::path(flag).as_deref(), false);
    match loaded.config.library.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn finish(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped reading (`dossier show x | head`) is not an error: command-line
        // tools end quietly then.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dossier: {err:#}");
            ExitCode::FAILURE
        }
    }
}
