//! Runs the stages over a doc tree: discover → read → parse → extract (in parallel, since pages
//! are independent until the model) → model.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::cache::{self, Cache, PageUse};
use crate::diagnostic::{self, Diagnostic, codes};
use crate::error::{Error, Result};
use crate::extract::{self, DocFacts};
use crate::model::ApiModel;
use crate::source::{self, Limits, SourceFile};
use crate::syntax::{self, Document};

/// One page after the per-page stages.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file.
    pub source: SourceFile,
    /// Its Markdown structure, parsed again on first use when the page came from the cache.
    document: OnceLock<Document>,
    /// The limits it was read under (to parse it again the same way).
    limits: Limits,
    /// Its API facts.
    pub facts: DocFacts,
    /// Diagnostics of reading, parsing and extracting this page, sorted. Kept per page so an
    /// update that re-reads one file replaces exactly that file's findings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Page {
    /// Its Markdown structure. A page read from the incremental cache has none until a caller
    /// (lint, `dump syntax`) asks: the parse is deterministic, so it is the one its facts came from.
    pub fn document(&self) -> &Document {
        self.document.get_or_init(|| syntax::parse(&self.source, &self.limits).0)
    }

    /// Whether reading, parsing or extracting this page found an error-severity problem.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == crate::Severity::Error)
    }
}

/// A doc tree read through the per-page stages.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The docs root.
    pub root: PathBuf,
    /// Pages sorted by relative path.
    pub pages: Vec<Page>,
    /// Diagnostics of discovery, reading, parsing and extraction, sorted (the pages' own plus
    /// discovery's; rebuilt by [`Workspace::update`]).
    pub diagnostics: Vec<Diagnostic>,
    /// Discovery's diagnostics (unreadable directory entries), which belong to no page.
    discovery: Vec<Diagnostic>,
    /// Whether pages (also those re-read by [`Workspace::update`]) keep their documents.
    keep: Keep,
}

impl Drop for Workspace {
    /// A corpus-sized workspace holds millions of small allocations; freeing them on every core
    /// instead of one takes a visible share off a whole run.
    fn drop(&mut self) {
        std::mem::take(&mut self.pages).into_par_iter().for_each(drop);
    }
}

impl Workspace {
    /// Reads every Markdown file under `root` (or the file `root`) through parse and extract.
    pub fn load(root: &Path, limits: &Limits) -> Result<Workspace> {
        Workspace::load_with_progress(root, limits, &|_, _| {})
    }

