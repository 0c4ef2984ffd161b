//! Searching the open article: where a query matches, and stepping from place to place in the
//! text (search matches and an entity's mentions alike).

use dossier::{Mention, Paragraph};

use super::TextInput;

/// A search of the open article: the query and where it matches, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleSearch {
    pub query: String,
    /// Byte ranges in paragraphs, like mentions.
    pub matches: Vec<Mention>,
    /// The match last gone to, by index into `matches`.
    pub current: Option<usize>,
}

impl ArticleSearch {
    pub fn new(query: &str, paragraphs: &[Paragraph]) -> Self {
        Self {
            query: query.to_owned(),
            matches: find_matches(paragraphs, query),
            current: None,
        }
    }

    /// "3/17", or "no match".
    pub fn count(&self) -> String {
        match self.current {
            _ if self.matches.is_empty() => "no match".to_owned(),
            Some(current) => format!("{}/{}", current + 1, self.matches.len()),
            None => format!("{} matches", self.matches.len()),
        }
    }
}

/// Typing a search: the query, and where reading was before, to go back to on cancel.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPrompt {
    pub input: TextInput,
    /// The current paragraph and scroll when the search started.
    pub from: (usize, usize),
    /// The search in force before this one, kept if this one is cancelled.
    pub previous: Option<ArticleSearch>,
}

/// Every place `query` occurs in `paragraphs`, in reading order, not overlapping. Smart case
/// as in vim: a query in lower case matches any case, one with a capital matches exactly.
/// Case is folded a character at a time, so the byte ranges are those of the text itself,
/// however long its letters are in UTF-8.
pub fn find_matches(paragraphs: &[Paragraph], query: &str) -> Vec<Mention> {
    if query.is_empty() {
        return Vec::new();
    }
    let exact = query.chars().any(char::is_uppercase);
    let fold = |c: char| -> char {
        if exact {
            c
        } else {
            // Letters whose lower case is several characters compare by their first one.
            c.to_lowercase().next().unwrap_or(c)
        }
    };
    let needle: Vec<char> = query.chars().map(fold).collect();
    let mut found = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let hay: Vec<(usize, char)> = paragraph
            .text
            .char_indices()
            .map(|(at, c)| (at, fold(c)))
            .collect();
        let mut i = 0;
        while i + needle.len() <= hay.len() {
            let hit = hay[i..i + needle.len()]
                .iter()
                .zip(&needle)
                .all(|((_, c), n)| c == n);
            if hit {
                let end = hay
                    .get(i + needle.len())
                    .map_or(paragraph.text.len(), |(at, _)| *at);
                found.push(Mention {
                    paragraph: index,
                    start: hay[i].0,
                    end,
                });
                i += needle.len();
            } else {
                i += 1;
            }
        }
    }
    found
}

/// The next (or previous) place in `places` (in reading order) from `current`, the place
/// last gone to, if reading is still in its paragraph; otherwise from the start of paragraph
/// `at`, where reading is now. Wraps around the article's ends; says whether it did.
pub fn step(
    places: &[Mention],
    current: Option<usize>,
    at: usize,
    forward: bool,
) -> Option<(usize, bool)> {
    if places.is_empty() {
        return None;
    }
    let last = places.len() - 1;
    let from = current.filter(|&i| places.get(i).is_some_and(|p| p.paragraph == at));
    let target = match (from, forward) {
        (Some(i), true) => i.checked_add(1).filter(|&n| n <= last),
        (Some(i), false) => i.checked_sub(1),
        (None, true) => places.iter().position(|p| p.paragraph >= at),
        (None, false) => places.iter().rposition(|p| p.paragraph < at),
    };
    match target {
        Some(index) => Some((index, false)),
        None => Some((if forward { 0 } else { last }, true)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(texts: &[&str]) -> Vec<Paragraph> {
        texts.iter().map(|t| Paragraph::body(*t)).collect()
    }

    fn spans(found: &[Mention]) -> Vec<(usize, usize, usize)> {
        found
            .iter()
            .map(|m| (m.paragraph, m.start, m.end))
            .collect()
    }

    #[test]
    fn lower_case_queries_ignore_case_and_capitals_do_not() {
        let text = paragraphs(&["Budget, budget and BUDGET.", "no"]);
        assert_eq!(
            spans(&find_matches(&text, "budget")),
            [(0, 0, 6), (0, 8, 14), (0, 19, 25)]
        );
        assert_eq!(spans(&find_matches(&text, "Budget")), [(0, 0, 6)]);
        assert!(find_matches(&text, "").is_empty());
    }

    #[test]
    fn byte_ranges_are_the_texts_own_with_multi_byte_letters() {
        let text = paragraphs(&["Der Außenminister ÄRGERT sich; ärgert"]);
        let found = find_matches(&text, "ärgert");
        assert_eq!(found.len(), 2);
        for m in &found {
            assert_eq!(text[0].text[m.start..m.end].to_lowercase(), "ärgert");
        }
        // İ lower-cases to two characters; the match still covers exactly the letters.
        let text = paragraphs(&["İstanbul"]);
        let found = find_matches(&text, "istanbul");
        assert_eq!(spans(&found), [(0, 0, "İstanbul".len())]);
    }

    #[test]
    fn matches_do_not_overlap() {
        assert_eq!(find_matches(&paragraphs(&["aaaa"]), "aa").len(), 2);
    }

    #[test]
    fn stepping_follows_the_reader_and_wraps() {
        let places = find_matches(&paragraphs(&["x", "", "x x", "x"]), "x");
        // From paragraph 1 (no place there): forward is paragraph 2's first.
        assert_eq!(step(&places, None, 1, true), Some((1, false)));
        assert_eq!(step(&places, None, 1, false), Some((0, false)));
        // Still in the paragraph of the place last gone to: the one after it.
        assert_eq!(step(&places, Some(1), 2, true), Some((2, false)));
        assert_eq!(step(&places, Some(3), 3, true), Some((0, true)));
        assert_eq!(step(&places, Some(0), 0, false), Some((3, true)));
        // Moved away since: from where reading is.
        assert_eq!(step(&places, Some(0), 3, true), Some((3, false)));
        assert_eq!(step(&[], None, 0, true), None);
    }
}
