//! Builds the [`ApiModel`] from every page's facts: merge, resolve, attach.

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use crate::diagnostic::{Diagnostic, codes};
use crate::extract::{DocFacts, Example, Header, OperationFacts, PageKind, Permission, PropertyFacts, TableKind};

use super::paths::{example_path, match_score, path_key};
use super::resolve::{TypeIndex, qualify};
use super::types::*;

impl ApiModel {
    /// Merges all pages' facts (in any order: they are sorted by file first) into one model.
    pub fn build(facts: &[DocFacts]) -> (ApiModel, Vec<Diagnostic>) {
        let refs: Vec<&DocFacts> = facts.iter().collect();
        ApiModel::build_refs(&refs)
    }

    /// [`ApiModel::build`] over borrowed facts.
    pub fn build_refs(facts: &[&DocFacts]) -> (ApiModel, Vec<Diagnostic>) {
        let mut sorted: Vec<&DocFacts> = facts.to_vec();
        sorted.sort_by(|a, b| a.file.cmp(&b.file));
        let index = TypeIndex::build(&sorted);
        let mut diags = Vec::new();
        let mut model = ApiModel::default();
        // Types and operations only share the read-only index: build them side by side.
        let (mut types, mut operations) = (ApiModel::default(), ApiModel::default());
        let ((), bodies) = rayon::join(
            || merge_types(&sorted, &index, &mut types, &mut diags),
            || merge_operations(&sorted, &index, &mut operations),
        );
        model.resources = types.resources;
        model.enums = types.enums;
        model.operations = operations.operations;
        apply_common_bases(&mut model, &bodies);
        model.stats = stats(&sorted, &model);
        crate::diagnostic::sort(&mut diags);
        (model, diags)
    }
}

fn src(file: &str, line: usize) -> SourceRef {
    SourceRef { file: file.to_string(), line }
}

fn property(
    p: &PropertyFacts,
    f: &DocFacts,
    index: &TypeIndex,
    navigation: bool,
    diags: &mut Vec<Diagnostic>,
) -> Property {
    let ty = match &p.ty {
        Some(t) => index.resolve(t, &f.file, f.namespace.as_deref()),
        None => TypeRef { target: TypeTarget::Unresolved(String::new()), collection: false },
    };
    if let TypeTarget::Unresolved(name) = &ty.target
        && !name.is_empty()
    {
        diags.push(
            Diagnostic::new(
                codes::TYPE_UNRESOLVED,
                &f.file,
                p.loc.span,
                format!("type `{name}` of `{}` is not defined in the docs", p.name),
            )
            .with_help("link the type cell to the type's page, or add a page for the type"),
        );
    }
    Property {
        name: p.name.clone(),
        ty,
        description: p.description.clone(),
        navigation,
        read_only: p.read_only,
        nullable: p.nullable,
        required: p.required,
        values: p
            .values
            .iter()
            .map(|m| EnumMember { name: m.name.clone(), value: m.value, description: m.description.clone() })
            .collect(),
        source: src(&f.file, p.loc.line),
    }
}

