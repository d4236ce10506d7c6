//! The incremental cache: every page's facts and findings, keyed by a hash of the mdapi build,
//! the limits, the page's path and its text, and the formatted Rust items of the last run, under
//! a cache directory (`.mdapi-cache/` by default), in 256 shard files by the keys' first byte so
//! that a run after a one-page edit rewrites a few small files, not the whole cache.
//!
//! A page whose key is found skips parsing and extraction. The file is checked before anything
//! in it is used: its magic, its format and build fingerprint, and a checksum (XXH3-128) of its
//! whole contents; a corrupt, truncated or foreign file is ignored (and replaced at the end of the run),
//! never trusted, and an entry that does not read back as facts is parsed afresh. Keys are
//! content hashes, so a stale entry can never be found for changed text.
//!
//! Shard layout (integers little-endian; keys are [`crate::key::Key`]s, 16 bytes): `MAGIC`,
//! fingerprint (16 bytes), length of the texts (u64), page count (u64), per page key + length
//! (u64) + record, Rust item count (u64), per item key + text length (u64), Rust link count
//! (u64), per link inputs key + text key, OpenAPI fragment count (u64), per fragment key + text
//! length (u64), then the texts (UTF-8, the Rust items' then the fragments', in order), then the
//! XXH3-128 checksum (16) of everything before it. The texts come last and together so that a
//! reader takes them as one buffer (on Unix the mapped file) and hands out ranges of it.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::emit::rust::FormatCache;
use crate::emit::store::{Text, Texts};
use crate::error::{Error, Result};
use crate::extract::DocFacts;
use crate::generate::EmitCache;
use crate::key::{Key, KeyHasher, KeyMap};
use crate::source::Limits;

/// The cache directory used when none is given, relative to the working directory.
pub const DEFAULT_DIR: &str = ".mdapi-cache";

/// The folder of the docs tree at `root` inside the cache directory: one per tree, so runs over
/// different trees sharing a cache directory do not evict each other.
pub fn tree_dir_name(root: &Path) -> String {
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let hash = blake3::hash(canonical.to_string_lossy().as_bytes());
    format!("tree-{}", &hash.to_hex()[..16])
}

/// Number of shard files (one per value of a key's first byte).
const SHARDS: usize = 256;

fn shard_name(shard: usize) -> String {
    format!("{shard:02x}.bin")
}

/// First bytes of the file; the last byte is the layout's version.
const MAGIC: &[u8; 8] = b"MDAPIC\0\x06";

/// Bumped whenever what a page record holds changes meaning, so older files are ignored.
const RECORD_FORMAT: u32 = 4;

/// A page's content key.
pub type PageKey = Key;

/// How a run used the cache for one page: its key was found, or here are its key and new record.
pub type PageUse = std::result::Result<PageKey, (PageKey, Bytes)>;

/// A page record on its way to a shard file.
type StoredPage<'a> = (&'a PageKey, &'a Bytes);

/// A formatted Rust item (key of its unformatted text, text), or an OpenAPI fragment (key, text).
type StoredText = (Key, Text);

/// A link from a Rust item's inputs key to its text key.
type RustLink = (Key, Key);

/// How pages are keyed under one mdapi build and one set of limits: the key of a page covers
/// its path, its text and this fingerprint of the build and limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageKeys(Key);

impl PageKeys {
    /// The keys of this build under `limits`.
    pub fn new(limits: &Limits) -> PageKeys {
        PageKeys(fingerprint(limits))
    }

    /// The key of page `rel` with text `text`.
    pub fn key(&self, rel: &str, text: &str) -> PageKey {
        let mut h = KeyHasher::new();
        h.update(&self.0);
        h.update(&(rel.len() as u64).to_le_bytes());
        h.update(rel.as_bytes());
        h.update(text.as_bytes());
        h.finish()
    }
}

/// What one page's parse and extract produced, as stored.
#[derive(Debug, Serialize, Deserialize)]
pub struct PageRecord {
    /// The page's facts.
    pub facts: DocFacts,
    /// The findings of parsing and extracting it (not of reading it: those are made afresh).
    pub diagnostics: Vec<Diagnostic>,
}

/// How the cache was found when the run started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// No cache files yet, or only those of another build or other limits (replaced as the
    /// run saves).
    Missing,
    /// Read and verified, with this many page records.
    Valid(usize),
    /// Some shard files were not usable: how many, and why (the last reason); they are replaced
    /// at the end of the run, and the others were used.
    Ignored(usize, String),
}

