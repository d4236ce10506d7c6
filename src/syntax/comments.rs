//! HTML comments in HTML blocks, and the JSON annotations some of them hold.

use crate::diagnostic::{Sink, codes};
use crate::source::Span;

use super::document::Comment;
use super::lenient_json;

/// Finds the comments in one HTML block (`block` is its source text, starting at file offset
/// `offset`). A comment that never closes runs to the end of the block, as CommonMark reads it.
pub(crate) fn comments_in_block(block: &str, offset: usize, max_depth: usize, sink: &mut Sink<'_>) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(open) = block[pos..].find("<!--").map(|i| pos + i) {
        let body_start = open + 4;
        let (body_end, end) = match block[body_start..].find("-->") {
            Some(i) => (body_start + i, body_start + i + 3),
            None => {
                sink.report_help(
                    codes::COMMENT_UNCLOSED,
                    Span::new(offset + open, offset + body_start),
                    "HTML comment is never closed: everything after it is hidden",
                    "close the comment with `-->`",
                );
                (block.len(), block.len())
            }
        };
        let body = &block[body_start..body_end];
        out.push(read_comment(body, Span::new(offset + open, offset + end), offset + body_start, max_depth, sink));
        pos = end;
    }
    out
}

fn read_comment(body: &str, span: Span, body_start: usize, max_depth: usize, sink: &mut Sink<'_>) -> Comment {
    let mut comment = Comment { body: body.to_string(), span, body_start, json: None, json_repaired: false };
    let lead = body.len() - body.trim_start().len();
    if !body[lead..].starts_with('{') {
        return comment;
    }
    let json_text = body.trim_end();
    let parsed = lenient_json::parse_with(json_text, &lenient_json::Limits { max_depth });
    for repair in &parsed.repairs {
        let at = Span::new(body_start + repair.start, body_start + repair.end);
        sink.report_help(
            codes::ANNOTATION_JSON_REPAIRED,
            at,
            format!("annotation is not strict JSON: {}", repair.kind.describe()),
            "annotations must be strict JSON: tools other than mdapi read them too",
        );
    }
    comment.json_repaired = !parsed.repairs.is_empty();
    match (parsed.value, parsed.error) {
        (Some(serde_json::Value::Object(map)), _) => comment.json = Some(map),
        (Some(_), _) => sink.report(codes::ANNOTATION_JSON_INVALID, span, "annotation JSON is not an object"),
        (None, Some(err)) => {
            let at = body_start + err.offset.min(json_text.len());
            sink.report(
                codes::ANNOTATION_JSON_INVALID,
                Span::new(at, at),
                format!("annotation is not JSON: {}", err.message),
            );
        }
        (None, None) => sink.report(codes::ANNOTATION_JSON_INVALID, span, "annotation is not JSON"),
    }
    comment
}
