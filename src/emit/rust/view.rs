//! The askama templates' input: every identifier, type text, attribute and doc literal is
//! computed in Rust before rendering; templates only loop, branch on flags and print.

use askama::Template;

/// The fixed part of the generated file, with the `models` and `requests` modules empty: their
/// items are rendered by the item templates below and spliced in after formatting.
#[derive(Template)]
#[template(path = "rust/module.rs", escape = "none")]
pub(crate) struct ModuleTemplate {
    /// Emit the `http::Request` conversion.
    pub has_http: bool,
    /// `feature = "…"` literal text for `#[cfg(…)]`.
    pub http_cfg: String,
}

/// One struct of `models` or `requests`.
#[derive(Template)]
#[template(path = "rust/struct.rs", escape = "none")]
pub(crate) struct StructTemplate<'a> {
    pub s: &'a StructView,
}

/// One string enum of `models`.
#[derive(Template)]
#[template(path = "rust/enum.rs", escape = "none")]
pub(crate) struct EnumTemplate<'a> {
    pub e: &'a EnumView,
}

/// One polymorphic enum of `models`.
#[derive(Template)]
#[template(path = "rust/union.rs", escape = "none")]
pub(crate) struct UnionTemplate<'a> {
    pub u: &'a UnionView,
}

/// One request type of `requests`.
#[derive(Template)]
#[template(path = "rust/request.rs", escape = "none")]
pub(crate) struct RequestTemplate<'a> {
    pub r: &'a RequestView,
}

/// A struct (resource or request body).
pub(crate) struct StructView {
    pub name: String,
    pub docs: Vec<String>,
    /// `Default` can be derived (every field is optional).
    pub default: bool,
    pub fields: Vec<FieldView>,
    /// Open type: unknown properties kept in a flattened map.
    pub open: bool,
    pub open_field: String,
}

/// A struct field.
pub(crate) struct FieldView {
    pub docs: Vec<String>,
    /// Contents of `#[serde(…)]`.
    pub serde: String,
    pub has_serde: bool,
    pub name: String,
    pub ty: String,
}

/// A string enum with a catch-all variant.
pub(crate) struct EnumView {
    pub name: String,
    pub docs: Vec<String>,
    pub variants: Vec<VariantView>,
    pub has_variants: bool,
    pub other: String,
}

/// An enum member.
pub(crate) struct VariantView {
    pub docs: Vec<String>,
    pub name: String,
    /// The JSON string literal.
    pub lit: String,
}

/// A polymorphic enum over a base type and its descendants, told apart by `@odata.type`.
pub(crate) struct UnionView {
    pub name: String,
    pub docs: Vec<String>,
    pub variants: Vec<UnionVariant>,
    /// The variant used when `@odata.type` is missing or names no known descendant.
    pub fallback: String,
}

/// One concrete type of a polymorphic enum.
pub(crate) struct UnionVariant {
    pub name: String,
    pub ty: String,
    /// Lower-case qualified name literal (`"microsoft.graph.fileattachment"`).
    pub tag: String,
    /// Has its own match arm (not the fallback, not a case-duplicate tag).
    pub has_tag: bool,
    /// The qualified name as documented, a literal.
    pub qualified: String,
    /// Doc literal naming the qualified type.
    pub qualified_doc: String,
}

/// A request type for one operation.
pub(crate) struct RequestView {
    pub name: String,
    pub docs: Vec<String>,
    pub method: String,
    pub template: String,
    pub fields: Vec<FieldView>,
    pub path: Vec<PathPiece>,
    pub query: Vec<QueryView>,
    pub has_query: bool,
    pub has_body: bool,
    pub body_field: String,
    pub response: String,
}

/// A literal run or a parameter of a request path.
pub(crate) struct PathPiece {
    pub is_field: bool,
    /// The literal (a string literal) or the field name.
    pub text: String,
    /// A drive-item path: its `/` separators stay.
    pub keep_slash: bool,
    /// Inside `'…'`: `'` is doubled (OData string literal).
    pub quoted: bool,
}

/// A query parameter.
pub(crate) struct QueryView {
    pub key: String,
    pub field: String,
    pub optional: bool,
    /// Expression turning `v` (a reference to the value) into its wire text.
    pub value: String,
}
