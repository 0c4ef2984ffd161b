//! Articles and entities built in code, so screen tests do not depend on the parser or the
//! extractor.

use std::path::PathBuf;

use chrono::NaiveDate;
use dossier::index::ArticleSummary;
use dossier::{
    Article, ArticleDate, ArticleKey, Entities, Entity, EntityKind, Format, Library, Mention,
    Paragraph, ParagraphKind, Store,
};
use ratatui::layout::Rect;

use crate::app::{App, HeldBodies};

pub fn article(title: &str, paragraphs: &[&str]) -> Article {
    Article {
        title: title.into(),
        author: None,
        date: None,
        source: None,
        site_name: None,
        language: None,
        tags: Vec::new(),
        paragraphs: paragraphs.iter().map(|p| Paragraph::body(*p)).collect(),
        path: PathBuf::from(format!(
            "/library/{}.md",
            title.to_lowercase().replace(' ', "-")
        )),
        format: Format::Markdown,
        warnings: Vec::new(),
    }
}

const LOREM: &str = "Officials in the capital spent the week arguing over the budget, \
    while analysts warned that the numbers on the table did not add up and that the \
    shortfall would fall hardest on the provinces.";

/// A long article with every kind of paragraph, followed by two short ones.
pub fn library() -> Library {
    let mut long = article("The quiet return of the border question", &[]);
    long.author = Some("Amira Haddad".into());
    long.date = Some(ArticleDate::Day(
        NaiveDate::from_ymd_opt(2026, 11, 20).expect("a valid date"),
    ));
    long.source = Some("example.org".into());
    let mut paragraphs = Vec::new();
    for i in 1..=30 {
        let (kind, text) = match i {
            4 => (
                ParagraphKind::Heading(2),
                "What the ministers said".to_owned(),
            ),
            6 | 7 => (ParagraphKind::ListItem, format!("Point {i}: {LOREM}")),
            9 => (
                ParagraphKind::Quote,
                "We will not be the last to know, said one delegate.".to_owned(),
            ),
            12 => (
                ParagraphKind::Code,
                "budget = 1200\nshortfall = 300".to_owned(),
            ),
            _ => (ParagraphKind::Body, format!("Paragraph {i}. {LOREM}")),
        };
        paragraphs.push(Paragraph { kind, text });
    }
    long.paragraphs = paragraphs;

    let mut second = article(
        "Ports, pipelines and the politics of the long winter",
        &["Short piece.", "Second paragraph."],
    );
    second.author = Some("Jonas Berg".into());
    second.date = Some(ArticleDate::Text("Winter 2025".into()));
    let third = article("Untitled notes", &["Only one paragraph."]);
    Library {
        articles: vec![long, second, third],
        skipped: Vec::new(),
    }
}

fn mentions(count: usize) -> Vec<Mention> {
    (0..count)
        .map(|paragraph| Mention {
            paragraph,
            start: 0,
            end: 4,
        })
        .collect()
}

/// People and countries for any article, no groups: exercises "none found".
pub fn entities(_article: &Article) -> Entities {
    let entity = |kind, name: &str, count| Entity {
        kind,
        name: name.into(),
        reason: String::new(),
        byline: false,
        mentions: mentions(count),
    };
    Entities {
        entities: vec![
            entity(EntityKind::Country, "Kazakhstan", 4),
            entity(EntityKind::Person, "Amira Haddad", 1),
            entity(EntityKind::Person, "Nursultan Nazarbayev", 3),
            entity(EntityKind::Country, "Tajikistan", 2),
            entity(EntityKind::Person, "Emomali Rahmon", 3),
        ],
    }
}

pub fn memory_store() -> Store {
    Store::in_memory()
}

/// Each article's identity as if read from disk: its paragraphs stand in for the file's bytes.
pub fn keys_for(library: &Library) -> Vec<Option<ArticleKey>> {
    library
        .articles
        .iter()
        .map(|a| {
            let bytes: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
            Some(ArticleKey::new(&a.path, bytes.join("\n\n").as_bytes()))
        })
        .collect()
}

