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
    generate_with(ws, options, None, &|_| Ok(WriteReport::default()), &|| ()).map(|(generation, _)| generation)
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
    generate_with(ws, options, Some(cache), &|_| Ok(WriteReport::default()), &|| ()).map(|(generation, _)| generation)
}

/// [`generate`] (through `cache` when given) writing the outputs under `out` in `mode`
/// ([`output::write_files`]): each emitter's files as soon as they are made, so that writing the
/// one overlaps making the other. `made` is called once, beside the writing, when every emitter
/// has made its files: `cache` is then complete (and can be saved).
pub fn generate_and_write(
    ws: &Workspace,
    options: &OpenApiOptions,
    cache: Option<&EmitCache>,
    (out, mode): (&Path, WriteMode),
    made: &(dyn Fn() + Sync),
) -> Result<(Generation, WriteReport)> {
    generate_with(ws, options, cache, &|files| output::write_files(out, files, mode), made)
}

/// What [`generate_with`] hands each emitter's files to, and what that reports.
type Writer<'a> = &'a (dyn Fn(&[GeneratedFile]) -> Result<WriteReport> + Sync);

/// All of them: with no cache to fill, the spec is serialised whole, without keying its
/// fragments. The reports of `write` come back merged, in the order of the files.
fn generate_with(
    ws: &Workspace,
    options: &OpenApiOptions,
    cache: Option<&EmitCache>,
    write: Writer<'_>,
    made: &(dyn Fn() + Sync),
) -> Result<(Generation, WriteReport)> {
    // The emitter that finishes making its files last calls `made` while its files are written.
    let making = std::sync::atomic::AtomicUsize::new(2);
    let write_and_tell = |files: &[GeneratedFile]| {
        let last = making.fetch_sub(1, std::sync::atomic::Ordering::AcqRel) == 1;
        rayon::join(
            || write(files),
            || {
                if last {
                    made()
                }
            },
        )
        .0
    };
    let (model, model_diags) = ws.model();
    // The emitters are independent given the model: side by side, the idle moments of one (a
    // serialiser finishing before its twin, the Rust module done while the spec is still being
    // built) are the other's working time.
    let (openapi, rust) = rayon::join(
        || {
            if let Some(cache) = cache {
                // Mostly texts from the store: little to free.
                let (files, diagnostics, stats) = openapi::files_reusing(ws, &model, options, &cache.openapi)?;
                let report = write_and_tell(&files)?;
                return Ok::<_, Error>((files, report, diagnostics, stats));
            }
            let openapi::Generated { document, diagnostics, stats } = openapi::generate(ws, &model, options);
            let files = openapi::files(&document)?;
            // Freeing the document (a few hundred thousand allocations) beside the writing,
            // not after it.
            let (report, ()) = rayon::join(|| write_and_tell(&files), || drop(document));
            Ok::<_, Error>((files, report?, diagnostics, stats))
        },
        // The Rust module beside the spec, from the same model (same names), under `rust/`.
        || {
            let (files, diagnostics) = match cache {
                Some(cache) => crate::emit::rust::render_cached(&model, &Default::default(), &cache.rust)?,
                None => crate::emit::rust::render(&model, &Default::default())?,
            };
            let files: Vec<GeneratedFile> =
                files.into_iter().map(|f| GeneratedFile::new(format!("rust/{}", f.path), f.contents)).collect();
            let report = write_and_tell(&files)?;
            Ok::<_, Error>((files, report, diagnostics))
        },
    );
    let (mut files, mut report, openapi_diags, stats) = openapi?;
    let (rust_files, rust_report, rust_diags) = rust?;
    files.extend(rust_files);
    report.append(rust_report);
    let mut diagnostics = ws.diagnostics.clone();
    diagnostics.extend(model_diags);
    diagnostics.extend(openapi_diags);
    diagnostics.extend(rust_diags);
    diagnostic::sort(&mut diagnostics);
    // Freeing the model (hundreds of thousands of allocations, about 10 ms) is nobody's result:
    // a pool thread does it while the caller writes the files.
    rayon::spawn(move || drop(model));
    Ok((Generation { files, diagnostics, stats }, report))
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
    // The cache is saved beside the writing of the outputs: neither reads what the other
    // writes, and on a first run both are tens of megabytes.
    let cache_error = std::sync::Mutex::new(None);
    let save = || {
        if let (Some(cache), WriteMode::Write) = (&cache, mode) {
            *cache_error.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = cache.save().err();
        }
    };
    let (generation, report) =
        generate_and_write(&workspace, options, cache.as_ref().map(Cache::emit), (out, mode), &save)?;
    let cache_error = cache_error.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    Ok(Run { workspace, generation, report, cache, cache_error })
}
