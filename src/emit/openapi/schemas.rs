//! `components.schemas` from the model's resources and enums, and the schema of any type
//! reference (primitive, `$ref`, array, or the untyped fallback).

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::diagnostic::codes;
use crate::model::{ApiModel, EnumType, Property, Resource, SourceRef, TypeRef, TypeTarget};

use super::context::{Ctx, Once};
use super::document::{Discriminator, Properties, Schema};
use super::types::primitive_schema;

/// The property OData uses to name a value's concrete type.
pub(crate) const ODATA_TYPE: &str = "@odata.type";

/// Why a type falls back to the untyped schema: no component for its type, no type stated, a type
/// the docs do not define. The counts are kept under these (see [`super::EmitStats`]).
pub(crate) const FALLBACK_CAUSES: [&str; 3] =
    ["type without a component", "no type stated", "type not defined in the docs"];

/// The cause of [`FALLBACK_CAUSES`] spelled `cause`.
pub(crate) fn fallback_cause(cause: &str) -> Option<&'static str> {
    FALLBACK_CAUSES.iter().find(|c| **c == cause).copied()
}

/// The schema of a type reference, or the untyped fallback (reported, and counted under its cause).
pub(crate) fn type_schema(ctx: &mut Ctx<'_, '_>, ty: &TypeRef, at: &SourceRef, owner: &str) -> Schema {
    let item = match &ty.target {
        TypeTarget::Primitive(p) => primitive_schema(*p),
        TypeTarget::Resource(key) | TypeTarget::Enum(key) => match ctx.names.get(key) {
            Some(name) => Schema::reference(name),
            None => fallback(ctx, key, FALLBACK_CAUSES[0], at, owner),
        },
        TypeTarget::Unresolved(text) if text.is_empty() => fallback(ctx, "", FALLBACK_CAUSES[1], at, owner),
        TypeTarget::Unresolved(text) => fallback(ctx, text, FALLBACK_CAUSES[2], at, owner),
    };
    if ty.collection { Schema::array(item) } else { item }
}

fn fallback(ctx: &mut Ctx<'_, '_>, written: &str, cause: &'static str, at: &SourceRef, owner: &str) -> Schema {
    ctx.once(at, owner, |ctx| {
        let message = if written.is_empty() {
            format!("{owner} states no type; emitted as an untyped schema")
        } else {
            format!("type `{written}` of {owner} cannot be mapped ({cause}); emitted as an untyped schema")
        };
        Once::Fallback { cause, finding: ctx.finding(codes::OPENAPI_TYPE_FALLBACK, at, message) }
    });
    Schema { unmapped_type: Some(written.to_string()), ..Schema::default() }
}

/// Whether a schema is the untyped fallback.
pub(crate) fn is_fallback(s: &Schema) -> bool {
    s.unmapped_type.is_some() || s.items.as_deref().is_some_and(is_fallback)
}

/// Where a property is written, for the counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PropertyOf {
    /// A component schema.
    Resource,
    /// A request-body table (counted once per row).
    Body,
}

/// A property's schema: its type plus description, readOnly, nullable and documented values.
pub(crate) fn property_schema(ctx: &mut Ctx<'_, '_>, p: &Property, owner: &str, of: PropertyOf) -> Schema {
    let what = format!("`{}` of {owner}", p.name);
    let mut s = type_schema(ctx, &p.ty, &p.source, &what);
    let fell_back = is_fallback(&s);
    match of {
        PropertyOf::Resource => {
            ctx.stats.properties += 1;
            ctx.stats.property_fallbacks += usize::from(fell_back);
        }
        PropertyOf::Body => ctx.once(&p.source, &format!("row {what}"), |_| Once::BodyRow { fell_back }),
    }
    let description = Some(p.description.clone()).filter(|d| !d.is_empty());
    // A `$ref` takes no siblings in OpenAPI 3.0: wrap it so the description and flags survive.
    if s.reference.is_some() && (description.is_some() || p.read_only || p.nullable) {
        s = Schema { all_of: vec![s], ..Schema::default() };
    }
    s.description = description;
    s.read_only = p.read_only;
    // `nullable` needs a sibling `type` (validators insist): a wrapped reference takes its
    // target's type; an untyped schema already admits null, so it goes without.
    if p.nullable && s.kind.is_none() && !s.all_of.is_empty() {
        s.kind = match &p.ty.target {
            TypeTarget::Enum(_) => Some("string"),
            _ => Some("object"),
        };
    }
    s.nullable = p.nullable && s.kind.is_some();
    s.navigation = p.navigation;
    s.documented_values = p.values.iter().map(|v| v.name.clone()).collect();
    s
}

/// Resources per task of [`components`]: a few hundred, so that the two or four tasks per core
/// balance, and each task's own context (its findings, counts and counted lines) stays cheap.
const RESOURCES_PER_TASK: usize = 128;

/// Every resource and enum as a component schema.
///
/// The resources are built in parallel ([`Ctx::in_runs`]): the findings and counts are those of
/// building them one after the other.
pub(crate) fn components(ctx: &mut Ctx<'_, '_>) -> BTreeMap<String, Schema> {
    components_in_runs(ctx, RESOURCES_PER_TASK)
}

