//! Formatting the generated Rust one item at a time, in parallel, through a cache of formatted
//! items keyed by a hash of their unformatted text, with links from the key of an item's inputs
//! ([`super::inputs`]) to the text it was formatted from.
//!
//! `syn` + `prettyplease` over a whole corpus-sized module (10 MB) builds token trees of several
//! hundred megabytes and runs on one core; item by item the trees stay small, every core works,
//! and an item whose text did not change since the last run (the cache lives in a `watch`
//! session or on disk) is not parsed again. The result is byte-identical to formatting the
//! whole file: `prettyplease` lays out the items of a module independently of each other.

use crate::key::KeyMap;
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::emit::store::{Text, TextStore};
use crate::error::{Error, Result};

/// Content hash of an item's unformatted text (or of its inputs, for a link).
pub type ItemKey = crate::emit::store::TextKey;

/// Formatted items by the hash of their unformatted text, and the text key each linked item's
/// inputs rendered to. Thread-safe.
#[derive(Debug, Default)]
pub struct FormatCache {
    entries: TextStore,
    links: Mutex<KeyMap<ItemKey>>,
}

/// One item for [`format_items`]: its text, and the key of the inputs it was made from when the
/// next run may reuse it through them.
#[derive(Debug)]
pub struct Item {
    /// Key of the item's inputs, to link to its text; `None`: not linked (always built afresh).
    pub inputs: Option<ItemKey>,
    /// The text.
    pub text: ItemText,
}

/// An item's text as [`format_items`] receives it.
#[derive(Debug)]
pub enum ItemText {
    /// Rendered by a template, not yet formatted.
    Rendered(String),
    /// Found formatted through its inputs' link: the key of its unformatted text, and the text.
    Formatted(ItemKey, Text),
}

impl FormatCache {
    /// An empty cache.
    pub fn new() -> FormatCache {
        FormatCache::default()
    }

    /// Number of formatted items held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the cache holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// All entries, sorted by key (for saving).
    pub fn entries(&self) -> Vec<(ItemKey, Text)> {
        self.entries.entries()
    }

    /// Adds an entry (from a saved cache). The caller vouches that `formatted` is what
    /// [`format_item`] makes of the text hashing to `key`.
    pub fn insert(&self, key: ItemKey, formatted: Text) {
        self.entries.insert(key, formatted);
    }

    /// All links (inputs key, text key), sorted (for saving).
    pub fn links(&self) -> Vec<(ItemKey, ItemKey)> {
        let mut all: Vec<_> = self.lock_links().iter().map(|(k, v)| (*k, *v)).collect();
        all.sort();
        all
    }

    /// Adds a link (from a saved cache). The caller vouches that the inputs hashing to
    /// `inputs` render to the text hashing to `text`.
    pub fn insert_link(&self, inputs: ItemKey, text: ItemKey) {
        self.lock_links().insert(inputs, text);
    }

    /// The formatted item the inputs hashing to `inputs` made last time, if it is still held.
    pub fn linked(&self, inputs: &ItemKey) -> Option<Item> {
        let text = *self.lock_links().get(inputs)?;
        let formatted = self.entries.get(&text)?;
        Some(Item { inputs: Some(*inputs), text: ItemText::Formatted(text, formatted) })
    }

    fn lock_links(&self) -> std::sync::MutexGuard<'_, KeyMap<ItemKey>> {
        // A panic elsewhere cannot leave the map half-updated (each insert is one call).
        self.links.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Keeps only `used` and `links`: entries of items no longer generated would otherwise pile
    /// up over a long `watch` session.
    fn replace(&self, used: KeyMap<Text>, links: KeyMap<ItemKey>) {
        self.entries.replace(used);
        *self.lock_links() = links;
    }
}

/// The hash [`FormatCache`] keys an item's text by.
pub fn item_key(text: &str) -> ItemKey {
    crate::key::of(text.as_bytes())
}

/// Formats every item (each the text of one or more items of a module body) as it appears inside
/// a module: indented one level, each line ending in `\n`. Rendered items whose text is in
/// `cache` are reused; the cache afterwards holds exactly this call's items and links.
pub fn format_items(items: &[Item], cache: &FormatCache) -> Result<Vec<Text>> {
    let keys: Vec<ItemKey> = items
        .par_iter()
        .map(|i| match &i.text {
            ItemText::Rendered(t) => item_key(t),
            ItemText::Formatted(k, _) => *k,
        })
        .collect();
    // Looked up for every item (one lock); a linked item brings its text along.
    let known: Vec<Option<Text>> = cache
        .entries
        .get_many(keys.iter())
        .into_iter()
        .zip(items)
        .map(|(found, i)| match &i.text {
            ItemText::Rendered(_) => found,
            ItemText::Formatted(_, done) => Some(done.clone()),
        })
        .collect();
    let formatted: Vec<Text> = items
        .par_iter()
        .zip(known)
        .map(|(item, known)| match (known, &item.text) {
            (Some(done), _) => Ok(done),
            (None, ItemText::Rendered(text)) => format_item(text).map(Text::from),
            (None, ItemText::Formatted(_, done)) => Ok(done.clone()),
        })
        .collect::<Result<_>>()?;
    let links = items.iter().zip(&keys).filter_map(|(i, k)| Some((i.inputs?, *k))).collect();
    cache.replace(keys.into_iter().zip(formatted.iter().cloned()).collect(), links);
    Ok(formatted)
}

