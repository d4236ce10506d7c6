//! Type names for the model's resources and enums, and the Rust type text for a [`TypeRef`].
//! Names come from qualified names (the OpenAPI schema keys), so both emitters agree on which
//! type is which.

use std::collections::{BTreeMap, BTreeSet};

use super::names::{Scope, pascal};
use crate::diagnostic::{Diagnostic, codes};
use crate::extract::Primitive;
use crate::model::{ApiModel, Property, TypeRef, TypeTarget};
use crate::source::Span;

/// Fully qualified std paths, so a doc type called `Option`, `String` or `Vec` cannot shadow them.
pub const OPTION: &str = "::std::option::Option";
/// See [`OPTION`].
pub const VEC: &str = "::std::vec::Vec";
/// See [`OPTION`].
pub const BOX: &str = "::std::boxed::Box";
/// See [`OPTION`].
pub const STRING: &str = "::std::string::String";
/// Arbitrary JSON.
pub const JSON: &str = "::serde_json::Value";

/// The Rust names of every generated model type.
#[derive(Debug, Default)]
pub struct TypeNames {
    /// Resource qualified name → struct name.
    pub structs: BTreeMap<String, String>,
    /// Resource qualified name (with descendants) → polymorphic enum name.
    pub unions: BTreeMap<String, String>,
    /// Enum qualified name → enum name.
    pub enums: BTreeMap<String, String>,
    /// Resource qualified name → every concrete descendant (itself first, then sorted).
    pub descendants: BTreeMap<String, Vec<String>>,
}

/// Names the selected resources and enums in one scope (the `models` module). Types in the
/// model's most common namespace claim first; a colliding type from another namespace is
/// prefixed with its namespace's last segment; any remaining clash gets a number. Polymorphic
/// enums (`Any…`) claim last.
pub fn name_types(
    model: &ApiModel,
    resources: &BTreeSet<String>,
    enums: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> TypeNames {
    let primary = primary_namespace(model);
    let mut items: Vec<(bool, &str, &str, &str, bool)> = Vec::new();
    for q in resources {
        let r = &model.resources[q];
        items.push((r.namespace != primary, q, &r.name, &r.namespace, false));
    }
    for q in enums {
        if let Some(e) = model.enums.get(q) {
            items.push((e.namespace != primary, q, &e.name, &e.namespace, true));
        }
    }
    // Primary-namespace types first, each group in qualified-name order.
    items.sort();
    let mut scope = Scope::default();
    let mut names = TypeNames::default();
    for (foreign, q, name, ns, is_enum) in items {
        let base = pascal(name);
        let base = if foreign && scope.contains(&base) {
            pascal(&format!("{}_{}", ns.rsplit('.').next().unwrap_or(""), name))
        } else {
            base
        };
        let (ident, renamed) = scope.claim(&base, false);
        if renamed {
            diags.push(renamed_diag(model, q, &ident));
        }
        if is_enum {
            names.enums.insert(q.to_string(), ident);
        } else {
            names.structs.insert(q.to_string(), ident);
        }
    }
    for q in resources {
        let desc = descendants(model, q, resources);
        if desc.len() > 1 {
            let (ident, _) = scope.claim(&format!("Any{}", names.structs[q]), false);
            names.unions.insert(q.clone(), ident);
        }
        names.descendants.insert(q.clone(), desc);
    }
    names
}

fn renamed_diag(model: &ApiModel, q: &str, ident: &str) -> Diagnostic {
    let src = model.resources.get(q).map(|r| &r.sources).or_else(|| model.enums.get(q).map(|e| &e.sources));
    let file = src.and_then(|s| s.first()).map(|s| s.file.clone()).unwrap_or_default();
    Diagnostic::new(
        codes::RUST_NAME_COLLISION,
        &file,
        Span::default(),
        format!("type `{q}` clashes with another type's Rust name; generated as `{ident}`"),
    )
}

/// The namespace most types live in (`microsoft.graph`).
fn primary_namespace(model: &ApiModel) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in model.resources.values() {
        *counts.entry(&r.namespace).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(ns, n)| (*n, std::cmp::Reverse(*ns)))
        .map(|(ns, _)| ns.to_string())
        .unwrap_or_default()
}

