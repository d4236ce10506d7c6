//! `mdapi dump <syntax|facts|model>`: print a pipeline stage as JSON or YAML.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;

use mdapi::{Keep, Workspace, diagnostic};

use super::{DumpArgs, Format, Stage};

pub(super) fn run(args: &DumpArgs) -> Result<ExitCode> {
    let roots = if args.paths.is_empty() { vec![PathBuf::from("docs-input")] } else { args.paths.clone() };
    let mut workspaces = Vec::new();
    for root in &roots {
        let limits = args.limits.for_docs(root, None)?;
        // Only `dump syntax` prints the documents; the other stages need not keep them.
        let keep = if matches!(args.stage, Stage::Syntax) { Keep::Documents } else { Keep::FactsOnly };
        let ws = Workspace::load_keeping(root, &limits, keep, &|_, _| {})
            .with_context(|| format!("cannot read docs at `{}`", root.display()))?;
        workspaces.push(ws);
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut all_diags = Vec::new();
    match args.stage {
        Stage::Syntax => each_page(&workspaces, args.format, &mut out, |p| p.document())?,
        Stage::Facts => each_page(&workspaces, args.format, &mut out, |p| &p.facts)?,
        Stage::Model => {
            let facts: Vec<&mdapi::extract::DocFacts> =
                workspaces.iter().flat_map(|w| w.pages.iter().map(|p| &p.facts)).collect();
            let (model, diags) = mdapi::ApiModel::build_refs(&facts);
            all_diags.extend(diags);
            if args.stats {
                write_one(&model.stats, args.format, &mut out)?;
            } else {
                write_one(&model, args.format, &mut out)?;
            }
        }
    }
    out.flush()?;
    for ws in &workspaces {
        all_diags.extend(ws.diagnostics.iter().cloned());
    }
    diagnostic::sort(&mut all_diags);
    summarize(&workspaces, &all_diags, args.diagnostics);
    Ok(ExitCode::SUCCESS)
}

fn each_page<T: Serialize>(
    workspaces: &[Workspace],
    format: Format,
    out: &mut impl Write,
    pick: impl Fn(&mdapi::Page) -> &T,
) -> Result<()> {
    for ws in workspaces {
        for page in &ws.pages {
            match format {
                Format::Json => {
                    serde_json::to_writer(&mut *out, pick(page))?;
                    out.write_all(b"\n")?;
                }
                Format::Yaml => {
                    out.write_all(b"---\n")?;
                    out.write_all(serde_yaml::to_string(pick(page))?.as_bytes())?;
                }
            }
        }
    }
    Ok(())
}

fn write_one<T: Serialize>(value: &T, format: Format, out: &mut impl Write) -> Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, value)?;
            out.write_all(b"\n")?;
        }
        Format::Yaml => out.write_all(serde_yaml::to_string(value)?.as_bytes())?,
    }
    Ok(())
}

/// One summary line on stderr, plus every diagnostic when asked.
fn summarize(workspaces: &[Workspace], diags: &[mdapi::Diagnostic], all: bool) {
    let mut err = std::io::stderr().lock();
    if all {
        for ws in workspaces {
            let own: Vec<_> = diags.iter().filter(|d| ws.file(&d.file).is_some()).cloned().collect();
            // Paths in the report are the root as given joined with the page's relative path.
            let base = if ws.root.is_file() { ws.root.parent().unwrap_or(&ws.root) } else { &ws.root };
            let prefix = base.to_string_lossy();
            let _ = err.write_all(mdapi::report::concise(&own, |f| ws.file(f), &prefix).as_bytes());
        }
    }
    let count = |s| diags.iter().filter(|d| d.severity == s).count();
    let pages: usize = workspaces.iter().map(|w| w.pages.len()).sum();
    let _ = writeln!(
        err,
        "mdapi: {pages} pages, {} diagnostics ({} errors, {} warnings, {} info)",
        diags.len(),
        count(mdapi::Severity::Error),
        count(mdapi::Severity::Warning),
        count(mdapi::Severity::Info)
    );
}
