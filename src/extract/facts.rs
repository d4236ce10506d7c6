//! The extract stage's output: one page's API facts, still in the docs' own vocabulary.

use serde::{Deserialize, Serialize};

use crate::source::Span;

pub use super::request_line::{ParamKind, PathParam};
pub use super::type_cell::{Primitive, TypeExpr};

/// Everything one page states about the API.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DocFacts {
    /// Path relative to the docs root.
    pub file: String,
    /// What kind of page this is.
    pub kind: PageKind,
    /// The H1 (or the front-matter title).
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub title: Option<String>,
    /// The lead paragraph (or the front-matter description).
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub description: Option<String>,
    /// The `Namespace:` line.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub namespace: Option<String>,
    /// The page says it is deprecated.
    #[serde(default, skip_serializing_if = "crate::cache::omit::no")]
    pub deprecated: bool,
    /// Operations declared in the HTTP-request section(s).
    pub operations: Vec<OperationFacts>,
    /// Permission scopes, from tables or 2015/16 prerequisites prose.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub permissions: Vec<Permission>,
    /// Path, query and function parameters from parameter tables.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub parameters: Vec<Parameter>,
    /// Request headers from the header table and declaration fences.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub request_headers: Vec<Header>,
    /// The request body, when the page describes one.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub request_body: Option<RequestBody>,
    /// What the Response section says.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub response: Option<ResponseFacts>,
    /// Example requests and responses, paired (shared with the model's operations, not copied).
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub examples: Vec<std::sync::Arc<Example>>,
    /// Resources (complex and entity types) described on the page.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub resources: Vec<ResourceFacts>,
    /// Enum types described on the page.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub enums: Vec<EnumFacts>,
    /// Every table with the kind it was classified as.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub tables: Vec<TableInfo>,
}

/// The kind of page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// An operation page (`api/`).
    Api,
    /// A resource type page.
    Resource,
    /// An enum type page.
    Enum,
    /// An overview or concept page.
    #[default]
    Conceptual,
}

/// Where a fact was written: line and span.
///
/// A fact's `loc` field is serialised under the name `line`: in the dumps (human-readable
/// formats) as the line number alone, in the cache (binary) as the pair `[line, span]`. (A
/// flattened struct would read the same in the dumps, but serde reads a flattened field back by
/// buffering every key of the struct around it: a fifth of reading a page from the cache.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Loc {
    /// 1-based line.
    pub line: usize,
    /// Byte span.
    pub span: Span,
}

impl Serialize for Loc {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            self.line.serialize(serializer)
        } else {
            (self.line, self.span).serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Loc {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Loc, D::Error> {
        if deserializer.is_human_readable() {
            Ok(Loc { line: usize::deserialize(deserializer)?, span: Span::default() })
        } else {
            let (line, span) = <(usize, Span)>::deserialize(deserializer)?;
            Ok(Loc { line, span })
        }
    }
}

/// One `METHOD /path` declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationFacts {
    /// Upper-case HTTP method.
    pub method: String,
    /// Canonical path template (`/users/{user-id}/messages`).
    pub path: String,
    /// The path as written.
    pub written: String,
    /// Path and function parameters, in path order.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub path_params: Vec<PathParam>,
    /// The query string written on the declaration line.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub query: Option<String>,
    /// Where it was declared.
    #[serde(rename = "line")]
    pub loc: Loc,
}

/// Who may call: one permission kind and its scopes.
#[derive(Debug, Clone, PartialEq, Hash, Eq, Serialize, Deserialize)]
pub struct Permission {
    /// `delegated-work`, `delegated-personal`, `application` or `unspecified` (2015/16 prose).
    pub kind: PermissionKind,
    /// Scopes, least privileged first as the docs list them.
    pub scopes: Vec<String>,
    /// Where.
    #[serde(rename = "line")]
    pub loc: Loc,
}

/// A permission kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PermissionKind {
    /// Delegated, work or school account.
    DelegatedWork,
    /// Delegated, personal Microsoft account.
    DelegatedPersonal,
    /// Application (app-only).
    Application,
    /// Not stated (2015/16 prerequisites prose).
    Unspecified,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamIn {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// A function argument in the path (`f(x='{x}')`).
    Function,
    /// A request-body parameter of an action.
    Body,
}

