//! Tables: classification by heading and column shape, and rows → properties, parameters,
//! headers, permissions and enum members.

use crate::diagnostic::{Sink, codes};
use crate::source::SourceFile;
use crate::syntax::{Cell, Document, Table};

use super::facts::{
    EnumMember, Header, Loc, PageKind, ParamIn, Parameter, Permission, PermissionKind, PropertyFacts, TableKind,
    TypeRef,
};
use super::sections::SectionKind;
use super::type_cell::{TypeExpr, TypeIssueKind, parse_type_cell};

/// Column names, lower-cased, markup and NBSP removed.
pub(crate) fn columns(table: &Table) -> Vec<String> {
    table
        .header
        .iter()
        .map(|c| c.text.replace('\u{a0}', " ").trim().trim_matches(['*', '_']).trim().to_ascii_lowercase())
        .collect()
}

/// Classifies a table by its enclosing section and its columns.
pub(crate) fn classify(cols: &[String], section: SectionKind, page: PageKind) -> TableKind {
    use SectionKind as S;
    let c0 = cols.first().map_or("", String::as_str);
    let has_type = cols.iter().any(|c| c == "type" || c == "return type");
    if c0.starts_with("permission") || cols.iter().skip(1).any(|c| c.starts_with("delegated")) {
        return if c0 == "permission type" && cols.get(1).is_some_and(|c| c == "property") {
            TableKind::RequestBody
        } else {
            TableKind::Permissions
        };
    }
    if c0 == "method" || c0 == "common task" {
        return TableKind::Methods;
    }
    // `Value | Description` on a resource page lists a string property's values under a heading
    // like `sortBy options`; the resource reader ties it to that property.
    let value_list = page == PageKind::Resource && c0 == "value" && cols.get(1).is_some_and(|c| c == "description");
    if c0 == "member"
        || c0 == "members"
        || value_list
        || (matches!(section, S::Members | S::EnumValues) && matches!(c0, "value" | "name"))
    {
        return TableKind::EnumMembers;
    }
    // `### Prefer header values`, `### Roles property values`: documented values of one header
    // or property (resource pages' `Value | Description` tables were taken above).
    if section == S::ValueList {
        return TableKind::Other;
    }
    if c0.starts_with("relationship") || (section == S::Relationships && has_type) {
        return TableKind::Relationships;
    }
    match section {
        S::Permissions => return TableKind::Permissions,
        S::RequestHeaders => return TableKind::RequestHeaders,
        S::QueryParameters | S::PathParameters | S::FunctionParameters => return TableKind::Parameters,
        S::RequestBody if cols.len() >= 2 => return TableKind::RequestBody,
        _ => {}
    }
    if matches!(c0, "header" | "header name" | "request header") {
        return TableKind::RequestHeaders;
    }
    if c0.contains("parameter") {
        return TableKind::Parameters;
    }
    let property_like = matches!(c0, "property" | "property name" | "properties" | "name");
    match section {
        S::Properties if property_like || has_type => TableKind::Properties,
        S::Response | S::ExampleResponse => TableKind::Other,
        _ if property_like && has_type && page == PageKind::Resource => TableKind::Properties,
        _ if property_like && has_type && section == S::JsonRepresentation => TableKind::Properties,
        _ if c0.contains("status code") || c0.contains("error") || c0 == "value" => TableKind::Other,
        // A table with a type column, or one that lists properties, may hold members the model
        // misses: report it. Anything else (aliases, scenarios, paths, use cases) is prose laid
        // out as a table, with no place in the model.
        _ if has_type || matches!(c0, "property" | "property name" | "properties") => TableKind::Unclassified,
        _ => TableKind::Other,
    }
}

/// Column positions of a table, found by header name.
pub(crate) struct Columns {
    name: usize,
    ty: Option<usize>,
    description: Option<usize>,
    value: Option<usize>,
    required: Option<usize>,
}

impl Columns {
    pub(crate) fn find(cols: &[String]) -> Columns {
        let pos = |pred: &dyn Fn(&str) -> bool| cols.iter().skip(1).position(|c| pred(c)).map(|i| i + 1);
        Columns {
            name: 0,
            ty: pos(&|c| c == "type" || c == "return type" || c == "data type"),
            description: pos(&|c| c.starts_with("description")),
            value: pos(&|c| c == "value" || c == "int value"),
            required: pos(&|c| c.starts_with("required")),
        }
    }
}

fn cell(cells: &[Cell], i: Option<usize>) -> Option<&Cell> {
    cells.get(i?)
}

