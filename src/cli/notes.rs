//! `dossier notes`: list, add and export notes from the command line.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Subcommand, ValueEnum};
use dossier::sanitize::sanitize;
use dossier::store::{
    ArticleKey, ArticleState, Note, OpenOptions, PlacedNote, Placement, Store, place_notes,
    state_path,
};
use dossier::{Article, parse_article};
use serde::Serialize;

/// How long a command that writes waits for a running reader to let go of the state file, so
/// that one which is just quitting does not make it fail.
const LOCK_WAIT: Duration = Duration::from_secs(3);

#[derive(Debug, Subcommand)]
pub enum NotesCommand {
    /// List notes: every article's, or one article's (title, paragraph number, note)
    List { path: Option<PathBuf> },
    /// Pin a note to a paragraph, numbered as `dossier show` prints them (from 1)
    Add {
        path: PathBuf,
        paragraph: usize,
        /// The note (several words need no quotes)
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Print notes with the paragraphs they are about, as Markdown or JSON
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// Only these articles (default: every article with notes)
        paths: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
}

pub fn run(command: NotesCommand, state: Option<&Path>) -> anyhow::Result<()> {
    match command {
        NotesCommand::List { path } => list(state, path.as_deref()),
        NotesCommand::Add {
            path,
            paragraph,
            text,
        } => add(state, &path, paragraph, &text.join(" ")),
        NotesCommand::Export { format, paths } => export(state, format, &paths),
    }
}

/// `dossier --print-state-path`.
pub fn print_state_path(flag: Option<&Path>) -> anyhow::Result<()> {
    println!("{}", clean(&state_file(flag)?.display().to_string()));
    Ok(())
}

fn state_file(flag: Option<&Path>) -> anyhow::Result<PathBuf> {
    state_path(flag).context(
        "no home folder was found to keep the state file in; name one with --state PATH or \
         DOSSIER_STATE",
    )
}

/// Opens the state file to change it, waiting briefly for a reader that is quitting.
pub fn open_for_writing(flag: Option<&Path>) -> anyhow::Result<Store> {
    let options = OpenOptions::new(state_file(flag)?)
        .wait_for_lock(LOCK_WAIT)
        .fail_if_busy();
    let mut store = Store::open(options)?;
    tell(&mut store);
    if let Some(reason) = store.read_only() {
        bail!("{}", clean(reason));
    }
    Ok(store)
}

/// Opens the state file only to read it; works while a reader has it open.
pub fn open_for_reading(flag: Option<&Path>) -> anyhow::Result<Store> {
    let mut store = Store::open(OpenOptions::new(state_file(flag)?).read_only())?;
    tell(&mut store);
    Ok(store)
}

fn tell(store: &mut Store) {
    for message in store.take_messages() {
        eprintln!("dossier: {}", clean(&message));
    }
}

/// Reads and parses an article file, with its key.
pub fn read_article(path: &Path) -> anyhow::Result<(ArticleKey, Article)> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let article = parse_article(path, &bytes)?;
    Ok((ArticleKey::new(path, &bytes), article))
}

fn add(flag: Option<&Path>, path: &Path, paragraph: usize, text: &str) -> anyhow::Result<()> {
    let (key, article) = read_article(path)?;
    let count = article.paragraphs.len();
    if paragraph == 0 || paragraph > count {
        bail!(
            "{} has no paragraph {paragraph}: its paragraphs are numbered 1 to {count}, as \
             `dossier show` prints them",
            path.display()
        );
    }
    let mut store = open_for_writing(flag)?;
    let id = store.record(&key, &article);
    store.add_note(&id, &article.paragraphs, paragraph - 1, text)?;
    store.save_now()?;
    println!(
        "Added a note to paragraph {paragraph} of {}",
        clean(&article.title)
    );
    Ok(())
}

/// One article's notes, placed on the article as it is now when its file still reads.
struct ArticleNotes<'a> {
    record: &'a ArticleState,
    /// The article as read now; `None` when the file is gone or no longer reads.
    article: Option<Article>,
    placed: Vec<PlacedNote<'a>>,
}