/// A row of a parameter table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parameter {
    /// Name as written.
    pub name: String,
    /// Where it goes.
    #[serde(rename = "in")]
    pub location: ParamIn,
    /// Its type.
    pub ty: TypeRef,
    /// Description text.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_text")]
    pub description: String,
    /// The row says it is required.
    #[serde(default, skip_serializing_if = "crate::cache::omit::no")]
    pub required: bool,
    /// Where.
    #[serde(rename = "line")]
    pub loc: Loc,
}

/// A request header.
#[derive(Debug, Clone, PartialEq, Hash, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Header name (`Prefer`).
    pub name: String,
    /// Value or description text.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_text")]
    pub description: String,
    /// The docs say it is required.
    #[serde(default, skip_serializing_if = "crate::cache::omit::no")]
    pub required: bool,
    /// Where.
    #[serde(rename = "line")]
    pub loc: Loc,
}

/// A type as a table cell or annotation states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeRef {
    /// The type.
    pub ty: TypeExpr,
    /// A collection of it.
    #[serde(default, skip_serializing_if = "crate::cache::omit::no")]
    pub collection: bool,
    /// The page the type cell links to, as written.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub link: Option<String>,
}

/// The request body of an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestBody {
    /// The resource the body represents (a link in the prose), when it is one.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub resource: Option<TypeRef>,
    /// The properties or parameters of the body table.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub properties: Vec<PropertyFacts>,
    /// The prose says no body is supplied.
    #[serde(default, skip_serializing_if = "crate::cache::omit::no")]
    pub none: bool,
    /// Where.
    #[serde(rename = "line")]
    pub loc: Loc,
}

/// What the Response section states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseFacts {
    /// Status codes in the prose, first the success code.
    pub statuses: Vec<u16>,
    /// The resource the prose links to as the body.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub body: Option<TypeRef>,
    /// Where.
    #[serde(rename = "line")]
    pub loc: Loc,
}

/// An example request, response, or a pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The annotation's name, when there is one.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub name: Option<String>,
    /// The request.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub request: Option<ExampleRequest>,
    /// The response.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub response: Option<ExampleResponse>,
}

/// An example request block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleRequest {
    /// Upper-case method.
    pub method: String,
    /// The URL as written.
    pub url: String,
    /// Headers in order.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub headers: Vec<(String, String)>,
    /// The body.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub body: Option<Body>,
    /// The annotation's keys (besides `blockType` and `name`).
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_object")]
    pub annotation: serde_json::Map<String, serde_json::Value>,
    /// True when the block carried a request annotation; false when it was recognised by its first line.
    pub annotated: bool,
    /// Where.
    #[serde(rename = "line")]
    pub loc: Loc,
}

/// An example response block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleResponse {
    /// The status code.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub status: Option<u16>,
    /// The status line as written.
    pub status_line: String,
    /// Headers in order.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub headers: Vec<(String, String)>,
    /// The body.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub body: Option<Body>,
    /// The annotation's `@odata.type`.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub odata_type: Option<String>,
    /// The annotation's `isCollection`.
    #[serde(default, skip_serializing_if = "crate::cache::omit::no")]
    pub is_collection: bool,
    /// The annotation's `truncated`.
    #[serde(default, skip_serializing_if = "crate::cache::omit::no")]
    pub truncated: bool,
    /// The annotation's keys (besides `blockType`, `name` and the ones above).
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_object")]
    pub annotation: serde_json::Map<String, serde_json::Value>,
    /// True when the block carried a response annotation.
    pub annotated: bool,
    /// Where.
    #[serde(rename = "line")]
    pub loc: Loc,
}

/// An example body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Body {
    /// The text as written.
    #[serde(default, skip_serializing_if = "crate::cache::omit::in_dumps")]
    pub text: String,
    /// The JSON, when the body is JSON (possibly after repairs); see [`Body::value`].
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub json: Option<super::BodyJson>,
    /// True when the JSON needed repairs.
    #[serde(default, skip_serializing_if = "crate::cache::omit::no")]
    pub repaired: bool,
    /// The body's bytes.
    #[serde(default, skip_serializing_if = "crate::cache::omit::in_dumps")]
    pub span: Span,
}

impl Body {
    /// The JSON value, when the body is JSON.
    pub fn value(&self) -> Option<&serde_json::Value> {
        self.json.as_ref().map(super::BodyJson::value)
    }
}

