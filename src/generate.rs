//! The generate step shared by `mdapi generate` and `mdapi watch`: every emitter's files (OpenAPI,
//! Rust) from one
//! workspace, with all findings, so both commands write exactly the same outputs.

use std::path::Path;

use crate::cache::Cache;
use crate::diagnostic::{self, Diagnostic};
use crate::emit::openapi::{self, EmitStats, OpenApiOptions};
use crate::emit::rust::FormatCache;
use crate::emit::store::TextStore;
use crate::error::{Error, Result};
use crate::output::{self, GeneratedFile, WriteMode, WriteReport};
use crate::pipeline::{Keep, Workspace};
use crate::source::Limits;

/// Everything one generation produces.
#[derive(Debug, Clone)]
pub struct Generation {
    /// The output files, paths relative to the output directory.
    pub files: Vec<GeneratedFile>,
    /// Findings of every stage (pages, model, emitters), sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The OpenAPI emitter's counts.
    pub stats: EmitStats,
}

/// Builds the model of `ws` and runs every emitter over it. Another emitter adds its files to
/// `files` here; writing them is the caller's job ([`crate::output::write_files`]).
pub fn generate(ws: &Workspace, options: &OpenApiOptions) -> Result<Generation> {
    generate_with(ws, options, None)
}

/// What the emitters keep from one run for the next (in a `watch` session, or in the on-disk
/// cache): the Rust items, formatted and linked from their inputs, and the spec's fragments.
#[derive(Debug, Default)]
pub struct EmitCache {
    /// Formatted Rust items.
    pub rust: FormatCache,
    /// The YAML and JSON texts of the spec's path items and schemas.
    pub openapi: TextStore,
}

/// [`generate`] reusing what the emitters made in an earlier run (`mdapi watch`, the on-disk
/// cache): only the Rust items and spec fragments whose inputs changed are made again. The
/// output is the same.
pub fn generate_cached(ws: &Workspace, options: &OpenApiOptions, cache: &EmitCache) -> Result<Generation> {
    generate_with(ws, options, Some(cache))
}

/// Both: with no cache to fill, the spec is serialised whole, without keying its fragments.
fn generate_with(ws: &Workspace, options: &OpenApiOptions, cache: Option<&EmitCache>) -> Result<Generation> {
    let (model, model_diags) = ws.model();
    // The emitters are independent given the model: side by side, the idle moments of one (a
    // serialiser finishing before its twin) are the other's working time.
    let (openapi, rust) = rayon::join(
        || {
            let generated = openapi::generate(ws, &model, options);
            let files = match cache {
                Some(cache) => openapi::files_cached(&generated.document, &cache.openapi),
                None => openapi::files(&generated.document),
            };
            files.map(|files| (files, generated.diagnostics, generated.stats))
        },
        // The Rust module beside the spec, from the same model (same names), under `rust/`.
        || match cache {
            Some(cache) => crate::emit::rust::render_cached(&model, &Default::default(), &cache.rust),
            None => crate::emit::rust::render(&model, &Default::default()),
        },
    );
    let (mut files, openapi_diags, stats) = openapi?;
    let (rust_files, rust_diags) = rust?;
    files.extend(rust_files.into_iter().map(|f| GeneratedFile::new(format!("rust/{}", f.path), f.contents)));
    let mut diagnostics = ws.diagnostics.clone();
    diagnostics.extend(model_diags);
    diagnostics.extend(openapi_diags);
    diagnostics.extend(rust_diags);
    diagnostic::sort(&mut diagnostics);
    // Freeing the model (hundreds of thousands of allocations, about 10 ms) is nobody's result:
    // a pool thread does it while the caller writes the files.
    rayon::spawn(move || drop(model));
    Ok(Generation { files, diagnostics, stats })
}

/// One whole `mdapi generate` run, as the command does it.
pub struct Run {
    /// The docs as read.
    pub workspace: Workspace,
    /// What was generated.
    pub generation: Generation,
    /// What happened to each output file.
    pub report: WriteReport,
    /// The cache used, if any (its load status and hit counts).
    pub cache: Option<Cache>,
    /// Why the cache could not be saved (the outputs are fine; the next run is only slower).
    pub cache_error: Option<Error>,
}

/// Reads `docs` (through the cache in `cache_dir`, when given), generates every output and writes
/// it under `out` (or, with [`WriteMode::Check`], only compares; the cache is then not written
/// either). `progress(done, total)` is called as pages are read.
pub fn run(
    docs: &Path,
    out: &Path,
    options: &OpenApiOptions,
    limits: &Limits,
    cache_dir: Option<&Path>,
    mode: WriteMode,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Run> {
    let (workspace, cache) = match cache_dir {
        Some(dir) => {
            let (workspace, cache) = Workspace::load_opening_cache(docs, limits, dir, progress)?;
            (workspace, Some(cache))
        }
        None => (Workspace::load_keeping(docs, limits, Keep::FactsOnly, progress)?, None),
    };
    let generation = match &cache {
        Some(cache) => generate_cached(&workspace, options, cache.emit())?,
        None => generate(&workspace, options)?,
    };
    // The outputs and the cache are written side by side: neither reads what the other writes,
    // and on a first run both are tens of megabytes.
    let (report, cache_error) = rayon::join(
        || output::write_files(out, &generation.files, mode),
        || match (&cache, mode) {
            (Some(cache), WriteMode::Write) => cache.save().err(),
            _ => None,
        },
    );
    let report = report?;
    Ok(Run { workspace, generation, report, cache, cache_error })
}
