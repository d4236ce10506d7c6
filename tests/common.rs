//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::path::{Path, PathBuf};

use mdapi::{Limits, SourceFile, Workspace};

/// `../shared` beside the checkout (CI has it there too).
pub fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// Runs the per-page stages over in-memory pages.
pub fn workspace(pages: &[(&str, &str)]) -> Workspace {
    let files = pages.iter().map(|(rel, text)| SourceFile::from_text(rel, *text)).collect();
    Workspace::from_files(files, &Limits::default())
}

/// Diagnostics as `file:line CODE message` lines, for assertions and snapshots.
pub fn diagnostic_lines(ws: &Workspace, diags: &[mdapi::Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| {
            let line = ws.file(&d.file).map_or(0, |f| f.line(d.span.start));
            format!("{}:{} {} {}", d.file, line, d.code, d.message)
        })
        .collect()
}

/// Copies a directory tree (fixtures into scratch space).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
