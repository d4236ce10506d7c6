//! The lint rules, one file each; `super::registry` assigns their codes. Helpers shared by
//! several rules live here.

pub(crate) mod annotation_block_type_unknown;
pub(crate) mod annotation_key_unknown;
pub(crate) mod content_length_mismatch;
pub(crate) mod example_name_duplicate;
pub(crate) mod example_operation_undeclared;
pub(crate) mod example_property_unknown;
pub(crate) mod example_status_contradicts_prose;
pub(crate) mod example_type_name_as_value;
pub(crate) mod example_url_angle_placeholder;
pub(crate) mod example_value_type_mismatch;
pub(crate) mod example_version_mismatch;
pub(crate) mod front_matter_placeholder;
pub(crate) mod heading_without_space;
pub(crate) mod link_anchor_missing;
pub(crate) mod link_target_missing;
pub(crate) mod odata_type_legacy;
pub(crate) mod operation_merge_conflict;
pub(crate) mod prose_placeholder;
pub(crate) mod request_name_missing;
pub(crate) mod request_unpaired;
pub(crate) mod resource_undefined;
pub(crate) mod suppression_invalid;
pub(crate) mod suppression_unused;
pub(crate) mod table_cell_placeholder;
pub(crate) mod table_description_empty;
pub(crate) mod table_type_column_missing;

use serde_json::Value;

/// The byte range of a placeholder word (`TODO`, `TBD`, `FIXME`, upper case, whole word) in `text`.
pub(crate) fn placeholder(text: &str) -> Option<(usize, usize)> {
    // One memchr pass over candidate first letters: this runs on every cell and paragraph.
    let bytes = text.as_bytes();
    for s in memchr::memchr2_iter(b'T', b'F', bytes) {
        let Some(word) = ["TODO", "TBD", "FIXME"].into_iter().find(|w| bytes[s..].starts_with(w.as_bytes())) else {
            continue;
        };
        let e = s + word.len();
        let before = text[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return Some((s, e));
        }
    }
    None
}

/// Splits an example URL into its API version (`v1.0`, `beta`) and the path after it, without
/// the query string: `https://graph.microsoft.com/v1.0/me/events?$top=1` → (`v1.0`, `/me/events`).
pub(crate) fn url_parts(url: &str) -> (Option<&str>, &str) {
    let url = url.trim();
    let no_query = url.split(['?', '#']).next().unwrap_or(url);
    let after_host = match no_query.find("://") {
        Some(i) => no_query[i + 3..].find('/').map_or("", |j| &no_query[i + 3 + j..]),
        None => no_query,
    };
    let trimmed = after_host.trim_start_matches('/');
    let (first, rest) = trimmed.split_once('/').unwrap_or((trimmed, ""));
    // `V1.0` is a version too (written wrongly; `example-version-mismatch` says so).
    let is_version = first.eq_ignore_ascii_case("beta")
        || (first.starts_with(['v', 'V']) && first[1..].starts_with(|c: char| c.is_ascii_digit()));
    if is_version && rest.is_empty() {
        (Some(first), "")
    } else if is_version {
        let start = after_host.len() - rest.len();
        (Some(first), &after_host[start.saturating_sub(1)..])
    } else {
        (None, after_host)
    }
}

/// True when the URL names a host other than Microsoft Graph's (a bot callback, an upload URL).
/// Visits every (key, value) pair of a JSON value, depth first; arrays pass their parent key.
pub(crate) fn visit<'a>(value: &'a Value, key: Option<&'a str>, f: &mut impl FnMut(Option<&'a str>, &'a Value)) {
    f(key, value);
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| visit(v, Some(k), f)),
        Value::Array(items) => items.iter().for_each(|v| visit(v, key, f)),
        _ => {}
    }
}

/// An example's request and response bodies, those it has.
pub(crate) fn bodies(ex: &crate::extract::Example) -> impl Iterator<Item = &crate::extract::Body> {
    let req = ex.request.as_ref().and_then(|r| r.body.as_ref());
    let resp = ex.response.as_ref().and_then(|r| r.body.as_ref());
    [req, resp].into_iter().flatten()
}

/// The `@odata.type` an example body declares for itself, or the annotation's.
pub(crate) fn body_type<'a>(body: Option<&'a Value>, annotation: Option<&'a str>) -> Option<&'a str> {
    body.and_then(|b| b.get("@odata.type")?.as_str()).or(annotation).map(|t| t.trim_start_matches('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_parts_strip_host_version_and_query() {
        assert_eq!(url_parts("https://graph.microsoft.com/v1.0/me/events?$top=1"), (Some("v1.0"), "/me/events"));
        assert_eq!(url_parts("https://graph.microsoft.com/beta/me"), (Some("beta"), "/me"));
        assert_eq!(url_parts("/me/messages"), (None, "/me/messages"));
        assert_eq!(url_parts("https://graph.microsoft.com/v1.0"), (Some("v1.0"), ""));
    }

    #[test]
    fn placeholders_are_whole_upper_case_words() {
        assert_eq!(placeholder("**TODO: x**"), Some((2, 6)));
        assert_eq!(placeholder("todo list"), None);
        assert_eq!(placeholder("TODOS"), None);
    }
}
