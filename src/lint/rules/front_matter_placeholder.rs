//! MD501: placeholder text (`TODO`) or an empty value in a front-matter field.

use crate::diagnostic::Sink;
use crate::lint::context::{Ctx, find_in};
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a front-matter field whose value holds `TODO`, `TBD` or `FIXME`, and a `title` or `description` that is empty.",
    why: "Front matter feeds the published page's title, description and ownership; a template left unfilled ships as is.",
    example: "---\ntitle: \"Create attachments\"\nauthor: \"**TODO: Provide Github Name**\"\n---",
    fix: "---\ntitle: \"Create attachments\"\nauthor: \"jdoe\"\n---",
};

/// Fields that must not be empty when present.
const REQUIRED: &[&str] = &["title", "description"];

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    let Some(fm) = &page.document().front_matter else { return };
    let text = &page.source.text;
    for (key, value) in &fm.fields {
        let key_at = || find_in(text, fm.span, &format!("{key}:"), 0);
        if let Some((s, e)) = super::placeholder(value) {
            let span = find_in(text, fm.span, &value[s..e], key_at().start);
            sink.report_help(
                code::FRONT_MATTER_PLACEHOLDER,
                span,
                format!("front-matter field `{key}` holds placeholder text"),
                "fill in the field or remove it",
            );
        } else if value.trim().is_empty() && REQUIRED.contains(&key.as_str()) {
            sink.report(code::FRONT_MATTER_PLACEHOLDER, key_at(), format!("front-matter field `{key}` is empty"));
        }
    }
}
