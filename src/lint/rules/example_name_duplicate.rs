//! MD513: one request example name used twice in the doc set.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::lint::context::{Ctx, find_in};
use crate::lint::registry::{Docs, code};

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a request example whose annotation `name` another request example of the doc set already uses (names compare case-insensitively). The first occurrence, in path order, is kept; later ones are reported.",
    why: "Names identify examples across the doc set: test runners and snippet generators key on them, and a response pairs with the request of its name.",
    example: "api/a.md: <!-- { \"blockType\": \"request\", \"name\": \"create_attachment_from_\" } -->\napi/b.md: <!-- { \"blockType\": \"request\", \"name\": \"create_attachment_from_\" } -->",
    fix: "Give each example its own name, e.g. `create_attachment_from_message` and `create_attachment_from_event`.",
};

pub(crate) fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<String, (String, usize)> = HashMap::new();
    for page in &ctx.ws.pages {
        for ex in &page.facts.examples {
            let (Some(name), Some(req)) = (&ex.name, &ex.request) else { continue };
            if !req.annotated || name.trim().is_empty() {
                continue;
            }
            let key = name.to_ascii_lowercase();
            let line = page.source.line(find_in(&page.source.text, req.loc.span, &req.url, 0).start);
            match first.get(&key) {
                Some((file, at)) => out.push(
                    Diagnostic::new(
                        code::EXAMPLE_NAME_DUPLICATE,
                        &page.source.rel,
                        find_in(&page.source.text, req.loc.span, &req.url, 0),
                        format!("example name `{name}` is already used at {file}:{at}"),
                    )
                    .with_help("give every request example a unique name"),
                ),
                None => {
                    first.insert(key, (page.source.rel.clone(), line));
                }
            }
        }
    }
}
