//! MD535: an example value whose JSON type contradicts the property's documented type.

use serde_json::Value;

use crate::diagnostic::Sink;
use crate::extract::{Body, Primitive, TypeExpr};
use crate::lint::context::{Ctx, find_in};
use crate::lint::registry::{Docs, code};
use crate::model::TypeTarget;
use crate::pipeline::Page;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a top-level example value whose JSON type cannot be the property's documented type: a string or number for `Boolean`, a string or boolean for `Int16`/`Int32`/`Byte`, a number or boolean for `String`/`DateTimeOffset`/`Guid`, a scalar for a collection. Request bodies are checked against the page's request-body table, responses against their resource's properties. `null` is always accepted; `Int64` and `Double`/`Decimal` also accept strings, as OData allows.",
    why: "Readers copy example values; a wrong JSON type fails when sent, and shows the docs disagree with themselves.",
    example: "|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|Size in bytes.|\n…\n{ \"size\": \"4\" }",
    fix: "{ \"size\": 4 }",
};

/// What JSON a documented type admits.
#[derive(Clone, Copy, PartialEq)]
enum Want {
    Bool,
    Integer,
    Text,
}

fn want(p: Primitive) -> Option<Want> {
    match p {
        Primitive::Boolean => Some(Want::Bool),
        Primitive::Int16 | Primitive::Int32 | Primitive::Byte | Primitive::SByte => Some(Want::Integer),
        Primitive::String | Primitive::DateTimeOffset | Primitive::Guid | Primitive::Date | Primitive::TimeOfDay => {
            Some(Want::Text)
        }
        _ => None,
    }
}

fn admits(w: Want, v: &Value) -> bool {
    match (w, v) {
        (_, Value::Null) => true,
        (Want::Bool, Value::Bool(_)) => true,
        (Want::Integer, Value::Number(n)) => n.is_i64() || n.is_u64(),
        (Want::Text, Value::String(_)) => true,
        _ => false,
    }
}

pub(crate) fn check(ctx: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    let table: Vec<(String, Option<Primitive>, bool)> = page
        .facts
        .request_body
        .iter()
        .flat_map(|b| &b.properties)
        .filter_map(|p| {
            let ty = p.ty.as_ref()?;
            let prim = if let TypeExpr::Primitive(x) = ty.ty { Some(x) } else { None };
            Some((p.name.clone(), prim, ty.collection))
        })
        .collect();
    for ex in &page.facts.examples {
        if let Some(r) = &ex.request
            && let Some(body) = &r.body
        {
            one(page, body, &table, sink);
        }
        if let Some(r) = &ex.response
            && let Some(body) = &r.body
            && let Some(ty) = super::body_type(body.value(), r.odata_type.as_deref())
            && let Some(res) = ctx.resource(ty)
        {
            let props: Vec<(String, Option<Primitive>, bool)> = res
                .properties
                .iter()
                .map(|p| {
                    let prim = if let TypeTarget::Primitive(x) = p.ty.target { Some(x) } else { None };
                    (p.name.clone(), prim, p.ty.collection)
                })
                .collect();
            one(page, body, &props, sink);
        }
    }
}

fn one(page: &Page, body: &Body, props: &[(String, Option<Primitive>, bool)], sink: &mut Sink<'_>) {
    let Some(Value::Object(obj)) = body.value() else { return };
    let mut from = body.span.start;
    for (key, value) in obj {
        let Some((_, prim, collection)) = props.iter().find(|(n, _, _)| n == key) else { continue };
        let bad = if *collection {
            !matches!(value, Value::Array(_) | Value::Null)
        } else {
            prim.and_then(want).is_some_and(|w| !admits(w, value))
        };
        if bad {
            let expected = match (collection, prim) {
                (true, Some(p)) => format!("a collection of {}", p.edm_name()),
                (true, None) => "a collection".to_string(),
                (false, Some(p)) => p.edm_name().to_string(),
                (false, None) => "another type".to_string(),
            };
            let at = find_in(&page.source.text, body.span, &format!("\"{key}\""), from);
            from = at.end;
            sink.report_help(
                code::EXAMPLE_VALUE_TYPE_MISMATCH,
                at,
                format!("property `{key}` is documented as {expected} but the example gives `{}`", short(value)),
                "make the value match the documented type",
            );
        }
    }
}

/// A value for a message: scalars as written, containers by kind.
fn short(v: &Value) -> String {
    match v {
        Value::Object(_) => "{…}".into(),
        Value::Array(_) => "[…]".into(),
        other => {
            let s = other.to_string();
            if s.chars().count() > 40 { format!("{}…", s.chars().take(40).collect::<String>()) } else { s }
        }
    }
}