/// `q` and every selected type deriving from it, transitively: `q` first, then sorted.
fn descendants(model: &ApiModel, q: &str, selected: &BTreeSet<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![q.to_string()];
    while let Some(t) = todo.pop() {
        if !seen.insert(t.clone()) {
            continue;
        }
        if let Some(r) = model.resources.get(&t) {
            todo.extend(r.derived.iter().filter(|d| selected.contains(*d)).cloned());
        }
    }
    seen.remove(q);
    std::iter::once(q.to_string()).chain(seen).collect()
}

/// A resource's properties with inherited ones first (base to derived); a property redefined
/// lower down replaces the inherited one in place. A base-type cycle in the docs stops the walk.
pub fn all_properties<'m>(model: &'m ApiModel, q: &str) -> Vec<&'m Property> {
    let mut chain = Vec::new();
    let mut seen = BTreeSet::new();
    let mut cur = Some(q.to_string());
    while let Some(c) = cur {
        let Some(r) = model.resources.get(&c) else { break };
        if !seen.insert(c.clone()) {
            break;
        }
        chain.push(r);
        cur = r.base_type.clone();
    }
    let mut out: Vec<&Property> = Vec::new();
    for r in chain.iter().rev() {
        for p in &r.properties {
            match out.iter().position(|o| o.name == p.name) {
                Some(i) => out[i] = p,
                None => out.push(p),
            }
        }
    }
    out
}

/// The Rust type of a primitive.
pub fn primitive(p: Primitive) -> &'static str {
    match p {
        Primitive::Boolean => "bool",
        Primitive::Byte => "u8",
        Primitive::SByte => "i8",
        Primitive::Int16 => "i16",
        Primitive::Int32 => "i32",
        Primitive::Int64 => "i64",
        Primitive::Single => "f32",
        Primitive::Double | Primitive::Decimal => "f64",
        Primitive::Json => JSON,
        // Dates, durations, GUIDs, base64 binary and streams travel as JSON strings.
        Primitive::String
        | Primitive::DateTimeOffset
        | Primitive::Date
        | Primitive::TimeOfDay
        | Primitive::Duration
        | Primitive::Guid
        | Primitive::Binary
        | Primitive::Stream => STRING,
    }
}

/// How a value is rendered in a query string or path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextForm {
    /// `ToString` gives the wire text (numbers, bools, strings).
    Display,
    /// A generated enum: `as_str()`.
    EnumStr,
    /// Anything else: its JSON text.
    Json,
}

impl TypeNames {
    /// The Rust type for `t` (without `Option`), with model types prefixed by `prefix`
    /// (`""` inside `models`, `super::models::` elsewhere). A single resource is boxed, since
    /// resources refer to each other recursively. `None` when the type is unknown (→ JSON).
    pub fn rust_type(&self, t: &TypeRef, prefix: &str) -> (String, TextForm, bool) {
        let (inner, form, known) = match &t.target {
            TypeTarget::Primitive(p) => {
                let form = if *p == Primitive::Json { TextForm::Json } else { TextForm::Display };
                (primitive(*p).to_string(), form, true)
            }
            TypeTarget::Enum(q) => match self.enums.get(q) {
                Some(n) => (format!("{prefix}{n}"), TextForm::EnumStr, true),
                None => (JSON.to_string(), TextForm::Json, false),
            },
            TypeTarget::Resource(q) => match self.unions.get(q).or_else(|| self.structs.get(q)) {
                Some(n) if t.collection => (format!("{prefix}{n}"), TextForm::Json, true),
                Some(n) => (format!("{BOX}<{prefix}{n}>"), TextForm::Json, true),
                None => (JSON.to_string(), TextForm::Json, false),
            },
            TypeTarget::Unresolved(_) => (JSON.to_string(), TextForm::Json, false),
        };
        if t.collection { (format!("{VEC}<{inner}>"), TextForm::Json, known) } else { (inner, form, known) }
    }
}
