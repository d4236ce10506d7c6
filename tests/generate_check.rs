//! `mdapi generate --check` through the binary: passes on fresh outputs, fails on stale or
//! missing ones naming them, and never writes.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn mdapi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mdapi")).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_passes_on_fresh_outputs_and_reports_stale_ones_without_writing() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (docs, out_s) = (docs.to_str().unwrap(), out.to_str().unwrap());

    let o = mdapi(&["generate", docs, "--out", out_s, "--check"]);
    assert_eq!(o.status.code(), Some(1), "missing outputs are stale: {}", stderr(&o));
    assert!(stderr(&o).contains("openapi.yaml: missing"), "{}", stderr(&o));
    assert!(!out.exists(), "--check writes nothing");

    let o = mdapi(&["generate", docs, "--out", out_s]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = mdapi(&["generate", docs, "--out", out_s, "--check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("stale:"), "{}", stderr(&o));

    let json = out.join("openapi.json");
    let edited = fs::read_to_string(&json).unwrap().replacen("\"openapi\": \"3.0.3\"", "\"openapi\": \"3.0.0\"", 1);
    fs::write(&json, &edited).unwrap();
    let o = mdapi(&["generate", docs, "--out", out_s, "--check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("stale: ") && err.contains("openapi.json: differs from line 2"), "{err}");
    assert!(!err.contains("openapi.yaml: "), "only the changed file is named: {err}");
    assert_eq!(fs::read_to_string(&json).unwrap(), edited, "--check writes nothing");
}

#[test]
fn verify_prints_the_reference_check_as_json() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
    let tmp = tempfile::tempdir().unwrap();
    let o = mdapi(&["generate", docs.to_str().unwrap(), "--out", tmp.path().to_str().unwrap(), "--verify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["check"]["unresolved_refs"], serde_json::json!([]));
    assert!(v["stats"]["operations"].as_u64().unwrap() > 0);
}

#[test]
fn no_progress_bar_in_a_pipe_and_nothing_at_all_with_quiet() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
    let tmp = tempfile::tempdir().unwrap();
    let (docs, out) = (docs.to_str().unwrap(), tmp.path().to_str().unwrap());
    let o = mdapi(&["generate", docs, "--out", out]);
    assert!(o.status.success());
    assert!(stderr(&o).starts_with("mdapi: wrote openapi.yaml and openapi.json"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("reading"), "no bar when stderr is a pipe: {}", stderr(&o));
    let o = mdapi(&["generate", docs, "--out", out, "--quiet"]);
    assert!(o.status.success());
    assert_eq!(stderr(&o), "");
}
