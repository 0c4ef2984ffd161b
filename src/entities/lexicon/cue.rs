//! Bits of [`super::Lexicon::cue`]: which closed word classes a word belongs to. Shared with
//! the build script, which computes each word's bits once at compile time.

pub const TITLE: u32 = 1;
pub const TITLE_MODIFIER: u32 = 1 << 1;
pub const ROLE_NOUN: u32 = 1 << 2;
pub const GROUP_NOUN: u32 = 1 << 3;
pub const ORG_TAIL: u32 = 1 << 4;
pub const ORG_HEAD: u32 = 1 << 5;
pub const TRANSLITERATED_HEAD: u32 = 1 << 6;
pub const JOINER: u32 = 1 << 7;
pub const PLACE_TAIL: u32 = 1 << 8;
pub const NEVER_NAME: u32 = 1 << 9;
pub const SPEECH_VERB: u32 = 1 << 10;
pub const US_STATE: u32 = 1 << 11;
pub const GIVEN_NAME: u32 = 1 << 12;
pub const SURNAME: u32 = 1 << 13;
pub const US_GEORGIA: u32 = 1 << 14;
pub const FUNCTION_WORD: u32 = 1 << 15;
pub const PLACE_HEAD: u32 = 1 << 16;
/// Among the most frequent surnames ("Smith", "Bush"), so a surname even when also a word.
pub const FREQUENT_SURNAME: u32 = 1 << 17;
pub const PEOPLE_NOUN: u32 = 1 << 18;
pub const TRANSLITERATED_TAIL: u32 = 1 << 19;
pub const LAW: u32 = 1 << 20;
pub const FEATURE_NOUN: u32 = 1 << 21;
/// The state's own bodies ("Parliament", "Army", "Ministry"): a demonym before one names the
/// country, where before a party or a firm it is only part of the name.
pub const STATE_BODY: u32 = 1 << 22;
/// Words that close an event's name ("War", "Revolution"): a country opening one is named.
pub const EVENT_TAIL: u32 = 1 << 23;
/// Past-tense verbs of what people do in political text ("resigned", "was elected"): a bare
/// surname as their subject is a person.
pub const PERSON_VERB: u32 = 1 << 24;
