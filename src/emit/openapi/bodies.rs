//! An operation's request body: a `$ref` to the resource the docs name, or an inline object
//! built from the request-body table (and action parameters), with the request examples.

use std::collections::BTreeMap;

use crate::extract::Primitive;
use crate::model::{self, Operation, Property, SourceRef, TypeTarget};

use super::context::Ctx;
use super::document::{MediaType, RequestBody, Schema};
use super::examples;
use super::schemas::{inline_object, type_schema};

/// The request body, when the docs describe one.
pub(crate) fn request_body<'m>(
    ctx: &mut Ctx<'_, '_>,
    op: &'m Operation,
    body_rows: &[&model::Parameter],
    at: &SourceRef,
) -> Option<RequestBody<'m>> {
    // Pages declaring several operations share one body table: name it without the path, so
    // each finding is reported once.
    let owner = "the request body".to_string();
    let declared = op.request_body.as_ref();
    let (media_type, schema) = match declared.and_then(|b| b.resource.as_ref()) {
        Some(ty) if ty.target == TypeTarget::Primitive(Primitive::Stream) => {
            ("application/octet-stream", Some(Schema::typed("string", Some("binary"))))
        }
        Some(ty) => ("application/json", Some(type_schema(ctx, ty, at, &owner))),
        None => {
            let rows: Vec<Property> = body_rows.iter().map(|r| row_property(r, at)).collect();
            let props: Vec<&Property> =
                declared.into_iter().flat_map(|b| b.properties.iter()).chain(rows.iter()).collect();
            let schema = (!props.is_empty()).then(|| inline_object(ctx, &props, &owner));
            ("application/json", schema)
        }
    };
    // Examples are JSON; a binary body keeps none.
    let examples = match media_type {
        "application/json" => examples::named(ctx, op, |ex| {
            let req = ex.request.as_ref()?;
            Some((req.body.as_ref()?, req.loc.line))
        }),
        _ => BTreeMap::new(),
    };
    if schema.is_none() && examples.is_empty() {
        return None;
    }
    Some(RequestBody {
        description: None,
        content: BTreeMap::from([(media_type.to_string(), MediaType { schema, examples })]),
        required: true,
    })
}

/// An action parameter row as a body property.
fn row_property(r: &model::Parameter, at: &SourceRef) -> Property {
    Property {
        name: r.name.clone(),
        ty: r.ty.clone(),
        description: r.description.clone(),
        navigation: false,
        read_only: false,
        nullable: false,
        required: r.required,
        values: Vec::new(),
        source: at.clone(),
    }
}
