//! MD590: a suppression comment that suppresses nothing (reported by `crate::lint::suppress`).

use crate::lint::registry::Docs;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a code named in an `mdapi-disable…` comment when no finding of that code was suppressed by it. Codes the configuration turns off are not reported.",
    why: "Stale suppressions hide the next real problem at that place; removing them keeps the suppressions honest.",
    example: "<!-- mdapi-disable-next-line MD530 -->\n```http\nGET https://graph.microsoft.com/v1.0/me\n```  (and the page declares `GET /me`)",
    fix: "Remove the directive, or the code from it.",
};