    /// [`Workspace::load`], calling `progress(done, total)` as each page is processed (from
    /// any thread), for a progress bar on long runs.
    pub fn load_with_progress(
        root: &Path,
        limits: &Limits,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Workspace> {
        Workspace::load_keeping(root, limits, Keep::Documents, progress)
    }

    /// [`Workspace::load_with_progress`], the pages keeping their [`Document`]s or not. Without
    /// them (`generate`, `dump facts|model`, `watch`: nothing there reads them) each page's
    /// document is freed as soon as its facts are extracted, so the next page's parse reuses
    /// that memory instead of touching new memory: a corpus-sized run is markedly faster. A
    /// page's [`Page::document`] is parsed again if it is asked for after all.
    pub fn load_keeping(
        root: &Path,
        limits: &Limits,
        keep: Keep,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Workspace> {
        let (paths, discovery) = source::discover(root).map_err(|e| Error::io(root, e))?;
        let done = std::sync::atomic::AtomicUsize::new(0);
        // Read, parse and extract each file in one task: no barrier between reading and parsing,
        // and the text is still in cache when the parser reaches it.
        let pages: Vec<Page> = paths
            .par_iter()
            .map(|p| {
                let page = read_page(root, p, limits, keep);
                progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1, paths.len());
                page
            })
            .collect::<Result<_>>()?;
        Ok(Workspace::assemble(root.to_path_buf(), pages, discovery, keep))
    }

    /// [`Workspace::load_with_progress`] through the incremental cache: every file is read, and a
    /// page whose path and text the cache knows takes its facts and findings from there instead
    /// of being parsed and extracted; the cache is left holding exactly this tree's pages (call
    /// [`Cache::save`] to keep it). The pages come without their [`Document`]s, which are parsed
    /// again only if asked for (`generate` never does), so a large tree holds less memory.
    pub fn load_cached(
        root: &Path,
        limits: &Limits,
        cache: &mut Cache,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Workspace> {
        let (paths, discovery) = source::discover(root).map_err(|e| Error::io(root, e))?;
        let done = std::sync::atomic::AtomicUsize::new(0);
        let (shared, keys): (&Cache, _) = (cache, cache.keys());
        let results: Vec<(Page, PageUse)> = paths
            .par_iter()
            .map(|p| {
                let page = through_cache(shared, read_keyed(root, p, limits, keys)?, limits);
                progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1, paths.len());
                Ok(page)
            })
            .collect::<Result<_>>()?;
        Ok(Workspace::from_cached(root, results, discovery, cache))
    }

    /// Opens the cache in `dir` ([`Cache::open`]) and loads `root` through it
    /// ([`Workspace::load_cached`]), reading and keying every page while the cache's files are
    /// read and checked: neither needs the other until then.
    pub fn load_opening_cache(
        root: &Path,
        limits: &Limits,
        dir: &Path,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<(Workspace, Cache)> {
        let keys = cache::PageKeys::new(limits);
        let (cache, read) = rayon::join(
            || Cache::open_with(dir, root, keys),
            || -> Result<_> {
                let (paths, discovery) = source::discover(root).map_err(|e| Error::io(root, e))?;
                let read: Vec<Read> =
                    paths.par_iter().map(|p| read_keyed(root, p, limits, keys)).collect::<Result<_>>()?;
                Ok((read, discovery))
            },
        );
        let (mut cache, (read, discovery)) = (cache?, read?);
        // Progress counts pages through the cache or the parser: on a first run, the long part.
        let (shared, done, total) = (&cache, std::sync::atomic::AtomicUsize::new(0), read.len());
        let results: Vec<(Page, PageUse)> = read
            .into_par_iter()
            .map(|r| {
                let page = through_cache(shared, r, limits);
                progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1, total);
                page
            })
            .collect();
        let workspace = Workspace::from_cached(root, results, discovery, &mut cache);
        Ok((workspace, cache))
    }

    /// The workspace of pages loaded through `cache`, which is left holding exactly their records.
    fn from_cached(
        root: &Path,
        results: Vec<(Page, PageUse)>,
        discovery: Vec<Diagnostic>,
        cache: &mut Cache,
    ) -> Workspace {
        let (pages, uses): (Vec<Page>, Vec<PageUse>) = results.into_iter().unzip();
        cache.set_pages(uses);
        Workspace::assemble(root.to_path_buf(), pages, discovery, Keep::FactsOnly)
    }

    /// Pages sorted by path and the combined, sorted diagnostics.
    fn assemble(root: PathBuf, mut pages: Vec<Page>, discovery: Vec<Diagnostic>, keep: Keep) -> Workspace {
        pages.sort_by(|a, b| a.source.rel.cmp(&b.source.rel));
        let mut ws = Workspace { root, pages, diagnostics: Vec::new(), discovery, keep };
        ws.collect_diagnostics();
        ws
    }

    fn collect_diagnostics(&mut self) {
        let mut all = self.discovery.clone();
        all.extend(self.pages.iter().flat_map(|p| p.diagnostics.iter().cloned()));
        diagnostic::sort(&mut all);
        self.diagnostics = all;
    }

    /// Brings the workspace up to date after the files at `rels` (paths relative to the root,
    /// `/` separators) changed on disk, re-reading only those: a file that exists is (re)read,
    /// a directory has its new Markdown files read and its vanished ones dropped, and a path
    /// that no longer exists removes its page and every page under it. Other pages keep their
    /// parsed results, and so does a file whose text did not change.
    ///
    /// A file that cannot be read (permissions, a race with a deletion in progress) keeps its
    /// previous page and gets an `MD001` diagnostic, so the caller can tell it is broken.
    pub fn update(&mut self, rels: &[String], limits: &Limits) -> Update {
        let mut to_read: Vec<PathBuf> = Vec::new();
        let mut update = Update::default();
        for rel in rels {
            let path = self.root.join(rel);
            match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => {
                    if source::is_markdown(&path) {
                        to_read.push(path);
                    }
                }
                Ok(m) if m.is_dir() => {
                    // A directory event (a directory moved in or out, a rescan): add the pages
                    // under it that are new and drop those that are gone. Pages already known are
                    // not re-read: a change to one of them has an event of its own.
                    if let Ok((paths, _)) = source::discover(&path) {
                        let present: BTreeSet<String> = paths.iter().map(|p| source::relative(&self.root, p)).collect();
                        let before = self.pages.len();
                        self.pages.retain(|p| !is_under(rel, &p.source.rel) || present.contains(&p.source.rel));
                        update.removed += before - self.pages.len();
                        to_read.extend(
                            paths.into_iter().filter(|p| self.file(&source::relative(&self.root, p)).is_none()),
                        );
                    }
                }
                Ok(_) => {}
                Err(_) => {
                    let before = self.pages.len();
                    self.pages.retain(|p| p.source.rel != *rel && !is_under(rel, &p.source.rel));
                    update.removed += before - self.pages.len();
                }
            }
        }
        to_read.sort();
        to_read.dedup();
        let root = self.root.clone();
        let pages = &self.pages;
        let results: Vec<(String, Result<Option<Page>>)> = to_read
            .par_iter()
            .map(|p| {
                let rel = source::relative(&root, p);
                let read = source::read_file(&root, p, limits).map_err(|e| Error::io(p, e));
                // A save or checkout that leaves the text as it was changes nothing: keeping the
                // parsed page lets a burst's trailing notifications end without a rebuild.
                let known = pages.binary_search_by(|k| k.source.rel.as_str().cmp(&rel)).ok().map(|i| &pages[i]);
                let same = |text: &str| {
                    known.is_some_and(|k| {
                        k.source.text == text && !k.diagnostics.iter().any(|d| d.code == codes::UNREADABLE_FILE.code)
                    })
                };
                let page =
                    read.map(|(file, diags)| (!same(&file.text)).then(|| stages(file, limits, diags, self.keep)));
                (rel, page)
            })
            .collect();
        for (rel, result) in results {
            let at = self.pages.binary_search_by(|p| p.source.rel.as_str().cmp(&rel));
            match (result, at) {
                (Ok(None), _) => continue,
                (Ok(Some(page)), Ok(i)) => self.pages[i] = page,
                (Ok(Some(page)), Err(i)) => self.pages.insert(i, page),
                (Err(e), Ok(i)) => {
                    let d = Diagnostic::new(codes::UNREADABLE_FILE, &rel, crate::Span::default(), e.to_string());
                    let diags = &mut self.pages[i].diagnostics;
                    diags.retain(|d| d.code != codes::UNREADABLE_FILE.code);
                    diags.push(d);
                }
                (Err(e), Err(_)) => {
                    let d = Diagnostic::new(codes::UNREADABLE_FILE, &rel, crate::Span::default(), e.to_string());
                    update.unreadable.push(d);
                    continue;
                }
            }
            update.read.push(rel);
        }
        self.collect_diagnostics();
        update
    }

