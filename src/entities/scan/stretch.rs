//! Judging a stretch of name words that no list claimed: a person, a group, or unknown.

use super::{Label, Para, Scanner};
use crate::entities::lexicon::cue;
use crate::entities::shape::{Mode, has_surname_shape, looks_transliterated_group};
use crate::entities::token::{ARTICLE_PREFIX, INITIAL, TokenKind, UPPER};

/// Common nouns that name a settlement or an area before "of" and its name.
const SETTLEMENT_NOUNS: &[&str] = &[
    "village",
    "town",
    "city",
    "settlement",
    "hamlet",
    "township",
    "aul",
    "kishlak",
    "district",
    "region",
    "province",
    "oblast",
    "krai",
    "raion",
    "rayon",
    "okrug",
    "municipality",
    "port",
];

impl Scanner<'_> {
    /// Judges a stretch of name words that no list claimed.
    pub(super) fn stretch(&mut self, p: &Para<'_>, start: usize, end: usize, after_title: bool) {
        let mut start = start;
        let mut end = end;
        // a joiner left at the end when a country or title cut the run ("Kia Motor Corp of")
        while end > start && !p.tokens[end - 1].is_name_like() {
            end -= 1;
        }
        while start < end
            && !p.tokens[start].is_name_like()
            && self.particles_before_name(p, start).is_none()
        {
            start += 1;
        }
        // "von der Leyen", "de Gaulle": particles and a surname
        if self.is_particle(p, start)
            && let Some(k) = self.particles_before_name(p, start)
            && k + 1 == end
            && self.particle_surname(p, k)
        {
            self.push(p, start, end, Label::Person, "surname with its particles");
            return;
        }
        // "Gil de Ferran", "Joost van der Westhuizen": a name, particles and a surname
        if start + 1 < end
            && !p.tokens[start].is(UPPER)
            && !p.is_common(start)
            && let Some(k) = self.particles_before_name(p, start + 1)
            && k + 1 == end
            && self.particle_surname(p, k)
        {
            self.push(p, start, end, Label::Person, "name with particles");
            return;
        }
        while start < end
            && !self.family_name_first(p, start)
            && (p.has_cue(start, cue::NEVER_NAME)
                || (p.is_weak(start) && p.is_common(start) && !p.has_cue(start, cue::GIVEN_NAME)))
        {
            start += 1;
        }
        if start >= end {
            return;
        }
        // "Kurds", "Shiite Muslims": peoples and faiths, not names
        if (start..end).all(|k| p.has_cue(k, cue::PEOPLE_NOUN)) {
            return;
        }
        // "writes in “Nasha Niva”", "told “Sibirskiye Ogni”": a publication cited by its title
        if self.cited_publication(p, start, end) {
            self.push(p, start, end, Label::Group, "publication cited by name");
            return;
        }
        let n = end - start;
        let first = p.tokens[start];
        let first_word = p.word(start);
        let last_word = p.word(end - 1);
        if p.score_line
            && self.next_is_score(p, end)
            && !self.looks_like_player(p, start, end, false)
            && !self.ordinary_words_before_score(p, start, end)
        {
            self.push(p, start, end, Label::Group, "team in a results line");
            return;
        }
        // "the Shah Deniz field", "the Bab el-Mandeb strait": a site or a place
        if p.has_cue(end, cue::FEATURE_NOUN) && !self.starts_person(p, start) {
            self.push(
                p,
                start,
                end,
                Label::Place,
                "place named with a feature noun",
            );
            return;
        }
        // a title makes a person only of a name: "General Data Protection Regulation" is none
        let after_title = after_title
            && (start..end).any(|k| {
                !p.is_common(k)
                    || p.has_cue(k, cue::GIVEN_NAME | cue::SURNAME)
                    || p.tokens[k].is(INITIAL)
            });
        if n == 1 {
            let t = first;
            let speaker = end < p.tokens.len()
                && p.has_cue(end, cue::SPEECH_VERB)
                && !p.is_weak(start)
                && !p.is_common(start)
                && (p.has_cue(start, cue::SURNAME | cue::GIVEN_NAME)
                    || has_surname_shape(first_word));
            let letters = first_word.chars().filter(|c| c.is_alphabetic()).count();
            let dotted = first_word.contains('.');
            // "COP27", "F35": a conference or a model, not an organisation, unless listed
            if t.is(UPPER) && first_word.bytes().any(|b| b.is_ascii_digit()) {
                return;
            }
            if t.is(UPPER)
                && (2..=8).contains(&letters)
                && !first_word.contains('-')
                && !dotted
                && !(letters >= 3 && p.is_common(start))
            {
                if !p.has_cue(start, cue::NEVER_NAME) {
                    self.push(p, start, end, Label::Acronym, "acronym");
                    let before = if start > 0 { p.word(start - 1) } else { "" };
                    let after = p.tokens.get(end);
                    // "the peacekeeping mission (MINUSMA)", "the lender IL&FS"
                    let defined_after_group_noun =
                        before == "(" && start >= 2 && p.has_cue(start - 2, cue::GROUP_NOUN);
                    let supported = before.eq_ignore_ascii_case("the")
                        || after.is_some_and(|t| t.kind == TokenKind::Possessive)
                        || p.has_cue(end, cue::SPEECH_VERB | cue::GROUP_NOUN)
                        || self.group_after(p, end)
                        || self.group_noun_before(p, start)
                        || defined_after_group_noun
                        || self.listed_after_group_noun(p, start);
                    if let Some(c) = self.candidates.last_mut() {
                        c.supported = supported;
                    }
                }
                return;
            }
            if looks_transliterated_group(first_word) {
                self.push(p, start, end, Label::Group, "transliterated group name");
                return;
            }
            let named =
                p.has_cue(start, cue::SURNAME | cue::GIVEN_NAME) || has_surname_shape(first_word);
            if after_title || (self.is_person_cue_before(p, start) && named) {
                self.push(
                    p,
                    start,
                    end,
                    Label::Person,
                    "title or role before the name",
                );
                return;
            }
            if let Some(reason) = self.person_after(p, start, end)
                && !p.is_common(start)
            {
                self.push(p, start, end, Label::Person, reason);
                return;
            }
            // "Kardash was re-elected", "Mazowiecki remained": a surname-shaped word the
            // lists do not know, as the subject of what people do, even opening a sentence
            let actor = !p.is_common(start)
                && !t.is(UPPER)
                && (p.has_cue(start, cue::SURNAME) || has_surname_shape(first_word))
                && self.person_verb_after(p, end);
            if speaker || actor {
                self.push(
                    p,
                    start,
                    end,
                    Label::Person,
                    "surname before a verb of saying",
                );
                return;
            }
            if self.group_noun_before(p, start)
                || self.group_noun_after(p, start, end)
                || self.group_after(p, end)
                || self.listed_after_group_noun(p, start)
            {
                self.push(p, start, end, Label::Group, "named as a group");
                return;
            }
            if self.firm_noun_after(p, end) && !p.is_common(start) {
                self.push(
                    p,
                    start,
                    end,
                    Label::Group,
                    "a firm's or body's noun after the name",
                );
                return;
            }
            if self.match_context(p, start, end, true)
                && !p.has_cue(start, cue::GIVEN_NAME)
                && !has_surname_shape(first_word)
            {
                self.push(p, start, end, Label::Group, "team in a match report");
                return;
            }
            if t.flags & ARTICLE_PREFIX == 0 && !first_word.is_empty() {
                self.push(p, start, end, Label::Unknown, "capitalised word");
            }
            return;
        }
        if first.is(INITIAL) && !p.tokens[end - 1].is(INITIAL) {
            self.push(p, start, end, Label::Person, "initial and surname");
            return;
        }
        if after_title {
            self.push(p, start, end, Label::Person, "title before the name");
            return;
        }
        if self.group_noun_before(p, start)
            || self.group_noun_after(p, start, end)
            || self.group_after(p, end)
            || self.listed_after_group_noun(p, start)
        {
            self.push(p, start, end, Label::Group, "named as a group");
            return;
        }
        if p.has_cue(end - 1, cue::PLACE_TAIL) {
            self.push(p, start, end, Label::Unknown, "place name");
            return;
        }
        // "in the village of Verkhnyaya Zolotukha", "the town of Kem": a settlement's name
        if start >= 2 && p.word(start - 1) == "of" && SETTLEMENT_NOUNS.contains(&p.word(start - 2))
        {
            self.push(p, start, end, Label::Place, "place");
            return;
        }
        // "Democrat Walter Mondale": ordinary words before a given name and a surname
        if let Some(k) =
            (start + 1..end - 1).find(|&k| p.has_cue(k, cue::GIVEN_NAME) && !p.is_common(k))
            && (start..k).all(|j| p.is_common(j))
        {
            self.stretch(p, k, end, false);
            return;
        }
        if let Some(reason) = self.person_after(p, start, end)
            && (start..end).all(|k| !p.tokens[k].is(UPPER))
        {
            self.push(p, start, end, Label::Person, reason);
            return;
        }
        if self.firm_noun_after(p, end) && !p.has_cue(start, cue::GIVEN_NAME) {
            self.push(
                p,
                start,
                end,
                Label::Group,
                "a firm's or body's noun after the name",
            );
            return;
        }
        let given = p.has_cue(start, cue::GIVEN_NAME);
        let any_common =
            (start..end).any(|k| !p.has_cue(k, cue::GIVEN_NAME | cue::SURNAME) && p.is_common(k));
        // a capital in mid-sentence after a given name marks a surname, even an ordinary word
        // ("Emmanuel Macron", "George Bush")
        if given
            && (!p.is_common(end - 1) || p.has_cue(end - 1, cue::SURNAME) || !p.is_weak(end - 1))
        {
            self.push(p, start, end, Label::Person, "given name and surname");
            return;
        }
        if n == 2 && self.family_name_first(p, start) {
            self.push(p, start, end, Label::Person, "family name and given name");
            return;
        }
        if p.has_cue(start, cue::PLACE_HEAD) {
            self.push(p, start, end, Label::Unknown, "place name");
            return;
        }
        if !any_common
            && (!p.is_common(end - 1) || !p.is_common(start))
            && (p.has_cue(end - 1, cue::SURNAME) || has_surname_shape(last_word))
            && n <= 4
        {
            self.push(p, start, end, Label::Person, "surname");
            return;
        }
        if !any_common && n <= 3 && self.is_person_cue_before(p, start) {
            self.push(p, start, end, Label::Person, "role before the name");
            return;
        }
        let place_preposition = start > 0
            && matches!(
                p.word(start - 1),
                "in" | "at" | "from" | "near" | "into" | "across" | "outside" | "inside"
            );
        // the least certain rule, so only for words shaped like personal names and never after
        // "the" ("the Dravida Munnetra Kazhagam", "Jama'at Nusrat al-Islam")
        let after_the = start > 0 && p.word(start - 1).eq_ignore_ascii_case("the");
        if n <= 3
            && p.mode == Mode::Prose
            && !place_preposition
            && !after_the
            && (start..end).all(|k| {
                !p.is_common(k)
                    && !p.tokens[k].is(UPPER)
                    && (k + 1 == end || !p.tokens[k].is(ARTICLE_PREFIX))
                    && !inner_apostrophe(p.word(k))
            })
        {
            self.push(p, start, end, Label::Person, "name of uncommon words");
            return;
        }
        if self.match_context(p, start, end, true) {
            self.push(p, start, end, Label::Group, "team in a match report");
            return;
        }
        self.push(p, start, end, Label::Unknown, "capitalised words");
    }
}

impl Scanner<'_> {
    /// Whether a verb of what people do follows token `end`, past an auxiliary or an adverb
    /// ("served", "was elected", "has since resigned", "narrowly regained").
    fn person_verb_after(&self, p: &Para<'_>, end: usize) -> bool {
        let mut k = end;
        while k < p.tokens.len() && k < end + 3 {
            let w = p.word(k);
            if !p.tokens[k].is_word() || p.tokens[k].is_name_like() {
                return false;
            }
            if p.has_cue(k, cue::PERSON_VERB | cue::SPEECH_VERB) {
                return true;
            }
            let filler = matches!(
                w,
                "was" | "had" | "has" | "been" | "later" | "also" | "then" | "again" | "since"
            ) || (w.len() > 4 && w.ends_with("ly"));
            if !filler {
                return false;
            }
            k += 1;
        }
        false
    }
}

/// An apostrophe inside a word that is no Irish or Italian prefix ("Jama'at", not "O'Brien").
fn inner_apostrophe(word: &str) -> bool {
    word.char_indices()
        .any(|(i, c)| matches!(c, '\'' | '\u{2019}') && i > 1)
}
