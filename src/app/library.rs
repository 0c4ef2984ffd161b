//! The library as a whole in the reader: the filtered and sorted article list, entity pages and
//! library search. `update` asks for these with an `Effect::QueryLibrary`; the loop answers
//! from the index and hands back a `Report::Library`. Articles are named by path (and
//! paragraph), and found again in the reader's list by path.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dossier::EntityRef;
use dossier::index::{EntityPage, Filter, Hit, Sort};

/// A question for the library index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryRequest {
    /// The articles that pass `filter`, in `sort` order. `entity_name` is a name the user
    /// typed, resolved against the library; a `filter.entity` is taken as the open article
    /// names it and joined to the library's entity.
    List {
        filter: Filter,
        sort: Sort,
        entity_name: Option<String>,
    },
    /// Everything the library says about this entity, with at least its `rows` newest
    /// articles (more come as the page is scrolled).
    EntityPage { entity: EntityRef, rows: usize },
    /// The entity page's articles from the `from`th on, as many again as a page reads.
    EntityArticles { entity: EntityRef, from: usize },
    /// The best matches of this query in titles, authors, text and notes.
    Search(String),
}

/// The index's answer to a [`LibraryRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryAnswer {
    /// The listed articles, by path, with the entity's mention count under an entity filter.
    Listed {
        filter: Filter,
        sort: Sort,
        rows: Vec<(PathBuf, Option<usize>)>,
    },
    EntityPage(Box<EntityPage>),
    /// More of an entity page's articles, from its `from`th on.
    EntityArticles {
        entity: EntityRef,
        from: usize,
        articles: Vec<dossier::index::EntityArticle>,
    },
    Found {
        query: String,
        hits: Vec<Hit>,
    },
    /// The question could not be answered; the text says why, for the status bar.
    Failed(String),
}

/// The article list as filtered and sorted: which articles it shows, in which order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListView {
    pub filter: Filter,
    pub sort: Sort,
    /// Indexes into `App::articles`, in the order shown.
    pub rows: Vec<usize>,
    /// Per row, the filtered entity's mention count.
    pub mentions: Vec<Option<usize>>,
}

impl ListView {
    /// Matches the index's rows to the reader's articles by path; rows the reader does not
    /// hold (not read yet, or gone since the index saw them) are left out.
    pub fn new(
        filter: Filter,
        sort: Sort,
        rows: &[(PathBuf, Option<usize>)],
        paths: &HashMap<&Path, usize>,
    ) -> Self {
        let (rows, mentions) = rows
            .iter()
            .filter_map(|(path, mentions)| Some((*paths.get(path.as_path())?, *mentions)))
            .unzip();
        Self {
            filter,
            sort,
            rows,
            mentions,
        }
    }

    /// What the list shows, in a few words: "person Andrey Serenko · by title".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.filter.is_empty() {
            parts.push(self.filter.describe());
        }
        match self.sort {
            Sort::Date => {}
            Sort::Title => parts.push("by title".into()),
            Sort::LastOpened => parts.push("by last opened".into()),
        }
        parts.join(" · ")
    }
}

/// The next sort order, for the key that steps through them.
pub fn next_sort(sort: Sort) -> Sort {
    match sort {
        Sort::Date => Sort::Title,
        Sort::Title => Sort::LastOpened,
        Sort::LastOpened => Sort::Date,
    }
}

/// The entity page or the search results, shown over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryView {
    pub content: LibraryContent,
    /// The selected row, by index into [`LibraryView::targets`].
    pub selected: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryContent {
    Entity(Box<EntityPage>),
    Search { query: String, hits: Vec<Hit> },
}

/// Where a row of the view leads: an article's file and the paragraph to open it at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target<'a> {
    pub path: &'a Path,
    pub paragraph: Option<usize>,
}

impl LibraryView {
    pub fn new(content: LibraryContent) -> Self {
        Self {
            content,
            selected: 0,
        }
    }

    /// Every selectable row, in the order shown: an entity page's articles then its notes;
    /// search hits best first.
    pub fn targets(&self) -> Vec<Target<'_>> {
        match &self.content {
            LibraryContent::Entity(page) => {
                let articles = page.articles.iter().map(|a| Target {
                    path: &a.article.path,
                    paragraph: Some(a.first_paragraph),
                });
                let notes = page.notes.iter().filter_map(|n| {
                    let article = page.articles.iter().find(|a| a.article.id == n.article)?;
                    Some(Target {
                        path: &article.article.path,
                        paragraph: Some(n.paragraph),
                    })
                });
                articles.chain(notes).collect()
            }
            LibraryContent::Search { hits, .. } => hits
                .iter()
                .map(|h| Target {
                    path: &h.article.path,
                    paragraph: h.place.paragraph(),
                })
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        match &self.content {
            LibraryContent::Entity(page) => page.articles.len() + page.notes.len(),
            LibraryContent::Search { hits, .. } => hits.len(),
        }
    }

