//! MD540: a property, relationship or request-body table without a type column.

use crate::diagnostic::Sink;
use crate::extract::TableKind;
use crate::lint::context::Ctx;
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;
use crate::syntax::Block;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a table classified as properties, relationships or request body whose header has no `Type` column and none of whose columns holds types under another heading (most cells a type name or a link to a type page).",
    why: "Without types the model, OpenAPI and Rust output fall back to untyped values, and readers must guess.",
    example: "## Properties\n\n|Property|Description|\n|:---|:---|\n|size|The size in bytes.|",
    fix: "## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|The size in bytes.|",
};

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    // Parameter tables are left out: OData query-option and filter-attribute tables rightly have no types.
    let typed = [TableKind::Properties, TableKind::Relationships, TableKind::RequestBody];
    for info in page.facts.tables.iter().filter(|t| typed.contains(&t.kind)) {
        let table = page.document().blocks.iter().find_map(|b| match b {
            Block::Table(t)
                if t.span.start <= info.loc.span.start && info.loc.span.start < t.span.end.max(t.span.start + 1) =>
            {
                Some(t)
            }
            _ => None,
        });
        let Some(t) = table else { continue };
        let has_type = t.header.iter().any(|c| c.text.to_ascii_lowercase().contains("type")) || typed_column(t);
        if !has_type {
            let header_span = crate::Span::new(t.span.start, t.header.last().map_or(t.span.start, |c| c.span.end));
            sink.report_help(
                code::TABLE_TYPE_COLUMN_MISSING,
                header_span,
                "table has no type column",
                "add a `Type` column",
            );
        }
    }
}

/// True when some column holds types under another heading (`Value`): most of its cells name
/// a primitive, link a type page, or say `collection`.
fn typed_column(t: &crate::syntax::Table) -> bool {
    (0..t.header.len()).any(|i| {
        let typed = t
            .rows
            .iter()
            .filter_map(|r| r.cells.get(i))
            .filter(|c| {
                let text = c.text.trim();
                crate::extract::Primitive::from_name(text.trim_end_matches(" collection")).is_some()
                    || c.raw.contains(".md)")
                    || text.ends_with(" collection")
            })
            .count();
        !t.rows.is_empty() && typed * 2 >= t.rows.len()
    })
}
