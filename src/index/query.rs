//! Reading the index: article summaries for the list (filtered and sorted), and one article's
//! body when it is opened.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::types::Value;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::article::{Article, ArticleDate, Format, Paragraph};
use crate::corrections::{EntityCorrection, EntityRef};
use crate::index::schema::{PARAGRAPH_BITS, TITLE_ROW};
use crate::index::sync::kind_from_code;
use crate::index::{Index, IndexError};
use crate::store::{ArticleState, State};

/// One article as the list shows it, without its body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    /// The index's id of the article, for [`Index::article`]; stable until the file changes.
    pub id: i64,
    pub path: PathBuf,
    pub title: String,
    pub author: Option<String>,
    pub date: Option<ArticleDate>,
    pub source: Option<String>,
    pub tags: Vec<String>,
    pub format: Format,
    pub paragraphs: usize,
    pub words: usize,
    /// The content hash the store keys notes by.
    pub hash: String,
    pub warnings: Vec<String>,
    /// With an entity filter: how often the article names the entity.
    pub mentions: Option<usize>,
}

/// Which articles to list. Every field that is set must hold; the default lists everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only articles not marked read.
    pub unread: bool,
    /// Only articles with at least one note.
    pub has_notes: bool,
    /// Only articles with this tag (any case).
    pub tag: Option<String>,
    /// Only articles dated on or after this day.
    pub since: Option<NaiveDate>,
    /// Only articles dated on or before this day.
    pub until: Option<NaiveDate>,
    /// Only articles that name this entity (as the user's corrections name it).
    pub entity: Option<EntityRef>,
    /// Only articles whose source contains this text (any case).
    pub source: Option<String>,
    /// Only articles whose publication or feed (the feed's title for a saved feed item, the
    /// page's site name) contains this text (any case).
    pub feed: Option<String>,
}

impl Filter {
    /// Whether the filter lets every article through.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The filter in a few words, for the reader's status line and `list`'s footer.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.unread {
            parts.push("unread".to_string());
        }
        if self.has_notes {
            parts.push("with notes".to_string());
        }
        if let Some(tag) = &self.tag {
            parts.push(format!("tag {tag}"));
        }
        match (self.since, self.until) {
            (Some(a), Some(b)) => parts.push(format!("{a} to {b}")),
            (Some(a), None) => parts.push(format!("since {a}")),
            (None, Some(b)) => parts.push(format!("until {b}")),
            (None, None) => {}
        }
        if let Some(e) = &self.entity {
            parts.push(format!("{} {}", e.kind.as_str(), e.name));
        }
        if let Some(source) = &self.source {
            parts.push(format!("source {source}"));
        }
        if let Some(feed) = &self.feed {
            parts.push(format!("feed {feed}"));
        }
        parts.join(", ")
    }
}

/// The order of the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Newest first; undated articles last, by title.
    #[default]
    Date,
    /// By title, A to Z.
    Title,
    /// Most recently opened first; never opened last, newest first.
    LastOpened,
}

impl std::str::FromStr for Sort {
    type Err = String;

    /// `date`, `title` or `last-opened` (also `opened`).
    fn from_str(text: &str) -> Result<Self, String> {
        match text.to_ascii_lowercase().as_str() {
            "date" => Ok(Self::Date),
            "title" => Ok(Self::Title),
            "last-opened" | "last_opened" | "opened" => Ok(Self::LastOpened),
            _ => Err(format!(
                "unknown sort {text:?}; use date, title or last-opened"
            )),
        }
    }
}

/// Up to this many ids are named in a statement (`a.id IN (...)`); more are picked out of a
/// walk of the list's index, which reads only that index and costs the same for any number.
const IDS_IN_STATEMENT: usize = 512;

/// The list's `ORDER BY`, spelt as the list's indexes are (`schema::SECONDARY`), so SQLite
/// walks them instead of sorting.
fn order_by(sort: Sort) -> &'static str {
    match sort {
        Sort::Date | Sort::LastOpened => {
            "a.day IS NULL, a.day DESC, a.title COLLATE NOCASE, a.path"
        }
        Sort::Title => "a.title COLLATE NOCASE, a.path",
    }
}

