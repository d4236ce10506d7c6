//! Resource and enum facts: resource annotations, JSON representations, property,
//! relationship and enum tables.

use serde_json::{Map, Value};

use crate::diagnostic::{Sink, codes};
use crate::source::{Limits, SourceFile};
use crate::syntax::{Block, Comment, Document};

use super::annotations::{flag, string_key};
use super::examples::read_body;
use super::facts::{DocFacts, EnumFacts, Loc, PageKind, PropertyFacts, ResourceFacts, TableInfo, TableKind, TypeRef};
use super::sections::{Context, SectionKind, enum_values_name};
use super::tables;
use super::type_cell::{Primitive, TypeExpr};

/// Reads resources and enums described on the page into `facts`.
pub(crate) fn extract(
    doc: &Document,
    ctx: &[Context],
    file: &SourceFile,
    limits: &Limits,
    facts: &mut DocFacts,
    sink: &mut Sink<'_>,
) {
    let page_name = facts.title.as_deref().map(type_name_from_title);
    let mut resources = annotated_resources(doc, file, limits, facts, sink);
    let mut enums: Vec<EnumFacts> = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        let Block::Table(t) = block else { continue };
        let c = ctx[i];
        let cols = tables::columns(t);
        let kind = if facts.kind == PageKind::Api {
            return_kind(&cols, c, facts)
        } else {
            tables::classify(&cols, c.kind, facts.kind)
        };
        let loc = Loc { line: file.line(t.span.start), span: t.span };
        if facts.kind != PageKind::Api {
            facts.tables.push(TableInfo { kind, rows: t.rows.len(), loc });
            tables::check_rows(t, sink);
        }
        match kind {
            TableKind::Properties | TableKind::Relationships if facts.kind != PageKind::Api => {
                let props = tables::properties(doc, t, &cols, file, sink);
                let target = target_resource(&mut resources, page_name.as_deref(), facts, loc);
                if kind == TableKind::Properties {
                    let (attrs, props): (Vec<_>, Vec<_>) = props.into_iter().partition(|p| p.name.starts_with('@'));
                    target.properties.extend(props);
                    target.instance_attributes.extend(attrs);
                } else {
                    target.relationships.extend(props);
                }
            }
            TableKind::EnumMembers
                if facts.kind == PageKind::Resource
                    && !matches!(c.kind, SectionKind::EnumValues | SectionKind::Members) =>
            {
                let heading = doc.blocks[..i]
                    .iter()
                    .rev()
                    .find_map(|b| match b {
                        Block::Heading(h) => Some(h.text.as_str()),
                        _ => None,
                    })
                    .unwrap_or("");
                let members = tables::enum_members(t, &cols, file);
                match property_named_in(&mut resources, heading) {
                    Some(p) => p.values.extend(members),
                    None => sink.report_help(
                        codes::TABLE_UNCLASSIFIED,
                        t.span,
                        format!("value table under `{heading}` names no property of this page"),
                        "put the property's name in the heading, e.g. `sortBy values`",
                    ),
                }
            }
            TableKind::EnumMembers => {
                let name = match c.kind {
                    SectionKind::EnumValues => {
                        c.heading.and_then(|h| heading_text(doc, h)).map(|t| enum_values_name(t).to_string())
                    }
                    _ => page_name.clone(),
                };
                let Some(name) = name.filter(|n| !n.is_empty()) else { continue };
                let members = tables::enum_members(t, &cols, file);
                match enums.iter_mut().find(|e| e.name == name) {
                    Some(e) => e.members.extend(members),
                    None => enums.push(EnumFacts { name, namespace: facts.namespace.clone(), members, loc }),
                }
            }
            TableKind::Unclassified if facts.kind != PageKind::Api => sink.report_help(
                codes::TABLE_UNCLASSIFIED,
                t.span,
                format!("table with columns `{}` could not be classified", cols.join(" | ")),
                "put the table under a known section heading or use the standard column names",
            ),
            _ => {}
        }
    }
    for r in &mut resources {
        if r.properties.is_empty() {
            r.properties = properties_from_json(r.json.as_deref(), r.loc);
        }
    }
    // Many pages (Intune's above all) state inheritance only in prose; the annotation wins.
    if let Some(base) = inherits_from(doc) {
        let by_name = page_name.as_deref().and_then(|n| resources.iter().position(|r| r.name.eq_ignore_ascii_case(n)));
        if let Some(r) = by_name.or(if resources.is_empty() { None } else { Some(0) }).map(|i| &mut resources[i]) {
            r.base_type = r.base_type.take().or(Some(base));
        }
    }
    facts.resources = resources;
    facts.enums = enums;
}

