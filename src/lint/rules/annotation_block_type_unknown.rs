//! MD510: an annotation whose `blockType` the convention does not define.

use crate::diagnostic::Sink;
use crate::lint::context::{Ctx, find_in};
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;
use crate::syntax::Block;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports an annotation comment whose `blockType` is not one of `resource`, `request`, `response`, `ignored`, `example`, `samples`, `simulatedResponse`, `testParams`, `permissions` or `unknown`, or is not a string.",
    why: "A misspelt block type makes every tool of the convention skip the block: the example or resource is lost.",
    example: "<!-- { \"blockType\": \"reqest\", \"name\": \"get_user\" } -->",
    fix: "<!-- { \"blockType\": \"request\", \"name\": \"get_user\" } -->",
};

/// The block types the convention defines (ApiDoctor's `CodeBlockType`).
pub(crate) const BLOCK_TYPES: &[&str] = &[
    "resource",
    "request",
    "response",
    "ignored",
    "example",
    "samples",
    "simulatedResponse",
    "testParams",
    "permissions",
    "unknown",
];

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    for b in &page.document().blocks {
        let Block::Comment(c) = b else { continue };
        let Some(v) = c.json.as_ref().and_then(|j| j.get("blockType")) else { continue };
        let ok = v.as_str().is_some_and(|s| BLOCK_TYPES.iter().any(|t| t.eq_ignore_ascii_case(s)));
        if !ok {
            let at = find_in(&page.source.text, c.span, "blockType", 0);
            sink.report_help(
                code::ANNOTATION_BLOCK_TYPE_UNKNOWN,
                at,
                format!("unknown `blockType` {v}"),
                format!("use one of {}", BLOCK_TYPES.join(", ")),
            );
        }
    }
}