/// The order [`order_by`] gives, for summaries sorted in memory: newest first with undated
/// articles last, then by title as SQLite's NOCASE compares (ASCII letters folded), then by
/// path as stored; or by title and path.
fn list_order(a: &ArticleSummary, b: &ArticleSummary, sort: Sort) -> std::cmp::Ordering {
    fn day(s: &ArticleSummary) -> Option<NaiveDate> {
        match s.date {
            Some(ArticleDate::Day(day)) => Some(day),
            _ => None,
        }
    }
    let by_title = || {
        let lower = |b: u8| b.to_ascii_lowercase();
        (a.title.bytes().map(lower))
            .cmp(b.title.bytes().map(lower))
            .then_with(|| {
                a.path
                    .as_os_str()
                    .as_encoded_bytes()
                    .cmp(b.path.as_os_str().as_encoded_bytes())
            })
    };
    match sort {
        Sort::Date | Sort::LastOpened => {
            let (x, y) = (day(a), day(b));
            x.is_none()
                .cmp(&y.is_none())
                .then_with(|| y.cmp(&x))
                .then_with(by_title)
        }
        Sort::Title => by_title(),
    }
}

fn id_list(ids: &[i64]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// An article of a filtered list, by the index's id and its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedArticle {
    pub id: i64,
    pub path: PathBuf,
    /// With an entity filter: how often the article names the entity.
    pub mentions: Option<usize>,
}

/// A [`ListedArticle`] with the content hash the store's records are found by.
struct ListedRow {
    article: ListedArticle,
    hash: String,
}

/// What the list query needs of a row, whatever else it reads.
trait Listed: Sized {
    /// Whether rows are read in the table's order and put in the list's order by
    /// [`Listed::sort`], rather than read in order by walking the list's index.
    const SORTED_HERE: bool = false;
    /// Puts `rows` in the list's `sort` order (only called when [`Listed::SORTED_HERE`]).
    fn sort(_rows: &mut [Self], _sort: Sort) {}
    fn id(&self) -> i64;
    fn hash(&self) -> &str;
    fn path(&self) -> &Path;
    fn set_mentions(&mut self, mentions: usize);
}

impl Listed for ArticleSummary {
    // A summary is read from the article's table row. Walking the list's index instead looks
    // each row up in date order: once the table outgrows SQLite's page cache (about 40,000
    // articles) nearly every lookup reads its page again, and listing 50,000 articles cost
    // more than five times 10,000.
    const SORTED_HERE: bool = true;
    fn sort(rows: &mut [Self], sort: Sort) {
        rows.sort_unstable_by(|a, b| list_order(a, b, sort));
    }
    fn id(&self) -> i64 {
        self.id
    }
    fn hash(&self) -> &str {
        &self.hash
    }
    fn path(&self) -> &Path {
        &self.path
    }
    fn set_mentions(&mut self, mentions: usize) {
        self.mentions = Some(mentions);
    }
}

impl Listed for ListedRow {
    fn id(&self) -> i64 {
        self.article.id
    }
    fn hash(&self) -> &str {
        &self.hash
    }
    fn path(&self) -> &Path {
        &self.article.path
    }
    fn set_mentions(&mut self, mentions: usize) {
        self.article.mentions = Some(mentions);
    }
}

pub(crate) const SUMMARY_COLUMNS: &str = "a.id, a.path, a.title, a.author, a.date, a.day, a.source, a.tags, \
                               a.format, a.paragraphs, a.words, a.hash, a.warnings";

impl Index {
    /// The articles that pass `filter`, in `sort` order. `state` (the store's) is needed for
    /// the unread and notes filters and the last-opened sort; `corrections` for an entity
    /// filter named as the user corrected it.
    pub fn articles(
        &self,
        filter: &Filter,
        sort: Sort,
        state: Option<&State>,
        corrections: &[EntityCorrection],
    ) -> Result<Vec<ArticleSummary>, IndexError> {
        self.filtered(
            filter,
            sort,
            state,
            corrections,
            SUMMARY_COLUMNS,
            summary_from_row,
        )
    }

