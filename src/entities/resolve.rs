//! The document-level pass: one decision per name, applied to every mention of it.
//!
//! Surnames inherit the person named in full elsewhere, acronyms join the long name whose
//! initials they spell, ambiguous country names stand only where the rest of the article
//! supports them, and words left unknown are dropped rather than guessed.

use rustc_hash::FxHashMap;

use super::lexicon::{LEXICON, cue};
use super::scan::{Candidate, DocSignals, Label};
use super::{Entities, Entity, EntityKind, Mention};

mod acronym;

use acronym::{LowerCaseWords, initials, initials_with_joiners, letters_of};

/// Given names that are also country names: such a country is dropped when a person in the
/// same article carries the name ("Michael Jordan ... Jordan scored").
const COUNTRY_NAMES_OF_PEOPLE: &[&str] = &[
    "Chad", "Finn", "Georgia", "Holland", "India", "Israel", "Jordan",
];

struct Builder {
    kind: EntityKind,
    name: String,
    reason: String,
    mentions: Vec<Mention>,
    byline: bool,
}

pub fn resolve(
    paragraphs: &[&str],
    candidates: &[Candidate],
    signals: &DocSignals,
    author: Option<&str>,
) -> Entities {
    let text = |c: &Candidate| -> &str {
        paragraphs
            .get(c.paragraph)
            .and_then(|p| p.get(c.start..c.end))
            .unwrap_or("")
    };
    let mention = |c: &Candidate| Mention {
        paragraph: c.paragraph,
        start: c.start,
        end: c.end,
    };
    let mut entities: Vec<Builder> = Vec::new();
    let mut by_key = Keys::default();
    let mut surnames: FxHashMap<String, usize> = FxHashMap::default();

    for author in author.map(bylined_people).unwrap_or_default() {
        let e = add(
            &mut entities,
            &mut by_key,
            EntityKind::Person,
            author,
            author,
            "byline",
        );
        entities[e].byline = true;
        if let Some(last) = author.split_whitespace().last() {
            surnames.insert(last.to_string(), e);
        }
    }

    // People named in full first, so that surnames and titles find them.
    let mut people: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.label == Label::Person)
        .collect();
    people.sort_by_key(|c| std::cmp::Reverse(c.words));
    // "the Shah Deniz field ... BP, which operates Shah Deniz": a place once is a place throughout
    let places: Vec<&str> = candidates
        .iter()
        .filter(|c| c.label == Label::Place && c.words >= 2)
        .map(&text)
        .collect();
    for c in &people {
        let t = text(c);
        if c.words >= 2 && places.contains(&t) {
            continue;
        }
        let last = t.split_whitespace().last().unwrap_or(t);
        let e = if c.words >= 2 {
            let e = match by_key.get(EntityKind::Person, t) {
                Some(e) => e,
                None => match surnames.get(last) {
                    // "Serenko" spelled out twice with different first names stays apart
                    Some(&e) if entities[e].name.ends_with(t) => e,
                    _ => add(
                        &mut entities,
                        &mut by_key,
                        EntityKind::Person,
                        t,
                        t,
                        c.reason,
                    ),
                },
            };
            surnames.entry(last.to_string()).or_insert(e);
            // "Wang Donghai ... Wang's arrest": the family name comes first in Chinese and
            // Korean names
            let mut words = t.split_whitespace();
            if let (Some(first), Some(_), None) = (words.next(), words.next(), words.next())
                && (LEXICON.has_cue(first, cue::SURNAME)
                    || c.reason == "family name and given name")
                && !LEXICON.has_cue(first, cue::GIVEN_NAME)
            {
                surnames.entry(first.to_string()).or_insert(e);
            }
            e
        } else {
            match surnames
                .get(t)
                .copied()
                .or_else(|| inner_name(&entities, t))
            {
                Some(e) => e,
                None => {
                    let (name, reason) = match LEXICON.well_known_person(t) {
                        Some(Some(full)) => (full, WELL_KNOWN),
                        _ => (t, c.reason),
                    };
                    let e = add(
                        &mut entities,
                        &mut by_key,
                        EntityKind::Person,
                        name,
                        name,
                        reason,
                    );
                    surnames.insert(t.to_string(), e);
                    e
                }
            }
        };
        entities[e].mentions.push(mention(c));
    }
    // surnames only: "Chad Hutchins" leaves Chad a country, "Michael Jordan" takes "Jordan"
    let person_surnames: Vec<(String, usize)> = surnames
        .iter()
        .filter(|&(w, &e)| entities[e].name.contains(' ') && entities[e].name.ends_with(w.as_str()))
        .map(|(w, &e)| (w.clone(), e))
        .collect();

    // Countries, with ambiguous forms checked against the rest of the article.
    let strong_country = |country: u16| {
        candidates.iter().any(|c| {
            matches!(c.label, Label::Country { country: k, .. } if k == country)
                && !(c.weak && LEXICON.is_common_word(text(c)))
                && !(c.ambiguous && c.words == 1)
        })
    };
    for c in candidates {
        let Label::Country { country, demonym } = c.label else {
            continue;
        };
        let t = text(c);
        if c.ambiguous {
            if COUNTRY_NAMES_OF_PEOPLE.contains(&t)
                && let Some((_, e)) = person_surnames.iter().find(|(w, _)| w == t)
            {
                entities[*e].mentions.push(mention(c));
                continue;
            }
            // "Turkey", "China", "Chad" open sentences as ordinary words too
            if c.weak && LEXICON.is_common_word(t) && !strong_country(country) {
                continue;
            }
            if t == "Georgia" && signals.us_state_named {
                continue;
            }
        }
        let name = LEXICON.country_name(country);
        let reason = if demonym {
            "demonym of the country"
        } else if name == t {
            "country name"
        } else {
            "another name of the country"
        };
        let e = add(
            &mut entities,
            &mut by_key,
            EntityKind::Country,
            name,
            name,
            reason,
        );
        entities[e].mentions.push(mention(c));
    }

    // Long names that an acronym may spell.
    let long_forms: Vec<(String, String, &Candidate)> = candidates
        .iter()
        .filter(|c| {
            c.words >= 2
                && matches!(
                    c.label,
                    Label::Group | Label::KnownGroup { .. } | Label::Unknown | Label::Law
                )
        })
        .map(|c| (initials(text(c)), initials_with_joiners(text(c)), c))
        .collect();
    let spelled_here = |letters: &str| {
        long_forms
            .iter()
            .find(|(i, j, _)| i == letters || j == letters)
            .map(|(_, _, l)| *l)
    };
    // "the Bureau of Industry and Security (BIS)": an acronym spelled out in the article means
    // that, whatever else the list knows by it
    let defined_here = |c: &Candidate| {
        let t = text(c);
        c.words == 1
            && matches!(c.label, Label::KnownGroup { .. })
            && t.chars().all(|ch| !ch.is_lowercase())
            && spelled_here(&letters_of(t))
                .is_some_and(|l| matches!(l.label, Label::Group | Label::Law))
    };

    // "Indian National Congress ... within Congress", "the International Monetary Fund ... the
    // Fund's reviews": the last word alone is the one group named in full that ends with it
    let head_word_of = |word: &str| -> Option<&Candidate> {
        if !LEXICON.has_cue(word, cue::ORG_TAIL) {
            return None;
        }
        let mut found: Option<&Candidate> = None;
        for c in candidates
            .iter()
            .filter(|c| c.words >= 2 && matches!(c.label, Label::Group | Label::KnownGroup { .. }))
        {
            let t = text(c);
            if t.rsplit(' ').next() == Some(word) {
                if found.is_some_and(|f| text(f) != t) {
                    return None;
                }
                found = found.or(Some(c));
            }
        }
        found
    };
    // Organisations: the gazetteer, then names shaped like organisations.
    let mut group_names: FxHashMap<String, usize> = FxHashMap::default();
    let mut head_words: Vec<&Candidate> = Vec::new();
    for c in candidates {
        let t = text(c);
        let e = match c.label {
            Label::KnownGroup { .. } if defined_here(c) => continue,
            Label::KnownGroup { .. } if c.words == 1 && head_word_of(t).is_some() => {
                head_words.push(c);
                continue;
            }
            Label::KnownGroup { organisation } => {
                let org = LEXICON.organisation(organisation);
                let reason = format!("known organisation ({})", org.category);
                add(
                    &mut entities,
                    &mut by_key,
                    EntityKind::Group,
                    org.name,
                    org.name,
                    &reason,
                )
            }
            Label::Group if c.words == 1 && surnames.contains_key(t) => {
                // "This new group, Serenko continues", "Korda beat Sampras": the surname decides
                surnames[t]
            }
            Label::Group => {
                let key = t.strip_prefix("the ").unwrap_or(t);
                add(
                    &mut entities,
                    &mut by_key,
                    EntityKind::Group,
                    key,
                    key,
                    c.reason,
                )
            }
            _ => continue,
        };
        entities[e].mentions.push(mention(c));
        group_names.insert(t.to_string(), e);
    }

    for c in head_words {
        if let Some(&e) = head_word_of(text(c)).and_then(|l| group_names.get(text(l))) {
            entities[e].mentions.push(mention(c));
        }
    }

    // Acronyms join the long name that spells them, or stand as organisations.
    // Per acronym, its uses where a capital means something, and whether any use is supported:
    // counted once, not once per mention.
    let mut acronym_uses: FxHashMap<&str, (usize, bool)> = FxHashMap::default();
    for o in candidates.iter().filter(|o| o.label == Label::Acronym) {
        let uses = acronym_uses.entry(text(o)).or_default();
        uses.0 += usize::from(!o.weak);
        uses.1 |= o.supported;
    }
    let mut lower_case_terms: FxHashMap<String, bool> = FxHashMap::default();
    let mut lower_case_words: Option<LowerCaseWords> = None;
    for c in candidates
        .iter()
        .filter(|c| c.label == Label::Acronym || defined_here(c))
    {
        let t = text(c);
        if let Some(&e) = group_names.get(t) {
            entities[e].mentions.push(mention(c));
            continue;
        }
        let letters = letters_of(t);
        let long = spelled_here(&letters);
        let e = match long {
            // "GDPR": a law's acronym is no organisation
            Some(l) if l.label == Label::Law => continue,
            Some(l) => {
                let lt = text(l);
                let e = match group_names.get(lt) {
                    Some(&e) => e,
                    None => {
                        let reason = format!("spelled out as the acronym {t}");
                        let e = add(
                            &mut entities,
                            &mut by_key,
                            EntityKind::Group,
                            lt,
                            lt,
                            &reason,
                        );
                        entities[e].mentions.push(mention(l));
                        group_names.insert(lt.to_string(), e);
                        e
                    }
                };
                group_names.insert(t.to_string(), e);
                e
            }
            None => {
                // alone, an acronym must be used as a name: twice, or with "the", a possessive,
                // a verb of saying or a group noun beside it ("the CGT", "CGT's", "CGT union")
                let (strong_uses, supported) = acronym_uses.get(t).copied().unwrap_or_default();
                let used_as_name = strong_uses >= 2 || supported;
                if !used_as_name || (c.weak && strong_uses == 0) {
                    continue;
                }
                // "AI" where the article also writes "artificial intelligence": a common noun
                let term = *lower_case_terms.entry(letters.clone()).or_insert_with(|| {
                    lower_case_words
                        .get_or_insert_with(|| LowerCaseWords::new(paragraphs))
                        .spell(&letters)
                });
                if term {
                    continue;
                }
                let e = add(
                    &mut entities,
                    &mut by_key,
                    EntityKind::Group,
                    t,
                    t,
                    "acronym",
                );
                group_names.insert(t.to_string(), e);
                e
            }
        };
        entities[e].mentions.push(mention(c));
    }

    // Words the paragraph could not place: a surname, or a name already decided.
    let inner_names = inner_names(&entities);
    for c in candidates
        .iter()
        .filter(|c| matches!(c.label, Label::Unknown | Label::Place))
    {
        let t = text(c);
        let e = if let Some(&e) = surnames.get(t).filter(|_| c.words == 1) {
            e
        } else if let Some(&Some(e)) = inner_names.get(t).filter(|_| c.words == 1) {
            e
        } else if let Some(e) = by_key.get(EntityKind::Person, t) {
            e
        } else if let Some(&e) = group_names.get(t) {
            e
        } else if let Some(&e) = head_word_of(t)
            .filter(|_| c.words == 1 && !c.weak)
            .and_then(|l| group_names.get(text(l)))
        {
            e
        } else if let Some(known) = LEXICON
            .well_known_person(t)
            .filter(|_| c.words == 1)
            // "a monument to Dzerzhinsky": a town named after a leader is the leader unless a
            // preposition of place stands before it ("in Dzerzhinsky")
            .filter(|_| c.label == Label::Unknown || !after_place_preposition(paragraphs, c))
            .filter(|_| !c.weak || !LEXICON.is_common_word(t))
        {
            // "as long as Pashinyan stays": a listed leader's surname the article never
            // introduces
            let name = known.unwrap_or(t);
            let e = add(
                &mut entities,
                &mut by_key,
                EntityKind::Person,
                name,
                name,
                WELL_KNOWN,
            );
            surnames.insert(t.to_string(), e);
            e
        } else {
            continue;
        };
        entities[e].mentions.push(mention(c));
    }

    coordinate(paragraphs, candidates, &mut entities, &mut by_key);

    let mut out: Vec<Entity> = entities
        .into_iter()
        .filter(|b| b.byline || !b.mentions.is_empty())
        .map(|mut b| {
            b.mentions
                .sort_by_key(|m| (m.paragraph, m.start, std::cmp::Reverse(m.end)));
            b.mentions.dedup();
            Entity {
                kind: b.kind,
                name: b.name,
                reason: b.reason,
                byline: b.byline,
                mentions: b.mentions,
            }
        })
        .collect();
    out.sort_by_key(|e| {
        let first = e.mentions.first().map(|m| (m.paragraph, m.start));
        (e.kind, !e.byline, first)
    });
    Entities { entities: out }
}

