//! Command-line parsing and the subcommands that print instead of opening the reader.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod entities;
mod list;
mod show;

#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "A terminal reader for long-form news and analysis"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Files or folders of articles to open (default: ./articles, else the library folder)
    paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the library: title, date, author and path of each article
    List { paths: Vec<PathBuf> },
    /// Print one article as the reader parsed it, with numbered paragraphs
    Show { path: PathBuf },
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
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::List { paths }) => list::run(&paths),
        Some(Command::Show { path }) => show::run(&path),
        Some(Command::Entities { json, plain, paths }) => entities::run(&paths, json, plain),
        None => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dossier: {err:#}");
            ExitCode::FAILURE
        }
    }
}