    /// Moves the selection to `index`, kept inside the rows.
    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.len().saturating_sub(1));
    }
}

/// The filter and sort typed in the filter prompt: words such as `unread`, `notes`,
/// `tag:policy`, `since:2024-01`, `until:2025`, `source:example.org`, `feed:"Harbour Post"`,
/// `entity:"Andrey Serenko"` and `sort:title`. Values with spaces go in double quotes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterText {
    pub filter: Filter,
    pub sort: Sort,
    /// A person, group or country named by the user, to be found in the library.
    pub entity_name: Option<String>,
}

/// The words the filter prompt knows, for the message that explains a mistake.
pub const FILTER_WORDS: &str =
    "unread, notes, tag:, since:, until:, source:, feed:, entity:, sort:date|title|opened";

impl FilterText {
    /// Reads the prompt's text; the error says which word was not understood and why.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut out = Self::default();
        for word in split_words(text)? {
            let (key, value) = match word.split_once(':') {
                Some((key, value)) => (key.to_lowercase(), Some(value.trim().to_string())),
                None => (word.to_lowercase(), None),
            };
            let needs = |value: Option<String>| -> Result<String, String> {
                value
                    .filter(|v| !v.is_empty())
                    .ok_or_else(|| format!("{key}: needs a value"))
            };
            match key.as_str() {
                "unread" if value.is_none() => out.filter.unread = true,
                "notes" | "noted" if value.is_none() => out.filter.has_notes = true,
                "tag" => out.filter.tag = Some(needs(value)?),
                "source" | "url" => out.filter.source = Some(needs(value)?),
                "feed" | "site" => out.filter.feed = Some(needs(value)?),
                "entity" => out.entity_name = Some(needs(value)?),
                "since" | "from" => out.filter.since = Some(day(&needs(value)?, false)?),
                "until" | "to" => out.filter.until = Some(day(&needs(value)?, true)?),
                "sort" => out.sort = needs(value)?.parse()?,
                _ => return Err(format!("“{word}” is not a filter; use {FILTER_WORDS}")),
            }
        }
        Ok(out)
    }

    /// The text that [`FilterText::parse`] reads back as `filter` and `sort`, to start the
    /// prompt from what is in force.
    pub fn write(filter: &Filter, sort: Sort) -> String {
        let mut words = Vec::new();
        if filter.unread {
            words.push("unread".to_string());
        }
        if filter.has_notes {
            words.push("notes".to_string());
        }
        let quoted = |key: &str, value: &str| {
            if value.contains(char::is_whitespace) {
                format!("{key}:\"{value}\"")
            } else {
                format!("{key}:{value}")
            }
        };
        if let Some(tag) = &filter.tag {
            words.push(quoted("tag", tag));
        }
        if let Some(since) = filter.since {
            words.push(format!("since:{since}"));
        }
        if let Some(until) = filter.until {
            words.push(format!("until:{until}"));
        }
        if let Some(source) = &filter.source {
            words.push(quoted("source", source));
        }
        if let Some(feed) = &filter.feed {
            words.push(quoted("feed", feed));
        }
        if let Some(entity) = &filter.entity {
            words.push(quoted("entity", &entity.name));
        }
        match sort {
            Sort::Date => {}
            Sort::Title => words.push("sort:title".into()),
            Sort::LastOpened => words.push("sort:opened".into()),
        }
        let mut text = words.join(" ");
        if !text.is_empty() {
            text.push(' ');
        }
        text
    }
}

/// Splits at spaces outside double quotes; the quotes themselves are dropped.
fn split_words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if quoted {
        return Err("a double quote is not closed".into());
    }
    if !word.is_empty() {
        words.push(word);
    }
    Ok(words)
}