    /// Runs parse and extract over files already in memory.
    pub fn from_files(files: Vec<SourceFile>, limits: &Limits) -> Workspace {
        let pages: Vec<Page> = files.into_par_iter().map(|f| stages(f, limits, Vec::new(), Keep::Documents)).collect();
        Workspace::assemble(PathBuf::new(), pages, Vec::new(), Keep::Documents)
    }

    /// All pages' facts.
    pub fn facts(&self) -> Vec<DocFacts> {
        self.pages.iter().map(|p| p.facts.clone()).collect()
    }

    /// Builds the merged model; returns it with the model stage's diagnostics.
    pub fn model(&self) -> (ApiModel, Vec<Diagnostic>) {
        let facts: Vec<&DocFacts> = self.pages.iter().map(|p| &p.facts).collect();
        ApiModel::build_refs(&facts)
    }

    /// The file a diagnostic points into.
    pub fn file(&self, rel: &str) -> Option<&SourceFile> {
        self.pages.binary_search_by(|p| p.source.rel.as_str().cmp(rel)).ok().map(|i| &self.pages[i].source)
    }
}

/// A file as read, with its findings so far and its cache key.
type Read = (SourceFile, Vec<Diagnostic>, cache::PageKey);

/// Reads the file at `path` and keys it for the cache.
fn read_keyed(root: &Path, path: &Path, limits: &Limits, keys: cache::PageKeys) -> Result<Read> {
    let (file, diags) = source::read_file(root, path, limits).map_err(|e| Error::io(path, e))?;
    let key = keys.key(&file.rel, &file.text);
    Ok((file, diags, key))
}

