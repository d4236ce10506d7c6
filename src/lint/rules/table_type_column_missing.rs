//! MD540: a property, request-body or parameter table without a type column.

use crate::diagnostic::Sink;
use crate::extract::TableKind;
use crate::lint::context::Ctx;
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;
use crate::syntax::Block;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a table classified as properties, relationships, request body or parameters whose header has no `Type` column.",
    why: "Without types the model, OpenAPI and Rust output fall back to untyped values, and readers must guess.",
    example: "## Properties\n\n|Property|Description|\n|:---|:---|\n|size|The size in bytes.|",
    fix: "## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|The size in bytes.|",
};

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    let typed = [TableKind::Properties, TableKind::Relationships, TableKind::RequestBody, TableKind::Parameters];
    for info in page.facts.tables.iter().filter(|t| typed.contains(&t.kind)) {
        let table = page.document.blocks.iter().find_map(|b| match b {
            Block::Table(t)
                if t.span.start <= info.loc.span.start && info.loc.span.start < t.span.end.max(t.span.start + 1) =>
            {
                Some(t)
            }
            _ => None,
        });
        let Some(t) = table else { continue };
        let has_type = t.header.iter().any(|c| c.text.to_ascii_lowercase().contains("type"));
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
