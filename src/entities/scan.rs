//! Paragraph by paragraph: capitalised runs become candidate mentions with a tentative label.
//!
//! A run is cut into pieces by the lexicon (countries, organisations, places) and by titles;
//! each remaining stretch of name words is judged from its own words and its neighbours. What
//! a single word means is often only clear from the whole document, so such words leave here
//! as [`Label::Unknown`] and `resolve` decides.

use std::cell::Cell;

use super::lexicon::{LEXICON, Lexicon, PhraseKind, cue};
use super::token::{
    ARTICLE_PREFIX, CAPITAL, INITIAL, SENTENCE_START, Token, TokenKind, UPPER, tokenize,
};

/// What a candidate mention is taken to be before the document-level pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Country {
        country: u16,
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
}

/// How a paragraph is written, which says how much its capitals mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Prose,
    /// Title case: nearly every word capitalised.
    Heading,
    /// Upper case: capitals mean nothing at all.
    Shouting,
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
    pub fn scan(&mut self, index: usize, text: &str) {
        let mut tokens = std::mem::take(&mut self.tokens);
        tokenize(text, &mut tokens);
        let mut phrases = std::mem::take(&mut self.phrases);
        phrases.clear();
        phrases.resize(tokens.len(), Cell::new(None));
        let para = Para {
            phrases: &phrases,
            index,
            text,
            mode: mode_of(text, &tokens, self.lex),
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
            if j + 1 < toks.len() && toks[j].is_word() && toks[j + 1].is_name_like() {
                let w = p.word(j);
                if self.lex.has_cue(w, cue::JOINER) && w.chars().all(char::is_lowercase) {
                    j += 2;
                    continue;
                }
                if (w == "of" || w == "for") && org_head {
                    j += 2;
                    continue;
                }
                // "Gold Fields of South Africa Ltd", "Procter and Gamble Co": a firm's full
                // name, told by the legal or organisation word that ends it
                // ... but "economist Lynn Reaser of Barnett Banks Inc." is a person and a firm
                let titled = (start..j).any(|k| self.is_title(p.word(k)))
                    || self.starts_person(p, start)
                    || (start > 0 && self.is_person_cue_before(p, start));
                if matches!(w, "of" | "and") && !titled && self.org_tail_ahead(p, j + 1) {
                    j += 2;
                    continue;
                }
            }
            if j + 2 < toks.len()
                && org_head
                && matches!(p.word(j), "of" | "for")
                && p.word(j + 1) == "the"
                && toks[j + 2].is_name_like()
            {
                j += 3;
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
        let weak = (from..to).all(|k| p.is_weak(k));
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
        });
    }

    /// Cuts the run `start..end` into countries, known names, titles and name stretches.
    fn run(&mut self, p: &Para<'_>, start: usize, end: usize) {
        let lex = self.lex;
        // in a results line a whole run before a score is a team, ordinary words and all
        // ("Crystal Palace 1", "Reading 2")
        if p.score_line && p.mode != Mode::Shouting && self.next_is_score(p, end) {
            let whole = self.phrase_at(p, start).filter(|&(e, _)| e == end);
            let ordinary_word = end == start + 1
                && p.is_weak(start)
                && lex.is_common_word(p.word(start))
                && p.pairs < 2;
            if !ordinary_word
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
        while start < end
            && (p.is_weak(start) || lex.has_cue(p.word(start), cue::FUNCTION_WORD))
            && (!org_shaped || lex.has_cue(p.word(start), cue::FUNCTION_WORD))
            && p.tokens[start].flags & UPPER == 0
            && self.phrase_at(p, start).is_none_or(|(e, _)| e == start + 1)
            && lex.is_common_word(p.word(start))
            && !lex.has_cue(p.word(start), cue::TITLE)
            && !(lex.has_cue(p.word(start), cue::GIVEN_NAME)
                && !lex.has_cue(p.word(start), cue::FUNCTION_WORD)
                && start + 1 < end
                && self.could_be_surname(p, start + 1))
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
                Some((e, PhraseKind::Organisation { organisation })) if e == end => self.push(
                    p,
                    start,
                    end,
                    Label::KnownGroup { organisation },
                    "known organisation",
                ),
                _ => {
                    if let Some((e, PhraseKind::Country { country, .. })) = whole
                        && e < end
                        && !matches!(p.word(e), "of" | "for")
                        && !self.inside_longer_name(p, e, end)
                    {
                        self.push(p, start, e, Label::Country { country }, "country");
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
                    PhraseKind::Organisation { .. } => false,
                };
                let absorb = e == i + 1
                    && name_word
                    && (stretch.is_some_and(|s| self.starts_person(p, s))
                        || (lex.has_cue(w, cue::GIVEN_NAME)
                            && i + 1 < end
                            && self.could_be_surname(p, i + 1)
                            // "China Daily" is no woman's name: a country name starts a
                            // person's only before a word that is nothing else
                            && !(is_country && lex.is_common_word(p.word(i + 1)))
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
                        PhraseKind::Country { country, .. } => {
                            if !self.inside_longer_name(p, e, end) {
                                self.push(p, i, e, Label::Country { country }, "country");
                            }
                        }
                        PhraseKind::Organisation { organisation } => {
                            self.push(
                                p,
                                i,
                                e,
                                Label::KnownGroup { organisation },
                                "known organisation",
                            );
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

    /// A title modifier ("Foreign", "Deputy", "Prime") that leads to a title within the run.
    fn title_modifier_run(&self, p: &Para<'_>, i: usize, end: usize) -> bool {
        let mut k = i;
        while k < end && self.lex.has_cue(p.word(k), cue::TITLE_MODIFIER) {
            k += 1;
        }
        k > i && k < end && self.lex.has_cue(p.word(k), cue::TITLE)
    }

    /// Whether a country name ending at token `e` is the first word of a longer name that an
    /// ordinary word continues ("American League", "U.S. Open", "Palestinian Authority"), as
    /// opposed to a title or a name ("Russian President", "Russian Foreign Ministry").
    fn inside_longer_name(&self, p: &Para<'_>, e: usize, end: usize) -> bool {
        e < end && {
            let w = p.word(e);
            p.tokens[e].is_name_like()
                && self.lex.is_common_word(w)
                && !self.lex.has_cue(
                    w,
                    cue::TITLE | cue::TITLE_MODIFIER | cue::NEVER_NAME | cue::GIVEN_NAME,
                )
                && !self.is_title(w)
        }
    }

    /// Whether the name at `start..end` is a side in a match: the subject or object of a verb
    /// of winning and losing ("Leicestershire beat Somerset", "lost to Chicago"), or, for a
    /// name no list knows, the opponent "against" whom a match is played.
    fn match_context(&self, p: &Para<'_>, start: usize, end: usize, unknown: bool) -> bool {
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
    fn looks_like_player(&self, p: &Para<'_>, start: usize, end: usize, known: bool) -> bool {
        let lex = self.lex;
        if (start..end).any(|k| {
            p.word(k).bytes().any(|b| b.is_ascii_digit()) || lex.has_cue(p.word(k), cue::NEVER_NAME)
        }) {
            return true;
        }
        if p.tokens[start].is(INITIAL) {
            return true;
        }
        let n = end - start;
        n >= 2
            && !known
            && (lex.has_cue(p.word(start), cue::GIVEN_NAME)
                || (n == 2
                    && (start..end).all(|k| {
                        !lex.is_common_word(p.word(k))
                            && !p.tokens[k].is(UPPER)
                            && self.phrase_at(p, k).is_none()
                    })))
    }

    /// A title, or a hyphenated one ("Major-General", "Lieutenant-Colonel").
    fn is_title(&self, w: &str) -> bool {
        self.lex.has_cue(w, cue::TITLE)
            || (w.contains('-')
                && w.split('-')
                    .all(|part| self.lex.has_cue(part, cue::TITLE | cue::TITLE_MODIFIER)))
    }

    /// Whether the word at `i` can be the surname after a given name at a sentence start
    /// ("Will Smith", not "In Tokyo" or "An Israeli").
    fn could_be_surname(&self, p: &Para<'_>, i: usize) -> bool {
        let w = p.word(i);
        let lex = self.lex;
        if lex.has_cue(w, cue::NEVER_NAME | cue::TITLE) || !p.tokens[i].is_name_like() {
            return false;
        }
        match self.phrase_at(p, i) {
            Some((e, PhraseKind::Place)) => {
                e == i + 1 && (lex.has_cue(w, cue::SURNAME) || !lex.is_common_word(w))
            }
            Some(_) => false,
            None => !lex.is_common_word(w) || lex.has_cue(w, cue::SURNAME),
        }
    }

    fn starts_person(&self, p: &Para<'_>, s: usize) -> bool {
        p.tokens[s].is(INITIAL) || self.lex.has_cue(p.word(s), cue::GIVEN_NAME)
    }

    /// Whether the words before `i` introduce a person ("striker", "Mr.", "President").
    fn is_person_cue_before(&self, p: &Para<'_>, i: usize) -> bool {
        let mut k = i;
        while k > 0 && p.tokens[k - 1].kind == TokenKind::Punct && p.word(k - 1) == "." {
            k -= 1;
        }
        k > 0 && {
            let w = p.word(k - 1);
            p.tokens[k - 1].is_word()
                && (self.lex.has_cue(w, cue::ROLE_NOUN) && w.chars().all(char::is_lowercase)
                    || self.lex.has_cue(w, cue::TITLE))
        }
    }

    /// "the Kuk Bure movement", "the Hamas militia": a name between "the" and a group noun.
    fn group_noun_after(&self, p: &Para<'_>, start: usize, end: usize) -> bool {
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

    fn group_noun_before(&self, p: &Para<'_>, i: usize) -> bool {
        let mut k = i;
        if k > 0 && p.word(k - 1) == "," {
            k -= 1;
        }
        k > 0 && p.tokens[k - 1].is_word() && self.lex.has_cue(p.word(k - 1), cue::GROUP_NOUN)
    }

    /// Whether the name ending before token `e` is followed by a score or sits beside "v".
    fn next_is_score(&self, p: &Para<'_>, e: usize) -> bool {
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
                && matches!(p.word(k + 1), "of" | "for")
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
                Some((e, PhraseKind::Country { country, .. })) => {
                    if !p.word(i).contains('.') && p.word(i).len() <= 3 {
                        // "US" in a headline is as likely the pronoun
                        i = e;
                        continue;
                    }
                    self.push(p, i, e, Label::Country { country }, "country");
                    i = e;
                }
                Some((e, PhraseKind::Organisation { organisation })) if e - i >= 2 => {
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

    /// Judges a stretch of name words that no list claimed.
    fn stretch(&mut self, p: &Para<'_>, start: usize, end: usize, after_title: bool) {
        let lex = self.lex;
        let mut start = start;
        let mut end = end;
        // a joiner left at the end when a country or title cut the run ("Kia Motor Corp of")
        while end > start && !p.tokens[end - 1].is_name_like() {
            end -= 1;
        }
        while start < end
            && (lex.has_cue(p.word(start), cue::NEVER_NAME)
                || (p.is_weak(start)
                    && lex.is_common_word(p.word(start))
                    && !lex.has_cue(p.word(start), cue::GIVEN_NAME)))
        {
            start += 1;
        }
        if start >= end {
            return;
        }
        let n = end - start;
        let first = p.tokens[start];
        let first_word = p.word(start);
        let last_word = p.word(end - 1);
        if p.score_line
            && self.next_is_score(p, end)
            && !self.looks_like_player(p, start, end, false)
        {
            self.push(p, start, end, Label::Group, "team in a results line");
            return;
        }
        if n == 1 {
            let t = first;
            let speaker = end < p.tokens.len()
                && lex.has_cue(p.word(end), cue::SPEECH_VERB)
                && !p.is_weak(start)
                && !lex.is_common_word(first_word)
                && (lex.has_cue(first_word, cue::SURNAME | cue::GIVEN_NAME)
                    || has_surname_shape(first_word));
            let letters = first_word.chars().filter(|c| c.is_alphabetic()).count();
            let dotted = first_word.contains('.');
            if t.is(UPPER)
                && (2..=6).contains(&letters)
                && !first_word.contains('-')
                && !dotted
                && !(letters >= 3 && lex.is_common_word(first_word))
            {
                if !lex.has_cue(first_word, cue::NEVER_NAME) {
                    self.push(p, start, end, Label::Acronym, "acronym");
                }
                return;
            }
            if looks_transliterated_group(first_word) {
                self.push(p, start, end, Label::Group, "transliterated group name");
                return;
            }
            let named = lex.has_cue(first_word, cue::SURNAME | cue::GIVEN_NAME)
                || has_surname_shape(first_word);
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
            if speaker {
                self.push(
                    p,
                    start,
                    end,
                    Label::Person,
                    "surname before a verb of saying",
                );
                return;
            }
            if self.group_noun_before(p, start) || self.group_noun_after(p, start, end) {
                self.push(p, start, end, Label::Group, "named as a group");
                return;
            }
            if self.match_context(p, start, end, true)
                && !lex.has_cue(first_word, cue::GIVEN_NAME)
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
        if self.group_noun_before(p, start) || self.group_noun_after(p, start, end) {
            self.push(p, start, end, Label::Group, "named as a group");
            return;
        }
        if lex.has_cue(last_word, cue::PLACE_TAIL) {
            self.push(p, start, end, Label::Unknown, "place name");
            return;
        }
        // "Democrat Walter Mondale": ordinary words before a given name and a surname
        if let Some(k) = (start + 1..end - 1)
            .find(|&k| lex.has_cue(p.word(k), cue::GIVEN_NAME) && !lex.is_common_word(p.word(k)))
            && (start..k).all(|j| lex.is_common_word(p.word(j)))
        {
            self.stretch(p, k, end, false);
            return;
        }
        let given = lex.has_cue(first_word, cue::GIVEN_NAME);
        let any_common = (start..end).any(|k| {
            !lex.has_cue(p.word(k), cue::GIVEN_NAME | cue::SURNAME) && lex.is_common_word(p.word(k))
        });
        // a capital in mid-sentence after a given name marks a surname, even an ordinary word
        // ("Emmanuel Macron", "George Bush")
        if given
            && (!lex.is_common_word(last_word)
                || lex.has_cue(last_word, cue::SURNAME)
                || !p.is_weak(end - 1))
        {
            self.push(p, start, end, Label::Person, "given name and surname");
            return;
        }
        if lex.has_cue(first_word, cue::PLACE_HEAD) {
            self.push(p, start, end, Label::Unknown, "place name");
            return;
        }
        if !any_common
            && (!lex.is_common_word(last_word) || !lex.is_common_word(first_word))
            && (lex.has_cue(last_word, cue::SURNAME) || has_surname_shape(last_word))
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
        if n <= 3
            && p.mode == Mode::Prose
            && !place_preposition
            && (start..end).all(|k| !lex.is_common_word(p.word(k)) && !p.tokens[k].is(UPPER))
        {
            self.push(p, start, end, Label::Person, "name of uncommon words");
            return;
        }
        self.push(p, start, end, Label::Unknown, "capitalised words");
    }
}

/// Title case or all capitals. A heading capitalises ordinary words ("Stopped Paying") that
/// prose leaves in lower case.
fn mode_of(text: &str, tokens: &[Token], lex: &Lexicon) -> Mode {
    let (mut words, mut capital, mut upper, mut capital_common) = (0, 0, 0, 0);
    // lower-case words that a title would capitalise ("talks", "declined")
    let mut lower_content = 0;
    for t in tokens.iter().filter(|t| t.is_word()) {
        let w = t.text(text);
        if w.chars().filter(|c| c.is_alphabetic()).count() < 4 {
            continue;
        }
        words += 1;
        if t.flags & (CAPITAL | ARTICLE_PREFIX) == 0
            && w.chars().next().is_some_and(char::is_alphabetic)
            && !matches!(
                w,
                "that" | "this" | "with" | "from" | "into" | "over" | "upon" | "than" | "when"
            )
        {
            lower_content += 1;
        }
        if t.is(UPPER) {
            upper += 1;
        } else if t.is(CAPITAL) {
            capital += 1;
            if !t.is(SENTENCE_START)
                && lex.is_common_word(w)
                && !lex.has_cue(w, cue::GIVEN_NAME | cue::TITLE)
            {
                capital_common += 1;
            }
        }
    }
    let short_upper = tokens
        .iter()
        .filter(|t| t.is(UPPER) && t.end - t.start < 4)
        .count();
    let all_words = tokens.iter().filter(|t| t.is_word()).count();
    if (words >= 2 || has_date(text, tokens)) && upper * 5 >= words * 4 {
        Mode::Shouting
    } else if short_upper >= 3 && (upper + short_upper) * 2 >= all_words {
        // a table's column headings: "W D L PCT GB"
        Mode::Shouting
    } else if capital_common >= 2 && lower_content <= 1 && (capital + upper) * 3 >= words * 2 {
        Mode::Heading
    } else {
        Mode::Prose
    }
}

/// A line of sports results or standings: names each followed by a score ("Bury 4 Bristol City
/// 0", "Haitai 64 2 43 .596") or paired with "v".
fn is_score_line(text: &str, tokens: &[Token]) -> bool {
    let mut name_then_number = 0;
    let mut versus = false;
    for (k, t) in tokens.iter().enumerate() {
        if t.kind == TokenKind::Number && k > 0 && tokens[k - 1].is_name_like() {
            name_then_number += 1;
        }
        if t.is_word() && matches!(t.text(text), "v" | "vs") {
            versus = true;
        }
    }
    let words = tokens.iter().filter(|t| t.is_word()).count();
    let numbers = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Number)
        .count();
    let tabular = words <= 12 && numbers * 4 >= words;
    !has_date(text, tokens)
        && ((tabular && ((name_then_number >= 1 && words <= 8) || name_then_number >= 2))
            || (versus && words <= 12))
}

fn name_number_pairs(tokens: &[Token]) -> usize {
    tokens
        .windows(2)
        .filter(|w| w[0].is_name_like() && w[1].kind == TokenKind::Number)
        .count()
}

/// A dateline's date ("LONDON 1996-08-30").
fn has_date(text: &str, tokens: &[Token]) -> bool {
    tokens.iter().any(|t| {
        let b = t.text(text).as_bytes();
        t.kind == TokenKind::Number && b.len() == 10 && b[4] == b'-' && b[7] == b'-'
    })
}

fn looks_transliterated_group(word: &str) -> bool {
    let Some((head, _)) = word.split_once('-') else {
        return false;
    };
    LEXICON.has_cue(head, cue::TRANSLITERATED_HEAD)
        && ["-i-", "-e-", "-ul-", "-ut-", "-al-", "-ud-"]
            .iter()
            .any(|joint| word.contains(joint))
        || [
            "Lashkar-", "Jaish-", "Hizb-", "Harakat-", "Tehrik-", "Sipah-",
        ]
        .iter()
        .any(|head| word.starts_with(head))
}

/// Surname endings common in the news: Slavic, Caucasian, Baltic, Greek, Nordic, Armenian,
/// Georgian, Turkish and Persian.
fn has_surname_shape(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ov", "ova", "ev", "eva", "enko", "sky", "skiy", "ski", "ska", "vich", "wicz", "escu",
        "yan", "dze", "shvili", "oglu", "zadeh", "poulos", "akis", "ides", "sson", "ovic", "evic",
        "ovich", "yev", "yeva", "ovski", "chuk", "czyk", "stein",
    ];
    word.len() > 4 && ENDINGS.iter().any(|e| word.ends_with(e))
}
