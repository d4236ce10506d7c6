//! The corpus survey's 25 hard cases (and runners-up), as fixtures of the same shape written for
//! this project: a snapshot of each page's facts and diagnostics.

mod common;

use serde::Serialize;

#[derive(Serialize)]
struct Snapshot {
    facts: mdapi::extract::DocFacts,
    diagnostics: Vec<String>,
}

#[test]
fn hard_case_facts() {
    insta::glob!("fixtures/hard/[0-9][0-9]-*.md", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        // Resource and enum fixtures live in `resources/`, as in the docs convention.
        let folder =
            if text.contains("resourcePageType") || text.contains("enumPageType") { "resources" } else { "api" };
        let name = format!("{folder}/{}", path.file_name().unwrap().to_string_lossy());
        let ws = common::workspace(&[(&name, &text)]);
        let page = &ws.pages[0];
        let snapshot =
            Snapshot { facts: page.facts.clone(), diagnostics: common::diagnostic_lines(&ws, &ws.diagnostics) };
        insta::assert_yaml_snapshot!(snapshot);
    });
}
