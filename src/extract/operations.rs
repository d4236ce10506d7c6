//! HTTP-request declarations: which fences declare operations, and their lines → operations.

use crate::diagnostic::{Sink, codes};
use crate::source::{SourceFile, Span};
use crate::syntax::{Block, CodeBlock, Comment, Document};

use super::facts::{Header, Loc, OperationFacts};
use super::request_line::{IssueKind, RequestLine, is_request_line, parse_request_line, request_line_host};
use super::sections::{Context, SectionKind};

/// What the declaration fences of a page hold.
#[derive(Debug, Default)]
pub(crate) struct Declarations {
    pub operations: Vec<OperationFacts>,
    pub headers: Vec<Header>,
    /// Indexes of blocks consumed as declarations only (not to be read as examples). A
    /// `request`-annotated fence with one request line is both a declaration and an example
    /// (DocFX tab groups in the HTTP-request section), so it is not listed here.
    pub blocks: Vec<usize>,
    /// The page has an HTTP-request heading.
    pub has_section: bool,
}

/// Finds the declaration fences of an API page and reads them.
pub(crate) fn extract(doc: &Document, ctx: &[Context], file: &SourceFile, sink: &mut Sink<'_>) -> Declarations {
    let mut out = Declarations::default();
    let real_section = ctx.iter().any(|c| c.kind == SectionKind::HttpRequest);
    let example_section = ctx.iter().any(|c| c.kind == SectionKind::ExampleHttpRequest);
    out.has_section = real_section || example_section;
    let mut annotation: Option<&Comment> = None;
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Heading(_) => annotation = None,
            Block::Comment(c) if c.json.as_ref().is_some_and(|j| j.contains_key("blockType")) => annotation = Some(c),
            Block::Code(code) => {
                let block_type = annotation.take().and_then(|c| c.json.as_ref()?.get("blockType")?.as_str());
                if declares(code, ctx[i], block_type, real_section, out.has_section) {
                    if !(block_type == Some("request") && one_request_line(code)) {
                        out.blocks.push(i);
                    }
                    read_fence(code, file, sink, &mut out);
                }
            }
            _ => {}
        }
    }
    dedupe(&mut out.operations);
    out
}

/// Whether a code block is a declaration fence.
fn declares(code: &CodeBlock, ctx: Context, block_type: Option<&str>, real_section: bool, any_section: bool) -> bool {
    if !http_like(&code.info) || block_type == Some("response") {
        return false;
    }
    match ctx.kind {
        SectionKind::HttpRequest => true,
        // An HTTP-request heading inside an Example only declares when the page has no other.
        SectionKind::ExampleHttpRequest => !real_section,
        // Scenario pages (`## List a site's drives`) declare relative requests under headings of
        // their own, before any Example; so do pages with no HTTP-request heading at all.
        SectionKind::Other | SectionKind::Permissions if ctx.before_examples => {
            let scenario = ctx.kind == SectionKind::Other || !any_section;
            scenario
                && !(ctx.kind == SectionKind::Permissions && block_type == Some("request"))
                && relative_requests(code)
        }
        _ => false,
    }
}

/// Fences with these info strings can hold HTTP; `csharp` and the like cannot.
fn http_like(info: &str) -> bool {
    let lang = info.split_whitespace().next().unwrap_or("");
    lang.is_empty() || lang.eq_ignore_ascii_case("http") || lang.eq_ignore_ascii_case("msgraph-interactive")
}

/// Whether a fence holds exactly one request line.
fn one_request_line(code: &CodeBlock) -> bool {
    code.text.lines().filter(|l| is_request_line(l)).take(2).count() == 1
}

/// The first line is a request with a relative path (examples use full URLs).
fn relative_requests(code: &CodeBlock) -> bool {
    let first = code.text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    request_line_host(first) == Some(false)
}

fn read_fence(code: &CodeBlock, file: &SourceFile, sink: &mut Sink<'_>, out: &mut Declarations) {
    let mut offset = 0;
    let mut in_body = 0usize;
    for raw in code.text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        let span = code.file_span(start, start + line.len());
        // A JSON body pasted into a declaration fence: skip it as a whole.
        in_body = json_depth(trimmed, in_body);
        if trimmed.is_empty() || trimmed.eq_ignore_ascii_case("or") || in_body > 0 || trimmed.starts_with(['{', '}']) {
            continue;
        }
        if let Some(req) = parse_request_line(line) {
            push_operation(req, span, file, sink, out);
        } else if let Some((name, value)) = header_line(trimmed) {
            let loc = Loc { line: file.line(span.start), span };
            out.headers.push(Header { name: name.to_string(), description: value.to_string(), required: false, loc });
        } else if !trimmed.starts_with("HTTP/") {
            sink.report_help(
                codes::REQUEST_LINE_UNPARSED,
                span,
                format!("line in the HTTP-request declaration is not `METHOD /path`: `{}`", clip(trimmed)),
                "declaration fences hold one `METHOD /path` per line",
            );
        }
    }
}

/// Tracks brace depth across lines of a pasted JSON body.
fn json_depth(line: &str, depth: usize) -> usize {
    let opens = line.bytes().filter(|&b| b == b'{' || b == b'[').count();
    let closes = line.bytes().filter(|&b| b == b'}' || b == b']').count();
    if depth == 0 && !line.starts_with('{') {
        return 0;
    }
    (depth + opens).saturating_sub(closes)
}

fn push_operation(req: RequestLine, span: Span, file: &SourceFile, sink: &mut Sink<'_>, out: &mut Declarations) {
    let written_span = Span::new(span.start + req.written_start, span.start + req.written_start + req.written.len());
    let mut foreign = false;
    for issue in &req.issues {
        let at = Span::new(span.start + issue.start, span.start + issue.end);
        let code = match issue.kind {
            IssueKind::LiteralId | IssueKind::LiteralHost => codes::PATH_LITERAL_ID,
            IssueKind::ForeignHost => {
                foreign = true;
                codes::PATH_IRREGULAR
            }
            _ => codes::PATH_IRREGULAR,
        };
        sink.report(code, at, format!("declared path `{}`: {}", clip(&req.written), issue.kind.describe()));
    }
    if foreign {
        // Callback and upload URLs on other hosts are not operations of this API.
        return;
    }
    let loc = Loc { line: file.line(span.start), span: written_span };
    out.operations.push(OperationFacts {
        method: req.method,
        path: req.path,
        written: req.written,
        path_params: req.params,
        query: req.query,
        loc,
    });
}

/// `Name: value` with an HTTP token name.
pub(crate) fn header_line(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim();
    let token = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    token.then(|| (name, value.trim()))
}

/// Same method and path declared twice on one page: keep the first.
fn dedupe(ops: &mut Vec<OperationFacts>) {
    let mut seen = std::collections::HashSet::new();
    ops.retain(|op| seen.insert((op.method.clone(), op.path.clone())));
}

/// Shortens text quoted in a message.
pub(crate) fn clip(s: &str) -> String {
    const MAX: usize = 80;
    if s.len() <= MAX {
        return s.to_string();
    }
    let cut = crate::source::floor_char_boundary(s, MAX);
    format!("{}…", &s[..cut])
}
