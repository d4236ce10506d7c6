//! The five seed pages (both generations of the format) read into facts and a model.

mod common;

use mdapi::extract::{PageKind, PermissionKind};

fn seeds() -> mdapi::Workspace {
    let dir = common::shared().join("seeds");
    let mut pages = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir).expect("shared/seeds").map(|e| e.unwrap().path()).collect();
    names.sort();
    for p in names {
        let text = std::fs::read_to_string(&p).unwrap();
        pages.push(mdapi::SourceFile::from_text(&format!("seeds/{}", p.file_name().unwrap().to_string_lossy()), text));
    }
    assert_eq!(pages.len(), 5);
    mdapi::Workspace::from_files(pages, &mdapi::Limits::default())
}

#[test]
fn all_ten_declared_operations_are_extracted() {
    let ws = seeds();
    let counts: Vec<usize> = ws.pages.iter().map(|p| p.facts.operations.len()).collect();
    assert_eq!(counts, vec![1, 2, 4, 1, 2]);
    assert!(ws.pages.iter().all(|p| p.facts.kind == PageKind::Api));
    let first = &ws.pages[0].facts.operations[0];
    assert_eq!(first.method, "POST");
    assert!(first.path.ends_with("/attachments/$ref"), "{}", first.path);
    // 2015/16 angle placeholders become braces with names.
    let old = &ws.pages[1].facts.operations[0];
    assert!(!old.path.contains('<') && old.path.contains('{'), "{}", old.path);
    let alt = &ws.pages[4].facts.operations[1];
    assert!(alt.path_params.iter().any(|p| p.alternatives.len() == 2), "{alt:?}");
}

#[test]
fn examples_are_paired() {
    let ws = seeds();
    let pairs: Vec<usize> = ws
        .pages
        .iter()
        .map(|p| p.facts.examples.iter().filter(|e| e.request.is_some() && e.response.is_some()).count())
        .collect();
    assert_eq!(pairs, vec![1, 2, 1, 1, 2]);
    let ex = &ws.pages[0].facts.examples[0];
    let req = ex.request.as_ref().unwrap();
    assert_eq!(req.method, "POST");
    assert!(req.body.as_ref().unwrap().json.is_some());
    assert_eq!(ex.response.as_ref().unwrap().status, Some(201));
    // Seed 004's `HTTP 201 Created` still yields the code, with a diagnostic.
    let old = &ws.pages[4].facts.examples[0];
    assert_eq!(old.response.as_ref().unwrap().status, Some(201));
    assert!(ws.diagnostics.iter().any(|d| d.file.starts_with("seeds/004") && d.code == "MD212"));
}

#[test]
fn property_tables_and_permissions_are_read() {
    let ws = seeds();
    let rows: Vec<usize> =
        ws.pages.iter().map(|p| p.facts.request_body.as_ref().map_or(0, |b| b.properties.len())).collect();
    assert_eq!(rows, vec![6, 0, 6, 6, 0]);
    let body = ws.pages[2].facts.request_body.as_ref().unwrap();
    assert_eq!(body.properties[4].name, "size");
    // 2015/16 prerequisites prose.
    let p = &ws.pages[4].facts.permissions;
    assert_eq!(p[0].kind, PermissionKind::Unspecified);
    assert_eq!(p[0].scopes, vec!["Mail.ReadWrite"]);
    // TODO scopes are reported.
    let todo = ws.diagnostics.iter().filter(|d| d.code == "MD226").count();
    assert!(todo >= 8, "{todo}");
    // Responses in prose.
    assert_eq!(ws.pages[1].facts.response.as_ref().unwrap().statuses, vec![201]);
}

#[test]
fn the_model_merges_the_seeds() {
    let ws = seeds();
    let (model, _) = ws.model();
    assert_eq!(model.stats.declarations, 10);
    // Seeds 1 and 2 both declare the group-post operation, seeds 2 and 4 the user-message one.
    assert_eq!(model.operations.len(), 8);
    let shared: Vec<usize> = model.operations.iter().map(|o| o.sources.len()).filter(|&n| n > 1).collect();
    assert_eq!(shared, vec![2, 2]);
    assert!(model.operations.iter().all(|o| !o.sources.is_empty()));
}
