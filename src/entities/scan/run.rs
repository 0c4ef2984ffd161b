//! Cutting a capitalised run into countries, known names, titles and stretches of name words.

use super::{Label, Para, Reason, Scanner};
use crate::entities::lexicon::{PhraseKind, cue};
use crate::entities::shape::Mode;
use crate::entities::token::UPPER;

impl Scanner<'_> {
    /// Cuts the run `start..end` into countries, known names, titles and name stretches.
    pub(super) fn run(&mut self, p: &Para<'_>, start: usize, end: usize) {
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
        while start < end && p.has_cue(start, cue::NEVER_NAME) {
            // "August National Association of ...": a date before the name
            start += 1;
        }
        while start < end
            && (p.is_weak(start) || p.has_cue(start, cue::FUNCTION_WORD))
            && (!org_shaped || p.has_cue(start, cue::FUNCTION_WORD))
            && p.tokens[start].flags & UPPER == 0
            && !self.family_name_first(p, start)
            // a country or a known organisation is judged later, with the whole article
            && self
                .phrase_at(p, start)
                .is_none_or(|(e, k)| e == start + 1 && k == PhraseKind::Place)
            && p.is_common(start)
            && !p.has_cue(start, cue::TITLE)
            && !(p.has_cue(start, cue::GIVEN_NAME)
                && !p.has_cue(start, cue::FUNCTION_WORD)
                && start + 1 < end
                // "Harry Milling": the second word's capital is not the sentence's
                && (self.could_be_surname(p, start + 1)
                    || (p.mode == Mode::Prose
                        && self.phrase_at(p, start + 1).is_none()
                        && !p.has_cue(start + 1, cue::NEVER_NAME | cue::TITLE))))
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
        if whole.is_none() && self.is_law(p, start, end) {
            self.push(p, start, end, Label::Law, "law or treaty");
            return;
        }
        // "Islamic State Sahel Province", "al-Qaeda Central Branch": a known organisation's
        // regional arm is a group of its own
        if let Some((e, PhraseKind::Organisation { .. })) = self.phrase_at(p, start)
            && e + 1 < end
            && matches!(p.word(end - 1), "Province" | "Branch" | "Wing")
        {
            self.push(
                p,
                start,
                end,
                Label::Group,
                "branch of a known organisation",
            );
            return;
        }

        // "the House of Commons of Canada": a known body's name with its country
        if let Some((e, PhraseKind::Organisation { .. })) = self.phrase_at(p, start)
            && p.word(e) == "of"
            && matches!(
                self.phrase_at(p, e + 1),
                Some((ce, PhraseKind::Country { .. })) if ce == end
            )
        {
            self.push(
                p,
                start,
                end,
                Label::Group,
                "known organisation and its country",
            );
            return;
        }
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
                    // "the 1992 United States Senate election": an election's name, where the
                    // country counts and the body is no group
                    let election = self.names_an_election(p, start, end);
                    // a demonym opening an organisation's name names the country only when
                    // the body is the state's ("the French Parliament", not "the Australian
                    // Labor Party")
                    if let Some((e, PhraseKind::Country { country, demonym })) = whole
                        && e < end
                        && !matches!(p.word(e), "of" | "for")
                        && (election || p.has_cue(end - 1, cue::STATE_BODY | cue::EVENT_TAIL))
                    {
                        let label = Label::Country { country, demonym };
                        self.push(p, start, e, label, "country");
                    }
                    if !election {
                        self.push(p, start, end, Label::Group, reason);
                    }
                }
            }
            return;
        }
        // "Islamic State West Africa Province (ISWAP)": a name spelled out before its acronym
        // is one name, whatever its parts are, unless it names a site ("Trans Adriatic
        // Pipeline (TAP)")
        if whole.is_none()
            && end - start >= 2
            && !self.starts_person(p, start)
            && self.spells_acronym_after(p, start, end)
            && !lex.has_cue(&p.word(end - 1).to_lowercase(), cue::FEATURE_NOUN)
        {
            self.push(
                p,
                start,
                end,
                Label::Group,
                "spelled out before its acronym",
            );
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
                        p.has_cue(i, cue::GIVEN_NAME | cue::SURNAME)
                            && (!demonym || stretch.is_some_and(|s| self.starts_person(p, s)))
                    }
                    // "Harrison Ford", "Michael Dell": a firm named after a family
                    PhraseKind::Organisation { .. } => {
                        e == i + 1
                            && p.has_cue(i, cue::SURNAME)
                            && stretch.is_some_and(|s| s + 1 == i && self.starts_person(p, s))
                    }
                };
                let absorb = e == i + 1
                    && name_word
                    // "the official BRICS Brazil site": an acronym starts no person's name
                    && (stretch.is_some_and(|s| {
                        (after_title || self.starts_person(p, s)) && !p.tokens[s].is(UPPER)
                    })
                        || (p.has_cue(i, cue::GIVEN_NAME)
                            && i + 1 < end
                            && self.could_be_surname(p, i + 1)
                            // "China Daily" is no woman's name: a country name starts a
                            // person's only before a word that is nothing else
                            && !(is_country
                                && p.is_common(i + 1)
                                && !p.has_cue(i + 1, cue::FREQUENT_SURNAME))
                            && !p.has_cue(i + 1, cue::PLACE_TAIL))
                        // "firms such as Tokyo Electron": a place that starts a firm's name
                        || (matches!(kind, PhraseKind::Place)
                            && (e < end || stretch.is_some())
                            && self.listed_after_group_noun(p, i))
                        // "Van der Westhuizen", "Gil de Ferran": a name before particles
                        || (stretch.is_none()
                            && self
                                .particles_before_name(p, e)
                                .is_some_and(|k| k < end && self.particle_surname(p, k))));
                let place_tail = e < p.tokens.len()
                    && p.tokens[e].is_name_like()
                    && p.has_cue(e, cue::PLACE_TAIL);
                // "Lake Chad", "Mount Lebanon": a place's first word before a country's name
                if stretch.is_some_and(|s| s + 1 == i && p.has_cue(s, cue::PLACE_HEAD)) && e == end
                {
                    if let Some(s) = stretch.take() {
                        self.push(p, s, e, Label::Place, "place");
                    }
                    after_title = false;
                    i = e;
                    continue;
                }
                if !absorb && !place_tail {
                    if let Some(s) = stretch.take() {
                        self.stretch(p, s, i, after_title);
                        after_title = false;
                    }
                    match kind {
                        // "the Australian Greens", "the Ruritanian Democrats": a demonym
                        // before a known party's one-word name makes one longer name
                        PhraseKind::Country { demonym: true, .. }
                            if e + 1 == end
                                && p.word(e).ends_with('s')
                                && matches!(
                                    self.phrase_at(p, e),
                                    Some((pe, PhraseKind::Organisation { .. })) if pe == end
                                ) =>
                        {
                            self.push(
                                p,
                                i,
                                end,
                                Label::Group,
                                "demonym before a known party's name",
                            );
                            i = end;
                            continue;
                        }
                        PhraseKind::Country { country, demonym } => {
                            // "the Chinese Civil War", "the Vietnam War": an event's name
                            // still names the country
                            if !self.inside_longer_name(p, e, end)
                                || (i == start && p.has_cue(end - 1, cue::EVENT_TAIL))
                            {
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
                            let word = e == i + 1 && p.is_common(i);
                            let without_article =
                                after_the && !(i > 0 && p.word(i - 1).eq_ignore_ascii_case("the"));
                            // "the Atlantic route": a name listed with "The" that modifies
                            // the noun after it is the ocean, not the magazine
                            let next = p.word(e);
                            let modifier = after_the
                                && p.tokens.get(e).is_some_and(|t| t.is_word())
                                && next.chars().all(char::is_lowercase)
                                && p.is_common(e)
                                && !p.has_cue(e, cue::GROUP_NOUN | cue::SPEECH_VERB)
                                && !next.ends_with("ed")
                                && !next.ends_with('s');
                            if !(without_article || modifier || (word && p.is_weak(i))) {
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
            if p.has_cue(i, cue::NEVER_NAME) {
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
                && p.has_cue(i, cue::SURNAME);
            if !surname_title && (self.is_title(p, i) || self.title_modifier_run(p, i, end)) {
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
    pub(super) fn organisation_shape(
        &self,
        p: &Para<'_>,
        start: usize,
        end: usize,
    ) -> Option<Reason> {
        let lex = self.lex;
        if end - start >= 2 && p.has_cue(end - 1, cue::ORG_TAIL) {
            return Some("organisation word at the end of the name");
        }
        if (start..end).any(|k| p.tokens[k].end - p.tokens[k].start == 1 && p.word(k) == "&") {
            return Some("firm's name joined by \"&\"");
        }
        for k in start..end {
            if p.has_cue(k, cue::ORG_HEAD)
                && k + 1 < end
                && matches!(p.word(k + 1), "of" | "for" | "on")
            {
                return Some("organisation word with \"of\" or \"for\"");
            }
        }
        // "Jama'at Nusrat al-Islam": transliterations spell the head with or without the
        // apostrophe
        let first = p.word(start);
        // a byte test first: a word without the apostrophe's byte or the last byte of U+2019
        // has neither, and is not decoded character by character to find out
        let apostrophe =
            first.bytes().any(|b| b == b'\'' || b == 0x99) && first.contains(['\'', '\u{2019}']);
        let head = if apostrophe {
            lex.has_cue(
                &first.replace(['\'', '\u{2019}'], ""),
                cue::TRANSLITERATED_HEAD,
            )
        } else {
            p.has_cue(start, cue::TRANSLITERATED_HEAD)
        };
        if head && (end - start >= 2 || first.contains('-')) && !p.has_cue(end - 1, cue::PLACE_TAIL)
        {
            return Some("transliterated group name");
        }
        if end - start >= 2 && p.has_cue(end - 1, cue::TRANSLITERATED_TAIL) {
            return Some("transliterated group name");
        }
        None
    }

    /// Whether the run is the body or place inside an election's name: a year before it and
    /// "election" after it, past a few lower-case words ("1992 United States Senate special
    /// election", "2009 European Parliament elections").
    fn names_an_election(&self, p: &Para<'_>, start: usize, end: usize) -> bool {
        let year = start > 0 && {
            let w = p.word(start - 1);
            w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
        };
        year && (end..(end + 4).min(p.tokens.len()))
            .take_while(|&k| p.tokens[k].is_word() && !p.tokens[k].is_name_like())
            .any(|k| matches!(p.word(k), "election" | "elections" | "by-election"))
    }

    /// Whether the run names a law, treaty or other document: its last word says so ("Paris
    /// Agreement"), or a "Treaty of" or "Convention on" inside it; never a person's name
    /// ("Stuart Law", "Bill Clinton") nor an organisation's ("North Atlantic Treaty
    /// Organization").
    fn is_law(&self, p: &Para<'_>, start: usize, end: usize) -> bool {
        let last = p.cue(end - 1);
        end - start >= 2
            && last & (cue::ORG_TAIL | cue::TRANSLITERATED_TAIL) == 0
            && (last & cue::LAW != 0
                || (start..end - 1)
                    .any(|k| matches!(p.word(k + 1), "of" | "on") && p.has_cue(k, cue::LAW)))
            && !self.starts_person(p, start)
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
