//! API-page facts outside the declarations and examples: permissions, parameters, headers,
//! request body and the Response prose.

use crate::diagnostic::{Sink, codes};
use crate::source::{SourceFile, Span};
use crate::syntax::{Block, Document, Paragraph, Table};

use super::facts::{
    DocFacts, Loc, OperationFacts, ParamIn, ParamKind, Permission, PermissionKind, RequestBody, ResponseFacts,
    TableKind, TypeRef,
};
use super::sections::{Context, SectionKind};
use super::tables;
use super::type_cell::TypeExpr;

/// Reads the tables and prose of an API page into `facts`.
pub(crate) fn extract(doc: &Document, ctx: &[Context], file: &SourceFile, facts: &mut DocFacts, sink: &mut Sink<'_>) {
    let mut response: Option<ResponseFacts> = None;
    let mut body: Option<RequestBody> = None;
    for (i, block) in doc.blocks.iter().enumerate() {
        let c = ctx[i];
        match block {
            Block::Table(t) => table(doc, t, c, file, facts, &mut body, sink),
            Block::Paragraph(p) => match c.kind {
                SectionKind::Response
                    if response.is_none() || response.as_ref().is_some_and(|r| r.statuses.is_empty()) =>
                {
                    let r = response_prose(doc, p, file);
                    if response.as_ref().is_none_or(|old| old.statuses.is_empty() && !r.statuses.is_empty()) {
                        response = Some(r);
                    }
                }
                SectionKind::RequestBody => request_body_prose(doc, p, file, &mut body),
                SectionKind::Permissions => prerequisites_prose(p, file, facts),
                _ => {}
            },
            _ => {}
        }
    }
    if facts.permissions.is_empty() {
        let span = doc.blocks.first().map_or(Span::default(), |b| Span::at(b.span().start));
        sink.report(codes::PERMISSIONS_MISSING, span, "page states no permissions");
    }
    if let Some(r) = &response
        && r.statuses.is_empty()
    {
        sink.report(codes::RESPONSE_STATUS_UNDOCUMENTED, r.loc.span, "the Response section states no status code");
    }
    facts.response = response;
    facts.request_body = body;
    relocate_path_parameters(facts);
}

/// A `Path parameters` table sometimes documents function arguments (`image(width=640)`) or
/// placeholders of the query string (`$filter=id eq '{id_value}'`): a row that names no path
/// segment of any declared operation but one of those moves there.
fn relocate_path_parameters(facts: &mut DocFacts) {
    let ops = &facts.operations;
    for p in facts.parameters.iter_mut().filter(|p| p.location == ParamIn::Path) {
        let name = p.name.to_ascii_lowercase();
        if name.is_empty() || ops.iter().any(|op| segment_names(op).any(|n| n.eq_ignore_ascii_case(&name))) {
            continue;
        }
        let argument = |op: &OperationFacts| {
            let path = op.written.split('?').next().unwrap_or("").to_ascii_lowercase();
            [format!("({name}="), format!(",{name}=")].iter().any(|a| path.contains(a.as_str()))
                || op.path_params.iter().any(|pp| {
                    matches!(&pp.kind, ParamKind::FunctionArgument { key: Some(k), .. } if k.eq_ignore_ascii_case(&name))
                })
        };
        let placeholder = format!("{{{name}}}");
        if ops.iter().any(argument) {
            p.location = ParamIn::Function;
        } else if ops.iter().any(|op| op.query.as_ref().is_some_and(|q| q.to_ascii_lowercase().contains(&placeholder)))
        {
            p.location = ParamIn::Query;
        }
    }
}

/// The names a path-segment placeholder goes by: canonical, as written, and its alternatives.
fn segment_names(op: &OperationFacts) -> impl Iterator<Item = &str> {
    op.path_params.iter().filter(|pp| !matches!(pp.kind, ParamKind::FunctionArgument { .. })).flat_map(|pp| {
        let written = pp.written.trim_matches(|c: char| matches!(c, '{' | '}' | '<' | '>' | '(' | ')' | '\'' | '"'));
        let first = written.split('|').next().unwrap_or("").trim();
        [pp.name.as_str(), first].into_iter().chain(pp.alternatives.iter().map(String::as_str))
    })
}

fn table(
    doc: &Document,
    t: &Table,
    c: Context,
    file: &SourceFile,
    facts: &mut DocFacts,
    body: &mut Option<RequestBody>,
    sink: &mut Sink<'_>,
) {
    let cols = tables::columns(t);
    let kind = tables::classify(&cols, c.kind, facts.kind);
    tables::check_rows(t, sink);
    facts.tables.push(super::facts::TableInfo {
        kind,
        rows: t.rows.len(),
        loc: Loc { line: file.line(t.span.start), span: t.span },
    });
    match kind {
        TableKind::Permissions => {
            for p in tables::permissions(t, &cols, file, sink) {
                merge_permission(&mut facts.permissions, p);
            }
        }
        TableKind::RequestHeaders => facts.request_headers.extend(tables::headers(t, &cols, file)),
        TableKind::Parameters => {
            let location = match c.kind {
                SectionKind::PathParameters => ParamIn::Path,
                SectionKind::FunctionParameters => ParamIn::Function,
                SectionKind::RequestBody => ParamIn::Body,
                _ => ParamIn::Query,
            };
            if location == ParamIn::Body {
                let props = tables::properties(doc, t, &cols, file, sink);
                body_of(body, t, file).properties.extend(props);
            } else {
                facts.parameters.extend(tables::parameters(doc, t, &cols, location, file, sink));
            }
        }
        TableKind::RequestBody => {
            let props = tables::properties(doc, t, &cols, file, sink);
            body_of(body, t, file).properties.extend(props);
        }
        TableKind::Unclassified => sink.report_help(
            codes::TABLE_UNCLASSIFIED,
            t.span,
            format!("table with columns `{}` could not be classified", cols.join(" | ")),
            "put the table under a known section heading or use the standard column names",
        ),
        _ => {}
    }
}

