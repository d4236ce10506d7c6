//! The input limits through the binary: `[limits]` of `mdapi.toml` and the `--max-file-size` /
//! `--max-nesting` flags that override it, on every command that reads docs.

use std::path::Path;
use std::process::Command;

/// Runs `mdapi ARGS` in `dir`: exit code, stdout, stderr.
fn mdapi(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mdapi"))
        .current_dir(dir)
        .env_remove("MDAPI_OUTPUT_FORMAT")
        .args(args)
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// `docs/` with the given pages and `docs/mdapi.toml` (which every command reads).
fn docs(config: &str, pages: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    for (rel, text) in pages {
        let path = docs.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::write(docs.join("mdapi.toml"), config).unwrap();
    dir
}

const SMALL: &str = "# Get thing\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n";

/// Every command's findings, as `path:line:col: CODE ...` lines, with the given extra flags.
fn findings(dir: &Path, flags: &[&str]) -> Vec<String> {
    let mut all = Vec::new();
    let (code, out, err) =
        mdapi(dir, &[&["lint", "docs", "--output-format", "concise", "--exit-zero"], flags].concat());
    assert_eq!(code, 0, "lint: {err}");
    all.push(out);
    let commands: [&[&str]; 3] = [
        &["dump", "facts", "docs", "--format", "json", "--diagnostics"],
        &["generate", "docs", "--out", "out", "--diagnostics", "-q"],
        &["rust", "docs", "--out", "out", "--diagnostics"],
    ];
    for command in commands {
        let (code, _, err) = mdapi(dir, &[command, flags].concat());
        assert_eq!(code, 0, "{command:?}: {err}");
        all.push(err);
    }
    all
}

#[test]
fn a_page_over_the_configured_size_is_skipped_and_named() {
    let big = format!("{SMALL}\n{}\n", "Prose. ".repeat(300));
    let config = "[lint]\nignore = [\"MD536\"]\n\n[limits]\nmax_file_bytes = 1000\n";
    let dir = docs(config, &[("api/big.md", &big), ("api/small.md", SMALL)]);
    for out in findings(dir.path(), &[]) {
        let line = out.lines().find(|l| l.contains("MD002")).unwrap_or_else(|| panic!("no MD002 in {out}"));
        assert!(line.starts_with("docs/api/big.md:"), "{line}");
        assert!(line.contains(&format!("file is {} bytes, over the limit of 1000 bytes", big.len())), "{line}");
        assert!(!out.contains("small.md:1:1: MD002"), "{out}");
    }
    // The flag overrides the file (`4K` = 4096 bytes, more than the page).
    for out in findings(dir.path(), &["--max-file-size", "4K"]) {
        assert!(!out.contains("MD002"), "{out}");
    }
    // And the flag alone, without the table.
    std::fs::write(dir.path().join("docs/mdapi.toml"), "").unwrap();
    for out in findings(dir.path(), &["--max-file-size", "1000"]) {
        assert!(out.contains("docs/api/big.md:1:1: MD002"), "{out}");
    }
}

#[test]
fn nesting_over_the_configured_depth_is_reported() {
    let page = format!(
        "{SMALL}\n> > > > > five quotes deep\n\n<!-- {{ \"blockType\": \"ignored\", \"a\": [[[[[1]]]]] }} -->\n\nText.\n"
    );
    let dir = docs("[limits]\nmax_nesting = 3\n", &[("api/deep.md", &page)]);
    for out in findings(dir.path(), &[]) {
        assert!(out.contains("docs/api/deep.md:9:7: MD115"), "{out}");
        assert!(out.contains("lists or block quotes nest deeper than 3 levels"), "{out}");
        assert!(out.contains("docs/api/deep.md:11:39: MD111"), "{out}");
        assert!(out.contains("nesting deeper than 3 levels"), "{out}");
    }
    for out in findings(dir.path(), &["--max-nesting", "8"]) {
        assert!(!out.contains("MD115") && !out.contains("MD111"), "{out}");
    }
}

#[test]
fn bad_limits_are_configuration_errors() {
    let commands: [&[&str]; 5] = [
        &["lint", "docs"],
        &["dump", "facts", "docs"],
        &["generate", "docs", "--out", "out"],
        &["rust", "docs", "--out", "out"],
        &["watch", "docs", "--out", "out"],
    ];
    for (config, says) in [
        ("[limits]\nmax_file_bytes = 0\n", "[limits] max_file_bytes must be from 1 to 1073741824 (1 GiB), not 0"),
        ("[limits]\nmax_nesting = 100000\n", "[limits] max_nesting must be from 1 to 512, not 100000"),
        ("[limits]\nmax_nesting = -2\n", "max_nesting"),
        ("[limits]\nmax_size = 10\n", "unknown field `max_size`"),
    ] {
        let dir = docs(config, &[("api/a.md", SMALL)]);
        for command in commands {
            let (code, _, err) = mdapi(dir.path(), command);
            assert_eq!(code, 2, "{command:?} with {config}: {err}");
            assert!(err.contains(says) && err.contains("mdapi.toml"), "{command:?}: {err}");
        }
    }
    let dir = docs("", &[("api/a.md", SMALL)]);
    for command in commands {
        for (flags, says) in [
            (["--max-nesting", "0"], "the depth must be from 1 to 512, not 0"),
            (["--max-file-size", "2G"], "the size must be from 1 to 1073741824 (1 GiB), not 2147483648"),
            (["--max-file-size", "16 furlongs"], "is not a size"),
        ] {
            let (code, _, err) = mdapi(dir.path(), &[command, &flags].concat());
            assert_eq!(code, 2, "{command:?} {flags:?}: {err}");
            assert!(err.contains(says), "{command:?} {flags:?}: {err}");
        }
    }
}

/// The largest accepted `max_nesting`, with JSON and Markdown nested just under it, runs every
/// command to the end in a debug build (deeper frames than release) on rayon's 2 MiB stacks.
#[test]
fn the_deepest_accepted_nesting_does_not_overflow_the_stack() {
    let max = mdapi::config::MAX_NESTING_LIMIT;
    let d = max - 2;
    let arr = format!("{}1{}", "[".repeat(d), "]".repeat(d));
    let obj = format!("{}1{}", "{\"a\":".repeat(d), "}".repeat(d));
    let mut page = format!(
        "# Get x\n\n## HTTP request\n<!-- {{ \"blockType\": \"request\", \"name\": \"get_x\", \"deep\": {arr} }} -->\n\
         ```http\nGET https://graph.microsoft.com/v1.0/x\n```\n\n\
         <!-- {{ \"blockType\": \"response\", \"truncated\": true }} -->\n\
         ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{obj}\n```\n\n```json\n{arr}\n```\n\n{}quote\n\n",
        "> ".repeat(d)
    );
    for i in 0..d {
        page.push_str(&format!("{}- item\n", "  ".repeat(i)));
    }
    let dir = docs("", &[("api/deep.md", &page)]);
    let max = max.to_string();
    let commands: [&[&str]; 5] = [
        &["generate", "docs", "--out", "out", "-q"],
        &["lint", "docs", "--exit-zero"],
        &["dump", "model", "docs"],
        &["dump", "facts", "docs"],
        &["rust", "docs", "--out", "out"],
    ];
    for command in commands {
        let (code, _, err) = mdapi(dir.path(), &[command, &["--max-nesting", &max]].concat());
        assert_eq!(code, 0, "{command:?}: {err}");
    }
}
