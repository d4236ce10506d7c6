//! MD531: an example URL whose API version differs from the page's.

use std::collections::BTreeMap;

use crate::diagnostic::Sink;
use crate::lint::context::{Ctx, find_in};
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports an example request whose URL version segment (`v1.0`, `beta`) differs from the page's version: the configured `api-version` of `[lint]` when set, otherwise the version most of the page's examples use (the first one on a tie). Versions are written in lower case (`V1.0` is reported).",
    why: "An example against another version may behave differently from what the page documents; readers copy the URL as is.",
    example: "```http\nPOST https://graph.microsoft.com/beta/me/messages/{id}/attachments\n```\n…\n```http\nPOST https://graph.microsoft.com/v1.0/me/events/{id}/attachments\n```",
    fix: "Use the page's version in every example URL.",
};

pub(crate) fn check(ctx: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    let versions: Vec<(&str, &crate::extract::ExampleRequest)> = page
        .facts
        .examples
        .iter()
        .filter_map(|e| e.request.as_ref())
        .filter_map(|r| super::url_parts(&r.url).0.map(|v| (v, r)))
        .collect();
    let expected = match ctx.api_version {
        Some(v) => v,
        None => {
            let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
            for (i, (v, _)) in versions.iter().enumerate() {
                counts.entry(v).or_insert((0, i)).0 += 1;
            }
            // Most used; on a tie the one that appears first.
            match counts.into_iter().max_by_key(|(_, (n, first))| (*n, usize::MAX - first)) {
                Some((v, _)) => v,
                None => return,
            }
        }
    };
    for (v, req) in versions {
        // `V1.0` is not the version's name even when every example writes it so.
        let expected = if expected.eq_ignore_ascii_case(v) { &*expected.to_ascii_lowercase() } else { expected };
        if v != expected {
            let at = find_in(&page.source.text, req.loc.span, &format!("/{v}/"), 0);
            sink.report_help(
                code::EXAMPLE_VERSION_MISMATCH,
                at,
                format!("example uses API version `{v}`; the page's is `{expected}`"),
                format!("write `/{expected}/` in the URL"),
            );
        }
    }
}
