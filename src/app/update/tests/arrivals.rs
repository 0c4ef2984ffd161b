//! The URL prompt, the refresh key, and reports from the background fetcher.

use super::*;
use crate::app::{Arrival, Job, Report};
use crate::ui::test_articles::article;

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, A::Edit(crate::app::EditKey::Insert(c)));
    }
}

/// Whether an effect starts background work (a save may come with any action).
fn fetches(effect: Option<Effect>) -> bool {
    matches!(effect, Some(Effect::AddUrl(_) | Effect::RefreshFeeds))
}

#[test]
fn the_url_prompt_starts_a_fetch_and_says_so() {
    let mut app = app(120, 40);
    update(&mut app, A::AddUrl);
    assert!(matches!(app.mode, Mode::UrlPrompt(_)));
    assert_eq!(app.scope(), crate::keys::Scope::Prompt);
    type_text(&mut app, "  https://example.org/a  ");
    let effect = update(&mut app, A::AcceptPrompt);
    assert_eq!(effect, Some(Effect::AddUrl("https://example.org/a".into())));
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.busy.as_deref(), Some("Fetching https://example.org/a…"));
    // One job at a time.
    assert!(!fetches(update(&mut app, A::RefreshFeeds)));
    assert!(app.message.as_ref().is_some_and(|m| m.warning));
}

#[test]
fn an_empty_or_cancelled_prompt_fetches_nothing() {
    let mut app = app(120, 40);
    update(&mut app, A::AddUrl);
    assert!(!fetches(update(&mut app, A::AcceptPrompt)));
    update(&mut app, A::AddUrl);
    type_text(&mut app, "https://example.org");
    assert!(!fetches(update(&mut app, A::CancelPrompt)));
    assert_eq!((app.mode.clone(), app.busy.clone()), (Mode::Normal, None));
}

#[test]
fn arrivals_take_their_place_in_the_list_and_the_open_article_stays_open() {
    let mut app = app(120, 40);
    assert_eq!(
        update(&mut app, A::RefreshFeeds),
        Some(Effect::RefreshFeeds)
    );
    update(&mut app, A::SelectNextArticle);
    let open_title = app.open_article().map(|a| a.title.clone());
    let selected_title = app.articles[app.list.selected].title.clone();
    let count = app.articles.len();
    app.inbox.push_back(Report::Progress {
        what: Job::Refresh,
        done: 1,
        total: 2,
        saved: 1,
        failed: 0,
    });
    update(&mut app, A::TakeReports);
    assert_eq!(app.busy.as_deref(), Some("Refreshing feeds: 1/2, 1 new"));
    app.inbox.push_back(Report::Arrived(Box::new(Arrival {
        article: article("Fresh from the feed", &["Maria Okonkwo spoke."]),
        key: None,
    })));
    app.inbox.push_back(Report::Finished {
        what: Job::Refresh,
        summary: "1 new article from 2 feeds.".into(),
        failures: vec!["Feed B: HTTP 404 not found".into()],
    });
    update(&mut app, A::TakeReports);
    assert!(app.inbox.is_empty());
    assert_eq!(app.articles.len(), count + 1);
    // Undated, it goes after the dated article and before "Ports…" by title: the index's order.
    assert_eq!(app.articles[1].title, "Fresh from the feed");
    assert_eq!(app.open_article().map(|a| a.title.clone()), open_title);
    assert_eq!(app.articles[app.list.selected].title, selected_title);
    assert_eq!(app.busy, None);
    let message = app.message.clone().expect("a summary");
    assert!(message.warning);
    assert_eq!(
        message.text,
        "1 new article from 2 feeds. Failed: Feed B: HTTP 404 not found"
    );
    update(&mut app, A::SelectFirstArticle);
    update(&mut app, A::SelectNextArticle);
    update(&mut app, A::OpenArticle);
    assert_eq!(
        app.open_article().map(|a| a.title.as_str()),
        Some("Fresh from the feed")
    );
}