/// The type named by `Inherits from [base](link)`, `… inherits from …`, `Derived from …` or `subclass of` in
/// the prose above the first section.
fn inherits_from(doc: &Document) -> Option<String> {
    // Searchers built once: every paragraph above the first section of every resource page is
    // searched for each phrase.
    static PHRASES: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 3]> = std::sync::LazyLock::new(|| {
        ["inherits from ", "derived from ", "subclass of "].map(memchr::memmem::Finder::new)
    });
    for block in &doc.blocks {
        match block {
            Block::Heading(h) if h.level >= 2 => return None,
            Block::Paragraph(p) => {
                let lower = p.text.to_ascii_lowercase();
                let Some(at) = PHRASES.iter().find_map(|f| f.find(lower.as_bytes()).map(|i| i + f.needle().len()))
                else {
                    continue;
                };
                // ASCII lowercasing keeps byte offsets, so `at` indexes the original text.
                let name = p.text[at..].split_whitespace().next()?.trim_matches(|c: char| !c.is_alphanumeric());
                return (!name.is_empty()).then(|| name.to_string());
            }
            _ => {}
        }
    }
    None
}

/// API pages only contribute enum tables here (their other tables are read by `api_page`).
fn return_kind(cols: &[String], c: Context, facts: &DocFacts) -> TableKind {
    match tables::classify(cols, c.kind, facts.kind) {
        TableKind::EnumMembers => TableKind::EnumMembers,
        _ => TableKind::Other,
    }
}

/// The property of the page's resources that a heading such as `Roles property values` or
/// `DisplayAs options` is about: any word of the heading equal to a property name, ignoring case.
fn property_named_in<'r>(resources: &'r mut [ResourceFacts], heading: &str) -> Option<&'r mut PropertyFacts> {
    let words: Vec<&str> =
        heading.split(|c: char| !c.is_alphanumeric() && c != '_').filter(|w| !w.is_empty()).collect();
    resources
        .iter_mut()
        .flat_map(|r| r.properties.iter_mut())
        .find(|p| words.iter().any(|w| w.eq_ignore_ascii_case(&p.name)))
}

fn heading_text(doc: &Document, i: usize) -> Option<&str> {
    match doc.blocks.get(i)? {
        Block::Heading(h) => Some(&h.text),
        _ => None,
    }
}

/// `message resource type` → `message`; `clonableTeamParts enum type` → `clonableTeamParts`.
pub(crate) fn type_name_from_title(title: &str) -> String {
    let t = title.trim().trim_matches(['*', '`']).trim();
    let lower = t.to_ascii_lowercase();
    for suffix in [
        " resource type",
        " complex type",
        " entity type",
        " enum type",
        " enumeration type",
        " enumeration",
        " resource",
        " object",
        " type",
        " enum",
    ] {
        if lower.ends_with(suffix) {
            return t[..t.len() - suffix.len()].trim().trim_matches(['*', '`']).to_string();
        }
    }
    t.to_string()
}

/// One resource per `resource` annotation, with the JSON representation that follows it.
fn annotated_resources(
    doc: &Document,
    file: &SourceFile,
    limits: &Limits,
    facts: &DocFacts,
    sink: &mut Sink<'_>,
) -> Vec<ResourceFacts> {
    let mut out: Vec<ResourceFacts> = Vec::new();
    let mut pending: Option<&Comment> = None;
    for block in &doc.blocks {
        match block {
            Block::Heading(_) => pending = None,
            Block::Comment(c)
                if c.json.as_ref().is_some_and(|j| j.get("blockType").and_then(Value::as_str) == Some("resource")) =>
            {
                pending = Some(c);
            }
            Block::Code(code) if pending.is_some() => {
                let comment = pending.take().expect("checked above");
                let ann = comment.json.as_ref().expect("checked above");
                let body = read_body(code, 0, code.text.trim_end(), "JSON representation", limits, sink);
                let loc = Loc { line: file.line(code.span.start), span: code.span };
                if let Some(r) =
                    resource_from_annotation(ann, body.json.map(super::BodyJson::into_value), facts, loc, comment, sink)
                {
                    out.push(r);
                }
            }
            _ => {}
        }
    }
    out
}

