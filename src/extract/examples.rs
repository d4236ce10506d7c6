//! Example request and response blocks: recognised by annotation or first line, read into
//! method/URL/headers/status/body, and paired request with response.

use serde_json::{Map, Value};

use crate::diagnostic::{Sink, codes};
use crate::source::{Limits, SourceFile};
use crate::syntax::lenient_json;
use crate::syntax::{Block, CodeBlock, Comment, Document};

use super::annotations::{flag, string_key, string_list};
use super::facts::{Body, Example, ExampleRequest, ExampleResponse, Loc};
use super::operations::{clip, header_line};
use super::request_line::request_line_host;

/// A recognised example block before pairing.
enum Part {
    Request(ExampleRequest, Option<String>),
    /// A response and the annotation's names: one response may answer several requests
    /// (`"name": ["a", "b"]` under a page whose scenarios share one response).
    Response(ExampleResponse, Vec<String>),
}

/// Reads every example block (skipping `skip`, the declaration fences) and pairs them.
pub(crate) fn extract(
    doc: &Document,
    skip: &[usize],
    file: &SourceFile,
    limits: &Limits,
    sink: &mut Sink<'_>,
) -> Vec<Example> {
    let mut parts = Vec::new();
    let mut annotation: Option<&Comment> = None;
    // A request was read since the last heading: a following `ignored` request fence is an
    // alternative spelling of it ("Or with its full name as the ID:"), not a new example.
    let mut request_here = false;
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Heading(_) => {
                annotation = None;
                request_here = false;
            }
            Block::Comment(c) if c.json.as_ref().is_some_and(|j| j.contains_key("blockType")) => annotation = Some(c),
            Block::Code(code) => {
                let ann = annotation.take().and_then(|c| c.json.as_ref());
                if skip.binary_search(&i).is_err()
                    && let Some(part) = read_block(code, ann, request_here, file, limits, sink)
                {
                    request_here |= matches!(part, Part::Request(..));
                    parts.push(part);
                }
            }
            _ => {}
        }
    }
    pair(parts, sink)
}

fn read_block(
    code: &CodeBlock,
    ann: Option<&Map<String, Value>>,
    request_here: bool,
    file: &SourceFile,
    limits: &Limits,
    sink: &mut Sink<'_>,
) -> Option<Part> {
    let block_type = ann.and_then(|a| a.get("blockType")?.as_str());
    let first = code.text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    let host = request_line_host(first);
    let looks_request = host.is_some();
    let looks_response = status_code(first).is_some();
    let role = match block_type {
        Some("request") => Role::Request,
        Some("response") => Role::Response,
        Some("example") if looks_request => Role::Request,
        Some("example") if looks_response => Role::Response,
        // Pages mark example requests `ignored` to keep them out of the docs' own test runs
        // (`### HTTP Request` inside an Example, `#### Request 2`); a full URL tells them from
        // declaration fences, which use relative paths.
        Some("ignored") if host == Some(true) && !request_here => Role::Request,
        Some(_) => return None,
        None if !http_info(&code.info) => return None,
        None if looks_request => Role::Request,
        None if looks_response => Role::Response,
        None => return None,
    };
    let annotated = block_type.is_some_and(|t| t != "ignored");
    let name = ann.and_then(|a| string_key(a, "name"));
    match role {
        Role::Request if looks_request => {
            Some(Part::Request(read_request(code, ann, annotated, file, limits, sink), name))
        }
        Role::Response if looks_response => {
            let names = ann.map(|a| string_list(a, "name")).unwrap_or_default();
            Some(Part::Response(read_response(code, ann, annotated, file, limits, sink), names))
        }
        _ => {
            let what =
                if role == Role::Request { "request line (`METHOD URL`)" } else { "status line (`HTTP/1.1 200 OK`)" };
            sink.report(
                codes::EXAMPLE_UNRECOGNISED,
                code.span,
                format!("example block has no {what}: starts with `{}`", clip(first)),
            );
            None
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Request,
    Response,
}

fn http_info(info: &str) -> bool {
    let lang = info.split_whitespace().next().unwrap_or("");
    lang.is_empty() || lang.eq_ignore_ascii_case("http") || lang.eq_ignore_ascii_case("msgraph-interactive")
}

/// The split of a block into its first line, headers and body.
struct Message<'a> {
    first: &'a str,
    first_start: usize,
    headers: Vec<(String, String)>,
    body: Option<(usize, &'a str)>,
}

/// First line; header lines (a blank line may separate them from the first line); then the body.
/// Reads lines only up to where the body starts: bodies are most of an example's lines.
fn split_message(text: &str) -> Message<'_> {
    let blank = |line: &str| line.trim().is_empty();
    let mut lines = line_offsets(text);
    let Some((first_start, first)) = lines.find(|(_, l)| !blank(l)) else {
        return Message { first: "", first_start: 0, headers: Vec::new(), body: None };
    };
    // The first line after it that is not blank: the first header, or else the body.
    let mut next = lines.find(|(_, l)| !blank(l));
    let mut headers = Vec::new();
    while let Some((_, l)) = next.filter(|(_, l)| is_header(l)) {
        if let Some((n, v)) = header_line(l.trim()) {
            headers.push((n.to_string(), v.to_string()));
        }
        // A blank line ends the headers.
        next = lines.next();
    }
    if next.is_some_and(|(_, l)| blank(l)) {
        next = lines.find(|(_, l)| !blank(l));
    }
    let body = next.map(|(o, _)| (o, text[o..].trim_end())).filter(|(_, b)| !b.is_empty());
    Message { first: first.trim(), first_start, headers, body }
}

fn is_header(line: &str) -> bool {
    let t = line.trim();
    !t.starts_with(['{', '[', '"', '<']) && header_line(t).is_some_and(|(_, v)| !v.starts_with("//"))
}

fn line_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |l| {
        let o = offset;
        offset += l.len();
        (o, l.trim_end_matches(['\n', '\r']))
    })
}

