//! `paths`: every model operation under its path template, with its id, tag, parameters, body,
//! responses and security; and the tag declarations.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::codes;
use crate::model::{Operation as ModelOperation, SourceRef};

use super::context::Ctx;
use super::document::{Operation, PathItem, Tag};
use super::{bodies, operation_ids, parameters, responses, security};

/// Every operation placed in its path item; tags sorted by name.
pub(crate) fn paths<'m>(ctx: &mut Ctx<'m, '_>) -> (BTreeMap<String, PathItem<'m>>, Vec<Tag>) {
    let model = ctx.model;
    let ids = operation_ids::assign(model.operations.iter().map(|o| (o.method.as_str(), o.path.as_str())));
    let mut items: BTreeMap<String, PathItem> = BTreeMap::new();
    let mut templates: BTreeMap<String, &str> = BTreeMap::new();
    let mut tags = BTreeSet::new();
    for (op, id) in model.operations.iter().zip(ids) {
        ctx.stats.model_operations += 1;
        let at = op.sources.first().cloned().unwrap_or_else(|| SourceRef { file: String::new(), line: 1 });
        let first = *templates.entry(template(&op.path)).or_insert(&op.path);
        if first != op.path {
            let message = format!(
                "path `{}` is the same OpenAPI template as `{first}`; `{} {}` is not emitted",
                op.path, op.method, op.path
            );
            ctx.report_help(codes::OPENAPI_PATH_COLLISION, &at, message, "spell the path as the other pages do");
            continue;
        }
        let item = items.entry(op.path.clone()).or_default();
        let Some(slot) = item.slot(&op.method) else {
            let message = format!(
                "method `{}` has no place in an OpenAPI 3.0 path item; `{} {}` is not emitted",
                op.method, op.method, op.path
            );
            ctx.report(codes::OPENAPI_METHOD_UNSUPPORTED, &at, message);
            continue;
        };
        let tag = tag(&op.path);
        *slot = Some(operation(ctx, op, id, tag.clone(), &at));
        tags.insert(tag);
        ctx.stats.operations += 1;
    }
    items.retain(|_, item| item.operations().next().is_some());
    ctx.stats.paths = items.len();
    let tags = tags
        .into_iter()
        .map(|name| Tag { description: format!("Operations on paths under `/{name}`."), name })
        .collect();
    (items, tags)
}

fn operation<'m>(
    ctx: &mut Ctx<'m, '_>,
    op: &'m ModelOperation,
    operation_id: String,
    tag: String,
    at: &SourceRef,
) -> Operation<'m> {
    let params = parameters::parameters(ctx, op, at);
    let request_body = bodies::request_body(ctx, op, &params.body_rows, at);
    Operation {
        tags: vec![tag],
        summary: if op.title.is_empty() { format!("{} {}", op.method, op.path) } else { op.title.clone() },
        description: Some(op.description.clone()).filter(|d| !d.is_empty()),
        operation_id,
        parameters: params.list,
        request_body,
        responses: responses::responses(ctx, op, at),
        deprecated: op.deprecated,
        security: security::requirements(op),
        source: ctx.source(Some(at)),
    }
}

/// The template OpenAPI compares paths by: placeholder names do not count.
fn template(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push('{');
            }
            '}' => {
                inside = false;
                out.push('}');
            }
            _ if inside => {}
            c => out.push(c),
        }
    }
    out
}

/// The tag of a path: its first segment without function arguments or drive-path colons.
fn tag(path: &str) -> String {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let name = first.split(['(', ':']).next().unwrap_or("").trim_matches(['{', '}']);
    if name.is_empty() { "root".to_string() } else { name.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_ignore_placeholder_names() {
        assert_eq!(template("/users/{id}/x(a='{b}')"), template("/users/{user-id}/x(a='{c}')"));
        assert_eq!(tag("/users/{id}"), "users");
        assert_eq!(tag("/drive/root:/{path}:"), "drive");
        assert_eq!(tag("/me"), "me");
    }
}
