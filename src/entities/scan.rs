//! Paragraph by paragraph: capitalised runs become candidate mentions with a tentative label.
//!
//! A run is cut into pieces by the lexicon (countries, organisations, places) and by titles;
//! each remaining stretch of name words is judged from its own words and its neighbours. What
//! a single word means is often only clear from the whole document, so such words leave here
//! as [`Label::Unknown`] and `resolve` decides.

use std::cell::Cell;

use super::lexicon::{LEXICON, Lexicon, PhraseKind, cue};
use super::shape::{Mode, is_score_line, mode_of, name_number_pairs};
use super::token::{CAPITAL, SENTENCE_START, Token, TokenKind, UPPER, tokenize};

mod context;
mod stretch;
mod teams;

/// What a candidate mention is taken to be before the document-level pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// `demonym` for "Kazakhs", "Russian".
    Country {
        country: u16,
        demonym: bool,
    },
    /// A name from the organisation gazetteer.
    KnownGroup {
        organisation: u16,
    },
    Group,
    Person,
    /// Upper-case letters that may stand for a long name.
    Acronym,
    /// A name whose kind the paragraph alone does not tell.
    Unknown,
    /// A city, region or other place: no entity unless the article uses it as a team's name.
    Place,
}

/// Why a candidate got its label, shown to the user as the reason for the entity.
pub type Reason = &'static str;

#[derive(Debug, Clone)]
pub struct Candidate {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub reason: Reason,
    /// Only capitalised because of where it stands (sentence start, heading), and no list or
    /// cue backs it.
    pub weak: bool,
    /// For countries: written as a common word or a given name too ("Turkey", "Jordan").
    pub ambiguous: bool,
    /// Number of words, for acronym and surname matching.
    pub words: u8,
    /// For an acronym: the words around it treat it as an organisation ("the CGT", "CGT's").
    pub supported: bool,
}

/// Facts about the whole document gathered while scanning, for ambiguous names.
#[derive(Debug, Default)]
pub struct DocSignals {
    /// A US state other than Georgia, or a Georgian US city, is named.
    pub us_state_named: bool,
}

/// Country forms that are also common words or given names in English, which need support from
/// elsewhere in the document when they stand where any word is capitalised.
const AMBIGUOUS_COUNTRY_FORMS: &[&str] = &[
    "Afghan", "Afghans", "Chad", "Chile", "China", "Cuba", "Dominica", "Finn", "Finns", "Georgia",
    "Guinea", "Holland", "India", "Israel", "Jersey", "Jordan", "Kiwi", "Kiwis", "Lebanon", "Mali",
    "Morocco", "Niger", "Panama", "Pole", "Poles", "Polish", "Reunion", "Turkey", "Wales",
];

pub struct Scanner<'a> {
    lex: &'a Lexicon,
    tokens: Vec<Token>,
    phrases: Vec<PhraseMemo>,
    pub candidates: Vec<Candidate>,
    pub signals: DocSignals,
}

impl Default for Scanner<'_> {
    fn default() -> Self {
        Self {
            lex: &LEXICON,
            tokens: Vec::new(),
            phrases: Vec::new(),
            candidates: Vec::new(),
            signals: DocSignals::default(),
        }
    }
}

/// A lexicon lookup not made yet (`None`), or its result: the end token and the kind.
type PhraseMemo = Cell<Option<Option<(usize, PhraseKind)>>>;

/// One paragraph's view for the helpers below.
struct Para<'t> {
    index: usize,
    text: &'t str,
    tokens: &'t [Token],
    mode: Mode,
    score_line: bool,
    /// Names followed by a number in this paragraph ("Bury 4 Bristol City 0" has two).
    pairs: usize,
    /// `phrase_at` per token, filled on first use: the rules ask about the same words often.
    phrases: &'t [PhraseMemo],
}

impl Para<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    fn is_weak(&self, i: usize) -> bool {
        self.mode != Mode::Prose || self.tokens[i].is(SENTENCE_START)
    }
}