fn read_request(
    code: &CodeBlock,
    ann: Option<&Map<String, Value>>,
    annotated: bool,
    file: &SourceFile,
    limits: &Limits,
    sink: &mut Sink<'_>,
) -> ExampleRequest {
    let msg = split_message(&code.text);
    let mut parts = msg.first.split_whitespace();
    let method = parts.next().unwrap_or("").trim_end_matches(|c: char| !c.is_ascii_alphabetic()).to_ascii_uppercase();
    let url = msg.first[method.len().min(msg.first.len())..].trim();
    let url = url.strip_suffix("HTTP/1.1").unwrap_or(url).trim().to_string();
    let body = msg.body.map(|(o, b)| example_body(code, &msg.headers, o, b, limits, sink));
    let line = file.line(code.file_offset(msg.first_start));
    let annotation = rest_of(ann, &["blockType", "name"]);
    ExampleRequest {
        method,
        url,
        headers: msg.headers,
        body,
        annotation,
        annotated,
        loc: Loc { line, span: code.span },
    }
}

fn read_response(
    code: &CodeBlock,
    ann: Option<&Map<String, Value>>,
    annotated: bool,
    file: &SourceFile,
    limits: &Limits,
    sink: &mut Sink<'_>,
) -> ExampleResponse {
    let msg = split_message(&code.text);
    let status = status_code(msg.first);
    let line_start = code.file_offset(msg.first_start);
    if !msg.first.starts_with("HTTP/") || status.is_none() {
        let span = crate::source::Span::new(line_start, line_start + msg.first.len());
        sink.report_help(
            codes::STATUS_LINE_MALFORMED,
            span,
            format!("status line `{}` is not `HTTP/1.1 <code> <reason>`", clip(msg.first)),
            "write the status line as `HTTP/1.1 201 Created`",
        );
    }
    let body = msg.body.map(|(o, b)| example_body(code, &msg.headers, o, b, limits, sink));
    let ann_ref = ann.cloned().unwrap_or_default();
    let keys = ["blockType", "name", "@odata.type", "isCollection", "truncated"];
    ExampleResponse {
        status,
        status_line: msg.first.to_string(),
        headers: msg.headers,
        body,
        odata_type: string_key(&ann_ref, "@odata.type").or_else(|| string_key(&ann_ref, "@type")),
        is_collection: flag(&ann_ref, "isCollection", code.span, sink),
        truncated: flag(&ann_ref, "truncated", code.span, sink),
        annotation: rest_of(ann, &keys),
        annotated,
        loc: Loc { line: file.line(line_start), span: code.span },
    }
}

