//! View models for the `models` module: a struct per resource, a string enum per enum type, a
//! polymorphic enum per resource with descendants.

use std::collections::BTreeSet;

use super::docs::doc_lines;
use super::names::{Scope, snake, str_lit};
use super::types::{OPTION, STRING, TypeNames, all_properties};
use super::view::{EnumView, FieldView, StructView, UnionVariant, UnionView, VariantView};
use crate::diagnostic::{Diagnostic, codes};
use crate::model::{ApiModel, EnumType, Property, TypeTarget};
use crate::source::Span;

/// The map field of open types; claimed before any property so a property of that name is
/// the one renamed.
pub const OPEN_FIELD: &str = "additional_properties";
const SKIP_NONE: &str = "skip_serializing_if = \"::std::option::Option::is_none\"";

/// The struct for resource `q`: every property (inherited ones first) as an optional field,
/// plus `@odata.type` (so a polymorphic value keeps its type) unless the docs list it.
pub fn struct_view(model: &ApiModel, q: &str, names: &TypeNames, diags: &mut Vec<Diagnostic>) -> StructView {
    let r = &model.resources[q];
    let props = all_properties(model, q);
    let mut scope = Scope::with_reserved(if r.open_type { &[OPEN_FIELD] } else { &[] });
    let mut fields = Vec::new();
    if !props.iter().any(|p| p.name == "@odata.type") {
        let (name, _) = scope.claim("odata_type", true);
        fields.push(FieldView {
            docs: doc_lines(&["`@odata.type`: the value's type, for polymorphic values."]),
            serde: format!("rename = \"@odata.type\", default, {SKIP_NONE}"),
            has_serde: true,
            name,
            ty: format!("{OPTION}<{STRING}>"),
        });
    }
    for p in props {
        fields.push(field_view(p, &mut scope, names, "", false, diags));
    }
    let mut docs_src = vec![r.description.as_str()];
    let q_line = format!("`{q}`");
    docs_src.push(&q_line);
    StructView {
        name: names.structs[q].clone(),
        docs: doc_lines(&docs_src),
        default: true,
        fields,
        open: r.open_type,
        open_field: OPEN_FIELD.to_string(),
    }
}

/// A field for a property: optional (`Option<T>`, absent when `None`) unless `required` is
/// honoured (action bodies), renamed to its JSON name when the Rust name differs.
pub fn field_view(
    p: &Property,
    scope: &mut Scope,
    names: &TypeNames,
    prefix: &str,
    honour_required: bool,
    diags: &mut Vec<Diagnostic>,
) -> FieldView {
    let (name, renamed) = scope.claim(&snake(&p.name), true);
    if renamed {
        diags.push(Diagnostic::new(
            codes::RUST_NAME_COLLISION,
            &p.source.file,
            Span::default(),
            format!("property `{}` clashes with another field's Rust name; generated as `{name}`", p.name),
        ));
    }
    let (ty, _, known) = names.rust_type(&p.ty, prefix);
    if !known {
        let what = match &p.ty.target {
            TypeTarget::Unresolved(t) => t.clone(),
            TypeTarget::Resource(q) | TypeTarget::Enum(q) => q.clone(),
            TypeTarget::Primitive(pr) => pr.edm_name().to_string(),
        };
        diags.push(Diagnostic::new(
            codes::RUST_TYPE_UNKNOWN,
            &p.source.file,
            Span::default(),
            format!("property `{}` has type `{what}`, which is not generated; it is kept as JSON", p.name),
        ));
    }
    let required = honour_required && p.required;
    let mut serde = Vec::new();
    if name.trim_start_matches("r#") != p.name {
        serde.push(format!("rename = {}", str_lit(&p.name)));
    }
    if !required {
        serde.push(format!("default, {SKIP_NONE}"));
    }
    let mut docs_src: Vec<String> = vec![p.description.clone()];
    if !p.values.is_empty() {
        let vals: Vec<String> = p.values.iter().map(|v| format!("`{}`", v.name)).collect();
        docs_src.push(format!("Documented values: {}.", vals.join(", ")));
    }
    let docs_ref: Vec<&str> = docs_src.iter().map(String::as_str).collect();
    FieldView {
        docs: doc_lines(&docs_ref),
        has_serde: !serde.is_empty(),
        serde: serde.join(", "),
        name,
        ty: if required { ty } else { format!("{OPTION}<{ty}>") },
    }
}

/// The string enum for `e`: one variant per distinct member, then the catch-all.
pub fn enum_view(q: &str, e: &EnumType, names: &TypeNames) -> EnumView {
    let mut scope = Scope::default();
    let mut seen = BTreeSet::new();
    let mut variants = Vec::new();
    for m in &e.members {
        // A member listed twice would be an unreachable match arm.
        if !seen.insert(m.name.clone()) {
            continue;
        }
        let (name, _) = scope.claim(&super::names::pascal(&m.name), false);
        variants.push(VariantView { docs: doc_lines(&[&m.description]), name, lit: str_lit(&m.name) });
    }
    let (other, _) = scope.claim("Other", false);
    EnumView {
        name: names.enums[q].clone(),
        docs: doc_lines(&[&format!("`{q}`")]),
        has_variants: !variants.is_empty(),
        variants,
        other,
    }
}

/// The polymorphic enum for resource `q`, when it has selected descendants.
pub fn union_view(model: &ApiModel, q: &str, names: &TypeNames) -> Option<UnionView> {
    let name = names.unions.get(q)?;
    let mut tags = BTreeSet::new();
    let variants = names.descendants[q]
        .iter()
        .map(|d| {
            let tag = d.to_ascii_lowercase();
            let has_tag = d != q && tags.insert(tag.clone());
            UnionVariant {
                name: names.structs[d].clone(),
                ty: names.structs[d].clone(),
                tag: str_lit(&tag),
                has_tag,
                qualified: str_lit(d),
                qualified_doc: str_lit(&format!(" `{d}`")),
            }
        })
        .collect();
    let desc = model.resources[q].description.as_str();
    let lead = format!(
        "`{q}` or any type derived from it, chosen by `@odata.type`; an unknown or missing type reads as the base."
    );
    Some(UnionView {
        name: name.clone(),
        docs: doc_lines(&[&lead, desc]),
        variants,
        fallback: names.structs[q].clone(),
    })
}
