//! MD214 (an extract code checked here, where the doc set's own host is known): a request example without a response.

use crate::diagnostic::{Sink, codes};
use crate::extract::PageKind;
use crate::lint::context::{Ctx, find_in};
use crate::pipeline::Page;

pub(crate) fn check(ctx: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    // Resource and concept pages show requests to illustrate addressing, not calls.
    if page.facts.kind != PageKind::Api {
        return;
    }
    for ex in &page.facts.examples {
        if let (Some(req), None) = (&ex.request, &ex.response) {
            if !req.annotated {
                continue; // A request line shown to illustrate a URL, not an example call.
            }
            if ctx.is_foreign_host(&req.url) {
                continue; // A notification sent to the app: the app's reply is not the API's to document.
            }
            sink.report_help(
                codes::REQUEST_UNPAIRED,
                find_in(&page.source.text, req.loc.span, &req.url, 0),
                "request example has no response example",
                "add the response the request returns",
            );
        }
    }
}
