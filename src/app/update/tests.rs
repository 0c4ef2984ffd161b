//! `update` as sequences: a start state, actions, and the state they lead to.

use std::path::PathBuf;

use dossier::Library;
use ratatui::layout::Rect;
use strum::IntoEnumIterator;

use super::*;
use crate::ui::test_articles::{app, entities};
use Action as A;

/// The parts of the state a sequence can change, in one line.
fn summary(app: &App) -> String {
    format!(
        "focus={:?} mode={:?} selected={} open={} para={} scroll={} entity={}",
        app.focus,
        app.mode,
        app.list.selected,
        app.open.map_or("-".to_owned(), |o| o.to_string()),
        app.reading.current,
        app.reading.scroll,
        app.sidebar.selected,
    )
}

#[track_caller]
fn check(size: (u16, u16), actions: &[Action], expected: &str) {
    let mut app = app(size.0, size.1);
    for action in actions {
        update(&mut app, *action);
    }
    assert_eq!(summary(&app), expected, "after {actions:?}");
}

const START: &str = "focus=List mode=Normal selected=0 open=0 para=0 scroll=0 entity=0";

#[test]
fn the_first_article_is_open_at_start() {
    check((120, 40), &[], START);
}

#[test]
fn the_list_selects_without_opening_and_stops_at_its_ends() {
    check(
        (120, 40),
        &[
            A::SelectNextArticle,
            A::SelectNextArticle,
            A::SelectNextArticle,
        ],
        "focus=List mode=Normal selected=2 open=0 para=0 scroll=0 entity=0",
    );
    check((120, 40), &[A::SelectPreviousArticle], START);
    check(
        (120, 40),
        &[A::SelectLastArticle],
        "focus=List mode=Normal selected=2 open=0 para=0 scroll=0 entity=0",
    );
    check(
        (120, 40),
        &[A::SelectLastArticle, A::SelectFirstArticle],
        START,
    );
}

#[test]
fn enter_opens_the_selection_and_focuses_the_reading_pane() {
    check(
        (120, 40),
        &[A::SelectNextArticle, A::OpenArticle],
        "focus=Reading mode=Normal selected=1 open=1 para=0 scroll=0 entity=0",
    );
}

#[test]
fn opening_another_article_starts_it_from_the_top() {
    check(
        (120, 40),
        &[
            A::FocusRight,
            A::LastParagraph,
            A::FocusLeft,
            A::SelectNextArticle,
            A::OpenArticle,
        ],
        "focus=Reading mode=Normal selected=1 open=1 para=0 scroll=0 entity=0",
    );
}

#[test]
fn paragraphs_step_and_scroll_only_when_they_leave_the_view() {
    check(
        (120, 40),
        &[
            A::FocusRight,
            A::NextParagraph,
            A::NextParagraph,
            A::NextParagraph,
        ],
        "focus=Reading mode=Normal selected=0 open=0 para=3 scroll=0 entity=0",
    );
    // 37 rows show the header and paragraphs 1-7; the 8th (lines 36-39) pulls the view down
    // just enough to show it whole.
    check(
        (120, 40),
        &[&[A::FocusRight][..], &[A::NextParagraph; 7]].concat(),
        "focus=Reading mode=Normal selected=0 open=0 para=7 scroll=3 entity=0",
    );
    check(
        (120, 40),
        &[
            A::FocusRight,
            A::NextParagraph,
            A::PreviousParagraph,
            A::PreviousParagraph,
        ],
        "focus=Reading mode=Normal selected=0 open=0 para=0 scroll=0 entity=0",
    );
}

#[test]
fn first_and_last_paragraph_reach_both_ends() {
    check(
        (120, 40),
        &[A::FocusRight, A::LastParagraph],
        "focus=Reading mode=Normal selected=0 open=0 para=29 scroll=108 entity=0",
    );
    check(
        (120, 40),
        &[A::FocusRight, A::LastParagraph, A::FirstParagraph],
        "focus=Reading mode=Normal selected=0 open=0 para=0 scroll=0 entity=0",
    );
}

#[test]
fn pages_keep_a_line_of_context_and_carry_the_current_paragraph() {
    check(
        (120, 40),
        &[A::FocusRight, A::PageDown],
        "focus=Reading mode=Normal selected=0 open=0 para=7 scroll=36 entity=0",
    );
    check(
        (120, 40),
        &[A::FocusRight, A::PageDown, A::PageUp],
        "focus=Reading mode=Normal selected=0 open=0 para=0 scroll=0 entity=0",
    );
    // Paging past the end lands on the last paragraph; paging before the start on the first.
    check(
        (120, 40),
        &[&[A::FocusRight][..], &[A::PageDown; 6]].concat(),
        "focus=Reading mode=Normal selected=0 open=0 para=29 scroll=108 entity=0",
    );
}

