//! Content keys: the 128-bit digests (XXH3-128) by which the cache and the emitters' stores find
//! what they made earlier from the same input.
//!
//! XXH3 is not a cryptographic hash, and need not be here: a key only decides whether earlier
//! output is reused for an input, and the only inputs are the docs, whose authors can change
//! the outputs directly. Against accidental collisions 128 bits leave odds of about 2^-100
//! for a million keys. What it buys is speed: a warm run hashes every page (13 MB for the Graph
//! docs) and every emitted item, and XXH3 does that about ten times faster than BLAKE3 on inputs
//! of a few kilobytes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use xxhash_rust::xxh3::Xxh3Default;

/// A content key.
pub type Key = [u8; 16];

/// The key of `bytes`.
pub fn of(bytes: &[u8]) -> Key {
    xxhash_rust::xxh3::xxh3_128(bytes).to_le_bytes()
}

/// A key made of several pieces, fed in order.
#[derive(Default, Clone)]
pub struct KeyHasher(Xxh3Default);

impl KeyHasher {
    /// An empty digest.
    pub fn new() -> KeyHasher {
        KeyHasher::default()
    }

    /// Feeds `bytes`.
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The key of everything fed so far.
    pub fn finish(&self) -> Key {
        self.0.digest128().to_le_bytes()
    }
}

impl std::io::Write for KeyHasher {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bytes `Hash` impls write, collected to be keyed at once ([`Collect::key`]): one pass of
/// the digest over a buffer beats its bookkeeping on each of the many small writes `Hash` makes.
#[derive(Default)]
pub struct Collect(pub Vec<u8>);

impl Collect {
    /// The key of everything written.
    pub fn key(&self) -> Key {
        of(&self.0)
    }
}

impl Hasher for Collect {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    /// Not a hash: the bytes are keyed by [`Collect::key`].
    fn finish(&self) -> u64 {
        self.0.len() as u64
    }
}

/// A map by content key. Keys are digests already, so the map uses their first eight bytes as
/// its hash instead of hashing them again (SipHash over every key was a measurable share of a
/// warm run).
pub type KeyMap<V> = HashMap<Key, V, BuildHasherDefault<KeyBits>>;

/// The [`Hasher`] of [`KeyMap`]: takes the key's own bits.
#[derive(Default)]
pub struct KeyBits(u64);

impl Hasher for KeyBits {
    fn write(&mut self, bytes: &[u8]) {
        // A key arrives as its length, then its 16 bytes: each 8-byte word is folded in, and
        // the last word (uniform, being digest bits) makes the result uniform.
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = self.0.rotate_left(5) ^ u64::from_le_bytes(word);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_fed_in_order_give_the_key_of_their_concatenation() {
        let mut h = KeyHasher::new();
        h.update(b"open");
        h.update(b"api");
        assert_eq!(h.finish(), of(b"openapi"));
        assert_ne!(of(b"openapi"), of(b"openapj"));
    }

    #[test]
    fn a_key_map_finds_what_it_holds() {
        let mut map: KeyMap<u32> = KeyMap::default();
        for i in 0..1000u32 {
            map.insert(of(&i.to_le_bytes()), i);
        }
        assert!((0..1000u32).all(|i| map[&of(&i.to_le_bytes())] == i));
        assert!(!map.contains_key(&of(b"absent")));
    }
}
