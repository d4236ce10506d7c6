//! The OpenAPI 3.0.3 document as typed serde structs: only the parts mdapi emits, with field
//! order fixed by declaration and every map ordered, so serialisation is deterministic.

use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeMap, Serializer};

/// The version string written to `openapi:`.
pub const OPENAPI_VERSION: &str = "3.0.3";

/// The root document.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct OpenApi<'m> {
    /// Always [`OPENAPI_VERSION`].
    pub openapi: String,
    /// Title, version, description.
    pub info: Info,
    /// Base URLs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    /// Security that applies where an operation states none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub security: Vec<SecurityRequirement>,
    /// Tag declarations, sorted by name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    /// Path templates, sorted.
    pub paths: BTreeMap<String, PathItem<'m>>,
    /// Reusable schemas, parameters, responses and security schemes.
    pub components: Components<'m>,
}

/// `info`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Info {
    /// API title.
    pub title: String,
    /// API version.
    pub version: String,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Terms of service URL.
    #[serde(rename = "termsOfService", skip_serializing_if = "Option::is_none")]
    pub terms_of_service: Option<String>,
    /// Licence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<License>,
}

/// `info.license`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct License {
    /// Licence name.
    pub name: String,
    /// Licence URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A server.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Server {
    /// Base URL, without a trailing slash.
    pub url: String,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A tag declaration.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Tag {
    /// Tag name.
    pub name: String,
    /// Description.
    pub description: String,
}

/// One security alternative: scheme name → required scopes.
pub type SecurityRequirement = BTreeMap<String, Vec<String>>;

/// The operations on one path, in the spec's method order.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct PathItem<'m> {
    /// GET.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub get: Option<Operation<'m>>,
    /// PUT.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub put: Option<Operation<'m>>,
    /// POST.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post: Option<Operation<'m>>,
    /// DELETE.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete: Option<Operation<'m>>,
    /// OPTIONS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Operation<'m>>,
    /// HEAD.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<Operation<'m>>,
    /// PATCH.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patch: Option<Operation<'m>>,
    /// TRACE.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<Operation<'m>>,
}

impl<'m> PathItem<'m> {
    /// The slot for an upper-case HTTP method; `None` for a method OpenAPI 3.0 has no slot for.
    pub fn slot(&mut self, method: &str) -> Option<&mut Option<Operation<'m>>> {
        Some(match method {
            "GET" => &mut self.get,
            "PUT" => &mut self.put,
            "POST" => &mut self.post,
            "DELETE" => &mut self.delete,
            "OPTIONS" => &mut self.options,
            "HEAD" => &mut self.head,
            "PATCH" => &mut self.patch,
            "TRACE" => &mut self.trace,
            _ => return None,
        })
    }

    /// Every operation present, in method order.
    pub fn operations(&self) -> impl Iterator<Item = &Operation<'m>> {
        [&self.get, &self.put, &self.post, &self.delete, &self.options, &self.head, &self.patch, &self.trace]
            .into_iter()
            .flatten()
    }
}

/// An operation.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Operation<'m> {
    /// Tags (the first path segment).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The page title.
    pub summary: String,
    /// The page's lead paragraph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Unique, derived from method and path.
    #[serde(rename = "operationId")]
    pub operation_id: String,
    /// Path, query and header parameters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<RefOr<Parameter>>,
    /// The request body.
    #[serde(rename = "requestBody", skip_serializing_if = "Option::is_none")]
    pub request_body: Option<RequestBody<'m>>,
    /// Responses by status code (`200`, `4XX`, …), sorted.
    pub responses: BTreeMap<String, RefOr<Response<'m>>>,
    /// The docs say it is deprecated.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Alternatives of scopes, from the permissions table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security: Option<Vec<SecurityRequirement>>,
    /// `file:line` of the first declaration.
    #[serde(rename = "x-mdapi-source", skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Either a `$ref` or an inline value.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum RefOr<T> {
    /// `$ref: '#/components/…'`.
    Ref(Reference),
    /// The value itself.
    Item(T),
}

/// A `$ref` object.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reference {
    /// The JSON pointer.
    #[serde(rename = "$ref")]
    pub reference: String,
}

impl Reference {
    /// A reference to `#/components/{kind}/{name}`.
    pub fn component(kind: &str, name: &str) -> Reference {
        Reference { reference: format!("#/components/{kind}/{name}") }
    }
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParameterIn {
    /// A path placeholder.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
}

/// A parameter.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Parameter {
    /// Name.
    pub name: String,
    /// Where it goes.
    #[serde(rename = "in")]
    pub location: ParameterIn,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Required (always true for path parameters).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// Schema.
    pub schema: Schema,
}

/// A request body.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RequestBody<'m> {
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Media type → content.
    pub content: BTreeMap<String, MediaType<'m>>,
    /// The table says some property is required, or the body is a resource.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
}