#[test]
fn lines_scroll_and_drag_the_current_paragraph_along() {
    check(
        (120, 40),
        &[A::FocusRight, A::LineDown, A::LineDown, A::LineUp],
        "focus=Reading mode=Normal selected=0 open=0 para=0 scroll=1 entity=0",
    );
    // Paragraph 1 ends on line 7: eight lines down it is gone and paragraph 2 is current.
    check(
        (120, 40),
        &[&[A::FocusRight][..], &[A::LineDown; 8]].concat(),
        "focus=Reading mode=Normal selected=0 open=0 para=1 scroll=8 entity=0",
    );
}

#[test]
fn focus_moves_between_panes() {
    let sidebar = "focus=Sidebar mode=Normal selected=0 open=0 para=0 scroll=0 entity=0";
    check((120, 40), &[A::FocusNextPane, A::FocusNextPane], sidebar);
    check((120, 40), &[A::FocusNextPane; 3], START);
    check((120, 40), &[A::FocusPreviousPane], sidebar);
    check((120, 40), &[A::FocusLeft], START);
    check(
        (120, 40),
        &[A::FocusRight, A::FocusRight, A::FocusRight],
        sidebar,
    );
}

#[test]
fn the_sidebar_selects_entities_within_the_list() {
    check(
        (120, 40),
        &[&[A::FocusPreviousPane][..], &[A::NextEntity; 9]].concat(),
        "focus=Sidebar mode=Normal selected=0 open=0 para=0 scroll=0 entity=4",
    );
    check(
        (120, 40),
        &[A::FocusPreviousPane, A::LastEntity, A::PreviousEntity],
        "focus=Sidebar mode=Normal selected=0 open=0 para=0 scroll=0 entity=3",
    );
}

#[test]
fn help_opens_and_closes() {
    check(
        (120, 40),
        &[A::ToggleHelp],
        "focus=List mode=Help selected=0 open=0 para=0 scroll=0 entity=0",
    );
    check((120, 40), &[A::ToggleHelp, A::ToggleHelp], START);
    check((120, 40), &[A::ToggleHelp, A::CloseHelp], START);
}

#[test]
fn help_scrolls_only_when_it_does_not_fit() {
    let mut big = app(120, 160);
    update(&mut big, A::ToggleHelp);
    update(&mut big, A::HelpScrollDown);
    assert_eq!(big.help_scroll, 0);
    let mut small = app(60, 20);
    update(&mut small, A::ToggleHelp);
    for _ in 0..100 {
        update(&mut small, A::HelpScrollDown);
    }
    assert!(small.help_scroll > 0);
    assert_eq!(
        small.help_scroll,
        crate::ui::help_overlay::max_scroll(&small.keymap, small.screen)
    );
}

#[test]
fn quit_is_an_effect() {
    let mut app = app(120, 40);
    assert_eq!(update(&mut app, A::Quit), Some(Effect::Quit));
    // Opening the first article recorded it: the loop is asked to save, and once it has
    // handed the change over, moving focus changes nothing worth saving.
    assert_eq!(update(&mut app, A::FocusRight), Some(Effect::Save));
    app.store.request_save();
    assert_eq!(update(&mut app, A::FocusLeft), None);
    assert_eq!(update(&mut app, A::ToggleRead), Some(Effect::Save));
}

#[test]
fn resizing_rewraps_and_keeps_the_current_paragraph() {
    let mut app = app(120, 40);
    update(&mut app, A::FocusRight);
    for _ in 0..10 {
        update(&mut app, A::NextParagraph);
    }
    let wide = app.wrapped().expect("laid out").lines.len();
    update(
        &mut app,
        A::Resize {
            width: 60,
            height: 20,
        },
    );
    let narrow = app.wrapped().expect("laid out");
    assert_eq!(
        narrow.width,
        app.layout().expect("fits").inner(Focus::Reading).width
    );
    assert!(narrow.lines.len() > wide, "narrower panes need more lines");
    assert_eq!(app.reading.current, 10);
    assert_eq!(app.reading.scroll, narrow.paragraphs[10].start);
}

#[test]
fn too_small_a_terminal_keeps_working() {
    check(
        (120, 40),
        &[
            A::Resize {
                width: 20,
                height: 5,
            },
            A::FocusRight,
            A::NextParagraph,
            A::PageDown,
            A::Resize {
                width: 120,
                height: 40,
            },
        ],
        "focus=Reading mode=Normal selected=0 open=0 para=1 scroll=9 entity=0",
    );
}