/// `HTTP/1.1 201 Created`, `HTTP 201 Created`, `HTTP/1.1 204`, `HTTP code: 200 OK` → the code.
pub(crate) fn status_code(line: &str) -> Option<u16> {
    let rest = line.trim().strip_prefix("HTTP")?;
    let rest = rest.strip_prefix('/').map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.'));
    let rest = rest.trim_start().strip_prefix("code:").unwrap_or(rest).trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let code: u16 = digits.parse().ok().filter(|_| digits.len() == 3)?;
    (100..600).contains(&code).then_some(code)
}

/// An example's body: JSON unless its `Content-Type` says otherwise (`[Zip file containing a
/// Teams app package]` under `application/zip` is a placeholder, not a broken JSON array).
fn example_body(
    code: &CodeBlock,
    headers: &[(String, String)],
    offset: usize,
    text: &str,
    limits: &Limits,
    sink: &mut Sink<'_>,
) -> Body {
    let content_type = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("content-type")).map(|(_, v)| v);
    if content_type.is_some_and(|v| !v.to_ascii_lowercase().contains("json")) {
        let span = code.file_span(offset, offset + text.len());
        return Body { text: text.to_string(), json: None, repaired: false, span };
    }
    read_body(code, offset, text, "example body", limits, sink)
}

/// Reads a body; JSON-looking bodies are parsed leniently and every repair is reported, the
/// message naming `what` was read (`example body`, `JSON representation`).
pub(crate) fn read_body(
    code: &CodeBlock,
    offset: usize,
    text: &str,
    what: &str,
    limits: &Limits,
    sink: &mut Sink<'_>,
) -> Body {
    let span = code.file_span(offset, offset + text.len());
    let mut body = Body { text: text.to_string(), json: None, repaired: false, span };
    if !text.starts_with(['{', '[']) {
        return body;
    }
    let parsed = lenient_json::parse_with(text, &lenient_json::Limits { max_depth: limits.max_nesting });
    for r in &parsed.repairs {
        let at = code.file_span(offset + r.start, offset + r.end);
        sink.report(codes::EXAMPLE_JSON_REPAIRED, at, format!("{what} is not strict JSON: {}", r.kind.describe()));
    }
    body.repaired = !parsed.repairs.is_empty();
    if let Some(err) = parsed.error {
        let at = code.file_span(offset + err.offset, offset + err.offset);
        sink.report(codes::EXAMPLE_JSON_INVALID, at, format!("{what} is not JSON: {}", err.message));
    }
    body.json = parsed.value.map(super::BodyJson::from);
    body
}