fn resource_from_annotation(
    ann: &Map<String, Value>,
    json: Option<Value>,
    facts: &DocFacts,
    loc: Loc,
    comment: &Comment,
    sink: &mut Sink<'_>,
) -> Option<ResourceFacts> {
    let qualified = string_key(ann, "@odata.type").or_else(|| string_key(ann, "@type"));
    let (namespace, name) = match qualified.as_deref().map(|q| q.trim_start_matches('#')) {
        Some(q) => split_qualified(q),
        None => (facts.namespace.clone(), facts.title.as_deref().map(type_name_from_title).unwrap_or_default()),
    };
    if name.is_empty() {
        sink.report(
            codes::RESOURCE_NAME_UNKNOWN,
            comment.span,
            "resource annotation has no `@odata.type` and the page no title",
        );
        return None;
    }
    let known = ["blockType", "@odata.type", "baseType", "abstract", "isAbstract", "openType", "keyProperty"];
    let annotation =
        ann.iter().filter(|(k, _)| !known.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect();
    Some(ResourceFacts {
        name,
        namespace: namespace.or_else(|| facts.namespace.clone()),
        base_type: string_key(ann, "baseType").filter(|b| !b.is_empty()),
        is_abstract: flag(ann, "abstract", comment.span, sink) || flag(ann, "isAbstract", comment.span, sink),
        open_type: flag(ann, "openType", comment.span, sink),
        key: string_key(ann, "keyProperty"),
        description: facts.description.clone().unwrap_or_default(),
        properties: Vec::new(),
        relationships: Vec::new(),
        instance_attributes: Vec::new(),
        json: json.map(std::sync::Arc::new),
        annotation,
        loc,
    })
}

/// `microsoft.graph.callRecords.session` → (`microsoft.graph.callRecords`, `session`).
pub fn split_qualified(q: &str) -> (Option<String>, String) {
    match q.rsplit_once('.') {
        Some((ns, name)) => (Some(ns.to_string()), name.to_string()),
        None => (None, q.to_string()),
    }
}

/// The resource a property table belongs to: the page's own type, else the first one.
fn target_resource<'a>(
    resources: &'a mut Vec<ResourceFacts>,
    page_name: Option<&str>,
    facts: &DocFacts,
    loc: Loc,
) -> &'a mut ResourceFacts {
    let by_name = page_name.and_then(|n| resources.iter().position(|r| r.name.eq_ignore_ascii_case(n)));
    let i = match by_name.or(if resources.is_empty() { None } else { Some(0) }) {
        Some(i) => i,
        None => {
            resources.push(ResourceFacts {
                name: page_name.unwrap_or_default().to_string(),
                namespace: facts.namespace.clone(),
                base_type: None,
                is_abstract: false,
                open_type: false,
                key: None,
                description: facts.description.clone().unwrap_or_default(),
                properties: Vec::new(),
                relationships: Vec::new(),
                instance_attributes: Vec::new(),
                json: None,
                annotation: Map::new(),
                loc,
            });
            resources.len() - 1
        }
    };
    &mut resources[i]
}

/// Pages with a JSON representation but no property table: the JSON's keys and type-name values.
fn properties_from_json(json: Option<&Value>, loc: Loc) -> Vec<PropertyFacts> {
    let Some(Value::Object(map)) = json else { return Vec::new() };
    map.iter()
        .filter(|(k, _)| !k.starts_with('@'))
        .map(|(k, v)| PropertyFacts {
            name: k.clone(),
            ty: json_type(v),
            description: String::new(),
            read_only: false,
            nullable: false,
            required: false,
            values: Vec::new(),
            loc,
        })
        .collect()
}

/// The type a JSON representation value names: `"String"`, `{"@odata.type": "x"}`, `["String"]`.
pub(crate) fn json_type(v: &Value) -> Option<TypeRef> {
    match v {
        Value::String(s) => {
            let word = s.split([' ', '(']).next().unwrap_or("");
            let ty = Primitive::from_name(word).map(TypeExpr::Primitive)?;
            Some(TypeRef { ty, collection: false, link: None })
        }
        Value::Object(m) => {
            let q = m.get("@odata.type")?.as_str()?.trim_start_matches('#');
            let (namespace, name) = split_qualified(q);
            let ty = Primitive::from_name(q).map_or(TypeExpr::Named { name, namespace }, TypeExpr::Primitive);
            Some(TypeRef { ty, collection: false, link: None })
        }
        Value::Array(items) => {
            let mut inner = json_type(items.first()?)?;
            inner.collection = true;
            Some(inner)
        }
        Value::Bool(_) => Some(TypeRef { ty: TypeExpr::Primitive(Primitive::Boolean), collection: false, link: None }),
        Value::Number(n) => {
            let p = if n.is_f64() { Primitive::Double } else { Primitive::Int64 };
            Some(TypeRef { ty: TypeExpr::Primitive(p), collection: false, link: None })
        }
        Value::Null => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_titles() {
        assert_eq!(type_name_from_title("message resource type"), "message");
        assert_eq!(type_name_from_title("clonableTeamParts enum type"), "clonableTeamParts");
        assert_eq!(type_name_from_title("`itemBody` resource type"), "itemBody");
        assert_eq!(
            split_qualified("microsoft.graph.callRecords.session"),
            (Some("microsoft.graph.callRecords".into()), "session".into())
        );
    }
}
