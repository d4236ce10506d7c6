//! `mdapi generate --check` through the binary: passes on fresh outputs, fails on stale or
//! missing ones naming them, and never writes.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary with its incremental cache in a folder of this test process (not the
/// working directory's `.mdapi-cache/`, which the developer's own runs use).
fn mdapi(args: &[&str]) -> Output {
    let cache = std::env::temp_dir().join(format!("mdapi-test-cache-{}", std::process::id()));
    Command::new(env!("CARGO_BIN_EXE_mdapi")).args(args).env("MDAPI_CACHE_DIR", cache).output().unwrap()
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

#[test]
fn the_cache_serves_unchanged_pages_survives_corruption_and_is_optional() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
    let tmp = tempfile::tempdir().unwrap();
    let (docs, out, cache) = (tmp.path().join("docs"), tmp.path().join("out"), tmp.path().join("cache"));
    for entry in walkdir::WalkDir::new(&source).into_iter().filter_map(Result::ok) {
        let to = docs.join(entry.path().strip_prefix(&source).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
    let pages = walkdir::WalkDir::new(&docs)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    let (d, o, c) = (docs.to_str().unwrap(), out.to_str().unwrap(), cache.to_str().unwrap());
    let run = |extra: &[&str]| {
        let mut args = vec!["generate", d, "--out", o, "--cache-dir", c];
        args.extend_from_slice(extra);
        let o = mdapi(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        stderr(&o)
    };
    assert!(run(&[]).contains(&format!("; 0 of {pages} pages from the cache")));
    let first = fs::read(out.join("openapi.yaml")).unwrap();
    assert!(run(&[]).contains(&format!("; {pages} of {pages} pages from the cache")));
    // An edited page is parsed again, the others come from the cache.
    let page = docs.join("api/message-get.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text.replacen("\n# ", "\n# Edited: ", 1)).unwrap();
    assert!(run(&[]).contains(&format!("; {} of {pages} pages from the cache", pages - 1)));
    // A damaged cache file is reported, ignored and rebuilt; the outputs are those of a fresh run.
    let shard =
        walkdir::WalkDir::new(&cache).into_iter().filter_map(Result::ok).find(|e| e.file_type().is_file()).unwrap();
    let mut bytes = fs::read(shard.path()).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    fs::write(shard.path(), bytes).unwrap();
    let err = run(&[]);
    assert!(err.contains("cache file(s) in") && err.contains("do not match their checksum"), "{err}");
    let cached = fs::read(out.join("openapi.yaml")).unwrap();
    fs::write(&page, &text).unwrap();
    run(&[]);
    assert_eq!(fs::read(out.join("openapi.yaml")).unwrap(), first, "back to the first outputs");
    assert_ne!(cached, first);
    // A cache folder that cannot be used costs time, not the run: the outputs are written and
    // the problem is named.
    let blocked = tmp.path().join("blocked");
    fs::write(&blocked, "a file, not a folder").unwrap();
    let blocked_run = mdapi(&["generate", d, "--out", o, "--cache-dir", blocked.to_str().unwrap()]);
    assert!(blocked_run.status.success(), "{}", stderr(&blocked_run));
    assert!(stderr(&blocked_run).contains("warning: cache not saved"), "{}", stderr(&blocked_run));
    assert_eq!(fs::read(out.join("openapi.yaml")).unwrap(), first);
    // `--no-cache` neither reads nor writes it; `--check` does not write it.
    fs::remove_dir_all(&cache).unwrap();
    assert!(!run(&["--no-cache"]).contains("from the cache"));
    assert!(!cache.exists());
    run(&["--check"]);
    assert!(!cache.exists(), "--check writes nothing, the cache included");
}
