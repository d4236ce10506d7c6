//! Component names for the model's resources and enums: valid under OpenAPI's name rule
//! (`^[a-zA-Z0-9.\-_]+$`) and unique, decided once before anything refers to them.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;

use crate::diagnostic::codes;

use super::context::Ctx;

/// The error schema every operation's error responses refer to.
pub(crate) const ERROR_SCHEMA: &str = "ODataError";

/// Model key → component name.
#[derive(Debug, Default)]
pub(crate) struct Names {
    by_key: HashMap<String, String>,
    taken: HashSet<String>,
}

impl Names {
    /// Names every resource, then every enum, in key order; reports rewrites and clashes.
    pub(crate) fn build(ctx: &mut Ctx<'_, '_>) -> Names {
        let mut names = Names::default();
        names.taken.insert(ERROR_SCHEMA.to_string());
        let model = ctx.model;
        let keys = model
            .resources
            .iter()
            .map(|(k, r)| (k, r.sources.first()))
            .chain(model.enums.iter().map(|(k, e)| (k, e.sources.first())));
        for (key, at) in keys {
            let name = sanitize(key);
            let clash = names.taken.contains(name.as_ref());
            if let Some(at) = at {
                if clash {
                    ctx.report(codes::OPENAPI_COMPONENT_NAME, at, format!("type `{key}` is defined twice (as a resource and an enum, or under another spelling); only the first definition is emitted"));
                } else if let Cow::Owned(n) = &name {
                    ctx.report(
                        codes::OPENAPI_COMPONENT_NAME,
                        at,
                        format!("type name `{key}` is not a valid component name; emitted as `{n}`"),
                    );
                }
            }
            if !clash {
                names.taken.insert(name.to_string());
                names.by_key.insert(key.clone(), name.into_owned());
            }
        }
        names
    }

    /// The component name of a model key, when it has one.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.by_key.get(key).map(String::as_str)
    }

    /// A key of every name: what the parts of the document built from them depend on.
    pub(crate) fn key(&self) -> crate::key::Key {
        let mut by_key: Vec<(&String, &String)> = self.by_key.iter().collect();
        by_key.sort_unstable();
        let mut taken: Vec<&String> = self.taken.iter().collect();
        taken.sort_unstable();
        let mut h = crate::key::KeyHasher::new();
        h.update(b"mdapi openapi names\0");
        for (key, name) in by_key {
            for part in [key, name] {
                h.update(&(part.len() as u64).to_le_bytes());
                h.update(part.as_bytes());
            }
        }
        h.update(&(taken.len() as u64).to_le_bytes());
        for name in taken {
            h.update(&(name.len() as u64).to_le_bytes());
            h.update(name.as_bytes());
        }
        h.finish()
    }

    /// Whether `name` is a model type's component name (or the error schema's). A collection
    /// wrapper takes a name that is not; wrappers never share a name (each is named after its
    /// item), so they need not claim theirs here, and the names stay shared between the forks
    /// of the emitter context.
    pub(crate) fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

/// Replaces every character outside `[A-Za-z0-9._-]` by `_`.
pub(crate) fn sanitize(name: &str) -> Cow<'_, str> {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    if !name.is_empty() && name.chars().all(ok) {
        return Cow::Borrowed(name);
    }
    let s: String = name.chars().map(|c| if ok(c) { c } else { '_' }).collect();
    Cow::Owned(if s.is_empty() { "_".to_string() } else { s })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_only_when_needed() {
        assert!(matches!(sanitize("microsoft.graph.user"), Cow::Borrowed(_)));
        assert_eq!(sanitize("a b(c)"), "a_b_c_");
    }
}
