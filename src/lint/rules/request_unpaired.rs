//! MD214 (an extract code the extractor does not emit itself): a request example without a response.

use crate::diagnostic::{Sink, codes};
use crate::lint::context::{Ctx, find_in};
use crate::pipeline::Page;

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    for ex in &page.facts.examples {
        if let (Some(req), None) = (&ex.request, &ex.response) {
            sink.report_help(
                codes::REQUEST_UNPAIRED,
                find_in(&page.source.text, req.loc.span, &req.url, 0),
                "request example has no response example",
                "add the response the request returns",
            );
        }
    }
}
