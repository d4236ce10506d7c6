//! Texts by content key, shared by the emitters' caches: the formatted Rust items and the
//! OpenAPI fragments of the last run, which the next run (a `watch` rebuild, or a `generate` with
//! the on-disk cache) reuses for content it has seen. Thread-safe.

use crate::key::KeyMap;
use bytes::Bytes;
use std::ops::Range;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// A text's content key.
pub type TextKey = crate::key::Key;

/// A shared, immutable text: a whole string, or a range of a larger buffer. The texts a cache file
/// holds are one buffer (the file, mapped) handed out as ranges of it; copying each into its own
/// allocation (tens of thousands, 30 MB for the Graph docs) was a tenth of a warm run's start.
#[derive(Clone)]
pub struct Text {
    /// Always valid UTF-8: made from a `String`, or a part of a [`Texts`] on its character
    /// boundaries.
    bytes: Bytes,
}

/// A buffer checked to be UTF-8, to hand out parts of as [`Text`]s.
pub struct Texts(Bytes);

impl Texts {
    /// `bytes`, if they are UTF-8.
    pub fn new(bytes: Bytes) -> Option<Texts> {
        crate::source::is_utf8(&bytes).then_some(Texts(bytes))
    }

    /// The buffer's length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the buffer is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The part `range`, or `None` when `range` is not a part of the buffer that starts and ends
    /// on character boundaries.
    pub fn part(&self, range: Range<usize>) -> Option<Text> {
        self.as_str().get(range.clone())?;
        Some(Text { bytes: self.0.slice(range) })
    }

    fn as_str(&self) -> &str {
        // SAFETY: checked to be UTF-8 when made (`Texts::new`), and never changed since.
        unsafe { std::str::from_utf8_unchecked(&self.0) }
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        // SAFETY: a `Text` is made only from a `String` or as a part of a `Texts` on character
        // boundaries (`Texts::part`), both UTF-8, and its bytes never change.
        unsafe { std::str::from_utf8_unchecked(&self.bytes) }
    }
}

impl From<String> for Text {
    /// The whole of `text`, without copying it.
    fn from(text: String) -> Text {
        Text { bytes: Bytes::from(text.into_bytes()) }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::from(text.to_string())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl Eq for Text {}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// Texts by key.
#[derive(Debug, Default)]
pub struct TextStore {
    texts: Mutex<KeyMap<Text>>,
}

impl TextStore {
    /// An empty store.
    pub fn new() -> TextStore {
        TextStore::default()
    }

    /// Number of texts held.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether the store holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text of `key`, if held.
    pub fn get(&self, key: &TextKey) -> Option<Text> {
        self.lock().get(key).cloned()
    }

    /// The texts of `keys`, in order, under one lock.
    pub fn get_many<'k>(&self, keys: impl Iterator<Item = &'k TextKey>) -> Vec<Option<Text>> {
        let map = self.lock();
        keys.map(|k| map.get(k).cloned()).collect()
    }

    /// Adds a text (from a saved cache). The caller vouches that it is what `key` stands for.
    pub fn insert(&self, key: TextKey, text: Text) {
        self.lock().insert(key, text);
    }

    /// All texts, sorted by key (for saving).
    pub fn entries(&self) -> Vec<(TextKey, Text)> {
        let mut all: Vec<_> = self.lock().iter().map(|(k, v)| (*k, v.clone())).collect();
        all.sort_by_key(|e| e.0);
        all
    }

    /// Keeps exactly `used`: texts no longer generated would otherwise pile up over a long
    /// `watch` session.
    pub fn replace(&self, used: KeyMap<Text>) {
        *self.lock() = used;
    }

    fn lock(&self) -> MutexGuard<'_, KeyMap<Text>> {
        // A panic elsewhere cannot leave the map half-updated (each change is one call).
        self.texts.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_a_whole_string_or_a_part_on_character_boundaries() {
        let buf = Texts::new(Bytes::from_static("aé-b".as_bytes())).unwrap();
        assert_eq!(&*buf.part(0..3).unwrap(), "aé");
        assert_eq!(&*buf.part(3..5).unwrap(), "-b");
        assert!(buf.part(0..2).is_none(), "inside `é`");
        assert!(buf.part(3..6).is_none(), "past the end");
        assert!(Texts::new(Bytes::from_static(b"a\xff")).is_none(), "not UTF-8");
        assert_eq!(Text::from("whole".to_string()), Text::from("whole"));
        assert_eq!(format!("{:?}", Text::from("x\n")), "\"x\\n\"");
    }
}