fn merge_types(pages: &[&DocFacts], index: &TypeIndex, model: &mut ApiModel, diags: &mut Vec<Diagnostic>) {
    let mut keys: HashMap<String, String> = HashMap::default();
    for f in pages {
        for r in &f.resources {
            let q = qualify(r.namespace.as_deref(), &r.name);
            let key = keys.entry(q.to_ascii_lowercase()).or_insert_with(|| q.clone()).clone();
            let mut props: Vec<Property> = r.properties.iter().map(|p| property(p, f, index, false, diags)).collect();
            props.extend(r.relationships.iter().map(|p| property(p, f, index, true, diags)));
            // A base may be qualified (annotation) or a simple name (`Inherits from` prose).
            let resolved = |b: &str| {
                index.canonical(b).map(str::to_string).or_else(|| match index.resolve_name(b, r.namespace.as_deref()) {
                    Some(TypeTarget::Resource(q)) => Some(q),
                    _ => None,
                })
            };
            let base =
                r.base_type.as_deref().map(|b| resolved(b).unwrap_or_else(|| b.trim_start_matches('#').to_string()));
            if let (Some(b), None) = (&r.base_type, r.base_type.as_deref().and_then(resolved)) {
                diags.push(Diagnostic::new(
                    codes::BASE_TYPE_MISSING,
                    &f.file,
                    r.loc.span,
                    format!("base type `{b}` of `{}` is not defined in the docs", r.name),
                ));
            }
            let entry = model.resources.entry(key).or_insert_with(|| Resource {
                name: r.name.clone(),
                namespace: r.namespace.clone().unwrap_or_default(),
                base_type: None,
                derived: Vec::new(),
                is_abstract: false,
                open_type: false,
                key: None,
                description: r.description.clone(),
                properties: Vec::new(),
                json: None,
                annotation: serde_json::Map::new(),
                sources: Vec::new(),
            });
            entry.sources.push(src(&f.file, r.loc.line));
            entry.base_type = entry.base_type.take().or(base);
            entry.is_abstract |= r.is_abstract;
            entry.open_type |= r.open_type;
            entry.key = entry.key.take().or_else(|| r.key.clone());
            if entry.json.is_none() {
                entry.json = r.json.clone();
            }
            for (k, v) in &r.annotation {
                entry.annotation.entry(k.clone()).or_insert_with(|| v.clone());
            }
            merge_properties(entry, props, &f.file, diags);
        }
        for e in &f.enums {
            let q = qualify(e.namespace.as_deref(), &e.name);
            let key = keys.entry(q.to_ascii_lowercase()).or_insert_with(|| q.clone()).clone();
            let entry = model.enums.entry(key).or_insert_with(|| EnumType {
                name: e.name.clone(),
                namespace: e.namespace.clone().unwrap_or_default(),
                members: Vec::new(),
                sources: Vec::new(),
            });
            entry.sources.push(src(&f.file, e.loc.line));
            for m in &e.members {
                if !entry.members.iter().any(|x| x.name == m.name) {
                    entry.members.push(EnumMember {
                        name: m.name.clone(),
                        value: m.value,
                        description: m.description.clone(),
                    });
                }
            }
        }
    }
    let derived: Vec<(String, String)> =
        model.resources.iter().filter_map(|(k, r)| Some((r.base_type.clone()?, k.clone()))).collect();
    for (base, child) in derived {
        if let Some(b) = model.resources.get_mut(&base) {
            b.derived.push(child);
        }
    }
}

/// A resource described on several pages: properties are merged by name, and a property
/// described with two different types is reported (the first page's wins).
fn merge_properties(entry: &mut Resource, props: Vec<Property>, file: &str, diags: &mut Vec<Diagnostic>) {
    for p in props {
        match entry.properties.iter().find(|x| x.name == p.name) {
            Some(old) if old.ty != p.ty && old.source.file != file => diags.push(Diagnostic::new(
                codes::RESOURCE_CONFLICT,
                file,
                crate::source::Span::default(),
                format!(
                    "property `{}` of `{}` is `{}` here but `{}` in {}",
                    p.name, entry.name, p.ty, old.ty, old.source
                ),
            )),
            Some(_) => {}
            None => entry.properties.push(p),
        }
    }
}

/// Every body each page states for one operation, by status: pages of derived types often
/// declare the same path (`GET /deviceAppManagement/mobileApps` on each app type's page).
type Bodies = BTreeMap<u16, Vec<TypeRef>>;

/// Per operation (in the model's order), its [`Bodies`].
type StatedBodies = Vec<Bodies>;

/// What one page says about one of its operations, worked out on its own: the pages' shares are
/// computed in parallel, then merged per operation in page order.
struct Share<'f> {
    /// The declaring page.
    file: &'f str,
    /// The merge key: path key, method order, method.
    key: (String, u8, String),
    /// The operation as this page alone declares it (kept when the page is the first to).
    op: Operation,
    /// The declaration's line.
    line: usize,
    /// The page's examples that address it.
    examples: Vec<Arc<Example>>,
    /// The responses it documents, in the order the page states them.
    responses: Vec<Stated>,
}

/// One documented response: its status, the body type it names, and where it was stated.
struct Stated {
    status: u16,
    body: Option<TypeRef>,
    from: StatedIn,
}

