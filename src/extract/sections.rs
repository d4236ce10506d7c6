//! Heading titles → section kinds, and each block's enclosing section.
//!
//! Heading levels are not reliable boundaries in these docs (2016 pages use `###` sections and
//! `#####` example parts; some pages put `### Request headers` under `## HTTP request`), so a
//! section ends at the next heading of the same or a higher level *or* at a known sibling title.

use crate::syntax::{Block, Document};

/// What a heading introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SectionKind {
    HttpRequest,
    /// An `HTTP request` heading nested in an Example: an example, unless it is the only one.
    ExampleHttpRequest,
    Permissions,
    RequestHeaders,
    RequestBody,
    Response,
    Examples,
    ExampleRequest,
    ExampleResponse,
    PathParameters,
    QueryParameters,
    FunctionParameters,
    Properties,
    Relationships,
    JsonRepresentation,
    Methods,
    Members,
    /// `### importance values`: an enum table follows.
    EnumValues,
    /// `### Prefer header values`, `## Type property values`: the documented values of one header
    /// or property.
    ValueList,
    /// A heading with no known meaning (scenario headings, See also, Remarks …).
    Other,
}

/// Classifies a heading's text on its own (context is applied by [`assign`]).
pub(crate) fn classify(title: &str) -> SectionKind {
    let t = normalize(title);
    let t = t.as_str();
    use SectionKind::*;
    if t.starts_with("http request") {
        return HttpRequest;
    }
    match t {
        "permissions" | "permission" | "prerequisites" | "prerequisite" => return Permissions,
        "request headers" | "request header" | "optional request headers" => return RequestHeaders,
        "request body" => return RequestBody,
        "response" | "responses" | "response body" | "http response" => return Response,
        "path parameters" => return PathParameters,
        "function parameters" | "parameters" => return FunctionParameters,
        "relationships" => return Relationships,
        "json representation" => return JsonRepresentation,
        "methods" => return Methods,
        "members" => return Members,
        _ => {}
    }
    if t.starts_with("permissions ") {
        Permissions
    } else if t.starts_with("example") {
        Examples
    } else if t == "request" || starts_numbered(t, "request") {
        ExampleRequest
    } else if starts_numbered(t, "response") || t.starts_with("response for ") {
        ExampleResponse
    } else if t.ends_with("query parameters") {
        QueryParameters
    } else if t.starts_with("properties") {
        Properties
    } else if t.ends_with(" values") && !t[..t.len() - 7].contains(' ') {
        EnumValues
    } else if t.ends_with(" values") {
        ValueList
    } else {
        Other
    }
}

/// `response 2`, `response:` …
fn starts_numbered(t: &str, word: &str) -> bool {
    t.strip_prefix(word).is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Lower case, emphasis and trailing punctuation removed, a leading `1.` numbering dropped.
fn normalize(title: &str) -> String {
    let t = title.trim().trim_matches(['*', '_', '`']).trim_end_matches([':', '.']).trim();
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches(['.', ')']).trim_start();
    t.to_ascii_lowercase()
}

/// The enum name of an `x values` heading.
pub(crate) fn enum_values_name(title: &str) -> &str {
    let t = title.trim();
    let cut = t.len().saturating_sub(" values".len());
    if t.is_char_boundary(cut) { t[..cut].trim() } else { t }
}

/// An open heading.
#[derive(Debug, Clone, Copy)]
struct Open {
    level: u8,
    kind: SectionKind,
    block: usize,
}

/// Each block's context: its innermost known section and whether it sits in an Example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Context {
    /// Innermost section with a known kind ([`SectionKind::Other`] when none).
    pub kind: SectionKind,
    /// Index of that section's heading block, if any.
    pub heading: Option<usize>,
    /// Inside an Example(s) section.
    pub in_example: bool,
    /// Before the first Example(s) heading of the page.
    pub before_examples: bool,
}

/// Computes every block's context (one entry per block; headings get their own section).
pub(crate) fn assign(doc: &Document) -> Vec<Context> {
    let mut stack: Vec<Open> = Vec::new();
    let mut out = Vec::with_capacity(doc.blocks.len());
    let mut seen_examples = false;
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Block::Heading(h) = block {
            let mut kind = classify(&h.text);
            while stack.last().is_some_and(|o| o.level >= h.level) {
                stack.pop();
            }
            if ends_http_request(kind)
                && let Some(pos) = stack.iter().position(|o| o.kind == SectionKind::HttpRequest)
            {
                stack.truncate(pos);
            }
            let in_example = stack.iter().any(|o| o.kind == SectionKind::Examples);
            kind = in_context(kind, in_example);
            if kind == SectionKind::Examples && h.level <= 3 {
                seen_examples = true;
            }
            stack.push(Open { level: h.level, kind, block: i });
        }
        let known = stack.iter().rev().find(|o| o.kind != SectionKind::Other);
        out.push(Context {
            kind: known.map_or(SectionKind::Other, |o| o.kind),
            heading: known.map(|o| o.block),
            in_example: stack.iter().any(|o| matches!(o.kind, SectionKind::Examples | SectionKind::ExampleHttpRequest)),
            before_examples: !seen_examples,
        });
    }
    out
}

/// Titles that close an open HTTP-request section even when written at a deeper level.
fn ends_http_request(kind: SectionKind) -> bool {
    use SectionKind::*;
    matches!(
        kind,
        Permissions
            | RequestHeaders
            | RequestBody
            | Response
            | Examples
            | ExampleRequest
            | ExampleResponse
            | QueryParameters
            | PathParameters
            | FunctionParameters
    )
}

/// Inside an Example, `Response` means the example's response and `HTTP request` an example.
fn in_context(kind: SectionKind, in_example: bool) -> SectionKind {
    match (kind, in_example) {
        (SectionKind::Response, true) => SectionKind::ExampleResponse,
        (SectionKind::HttpRequest, true) => SectionKind::ExampleHttpRequest,
        (k, _) => k,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionKind::*;

    #[test]
    fn classifies_heading_variants() {
        assert_eq!(classify("HTTP Request"), HttpRequest);
        assert_eq!(classify("HTTP request (to upload a new file)"), HttpRequest);
        assert_eq!(classify("Prerequisites"), Permissions);
        assert_eq!(classify("Permissions acting on self"), Permissions);
        assert_eq!(classify("Optional OData query parameters"), QueryParameters);
        assert_eq!(classify("Example 2: Get a message"), Examples);
        assert_eq!(classify("Request 2"), ExampleRequest);
        assert_eq!(classify("Response 5"), ExampleResponse);
        assert_eq!(classify("importance values"), EnumValues);
        assert_eq!(classify("Prefer header values"), ValueList);
        assert_eq!(classify("Get children of a special folder"), Other);
        assert_eq!(classify("**Request body**"), RequestBody);
        assert_eq!(enum_values_name("calendarRoleType values "), "calendarRoleType");
    }
}
