//! The commands that read the library through its index: `index`, `search`, `entity`, and the
//! opening and syncing that `list` shares with them.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use dossier::index::{Hit, HitPlace, Progress, SyncReport};
use dossier::sanitize::sanitize_line;
use dossier::store::State;
use dossier::{EntityCorrection, Index};
use indicatif::{ProgressBar, ProgressStyle};

/// How many hits `search` prints unless told otherwise.
pub const DEFAULT_LIMIT: usize = 20;

/// The library paths, `./articles` when none are given.
pub fn library_paths(paths: &[PathBuf], command: &str) -> anyhow::Result<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Ok(paths.to_vec());
    }
    let default = Path::new("articles");
    if !default.is_dir() {
        anyhow::bail!(
            "no path given and there is no ./articles folder; name files or folders, e.g. \
             `dossier {command} ~/news`"
        );
    }
    Ok(vec![default.to_path_buf()])
}

/// Opens the index of `paths` and brings it up to date, with a progress bar on a terminal;
/// skipped files and warnings go to stderr.
pub fn synced_index(
    paths: &[PathBuf],
    index_dir: Option<&Path>,
) -> anyhow::Result<(Index, SyncReport)> {
    let mut index = open_index(paths, index_dir);
    let report = sync_index(&mut index)?;
    Ok((index, report))
}

/// Opens the index of `paths`; why it is kept in memory only, if it is, goes to stderr.
pub fn open_index(paths: &[PathBuf], index_dir: Option<&Path>) -> Index {
    let (index, note) = Index::open_default(index_dir, paths);
    if let Some(note) = note {
        eprintln!("dossier: {}", sanitize_line(&note));
    }
    index
}

/// Brings `index` up to date, with a progress bar on a terminal; skipped files and warnings
/// go to stderr.
pub fn sync_index(index: &mut Index) -> anyhow::Result<SyncReport> {
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("indexing {bar:30} {pos}/{len} articles, {eta} left")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let mut told = false;
    let report = index
        .sync(&mut |p: Progress| {
            if p.waiting {
                if !told {
                    let note =
                        "dossier: another dossier is indexing this library; waiting for it to finish";
                    match &bar {
                        Some(bar) => bar.println(note),
                        None => eprintln!("{note}"),
                    }
                    told = true;
                }
                return;
            }
            if let Some(bar) = &bar {
                bar.set_length(p.total as u64);
                bar.set_position(p.done as u64);
            }
        })
        .context("cannot bring the library index up to date")?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for skipped in &report.skipped {
        eprintln!(
            "dossier: skipped {}: {}",
            sanitize_line(&skipped.path.display().to_string()),
            sanitize_line(&skipped.reason)
        );
    }
    Ok(report)
}

/// The state file, read only, if there is one; the corrections in it.
pub fn read_state(flag: Option<&Path>) -> (Option<State>, Vec<EntityCorrection>) {
    match crate::cli::notes::open_for_reading(flag) {
        Ok(store) => {
            let state = store.state().clone();
            let corrections = state.corrections.clone();
            (Some(state), corrections)
        }
        Err(_) => (None, Vec::new()),
    }
}

/// `dossier index [PATH...]`.
pub fn run_index(paths: &[PathBuf], index_dir: Option<&Path>) -> anyhow::Result<()> {
    let paths = library_paths(paths, "index")?;
    let (index, report) = synced_index(&paths, index_dir)?;
    if let Some(reason) = index.rebuilt() {
        eprintln!("dossier: built the index afresh: {}", sanitize_line(reason));
    }
    println!(
        "{} articles: {} added, {} changed, {} renamed, {} touched, {} removed, {} unchanged, {} skipped",
        report.articles,
        report.added,
        report.changed,
        report.renamed,
        report.touched,
        report.removed,
        report.unchanged,
        report.skipped.len()
    );
    if let Some(path) = index.path() {
        println!("index: {}", sanitize_line(&path.display().to_string()));
    }
    Ok(())
}

/// `dossier search QUERY [PATH...]`.
pub fn run_search(
    query: &str,
    paths: &[PathBuf],
    json: bool,
    limit: usize,
    index_dir: Option<&Path>,
    state_flag: Option<&Path>,
) -> anyhow::Result<()> {
    let paths = library_paths(paths, "search")?;
    let (index, _) = synced_index(&paths, index_dir)?;
    let (state, _) = read_state(state_flag);
    let hits = index.search(query, limit, state.as_ref())?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    if json {
        for hit in &hits {
            serde_json::to_writer(&mut out, &hit_json(hit))?;
            writeln!(out)?;
        }
    } else {
        for hit in &hits {
            writeln!(
                out,
                "{}  {}  ({})\n    {}",
                hit.article
                    .date
                    .as_ref()
                    .map_or_else(|| "          ".to_string(), ToString::to_string),
                sanitize_line(&hit.article.title),
                place_text(hit.place),
                sanitize_line(&emphasised(hit)),
            )?;
            writeln!(
                out,
                "    {}",
                sanitize_line(&hit.article.path.display().to_string())
            )?;
        }
    }
    out.flush()?;
    if hits.is_empty() {
        anyhow::bail!("nothing in the library matches {:?}", sanitize_line(query));
    }
    Ok(())
}