/// A resource (entity or complex type) as one page describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceFacts {
    /// Type name (`message`).
    pub name: String,
    /// Namespace (`microsoft.graph`).
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub namespace: Option<String>,
    /// Qualified base type name, from the resource annotation.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub base_type: Option<String>,
    /// Declared abstract.
    #[serde(default, skip_serializing_if = "crate::cache::omit::no")]
    pub is_abstract: bool,
    /// Declared open (accepts undeclared properties).
    #[serde(default, skip_serializing_if = "crate::cache::omit::no")]
    pub open_type: bool,
    /// Key property name.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub key: Option<String>,
    /// Description (lead paragraph).
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_text")]
    pub description: String,
    /// Structural properties.
    pub properties: Vec<PropertyFacts>,
    /// Navigation properties.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub relationships: Vec<PropertyFacts>,
    /// Instance annotations (`@contoso.downloadUrl`): rows of a property table whose name starts
    /// with `@`. They travel with an instance but are not properties of the type.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub instance_attributes: Vec<PropertyFacts>,
    /// The JSON representation, when the page gives one (shared with the model, not copied).
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub json: Option<std::sync::Arc<serde_json::Value>>,
    /// The resource annotation's other keys (`@odata.type`, `optionalProperties`, …).
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_object")]
    pub annotation: serde_json::Map<String, serde_json::Value>,
    /// Where.
    #[serde(rename = "line")]
    pub loc: Loc,
}

/// A row of a property, relationship or request-body table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PropertyFacts {
    /// Name as written (markup removed).
    pub name: String,
    /// Type, when the table has a type column.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub ty: Option<TypeRef>,
    /// Description text.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_text")]
    pub description: String,
    /// The description says read-only.
    #[serde(default, skip_serializing_if = "crate::cache::omit::no")]
    pub read_only: bool,
    /// The description says nullable.
    #[serde(default, skip_serializing_if = "crate::cache::omit::no")]
    pub nullable: bool,
    /// The row or description says required.
    #[serde(default, skip_serializing_if = "crate::cache::omit::no")]
    pub required: bool,
    /// Documented values of a string property (a `Value | Description` table under a heading
    /// such as `sortBy options`), in docs order.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub values: Vec<EnumMember>,
    /// Where.
    #[serde(rename = "line")]
    pub loc: Loc,
}

/// An enum type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumFacts {
    /// Type name.
    pub name: String,
    /// Namespace.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub namespace: Option<String>,
    /// Members in order.
    pub members: Vec<EnumMember>,
    /// Where.
    #[serde(rename = "line")]
    pub loc: Loc,
}

/// An enum member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumMember {
    /// Member name.
    pub name: String,
    /// Numeric value, when given.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub value: Option<i64>,
    /// Description.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_text")]
    pub description: String,
    /// Where.
    #[serde(rename = "line")]
    pub loc: Loc,
}

/// A table and its classification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableInfo {
    /// What kind of table it is.
    pub kind: TableKind,
    /// Number of body rows.
    pub rows: usize,
    /// Where.
    #[serde(rename = "line")]
    pub loc: Loc,
}

/// Table kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// Permission types and scopes.
    Permissions,
    /// Request headers.
    RequestHeaders,
    /// Resource properties.
    Properties,
    /// Resource relationships (navigation properties).
    Relationships,
    /// Request-body properties or action parameters.
    RequestBody,
    /// Path, query or function parameters.
    Parameters,
    /// Enum members.
    EnumMembers,
    /// A resource page's methods.
    Methods,
    /// Response headers, error codes and other known but unmodelled tables.
    Other,
    /// Could not be classified.
    Unclassified,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_reads_as_its_line_in_dumps_and_keeps_its_span_in_the_cache() {
        let op = OperationFacts {
            method: "GET".into(),
            path: "/xs/{x-id}".into(),
            written: "GET /xs/{id}".into(),
            path_params: Vec::new(),
            query: None,
            loc: Loc { line: 7, span: Span::new(40, 52) },
        };
        let json = serde_json::to_value(&op).unwrap();
        assert_eq!(json["line"], 7);
        assert!(json.get("span").is_none() && json.get("loc").is_none());
        let from_dump: OperationFacts = serde_json::from_value(json).unwrap();
        assert_eq!(from_dump.loc, Loc { line: 7, span: Span::default() });
        // Through the cache's own record writer and reader.
        let facts = DocFacts { operations: vec![op.clone()], ..DocFacts::default() };
        let record: crate::cache::PageRecord = rmp_serde::from_slice(&crate::cache::encode_page(&facts, &[])).unwrap();
        let cached = &record.facts.operations[0];
        assert_eq!(*cached, op);
    }
}
