//! MD502: placeholder text in a table cell (permission cells are `MD226`'s).

use crate::diagnostic::Sink;
use crate::extract::TableKind;
use crate::lint::context::Ctx;
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;
use crate::source::Span;
use crate::syntax::Block;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a table cell that holds `TODO`, `TBD` or `FIXME` (permission tables are covered by `permissions-undetermined`).",
    why: "A template cell left unfilled ships as documentation; readers get no description.",
    example: "|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|**TODO: Add Description**|",
    fix: "|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|The size of the attachment in bytes.|",
};

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    let permission_tables: Vec<usize> =
        page.facts.tables.iter().filter(|t| t.kind == TableKind::Permissions).map(|t| t.loc.span.start).collect();
    for b in &page.document().blocks {
        let Block::Table(t) = b else { continue };
        if permission_tables.iter().any(|&s| t.span.start <= s && s < t.span.end.max(t.span.start + 1)) {
            continue;
        }
        for row in &t.rows {
            for cell in &row.cells {
                if let Some((s, e)) = super::placeholder(&cell.raw) {
                    let start = page.source.text[cell.span.start..cell.span.end].find(&cell.raw[s..e]);
                    let span = start.map_or(cell.span, |i| Span::new(cell.span.start + i, cell.span.start + i + e - s));
                    sink.report_help(
                        code::TABLE_CELL_PLACEHOLDER,
                        span,
                        format!("table cell holds placeholder text: `{}`", cell.text),
                        "write the cell's content",
                    );
                }
            }
        }
    }
}
