//! Acronyms and the names they stand for: initials, and the common nouns written out in lower
//! case that an acronym may abbreviate.

/// The letters of an acronym, without dots or digits: "U.N." is UN.
pub(super) fn letters_of(acronym: &str) -> String {
    acronym.chars().filter(|ch| ch.is_alphabetic()).collect()
}

/// The first letters of every word, joiners too: "Alliance of Small Island States" is AOSIS.
pub(super) fn initials_with_joiners(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether the article writes the words an acronym stands for in lower case, as a common noun
/// ("artificial intelligence" for AI): content words only, so "and in" never spells AI.
pub(super) fn spelled_in_lower_case(paragraphs: &[&str], letters: &str) -> bool {
    const FUNCTION: &[&str] = &[
        "about", "after", "also", "and", "are", "been", "but", "for", "from", "had", "has", "have",
        "into", "its", "not", "over", "than", "that", "the", "their", "them", "then", "they",
        "this", "was", "were", "which", "while", "who", "will", "with",
    ];
    let want: Vec<char> = letters.chars().flat_map(char::to_lowercase).collect();
    let n = want.len();
    if n < 2 {
        return false;
    }
    paragraphs.iter().any(|p| {
        let words: Vec<&str> = p
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .collect();
        words.windows(n).any(|window| {
            window.iter().zip(&want).all(|(w, &c)| {
                w.starts_with(c)
                    && w.len() >= 4
                    && w.chars().all(|ch| ch.is_lowercase() || ch == '-')
                    && !FUNCTION.contains(w)
            })
        })
    })
}

/// The capital letters that start the words of a name: "Islamic Movement of Uzbekistan" is IMU.
pub(super) fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_with_and_without_joiners() {
        assert_eq!(initials("Alliance of Small Island States"), "ASIS");
        assert_eq!(
            initials_with_joiners("Alliance of Small Island States"),
            "AOSIS"
        );
        assert_eq!(letters_of("U.N."), "UN");
    }

    #[test]
    fn acronyms_written_out_in_lower_case_are_common_nouns() {
        let text = [
            "Rules for artificial intelligence apply.",
            "And in May, AI grew.",
        ];
        assert!(spelled_in_lower_case(&text, "AI"));
        // function words spell nothing: "and in" is no AI
        assert!(!spelled_in_lower_case(&["And in May and in June."], "AI"));
    }
}
