//! Sending text and addresses out of dossier: the browser and the clipboard. `update` only
//! decides what to send; the event loop sends it (`Effect::OpenUrl`, `Effect::Copy`).

use dossier::citation;

use crate::action::Effect;
use crate::app::{App, Focus, Message, Mode};

/// The article the key is about: the selected one in the list, else the open one.
fn article_index(app: &App) -> Option<usize> {
    if app.focus == Focus::List {
        app.listed(app.list.selected)
    } else {
        app.open
    }
}

pub(super) fn open_source(app: &mut App) -> Option<Effect> {
    let article = app.articles.get(article_index(app)?)?;
    let Some(source) = article.source.as_deref() else {
        return warn(app, "This article has no web address to open".to_owned());
    };
    match citation::web_url(source) {
        Some(url) => Some(Effect::OpenUrl(url.to_owned())),
        None => warn(
            app,
            format!(
                "Not opening “{}”: only http and https addresses open in the browser",
                dossier::sanitize::sanitize_line(source)
            ),
        ),
    }
}

pub(super) fn copy_paragraph(app: &mut App) -> Option<Effect> {
    let index = app.reading.current;
    let text = citation::cite_paragraph(app.open_article()?, index)?;
    Some(Effect::Copy {
        text,
        what: format!("paragraph {} with its citation", index + 1),
    })
}

pub(super) fn copy_note(app: &mut App) -> Option<Effect> {
    if let Mode::Notes { selected } = app.mode {
        return copy_listed_note(app, selected);
    }
    let index = app.reading.current;
    // A paragraph with several notes gives them all, in the order they were written.
    let notes: Vec<&str> = app.notes_on(index).map(|n| n.text.trim()).collect();
    if notes.is_empty() {
        return warn(app, format!("Paragraph {} has no note to copy", index + 1));
    }
    let what = match notes.len() {
        1 => format!("the note on paragraph {} with its quote", index + 1),
        n => format!("the {n} notes on paragraph {} with their quote", index + 1),
    };
    let text = citation::cite_note(app.open_article()?, index, &notes.join("\n\n"))?;
    Some(Effect::Copy { text, what })
}

/// The note selected in the notes list, with its paragraph.
fn copy_listed_note(app: &mut App, selected: usize) -> Option<Effect> {
    let note = app.notes.get(selected)?;
    let Some(index) = note.placement.index() else {
        return warn(
            app,
            "This note's paragraph is no longer in the article, so there is nothing to quote"
                .to_owned(),
        );
    };
    let text = citation::cite_note(app.open_article()?, index, &note.text)?;
    Some(Effect::Copy {
        text,
        what: format!("the note on paragraph {} with its quote", index + 1),
    })
}

fn warn(app: &mut App, text: String) -> Option<Effect> {
    app.message = Some(Message {
        text,
        warning: true,
    });
    None
}
