//! MD503: placeholder text in a heading or paragraph.

use crate::diagnostic::Sink;
use crate::lint::context::{Ctx, find_in};
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;
use crate::syntax::Block;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a heading or paragraph holding `TODO`, `TBD` or `FIXME` as a word in upper case.",
    why: "Unfinished text ships to readers as documentation.",
    example: "## Response\n\nTODO: describe the response.",
    fix: "## Response\n\nIf successful, this method returns a `204 No Content` response code.",
};

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    for b in &page.document().blocks {
        let (text, span) = match b {
            Block::Paragraph(p) => (&p.text, p.span),
            Block::Heading(h) => (&h.text, h.span),
            _ => continue,
        };
        if let Some((s, e)) = super::placeholder(text) {
            let at = find_in(&page.source.text, span, &text[s..e], 0);
            sink.report_help(code::PROSE_PLACEHOLDER, at, "placeholder text in the page", "write the missing text");
        }
    }
}
