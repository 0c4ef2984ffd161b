//! The `dossier` binary: the command line, and the terminal reader on top of the core library.
//!
//! `cli` parses arguments; `reader` runs the reader: `app` holds its state and `update`,
//! `action` its vocabulary, `keys` the key table, `ui` the widgets, `terminal` setup and restore.

mod action;
mod app;
mod cli;
mod config;
mod keys;
mod reader;
mod terminal;
mod ui;

fn main() -> std::process::ExitCode {
    cli::run()
}
