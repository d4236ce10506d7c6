//! Keys of what a generated item is made from: the model data its view reads and the type names
//! it can print. An item whose key is linked in the [`super::FormatCache`] is reused as
//! formatted last time, without building its view or rendering it: after a one-page edit almost
//! every item is. Equal keys mean equal inputs, so a reused item is the item this run would make.
//!
//! The model parts are fed to a [`crate::key`] digest through their `Hash` impls (length-prefixed sequences,
//! terminated strings: no two inputs run together). Each key lists the parts it covers by
//! destructuring them: a field added to the model does not compile here until it is either hashed
//! or stated to be unread by the views.

use std::hash::Hash;

use crate::key::Collect;

use super::format::ItemKey;
use super::types::TypeNames;
use crate::model::{ApiModel, Operation};

/// Domain tags, so keys of different item kinds (and text keys) never meet.
const NAMES: &[u8] = b"mdapi rust names\0";
const STRUCT: &[u8] = b"mdapi rust struct\0";
const REQUEST: &[u8] = b"mdapi rust request\0";
const BODY: &[u8] = b"mdapi rust request body\0";

/// A digest of every generated type's name: part of each item's key, since a field's type text
/// is the name of the type it refers to.
pub fn names_digest(names: &TypeNames) -> ItemKey {
    let TypeNames { structs, unions, enums, descendants } = names;
    key(NAMES, &[0; 16], |h| (structs, unions, enums, descendants).hash(h))
}

/// The key of resource `q`'s struct: the resource and its base types (whose properties it
/// inherits), as [`super::models::struct_view`] reads them.
pub fn struct_key(model: &ApiModel, q: &str, names: &ItemKey) -> ItemKey {
    key(STRUCT, names, |h| {
        q.hash(h);
        // The same walk as `all_properties`, cycles included; a missing base ends it there too.
        let mut seen: Vec<&str> = Vec::new();
        let mut cur = Some(q);
        while let Some(c) = cur {
            let Some(r) = model.resources.get(c) else { break };
            if seen.contains(&c) {
                break;
            }
            seen.push(c);
            // The JSON representation and the annotation data are not read by the views.
            r.hash_type_inputs(h);
            cur = r.base_type.as_deref();
        }
        seen.len().hash(h);
    })
}

/// The key of an operation's request type named `name` (with body struct `body_name`), as
/// [`super::requests::request_view`] reads it.
pub fn request_key(op: &Operation, name: &str, body_name: &str, names: &ItemKey) -> ItemKey {
    // The examples are not read by the Rust views (and are most of an operation's bytes).
    let Operation {
        method,
        path,
        title,
        description,
        deprecated,
        path_params,
        parameters,
        request_headers,
        request_body,
        responses,
        permissions,
        examples: _,
        sources,
    } = op;
    key(REQUEST, names, |h| {
        (name, body_name, method, path, title, description, deprecated).hash(h);
        (path_params, parameters, request_headers, request_body, responses, permissions, sources).hash(h);
    })
}

/// The key of the body struct rendered beside the request whose key is `request`.
pub fn body_key(request: &ItemKey) -> ItemKey {
    key(BODY, request, |_| {})
}

/// The content key of `kind`, `names` and what `inputs` feeds the hasher.
fn key(kind: &[u8], names: &ItemKey, inputs: impl FnOnce(&mut Collect)) -> ItemKey {
    let mut c = Collect(Vec::with_capacity(4096));
    c.0.extend_from_slice(kind);
    c.0.extend_from_slice(names);
    inputs(&mut c);
    c.key()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SourceRef, TypeRef, TypeTarget};

    fn model() -> ApiModel {
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
        let ws = crate::Workspace::load(&docs, &crate::Limits::default()).unwrap();
        ws.model().0
    }

    /// A resource with a base type in the bundled docs, and that base.
    fn derived(model: &ApiModel) -> (String, String) {
        let (q, r) = model.resources.iter().find(|(_, r)| r.base_type.is_some()).expect("a derived type");
        (q.clone(), r.base_type.clone().unwrap())
    }

    #[test]
    fn a_struct_key_follows_its_resource_and_bases_but_not_what_the_views_do_not_read() {
        let base_model = model();
        let (q, base) = derived(&base_model);
        let names = [1; 16];
        let key = |m: &ApiModel| struct_key(m, &q, &names);
        let before = key(&base_model);
        assert_eq!(before, key(&base_model.clone()), "equal inputs, equal keys");
        assert_ne!(before, struct_key(&base_model, &q, &[2; 16]), "the type names count");
        let mut m = base_model.clone();
        m.resources.get_mut(&base).unwrap().properties[0].description.push('!');
        assert_ne!(before, key(&m), "an inherited property counts");
        let mut m = base_model.clone();
        m.resources.get_mut(&q).unwrap().properties[0].ty =
            TypeRef { target: TypeTarget::Unresolved("x".into()), collection: true };
        assert_ne!(before, key(&m), "an own property's type counts");
        let mut m = base_model.clone();
        let r = m.resources.get_mut(&q).unwrap();
        r.json = Some(std::sync::Arc::new(serde_json::json!({ "changed": true })));
        r.annotation.insert("@odata.type".into(), "changed".into());
        assert_eq!(before, key(&m), "the JSON representation and annotations are not read");
    }

    #[test]
    fn a_request_key_follows_the_operation_but_not_its_examples() {
        let base_model = model();
        let i = base_model.operations.iter().position(|o| !o.examples.is_empty()).expect("an operation with examples");
        let names = [1; 16];
        let key = |m: &ApiModel| request_key(&m.operations[i], "R", "RBody", &names);
        let before = key(&base_model);
        assert_ne!(before, request_key(&base_model.operations[i], "R2", "RBody", &names), "the name counts");
        assert_ne!(body_key(&before), before);
        let mut m = base_model.clone();
        m.operations[i].examples.clear();
        assert_eq!(before, key(&m), "examples are not read");
        let mut m = base_model.clone();
        m.operations[i].sources.push(SourceRef { file: "api/other.md".into(), line: 3 });
        assert_ne!(before, key(&m), "sources count");
        let mut m = base_model.clone();
        m.operations[i].title.push('!');
        assert_ne!(before, key(&m), "the title counts");
    }
}
