//! The linter end to end: every rule's fixtures, the seed defects, suppression comments,
//! baselines, configuration, and the machine output formats (SARIF schema, GitHub escaping).

mod common;

use std::path::{Path, PathBuf};

use mdapi::lint::{self, LintConfig, registry};
use mdapi::{Limits, Workspace};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint")
}

/// `path:line CODE message` for every finding of a doc tree.
fn lint_dir(dir: &Path) -> (Workspace, Vec<mdapi::Diagnostic>) {
    let ws = Workspace::load(dir, &Limits::default()).expect("fixture readable");
    // Every rule, the default-off ones included.
    let all = lint::config::LintToml { select: Some(vec!["ALL".into()]), ..Default::default() };
    let out = lint::lint(&ws, &LintConfig::build(all, None, "").unwrap());
    (ws, out.diagnostics)
}

/// Rules whose fixtures cannot be files in a repository; `tests/hostile.rs` triggers them.
const TESTED_IN_HOSTILE: &[&str] = &["MD001", "MD002"];

#[test]
fn every_rule_has_a_triggering_and_a_clean_fixture() {
    let mut missing = Vec::new();
    for rule in registry::all() {
        let code = rule.code.code;
        if TESTED_IN_HOSTILE.contains(&code) {
            let hostile =
                std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile.rs")).unwrap();
            assert!(hostile.contains(&format!("\"{code}\"")), "{code} is not tested in tests/hostile.rs");
            continue;
        }
        let dir = fixtures().join(code);
        if !dir.join("bad").is_dir() || !dir.join("good").is_dir() {
            missing.push(code);
            continue;
        }
        let (ws, bad) = lint_dir(&dir.join("bad"));
        assert!(bad.iter().any(|d| d.code == code), "{code}: bad fixture does not trigger it");
        let lines = common::diagnostic_lines(&ws, &bad);
        insta::with_settings!({ snapshot_suffix => code, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("lint_bad", lines.join("\n"));
        });
        let (ws, good) = lint_dir(&dir.join("good"));
        let hits = common::diagnostic_lines(&ws, &good.into_iter().filter(|d| d.code == code).collect::<Vec<_>>());
        assert!(hits.is_empty(), "{code}: good fixture triggers it: {hits:?}");
    }
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
}

#[test]
fn the_clean_fixture_has_no_findings() {
    let (ws, diags) = lint_dir(&fixtures().join("clean"));
    assert!(diags.is_empty(), "{:?}", common::diagnostic_lines(&ws, &diags));
}

