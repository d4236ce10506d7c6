//! MD537: an example URL with a placeholder in angle brackets (`<id>`).

use crate::diagnostic::Sink;
use crate::lint::context::Ctx;
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;
use crate::source::Span;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a `<name>` placeholder in an example request's URL (declarations are covered by `path-irregular`).",
    why: "The convention writes placeholders in braces; `<id>` reads as HTML to Markdown renderers and is dropped from the page.",
    example: "```http\nPOST https://graph.microsoft.com/v1.0/groups/<id>/threads\n```",
    fix: "```http\nPOST https://graph.microsoft.com/v1.0/groups/{id}/threads\n```",
};

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    let text = &page.source.text;
    for ex in &page.facts.examples {
        let Some(req) = &ex.request else { continue };
        // The request line is the first line of the block that holds the URL.
        let Some(line_at) = text.get(req.loc.span.start..req.loc.span.end).and_then(|s| s.find(&req.url)) else {
            continue;
        };
        let url_start = req.loc.span.start + line_at;
        let mut from = 0;
        while let Some(i) = req.url[from..].find('<') {
            let s = from + i;
            let Some(len) = req.url[s..].find('>') else { break };
            let inner = &req.url[s + 1..s + len];
            from = s + len + 1;
            if inner.is_empty() || inner.contains(['/', ' ', '<']) {
                continue;
            }
            sink.report_help(
                code::EXAMPLE_URL_ANGLE_PLACEHOLDER,
                Span::new(url_start + s, url_start + s + len + 1),
                format!("example URL writes the placeholder `<{inner}>` in angle brackets"),
                format!("write `{{{inner}}}`"),
            );
        }
    }
}
