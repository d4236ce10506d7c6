//! Hostile input never panics and never stops the run: each problem is a diagnostic.

mod common;

use std::fs;

use mdapi::{Limits, Workspace};

fn codes(ws: &Workspace) -> Vec<&str> {
    ws.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn bad_files_become_diagnostics_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let api = dir.path().join("api");
    fs::create_dir(&api).unwrap();
    fs::write(api.join("empty.md"), "").unwrap();
    fs::write(api.join("binary.md"), b"\x00\x01\x02PNG").unwrap();
    fs::write(api.join("latin1.md"), b"# Caf\xe9\n\n## HTTP request\n\n```http\nGET /caf\xe9\n```\n").unwrap();
    fs::write(api.join("good.md"), "# Get\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n").unwrap();
    let limits = Limits { max_file_bytes: 1024, ..Limits::default() };
    fs::write(api.join("huge.md"), "a".repeat(4096)).unwrap();
    let ws = Workspace::load(dir.path(), &limits).unwrap();
    assert_eq!(ws.pages.len(), 5);
    let c = codes(&ws);
    for code in ["MD002", "MD003", "MD004"] {
        assert!(c.contains(&code), "{code} missing from {c:?}");
    }
    let good = ws.pages.iter().find(|p| p.source.rel == "api/good.md").unwrap();
    assert_eq!(good.facts.operations.len(), 1);
    let latin = ws.pages.iter().find(|p| p.source.rel == "api/latin1.md").unwrap();
    assert_eq!(latin.facts.operations.len(), 1);
}

#[test]
fn a_fifty_megabyte_file_is_refused_with_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.md");
    let f = fs::File::create(&big).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let ws = Workspace::load(dir.path(), &Limits::default()).unwrap();
    assert!(codes(&ws).contains(&"MD002"));
}

#[test]
fn deep_nesting_does_not_overflow() {
    for marker in ["- ", "> ", "1. "] {
        let mut text = String::new();
        for depth in 0..10_000 {
            text.push_str(&" ".repeat(if marker == "> " { 0 } else { depth.min(50) }));
            text.push_str(&marker.repeat(if marker == "> " { depth + 1 } else { 1 }));
            text.push_str("item\n");
        }
        let ws = common::workspace(&[("api/deep.md", &text)]);
        assert_eq!(ws.pages.len(), 1);
    }
    let deep_quote = format!("{}text\n", "> ".repeat(10_000));
    let ws = common::workspace(&[("api/q.md", &deep_quote)]);
    assert!(codes(&ws).contains(&"MD115"), "{:?}", codes(&ws));
    let deep_json = format!("<!-- {} -->\n", "[".repeat(10_000));
    let ws = common::workspace(&[("api/j.md", &format!("<!-- {{\"a\": {} -->\n", "[".repeat(10_000)))]);
    assert!(codes(&ws).contains(&"MD111"), "{:?}", codes(&ws));
    let _ = deep_json;
}

#[test]
fn unclosed_fences_and_comments_are_reported() {
    let ws = common::workspace(&[
        ("api/fence.md", "# X\n\n## HTTP request\n\n```http\nGET /a\n"),
        ("api/comment.md", "# X\n\n<!-- {\"blockType\": \"ignored\"\n\n## HTTP request\n```http\nGET /b\n```\n"),
    ]);
    let c = codes(&ws);
    assert!(c.contains(&"MD113"), "{c:?}");
    assert!(c.contains(&"MD112"), "{c:?}");
    let fence = ws.pages.iter().find(|p| p.source.rel == "api/fence.md").unwrap();
    assert_eq!(fence.facts.operations.len(), 1);
    // What an unclosed comment hides is not read.
    let comment = ws.pages.iter().find(|p| p.source.rel == "api/comment.md").unwrap();
    assert!(comment.facts.operations.is_empty());
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("api");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("a.md"), "# A\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    let ws = Workspace::load(dir.path(), &Limits::default()).unwrap();
    assert_eq!(ws.pages.len(), 1);
    let loop_diag = ws.diagnostics.iter().find(|d| d.code == "MD001").expect("loop reported");
    assert!(loop_diag.message.contains("loop"), "{}", loop_diag.message);
}

#[test]
fn arbitrary_bytes_never_panic_and_spans_stay_in_bounds() {
    // A deterministic mix of the constructs the parser meets, cut at every kind of boundary.
    let pieces = [
        "---\ntitle: x\n---\n",
        "# T\n",
        "## HTTP request\n",
        "<!-- { \"blockType\": \"request\", -->\n",
        "```http\n",
        "GET /a/{id}/b(x='{y}')\n",
        "```\n",
        "|a|b|\n|-|-|\n|`x|y`|é|\n",
        "HTTP/1.1 200 OK\n",
        "{\"a\": [1,\n",
        "é\u{a0}\n",
        "<!--",
        "-->",
        "> ",
        "- ",
        "\n\n",
    ];
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..40 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let ws = common::workspace(&[("api/r.md", &text)]);
        let len = text.len();
        for d in &ws.diagnostics {
            assert!(d.span.start <= d.span.end && d.span.end <= len, "{d:?}");
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end), "{d:?}");
        }
        let (_model, _d) = ws.model();
    }
}
