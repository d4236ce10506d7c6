//! Lint stage: runs the rule catalogue over a doc set and turns every finding (the pipeline's
//! own diagnostics included) into the configured, suppressed, sorted list a CI gate reads.
//!
//! ```text
//! Workspace + ApiModel → pipeline diagnostics + page rules (parallel) + doc-set rules
//!   → config (select, ignore, severity, per-file ignores, exclude) → inline suppressions → sort
//! ```

pub mod baseline;
pub mod config;
pub mod context;
pub mod fix;
mod pipeline_docs;
pub mod registry;
mod rules;
pub mod suppress;

use rayon::prelude::*;

use crate::diagnostic::{self, Diagnostic, Sink};
use crate::pipeline::Workspace;

pub use config::LintConfig;
pub use registry::{Check, Rule};

/// What a lint run found.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Reported findings, sorted by path, position and code.
    pub diagnostics: Vec<Diagnostic>,
    /// Findings hidden by inline suppressions.
    pub suppressed: usize,
}

/// Lints a loaded doc set.
pub fn lint(ws: &Workspace, cfg: &LintConfig) -> Outcome {
    let (model, model_diags) = ws.model();
    let ctx = context::Ctx::new(ws, &model, cfg.api_version.as_deref());
    let rules: Vec<&Rule> = registry::all().iter().filter(|r| cfg.enabled(r.code.code)).collect();
    let page_rules: Vec<_> =
        rules.iter().filter_map(|r| if let Check::Page(f) = r.check { Some(f) } else { None }).collect();
    let mut diags: Vec<Diagnostic> = ws.diagnostics.clone();
    diags.extend(model_diags);
    // The doc-set rules run beside the page rules: both only read the workspace and the model.
    let (found, set_found) = rayon::join(
        || -> Vec<Vec<Diagnostic>> {
            ws.pages
                .par_iter()
                .map(|page| {
                    let mut sink = Sink::new(&page.source.rel);
                    for check in &page_rules {
                        check(&ctx, page, &mut sink);
                    }
                    sink.diags
                })
                .collect()
        },
        || {
            let mut out = Vec::new();
            for r in &rules {
                if let Check::Set(f) = r.check {
                    f(&ctx, &mut out);
                }
            }
            out
        },
    );
    diags.extend(found.into_iter().flatten());
    diags.extend(set_found);
    diags.retain(|d| cfg.reports(d.code, &d.file) && !prose_table(&ctx, d) && !non_json_body(&ctx, d));
    diagnostic::sort(&mut diags);
    // Suppressions are per page. Findings and pages are both sorted by path, so each page's
    // findings are the next run of the list (findings of non-page entries pass through).
    let mut groups = Vec::with_capacity(ws.pages.len());
    let mut rest = diags.as_slice();
    for page in &ws.pages {
        let rel = page.source.rel.as_str();
        let before = rest.partition_point(|d| d.file.as_str() < rel);
        let mine = rest[before..].partition_point(|d| d.file == rel);
        groups.push((page, &rest[..before], &rest[before..before + mine]));
        rest = &rest[before + mine..];
    }
    // Each page's directives are read and applied on their own, in parallel.
    let applied: Vec<(&[Diagnostic], Vec<Diagnostic>, usize)> = groups
        .into_par_iter()
        .map(|(page, others, mine)| {
            let mut own = mine.to_vec();
            // Pages without findings still get their directives checked (unused, invalid).
            let suppressed = suppress::apply(page, cfg, &mut own);
            (others, own, suppressed)
        })
        .collect();
    let mut out = Vec::with_capacity(diags.len());
    let mut suppressed = 0;
    for (others, own, n) in applied {
        out.extend_from_slice(others);
        out.extend(own);
        suppressed += n;
    }
    out.extend_from_slice(rest);
    out.retain(|d| cfg.reports(d.code, &d.file));
    for d in &mut out {
        d.severity = cfg.severity(d.code, d.severity);
    }
    diagnostic::sort(&mut out);
    Outcome { diagnostics: out, suppressed }
}

/// An unclassified table on a conceptual page is prose laid out as a table, not a defect.
fn prose_table(ctx: &context::Ctx<'_>, d: &Diagnostic) -> bool {
    d.code == crate::diagnostic::codes::TABLE_UNCLASSIFIED.code
        && ctx.page(&d.file).is_some_and(|p| p.facts.kind == crate::extract::PageKind::Conceptual)
}

/// The extractor reads any body starting with `{` or `[` as JSON; a body whose `Content-Type`
/// says it is something else (`[Zip file containing a Teams app package]`) is not JSON to fix.
fn non_json_body(ctx: &context::Ctx<'_>, d: &Diagnostic) -> bool {
    use crate::diagnostic::codes::{EXAMPLE_JSON_INVALID, EXAMPLE_JSON_REPAIRED};
    if d.code != EXAMPLE_JSON_INVALID.code && d.code != EXAMPLE_JSON_REPAIRED.code {
        return false;
    }
    let Some(page) = ctx.page(&d.file) else { return false };
    let not_json = |headers: &[(String, String)]| {
        headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("content-type") && !v.to_ascii_lowercase().contains("json"))
    };
    page.facts.examples.iter().any(|ex| {
        let req = ex.request.as_ref().filter(|r| not_json(&r.headers)).and_then(|r| r.body.as_ref());
        let resp = ex.response.as_ref().filter(|r| not_json(&r.headers)).and_then(|r| r.body.as_ref());
        [req, resp].into_iter().flatten().any(|b| b.span.start <= d.span.start && d.span.start <= b.span.end)
    })
}
