//! The merged, resolved API model: operations, resources and enums across all pages.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::extract::{Example, Header, ParamIn, PathParam, Permission, Primitive};

/// The whole API as the docs describe it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ApiModel {
    /// Operations, sorted by path then method.
    pub operations: Vec<Operation>,
    /// Resources by qualified name.
    pub resources: BTreeMap<String, Resource>,
    /// Enums by qualified name.
    pub enums: BTreeMap<String, EnumType>,
    /// Counts describing how much of the docs reached the model.
    pub stats: ModelStats,
}

/// Where something was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
pub struct SourceRef {
    /// File relative to the docs root.
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

impl std::fmt::Display for SourceRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One operation (method + path), merged over every page that declares it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// Upper-case method.
    pub method: String,
    /// Canonical path template.
    pub path: String,
    /// Title of the first declaring page.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Lead paragraph of the first declaring page.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The page says the operation is deprecated.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Path parameters (with function arguments), in path order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub path_params: Vec<PathParam>,
    /// Query, function and path parameters from parameter tables.
    #[serde(skip_serializing_if = "no_items")]
    pub parameters: Arc<[Parameter]>,
    /// Request headers.
    #[serde(skip_serializing_if = "no_items")]
    pub request_headers: Arc<[Header]>,
    /// The request body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<Arc<RequestBody>>,
    /// Documented responses by status code.
    pub responses: BTreeMap<u16, Response>,
    /// Permissions.
    #[serde(skip_serializing_if = "no_items")]
    pub permissions: Arc<[Permission]>,
    /// Examples whose request addresses this operation (shared with the pages' facts).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Arc<Example>>,
    /// Every declaration of it, sorted.
    pub sources: Vec<SourceRef>,
}

/// A parameter from a table, with its type resolved.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct Parameter {
    /// Name as written.
    pub name: String,
    /// Where it goes.
    #[serde(rename = "in")]
    pub location: ParamIn,
    /// Type.
    pub ty: TypeRef,
    /// Description.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Required.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
}

/// A request body.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct RequestBody {
    /// The resource the body is, when the prose names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<TypeRef>,
    /// Properties or action parameters from the body table.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<Property>,
}

/// A response.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct Response {
    /// The body type, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<TypeRef>,
    /// Where the status was stated: the Response prose, an example, or both.
    pub stated_in: Vec<StatedIn>,
}

/// Where a response status came from.
#[derive(Debug, Clone, Copy, PartialEq, Hash, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatedIn {
    /// The Response section's prose.
    Prose,
    /// An example's status line.
    Example,
}

/// A resolved type reference.
#[derive(Debug, Clone, PartialEq, Hash, Eq, PartialOrd, Ord, Serialize)]
pub struct TypeRef {
    /// What it names.
    pub target: TypeTarget,
    /// A collection of it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub collection: bool,
}

impl std::fmt::Display for TypeRef {
    /// The type as the docs write it: `Edm.String`, `microsoft.graph.user`, `Collection(…)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = match &self.target {
            TypeTarget::Primitive(p) => p.edm_name(),
            TypeTarget::Resource(n) | TypeTarget::Enum(n) | TypeTarget::Unresolved(n) => n.as_str(),
        };
        if self.collection { write!(f, "Collection({inner})") } else { f.write_str(inner) }
    }
}

/// What a type reference resolved to.
#[derive(Debug, Clone, PartialEq, Hash, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeTarget {
    /// A primitive kind.
    Primitive(Primitive),
    /// A resource, by qualified name.
    Resource(String),
    /// An enum, by qualified name.
    Enum(String),
    /// Nothing known: the text as written.
    Unresolved(String),
}

/// A resource (entity or complex type), merged over its pages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resource {
    /// Type name.
    pub name: String,
    /// Namespace.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    /// Base type's qualified name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_type: Option<String>,
    /// Qualified names of the types deriving from it directly.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub derived: Vec<String>,
    /// Abstract.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub is_abstract: bool,
    /// Open type.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub open_type: bool,
    /// Key property.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Properties and relationships, in docs order.
    pub properties: Vec<Property>,
    /// The JSON representation (shared with the facts of the page that gives it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json: Option<Arc<serde_json::Value>>,
    /// Other annotation data (`@odata.type`, `optionalProperties`, …).
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub annotation: serde_json::Map<String, serde_json::Value>,
    /// Pages describing it.
    pub sources: Vec<SourceRef>,
}

impl Resource {
    /// Feeds `h` every field but the JSON representation and the annotation data, which no
    /// emitter reads to write a type: what the emitters' reuse keys of a type cover.
    pub fn hash_type_inputs<H: std::hash::Hasher>(&self, h: &mut H) {
        use std::hash::Hash;
        // Listed by destructuring: a field added here does not compile until it is hashed or
        // stated to be unread.
        let Resource {
            name,
            namespace,
            base_type,
            derived,
            is_abstract,
            open_type,
            key,
            description,
            properties,
            json: _,
            annotation: _,
            sources,
        } = self;
        (name, namespace, base_type, derived, is_abstract, open_type, key, description, properties, sources).hash(h);
    }
}

/// A property of a resource or request body.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct Property {
    /// Name.
    pub name: String,
    /// Type.
    pub ty: TypeRef,
    /// Description.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Navigation property (from a relationships table).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub navigation: bool,
    /// Read-only.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
    /// Nullable.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
    /// Required.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// Documented values of a string property; an open list (the docs rarely promise it is
    /// complete), so emitters must not turn it into a closed enum.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<EnumMember>,
    /// Where.
    pub source: SourceRef,
}

/// An enum type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumType {
    /// Type name.
    pub name: String,
    /// Namespace.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    /// Members, in docs order.
    pub members: Vec<EnumMember>,
    /// Pages describing it.
    pub sources: Vec<SourceRef>,
}

/// An enum member.
#[derive(Debug, Clone, PartialEq, Hash, Eq, Serialize)]
pub struct EnumMember {
    /// Name.
    pub name: String,
    /// Numeric value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    /// Description.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// Counts of what reached the model.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ModelStats {
    /// Pages read.
    pub pages: usize,
    /// Pages by kind.
    pub pages_by_kind: BTreeMap<String, usize>,
    /// Operation declarations across pages.
    pub declarations: usize,
    /// Model operations after merging.
    pub operations: usize,
    /// Model operations declared by more than one page.
    pub operations_merged: usize,
    /// Tables by kind, all pages.
    pub tables: BTreeMap<String, usize>,
    /// Tables by kind on resource and enum pages.
    pub resource_page_tables: BTreeMap<String, usize>,
    /// Property and relationship rows in the model's resources.
    pub property_rows: usize,
    /// Of those, rows whose type stayed unresolved.
    pub unresolved_property_types: usize,
    /// Resources.
    pub resources: usize,
    /// Enums.
    pub enums: usize,
    /// Examples (pairs or singles).
    pub examples: usize,
}

/// `skip_serializing_if` for the shared lists of an operation.
fn no_items<T>(items: &Arc<[T]>) -> bool {
    items.is_empty()
}
