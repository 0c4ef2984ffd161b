//! `dossier list [PATH...]`: the library as aligned columns, skipped files on stderr.

use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;
use dossier::index::{ArticleSummary, Filter, Sort};
use dossier::sanitize::{is_printable_ascii, sanitize_line};

use crate::cli::library::{library_paths, open_index, read_state, sync_index};
use dossier::store::State;
use dossier::{EntityCorrection, Index};
use textwrap::core::display_width;

/// Column caps keep one long title from pushing the paths off the screen.
const TITLE_WIDTH: usize = 60;
const AUTHOR_WIDTH: usize = 24;
const DATE_WIDTH: usize = 10;

/// `dossier list`'s filters and order.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ListArgs {
    /// Files or folders of articles (default: ./articles)
    pub paths: Vec<PathBuf>,
    /// Only articles not marked read
    #[arg(long)]
    pub unread: bool,
    /// Only articles with notes
    #[arg(long)]
    pub has_notes: bool,
    /// Only articles with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Only articles dated on or after this day (YYYY-MM-DD)
    #[arg(long, value_name = "DAY")]
    pub since: Option<NaiveDate>,
    /// Only articles dated on or before this day (YYYY-MM-DD)
    #[arg(long, value_name = "DAY")]
    pub until: Option<NaiveDate>,
    /// Only articles that mention this person, group or country
    #[arg(long, value_name = "NAME")]
    pub entity: Option<String>,
    /// Only articles whose source contains this text
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// Only articles whose publication or feed contains this text
    #[arg(long, value_name = "TEXT")]
    pub feed: Option<String>,
    /// Order: date (newest first), title, or last-opened
    #[arg(long, default_value = "date")]
    pub sort: Sort,
}

pub fn run(args: &ListArgs, index_dir: Option<&Path>, state: Option<&Path>) -> anyhow::Result<()> {
    let paths = library_paths(&args.paths, "list")?;
    let needs_state =
        args.unread || args.has_notes || args.entity.is_some() || args.sort == Sort::LastOpened;
    let (state, corrections) = if needs_state {
        read_state(state)
    } else {
        (None, Vec::new())
    };
    let mut index = open_index(&paths, index_dir);
    // The list is read and laid out on a second connection while the sync walks the files:
    // on a warm start the sync finds nothing changed and that table is the answer; otherwise
    // the list is read again from the synced index.
    let early = index.second_connection().ok().flatten();
    let (state_ref, corrections_ref) = (state.as_ref(), corrections.as_slice());
    let (synced, early) = std::thread::scope(|scope| {
        let early = early.map(|reader| {
            scope.spawn(move || {
                list_articles(&reader, args, state_ref, corrections_ref)
                    .map(|(filter, articles)| (filter, Printed::of(articles)))
            })
        });
        let synced = sync_index(&mut index);
        (synced, early.and_then(|thread| thread.join().ok()))
    });
    let report = synced?;
    let unchanged = report.added + report.changed + report.renamed + report.removed == 0;
    let (filter, printed) = match early {
        Some(Ok(listed)) if unchanged => listed,
        _ => {
            let (filter, articles) = list_articles(&index, args, state.as_ref(), &corrections)?;
            (filter, Printed::of(articles))
        }
    };
    eprint!("{}", printed.warnings);
    let mut out = std::io::stdout().lock();
    out.write_all(&printed.table)
        .and_then(|()| out.flush())
        .context("cannot write to standard output")?;
    let empty = printed.articles.is_empty();
    // The process ends here: the summaries are left for it to release, not freed one by one
    // (at 50,000 articles that took a tenth of the run).
    std::mem::forget(printed);
    if empty {
        if filter.is_empty() {
            anyhow::bail!("no articles found in the given paths");
        }
        anyhow::bail!("no articles match: {}", sanitize_line(&filter.describe()));
    }
    Ok(())
}

/// What `list` prints, laid out before it is known to be wanted (see [`run`]).
struct Printed {
    table: Vec<u8>,
    /// The articles' parse warnings, a line each, for standard error.
    warnings: String,
    /// The articles listed, kept so that they are not freed on the way to the output.
    articles: Vec<ArticleSummary>,
}

impl Printed {
    fn of(articles: Vec<ArticleSummary>) -> Self {
        let mut warnings = String::new();
        for article in &articles {
            for warning in &article.warnings {
                warnings.push_str(&format!(
                    "dossier: warning: {}: {warning}\n",
                    sanitize_line(&article.path.display().to_string())
                ));
            }
        }
        let mut table = Vec::new();
        // Writing into memory cannot fail.
        let _ = write_table(&mut table, &articles);
        Self {
            table,
            warnings,
            articles,
        }
    }
}

