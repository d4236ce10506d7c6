//! MD512: a request annotation without a `name`.

use crate::diagnostic::Sink;
use crate::lint::context::Ctx;
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;
use crate::syntax::Block;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a `\"blockType\": \"request\"` annotation with no `name` (or an empty one).",
    why: "The name pairs a request with its response and identifies the example to test runners and snippet generators.",
    example: "<!-- { \"blockType\": \"request\" } -->\n```http\nGET /me\n```",
    fix: "<!-- { \"blockType\": \"request\", \"name\": \"get_me\" } -->\n```http\nGET /me\n```",
};

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    for b in &page.document().blocks {
        let Block::Comment(c) = b else { continue };
        let Some(json) = &c.json else { continue };
        if json.get("blockType").and_then(|v| v.as_str()) != Some("request") {
            continue;
        }
        let named = match json.get("name") {
            Some(serde_json::Value::String(s)) => !s.trim().is_empty(),
            Some(serde_json::Value::Array(a)) => !a.is_empty(),
            _ => false,
        };
        if !named {
            sink.report_help(
                code::REQUEST_NAME_MISSING,
                c.span,
                "request annotation has no `name`",
                "add a unique `\"name\": \"verb_resource\"`",
            );
        }
    }
}
