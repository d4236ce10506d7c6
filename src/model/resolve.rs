//! Type resolution: names and links in type cells → resources, enums or primitives.

use rustc_hash::FxHashMap as HashMap;

use crate::extract::{DocFacts, TypeExpr};

use super::types::{TypeRef, TypeTarget};

/// What a name can resolve to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Resource,
    Enum,
}

/// Lookup tables built from every page's resources and enums.
#[derive(Debug, Default)]
pub(crate) struct TypeIndex {
    /// Lower-case qualified name → (qualified name, kind).
    qualified: HashMap<String, (String, Kind)>,
    /// Lower-case simple name → qualified names.
    simple: HashMap<String, Vec<(String, Kind)>>,
    /// Lower-case page path (`resources/message.md`) → the type it defines.
    pages: HashMap<String, (String, Kind)>,
}

/// `microsoft.graph` + `message` → `microsoft.graph.message`.
pub(crate) fn qualify(namespace: Option<&str>, name: &str) -> String {
    match namespace.filter(|n| !n.is_empty()) {
        Some(ns) => format!("{ns}.{name}"),
        None => name.to_string(),
    }
}

impl TypeIndex {
    pub(crate) fn build(facts: &[&DocFacts]) -> TypeIndex {
        let mut index = TypeIndex::default();
        for f in facts {
            for r in &f.resources {
                index.add(&f.file, qualify(r.namespace.as_deref(), &r.name), &r.name, Kind::Resource);
            }
            for e in &f.enums {
                index.add(&f.file, qualify(e.namespace.as_deref(), &e.name), &e.name, Kind::Enum);
            }
        }
        for list in index.simple.values_mut() {
            list.sort_by(|a, b| a.0.cmp(&b.0));
        }
        index
    }

    fn add(&mut self, file: &str, qualified: String, simple: &str, kind: Kind) {
        self.pages.entry(file.to_ascii_lowercase()).or_insert_with(|| (qualified.clone(), kind.clone()));
        let list = self.simple.entry(simple.to_ascii_lowercase()).or_default();
        if !list.iter().any(|(q, _)| q.eq_ignore_ascii_case(&qualified)) {
            list.push((qualified.clone(), kind.clone()));
        }
        self.qualified.entry(qualified.to_ascii_lowercase()).or_insert((qualified, kind));
    }

    /// The canonical qualified name of a type, if known.
    pub(crate) fn canonical(&self, qualified: &str) -> Option<&str> {
        let q = qualified.trim_start_matches('#').to_ascii_lowercase();
        self.qualified.get(&q).map(|(n, _)| n.as_str())
    }

    /// Resolves a type as written on page `from` (whose namespace is `namespace`).
    pub(crate) fn resolve(&self, ty: &crate::extract::TypeRef, from: &str, namespace: Option<&str>) -> TypeRef {
        let target = match &ty.ty {
            TypeExpr::Primitive(p) => TypeTarget::Primitive(*p),
            TypeExpr::Named { name, namespace: ns } => self
                .by_name(name, ns.as_deref(), namespace)
                .or_else(|| ty.link.as_deref().and_then(|l| self.by_link(from, l)))
                .unwrap_or_else(|| TypeTarget::Unresolved(qualify(ns.as_deref(), name))),
            TypeExpr::Unknown(text) => ty
                .link
                .as_deref()
                .and_then(|l| self.by_link(from, l))
                .unwrap_or_else(|| TypeTarget::Unresolved(text.clone())),
        };
        TypeRef { target, collection: ty.collection }
    }

    /// Resolves a qualified or simple name (an annotation's `@odata.type`, a base type).
    pub(crate) fn resolve_name(&self, name: &str, namespace: Option<&str>) -> Option<TypeTarget> {
        let (ns, simple) = crate::extract::split_qualified(name.trim_start_matches('#'));
        self.by_name(&simple, ns.as_deref(), namespace)
    }

    fn by_name(&self, name: &str, ns: Option<&str>, page_ns: Option<&str>) -> Option<TypeTarget> {
        if let Some(ns) = ns
            && let Some(hit) = self.qualified.get(&lower_qualified(ns, name))
        {
            return Some(target(hit));
        }
        let list = self.simple.get(&name.to_ascii_lowercase())?;
        // Several namespaces may define the same simple name: prefer the referrer's own
        // namespace exactly (`microsoft.graph` must not pick `microsoft.graph.callRecords`),
        // then the least nested namespace, the one pages without a `Namespace:` line mean.
        let preferred = ns.or(page_ns).and_then(|ns| {
            let want = qualify(Some(ns), name);
            list.iter().find(|(q, _)| q.eq_ignore_ascii_case(&want))
        });
        preferred.or_else(|| list.iter().min_by_key(|(q, _)| (q.matches('.').count(), q.as_str()))).map(target)
    }

    /// A link to a page resolves to the type that page defines (link case may differ from the file's).
    fn by_link(&self, from: &str, link: &str) -> Option<TypeTarget> {
        let path = link.split('#').next()?;
        if path.is_empty() || path.contains("://") {
            return None;
        }
        let joined = join(from, path).to_ascii_lowercase();
        self.pages.get(&joined).map(target)
    }
}

/// `qualify(Some(ns), name)` in lower case, lowered in place (one allocation).
fn lower_qualified(ns: &str, name: &str) -> String {
    let mut key = qualify(Some(ns), name);
    key.make_ascii_lowercase();
    key
}

fn target((name, kind): &(String, Kind)) -> TypeTarget {
    match kind {
        Kind::Resource => TypeTarget::Resource(name.clone()),
        Kind::Enum => TypeTarget::Enum(name.clone()),
    }
}

/// Resolves a relative link against the linking page's folder (`api/x.md` + `../resources/y.md`).
pub(crate) fn join(from: &str, link: &str) -> String {
    let mut parts: Vec<&str> = if link.starts_with('/') { Vec::new() } else { from.split('/').collect() };
    if !link.starts_with('/') {
        parts.pop();
    }
    for seg in link.trim_start_matches('/').split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_qualified_names_are_qualify_in_lower_case() {
        for (ns, name) in [
            ("microsoft.graph", "itemBody"),
            ("", "Message"),
            ("Microsoft.Graph.CallRecords", "Segment"),
            ("ns", "Ünïcode"),
        ] {
            assert_eq!(lower_qualified(ns, name), qualify(Some(ns), name).to_ascii_lowercase(), "{ns} {name}");
        }
    }

    #[test]
    fn joins_relative_links() {
        assert_eq!(join("api/user-get.md", "../resources/user.md"), "resources/user.md");
        assert_eq!(join("resources/message.md", "recipient.md"), "resources/recipient.md");
        assert_eq!(join("resources/message.md", "./a/b.md"), "resources/a/b.md");
    }
}
