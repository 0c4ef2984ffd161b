//! What the words around and inside a name say about it: titles, roles, group nouns.

use super::{Para, Reason, Scanner};
use crate::entities::lexicon::{PhraseKind, cue};
use crate::entities::shape::Mode;
use crate::entities::token::{INITIAL, TokenKind, UPPER};

impl Scanner<'_> {
    /// The word at `k` is a title, or a hyphenated one ("Major-General", "Lieutenant-Colonel").
    pub(super) fn is_title(&self, p: &Para<'_>, k: usize) -> bool {
        let w = p.word(k);
        p.has_cue(k, cue::TITLE)
            || (w.contains('-')
                && w.split('-')
                    .all(|part| self.lex.has_cue(part, cue::TITLE | cue::TITLE_MODIFIER)))
    }

    /// Whether the word at `i` can be the surname after a given name at a sentence start
    /// ("Will Smith", not "In Tokyo" or "An Israeli").
    pub(super) fn could_be_surname(&self, p: &Para<'_>, i: usize) -> bool {
        if p.has_cue(i, cue::NEVER_NAME | cue::TITLE) || !p.tokens[i].is_name_like() {
            return false;
        }
        match self.phrase_at(p, i) {
            Some((e, PhraseKind::Place)) => {
                e == i + 1 && (p.has_cue(i, cue::SURNAME) || !p.is_common(i))
            }
            Some((e, PhraseKind::Organisation { .. })) => {
                e == i + 1 && p.has_cue(i, cue::FREQUENT_SURNAME)
            }
            Some(_) => false,
            None => !p.is_common(i) || p.has_cue(i, cue::SURNAME),
        }
    }

    /// A short family name before a given name, as Chinese, Korean and Vietnamese names are
    /// written ("Xi Jinping", "Li Keqiang"): the family name may also be an English word.
    pub(super) fn family_name_first(&self, p: &Para<'_>, k: usize) -> bool {
        let w = p.word(k);
        w.chars().count() <= 3
            && p.tokens[k].is_name_like()
            && !p.tokens[k].is(UPPER)
            && !p.has_cue(
                k,
                cue::FUNCTION_WORD
                    | cue::NEVER_NAME
                    | cue::TITLE
                    | cue::GIVEN_NAME
                    | cue::PLACE_HEAD,
            )
            && p.tokens.get(k + 1).is_some_and(|t| t.is_name_like())
            && p.has_cue(k + 1, cue::GIVEN_NAME)
            && !p.is_common(k + 1)
            && !p.tokens.get(k + 2).is_some_and(|t| t.is_name_like())
    }

    pub(super) fn starts_person(&self, p: &Para<'_>, s: usize) -> bool {
        p.tokens[s].is(INITIAL) || p.has_cue(s, cue::GIVEN_NAME)
    }

    /// Whether the words before `i` introduce a person ("striker", "Mr.", "President").
    pub(super) fn is_person_cue_before(&self, p: &Para<'_>, i: usize) -> bool {
        let mut k = i;
        while k > 0 && p.tokens[k - 1].kind == TokenKind::Punct && p.word(k - 1) == "." {
            k -= 1;
        }
        k > 0 && {
            let w = p.word(k - 1);
            p.tokens[k - 1].is_word()
                && (p.has_cue(k - 1, cue::ROLE_NOUN) && w.chars().all(char::is_lowercase)
                    || p.has_cue(k - 1, cue::TITLE))
        }
    }

    /// "the Kuk Bure movement", "the Hamas militia": a name between "the" and a group noun.
    pub(super) fn group_noun_after(&self, p: &Para<'_>, start: usize, end: usize) -> bool {
        start > 0
            && p.word(start - 1).eq_ignore_ascii_case("the")
            && matches!(
                p.word(end),
                "movement"
                    | "party"
                    | "group"
                    | "faction"
                    | "militia"
                    | "network"
                    | "organisation"
                    | "organization"
                    | "company"
                    | "firm"
                    | "agency"
                    | "newspaper"
                    | "coalition"
                    | "alliance"
                    | "airline"
            )
    }

    pub(super) fn group_noun_before(&self, p: &Para<'_>, i: usize) -> bool {
        let mut k = i;
        // "the portal “Fergana”": the title in quotes
        if k > 0 && (p.word(k - 1) == "," || is_opening_quote(p.word(k - 1))) {
            k -= 1;
        }
        k > 0 && p.tokens[k - 1].is_word() && p.has_cue(k - 1, cue::GROUP_NOUN)
    }

    /// Whether the words `start..end` are a title in quotes cited as a source: "writes in
    /// “Nasha Niva”", "told “Kommersant”", "according to “Novaya Gazeta,”".
    pub(super) fn cited_publication(&self, p: &Para<'_>, start: usize, end: usize) -> bool {
        let mut close = end;
        if matches!(p.word(close), "," | ".") {
            close += 1;
        }
        if start < 2 || !is_opening_quote(p.word(start - 1)) || !is_closing_quote(p.word(close)) {
            return false;
        }
        let before = |back: usize| start.checked_sub(back).map_or("", |k| p.word(k));
        match before(2) {
            "told" => true,
            "to" => before(3).eq_ignore_ascii_case("according"),
            "in" => matches!(
                before(3),
                "writes"
                    | "wrote"
                    | "writing"
                    | "says"
                    | "said"
                    | "notes"
                    | "noted"
                    | "argues"
                    | "argued"
                    | "reports"
                    | "reported"
                    | "published"
                    | "article"
                    | "interview"
                    | "commentary"
            ),
            _ => false,
        }
    }

    /// A group noun in the plural ("companies", "bodies", "lenders").
    fn is_group_noun_plural(&self, w: &str) -> bool {
        if !w.chars().all(char::is_lowercase) {
            return false;
        }
        if let Some(stem) = w.strip_suffix("ies") {
            let mut singular = String::with_capacity(stem.len() + 1);
            singular.push_str(stem);
            singular.push('y');
            return self.lex.has_cue(&singular, cue::GROUP_NOUN);
        }
        w.strip_suffix('s')
            .is_some_and(|stem| self.lex.has_cue(stem, cue::GROUP_NOUN))
    }

    /// Whether the name at `start` is one of a list after a plural group noun: "companies such
    /// as OpenAI, Google and Mistral AI", "firms including Tokyo Electron", "the standards
    /// bodies CEN and CENELEC".
    pub(super) fn listed_after_group_noun(&self, p: &Para<'_>, start: usize) -> bool {
        let mut k = start;
        let mut names = 0;
        while k > 0 && start - k < 24 {
            let t = p.tokens[k - 1];
            let w = p.word(k - 1);
            let introduces = (w == "as" && k >= 2 && p.word(k - 2) == "such")
                || (matches!(w, "including" | "like") && k >= 1);
            if introduces {
                let mut g = if w == "as" { k - 2 } else { k - 1 };
                if g > 0 && p.word(g - 1) == "," {
                    g -= 1;
                }
                return g > 0 && self.is_group_noun_plural(p.word(g - 1));
            }
            if t.is_word() && self.is_group_noun_plural(w) {
                // "bodies CEN and CENELEC", never "the companies, Smith said"
                return p.tokens[k].is_name_like() && (names > 0 || k == start);
            }
            if t.is_name_like() {
                names += 1;
            } else if !(matches!(w, "," | "and" | "or") || t.kind == TokenKind::Possessive) {
                return false;
            }
            k -= 1;
        }
        false
    }

    /// A title modifier ("Foreign", "Deputy", "Prime") that leads to a title within the run.
    pub(super) fn title_modifier_run(&self, p: &Para<'_>, i: usize, end: usize) -> bool {
        let mut k = i;
        while k < end && p.has_cue(k, cue::TITLE_MODIFIER) {
            k += 1;
        }
        k > i && k < end && p.has_cue(k, cue::TITLE)
    }

    /// Whether a country name ending at token `e` is the first word of a longer name that an
    /// ordinary word continues ("American League", "U.S. Open", "Palestinian Authority"), as
    /// opposed to a title or a name ("Russian President", "Russian Foreign Ministry").
    pub(super) fn inside_longer_name(&self, p: &Para<'_>, e: usize, end: usize) -> bool {
        // in a heading every word is capitalised: "Turkey Says It Will ..."
        p.mode == Mode::Prose && e < end && {
            p.tokens[e].is_name_like()
                && p.is_common(e)
                && !p.has_cue(
                    e,
                    cue::TITLE | cue::TITLE_MODIFIER | cue::NEVER_NAME | cue::GIVEN_NAME,
                )
                && !self.is_title(p, e)
        }
    }

    /// What follows a name that only a person takes: ", who", an age (", 45,"), or an
    /// apposition with a role (", a researcher at ...", ", the club's coach").
    pub(super) fn person_after(&self, p: &Para<'_>, start: usize, end: usize) -> Option<Reason> {
        // "Writing in Yezhednevny Zhurnal, the commentator said": the place, not the person
        let place = start > 0
            && matches!(
                p.word(start - 1),
                "in" | "at" | "from" | "near" | "into" | "across" | "outside" | "inside"
            );
        if p.word(end) != "," || place {
            return None;
        }
        let next = p.word(end + 1);
        if next == "who" {
            return Some("described with \"who\"");
        }
        let age = p
            .tokens
            .get(end + 1)
            .is_some_and(|t| t.kind == TokenKind::Number && (1..=3).contains(&next.len()))
            && next.bytes().all(|b| b.is_ascii_digit())
            && matches!(p.word(end + 2), "," | ")" | "--" | "-" | "and" | "." | "");
        if age {
            return Some("age after the name");
        }
        // ", a researcher", ", the party's president", ", Nigeria's president"
        let determiner = matches!(next, "a" | "an" | "the" | "his" | "her" | "its" | "their");
        let owner = p.tokens.get(end + 1).is_some_and(|t| t.is_name_like())
            && p.tokens
                .get(end + 2)
                .is_some_and(|t| t.kind == TokenKind::Possessive);
        if determiner || owner {
            let role = (end + 2..end + 6)
                .take_while(|&k| {
                    k < p.tokens.len()
                        && (p.tokens[k].is_word() || p.tokens[k].kind == TokenKind::Possessive)
                })
                .any(|k| {
                    let w = p.word(k);
                    w.chars().all(char::is_lowercase) && p.has_cue(k, cue::ROLE_NOUN)
                });
            if role {
                return Some("described by a role");
            }
        }
        None
    }

    /// An apposition that makes the name an organisation: ", a Bashkir movement", ", the
    /// state gas company".
    /// A group noun that owns something ("the party's president") is no head of the apposition.
    pub(super) fn group_after(&self, p: &Para<'_>, end: usize) -> bool {
        p.word(end) == ","
            && matches!(p.word(end + 1), "a" | "an" | "the")
            && (end + 2..end + 7)
                .take_while(|&k| {
                    k < p.tokens.len()
                        && (p.tokens[k].is_word() || p.tokens[k].kind == TokenKind::Possessive)
                })
                .take_while(|&k| !p.has_cue(k, cue::ROLE_NOUN))
                .any(|k| {
                    let w = p.word(k);
                    w.chars().all(char::is_lowercase)
                        && p.has_cue(k, cue::GROUP_NOUN)
                        && !matches!(w, "side" | "team" | "daily" | "weekly")
                        && p.tokens
                            .get(k + 1)
                            .is_none_or(|t| t.kind != TokenKind::Possessive)
                })
    }

    /// A company's or body's noun after the name: "Pirelli shares", "a Gazprom subsidiary",
    /// "Rosneft spokesman".
    pub(super) fn firm_noun_after(&self, p: &Para<'_>, end: usize) -> bool {
        matches!(
            p.word(end),
            "shares"
                | "stock"
                | "stake"
                | "subsidiary"
                | "shareholders"
                | "spokesman"
                | "spokeswoman"
                | "headquarters"
        ) || (p
            .tokens
            .get(end)
            .is_some_and(|t| t.kind == TokenKind::Possessive)
            && matches!(
                p.word(end + 1),
                "shares" | "stock" | "subsidiary" | "shareholders"
            ))
    }
}

fn is_opening_quote(w: &str) -> bool {
    matches!(
        w,
        "\u{201c}" | "\"" | "\u{ab}" | "\u{2018}" | "'" | "\u{201e}"
    )
}

fn is_closing_quote(w: &str) -> bool {
    matches!(
        w,
        "\u{201d}" | "\"" | "\u{bb}" | "\u{2019}" | "'" | "\u{201c}"
    )
}
