//! An operation's responses: documented statuses with their bodies (collections wrapped in
//! `value` + `@odata.nextLink`) and examples, and the shared error response.

use std::collections::BTreeMap;

use crate::diagnostic::codes;
use crate::extract::Primitive;
use crate::model::{Operation, SourceRef, TypeRef, TypeTarget};

use super::context::Ctx;
use super::document::{MediaType, Properties, RefOr, Reference, Response, Schema};
use super::examples;
use super::names::ERROR_SCHEMA;
use super::schemas::type_schema;

/// The shared error response's component name.
pub(crate) const ERROR_RESPONSE: &str = "error";

/// Every documented status, a `2XX` fallback when none is a success, and `4XX`/`5XX` errors.
pub(crate) fn responses<'m>(
    ctx: &mut Ctx<'_, '_>,
    op: &'m Operation,
    at: &SourceRef,
) -> BTreeMap<String, RefOr<Response<'m>>> {
    let mut out = BTreeMap::new();
    for (&status, r) in &op.responses {
        let content = if status == 204 || (300..400).contains(&status) {
            BTreeMap::new()
        } else {
            let owner = format!("the {status} response");
            let media = match &r.body {
                Some(ty) => body(ctx, ty, at, &owner),
                None if status >= 400 => ("application/json", Some(Schema::reference(ERROR_SCHEMA))),
                None => ("application/json", None),
            };
            // Examples are JSON; a binary body keeps none.
            let examples = match media.0 {
                "application/json" => examples::named(ctx, op, |ex| {
                    let resp = ex.response.as_ref().filter(|resp| resp.status == Some(status))?;
                    Some((resp.body.as_ref()?, resp.loc.line))
                }),
                _ => BTreeMap::new(),
            };
            if media.1.is_none() && examples.is_empty() {
                BTreeMap::new()
            } else {
                BTreeMap::from([(media.0.to_string(), MediaType { schema: media.1, examples })])
            }
        };
        out.insert(status.to_string(), RefOr::Item(Response { description: reason(status).to_string(), content }));
    }
    if !op.responses.keys().any(|s| (200..400).contains(s)) {
        ctx.report_help(
            codes::OPENAPI_SUCCESS_UNDOCUMENTED,
            at,
            format!("`{} {}` documents no success status; emitted as `2XX`", op.method, op.path),
            "state the status code in the Response section, or add a response example",
        );
        let description = "Success (the docs state no status code).".to_string();
        out.insert("2XX".to_string(), RefOr::Item(Response { description, content: BTreeMap::new() }));
    }
    for range in ["4XX", "5XX"] {
        out.insert(range.to_string(), RefOr::Ref(Reference::component("responses", ERROR_RESPONSE)));
    }
    out
}

/// The media type and schema of a response body.
fn body(ctx: &mut Ctx<'_, '_>, ty: &TypeRef, at: &SourceRef, owner: &str) -> (&'static str, Option<Schema>) {
    if ty.target == TypeTarget::Primitive(Primitive::Stream) && !ty.collection {
        return ("application/octet-stream", Some(Schema::typed("string", Some("binary"))));
    }
    if !ty.collection {
        return ("application/json", Some(type_schema(ctx, ty, at, owner)));
    }
    let item = type_schema(ctx, &TypeRef { target: ty.target.clone(), collection: false }, at, owner);
    ("application/json", Some(collection(ctx, item)))
}

/// A collection page: a shared `…CollectionResponse` schema per item component, inline otherwise.
fn collection(ctx: &mut Ctx<'_, '_>, item: Schema) -> Schema {
    let Some(item_name) = item.reference.as_deref().and_then(|r| r.rsplit('/').next()).map(str::to_string) else {
        return wrapper(item);
    };
    let (name, named) = named_wrapper(&item_name);
    debug_assert!(item == Schema::reference(&item_name), "a component's reference is nothing else");
    // A model type already named like the wrapper keeps its name; the wrapper is then inline.
    if ctx.wrappers.contains_key(&name) || !ctx.names.is_taken(&name) {
        ctx.wrappers.entry(name.clone()).or_insert(named);
        return Schema::reference(&name);
    }
    wrapper(item)
}

/// The suffix of a collection wrapper's component name.
const WRAPPER_SUFFIX: &str = "CollectionResponse";

/// The shared collection wrapper of the component `item` (the `$ref` every reference to a
/// resource or enum is): its name and schema, made from the item's name alone.
pub(crate) fn named_wrapper(item: &str) -> (String, Schema) {
    (format!("{item}{WRAPPER_SUFFIX}"), wrapper(Schema::reference(item)))
}

/// The item component a wrapper named `name` (by [`named_wrapper`]) wraps.
pub(crate) fn wrapped_item(name: &str) -> Option<&str> {
    name.strip_suffix(WRAPPER_SUFFIX)
}

fn wrapper(item: Schema) -> Schema {
    let mut properties = Properties::default();
    properties.insert("value", Schema::array(item));
    let next = Schema {
        description: Some("The URL of the next page, when there is one.".to_string()),
        ..Schema::typed("string", None)
    };
    properties.insert("@odata.nextLink", next);
    // The envelope's other OData control information, which every example page carries.
    properties.insert("@odata.context", Schema::typed("string", None));
    properties.insert("@odata.count", Schema::typed("integer", Some("int64")));
    Schema { kind: Some("object"), properties, ..Schema::default() }
}

/// The shared error response and the schema it refers to.
pub(crate) fn shared_error() -> (Response<'static>, Schema) {
    let mut main = Properties::default();
    for name in ["code", "message", "target"] {
        main.insert(name, Schema::typed("string", None));
    }
    main.insert("details", Schema::array(Schema { kind: Some("object"), ..Schema::default() }));
    main.insert("innerError", Schema { kind: Some("object"), ..Schema::default() });
    let main = Schema {
        kind: Some("object"),
        properties: main,
        required: vec!["code".into(), "message".into()],
        ..Schema::default()
    };
    let mut root = Properties::default();
    root.insert("error", main);
    let schema = Schema {
        kind: Some("object"),
        description: Some("The OData error body every operation returns on failure.".to_string()),
        properties: root,
        required: vec!["error".into()],
        ..Schema::default()
    };
    let media = MediaType { schema: Some(Schema::reference(ERROR_SCHEMA)), examples: BTreeMap::new() };
    let response = Response {
        description: "Error".to_string(),
        content: BTreeMap::from([("application/json".to_string(), media)]),
    };
    (response, schema)
}

/// The reason phrase of a status code (RFC 9110 and common extensions).
#[allow(clippy::match_overlapping_arm, reason = "exact codes first, then the class of any other code")]
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        416 => "Range Not Satisfiable",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        507 => "Insufficient Storage",
        100..=199 => "Informational",
        200..=299 => "Success",
        300..=399 => "Redirection",
        400..=499 => "Client error",
        _ => "Server error",
    }
}