impl ArticleNotes<'_> {
    fn title(&self) -> &str {
        match &self.article {
            Some(article) if !article.title.is_empty() => &article.title,
            _ if !self.record.title.is_empty() => &self.record.title,
            _ => &self.record.path,
        }
    }
}

/// The records to report: the ones `paths` name (all with notes when empty).
fn gather<'a>(store: &'a Store, paths: &[PathBuf]) -> anyhow::Result<Vec<ArticleNotes<'a>>> {
    let mut out = Vec::new();
    if paths.is_empty() {
        for record in store.state().articles.values() {
            if record.notes.is_empty() {
                continue;
            }
            let article = read_article(Path::new(&record.path)).ok().map(|(_, a)| a);
            out.push(placed(record, article));
        }
        out.sort_by_cached_key(|a| a.title().to_lowercase());
    } else {
        for path in paths {
            let (key, article) = read_article(path)?;
            match store.article_for(&key) {
                Some(record) => out.push(placed(record, Some(article))),
                None => eprintln!(
                    "dossier: no notes on {}",
                    clean(&path.display().to_string())
                ),
            }
        }
    }
    Ok(out)
}

fn placed(record: &ArticleState, article: Option<Article>) -> ArticleNotes<'_> {
    let placed = match &article {
        Some(article) => place_notes(&record.notes, &article.paragraphs),
        // Without the file, the paragraph each note was last anchored to is the best guess.
        None => {
            let mut placed: Vec<PlacedNote<'_>> = record
                .notes
                .iter()
                .map(|note| PlacedNote {
                    note,
                    placement: Placement::Exact(note.anchor.paragraph),
                })
                .collect();
            placed.sort_by_key(|p| (p.note.anchor.paragraph, p.note.created));
            placed
        }
    };
    ArticleNotes {
        record,
        article,
        placed,
    }
}

fn list(flag: Option<&Path>, path: Option<&Path>) -> anyhow::Result<()> {
    let store = open_for_reading(flag)?;
    let paths: Vec<PathBuf> = path.map(Path::to_path_buf).into_iter().collect();
    let articles = gather(&store, &paths)?;
    if articles.iter().all(|a| a.placed.is_empty()) {
        // An article without a record was already reported by `gather`.
        match path {
            Some(path) if !articles.is_empty() => {
                println!("No notes on {}.", clean(&path.display().to_string()));
            }
            Some(_) => {}
            None => println!("No notes yet."),
        }
        return Ok(());
    }
    let mut out = String::new();
    for article in &articles {
        let _ = writeln!(out, "{}", clean(article.title()));
        let _ = writeln!(out, "  {}", clean(&article.record.path));
        if article.article.is_none() {
            let _ = writeln!(
                out,
                "  (the file is missing or no longer reads; paragraphs as last seen)"
            );
        }
        for p in &article.placed {
            let label = match p.placement.index() {
                Some(i) => format!("¶{}", i + 1),
                None => "¶?".to_string(),
            };
            let mut lines = clean(&p.note.text)
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
                .into_iter();
            let first = lines.next().unwrap_or_default();
            let _ = writeln!(out, "  {label:>5}  {first}");
            for line in lines {
                let _ = writeln!(out, "         {line}");
            }
            if p.placement == Placement::Orphaned {
                let _ = writeln!(
                    out,
                    "         (its paragraph is gone; it began \"{}\")",
                    clean(&p.note.anchor.quote)
                );
            }
        }
        out.push('\n');
    }
    print!("{}", out.trim_end_matches('\n'));
    println!();
    Ok(())
}

fn export(flag: Option<&Path>, format: ExportFormat, paths: &[PathBuf]) -> anyhow::Result<()> {
    let store = open_for_reading(flag)?;
    let articles = gather(&store, paths)?;
    match format {
        ExportFormat::Markdown => print!("{}", markdown(&articles)),
        ExportFormat::Json => println!("{}", serde_json::to_string_pretty(&json(&articles))?),
    }
    Ok(())
}

