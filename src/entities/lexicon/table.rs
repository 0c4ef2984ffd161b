//! Perfect-hash tables stored as plain bytes, built by the build script and read in place.
//!
//! `phf`'s own maps hold a `&'static str` per key, and every such pointer is a relocation the
//! loader applies at process start (about 250,000 of them for this lexicon, 5 ms). Here a key is
//! an offset and a length into one text blob, so the tables need no relocation and no
//! initialisation: a lookup hashes the word, finds its one slot (phf's displacement scheme) and
//! compares bytes. The hash is a fast multiply-mix hash shared with `build.rs`, not SipHash,
//! because the extractor looks up several words per token.
//!
//! A slot also holds the key's first eight bytes. The tables are larger than the processor's
//! caches, so every read of a slot or of the text blob is likely a wait for memory: with the
//! prefix in the slot, a word that is not a key, or a key of eight bytes or fewer (most words),
//! is answered without reading the blob at all.

use phf_shared::displace;

/// Bytes per slot: the key's first eight bytes (see [`prefix`]), its offset in the text blob
/// shifted left by eight bits with its length in the low eight, and the value.
pub const SLOT: usize = 16;

/// The longest key a slot can hold (its length's eight bits).
pub const MAX_KEY_LEN: usize = 0xFF;
/// The end of the text blob a slot can point to (its offset's 24 bits): checked by the build
/// script, which includes this file.
#[allow(dead_code)]
pub const MAX_TEXT_LEN: usize = 1 << 24;

/// The first eight bytes of `word` as a little-endian number, zero-padded: with the length, a
/// key of eight bytes or fewer is equal to a word exactly when these are.
#[inline]
pub fn prefix(word: &[u8]) -> u64 {
    le_padded(word)
}

/// The first eight bytes of `bytes` (all of them when fewer) as a little-endian number,
/// zero-padded. Built in a register from at most three loads, overlapping where the length
/// is not a power of two: a loop or a padded copy through memory costs more than the hash,
/// and the branch on the length is mispredicted once a word.
#[inline]
fn le_padded(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    if let Some(head) = bytes.first_chunk::<8>() {
        return u64::from_le_bytes(*head);
    }
    if n >= 4 {
        // two four-byte loads that overlap on the same bytes, so OR keeps them
        let lo = bytes
            .first_chunk::<4>()
            .map_or(0, |b| u32::from_le_bytes(*b));
        let hi = bytes
            .last_chunk::<4>()
            .map_or(0, |b| u32::from_le_bytes(*b));
        return u64::from(lo) | u64::from(hi) << (8 * (n - 4));
    }
    match (bytes.first(), bytes.get(n / 2), bytes.last()) {
        (Some(&a), Some(&b), Some(&c)) => {
            u64::from(a) | u64::from(b) << (8 * (n / 2)) | u64::from(c) << (8 * (n - 1))
        }
        _ => 0,
    }
}

const M1: u64 = 0x9E37_79B9_7F4A_7C15;
const M2: u64 = 0xA076_1D64_78BD_642F;

fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// The three hashes (g, f1, f2) of `word` under `key`, the same in the build script and at
/// run time.
pub fn hash(word: &[u8], key: u64) -> [u32; 3] {
    let mut h = key ^ (word.len() as u64).wrapping_mul(M1);
    let mut chunks = word.chunks_exact(8);
    for chunk in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(M2).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = (h ^ le_padded(rest)).wrapping_mul(M2).rotate_left(29);
    }
    let a = fmix(h);
    let b = fmix(h ^ M1);
    [(a >> 32) as u32, a as u32, b as u32]
}

/// The `i`th little-endian `u32` of `bytes` (0 past the end, which a built table never reaches).
#[inline]
pub fn u32_at(bytes: &[u8], i: usize) -> u32 {
    match bytes.get(i * 4..i * 4 + 4) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => 0,
    }
}

/// A string of the text blob by its offset and length.
#[inline]
pub fn text_at(text: &'static str, offset: u32, len: u32) -> &'static str {
    text.get(offset as usize..(offset + len) as usize)
        .unwrap_or("")
}

/// One table: the hash key, the displacements (pairs of `u32`) and the slots.
pub struct Table {
    pub key: u64,
    pub disps: &'static [u8],
    pub slots: &'static [u8],
}

impl Table {
    /// The value stored for `word`, if it is a key of the table.
    #[inline]
    pub fn get(&self, text: &'static str, word: &str) -> Option<u32> {
        self.get_bytes(text, word.as_bytes())
    }

    /// [`Table::get`] of a word's bytes (a key is found by its bytes alone): a word lower-cased
    /// in a buffer is looked up without checking again that it is UTF-8.
    #[inline]
    pub fn get_bytes(&self, text: &'static str, word: &[u8]) -> Option<u32> {
        let slots = (self.slots.len() / SLOT) as u32;
        let disps = (self.disps.len() / 8) as u32;
        if slots == 0 || disps == 0 {
            return None;
        }
        let [g, f1, f2] = hash(word, self.key);
        let g = (g % disps) as usize;
        let d1 = u32_at(self.disps, 2 * g);
        let d2 = u32_at(self.disps, 2 * g + 1);
        let slot = (displace(f1, f2, d1, d2) % slots) as usize;
        let at = u32_at(self.slots, 4 * slot + 2) as usize;
        let (offset, len) = (at >> 8, at & MAX_KEY_LEN);
        let head = u64::from(u32_at(self.slots, 4 * slot))
            | u64::from(u32_at(self.slots, 4 * slot + 1)) << 32;
        if len != word.len() || head != prefix(word) {
            return None;
        }
        // only a key longer than eight bytes needs the rest of it from the blob
        if len > 8 && text.as_bytes().get(offset + 8..offset + len)? != &word[8..] {
            return None;
        }
        Some(u32_at(self.slots, 4 * slot + 3))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash as first written, padding the tail through a byte array: the tables built by
    /// the build script depend on every bit of it staying the same.
    fn hash_with_padded_tail(word: &[u8], key: u64) -> [u32; 3] {
        let mut h = key ^ (word.len() as u64).wrapping_mul(M1);
        for chunk in word.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            h = (h ^ u64::from_le_bytes(b)).wrapping_mul(M2).rotate_left(29);
        }
        let a = fmix(h);
        let b = fmix(h ^ M1);
        [(a >> 32) as u32, a as u32, b as u32]
    }

    #[test]
    fn short_byte_strings_pack_as_a_padded_copy_does() {
        let text = "Kazakhstan’s";
        for end in 0..=text.len() {
            let bytes = &text.as_bytes()[..end];
            let mut padded = [0u8; 8];
            let n = end.min(8);
            padded[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(le_padded(bytes), u64::from_le_bytes(padded), "{end}");
        }
    }

    #[test]
    fn prefix_pads_short_words_with_zeros() {
        assert_eq!(prefix(b""), 0);
        assert_eq!(prefix(b"ab"), 0x6261);
        assert_eq!(prefix(b"abcdefgh"), u64::from_le_bytes(*b"abcdefgh"));
        assert_eq!(prefix(b"abcdefghij"), prefix(b"abcdefgh"));
    }

    #[test]
    fn hash_of_every_tail_length_is_unchanged() {
        let text = "Kazakhstan’s Ministry of Internal Affairs, 2024";
        for end in 0..=text.len() {
            let word = &text.as_bytes()[..end];
            for key in [0, 7, 0x5bd1_e995_1234_5678] {
                assert_eq!(hash(word, key), hash_with_padded_tail(word, key), "{end}");
            }
        }
    }
}