/// "in Kirov", "near Frunze": the word before the candidate puts it on a map.
fn after_place_preposition(paragraphs: &[&str], c: &Candidate) -> bool {
    let before = paragraphs
        .get(c.paragraph)
        .and_then(|p| p.get(..c.start))
        .unwrap_or("");
    let word = before.trim_end().rsplit(' ').next().unwrap_or("");
    matches!(
        word,
        "in" | "In" | "near" | "outside" | "from" | "at" | "around" | "across" | "of"
    )
}

/// The reason given for a person found in `data/people.txt`.
const WELL_KNOWN: &str = "well-known person";

/// The people a byline names: "By Paul Goble", "Jane Doe and John Roe", "A, B and C".
fn bylined_people(byline: &str) -> Vec<&str> {
    let byline = byline.trim();
    let byline = ["By ", "by ", "BY "]
        .iter()
        .find_map(|p| byline.strip_prefix(p))
        .unwrap_or(byline);
    byline
        .split(", ")
        .flat_map(|part| part.split(" and "))
        .map(|name| name.trim().trim_start_matches("and ").trim())
        .filter(|name| !name.is_empty())
        .collect()
}

/// Names listed together are of one kind: "Essex, Derbyshire and Surrey", "Clinton and Dole".
/// An unknown name beside a person or a group, joined by a comma, "and" or "or", takes its
/// neighbour's kind; chains are followed both ways.
fn coordinate(
    paragraphs: &[&str],
    candidates: &[Candidate],
    entities: &mut Vec<Builder>,
    by_key: &mut Keys,
) {
    let mut owner: FxHashMap<(usize, usize), EntityKind> = FxHashMap::default();
    for b in entities.iter() {
        if b.kind != EntityKind::Country {
            for m in &b.mentions {
                owner.insert((m.paragraph, m.start), b.kind);
            }
        }
    }
    let joined = |a: &Candidate, b: &Candidate| {
        a.paragraph == b.paragraph
            && a.end <= b.start
            && paragraphs
                .get(a.paragraph)
                .and_then(|p| p.get(a.end..b.start))
                .is_some_and(|gap| matches!(gap, ", " | " and " | ", and " | " or " | ", or "))
    };
    for _ in 0..2 {
        for (i, c) in candidates.iter().enumerate() {
            if c.label != Label::Unknown || c.weak || owner.contains_key(&(c.paragraph, c.start)) {
                continue;
            }
            let before = i
                .checked_sub(1)
                .map(|k| &candidates[k])
                .filter(|b| joined(b, c));
            let after = candidates.get(i + 1).filter(|a| joined(c, a));
            let kind = [before, after]
                .into_iter()
                .flatten()
                .find_map(|n| owner.get(&(n.paragraph, n.start)).copied());
            let Some(kind) = kind else { continue };
            let t = paragraphs
                .get(c.paragraph)
                .and_then(|p| p.get(c.start..c.end))
                .unwrap_or("");
            // only a proper name: no ordinary word, and for a person a single known surname;
            // beside a group, a name of up to three such words ("Samsung and SK Hynix")
            let plausible = match kind {
                EntityKind::Person => {
                    c.words == 1
                        && !LEXICON.is_common_word(t)
                        && (LEXICON.has_cue(t, cue::SURNAME) || super::shape::has_surname_shape(t))
                }
                _ => c.words <= 3 && t.split(' ').all(|w| !LEXICON.is_common_word(w)),
            };
            if !plausible {
                continue;
            }
            let reason = match kind {
                EntityKind::Person => "listed with people",
                _ => "listed with organisations",
            };
            let e = add(entities, by_key, kind, t, t, reason);
            entities[e].mentions.push(Mention {
                paragraph: c.paragraph,
                start: c.start,
                end: c.end,
            });
            owner.insert((c.paragraph, c.start), kind);
        }
    }
}

