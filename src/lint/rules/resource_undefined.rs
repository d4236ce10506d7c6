//! MD552: a request body or response that names a resource no page defines.

use crate::diagnostic::Sink;
use crate::extract::{TypeExpr, TypeRef};
use crate::lint::context::Ctx;
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;
use crate::source::Span;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports the resource a page's Request body or Response prose links as the body when no page of the doc set defines a resource or enum of that name and the link does not lead to a resource page. Only checked when the doc set holds resource pages at all.",
    why: "The operation's body type is unknown to the model, OpenAPI and generated clients; the link usually points to a renamed or removed page.",
    example: "## Response\n\nIf successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object.  (no resource page defines widget)",
    fix: "Link the resource that exists, or add its resource page.",
};

pub(crate) fn check(ctx: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    if !ctx.has_resources() {
        return;
    }
    let f = &page.facts;
    let body = f.request_body.as_ref().and_then(|b| Some((b.resource.as_ref()?, b.loc.span)));
    let resp = f.response.as_ref().and_then(|r| Some((r.body.as_ref()?, r.loc.span)));
    for (ty, span) in [body, resp].into_iter().flatten() {
        one(ctx, page, ty, span, sink);
    }
}

fn one(ctx: &Ctx<'_>, page: &Page, ty: &TypeRef, span: Span, sink: &mut Sink<'_>) {
    let TypeExpr::Named { name, .. } = &ty.ty else { return };
    if name.contains(char::is_whitespace) {
        return; // Prose linked from the Response section ("error responses"), not a type name.
    }
    if ctx.type_exists(name) {
        return;
    }
    // The link may name the page rather than the type (`[Range](../resources/range.md)` for
    // `workbookRange`): a link to a page that defines a resource is fine.
    let linked = ty.link.as_deref().and_then(|l| super::link_target_missing::resolve(&page.source.rel, l));
    // Case-insensitively: a link whose case is off is `link-target-missing`'s to report.
    if linked.and_then(|t| ctx.page_ignoring_case(&t)).is_some_and(|p| !p.facts.resources.is_empty()) {
        return;
    }
    // Point at the link itself when the prose has one to this type.
    let at = page
        .document()
        .links
        .iter()
        .find(|l| span.start <= l.span.start && l.span.start < span.end && l.text.eq_ignore_ascii_case(name))
        .map_or(span, |l| l.span);
    sink.report_help(
        code::RESOURCE_UNDEFINED,
        at,
        format!("resource `{name}` is not defined by any page of the doc set"),
        "link an existing resource, or add the resource page",
    );
}
