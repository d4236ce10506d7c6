//! The incremental cache is lossless: every page's facts and findings read back from their cache
//! record equal to those of the parse, on `docs-input/`, the hard-case fixtures and (ignored by
//! default, run in release by `.ci/run`) every page of the Graph v1.0 corpus.

use std::path::{Path, PathBuf};

use mdapi::cache::{PageRecord, encode_page};
use mdapi::{Limits, Workspace};

/// Pages whose record does not read back equal, with what went wrong.
fn lossy_pages(root: &Path) -> (usize, Vec<String>) {
    let ws = Workspace::load(root, &Limits::default()).unwrap();
    let bad = ws
        .pages
        .iter()
        .filter_map(|p| {
            let bytes = encode_page(&p.facts, &p.diagnostics);
            match rmp_serde::from_slice::<PageRecord>(&bytes) {
                Err(e) => Some(format!("{}: {e}", p.source.rel)),
                Ok(r) if r.facts != p.facts => Some(format!("{}: facts differ", p.source.rel)),
                Ok(r) if r.diagnostics != p.diagnostics => Some(format!("{}: findings differ", p.source.rel)),
                Ok(_) => None,
            }
        })
        .collect();
    (ws.pages.len(), bad)
}

fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn records_of_the_bundled_docs_and_fixtures_read_back_equal() {
    for root in ["docs-input", "tests/fixtures/hard", "tests/fixtures/lint"] {
        let (pages, bad) = lossy_pages(&manifest(root));
        assert!(pages > 0, "{root} has pages");
        assert!(bad.is_empty(), "{root}: {bad:#?}");
    }
}

#[test]
#[ignore = "reads the whole corpus; run in release by .ci/run"]
fn records_of_every_corpus_page_read_back_equal() {
    let (pages, bad) = lossy_pages(&manifest("../shared/corpus/graph-v1.0"));
    println!("cache records: {} of {pages} corpus pages read back equal", pages - bad.len());
    assert!(pages > 3000);
    assert!(bad.is_empty(), "{bad:#?}");
}