/// The one person whose full name has `word` inside it, neither first nor last: "Lula" is "Luiz
/// Inácio Lula da Silva". Two such people, or a particle, and nobody is chosen.
fn inner_name(entities: &[Builder], word: &str) -> Option<usize> {
    if !word.starts_with(char::is_uppercase) {
        return None;
    }
    let mut found = None;
    for (e, b) in entities.iter().enumerate() {
        if b.kind != EntityKind::Person {
            continue;
        }
        let mut words = b.name.split_whitespace().skip(1).peekable();
        let mut inside = false;
        while let Some(w) = words.next() {
            inside |= w == word && words.peek().is_some();
        }
        if inside {
            if found.is_some() {
                return None;
            }
            found = Some(e);
        }
    }
    found
}

/// [`inner_name`] for every word at once: words inside two people's names map to `None`.
fn inner_names(entities: &[Builder]) -> FxHashMap<String, Option<usize>> {
    let mut out: FxHashMap<String, Option<usize>> = FxHashMap::default();
    for (e, b) in entities.iter().enumerate() {
        if b.kind != EntityKind::Person {
            continue;
        }
        let mut words = b.name.split_whitespace().skip(1).peekable();
        while let Some(w) = words.next() {
            if words.peek().is_some() && w.starts_with(char::is_uppercase) {
                out.entry(w.to_string())
                    .and_modify(|x| {
                        if *x != Some(e) {
                            *x = None;
                        }
                    })
                    .or_insert(Some(e));
            }
        }
    }
    out
}

