//! Properties that hold for any Markdown (issue 7): pages built from convention-shaped fragments
//! (front matter, `HTTP request` sections, fences, annotations with broken JSON, ragged tables,
//! placeholders, control characters) go through parse → extract → model → OpenAPI → Rust without
//! a panic; every span lies inside its file on character boundaries; `dump` output is
//! deterministic (and independent of page order); the OpenAPI passes the emitter's own check and
//! the Rust renders (the renderer parses it with `syn` and errors if it does not parse).
//!
//! Short by default (64 cases, part of `cargo test`). Long-run mode: set
//! `MDAPI_PROPTEST_CASES=<n>` (e.g. `MDAPI_PROPTEST_CASES=100000 cargo test --release --test
//! properties`); `.ci/fuzz` runs it for a given time.

use mdapi::emit::openapi::{self, OpenApiOptions};
use mdapi::{Limits, SourceFile, Span, Workspace};
use proptest::prelude::*;

/// Cases per property: `MDAPI_PROPTEST_CASES`, else a short run.
fn cases() -> u32 {
    std::env::var("MDAPI_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
}

/// A short word, sometimes hostile: path syntax, Rust keywords, unicode, control characters.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z][a-zA-Z0-9]{0,8}",
        1 => Just("type".to_string()),
        1 => Just("self".to_string()),
        1 => Just("../../evil".to_string()),
        1 => Just("a/b\\c".to_string()),
        1 => Just("é中🙂".to_string()),
        1 => Just("\u{0}\u{7}\u{1b}[31m".to_string()),
        1 => Just("r#x".to_string()),
        1 => "\\PC{0,6}",
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ]
}

/// A request path: segments, `{id}` and `<id>` placeholders, function-call syntax, junk.
fn path() -> impl Strategy<Value = String> {
    let seg = prop_oneof![
        3 => word(),
        1 => word().prop_map(|w| format!("{{{w}}}")),
        1 => word().prop_map(|w| format!("{{{w}-id}}")),
        1 => word().prop_map(|w| format!("<{w}>")),
        1 => word().prop_map(|w| format!("{w}(key='{{k}}')")),
        1 => Just(String::new()),
    ];
    prop::collection::vec(seg, 0..5).prop_map(|s| format!("/{}", s.join("/")))
}

/// A table: header, separator (sometimes missing), rows with ragged cell counts and pipes.
fn table() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        3 => word(),
        1 => Just("String".to_string()),
        1 => Just("[microsoft.graph.user](user.md) collection".to_string()),
        1 => Just("Int32".to_string()),
        1 => Just("a \\| b".to_string()),
        1 => Just("`x|y`".to_string()),
        1 => Just(String::new()),
    ];
    let row = prop::collection::vec(cell, 0..6).prop_map(|c| format!("| {} |", c.join(" | ")));
    (
        prop_oneof![Just("| Property | Type | Description |"), Just("| Parameter | Type |"), Just("|Name|Value|")],
        any::<bool>(),
        prop::collection::vec(row, 0..6),
    )
        .prop_map(|(head, sep, rows)| {
            let sep = if sep { "|:---|:---|---|\n" } else { "" };
            format!("{head}\n{sep}{}\n", rows.join("\n"))
        })
}

/// An annotation comment, valid or broken JSON.
fn annotation() -> impl Strategy<Value = String> {
    prop_oneof![
        (word(), any::<bool>()).prop_map(|(n, c)| format!(
            "<!-- {{ \"blockType\": \"request\", \"name\": \"{n}\", \"isCollection\": {c} }} -->"
        )),
        word().prop_map(|t| format!(
            "<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.{t}\", \"truncated\": true }} -->"
        )),
        word().prop_map(|t| format!("<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{t}\", \"keyProperty\": \"id\" }} -->")),
        Just("<!-- { \"blockType\": \"request\", \"name\": -->".to_string()),
        Just("<!-- { blockType: 'ignored', } -->".to_string()),
        Just("<!-- {".to_string()),
        "\\PC{0,20}".prop_map(|s| format!("<!-- {{ {s} }} -->")),
    ]
}

/// A fence: `http` request lines, `json` bodies (sometimes broken), sometimes unclosed.
fn fence() -> impl Strategy<Value = String> {
    let method = prop_oneof![Just("GET"), Just("POST"), Just("PATCH"), Just("DELETE"), Just("PUT"), Just("get")];
    let http = prop::collection::vec((method, path()), 0..4).prop_map(|lines| {
        let body: Vec<String> = lines.into_iter().map(|(m, p)| format!("{m} {p}")).collect();
        format!("```http\n{}\n```", body.join("\n"))
    });
    let json = prop_oneof![
        word().prop_map(|w| format!("```json\n{{\n  \"{w}\": \"x\",\n  \"id\": 1\n}}\n```")),
        word().prop_map(|t| format!(
            "```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\n  \"@odata.type\": \"#microsoft.graph.{t}\",\n  \"value\": [\n```"
        )),
        "\\PC{0,30}".prop_map(|s| format!("```json\n{s}\n```")),
        Just("```json\n{ \"a\": [1, 2,\n".to_string()),
    ];
    prop_oneof![3 => http, 2 => json]
}

/// A heading from the convention's vocabulary, or a random one.
fn heading() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("## HTTP request".to_string()),
        Just("## Properties".to_string()),
        Just("## Relationships".to_string()),
        Just("## Methods".to_string()),
        Just("## Request body".to_string()),
        Just("## Response".to_string()),
        Just("### Request".to_string()),
        Just("## Optional query parameters".to_string()),
        Just("## Permissions".to_string()),
        Just("## JSON representation".to_string()),
        word().prop_map(|w| format!("# {w} resource type")),
        word().prop_map(|w| format!("# Get {w}")),
        (1..8usize, word()).prop_map(|(n, w)| format!("{} {w}", "#".repeat(n))),
    ]
}