fn merge_operations(pages: &[&DocFacts], index: &TypeIndex, model: &mut ApiModel) -> StatedBodies {
    use rayon::prelude::*;
    // In page order (rayon's `collect` keeps it).
    let shares: Vec<Share> =
        pages.par_iter().filter(|f| f.kind == PageKind::Api).flat_map_iter(|f| page_shares(f, index)).collect();
    // Sorted by merge key; the sort is stable, so each operation's shares stay in page order.
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.par_sort_by(|&a, &b| shares[a].key.cmp(&shares[b].key));
    // Grouped by path (the key's first part), each share with its place in page order. Only
    // moving the shares is sequential; merging the paths is not (it was a sequential loop, a
    // tenth of building the model).
    let mut slots: Vec<Option<Share>> = shares.into_iter().map(Some).collect();
    let mut paths: Vec<Vec<(usize, Share)>> = Vec::new();
    for i in order {
        let Some(share) = slots[i].take() else { continue };
        match paths.last_mut() {
            Some(path) if path[0].1.key.0 == share.key.0 => path.push((i, share)),
            _ => paths.push(vec![(i, share)]),
        }
    }
    let merged: Vec<Vec<(Operation, Bodies)>> = paths.into_par_iter().map(merge_path).collect();
    let (operations, bodies) = merged.into_iter().flatten().unzip();
    model.operations = operations;
    bodies
}

/// The operations on one path (its shares sorted by method, then page order), each with the
/// bodies stated for it. The first page to declare the path, whatever the method, spells it for
/// every method on it, so that the spec's path templates agree.
fn merge_path(shares: Vec<(usize, Share)>) -> Vec<(Operation, Bodies)> {
    let path = shares.iter().min_by_key(|(i, _)| *i).map(|(_, s)| s.op.path.clone()).unwrap_or_default();
    let mut out: Vec<(Operation, Bodies)> = Vec::new();
    let mut key: Option<(String, u8, String)> = None;
    for (_, Share { file, key: share_key, op, line, examples, responses }) in shares {
        if key.as_ref() != Some(&share_key) {
            out.push((respell(op, &path), BTreeMap::new()));
            key = Some(share_key);
        }
        let Some((entry, bodies)) = out.last_mut() else { continue };
        entry.sources.push(src(file, line));
        entry.examples.extend(examples);
        for Stated { status, body, from } in responses {
            let response = entry.responses.entry(status).or_insert(Response { body: None, stated_in: Vec::new() });
            if let Some(b) = &body {
                bodies.entry(status).or_default().push(b.clone());
            }
            response.body = response.body.take().or(body);
            push_unique(&mut response.stated_in, from);
        }
    }
    for (op, _) in &mut out {
        op.sources.sort();
        op.sources.dedup();
    }
    out
}

/// A page's shares of the operations it declares.
fn page_shares<'f>(f: &'f DocFacts, index: &TypeIndex) -> Vec<Share<'f>> {
    let mut examples = assign_examples(f);
    let parts = PageParts::of(f, index);
    f.operations
        .iter()
        .zip(examples.iter_mut())
        .map(|(op, examples)| Share {
            file: &f.file,
            key: (path_key(&op.path), method_order(&op.method), op.method.clone()),
            responses: responses(f, examples, index),
            op: new_operation(f, op, &parts),
            line: op.loc.line,
            examples: std::mem::take(examples),
        })
        .collect()
}

/// The operation with the path spelled as the first page declaring it spells it; its parameter
/// names follow that spelling.
fn respell(mut op: Operation, path: &str) -> Operation {
    if path != op.path {
        if let Some(r) = crate::extract::request_line::parse_request_line(&format!("{} {path}", op.method)) {
            op.path_params = r.params;
        }
        op.path = path.to_string();
    }
    op
}

/// Where pages state different bodies for one operation, the body becomes their nearest common
/// base type. Runs once the resources (and their base types) are merged.
fn apply_common_bases(model: &mut ApiModel, bodies: &StatedBodies) {
    let mut ops = std::mem::take(&mut model.operations);
    for (op, bodies) in ops.iter_mut().zip(bodies) {
        for (status, r) in op.responses.iter_mut() {
            let Some(all) = bodies.get(status) else { continue };
            if let Some(common) = common_base(all, model) {
                r.body = Some(common);
            }
        }
    }
    model.operations = ops;
}

