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

/// mimalloc in place of the C library's allocator. The index build parses articles on the
/// worker threads and frees them on the writer's, a pattern glibc's malloc serves slowly: with
/// mimalloc a cold build of 10,000 articles took an eighth less time, of 50,000 a quarter
/// less, and a warm `list` a fifth less (BENCHMARKS.md). Without transparent huge pages its
/// peak memory stays within a few megabytes of glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
