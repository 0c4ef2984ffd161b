//! Where the reader gets an article's paragraphs when it is opened. The list holds only
//! summaries (from the index); a body is loaded for the article being opened and kept with a
//! few recent ones, so a library of any size costs the memory of its summaries.

use std::path::Path;
use std::rc::Rc;

use dossier::Article;
use dossier::index::ArticleSummary;

/// How many bodies besides the open one stay loaded: going back and forth between a few
/// articles costs no load.
pub const RECENT_BODIES: usize = 4;

/// Loads one article's body. The reader's loads it from the library index (a read of one
/// article's rows); tests hold parsed articles.
pub trait ArticleBodies {
    /// The article `entry` summarises, paragraphs and all, or why it cannot be had.
    fn load(&mut self, entry: &ArticleSummary) -> Result<Article, String>;
}

/// Bodies parsed beforehand and held in memory, found by path: what screen and `update` tests
/// read from.
#[cfg(test)]
#[derive(Debug, Default)]
pub struct HeldBodies {
    pub articles: Vec<Article>,
}

#[cfg(test)]
impl ArticleBodies for HeldBodies {
    fn load(&mut self, entry: &ArticleSummary) -> Result<Article, String> {
        self.articles
            .iter()
            .find(|a| a.path == entry.path)
            .cloned()
            .ok_or_else(|| "no longer in the library".to_string())
    }
}

/// The recently opened bodies, most recent first, each with the content hash it was loaded
/// for (a changed file has a new hash and is loaded again).
#[derive(Debug, Default)]
pub struct BodyCache {
    bodies: Vec<(String, Rc<Article>)>,
}

impl BodyCache {
    pub fn get(&self, path: &Path, hash: &str) -> Option<&Rc<Article>> {
        self.bodies
            .iter()
            .find(|(h, a)| h == hash && a.path == path)
            .map(|(_, a)| a)
    }

    /// Puts `article` first, dropping the least recent beyond [`RECENT_BODIES`] and the open
    /// one (`open`: its path and hash), which is never dropped.
    pub fn keep(&mut self, hash: String, article: Rc<Article>, open: Option<(&Path, &str)>) {
        self.bodies
            .retain(|(h, a)| !(a.path == article.path && *h == hash));
        self.bodies.insert(0, (hash, article));
        while self.bodies.len() > RECENT_BODIES + 1 {
            let is_open = |(h, a): &(String, Rc<Article>)| {
                open.is_some_and(|(path, hash)| a.path == path && h == hash)
            };
            match self.bodies.iter().rposition(|b| !is_open(b)) {
                Some(at) => drop(self.bodies.remove(at)),
                None => break,
            }
        }
    }

    /// Moves the body of `path` to the front, so it is the last to be dropped.
    pub fn touch(&mut self, path: &Path, hash: &str) {
        if let Some(at) = self
            .bodies
            .iter()
            .position(|(h, a)| h == hash && a.path == path)
        {
            let body = self.bodies.remove(at);
            self.bodies.insert(0, body);
        }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.bodies.len()
    }
}

/// The list's order, the index's own: newest first, undated articles last, then by title
/// (ASCII case folded, as SQLite's NOCASE) and path.
pub fn sort_for_list(articles: &mut [ArticleSummary]) {
    articles.sort_by(list_order);
}

/// How two articles compare in the list's order; no allocation, so merging a batch into a
/// long list costs little more than walking it.
pub fn list_order(a: &ArticleSummary, b: &ArticleSummary) -> std::cmp::Ordering {
    let day = |a: &ArticleSummary| match &a.date {
        Some(dossier::ArticleDate::Day(d)) => Some(*d),
        _ => None,
    };
    let (day_a, day_b) = (day(a), day(b));
    day_a
        .is_none()
        .cmp(&day_b.is_none())
        .then_with(|| day_b.cmp(&day_a))
        .then_with(|| {
            a.title
                .bytes()
                .map(|b| b.to_ascii_lowercase())
                .cmp(b.title.bytes().map(|b| b.to_ascii_lowercase()))
        })
        .then_with(|| a.path.cmp(&b.path))
}

