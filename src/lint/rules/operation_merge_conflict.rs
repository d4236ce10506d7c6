//! MD304 (a model code the merge does not emit itself): pages declaring one operation that
//! state different success statuses.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, codes};
use crate::lint::context::Ctx;

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for op in ctx.model.operations.iter().filter(|o| o.sources.len() > 1) {
        // Success status each declaring page states in its Response prose, in path order.
        let mut stated: BTreeMap<&str, (u16, crate::Span)> = BTreeMap::new();
        for src in &op.sources {
            let Some(page) = ctx.page(&src.file) else { continue };
            // A page stating several success statuses (per method, per case) cannot be compared.
            let mut ok: Vec<u16> = page
                .facts
                .response
                .iter()
                .flat_map(|r| &r.statuses)
                .copied()
                .filter(|s| (200..300).contains(s))
                .collect();
            ok.sort_unstable();
            ok.dedup();
            let status = if ok.len() == 1 { Some(ok[0]) } else { None };
            let decl = page.facts.operations.iter().find(|d| d.method == op.method && d.path == op.path);
            if let (Some(status), Some(decl)) = (status, decl) {
                stated.entry(page.source.rel.as_str()).or_insert((status, decl.loc.span));
            }
        }
        let mut iter = stated.iter();
        let Some((first_file, (first_status, _))) = iter.next() else { continue };
        for (file, (status, span)) in iter {
            if status != first_status {
                out.push(
                    Diagnostic::new(
                        codes::OPERATION_MERGED_CONFLICT,
                        file,
                        *span,
                        format!("`{} {}` returns {status} here but {first_status} in {first_file}", op.method, op.path),
                    )
                    .with_help("make the pages agree on the operation's response"),
                );
            }
        }
    }
}
