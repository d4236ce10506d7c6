//! Inline suppression in HTML comments: `<!-- mdapi-disable CODE -->` … `<!-- mdapi-enable CODE -->`,
//! `<!-- mdapi-disable-next-line CODE -->` and `<!-- mdapi-disable-file CODE -->`. Codes are
//! required; a directive that suppresses nothing is reported (`MD590`), as is one naming no or
//! unknown codes (`MD591`). Directive comments never start with `{`, so the syntax stage never
//! reads them as annotation JSON.

use crate::diagnostic::{Diagnostic, Sink};
use crate::pipeline::Page;
use crate::source::Span;
use crate::syntax::Block;

use super::config::{LintConfig, resolve};
use super::registry::code;

/// The directive prefix.
pub const PREFIX: &str = "mdapi-";

/// One selector of one directive, and the bytes it covers.
#[derive(Debug)]
struct Suppression {
    /// Codes the selector stands for.
    codes: Vec<&'static str>,
    /// The selector as written.
    written: String,
    /// The bytes it covers.
    covers: Span,
    /// The directive comment.
    at: Span,
    used: bool,
}

/// Removes the findings of `page` that a directive suppresses (from `diags`, all of this page)
/// and adds the directive findings. Returns how many findings were suppressed.
pub fn apply(page: &Page, cfg: &LintConfig, diags: &mut Vec<Diagnostic>) -> usize {
    let mut sink = Sink::new(&page.source.rel);
    let mut sups = directives(page, &mut sink);
    if sups.is_empty() && sink.diags.is_empty() {
        return 0;
    }
    let before = diags.len();
    diags.retain(|d| {
        let hit = sups.iter_mut().find(|s| s.codes.contains(&d.code) && covers(s.covers, d.span.start));
        match hit {
            Some(s) => {
                s.used = true;
                false
            }
            None => true,
        }
    });
    let suppressed = before - diags.len();
    for s in sups.iter().filter(|s| !s.used) {
        // A suppression of a rule the config turned off cannot be judged: it may be for another setup.
        if s.codes.iter().any(|c| cfg.reports(c, &page.source.rel)) {
            sink.report_help(
                code::SUPPRESSION_UNUSED,
                s.at,
                format!("suppression of `{}` suppresses nothing", s.written),
                "remove the directive, or the code from it",
            );
        }
    }
    diags.extend(sink.diags);
    suppressed
}

fn covers(span: Span, offset: usize) -> bool {
    span.start <= offset && offset < span.end.max(span.start + 1)
}

/// Reads the page's directives.
fn directives(page: &Page, sink: &mut Sink<'_>) -> Vec<Suppression> {
    let text = &page.source.text;
    let blocks = &page.document().blocks;
    let mut out: Vec<Suppression> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let Block::Comment(c) = b else { continue };
        let body = c.body.trim();
        let Some(rest) = body.strip_prefix(PREFIX) else { continue };
        let (verb, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let verb = verb.to_ascii_lowercase();
        let covers = match verb.as_str() {
            "disable" | "enable" => Span::new(c.span.end, text.len()),
            "disable-file" => Span::new(0, text.len()),
            "disable-next-line" => next_line(page, i, c.span.end),
            _ => {
                sink.report(code::SUPPRESSION_INVALID, c.span, format!("unknown directive `{PREFIX}{verb}`"));
                continue;
            }
        };
        let selectors: Vec<&str> = args.split([' ', ',', '\t', '\n', '\r']).filter(|s| !s.is_empty()).collect();
        if selectors.is_empty() {
            sink.report_help(
                code::SUPPRESSION_INVALID,
                c.span,
                format!("`{PREFIX}{verb}` names no code"),
                "name the codes, e.g. `<!-- mdapi-disable-next-line MD530 -->`: blanket suppression hides new problems",
            );
            continue;
        }
        for sel in selectors {
            let Ok(codes) = resolve(sel) else {
                sink.report(code::SUPPRESSION_INVALID, c.span, format!("`{sel}` is not a rule code or name"));
                continue;
            };
            let codes: Vec<&'static str> = codes.iter().map(|c| c.code).collect();
            if verb == "enable" {
                // Close the open `disable` ranges of these codes here.
                for s in out
                    .iter_mut()
                    .filter(|s| s.codes == codes && s.covers.end == text.len() && s.covers.start < c.span.start)
                {
                    s.covers.end = c.span.start;
                }
                continue;
            }
            out.push(Suppression { codes, written: sel.to_string(), covers, at: c.span, used: false });
        }
    }
    out
}

/// The line after the comment; the whole block when a fence or table starts there, since
/// no comment can be written inside those.
fn next_line(page: &Page, index: usize, comment_end: usize) -> Span {
    let text = &page.source.text;
    let mut start = text[comment_end..].find('\n').map_or(text.len(), |i| comment_end + i + 1);
    while start < text.len() && text[start..].starts_with(['\n', '\r']) {
        start += 1;
    }
    if let Some(next) = page.document().blocks.get(index + 1)
        && matches!(next, Block::Code(_) | Block::Table(_))
        && page.source.line(next.span().start) == page.source.line(start)
    {
        return next.span();
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    Span::new(start, end)
}
