//! An operation's parameters: path placeholders (typed and described by the parameter table),
//! query options (table rows and the shared OData options) and request headers.

use std::collections::BTreeMap;

use crate::diagnostic::codes;
use crate::extract::{ParamIn, ParamKind, PathParam};
use crate::model::{self, Operation, SourceRef};

use super::context::Ctx;
use super::document::{Parameter, ParameterIn, RefOr, Reference, Schema};
use super::schemas::type_schema;

/// The OData system query options offered as shared `components.parameters`:
/// (component name, query name, JSON type, description).
const ODATA_OPTIONS: &[(&str, &str, &str, &str)] = &[
    ("select", "$select", "string", "Comma-separated properties to return."),
    ("expand", "$expand", "string", "Comma-separated relationships to expand inline."),
    ("filter", "$filter", "string", "An OData filter expression that items must satisfy."),
    ("orderby", "$orderby", "string", "Comma-separated properties to sort by, each optionally `asc` or `desc`."),
    ("top", "$top", "integer", "The number of items to return."),
    ("skip", "$skip", "integer", "The number of items to skip."),
    ("search", "$search", "string", "A search expression that items must match."),
    ("count", "$count", "boolean", "Whether to include the total count of items (`@odata.count`)."),
];

/// Options a GET offers by default: all of them on collections, `$select`/`$expand` otherwise.
/// The docs' prose on supported options is not read, so this is the documented default.
const SINGLE_GET_OPTIONS: &[&str] = &["$select", "$expand"];

/// Headers OpenAPI describes elsewhere (security, `requestBody`, `responses`): never parameters.
const RESERVED_HEADERS: &[&str] = &["authorization", "content-type", "accept"];

/// The parameters of one operation, and the table rows that belong in its request body.
pub(crate) struct OperationParameters<'m> {
    pub(crate) list: Vec<RefOr<Parameter>>,
    pub(crate) body_rows: Vec<&'m model::Parameter>,
}

/// Builds the parameter list: path, then query, then header parameters, unique by name and place.
pub(crate) fn parameters<'m>(ctx: &mut Ctx<'m, '_>, op: &'m Operation, at: &SourceRef) -> OperationParameters<'m> {
    let mut list = Vec::new();
    let mut used = vec![false; op.parameters.len()];
    path_parameters(ctx, op, at, &mut used, &mut list);
    let mut body_rows = Vec::new();
    let mut query: BTreeMap<String, ()> = BTreeMap::new();
    let mut odata: Vec<&'static str> = Vec::new();
    for (row, used) in op.parameters.iter().zip(&used) {
        match row.location {
            ParamIn::Path if !used => ctx.report(
                codes::OPENAPI_PARAMETER_UNPLACED,
                at,
                format!("the parameter table names path parameter `{}`, which is not in `{}`", row.name, op.path),
            ),
            ParamIn::Function | ParamIn::Body if !used && op.method != "GET" => body_rows.push(row),
            ParamIn::Query | ParamIn::Function if !used => {
                if let Some(option) = odata_option(&row.name) {
                    odata.push(option);
                } else if query.insert(row.name.to_ascii_lowercase(), ()).is_none() {
                    let schema = type_schema(ctx, &row.ty, at, &format!("query parameter `{}`", row.name));
                    list.push(RefOr::Item(param(
                        &row.name,
                        ParameterIn::Query,
                        &row.description,
                        row.required,
                        schema,
                    )));
                }
            }
            _ => {}
        }
    }
    odata.extend(default_odata_options(op));
    odata.extend(example_odata_options(op));
    for (component, name, ..) in ODATA_OPTIONS {
        if odata.contains(name) {
            ctx.used_parameters.insert(component);
            list.push(RefOr::Ref(Reference::component("parameters", component)));
        }
    }
    header_parameters(op, &mut list);
    OperationParameters { list, body_rows }
}

fn param(name: &str, location: ParameterIn, description: &str, required: bool, schema: Schema) -> Parameter {
    let description = Some(description.to_string()).filter(|d| !d.is_empty());
    Parameter { name: name.to_string(), location, description, required, schema }
}