/// The cache of one run: loaded at the start, updated by the pipeline and the Rust emitter, and
/// saved at the end when anything changed.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    keys: PageKeys,
    pages: KeyMap<Bytes>,
    emit: EmitCache,
    loaded: Loaded,
    /// Per shard, a digest of the keys its file held when loaded (`None`: no usable file), to
    /// rewrite only the shards whose contents changed.
    loaded_digests: Vec<Option<Key>>,
    /// Per shard, whether a file was there (usable or not): an unusable one is replaced or
    /// removed on save.
    on_disk: Vec<bool>,
    /// Pages found in the cache during this run, and pages parsed afresh.
    hits: usize,
    misses: usize,
}

impl Cache {
    /// Opens the cache in `dir` of the docs tree at `root` for runs under `limits`: reads and
    /// verifies its files. A file that is bad or cannot be read is ignored ([`Loaded::Ignored`]):
    /// a cache can only make a run slower, never stop it. (Infallible today; `Result` leaves
    /// room for a cache that must refuse to open.)
    pub fn open(dir: &Path, root: &Path, limits: &Limits) -> Result<Cache> {
        Cache::open_with(dir, root, PageKeys::new(limits))
    }

    /// [`Cache::open`] for pages keyed by `keys` (made beforehand, so that the pages can be read
    /// and keyed while the cache is opened).
    pub fn open_with(dir: &Path, root: &Path, keys: PageKeys) -> Result<Cache> {
        let dir = dir.join(tree_dir_name(root));
        let fingerprint = keys.0;
        // Each file read and checked (checksum, layout, UTF-8) on its own task; only putting the
        // entries into the maps below is sequential.
        type Read = std::io::Result<Option<std::result::Result<Shard, String>>>;
        let read: Vec<Read> =
            (0..SHARDS).into_par_iter().map(|shard| read_shard(&dir.join(shard_name(shard)), &fingerprint)).collect();
        let mut cache = Cache {
            dir,
            keys,
            pages: KeyMap::default(),
            emit: EmitCache::default(),
            loaded: Loaded::Missing,
            loaded_digests: vec![None; SHARDS],
            on_disk: vec![false; SHARDS],
            hits: 0,
            misses: 0,
        };
        let (mut present, mut stale, mut ignored, mut why) = (0, 0, 0, String::new());
        for (shard, result) in read.into_iter().enumerate() {
            let decoded = match result {
                Ok(Some(decoded)) => decoded,
                Ok(None) => continue,
                // Unreadable (permissions, a file where the folder should be): the run goes on
                // without it, and saving says whether the cache can be written at all.
                Err(e) => {
                    present += 1;
                    ignored += 1;
                    why = format!("{}: cannot be read: {e}", shard_name(shard));
                    continue;
                }
            };
            present += 1;
            cache.on_disk[shard] = true;
            match decoded {
                Ok(Shard { pages, rust, links, openapi })
                    if pages
                        .keys()
                        .chain(rust.iter().map(|(k, _)| k))
                        .chain(links.iter().map(|(k, _)| k))
                        .chain(openapi.iter().map(|(k, _)| k))
                        .all(|k| usize::from(k[0]) == shard) =>
                {
                    let texts = rust.iter().chain(&openapi).map(|(k, _)| k);
                    cache.loaded_digests[shard] = Some(digest(pages.keys(), texts, &links));
                    cache.pages.extend(pages);
                    for (key, text) in rust {
                        cache.emit.rust.insert(key, text);
                    }
                    for (inputs, text) in links {
                        cache.emit.rust.insert_link(inputs, text);
                    }
                    for (key, text) in openapi {
                        cache.emit.openapi.insert(key, text);
                    }
                }
                Ok(_) => {
                    ignored += 1;
                    why = format!("{} holds keys of another shard", shard_name(shard));
                }
                Err(reason) if reason == STALE => stale += 1,
                Err(reason) => {
                    ignored += 1;
                    why = format!("{}: {reason}", shard_name(shard));
                }
            }
        }
        cache.loaded = match (present - stale, ignored) {
            (0, _) => Loaded::Missing,
            (_, 0) => Loaded::Valid(cache.pages.len()),
            _ => Loaded::Ignored(ignored, why),
        };
        Ok(cache)
    }

    /// How the file was found.
    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    /// The folder of this tree's cache files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Pages served from the cache and pages parsed afresh in this run.
    pub fn hits_and_misses(&self) -> (usize, usize) {
        (self.hits, self.misses)
    }

    /// The formatted Rust items, for the Rust emitter to reuse and refill.
    pub fn rust(&self) -> &FormatCache {
        &self.emit.rust
    }

    /// What the emitters keep between runs, for them to reuse and refill.
    pub fn emit(&self) -> &EmitCache {
        &self.emit
    }

