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
    let mut walk = markdown::Walk::new(&detabbed, limits);
    let link_definitions = walk.run(from, &mut sink);
    let doc =
        Document { file: file.rel.clone(), front_matter, blocks: walk.blocks, links: walk.links, link_definitions };
    (doc, sink.diags)
}

/// Counts a GFM row's cells the way [`parse`] does (exposed for the extractor's table checks).
pub fn count_cells(line: &str) -> usize {
    markdown::count_cells(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page with its front matter blanked (every byte but newlines a space): what the
    /// Markdown parser would see if it read the whole file.
    fn blanked(text: &str) -> String {
        let end = text.match_indices("\n---\n").next().map_or(0, |(i, _)| i + 5);
        let bytes: Vec<u8> =
            text.bytes().enumerate().map(|(i, b)| if i < end && b != b'\n' { b' ' } else { b }).collect();
        String::from_utf8(bytes).expect("whole characters blanked")
    }

    #[test]
    fn markdown_after_front_matter_parses_as_if_the_front_matter_were_blank_lines() {
        let bodies = [
            "# Title\n\nText.\n",
            "    indented code right after\n\n# H\n",
            "| a | b |\n|---|---|\n| 1 | 2 |\n",
            "- item\n- item [x][ref]\n\n[ref]: https://example.com/x\n",
            "<!-- { \"blockType\": \"request\" } -->\n```http\nGET /me\n```\n",
            "",
        ];
        for body in bodies {
            let text = format!("---\ntitle: é t\n---\n{body}");
            let limits = Limits::default();
            let (doc, diags) = parse(&SourceFile::from_text("p.md", text.as_str()), &limits);
            // The blanked page has no front matter, so it only differs by that and its finding.
            let (plain, plain_diags) = parse(&SourceFile::from_text("p.md", blanked(&text)), &limits);
            assert!(doc.front_matter.is_some(), "{body:?}");
            assert_eq!(
                (doc.blocks, doc.links, doc.link_definitions),
                (plain.blocks, plain.links, plain.link_definitions),
                "{body:?}"
            );
            let other: Vec<_> =
                plain_diags.into_iter().filter(|d| d.code != codes::FRONT_MATTER_MISSING.code).collect();
            assert_eq!(diags, other, "{body:?}");
        }
    }
}
