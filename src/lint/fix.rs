//! Safe mechanical fixes: `<id>` → `{id}` placeholders (declarations and example URLs) and
//! trailing commas in annotations. A fix only rewrites delimiters: it never deletes words, so a
//! fixed page says what it said before. Edits are computed from the findings, applied when they
//! do not overlap, and the caller re-lints the result.

use crate::diagnostic::{Diagnostic, codes};

use super::registry::code;

/// A replacement of a byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// New text.
    pub text: String,
}

/// The safe edit for a finding in a file with `text`, if it has one.
pub fn edit_for(d: &Diagnostic, text: &str) -> Option<Edit> {
    let slice = text.get(d.span.start..d.span.end)?;
    let angle = (d.code == codes::PATH_IRREGULAR.code && d.message.contains("angle brackets"))
        || d.code == code::EXAMPLE_URL_ANGLE_PLACEHOLDER.code;
    if angle {
        let inner = slice.strip_prefix('<')?.strip_suffix('>')?;
        if inner.is_empty() || inner.contains(['<', '>', '{', '}', '/', ' ']) {
            return None;
        }
        return Some(Edit { start: d.span.start, end: d.span.end, text: format!("{{{inner}}}") });
    }
    if d.code == codes::ANNOTATION_JSON_REPAIRED.code && d.message.ends_with("trailing comma") && slice == "," {
        return Some(Edit { start: d.span.start, end: d.span.end, text: String::new() });
    }
    None
}

/// Applies the non-overlapping edits of `diags` to `text`; returns the new text and how many
/// edits were applied.
pub fn apply(text: &str, diags: &[&Diagnostic]) -> (String, usize) {
    let mut edits: Vec<Edit> = diags.iter().filter_map(|d| edit_for(d, text)).collect();
    edits.sort_by_key(|e| (e.start, e.end));
    edits.dedup();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let mut applied = 0;
    for e in edits {
        if e.start < pos {
            continue; // Overlaps the previous edit: the re-lint picks it up next round.
        }
        out.push_str(&text[pos..e.start]);
        out.push_str(&e.text);
        pos = e.end;
        applied += 1;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn rewrites_angle_placeholders_only() {
        let text = "POST /groups/<id>/threads/<a b>";
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            Diagnostic::new(
                codes::PATH_IRREGULAR,
                "a.md",
                Span::new(i, i + s.len()),
                "placeholder in angle brackets instead of braces",
            )
        };
        let (a, b) = (at("<id>"), at("<a b>"));
        let (out, n) = apply(text, &[&a, &b]);
        assert_eq!((out.as_str(), n), ("POST /groups/{id}/threads/<a b>", 1));
    }
}
