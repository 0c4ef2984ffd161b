//! Where a note sits: tied to its paragraph's text, not to a number, so it follows the paragraph
//! when the article is edited.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::article::Paragraph;

/// The version tag of [`paragraph_hash`]; a new normalisation gets a new tag, and anchors with an
/// old tag fall back to the quote until re-anchored.
const HASH_TAG: &str = "p1:";
/// How much of a paragraph a note keeps to find it again and to show when it is gone.
pub const QUOTE_CHARS: usize = 60;
/// A quote this similar (0..1, bigram Dice) to a paragraph's opening still finds it.
const FUZZY_THRESHOLD: f64 = 0.6;
/// Shorter quotes say too little to match fuzzily; they must match exactly.
const MIN_FUZZY_CHARS: usize = 12;

/// A note's hold on its paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The paragraph's index (from 0) when the note was last anchored.
    pub paragraph: usize,
    /// [`paragraph_hash`] of the paragraph's text.
    pub hash: String,
    /// The paragraph's first words, shown when the paragraph is gone.
    pub quote: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Anchor {
    pub fn new(paragraphs: &[Paragraph], index: usize) -> Option<Self> {
        let text = &paragraphs.get(index)?.text;
        Some(Self {
            paragraph: index,
            hash: paragraph_hash(text),
            quote: quote(text),
            extra: Map::new(),
        })
    }
}

/// How a note found its paragraph in the article as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// The paragraph's text is unchanged (up to spacing and case).
    Exact(usize),
    /// The paragraph was edited; its opening still resembles the saved quote.
    Fuzzy(usize),
    /// No paragraph matches: the note is kept and shown apart.
    Orphaned,
}

impl Placement {
    /// The paragraph index (from 0), or `None` for an orphaned note.
    pub fn index(self) -> Option<usize> {
        match self {
            Self::Exact(i) | Self::Fuzzy(i) => Some(i),
            Self::Orphaned => None,
        }
    }
}