/// The annotation without the keys already modelled.
fn rest_of(ann: Option<&Map<String, Value>>, known: &[&str]) -> Map<String, Value> {
    ann.map(|a| a.iter().filter(|(k, _)| !known.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

/// Pairs each response with the request of the same annotation name, else the latest unpaired
/// request; a response naming several requests answers each of them. On API pages a request
/// left without a response is reported (overview pages show bare requests on purpose).
fn pair(parts: Vec<Part>, sink: &mut Sink<'_>) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let unpaired = |e: &Example| e.request.is_some() && e.response.is_none();
    for part in parts {
        match part {
            Part::Request(req, name) => out.push(Example { name, request: Some(req), response: None }),
            Part::Response(resp, names) => {
                let named = |e: &Example| e.name.as_ref().is_some_and(|n| names.contains(n));
                if names.len() > 1 && out.iter().any(|e| unpaired(e) && named(e)) {
                    for e in out.iter_mut().filter(|e| unpaired(e) && named(e)) {
                        e.response = Some(resp.clone());
                    }
                    continue;
                }
                let by_name = names
                    .first()
                    .and_then(|n| out.iter().rposition(|e| unpaired(e) && e.name.as_deref() == Some(n.as_str())));
                match by_name.or_else(|| out.iter().rposition(unpaired)) {
                    Some(i) => out[i].response = Some(resp),
                    None => {
                        sink.report(
                            codes::RESPONSE_UNPAIRED,
                            resp.loc.span,
                            "response example follows no request example",
                        );
                        out.push(Example { name: names.into_iter().next(), request: None, response: Some(resp) });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines() {
        assert_eq!(status_code("HTTP/1.1 201 Created"), Some(201));
        assert_eq!(status_code("HTTP 201 Created"), Some(201));
        assert_eq!(status_code("HTTP/1.1 204"), Some(204));
        assert_eq!(status_code("HTTP code: 200 OK"), Some(200));
        assert_eq!(status_code("HTTP/1.1 2000"), None);
        assert_eq!(status_code("GET /x"), None);
    }

    #[test]
    fn splits_messages_with_blank_line_before_headers() {
        let m = split_message("POST https://x/y\n\nContent-type: application/json\n\n{\"a\": 1}\n");
        assert_eq!(m.first, "POST https://x/y");
        assert_eq!(m.headers, vec![("Content-type".to_string(), "application/json".to_string())]);
        assert_eq!(m.body.unwrap().1, "{\"a\": 1}");
        let m = split_message("HTTP/1.1 200 OK\n{\"a\": 1}");
        assert!(m.headers.is_empty());
        assert_eq!(m.body.unwrap().1, "{\"a\": 1}");
    }

    /// The split as it was first written (every line indexed up front), kept to check that the
    /// split reading only up to the body finds the same parts.
    fn split_reference(text: &str) -> Message<'_> {
        let lines: Vec<(usize, &str)> = line_offsets(text).collect();
        let mut i = lines.iter().position(|(_, l)| !l.trim().is_empty()).unwrap_or(lines.len());
        let (first_start, first) = lines.get(i).map_or((0, ""), |&(o, l)| (o, l.trim()));
        i += 1;
        let mut j = i;
        while lines.get(j).is_some_and(|(_, l)| l.trim().is_empty()) {
            j += 1;
        }
        if lines.get(j).is_some_and(|(_, l)| is_header(l)) {
            i = j;
        }
        let mut headers = Vec::new();
        while let Some((_, l)) = lines.get(i).filter(|(_, l)| is_header(l)) {
            if let Some((n, v)) = header_line(l.trim()) {
                headers.push((n.to_string(), v.to_string()));
            }
            i += 1;
        }
        while lines.get(i).is_some_and(|(_, l)| l.trim().is_empty()) {
            i += 1;
        }
        let body = lines.get(i).map(|&(o, _)| (o, text[o..].trim_end())).filter(|(_, b)| !b.is_empty());
        Message { first, first_start, headers, body }
    }

    #[test]
    fn split_reads_the_same_parts_as_indexing_every_line() {
        // Every message of up to six lines drawn from these kinds of line.
        let kinds =
            ["", "  \r", "GET /me HTTP/1.1", "HTTP/1.1 200 OK", "Content-Type: application/json", "{", "\"a\": 1", "}"];
        let mut checked = 0;
        let mut stack = vec![Vec::<usize>::new()];
        while let Some(picks) = stack.pop() {
            let text: String = picks.iter().map(|&k| format!("{}\n", kinds[k])).collect();
            let (m, r) = (split_message(&text), split_reference(&text));
            assert_eq!(
                (m.first_start, m.first, m.headers, m.body),
                (r.first_start, r.first, r.headers, r.body),
                "{text:?}"
            );
            checked += 1;
            if picks.len() < 6 {
                stack.extend((0..kinds.len()).map(|k| [picks.as_slice(), &[k]].concat()));
            }
        }
        assert_eq!(checked, (0..=6).map(|n| kinds.len().pow(n)).sum::<usize>());
    }
}
