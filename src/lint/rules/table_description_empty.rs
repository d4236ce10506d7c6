//! MD541: a property, request-body or parameter row with an empty description.

use crate::diagnostic::Sink;
use crate::lint::context::Ctx;
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a row of a property, relationship, request-body or parameter table whose description cell is empty, in tables that have a description column (properties known only from a JSON representation are not rows and are not reported).",
    why: "A property without a description is documentation in name only; generated code has no doc comment either.",
    example: "|Property|Type|Description|\n|:---|:---|:---|\n|lastModifiedDateTime|DateTimeOffset||",
    fix: "|Property|Type|Description|\n|:---|:---|:---|\n|lastModifiedDateTime|DateTimeOffset|When the attachment was last modified.|",
};

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    let f = &page.facts;
    let props = f.resources.iter().flat_map(|r| r.properties.iter().chain(&r.relationships));
    let body = f.request_body.iter().flat_map(|b| &b.properties);
    let text = &page.source.text;
    // Tables without a description column (`Name | Value`) have nothing to leave empty.
    let described: Vec<crate::Span> = page
        .document()
        .blocks
        .iter()
        .filter_map(|b| match b {
            crate::syntax::Block::Table(t)
                if t.header.iter().any(|c| c.text.to_ascii_lowercase().contains("description")) =>
            {
                Some(t.span)
            }
            _ => None,
        })
        .collect();
    let in_described = |span: crate::Span| described.iter().any(|t| t.start <= span.start && span.start < t.end);
    // Only table rows: properties read from a JSON representation have no description cell.
    let in_table = |span: crate::Span| {
        let start = text[..span.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
        text[start..].trim_start().starts_with('|') || text[span.start.min(text.len())..].starts_with('|')
    };
    for p in props.chain(body) {
        if p.description.trim().is_empty() && !p.name.is_empty() && in_table(p.loc.span) && in_described(p.loc.span) {
            sink.report(code::TABLE_DESCRIPTION_EMPTY, p.loc.span, format!("`{}` has no description", p.name));
        }
    }
    for p in &f.parameters {
        if p.description.trim().is_empty() && !p.name.is_empty() && in_table(p.loc.span) && in_described(p.loc.span) {
            sink.report(
                code::TABLE_DESCRIPTION_EMPTY,
                p.loc.span,
                format!("parameter `{}` has no description", p.name),
            );
        }
    }
}
