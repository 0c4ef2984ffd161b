//! Compiles the entity lexicon (`data/`) into perfect-hash maps, so that neither the reader nor
//! `dossier entities` spends start-up time indexing 120,000 words.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

#[path = "src/entities/lexicon/cue.rs"]
mod cue;
#[path = "build/cues.rs"]
mod cues;
#[path = "src/entities/fold.rs"]
mod fold;
#[path = "build/lexicon.rs"]
mod lexicon;
#[allow(dead_code)]
#[path = "src/entities/lexicon/table.rs"]
mod table;
#[allow(dead_code)]
#[path = "src/entities/token.rs"]
mod token;

use lexicon::Kind;

fn main() {
    for path in ["data", "build", "src/entities/token.rs"] {
        println!("cargo::rerun-if-changed={path}");
    }
    for path in [
        "src/entities/lexicon/cue.rs",
        "src/entities/fold.rs",
        "src/entities/lexicon/table.rs",
    ] {
        println!("cargo::rerun-if-changed={path}");
    }
    let read = |name: &str| {
        let path = Path::new("data").join(name);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let data = lexicon::Data {
        given_names: read("given-names.txt"),
        given_names_world: read("given-names-world.txt"),
        surnames: read("surnames.txt"),
        words: read("words.txt"),
        places: read("places.txt"),
        regions: read("regions.txt"),
        countries: read("countries.tsv"),
        country_forms: read("country-forms.txt"),
        organisations: read("organisations.txt"),
        people: read("people.txt"),
    };
    let tables = lexicon::build(&data);
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let code = generate(&tables, &out);
    fs::write(out.join("lexicon_tables.rs"), code).expect("write lexicon_tables.rs");
}

/// The text blob every table points into, each distinct string once.
#[derive(Default)]
struct Blob {
    text: String,
    at: HashMap<String, u32>,
}

impl Blob {
    /// (offset, length) of `s` in the blob.
    fn intern(&mut self, s: &str) -> [u32; 2] {
        let offset = match self.at.get(s) {
            Some(&o) => o,
            None => {
                let o = self.text.len() as u32;
                self.text.push_str(s);
                self.at.insert(s.to_string(), o);
                o
            }
        };
        [offset, s.len() as u32]
    }
}

fn le(words: impl IntoIterator<Item = u32>) -> Vec<u8> {
    words.into_iter().flat_map(u32::to_le_bytes).collect()
}

/// A perfect-hash table of `entries` (key, value): its hash key, displacements and slots.
fn table(blob: &mut Blob, entries: &[(&str, u32)]) -> (u64, Vec<u8>, Vec<u8>) {
    let keys: Vec<&str> = entries.iter().map(|(k, _)| *k).collect();
    let state = phf_generator::generate_hash_with_hash_fn(&keys, |k, key| {
        // `Hashes` has no constructor; its fields are public
        let mut h = phf_shared::hash(&0u8, key);
        [h.g, h.f1, h.f2] = table::hash(k.as_bytes(), *key);
        h
    });
    let disps = le(state.disps.iter().flat_map(|&(d1, d2)| [d1, d2]));
    let mut slots = Vec::with_capacity(state.map.len() * table::SLOT);
    for &i in &state.map {
        let (key, value) = entries[i];
        let [offset, len] = blob.intern(key);
        assert!(len as usize <= table::MAX_KEY_LEN, "key too long: {key}");
        assert!(
            (offset + len) as usize <= table::MAX_TEXT_LEN,
            "text blob too large"
        );
        let head = table::prefix(key.as_bytes());
        slots.extend(le([
            head as u32,
            (head >> 32) as u32,
            offset << 8 | len,
            value,
        ]));
    }
    (state.key, disps, slots)
}

fn phrase_kind(kind: Kind) -> u32 {
    match kind {
        Kind::Place => 0,
        Kind::Country { country, demonym } => {
            1 << 30 | u32::from(demonym) << 29 | u32::from(country)
        }
        Kind::Organisation {
            organisation,
            after_the,
        } => 2 << 30 | u32::from(after_the) << 29 | u32::from(organisation),
    }
}

fn emit(code: &mut String, out: &Path, name: &str, bytes: Vec<u8>) {
    let file = format!("lexicon-{}.bin", name.to_lowercase());
    fs::write(out.join(&file), bytes).expect("write a lexicon table");
    writeln!(
        code,
        "static {name}: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\"));"
    )
    .ok();
}

fn add_table(code: &mut String, out: &Path, blob: &mut Blob, name: &str, entries: &[(&str, u32)]) {
    let (key, disps, slots) = table(blob, entries);
    emit(code, out, &format!("{name}_DISPS"), disps);
    emit(code, out, &format!("{name}_SLOTS"), slots);
    writeln!(
        code,
        "static {name}: Table = Table {{ key: {key}, disps: {name}_DISPS, slots: {name}_SLOTS }};"
    )
    .ok();
}

fn generate(t: &lexicon::Tables, out: &Path) -> String {
    let mut code = String::new();
    let mut blob = Blob::default();
    let mut words: Vec<&str> = t.words.iter().map(String::as_str).collect();
    words.sort_unstable();
    words.dedup();
    let entries: Vec<(&str, u32)> = words.iter().map(|w| (*w, 0)).collect();
    add_table(&mut code, out, &mut blob, "WORDS", &entries);

    let mut cues: Vec<(&str, u32)> = t.cues.iter().map(|(w, &b)| (w.as_str(), b)).collect();
    cues.sort_unstable();
    add_table(&mut code, out, &mut blob, "CUES", &cues);
    // the few name particles, asked of many short words: a match the compiler turns into
    // length and byte comparisons, where a table lookup would wait for memory
    let joiners: Vec<String> = cues
        .iter()
        .filter(|(_, bits)| bits & cue::JOINER != 0)
        .map(|(w, _)| format!("{w:?}"))
        .collect();
    writeln!(
        code,
        "fn is_joiner_word(word: &str) -> bool {{ matches!(word, {}) }}",
        joiners.join(" | ")
    )
    .ok();

    // phrases: a table from the first word to a run of entries; an entry is its first token's
    // index, its token count and its kind; a token is a string of the blob, its length's top
    // bit set when it is ASCII
    let mut firsts: Vec<&String> = t.phrases.keys().collect();
    firsts.sort_unstable();
    let (mut entries, mut tokens, mut by_first) = (Vec::new(), Vec::new(), Vec::new());
    for first in firsts {
        let list = &t.phrases[first];
        assert!(list.len() < 4096, "too many entries start with {first}");
        by_first.push((
            first.as_str(),
            (entries.len() as u32 / 3) << 12 | list.len() as u32,
        ));
        for p in list {
            entries.extend([
                tokens.len() as u32 / 2,
                p.tokens.len() as u32,
                phrase_kind(p.kind),
            ]);
            for token in &p.tokens {
                // the top bit of the length marks a token of plain ASCII
                let [offset, len] = blob.intern(token);
                tokens.extend([offset, len | u32::from(token.is_ascii()) << 31]);
            }
        }
    }
    add_table(&mut code, out, &mut blob, "PHRASES", &by_first);
    emit(&mut code, out, "PHRASE_ENTRIES", le(entries));
    emit(&mut code, out, "PHRASE_TOKENS", le(tokens));

    let countries: Vec<u32> = t.countries.iter().flat_map(|n| blob.intern(n)).collect();
    emit(&mut code, out, "COUNTRIES", le(countries));
    let organisations: Vec<u32> = t
        .organisations
        .iter()
        .flat_map(|(name, category)| {
            let [o, l] = blob.intern(name);
            let [co, cl] = blob.intern(category);
            [o, l, co, cl]
        })
        .collect();
    emit(&mut code, out, "ORGANISATIONS", le(organisations));

    let mut forms: Vec<(&str, u32)> = t
        .person_forms
        .iter()
        .map(|(form, id)| (form.as_str(), id.unwrap_or(u32::MAX)))
        .collect();
    forms.sort_unstable();
    add_table(&mut code, out, &mut blob, "PERSON_FORMS", &forms);
    let people: Vec<u32> = t.people.iter().flat_map(|n| blob.intern(n)).collect();
    emit(&mut code, out, "PEOPLE", le(people));

    fs::write(out.join("lexicon-text.txt"), &blob.text).expect("write the lexicon text");
    code.push_str(
        "static TEXT: &str = include_str!(concat!(env!(\"OUT_DIR\"), \"/lexicon-text.txt\"));\n",
    );
    code
}
