//! Notes and reading state through the store: notes follow their paragraph when the article is
//! edited, follow the article when the file moves, and are kept (orphaned) when the paragraph
//! is gone.

use std::path::{Path, PathBuf};

use dossier::store::{ArticleKey, NoteError, OpenOptions, Placement, Store};
use dossier::{
    Article, Change, Entities, Entity, EntityCorrection, EntityKind, EntityRef, Mention,
    apply_corrections, parse_plain_body,
};

struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn state(&self) -> PathBuf {
        self.dir.path().join("state.json")
    }

    fn open(&self) -> Store {
        Store::open(OpenOptions::new(self.state())).expect("open the store")
    }

    /// Writes `paragraphs` as an article file named `name` and reads it back.
    fn article(&self, name: &str, paragraphs: &[&str]) -> (ArticleKey, Article) {
        let path = self.dir.path().join(name);
        let text = paragraphs.join("\n\n");
        std::fs::write(&path, &text).expect("write the article");
        read(&path)
    }
}

fn read(path: &Path) -> (ArticleKey, Article) {
    let bytes = std::fs::read(path).expect("read the article");
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    (ArticleKey::new(path, &bytes), parse_plain_body(path, &text))
}

const ORIGINAL: [&str; 4] = [
    "The envoy arrived in the capital on Monday for two days of talks.",
    "Officials said the agenda covered water rights and border posts.",
    "Opposition groups were not invited, a spokesman confirmed.",
    "A joint statement is expected at the end of the week.",
];

#[test]
fn notes_are_added_edited_deleted_and_restored() {
    let setup = Setup::new();
    let (key, article) = setup.article("a.md", &ORIGINAL);
    let mut store = setup.open();
    let id = store.open_article(&key, &article);
    let note = store
        .add_note(&id, &article.paragraphs, 1, "  water first  ")
        .expect("add");
    let created = store.article(&id).expect("record").notes[0].clone();
    assert_eq!(created.text, "water first");
    assert_eq!(created.anchor.paragraph, 1);
    assert_eq!(
        created.anchor.quote,
        ORIGINAL[1].chars().take(60).collect::<String>()
    );

    store
        .edit_note(&id, &note, "water, then borders")
        .expect("edit");
    let edited = store.article(&id).expect("record").notes[0].clone();
    assert_eq!(edited.text, "water, then borders");
    assert_eq!(edited.created, created.created);
    assert!(edited.updated >= created.updated);

    assert_eq!(
        store.add_note(&id, &article.paragraphs, 4, "beyond"),
        Err(NoteError::NoSuchParagraph {
            number: 5,
            count: 4
        })
    );
    assert_eq!(
        store.add_note(&id, &article.paragraphs, 0, " \n "),
        Err(NoteError::Empty)
    );

    let deleted = store.delete_note(&id, &note).expect("deleted note");
    assert!(store.article(&id).expect("record").notes.is_empty());
    store.restore_note(&id, deleted.clone()).expect("undo");
    assert_eq!(store.article(&id).expect("record").notes, vec![deleted]);
}

#[test]
fn notes_follow_their_paragraphs_through_edits_and_survive_reloads() {
    let setup = Setup::new();
    let (key, article) = setup.article("a.md", &ORIGINAL);
    {
        let mut store = setup.open();
        let id = store.open_article(&key, &article);
        for (i, text) in ["envoy", "agenda", "opposition", "statement"]
            .iter()
            .enumerate()
        {
            store
                .add_note(&id, &article.paragraphs, i, text)
                .expect("add");
        }
        store.save_now().expect("save");
    }

    // Edited in place: a paragraph inserted at the top, one reworded, one deleted.
    let edited = [
        "Editor's note: this report was updated on Friday.",
        ORIGINAL[0],
        "Officials said the agenda covered water rights, border posts and trade.",
        ORIGINAL[3],
    ];
    let (key, article) = setup.article("a.md", &edited);
    let mut store = setup.open();
    let id = store.open_article(&key, &article);
    let placed: Vec<(String, Placement)> = store
        .placed_notes(&id, &article.paragraphs)
        .into_iter()
        .map(|p| (p.note.text.clone(), p.placement))
        .collect();
    assert_eq!(
        placed,
        [
            ("envoy".to_string(), Placement::Exact(1)),
            ("agenda".to_string(), Placement::Exact(2)),
            ("statement".to_string(), Placement::Exact(3)),
            ("opposition".to_string(), Placement::Orphaned),
        ],
        "after re-anchoring, the reworded paragraph matches exactly"
    );
    store.save_now().expect("save");
    drop(store);

    let store = setup.open();
    let record = store.article_for(&key).expect("found by content");
    assert_eq!(record.notes.len(), 4, "the orphaned note is kept");
    let orphan = record
        .notes
        .iter()
        .find(|n| n.text == "opposition")
        .expect("orphan");
    assert_eq!(
        orphan.anchor.quote,
        ORIGINAL[2].chars().take(60).collect::<String>()
    );
}