/// Any one fragment of a page.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => heading(),
        3 => fence(),
        2 => table(),
        2 => annotation(),
        2 => "\\PC{0,40}",
        1 => any::<String>().prop_map(|s| s.chars().take(40).collect()),
        1 => Just("<!-- unclosed comment".to_string()),
        1 => Just("- item\n  - nested\n    > quote".to_string()),
        1 => Just("# [!INCLUDE [x](../includes/x.md)]".to_string()),
        1 => Just("---\ntitle: x\n---".to_string()),
    ]
}

/// A whole page: maybe front matter, then fragments joined by one or two newlines (or \r\n).
fn page() -> impl Strategy<Value = String> {
    (
        prop::option::of(word()),
        prop::collection::vec(fragment(), 0..14),
        prop_oneof![Just("\n\n"), Just("\n"), Just("\r\n\r\n")],
    )
        .prop_map(|(title, frags, sep)| {
            let mut text = match title {
                Some(t) => format!("---\ntitle: \"{t}\"\ndoc_type: apiPageType\n---\n\n"),
                None => String::new(),
            };
            text.push_str(&frags.join(sep));
            text
        })
}

/// A doc set of a few pages (names unique, `api/` and `resources/` as in the corpus).
fn pages() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(page(), 1..5).prop_map(|texts| {
        texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| (format!("{}/p{i}.md", if i % 2 == 0 { "api" } else { "resources" }), t))
            .collect()
    })
}

fn load(pages: &[(String, String)]) -> Workspace {
    let files = pages.iter().map(|(rel, text)| SourceFile::from_text(rel, text.as_str())).collect();
    Workspace::from_files(files, &Limits::default())
}

/// Fails unless `span` lies inside `text` with both ends on char boundaries.
fn span_ok(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    let problem = span.problem_in(text);
    prop_assert!(problem.is_none(), "{what}: {}", problem.unwrap_or_default());
    Ok(())
}

/// The `dump facts` and `dump model` JSON of a workspace (pages in path order, as `dump` prints).
fn dump(ws: &Workspace) -> (String, String) {
    let facts: Vec<String> = ws.pages.iter().map(|p| serde_json::to_string(&p.facts).unwrap()).collect();
    let (model, diags) = ws.model();
    let model_json = serde_json::to_string(&model).unwrap();
    let diags: Vec<String> =
        diags.iter().map(|d| format!("{}:{:?}:{}:{}", d.file, d.span, d.code, d.message)).collect();
    (facts.join("\n"), format!("{model_json}\n{}", diags.join("\n")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Spans of blocks and diagnostics (pages' and model's) lie inside their files.
    #[test]
    fn spans_lie_inside_their_files_on_char_boundaries(pages in pages()) {
        let ws = load(&pages);
        for page in &ws.pages {
            let text = &page.source.text;
            for block in &page.document().blocks {
                span_ok(text, block.span(), &format!("{} block", page.source.rel))?;
            }
        }
        let (_, model_diags) = ws.model();
        for d in ws.diagnostics.iter().chain(&model_diags) {
            let file = ws.file(&d.file);
            prop_assert!(file.is_some() || d.span == Span::default(), "{} points into unknown {}", d.code, d.file);
            if let Some(f) = file {
                span_ok(&f.text, d.span, &format!("{} {}", d.code, d.message))?;
            }
        }
    }

    /// `dump` is the same on a second run and with the pages given in reverse order.
    #[test]
    fn dump_is_deterministic_and_independent_of_page_order(pages in pages()) {
        let first = dump(&load(&pages));
        prop_assert_eq!(&first, &dump(&load(&pages)));
        let reversed: Vec<_> = pages.iter().rev().cloned().collect();
        prop_assert_eq!(&first, &dump(&load(&reversed)));
    }

    /// The whole generate step succeeds: the OpenAPI passes its own check, the Rust parses.
    #[test]
    fn generated_openapi_checks_and_rust_parses(pages in pages()) {
        let ws = load(&pages);
        let (model, _) = ws.model();
        let generated = openapi::generate(&ws, &model, &OpenApiOptions::default());
        let json = serde_json::to_value(&generated.document).unwrap();
        let report = openapi::check::check(&json);
        prop_assert!(report.is_ok(), "{report:?}");
        // `render` parses every file with `syn` and returns an error when one does not parse.
        let rendered = mdapi::emit::rust::render(&model, &Default::default());
        prop_assert!(rendered.is_ok(), "{:?}", rendered.err());
        let generation = mdapi::generate::generate(&ws, &OpenApiOptions::default());
        prop_assert!(generation.is_ok(), "{:?}", generation.err());
        for f in &generation.unwrap().files {
            prop_assert!(mdapi::output::confined(std::path::Path::new("out"), &f.path).is_ok(), "{}", f.path);
        }
    }
}

/// Found by the properties: an example URL whose first segment starts with a multi-byte char
/// sliced `&first[..1]` inside it (a panic in the model stage). Kept as a regression test.
#[test]
fn a_path_starting_with_a_multibyte_char_is_no_panic() {
    for seg in ["é中🙂(key='{k}')", "Σ"] {
        let text = format!("```http\nGET /\n```\n\n## Properties\n\n```http\nGET /{seg}\n```");
        let ws = load(&[("api/p.md".to_string(), text)]);
        let (model, _) = ws.model();
        assert!(!model.operations.is_empty());
        assert!(mdapi::generate::generate(&ws, &OpenApiOptions::default()).is_ok());
    }
}