pub fn app(width: u16, height: u16) -> App {
    app_with(library(), memory_store(), width, height)
}

/// A reader on `library`'s articles in the order given, their bodies held in memory.
pub fn app_with(library: Library, store: Store, width: u16, height: u16) -> App {
    let keys = keys_for(&library);
    new_app(
        library,
        vec![PathBuf::from("/library")],
        Rect::new(0, 0, width, height),
        entities,
        store,
        keys,
    )
}

/// What the index would say of `article`, numbered `id`.
pub fn summary(article: &Article, id: i64) -> dossier::index::ArticleSummary {
    dossier::index::ArticleSummary {
        id,
        ..dossier::index::ArticleSummary::from_article(article, String::new())
    }
}

/// An entity page on Amira Haddad over the test library: the long article (mentioned three
/// times from paragraph 2) and the untitled one, with one note on the long article's ninth.
pub fn entity_page(library: &Library) -> dossier::index::EntityPage {
    use dossier::index::{EntityArticle, EntityNote, EntityPage};
    let [long, _, untitled] = &library.articles[..] else {
        panic!("the test library has three articles");
    };
    EntityPage {
        entity: dossier::EntityRef::new(EntityKind::Person, "Amira Haddad"),
        names: vec!["Haddad".into()],
        articles: vec![
            EntityArticle {
                article: summary(long, 1),
                mentions: 3,
                first_paragraph: 1,
                sentence: "Amira Haddad said the border question had come back quietly.".into(),
            },
            EntityArticle {
                article: summary(untitled, 3),
                mentions: 1,
                first_paragraph: 0,
                sentence: "Haddad was not reached for comment.".into(),
            },
        ],
        total: 2,
        mentions: 4,
        notes: vec![EntityNote {
            article: 1,
            path: long.path.clone(),
            title: long.title.clone(),
            paragraph: 8,
            text: "Ask Haddad about the delegate's remark.".into(),
        }],
    }
}

/// Library search hits for "budget": the long article's fifth paragraph and a note on the
/// second article.
pub fn hits(library: &Library) -> Vec<dossier::index::Hit> {
    use dossier::index::{Hit, HitPlace, Snippet};
    let text = "Paragraph 5. Officials in the capital spent the week arguing over the budget";
    let at = text.find("budget").expect("the word is there");
    vec![
        Hit {
            article: summary(&library.articles[0], 1),
            place: HitPlace::Text { paragraph: 4 },
            snippet: Snippet {
                text: text.into(),
                matches: std::iter::once(at..at + "budget".len()).collect(),
            },
        },
        Hit {
            article: summary(&library.articles[1], 2),
            place: HitPlace::Note { paragraph: Some(1) },
            snippet: Snippet {
                text: "The budget line is wrong".into(),
                matches: std::iter::once(4..10).collect(),
            },
        },
    ]
}

/// A reader on `library` as the index would give it: each article's summary with the content
/// hash of its key (none for an article without a key), its body held in memory, and the
/// skipped files reported as the index's first sync reports them.
pub fn new_app(
    library: Library,
    sources: Vec<PathBuf>,
    screen: Rect,
    extract: crate::app::Extractor,
    store: Store,
    keys: Vec<Option<ArticleKey>>,
) -> App {
    let articles = library
        .articles
        .iter()
        .enumerate()
        .map(|(index, article)| {
            let hash = keys
                .get(index)
                .cloned()
                .flatten()
                .map(|k| k.content_hash)
                .unwrap_or_default();
            ArticleSummary::from_article(article, hash)
        })
        .collect();
    let mut app = App::new(
        articles,
        Box::new(HeldBodies {
            articles: library.articles,
        }),
        sources,
        screen,
        extract,
        store,
    );
    if !library.skipped.is_empty() {
        app.inbox.push_back(crate::app::Report::IndexSynced {
            articles: None,
            skipped: library.skipped,
            failure: None,
        });
        crate::app::update(&mut app, crate::action::Action::TakeReports);
    }
    app
}
