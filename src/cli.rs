//! Command-line parsing and the subcommands that print instead of opening the reader.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::List { paths }) => list::run(&paths),
        Some(Command::Show { path }) => show::run(&path),
        None => crate::reader::run(cli.paths),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dossier: {err:#}");
            ExitCode::FAILURE
        }
    }
}
