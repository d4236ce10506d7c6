//! Incremental rebuilds give exactly the outputs and findings of a fresh read, over random
//! sequences of edits, additions, deletions and renames on a small doc set: in memory
//! (`Workspace::update`, what `mdapi watch` runs) and through the on-disk cache (`mdapi
//! generate` with and without `--no-cache`), the cache's files sometimes corrupted on the way.

use std::fs;
use std::path::Path;

use mdapi::emit::openapi::OpenApiOptions;
use mdapi::{Limits, Workspace};
use proptest::prelude::*;

/// Pages of `docs-input/` the sequences draw from: API pages of both generations and resources
/// they reference, so edits move operations, schemas and findings.
const POOL: &[&str] = &[
    "api/message-get.md",
    "api/message-delete.md",
    "api/message-update.md",
    "api/mailfolder_delete.md",
    "api/user-list-messages.md",
    "resources/message.md",
    "resources/outlookitem.md",
    "resources/importance.md",
];

#[derive(Debug, Clone)]
enum Step {
    /// Rewrite a page with one of a few edits (some of which break it).
    Edit(usize, usize),
    /// Delete a page.
    Delete(usize),
    /// (Re)create a page from the pool.
    Add(usize),
    /// Rename a page to a new name.
    Rename(usize),
}

fn step() -> impl Strategy<Value = Step> {
    let n = POOL.len();
    prop_oneof![
        (0..n, 0..5usize).prop_map(|(i, e)| Step::Edit(i, e)),
        (0..n).prop_map(Step::Delete),
        (0..n).prop_map(Step::Add),
        (0..n).prop_map(Step::Rename),
    ]
}

fn edit(text: &str, which: usize) -> String {
    match which {
        0 => text.replacen("## Permissions", "## Permissions\n\nAn added sentence.", 1),
        1 => text.replacen("|", "| broken", 1),
        2 => format!("{text}\n```json\n{{ \"unclosed\": true\n"),
        // A property's or parameter's type changes: the Rust items using it are built again.
        3 => text.replacen("String", "Int32", 1),
        _ => text.replacen("GET ", "PATCH ", 1),
    }
}

fn outputs(ws: &Workspace) -> (Vec<mdapi::output::GeneratedFile>, Vec<mdapi::Diagnostic>) {
    let g = mdapi::generate::generate(ws, &OpenApiOptions::default()).unwrap();
    (g.files, g.diagnostics)
}

/// Applies one step on disk; returns the relative paths it touched.
fn apply(root: &Path, source: &Path, step: &Step) -> Vec<String> {
    let rel = |i: usize| POOL[i].to_string();
    match *step {
        Step::Edit(i, e) => {
            let path = root.join(POOL[i]);
            let Ok(text) = fs::read_to_string(&path) else { return vec![] };
            fs::write(&path, edit(&text, e)).unwrap();
            vec![rel(i)]
        }
        Step::Delete(i) => {
            let _ = fs::remove_file(root.join(POOL[i]));
            vec![rel(i)]
        }
        Step::Add(i) => {
            fs::copy(source.join(POOL[i]), root.join(POOL[i])).unwrap();
            vec![rel(i)]
        }
        Step::Rename(i) => {
            let to = POOL[i].replace(".md", "-renamed.md");
            if fs::rename(root.join(POOL[i]), root.join(&to)).is_err() {
                return vec![];
            }
            vec![rel(i), to]
        }
    }
}

/// A step of the cached-generate sequences: a doc change, or damage to one of the cache's files.
#[derive(Debug, Clone)]
enum CacheStep {
    Docs(Step),
    /// Flip a byte (at a proportion of the file's length) of the n-th cache file.
    Corrupt(usize, f64),
    /// Cut the n-th cache file in half.
    Truncate(usize),
}

fn cache_step() -> impl Strategy<Value = CacheStep> {
    prop_oneof![
        6 => step().prop_map(CacheStep::Docs),
        1 => (0..64usize, 0.0..1.0f64).prop_map(|(i, at)| CacheStep::Corrupt(i, at)),
        1 => (0..64usize).prop_map(CacheStep::Truncate),
    ]
}

