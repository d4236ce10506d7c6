//! Output confinement (issue 7): a doc set whose names look like `../../evil`, absolute paths, or
//! carry `/`, `\` and NUL (resource and enum names, operation paths, titles) cannot make
//! `generate` + `write_files` create anything outside the output directory, and symlinks in the
//! output directory are replaced or refused, never followed.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use mdapi::emit::openapi::OpenApiOptions;
use mdapi::output::{self, GeneratedFile, WriteMode};
use mdapi::{Limits, Workspace};

const EVIL: [&str; 7] =
    ["../../evil", "/tmp/evil", "/etc/passwd", "a/b", "a\\..\\..\\evil", "nul\u{0}evil", "C:\\evil"];

/// A resource page named `name`, with an enum of hostile members.
fn resource(name: &str) -> String {
    let esc = name.replace('\\', "\\\\").replace('\u{0}', "\\u0000").replace('"', "\\\"");
    format!(
        "---\ntitle: \"{esc} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\n\
         ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Id.|\n|{name}|{name}Kind|x|\n\n\
         ### {name}Kind values\n\n|Member|Description|\n|:---|:---|\n|../../evil|x|\n|/abs|x|\n\n\
         ## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"keyProperty\": \"id\", \
         \"@odata.type\": \"microsoft.graph.{esc}\" }} -->\n```json\n{{ \"id\": \"String\" }}\n```\n"
    )
}

/// An API page whose request line and names are hostile.
fn api(name: &str) -> String {
    format!(
        "---\ntitle: \"Get {name}\"\ndoc_type: apiPageType\n---\n\n# Get {name}\n\n## HTTP request\n\n\
         <!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /{name}/{{id}}\nGET {name}\nPOST /../../evil\n```\n\n\
         ## Response\n\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n\
         ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{ \"id\": \"1\" }}\n```\n"
    )
}

/// Every path under `root` (symlinks not followed).
fn tree(root: &Path) -> BTreeSet<PathBuf> {
    walkdir::WalkDir::new(root).into_iter().map(|e| e.unwrap().path().to_path_buf()).collect()
}

#[test]
fn hostile_names_in_the_docs_write_nothing_outside_the_output_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    // Nested so that `../../evil` from the output directory still lands inside `tmp`, where the
    // before/after walk sees it.
    let out = tmp.path().join("a/b/out");
    for dir in ["api", "resources"] {
        fs::create_dir_all(docs.join(dir)).unwrap();
    }
    fs::create_dir_all(&out).unwrap();
    for (i, name) in EVIL.iter().enumerate() {
        fs::write(docs.join(format!("resources/r{i}.md")), resource(name)).unwrap();
        fs::write(docs.join(format!("api/a{i}.md")), api(name)).unwrap();
    }
    let before = tree(tmp.path());

    let ws = Workspace::load(&docs, &Limits::default()).unwrap();
    let (model, _) = ws.model();
    // The hostile names did reach the model, so the test exercises them.
    assert!(model.operations.iter().any(|o| o.path.contains("evil")), "{:?}", model.operations);
    let generation = mdapi::generate::generate(&ws, &OpenApiOptions::default()).unwrap();
    output::write_files(&out, &generation.files, WriteMode::Write).unwrap();

    let created: Vec<PathBuf> = tree(tmp.path()).difference(&before).cloned().collect();
    assert!(!created.is_empty());
    let outside: Vec<&PathBuf> = created.iter().filter(|p| !p.starts_with(&out)).collect();
    assert!(outside.is_empty(), "written outside {}: {outside:?}", out.display());
    assert!(!tmp.path().join("a/evil").exists() && !tmp.path().join("evil").exists());
}

#[test]
fn confined_refuses_paths_that_climb_out() {
    let out = Path::new("/out");
    for rel in ["../evil", "a/../../evil", "/etc/passwd", "a\\..\\evil", "", "C:\\evil"] {
        assert!(output::confined(out, rel).is_err(), "{rel:?} accepted");
    }
    assert_eq!(output::confined(out, "rust/api.rs").unwrap(), Path::new("/out/rust/api.rs"));
    let files = [GeneratedFile::new("../evil", "x")];
    let tmp = tempfile::tempdir().unwrap();
    assert!(output::write_files(&tmp.path().join("out"), &files, WriteMode::Write).is_err());
    assert!(!tmp.path().join("evil").exists());
}

#[cfg(unix)]
#[test]
fn a_symlink_at_an_output_path_is_replaced_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).unwrap();
    let victim = tmp.path().join("victim.txt");
    fs::write(&victim, "keep me").unwrap();
    std::os::unix::fs::symlink(&victim, out.join("openapi.json")).unwrap();

    output::write_files(&out, &[GeneratedFile::new("openapi.json", "{}\n")], WriteMode::Write).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
    let meta = fs::symlink_metadata(out.join("openapi.json")).unwrap();
    assert!(meta.file_type().is_file(), "the link was kept: {meta:?}");
    assert_eq!(fs::read_to_string(out.join("openapi.json")).unwrap(), "{}\n");
}

#[cfg(unix)]
#[test]
fn a_symlinked_directory_in_the_output_is_refused_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir_all(&out).unwrap();
    fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("rust")).unwrap();

    let err = output::write_files(&out, &[GeneratedFile::new("rust/api.rs", "// x\n")], WriteMode::Write);
    assert!(err.is_err(), "wrote through a symlinked directory");
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
}

#[cfg(unix)]
#[test]
fn a_symlink_planted_at_the_temporary_name_is_not_written_through() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).unwrap();
    let victim = tmp.path().join("victim.txt");
    fs::write(&victim, "keep me").unwrap();
    // write_atomic's temporary name is predictable (`.<name>.<pid>.tmp`).
    let tmp_name = out.join(format!(".openapi.json.{}.tmp", std::process::id()));
    std::os::unix::fs::symlink(&victim, &tmp_name).unwrap();

    output::write_atomic(&out.join("openapi.json"), b"{}\n").unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
    assert_eq!(fs::read_to_string(out.join("openapi.json")).unwrap(), "{}\n");
}
