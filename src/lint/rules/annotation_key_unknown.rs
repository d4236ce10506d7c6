//! MD511: an annotation key the convention does not define (usually a misspelling).

use crate::diagnostic::Sink;
use crate::lint::context::{Ctx, find_in};
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;
use crate::syntax::Block;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a key of a block annotation (one with `blockType`) or of a page annotation (`\"type\": \"#page.annotation\"`) that the convention does not define.",
    why: "Tools ignore unknown keys, so a misspelt key (`scope` for `scopes`, `istruncated`) silently has no effect.",
    example: "<!-- { \"blockType\": \"request\", \"name\": \"get_user\", \"scope\": \"User.Read\" } -->",
    fix: "<!-- { \"blockType\": \"request\", \"name\": \"get_user\", \"scopes\": \"User.Read\" } -->",
};

/// Keys of block annotations (ApiDoctor's `CodeBlockAnnotation`).
const BLOCK_KEYS: &[&str] = &[
    "blockType",
    "@odata.type",
    "@type",
    "@type.aka",
    "name",
    "truncated",
    "isCollection",
    "collectionProperty",
    "isEmpty",
    "expectError",
    "optionalProperties",
    "nullableProperties",
    "keyProperty",
    "baseType",
    "abstract",
    "openType",
    "isMediaEntity",
    "isComposable",
    "idempotent",
    "opaqueUrl",
    "sampleKeys",
    "target",
    "scopes",
    "apiVersions",
    "tags",
    "@odata.annotations",
    "requestUrls",
    "mergePermissions",
    "longRunningResponseType",
];

/// Keys of page annotations (ApiDoctor's `PageAnnotation`).
const PAGE_KEYS: &[&str] = &[
    "type",
    "title",
    "description",
    "keywords",
    "section",
    "tocPath",
    "tocIndex",
    "tocBookmarks",
    "canonicalUrl",
    "headerAdditions",
    "footerAdditions",
    "suppressions",
    "namespace",
];

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    for b in &page.document().blocks {
        let Block::Comment(c) = b else { continue };
        let Some(json) = &c.json else { continue };
        let is_page =
            json.get("type").and_then(|t| t.as_str()).is_some_and(|t| t.eq_ignore_ascii_case("#page.annotation"));
        let known = match (json.contains_key("blockType"), is_page) {
            (true, _) => BLOCK_KEYS,
            (false, true) => PAGE_KEYS,
            (false, false) => continue,
        };
        for key in json.keys() {
            if !known.contains(&key.as_str()) {
                let at = find_in(&page.source.text, c.span, &format!("\"{key}\""), 0);
                sink.report(code::ANNOTATION_KEY_UNKNOWN, at, format!("unknown annotation key `{key}`"));
            }
        }
    }
}
