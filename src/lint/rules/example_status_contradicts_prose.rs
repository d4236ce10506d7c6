//! MD532: an example's success status that the Response section does not state.

use crate::diagnostic::Sink;
use crate::lint::context::{Ctx, find_in};
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports an example response with a success status (2xx) when the Response section states success statuses and this is not one of them.",
    why: "Readers and generators cannot tell which status a successful call returns; one of the two is wrong.",
    example: "## Response\nIf successful, this method returns `201 Created`.\n…\n```http\nHTTP/1.1 200 OK\n```",
    fix: "Make the example and the prose state the same status.",
};

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    let Some(resp) = &page.facts.response else { return };
    let stated: Vec<u16> = resp.statuses.iter().copied().filter(|s| (200..300).contains(s)).collect();
    if stated.is_empty() {
        return;
    }
    let list = stated.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
    for ex in &page.facts.examples {
        let Some(r) = &ex.response else { continue };
        let Some(status) = r.status else { continue };
        if (200..300).contains(&status) && !stated.contains(&status) {
            let at = find_in(&page.source.text, r.loc.span, &status.to_string(), 0);
            sink.report_help(
                code::EXAMPLE_STATUS_CONTRADICTS_PROSE,
                at,
                format!("example response has status {status}, but the Response section states {list}"),
                "make the example and the Response section agree",
            );
        }
    }
}
