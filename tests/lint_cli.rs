//! `mdapi lint` as CI runs it: exit codes, baselines, fixes and colour, through the binary.

mod common;

use std::path::Path;
use std::process::Command;

fn mdapi() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mdapi"));
    c.env_remove("MDAPI_OUTPUT_FORMAT");
    c
}

/// A scratch copy of one rule's bad fixture.
fn scratch(code: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint").join(code).join("bad");
    common::copy_dir(&from, &dir.path().join("docs"));
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = mdapi().current_dir(dir).arg("lint").arg("docs").args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn exit_codes_follow_fail_on() {
    let dir = scratch("MD212"); // One warning, no error.
    assert_eq!(run(dir.path(), &["--output-format", "concise"]).0, 0);
    let (code, out) = run(dir.path(), &["--output-format", "concise", "--fail-on", "warning"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("docs/api/widget-create.md:"), "paths are relative to the current directory: {out}");
    assert_eq!(run(dir.path(), &["--fail-on", "warning", "--exit-zero"]).0, 0);
    assert_eq!(run(dir.path(), &["--select", "no-such-rule"]).0, 2);
    assert_eq!(run(dir.path(), &["--fail-on", "loud"]).0, 2);
    std::fs::write(dir.path().join("mdapi.toml"), "[lint]\nselect = 3\n").unwrap();
    assert_eq!(run(dir.path(), &[]).0, 2, "a broken config is a usage error");
}

#[test]
fn baseline_round_trip() {
    let dir = scratch("MD530");
    let (code, _) = run(dir.path(), &["--baseline", "base.json", "--update-baseline"]);
    assert_eq!(code, 0);
    let (code, out) = run(dir.path(), &["--baseline", "base.json", "--output-format", "json", "--fail-on", "info"]);
    assert_eq!((code, out.trim()), (0, "[]"));
    // A new finding elsewhere in the page is reported; the known one stays hidden.
    let page = dir.path().join("docs/api/widget-create.md");
    let text = std::fs::read_to_string(&page).unwrap().replace("HTTP/1.1 201 Created", "HTTP 201 Created");
    std::fs::write(&page, text).unwrap();
    let (code, out) = run(dir.path(), &["--baseline", "base.json", "--output-format", "concise", "--fail-on", "info"]);
    assert_eq!(code, 1);
    assert!(out.contains("MD212") && !out.contains("MD530"), "{out}");
}

#[test]
fn fix_rewrites_placeholders_and_relints() {
    let dir = scratch("MD537");
    let (_, diff) = run(dir.path(), &["--diff", "--output-format", "concise"]);
    assert!(diff.contains("-POST https://graph.microsoft.com/v1.0/users/<user-id>/widgets"), "{diff}");
    assert!(diff.contains("+POST https://graph.microsoft.com/v1.0/users/{user-id}/widgets"), "{diff}");
    let page = dir.path().join("docs/api/widget-create.md");
    assert!(std::fs::read_to_string(&page).unwrap().contains("<user-id>"), "--diff writes nothing");
    let (code, out) = run(dir.path(), &["--fix", "--output-format", "concise", "--fail-on", "info"]);
    assert!(!out.contains("MD537"), "the fixed page is linted again: {out}");
    assert_eq!(code, 0, "{out}");
    let fixed = std::fs::read_to_string(&page).unwrap();
    assert!(fixed.contains("/users/{user-id}/widgets") && !fixed.contains("<user-id>"));
}

#[test]
fn full_output_has_no_colour_when_piped() {
    let dir = scratch("MD212");
    let (_, out) = run(dir.path(), &[]);
    assert!(out.contains("warning[MD212]") && !out.contains('\u{1b}'), "{out}");
}
