//! Reports of the library index: the list fills while it is built and follows the files as
//! they change, while the user moves.

use chrono::NaiveDate;
use dossier::index::ArticleSummary;
use dossier::{Article, ArticleDate};

use super::*;
use crate::app::{HeldBodies, Report};
use crate::ui::test_articles::{article, memory_store};

/// An article dated day `day` of November 2026 (a later day lists first).
fn dated(title: &str, day: u32) -> Article {
    let mut a = article(title, &["First paragraph.", "Second paragraph."]);
    a.date = Some(ArticleDate::Day(
        NaiveDate::from_ymd_opt(2026, 11, day).expect("a valid date"),
    ));
    a
}

/// The summary the index gives for `article` written under `id`, with `hash` for its bytes.
fn indexed(article: &Article, id: i64, hash: &str) -> ArticleSummary {
    let mut summary = ArticleSummary::from_article(article, hash.to_string());
    summary.id = id;
    summary
}

/// A reader started on an index holding `shown`, whose files hold `bodies`.
fn started(shown: Vec<ArticleSummary>, bodies: Vec<Article>) -> App {
    App::new(
        shown,
        Box::new(HeldBodies { articles: bodies }),
        vec![PathBuf::from("/library")],
        Rect::new(0, 0, 120, 40),
        entities,
        memory_store(),
    )
}

fn deliver(app: &mut App, report: Report) {
    app.inbox.push_back(report);
    update(app, A::TakeReports);
}

/// The end of a sync that found nothing to add, change or remove.
fn nothing_changed() -> Report {
    Report::IndexSynced {
        articles: None,
        skipped: Vec::new(),
        failure: None,
    }
}

fn titles(app: &App) -> Vec<&str> {
    app.articles.iter().map(|a| a.title.as_str()).collect()
}

fn open_title(app: &App) -> Option<&str> {
    app.open_article().map(|a| a.title.as_str())
}

/// Articles "Day 1" to "Day n", dated the 1st to the nth.
fn days(n: u32) -> Vec<Article> {
    (1..=n).map(|d| dated(&format!("Day {d}"), d)).collect()
}

/// The index's summaries of `all`, newest first, numbered from 1 in that order.
fn newest_first(all: &[Article]) -> Vec<ArticleSummary> {
    all.iter()
        .rev()
        .enumerate()
        .map(|(n, a)| indexed(a, n as i64 + 1, "h"))
        .collect()
}

/// The index's summaries of the given days of `all`, in that order, each numbered by its day.
fn indexed_days(all: &[Article], days: &[usize]) -> Vec<ArticleSummary> {
    days.iter()
        .map(|&d| indexed(&all[d - 1], d as i64, "h"))
        .collect()
}

#[test]
fn a_cold_start_fills_the_list_as_batches_land_and_shows_progress() {
    let all = days(6);
    let mut app = started(Vec::new(), all.clone());
    assert_eq!((app.articles.len(), app.open), (0, None));
    deliver(&mut app, Report::IndexProgress { done: 0, total: 6 });
    assert_eq!(app.indexing.as_deref(), Some("Indexing 0/6"));
    // The first batch: the newest of them opens, as at any start.
    let first: Vec<ArticleSummary> = all[..3]
        .iter()
        .enumerate()
        .map(|(n, a)| indexed(a, n as i64 + 1, "h"))
        .collect();
    deliver(&mut app, Report::Indexed(first));
    deliver(&mut app, Report::IndexProgress { done: 3, total: 6 });
    assert_eq!(titles(&app), ["Day 3", "Day 2", "Day 1"]);
    assert_eq!(open_title(&app), Some("Day 3"));
    assert_eq!(app.indexing.as_deref(), Some("Indexing 3/6"));
    let second: Vec<ArticleSummary> = all[3..]
        .iter()
        .enumerate()
        .map(|(n, a)| indexed(a, n as i64 + 4, "h"))
        .collect();
    deliver(&mut app, Report::Indexed(second));
    assert_eq!(
        titles(&app),
        ["Day 6", "Day 5", "Day 4", "Day 3", "Day 2", "Day 1"]
    );
    assert_eq!(
        open_title(&app),
        Some("Day 3"),
        "the open article stays open"
    );
    assert_eq!(app.open, Some(3));
    deliver(&mut app, nothing_changed());
    assert_eq!(app.indexing, None);
}

