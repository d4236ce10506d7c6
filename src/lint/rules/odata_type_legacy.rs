//! MD553: an `@odata.type` in a legacy namespace (`Microsoft.OutlookServices.*`).

use serde_json::Value;

use crate::diagnostic::Sink;
use crate::lint::context::{Ctx, find_in};
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;
use crate::syntax::Block;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports an `@odata.type` (in an example body or an annotation) in a namespace of the pre-Graph Outlook and Exchange REST APIs: `Microsoft.OutlookServices`, `Microsoft.Exchange.Services`, `Microsoft.Office365`.",
    why: "The service rejects or ignores these type names; the Graph name is `#microsoft.graph.*`.",
    example: "{\n  \"@odata.type\": \"#Microsoft.OutlookServices.FileAttachment\",\n  \"name\": \"menu.txt\"\n}",
    fix: "{\n  \"@odata.type\": \"#microsoft.graph.fileAttachment\",\n  \"name\": \"menu.txt\"\n}",
};

const LEGACY: &[&str] = &["microsoft.outlookservices.", "microsoft.exchange.services.", "microsoft.office365."];

fn legacy(t: &str) -> bool {
    let t = t.trim_start_matches('#').to_ascii_lowercase();
    LEGACY.iter().any(|p| t.starts_with(p))
}

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    let text = &page.source.text;
    let mut report = |t: &str, span: crate::Span, from: usize| {
        let at = find_in(text, span, t, from);
        sink.report_help(
            code::ODATA_TYPE_LEGACY,
            at,
            format!("`@odata.type` `{t}` uses a legacy namespace"),
            "use the `#microsoft.graph.` type name",
        );
        at.end
    };
    for ex in &page.facts.examples {
        for body in super::bodies(ex) {
            let Some(json) = body.value() else { continue };
            let mut from = body.span.start;
            super::visit(json, None, &mut |key, v| {
                if key == Some("@odata.type")
                    && let Some(t) = v.as_str()
                    && legacy(t)
                {
                    from = report(t, body.span, from);
                }
            });
        }
    }
    for b in &page.document().blocks {
        if let Block::Comment(c) = b
            && let Some(Value::String(t)) = c.json.as_ref().and_then(|j| j.get("@odata.type"))
            && legacy(t)
        {
            report(t, c.span, c.span.start);
        }
    }
}
