//! View models for the `requests` module: one request type per operation, and a body struct
//! for actions whose body is a parameter table rather than a resource.

use super::docs::doc_lines;
use super::models::field_view;
use super::names::{Scope, pascal, snake, str_lit};
use super::types::{OPTION, STRING, TextForm, TypeNames};
use super::view::{FieldView, PathPiece, QueryView, RequestView, StructView};
use crate::diagnostic::Diagnostic;
use crate::extract::{ParamIn, ParamKind};
use crate::model::{Operation, TypeRef, TypeTarget};

const MODELS: &str = "super::models::";

/// The request type's base name: method then path words (`GET /me/messages/{message-id}` →
/// `GetMeMessagesMessageId`), so it is stable and says what it calls.
pub fn request_base_name(op: &Operation) -> String {
    pascal(&format!("{} {}", op.method.to_ascii_lowercase(), op.path))
}

/// Builds the request view; a body struct is returned beside it when the body is a table of
/// parameters. `body_name` is the name the body struct gets.
pub fn request_view(
    op: &Operation,
    name: &str,
    body_name: &str,
    names: &TypeNames,
    diags: &mut Vec<Diagnostic>,
) -> (RequestView, Option<StructView>) {
    let mut scope = Scope::default();
    let mut fields = Vec::new();
    let path = path_pieces(op, &mut scope, &mut fields);
    let mut query = Vec::new();
    for p in op.parameters.iter().filter(|p| p.location == ParamIn::Query) {
        let (field, _) = scope.claim(&snake(&p.name), true);
        let (ty, form, _) = names.rust_type(&p.ty, MODELS);
        let value = match (form, &p.ty.target) {
            (TextForm::Display, TypeTarget::Primitive(pr)) if super::types::primitive(*pr) == STRING => {
                "v.clone()".to_string()
            }
            (TextForm::Display, _) => "v.to_string()".to_string(),
            (TextForm::EnumStr, _) => "v.as_str().to_string()".to_string(),
            (TextForm::Json, _) => "::serde_json::to_string(v).unwrap_or_default()".to_string(),
        };
        fields.push(FieldView {
            docs: doc_lines(&[&p.description, &format!("Query parameter `{}`.", p.name)]),
            serde: String::new(),
            has_serde: false,
            name: field.clone(),
            ty: if p.required { ty } else { format!("{OPTION}<{ty}>") },
        });
        query.push(QueryView { key: str_lit(&p.name), field, optional: !p.required, value });
    }
    let (body_ty, body_struct) = body(op, body_name, names, diags);
    let (body_field, _) = scope.claim("body", true);
    if let Some(ty) = &body_ty {
        fields.push(FieldView {
            docs: doc_lines(&["The request body."]),
            serde: String::new(),
            has_serde: false,
            name: body_field.clone(),
            ty: ty.clone(),
        });
    }
    let mut docs_src: Vec<String> = Vec::new();
    if !op.title.is_empty() {
        docs_src.push(op.title.clone());
    }
    if !op.description.is_empty() {
        docs_src.push(op.description.clone());
    }
    docs_src.push(format!("`{} {}`", op.method, op.path));
    if op.deprecated {
        docs_src.push("Deprecated in the docs.".to_string());
    }
    let docs_ref: Vec<&str> = docs_src.iter().map(String::as_str).collect();
    let view = RequestView {
        name: name.to_string(),
        docs: doc_lines(&docs_ref),
        method: str_lit(&op.method),
        template: str_lit(&op.path),
        fields,
        path,
        has_query: !query.is_empty(),
        query,
        has_body: body_ty.is_some(),
        body_field,
        response: response_type(op, names),
    };
    (view, body_struct)
}

