//! `mdapi rust [DOCS] [--out DIR] [filters]`: write the generated Rust module to `DIR/rust/`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use mdapi::emit::rust::{self, Filter, RustOptions};
use mdapi::{Keep, Workspace, diagnostic};

use super::RustArgs;

pub(super) fn run(args: &RustArgs) -> Result<ExitCode> {
    let docs = args.docs.clone().unwrap_or_else(|| PathBuf::from("docs-input"));
    let limits = args.limits.for_docs(&docs, None)?;
    let ws = Workspace::load_keeping(&docs, &limits, Keep::FactsOnly, &|_, _| {})
        .with_context(|| format!("cannot read docs at `{}`", docs.display()))?;
    let (model, mut diags) = ws.model();
    diags.extend(ws.diagnostics.iter().cloned());
    let opts = RustOptions {
        filter: Filter {
            include_paths: args.include_path.clone(),
            exclude_paths: args.exclude_path.clone(),
            include_tags: args.include_tag.clone(),
            exclude_tags: args.exclude_tag.clone(),
        },
        http_feature: args.http_feature.clone(),
    };
    let (files, more) = rust::render(&model, &opts)?;
    diags.extend(more);
    diagnostic::sort(&mut diags);
    let dir = args.out.join("rust");
    let written = rust::write_if_changed(&dir, &files)?;
    let stats = rust::stats(&model, &opts);
    let lines: usize = files.iter().map(|f| f.contents.text().lines().count()).sum();
    let mut err = std::io::stderr().lock();
    if args.diagnostics {
        let prefix = docs.to_string_lossy();
        let _ = err.write_all(mdapi::report::concise(&diags, |f| ws.file(f), &prefix).as_bytes());
    }
    let _ = writeln!(
        err,
        "mdapi: {}: {lines} lines, {} structs, {} enums, {} polymorphic enums, {} requests ({} file(s) changed, {} diagnostics)",
        dir.display(),
        stats.structs,
        stats.enums,
        stats.unions,
        stats.requests,
        written.len(),
        diags.len()
    );
    Ok(ExitCode::SUCCESS)
}
