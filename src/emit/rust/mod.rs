//! Rust emitter: the model → one Rust file of serde types (`models`) and request types
//! (`requests`), rendered with askama, checked with `syn` and formatted with `prettyplease`.
//!
//! The generated code depends only on `serde` and `serde_json`; building an `http::Request`
//! is compiled only under a cargo feature the consumer names ([`RustOptions::http_feature`]).

mod docs;
pub mod filter;
pub mod format;
mod inputs;
mod models;
pub mod names;
mod requests;
mod types;
mod view;

use crate::emit::store::Text;
use crate::output::{Contents, ContentsBuilder};
use std::path::{Path, PathBuf};

use askama::Template;
use rayon::prelude::*;

use crate::diagnostic::{self, Diagnostic};
use crate::error::{Error, Result};
use crate::model::{ApiModel, Operation};

pub use filter::Filter;
pub use format::FormatCache;
use format::{Item, ItemText};

/// File name of the generated module inside the output directory.
pub const FILE_NAME: &str = "api.rs";

/// Options of the Rust emitter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RustOptions {
    /// Which operations to generate; only the schemas they reach come along.
    pub filter: Filter,
    /// Cargo feature (of the consuming crate) that enables `ApiRequest::to_http_request`;
    /// `None` leaves the `http` code out entirely.
    pub http_feature: Option<String>,
}

/// The generated files are the shared output type, written by [`crate::output`].
pub use crate::output::GeneratedFile;

/// One generated request type: which operation it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestIndex {
    /// Upper-case method.
    pub method: String,
    /// Path template.
    pub path: String,
    /// The type's name inside `requests`.
    pub name: String,
}

/// Renders the Rust module for `model`. Pure: no I/O. Problems in the docs (names that had to
/// change, types that could not be resolved) are diagnostics; an `Err` means the template
/// produced invalid Rust, which is a bug in mdapi.
pub fn render(model: &ApiModel, opts: &RustOptions) -> Result<(Vec<GeneratedFile>, Vec<Diagnostic>)> {
    render_cached(model, opts, &FormatCache::new())
}

/// [`render`] reusing the formatted items in `cache` (of an earlier run) and leaving this run's
/// there: a rebuild after a doc edit formats only the items that changed.
pub fn render_cached(
    model: &ApiModel,
    opts: &RustOptions,
    cache: &FormatCache,
) -> Result<(Vec<GeneratedFile>, Vec<Diagnostic>)> {
    let plan = Plan::new(model, opts);
    let mut diags = plan.diags;
    let names = &plan.names;
    let digest = inputs::names_digest(names);
    // Each struct and request is reused through its inputs' link when it has one (nearly all,
    // after a one-page edit); the others are built, each view with its own findings, in
    // parallel. An item with findings is not linked, so its findings are made on every run.
    let struct_keys: Vec<&String> = names.structs.keys().collect();
    let structs: Vec<(Item, Vec<Diagnostic>)> = struct_keys
        .par_iter()
        .map(|q| {
            let key = inputs::struct_key(model, q, &digest);
            if let Some(found) = cache.linked(&key) {
                return Ok((found, Vec::new()));
            }
            let mut found = Vec::new();
            let view = models::struct_view(model, q, names, &mut found);
            let text = view::StructTemplate { s: &view }.render().map_err(render_error)?;
            Ok((rendered(text, found.is_empty().then_some(key)), found))
        })
        .collect::<Result<_>>()?;
    let mut models: Vec<Item> = Vec::with_capacity(structs.len());
    for (item, found) in structs {
        models.push(item);
        diags.extend(found);
    }
    let enums: Vec<_> = names.enums.keys().map(|q| models::enum_view(q, &model.enums[q], names)).collect();
    let unions: Vec<_> = names.unions.keys().filter_map(|q| models::union_view(model, q, names)).collect();
    models.extend(render_each(&enums, |e| view::EnumTemplate { e }.render())?);
    models.extend(render_each(&unions, |u| view::UnionTemplate { u }.render())?);
    let reqs: Vec<(Item, Option<Item>, Vec<Diagnostic>)> = plan
        .requests
        .par_iter()
        .map(|(op, name, body_name)| {
            let key = inputs::request_key(op, name, body_name, &digest);
            let body_key = inputs::body_key(&key);
            if let Some(request) = cache.linked(&key) {
                match requests::has_body_struct(op).then(|| cache.linked(&body_key)) {
                    None => return Ok((request, None, Vec::new())),
                    Some(Some(body)) => return Ok((request, Some(body), Vec::new())),
                    Some(None) => {}
                }
            }
            let mut found = Vec::new();
            let (view, body) = requests::request_view(op, name, body_name, names, &mut found);
            let text = view::RequestTemplate { r: &view }.render().map_err(render_error)?;
            let body = body.map(|s| view::StructTemplate { s: &s }.render()).transpose().map_err(render_error)?;
            let linked = found.is_empty();
            Ok((rendered(text, linked.then_some(key)), body.map(|b| rendered(b, linked.then_some(body_key))), found))
        })
        .collect::<Result<_>>()?;
    let mut requests = Vec::with_capacity(reqs.len());
    let mut bodies = Vec::new();
    for (request, body, found) in reqs {
        requests.push(request);
        bodies.extend(body);
        diags.extend(found);
    }
    requests.extend(bodies);
    let http_cfg = opts.http_feature.as_deref().map(|f| format!("feature = {}", names::str_lit(f)));
    let module = view::ModuleTemplate { has_http: http_cfg.is_some(), http_cfg: http_cfg.unwrap_or_default() };
    let prologue = format::format_file(&module.render().map_err(render_error)?)?;
    let n_models = models.len();
    let all: Vec<Item> = models.into_iter().chain(requests).collect();
    let formatted = format::format_items(&all, cache)?;
    let contents = splice(&prologue, &formatted[..n_models], &formatted[n_models..])?;
    diagnostic::sort(&mut diags);
    Ok((vec![GeneratedFile::new(FILE_NAME, contents)], diags))
}