fn path_parameters(
    ctx: &mut Ctx<'_, '_>,
    op: &Operation,
    at: &SourceRef,
    used: &mut [bool],
    list: &mut Vec<RefOr<Parameter>>,
) {
    let mut seen: Vec<&str> = Vec::new();
    let placed: Vec<&PathParam> = op.path_params.iter().filter(|p| !seen_before(&mut seen, &p.name)).collect();
    let mut rows: Vec<Option<usize>> = placed.iter().map(|p| find_row(op, p, used)).collect();
    // One placeholder and one path row left over: the table names it another way (`id` for `user-id`).
    let free: Vec<usize> =
        (0..op.parameters.len()).filter(|&i| !used[i] && op.parameters[i].location == ParamIn::Path).collect();
    let unmatched: Vec<usize> = (0..placed.len()).filter(|&i| rows[i].is_none()).collect();
    if let ([p], [r]) = (unmatched.as_slice(), free.as_slice()) {
        used[*r] = true;
        rows[*p] = Some(*r);
    }
    for (p, row) in placed.iter().zip(rows) {
        let row = row.map(|i| &op.parameters[i]);
        let schema = match row {
            Some(r) => type_schema(ctx, &r.ty, at, &format!("path parameter `{}`", p.name)),
            None => Schema::typed("string", None),
        };
        let description = match row {
            Some(r) if !r.description.is_empty() => r.description.clone(),
            _ if !p.alternatives.is_empty() => format!("One of: {}.", p.alternatives.join(", ")),
            _ => String::new(),
        };
        list.push(RefOr::Item(param(&p.name, ParameterIn::Path, &description, true, schema)));
    }
}

fn seen_before<'a>(seen: &mut Vec<&'a str>, name: &'a str) -> bool {
    if seen.contains(&name) {
        return true;
    }
    seen.push(name);
    false
}

/// The path or function row of the table describing placeholder `p`, marked used.
fn find_row(op: &Operation, p: &PathParam, used: &mut [bool]) -> Option<usize> {
    let mut keys = vec![norm(&p.name), norm(&p.written)];
    keys.extend(p.alternatives.iter().map(|a| norm(a)));
    if let ParamKind::FunctionArgument { key: Some(k), .. } = &p.kind {
        keys.push(norm(k));
    }
    let i = op.parameters.iter().enumerate().position(|(i, r)| {
        !used[i] && matches!(r.location, ParamIn::Path | ParamIn::Function) && keys.contains(&norm(&r.name))
    })?;
    used[i] = true;
    Some(i)
}

/// Letters and digits only, lower-cased: `{user-id}`, `userId` and `user_id` agree.
fn norm(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

fn odata_option(name: &str) -> Option<&'static str> {
    ODATA_OPTIONS.iter().map(|o| o.1).find(|o| o.eq_ignore_ascii_case(name.trim()))
}

/// The default OData options of a GET: see [`SINGLE_GET_OPTIONS`].
fn default_odata_options(op: &Operation) -> Vec<&'static str> {
    if op.method != "GET" {
        return Vec::new();
    }
    let collection = op.responses.get(&200).and_then(|r| r.body.as_ref()).is_some_and(|b| b.collection);
    if collection { ODATA_OPTIONS.iter().map(|o| o.1).collect() } else { SINGLE_GET_OPTIONS.to_vec() }
}

/// OData options the operation's example requests use.
fn example_odata_options(op: &Operation) -> Vec<&'static str> {
    let mut out = Vec::new();
    for ex in &op.examples {
        let Some(query) = ex.request.as_ref().and_then(|r| r.url.split_once('?')).map(|(_, q)| q) else { continue };
        for pair in query.split('&') {
            let key = pair.split('=').next().unwrap_or("");
            if let Some(o) = odata_option(key) {
                out.push(o);
            }
        }
    }
    out
}

fn header_parameters(op: &Operation, list: &mut Vec<RefOr<Parameter>>) {
    let mut seen: Vec<String> = RESERVED_HEADERS.iter().map(|h| h.to_string()).collect();
    for h in op.request_headers.iter() {
        let lower = h.name.to_ascii_lowercase();
        if seen.contains(&lower) {
            continue;
        }
        seen.push(lower);
        list.push(RefOr::Item(param(
            &h.name,
            ParameterIn::Header,
            &h.description,
            h.required,
            Schema::typed("string", None),
        )));
    }
}

/// The shared OData parameter component named `component`, as the emitter spells it.
pub(crate) fn shared_component(component: &str) -> Option<&'static str> {
    ODATA_OPTIONS.iter().map(|o| o.0).find(|c| *c == component)
}

/// The shared OData parameters that some operation uses.
pub(crate) fn shared(ctx: &Ctx<'_, '_>) -> BTreeMap<String, Parameter> {
    ODATA_OPTIONS
        .iter()
        .filter(|o| ctx.used_parameters.contains(o.0))
        .map(|(component, name, kind, description)| {
            let p = param(name, ParameterIn::Query, description, false, Schema::typed(kind, None));
            (component.to_string(), p)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_agree_across_spellings() {
        assert_eq!(norm("{user-id}"), norm("userId"));
        assert_eq!(odata_option(" $TOP"), Some("$top"));
        assert_eq!(odata_option("top"), None);
    }
}