    /// The key of page `rel` with text `text` under this cache's build and limits.
    pub fn key(&self, rel: &str, text: &str) -> PageKey {
        self.keys.key(rel, text)
    }

    /// How this cache keys pages.
    pub fn keys(&self) -> PageKeys {
        self.keys
    }

    /// The stored record for `key`, if there is one that reads back.
    pub fn page(&self, key: &PageKey) -> Option<PageRecord> {
        let bytes = self.pages.get(key)?;
        rmp_serde::from_slice(bytes).ok()
    }

    /// Replaces the page records with exactly this run's pages: those found (`Ok(key)`) keep
    /// their records and the new ones (`Err((key, record))`) are stored; pages no longer in the
    /// docs drop out.
    pub fn set_pages(&mut self, pages: Vec<PageUse>) {
        let mut kept = KeyMap::with_capacity_and_hasher(pages.len(), Default::default());
        let (mut hits, mut misses) = (0, 0);
        for page in pages {
            match page {
                Ok(key) => {
                    if let Some(bytes) = self.pages.get(&key) {
                        kept.insert(key, bytes.clone());
                        hits += 1;
                    }
                }
                Err((key, bytes)) => {
                    kept.insert(key, bytes);
                    misses += 1;
                }
            }
        }
        self.pages = kept;
        self.hits += hits;
        self.misses += misses;
    }

    /// Writes the shard files whose contents changed (atomically; no flush to disk, since a torn
    /// file fails its hash and is ignored) and removes those left empty. Returns how many files
    /// it wrote or removed.
    pub fn save(&self) -> Result<usize> {
        let mut pages: Vec<Vec<StoredPage<'_>>> = vec![Vec::new(); SHARDS];
        for (key, bytes) in &self.pages {
            pages[usize::from(key[0])].push((key, bytes));
        }
        let by_shard = |texts: Vec<StoredText>| {
            let mut shards: Vec<Vec<StoredText>> = vec![Vec::new(); SHARDS];
            for (key, text) in texts {
                shards[usize::from(key[0])].push((key, text));
            }
            shards
        };
        let rust = by_shard(self.emit.rust.entries());
        let openapi = by_shard(self.emit.openapi.entries());
        let mut links: Vec<Vec<RustLink>> = vec![Vec::new(); SHARDS];
        for link in self.emit.rust.links() {
            links[usize::from(link.0[0])].push(link);
        }
        let empty =
            |s: usize| pages[s].is_empty() && rust[s].is_empty() && links[s].is_empty() && openapi[s].is_empty();
        let changed: Vec<usize> = (0..SHARDS)
            .filter(|&s| {
                let texts = rust[s].iter().chain(&openapi[s]).map(|(k, _)| k);
                let now = digest(pages[s].iter().map(|(k, _)| *k), texts, &links[s]);
                match self.loaded_digests[s] {
                    Some(before) => before != now,
                    None => !empty(s) || self.on_disk[s],
                }
            })
            .collect();
        if changed.is_empty() {
            return Ok(0);
        }
        std::fs::create_dir_all(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        changed
            .par_iter()
            .map(|&s| {
                let path = self.dir.join(shard_name(s));
                if empty(s) {
                    return std::fs::remove_file(&path).or_else(not_found_ok).map_err(|e| Error::io(&path, e));
                }
                let mut shard_pages = pages[s].clone();
                shard_pages.sort_by_key(|(k, _)| **k);
                let shard = Stored { pages: &shard_pages, rust: &rust[s], links: &links[s], openapi: &openapi[s] };
                crate::output::write_atomic(&path, &encode(&self.keys.0, &shard))
            })
            .collect::<Result<Vec<()>>>()?;
        Ok(changed.len())
    }
}

fn not_found_ok(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::NotFound { Ok(()) } else { Err(e) }
}

/// A digest of a shard's key set (pages, then texts (Rust items and OpenAPI fragments), then Rust
/// links; each list sorted).
fn digest<'a>(
    pages: impl Iterator<Item = &'a PageKey>,
    texts: impl Iterator<Item = &'a Key>,
    links: &[RustLink],
) -> Key {
    let mut pages: Vec<&PageKey> = pages.collect();
    let mut rust: Vec<&Key> = texts.collect();
    let mut links: Vec<&RustLink> = links.iter().collect();
    pages.sort();
    rust.sort();
    links.sort();
    let mut h = KeyHasher::new();
    h.update(&(pages.len() as u64).to_le_bytes());
    h.update(&(rust.len() as u64).to_le_bytes());
    for k in pages.into_iter().chain(rust) {
        h.update(k);
    }
    for (inputs, text) in links {
        h.update(inputs);
        h.update(text);
    }
    h.finish()
}

