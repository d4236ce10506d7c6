//! Texts by content key, shared by the emitters' caches: the formatted Rust items and the
//! OpenAPI fragments of the last run, which the next run (a `watch` rebuild, or a `generate` with
//! the on-disk cache) reuses for content it has seen. Thread-safe.

use crate::key::KeyMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// A text's content key.
pub type TextKey = crate::key::Key;

/// Texts by key.
#[derive(Debug, Default)]
pub struct TextStore {
    texts: Mutex<KeyMap<Arc<str>>>,
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
    pub fn get(&self, key: &TextKey) -> Option<Arc<str>> {
        self.lock().get(key).cloned()
    }

    /// The texts of `keys`, in order, under one lock.
    pub fn get_many<'k>(&self, keys: impl Iterator<Item = &'k TextKey>) -> Vec<Option<Arc<str>>> {
        let map = self.lock();
        keys.map(|k| map.get(k).cloned()).collect()
    }

    /// Adds a text (from a saved cache). The caller vouches that it is what `key` stands for.
    pub fn insert(&self, key: TextKey, text: Arc<str>) {
        self.lock().insert(key, text);
    }

    /// All texts, sorted by key (for saving).
    pub fn entries(&self) -> Vec<(TextKey, Arc<str>)> {
        let mut all: Vec<_> = self.lock().iter().map(|(k, v)| (*k, v.clone())).collect();
        all.sort_by_key(|e| e.0);
        all
    }

    /// Keeps exactly `used`: texts no longer generated would otherwise pile up over a long
    /// `watch` session.
    pub fn replace(&self, used: KeyMap<Arc<str>>) {
        *self.lock() = used;
    }

    fn lock(&self) -> MutexGuard<'_, KeyMap<Arc<str>>> {
        // A panic elsewhere cannot leave the map half-updated (each change is one call).
        self.texts.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
