//! The `full` format: rustc-style findings with the source excerpt, via annotate-snippets.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diagnostic::Severity;
use crate::source::floor_char_boundary;

use super::located::Located;

/// Renders every finding; `color` turns on ANSI styling.
pub fn full(items: &[Located<'_>], color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for l in items {
        let level = match l.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::NOTE,
        };
        let title = level.primary_title(l.message.as_str()).id(l.code);
        let mut group = Group::with_title(title);
        if let Some(src) = l.source {
            let text = src.text.as_str();
            let s = floor_char_boundary(text, l.diag.span.start);
            let e = floor_char_boundary(text, l.diag.span.end.max(s));
            // Show the lines of the span only, so huge blocks stay readable.
            let first = text[..s].rfind('\n').map_or(0, |i| i + 1);
            let last_line_end = text[e..].find('\n').map_or(text.len(), |i| e + i);
            let capped_end =
                text[first..last_line_end].match_indices('\n').nth(5).map_or(last_line_end, |(i, _)| first + i);
            let e = e.min(capped_end);
            let snippet = Snippet::source(&text[first..capped_end])
                .path(l.path.as_str())
                .line_start(l.line)
                .annotation(AnnotationKind::Primary.span(s - first..e - first).label(l.name));
            group = group.element(snippet);
        }
        let mut report = vec![group];
        if let Some(help) = &l.help {
            report.push(Group::with_title(Level::HELP.secondary_title(help.as_str())));
        }
        out.push_str(&renderer.render(&report));
        out.push_str("\n\n");
    }
    out
}