/// Plain text of a name cell: emphasis, backticks and NBSP removed.
fn name_text(cell: &Cell) -> String {
    cell.text.replace('\u{a0}', " ").trim().trim_matches(['*', '_', '`', '"']).trim().to_string()
}

/// Reads a table's rows as properties (property, relationship and request-body tables).
pub(crate) fn properties(
    doc: &Document,
    table: &Table,
    cols: &[String],
    file: &SourceFile,
    sink: &mut Sink<'_>,
) -> Vec<PropertyFacts> {
    let at = Columns::find(cols);
    let mut out = Vec::new();
    for row in &table.rows {
        let Some(name_cell) = row.cells.get(at.name) else { continue };
        let name = name_text(name_cell);
        if name.is_empty() || name.contains(' ') && cell(&row.cells, at.ty).is_none_or(|c| c.text.is_empty()) {
            continue; // a group label row (`**Attachments**`) or an empty row
        }
        let ty = cell(&row.cells, at.ty).map(|c| type_ref(doc, c, sink));
        let description = cell(&row.cells, at.description).map_or_else(String::new, |c| c.text.clone());
        let lower = description.to_ascii_lowercase();
        let required_col = cell(&row.cells, at.required).is_some_and(|c| is_yes(&c.text));
        out.push(PropertyFacts {
            name,
            ty,
            read_only: lower.contains("read-only") || lower.contains("read only"),
            nullable: lower.contains("nullable") && !lower.contains("not nullable") && !lower.contains("non-nullable"),
            required: required_col || required_in(&lower),
            values: Vec::new(),
            description,
            loc: Loc { line: file.line(row.span.start), span: row.span },
        });
    }
    out
}

fn is_yes(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    t == "y" || t == "yes" || t == "true" || t == "required"
}

/// "Required." as a sentence of its own (not "not required", not "required if …").
fn required_in(lower: &str) -> bool {
    lower.split(['.', ';']).any(|s| s.trim() == "required")
}

/// Reads a type cell, reporting what needed interpretation.
pub(crate) fn type_ref(doc: &Document, c: &Cell, sink: &mut Sink<'_>) -> TypeRef {
    let lookup = |label: &str| doc.link_definitions.get(&label.to_lowercase()).cloned();
    let mut parsed = parse_type_cell(&c.raw, &lookup);
    // The generator's ``** Unknown Type `x` **`` marker says it could not map `x` to a type of
    // the API: the type stays unknown (a dangling `x` would reach the model), its name kept as text.
    if let Some(name) = parsed.issues.iter().find_map(|i| match &i.kind {
        TypeIssueKind::UnknownType(name) if !name.is_empty() => Some(name.clone()),
        _ => None,
    }) && !matches!(parsed.ty, TypeExpr::Unknown(_))
    {
        parsed.ty = TypeExpr::Unknown(name);
    }
    for issue in &parsed.issues {
        let message = match &issue.kind {
            TypeIssueKind::BrokenLink => format!("type cell `{}` holds a link with no closing parenthesis", c.raw),
            TypeIssueKind::ReferenceLinkUnresolved(label) => {
                format!("type cell uses reference link `[{label}]` with no definition")
            }
            TypeIssueKind::TrailingText(t) => format!("type cell `{}` has text after the type: `{t}`", c.raw),
            _ => continue,
        };
        sink.report(codes::TYPE_CELL_IRREGULAR, c.span, message);
    }
    if let TypeExpr::Unknown(text) = &parsed.ty {
        let message = if text.is_empty() {
            "type cell is empty".to_string()
        } else {
            format!("type cell `{text}` names no type")
        };
        sink.report(codes::TYPE_UNKNOWN, c.span, message);
    }
    TypeRef { ty: parsed.ty, collection: parsed.collection, link: parsed.link }
}

/// Reports rows with fewer or more cells than the header, in a table of any kind (a cell lost
/// to an unescaped `|` is lost whatever the table holds).
pub(crate) fn check_rows(table: &Table, sink: &mut Sink<'_>) {
    for row in &table.rows {
        check_row(table, row, sink);
    }
}

fn check_row(table: &Table, row: &crate::syntax::Row, sink: &mut Sink<'_>) {
    if let Some(n) = row.written_cells {
        let want = table.header.len();
        let what = if n < want { "fewer" } else { "more" };
        sink.report_help(
            codes::TABLE_ROW_CELLS,
            row.span,
            format!("table row has {n} cells, {what} than the header's {want}"),
            "escape a `|` inside a cell as `\\|`, or add the missing cells",
        );
    }
}

