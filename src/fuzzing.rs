//! The checks behind the coverage-guided fuzz targets (`fuzz/`) and their regression tests
//! (`tests/fuzz_regressions.rs`): each function takes arbitrary bytes, runs one part of mdapi on
//! them and **panics** when an invariant does not hold, which is what a fuzzer reports. Kept in
//! the library so a stored crash input is re-checked by `cargo test` with exactly the fuzzer's
//! assertions. Not a stable API.

use std::path::Path;

use serde_json::Value;

use crate::emit::openapi::{self, OpenApiOptions};
use crate::extract::request_line::{self, RequestLine};
use crate::source::{Limits, SourceFile, Span};
use crate::syntax::lenient_json::{self, LenientJson, RepairKind};
use crate::{Workspace, model};

/// Separates the pages of one input in the multi-page targets (ASCII record separator: one byte
/// a fuzzer inserts easily, and meaningless in Markdown).
pub const PAGE_SEPARATOR: char = '\u{1e}';

/// Most pages one input is split into.
pub const MAX_PAGES: usize = 4;

/// Bytes as text the way the reader decodes a file (invalid UTF-8 replaced).
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Up to [`MAX_PAGES`] pages split at [`PAGE_SEPARATOR`], named like the corpus (`api/`,
/// `resources/`), so pages of both kinds meet in one model.
pub fn split_pages(text: &str) -> Vec<(String, String)> {
    text.splitn(MAX_PAGES, PAGE_SEPARATOR)
        .enumerate()
        .map(|(i, t)| (format!("{}/p{i}.md", if i % 2 == 0 { "api" } else { "resources" }), t.to_string()))
        .collect()
}

fn workspace(pages: &[(String, String)]) -> Workspace {
    let files = pages.iter().map(|(rel, text)| SourceFile::from_text(rel, text.as_str())).collect();
    Workspace::from_files(files, &Limits::default())
}

/// Panics unless `span` lies inside `text` with both ends on char boundaries.
fn assert_span(text: &str, span: Span, what: &dyn std::fmt::Display) {
    if let Some(problem) = span.problem_in(text) {
        panic!("{what}: {problem}");
    }
}

/// `pipeline`: the input as one page, then split into up to four pages, through parse, extract
/// and model; every block and diagnostic span lies inside its file on char boundaries.
pub fn pipeline(data: &[u8]) {
    let text = text(data);
    let pages = split_pages(&text);
    check_spans(&[("api/page.md".to_string(), text.clone())]);
    if pages.len() > 1 {
        check_spans(&pages);
    }
}

fn check_spans(pages: &[(String, String)]) {
    let ws = workspace(pages);
    for page in &ws.pages {
        for block in &page.document().blocks {
            assert_span(&page.source.text, block.span(), &format_args!("{} block", page.source.rel));
        }
    }
    let (_, model_diags) = ws.model();
    for d in ws.diagnostics.iter().chain(&model_diags) {
        match ws.file(&d.file) {
            Some(f) => assert_span(&f.text, d.span, &format_args!("{} {} in {}", d.code, d.message, d.file)),
            None => {
                assert_eq!(d.span, Span::default(), "{} {} points into unknown file {:?}", d.code, d.message, d.file)
            }
        }
    }
}

/// `lenient_json`: the lenient reader (and its fallback alone) on arbitrary text with the default
/// limits. Repairs and errors are located on char boundaries; when serde_json accepts the text,
/// both give serde_json's value (repairs: only duplicate keys); a recovered value printed as
/// JSON reads back strictly as the same value.
pub fn lenient_json(data: &[u8]) {
    let text = text(data);
    let limits = lenient_json::Limits::default();
    let full = lenient_json::parse_with(&text, &limits);
    let fallback = lenient_json::lenient(&text, &limits);
    check_lenient(&text, &full, "parse_with");
    check_lenient(&text, &fallback, "lenient reader");
    if let Ok(strict) = serde_json::from_str::<Value>(&text) {
        assert_eq!(full.value.as_ref(), Some(&strict), "parse_with differs from serde_json");
        assert_eq!(fallback.value.as_ref(), Some(&strict), "the lenient reader differs from serde_json");
        for r in full.repairs.iter().chain(&fallback.repairs) {
            assert!(matches!(r.kind, RepairKind::DuplicateKey(_)), "repair {r:?} of strict JSON");
        }
    }
    if let Some(value) = &full.value {
        let printed = serde_json::to_string(value).expect("a value prints");
        let again = lenient_json::parse_with(&printed, &limits);
        assert_eq!(again.value.as_ref(), Some(value), "printed value reads back differently: {printed}");
        assert!(again.repairs.is_empty(), "printed value needs repairs: {:?}", again.repairs);
    }
}

fn check_lenient(text: &str, r: &LenientJson, what: &str) {
    assert!(r.value.is_some() != r.error.is_some(), "{what}: value xor error: {r:?}");
    for repair in &r.repairs {
        assert_span(text, Span { start: repair.start, end: repair.end }, &format_args!("{what} {:?}", repair.kind));
    }
    if let Some(e) = &r.error {
        assert_span(text, Span::at(e.offset), &format_args!("{what} error {}", e.message));
    }
}

/// Most lines of one input read by `path_template` (each is read in linear time; the cap keeps
/// an input of many short lines from being slow for the fuzzer).
const MAX_LINES: usize = 256;

/// `path_template`: each line through the request-line parser and the model's path functions
/// (merge key, example path, match score). Located things lie on the line's char boundaries;
/// parameter names are unique, non-empty, of `[A-Za-z0-9._-]` and appear in the path.
pub fn path_template(data: &[u8]) {
    let text = text(data);
    for line in text.split('\n').take(MAX_LINES) {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(r) = request_line::parse_request_line(line) {
            check_request_line(line, &r);
            let _ = model::paths::path_key(&r.path);
            let example = model::paths::example_path(&r.written);
            let _ = model::paths::match_score(&r.path, &example);
            assert!(model::paths::match_score(&r.path, &r.path).is_some(), "{:?} does not match itself", r.path);
        }
        let example = model::paths::example_path(line);
        assert!(example.starts_with('/'), "example path {example:?} of {line:?}");
        let _ = model::paths::path_key(line);
        let _ = model::paths::match_score(line, &example);
    }
}

fn check_request_line(line: &str, r: &RequestLine) {
    let end = r.written_start + r.written.len();
    assert!(
        line.get(r.written_start..end) == Some(r.written.as_str()),
        "written {:?} at {} is not the line's text",
        r.written,
        r.written_start
    );
    for issue in &r.issues {
        assert_span(line, Span { start: issue.start, end: issue.end }, &format_args!("{:?}", issue.kind));
    }
    let mut seen = std::collections::HashSet::new();
    for p in &r.params {
        assert!(!p.name.is_empty(), "empty parameter name in {:?}", r.path);
        assert!(
            p.name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')),
            "parameter name {:?} outside [A-Za-z0-9._-]",
            p.name
        );
        assert!(seen.insert(p.name.as_str()), "parameter name {:?} twice in {:?}", p.name, r.path);
        assert!(r.path.contains(&format!("{{{}}}", p.name)), "parameter {:?} not in {:?}", p.name, r.path);
    }
}

/// `generate`: a doc set of up to four pages through the whole generate step (OpenAPI and Rust).
/// It succeeds; the OpenAPI passes the emitter's own check, its YAML says what its JSON says;
/// every Rust file parses with `syn`; every output path stays inside the output folder.
pub fn generate(data: &[u8]) {
    let ws = workspace(&split_pages(&text(data)));
    let generation = crate::generate::generate(&ws, &OpenApiOptions::default()).expect("generate succeeds");
    let file = |name: &str| generation.files.iter().find(|f| f.path == name).map(|f| f.contents.text());
    let json: Value = serde_json::from_str(&file("openapi.json").expect("openapi.json")).expect("openapi.json parses");
    let report = openapi::check::check(&json);
    assert!(report.is_ok(), "OpenAPI check: {report:?}");
    let yaml: Value = serde_yaml::from_str(&file("openapi.yaml").expect("openapi.yaml")).expect("openapi.yaml parses");
    assert!(yaml == json, "openapi.yaml and openapi.json differ");
    for f in &generation.files {
        assert!(crate::output::confined(Path::new("out"), &f.path).is_ok(), "output path {:?} escapes", f.path);
        if f.path.ends_with(".rs")
            && let Err(e) = syn::parse_file(&f.contents.text())
        {
            panic!("{} does not parse: {e} at {:?}", f.path, e.span().start());
        }
    }
}