    /// The articles that pass `filter`, in `sort` order, named by id and path only: what a
    /// reader that holds every summary already needs to show the list. Read from the list's
    /// own index where the filter allows, never from the article rows.
    pub fn listed(
        &self,
        filter: &Filter,
        sort: Sort,
        state: Option<&State>,
        corrections: &[EntityCorrection],
    ) -> Result<Vec<ListedArticle>, IndexError> {
        // The hash (outside the list's indexes) only when the store is asked.
        let hash = if filter.unread || filter.has_notes || sort == Sort::LastOpened {
            "a.hash"
        } else {
            "''"
        };
        let rows: Vec<ListedRow> = self.filtered(
            filter,
            sort,
            state,
            corrections,
            &format!("a.id, a.path, {hash}"),
            |r| {
                Ok(ListedRow {
                    article: ListedArticle {
                        id: r.get(0)?,
                        path: PathBuf::from(r.get::<_, String>(1)?),
                        mentions: None,
                    },
                    hash: r.get(2)?,
                })
            },
        )?;
        Ok(rows.into_iter().map(|r| r.article).collect())
    }

    /// The first `first` of `ids` in the list's `sort` order (last-opened taken as date
    /// order). Of a name in most articles, the first hundred are near the start of the walk.
    pub(crate) fn in_list_order<V>(
        &self,
        sort: Sort,
        ids: &FxHashMap<i64, V>,
        first: usize,
    ) -> Result<Vec<i64>, IndexError> {
        let order = order_by(sort);
        let mut out = Vec::with_capacity(ids.len().min(first));
        if first == 0 {
            return Ok(out);
        }
        if ids.len() <= IDS_IN_STATEMENT {
            let mut sorted: Vec<i64> = ids.keys().copied().collect();
            sorted.sort_unstable();
            let sql = format!(
                "SELECT a.id FROM article a WHERE a.id IN ({}) ORDER BY {order}",
                id_list(&sorted)
            );
            let mut stmt = self.conn.prepare(&sql)?;
            for id in stmt.query_map([], |r| r.get::<_, i64>(0))? {
                out.push(id?);
                if out.len() == first {
                    break;
                }
            }
        } else {
            let mut stmt = self
                .conn
                .prepare_cached(&format!("SELECT a.id FROM article a ORDER BY {order}"))?;
            for id in stmt.query_map([], |r| r.get::<_, i64>(0))? {
                let id = id?;
                if ids.contains_key(&id) {
                    out.push(id);
                    if out.len() == first {
                        break;
                    }
                }
            }
        }
        Ok(out)
    }