#[test]
fn batches_arriving_while_the_user_moves_keep_the_selection_and_the_open_article() {
    let all = days(8);
    let shown = indexed_days(&all, &[5, 3, 1]);
    let mut app = started(shown, all.clone());
    assert_eq!(open_title(&app), Some("Day 5"));
    update(&mut app, A::SelectNextArticle);
    assert_eq!(app.articles[app.list.selected].title, "Day 3");
    update(&mut app, A::FocusRight);
    update(&mut app, A::NextParagraph);
    let current = app.reading.current;
    // Newer and older articles land above and below both.
    let batch = [8, 6, 4, 2]
        .iter()
        .map(|&d| indexed(&all[d - 1], d as i64 + 10, "h"))
        .collect();
    deliver(&mut app, Report::Indexed(batch));
    assert_eq!(app.articles.len(), 7);
    assert_eq!(app.articles[app.list.selected].title, "Day 3");
    assert_eq!(open_title(&app), Some("Day 5"));
    assert_eq!(app.articles[app.open.expect("open")].title, "Day 5");
    assert_eq!(app.reading.current, current, "the reading place is kept");
    assert_eq!(app.focus, Focus::Reading);
    // The keys go on from where the user is.
    update(&mut app, A::FocusLeft);
    update(&mut app, A::SelectNextArticle);
    assert_eq!(app.articles[app.list.selected].title, "Day 2");
    update(&mut app, A::OpenArticle);
    assert_eq!(open_title(&app), Some("Day 2"));
}

#[test]
fn an_article_removed_during_the_sync_leaves_the_list_and_closes_if_open() {
    let all = days(3);
    let shown = newest_first(&all);
    let mut app = started(shown.clone(), all);
    update(&mut app, A::SelectLastArticle);
    assert_eq!(open_title(&app), Some("Day 3"));
    // Day 3's file (the open one) is gone.
    let remaining = shown[1..].to_vec();
    deliver(
        &mut app,
        Report::IndexSynced {
            articles: Some(remaining),
            skipped: Vec::new(),
            failure: None,
        },
    );
    assert_eq!(titles(&app), ["Day 2", "Day 1"]);
    assert_eq!((app.open, open_title(&app)), (None, None));
    assert_eq!(app.articles[app.list.selected].title, "Day 1");
    let message = app.message.clone().expect("a message");
    assert!(message.text.contains("gone"), "{}", message.text);
    assert!(app.wrapped().is_none());
    update(&mut app, A::OpenArticle);
    assert_eq!(open_title(&app), Some("Day 1"));
}

#[test]
fn an_article_changed_during_the_sync_is_shown_as_it_is_now() {
    let old = dated("Day 1", 1);
    let mut new = old.clone();
    new.paragraphs[0].text = "Rewritten first paragraph.".into();
    let other = dated("Day 2", 2);
    let mut app = started(
        vec![indexed(&other, 1, "h2"), indexed(&old, 2, "old")],
        vec![other.clone(), old],
    );
    update(&mut app, A::SelectNextArticle);
    update(&mut app, A::OpenArticle);
    assert_eq!(
        app.open_article().map(|a| a.paragraphs[0].text.as_str()),
        Some("First paragraph.")
    );
    // The body source now holds the new version of the file (as the index would).
    app.bodies = Box::new(HeldBodies {
        articles: vec![other, new.clone()],
    });
    deliver(&mut app, Report::Indexed(vec![indexed(&new, 3, "new")]));
    assert_eq!(app.articles.len(), 2, "one entry per file");
    assert_eq!(open_title(&app), Some("Day 1"));
    assert_eq!(
        app.open_article().map(|a| a.paragraphs[0].text.as_str()),
        Some("Rewritten first paragraph.")
    );
    assert_eq!(app.articles[app.list.selected].title, "Day 1");
}

