//! Which operations to generate (path globs and tags) and which schemas they reach.

use std::collections::BTreeSet;

use crate::model::{ApiModel, Operation, TypeRef, TypeTarget};

/// Operation filters; empty include lists mean "everything".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Path globs an operation must match one of (`/me/messages/**`).
    pub include_paths: Vec<String>,
    /// Path globs that drop an operation.
    pub exclude_paths: Vec<String>,
    /// Tags an operation must have one of.
    pub include_tags: Vec<String>,
    /// Tags that drop an operation.
    pub exclude_tags: Vec<String>,
}

impl Filter {
    /// True when no filter is set: every operation and every schema is generated.
    pub fn is_empty(&self) -> bool {
        self.include_paths.is_empty()
            && self.exclude_paths.is_empty()
            && self.include_tags.is_empty()
            && self.exclude_tags.is_empty()
    }

    /// Whether `op` is selected.
    pub fn selects(&self, op: &Operation) -> bool {
        let tag = tag(&op.path);
        let tag_eq = |t: &String| t.eq_ignore_ascii_case(&tag);
        (self.include_paths.is_empty() || self.include_paths.iter().any(|g| glob_match(g, &op.path)))
            && !self.exclude_paths.iter().any(|g| glob_match(g, &op.path))
            && (self.include_tags.is_empty() || self.include_tags.iter().any(tag_eq))
            && !self.exclude_tags.iter().any(tag_eq)
    }
}

/// An operation's tag: its first path segment without a function call or key (`/me/…` → `me`,
/// `/users('{id}')/…` → `users`), the grouping the Graph docs' own tables of contents use.
pub fn tag(path: &str) -> String {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    first.split(['(', ':']).next().unwrap_or("").to_string()
}

/// Glob over `/`-separated segments: `**` matches any number of segments (including none, so
/// `/me/messages/**` also selects `/me/messages`), `*` any run within a segment, `?` one char.
pub fn glob_match(glob: &str, path: &str) -> bool {
    let g: Vec<&str> = glob.trim_start_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    let p: Vec<&str> = path.trim_start_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    segments_match(&g, &p)
}

fn segments_match(g: &[&str], p: &[&str]) -> bool {
    match g.split_first() {
        None => p.is_empty(),
        Some((&"**", rest)) => (0..=p.len()).any(|i| segments_match(rest, &p[i..])),
        Some((first, rest)) => {
            p.split_first().is_some_and(|(seg, _)| segment_match(first.as_bytes(), seg.as_bytes()))
                && segments_match(rest, &p[1..])
        }
    }
}

fn segment_match(g: &[u8], s: &[u8]) -> bool {
    match g.split_first() {
        None => s.is_empty(),
        Some((b'*', rest)) => (0..=s.len()).any(|i| segment_match(rest, &s[i..])),
        Some((b'?', rest)) => !s.is_empty() && segment_match(rest, &s[1..]),
        Some((c, rest)) => s.first() == Some(c) && segment_match(rest, &s[1..]),
    }
}

/// The resources and enums to generate: all of them when nothing is filtered; otherwise those
/// the selected operations reach through bodies, responses, parameters, properties (with
/// inherited ones) and, for a type with derived types, every descendant (its polymorphic enum
/// needs them).
pub fn reach(model: &ApiModel, ops: &[&Operation], all: bool) -> (BTreeSet<String>, BTreeSet<String>) {
    if all {
        return (model.resources.keys().cloned().collect(), model.enums.keys().cloned().collect());
    }
    let mut todo: Vec<&TypeRef> = Vec::new();
    for op in ops {
        todo.extend(op.parameters.iter().map(|p| &p.ty));
        if let Some(b) = &op.request_body {
            todo.extend(b.resource.iter());
            todo.extend(b.properties.iter().map(|p| &p.ty));
        }
        todo.extend(op.responses.values().filter_map(|r| r.body.as_ref()));
    }
    let mut resources = BTreeSet::new();
    let mut enums = BTreeSet::new();
    let mut names: Vec<String> = Vec::new();
    for t in todo {
        push_target(&t.target, &mut names, &mut enums);
    }
    while let Some(q) = names.pop() {
        let Some(r) = model.resources.get(&q) else { continue };
        if !resources.insert(q.clone()) {
            continue;
        }
        names.extend(r.derived.iter().cloned());
        for p in super::types::all_properties(model, &q) {
            push_target(&p.ty.target, &mut names, &mut enums);
        }
    }
    (resources, enums)
}

fn push_target(t: &TypeTarget, names: &mut Vec<String>, enums: &mut BTreeSet<String>) {
    match t {
        TypeTarget::Resource(q) => names.push(q.clone()),
        TypeTarget::Enum(q) => {
            enums.insert(q.clone());
        }
        TypeTarget::Primitive(_) | TypeTarget::Unresolved(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("/me/messages/**", "/me/messages"));
        assert!(glob_match("/me/messages/**", "/me/messages/{message-id}/attachments"));
        assert!(!glob_match("/me/messages/**", "/me/mailFolders"));
        assert!(glob_match("/me/*/{message-id}", "/me/messages/{message-id}"));
        assert!(glob_match("/users/*", "/users/{user-id}"));
        assert!(!glob_match("/users/*", "/users"));
        assert!(glob_match("/me/mail?olders", "/me/mailFolders"));
        assert!(glob_match("**", "/anything/at/all"));
    }

    #[test]
    fn tags() {
        assert_eq!(tag("/me/messages"), "me");
        assert_eq!(tag("/users('{id}')/x"), "users");
        assert_eq!(tag("/drives/{d}/root:/{p}:"), "drives");
    }
}
