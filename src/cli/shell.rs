//! `dossier completions SHELL` and `dossier man`: both generated from the clap definition, so
//! they list exactly the commands and options that exist.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// Writes the completion script for `shell` to standard output.
pub fn completions(shell: Shell) -> anyhow::Result<()> {
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut command, "dossier", &mut out);
    out.flush()?;
    Ok(())
}

/// Writes the man page (roff) to standard output: `dossier man > dossier.1`.
pub fn man() -> anyhow::Result<()> {
    let command = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(command).render(&mut out)?;
    out.flush()?;
    Ok(())
}