/// Formats `text` (items) as the body of a module: wrapped in `mod m { … }`, printed, and the
/// wrapper's first and last lines taken off again.
pub fn format_item(text: &str) -> Result<String> {
    let wrapped = format!("mod m {{\n{text}\n}}\n");
    let printed = format_file(&wrapped)?;
    let body = printed
        .strip_prefix("mod m {\n")
        .and_then(|rest| rest.strip_suffix("}\n"))
        .ok_or_else(|| Error::Render(format!("unexpected layout of a formatted module:\n{printed}")))?;
    Ok(body.to_owned())
}

/// Parses a whole file with `syn` (a template bug is caught here, not in the user's crate) and
/// prints it with `prettyplease`.
pub fn format_file(text: &str) -> Result<String> {
    let file = syn::parse_file(text).map_err(|e| {
        let line = e.span().start().line;
        let context: String = text.lines().skip(line.saturating_sub(3)).take(5).collect::<Vec<_>>().join("\n");
        Error::Render(format!("generated Rust does not parse: {e} at line {line}:\n{context}"))
    })?;
    Ok(prettyplease::unparse(&file))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEMS: [&str; 3] = [
        "#[doc = \" A thing.\"] pub struct A { pub x: i32, #[serde(rename = \"y\")] pub y: Option<String> }",
        "pub enum B { One, Two(String) } impl B { pub fn f(&self) -> &str { match self { Self::One => \"1\", Self::Two(s) => s } } }",
        "pub mod inner { pub fn g(v: &[u8]) -> usize { v.len() } }",
    ];

    #[test]
    fn items_formatted_apart_equal_the_module_formatted_whole() {
        let whole = format_file(&format!("pub mod models {{\n{}\n}}\n", ITEMS.join("\n"))).unwrap();
        let cache = FormatCache::new();
        let parts = format_items(&rendered(&ITEMS, None), &cache).unwrap();
        let joined: Vec<&str> = parts.iter().map(|p| p.as_ref()).collect();
        assert_eq!(whole, format!("pub mod models {{\n{}}}\n", joined.concat()));
    }

    #[test]
    fn the_cache_is_reused_and_keeps_only_the_last_calls_items() {
        let cache = FormatCache::new();
        let first = format_items(&rendered(&ITEMS, None), &cache).unwrap();
        assert_eq!(cache.len(), 3);
        // A planted entry for item 0 is served instead of formatting: the cache is consulted.
        cache.insert(item_key(ITEMS[0]), Text::from("planted\n"));
        let second = format_items(&rendered(&ITEMS[..2], None), &cache).unwrap();
        assert_eq!(&*second[0], "planted\n");
        assert_eq!(second[1], first[1]);
        assert_eq!(cache.len(), 2, "item 2 was not generated this time and is dropped");
    }

    /// Items of `texts`, linked from inputs keys `[base, base + 1, …]` when `base` is given.
    fn rendered(texts: &[&str], base: Option<u8>) -> Vec<Item> {
        (0u8..)
            .zip(texts)
            .map(|(i, t)| Item { inputs: base.map(|b| [b + i; 16]), text: ItemText::Rendered(t.to_string()) })
            .collect()
    }

    #[test]
    fn linked_items_are_found_by_their_inputs_and_only_the_last_calls_links_are_kept() {
        let cache = FormatCache::new();
        let first = format_items(&rendered(&ITEMS, Some(1)), &cache).unwrap();
        assert_eq!(cache.links().len(), 3);
        let Some(Item { inputs: Some(k), text: ItemText::Formatted(key, text) }) = cache.linked(&[2; 16]) else {
            panic!("inputs 2 are linked to item 1");
        };
        assert_eq!((k, key, &text), ([2; 16], item_key(ITEMS[1]), &first[1]));
        assert!(cache.linked(&[9; 16]).is_none());
        // Reusing a linked item keeps its link and entry; an unlinked item adds none.
        let found = cache.linked(&[2; 16]).unwrap();
        let again = format_items(&[found, rendered(&ITEMS[2..], None).remove(0)], &cache).unwrap();
        assert_eq!(again, vec![first[1].clone(), first[2].clone()]);
        assert_eq!(cache.links(), vec![([2; 16], item_key(ITEMS[1]))]);
        assert_eq!(cache.len(), 2);
        // A link whose text is no longer held finds nothing.
        cache.insert_link([7; 16], [0; 16]);
        assert!(cache.linked(&[7; 16]).is_none());
    }

    #[test]
    fn invalid_rust_is_a_render_error_with_context() {
        let err = format_item("pub struct {").unwrap_err().to_string();
        assert!(err.contains("does not parse"), "{err}");
    }
}
