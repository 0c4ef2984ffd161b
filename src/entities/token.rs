//! One pass over a paragraph that yields words, numbers and punctuation with byte offsets.
//!
//! Tokens borrow nothing and allocate nothing: a token is a byte range plus a few flags, so
//! the extractor can look at every word of a long article without touching the heap.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    /// A possessive ending split off a word ("'s", "’s", or a bare "'" after a plural).
    Possessive,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
    pub flags: u8,
}

/// The first letter is upper case ("Serenko", "U.S.", "ISIS").
pub const CAPITAL: u8 = 1;
/// Two or more letters and none in lower case ("ISIS", "U.N.").
pub const UPPER: u8 = 2;
/// The first word of a sentence, where a capital says nothing.
pub const SENTENCE_START: u8 = 4;
/// A lower-case Arabic or Persian article joined to a capitalised name ("an-Nursa", "al-Qaeda").
pub const ARTICLE_PREFIX: u8 = 8;
/// A single capital and a full stop ("K." in "K. Tanaka").
pub const INITIAL: u8 = 16;

impl Token {
    pub fn text<'a>(&self, paragraph: &'a str) -> &'a str {
        paragraph
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }

    pub fn is(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Could begin or continue a name: capitalised, or an article-prefixed transliteration.
    pub fn is_name_like(&self) -> bool {
        self.kind == TokenKind::Word && self.flags & (CAPITAL | ARTICLE_PREFIX) != 0
    }
}

/// Words that end with a full stop that does not end the sentence ("Dr. Smith", "Gen. Lebed").
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "Adm", "Brig", "Capt", "Cmdr", "Co", "Col", "Corp", "Cpl", "Dr", "Fr", "Ft", "Gen", "Gov",
    "Inc", "Jr", "Lt", "Ltd", "Maj", "Messrs", "Mr", "Mrs", "Ms", "Mt", "No", "Prof", "Rep", "Rev",
    "Sen", "Sgt", "Sr", "St", "Supt", "vs", "approx", "etc", "Jan", "Feb", "Mar", "Apr", "Aug",
    "Sept", "Sep", "Oct", "Nov", "Dec",
];

/// The longest of [`ABBREVIATIONS`] in bytes, so a longer word needs no comparison.
const ABBREVIATION_MAX_LEN: u32 = 6;

/// Lower-case articles that Arabic and Persian names carry before a hyphen.
const ARTICLES: &[&str] = &[
    "al", "an", "ad", "ar", "as", "at", "ash", "az", "adh", "el", "ul", "ut", "ud", "ur", "bin",
    "ibn", "abu", "bani", "e", "i", "wal",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Splits `text` into tokens and appends them to `out` (cleared first).
pub fn tokenize(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut expect_start = true;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII, most of any article, is judged from the byte alone
        let b = bytes[i];
        if b == b' ' {
            i += 1;
            continue;
        }
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            char_at(text, i)
        };
        let len = c.len_utf8();
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if c.is_alphanumeric() {
            let (end, kind, hyphen) = scan_word(text, i);
            let mut token = Token {
                start: i as u32,
                end: end as u32,
                kind,
                flags: 0,
            };
            // a word that starts with an ASCII lower-case letter and has no hyphen has no
            // flag but the sentence start: most words, spared the look at their letters
            if kind == TokenKind::Word {
                if !b.is_ascii_lowercase() || hyphen {
                    token.flags = word_flags(&text[i..end], hyphen);
                }
                if expect_start {
                    token.flags |= SENTENCE_START;
                }
            }
            expect_start = false;
            out.push(token);
            i = end;
            continue;
        }
        if is_apostrophe(c) && !out.is_empty() && i > 0 && !char_before(text, i).is_whitespace() {
            // "Korolkov's" or "Leaders'": the ending belongs to no name
            let rest = &text[i + len..];
            let s_len = if rest.starts_with('s') || rest.starts_with('S') {
                let after = rest[1..].chars().next();
                if after.is_none_or(|a| !a.is_alphanumeric()) {
                    1
                } else {
                    0
                }
            } else {
                0
            };
            out.push(Token {
                start: i as u32,
                end: (i + len + s_len) as u32,
                kind: TokenKind::Possessive,
                flags: 0,
            });
            i += len + s_len;
            continue;
        }
        if matches!(c, '.' | '!' | '?' | ':' | ';') {
            let after_abbreviation = c == '.'
                && out.last().is_some_and(|t| {
                    t.end as usize == i
                        && t.kind == TokenKind::Word
                        && t.end - t.start <= ABBREVIATION_MAX_LEN
                        && ABBREVIATIONS.contains(&&text[t.start as usize..t.end as usize])
                });
            if !after_abbreviation && c != ';' {
                expect_start = true;
            }
        }
        out.push(Token {
            start: i as u32,
            end: (i + len) as u32,
            kind: TokenKind::Punct,
            flags: 0,
        });
        i += len;
    }
}

