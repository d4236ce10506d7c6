//! MD530: an example request whose method and path match no operation the page declares.

use crate::diagnostic::Sink;
use crate::lint::context::{Ctx, find_in};
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports an example request whose method and path (after the host and version) match none (URLs on hosts other than Microsoft Graph's are skipped) of the `METHOD /path` lines of the page's HTTP-request section. A declared `{placeholder}` segment matches any example segment; other segments compare case-insensitively.",
    why: "Either the declaration is incomplete (an operation is undocumented) or the example calls something else than the page documents (seed 000 declares `…/attachments/$ref` but its example posts to `…/attachments`).",
    example: "## HTTP request\n```http\nPOST /me/messages/{id}/attachments\n```\n…\n```http\nPOST https://graph.microsoft.com/v1.0/me/events/{id}/attachments\n```",
    fix: "Declare the operation the example calls, or make the example call a declared operation.",
};

pub(crate) fn check(ctx: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    let ops = &page.facts.operations;
    if ops.is_empty() {
        return; // MD201/MD202 already say the page declares nothing.
    }
    for ex in &page.facts.examples {
        let Some(req) = &ex.request else { continue };
        if ctx.is_foreign_host(&req.url) {
            continue; // A callback to the app or an upload URL: not an operation of this API.
        }
        let (_, path) = super::url_parts(&req.url);
        if !path.starts_with('/') {
            continue; // Not a service URL (an upload URL on another host, a relative note).
        }
        let matched = ops.iter().any(|op| op.method == req.method && matches(&op.path, path));
        if !matched {
            sink.report_help(
                code::EXAMPLE_OPERATION_UNDECLARED,
                find_in(&page.source.text, req.loc.span, &req.url, 0),
                format!("example request `{} {path}` matches no operation declared on this page", req.method),
                "declare the operation in the HTTP request section, or fix the example's path",
            );
        }
    }
}

/// True when an example path fits a declared path template.
pub(crate) fn matches(declared: &str, example: &str) -> bool {
    let d: Vec<&str> = declared.trim_matches('/').split('/').collect();
    let e: Vec<&str> = example.trim_matches('/').split('/').collect();
    d.len() == e.len() && d.iter().zip(&e).all(|(d, e)| segment_matches(d, e))
}

fn segment_matches(declared: &str, example: &str) -> bool {
    if declared.eq_ignore_ascii_case(example) || declared.starts_with('{') {
        return true;
    }
    if example.starts_with(['{', '<']) {
        return declared.contains('{');
    }
    // `range(address='{address}')` against `range(address='A1:B2')`: the name before the parenthesis decides.
    match (declared.find(['(', '{']), example.find('(')) {
        (Some(i), Some(j)) => declared[..i].eq_ignore_ascii_case(&example[..j]),
        (Some(i), None) => {
            declared[i..].starts_with('{') && example.len() >= i && declared[..i].eq_ignore_ascii_case(&example[..i])
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_match_any_segment() {
        assert!(super::matches("/me/messages/{message-id}", "/me/messages/AAMkAD=="));
        assert!(super::matches("/workbook/range(address='{address}')", "/workbook/range(address='A1')"));
        assert!(!super::matches("/me/messages/{id}/attachments/$ref", "/me/messages/{id}/attachments"));
        assert!(!super::matches("/me/messages", "/me/events"));
    }
}