/// A page read, with its facts and findings from `cache` when it knows the page's key, else
/// parsed and extracted (and its new record returned for the cache to store).
fn through_cache(cache: &Cache, (file, mut diags, key): Read, limits: &Limits) -> (Page, PageUse) {
    let (facts, own, used) = match cache.page(&key) {
        Some(record) => (record.facts, record.diagnostics, Ok(key)),
        None => {
            let (_, facts, own) = parse_and_extract(&file, limits);
            let bytes = cache::encode_page(&facts, &own);
            (facts, own, Err((key, bytes)))
        }
    };
    diags.extend(own);
    diagnostic::sort(&mut diags);
    let page = Page { source: file, document: OnceLock::new(), limits: limits.clone(), facts, diagnostics: diags };
    (page, used)
}

/// The per-page stages proper: the document, its facts, and the findings of both.
fn parse_and_extract(source: &SourceFile, limits: &Limits) -> (Document, DocFacts, Vec<Diagnostic>) {
    let (document, mut diags) = syntax::parse(source, limits);
    let (facts, more) = extract::extract(&document, source, limits);
    diags.extend(more);
    (document, facts, diags)
}

/// Whether a workspace's pages keep their parsed Markdown ([`Workspace::load_keeping`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Keep {
    /// Keep every page's [`Document`] (lint and `dump syntax` read them all).
    #[default]
    Documents,
    /// Keep only the facts; a document is parsed again if asked for.
    FactsOnly,
}

/// What [`Workspace::update`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Update {
    /// Pages whose text changed (or appeared, or could not be read), relative paths.
    pub read: Vec<String>,
    /// Pages removed.
    pub removed: usize,
    /// New files that could not be read (they have no page to carry the finding).
    pub unreadable: Vec<Diagnostic>,
}

/// Whether page `rel` lies in directory `dir` (every page does in the root, `""`).
fn is_under(dir: &str, rel: &str) -> bool {
    dir.is_empty() || rel.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/'))
}

/// Reads one file and runs the per-page stages; the read's findings join the page's.
fn read_page(root: &Path, path: &Path, limits: &Limits, keep: Keep) -> Result<Page> {
    let (file, diags) = source::read_file(root, path, limits).map_err(|e| Error::io(path, e))?;
    Ok(stages(file, limits, diags, keep))
}

/// The per-page stages for one file. The page keeps its diagnostics, which are also returned.
pub fn process(source: SourceFile, limits: &Limits) -> (Page, Vec<Diagnostic>) {
    let page = stages(source, limits, Vec::new(), Keep::Documents);
    let diags = page.diagnostics.clone();
    (page, diags)
}

/// Parse and extract, the page's findings added to `diags` (those of reading it).
fn stages(source: SourceFile, limits: &Limits, mut diags: Vec<Diagnostic>, keep: Keep) -> Page {
    let (document, facts, more) = parse_and_extract(&source, limits);
    diags.extend(more);
    diagnostic::sort(&mut diags);
    let document = match keep {
        Keep::Documents => OnceLock::from(document),
        Keep::FactsOnly => OnceLock::new(),
    };
    Page { source, document, limits: limits.clone(), facts, diagnostics: diags }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_loaded_without_documents_parse_the_same_ones_on_demand() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
        let limits = Limits::default();
        let kept = Workspace::load_keeping(&root, &limits, Keep::Documents, &|_, _| {}).unwrap();
        let lazy = Workspace::load_keeping(&root, &limits, Keep::FactsOnly, &|_, _| {}).unwrap();
        assert_eq!(kept.pages.len(), lazy.pages.len());
        for (a, b) in kept.pages.iter().zip(&lazy.pages) {
            assert!(a.document.get().is_some() && b.document.get().is_none(), "{}", a.source.rel);
            assert_eq!(a.facts, b.facts);
            assert_eq!(a.diagnostics, b.diagnostics);
            assert_eq!(a.document(), b.document(), "{}", a.source.rel);
        }
        assert_eq!(kept.diagnostics, lazy.diagnostics);
    }
}