/// Reads a parameter table (query, path, function or action body parameters).
pub(crate) fn parameters(
    doc: &Document,
    table: &Table,
    cols: &[String],
    location: ParamIn,
    file: &SourceFile,
    sink: &mut Sink<'_>,
) -> Vec<Parameter> {
    let props = properties(doc, table, cols, file, sink);
    props
        .into_iter()
        .map(|p| Parameter {
            name: p.name,
            location,
            ty: p.ty.unwrap_or(TypeRef {
                ty: TypeExpr::Primitive(super::type_cell::Primitive::String),
                collection: false,
                link: None,
            }),
            description: p.description,
            required: p.required,
            loc: p.loc,
        })
        .collect()
}

/// Reads a request-header table; `Prefer: outlook.timezone` in one cell is split.
pub(crate) fn headers(table: &Table, cols: &[String], file: &SourceFile) -> Vec<Header> {
    let at = Columns::find(cols);
    let mut out = Vec::new();
    for row in &table.rows {
        let Some(c) = row.cells.first() else { continue };
        let text = name_text(c);
        let (name, value) = text.split_once(':').map_or((text.as_str(), ""), |(n, v)| (n.trim(), v.trim()));
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            continue;
        }
        // A `Type` column says `string` for every header: not part of the description.
        let rest: Vec<&str> = (1..row.cells.len())
            .filter(|&i| Some(i) != at.ty)
            .map(|i| row.cells[i].text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        let mut description = if value.is_empty() { String::new() } else { value.to_string() };
        for r in rest {
            if !description.is_empty() {
                description.push(' ');
            }
            description.push_str(r);
        }
        let lower = description.to_ascii_lowercase();
        let required = lower.contains("required") && !lower.contains("not required") && !lower.contains("optional");
        let required = required || cell(&row.cells, at.required).is_some_and(|c| is_yes(&c.text));
        out.push(Header {
            name: name.to_string(),
            description,
            required,
            loc: Loc { line: file.line(row.span.start), span: row.span },
        });
    }
    out
}

/// Reads a permission table: `Permission type | Permissions` rows, or a per-resource matrix
/// whose columns are the permission types.
pub(crate) fn permissions(table: &Table, cols: &[String], file: &SourceFile, sink: &mut Sink<'_>) -> Vec<Permission> {
    let mut out = Vec::new();
    let matrix = cols.iter().skip(1).any(|c| permission_kind(c).is_some());
    for row in &table.rows {
        let loc = Loc { line: file.line(row.span.start), span: row.span };
        let mut push = |kind: PermissionKind, c: &Cell, sink: &mut Sink<'_>| {
            let scopes = scopes_in(&c.text);
            let lower = c.text.to_ascii_lowercase();
            if lower.contains("todo") || lower.contains("determine") || lower.contains("tbd") {
                sink.report_help(
                    codes::PERMISSIONS_UNDETERMINED,
                    c.span,
                    format!("permission cell holds a placeholder: `{}`", c.text),
                    "list the scopes, or write `Not supported.`",
                );
            }
            if let Some(p) = out.iter_mut().find(|p: &&mut Permission| p.kind == kind) {
                for s in scopes {
                    if !p.scopes.contains(&s) {
                        p.scopes.push(s);
                    }
                }
            } else {
                out.push(Permission { kind, scopes, loc });
            }
        };
        if matrix {
            for (i, c) in row.cells.iter().enumerate().skip(1) {
                if let Some(kind) = cols.get(i).and_then(|h| permission_kind(h)) {
                    push(kind, c, sink);
                }
            }
        } else if let Some(kind) = row.cells.first().and_then(|c| permission_kind(&c.text.to_ascii_lowercase())) {
            for c in row.cells.iter().skip(1) {
                push(kind, c, sink);
            }
        }
    }
    out
}

fn permission_kind(text: &str) -> Option<PermissionKind> {
    let t = text.to_ascii_lowercase();
    if t.contains("delegated") {
        Some(if t.contains("personal") { PermissionKind::DelegatedPersonal } else { PermissionKind::DelegatedWork })
    } else if t.contains("application") {
        Some(PermissionKind::Application)
    } else {
        None
    }
}

