//! MD114 (a syntax code the parser does not emit itself): `##Heading` with no space after the marks.

use crate::diagnostic::{Sink, codes};
use crate::lint::context::Ctx;
use crate::pipeline::Page;
use crate::source::Span;
use crate::syntax::Block;

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    let text = &page.source.text;
    for b in &page.document().blocks {
        // The parser repairs `##Heading` into a heading; the source still lacks the space.
        if let Block::Heading(h) = b {
            let line = text.get(h.span.start..h.span.end).unwrap_or("");
            let marks = line.bytes().take_while(|&c| c == b'#').count();
            if (1..=6).contains(&marks) && line.as_bytes().get(marks).is_some_and(u8::is_ascii_alphabetic) {
                sink.report_help(
                    codes::HEADING_WITHOUT_SPACE,
                    Span::new(h.span.start, h.span.start + line.trim_end().len()),
                    "heading has no space after its `#` marks; CommonMark reads it as a paragraph",
                    "put a space after the `#` marks",
                );
            }
            continue;
        }
        let Block::Paragraph(p) = b else { continue };
        if memchr::memchr(b'#', text.get(p.span.start..p.span.end).unwrap_or("").as_bytes()).is_none() {
            continue;
        }
        // Every line of the paragraph: a `##Heading` line is swallowed into the paragraph above it.
        let mut start = p.span.start;
        for line in text[p.span.start..p.span.end.min(text.len())].split_inclusive('\n') {
            let marks = line.bytes().take_while(|&c| c == b'#').count();
            let next = line.as_bytes().get(marks).copied();
            if (1..=6).contains(&marks) && next.is_some_and(|c| c.is_ascii_alphabetic()) {
                let end = start + line.trim_end().len();
                sink.report_help(
                    codes::HEADING_WITHOUT_SPACE,
                    Span::new(start, end),
                    "heading has no space after its `#` marks, so it is read as a paragraph",
                    "put a space after the `#` marks",
                );
            }
            start += line.len();
        }
    }
}
