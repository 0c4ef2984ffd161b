//! Articles coming in: a web page by URL, or a local file, read with dossier's own parsers
//! and saved into the library folder (see [`crate::saved_article`]), once.
//!
//! Each URL an article was saved from is remembered in the subscriptions file (as asked, after
//! redirects, and the page's canonical URL), so adding the same page again in any of those
//! forms says where it already is instead of making a second article.

use std::path::{Path, PathBuf};

use chrono::Utc;

use crate::article::{Article, ParseError, parse_article};
use crate::feeds::Subscriptions;
use crate::fetch::{Client, FetchError, Outcome, Response, Validators, Wanted};
use crate::sanitize::sanitize_line;
use crate::saved_article::{Provenance, WriteError, save_article};

/// What adding one URL or file came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Saved as this new file.
    New { path: PathBuf, title: String },
    /// Already in the library, as this file.
    AlreadyThere(PathBuf),
}

/// Why a URL or file was not added; one line each.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error("{0}")]
    Fetch(#[from] FetchError),
    #[error("not an article: {0}")]
    NotArticle(String),
    #[error("{0}")]
    Write(#[from] WriteError),
    #[error("cannot read the file: {0}")]
    File(String),
}

/// The HTTP client and the folder new articles go into.
#[derive(Debug, Clone)]
pub struct Intake {
    pub client: Client,
    pub library: PathBuf,
}

impl Intake {
    /// Also clears the folder of temp files a killed run left behind.
    pub fn new(client: Client, library: impl Into<PathBuf>) -> Self {
        let library = library.into();
        crate::saved_article::remove_leftovers(&library);
        Self { client, library }
    }

    /// Fetches `url`, reads it as an article and saves it, unless it is already there.
    pub fn add_url(&self, subs: &mut Subscriptions, url: &str) -> Result<Added, AddError> {
        let url = url.trim();
        crate::fetch::parse_web_url(url)?;
        if let Some(path) = subs.saved_file(&[url]) {
            return Ok(Added::AlreadyThere(path.clone()));
        }
        let response = match self.client.get(url, Wanted::Page, &Validators::default())? {
            Outcome::Fetched(response) => response,
            // Nothing was sent to make a 304 possible; a server that says it anyway is broken.
            Outcome::NotModified => return Err(FetchError::Status(304).into()),
        };
        let article = read_page(&response)?;
        let urls = page_urls(url, &response, &article);
        let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
        if let Some(path) = subs.saved_file(&urls).cloned() {
            subs.remember(&urls, &path);
            return Ok(Added::AlreadyThere(path));
        }
        let provenance = Provenance {
            source: Some(response.url.clone()),
            fetched: Some(Utc::now()),
            ..Provenance::default()
        };
        let path = save_article(&self.library, &article, &provenance)?;
        subs.remember(&urls, &path);
        Ok(Added::New {
            path,
            title: article.title,
        })
    }

    /// Reads a local file as an article and saves a copy into the library folder, unless a
    /// file with the same contents was copied in before.
    pub fn add_file(&self, subs: &mut Subscriptions, path: &Path) -> Result<Added, AddError> {
        let meta = std::fs::metadata(path).map_err(|e| AddError::File(e.to_string()))?;
        if !meta.is_file() {
            return Err(AddError::File("not a regular file".into()));
        }
        if meta.len() > crate::library::MAX_ARTICLE_BYTES {
            return Err(AddError::File("larger than any article (16 MB)".into()));
        }
        let bytes = std::fs::read(path).map_err(|e| AddError::File(e.to_string()))?;
        let key = crate::store::article_key::content_hash(&bytes);
        if let Some(copy) = subs.saved_copy(&key) {
            return Ok(Added::AlreadyThere(copy.clone()));
        }
        let article = parse_article(path, &bytes).map_err(not_article)?;
        let saved = save_article(&self.library, &article, &Provenance::default())?;
        subs.remember_copy(&key, &saved);
        Ok(Added::New {
            path: saved,
            title: article.title,
        })
    }
}

/// The URLs that name the page: as asked, after redirects, and its canonical URL.
pub fn page_urls(asked: &str, response: &Response, article: &Article) -> Vec<String> {
    let mut urls = vec![asked.to_string(), response.url.clone()];
    urls.extend(article.source.clone());
    urls
}

/// Reads a fetched page (HTML, or text and Markdown served as such) with dossier's parsers.
pub fn read_page(response: &Response) -> Result<Article, AddError> {
    let name = match response.mime.as_str() {
        "text/plain" => "page.txt",
        "text/markdown" | "text/x-markdown" => "page.md",
        _ => "page.html",
    };
    let bytes = transcode(&response.body, response.charset.as_deref());
    let article = parse_article(Path::new(name), &bytes).map_err(not_article)?;
    if article.paragraphs.is_empty() {
        return Err(AddError::NotArticle(
            "the page has a title but no readable text".into(),
        ));
    }
    Ok(article)
}

/// Bytes in the charset the server named, as UTF-8 (the parsers then see no other charset).
fn transcode<'a>(body: &'a [u8], charset: Option<&str>) -> std::borrow::Cow<'a, [u8]> {
    let encoding = charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()));
    match encoding {
        Some(encoding) if encoding != encoding_rs::UTF_8 && std::str::from_utf8(body).is_err() => {
            let (text, _, _) = encoding.decode(body);
            std::borrow::Cow::Owned(text.into_owned().into_bytes())
        }
        _ => std::borrow::Cow::Borrowed(body),
    }
}

fn not_article(err: ParseError) -> AddError {
    AddError::NotArticle(match err {
        ParseError::Empty { .. } => "the response is empty".into(),
        ParseError::Binary { .. } => "binary data, not text".into(),
        ParseError::NoText { .. } => "no readable text was found".into(),
    })
}

/// `err` as one line safe for a terminal.
pub fn one_line(err: &impl std::fmt::Display) -> String {
    sanitize_line(&err.to_string())
}