/// Scope names in a cell or a sentence: dotted names (`Mail.ReadWrite`, `User.Read.All`) and
/// the few undotted OpenID scopes.
pub(crate) fn scopes_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Words are split on bytes, not characters: a word is ASCII letters, digits, `.`, `_` and
    // `-`, and any other byte (every byte of a non-ASCII character too) ends it. Every
    // permission cell and prerequisites sentence of the docs comes through here.
    let is_word = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-');
    for word in text.as_bytes().split(|b| !is_word(b)) {
        // ASCII only, so always UTF-8.
        let Ok(word) = std::str::from_utf8(word) else { continue };
        let w = word.trim_matches(['.', '-', '_']);
        // Its parts between dots are words too: only an empty part (`..`) disqualifies it.
        let dotted = w.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
            && w.contains('.')
            && !w.as_bytes().windows(2).any(|pair| pair == b"..");
        let openid = matches!(w, "openid" | "profile" | "offline_access" | "email");
        if (dotted || openid) && !out.iter().any(|s| s == w) {
            out.push(w.to_string());
        }
    }
    out
}

/// Reads an enum-member table.
pub(crate) fn enum_members(table: &Table, cols: &[String], file: &SourceFile) -> Vec<EnumMember> {
    let at = Columns::find(cols);
    let value_col = if cols.first().is_some_and(|c| c == "value") { None } else { at.value };
    let mut out = Vec::new();
    for row in &table.rows {
        let Some(c) = row.cells.first() else { continue };
        let name = name_text(c);
        if name.is_empty() {
            continue;
        }
        let value = cell(&row.cells, value_col).and_then(|c| c.text.trim().parse::<i64>().ok());
        let description = cell(&row.cells, at.description).map_or_else(String::new, |c| c.text.clone());
        out.push(EnumMember { name, value, description, loc: Loc { line: file.line(row.span.start), span: row.span } });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn classifies_by_heading_and_columns() {
        use SectionKind as S;
        assert_eq!(
            classify(
                &cols(&["permission type", "permissions (from least to most privileged)"]),
                S::Other,
                PageKind::Api
            ),
            TableKind::Permissions
        );
        assert_eq!(
            classify(&cols(&["property", "type", "description"]), S::Properties, PageKind::Resource),
            TableKind::Properties
        );
        assert_eq!(
            classify(&cols(&["property", "type", "description"]), S::RequestBody, PageKind::Api),
            TableKind::RequestBody
        );
        assert_eq!(
            classify(&cols(&["relationship", "type", "description"]), S::Other, PageKind::Resource),
            TableKind::Relationships
        );
        assert_eq!(classify(&cols(&["member"]), S::EnumValues, PageKind::Resource), TableKind::EnumMembers);
        assert_eq!(
            classify(&cols(&["name", "description"]), S::RequestHeaders, PageKind::Api),
            TableKind::RequestHeaders
        );
        assert_eq!(
            classify(&cols(&["name", "value", "description"]), S::QueryParameters, PageKind::Api),
            TableKind::Parameters
        );
        assert_eq!(
            classify(&cols(&["method", "return type", "description"]), S::Methods, PageKind::Resource),
            TableKind::Methods
        );
        // Typed or property-like tables of unknown purpose are reported; prose tables are `other`.
        assert_eq!(classify(&cols(&["foo", "type"]), S::Other, PageKind::Api), TableKind::Unclassified);
        assert_eq!(classify(&cols(&["property", "description"]), S::Other, PageKind::Api), TableKind::Unclassified);
        assert_eq!(classify(&cols(&["foo", "bar"]), S::Other, PageKind::Api), TableKind::Other);
        assert_eq!(classify(&cols(&["name", "description"]), S::ValueList, PageKind::Api), TableKind::Other);
    }

    #[test]
    fn reads_scopes() {
        assert_eq!(scopes_in("Mail.Read, Mail.ReadWrite"), vec!["Mail.Read", "Mail.ReadWrite"]);
        assert_eq!(scopes_in("Not supported."), Vec::<String>::new());
        assert_eq!(scopes_in("_Mail.ReadWrite_; User.Read.All"), vec!["Mail.ReadWrite", "User.Read.All"]);
        assert_eq!(scopes_in("**TODO: Determine scopes **"), Vec::<String>::new());
        assert_eq!(
            scopes_in("Mail..Read, Sites.Read.All、openid é-Files.Read"),
            vec!["Sites.Read.All", "openid", "Files.Read"]
        );
        assert_eq!(
            scopes_in("mail.read Mail.Read.  Mail.Read"),
            vec!["Mail.Read"],
            "lower-case first, trailing dot, repeated"
        );
    }
}
