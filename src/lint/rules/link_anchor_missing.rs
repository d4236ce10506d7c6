//! MD551: a link's `#anchor` that matches no heading of its target.

use crate::diagnostic::Sink;
use crate::lint::context::Ctx;
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;

use super::link_target_missing::resolve;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a link with a `#anchor` (to the same page, or to a page of the doc set) when the anchor is neither a heading slug of the target (GitHub/DocFX style, `-1` suffixes for repeated headings) nor an explicit `name=`/`id=` anchor. DocFX tab anchors (`#tab/…`) are not checked.",
    why: "The link lands at the top of the page instead of the section, or on nothing when the heading was renamed.",
    example: "See [the values](#sensitivity-value) below.\n\n### sensitivity values",
    fix: "See [the values](#sensitivity-values) below.",
};

pub(crate) fn check(ctx: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    for link in &page.document().links {
        let Some((path, anchor)) = link.dest.split_once('#') else { continue };
        if anchor.is_empty() || anchor.starts_with("tab/") || path.contains("://") {
            continue;
        }
        let anchors = if path.is_empty() {
            ctx.anchors(&page.source.rel)
        } else {
            match resolve(&page.source.rel, path) {
                Some(target) => ctx.anchors(&target),
                None => continue,
            }
        };
        let Some(anchors) = anchors else { continue }; // A missing file is MD550's.
        if !anchors.contains(&anchor.to_ascii_lowercase()) {
            sink.report_help(
                code::LINK_ANCHOR_MISSING,
                link.span,
                format!(
                    "anchor `#{anchor}` matches no heading of `{}`",
                    if path.is_empty() { "this page" } else { path }
                ),
                "link to an existing heading",
            );
        }
    }
}
