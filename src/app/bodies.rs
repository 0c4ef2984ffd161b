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
    articles.sort_by_cached_key(|a| {
        let day = match &a.date {
            Some(dossier::ArticleDate::Day(d)) => Some(*d),
            _ => None,
        };
        (
            day.is_none(),
            std::cmp::Reverse(day),
            a.title.to_ascii_lowercase(),
            a.path.clone(),
        )
    });
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
}
