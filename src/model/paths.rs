//! Path keys for merging operations, and matching example URLs to declared paths.

/// The merge key of a path: placeholders emptied (`{}`), case folded, because the same
/// operation is written `/users/{id}` on one page and `/users/{user-id}` on another, and the
/// service treats path case as insignificant.
pub(crate) fn path_key(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push('{');
                }
                depth += 1;
            }
            '}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push('}');
                }
            }
            _ if depth > 0 => {}
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The path part of an example URL: scheme, host, version segment and query removed.
pub(crate) fn example_path(url: &str) -> String {
    let mut rest = url.trim();
    if let Some(i) = rest.find("://") {
        rest = &rest[i + 3..];
        rest = rest.find('/').map_or("", |j| &rest[j..]);
    }
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let mut segs = rest.splitn(2, '/');
    let first = segs.next().unwrap_or("");
    let is_version = first.eq_ignore_ascii_case("beta")
        || (first.len() >= 2
            // Bytes, not `&first[..1]`: a segment starting with a multi-byte char (`/é…`) has no
            // char boundary at 1. After an ASCII `v`, 1 is a boundary.
            && first.as_bytes()[0].eq_ignore_ascii_case(&b'v')
            && first[1..].starts_with(|c: char| c.is_ascii_digit()));
    let path = if is_version { segs.next().unwrap_or("") } else { rest };
    format!("/{}", path.trim_end_matches('/'))
}

/// How well an example path matches a template: None when it does not; higher is better
/// (literal segments that agree count more than placeholders).
pub(crate) fn match_score(template: &str, path: &str) -> Option<usize> {
    let (t, p) = (template.trim_matches('/'), path.trim_matches('/'));
    // As many segments (`/`s) in both; no lists collected: this runs for every example against
    // every operation of its page.
    if t.bytes().filter(|&b| b == b'/').count() != p.bytes().filter(|&b| b == b'/').count() {
        return None;
    }
    let mut score = 0;
    for (a, b) in t.split('/').zip(p.split('/')) {
        if a.eq_ignore_ascii_case(b) {
            score += 2;
        } else if segment_matches(a, b) {
            score += 1;
        } else {
            return None;
        }
    }
    Some(score)
}

/// A template segment with placeholders (`{id}`, `range(address='{a}')`, `root:`) against a literal one.
fn segment_matches(template: &str, literal: &str) -> bool {
    if !template.contains('{') {
        return false;
    }
    if template.starts_with('{') && template.ends_with('}') {
        return !literal.is_empty();
    }
    // Function or key segments: compare the part before the first placeholder.
    let prefix = template.split('{').next().unwrap_or("").trim_end_matches(['\'', '"']);
    literal.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_placeholders_and_case() {
        assert_eq!(path_key("/users/{user-id}/Messages/{id}"), "/users/{}/messages/{}");
        assert_eq!(path_key("/f(x='{x}')"), "/f(x='{}')");
    }

    #[test]
    fn example_paths() {
        assert_eq!(example_path("https://graph.microsoft.com/v1.0/me/messages?$top=1"), "/me/messages");
        assert_eq!(example_path("https://graph.microsoft.com/V1.0/me/"), "/me");
        assert_eq!(example_path("/me/events"), "/me/events");
        assert_eq!(example_path("https://mail.contoso.com/beta/me"), "/me");
    }

    #[test]
    fn matching() {
        assert_eq!(match_score("/me/messages/{message-id}", "/me/messages/AAMk="), Some(5));
        assert_eq!(match_score("/me/messages", "/me/events"), None);
        assert!(match_score("/r/range(address='{a}')", "/r/range(address='A1')").is_some());
    }
}