/// [`components`] with `per_task` resources per task.
fn components_in_runs(ctx: &mut Ctx<'_, '_>, per_task: usize) -> BTreeMap<String, Schema> {
    let model = ctx.model;
    let named: Vec<(&String, &Resource)> = model.resources.iter().filter(|(k, _)| ctx.names.get(k).is_some()).collect();
    let schemas = ctx.in_runs(&named, per_task, |ctx, (key, r)| resource_schema(ctx, key, r));
    let mut out = BTreeMap::new();
    for ((key, _), schema) in named.iter().zip(schemas) {
        if let Some(name) = ctx.names.get(key) {
            out.insert(name.to_string(), schema);
        }
    }
    let enums = enum_schemas(ctx, |name| out.contains_key(name));
    out.extend(enums);
    out
}

/// The enums' schemas, by component name, but for names `taken` by a resource's schema.
pub(crate) fn enum_schemas(ctx: &mut Ctx<'_, '_>, taken: impl Fn(&str) -> bool) -> BTreeMap<String, Schema> {
    let mut out = BTreeMap::new();
    for (key, e) in &ctx.model.enums {
        if let Some(name) = ctx.names.get(key) {
            if taken(name) || out.contains_key(name) {
                continue;
            }
            out.insert(name.to_string(), enum_schema(ctx, e));
            ctx.stats.enums += 1;
        }
    }
    out
}

/// Feeds `h` everything of the model that [`resource_schema`] reads for `key` besides the
/// component names, given each resource's [`resource_digest`] (`digest`): the resource, each base
/// type up the chain (or that it is missing) as [`inherited_properties`] walks it, and every
/// descendant with the types derived from it, as [`discriminator`] walks them.
pub(crate) fn resource_inputs(
    model: &ApiModel,
    key: &str,
    digest: &dyn Fn(&str) -> Option<u128>,
    h: &mut impl std::hash::Hasher,
) {
    use std::hash::Hash;
    (key, digest(key)).hash(h);
    let mut seen = vec![key];
    let mut next = model.resources.get(key).and_then(|r| r.base_type.as_deref());
    while let Some(k) = next {
        if seen.contains(&k) {
            break;
        }
        seen.push(k);
        (k, digest(k)).hash(h);
        next = model.resources.get(k).and_then(|b| b.base_type.as_deref());
    }
    // A superset of the discriminator's walk (which skips types without a component: the names
    // are keyed apart), each type once.
    let mut stack: Vec<&str> =
        model.resources.get(key).map(|r| r.derived.iter().map(String::as_str).collect()).unwrap_or_default();
    let mut met = HashSet::default();
    while let Some(k) = stack.pop() {
        let derived = model.resources.get(k).map(|d| &d.derived);
        (k, derived).hash(h);
        if met.insert(k) {
            stack.extend(derived.into_iter().flatten().map(String::as_str));
        }
    }
}

/// A digest of what [`resource_schema`] reads of one resource (all but its JSON
/// representation and annotation data).
pub(crate) fn resource_digest(r: &Resource) -> u128 {
    let mut h = crate::key::Collect::default();
    r.hash_type_inputs(&mut h);
    u128::from_le_bytes(h.key())
}

fn enum_schema(ctx: &Ctx<'_, '_>, e: &EnumType) -> Schema {
    Schema {
        kind: Some("string"),
        enumeration: e.members.iter().map(|m| m.name.clone()).collect(),
        source: ctx.source(e.sources.first()),
        ..Schema::default()
    }
}

pub(crate) fn resource_schema(ctx: &mut Ctx<'_, '_>, key: &str, r: &Resource) -> Schema {
    let model = ctx.model;
    let base = r.base_type.as_deref().filter(|b| model.resources.contains_key(*b));
    if let (Some(b), None, Some(at)) = (&r.base_type, base, r.sources.first()) {
        ctx.report(
            codes::OPENAPI_BASE_TYPE_DROPPED,
            at,
            format!("base type `{b}` of `{key}` is not defined; its schema is emitted without inheritance"),
        );
    }
    let inherited = base.map(|b| inherited_properties(ctx, b)).unwrap_or_default();
    let mut own = Schema { kind: Some("object"), ..Schema::default() };
    if base.is_none() {
        // OData lets any entity or complex value name its type; the root of a hierarchy declares
        // it once (it is also the discriminator) and descendants inherit it.
        own.properties.insert(ODATA_TYPE, Schema::typed("string", None));
    }
    let owner = format!("`{key}`");
    for p in &r.properties {
        match inherited.get(p.name.as_str()) {
            Some(t) if **t == p.ty => continue,
            Some(t) => {
                let message = format!(
                    "property `{}` of `{key}` is redefined with another type than the inherited `{}`; the inherited definition is kept",
                    p.name, t
                );
                ctx.report(codes::OPENAPI_PROPERTY_REDEFINED, &p.source, message);
                continue;
            }
            None => {}
        }
        let schema = property_schema(ctx, p, &owner, PropertyOf::Resource);
        own.properties.insert(&p.name, schema);
    }
    let description = Some(r.description.clone()).filter(|d| !d.is_empty());
    let discriminator = discriminator(ctx, r);
    let mut schema = match base.and_then(|b| ctx.names.get(b)) {
        Some(base_name) => Schema { all_of: vec![Schema::reference(base_name), own], ..Schema::default() },
        None => own,
    };
    schema.description = description;
    schema.discriminator = discriminator;
    schema.source = ctx.source(r.sources.first());
    schema
}