fn body_of<'a>(body: &'a mut Option<RequestBody>, t: &Table, file: &SourceFile) -> &'a mut RequestBody {
    body.get_or_insert_with(|| RequestBody {
        resource: None,
        properties: Vec::new(),
        none: false,
        loc: Loc { line: file.line(t.span.start), span: t.span },
    })
}

fn merge_permission(all: &mut Vec<Permission>, p: Permission) {
    match all.iter_mut().find(|q| q.kind == p.kind) {
        Some(q) => {
            for s in p.scopes {
                if !q.scopes.contains(&s) {
                    q.scopes.push(s);
                }
            }
        }
        None => all.push(p),
    }
}

/// 2015/16 pages: "The following **scopes** are required to execute this API: _Mail.ReadWrite_".
fn prerequisites_prose(p: &Paragraph, file: &SourceFile, facts: &mut DocFacts) {
    let lower = p.text.to_ascii_lowercase();
    if !lower.contains("scope") && !lower.contains("permission") {
        return;
    }
    let scopes = tables::scopes_in(&p.text);
    if !scopes.is_empty() {
        let loc = Loc { line: file.line(p.span.start), span: p.span };
        merge_permission(&mut facts.permissions, Permission { kind: PermissionKind::Unspecified, scopes, loc });
    }
}

/// Links inside a paragraph.
fn links_in<'a>(doc: &'a Document, p: &Paragraph) -> impl Iterator<Item = &'a crate::syntax::Link> {
    let (start, end) = (p.span.start, p.span.end);
    let first = doc.links.partition_point(|l| l.span.start < start);
    doc.links[first..].iter().take_while(move |l| l.span.start < end)
}

/// A link to a resource page, as a type reference. The link text names the type (`[Drive
/// resource]` → `Drive`, `[directory (deleted items)]` → `directory`); a link whose text is a
/// phrase (`[get the status of the copy operation](onenoteoperation-get.md)`) names none.
fn resource_link(doc: &Document, p: &Paragraph) -> Option<TypeRef> {
    let (link, name) = links_in(doc, p).filter(|l| is_type_page(&l.dest)).find_map(|l| {
        let text = l.text.split(" (").next().unwrap_or("").trim_matches(['*', '`', ' ']);
        let name = super::resource_page::type_name_from_title(text);
        let word = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.'));
        word.then_some((l, name))
    })?;
    let collection = p.text.to_ascii_lowercase().contains("collection");
    Some(TypeRef { ty: TypeExpr::Named { name, namespace: None }, collection, link: Some(link.dest.clone()) })
}

fn is_type_page(dest: &str) -> bool {
    let d = dest.split('#').next().unwrap_or("");
    d.ends_with(".md") && (d.contains("resources/") || !d.contains('/')) && !d.contains("://")
}

fn request_body_prose(doc: &Document, p: &Paragraph, file: &SourceFile, body: &mut Option<RequestBody>) {
    let lower = p.text.to_ascii_lowercase();
    let loc = Loc { line: file.line(p.span.start), span: p.span };
    let none = lower.contains("do not supply a request body") || lower.contains("don't supply a request body");
    let resource = if lower.contains("json representation") || lower.contains("request body, supply") {
        resource_link(doc, p)
    } else {
        None
    };
    if !none && resource.is_none() {
        return;
    }
    let b = body.get_or_insert_with(|| RequestBody { resource: None, properties: Vec::new(), none: false, loc });
    b.none |= none;
    if b.resource.is_none() {
        b.resource = resource;
    }
}

/// Status codes and the body type the Response prose states.
fn response_prose(doc: &Document, p: &Paragraph, file: &SourceFile) -> ResponseFacts {
    let mut statuses: Vec<u16> = p.code_spans.iter().filter_map(|c| leading_status(c)).collect();
    if statuses.is_empty() {
        statuses.extend(status_in_text(&p.text));
    }
    statuses.dedup();
    ResponseFacts { statuses, body: resource_link(doc, p), loc: Loc { line: file.line(p.span.start), span: p.span } }
}

/// `201 Created`, `201, Created`, `204` → the code.
fn leading_status(code: &str) -> Option<u16> {
    let t = code.trim();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = &t[digits.len()..];
    let ok = digits.len() == 3 && (rest.is_empty() || rest.starts_with([' ', ',']));
    ok.then(|| digits.parse().ok()).flatten().filter(|c| (100..600).contains(c))
}

/// `returns a 200 OK response` without backticks.
fn status_in_text(text: &str) -> Option<u16> {
    const REASONS: [&str; 8] =
        ["ok", "created", "no content", "accepted", "found", "multi-status", "partial content", "not found"];
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(2)).find_map(|i| {
        let boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let digits =
            bytes[i..i + 3].iter().all(u8::is_ascii_digit) && bytes.get(i + 3).is_none_or(|b| !b.is_ascii_digit());
        if !(boundary && digits) {
            return None;
        }
        let rest = text[i + 3..].trim_start_matches([' ', ',']).to_ascii_lowercase();
        REASONS.iter().any(|r| rest.starts_with(r)).then(|| text[i..i + 3].parse().ok()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_status_codes_from_prose() {
        assert_eq!(leading_status("201 Created"), Some(201));
        assert_eq!(leading_status("201, Created"), Some(201));
        assert_eq!(leading_status("204"), Some(204));
        assert_eq!(leading_status("2016-01-01"), None);
        assert_eq!(status_in_text("this method returns a 200 OK response code"), Some(200));
        assert_eq!(status_in_text("up to 500 items"), None);
    }
}
