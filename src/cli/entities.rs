//! `dossier entities`: the people, groups and countries of each article, as a table or as
//! JSON Lines for other tools.

use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use dossier::sanitize::sanitize;
use dossier::{Article, Entities, Library, extract_entities, parse_article, parse_plain_body};
use rayon::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
struct ArticleLine<'a> {
    path: String,
    title: &'a str,
    entities: Vec<EntityLine<'a>>,
}

#[derive(Serialize)]
struct EntityLine<'a> {
    kind: &'static str,
    name: &'a str,
    reason: &'a str,
    byline: bool,
    mentions: Vec<MentionLine<'a>>,
}

#[derive(Serialize)]
struct MentionLine<'a> {
    /// The paragraph's number as `dossier show` prints it, from 1.
    paragraph: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

pub fn run(paths: &[PathBuf], json: bool, plain: bool) -> anyhow::Result<()> {
    if paths.is_empty() {
        anyhow::bail!("no input: give files, folders, or - for standard input");
    }
    let articles = read_articles(paths, plain)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    // Articles are extracted and written out on every core, a chunk at a time so that only a
    // chunk's output waits in memory; the chunk is then printed in the articles' order.
    for chunk in articles.chunks(OUTPUT_CHUNK) {
        let printed: Vec<Vec<u8>> = chunk
            .par_iter()
            .map(|article| print_article(article, json))
            .collect::<std::io::Result<_>>()?;
        for bytes in printed {
            out.write_all(&bytes)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Articles extracted together before their output is written.
const OUTPUT_CHUNK: usize = 256;

/// One article's entities as `entities` prints them: a JSON line or a table.
fn print_article(article: &Article, json: bool) -> std::io::Result<Vec<u8>> {
    let entities = extract_entities(article);
    let mut out = Vec::new();
    if json {
        serde_json::to_writer(&mut out, &article_line(article, &entities))?;
        writeln!(out)?;
    } else {
        write_table(&mut out, article, &entities)?;
    }
    Ok(out)
}

fn article_line<'a>(article: &'a Article, entities: &'a Entities) -> ArticleLine<'a> {
    ArticleLine {
        path: article.path.display().to_string(),
        title: &article.title,
        entities: entities
            .entities
            .iter()
            .map(|e| EntityLine {
                kind: e.kind.as_str(),
                name: &e.name,
                reason: &e.reason,
                byline: e.byline,
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| MentionLine {
                        paragraph: m.paragraph + 1,
                        start: m.start,
                        end: m.end,
                        text: m.text(article),
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn write_table(
    out: &mut impl Write,
    article: &Article,
    entities: &Entities,
) -> std::io::Result<()> {
    let title = if article.title.is_empty() {
        "(untitled)"
    } else {
        &article.title
    };
    // file names are untrusted too: no escape sequence reaches the terminal
    writeln!(out, "{}  {}", shown(&article.path), title)?;
    if entities.entities.is_empty() {
        writeln!(out, "  (no people, groups or countries found)")?;
    }
    for e in &entities.entities {
        let mut places: Vec<String> = e
            .mentions
            .iter()
            .map(|m| format!("¶{}", m.paragraph + 1))
            .collect();
        places.dedup();
        if e.byline {
            places.insert(0, "byline".to_string());
        }
        writeln!(
            out,
            "  {:<8} {:<40} {:>3}  {:<24}  {}",
            e.kind.as_str(),
            e.name,
            e.mentions.len(),
            places.join(" "),
            e.reason
        )?;
    }
    writeln!(out)
}

fn read_articles(paths: &[PathBuf], plain: bool) -> anyhow::Result<Vec<Article>> {
    let mut articles = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            articles.push(read_one(path, &bytes, plain)?);
        } else if path.is_dir() && !plain {
            let library = Library::open(std::slice::from_ref(path));
            for skipped in &library.skipped {
                eprintln!(
                    "dossier: skipped {}: {}",
                    shown(&skipped.path),
                    sanitize(&skipped.reason)
                );
            }
            articles.extend(library.articles);
        } else if path.is_dir() {
            for file in files_under(path)? {
                let bytes = std::fs::read(&file)
                    .with_context(|| format!("cannot read {}", shown(&file)))?;
                articles.push(read_one(&file, &bytes, plain)?);
            }
        } else {
            let bytes = std::fs::read(path).with_context(|| {
                format!(
                    "cannot read {}: check the path and permissions",
                    shown(path)
                )
            })?;
            articles.push(read_one(path, &bytes, plain)?);
        }
    }
    Ok(articles)
}

fn read_one(path: &Path, bytes: &[u8], plain: bool) -> anyhow::Result<Article> {
    if plain {
        Ok(parse_plain_body(path, &String::from_utf8_lossy(bytes)))
    } else {
        parse_article(path, bytes).map_err(|err| anyhow::anyhow!(sanitize(&err.to_string())))
    }
}

fn shown(path: &Path) -> String {
    sanitize(&path.display().to_string())
}

fn files_under(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).with_context(|| format!("cannot list {}", shown(&d)))?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    Ok(files)
}