/// The first line of every generated file (comments do not survive the syntax tree, so it is
/// added after formatting).
const HEADER: &str = "// @generated by mdapi from API reference docs. Do not edit: regenerate instead.\n\n";

fn render_error(e: askama::Error) -> Error {
    Error::Render(e.to_string())
}

/// The file: the header, then the formatted prologue with the formatted items put into its
/// empty `models` and `requests` modules (left as `{}` when they have no items, as a whole-file
/// format prints them). Built in one buffer of the exact size: the file is megabytes.
fn splice(prologue: &str, models: &[Text], requests: &[Text]) -> Result<Contents> {
    let mut cuts = Vec::new();
    for (module, items) in [("models", models), ("requests", requests)] {
        let empty = format!("pub mod {module} {{}}\n");
        let at = prologue
            .find(&empty)
            .ok_or_else(|| Error::Render(format!("no empty `{module}` module in the prologue")))?;
        cuts.push((at, empty.len(), module, items));
    }
    cuts.sort_by_key(|c| c.0);
    // The items as pieces of the file (most of them texts of the format cache), not copied.
    let mut out = ContentsBuilder::new();
    out.push_str(HEADER);
    let mut from = 0;
    for (at, len, module, items) in cuts {
        out.push_str(&prologue[from..at]);
        if items.is_empty() {
            out.push_str(&prologue[at..at + len]);
        } else {
            out.push_str(&format!("pub mod {module} {{\n"));
            items.iter().for_each(|i| out.push_text(i));
            out.push_str("}\n");
        }
        from = at + len;
    }
    out.push_str(&prologue[from..]);
    Ok(out.finish())
}

/// Renders every view with `render`, in parallel, keeping their order; the items are not linked.
fn render_each<V: Sync>(views: &[V], render: impl Fn(&V) -> askama::Result<String> + Sync + Send) -> Result<Vec<Item>> {
    views.par_iter().map(|v| Ok(rendered(render(v).map_err(render_error)?, None))).collect()
}

/// A rendered item, linked from `inputs` when given.
fn rendered(text: String, inputs: Option<format::ItemKey>) -> Item {
    Item { inputs, text: ItemText::Rendered(text) }
}

/// The request type names [`render`] gives the selected operations.
pub fn request_index(model: &ApiModel, opts: &RustOptions) -> Vec<RequestIndex> {
    Plan::new(model, opts)
        .requests
        .into_iter()
        .map(|(op, name, _)| RequestIndex { method: op.method.clone(), path: op.path.clone(), name })
        .collect()
}

/// What to generate and under which names, decided before any view is built.
struct Plan<'m> {
    names: types::TypeNames,
    /// Operation, request name, body struct name.
    requests: Vec<(&'m Operation, String, String)>,
    diags: Vec<Diagnostic>,
}

impl<'m> Plan<'m> {
    fn new(model: &'m ApiModel, opts: &RustOptions) -> Plan<'m> {
        let ops: Vec<&Operation> = model.operations.iter().filter(|o| opts.filter.selects(o)).collect();
        let (resources, enums) = filter::reach(model, &ops, opts.filter.is_empty());
        let mut diags = Vec::new();
        let names = types::name_types(model, &resources, &enums, &mut diags);
        // Operations are sorted by path then method, so suffixes for clashing names are stable.
        let mut scope = names::Scope::default();
        let mut requests: Vec<(&Operation, String, String)> =
            ops.iter().map(|op| (*op, scope.claim(&requests::request_base_name(op), false).0, String::new())).collect();
        for r in &mut requests {
            r.2 = scope.claim(&format!("{}Body", r.1), false).0;
        }
        Plan { names, requests, diags }
    }
}

/// Writes `files` under `out_dir`, each only when its contents changed (so builds that depend
/// on them do not re-run needlessly). Returns the paths written.
pub fn write_if_changed(out_dir: &Path, files: &[GeneratedFile]) -> Result<Vec<PathBuf>> {
    // One writer for every output: confined to `out_dir`, atomic, untouched when unchanged.
    let report = crate::output::write_files(out_dir, files, crate::output::WriteMode::Write)?;
    Ok(report.written.iter().map(|p| out_dir.join(p)).collect())
}

/// How much [`render`] generates for `model` under `opts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RustStats {
    /// Resource structs.
    pub structs: usize,
    /// String enums.
    pub enums: usize,
    /// Polymorphic enums.
    pub unions: usize,
    /// Request types.
    pub requests: usize,
}

/// Counts the types [`render`] would generate.
pub fn stats(model: &ApiModel, opts: &RustOptions) -> RustStats {
    let plan = Plan::new(model, opts);
    RustStats {
        structs: plan.names.structs.len(),
        enums: plan.names.enums.len(),
        unions: plan.names.unions.len(),
        requests: plan.requests.len(),
    }
}
