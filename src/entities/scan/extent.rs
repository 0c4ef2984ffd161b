//! How far a capitalised run reaches: joiners, "X of Y" names and firms' full names.

use super::{Para, Scanner};
use crate::entities::lexicon::{PhraseKind, cue};
use crate::entities::token::{TokenKind, UPPER};

/// Legal forms that close a firm's name.
const LEGAL_FORMS: &[&str] = &[
    "Inc", "Corp", "Co", "Ltd", "Plc", "PLC", "LLC", "AG", "SA", "NV", "BV", "GmbH", "Cos",
];

impl Scanner<'_> {
    /// The end of the capitalised run from `start`, with joiners and "X of Y" names inside.
    pub(super) fn run_end(&self, p: &Para<'_>, start: usize) -> usize {
        let toks = p.tokens;
        // a known name may run on through lower-case words ("... Cooperation in Europe")
        let mut j = self
            .phrase_at(p, start)
            .map_or(start + 1, |(e, _)| e.max(start + 1));
        // "Treaty of Rome", "Convention on Climate Change" run on like "Ministry of Defence"
        let heads = cue::ORG_HEAD | cue::LAW;
        let mut org_head = p.has_cue(start, heads);
        // "the House of Commons of Canada": a known body's name runs on to its country
        if let Some((e, PhraseKind::Organisation { .. })) = self.phrase_at(p, start)
            && e == j
            && p.word(j) == "of"
            && let Some((country_end, PhraseKind::Country { demonym: false, .. })) =
                self.phrase_at(p, j + 1)
        {
            j = country_end;
        }
        loop {
            if j < toks.len() && toks[j].is_name_like() {
                org_head |= p.has_cue(j, heads);
                j += 1;
                continue;
            }
            // "Ursula von der Leyen", "Charles de la Rochefoucauld": particles in a row
            if let Some(after) = self.particles_before_name(p, j)
                && after > j + 1
            {
                j = after + 1;
                continue;
            }
            if j + 1 < toks.len()
                && toks[j].is_word()
                && toks[j + 1].is_name_like()
                // "the Central Bank on Monday": a date never continues a name
                && !p.has_cue(j + 1, cue::NEVER_NAME)
            {
                let w = p.word(j);
                if p.has_cue(j, cue::JOINER) && w.chars().all(char::is_lowercase) {
                    j += 2;
                    continue;
                }
                if matches!(w, "of" | "for" | "on") && org_head {
                    j += 2;
                    continue;
                }
                // "the Social Democratic Party of Germany", "the Union of Right Forces": a
                // name that ends in an organisation word runs on through "of" or "for"
                // (a firm's legal form ends its name: "Kia Motor Corp of South Korea")
                if matches!(w, "of" | "for")
                    && p.has_cue(j - 1, cue::ORG_TAIL)
                    && !LEGAL_FORMS.contains(&p.word(j - 1).trim_end_matches('.'))
                {
                    j += 2;
                    continue;
                }
                // "Gold Fields of South Africa Ltd", "Procter and Gamble Co": a firm's full
                // name, told by the legal or organisation word that ends it
                // ... but "economist Lynn Reaser of Barnett Banks Inc." is a person and a firm
                let titled = (start..j).any(|k| self.is_title(p, k))
                    // "Shares of Apple Inc": an ordinary word opening the sentence
                    || (j == start + 1
                        && p.is_weak(start)
                        && p.is_common(start))
                    || (start..j).any(|k| self.starts_person(p, k))
                    || (start > 0 && self.is_person_cue_before(p, start));
                if matches!(w, "of" | "and") && !titled && self.org_tail_ahead(p, j + 1) {
                    j += 2;
                    continue;
                }
                // "Bureau of Industry and Security (BIS)", "United Nations High Commissioner for
                // Refugees (UNHCR)": the acronym after it says where the name ends
                if matches!(w, "of" | "for" | "and" | "on") {
                    let mut m = j + 1;
                    while m < toks.len() && toks[m].is_name_like() {
                        m += 1;
                    }
                    if self.spells_acronym_after(p, start, m) {
                        j = m;
                        continue;
                    }
                }
            }
            // "the Communist Party of the Philippines": "of the" after an organisation word
            if j + 2 < toks.len()
                && (org_head
                    || (j > start
                        && p.has_cue(j - 1, cue::ORG_TAIL)
                        && !LEGAL_FORMS.contains(&p.word(j - 1).trim_end_matches('.'))))
                && matches!(p.word(j), "of" | "for" | "on")
                && p.word(j + 1) == "the"
                && toks[j + 2].is_name_like()
                && !p.has_cue(j + 2, cue::NEVER_NAME)
                // "left the Quebec Liberal Party for the Parti Québécois": another party's
                // name begins there
                && !self.begins_organisation(p, j + 2)
            {
                j += 3;
                continue;
            }
            // results lines name teams in full: "Queen of South 1", "Queen's Park 2"
            if p.score_line
                && j + 1 < toks.len()
                && (p.word(j) == "of" || toks[j].kind == TokenKind::Possessive)
                && toks[j + 1].is_name_like()
            {
                j += 2;
                continue;
            }
            if j + 1 < toks.len() && p.word(j) == "&" && toks[j + 1].is_name_like() {
                j += 2;
                continue;
            }
            return j;
        }
    }

    /// Whether a known organisation or a foreign party word ("Parti", "Partido") starts at `i`.
    fn begins_organisation(&self, p: &Para<'_>, i: usize) -> bool {
        p.has_cue(i, cue::TRANSLITERATED_HEAD)
            || matches!(
                self.phrase_at(p, i),
                Some((_, PhraseKind::Organisation { .. }))
            )
    }

    /// Whether the capitalised words from `i` end with an organisation word.
    fn org_tail_ahead(&self, p: &Para<'_>, i: usize) -> bool {
        let mut k = i;
        while k < p.tokens.len() && p.tokens[k].is_name_like() {
            k += 1;
        }
        k > i && p.has_cue(k - 1, cue::ORG_TAIL)
    }

    /// The name-like token after the lower-case name particles that start at `i` ("von der",
    /// "de la", "bin", "dos"), if there are one to three of them and a name follows.
    pub(super) fn particles_before_name(&self, p: &Para<'_>, i: usize) -> Option<usize> {
        let mut k = i;
        while k < p.tokens.len() && k < i + 3 && self.is_particle(p, k) {
            k += 1;
        }
        (k > i
            && k < p.tokens.len()
            && p.tokens[k].is_name_like()
            && !p.has_cue(k, cue::NEVER_NAME))
        .then_some(k)
    }

    /// A lower-case particle of a person's name ("von", "van", "der", "de", "da", "bin").
    pub(super) fn is_particle(&self, p: &Para<'_>, k: usize) -> bool {
        let t = p.tokens[k];
        // most words are ruled out by their first letter, before any lookup or slicing
        if !t.is_word()
            || !matches!(
                p.text.as_bytes().get(t.start as usize),
                Some(b'a' | b'b' | b'd' | b'e' | b'i' | b'l' | b't' | b'v' | b'y' | b'z')
            )
        {
            return false;
        }
        let w = p.word(k);
        w != "the" && self.lex.is_joiner(w) && w.chars().all(char::is_lowercase)
    }

    /// Whether the word at `k`, after particles, can be a surname: no ordinary word, no name
    /// the lexicon knows as something else ("de facto", "de la Paz" are no people).
    pub(super) fn particle_surname(&self, p: &Para<'_>, k: usize) -> bool {
        !p.tokens[k].is(UPPER)
            && (!p.is_common(k) || p.has_cue(k, cue::SURNAME))
            && self.phrase_at(p, k).is_none()
    }

    /// Whether "(ACRONYM)" follows token `end` and spells the capitalised words from `start`.
    pub(super) fn spells_acronym_after(&self, p: &Para<'_>, start: usize, end: usize) -> bool {
        if p.word(end) != "(" || p.word(end + 2) != ")" || !p.tokens[end + 1].is(UPPER) {
            return false;
        }
        let acronym = p.word(end + 1).chars().filter(|c| c.is_alphabetic());
        let initials = (start..end)
            .skip_while(|&k| p.has_cue(k, cue::FUNCTION_WORD))
            .filter(|&k| p.tokens[k].is_name_like())
            .filter_map(|k| p.word(k).chars().next());
        acronym.eq(initials)
    }
}