/// Eight bytes of text at once: a word's end is found with a few operations on one number
/// instead of a branch per byte, which the processor mispredicts once a word.
pub(crate) mod bytes8 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    /// The top bit of every byte.
    pub const HIGH: u64 = 0x8080_8080_8080_8080;

    /// The next eight bytes from `i` as one little-endian number, if there are eight.
    pub fn at(bytes: &[u8], i: usize) -> Option<u64> {
        bytes
            .get(i..)
            .and_then(<[u8]>::first_chunk::<8>)
            .map(|chunk| u64::from_le_bytes(*chunk))
    }

    /// The eight bytes from `i`, with `pad` standing in for those past the end: the last
    /// few bytes of a text take the same path as the rest.
    pub fn at_padded(bytes: &[u8], i: usize, pad: u8) -> u64 {
        at(bytes, i).unwrap_or_else(|| {
            let rest = bytes.get(i..).unwrap_or_default();
            let mut chunk = [pad; 8];
            chunk[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(chunk)
        })
    }

    /// The top bit of each byte of `x` that is not ASCII.
    pub const fn non_ascii(x: u64) -> u64 {
        x & HIGH
    }

    /// The top bit of each ASCII space byte: the space and tab to carriage return, the
    /// whitespace `char::is_whitespace` finds in ASCII.
    pub const fn ascii_space(x: u64) -> u64 {
        in_range(x, b' ', b' ') | in_range(x, b'\t', b'\r')
    }

    /// Which byte of the eight the lowest top bit set in `mask` belongs to (8 for none).
    pub const fn first_set(mask: u64) -> usize {
        (mask.trailing_zeros() / 8) as usize
    }

    /// The top bit of each byte of `x` that is ASCII and between `lo` and `hi` (ASCII too).
    pub const fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
        // each byte below 0x80 after the mask, so no sum carries into the next byte
        let low = x & !HIGH;
        let at_least_lo = low + (0x80 - lo as u64) * ONES;
        let above_hi = low + (0x7F - hi as u64) * ONES;
        at_least_lo & !above_hi & !x & HIGH
    }

    /// ASCII letters and digits.
    pub const fn alphanumeric(x: u64) -> u64 {
        // a letter of either case is a lower-case letter with the 0x20 bit set
        in_range(x | (0x20 * ONES), b'a', b'z') | in_range(x, b'0', b'9')
    }

    /// How many bytes from the first (lowest) one have their top bit set in `mask`.
    pub const fn leading(mask: u64) -> usize {
        ((!mask & HIGH).trailing_zeros() / 8) as usize
    }

    /// The mask of the first `n` bytes (`n` at most 8).
    pub const fn first(n: usize) -> u64 {
        if n >= 8 {
            u64::MAX
        } else {
            (1u64 << (n * 8)) - 1
        }
    }
}