    fn filtered<T: Listed>(
        &self,
        filter: &Filter,
        sort: Sort,
        state: Option<&State>,
        corrections: &[EntityCorrection],
        columns: &str,
        read: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, IndexError> {
        let mut conditions = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if let Some(tag) = &filter.tag {
            values.push(Value::Text(tag.clone()));
            conditions.push(format!(
                "(char(10) || a.tags || char(10)) LIKE ('%' || char(10) || ?{} || char(10) || '%')",
                values.len()
            ));
        }
        if let Some(since) = filter.since {
            values.push(Value::Text(since.format("%Y-%m-%d").to_string()));
            conditions.push(format!("a.day >= ?{}", values.len()));
        }
        if let Some(until) = filter.until {
            values.push(Value::Text(until.format("%Y-%m-%d").to_string()));
            conditions.push(format!("a.day <= ?{}", values.len()));
        }
        if let Some(source) = &filter.source {
            values.push(Value::Text(source.clone()));
            conditions.push(format!("a.source LIKE ('%' || ?{} || '%')", values.len()));
        }
        if let Some(feed) = &filter.feed {
            values.push(Value::Text(feed.clone()));
            conditions.push(format!("a.site LIKE ('%' || ?{} || '%')", values.len()));
        }
        let mut counts: Option<FxHashMap<i64, usize>> = None;
        let mut names_ids = false;
        if let Some(entity) = &filter.entity {
            let found = self.mention_counts(entity, corrections)?;
            // A few articles are named in the statement (ids are the index's own integers,
            // so they are written into it, which is then not cached); of many, the walk of
            // the list's index below skips those not named.
            if found.len() <= IDS_IN_STATEMENT {
                let mut ids: Vec<i64> = found.keys().copied().collect();
                ids.sort_unstable();
                conditions.push(format!("a.id IN ({})", id_list(&ids)));
                names_ids = true;
            }
            counts = Some(found);
        }
        let order = order_by(sort);
        let where_clause = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let sql = if T::SORTED_HERE {
            format!("SELECT {columns} FROM article a {where_clause}")
        } else {
            format!("SELECT {columns} FROM article a {where_clause} ORDER BY {order}")
        };
        let mut plain;
        let mut cached;
        let stmt: &mut rusqlite::Statement<'_> = if names_ids {
            plain = self.conn.prepare(&sql)?;
            &mut plain
        } else {
            cached = self.conn.prepare_cached(&sql)?;
            &mut cached
        };
        let rows = stmt.query_map(rusqlite::params_from_iter(values), read)?;
        let lookup = state.map(StateLookup::new);
        let mut out = Vec::new();
        for row in rows {
            let mut summary = row?;
            if let Some(counts) = &counts {
                match counts.get(&summary.id()) {
                    Some(n) => summary.set_mentions(*n),
                    None => continue,
                }
            }
            if filter.unread || filter.has_notes {
                let record = lookup
                    .as_ref()
                    .and_then(|l| l.find_by(summary.hash(), summary.path()));
                if filter.unread && record.is_some_and(|r| r.read) {
                    continue;
                }
                if filter.has_notes && record.is_none_or(|r| r.notes.is_empty()) {
                    continue;
                }
            }
            out.push(summary);
        }
        if T::SORTED_HERE {
            T::sort(&mut out, sort);
        }
        if sort == Sort::LastOpened
            && let Some(lookup) = &lookup
        {
            // A stable sort keeps never-opened articles newest first.
            let mut keyed: Vec<_> = out
                .into_iter()
                .map(|s| {
                    let opened = lookup
                        .find_by(s.hash(), s.path())
                        .and_then(|r| r.last_opened);
                    (opened, s)
                })
                .collect();
            keyed.sort_by_key(|k| std::cmp::Reverse(k.0));
            out = keyed.into_iter().map(|(_, s)| s).collect();
        }
        Ok(out)
    }

    /// The articles written since the one with index id `after` (ids only grow, and a changed
    /// file is written again under a new id), oldest first: what a sync has added so far.
    pub fn articles_after(&self, after: i64) -> Result<Vec<ArticleSummary>, IndexError> {
        let sql = format!("SELECT {SUMMARY_COLUMNS} FROM article a WHERE a.id > ?1 ORDER BY a.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([after], summary_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The highest index id of an article, 0 when there is none.
    pub fn last_id(&self) -> Result<i64, IndexError> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM article", [], |r| r.get(0))?)
    }

    /// The summary of the article with index id `id`.
    pub fn summary(&self, id: i64) -> Result<Option<ArticleSummary>, IndexError> {
        let sql = format!("SELECT {SUMMARY_COLUMNS} FROM article a WHERE a.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query_map([id], summary_from_row)?;
        Ok(rows.next().transpose()?)
    }

    /// The whole article with index id `id`, body and all, as it was parsed; `None` if the
    /// index no longer holds it.
    pub fn article(&self, id: i64) -> Result<Option<Article>, IndexError> {
        let Some(summary) = self.summary(id)? else {
            return Ok(None);
        };
        let paragraphs = self.paragraphs(id)?;
        let site_name: Option<String> = self
            .conn
            .prepare_cached("SELECT site FROM article WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        Ok(Some(Article {
            title: summary.title,
            author: summary.author,
            date: summary.date,
            source: summary.source,
            tags: summary.tags,
            paragraphs,
            path: summary.path,
            format: summary.format,
            warnings: summary.warnings,
            site_name,
            // Not kept in the index (nothing reads it after parsing but `show`, which parses).
            language: None,
        }))
    }

