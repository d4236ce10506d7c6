//! `paths`: every model operation under its path template, with its id, tag, parameters, body,
//! responses and security; and the tag declarations.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::codes;
use crate::model::{Operation as ModelOperation, SourceRef};

use super::context::Ctx;
use super::document::{Operation, PathItem, Tag};
use super::{bodies, operation_ids, parameters, responses, security};

/// Operations per task of [`paths`]: a few hundred, so that the tasks balance across the cores
/// (beside the Rust emitter) and each fork's context stays cheap.
pub(super) const OPERATIONS_PER_TASK: usize = 256;

/// Every operation placed in its path item; tags sorted by name.
///
/// Which operations are emitted (one per path template and method) is decided first, in model
/// order; the operations are then built in parallel, in runs, each run in a fork of the context
/// that leaves what counts once to be decided when it is absorbed, in order. Findings, counts and
/// the document are those of building them one after the other.
pub(crate) fn paths<'m>(ctx: &mut Ctx<'m, '_>) -> (BTreeMap<String, PathItem<'m>>, Vec<Tag>) {
    paths_in_runs(ctx, OPERATIONS_PER_TASK)
}

/// An operation to emit: the model's, its `operationId`, and where the docs declare it.
pub(super) type Emitted<'m> = (&'m ModelOperation, String, SourceRef);

/// [`paths`] with `per_task` operations per task.
fn paths_in_runs<'m>(ctx: &mut Ctx<'m, '_>, per_task: usize) -> (BTreeMap<String, PathItem<'m>>, Vec<Tag>) {
    let emitted = emitted(ctx);
    place(ctx, &emitted, per_task)
}

/// The `emitted` operations built, `per_task` per task, and placed in their path items.
pub(super) fn place<'m>(
    ctx: &mut Ctx<'m, '_>,
    emitted: &[Emitted<'m>],
    per_task: usize,
) -> (BTreeMap<String, PathItem<'m>>, Vec<Tag>) {
    let operations =
        ctx.in_runs(emitted, per_task, |ctx, (op, id, at)| operation(ctx, op, id.clone(), tag(&op.path), at));
    let mut items: BTreeMap<String, PathItem> = BTreeMap::new();
    let mut tags = BTreeSet::new();
    for ((op, ..), operation) in emitted.iter().zip(operations) {
        let item = items.entry(op.path.clone()).or_default();
        if let Some(slot) = item.slot(&op.method) {
            tags.insert(tag(&op.path));
            *slot = Some(operation);
            ctx.stats.operations += 1;
        }
    }
    ctx.stats.paths = items.len();
    (items, tag_list(tags))
}

/// The tags of these names, sorted.
pub(super) fn tag_list(names: BTreeSet<String>) -> Vec<Tag> {
    names.into_iter().map(|name| Tag { description: format!("Operations on paths under `/{name}`."), name }).collect()
}

/// Which operations are emitted, in model order: one per path template and method, with a
/// slot in a path item (the others are reported).
pub(super) fn emitted<'m>(ctx: &mut Ctx<'m, '_>) -> Vec<Emitted<'m>> {
    let model = ctx.model;
    let ids = operation_ids::assign(model.operations.iter().map(|o| (o.method.as_str(), o.path.as_str())));
    let mut templates: BTreeMap<String, &str> = BTreeMap::new();
    let mut emitted: Vec<(&'m ModelOperation, String, SourceRef)> = Vec::with_capacity(model.operations.len());
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
        if PathItem::default().slot(&op.method).is_none() {
            let message = format!(
                "method `{}` has no place in an OpenAPI 3.0 path item; `{} {}` is not emitted",
                op.method, op.method, op.path
            );
            ctx.report(codes::OPENAPI_METHOD_UNSUPPORTED, &at, message);
            continue;
        }
        emitted.push((op, id, at));
    }
    emitted
}

pub(super) fn operation<'m>(
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
pub(super) fn tag(path: &str) -> String {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let name = first.split(['(', ':']).next().unwrap_or("").trim_matches(['{', '}']);
    if name.is_empty() { "root".to_string() } else { name.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Workspace;
    use crate::source::{Limits, SourceFile, Span};

    /// An API page declaring `paths` (each `METHOD /path`), with a request body of these rows.
    fn api_page(name: &str, paths: &[&str], rows: &[&str]) -> SourceFile {
        let paths: String = paths.iter().map(|p| format!("{p}\n")).collect();
        let rows: String = rows.iter().map(|r| format!("{r}\n")).collect();
        let text = format!(
            "---\ntitle: \"{name}\"\ndoc_type: apiPageType\n---\n\n# {name}\n\nDoes things.\n\n## HTTP request\n\n\
             ```http\n{paths}```\n\n## Request body\n\n|Property|Type|Description|\n|:---|:---|:---|\n{rows}\n\
             ## Response\n\nIf successful, this method returns a `204 No Content` response code.\n"
        );
        SourceFile::from_text(&format!("api/{name}.md"), text)
    }

    #[test]
    fn operations_built_in_parallel_runs_report_and_count_as_built_one_by_one() {
        // Pages declaring several paths: their operations share the page's lines, which count
        // and report once however the operations are split between tasks.
        let files = vec![
            api_page(
                "a-create",
                &["POST /a", "POST /users/{id}/a", "POST /me/a"],
                &["|x||No type.|", "|y|Thing|Unknown.|"],
            ),
            api_page("b-update", &["PATCH /b/{id}", "PATCH /me/b/{id}"], &["|z||No type.|", "|w|String|Fine.|"]),
            api_page("c-action", &["POST /c/{id}/run"], &["|v|Widget|Unknown.|"]),
        ];
        let ws = Workspace::from_files(files, &Limits::default());
        let (model, _) = ws.model();
        assert_eq!(model.operations.len(), 6, "{:?}", model.operations.iter().map(|o| &o.path).collect::<Vec<_>>());
        let options = super::super::OpenApiOptions::default();
        let locate = |at: &SourceRef| Span::new(at.line, at.line + 1);
        let build = |per_task| {
            let mut ctx = Ctx::new(&model, &options, &locate);
            ctx.names = std::sync::Arc::new(super::super::names::Names::build(&mut ctx));
            let (items, tags) = paths_in_runs(&mut ctx, per_task);
            crate::diagnostic::sort(&mut ctx.diags);
            (serde_json::to_string(&items).unwrap(), serde_json::to_string(&tags).unwrap(), ctx.diags, ctx.stats)
        };
        let one_run = build(usize::MAX);
        let stats = &one_run.3;
        assert_eq!(stats.body_rows, 5, "each page's rows once: {stats:?}");
        assert_eq!(stats.fallbacks_by_cause.values().sum::<usize>(), 4, "{stats:?}");
        let fallbacks = one_run.2.iter().filter(|d| d.code == codes::OPENAPI_TYPE_FALLBACK.code).count();
        assert_eq!(fallbacks, 4, "each untyped row reported once: {:?}", one_run.2);
        assert_eq!(build(1), one_run, "one operation per task");
        assert_eq!(build(2), one_run, "runs that split a page's operations");
    }

    #[test]
    fn templates_ignore_placeholder_names() {
        assert_eq!(template("/users/{id}/x(a='{b}')"), template("/users/{user-id}/x(a='{c}')"));
        assert_eq!(tag("/users/{id}"), "users");
        assert_eq!(tag("/drive/root:/{path}:"), "drive");
        assert_eq!(tag("/me"), "me");
    }
}
