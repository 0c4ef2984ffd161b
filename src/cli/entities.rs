//! `dossier entities`: the people, groups and countries of each article, as a table or as
//! JSON Lines for other tools.

use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use dossier::library::read_article;
use dossier::sanitize::sanitize;
use dossier::{Article, Entities, LibraryOrder, extract_entities, parse_article, parse_plain_body};
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
    let inputs = inputs(paths, plain)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    // Articles are read, extracted and written out on every core a chunk at a time, so that
    // only a chunk's articles and output wait in memory; the chunk is then printed in order.
    for chunk in inputs.chunks(OUTPUT_CHUNK) {
        let printed: Vec<Printed> = chunk
            .par_iter()
            .map(|input| print_input(input, json))
            .collect::<std::io::Result<_>>()?;
        for printed in printed {
            match printed {
                Printed::Article(bytes) => out.write_all(&bytes)?,
                Printed::Skipped(line) => {
                    out.flush()?;
                    eprintln!("{line}");
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// Articles extracted together before their output is written.
const OUTPUT_CHUNK: usize = 256;

/// An article to print, in the order given.
enum Input {
    /// Read from standard input, which cannot be read a second time.
    Read(Box<Article>),
    /// A file named on the command line or found in a folder read as plain text: it opened
    /// when the inputs were checked.
    File { path: PathBuf, plain: bool },
    /// A file of a library folder, in the library's order.
    InLibrary(PathBuf),
}

/// What one input printed: its article's entities, or why the file no longer opens (it
/// changed after the inputs were checked).
enum Printed {
    Article(Vec<u8>),
    Skipped(String),
}

fn print_input(input: &Input, json: bool) -> std::io::Result<Printed> {
    // Each error becomes the line that reports it: a named file's error names it already.
    let article = match input {
        Input::Read(article) => return print_article(article, json).map(Printed::Article),
        Input::File { path, plain } => read_file(path, *plain)
            .map_err(|err| format!("dossier: {}", sanitize(&err.to_string()))),
        Input::InLibrary(path) => read_article(path)
            .map(|(article, _hash)| article)
            .map_err(|reason| format!("dossier: skipped {}: {}", shown(path), sanitize(&reason))),
    };
    Ok(match article {
        Ok(article) => Printed::Article(print_article(&article, json)?),
        Err(line) => Printed::Skipped(line),
    })
}

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

/// The articles to print, in order, each file checked to open before anything is printed (a
/// bad file named on the command line stops the command, as a file of a library folder that
/// does not open is skipped with its reason). Only standard input is kept in memory: files are
/// read again when their turn comes.
fn inputs(paths: &[PathBuf], plain: bool) -> anyhow::Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            inputs.push(Input::Read(Box::new(read_one(path, &bytes, plain)?)));
        } else if path.is_dir() && !plain {
            let library = LibraryOrder::find(std::slice::from_ref(path));
            for skipped in &library.skipped {
                eprintln!(
                    "dossier: skipped {}: {}",
                    shown(&skipped.path),
                    sanitize(&skipped.reason)
                );
            }
            inputs.extend(library.files.into_iter().map(Input::InLibrary));
        } else {
            let files = if path.is_dir() {
                files_under(path)?
            } else {
                vec![path.clone()]
            };
            // Checked on every core; the first file in order that does not open is the one
            // reported.
            let checked: Vec<anyhow::Result<()>> = files
                .par_iter()
                .map(|file| read_file(file, plain).map(drop))
                .collect();
            checked.into_iter().collect::<anyhow::Result<()>>()?;
            inputs.extend(files.into_iter().map(|path| Input::File { path, plain }));
        }
    }
    Ok(inputs)
}

/// A file named on the command line, or found in a folder read as plain text.
fn read_file(path: &Path, plain: bool) -> anyhow::Result<Article> {
    let bytes = std::fs::read(path).with_context(|| {
        format!(
            "cannot read {}: check the path and permissions",
            shown(path)
        )
    })?;
    read_one(path, &bytes, plain)
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
