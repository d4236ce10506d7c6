//! `mdapi generate [DOCS_DIR] [--out DIR]`: write the OpenAPI document and the Rust module for a doc tree.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use mdapi::config::Config;
use mdapi::emit::openapi::{self, OpenApiOptions};
use mdapi::{Limits, Severity, Workspace};

/// Arguments of `generate`.
#[derive(Debug, clap::Args)]
pub(super) struct GenerateArgs {
    /// The docs folder (its `mdapi.toml`, if any, is read).
    #[arg(default_value = "docs-input")]
    docs: PathBuf,
    /// Output folder for `openapi.yaml` and `openapi.json`.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// Configuration file (default: `mdapi.toml` in the docs folder).
    #[arg(long)]
    config: Option<PathBuf>,
    /// `info.title` (overrides the configuration).
    #[arg(long)]
    title: Option<String>,
    /// `info.version` (overrides the configuration).
    #[arg(long)]
    api_version: Option<String>,
    /// Leave out the `x-mdapi-source: "file:line"` references.
    #[arg(long)]
    no_source_refs: bool,
    /// Also print every diagnostic to stderr (`path:line:col: CODE severity message`).
    #[arg(long)]
    diagnostics: bool,
    /// Check the document (every `$ref` resolves, operationIds unique) and print the check and
    /// the counts as JSON on stdout; exit 1 when the check fails.
    #[arg(long)]
    check: bool,
}

pub(super) fn run(args: &GenerateArgs) -> Result<ExitCode> {
    let config_path = args.config.clone().unwrap_or_else(|| Config::path_for_docs(&args.docs));
    let config = Config::load(&config_path)?;
    let ws = Workspace::load(&args.docs, &Limits::default())
        .with_context(|| format!("cannot read docs at `{}`", args.docs.display()))?;
    let mut options = OpenApiOptions::from_config(&config.openapi, &default_title(&args.docs));
    options.title = args.title.clone().unwrap_or(options.title);
    options.version = args.api_version.clone().or(options.version);
    options.source_refs = !args.no_source_refs;
    let (model, model_diags) = ws.model();
    let generated = openapi::generate(&ws, &model, &options);
    let written = openapi::write(&generated.document, &args.out)
        .with_context(|| format!("cannot write to `{}`", args.out.display()))?;
    // The Rust module beside the spec, from the same model (same names).
    let (rust_files, rust_diags) = mdapi::emit::rust::render(&model, &Default::default())?;
    let rust_dir = args.out.join("rust");
    mdapi::emit::rust::write_if_changed(&rust_dir, &rust_files)
        .with_context(|| format!("cannot write to `{}`", rust_dir.display()))?;
    let mut diags = ws.diagnostics.clone();
    diags.extend(model_diags);
    diags.extend(generated.diagnostics);
    diags.extend(rust_diags);
    mdapi::diagnostic::sort(&mut diags);
    let mut err = std::io::stderr().lock();
    if args.diagnostics {
        let prefix = args.docs.to_string_lossy();
        let _ = err.write_all(mdapi::report::concise(&diags, |f| ws.file(f), &prefix).as_bytes());
    }
    let s = &generated.stats;
    let count = |sev| diags.iter().filter(|d| d.severity == sev).count();
    let _ = writeln!(
        err,
        "mdapi: {} ({}) in {}: {} operations on {} paths, {} schemas ({} enums), {} of {} properties untyped; {} diagnostics ({} errors, {} warnings, {} info)",
        if written.yaml || written.json {
            "wrote openapi.yaml, openapi.json and rust/"
        } else {
            "openapi.yaml and openapi.json unchanged"
        },
        human_bytes(written.yaml_bytes),
        args.out.display(),
        s.operations,
        s.paths,
        s.schemas,
        s.enums,
        s.property_fallbacks,
        s.properties,
        diags.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    if args.check {
        let report = openapi::check::check(&serde_json::to_value(&generated.document)?);
        let out = serde_json::json!({ "check": report, "stats": generated.stats });
        println!("{}", serde_json::to_string_pretty(&out)?);
        if !report.is_ok() {
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// "<docs folder name> API", the title when neither the configuration nor a flag gives one.
fn default_title(docs: &std::path::Path) -> String {
    let dir = if docs.is_file() { docs.parent().unwrap_or(docs) } else { docs };
    let name = std::fs::canonicalize(dir).ok().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
    format!("{} API", name.unwrap_or_else(|| "docs".to_string()))
}

fn human_bytes(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / (1 << 20) as f64)
    } else {
        format!("{:.1} KiB", n as f64 / 1024.0)
    }
}
