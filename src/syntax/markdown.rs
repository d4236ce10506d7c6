//! The Markdown walk: pulldown-cmark's offset iterator folded into a flat list of spanned blocks.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::diagnostic::{Sink, codes};
use crate::source::{Limits, Span};

use super::comments::comments_in_block;
use super::document::{Block, Cell, CodeBlock, Heading, Link, Paragraph, Row, TabMarker, Table};

/// The one place that chooses pulldown-cmark's options. The metadata-block option stays off
/// (see `front_matter`).
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
}

/// Replaces tabs in table delimiter rows (`| --- \t|---|`) with spaces. GitHub and the docs site
/// accept such rows; pulldown-cmark does not, and would lose the whole table. One byte for one
/// byte, so every span still points into the original file.
pub(crate) fn detab_delimiter_rows(text: &str) -> std::borrow::Cow<'_, str> {
    let is_delimiter = |line: &str| {
        line.contains('\t')
            && line.contains('-')
            && line.contains('|')
            && line.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t' | b'\r'))
    };
    if memchr::memchr(b'\t', text.as_bytes()).is_none() || !text.split('\n').any(is_delimiter) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if is_delimiter(line.trim_end_matches('\n')) {
            out.push_str(&line.replace('\t', " "));
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Inline content being collected for the block that owns it. One buffer serves every block of
/// the page: each block's text is copied out at its end, trimmed, into a string of its own size.
/// It is left empty between blocks, since a link opened before its block's first text (in a
/// tight list item) takes the buffer's length as where its text starts.
#[derive(Default)]
struct Inline {
    start: usize,
    end: usize,
    text: String,
    code_spans: Vec<String>,
}

impl Inline {
    /// Starts collecting for the source range `start..end`.
    fn reset(&mut self, start: usize, end: usize) {
        self.start = start;
        self.end = end;
        self.text.clear();
        self.code_spans.clear();
    }

    /// The text collected, trimmed, in a string of its own; the buffer is left empty.
    fn take_text(&mut self) -> String {
        let text = self.text.trim().to_string();
        self.text.clear();
        text
    }

    fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

enum Owner {
    None,
    Paragraph,
    ImplicitParagraph,
    Heading(u8),
    Cell,
}

/// Walks the Markdown of a page's `text` into blocks, links and link definitions.
pub(crate) struct Walk<'a> {
    text: &'a str,
    limits: &'a Limits,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    owner: Owner,
    inline: Inline,
    open_links: Vec<(String, usize, usize)>,
    code: Option<CodeBlock>,
    html_start: Option<usize>,
    table: Option<Table>,
    row: Option<Row>,
    in_head: bool,
    depth: usize,
    depth_reported: bool,
}

impl<'a> Walk<'a> {
    pub(crate) fn new(text: &'a str, limits: &'a Limits) -> Walk<'a> {
        Walk {
            text,
            limits,
            blocks: Vec::new(),
            links: Vec::new(),
            owner: Owner::None,
            inline: Inline::default(),
            open_links: Vec::new(),
            code: None,
            html_start: None,
            table: None,
            row: None,
            in_head: false,
            depth: 0,
            depth_reported: false,
        }
    }

    /// Runs the walk over the Markdown from byte `from` (the end of the front matter), every
    /// offset kept relative to the whole text; returns the link definitions.
    pub(crate) fn run(&mut self, from: usize, sink: &mut Sink<'_>) -> std::collections::BTreeMap<String, String> {
        // Blank lines before the Markdown would not change how it parses, so starting after the
        // front matter reads it as a parser that sees the front matter as blank lines would.
        let from = from.min(self.text.len());
        let parser = Parser::new_ext(&self.text[from..], options());
        let defs = parser.reference_definitions().iter().map(|(k, v)| (k.to_lowercase(), v.dest.to_string())).collect();
        for (event, range) in parser.into_offset_iter() {
            self.event(event, from + range.start, from + range.end, sink);
        }
        self.flush_implicit();
        defs
    }

    fn event(&mut self, event: Event<'_>, start: usize, end: usize, sink: &mut Sink<'_>) {
        match event {
            Event::Start(tag) => self.start(tag, start, end, sink),
            Event::End(tag) => self.end(tag, start, end, sink),
            Event::Text(t) => self.text(&t, start, end),
            Event::Code(t) => {
                self.ensure_inline(start, end);
                self.inline.text.push_str(&t);
                self.inline.code_spans.push(t.into_string());
            }
            Event::InlineHtml(h) | Event::Html(h)
                if self.html_start.is_none()
                // `<br>` and friends separate words; other inline HTML is dropped from plain text.
                && !matches!(self.owner, Owner::None) && is_br(&h) =>
            {
                self.inline.text.push(' ');
            }
            Event::SoftBreak | Event::HardBreak if !matches!(self.owner, Owner::None) => {
                self.inline.text.push(' ');
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str, start: usize, end: usize) {
        if let Some(code) = &mut self.code {
            code.pieces.push((code.text.len(), start));
            code.text.push_str(t);
            return;
        }
        if self.html_start.is_some() {
            return;
        }
        self.ensure_inline(start, end);
        self.inline.text.push_str(t);
    }

    /// Tight list items carry text without a paragraph: collect it as an implicit one.
    fn ensure_inline(&mut self, start: usize, end: usize) {
        if matches!(self.owner, Owner::None) {
            self.owner = Owner::ImplicitParagraph;
            self.inline.reset(start, end);
        }
        if matches!(self.owner, Owner::ImplicitParagraph) {
            self.inline.end = self.inline.end.max(end);
        }
    }

    fn flush_implicit(&mut self) {
        if matches!(self.owner, Owner::ImplicitParagraph) {
            self.owner = Owner::None;
            self.push_paragraph();
        }
    }

    fn start(&mut self, tag: Tag<'_>, start: usize, end: usize, sink: &mut Sink<'_>) {
        if !matches!(tag, Tag::Link { .. } | Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Image { .. }) {
            self.flush_implicit();
        }
        match tag {
            Tag::Paragraph => self.begin_inline(Owner::Paragraph, start, end),
            Tag::Heading { level, .. } => self.begin_inline(Owner::Heading(level as u8), start, end),
            Tag::TableCell => self.begin_inline(Owner::Cell, start, end),
            Tag::CodeBlock(kind) => {
                let (info, fenced) = match kind {
                    CodeBlockKind::Fenced(info) => (into_trimmed(info.into_string()), true),
                    CodeBlockKind::Indented => (String::new(), false),
                };
                let span = Span::new(start, end);
                // The code is never longer than the block's source.
                let text = String::with_capacity(end.saturating_sub(start));
                self.code = Some(CodeBlock { info, fenced, text, span, pieces: Vec::new() });
            }
            Tag::HtmlBlock => self.html_start = Some(start),
            Tag::Table(_) => {
                self.table = Some(Table { span: Span::new(start, end), header: Vec::new(), rows: Vec::new() })
            }
            Tag::TableHead => self.in_head = true,
            Tag::TableRow => {
                self.row = Some(Row { span: Span::new(start, end), cells: Vec::new(), written_cells: None })
            }
            Tag::Link { dest_url, .. } => self.open_links.push((dest_url.into_string(), start, self.inline.text.len())),
            Tag::List(_) | Tag::Item | Tag::BlockQuote(_) => {
                self.depth += 1;
                if self.depth > self.limits.max_nesting && !self.depth_reported {
                    self.depth_reported = true;
                    sink.report(
                        codes::NESTING_TOO_DEEP,
                        Span::new(start, start),
                        format!("lists or block quotes nest deeper than {} levels", self.limits.max_nesting),
                    );
                }
            }
            _ => {}
        }
    }

    fn begin_inline(&mut self, owner: Owner, start: usize, end: usize) {
        self.owner = owner;
        self.inline.reset(start, end);
    }

    fn end(&mut self, tag: TagEnd, _start: usize, end: usize, sink: &mut Sink<'_>) {
        match tag {
            TagEnd::Paragraph => {
                self.owner = Owner::None;
                self.push_paragraph();
            }
            TagEnd::Heading(_) => {
                let level = match self.owner {
                    Owner::Heading(l) => l,
                    _ => 1,
                };
                self.owner = Owner::None;
                self.push_heading(level);
            }
            TagEnd::TableCell => {
                self.owner = Owner::None;
                let span = self.inline.span();
                let raw = self.text.get(span.start..span.end).unwrap_or("").trim().to_string();
                let cell = Cell { raw, text: self.inline.take_text(), span };
                match (&mut self.row, &mut self.table) {
                    (Some(row), _) => row.cells.push(cell),
                    (None, Some(table)) if self.in_head => table.header.push(cell),
                    _ => {}
                }
            }
            TagEnd::TableHead => self.in_head = false,
            TagEnd::TableRow => {
                if let (Some(mut row), Some(table)) = (self.row.take(), &mut self.table) {
                    let line = line_at(self.text, row.span);
                    let written = count_cells(line);
                    if written != table.header.len() {
                        row.written_cells = Some(written);
                    }
                    if written > table.header.len()
                        && row.cells.len() == table.header.len()
                        && let Some(tail) = overflow_tail(line, table.header.len())
                        && let Some(cell) = row.cells.last_mut()
                    {
                        // GFM drops the cells past the header's count; they are the rest of the last
                        // cell, split by a `|` the author meant literally (often inside a code span).
                        // The row is still reported (table-row-cell-count); its text is kept.
                        cell.raw = tail.trim().to_string();
                        cell.text = plain_text(tail);
                    }
                    table.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.blocks.push(Block::Table(table));
                }
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    self.finish_code(code, sink);
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(start) = self.html_start.take() {
                    let block = &self.text[start..end.max(start)];
                    for c in comments_in_block(block, start, self.limits.max_nesting, sink) {
                        self.blocks.push(Block::Comment(c));
                    }
                }
            }
            TagEnd::Link => {
                if let Some((dest, start, at)) = self.open_links.pop() {
                    let text = self.inline.text.get(at..).unwrap_or("").trim().to_string();
                    self.links.push(Link { text, dest, span: Span::new(start, end) });
                }
            }
            TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_) => {
                self.flush_implicit();
                self.depth = self.depth.saturating_sub(1);
            }
            _ => {}
        }
    }

    fn push_paragraph(&mut self) {
        let span = self.inline.span();
        let raw = self.text.get(span.start..span.end).unwrap_or("");
        if let Some((level, title)) = heading_without_space(raw) {
            self.inline.text.clear();
            self.blocks.push(Block::Heading(Heading { level, text: title.to_string(), span }));
            return;
        }
        let text = self.inline.take_text();
        if !text.is_empty() {
            let code_spans = std::mem::take(&mut self.inline.code_spans);
            self.blocks.push(Block::Paragraph(Paragraph { text, code_spans, span }));
        }
    }

    fn push_heading(&mut self, level: u8) {
        let span = self.inline.span();
        let raw = self.text.get(span.start..span.end).unwrap_or("");
        if let Some(label) = tab_marker(raw) {
            self.inline.text.clear();
            self.blocks.push(Block::TabMarker(TabMarker { label: label.to_string(), span }));
        } else {
            let text = self.inline.take_text();
            self.blocks.push(Block::Heading(Heading { level, text, span }));
        }
    }

    fn finish_code(&mut self, code: CodeBlock, sink: &mut Sink<'_>) {
        if code.fenced && !fence_closed(self.text, code.span) {
            let open_end = self.text[code.span.start..].find('\n').map_or(code.span.end, |i| code.span.start + i);
            sink.report_help(
                codes::FENCE_UNCLOSED,
                Span::new(code.span.start, open_end),
                "code fence is never closed: it runs to the end of its container",
                "close the fence with a line of the same backticks",
            );
        }
        self.blocks.push(Block::Code(code));
    }
}

/// `s` without leading and trailing whitespace, in its own buffer (most text has none to trim).
fn into_trimmed(mut s: String) -> String {
    let end = s.trim_end().len();
    s.truncate(end);
    let lead = s.len() - s.trim_start().len();
    s.drain(..lead);
    s
}

/// The source line(s) of a span, without the trailing newline.
fn line_at(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("").trim_end_matches(['\n', '\r'])
}

/// Byte offsets of the unescaped pipes of a row line (a backslash escapes the byte after it),
/// found by jumping between pipes and backslashes: every table row of every page comes through
/// here.
fn pipes(line: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = line.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(at) = bytes.get(i..).and_then(|rest| memchr::memchr2(b'|', b'\\', rest)) {
            let at = i + at;
            if bytes[at] == b'|' {
                i = at + 1;
                return Some(at);
            }
            i = at + 2;
        }
        None
    })
}