/// Serialises a page's record for the cache, with the fields `dump` leaves out.
pub fn encode_page(facts: &DocFacts, diagnostics: &[Diagnostic]) -> Bytes {
    #[derive(Serialize)]
    struct Borrowed<'a> {
        facts: &'a DocFacts,
        diagnostics: &'a [Diagnostic],
    }
    let _writing = WritingGuard::new();
    // MessagePack, structs as arrays: no field names to write, read and match, so every field is
    // written (see [`omit`]) and a record reads back only into the very types that wrote it
    // (the fingerprint makes sure of that). Serialising plain data to memory cannot fail; an
    // empty record would just not read back.
    rmp_serde::to_vec(&Borrowed { facts, diagnostics }).unwrap_or_default().into()
}

/// Writes `value` as self-describing MessagePack (maps with field names) with every field the
/// dumps leave out: what a key of the value must cover.
pub fn encode_whole<T: Serialize + ?Sized>(
    out: &mut impl std::io::Write,
    value: &T,
) -> std::result::Result<(), String> {
    let _writing = WritingGuard::new();
    rmp_serde::encode::write_named(out, value).map_err(|e| e.to_string())
}

/// `skip_serializing_if` for the fields of a page's facts that the dumps leave out (always, or
/// when empty). A cache record is positional and keeps everything, so while [`encode_page`] runs
/// on this thread none is left out.
pub mod omit {
    use super::writing;

    /// Anything: a field the dumps leave out for readability (raw example text, byte spans).
    pub fn in_dumps<T>(_: &T) -> bool {
        !writing()
    }

    /// An absent value.
    pub fn none<T>(value: &Option<T>) -> bool {
        value.is_none() && !writing()
    }

    /// An empty list.
    pub fn empty_list<T>(list: &[T]) -> bool {
        list.is_empty() && !writing()
    }

    /// An empty text.
    pub fn empty_text(text: &str) -> bool {
        text.is_empty() && !writing()
    }

    /// A flag that is not set.
    pub fn no(flag: &bool) -> bool {
        !*flag && !writing()
    }

    /// An empty JSON object.
    pub fn empty_object(object: &serde_json::Map<String, serde_json::Value>) -> bool {
        object.is_empty() && !writing()
    }
}

/// Whether [`encode_page`] is running on this thread.
fn writing() -> bool {
    WRITING.with(Cell::get)
}

thread_local! {
    static WRITING: Cell<bool> = const { Cell::new(false) };
}

/// Sets [`WRITING`] for its lifetime (and restores the previous value, so it nests).
struct WritingGuard(bool);

impl WritingGuard {
    fn new() -> WritingGuard {
        WritingGuard(WRITING.with(|w| w.replace(true)))
    }
}

impl Drop for WritingGuard {
    fn drop(&mut self) {
        let previous = self.0;
        WRITING.with(|w| w.set(previous));
    }
}

/// What makes a cache file this build's: the record format, the crate version, the executable
/// (its size and modification time: a rebuilt mdapi may read the docs differently even at the
/// same version) and the limits.
fn fingerprint(limits: &Limits) -> Key {
    let mut h = KeyHasher::new();
    h.update(&RECORD_FORMAT.to_le_bytes());
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    if let Some(meta) = std::env::current_exe().ok().and_then(|p| std::fs::metadata(p).ok()) {
        h.update(&meta.len().to_le_bytes());
        if let Ok(since) = meta.modified().map(|m| m.duration_since(std::time::UNIX_EPOCH).unwrap_or_default()) {
            h.update(&since.as_nanos().to_le_bytes());
        }
    }
    h.update(format!("{limits:?}").as_bytes());
    h.finish()
}

/// [`decode`]'s reason for a file of another build or other limits: expected after an upgrade
/// or a change of limits, so it is not reported as a problem.
const STALE: &str = "written by another mdapi build or under other limits";

/// A shard file's contents.
struct Shard {
    pages: KeyMap<Bytes>,
    rust: Vec<StoredText>,
    links: Vec<RustLink>,
    openapi: Vec<StoredText>,
}

/// A shard's contents on their way to its file; every list sorted by key.
struct Stored<'a> {
    pages: &'a [StoredPage<'a>],
    rust: &'a [StoredText],
    links: &'a [RustLink],
    openapi: &'a [StoredText],
}

/// Bytes before a shard's entries: magic, fingerprint and the length of its texts.
const PREFIX_LEN: usize = MAGIC.len() + KEY_LEN + 8;