impl Scanner<'_> {
    /// Scans paragraph `index`; `heading` when the article marks it as a section heading.
    pub fn scan(&mut self, index: usize, text: &str, heading: bool) {
        let mut tokens = std::mem::take(&mut self.tokens);
        tokenize(text, &mut tokens);
        let mut phrases = std::mem::take(&mut self.phrases);
        phrases.clear();
        phrases.resize(tokens.len(), Cell::new(None));
        let para = Para {
            phrases: &phrases,
            index,
            text,
            mode: match mode_of(text, &tokens, self.lex) {
                Mode::Prose if heading => Mode::Heading,
                mode => mode,
            },
            score_line: is_score_line(text, &tokens),
            pairs: name_number_pairs(&tokens),
            tokens: &tokens,
        };
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            if t.is_word() && t.flags & CAPITAL != 0 {
                let w = t.text(text);
                let c = self.lex.cue(w);
                if c & cue::US_GEORGIA != 0 || (c & cue::US_STATE != 0 && w != "Washington") {
                    self.signals.us_state_named = true;
                }
            }
            if !t.is_name_like() {
                i += 1;
                continue;
            }
            let end = self.run_end(&para, i);
            self.run(&para, i, end);
            i = end.max(i + 1);
        }
        self.tokens = tokens;
        self.phrases = phrases;
    }

    /// The end of the capitalised run from `start`, with joiners and "X of Y" names inside.
    fn run_end(&self, p: &Para<'_>, start: usize) -> usize {
        let toks = p.tokens;
        // a known name may run on through lower-case words ("... Cooperation in Europe")
        let mut j = self
            .phrase_at(p, start)
            .map_or(start + 1, |(e, _)| e.max(start + 1));
        let mut org_head = self.lex.has_cue(p.word(start), cue::ORG_HEAD);
        loop {
            if j < toks.len() && toks[j].is_name_like() {
                org_head |= self.lex.has_cue(p.word(j), cue::ORG_HEAD);
                j += 1;
                continue;
            }
            if j + 1 < toks.len()
                && toks[j].is_word()
                && toks[j + 1].is_name_like()
                // "the Central Bank on Monday": a date never continues a name
                && !self.lex.has_cue(p.word(j + 1), cue::NEVER_NAME)
            {
                let w = p.word(j);
                if self.lex.has_cue(w, cue::JOINER) && w.chars().all(char::is_lowercase) {
                    j += 2;
                    continue;
                }
                if matches!(w, "of" | "for" | "on") && org_head {
                    j += 2;
                    continue;
                }
                // "Gold Fields of South Africa Ltd", "Procter and Gamble Co": a firm's full
                // name, told by the legal or organisation word that ends it
                // ... but "economist Lynn Reaser of Barnett Banks Inc." is a person and a firm
                let titled = (start..j).any(|k| self.is_title(p.word(k)))
                    // "Shares of Apple Inc": an ordinary word opening the sentence
                    || (j == start + 1
                        && p.is_weak(start)
                        && self.lex.is_common_word(p.word(start)))
                    || (start..j).any(|k| self.starts_person(p, k))
                    || (start > 0 && self.is_person_cue_before(p, start));
                if matches!(w, "of" | "and") && !titled && self.org_tail_ahead(p, j + 1) {
                    j += 2;
                    continue;
                }
            }
            if j + 2 < toks.len()
                && org_head
                && matches!(p.word(j), "of" | "for" | "on")
                && p.word(j + 1) == "the"
                && toks[j + 2].is_name_like()
                && !self.lex.has_cue(p.word(j + 2), cue::NEVER_NAME)
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

    /// Whether the capitalised words from `i` end with an organisation word.
    fn org_tail_ahead(&self, p: &Para<'_>, i: usize) -> bool {
        let mut k = i;
        while k < p.tokens.len() && p.tokens[k].is_name_like() {
            k += 1;
        }
        k > i && self.lex.has_cue(p.word(k - 1), cue::ORG_TAIL)
    }

    /// The longest lexicon entry starting at token `i`, as (end token, kind). Upper-case words
    /// also match entries in other cases ("LONDON"), but an exact match wins a tie ("UN").
    fn phrase_at(&self, p: &Para<'_>, i: usize) -> Option<(usize, PhraseKind)> {
        let memo = p.phrases.get(i)?;
        if let Some(known) = memo.get() {
            return known;
        }
        let found = self.find_phrase(p, i);
        memo.set(Some(found));
        found
    }

    fn find_phrase(&self, p: &Para<'_>, i: usize) -> Option<(usize, PhraseKind)> {
        let first = p.word(i);
        let caseless = p.mode == Mode::Shouting || p.tokens[i].is(UPPER);
        let mut best: Option<(usize, bool, PhraseKind)> = None;
        for phrase in self.lex.phrases_starting(first) {
            let n = phrase.tokens.len();
            if i + n > p.tokens.len() {
                continue;
            }
            let mut exact = true;
            let all = phrase.tokens.iter().enumerate().all(|(k, want)| {
                let got = p.word(i + k);
                if got == *want {
                    true
                } else {
                    exact = false;
                    caseless && got.eq_ignore_ascii_case(want)
                }
            });
            if all && best.is_none_or(|(end, was_exact, _)| (i + n, exact) > (end, was_exact)) {
                best = Some((i + n, exact, phrase.kind));
            }
        }
        best.map(|(end, _, kind)| (end, kind))
    }

    fn push(&mut self, p: &Para<'_>, from: usize, to: usize, label: Label, reason: Reason) {
        // capitals say nothing at a sentence start, but an acronym is upper case anywhere
        let weak = if label == Label::Acronym {
            p.mode != Mode::Prose
        } else {
            (from..to).all(|k| p.is_weak(k))
        };
        let ambiguous = matches!(label, Label::Country { .. })
            && to - from == 1
            && AMBIGUOUS_COUNTRY_FORMS.contains(&p.word(from));
        self.candidates.push(Candidate {
            paragraph: p.index,
            start: p.tokens[from].start as usize,
            end: p.tokens[to - 1].end as usize,
            label,
            reason,
            weak,
            ambiguous,
            words: (to - from).min(255) as u8,
            supported: false,
        });
    }

    /// Cuts the run `start..end` into countries, known names, titles and name stretches.
    fn run(&mut self, p: &Para<'_>, start: usize, end: usize) {
        let lex = self.lex;
        // in a results line a whole run before a score is a team, ordinary words and all
        // ("Crystal Palace 1", "Reading 2")
        if p.score_line && p.mode != Mode::Shouting && self.next_is_score(p, end) {
            let whole = self.phrase_at(p, start).filter(|&(e, _)| e == end);
            if !self.ordinary_words_before_score(p, start, end)
                && !matches!(whole, Some((_, PhraseKind::Country { .. })))
                && !self.looks_like_player(p, start, end, whole.is_some())
            {
                self.push(p, start, end, Label::Group, "team in a results line");
                return;
            }
        }
        let mut start = start;
        let org_shaped = self.organisation_shape(p, start, end).is_some();
        // a capital that only marks a sentence start ("Officials", "According", "The"); in a
        // firm's name only a function word ("The Bear Stearns Cos" keeps "Bear")
        while start < end && lex.has_cue(p.word(start), cue::NEVER_NAME) {
            // "August National Association of ...": a date before the name
            start += 1;
        }
        while start < end
            && (p.is_weak(start) || lex.has_cue(p.word(start), cue::FUNCTION_WORD))
            && (!org_shaped || lex.has_cue(p.word(start), cue::FUNCTION_WORD))
            && p.tokens[start].flags & UPPER == 0
            // a country or a known organisation is judged later, with the whole article
            && self
                .phrase_at(p, start)
                .is_none_or(|(e, k)| e == start + 1 && k == PhraseKind::Place)
            && lex.is_common_word(p.word(start))
            && !lex.has_cue(p.word(start), cue::TITLE)
            && !(lex.has_cue(p.word(start), cue::GIVEN_NAME)
                && !lex.has_cue(p.word(start), cue::FUNCTION_WORD)
                && start + 1 < end
                // "Harry Milling": the second word's capital is not the sentence's
                && (self.could_be_surname(p, start + 1)
                    || (p.mode == Mode::Prose
                        && self.phrase_at(p, start + 1).is_none()
                        && !lex.has_cue(p.word(start + 1), cue::NEVER_NAME | cue::TITLE))))
        {
            start += 1;
        }
        if start >= end {
            return;
        }
        if p.mode == Mode::Shouting {
            self.shouting_run(p, start, end);
            return;
        }
        let whole = self.phrase_at(p, start).filter(|&(e, _)| e == end);
        if let Some(reason) = self
            .organisation_shape(p, start, end)
            .filter(|_| whole.is_none_or(|(_, k)| matches!(k, PhraseKind::Organisation { .. })))
        {
            let whole = self.phrase_at(p, start);
            match whole {
                Some((e, PhraseKind::Organisation { organisation, .. })) if e == end => self.push(
                    p,
                    start,
                    end,
                    Label::KnownGroup { organisation },
                    "known organisation",
                ),
                _ => {
                    if let Some((e, PhraseKind::Country { country, demonym })) = whole
                        && e < end
                        && !matches!(p.word(e), "of" | "for")
                        && !self.inside_longer_name(p, e, end)
                    {
                        let label = Label::Country { country, demonym };
                        self.push(p, start, e, label, "country");
                    }
                    self.push(p, start, end, Label::Group, reason);
                }
            }
            return;
        }
        let mut i = start;
        let mut stretch: Option<usize> = None;
        let mut after_title = start > 0 && self.is_person_cue_before(p, start);
        while i < end {
            let w = p.word(i);
            if let Some((e, kind)) = self.phrase_at(p, i) {
                // "Nelson Mandela", "Michael Jordan": a one-word place or a country that is
                // also a name, inside a person's name
                let is_country = matches!(kind, PhraseKind::Country { .. });
                let name_word = match kind {
                    PhraseKind::Place => true,
                    PhraseKind::Country { demonym, .. } => {
                        lex.has_cue(w, cue::GIVEN_NAME | cue::SURNAME)
                            && (!demonym || stretch.is_some_and(|s| self.starts_person(p, s)))
                    }
                    // "Harrison Ford", "Michael Dell": a firm named after a family
                    PhraseKind::Organisation { .. } => {
                        e == i + 1
                            && lex.has_cue(w, cue::SURNAME)
                            && stretch.is_some_and(|s| s + 1 == i && self.starts_person(p, s))
                    }
                };
                let absorb = e == i + 1
                    && name_word
                    && (stretch.is_some_and(|s| after_title || self.starts_person(p, s))
                        || (lex.has_cue(w, cue::GIVEN_NAME)
                            && i + 1 < end
                            && self.could_be_surname(p, i + 1)
                            // "China Daily" is no woman's name: a country name starts a
                            // person's only before a word that is nothing else
                            && !(is_country
                                && lex.is_common_word(p.word(i + 1))
                                && !lex.has_cue(p.word(i + 1), cue::FREQUENT_SURNAME))
                            && !lex.has_cue(p.word(i + 1), cue::PLACE_TAIL)));
                let place_tail = e < p.tokens.len()
                    && p.tokens[e].is_name_like()
                    && lex.has_cue(p.word(e), cue::PLACE_TAIL);
                if !absorb && !place_tail {
                    if let Some(s) = stretch.take() {
                        self.stretch(p, s, i, after_title);
                        after_title = false;
                    }
                    match kind {
                        PhraseKind::Country { country, demonym } => {
                            if !self.inside_longer_name(p, e, end) {
                                let label = Label::Country { country, demonym };
                                self.push(p, i, e, label, "country");
                            }
                        }
                        PhraseKind::Organisation {
                            organisation,
                            after_the,
                        } => {
                            // "Apple", "Shell", "Sun": an ordinary word opening a sentence, or
                            // without the "the" the name takes
                            let word = e == i + 1 && lex.is_common_word(w);
                            let without_article =
                                after_the && !(i > 0 && p.word(i - 1).eq_ignore_ascii_case("the"));
                            if !(without_article || (word && p.is_weak(i))) {
                                self.push(
                                    p,
                                    i,
                                    e,
                                    Label::KnownGroup { organisation },
                                    "known organisation",
                                );
                            }
                        }
                        PhraseKind::Place => {
                            if p.score_line
                                && self.next_is_score(p, e)
                                && !self.looks_like_player(p, i, e, true)
                            {
                                self.push(p, i, e, Label::Group, "team in a results line");
                            } else {
                                // kept so that a team named after it elsewhere claims it
                                if self.match_context(p, i, e, false) {
                                    self.push(p, i, e, Label::Group, "team in a match report");
                                } else {
                                    self.push(p, i, e, Label::Place, "place");
                                }
                            }
                        }
                    }
                    i = e.max(i + 1);
                    continue;
                }
                if place_tail {
                    // "Mexico City", "Jordan River": a place, not the country
                    if let Some(s) = stretch.take() {
                        self.stretch(p, s, i, after_title);
                    }
                    after_title = false;
                    i = e + 1;
                    continue;
                }
            }
            // "Leopold III", "Elizabeth I": a monarch's numeral after a given name
            let regnal = stretch
                .is_some_and(|s| s + 1 == i && (after_title || self.starts_person(p, s)))
                && is_regnal_numeral(w)
                && (w != "I" || !p.tokens.get(i + 1).is_some_and(|t| t.is_word()));
            if regnal {
                i += 1;
                continue;
            }
            if lex.has_cue(w, cue::NEVER_NAME) {
                if let Some(s) = stretch.take() {
                    self.stretch(p, s, i, after_title);
                }
                after_title = false;
                i += 1;
                continue;
            }
            // "John Major", "B.B. King": a title word as the surname after a given name
            let surname_title = stretch.is_some_and(|s| s + 1 == i && self.starts_person(p, s))
                && (i + 1 == end || !p.tokens[i + 1].is_name_like())
                && lex.has_cue(w, cue::SURNAME);
            if !surname_title && (self.is_title(w) || self.title_modifier_run(p, i, end)) {
                if let Some(s) = stretch.take() {
                    self.stretch(p, s, i, after_title);
                }
                after_title = true;
                i += 1;
                continue;
            }
            if stretch.is_none() {
                stretch = Some(i);
            }
            i += 1;
        }
        if let Some(s) = stretch {
            self.stretch(p, s, end, after_title);
        }
    }

    /// The reason the run names an organisation by its form, if it does.
    fn organisation_shape(&self, p: &Para<'_>, start: usize, end: usize) -> Option<Reason> {
        let lex = self.lex;
        let last = p.word(end - 1);
        if end - start >= 2 && lex.has_cue(last, cue::ORG_TAIL) {
            return Some("organisation word at the end of the name");
        }
        if (start..end).any(|k| p.word(k) == "&") {
            return Some("firm's name joined by \"&\"");
        }
        for k in start..end {
            if lex.has_cue(p.word(k), cue::ORG_HEAD)
                && k + 1 < end
                && matches!(p.word(k + 1), "of" | "for" | "on")
            {
                return Some("organisation word with \"of\" or \"for\"");
            }
        }
        if lex.has_cue(p.word(start), cue::TRANSLITERATED_HEAD)
            && (end - start >= 2 || p.word(start).contains('-'))
        {
            return Some("transliterated group name");
        }
        None
    }

    /// Runs in an all-capitals paragraph: only what the lexicon knows for certain.
    fn shouting_run(&mut self, p: &Para<'_>, start: usize, end: usize) {
        let mut i = start;
        while i < end {
            match self.phrase_at(p, i) {
                Some((e, PhraseKind::Country { country, demonym })) => {
                    if !p.word(i).contains('.') && p.word(i).len() <= 3 {
                        // "US" in a headline is as likely the pronoun
                        i = e;
                        continue;
                    }
                    self.push(p, i, e, Label::Country { country, demonym }, "country");
                    i = e;
                }
                Some((e, PhraseKind::Organisation { organisation, .. })) if e - i >= 2 => {
                    self.push(
                        p,
                        i,
                        e,
                        Label::KnownGroup { organisation },
                        "known organisation",
                    );
                    i = e;
                }
                Some((e, _)) => i = e.max(i + 1),
                None => i += 1,
            }
        }
    }
}

/// The numerals monarchs and popes carry: I to XXIII.
fn is_regnal_numeral(w: &str) -> bool {
    matches!(
        w,
        "I" | "II"
            | "III"
            | "IV"
            | "V"
            | "VI"
            | "VII"
            | "VIII"
            | "IX"
            | "X"
            | "XI"
            | "XII"
            | "XIII"
            | "XIV"
            | "XV"
            | "XVI"
            | "XVII"
            | "XVIII"
            | "XIX"
            | "XX"
            | "XXI"
            | "XXII"
            | "XXIII"
    )
}