fn add(
    entities: &mut Vec<Builder>,
    by_key: &mut Keys,
    kind: EntityKind,
    key: &str,
    name: &str,
    reason: &str,
) -> usize {
    if let Some(e) = by_key.get(kind, key) {
        return e;
    }
    entities.push(Builder {
        kind,
        name: name.to_string(),
        reason: reason.to_string(),
        mentions: Vec::new(),
        byline: false,
    });
    let e = entities.len() - 1;
    by_key.0[kind as usize].insert(key.to_string(), e);
    e
}

/// (kind, key) -> entity, a map per kind so a key is looked up as the text it is: most
/// names are added again and again, and only the first time is the key copied.
#[derive(Default)]
struct Keys([FxHashMap<String, usize>; 3]);

impl Keys {
    fn get(&self, kind: EntityKind, key: &str) -> Option<usize> {
        self.0[kind as usize].get(key).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_inside_one_full_name_points_to_it() {
        let person = |name: &str| Builder {
            kind: EntityKind::Person,
            name: name.to_string(),
            reason: String::new(),
            mentions: Vec::new(),
            byline: false,
        };
        let people = [
            person("Luiz Inácio Lula da Silva"),
            person("Pedro Lula Alves"),
            person("Ana Costa"),
        ];
        assert_eq!(inner_name(&people[..1], "Lula"), Some(0));
        assert_eq!(inner_name(&people, "Lula"), None);
        assert_eq!(inner_name(&people, "Silva"), None);
        let index = inner_names(&people);
        assert_eq!(index.get("Inácio"), Some(&Some(0)));
        assert_eq!(index.get("Lula"), Some(&None));
        assert!(!index.contains_key("da"));
    }
}
