//! MD534: an example body property its resource does not define.

use serde_json::{Map, Value};

use crate::diagnostic::Sink;
use crate::extract::{Body, TypeExpr};
use crate::lint::context::{Ctx, find_in};
use crate::lint::registry::{Docs, code};
use crate::model::Resource;
use crate::pipeline::Page;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a top-level property of an example body (or of the items of a collection response's `value`) that the body's resource, or any of its base types, does not define. The resource is the body's own `@odata.type`, else the annotation's, else (for requests) the resource the Request body prose links. Open types, instance annotations (`@odata.*`, `x@odata.nextLink`) and properties of the page's request-body table are not reported.",
    why: "Either the example uses a property that does not exist (a typo, a property of another version) or the resource page is missing it.",
    example: "<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.attachment\" } -->\n```http\nHTTP/1.1 200 OK\n\n{ \"nmae\": \"a.txt\" }\n```",
    fix: "Correct the property name, or document the property on the resource page.",
};

pub(crate) fn check(ctx: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    if !ctx.has_resources() {
        return;
    }
    let table: Vec<String> =
        page.facts.request_body.iter().flat_map(|b| b.properties.iter().map(|p| p.name.to_ascii_lowercase())).collect();
    let body_resource = page.facts.request_body.as_ref().and_then(|b| match &b.resource.as_ref()?.ty {
        TypeExpr::Named { name, .. } => Some(name.as_str()),
        _ => None,
    });
    for ex in &page.facts.examples {
        if let Some(r) = &ex.request
            && let Some(body) = &r.body
        {
            let ann = r.annotation.get("@odata.type").and_then(Value::as_str);
            let ty = super::body_type(body.value(), ann).or(body_resource);
            one(ctx, page, body, ty, &table, sink);
        }
        if let Some(r) = &ex.response
            && let Some(body) = &r.body
        {
            let ty = super::body_type(body.value(), r.odata_type.as_deref());
            one(ctx, page, body, ty, &[], sink);
        }
    }
}

fn one(ctx: &Ctx<'_>, page: &Page, body: &Body, ty: Option<&str>, extra: &[String], sink: &mut Sink<'_>) {
    let (Some(json), Some(ty)) = (body.value(), ty) else { return };
    let Some(res) = ctx.resource(ty.trim_start_matches("Collection(").trim_end_matches(')')) else { return };
    let objects: Vec<&Map<String, Value>> = match json {
        Value::Object(m) => match m.get("value") {
            Some(Value::Array(items)) if !res.properties.iter().any(|p| p.name == "value") => {
                items.iter().filter_map(Value::as_object).collect()
            }
            _ => vec![m],
        },
        Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
        _ => return,
    };
    for obj in objects {
        // An item's own `@odata.type` may name a derived type with more properties.
        let own = obj.get("@odata.type").and_then(Value::as_str).and_then(|t| ctx.resource(t)).unwrap_or(res);
        report(ctx, page, body, own, obj, extra, sink);
    }
}

fn report(
    ctx: &Ctx<'_>,
    page: &Page,
    body: &Body,
    res: &Resource,
    obj: &Map<String, Value>,
    extra: &[String],
    sink: &mut Sink<'_>,
) {
    if res.open_type || res.properties.is_empty() {
        return;
    }
    let known = ctx.property_names(res);
    let mut from = body.span.start;
    for key in obj.keys() {
        let k = key.to_ascii_lowercase();
        if key.contains('@') || known.contains(&k) || extra.contains(&k) {
            continue;
        }
        let at = find_in(&page.source.text, body.span, &format!("\"{key}\""), from);
        from = at.end;
        sink.report_help(
            code::EXAMPLE_PROPERTY_UNKNOWN,
            at,
            format!("property `{key}` is not defined on resource `{}`", res.name),
            "correct the name, or document the property on the resource page",
        );
    }
}