/// A response.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Response<'m> {
    /// Required by the spec: the reason phrase.
    pub description: String,
    /// Media type → content; absent for `204` and redirects.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub content: BTreeMap<String, MediaType<'m>>,
}

/// A media type's schema and examples.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct MediaType<'m> {
    /// Schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<Schema>,
    /// Named examples, sorted by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub examples: BTreeMap<String, Example<'m>>,
}

/// An example.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Example<'m> {
    /// Where it was written (`file:line`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The JSON body, borrowed from the model (examples are the bulk of a large document).
    pub value: &'m crate::extract::BodyJson,
}

/// A schema: the subset of the OpenAPI 3.0 Schema Object mdapi writes.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Schema {
    /// `$ref` to a component schema; when set, no sibling but `x-` keys is written.
    #[serde(rename = "$ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Inheritance or reference-with-siblings.
    #[serde(rename = "allOf", skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<Schema>,
    /// JSON type.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    /// Format.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Closed set of string values (enum types only).
    #[serde(rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub enumeration: Vec<String>,
    /// Array items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Schema>>,
    /// Object properties, in docs order.
    #[serde(skip_serializing_if = "Properties::is_empty")]
    pub properties: Properties,
    /// Required property names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// Polymorphism on `@odata.type`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<Discriminator>,
    /// Read-only.
    #[serde(rename = "readOnly", skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
    /// Nullable.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
    /// A navigation property (from a relationships table).
    #[serde(rename = "x-mdapi-navigation", skip_serializing_if = "std::ops::Not::not")]
    pub navigation: bool,
    /// The documented values of a string property: an open list, so not a closed `enum`.
    #[serde(rename = "x-mdapi-values", skip_serializing_if = "Vec::is_empty")]
    pub documented_values: Vec<String>,
    /// The type as written, when it could not be mapped (the schema is then untyped).
    #[serde(rename = "x-mdapi-unmapped-type", skip_serializing_if = "Option::is_none")]
    pub unmapped_type: Option<String>,
    /// `file:line` where it is described.
    #[serde(rename = "x-mdapi-source", skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Schema {
    /// A `$ref` to a component schema.
    pub fn reference(name: &str) -> Schema {
        Schema { reference: Some(format!("#/components/schemas/{name}")), ..Schema::default() }
    }

    /// A schema of a JSON type and optional format.
    pub fn typed(kind: &'static str, format: Option<&'static str>) -> Schema {
        Schema { kind: Some(kind), format, ..Schema::default() }
    }

    /// An array of `items`.
    pub fn array(items: Schema) -> Schema {
        Schema { kind: Some("array"), items: Some(Box::new(items)), ..Schema::default() }
    }
}

/// Object properties kept in docs order (a map in the output).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Properties(pub Vec<(String, Schema)>);

impl Properties {
    /// No properties.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds a property unless one of that name exists; returns whether it was added.
    pub fn insert(&mut self, name: &str, schema: Schema) -> bool {
        if self.0.iter().any(|(n, _)| n == name) {
            return false;
        }
        self.0.push((name.to_string(), schema));
        true
    }
}

impl Serialize for Properties {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// `discriminator`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Discriminator {
    /// Always `@odata.type`.
    #[serde(rename = "propertyName")]
    pub property_name: String,
    /// `#namespace.type` → schema reference, for every descendant.
    pub mapping: BTreeMap<String, String>,
}

/// `components`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Components<'m> {
    /// Schemas by qualified name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub schemas: BTreeMap<String, Schema>,
    /// Shared responses (the error response).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub responses: BTreeMap<String, Response<'m>>,
    /// Shared parameters (the OData query options).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, Parameter>,
    /// OAuth2 schemes.
    #[serde(rename = "securitySchemes", skip_serializing_if = "BTreeMap::is_empty")]
    pub security_schemes: BTreeMap<String, SecurityScheme>,
}

/// An OAuth2 security scheme.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SecurityScheme {
    /// Always `oauth2`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Flows.
    pub flows: OAuthFlows,
}

/// `flows`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct OAuthFlows {
    /// Delegated access.
    #[serde(rename = "authorizationCode", skip_serializing_if = "Option::is_none")]
    pub authorization_code: Option<OAuthFlow>,
    /// App-only access.
    #[serde(rename = "clientCredentials", skip_serializing_if = "Option::is_none")]
    pub client_credentials: Option<OAuthFlow>,
}

/// One flow.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OAuthFlow {
    /// Authorization URL (authorization-code flow only).
    #[serde(rename = "authorizationUrl", skip_serializing_if = "Option::is_none")]
    pub authorization_url: Option<String>,
    /// Token URL.
    #[serde(rename = "tokenUrl")]
    pub token_url: String,
    /// Scope → description.
    pub scopes: BTreeMap<String, String>,
}
