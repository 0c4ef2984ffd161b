//! Following an entity's mentions and searching the article, as action sequences.

use super::super::*;
use super::notes::typing;
use crate::app::{ArticleSearch, EditKey};
use crate::ui::test_articles::app;
use Action as A;

fn run(app: &mut App, actions: &[A]) {
    for action in actions {
        update(app, *action);
    }
}

fn search_for(app: &mut App, query: &str) {
    update(app, A::StartSearch);
    run(app, &typing(query));
}

#[test]
fn mentions_light_up_from_the_sidebar_and_go_away_with_esc() {
    let mut app = app(120, 40);
    assert!(
        app.shown_entity().is_none(),
        "nothing is highlighted at start"
    );
    update(&mut app, A::FocusPreviousPane);
    update(&mut app, A::NextEntity);
    let shown = app.shown_entity().map(|e| e.name.clone());
    assert_eq!(shown.as_deref(), Some("Nursultan Nazarbayev"));
    // Still highlighted while reading.
    update(&mut app, A::FocusNextPane);
    assert!(app.shown_entity().is_some());
    update(&mut app, A::FocusRight);
    update(&mut app, A::ClearHighlights);
    assert!(app.shown_entity().is_none());
}

#[test]
fn mention_keys_step_through_the_mentions_and_wrap() {
    let mut app = app(120, 40);
    // Sidebar, second person: Nursultan Nazarbayev, named in paragraphs 0, 1 and 2.
    run(&mut app, &[A::FocusPreviousPane, A::NextEntity]);
    update(&mut app, A::NextMention);
    assert_eq!(app.reading.current, 0);
    assert_eq!(app.mention_current, Some(0));
    update(&mut app, A::NextMention);
    update(&mut app, A::NextMention);
    assert_eq!(app.reading.current, 2);
    let message = app.message.clone().map(|m| m.text);
    assert_eq!(
        message.as_deref(),
        Some("Nursultan Nazarbayev: mention 3/3")
    );
    update(&mut app, A::NextMention);
    assert_eq!(app.reading.current, 0);
    let message = app.message.clone().map(|m| m.text);
    assert!(message.is_some_and(|m| m.ends_with("(from the top again)")));
    update(&mut app, A::PreviousMention);
    assert_eq!(app.reading.current, 2);
    assert_eq!(app.focus, Focus::Sidebar, "the sidebar keeps the keys");
}

#[test]
fn a_mention_below_the_fold_scrolls_into_view() {
    let mut app = app(120, 40);
    // Kazakhstan is the last entity, named in paragraphs 0-3; from paragraph 20 the next one
    // wraps to paragraph 0 at the top.
    run(&mut app, &[A::FocusRight]);
    run(&mut app, &[A::NextParagraph; 20]);
    assert!(app.reading.scroll > 0);
    run(&mut app, &[A::FocusRight, A::LastEntity, A::NextMention]);
    assert_eq!(app.reading.current, 0);
    assert_eq!(app.reading.scroll, 0);
}

#[test]
fn typing_a_search_jumps_to_the_first_match_and_counts() {
    let mut app = app(120, 40);
    run(
        &mut app,
        &[A::FocusRight, A::NextParagraph, A::NextParagraph],
    );
    search_for(&mut app, "paragraph 2");
    assert_eq!(app.scope(), crate::keys::Scope::Search);
    let search = app.search.clone().expect("a search");
    // "Paragraph 2." and "Paragraph 20." to "Paragraph 29.", case ignored; reading is at the
    // third paragraph, so the first match from there is paragraph 20's.
    assert_eq!(search.matches.len(), 11);
    assert_eq!(app.reading.current, 19);
    update(&mut app, A::NextMatch);
    assert_eq!(app.reading.current, 20);
    assert_eq!(
        app.search.as_ref().map(ArticleSearch::count).as_deref(),
        Some("3/11")
    );
    update(&mut app, A::AcceptSearch);
    assert_eq!(app.mode, Mode::Normal);
    update(&mut app, A::NextMatch);
    assert_eq!(app.reading.current, 21);
    run(&mut app, &[A::PreviousMatch; 3]);
    assert_eq!(app.reading.current, 1);
    update(&mut app, A::PreviousMatch);
    assert_eq!(
        app.reading.current, 28,
        "wraps to the last match, paragraph 29"
    );
}

#[test]
fn smart_case_a_capital_matches_exactly() {
    let mut app = app(120, 40);
    run(&mut app, &[A::FocusRight]);
    search_for(&mut app, "what the");
    assert_eq!(app.search.as_ref().map(|s| s.matches.len()), Some(1));
    update(&mut app, A::Edit(EditKey::Home));
    update(&mut app, A::Edit(EditKey::Delete));
    update(&mut app, A::Edit(EditKey::Insert('W')));
    assert_eq!(app.search.as_ref().map(|s| s.matches.len()), Some(1));
    run(&mut app, &typing(" minister"));
    // "What the minister" is not in the text; "What the ministers said" is, so still one.
    run(&mut app, &[A::Edit(EditKey::End)]);
    run(&mut app, &typing("X"));
    assert_eq!(app.search.as_ref().map(|s| s.matches.len()), Some(0));
}

#[test]
fn esc_cancels_and_goes_back_to_where_reading_was() {
    let mut app = app(120, 40);
    run(&mut app, &[A::FocusRight, A::NextParagraph]);
    search_for(&mut app, "shortfall = 300");
    assert_eq!(app.reading.current, 11);
    update(&mut app, A::CancelSearch);
    assert_eq!((app.reading.current, app.reading.scroll), (1, 0));
    assert!(app.search.is_none());
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn a_query_with_no_match_stays_put_and_says_so() {
    let mut app = app(120, 40);
    run(&mut app, &[A::FocusRight, A::NextParagraph]);
    search_for(&mut app, "zebra");
    assert_eq!(app.reading.current, 1);
    assert_eq!(
        app.search.as_ref().map(ArticleSearch::count).as_deref(),
        Some("no match")
    );
    update(&mut app, A::AcceptSearch);
    let message = app.message.clone().map(|m| m.text);
    assert_eq!(message.as_deref(), Some("Not found: zebra"));
}

#[test]
fn an_empty_search_keeps_the_one_before_and_another_article_drops_it() {
    let mut app = app(120, 40);
    run(&mut app, &[A::FocusRight]);
    search_for(&mut app, "budget");
    update(&mut app, A::AcceptSearch);
    update(&mut app, A::StartSearch);
    update(&mut app, A::AcceptSearch);
    assert_eq!(
        app.search.as_ref().map(|s| s.query.as_str()),
        Some("budget")
    );
    run(
        &mut app,
        &[A::FocusLeft, A::SelectNextArticle, A::OpenArticle],
    );
    assert!(app.search.is_none());
    update(&mut app, A::NextMatch);
    let message = app.message.clone().map(|m| m.text);
    assert_eq!(message.as_deref(), Some("No search yet: press / to search"));
}
