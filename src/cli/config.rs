//! `dossier config path|init|check`: where the configuration file is, a commented default to
//! start from, and what is wrong with the one in use.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Subcommand;
use dossier::sanitize::sanitize_line;

use crate::config;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where the configuration file is (whether or not it exists)
    Path,
    /// Write a commented default configuration listing every option
    Init {
        /// Replace the file if there is one
        #[arg(long)]
        force: bool,
    },
    /// Read the configuration and report every problem in it (exit code 1 if any)
    Check,
}

pub fn run(command: &ConfigCommand, flag: Option<&Path>) -> anyhow::Result<()> {
    let path = config::path(flag).context(
        "cannot find a configuration folder; name a file with --config FILE or DOSSIER_CONFIG",
    )?;
    match command {
        ConfigCommand::Path => {
            println!("{}", path.display());
            Ok(())
        }
        ConfigCommand::Init { force } => init(&path, *force),
        ConfigCommand::Check => check(&path),
    }
}

fn init(path: &Path, force: bool) -> anyhow::Result<()> {
    let shown = sanitize_line(&path.display().to_string());
    if path.exists() && !force {
        bail!("{shown} already exists; use `dossier config init --force` to replace it");
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder for {shown}"))?;
    }
    write_whole(path, config::default_file().as_bytes())
        .with_context(|| format!("cannot write {shown}"))?;
    println!("wrote {shown}");
    Ok(())
}

/// Writes through a temporary file and a rename, so a failed write never leaves half a file
/// where the old one was.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut temp: PathBuf = path.to_path_buf();
    temp.as_mut_os_string().push(".tmp");
    let result = std::fs::File::create(&temp)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn check(path: &Path) -> anyhow::Result<()> {
    let shown = sanitize_line(&path.display().to_string());
    if !path.exists() {
        println!("{shown}: no configuration file; the defaults apply");
        return Ok(());
    }
    let loaded = config::load(Some(path), true);
    let mut problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    problems.extend(
        loaded
            .config
            .library
            .iter()
            .filter(|folder| !folder.exists())
            .map(|folder| {
                let folder = sanitize_line(&folder.display().to_string());
                format!("{shown}: library: the folder {folder} does not exist")
            }),
    );
    if problems.is_empty() {
        println!("{shown}: no problems");
        return Ok(());
    }
    for problem in &problems {
        eprintln!("{problem}");
    }
    let count = problems.len();
    bail!(
        "{count} problem{} in {shown}; the options named keep their defaults, the rest applies",
        if count == 1 { "" } else { "s" }
    )
}