/// Per article a heading, where it came from, then each paragraph quoted with its notes under
/// it; notes whose paragraph is gone come last under their saved quote.
fn markdown(articles: &[ArticleNotes<'_>]) -> String {
    let mut out = String::new();
    for article in articles.iter().filter(|a| !a.placed.is_empty()) {
        let _ = writeln!(out, "# {}\n", one_line(article.title()));
        if let Some(source) = article
            .article
            .as_ref()
            .and_then(|a| a.source.as_deref())
            .or(article.record.source.as_deref())
        {
            let _ = writeln!(out, "Source: {}  ", one_line(source));
        }
        let _ = writeln!(out, "File: `{}`\n", one_line(&article.record.path));
        let mut last_paragraph = None;
        for p in article
            .placed
            .iter()
            .filter(|p| p.placement.index().is_some())
        {
            let index = p.placement.index();
            if index != last_paragraph {
                last_paragraph = index;
                let number = index.map_or(0, |i| i + 1);
                let _ = writeln!(out, "## Paragraph {number}\n");
                let _ = writeln!(out, "{}\n", quote_block(&paragraph_text(article, p)));
            }
            let _ = writeln!(out, "{}\n", note_block(p.note));
        }
        let orphans: Vec<_> = article
            .placed
            .iter()
            .filter(|p| p.placement == Placement::Orphaned)
            .collect();
        if !orphans.is_empty() {
            let _ = writeln!(out, "## Notes whose paragraph is gone\n");
            for p in orphans {
                let _ = writeln!(
                    out,
                    "{}\n",
                    quote_block(&format!("{}…", p.note.anchor.quote))
                );
                let _ = writeln!(out, "{}\n", note_block(p.note));
            }
        }
    }
    out
}

fn paragraph_text(article: &ArticleNotes<'_>, p: &PlacedNote<'_>) -> String {
    match (&article.article, p.placement.index()) {
        (Some(a), Some(i)) => a.paragraphs.get(i).map(|para| para.text.clone()),
        _ => None,
    }
    .unwrap_or_else(|| format!("{}…", p.note.anchor.quote))
}

fn quote_block(text: &str) -> String {
    clean(text)
        .lines()
        .map(|line| format!("> {line}").trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn note_block(note: &Note) -> String {
    format!(
        "{}\n\n*Note of {}*",
        clean(&note.text),
        note.updated.format("%Y-%m-%d %H:%M UTC")
    )
}

#[derive(Serialize)]
struct ExportedArticle {
    title: String,
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    notes: Vec<ExportedNote>,
}

#[derive(Serialize)]
struct ExportedNote {
    id: String,
    /// As `dossier show` numbers paragraphs, from 1; null when the paragraph is gone.
    paragraph: Option<usize>,
    paragraph_text: Option<String>,
    quote: String,
    text: String,
    created: chrono::DateTime<chrono::Utc>,
    updated: chrono::DateTime<chrono::Utc>,
}

fn json(articles: &[ArticleNotes<'_>]) -> Vec<ExportedArticle> {
    articles
        .iter()
        .map(|a| ExportedArticle {
            title: clean(a.title()),
            path: clean(&a.record.path),
            source: a
                .article
                .as_ref()
                .and_then(|x| x.source.as_deref())
                .or(a.record.source.as_deref())
                .map(clean),
            notes: a
                .placed
                .iter()
                .map(|p| ExportedNote {
                    id: p.note.id.to_string(),
                    paragraph: p.placement.index().map(|i| i + 1),
                    paragraph_text: match (&a.article, p.placement.index()) {
                        (Some(x), Some(i)) => x.paragraphs.get(i).map(|para| clean(&para.text)),
                        _ => None,
                    },
                    quote: clean(&p.note.anchor.quote),
                    text: clean(&p.note.text),
                    created: p.note.created,
                    updated: p.note.updated,
                })
                .collect(),
        })
        .collect()
}

/// Text safe for the terminal (also in JSON, which leaves C1 controls and DEL as they are).
fn clean(text: &str) -> String {
    sanitize(text)
}

/// Text safe for the terminal, on one line (for headings and labels).
fn one_line(text: &str) -> String {
    sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