/// How many ASCII letters and digits `bytes` starts with.
fn ascii_alphanumeric_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(x) = bytes8::at(bytes, n) {
        let run = bytes8::leading(bytes8::alphanumeric(x));
        n += run;
        if run < 8 {
            return n;
        }
    }
    n + bytes[n..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

fn char_before(text: &str, i: usize) -> char {
    text[..i].chars().next_back().unwrap_or(' ')
}

/// The end of the word or number starting at `start`, its kind, and whether a word took in an
/// ASCII hyphen (known here, so the word need not be searched again for one).
fn scan_word(text: &str, start: usize) -> (usize, TokenKind, bool) {
    let bytes = text.as_bytes();
    if bytes[start].is_ascii_digit() {
        let mut i = start;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric()
                || (matches!(b, b',' | b'.' | b':' | b'/' | b'-')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
            {
                i += 1;
            } else {
                break;
            }
        }
        return (i, TokenKind::Number, false);
    }
    let mut i = start;
    // letters since the last full stop, to recognise "U.S." and "P."
    let mut segment_letters = 0usize;
    let mut dotted = true;
    let mut hyphen = false;
    loop {
        // ASCII letters and digits, most of any word
        let ascii_from = i;
        i += ascii_alphanumeric_run(&bytes[i..]);
        if i > ascii_from {
            segment_letters += i - ascii_from;
            if segment_letters > 1 {
                dotted = false;
            }
        }
        // An ASCII byte here is no letter or digit; only these four can carry a word on, so
        // any other (a space, a comma) ends it without reading the character after it.
        match bytes.get(i) {
            None => break,
            Some(&b) if b.is_ascii() && !matches!(b, b'-' | b'&' | b'\'' | b'.') => break,
            _ => {}
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c.is_alphanumeric() {
            i += c.len_utf8();
            segment_letters += 1;
            if segment_letters > 1 {
                dotted = false;
            }
            continue;
        }
        let next = text[i + c.len_utf8()..].chars().next();
        match c {
            '-' | '\u{2010}' | '\u{2011}' if next.is_some_and(char::is_alphanumeric) => {
                hyphen |= c == '-';
                dotted = false;
                i += c.len_utf8();
                segment_letters = 0;
            }
            '&' if next.is_some_and(|n| n.is_ascii_uppercase())
                && text[start..i].bytes().all(|b| b.is_ascii_uppercase()) =>
            {
                dotted = false;
                i += 1;
            }
            c if is_apostrophe(c) && next.is_some_and(char::is_alphabetic) => {
                let rest = &text[i + c.len_utf8()..];
                let possessive = (rest.starts_with('s') || rest.starts_with('S'))
                    && rest[1..]
                        .chars()
                        .next()
                        .is_none_or(|a| !a.is_alphanumeric());
                if possessive {
                    break;
                }
                dotted = false;
                i += c.len_utf8();
                segment_letters = 0;
            }
            '.' if dotted
                && segment_letters == 1
                && text[start..].chars().next().is_some_and(char::is_uppercase) =>
            {
                // "U.S." takes its dots; a lone capital with a dot is an initial
                i += 1;
                segment_letters = 0;
                if !next.is_some_and(char::is_alphabetic) {
                    break;
                }
            }
            _ => break,
        }
    }
    (i, TokenKind::Word, hyphen)
}

/// The flags of `word`; `hyphen` when it holds an ASCII hyphen.
fn word_flags(word: &str, hyphen: bool) -> u8 {
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    let mut flags = 0;
    // "New York-based", "Communist-led": an adjective, not a name ("Young-hoon" is a name).
    // Asked only of capitalised words, and only those with a hyphen are searched for its last.
    let adjective = || {
        hyphen
            && word.rsplit_once('-').is_some_and(|(_, tail)| {
                tail.len() > 2 && tail.chars().all(char::is_lowercase) && is_adjective_tail(tail)
            })
    };
    if first.is_uppercase() && !adjective() {
        flags |= CAPITAL;
        let (letters, lower) = if word.is_ascii() {
            // most capitalised words, judged byte by byte without decoding
            letters_before_lower(
                word.bytes(),
                u8::is_ascii_alphabetic,
                u8::is_ascii_lowercase,
            )
        } else {
            letters_before_lower(word.chars(), |c| c.is_alphabetic(), |c| c.is_lowercase())
        };
        if !lower && letters >= 2 {
            flags |= UPPER;
        }
        if letters == 1 && word.ends_with('.') && word.len() == 2 {
            flags |= INITIAL;
        }
    } else if hyphen
        && let Some((head, tail)) = word.split_once('-')
        && ARTICLES.contains(&head)
        && tail.chars().next().is_some_and(char::is_uppercase)
    {
        flags |= ARTICLE_PREFIX;
    }
    flags
}

/// The letters of a word up to and including its first lower-case one, and whether it has one.
fn letters_before_lower<T>(
    word: impl Iterator<Item = T>,
    is_letter: impl Fn(&T) -> bool,
    is_lower: impl Fn(&T) -> bool,
) -> (usize, bool) {
    let mut letters = 0;
    for c in word {
        if is_letter(&c) {
            letters += 1;
            if is_lower(&c) {
                return (letters, true);
            }
        }
    }
    (letters, false)
}

/// The second halves of hyphenated adjectives built on names ("U.S.-based", "Soviet-era").
fn is_adjective_tail(tail: &str) -> bool {
    const TAILS: &[&str] = &[
        "affiliated",
        "aligned",
        "allied",
        "american",
        "area",
        "backed",
        "based",
        "born",
        "bound",
        "brokered",
        "built",
        "controlled",
        "dominated",
        "educated",
        "era",
        "financed",
        "flagged",
        "funded",
        "held",
        "inspired",
        "led",
        "linked",
        "listed",
        "made",
        "managed",
        "occupied",
        "oriented",
        "owned",
        "registered",
        "ruled",
        "run",
        "shaped",
        "speaking",
        "sponsored",
        "style",
        "trained",
        "type",
        "wide",
    ];
    TAILS.contains(&tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        tokens.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn abbreviations_initials_and_possessives_stay_whole() {
        assert_eq!(
            texts("U.S. envoy K. Tanaka met Korolkov's aide in the U.N."),
            [
                "U.S.", "envoy", "K.", "Tanaka", "met", "Korolkov", "'s", "aide", "in", "the",
                "U.N."
            ]
        );
    }

    #[test]
    fn hyphenated_transliterations_are_one_token() {
        let text = "the an-Nursa Front and Lashkar-i-Horasan, Hizb ut-Tahrir";
        assert_eq!(
            texts(text),
            [
                "the",
                "an-Nursa",
                "Front",
                "and",
                "Lashkar-i-Horasan",
                ",",
                "Hizb",
                "ut-Tahrir"
            ]
        );
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        assert!(tokens[1].is(ARTICLE_PREFIX));
        assert!(tokens[7].is(ARTICLE_PREFIX));
    }

    #[test]
    fn sentence_starts_follow_full_stops_but_not_titles() {
        let text = "Officials met Dr. Smith. Then “Kazakhs left.";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let starts: Vec<&str> = tokens
            .iter()
            .filter(|t| t.is(SENTENCE_START))
            .map(|t| t.text(text))
            .collect();
        assert_eq!(starts, ["Officials", "Then"]);
    }

    #[test]
    fn no_abbreviation_is_longer_than_the_bound() {
        let longest = ABBREVIATIONS.iter().map(|a| a.len()).max();
        assert_eq!(longest, Some(ABBREVIATION_MAX_LEN as usize));
    }

    #[test]
    fn eight_bytes_at_once_classify_as_byte_by_byte() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut chunk = *b"abcdefgh";
                chunk[pos] = b;
                let run = ascii_alphanumeric_run(&chunk);
                let expected = chunk
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                assert_eq!(run, expected, "byte {b:#x} at {pos}");
            }
        }
        assert_eq!(ascii_alphanumeric_run(b"Kazakhstan, 2024"), 10);
        assert_eq!(ascii_alphanumeric_run(b"Juarez1999ab"), 12);
        assert_eq!(ascii_alphanumeric_run("Ju\u{e1}rez".as_bytes()), 2);
        assert_eq!(bytes8::first(3), 0xFF_FFFF);
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(texts("1,000 and 3.5%"), ["1,000", "and", "3.5", "%"]);
    }

    #[test]
    fn offsets_are_byte_offsets_into_unicode_text() {
        let text = "Côte d’Ivoire’s Ouattara";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        for t in &tokens {
            assert!(text.is_char_boundary(t.start as usize));
        }
        assert_eq!(texts(text), ["Côte", "d’Ivoire", "’s", "Ouattara"]);
    }
}
