//! MD591: a suppression comment with no code, an unknown code or an unknown directive.

use crate::lint::registry::Docs;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports an `mdapi-…` comment that is not `mdapi-disable`, `mdapi-enable`, `mdapi-disable-next-line` or `mdapi-disable-file`, that names no code, or that names something that is not a rule code, code prefix or rule name.",
    why: "Blanket suppression hides every future problem; a misspelt code suppresses nothing.",
    example: "<!-- mdapi-disable-next-line -->",
    fix: "<!-- mdapi-disable-next-line MD530 -->",
};
