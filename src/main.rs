//! The `dossier` binary: the command line and the terminal reader on top of the core library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
