//! `dossier show PATH`: one article as parsed, paragraphs numbered from 1.
//!
//! The numbers are the contract every other command uses: paragraph N is
//! `article.paragraphs[N - 1]`.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use dossier::library::{MAX_ARTICLE_BYTES, human_size};
use dossier::sanitize::sanitize_line;
use dossier::{Article, ParagraphKind};

pub fn run(path: &Path) -> anyhow::Result<()> {
    let shown = sanitize_line(&path.display().to_string());
    let meta = std::fs::metadata(path)
        .with_context(|| format!("cannot open {shown}; check that the file exists"))?;
    if meta.is_dir() {
        anyhow::bail!(
            "{shown} is a folder; `dossier show` takes one article file (try `dossier list {shown}`)"
        );
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        anyhow::bail!(
            "{shown} is too large to be an article ({}, the limit is {}); split it or open a \
             smaller file",
            human_size(meta.len()),
            human_size(MAX_ARTICLE_BYTES)
        );
    }
    let bytes = std::fs::read(path)
        .with_context(|| format!("cannot read {shown}; check its permissions"))?;
    let article = dossier::parse_article(path, &bytes)?;
    let mut out = std::io::stdout().lock();
    write_article(&mut out, &article).context("cannot write to standard output")?;
    out.flush().context("cannot write to standard output")?;
    for warning in &article.warnings {
        eprintln!("dossier: warning: {shown}: {warning}");
    }
    Ok(())
}

/// Writes the header, then each paragraph as `[N] text` separated by blank lines.
pub fn write_article(out: &mut impl Write, article: &Article) -> std::io::Result<()> {
    writeln!(out, "{}", article.title)?;
    if let Some(author) = &article.author {
        writeln!(out, "By {author}")?;
    }
    if let Some(date) = &article.date {
        writeln!(out, "Date: {date}")?;
    }
    if let Some(site) = &article.site_name {
        writeln!(out, "Site: {site}")?;
    }
    if let Some(source) = &article.source {
        writeln!(out, "Source: {source}")?;
    }
    if let Some(language) = &article.language {
        writeln!(out, "Language: {language}")?;
    }
    if !article.tags.is_empty() {
        writeln!(out, "Tags: {}", article.tags.join(", "))?;
    }
    for (i, paragraph) in article.paragraphs.iter().enumerate() {
        let n = i + 1;
        writeln!(out)?;
        match paragraph.kind {
            ParagraphKind::Body => writeln!(out, "[{n}] {}", paragraph.text)?,
            ParagraphKind::Heading(level) => writeln!(
                out,
                "[{n}] {} {}",
                "#".repeat(usize::from(level.clamp(1, 6))),
                paragraph.text
            )?,
            ParagraphKind::ListItem => writeln!(out, "[{n}] • {}", paragraph.text)?,
            ParagraphKind::Quote => writeln!(out, "[{n}] > {}", paragraph.text)?,
            ParagraphKind::Code => {
                writeln!(out, "[{n}]")?;
                for line in paragraph.text.lines() {
                    writeln!(out, "    {line}")?;
                }
            }
        }
    }
    Ok(())
}