#[test]
fn a_click_focuses_the_pane_and_picks_what_is_under_it() {
    // Article rows are two high and start under the border: row 3 is the second article.
    check(
        (120, 40),
        &[A::Click { column: 5, row: 3 }],
        "focus=List mode=Normal selected=1 open=1 para=0 scroll=0 entity=0",
    );
    // In the sidebar, row 3 is the second person.
    check(
        (120, 40),
        &[A::Click {
            column: 110,
            row: 3,
        }],
        "focus=Sidebar mode=Normal selected=0 open=0 para=0 scroll=0 entity=1",
    );
    check(
        (120, 40),
        &[A::Click {
            column: 60,
            row: 12,
        }],
        "focus=Reading mode=Normal selected=0 open=0 para=1 scroll=0 entity=0",
    );
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_without_moving_focus() {
    check(
        (120, 40),
        &[A::Wheel {
            column: 60,
            row: 10,
            down: true,
        }],
        "focus=List mode=Normal selected=0 open=0 para=0 scroll=3 entity=0",
    );
    check(
        (120, 40),
        &[A::Wheel {
            column: 5,
            row: 10,
            down: true,
        }],
        "focus=List mode=Normal selected=1 open=0 para=0 scroll=0 entity=0",
    );
}

#[test]
fn messages_last_until_the_next_key() {
    let mut library = crate::ui::test_articles::library();
    library.skipped.push(dossier::Skipped {
        path: PathBuf::from("/library/broken\u{1b}[2J.txt"),
        reason: "/library/broken\u{1b}[2J.txt: the file is empty".into(),
    });
    let mut app = crate::ui::test_articles::new_app(
        library,
        Vec::new(),
        Rect::new(0, 0, 120, 40),
        entities,
        crate::ui::test_articles::memory_store(),
        Vec::new(),
    );
    let text = app.message.as_ref().map(|m| m.text.clone());
    assert_eq!(
        text.as_deref(),
        Some("1 file skipped: broken.txt (the file is empty)")
    );
    update(
        &mut app,
        A::Resize {
            width: 100,
            height: 30,
        },
    );
    assert!(app.message.is_some(), "a resize is not the user reading it");
    update(&mut app, A::NextParagraph);
    assert!(app.message.is_none());
}

#[test]
fn article_warnings_show_when_it_opens() {
    let mut library = crate::ui::test_articles::library();
    library.articles[1].warnings = vec!["invalid UTF-8 replaced".into()];
    let mut app = crate::ui::test_articles::new_app(
        library,
        Vec::new(),
        Rect::new(0, 0, 120, 40),
        entities,
        crate::ui::test_articles::memory_store(),
        Vec::new(),
    );
    assert!(app.message.is_none());
    update(&mut app, A::SelectNextArticle);
    update(&mut app, A::OpenArticle);
    let text = app.message.as_ref().map(|m| m.text.as_str());
    assert_eq!(text, Some("invalid UTF-8 replaced"));
}

#[test]
fn an_empty_library_takes_every_action() {
    let empty = Library::default();
    let mut app = crate::ui::test_articles::new_app(
        empty,
        Vec::new(),
        Rect::new(0, 0, 120, 40),
        entities,
        crate::ui::test_articles::memory_store(),
        Vec::new(),
    );
    for action in Action::iter() {
        update(&mut app, action);
    }
    assert_eq!(app.open, None);
}

/// Runs many mixed actions at several sizes and checks after each that the reading pane shows
/// its current paragraph (or, when only the header is in view, the first one) and never
/// scrolls past the end.
#[test]
fn the_current_paragraph_stays_in_view() {
    let actions: Vec<Action> = Action::iter()
        .filter(|a| *a != A::Quit && *a != A::ToggleHelp)
        .collect();
    let sizes = [(120, 40), (60, 20), (40, 10), (200, 50)];
    let mut app = app(120, 40);
    update(&mut app, A::FocusRight);
    let mut seed: u64 = 7;
    for step in 0..3000 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let pick = usize::try_from(seed >> 33).expect("fits");
        let mut action = actions[pick % actions.len()];
        if let A::Resize { .. } = action {
            let (width, height) = sizes[pick % sizes.len()];
            action = A::Resize { width, height };
        }
        if matches!(action, A::Click { .. } | A::Wheel { .. }) {
            let column = u16::try_from(pick % 130).expect("fits");
            let row = u16::try_from(pick % 45).expect("fits");
            action = match action {
                A::Click { .. } => A::Click { column, row },
                _ => A::Wheel {
                    column,
                    row,
                    down: pick % 2 == 0,
                },
            };
        }
        update(&mut app, action);
        let (Some(layout), Some(wrapped)) = (app.layout(), app.wrapped()) else {
            continue;
        };
        let height = usize::from(layout.inner(Focus::Reading).height);
        let range = &wrapped.paragraphs[app.reading.current];
        let scroll = app.reading.scroll;
        let in_view = |r: &std::ops::Range<usize>| r.start < scroll + height && r.end > scroll;
        let header_only = !wrapped.paragraphs.iter().any(in_view) && app.reading.current == 0;
        assert!(
            header_only || in_view(range),
            "step {step} {action:?}: paragraph {} at {range:?} is off screen (scroll {scroll}, height {height})",
            app.reading.current
        );
        assert!(
            scroll + height <= wrapped.lines.len().max(height),
            "step {step}: past the end"
        );
    }
}

mod arrivals;
mod corrections;
mod find;
mod indexing;
mod library;
mod notes;
mod outward;
