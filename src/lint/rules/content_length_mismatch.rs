//! MD536: a `Content-Length` header that does not match the example body.

use crate::diagnostic::Sink;
use crate::extract::Body;
use crate::lint::context::{Ctx, find_in};
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;
use crate::source::Span;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports an example request or response whose `Content-Length` header differs from the length in bytes of the body as written (line ends counted as LF or as CRLF). Responses annotated `\"truncated\": true` and bodies of a binary `Content-Type` (shown as a placeholder sentence) are skipped.",
    why: "A client that copies the example sends a wrong length and the server truncates the body or waits for more.",
    example: "```http\nPOST https://graph.microsoft.com/v1.0/me/events\nContent-Length: 999\n\n{ \"subject\": \"x\" }\n```",
    fix: "Remove the header (clients compute it), or write the body's real length.",
};

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    for ex in &page.facts.examples {
        if let Some(r) = &ex.request {
            one(page, &r.headers, r.body.as_ref(), r.loc.span, sink);
        }
        // A truncated response shows less than the service sends, so its length cannot match.
        if let Some(r) = ex.response.as_ref().filter(|r| !r.truncated) {
            one(page, &r.headers, r.body.as_ref(), r.loc.span, sink);
        }
    }
}

fn one(page: &Page, headers: &[(String, String)], body: Option<&Body>, span: Span, sink: &mut Sink<'_>) {
    let Some((name, value)) = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("content-length")) else { return };
    let Ok(stated) = value.trim().parse::<usize>() else { return };
    // Binary bodies (`application/zip`, images) are shown as a placeholder sentence, not the bytes.
    let textual = headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("content-type")).all(|(_, v)| {
        let v = v.to_ascii_lowercase();
        v.contains("json") || v.contains("text") || v.contains("xml") || v.contains("x-www-form")
    });
    if !textual {
        return;
    }
    let lf = body.map_or(0, |b| b.text.trim().replace("\r\n", "\n").len());
    // Writers who computed the length on Windows counted CRLF line ends; both are right.
    let crlf = lf + body.map_or(0, |b| b.text.trim().matches('\n').count());
    let actual = lf;
    if stated != lf && stated != crlf {
        let at = find_in(&page.source.text, span, &format!("{name}:"), 0);
        sink.report_help(
            code::CONTENT_LENGTH_MISMATCH,
            at,
            format!("`Content-Length: {stated}` but the body is {actual} bytes"),
            "remove the header or state the body's length",
        );
    }
}
