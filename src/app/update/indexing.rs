//! The library index's reports: the list fills while the index is built and follows the files
//! as they change, with the selection and the open article kept where the user left them.

use std::collections::HashSet;
use std::path::PathBuf;

use dossier::Skipped;
use dossier::index::ArticleSummary;

use super::{list_visible, open_article, warn};
use crate::app::{
    App, Mode, ReadingState, SidebarState, merge_in_order, skipped_message, sort_for_list,
};

/// The status line while the index reads files.
pub(super) fn progress(app: &mut App, done: usize, total: usize) {
    app.indexing = Some(format!("Indexing {done}/{total}"));
}

/// The status line while another dossier indexes the library (its articles arrive as it
/// commits them, through [`merge`]).
pub(super) fn waiting(app: &mut App) {
    app.indexing = Some("Another dossier is indexing".to_string());
}

/// Adds articles just written to the index, replacing any at the same path (a changed file).
pub(super) fn merge(app: &mut App, new: Vec<ArticleSummary>) {
    if new.is_empty() {
        return;
    }
    replace_list(app, |old| {
        let paths: HashSet<&PathBuf> = new.iter().map(|a| &a.path).collect();
        let kept: Vec<ArticleSummary> = old
            .into_iter()
            .filter(|a| !paths.contains(&a.path))
            .collect();
        // The list is in order already: only the batch is sorted, then walked in.
        let mut new = new;
        sort_for_list(&mut new);
        merge_in_order(kept, new)
    });
}

/// The sync ended: the list becomes the index's (keeping articles fetched since, which it does
/// not hold yet), and what was left out or went wrong is said.
pub(super) fn synced(
    app: &mut App,
    articles: Option<Vec<ArticleSummary>>,
    skipped: &[Skipped],
    failure: Option<String>,
) {
    app.indexing = None;
    if let Some(indexed) = articles {
        replace_list(app, |old| {
            let paths: HashSet<&PathBuf> = indexed.iter().map(|a| &a.path).collect();
            let fetched: Vec<ArticleSummary> = old
                .into_iter()
                .filter(|a| a.id == 0 && !paths.contains(&a.path))
                .collect();
            let mut list = indexed;
            if !fetched.is_empty() {
                list.extend(fetched);
                sort_for_list(&mut list);
            }
            list
        });
    }
    if let Some(failure) = failure {
        warn(
            app,
            format!("The library index could not be brought up to date: {failure}"),
        );
    } else if app.message.is_none() {
        app.message = skipped_message(skipped);
    }
}

/// Replaces the list with what `build` makes of it. The selected article stays selected on
/// the same screen row and the open one stays open, both found by path; an open article whose
/// file changed is shown as it is now, and one whose file is gone is closed.
pub(in crate::app) fn replace_list(
    app: &mut App,
    build: impl FnOnce(Vec<ArticleSummary>) -> Vec<ArticleSummary>,
) {
    let path_of = |app: &App, index: usize| app.articles.get(index).map(|a| a.path.clone());
    let selected = app
        .listed(app.list.selected)
        .and_then(|index| path_of(app, index));
    let row = app.list.selected.saturating_sub(app.list.offset);
    let open = app.open_entry().map(|e| (e.path.clone(), e.hash.clone()));
    // A filtered list keeps its rows (by path); what the index adds shows when it is asked again.
    let view_paths: Option<Vec<Option<PathBuf>>> = app
        .list_view
        .as_ref()
        .map(|view| view.rows.iter().map(|&i| path_of(app, i)).collect());
    let old = std::mem::take(&mut app.articles);
    app.set_articles(build(old));
    if let (Some(view), Some(paths)) = (&mut app.list_view, view_paths) {
        let positions = app
            .articles
            .iter()
            .enumerate()
            .map(|(index, a)| (&a.path, index))
            .collect::<std::collections::HashMap<_, _>>();
        let (rows, mentions) = view
            .rows
            .iter()
            .zip(paths)
            .zip(view.mentions.iter())
            .filter_map(|((_, path), mentions)| Some((*positions.get(&path?)?, *mentions)))
            .unzip();
        view.rows = rows;
        view.mentions = mentions;
    }
    let visible = list_visible(app);
    let len = app.list_len();
    let selected = selected
        .and_then(|path| app.article_at(&path))
        .and_then(|index| app.row_of(index))
        .unwrap_or(app.list.selected.min(len.saturating_sub(1)));
    app.list.selected = selected;
    app.list.offset = selected.saturating_sub(row);
    app.list.keep_visible(len, visible);
    let Some((path, hash)) = open else {
        app.open = None;
        app.open_last_read();
        return;
    };
    match app.article_at(&path) {
        Some(index) if app.articles[index].hash == hash => app.open = Some(index),
        Some(index) => {
            let list = app.list;
            open_article(app, index);
            app.list = list;
            if app.message.is_none() {
                super::info(
                    app,
                    "The open article changed on disk; showing it as it is now",
                );
            }
        }
        None => {
            close(app);
            warn(app, "The open article's file is gone from the library");
        }
    }
}

/// Empties the reading pane and the sidebar.
fn close(app: &mut App) {
    app.open = None;
    app.reading = ReadingState::default();
    app.sidebar = SidebarState::default();
    app.notes.clear();
    app.search = None;
    app.mentions_shown = false;
    app.mention_current = None;
    if matches!(app.mode, Mode::Search(_) | Mode::Notes { .. }) {
        app.mode = Mode::Normal;
    }
}