/// Reads the shard file at `path` (`None` when there is none) and verifies and splits it; the
/// inner error says why it is not usable. The page records and the texts handed out are ranges
/// of the file's bytes ([`file_bytes`]), not copies.
fn read_shard(path: &Path, fingerprint: &Key) -> std::io::Result<Option<std::result::Result<Shard, String>>> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    const TRUNCATED: &str = "the file is truncated";
    if len < (PREFIX_LEN + CHECKSUM_LEN) as u64 {
        return Ok(Some(Err(TRUNCATED.into())));
    }
    let bytes = file_bytes(&file, len)?;
    // A file that changed size since it was measured (another process writing it).
    if bytes.len() as u64 != len {
        return Ok(Some(Err(TRUNCATED.into())));
    }
    if bytes[..MAGIC.len() - 1] != MAGIC[..MAGIC.len() - 1] {
        return Ok(Some(Err("not an mdapi cache file".into())));
    }
    // Another layout version, or another build's or limits' fingerprint: expected after an
    // upgrade, and the rest of the file is not even read.
    if bytes[..MAGIC.len()] != MAGIC[..] || bytes[MAGIC.len()..MAGIC.len() + KEY_LEN] != fingerprint[..] {
        return Ok(Some(Err(STALE.into())));
    }
    let texts_len = u64::from_le_bytes(bytes[PREFIX_LEN - 8..PREFIX_LEN].try_into().unwrap_or_default());
    // Bounded by the file's own length, so a corrupt one cannot reach past it.
    let body = bytes.len() - CHECKSUM_LEN;
    let Some(head_len) = usize::try_from(texts_len).ok().and_then(|t| body.checked_sub(t)).filter(|&h| h >= PREFIX_LEN)
    else {
        return Ok(Some(Err(TRUNCATED.into())));
    };
    if checksum(&[&bytes[..body]]) != bytes[body..] {
        return Ok(Some(Err("its contents do not match their checksum (corrupt or truncated)".into())));
    }
    Ok(Some(decode(bytes.slice(..head_len), bytes.slice(head_len..body))))
}

/// The `len` bytes of `file`. On Unix the file is mapped, not read: a warm run takes some 40 MB
/// of shards, and reading them copied each byte into fresh memory the kernel first had to zero
/// (together 15 ms of a 100 ms run); mapped, the pages already in the page cache are used as they
/// are. Sound because nothing writes a shard file in place: mdapi writes a new file and renames
/// it over the old one ([`crate::output::write_atomic`]), and a mapping keeps the file it was
/// made of. (Another program truncating a shard while mdapi runs would end the run with
/// `SIGBUS`; that is a cache folder being vandalised, not a state mdapi leaves.) Elsewhere (on
/// Windows a mapped file cannot be replaced) it is read, and so it is where mapping fails (a
/// file system that cannot map files).
#[cfg(unix)]
fn file_bytes(file: &std::fs::File, len: u64) -> std::io::Result<Bytes> {
    // SAFETY: see above: the mapped file is never modified while mapped, by mdapi or by any
    // tool that replaces files rather than writing into them.
    match unsafe { memmap2::Mmap::map(file) } {
        Ok(map) => Ok(Bytes::from_owner(map)),
        Err(_) => read_bytes(file, len),
    }
}

#[cfg(not(unix))]
fn file_bytes(file: &std::fs::File, len: u64) -> std::io::Result<Bytes> {
    read_bytes(file, len)
}

/// The file's bytes, read (`len` sizes the buffer).
fn read_bytes(mut file: &std::fs::File, len: u64) -> std::io::Result<Bytes> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(Bytes::from(bytes))
}

/// Splits a verified shard: the head's entries, and the texts they give the lengths of.
fn decode(head: Bytes, texts: Bytes) -> std::result::Result<Shard, String> {
    let mut r = Reader { bytes: &head, at: PREFIX_LEN };
    let mut pages = Vec::new();
    for _ in 0..r.count()? {
        let key = r.key()?;
        let len = r.count()?;
        let at = r.at;
        r.take(len)?;
        pages.push((key, at..at + len));
    }
    let rust = r.lengths()?;
    let mut links = Vec::new();
    for _ in 0..r.count()? {
        links.push((r.key()?, r.key()?));
    }
    let openapi = r.lengths()?;
    if r.at != head.len() {
        return Err("trailing bytes after the last entry".into());
    }
    let texts = Texts::new(texts).ok_or("its texts are not UTF-8")?;
    let mut at: usize = 0;
    let mut cut = |lengths: Vec<(Key, usize)>, what: &str| {
        lengths
            .into_iter()
            .map(|(key, len)| {
                let range = at..at.checked_add(len).ok_or("a length does not fit in memory")?;
                at = range.end;
                let text =
                    texts.part(range).ok_or_else(|| format!("{what} runs past the texts or splits a character"))?;
                Ok((key, text))
            })
            .collect::<std::result::Result<Vec<StoredText>, String>>()
    };
    let rust = cut(rust, "a Rust item")?;
    let openapi = cut(openapi, "an OpenAPI fragment")?;
    if at != texts.len() {
        return Err("trailing bytes after the last text".into());
    }
    let pages = pages.into_iter().map(|(key, range)| (key, head.slice(range))).collect();
    Ok(Shard { pages, rust, links, openapi })
}