/// Splits the path template into literals and parameters; each parameter becomes a `String`
/// field in path order.
fn path_pieces(op: &Operation, scope: &mut Scope, fields: &mut Vec<FieldView>) -> Vec<PathPiece> {
    let mut pieces = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        let (lit, param) = (&rest[..open], &rest[open + 1..close]);
        if !lit.is_empty() {
            pieces.push(PathPiece { is_field: false, text: str_lit(lit), keep_slash: false, quoted: false });
        }
        let pp = op.path_params.iter().find(|p| p.name == param);
        let (field, _) = scope.claim(&snake(param), true);
        let written = pp.map_or(param, |p| p.written.as_str());
        fields.push(FieldView {
            docs: doc_lines(&[&format!("Path parameter `{written}`.")]),
            serde: String::new(),
            has_serde: false,
            name: field.clone(),
            ty: STRING.to_string(),
        });
        pieces.push(PathPiece {
            is_field: true,
            text: field,
            keep_slash: pp.is_some_and(|p| p.kind == ParamKind::DrivePath),
            quoted: lit.ends_with('\'') && rest[close + 1..].starts_with('\''),
        });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(PathPiece { is_field: false, text: str_lit(rest), keep_slash: false, quoted: false });
    }
    pieces
}

/// The body's type: the documented resource, or a struct of the body table's parameters.
fn body(
    op: &Operation,
    body_name: &str,
    names: &TypeNames,
    diags: &mut Vec<Diagnostic>,
) -> (Option<String>, Option<StructView>) {
    let Some(b) = &op.request_body else { return (None, None) };
    if let Some(t) = &b.resource {
        return (Some(unboxed(t, names)), None);
    }
    if !has_body_struct(op) {
        return (None, None);
    }
    let mut scope = Scope::default();
    let fields: Vec<FieldView> =
        b.properties.iter().map(|p| field_view(p, &mut scope, names, MODELS, true, diags)).collect();
    let default = b.properties.iter().all(|p| !p.required);
    let view = StructView {
        name: body_name.to_string(),
        docs: doc_lines(&[&format!("The body of `{} {}`.", op.method, op.path)]),
        default,
        fields,
        open: false,
        open_field: String::new(),
    };
    (Some(body_name.to_string()), Some(view))
}

/// Whether the request of `op` comes with a body struct: its body is a table of parameters, not
/// a resource.
pub fn has_body_struct(op: &Operation) -> bool {
    op.request_body.as_ref().is_some_and(|b| b.resource.is_none() && !b.properties.is_empty())
}

/// A type at the top of a body or response: no `Box`, since nothing recurses there.
fn unboxed(t: &TypeRef, names: &TypeNames) -> String {
    let (ty, _, _) = names.rust_type(&TypeRef { target: t.target.clone(), collection: true }, MODELS);
    if t.collection { ty } else { element(&ty) }
}

/// `::std::vec::Vec<X>` → `X`.
fn element(vec_ty: &str) -> String {
    let inner =
        vec_ty.strip_prefix(super::types::VEC).and_then(|s| s.strip_prefix('<')).and_then(|s| s.strip_suffix('>'));
    inner.unwrap_or(vec_ty).to_string()
}

/// The success response's type: the lowest 2xx status's body; `()` when the docs describe
/// none; a collection is `ODataCollection<T>`, a primitive or enum is `ODataValue<T>`.
fn response_type(op: &Operation, names: &TypeNames) -> String {
    let success: Vec<_> = op.responses.iter().filter(|(s, _)| (200..300).contains(*s)).collect();
    let Some(t) = success.iter().find_map(|(_, r)| r.body.as_ref()) else {
        return if success.is_empty() { super::types::JSON.to_string() } else { "()".to_string() };
    };
    let elem = element(&unboxed(&TypeRef { target: t.target.clone(), collection: true }, names));
    match (&t.target, t.collection) {
        (_, true) => format!("super::ODataCollection<{elem}>"),
        (TypeTarget::Primitive(crate::extract::Primitive::Json), false) => elem,
        (TypeTarget::Primitive(_) | TypeTarget::Enum(_), false) => format!("super::ODataValue<{elem}>"),
        (_, false) => elem,
    }
}
