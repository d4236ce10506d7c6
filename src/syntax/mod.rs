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
    let blanked;
    let text = match &located {
        Some(loc) => {
            blanked = front_matter::blank(&file.text, loc.span);
            blanked.as_str()
        }
        None => file.text.as_str(),
    };
    if front_matter.is_none() && !file.text.trim().is_empty() {
        sink.report(codes::FRONT_MATTER_MISSING, Span::at(0), "page has no YAML front matter");
    }
    let detabbed = markdown::detab_delimiter_rows(text);
    let mut walk = markdown::Walk::new(&detabbed, limits);
    let link_definitions = walk.run(&mut sink);
    let doc =
        Document { file: file.rel.clone(), front_matter, blocks: walk.blocks, links: walk.links, link_definitions };
    (doc, sink.diags)
}

/// Counts a GFM row's cells the way [`parse`] does (exposed for the extractor's table checks).
pub fn count_cells(line: &str) -> usize {
    markdown::count_cells(line)
}