fn method_order(m: &str) -> u8 {
    match m {
        "GET" => 0,
        "POST" => 1,
        "PUT" => 2,
        "PATCH" => 3,
        "DELETE" => 4,
        _ => 5,
    }
}

/// What every operation a page declares shares: the page's parameter, header, request-body
/// and permission tables, resolved once and shared (not copied) by its operations.
struct PageParts {
    parameters: Arc<[Parameter]>,
    request_headers: Arc<[Header]>,
    request_body: Option<Arc<RequestBody>>,
    permissions: Arc<[Permission]>,
}

impl PageParts {
    fn of(f: &DocFacts, index: &TypeIndex) -> PageParts {
        let ns = f.namespace.as_deref();
        let parameters = f
            .parameters
            .iter()
            .map(|p| Parameter {
                name: p.name.clone(),
                location: p.location,
                ty: index.resolve(&p.ty, &f.file, ns),
                description: p.description.clone(),
                required: p.required,
            })
            .collect();
        // An unresolved row type is not a merge finding: the OpenAPI emitter reports the fallback it takes.
        let mut unused = Vec::new();
        let request_body = f.request_body.as_ref().filter(|b| !b.none || !b.properties.is_empty()).map(|b| {
            Arc::new(RequestBody {
                resource: b.resource.as_ref().map(|t| index.resolve(t, &f.file, ns)),
                properties: b.properties.iter().map(|p| property(p, f, index, false, &mut unused)).collect(),
            })
        });
        PageParts {
            parameters,
            request_headers: f.request_headers.as_slice().into(),
            request_body,
            permissions: f.permissions.as_slice().into(),
        }
    }
}

fn new_operation(f: &DocFacts, op: &OperationFacts, parts: &PageParts) -> Operation {
    Operation {
        method: op.method.clone(),
        path: op.path.clone(),
        title: f.title.clone().unwrap_or_default(),
        description: f.description.clone().unwrap_or_default(),
        deprecated: f.deprecated,
        path_params: op.path_params.clone(),
        parameters: Arc::clone(&parts.parameters),
        request_headers: Arc::clone(&parts.request_headers),
        request_body: parts.request_body.clone(),
        responses: BTreeMap::new(),
        permissions: Arc::clone(&parts.permissions),
        examples: Vec::new(),
        sources: Vec::new(),
    }
}

/// Which of a page's examples belong to which of its operations: the best path match, else the first operation.
fn assign_examples(f: &DocFacts) -> Vec<Vec<Arc<Example>>> {
    let mut out = vec![Vec::new(); f.operations.len()];
    if out.is_empty() {
        return out;
    }
    for ex in &f.examples {
        let i = ex.request.as_ref().and_then(|r| {
            let path = example_path(&r.url);
            f.operations
                .iter()
                .enumerate()
                .filter(|(_, op)| op.method == r.method)
                .filter_map(|(i, op)| Some((match_score(&op.path, &path)?, std::cmp::Reverse(i))))
                .max()
                .map(|(_, std::cmp::Reverse(i))| i)
        });
        out[i.unwrap_or(0)].push(Arc::clone(ex));
    }
    out
}

/// Responses from the Response prose (the success status and body type) and from the examples.
/// When pages merged into one operation name different resources for one status, the body is
/// their nearest common base type (so every page's examples fit); `None` when they agree or
/// share no base.
fn common_base(all: &[TypeRef], model: &ApiModel) -> Option<TypeRef> {
    let names: Vec<&str> = all
        .iter()
        .filter_map(|t| match &t.target {
            TypeTarget::Resource(q) => Some(q.as_str()),
            _ => None,
        })
        .collect();
    let first = *names.first()?;
    if names.iter().all(|n| *n == first) {
        return None;
    }
    let chain = |q: &str| {
        let mut out = vec![q.to_string()];
        while let Some(b) = model.resources.get(out.last()?).and_then(|r| r.base_type.clone()) {
            if out.contains(&b) {
                break;
            }
            out.push(b);
        }
        Some(out)
    };
    let chains: Vec<Vec<String>> = names.iter().filter_map(|n| chain(n)).collect();
    let common = chains[0].iter().find(|a| chains.iter().all(|c| c.contains(a)))?;
    Some(TypeRef { target: TypeTarget::Resource(common.clone()), collection: all[0].collection })
}

