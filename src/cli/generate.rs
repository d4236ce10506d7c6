//! `mdapi generate [DOCS_DIR] [--out DIR]`: write the OpenAPI document and the Rust module for a doc tree, or with
//! `--check` only say whether the files in DIR are stale.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use mdapi::Severity;
use mdapi::cache::Loaded;
use mdapi::config::Config;
use mdapi::emit::openapi::{self, OpenApiOptions};
use mdapi::output::{GeneratedFile, WriteMode, WriteReport};

/// Where the docs are and where the outputs go; shared by `generate` and `watch`.
#[derive(Debug, clap::Args)]
pub(super) struct TreeArgs {
    /// The docs folder (its `mdapi.toml`, if any, is read).
    #[arg(default_value = "docs-input")]
    pub(super) docs: PathBuf,
    /// Output folder (`openapi.yaml`, `openapi.json`, `rust/`).
    #[arg(long, default_value = "generated")]
    pub(super) out: PathBuf,
    /// Configuration file (default: `mdapi.toml` in the docs folder).
    #[arg(long)]
    pub(super) config: Option<PathBuf>,
    #[command(flatten)]
    pub(super) limits: super::limits::LimitArgs,
}

/// Arguments of `generate`.
#[derive(Debug, clap::Args)]
pub(super) struct GenerateArgs {
    #[command(flatten)]
    tree: TreeArgs,
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
    /// Write nothing: list the outputs that would change, with a short summary each, and exit 1
    /// when there is any (CI: is the committed output stale?).
    #[arg(long)]
    check: bool,
    /// Verify the document (every `$ref` resolves, operationIds unique) and print the result and
    /// the counts as JSON on stdout; exit 1 when it fails.
    #[arg(long)]
    verify: bool,
    /// No progress bar and no summary line (stale files and errors are still printed).
    #[arg(long, short)]
    quiet: bool,
    /// Where the incremental cache lives (pages' facts by content hash, formatted Rust items).
    #[arg(long, default_value = mdapi::cache::DEFAULT_DIR, env = "MDAPI_CACHE_DIR")]
    cache_dir: PathBuf,
    /// Neither read nor write the cache: parse every page.
    #[arg(long)]
    no_cache: bool,
}

pub(super) fn run(args: &GenerateArgs) -> Result<ExitCode> {
    let options =
        options(&args.tree.docs, args.tree.config.as_deref(), args.title.as_deref(), args.api_version.as_deref())?;
    let options = OpenApiOptions { source_refs: !args.no_source_refs, ..options };
    let bar = super::progress::bar(args.quiet);
    let limits = args.tree.limits.for_docs(&args.tree.docs, args.tree.config.as_deref())?;
    let progress = |done, total| {
        if let Some(bar) = &bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            if done == total {
                bar.set_message("merging and emitting");
            }
        }
    };
    let mode = if args.check { WriteMode::Check } else { WriteMode::Write };
    let cache_dir = (!args.no_cache).then_some(args.cache_dir.as_path());
    let run = mdapi::generate::run(&args.tree.docs, &args.tree.out, &options, &limits, cache_dir, mode, &progress)
        .with_context(|| {
            format!("cannot generate from `{}` into `{}`", args.tree.docs.display(), args.tree.out.display())
        })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let (ws, generation, report, cache) = (&run.workspace, &run.generation, &run.report, &run.cache);
    let mut err = std::io::stderr().lock();
    if let Some(e) = &run.cache_error {
        // A cache that cannot be written costs only the next run's time: a warning.
        let _ = writeln!(err, "mdapi: warning: cache not saved: {e}");
    }
    if let (Some(cache), false) = (cache, args.quiet)
        && let Loaded::Ignored(n, why) = cache.loaded()
    {
        let _ = writeln!(err, "mdapi: {n} cache file(s) in `{}` ignored and rebuilt: {why}", cache.dir().display());
    }
    let diags = &generation.diagnostics;
    if args.diagnostics {
        let prefix = args.tree.docs.to_string_lossy();
        let _ = err.write_all(mdapi::report::concise(diags, |f| ws.file(f), &prefix).as_bytes());
    }
    let s = &generation.stats;
    let count = |sev| diags.iter().filter(|d| d.severity == sev).count();
    if !args.quiet {
        let _ = writeln!(
            err,
            "mdapi: {} in {}: {} operations on {} paths, {} schemas ({} enums), {} of {} properties untyped; {} diagnostics ({} errors, {} warnings, {} info){}",
            files_summary(report, &generation.files),
            args.tree.out.display(),
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
            cache.as_ref().map_or(String::new(), |c| {
                let (hits, misses) = c.hits_and_misses();
                format!("; {hits} of {} pages from the cache", hits + misses)
            }),
        );
    }
    let mut failed = false;
    if args.check {
        for (path, summary) in &report.stale {
            let _ = writeln!(err, "stale: {}: {summary}", args.tree.out.join(path).display());
        }
        failed |= !report.stale.is_empty();
    }
    if args.verify {
        let json = generation.files.iter().find(|f| f.path == "openapi.json").context("no openapi.json generated")?;
        let check = openapi::check::check(&serde_json::from_str(&json.contents.text())?);
        let out = serde_json::json!({ "check": check, "stats": generation.stats });
        println!("{}", serde_json::to_string_pretty(&out)?);
        failed |= !check.is_ok();
    }
    // The process exits next: its memory goes back to the OS at once, while freeing the
    // workspace and the outputs piece by piece would only delay the exit.
    std::mem::forget(run);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The OpenAPI options from the configuration file (default `mdapi.toml` in the docs folder) and
/// the flags that override it; shared with `watch`.
pub(super) fn options(
    docs: &Path,
    config: Option<&Path>,
    title: Option<&str>,
    version: Option<&str>,
) -> Result<OpenApiOptions> {
    let config_path = config.map(Path::to_path_buf).unwrap_or_else(|| Config::path_for_docs(docs));
    let config = Config::load(&config_path)?;
    let mut options = OpenApiOptions::from_config(&config.openapi, &default_title(docs));
    options.title = title.map(str::to_string).unwrap_or(options.title);
    options.version = version.map(str::to_string).or(options.version);
    Ok(options)
}

/// "wrote openapi.yaml (1.2 MiB)", "2 files unchanged (1.2 MiB)", "1 of 2 files stale".
pub(super) fn files_summary(report: &WriteReport, files: &[GeneratedFile]) -> String {
    let bytes = human_bytes(files.iter().map(|f| f.contents.len()).sum());
    if !report.stale.is_empty() {
        format!("{} of {} files stale ({bytes})", report.stale.len(), files.len())
    } else if report.written.is_empty() {
        format!("{} files unchanged ({bytes})", report.unchanged.len())
    } else {
        format!("wrote {} ({bytes})", report.written.join(" and "))
    }
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
