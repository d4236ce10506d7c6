//! Extract stage: one [`Document`] → its API facts ([`DocFacts`]): operations, parameters,
//! permissions, examples, resources and enums, each with its source line.

mod annotations;
mod api_page;
pub mod body_json;
mod examples;
pub mod facts;
mod operations;
pub mod request_line;
mod resource_page;
mod sections;
mod tables;
pub mod type_cell;

pub use body_json::BodyJson;
pub use facts::*;
pub use resource_page::split_qualified;

use crate::diagnostic::{Diagnostic, Sink, codes};
use crate::source::{Limits, SourceFile, Span};
use crate::syntax::{Block, Document};

use sections::SectionKind;

/// Extracts one page's facts. Problems become diagnostics; this never fails.
pub fn extract(doc: &Document, file: &SourceFile, limits: &Limits) -> (DocFacts, Vec<Diagnostic>) {
    let mut sink = Sink::new(&file.rel);
    let ctx = sections::assign(doc);
    let mut facts = DocFacts { file: file.rel.clone(), ..DocFacts::default() };
    read_header(doc, &mut facts);
    let has_http = ctx.iter().any(|c| matches!(c.kind, SectionKind::HttpRequest | SectionKind::ExampleHttpRequest));
    facts.kind = page_kind(doc, &file.rel, has_http);
    let mut declared_blocks = Vec::new();
    if facts.kind == PageKind::Api {
        let decl = operations::extract(doc, &ctx, file, &mut sink);
        if !decl.has_section {
            let span = doc.blocks.first().map_or(Span::default(), |b| Span::at(b.span().start));
            sink.report_help(
                codes::HTTP_SECTION_MISSING,
                span,
                "API page has no `HTTP request` section",
                "add a `## HTTP request` section with the declarations",
            );
        }
        if decl.operations.is_empty() {
            sink.report(
                codes::NO_OPERATIONS,
                Span::default(),
                "API page declares no operation (`METHOD /path` in its HTTP-request section)",
            );
        }
        facts.operations = decl.operations;
        declared_blocks = decl.blocks;
        api_page::extract(doc, &ctx, file, &mut facts, &mut sink);
        facts.request_headers = merge_headers(decl.headers, std::mem::take(&mut facts.request_headers));
    }
    facts.examples = examples::extract(doc, &declared_blocks, file, limits, &mut sink)
        .into_iter()
        .map(std::sync::Arc::new)
        .collect();
    resource_page::extract(doc, &ctx, file, limits, &mut facts, &mut sink);
    (facts, sink.diags)
}

/// One entry per header name: a header both written in a declaration fence
/// (`sheet-session-id: {session-id}`) and documented in the table keeps the table's row, at the
/// fence line's position; a name repeated within the tables keeps its first row.
fn merge_headers(fence: Vec<Header>, table: Vec<Header>) -> Vec<Header> {
    let mut out: Vec<Header> = Vec::with_capacity(fence.len() + table.len());
    let mut from_fence = Vec::new();
    for h in fence {
        if !out.iter().any(|o| o.name.eq_ignore_ascii_case(&h.name)) {
            out.push(h);
            from_fence.push(true);
        }
    }
    for h in table {
        match out.iter().position(|o| o.name.eq_ignore_ascii_case(&h.name)) {
            Some(i) if from_fence[i] => {
                out[i] = h;
                from_fence[i] = false;
            }
            Some(_) => {}
            None => {
                out.push(h);
                from_fence.push(false);
            }
        }
    }
    out
}

/// Title, namespace, lead paragraph and the deprecation note from the top of the page.
fn read_header(doc: &Document, facts: &mut DocFacts) {
    let fm = doc.front_matter.as_ref();
    let mut seen_h1 = false;
    for block in &doc.blocks {
        match block {
            Block::Heading(h) if h.level == 1 && !seen_h1 => {
                seen_h1 = true;
                facts.title = Some(h.text.clone());
            }
            Block::Heading(h) if h.level >= 2 => break,
            Block::Paragraph(p) => {
                if let Some(ns) = p.text.strip_prefix("Namespace:") {
                    // The lead sentence is sometimes written on the next line, in the same paragraph.
                    let ns = ns.trim();
                    let (ns, rest) = ns.split_once(char::is_whitespace).unwrap_or((ns, ""));
                    facts.namespace = Some(ns.trim_end_matches('.').to_string());
                    let rest = rest.trim();
                    if facts.description.is_none() && !rest.is_empty() {
                        facts.description = Some(rest.to_string());
                    }
                    continue;
                }
                let lower = p.text.to_ascii_lowercase();
                if lower.contains("deprecated") {
                    facts.deprecated = true;
                }
                let note =
                    p.text.starts_with("[!INCLUDE") || lower.starts_with("note") || lower.starts_with("important");
                if facts.description.is_none() && !note {
                    facts.description = Some(p.text.clone());
                }
            }
            _ => {}
        }
    }
    if facts.title.is_none() {
        facts.title = fm.and_then(|f| f.fields.get("title")).filter(|t| !t.is_empty()).cloned();
    }
    if facts.description.is_none() {
        facts.description = fm.and_then(|f| f.fields.get("description")).filter(|t| !t.is_empty()).cloned();
    }
}

/// The page's kind: front matter is a weak signal (`doc_type` is wrong on some pages), so the
/// sections and the folder decide too.
fn page_kind(doc: &Document, rel: &str, has_http: bool) -> PageKind {
    let doc_type = doc
        .front_matter
        .as_ref()
        .and_then(|f| f.fields.get("doc_type"))
        .map(|d| d.trim_matches(['\'', '"']).to_ascii_lowercase())
        .unwrap_or_default();
    let folder = rel.split('/').next().unwrap_or("");
    let enum_title = doc.blocks.iter().find_map(|b| match b {
        Block::Heading(h) if h.level == 1 => Some(h.text.to_ascii_lowercase().ends_with(" enum type")),
        _ => None,
    });
    if doc_type.starts_with("enum") || enum_title == Some(true) {
        PageKind::Enum
    } else if has_http || (folder == "api" && !doc_type.starts_with("resource") && !doc_type.starts_with("conceptual"))
    {
        PageKind::Api
    } else if doc_type.starts_with("conceptual") {
        PageKind::Conceptual
    } else if folder == "resources" || doc_type.starts_with("resource") || has_resource_annotation(doc) {
        PageKind::Resource
    } else {
        PageKind::Conceptual
    }
}

fn has_resource_annotation(doc: &Document) -> bool {
    doc.blocks.iter().any(|b| {
        matches!(b, Block::Comment(c) if c.json.as_ref().and_then(|j| j.get("blockType")).and_then(|v| v.as_str()) == Some("resource"))
    })
}