/// The Markdown from the start of cell `columns - 1` to the end of a row line that holds more
/// cells than `columns`, when the cells past the header hold text.
fn overflow_tail(line: &str, columns: usize) -> Option<&str> {
    let line = line.trim();
    let mut bounds: Vec<usize> = pipes(line).collect();
    if line.len() > 1 && line.ends_with('|') && bounds.last() == Some(&(line.len() - 1)) {
        bounds.pop();
    }
    let lead = usize::from(line.starts_with('|'));
    let last = columns.checked_sub(1)?;
    // Cell k starts after boundary k - 1 (or k, with a leading pipe).
    let start = match (last + lead).checked_sub(1) {
        Some(b) => bounds.get(b)? + 1,
        None => 0,
    };
    let end = if line.len() > 1 && line.ends_with('|') && !line.ends_with("\\|") { line.len() - 1 } else { line.len() };
    let dropped = line.get(bounds.get(last + lead)? + 1..end)?;
    (!dropped.trim().trim_matches('|').trim().is_empty()).then(|| line.get(start..end).map(str::trim)).flatten()
}

/// Plain text of a piece of inline Markdown, as a cell's text is built.
fn plain_text(md: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(md, Options::empty()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::InlineHtml(h) | Event::Html(h) if is_br(&h) => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// How many cells a GFM row line holds: unescaped pipes split it (inside code spans too, as
/// GFM does), and a leading and a trailing pipe are optional.
pub(crate) fn count_cells(line: &str) -> usize {
    let line = line.trim();
    let lead = usize::from(line.starts_with('|'));
    let trail = usize::from(line.len() > 1 && line.ends_with('|') && !line.ends_with("\\|"));
    pipes(line).count() + 1 - lead - trail
}

/// A closed fence's last line is a fence line of at least the opening's length.
fn fence_closed(text: &str, span: Span) -> bool {
    let block = text.get(span.start..span.end).unwrap_or("").trim_end();
    let open = block.trim_start();
    let ch = match open.as_bytes().first() {
        Some(&c @ (b'`' | b'~')) => c,
        _ => return true,
    };
    let open_len = open.bytes().take_while(|&b| b == ch).count();
    let Some(last_nl) = block.rfind('\n') else { return false };
    let last = block[last_nl + 1..].trim();
    let n = last.bytes().take_while(|&b| b == ch).count();
    n >= open_len && last[n..].trim().is_empty()
}

/// `# [HTTP](#tab/http)` → `HTTP`.
fn tab_marker(raw: &str) -> Option<&str> {
    let line = raw.trim_start().trim_start_matches('#').trim();
    let rest = line.strip_prefix('[')?;
    let close = rest.find("](")?;
    let target = &rest[close + 2..];
    target.starts_with("#tab/").then(|| &rest[..close])
}

/// `####Response 5` (no space after the marks) → level 4, `Response 5`. CommonMark reads a
/// paragraph there; the 2016 docs meant a heading.
fn heading_without_space(raw: &str) -> Option<(u8, &str)> {
    let line = raw.trim_end();
    if line.contains('\n') {
        return None;
    }
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[hashes..];
    let first = rest.chars().next()?;
    ((1..=6).contains(&hashes) && first.is_alphanumeric()).then(|| (hashes as u8, rest.trim()))
}

/// `<br>`, `<br/>`, `<BR />` and the common misspelling `</br>`.
fn is_br(html: &str) -> bool {
    let tag = html.trim_start().strip_prefix('<').unwrap_or("").trim_start_matches('/');
    tag.get(..2).is_some_and(|t| t.eq_ignore_ascii_case("br"))
        && !tag[2..].starts_with(|c: char| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_in_place_like_trim() {
        for s in ["", " ", "a", " a ", "\u{a0}a\u{3000}", "\n\tb c\r\n", "é "] {
            assert_eq!(into_trimmed(s.to_string()), s.trim());
        }
    }

    #[test]
    fn keeps_cells_split_by_a_literal_pipe() {
        let line = "|name|String|Not these: `<`, `|`, `` ` ``. Required.|";
        assert_eq!(overflow_tail(line, 3), Some("Not these: `<`, `|`, `` ` ``. Required."));
        assert_eq!(plain_text("Not these: `<`, `|`, `` ` ``. Required."), "Not these: <, |, `. Required.");
        // Empty extra cells lose nothing; rows of the right width are left alone.
        assert_eq!(overflow_tail("| a | b | c | |", 3), None);
        assert_eq!(overflow_tail("a | b | c | d", 3), Some("c | d"));
        assert_eq!(overflow_tail("| a | b |", 2), None);
    }

    #[test]
    fn line_breaks_in_html() {
        assert!(is_br("<br>") && is_br("</br>") && is_br("<BR />") && is_br("<br/>"));
        assert!(!is_br("<b>") && !is_br("<brand>"));
    }

    #[test]
    fn counts_cells_like_gfm() {
        assert_eq!(count_cells("|a|b|c|"), 3);
        assert_eq!(count_cells("a|b|c"), 3);
        assert_eq!(count_cells("|a|b"), 2);
        assert_eq!(count_cells("|a \\| b|c|"), 2);
        assert_eq!(count_cells("| `x|y` | z |"), 3);
        assert_eq!(count_cells("|a|b\\"), 2, "a backslash at the end escapes nothing");
        assert_eq!(count_cells(""), 1);
    }

    #[test]
    fn tab_markers_and_hashless_headings() {
        assert_eq!(tab_marker("# [HTTP](#tab/http)\n"), Some("HTTP"));
        assert_eq!(tab_marker("# [Link](x.md)"), None);
        assert_eq!(heading_without_space("####Response 5\n"), Some((4, "Response 5")));
        assert_eq!(heading_without_space("#hashtag in text\nmore"), None);
    }

    #[test]
    fn tabs_in_delimiter_rows_keep_the_table_and_the_offsets() {
        let t = "| a\t| b |\n| --- \t\t|---|\n| 1 | 2 |\n";
        let d = detab_delimiter_rows(t);
        assert_eq!(d.len(), t.len());
        assert_eq!(d.lines().nth(1), Some("| ---   |---|"));
        assert!(d.starts_with("| a\t| b |"), "header rows keep their tabs");
        let no_tabs = "| a | b |\n|---|---|\n";
        assert!(matches!(detab_delimiter_rows(no_tabs), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn fence_closure() {
        let t = "```http\nGET /x\n```\n";
        assert!(fence_closed(t, Span::new(0, t.len())));
        let t = "```http\nGET /x\n";
        assert!(!fence_closed(t, Span::new(0, t.len())));
    }
}
