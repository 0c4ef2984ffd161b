//! `dossier list [PATH...]`: the library as aligned columns, skipped files on stderr.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use dossier::sanitize::sanitize_line;
use dossier::{Article, Library};
use textwrap::core::display_width;

/// Column caps keep one long title from pushing the paths off the screen.
const TITLE_WIDTH: usize = 60;
const AUTHOR_WIDTH: usize = 24;
const DATE_WIDTH: usize = 10;

pub fn run(paths: &[PathBuf]) -> anyhow::Result<()> {
    let paths = if paths.is_empty() {
        let default = Path::new("articles");
        if !default.is_dir() {
            anyhow::bail!(
                "no path given and there is no ./articles folder; name files or folders to \
                 list, e.g. `dossier list ~/news`"
            );
        }
        vec![default.to_path_buf()]
    } else {
        paths.to_vec()
    };
    let library = Library::open(&paths);
    for skipped in &library.skipped {
        eprintln!(
            "dossier: skipped {}: {}",
            sanitize_line(&skipped.path.display().to_string()),
            sanitize_line(&skipped.reason)
        );
    }
    for article in &library.articles {
        for warning in &article.warnings {
            eprintln!(
                "dossier: warning: {}: {warning}",
                sanitize_line(&article.path.display().to_string())
            );
        }
    }
    let mut out = std::io::stdout().lock();
    write_table(&mut out, &library.articles).context("cannot write to standard output")?;
    if library.articles.is_empty() {
        anyhow::bail!("no articles found in the given paths");
    }
    Ok(())
}

/// Writes one row per article: date, title, author, path, in columns sized to the content.
pub fn write_table(out: &mut impl Write, articles: &[Article]) -> std::io::Result<()> {
    let rows: Vec<[String; 4]> = articles
        .iter()
        .map(|a| {
            [
                a.date.as_ref().map(ToString::to_string).unwrap_or_default(),
                a.title.clone(),
                a.author.clone().unwrap_or_default(),
                sanitize_line(&a.path.display().to_string()),
            ]
        })
        .map(|[date, title, author, path]| {
            [
                truncate(&date, DATE_WIDTH),
                truncate(&title, TITLE_WIDTH),
                truncate(&author, AUTHOR_WIDTH),
                path,
            ]
        })
        .collect();
    let header = ["DATE", "TITLE", "AUTHOR", "PATH"].map(String::from);
    let widths: Vec<usize> = (0..3)
        .map(|col| {
            std::iter::once(&header)
                .chain(&rows)
                .map(|r| display_width(&r[col]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (col, width) in widths.iter().enumerate() {
            line.push_str(&row[col]);
            line.push_str(&" ".repeat(width - display_width(&row[col]) + 2));
        }
        line.push_str(&row[3]);
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Cuts `text` to at most `width` columns, marking the cut with an ellipsis.
fn truncate(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if display_width(&out) + display_width(c.encode_utf8(&mut [0; 4])) + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}