/// `2024-03-05`, `2024-03` or `2024`: the first day of the month or year, or with `last` the
/// last one (so `until:2024` keeps all of 2024).
fn day(text: &str, last: bool) -> Result<NaiveDate, String> {
    let bad = || format!("“{text}” is not a date; write 2024-03-05, 2024-03 or 2024");
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str| s.parse::<u32>().map_err(|_| bad());
    let year = parts
        .first()
        .ok_or_else(bad)
        .and_then(|y| y.parse::<i32>().map_err(|_| bad()))?;
    let date = match parts.as_slice() {
        [_] if last => NaiveDate::from_ymd_opt(year, 12, 31),
        [_] => NaiveDate::from_ymd_opt(year, 1, 1),
        [_, m] => {
            let first = NaiveDate::from_ymd_opt(year, number(m)?, 1);
            if last {
                first
                    .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
                    .and_then(|d| d.pred_opt())
            } else {
                first
            }
        }
        [_, m, d] => NaiveDate::from_ymd_opt(year, number(m)?, number(d)?),
        _ => None,
    };
    date.ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use dossier::EntityKind;

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
    }

    #[test]
    fn every_filter_word_is_read() {
        let parsed = FilterText::parse(
            "unread notes tag:policy since:2024-02 until:2024 source:example.org \
             feed:\"Harbour Post\" entity:\"Andrey Serenko\" sort:title",
        )
        .expect("a valid filter");
        assert!(parsed.filter.unread && parsed.filter.has_notes);
        assert_eq!(parsed.filter.tag.as_deref(), Some("policy"));
        assert_eq!(parsed.filter.since, Some(date(2024, 2, 1)));
        assert_eq!(parsed.filter.until, Some(date(2024, 12, 31)));
        assert_eq!(parsed.filter.source.as_deref(), Some("example.org"));
        assert_eq!(parsed.filter.feed.as_deref(), Some("Harbour Post"));
        assert_eq!(parsed.entity_name.as_deref(), Some("Andrey Serenko"));
        assert_eq!(parsed.sort, Sort::Title);
    }

    #[test]
    fn a_month_ends_on_its_last_day() {
        let parsed = FilterText::parse("until:2024-02").expect("a valid filter");
        assert_eq!(parsed.filter.until, Some(date(2024, 2, 29)));
    }

    #[test]
    fn mistakes_are_named() {
        let err = FilterText::parse("unred").expect_err("not a word");
        assert!(err.contains("“unred” is not a filter"), "{err}");
        let err = FilterText::parse("since:yesterday").expect_err("not a date");
        assert!(err.contains("not a date"), "{err}");
        let err = FilterText::parse("tag:").expect_err("no value");
        assert!(err.contains("needs a value"), "{err}");
        let err = FilterText::parse("sort:size").expect_err("no such sort");
        assert!(err.contains("unknown sort"), "{err}");
        let err = FilterText::parse("entity:\"Andrey").expect_err("open quote");
        assert!(err.contains("quote"), "{err}");
    }

    #[test]
    fn written_text_reads_back_as_the_same_filter() {
        let filter = Filter {
            unread: true,
            tag: Some("cold war".into()),
            since: Some(date(2023, 5, 1)),
            feed: Some("Harbour Post".into()),
            entity: Some(EntityRef::new(EntityKind::Person, "Andrey Serenko")),
            ..Filter::default()
        };
        let text = FilterText::write(&filter, Sort::LastOpened);
        let parsed = FilterText::parse(&text).expect("its own text");
        assert_eq!(parsed.filter.tag, filter.tag);
        assert_eq!(parsed.filter.feed, filter.feed);
        assert_eq!(parsed.filter.since, filter.since);
        assert!(parsed.filter.unread);
        assert_eq!(parsed.entity_name.as_deref(), Some("Andrey Serenko"));
        assert_eq!(parsed.sort, Sort::LastOpened);
        assert_eq!(FilterText::write(&Filter::default(), Sort::Date), "");
    }

    #[test]
    fn rows_the_reader_does_not_hold_are_left_out() {
        let a = PathBuf::from("/library/a.md");
        let b = PathBuf::from("/library/b.md");
        let paths: HashMap<&Path, usize> = [(a.as_path(), 1), (b.as_path(), 0)].into();
        let rows = vec![
            (b.clone(), Some(3)),
            (PathBuf::from("/library/gone.md"), Some(9)),
            (a.clone(), Some(1)),
        ];
        let view = ListView::new(Filter::default(), Sort::Title, &rows, &paths);
        assert_eq!(view.rows, vec![0, 1]);
        assert_eq!(view.mentions, vec![Some(3), Some(1)]);
        assert_eq!(view.describe(), "by title");
    }
}