#[test]
fn opening_an_article_loads_its_body_once() {
    use std::cell::Cell;
    use std::rc::Rc;

    /// Counts the loads it answers.
    struct Counting {
        held: HeldBodies,
        loads: Rc<Cell<usize>>,
    }
    impl crate::app::ArticleBodies for Counting {
        fn load(&mut self, entry: &ArticleSummary) -> Result<Article, String> {
            self.loads.set(self.loads.get() + 1);
            self.held.load(entry)
        }
    }
    let all = days(3);
    let shown = newest_first(&all);
    let loads = Rc::new(Cell::new(0));
    let mut app = App::new(
        shown,
        Box::new(Counting {
            held: HeldBodies { articles: all },
            loads: Rc::clone(&loads),
        }),
        Vec::new(),
        Rect::new(0, 0, 120, 40),
        entities,
        memory_store(),
    );
    assert_eq!(loads.get(), 1, "only the article opened at start is loaded");
    for _ in 0..5 {
        update(&mut app, A::SelectNextArticle);
    }
    assert_eq!(loads.get(), 1, "moving through the list loads nothing");
    update(&mut app, A::OpenArticle);
    assert_eq!((loads.get(), open_title(&app)), (2, Some("Day 1")));
    update(&mut app, A::FocusLeft);
    update(&mut app, A::SelectFirstArticle);
    update(&mut app, A::OpenArticle);
    assert_eq!(
        (loads.get(), open_title(&app)),
        (2, Some("Day 3")),
        "a recent article is kept"
    );
}

#[test]
fn a_body_that_cannot_be_loaded_is_explained_and_the_open_article_kept() {
    let all = days(2);
    let shown = newest_first(&all);
    // Day 1's body is missing.
    let mut app = started(shown, all[1..].to_vec());
    update(&mut app, A::SelectNextArticle);
    update(&mut app, A::OpenArticle);
    assert_eq!(open_title(&app), Some("Day 2"));
    let message = app.message.clone().expect("a message");
    assert!(
        message.warning && message.text.starts_with("Could not open “Day 1”"),
        "{}",
        message.text
    );
}

#[test]
fn a_filtered_list_keeps_its_rows_while_the_index_adds_articles() {
    let all = days(5);
    let shown = indexed_days(&all, &[4, 2, 1]);
    let mut app = started(shown, all.clone());
    let rows = vec![
        (all[1].path.clone(), Some(2)),
        (all[0].path.clone(), Some(1)),
    ];
    deliver(
        &mut app,
        Report::Library {
            serial: 0,
            answer: Box::new(crate::app::LibraryAnswer::Listed {
                filter: dossier::index::Filter::default(),
                sort: dossier::index::Sort::Date,
                rows,
            }),
        },
    );
    update(&mut app, A::SelectNextArticle);
    let listed = |app: &App| -> Vec<String> {
        (0..app.list_len())
            .filter_map(|row| app.listed(row))
            .map(|index| app.articles[index].title.clone())
            .collect()
    };
    assert_eq!(listed(&app), ["Day 2", "Day 1"]);
    assert_eq!(app.list.selected, 1);
    // Newer articles land before every listed one in the library's order.
    let batch = [5, 3]
        .iter()
        .map(|&d| indexed(&all[d - 1], d as i64 + 10, "h"))
        .collect();
    deliver(&mut app, Report::Indexed(batch));
    assert_eq!(app.articles.len(), 5);
    assert_eq!(
        listed(&app),
        ["Day 2", "Day 1"],
        "the rows follow their articles"
    );
    let view = app.list_view.as_ref().expect("still filtered");
    assert_eq!(view.mentions, [Some(2), Some(1)]);
    assert_eq!(app.list.selected, 1);
    update(&mut app, A::OpenArticle);
    assert_eq!(open_title(&app), Some("Day 1"));
}

#[test]
fn while_another_dossier_indexes_the_list_fills_from_its_commits() {
    let all = days(3);
    let mut app = started(Vec::new(), all.clone());
    deliver(&mut app, Report::IndexWaiting);
    assert_eq!(app.indexing.as_deref(), Some("Another dossier is indexing"));
    deliver(&mut app, Report::Indexed(indexed_days(&all, &[2, 1])));
    assert_eq!(titles(&app), ["Day 2", "Day 1"]);
    assert_eq!(app.indexing.as_deref(), Some("Another dossier is indexing"));
    // Its turn comes once the other is done: nothing left to read, the library as indexed.
    deliver(&mut app, nothing_changed());
    assert_eq!(app.indexing, None);
    deliver(&mut app, Report::Indexed(indexed_days(&all, &[3])));
    assert_eq!(titles(&app), ["Day 3", "Day 2", "Day 1"]);
}