/// Merges two lists each already in the list's order into one.
pub fn merge_in_order(old: Vec<ArticleSummary>, new: Vec<ArticleSummary>) -> Vec<ArticleSummary> {
    let mut merged = Vec::with_capacity(old.len() + new.len());
    let mut old = old.into_iter().peekable();
    let mut new = new.into_iter().peekable();
    loop {
        let take_new = match (old.peek(), new.peek()) {
            (Some(o), Some(n)) => list_order(n, o).is_lt(),
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (None, None) => return merged,
        };
        merged.extend(if take_new { new.next() } else { old.next() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(path: &str) -> Article {
        let mut article = crate::ui::test_articles::article("A", &["x"]);
        article.path = path.into();
        article
    }

    #[test]
    fn the_cache_keeps_the_open_body_and_a_few_recent_ones() {
        let mut cache = BodyCache::default();
        for n in 0..10 {
            cache.keep(
                format!("h{n}"),
                Rc::new(article(&format!("/a/{n}.md"))),
                None,
            );
        }
        assert_eq!(cache.len(), RECENT_BODIES + 1);
        assert!(cache.get(Path::new("/a/9.md"), "h9").is_some());
        assert!(cache.get(Path::new("/a/0.md"), "h0").is_none());
        assert!(
            cache.get(Path::new("/a/9.md"), "other").is_none(),
            "a changed file is loaded again"
        );
        cache.touch(Path::new("/a/5.md"), "h5");
        for n in 10..13 {
            cache.keep(
                format!("h{n}"),
                Rc::new(article(&format!("/a/{n}.md"))),
                None,
            );
        }
        assert!(cache.get(Path::new("/a/5.md"), "h5").is_some());
        assert!(cache.get(Path::new("/a/6.md"), "h6").is_none());
        let open = Some((Path::new("/a/5.md"), "h5"));
        for n in 20..30 {
            cache.keep(
                format!("h{n}"),
                Rc::new(article(&format!("/a/{n}.md"))),
                open,
            );
        }
        assert!(
            cache.get(Path::new("/a/5.md"), "h5").is_some(),
            "the open article stays however many arrive"
        );
        assert_eq!(cache.len(), RECENT_BODIES + 1);
    }

    fn listed(title: &str, date: Option<&str>, path: &str) -> ArticleSummary {
        let mut a = article(path);
        a.title = title.to_string();
        a.date = date.map(|d| {
            dossier::ArticleDate::Day(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap())
        });
        ArticleSummary::from_article(&a, "h".into())
    }

    fn order(list: &[ArticleSummary]) -> Vec<String> {
        list.iter()
            .map(|a| a.path.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn the_list_order_is_newest_first_undated_last_then_title_without_case_then_path() {
        let mut list = vec![
            listed("b", None, "/a/1.md"),
            listed("zeta", Some("2024-01-01"), "/a/2.md"),
            listed("Alpha", Some("2024-01-01"), "/a/3.md"),
            listed("alpha", Some("2024-01-01"), "/a/0.md"),
            listed("a", Some("2025-06-30"), "/a/4.md"),
            listed("A", None, "/a/5.md"),
        ];
        sort_for_list(&mut list);
        assert_eq!(
            order(&list),
            [
                "/a/4.md", "/a/0.md", "/a/3.md", "/a/2.md", "/a/5.md", "/a/1.md"
            ]
        );
    }

    #[test]
    fn merging_a_sorted_batch_gives_what_sorting_everything_gives() {
        let make = |n: usize| {
            let date = (!n.is_multiple_of(3)).then(|| format!("2024-0{}-1{}", 1 + n % 9, n % 7));
            listed(
                &format!("Title {}", (n * 7) % 11),
                date.as_deref(),
                &format!("/a/{n}.md"),
            )
        };
        let mut old: Vec<ArticleSummary> = (0..40).map(make).collect();
        let mut new: Vec<ArticleSummary> = (40..65).map(make).collect();
        let mut all: Vec<ArticleSummary> = (0..65).map(make).collect();
        sort_for_list(&mut old);
        sort_for_list(&mut new);
        sort_for_list(&mut all);
        assert_eq!(order(&merge_in_order(old, new)), order(&all));
    }
}