/// The filter `args` ask for, and the articles it lets through in the order asked for.
fn list_articles(
    index: &Index,
    args: &ListArgs,
    state: Option<&State>,
    corrections: &[EntityCorrection],
) -> anyhow::Result<(Filter, Vec<ArticleSummary>)> {
    let entity = match &args.entity {
        Some(name) => Some(index.find_entity(name, corrections)?.with_context(|| {
            format!(
                "no person, group or country called {:?} in the library",
                sanitize_line(name)
            )
        })?),
        None => None,
    };
    let filter = Filter {
        unread: args.unread,
        has_notes: args.has_notes,
        tag: args.tag.clone(),
        since: args.since,
        until: args.until,
        entity,
        source: args.source.clone(),
        feed: args.feed.clone(),
    };
    let articles = index.articles(&filter, args.sort, state, corrections)?;
    Ok((filter, articles))
}

/// Writes one row per article: date, title, author, path, in columns sized to the content.
pub fn write_table(out: &mut impl Write, articles: &[ArticleSummary]) -> std::io::Result<()> {
    // Each cell is measured once and kept in one shared buffer by its byte range: a warm
    // `list` of a large library spends more time here than in the index, and 200,000 cells
    // as strings of their own cost as much again to free.
    let mut text = String::new();
    let mut cell = |value: String, cap: Option<usize>| -> (Range<usize>, usize) {
        let value = match cap {
            Some(cap) => truncate(value, cap),
            None => value,
        };
        let start = text.len();
        text.push_str(&value);
        (start..text.len(), width_of(&value))
    };
    let header = ["DATE", "TITLE", "AUTHOR", "PATH"].map(|h| cell(h.to_string(), None));
    let mut rows: Vec<[(Range<usize>, usize); 4]> = Vec::with_capacity(articles.len() + 1);
    rows.push(header);
    rows.extend(articles.iter().map(|a| {
        [
            cell(
                a.date.as_ref().map(ToString::to_string).unwrap_or_default(),
                Some(DATE_WIDTH),
            ),
            cell(sanitize_line(&a.title), Some(TITLE_WIDTH)),
            cell(
                sanitize_line(a.author.as_deref().unwrap_or_default()),
                Some(AUTHOR_WIDTH),
            ),
            cell(sanitize_line(&a.path.display().to_string()), None),
        ]
    }));
    let widths: Vec<usize> = (0..3)
        .map(|col| rows.iter().map(|r| r[col].1).max().unwrap_or(0))
        .collect();
    for row in &rows {
        for (col, width) in widths.iter().enumerate() {
            let (range, used) = &row[col];
            write!(
                out,
                "{}{:pad$}",
                &text[range.clone()],
                "",
                pad = width - used + 2
            )?;
        }
        writeln!(out, "{}", &text[row[3].0.clone()])?;
    }
    Ok(())
}

/// The columns `text` takes: its length when it is printable ASCII, as nearly every cell is
/// (the cells are sanitized, so no escape sequence is left to skip).
fn width_of(text: &str) -> usize {
    if is_printable_ascii(text) {
        text.len()
    } else {
        display_width(text)
    }
}

/// Cuts `text` to at most `width` columns, marking the cut with an ellipsis.
fn truncate(mut text: String, width: usize) -> String {
    if is_printable_ascii(&text) {
        // A column per byte: the cut is a byte offset.
        if text.len() > width {
            text.truncate(width.saturating_sub(1));
            text.push('…');
        }
        return text;
    }
    if width_of(&text) <= width {
        return text;
    }
    let mut out = String::new();
    // The width so far is kept, not measured again per character: a list of thousands of
    // long titles is cut on every run.
    let mut used = 0;
    for c in text.chars() {
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_cell_fills_its_column_exactly_with_the_ellipsis_last() {
        for text in [
            "A title far longer than the column it is shown in",
            "Día de los Muertos: una celebración más larga que la columna",
            "東京 and the long title of a piece",
        ] {
            let cut = truncate(text.to_string(), 20);
            assert!(cut.ends_with('…'), "{cut}");
            assert!(display_width(&cut) <= 20, "{cut}");
            assert!(display_width(&cut) >= 19, "{cut}");
            assert!(text.starts_with(cut.trim_end_matches('…')), "{cut}");
        }
        assert_eq!(truncate("Short".to_string(), 20), "Short");
        assert_eq!(truncate("x".repeat(20), 20), "x".repeat(20));
        assert_eq!(truncate("x".repeat(21), 20), format!("{}…", "x".repeat(19)));
    }
}