#[test]
fn a_moved_file_keeps_its_notes_and_reading_state() {
    let setup = Setup::new();
    let (key, article) = setup.article("a.md", &ORIGINAL);
    let mut store = setup.open();
    let id = store.open_article(&key, &article);
    store
        .add_note(&id, &article.paragraphs, 2, "who was excluded")
        .expect("add");
    store.set_position(&id, 2);
    assert_eq!(store.toggle_read(&id), Some(true));

    let moved = setup.dir.path().join("archive").join("renamed.md");
    std::fs::create_dir(moved.parent().expect("parent")).expect("mkdir");
    std::fs::rename(setup.dir.path().join("a.md"), &moved).expect("move");
    let (new_key, new_article) = read(&moved);
    assert_ne!(new_key.path, key.path);
    assert_eq!(store.find(&new_key), Some(&id));
    let same = store.open_article(&new_key, &new_article);
    assert_eq!(same, id);
    let record = store.article(&id).expect("record");
    assert_eq!(record.path, new_key.path);
    assert!(record.read);
    assert_eq!(record.position, 2);
    assert_eq!(record.progress(), Some(0.75));
    assert_eq!(record.notes.len(), 1);
    assert!(store.article_by_path(&moved).is_some());
    assert!(
        store
            .article_by_path(&setup.dir.path().join("a.md"))
            .is_none()
    );
    assert_eq!(store.last_article().map(|(i, _)| i), Some(&id));
}

#[test]
fn reading_state_is_per_article() {
    let setup = Setup::new();
    let (key_a, a) = setup.article("a.md", &ORIGINAL);
    let (key_b, b) = setup.article("b.md", &["Something else entirely.", "More."]);
    let mut store = setup.open();
    let ia = store.open_article(&key_a, &a);
    let ib = store.open_article(&key_b, &b);
    assert_ne!(ia, ib);
    store.set_read(&ia, true);
    assert!(store.article(&ia).expect("a").read);
    assert!(!store.article(&ib).expect("b").read);
    assert_eq!(store.toggle_read(&ia), Some(false));
    assert_eq!(store.last_article().map(|(i, _)| i), Some(&ib));
}

#[test]
fn corrections_are_kept_in_the_state_and_applied_to_entities() {
    let setup = Setup::new();
    {
        let mut store = setup.open();
        store.add_correction(EntityCorrection::new(
            EntityRef::new(EntityKind::Person, "Rahmon"),
            Change::MergeInto {
                target: EntityRef::new(EntityKind::Person, "Emomali Rahmon"),
            },
        ));
        store.add_correction(EntityCorrection::new(
            EntityRef::new(EntityKind::Group, "Reuters"),
            Change::Hide,
        ));
        store.save_now().expect("save");
    }
    let mut store = setup.open();
    assert_eq!(store.corrections().len(), 2);
    let mention = |paragraph| Mention {
        paragraph,
        start: 0,
        end: 6,
    };
    let mut entities = Entities {
        entities: vec![
            Entity {
                kind: EntityKind::Person,
                name: "Emomali Rahmon".into(),
                mentions: vec![mention(0)],
                reason: String::new(),
                byline: false,
            },
            Entity {
                kind: EntityKind::Group,
                name: "Reuters".into(),
                mentions: vec![mention(1)],
                reason: String::new(),
                byline: false,
            },
            Entity {
                kind: EntityKind::Person,
                name: "Rahmon".into(),
                mentions: vec![mention(3)],
                reason: String::new(),
                byline: false,
            },
        ],
    };
    apply_corrections(&mut entities, store.corrections());
    assert_eq!(entities.entities.len(), 1);
    assert_eq!(entities.entities[0].mentions, vec![mention(0), mention(3)]);

    let removed = store.remove_correction(1).expect("removed");
    assert_eq!(removed.change, Change::Hide);
    assert_eq!(store.corrections().len(), 1);
}