fn place_text(place: HitPlace) -> String {
    match place {
        HitPlace::Title => "title".to_string(),
        HitPlace::Text { paragraph } => format!("paragraph {}", paragraph + 1),
        HitPlace::Note { paragraph: Some(p) } => format!("note on paragraph {}", p + 1),
        HitPlace::Note { paragraph: None } => "note".to_string(),
    }
}

/// The snippet with the matched words in [brackets], for plain output.
fn emphasised(hit: &Hit) -> String {
    let text = &hit.snippet.text;
    let mut out = String::new();
    let mut at = 0;
    for range in &hit.snippet.matches {
        if range.start < at || range.end > text.len() {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push('[');
        out.push_str(&text[range.clone()]);
        out.push(']');
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

fn hit_json(hit: &Hit) -> serde_json::Value {
    serde_json::json!({
        "path": hit.article.path.display().to_string(),
        "title": hit.article.title,
        "date": hit.article.date.as_ref().map(ToString::to_string),
        "in": match hit.place {
            HitPlace::Title => "title",
            HitPlace::Text { .. } => "text",
            HitPlace::Note { .. } => "note",
        },
        // Numbered from 1, as `dossier show` prints paragraphs.
        "paragraph": hit.place.paragraph().map(|p| p + 1),
        "snippet": hit.snippet.text,
        "matches": hit.snippet.matches.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
    })
}

/// `dossier entity NAME [PATH...]`.
pub fn run_entity(
    name: &str,
    paths: &[PathBuf],
    json: bool,
    index_dir: Option<&Path>,
    state_flag: Option<&Path>,
) -> anyhow::Result<()> {
    let paths = library_paths(paths, "entity")?;
    let (index, _) = synced_index(&paths, index_dir)?;
    let (state, corrections) = read_state(state_flag);
    let Some(entity) = index.find_entity(name, &corrections)? else {
        anyhow::bail!(
            "no person, group or country called {:?} in the library",
            sanitize_line(name)
        );
    };
    let page = index.entity_page(&entity, state.as_ref(), &corrections)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    if json {
        let value = serde_json::json!({
            "kind": page.entity.kind.as_str(),
            "name": page.entity.name,
            "names": page.names,
            "articles": page.articles.iter().map(|a| serde_json::json!({
                "path": a.article.path.display().to_string(),
                "title": a.article.title,
                "date": a.article.date.as_ref().map(ToString::to_string),
                "mentions": a.mentions,
                "first_paragraph": a.first_paragraph + 1,
                "sentence": a.sentence,
            })).collect::<Vec<_>>(),
            "notes": page.notes.iter().map(|n| serde_json::json!({
                "title": n.title,
                "paragraph": n.paragraph + 1,
                "text": n.text,
            })).collect::<Vec<_>>(),
        });
        serde_json::to_writer(&mut out, &value)?;
        writeln!(out)?;
    } else {
        let total: usize = page.articles.iter().map(|a| a.mentions).sum();
        writeln!(
            out,
            "{} {}: {} mentions in {} articles",
            page.entity.kind.as_str(),
            sanitize_line(&page.entity.name),
            total,
            page.articles.len()
        )?;
        if !page.names.is_empty() {
            writeln!(out, "also named: {}", sanitize_line(&page.names.join(", ")))?;
        }
        for a in &page.articles {
            writeln!(
                out,
                "\n{}  {}  ({} mentions)\n    ¶{}: {}\n    {}",
                a.article
                    .date
                    .as_ref()
                    .map_or_else(|| "          ".to_string(), ToString::to_string),
                sanitize_line(&a.article.title),
                a.mentions,
                a.first_paragraph + 1,
                sanitize_line(&a.sentence),
                sanitize_line(&a.article.path.display().to_string()),
            )?;
        }
        if !page.notes.is_empty() {
            writeln!(out, "\nnotes:")?;
            for n in &page.notes {
                writeln!(
                    out,
                    "  {} ¶{}: {}",
                    sanitize_line(&n.title),
                    n.paragraph + 1,
                    sanitize_line(&n.text)
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