fn seeds() -> Workspace {
    let dir = common::shared().join("seeds");
    let mut names: Vec<_> = std::fs::read_dir(&dir).expect("shared/seeds").map(|e| e.unwrap().path()).collect();
    names.sort();
    let pages = names
        .iter()
        .map(|p| {
            let rel = format!("seeds/{}", p.file_name().unwrap().to_string_lossy().replace(".txt", ".md"));
            mdapi::SourceFile::from_text(&rel, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    Workspace::from_files(pages, &Limits::default())
}

#[test]
fn every_seed_defect_is_reported() {
    let ws = seeds();
    let found: Vec<(String, usize, &str)> = lint::lint(&ws, &LintConfig::default())
        .diagnostics
        .iter()
        .map(|d| (d.file[6..9].to_string(), ws.file(&d.file).unwrap().line(d.span.start), d.code))
        .collect();
    // (seed, line, code): what a careful reviewer flags.
    let expected: &[(&str, usize, &str)] = &[
        // TODO permission cells.
        ("000", 21, "MD226"),
        ("000", 23, "MD226"),
        ("002", 20, "MD226"),
        ("002", 21, "MD226"),
        ("002", 22, "MD226"),
        ("003", 21, "MD226"),
        ("003", 22, "MD226"),
        ("003", 23, "MD226"),
        // TODO description cells and front matter.
        ("002", 50, "MD502"),
        ("002", 55, "MD502"),
        ("003", 47, "MD502"),
        ("003", 52, "MD502"),
        ("002", 4, "MD501"),
        ("002", 6, "MD501"),
        ("003", 4, "MD501"),
        ("003", 6, "MD501"),
        // Seed 000 declares `…/attachments/$ref`; its example posts to `…/attachments`.
        ("000", 68, "MD530"),
        // Empty descriptions in seed 000's request-body table.
        ("000", 48, "MD541"),
        ("000", 52, "MD541"),
        // Seed 001: Response prose says 201, examples say 200; `<id>` placeholders.
        ("001", 60, "MD532"),
        ("001", 101, "MD532"),
        ("001", 15, "MD204"),
        ("001", 16, "MD204"),
        ("001", 39, "MD537"),
        ("001", 82, "MD537"),
        ("001", 41, "MD536"),
        ("001", 84, "MD536"),
        ("001", 1, "MD101"),
        // Seed 002: type names used as values, and values contradicting the table.
        ("002", 78, "MD533"),
        ("002", 80, "MD533"),
        ("002", 81, "MD533"),
        ("002", 100, "MD533"),
        ("002", 103, "MD533"),
        ("002", 104, "MD533"),
        ("002", 80, "MD535"),
        ("002", 81, "MD535"),
        // Seeds 000, 002 and 003 share one example name (the first is kept).
        ("002", 72, "MD513"),
        ("003", 68, "MD513"),
        // Seed 004: `HTTP 201 Created`, legacy types, an undeclared path, a second API version.
        ("004", 57, "MD212"),
        ("004", 88, "MD212"),
        ("004", 40, "MD553"),
        ("004", 74, "MD553"),
        ("004", 70, "MD530"),
        ("004", 70, "MD531"),
        ("004", 1, "MD101"),
    ];
    let missing: Vec<_> =
        expected.iter().filter(|(s, l, c)| !found.iter().any(|(fs, fl, fc)| fs == s && fl == l && fc == c)).collect();
    assert!(missing.is_empty(), "not reported: {missing:?}\nfound: {found:?}");
}

#[test]
fn suppression_directives_hide_findings_and_unused_ones_are_reported() {
    let page = std::fs::read_to_string(fixtures().join("MD530/bad/api/widget-create.md")).unwrap();
    let ws = common::workspace(&[("api/a.md", &page)]);
    let codes = |ws: &Workspace| -> Vec<&'static str> {
        lint::lint(ws, &LintConfig::default()).diagnostics.iter().map(|d| d.code).collect()
    };
    assert!(codes(&ws).contains(&"MD530"));
    // The directive sits between the annotation and the fence: the annotation still applies.
    let ann_end = page.find("-->\n```http\nPOST https").unwrap() + 4;
    let with = |directive: &str| format!("{}{directive}\n{}", &page[..ann_end], &page[ann_end..]);
    let ws = common::workspace(&[("api/a.md", &with("<!-- mdapi-disable-next-line MD530 -->"))]);
    let c = codes(&ws);
    assert!(!c.contains(&"MD530") && !c.contains(&"MD590") && !c.contains(&"MD213"), "{c:?}");
    let ws = common::workspace(&[("api/a.md", &with("<!-- mdapi-disable-next-line MD536 -->"))]);
    assert!(codes(&ws).contains(&"MD590"));
    let ws = common::workspace(&[("api/a.md", &with("<!-- mdapi-disable-file -->"))]);
    assert!(codes(&ws).contains(&"MD591"));
    let ranged = format!(
        "<!-- mdapi-disable example-operation-undeclared -->\n{page}\n<!-- mdapi-enable example-operation-undeclared -->\n"
    );
    let ws = common::workspace(&[("api/a.md", &ranged)]);
    assert!(!codes(&ws).contains(&"MD530"));
}

#[test]
fn baseline_hides_known_findings_only() {
    let page = std::fs::read_to_string(fixtures().join("MD530/bad/api/widget-create.md")).unwrap();
    let ws = common::workspace(&[("api/a.md", &page)]);
    let diags = lint::lint(&ws, &LintConfig::default()).diagnostics;
    let items: Vec<_> = diags.iter().map(|d| (d, d.file.as_str(), page.as_str())).collect();
    let base = lint::baseline::Baseline::from_findings(items.iter().copied());
    // An unrelated edit above the finding moves it down; the baseline still matches.
    let edited = page.replacen("## Permissions", "A new paragraph.\n\n## Permissions", 1);
    let ws2 = common::workspace(&[("api/a.md", &edited)]);
    let diags2 = lint::lint(&ws2, &LintConfig::default()).diagnostics;
    let items2: Vec<_> = diags2.iter().map(|d| (d, d.file.as_str(), edited.as_str())).collect();
    assert!(base.new_findings(items2.iter().copied()).iter().all(|new| !new));
}

#[test]
fn sarif_output_validates_against_the_schema() {
    let (ws, diags) = lint_dir(&fixtures().join("MD533/bad"));
    let located = mdapi::report::locate(&diags, |f| ws.file(f), "tests/fixtures/lint/MD533/bad");
    let sarif: serde_json::Value = serde_json::from_str(&mdapi::report::formats::sarif(&located, "0.1.0")).unwrap();
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json"))
            .unwrap();
    // The published schema's `run.language` pattern has a stray `]` that strict regex engines
    // reject when compiling the schema; mdapi never writes `language`, so the corrected pattern
    // changes nothing about what this test checks.
    let bad = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(text.contains(bad), "vendored schema changed");
    let text = text.replace(bad, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    // A broken document must fail, or the check proves nothing.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn json_output_is_the_documented_record() {
    let (ws, diags) = lint_dir(&fixtures().join("MD212/bad"));
    let located = mdapi::report::locate(&diags, |f| ws.file(f), "docs");
    let v: serde_json::Value = serde_json::from_str(&mdapi::report::formats::json(&located)).unwrap();
    let first = &v.as_array().unwrap()[0];
    for key in ["code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column"] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(first["path"], "docs/api/widget-create.md");
    assert_eq!(first["code"], "MD212");
    assert!(first["line"].as_u64().unwrap() > 1);
}

#[test]
fn github_output_escapes_properties_and_data() {
    let page = std::fs::read_to_string(fixtures().join("MD212/bad/api/widget-create.md")).unwrap();
    let ws = common::workspace(&[("api/a,b:c.md", &page)]);
    let diags = lint::lint(&ws, &LintConfig::default()).diagnostics;
    let located = mdapi::report::locate(&diags, |f| ws.file(f), "");
    let out = mdapi::report::formats::github(&located);
    let line = out.lines().find(|l| l.contains("MD212")).unwrap();
    assert!(
        line.starts_with("::warning title=mdapi MD212 status-line-malformed,file=api/a%2Cb%3Ac.md,line="),
        "{line}"
    );
    // In the message part only `%`, CR and LF are escaped.
    assert!(line.contains("::api/a,b:c.md:"), "{line}");
}

#[test]
fn configuration_selects_ignores_and_relocates_severity() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    common::copy_dir(&fixtures().join("MD530/bad"), &docs);
    std::fs::write(
        dir.path().join("mdapi.toml"),
        "[openapi]\ntitle = \"ignored here\"\n\n[lint]\nignore = [\"MD5\"]\nextend-select = [\"example-operation-undeclared\"]\n[lint.severity]\nMD530 = \"error\"\n[lint.per-file-ignores]\n\"docs/resources/*.md\" = [\"MD530\"]\n",
    )
    .unwrap();
    let cfg = LintConfig::discover(&docs).unwrap();
    assert!(cfg.source.is_some());
    let ws = Workspace::load(&docs, &Limits::default()).unwrap();
    let diags = lint::lint(&ws, &cfg).diagnostics;
    assert!(diags.iter().all(|d| !d.code.starts_with("MD5") || d.code == "MD530"));
    let d = diags.iter().find(|d| d.code == "MD530").unwrap();
    assert_eq!(d.severity, mdapi::Severity::Error);
}

#[test]
fn the_rules_reference_page_is_fresh() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let current = registry::reference_page();
    if committed != current {
        if std::env::var_os("MDAPI_BLESS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, current).unwrap();
        } else {
            panic!(
                "docs/rules.md is stale: run `MDAPI_BLESS=1 cargo test --test lint` (or `mdapi rules --output-format markdown > docs/rules.md`)"
            );
        }
    }
}

#[test]
fn human_and_junit_formats_name_the_place() {
    let (ws, diags) = lint_dir(&fixtures().join("MD212/bad"));
    let located = mdapi::report::locate(&diags, |f| ws.file(f), "docs");
    let full = mdapi::report::full::full(&located, false);
    assert!(full.contains("warning[MD212]") && full.contains("docs/api/widget-create.md:"), "{full}");
    assert!(!full.contains('\u{1b}'), "plain output has no colour codes");
    let concise = mdapi::report::formats::concise(&located);
    assert!(concise.lines().any(|l| l.starts_with("docs/api/widget-create.md:") && l.contains(": MD212 warning ")));
    let junit = mdapi::report::formats::junit(&located);
    assert_eq!(junit.matches("<testcase ").count(), located.len());
    assert!(junit.contains("<failure message=\"status line `HTTP 201 Created`"));
}