    /// The paragraphs of article `id`, in order.
    pub fn paragraphs(&self, id: i64) -> Result<Vec<Paragraph>, IndexError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, text FROM paragraph WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map(
            [
                id << PARAGRAPH_BITS,
                (id << PARAGRAPH_BITS) | (TITLE_ROW - 1),
            ],
            |r| {
                Ok(Paragraph {
                    kind: kind_from_code(r.get(0)?),
                    text: r.get(1)?,
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One paragraph's text.
    pub fn paragraph_text(&self, id: i64, paragraph: usize) -> Result<Option<String>, IndexError> {
        let row = (id << PARAGRAPH_BITS) | i64::try_from(paragraph).unwrap_or(TITLE_ROW);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT text FROM paragraph WHERE id = ?1")?;
        let mut rows = stmt.query_map([row], |r| r.get::<_, String>(0))?;
        Ok(rows.next().transpose()?)
    }

    /// Number of articles in the index.
    pub fn len(&self) -> Result<usize, IndexError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM article", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Whether the index holds no article.
    pub fn is_empty(&self) -> Result<bool, IndexError> {
        Ok(self.len()? == 0)
    }
}

impl ArticleSummary {
    /// The summary of an article parsed outside the index (just fetched, or in tests), whose
    /// file's bytes have `hash`; `id` is 0, which no indexed article has.
    pub fn from_article(article: &Article, hash: String) -> Self {
        Self {
            id: 0,
            path: article.path.clone(),
            title: article.title.clone(),
            author: article.author.clone(),
            date: article.date.clone(),
            source: article.source.clone(),
            tags: article.tags.clone(),
            format: article.format,
            paragraphs: article.paragraphs.len(),
            words: article
                .paragraphs
                .iter()
                .map(|p| p.text.split_whitespace().count())
                .sum(),
            hash,
            warnings: article.warnings.clone(),
            mentions: None,
        }
    }
}

pub(crate) fn summary_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleSummary> {
    // A listing reads every row: the day is parsed by `NaiveDate`'s own ISO reader (a format
    // string would be parsed again per row) and the date as written only read when no day is.
    let day: Option<&str> = r.get_ref(5)?.as_str_or_null()?;
    let date = match day {
        Some(day) => day.parse::<NaiveDate>().ok().map(ArticleDate::Day),
        None => r.get::<_, Option<String>>(4)?.map(ArticleDate::Text),
    };
    let lines = |text: String| -> Vec<String> {
        if text.is_empty() {
            Vec::new()
        } else {
            text.split('\n').map(str::to_string).collect()
        }
    };
    let format = r.get_ref(8)?.as_str()?;
    Ok(ArticleSummary {
        id: r.get(0)?,
        path: PathBuf::from(r.get::<_, String>(1)?),
        title: r.get(2)?,
        author: r.get(3)?,
        date,
        source: r.get(6)?,
        tags: lines(r.get(7)?),
        format: match format {
            "markdown" => Format::Markdown,
            "html" => Format::Html,
            _ => Format::PlainText,
        },
        paragraphs: usize::try_from(r.get::<_, i64>(9)?).unwrap_or(0),
        words: usize::try_from(r.get::<_, i64>(10)?).unwrap_or(0),
        hash: r.get(11)?,
        warnings: lines(r.get(12)?),
        mentions: None,
    })
}

/// The store's records by content hash and by path, for joining them to index rows.
pub(crate) struct StateLookup<'a> {
    by_hash: HashMap<&'a str, &'a ArticleState>,
    by_path: HashMap<&'a str, &'a ArticleState>,
}

impl<'a> StateLookup<'a> {
    pub(crate) fn new(state: &'a State) -> Self {
        let mut by_hash = HashMap::new();
        let mut by_path = HashMap::new();
        for record in state.articles.values() {
            by_hash.insert(record.content_hash.as_str(), record.as_ref());
            by_path.insert(record.path.as_str(), record.as_ref());
        }
        Self { by_hash, by_path }
    }

    /// The record of an article: same content first (it may have moved), else same path.
    pub(crate) fn find(&self, summary: &ArticleSummary) -> Option<&'a ArticleState> {
        self.find_by(&summary.hash, &summary.path)
    }

    /// The record of the article with content `hash` at `path`.
    pub(crate) fn find_by(&self, hash: &str, path: &Path) -> Option<&'a ArticleState> {
        self.by_hash
            .get(hash)
            .or_else(|| self.by_path.get(path.to_string_lossy().as_ref()))
            .copied()
    }
}
