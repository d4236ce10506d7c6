//! The OpenAPI document for `docs-input/`: `generated/openapi.{yaml,json}` must be what
//! `mdapi generate` writes today (regenerate with `UPDATE_GENERATED=1 cargo test --test openapi`),
//! and output must not depend on the order pages are read in.

use std::path::Path;

use mdapi::config::Config;
use mdapi::emit::openapi::{self, OpenApiOptions};

fn options(root: &Path) -> OpenApiOptions {
    let config = Config::for_docs(root).unwrap();
    OpenApiOptions::from_config(&config.openapi, "docs-input API")
}

#[test]
fn generated_openapi_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = root.join("docs-input");
    let ws = mdapi::Workspace::load(&docs, &mdapi::Limits::default()).unwrap();
    let doc = openapi::generate(&ws, &options(&docs)).document;
    let out = root.join("generated");
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        openapi::write(&doc, &out).unwrap();
    }
    for (file, want) in
        [("openapi.yaml", openapi::to_yaml(&doc).unwrap()), ("openapi.json", openapi::to_json(&doc).unwrap())]
    {
        let have = std::fs::read_to_string(out.join(file)).unwrap_or_default();
        assert!(have == want, "generated/{file} is stale: run `cargo run --release -- generate`");
    }
}

#[test]
fn openapi_output_is_deterministic() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
    let a = mdapi::Workspace::load(&docs, &mdapi::Limits::default()).unwrap();
    let b = mdapi::Workspace::load(&docs, &mdapi::Limits::default()).unwrap();
    let opts = options(&docs);
    let first = openapi::generate(&a, &opts);
    // Pages handed over in reverse discovery order give byte-identical output.
    let mut reversed: Vec<_> = b.pages.iter().map(|p| &p.facts).collect();
    reversed.reverse();
    let (model, _) = mdapi::ApiModel::build_refs(&reversed);
    let (second, _) = openapi::build(&model, &opts);
    assert_eq!(openapi::to_yaml(&first.document).unwrap(), openapi::to_yaml(&second).unwrap());
    assert_eq!(openapi::to_json(&first.document).unwrap(), openapi::to_json(&second).unwrap());
    let again = openapi::generate(&a, &opts);
    assert_eq!(first, again);
}

#[test]
fn every_ref_resolves_and_operation_ids_are_unique() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
    let ws = mdapi::Workspace::load(&docs, &mdapi::Limits::default()).unwrap();
    let doc = openapi::generate(&ws, &options(&docs)).document;
    let value = serde_json::to_value(&doc).unwrap();
    let report = openapi::check::check(&value);
    assert!(report.unresolved_refs.is_empty(), "unresolved: {:?}", report.unresolved_refs);
    assert!(report.duplicate_operation_ids.is_empty(), "duplicates: {:?}", report.duplicate_operation_ids);
    assert_eq!(report.operations, doc.paths.values().map(|p| p.operations().count()).sum::<usize>());
}

#[test]
fn yaml_and_json_hold_the_same_document() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = root.join("docs-input");
    let ws = mdapi::Workspace::load(&docs, &mdapi::Limits::default()).unwrap();
    let doc = openapi::generate(&ws, &options(&docs)).document;
    let from_yaml: serde_json::Value = serde_yaml::from_str(&openapi::to_yaml(&doc).unwrap()).unwrap();
    let from_json: serde_json::Value = serde_json::from_str(&openapi::to_json(&doc).unwrap()).unwrap();
    assert_eq!(from_yaml, from_json);
}