/// The cache's files (of every tree under `dir`), sorted.
fn cache_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// The output files' contents, the findings, and the cache's (hits, misses) when one was used.
type RunResult = (Vec<(String, String)>, Vec<mdapi::Diagnostic>, Option<(usize, usize)>);

/// One `generate` as the command runs it.
fn generate_run(docs: &Path, out: &Path, cache: Option<&Path>) -> RunResult {
    let run = mdapi::generate::run(
        docs,
        out,
        &OpenApiOptions::default(),
        &Limits::default(),
        cache,
        mdapi::output::WriteMode::Write,
        &|_, _| {},
    )
    .unwrap();
    assert!(run.cache_error.is_none(), "{:?}", run.cache_error);
    let files = run.generation.files.iter().map(|f| (f.path.clone(), f.contents.to_string())).collect();
    (files, run.generation.diagnostics.clone(), run.cache.as_ref().map(|c| c.hits_and_misses()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn cached_and_uncached_generate_give_the_same_outputs(steps in prop::collection::vec(cache_step(), 1..10)) {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
        let tmp = tempfile::tempdir().unwrap();
        let (root, cache) = (tmp.path().join("docs"), tmp.path().join("cache"));
        for rel in POOL {
            fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
            fs::copy(source.join(rel), root.join(rel)).unwrap();
        }
        let first = generate_run(&root, &tmp.path().join("out-cached"), Some(&cache));
        prop_assert_eq!(first.2, Some((0, POOL.len())), "an empty cache serves nothing");
        for step in &steps {
            let mut touched = None;
            match step {
                CacheStep::Docs(s) => touched = Some(apply(&root, &source, s)),
                CacheStep::Corrupt(i, at) => {
                    let files = cache_files(&cache);
                    let file = &files[i % files.len()];
                    let mut bytes = fs::read(file).unwrap();
                    let n = bytes.len();
                    bytes[((n as f64 * at) as usize).min(n - 1)] ^= 0x20;
                    fs::write(file, bytes).unwrap();
                }
                CacheStep::Truncate(i) => {
                    let files = cache_files(&cache);
                    let file = &files[i % files.len()];
                    let bytes = fs::read(file).unwrap();
                    fs::write(file, &bytes[..bytes.len() / 2]).unwrap();
                }
            }
            let cached = generate_run(&root, &tmp.path().join("out-cached"), Some(&cache));
            let fresh = generate_run(&root, &tmp.path().join("out-fresh"), None);
            prop_assert_eq!(&cached.0, &fresh.0, "outputs after {:?}", step);
            prop_assert_eq!(&cached.1, &fresh.1, "findings after {:?}", step);
            // The cache is really used: only the pages a doc step touched are parsed again.
            if let (Some(touched), Some((hits, misses))) = (touched, cached.2) {
                let pages = cache_files(&root).len();
                prop_assert_eq!(hits + misses, pages);
                prop_assert!(misses <= touched.len(), "{} parsed after touching {:?}", misses, touched);
            }
        }
    }

    #[test]
    fn incremental_updates_match_a_fresh_read(steps in prop::collection::vec(step(), 1..10)) {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for rel in POOL {
            fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
            fs::copy(source.join(rel), root.join(rel)).unwrap();
        }
        let limits = Limits::default();
        let mut ws = Workspace::load(root, &limits).unwrap();
        for step in &steps {
            let touched = apply(root, &source, step);
            ws.update(&touched, &limits);
            let fresh = Workspace::load(root, &limits).unwrap();
            let pages = |w: &Workspace| w.pages.iter().map(|p| p.source.rel.clone()).collect::<Vec<_>>();
            prop_assert_eq!(pages(&ws), pages(&fresh), "after {:?}", step);
            prop_assert_eq!(outputs(&ws), outputs(&fresh), "after {:?}", step);
        }
    }
}