/// Every property of `key` and its ancestors, by name (a cycle in the docs stops the walk).
fn inherited_properties<'m>(ctx: &Ctx<'m, '_>, key: &str) -> HashMap<&'m str, &'m TypeRef> {
    let mut out = HashMap::default();
    let mut seen = Vec::new();
    let mut next = Some(key);
    while let Some(k) = next {
        if seen.contains(&k) {
            break;
        }
        seen.push(k);
        let Some(r) = ctx.model.resources.get(k) else { break };
        for p in &r.properties {
            out.entry(p.name.as_str()).or_insert(&p.ty);
        }
        next = r.base_type.as_deref();
    }
    out
}

/// `@odata.type` → schema for every descendant, when the resource has any.
fn discriminator(ctx: &Ctx<'_, '_>, r: &Resource) -> Option<Discriminator> {
    if r.derived.is_empty() {
        return None;
    }
    let mut mapping = BTreeMap::new();
    let mut stack: Vec<&str> = r.derived.iter().map(String::as_str).collect();
    while let Some(k) = stack.pop() {
        let Some(name) = ctx.names.get(k) else { continue };
        if mapping.insert(format!("#{k}"), format!("#/components/schemas/{name}")).is_some() {
            continue;
        }
        if let Some(d) = ctx.model.resources.get(k) {
            stack.extend(d.derived.iter().map(String::as_str));
        }
    }
    Some(Discriminator { property_name: ODATA_TYPE.to_string(), mapping })
}

/// Object properties from a request-body table, with the names the table marks required.
pub(crate) fn inline_object(ctx: &mut Ctx<'_, '_>, props: &[&Property], owner: &str) -> Schema {
    let mut s = Schema { kind: Some("object"), properties: Properties::default(), ..Schema::default() };
    for p in props {
        let schema = property_schema(ctx, p, owner, PropertyOf::Body);
        if s.properties.insert(&p.name, schema) && p.required {
            s.required.push(p.name.clone());
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Workspace;
    use crate::model::SourceRef;
    use crate::source::{Limits, SourceFile, Span};

    /// A resource page: `name` inheriting from `base` (when given), with these property rows.
    fn resource(name: &str, base: Option<&str>, rows: &[&str]) -> SourceFile {
        let base = base.map_or(String::new(), |b| format!(",\n  \"baseType\": \"microsoft.test.{b}\""));
        let rows: String = rows.iter().map(|r| format!("{r}\n")).collect();
        let text = format!(
            "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\n\
             Namespace: microsoft.test\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n{rows}\n\
             ## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.test.{name}\"{base}\n}} -->\n\
             ```json\n{{\n  \"id\": \"String\"\n}}\n```\n"
        );
        SourceFile::from_text(&format!("resources/{name}.md"), text)
    }

    #[test]
    fn resources_built_in_parallel_runs_report_and_count_as_built_one_by_one() {
        // Findings of several kinds in several resources: untyped and unknown property types, a
        // missing base type, a property redefined against its base.
        let files = vec![
            resource("animal", None, &["|id|String|Key.|", "|legs|Int32|Legs.|", "|tag||No type.|"]),
            resource("bird", Some("animal"), &["|legs|String|Redefined.|", "|wings|Wingspan|Unknown.|"]),
            resource("cat", Some("feline"), &["|lives||No type.|", "|owner|String|Name.|"]),
            resource("dog", Some("animal"), &["|bark|Noise|Unknown.|", "|tag|Boolean|Redefined.|"]),
        ];
        let ws = Workspace::from_files(files, &Limits::default());
        let (model, _) = ws.model();
        assert_eq!(model.resources.len(), 4, "{:?}", model.resources.keys());
        let options = super::super::OpenApiOptions::default();
        let locate = |at: &SourceRef| Span::new(at.line, at.line + 1);
        let build = |per_task| {
            let mut ctx = Ctx::new(&model, &options, &locate);
            ctx.names = std::sync::Arc::new(super::super::names::Names::build(&mut ctx));
            ctx.diags.clear();
            let schemas = components_in_runs(&mut ctx, per_task);
            // As the emitter hands them out: sorted.
            crate::diagnostic::sort(&mut ctx.diags);
            (serde_json::to_string(&schemas).unwrap(), ctx.diags, ctx.stats)
        };
        let one_run = build(usize::MAX);
        assert!(one_run.1.len() >= 5, "the resources have findings: {:?}", one_run.1);
        assert!(one_run.2.property_fallbacks >= 3, "{:?}", one_run.2);
        assert_eq!(build(1), one_run, "one resource per task");
        assert_eq!(build(3), one_run, "uneven runs");
    }
}