/// The page's documented responses for one operation: the Response prose's statuses (its body
/// type on the first, unless 204), then each example's status and `@odata.type` (no body for 204).
fn responses(f: &DocFacts, examples: &[Arc<Example>], index: &TypeIndex) -> Vec<Stated> {
    let mut out = Vec::new();
    let ns = f.namespace.as_deref();
    if let Some(r) = &f.response {
        for (i, &status) in r.statuses.iter().enumerate() {
            let body =
                if i == 0 && status != 204 { r.body.as_ref().map(|t| index.resolve(t, &f.file, ns)) } else { None };
            out.push(Stated { status, body, from: StatedIn::Prose });
        }
    }
    for ex in examples {
        let Some(resp) = &ex.response else { continue };
        let Some(status) = resp.status else { continue };
        let body = resp
            .odata_type
            .as_deref()
            .filter(|_| status != 204)
            .and_then(|t| index.resolve_name(t, ns))
            .map(|target| TypeRef { target, collection: resp.is_collection });
        out.push(Stated { status, body, from: StatedIn::Example });
    }
    out
}

fn push_unique(v: &mut Vec<StatedIn>, s: StatedIn) {
    if !v.contains(&s) {
        v.push(s);
        v.sort();
    }
}

fn stats(pages: &[&DocFacts], model: &ApiModel) -> ModelStats {
    let mut s = ModelStats { pages: pages.len(), ..ModelStats::default() };
    for f in pages {
        *s.pages_by_kind.entry(kind_name(f.kind)).or_default() += 1;
        s.declarations += f.operations.len();
        s.examples += f.examples.len();
        for t in &f.tables {
            let name = table_name(t.kind);
            *s.tables.entry(name.clone()).or_default() += 1;
            if matches!(f.kind, PageKind::Resource | PageKind::Enum) {
                *s.resource_page_tables.entry(name).or_default() += 1;
            }
        }
    }
    s.operations = model.operations.len();
    s.operations_merged = model.operations.iter().filter(|o| o.sources.len() > 1).count();
    s.resources = model.resources.len();
    s.enums = model.enums.len();
    for r in model.resources.values() {
        s.property_rows += r.properties.len();
        s.unresolved_property_types +=
            r.properties.iter().filter(|p| matches!(p.ty.target, TypeTarget::Unresolved(_))).count();
    }
    s
}

fn kind_name(k: PageKind) -> String {
    serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn table_name(k: TableKind) -> String {
    serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::pipeline::Workspace;
    use crate::source::{Limits, SourceFile};

    fn page(title: &str, request: &str) -> String {
        format!("---\ntitle: {title}\n---\n# {title}\n\n## HTTP request\n\n```http\n{request}\n```\n")
    }

    #[test]
    fn pages_declaring_one_path_merge_per_method_spelled_by_the_first_page() {
        // Path case does not tell operations apart; the page first in path order (`a-`, a
        // PATCH) spells the path for every method on it.
        let files = vec![
            SourceFile::from_text("api/c-delete.md", page("Delete widget", "DELETE /WIDGETS/{id}")),
            SourceFile::from_text("api/b-get.md", page("Get widget", "GET /widgets/{id}")),
            SourceFile::from_text("api/a-update.md", page("Update widget", "PATCH /Widgets/{id}")),
            SourceFile::from_text("api/d-get-again.md", page("Get a widget", "GET /widgets/{key}")),
        ];
        let ws = Workspace::from_files(files, &Limits::default());
        let (model, _) = ws.model();
        let ops: Vec<(&str, &str, Vec<&str>)> = model
            .operations
            .iter()
            .map(|o| (o.method.as_str(), o.title.as_str(), o.sources.iter().map(|s| s.file.as_str()).collect()))
            .collect();
        assert_eq!(
            ops,
            [
                ("GET", "Get widget", vec!["api/b-get.md", "api/d-get-again.md"]),
                ("PATCH", "Update widget", vec!["api/a-update.md"]),
                ("DELETE", "Delete widget", vec!["api/c-delete.md"]),
            ]
        );
        let paths: Vec<&str> = model.operations.iter().map(|o| o.path.as_str()).collect();
        assert!(paths.iter().all(|p| p.starts_with("/Widgets/{") && *p == paths[0]), "{paths:?}");
    }
}
