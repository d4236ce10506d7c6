//! operationIds: derived from method and path only, so an id never depends on which other
//! operations exist or in which order pages were read.
//!
//! `GET /users/{user-id}/messages` → `users.byUserId.messages.get`; function calls keep their
//! name and arguments (`range(address='{a}')` → `range.byAddress`). Two paths that spell the same
//! id (`/a/{x}` and `/a('{x}')`) both get a short hash of their exact method and path appended.

use std::collections::HashMap;

/// The readable id of one operation, written part by part into one string (it is made for
/// every operation on every run).
pub fn readable_id(method: &str, path: &str) -> String {
    let mut id = String::with_capacity(path.len() + 8);
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        push_segment(segment, &mut id);
    }
    separate(&mut id);
    id.extend(method.chars().map(|c| c.to_ascii_lowercase()));
    id
}

/// Ids for every (method, path), unique: colliding readable ids get a hash suffix.
pub fn assign<'a>(ops: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> Vec<String> {
    let ids: Vec<String> = ops.clone().map(|(m, p)| readable_id(m, p)).collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for id in &ids {
        *count.entry(id.as_str()).or_default() += 1;
    }
    ops.zip(&ids)
        .map(|((m, p), id)| if count[id.as_str()] > 1 { format!("{id}.{:08x}", fnv(m, p)) } else { id.clone() })
        .collect()
}

/// One path segment → id parts, each after a `.`: literals as written (sanitised),
/// placeholders as `byName`. In `key='{x}'` the key is dropped (the placeholder names it); in
/// `key='value'` both stay.
fn push_segment(segment: &str, id: &mut String) {
    // Where the literal part being written starts in `id` (its separator included), if one is.
    let mut literal: Option<usize> = None;
    let mut rest = segment;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        if c == '{' {
            let (name, after) = rest.split_once('}').unwrap_or((rest, ""));
            rest = after;
            literal = None;
            separate(id);
            id.push_str("by");
            push_pascal(name, id);
        } else if c.is_ascii_alphanumeric() || c == '_' {
            if literal.is_none() {
                literal = Some(id.len());
                separate(id);
            }
            id.push(c);
        } else if c == '=' && (rest.starts_with('{') || rest.starts_with("'{")) {
            if let Some(start) = literal.take() {
                id.truncate(start);
            }
        } else {
            literal = None;
        }
    }
}

/// Starts a new part.
fn separate(id: &mut String) {
    if !id.is_empty() {
        id.push('.');
    }
}

/// `user-id` → `UserId`, appended.
fn push_pascal(name: &str, out: &mut String) {
    let mut upper = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(if upper { c.to_ascii_uppercase() } else { c });
            upper = false;
        } else {
            upper = true;
        }
    }
}

/// FNV-1a of `METHOD path`: stable across runs and platforms, unlike std's hasher.
fn fnv(method: &str, path: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in method.bytes().chain([b' ']).chain(path.bytes()) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_like_the_path() {
        assert_eq!(readable_id("GET", "/users/{user-id}/messages"), "users.byUserId.messages.get");
        assert_eq!(readable_id("GET", "/me/messages/$count"), "me.messages.count.get");
        assert_eq!(
            readable_id("GET", "/me/workbook/worksheets/{id}/range(address='{address}')"),
            "me.workbook.worksheets.byId.range.byAddress.get"
        );
        assert_eq!(readable_id("GET", "/me/drive/root:/{item-path}:/content"), "me.drive.root.byItemPath.content.get");
        assert_eq!(
            readable_id("GET", "/reports/getEmailActivityCounts(period='D7')"),
            "reports.getEmailActivityCounts.period.D7.get"
        );
    }

    #[test]
    fn collisions_get_a_stable_suffix() {
        let ops = [("GET", "/a/{x}"), ("GET", "/a('{x}')"), ("GET", "/b")];
        let ids = assign(ops.iter().copied());
        assert_eq!(ids[2], "b.get");
        assert_ne!(ids[0], ids[1]);
        assert!(ids[0].starts_with("a.byX."));
        // The suffix depends on the operation alone, not on its neighbours.
        let again = assign([ops[1], ops[0]].iter().copied());
        assert_eq!(again[0], ids[1]);
    }
}
