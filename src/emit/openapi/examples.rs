//! Request and response examples of an operation, as named OpenAPI examples.

use std::collections::BTreeMap;

use crate::extract::{Body, Example as DocExample};
use crate::model::Operation;

use super::context::Ctx;
use super::document::Example;

/// Named examples of the JSON bodies `pick` selects; names come from the annotations (or the
/// example's position) and are made unique with a numeric suffix.
pub(crate) fn named<'m>(
    ctx: &Ctx<'_, '_>,
    op: &'m Operation,
    pick: impl Fn(&'m DocExample) -> Option<(&'m Body, usize)>,
) -> BTreeMap<String, Example<'m>> {
    let mut out = BTreeMap::new();
    for (i, ex) in op.examples.iter().enumerate() {
        let Some((body, line)) = pick(ex) else { continue };
        let Some(value) = &body.json else { continue };
        let base = ex.name.as_deref().map_or_else(|| format!("example-{}", i + 1), sanitize);
        let mut name = base.clone();
        let mut n = 2;
        while out.contains_key(&name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        // An operation merged from several pages holds examples from each; the line alone
        // would then name the wrong file.
        let summary =
            (ctx.options.source_refs && op.sources.len() == 1).then(|| format!("{}:{line}", op.sources[0].file));
        out.insert(name, Example { summary, value });
    }
    out
}

/// Example names are map keys and end up in generated code: keep them to a safe alphabet.
fn sanitize(name: &str) -> String {
    let s: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' }).collect();
    if s.is_empty() { "example".to_string() } else { s }
}
