//! Paragraph by paragraph: capitalised runs become candidate mentions with a tentative label.
//!
//! A run is cut into pieces by the lexicon (countries, organisations, places) and by titles;
//! each remaining stretch of name words is judged from its own words and its neighbours. What
//! a single word means is often only clear from the whole document, so such words leave here
//! as [`Label::Unknown`] and `resolve` decides.

use std::cell::Cell;

use super::fold::fold_diacritics;
use super::lexicon::{LEXICON, Lexicon, PhraseKind, cue};
use super::shape::{Mode, is_score_line, mode_of, name_number_pairs};
use super::token::{CAPITAL, SENTENCE_START, Token, UPPER, tokenize};

mod context;
mod extent;
mod run;
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
    /// A law, treaty or other document: no entity, but it claims its acronym ("GDPR").
    Law,
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
    facts: Vec<Cell<Facts>>,
    pub candidates: Vec<Candidate>,
    pub signals: DocSignals,
}

impl Default for Scanner<'_> {
    fn default() -> Self {
        Self {
            lex: &LEXICON,
            tokens: Vec::new(),
            phrases: Vec::new(),
            facts: Vec::new(),
            candidates: Vec::new(),
            signals: DocSignals::default(),
        }
    }
}

/// A lexicon lookup not made yet (`None`), or its result: the end token and the kind.
type PhraseMemo = Cell<Option<Option<(usize, PhraseKind)>>>;

/// A token's cue bits and whether it is a common word, each looked up on first use: a
/// capitalised word is asked about by several rules, and every lookup reads tables far larger
/// than the processor's caches.
#[derive(Debug, Clone, Copy)]
struct Facts {
    /// [`UNKNOWN_CUE`] until looked up.
    cue: u32,
    /// 0 until looked up, then 1 for no and 2 for yes.
    common: u8,
}

/// No word has every cue bit.
const UNKNOWN_CUE: u32 = u32::MAX;

const FACTS_UNKNOWN: Facts = Facts {
    cue: UNKNOWN_CUE,
    common: 0,
};

/// One paragraph's view for the helpers below.
struct Para<'t> {
    lex: &'t Lexicon,
    index: usize,
    text: &'t str,
    tokens: &'t [Token],
    mode: Mode,
    score_line: bool,
    /// Names followed by a number in this paragraph ("Bury 4 Bristol City 0" has two).
    pairs: usize,
    /// `phrase_at` per token, filled on first use: the rules ask about the same words often.
    phrases: &'t [PhraseMemo],
    /// Per token, filled on first use.
    facts: &'t [Cell<Facts>],
}

impl Para<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    /// The cue bits of the word at `i` (of "" past the end).
    fn cue(&self, i: usize) -> u32 {
        let Some(memo) = self.facts.get(i) else {
            return self.lex.cue("");
        };
        let mut facts = memo.get();
        if facts.cue == UNKNOWN_CUE {
            facts.cue = self.lex.cue(self.word(i));
            memo.set(facts);
        }
        facts.cue
    }

    fn has_cue(&self, i: usize, bits: u32) -> bool {
        self.cue(i) & bits != 0
    }

    /// Whether the word at `i` is an ordinary English word (see [`Lexicon::is_common_word`]).
    fn is_common(&self, i: usize) -> bool {
        let Some(memo) = self.facts.get(i) else {
            return self.lex.is_common_word("");
        };
        let mut facts = memo.get();
        if facts.common == 0 {
            facts.common = 1 + u8::from(self.lex.is_common_word(self.word(i)));
            memo.set(facts);
        }
        facts.common == 2
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
        let mut facts = std::mem::take(&mut self.facts);
        facts.clear();
        facts.resize(tokens.len(), Cell::new(FACTS_UNKNOWN));
        let mut para = Para {
            lex: self.lex,
            phrases: &phrases,
            facts: &facts,
            index,
            text,
            mode: Mode::Prose,
            score_line: is_score_line(text, &tokens),
            pairs: name_number_pairs(&tokens),
            tokens: &tokens,
        };
        para.mode = match mode_of(text, &tokens, |k| {
            para.is_common(k) && !para.has_cue(k, cue::GIVEN_NAME | cue::TITLE)
        }) {
            Mode::Prose if heading => Mode::Heading,
            mode => mode,
        };
        let para = para;
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            if t.is_word() && t.flags & CAPITAL != 0 {
                let c = para.cue(i);
                if c & cue::US_GEORGIA != 0
                    || (c & cue::US_STATE != 0 && t.text(text) != "Washington")
                {
                    self.signals.us_state_named = true;
                }
            }
            // "von der Leyen", "de Gaulle" in mid-sentence: a surname with its particles
            let particle_start = i > 0
                && t.is_word()
                && t.end - t.start <= 5
                && !tokens[i - 1].is_name_like()
                && self.is_particle(&para, i)
                && self
                    .particles_before_name(&para, i)
                    .is_some_and(|k| self.particle_surname(&para, k));
            if !t.is_name_like() && !particle_start {
                i += 1;
                continue;
            }
            let end = self.run_end(&para, i);
            self.run(&para, i, end);
            i = end.max(i + 1);
        }
        self.tokens = tokens;
        self.phrases = phrases;
        self.facts = facts;
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
            let n = phrase.len();
            if i + n > p.tokens.len() {
                continue;
            }
            // Most entries share only the first word: the lengths of the rest turn them away
            // before any text is compared (two ASCII words of different lengths are neither
            // equal, nor equal in another case, nor by folding).
            let shapes_fit = (1..n).all(|k| {
                let (want_len, want_ascii) = phrase.token_shape(k);
                let got = p.word(i + k);
                !(want_ascii && got.len() != want_len && got.is_ascii())
            });
            if !shapes_fit {
                continue;
            }
            let mut exact = true;
            let mut folded = false;
            let all = (0..n).all(|k| {
                let got = p.word(i + k);
                // two ASCII words of different lengths: neither equal, nor equal in another
                // case, nor by folding
                let (want_len, want_ascii) = phrase.token_shape(k);
                if want_ascii && got.len() != want_len && got.is_ascii() {
                    exact = false;
                    return false;
                }
                let want = phrase.token(k);
                if got == want {
                    true
                } else if !(got.is_ascii() && want.is_ascii()) && same_folded(got, want) {
                    folded = true;
                    true
                } else {
                    exact = false;
                    caseless && got.eq_ignore_ascii_case(want)
                }
            });
            // One word matched only without its accents is weak: among 30,000 place names
            // some one-word name folds onto almost any word ("Burē" onto "Bure").
            let weak_fold = folded && n == 1 && !matches!(phrase.kind, PhraseKind::Country { .. });
            if all
                && !weak_fold
                && best.is_none_or(|(end, was_exact, _)| (i + n, exact) > (end, was_exact))
            {
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
}

/// Whether two words are the same once accents are folded ("Juarez" and "Juárez").
fn same_folded(got: &str, want: &str) -> bool {
    fold_diacritics(got) == fold_diacritics(want)
}
