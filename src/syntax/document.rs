//! The syntax stage's output: one page's Markdown as a flat list of spanned blocks.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::source::Span;

/// One parsed page: front matter, blocks in document order, links and link definitions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Path relative to the docs root.
    pub file: String,
    /// The YAML front matter, when the page opens with one.
    pub front_matter: Option<FrontMatter>,
    /// Headings, tab markers, comments, code blocks, tables and paragraphs, in source order.
    /// Lists and block quotes are flattened: their paragraphs and code blocks appear here.
    pub blocks: Vec<Block>,
    /// Inline links, in source order.
    pub links: Vec<Link>,
    /// Reference-style link definitions: lower-cased label → destination.
    pub link_definitions: BTreeMap<String, String>,
}

/// YAML front matter at byte 0.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrontMatter {
    /// From the opening `---` to the end of the closing delimiter line.
    pub span: Span,
    /// Top-level scalar fields, values as strings (quotes removed).
    pub fields: BTreeMap<String, String>,
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// An ATX or setext heading.
    Heading(Heading),
    /// A DocFX tab marker (`# [HTTP](#tab/http)`): a heading to CommonMark, not a section here.
    TabMarker(TabMarker),
    /// An HTML comment, with its JSON when it holds one.
    Comment(Comment),
    /// A fenced or indented code block.
    Code(CodeBlock),
    /// A GFM table.
    Table(Table),
    /// A paragraph (also inside list items and block quotes).
    Paragraph(Paragraph),
}

impl Block {
    /// The block's span.
    pub fn span(&self) -> Span {
        match self {
            Block::Heading(b) => b.span,
            Block::TabMarker(b) => b.span,
            Block::Comment(b) => b.span,
            Block::Code(b) => b.span,
            Block::Table(b) => b.span,
            Block::Paragraph(b) => b.span,
        }
    }
}

/// A heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Plain text (markup removed, whitespace trimmed).
    pub text: String,
    /// The heading line(s).
    pub span: Span,
}

/// A DocFX tab marker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TabMarker {
    /// The tab's label (`HTTP`, `C#`).
    pub label: String,
    /// The marker line.
    pub span: Span,
}

/// An HTML comment starting a line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    /// The text between `<!--` and `-->`.
    pub body: String,
    /// From `<!--` to the end of `-->`.
    pub span: Span,
    /// Where `body` starts in the file.
    pub body_start: usize,
    /// The JSON object the body holds, when it starts with `{` and could be read.
    pub json: Option<serde_json::Map<String, serde_json::Value>>,
    /// True when the JSON needed repairs to be read.
    pub json_repaired: bool,
}

/// A code block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeBlock {
    /// The info string, trimmed (`http`, `json`, empty).
    pub info: String,
    /// True for fenced blocks.
    pub fenced: bool,
    /// The content, with container indentation removed.
    pub text: String,
    /// The whole block, fences included.
    pub span: Span,
    /// Maps content offsets to file offsets: `(offset in text, offset in file)` per contiguous piece.
    #[serde(skip)]
    pub pieces: Vec<(usize, usize)>,
}

impl CodeBlock {
    /// The file offset of byte `offset` of [`CodeBlock::text`].
    pub fn file_offset(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|&(t, _)| t <= offset);
        match i {
            0 => self.span.start,
            _ => {
                let (t, f) = self.pieces[i - 1];
                f + (offset - t)
            }
        }
    }

    /// The file span of `text[start..end]`.
    pub fn file_span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file_offset(start), self.file_offset(end))
    }
}

/// A GFM table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// All of the table's lines.
    pub span: Span,
    /// Header cells.
    pub header: Vec<Cell>,
    /// Body rows.
    pub rows: Vec<Row>,
}

/// A table body row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The row's line.
    pub span: Span,
    /// Cells as GFM reads them (padded or cut to the header's width).
    pub cells: Vec<Cell>,
    /// How many cells the line itself holds, when that differs from the header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written_cells: Option<usize>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The cell's Markdown source, trimmed.
    pub raw: String,
    /// Plain text: markup removed, entities decoded, whitespace trimmed.
    pub text: String,
    /// The cell's bytes.
    pub span: Span,
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Plain text, soft breaks as spaces.
    pub text: String,
    /// Inline code spans, in order.
    pub code_spans: Vec<String>,
    /// The paragraph's bytes.
    pub span: Span,
}

/// An inline link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// Link text.
    pub text: String,
    /// Destination as written (reference links resolved).
    pub dest: String,
    /// The link's bytes.
    pub span: Span,
}
