//! In-memory incremental rebuilds (`Workspace::update`, what `mdapi watch` runs) give exactly the
//! outputs and findings of a fresh read, over random sequences of edits, additions, deletions
//! and renames on a small doc set.

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
        (0..n, 0..4usize).prop_map(|(i, e)| Step::Edit(i, e)),
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

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