/// Bounds-checked reading of a shard's head.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> std::result::Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or("an entry runs past the end")?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn count(&mut self) -> std::result::Result<usize, String> {
        let raw: [u8; 8] = self.take(8)?.try_into().map_err(|_| "short length")?;
        usize::try_from(u64::from_le_bytes(raw)).map_err(|_| "a length does not fit in memory".into())
    }

    fn key(&mut self) -> std::result::Result<Key, String> {
        self.take(KEY_LEN)?.try_into().map_err(|_| "short key".into())
    }

    /// A counted list of key and text length.
    fn lengths(&mut self) -> std::result::Result<Vec<(Key, usize)>, String> {
        (0..self.count()?).map(|_| Ok((self.key()?, self.count()?))).collect()
    }
}

/// A shard file's bytes; every list sorted by key (as [`FormatCache::entries`],
/// [`FormatCache::links`] and `TextStore::entries` give them), so that equal contents are equal
/// files.
fn encode(fingerprint: &Key, shard: &Stored<'_>) -> Vec<u8> {
    let Stored { pages, rust, links, openapi } = shard;
    let texts_len = rust.iter().chain(*openapi).map(|(_, t)| t.len()).sum::<usize>();
    let size = PREFIX_LEN
        + pages.iter().map(|(_, v)| v.len() + KEY_LEN + 8).sum::<usize>()
        + (rust.len() + openapi.len()) * (KEY_LEN + 8)
        + texts_len
        + links.len() * 2 * KEY_LEN;
    let mut out = Vec::with_capacity(size + 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(fingerprint);
    out.extend_from_slice(&(texts_len as u64).to_le_bytes());
    out.extend_from_slice(&(pages.len() as u64).to_le_bytes());
    for (key, bytes) in *pages {
        out.extend_from_slice(*key);
        out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        out.extend_from_slice(bytes);
    }
    put_lengths(rust, &mut out);
    out.extend_from_slice(&(links.len() as u64).to_le_bytes());
    for (inputs, text) in *links {
        out.extend_from_slice(inputs);
        out.extend_from_slice(text);
    }
    put_lengths(openapi, &mut out);
    for (_, text) in rust.iter().chain(*openapi) {
        out.extend_from_slice(text.as_bytes());
    }
    let sum = checksum(&[&out]);
    out.extend_from_slice(&sum);
    out
}

/// Bytes of a key in a shard file.
const KEY_LEN: usize = std::mem::size_of::<Key>();

/// Bytes of the checksum that ends a shard file.
const CHECKSUM_LEN: usize = 16;

/// The checksum of a shard file's body (`parts` in order): XXH3-128, fast enough to check every
/// file on every run.
fn checksum(parts: &[&[u8]]) -> [u8; CHECKSUM_LEN] {
    let mut h = KeyHasher::new();
    parts.iter().for_each(|p| h.update(p));
    h.finish()
}

/// A counted list of key and text length, as [`Reader::lengths`] reads it (the texts follow
/// the head).
fn put_lengths(texts: &[StoredText], out: &mut Vec<u8>) {
    out.extend_from_slice(&(texts.len() as u64).to_le_bytes());
    for (key, text) in texts {
        out.extend_from_slice(key);
        out.extend_from_slice(&(text.len() as u64).to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn record(text: &str) -> (DocFacts, Vec<Diagnostic>) {
        let file = SourceFile::from_text("api/x.md", text);
        let limits = Limits::default();
        let (doc, mut diags) = crate::syntax::parse(&file, &limits);
        let (facts, more) = crate::extract::extract(&doc, &file, &limits);
        diags.extend(more);
        (facts, diags)
    }

    const PAGE: &str = "---\ntitle: Get x\n---\n# Get x\n\n## HTTP request\n\n```http\nGET /xs/{id}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n### Request\n<!-- {\"blockType\": \"request\", \"name\": \"get_x\",} -->\n```http\nGET https://example.com/v1.0/xs/1\n```\n\n### Response\n<!-- { \"blockType\": \"response\", \"truncated\": true } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"id\": \"1\", }\n```\n";

    #[test]
    fn a_page_record_reads_back_equal_including_what_dumps_leave_out() {
        let (facts, diags) = record(PAGE);
        assert!(!diags.is_empty(), "the page has repairs to report");
        let bytes = encode_page(&facts, &diags);
        let back: PageRecord = rmp_serde::from_slice(&bytes).unwrap();
        assert_eq!(back.facts, facts);
        assert_eq!(back.diagnostics, diags);
        // Outside the cache writer, dumps still leave the spans out.
        assert!(!serde_json::to_string(&facts).unwrap().contains("\"span\""));
    }

    fn docs() -> &'static Path {
        Path::new("docs")
    }

    /// A Rust item key in another shard than the page's (keys depend on the test binary).
    fn rust_key(page: &PageKey) -> Key {
        [page[0].wrapping_add(1); 16]
    }

    fn saved(dir: &Path) -> Cache {
        let mut cache = Cache::open(dir, docs(), &Limits::default()).unwrap();
        assert_eq!(cache.loaded(), &Loaded::Missing);
        let (facts, diags) = record(PAGE);
        let key = cache.key("api/x.md", PAGE);
        cache.set_pages(vec![Err((key, encode_page(&facts, &diags)))]);
        cache.rust().insert(rust_key(&key), Text::from("pub struct X;\n"));
        assert_eq!(cache.save().unwrap(), 2, "two shards: the page's and the Rust item's");
        cache
    }

    #[test]
    fn a_saved_cache_loads_and_serves_its_pages() {
        let dir = tempfile::tempdir().unwrap();
        let first = saved(dir.path());
        let key = first.key("api/x.md", PAGE);
        let mut cache = Cache::open(dir.path(), docs(), &Limits::default()).unwrap();
        assert_eq!(cache.loaded(), &Loaded::Valid(1));
        assert_eq!(cache.page(&key).unwrap().facts, record(PAGE).0);
        assert_eq!(cache.rust().len(), 1);
        assert_eq!(cache.save().unwrap(), 0, "nothing changed, nothing written");
        // Another path or other text is another key.
        assert_ne!(cache.key("api/y.md", PAGE), key);
        assert!(cache.page(&cache.key("api/x.md", "changed")).is_none());
        // The page is gone from the docs: its shard is removed, the Rust item's stays.
        cache.set_pages(Vec::new());
        assert_eq!(cache.save().unwrap(), 1);
        assert_eq!(std::fs::read_dir(cache.dir()).unwrap().count(), 1);
    }

    #[test]
    fn what_a_loaded_cache_holds_stays_when_another_run_replaces_its_files() {
        let dir = tempfile::tempdir().unwrap();
        let key = saved(dir.path()).key("api/x.md", PAGE);
        // Its shards are mapped (on Unix): the texts and records are views of the files.
        let loaded = Cache::open(dir.path(), docs(), &Limits::default()).unwrap();
        // Another run rewrites both shards: the page is gone, the Rust item's shard holds another.
        let mut other = Cache::open(dir.path(), docs(), &Limits::default()).unwrap();
        other.set_pages(Vec::new());
        let mut next = rust_key(&key);
        next[1] ^= 1;
        other.rust().insert(next, Text::from("pub struct Y;\n"));
        assert_eq!(other.save().unwrap(), 2);
        // Files are replaced, never written into, so the loaded cache still sees what it read.
        assert_eq!(loaded.page(&key).unwrap().facts, record(PAGE).0);
        let texts: Vec<String> = loaded.rust().entries().into_iter().map(|(_, t)| t.to_string()).collect();
        assert_eq!(texts, ["pub struct X;\n"]);
        let now = Cache::open(dir.path(), docs(), &Limits::default()).unwrap();
        assert!(now.page(&key).is_none());
        assert_eq!(now.rust().len(), 2);
    }

    #[test]
    fn a_shard_read_is_the_same_as_a_shard_mapped() {
        let dir = tempfile::tempdir().unwrap();
        let first = saved(dir.path());
        let path = first.dir().join(shard_name(usize::from(first.key("api/x.md", PAGE)[0])));
        let len = std::fs::metadata(&path).unwrap().len();
        let open = || std::fs::File::open(&path).unwrap();
        assert_eq!(read_bytes(&open(), len).unwrap(), file_bytes(&open(), len).unwrap());
        assert_eq!(read_bytes(&open(), len).unwrap(), std::fs::read(&path).unwrap());
    }

    #[test]
    fn corrupt_truncated_and_foreign_files_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let first = saved(dir.path());
        let path = first.dir().join(shard_name(usize::from(first.key("api/x.md", PAGE)[0])));
        let good = std::fs::read(&path).unwrap();
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("flipped byte", {
                let mut b = good.clone();
                let mid = b.len() / 2;
                b[mid] ^= 1;
                b
            }),
            ("truncated", good[..good.len() - 100].to_vec()),
            ("empty", Vec::new()),
            ("foreign", b"not a cache at all, just some text that is long enough to have a hash".to_vec()),
        ];
        for (what, bytes) in cases {
            std::fs::write(&path, bytes).unwrap();
            let cache = Cache::open(dir.path(), docs(), &Limits::default()).unwrap();
            assert!(matches!(cache.loaded(), Loaded::Ignored(1, _)), "{what}: {:?}", cache.loaded());
            assert!(cache.page(&cache.key("api/x.md", PAGE)).is_none(), "{what}");
            assert_eq!(cache.rust().len(), 1, "{what}: the other shard is still used");
        }
        // A valid file of another shard put in this one's place is not trusted either.
        let rust_shard = first.dir().join(shard_name(usize::from(rust_key(&first.key("api/x.md", PAGE))[0])));
        std::fs::copy(&rust_shard, &path).unwrap();
        let cache = Cache::open(dir.path(), docs(), &Limits::default()).unwrap();
        assert!(matches!(cache.loaded(), Loaded::Ignored(1, why) if why.contains("another shard")));
        // Other limits make every file another build's: not used, and not a problem to report.
        std::fs::write(&path, &good).unwrap();
        let other = Limits { max_nesting: 3, ..Limits::default() };
        let mut cache = Cache::open(dir.path(), docs(), &other).unwrap();
        assert_eq!(cache.loaded(), &Loaded::Missing);
        assert!(cache.rust().is_empty());
        // Saving replaces them: the old files are gone, the new page's is the only one left.
        cache.set_pages(vec![Err((cache.key("api/x.md", PAGE), encode_page(&record(PAGE).0, &[])))]);
        assert!(cache.save().unwrap() >= 2);
        assert_eq!(std::fs::read_dir(cache.dir()).unwrap().count(), 1);
        assert_eq!(Cache::open(dir.path(), docs(), &other).unwrap().loaded(), &Loaded::Valid(1));
    }

    #[test]
    fn a_file_whose_text_lengths_do_not_fit_its_texts_is_ignored_even_with_a_good_checksum() {
        let dir = tempfile::tempdir().unwrap();
        let first = saved(dir.path());
        let path = first.dir().join(shard_name(usize::from(rust_key(&first.key("api/x.md", PAGE))[0])));
        let good = std::fs::read(&path).unwrap();
        let body = good.len() - CHECKSUM_LEN;
        // The one Rust item's length field sits right after its key, before the link count.
        let text = "pub struct X;\n";
        let at = body - text.len() - 8 - 8 - 8;
        assert_eq!(good[at..at + 8], (text.len() as u64).to_le_bytes());
        for (what, len) in [("longer", text.len() + 1), ("shorter", text.len() - 1)] {
            let mut bad = good[..body].to_vec();
            bad[at..at + 8].copy_from_slice(&(len as u64).to_le_bytes());
            let sum = checksum(&[&bad]);
            bad.extend_from_slice(&sum);
            std::fs::write(&path, bad).unwrap();
            let cache = Cache::open(dir.path(), docs(), &Limits::default()).unwrap();
            assert!(
                matches!(cache.loaded(), Loaded::Ignored(1, why) if why.contains("text")),
                "{what}: {:?}",
                cache.loaded()
            );
            assert!(cache.rust().is_empty(), "{what}");
        }
    }

    #[test]
    fn an_unusable_cache_directory_slows_the_run_but_never_stops_it() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the cache folder should be: nothing can be read or written there.
        let blocked = dir.path().join("not-a-folder");
        std::fs::write(&blocked, "x").unwrap();
        let cache = Cache::open(&blocked, docs(), &Limits::default()).unwrap();
        assert!(matches!(cache.loaded(), Loaded::Missing | Loaded::Ignored(..)), "{:?}", cache.loaded());
        let mut cache = cache;
        cache.set_pages(vec![Err((cache.key("api/x.md", PAGE), encode_page(&record(PAGE).0, &[])))]);
        assert!(cache.save().is_err(), "saving reports the problem (the CLI warns)");
    }

    #[test]
    fn a_record_that_does_not_read_back_is_no_hit() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = Cache::open(dir.path(), Path::new("docs"), &Limits::default()).unwrap();
        let key = cache.key("api/x.md", PAGE);
        cache.set_pages(vec![Err((key, Bytes::from_static(b"\x81\xa5facts\x01")))]);
        assert!(cache.page(&key).is_none());
    }
}
