//! The generate step shared by `mdapi generate` and `mdapi watch`: every emitter's files (OpenAPI,
//! Rust) from one
//! workspace, with all findings, so both commands write exactly the same outputs.

use crate::diagnostic::{self, Diagnostic};
use crate::emit::openapi::{self, EmitStats, OpenApiOptions};
use crate::emit::rust::FormatCache;
use crate::error::Result;
use crate::output::GeneratedFile;
use crate::pipeline::Workspace;

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
    generate_cached(ws, options, &FormatCache::new())
}

/// [`generate`] reusing the formatted Rust items of an earlier run (`mdapi watch`, the on-disk
/// cache): only the items whose text changed are formatted again. The output is the same.
pub fn generate_cached(ws: &Workspace, options: &OpenApiOptions, rust_cache: &FormatCache) -> Result<Generation> {
    let (model, model_diags) = ws.model();
    let generated = openapi::generate(ws, &model, options);
    let mut files = openapi::files(&generated.document)?;
    // The Rust module beside the spec, from the same model (same names), under `rust/`.
    let (rust_files, rust_diags) = crate::emit::rust::render_cached(&model, &Default::default(), rust_cache)?;
    files.extend(rust_files.into_iter().map(|f| GeneratedFile::new(format!("rust/{}", f.path), f.contents)));
    let mut diagnostics = ws.diagnostics.clone();
    diagnostics.extend(model_diags);
    diagnostics.extend(generated.diagnostics);
    diagnostics.extend(rust_diags);
    diagnostic::sort(&mut diagnostics);
    Ok(Generation { files, diagnostics, stats: generated.stats })
}
