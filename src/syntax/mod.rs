//! Syntax stage: one page's Markdown → [`Document`] (front matter, headings, annotation comments,
//! code blocks, tables, paragraphs and links, all with byte spans). Knows Markdown, not APIs.

mod comments;
pub mod document;
mod front_matter;
pub mod lenient_json;
mod markdown;

pub use document::*;

use crate::diagnostic::{Diagnostic, Sink, codes};
use crate::source::{Limits, SourceFile, Span};

/// Parses one file. Problems in the page become diagnostics; this never fails.
pub fn parse(file: &SourceFile, limits: &Limits) -> (Document, Vec<Diagnostic>) {
    let mut sink = Sink::new(&file.rel);
    let located = front_matter::locate(&file.text, &mut sink);
    let front_matter = located.as_ref().map(|loc| front_matter::read(&file.text, loc, &mut sink));
    if front_matter.is_none() && !file.text.trim().is_empty() {
        sink.report(codes::FRONT_MATTER_MISSING, Span::at(0), "page has no YAML front matter");
    }
    let detabbed = markdown::detab_delimiter_rows(&file.text);
    // The Markdown starts after the front matter: parsed from there, with every offset kept
    // relative to the file.
    let from = located.as_ref().map_or(0, |loc| loc.span.end);
    let mut walk = markdown::Walk::new(&detabbed, from, limits);
    let link_definitions = walk.run(&mut sink);
    let doc =
        Document { file: file.rel.clone(), front_matter, blocks: walk.blocks, links: walk.links, link_definitions };
    (doc, sink.diags)
}

/// Counts a GFM row's cells the way [`parse`] does (exposed for the extractor's table checks).
pub fn count_cells(line: &str) -> usize {
    markdown::count_cells(line)
}
