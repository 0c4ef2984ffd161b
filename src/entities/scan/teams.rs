//! Sports pages: teams in results lines and match reports, told apart from their players.

use super::{Para, Scanner};
use crate::entities::lexicon::cue;
use crate::entities::token::{INITIAL, Token, TokenKind, UPPER};

impl Scanner<'_> {
    /// Whether the name at `start..end` is a side in a match: the subject or object of a verb
    /// of winning and losing ("Leicestershire beat Somerset", "lost to Chicago"), or, for a
    /// name no list knows, the opponent "against" whom a match is played.
    pub(super) fn match_context(
        &self,
        p: &Para<'_>,
        start: usize,
        end: usize,
        unknown: bool,
    ) -> bool {
        const AFTER: &[&str] = &[
            "beat",
            "beats",
            "blanked",
            "crushed",
            "defeated",
            "downed",
            "drew",
            "edged",
            "hammered",
            "outclassed",
            "routed",
            "thrashed",
            "trounced",
            "whipped",
        ];
        const BEFORE: &[&str] = &[
            "beat",
            "beating",
            "blanked",
            "crushed",
            "defeated",
            "defeating",
            "downed",
            "edged",
            "hammered",
            "outclassed",
            "routed",
            "thrashed",
            "trounced",
            "whipped",
        ];
        let next = p.word(end);
        let prev = if start > 0 { p.word(start - 1) } else { "" };
        let prev2 = if start > 1 { p.word(start - 2) } else { "" };
        AFTER.contains(&next)
            || BEFORE.contains(&prev)
            || (matches!(prev, "to" | "with") && matches!(prev2, "lost" | "drew" | "draw" | "loss"))
            || (prev == "over" && matches!(prev2, "win" | "victory" | "triumph"))
            || (unknown && prev == "against" && !p.is_weak(start))
    }

    /// In a results line, whether the name is a player's rather than a team's: an initial, a
    /// given name, or two words no list knows ("Iain Pyman").
    pub(super) fn looks_like_player(
        &self,
        p: &Para<'_>,
        start: usize,
        end: usize,
        known: bool,
    ) -> bool {
        if (start..end)
            .any(|k| p.word(k).bytes().any(|b| b.is_ascii_digit()) || p.has_cue(k, cue::NEVER_NAME))
        {
            return true;
        }
        if p.tokens[start].is(INITIAL) {
            return true;
        }
        // "Queen of South", "Queen's Park": built like a team's name, not a person's
        if (start..end).any(|k| p.word(k) == "of" || p.tokens[k].kind == TokenKind::Possessive) {
            return false;
        }
        let n = end - start;
        n >= 2
            && !known
            && (p.has_cue(start, cue::GIVEN_NAME)
                || (n == 2
                    && (start..end).all(|k| {
                        !p.is_common(k) && !p.tokens[k].is(UPPER) && self.phrase_at(p, k).is_none()
                    })))
    }

    /// Whether the name ending before token `e` is followed by a score or sits beside "v".
    pub(super) fn next_is_score(&self, p: &Para<'_>, e: usize) -> bool {
        let versus = |w: &str| matches!(w, "v" | "vs" | "vs.");
        let score = |t: &Token| {
            t.kind == TokenKind::Number && t.text(p.text).bytes().all(|b| b.is_ascii_digit())
        };
        if e < p.tokens.len() && (score(&p.tokens[e]) || versus(p.word(e))) {
            return true;
        }
        // "Postponed: Birmingham v Barnsley": the team after "v"
        p.tokens[..e]
            .iter()
            .rev()
            .find(|t| !t.is_name_like())
            .is_some_and(|t| versus(t.text(p.text)))
    }

    /// "Part 2", "World War 2", "Net 1.2": ordinary words before a number are no team, unless
    /// the line pairs two sides.
    pub(super) fn ordinary_words_before_score(
        &self,
        p: &Para<'_>,
        start: usize,
        end: usize,
    ) -> bool {
        p.pairs < 2 && self.phrase_at(p, start).is_none() && (start..end).all(|k| p.is_common(k))
    }
}