/// Text with whitespace collapsed and case folded, so reflowing or re-casing a paragraph does
/// not detach its notes.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// A stable, versioned hash of a paragraph's normalised text (64 bits of SHA-256, in hex).
pub fn paragraph_hash(text: &str) -> String {
    let digest = Sha256::digest(normalise(text).as_bytes());
    let mut out = String::from(HASH_TAG);
    for byte in &digest[..8] {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// The opening of a paragraph, whitespace collapsed, at most [`QUOTE_CHARS`] characters.
pub fn quote(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.chars().take(QUOTE_CHARS).collect()
}

/// Finds where `anchor`'s paragraph is in `paragraphs`: by hash first (the nearest to the saved
/// index if the text repeats), else by the most similar opening, else nowhere.
pub fn place(anchor: &Anchor, paragraphs: &[Paragraph]) -> Placement {
    let hashes: Vec<String> = paragraphs.iter().map(|p| paragraph_hash(&p.text)).collect();
    place_with_hashes(anchor, paragraphs, &hashes)
}

/// [`place`] for many notes of one article, hashing its paragraphs once.
pub fn place_all<'a>(
    anchors: impl IntoIterator<Item = &'a Anchor>,
    paragraphs: &[Paragraph],
) -> Vec<Placement> {
    let hashes: Vec<String> = paragraphs.iter().map(|p| paragraph_hash(&p.text)).collect();
    anchors
        .into_iter()
        .map(|a| place_with_hashes(a, paragraphs, &hashes))
        .collect()
}

fn place_with_hashes(anchor: &Anchor, paragraphs: &[Paragraph], hashes: &[String]) -> Placement {
    let distance = |i: usize| i.abs_diff(anchor.paragraph);
    if let Some(i) = (0..hashes.len())
        .filter(|&i| hashes[i] == anchor.hash)
        .min_by_key(|&i| distance(i))
    {
        return Placement::Exact(i);
    }
    let wanted = normalise(&anchor.quote);
    if wanted.is_empty() {
        return Placement::Orphaned;
    }
    let mut best: Option<(f64, usize)> = None;
    for (i, paragraph) in paragraphs.iter().enumerate() {
        let opening = normalise(&quote(&paragraph.text));
        let score = if opening == wanted {
            1.0
        } else if wanted.chars().count() < MIN_FUZZY_CHARS {
            0.0
        } else {
            dice(&wanted, &opening)
        };
        let better = match best {
            None => true,
            Some((s, j)) => score > s || (score == s && distance(i) < distance(j)),
        };
        if score >= FUZZY_THRESHOLD && better {
            best = Some((score, i));
        }
    }
    best.map_or(Placement::Orphaned, |(_, i)| Placement::Fuzzy(i))
}

/// Sørensen–Dice coefficient over character bigrams: tolerant of small edits anywhere.
fn dice(a: &str, b: &str) -> f64 {
    let bigrams = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        let mut grams: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        grams.sort_unstable();
        grams
    };
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    #[expect(
        clippy::cast_precision_loss,
        reason = "bigram counts of a 60-character quote are tiny"
    )]
    let score = (2 * shared) as f64 / (x.len() + y.len()) as f64;
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(texts: &[&str]) -> Vec<Paragraph> {
        texts.iter().map(|t| Paragraph::body(*t)).collect()
    }

    #[test]
    fn hash_ignores_spacing_and_case_but_not_words() {
        assert_eq!(
            paragraph_hash("The  Minister\nsaid"),
            paragraph_hash("the minister said")
        );
        assert_ne!(
            paragraph_hash("the minister said"),
            paragraph_hash("the minister lied")
        );
        assert!(paragraph_hash("x").starts_with("p1:"));
        assert_eq!(paragraph_hash("x").len(), 3 + 16);
    }

    #[test]
    fn quote_is_the_first_sixty_characters_on_char_boundaries() {
        let text = "é".repeat(100);
        assert_eq!(quote(&text).chars().count(), QUOTE_CHARS);
        assert_eq!(quote("  a \n b  "), "a b");
    }

    #[test]
    fn a_note_follows_its_paragraph_when_one_is_inserted_before_it() {
        let before = paragraphs(&["one", "two", "three is here"]);
        let anchor = Anchor::new(&before, 2).unwrap();
        let after = paragraphs(&["one", "new", "two", "three is here"]);
        assert_eq!(place(&anchor, &after), Placement::Exact(3));
    }

    #[test]
    fn a_repeated_paragraph_resolves_to_the_copy_nearest_the_saved_index() {
        let ps = paragraphs(&["* * *", "a", "b", "* * *", "c"]);
        let anchor = Anchor::new(&ps, 3).unwrap();
        assert_eq!(place(&anchor, &ps), Placement::Exact(3));
    }

    #[test]
    fn an_edited_paragraph_is_found_by_its_opening() {
        let before = paragraphs(&[
            "Intro.",
            "The delegation arrived in Dushanbe on Tuesday, officials said, after talks.",
        ]);
        let anchor = Anchor::new(&before, 1).unwrap();
        let after = paragraphs(&[
            "Intro.",
            "Context.",
            "The delegation arrived in Dushanbe on Wednesday, officials said, after long talks.",
        ]);
        assert_eq!(place(&anchor, &after), Placement::Fuzzy(2));
    }

    #[test]
    fn a_note_whose_paragraph_is_gone_is_orphaned() {
        let before = paragraphs(&["Intro.", "A paragraph about something specific entirely."]);
        let anchor = Anchor::new(&before, 1).unwrap();
        let after = paragraphs(&["Intro.", "Completely different words now stand here."]);
        assert_eq!(place(&anchor, &after), Placement::Orphaned);
        assert_eq!(place(&anchor, &[]), Placement::Orphaned);
    }

    #[test]
    fn short_quotes_only_match_exactly() {
        let before = paragraphs(&["Yes."]);
        let anchor = Anchor::new(&before, 0).unwrap();
        assert_eq!(place(&anchor, &paragraphs(&["Yet."])), Placement::Orphaned);
    }
}
