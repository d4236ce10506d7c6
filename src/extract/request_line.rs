//! Parses an HTTP-request declaration line (`METHOD /path`) into a canonical path template.
//!
//! The canonical path keeps what the doc declares (literal segments, casts, `$ref`, drive
//! addressing, literal function arguments, even literal ids) and only rewrites placeholders:
//! every `{x}`, `{x | y}`, `<x>`, `(x)` segment and `'{x}'` segment becomes `{name}`.
//!
//! Naming rule, one for the whole module:
//! * a placeholder that is a whole path segment right after a plain literal segment (an ASCII
//!   identifier such as `users` or `mailFolders`) is named after that segment, singularized, plus
//!   `-id`: `/users/{id}` → `{user-id}`, `/policies/{id}` → `{policy-id}` (Microsoft's own
//!   generated `OpenAPI` names them the same way);
//! * a keyed function argument is named after its key: `range(address='<a>')` → `{address}`;
//!   a positional one written as `{id}` is named after the function like a collection
//!   (`users('{id}')` → `{user-id}`);
//! * everything else keeps its written name, with runs of characters outside `[A-Za-z0-9.]`
//!   turned into one `-` and case kept: `{period_value}` → `{period-value}`,
//!   `{path and filename}` → `{path-and-filename}`, `{accessReviewScheduleDefinitionId}` stays.
//!
//! A name is unique within its path: repeats get `-2`, `-3`, … in order of appearance.
//! Unusual input never panics, and every pass over the line moves forward only (linear time).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::{Deserialize, Serialize};

/// HTTP methods a declaration line may start with; docs always write them upper-case.
const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// One `METHOD /path` line, read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestLine {
    /// Upper-case HTTP method (`GET` …).
    pub method: String,
    /// Canonical path template: `/users/{user-id}/messages/{message-id}`.
    pub path: String,
    /// The path as written: method, indentation, backticks, trailing prose and `HTTP/1.1` removed;
    /// a full URL and the query string (`?…`) are kept.
    pub written: String,
    /// Byte offset of `written` within the line.
    pub written_start: usize,
    /// Path and function-argument parameters, in order of appearance in `path`.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub params: Vec<PathParam>,
    /// Query string as written, without the `?`.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub query: Option<String>,
    /// Host of a full URL (`graph.microsoft.com`).
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub host: Option<String>,
    /// Version segment as written (`v1.0`, `beta`, `V1.0`), removed from `path`.
    #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
    pub version: Option<String>,
    /// What was repaired or looks wrong, with byte ranges into the line.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub issues: Vec<LineIssue>,
}

/// One parameter of a canonical path.
#[derive(Debug, Clone, PartialEq, Hash, Eq, Serialize, Deserialize)]
pub struct PathParam {
    /// Canonical name, unique within the path, made of `[A-Za-z0-9._-]`: `user-id`.
    pub name: String,
    /// The placeholder as written: `{id | userPrincipalName}`, `<id>`, `(team-id)`, `'{v}'`.
    pub written: String,
    /// The alternatives of `{id | userPrincipalName}`: `["id", "userPrincipalName"]`; empty otherwise.
    #[serde(default, skip_serializing_if = "crate::cache::omit::empty_list")]
    pub alternatives: Vec<String>,
    /// Where in the path the parameter sits.
    pub kind: ParamKind,
}

/// Where in the path a parameter sits.
#[derive(Debug, Clone, PartialEq, Hash, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParamKind {
    /// A path segment (or part of one): `/users/{user-id}`.
    Segment,
    /// An argument of a function call or key segment: `range(address='{address}')`.
    FunctionArgument {
        /// The function (or entity set) called: `range`.
        function: String,
        /// The argument name; `None` for a positional argument (`users('{user-id}')`).
        #[serde(default, skip_serializing_if = "crate::cache::omit::none")]
        key: Option<String>,
    },
    /// A drive item path between `:/` and `:` (`root:/{item-path}:`).
    DrivePath,
}

/// Something repaired or suspicious on the line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineIssue {
    /// What it is.
    pub kind: IssueKind,
    /// Byte offset in the line where it starts.
    pub start: usize,
    /// Byte offset in the line where it ends (exclusive).
    pub end: usize,
}

/// Kinds of repairs and oddities on a request line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IssueKind {
    /// `<id>` instead of `{id}`.
    AngleBracketPlaceholder,
    /// `/teams/(team-id)/` instead of `{team-id}`.
    ParenthesisedPlaceholder,
    /// `/recoveryKeys/'{id}'`: a quoted placeholder outside a function call.
    QuotedSegment,
    /// `{user-id} | user-principal-name`: an alternative written outside the braces.
    PipeOutsideBraces,
    /// `GET policies/x`.
    MissingLeadingSlash,
    /// `/groups/{id}/`.
    TrailingSlash,
    /// `/a//b`.
    DoubleSlash,
    /// `https://graph.microsoft.com/…` written where a relative path is expected.
    HostInDeclaration,
    /// A URL on a host other than graph.microsoft.* (upload URLs, bot callbacks).
    ForeignHost,
    /// `/beta/teams` or `/v1.0/teams` without a host.
    VersionPrefix,
    /// `~/onPremisesPublishingProfiles`.
    TildePrefix,
    /// A literal id (GUID, base64 key, email, thread id) where a placeholder belongs.
    LiteralId,
    /// A literal host name (`contoso.com`) where a placeholder belongs.
    LiteralHost,
    /// A bracket that is never closed or closes nothing.
    UnbalancedBrackets,
    /// Whitespace inside a placeholder name: `{tenant id}`.
    WhitespaceInPlaceholder,
    /// The `/.../` recursion marker.
    RecursionMarker,
    /// `DELETE/identity/…`.
    NoSpaceAfterMethod,
    /// `{}` or `<>` with no name.
    EmptyPlaceholder,
    /// `f(startDateTime=startDateTime-value)`: an argument placeholder written without braces.
    UnbracedPlaceholder,
    /// `/content[?includeIDs=true]`: an optional query string in square brackets.
    BracketedQuery,
    /// The path is wrapped in backticks.
    Backticks,
}

/// Text for diagnostics.
impl IssueKind {
    /// Lower-case description for diagnostics.
    #[must_use]
    pub fn describe(&self) -> &'static str {
        match self {
            Self::AngleBracketPlaceholder => "placeholder in angle brackets instead of braces",
            Self::ParenthesisedPlaceholder => "placeholder in parentheses instead of braces",
            Self::QuotedSegment => "placeholder in quotes outside a function call",
            Self::PipeOutsideBraces => "alternative placeholder name written outside the braces",
            Self::MissingLeadingSlash => "path does not start with '/'",
            Self::TrailingSlash => "path ends with '/'",
            Self::DoubleSlash => "empty path segment ('//')",
            Self::HostInDeclaration => "full url instead of a path relative to the service root",
            Self::ForeignHost => "url on a host that is not microsoft graph",
            Self::VersionPrefix => "api version written in the path",
            Self::TildePrefix => "path starts with '~'",
            Self::LiteralId => "literal id where a placeholder belongs",
            Self::LiteralHost => "literal host name where a placeholder belongs",
            Self::UnbalancedBrackets => "unbalanced brackets",
            Self::WhitespaceInPlaceholder => "whitespace inside a placeholder name",
            Self::RecursionMarker => "'/.../' recursion marker in the path",
            Self::NoSpaceAfterMethod => "no space between the http method and the path",
            Self::EmptyPlaceholder => "placeholder without a name",
            Self::UnbracedPlaceholder => "argument placeholder written without braces",
            Self::BracketedQuery => "optional query string written in square brackets",
            Self::Backticks => "path wrapped in backticks",
        }
    }
}

/// Parses one line; `None` when it is not `METHOD path` (see the module docs for the rules).
#[must_use]
pub fn parse_request_line(line: &str) -> Option<RequestLine> {
    let head = split_method(line)?;
    let ext = extent(line, head.path_start)?;
    let mut p = Parser::new(line);
    if head.no_space {
        p.issue(IssueKind::NoSpaceAfterMethod, head.method_start, head.path_start + 1);
    }
    if let Some((s, e)) = head.backticks {
        p.issue(IssueKind::Backticks, s, e);
    }
    if let Some((s, e)) = ext.bracketed_query {
        p.issue(IssueKind::BracketedQuery, s, e);
    }
    let (host, version, body) = p.prefix(head.path_start, ext.path_end);
    p.layout = Layout::new(line.as_bytes(), body, ext.path_end, &ext.folds);
    p.body(body, ext.path_end);
    let query = ext.query.map(|(s, e)| line[s..e].to_string());
    Some(p.finish(head.method, &ext, host, version, query))
}

/// Whether [`parse_request_line`] reads `line` as a request line, without building the result:
/// the fences of a page are scanned line by line for this, and most lines are not requests.
#[must_use]
pub fn is_request_line(line: &str) -> bool {
    split_method(line).is_some_and(|head| extent(line, head.path_start).is_some())
}

/// `None` when [`parse_request_line`] does not read `line` as a request line, else whether the
/// line starts its path with a host (`https://…`), without building the rest: examples are told
/// from declarations by this, and the path is parsed only where it is kept.
#[must_use]
pub fn request_line_host(line: &str) -> Option<bool> {
    let head = split_method(line)?;
    let ext = extent(line, head.path_start)?;
    Some(Parser::new(line).prefix(head.path_start, ext.path_end).0.is_some())
}

/// The method and where the path starts.
struct Head {
    /// The method as written (always upper-case).
    method: &'static str,
    /// Byte offset of the method (after indentation).
    method_start: usize,
    /// Byte offset of the path (after whitespace and backticks).
    path_start: usize,
    /// `DELETE/identity/…`.
    no_space: bool,
    /// Leading backticks before the path.
    backticks: Option<(usize, usize)>,
}

/// Recognises `METHOD` + whitespace or `/`, then a path-like start (`/ ~ { <` or a letter).
fn split_method(line: &str) -> Option<Head> {
    let method_start = line.len() - line.trim_start().len();
    let rest = &line[method_start..];
    let method = METHODS.into_iter().find(|m| rest.starts_with(m))?;
    let method_end = method_start + method.len();
    let next = line[method_end..].chars().next()?;
    let no_space = next == '/';
    if !no_space && !next.is_whitespace() {
        return None;
    }
    // Same order as the reference: whitespace, then backticks, then whitespace.
    let ws = |at: usize| at + (line[at..].len() - line[at..].trim_start().len());
    let tick_start = ws(method_end);
    let tick_end = tick_start + (line[tick_start..].len() - line[tick_start..].trim_start_matches('`').len());
    let path_start = ws(tick_end);
    let first = line[path_start..].chars().next()?;
    let pathlike = matches!(first, '/' | '~' | '{' | '<') || first.is_ascii_alphabetic();
    pathlike.then_some(Head {
        method,
        method_start,
        path_start,
        no_space,
        backticks: (tick_end > tick_start).then_some((tick_start, tick_end)),
    })
}

/// `{a} | b` written outside the braces: `at` is just after `}`, `end` after `b`.
#[derive(Debug, Clone, Copy)]
struct Fold {
    /// Just after the closing brace.
    at: usize,
    /// Just after the alternative.
    end: usize,
    /// The alternative's byte range.
    alt: (usize, usize),
}

/// Where the path, the query and the written text end.
struct Extent {
    /// Start of the path (and of `written`).
    start: usize,
    /// End of the path, before any query.
    path_end: usize,
    /// End of `written`: the path, or the query when there is one.
    written_end: usize,
    /// The query string's range, without `?`.
    query: Option<(usize, usize)>,
    /// The whole `[?…]` when the query was written that way.
    bracketed_query: Option<(usize, usize)>,
    /// `{a} | b` alternatives outside braces.
    folds: Vec<Fold>,
}

/// Finds the end of the path: the first whitespace or `?` outside `{} () <> []` (and outside
/// quotes inside them) ends it, after `{a} | b` alternatives have been folded in.
fn extent(line: &str, start: usize) -> Option<Extent> {
    let end = content_end(line, start);
    let bytes = line.as_bytes();
    let mut ext =
        Extent { start, path_end: end, written_end: end, query: None, bracketed_query: None, folds: Vec::new() };
    let (mut depth, mut quote, mut last_brace) = (0usize, None, b'}');
    let mut i = start;
    while let Some(c) = line[i..end].chars().next() {
        let at = i;
        i += c.len_utf8();
        if let Some(q) = quote {
            quote = (c != q).then_some(q);
            continue;
        }
        match c {
            '\'' | '"' if depth > 0 => quote = Some(c),
            '[' if depth == 0 && bytes.get(i) == Some(&b'?') => {
                let close = line[i..end].find(']').map_or(end, |k| i + k);
                ext.query = Some((i + 1, close));
                ext.path_end = at;
                ext.written_end = (close + 1).min(end);
                ext.bracketed_query = Some((at, ext.written_end));
                break;
            }
            '(' | '{' | '<' | '[' => {
                depth += 1;
                last_brace = if c == '{' { b'{' } else { last_brace };
            }
            ')' | '}' | '>' | ']' => {
                depth = depth.saturating_sub(1);
                if c == '}' {
                    let simple = last_brace == b'{';
                    last_brace = b'}';
                    if let Some(fold) = fold_at(line, i, end).filter(|_| simple && depth == 0) {
                        ext.folds.push(fold);
                        i = fold.end;
                    }
                }
            }
            '?' if depth == 0 => {
                ext.query = Some((i, end));
                ext.path_end = at;
                break;
            }
            c if c.is_whitespace() && depth == 0 => {
                ext.path_end = at;
                ext.written_end = at;
                break;
            }
            _ => {}
        }
    }
    // Trailing backticks belong to the markup, not to the path.
    ext.path_end = start + line[start..ext.path_end].trim_end().trim_end_matches('`').trim_end().len();
    if ext.query.is_none() {
        ext.written_end = ext.path_end;
    }
    (ext.path_end > start).then_some(ext)
}

/// End of the line's content: trailing whitespace, backticks and ` HTTP/1.1` removed.
fn content_end(line: &str, start: usize) -> usize {
    let text = line[start..].trim_end().trim_end_matches('`').trim_end();
    let mut end = start + text.len();
    let b = line.as_bytes();
    let mut k = end;
    // `HTTP/d` or `HTTP/d.d`, preceded by whitespace.
    if k >= start + 2 && b[k - 1].is_ascii_digit() && b[k - 2] == b'.' {
        k -= 2;
    }
    if k >= start + 6 && b[k - 1].is_ascii_digit() && &b[k - 6..k - 1] == b"HTTP/" {
        let before = line[start..k - 6].trim_end();
        if before.len() < k - 6 - start && !before.is_empty() {
            end = start + before.len();
        }
    }
    end
}

/// `\s*\|\s*[\w.-]+` after a closing brace.
fn fold_at(line: &str, at: usize, end: usize) -> Option<Fold> {
    let rest = &line[at..end];
    let after_ws = rest.trim_start();
    let after_pipe = after_ws.strip_prefix('|')?.trim_start();
    let word =
        after_pipe.len() - after_pipe.trim_start_matches(|c: char| c.is_alphanumeric() || "_.-".contains(c)).len();
    if word == 0 {
        return None;
    }
    let alt_start = end - after_pipe.len();
    Some(Fold { at, end: alt_start + word, alt: (alt_start, alt_start + word) })
}

/// Placeholder atoms and parenthesis groups of the path body, indexed from `base`.
#[derive(Default)]
struct Layout {
    /// Byte offset of the body in the line; the vectors are indexed from here.
    base: usize,
    /// End of the placeholder atom starting at this offset; 0 when none starts here.
    atom: Vec<usize>,
    /// End (after `)`) of the group opened at this offset; 0 when unclosed or not `(`.
    group: Vec<usize>,
    /// Pipe-folded alternatives by atom start: (end of the brace, alternative range).
    folds: HashMap<usize, (usize, (usize, usize))>,
    /// Brackets that close nothing or are never closed.
    stray: Vec<usize>,
}

/// Bracket matching, then walks over segments, elements and argument lists.
impl Layout {
    /// Brace placeholders first (outermost of nested ones), then `<…>` ones, then parentheses:
    /// the order of the reference normalisation, so `/` or `(` inside a placeholder is inert.
    fn new(bytes: &[u8], base: usize, end: usize, folds: &[Fold]) -> Layout {
        let n = end.saturating_sub(base);
        let mut l = Layout { base, atom: vec![0; n], group: vec![0; n], ..Layout::default() };
        l.braces(bytes, end, folds);
        l.angles(bytes, end);
        l.parens(bytes, end);
        l
    }

    /// End of the placeholder atom starting at `i`.
    fn atom_at(&self, i: usize) -> Option<usize> {
        self.atom.get(i.checked_sub(self.base)?).copied().filter(|&a| a > i)
    }

    /// End of the closed group whose `(` is at `i`.
    fn group_at(&self, i: usize) -> Option<usize> {
        self.group.get(i.checked_sub(self.base)?).copied().filter(|&g| g > i)
    }

    /// Outermost matched `{…}` (the reference replaces innermost first, repeatedly: same result),
    /// extended over folded `| alt` text.
    fn braces(&mut self, bytes: &[u8], end: usize, folds: &[Fold]) {
        let mut open = Vec::new();
        let mut close_of = vec![0; self.atom.len()];
        for (i, &b) in bytes.iter().enumerate().take(end).skip(self.base) {
            match b {
                b'{' => open.push(i),
                b'}' => match open.pop() {
                    Some(o) => close_of[o - self.base] = i + 1,
                    None => self.stray.push(i),
                },
                _ => {}
            }
        }
        self.stray.extend(open);
        let mut ends = HashMap::default();
        let mut i = self.base;
        while i < end {
            match close_of[i - self.base] {
                0 => i += 1,
                c => {
                    self.atom[i - self.base] = c;
                    ends.insert(c, i);
                    i = c;
                }
            }
        }
        for f in folds {
            if let Some(&o) = ends.get(&f.at) {
                self.atom[o - self.base] = f.end;
                self.folds.insert(o, (f.at, f.alt));
            }
        }
    }

    /// `<[^<>]*>` over the text with brace atoms skipped.
    fn angles(&mut self, bytes: &[u8], end: usize) {
        let mut lt = None;
        let mut i = self.base;
        while i < end {
            if let Some(a) = self.atom_at(i) {
                i = a;
                continue;
            }
            match bytes[i] {
                b'<' => lt = Some(i),
                b'>' => {
                    if let Some(o) = lt.take() {
                        self.atom[o - self.base] = i + 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// Matches parentheses; quotes count only inside them (`/recoveryKeys/'{id}'` is no string).
    fn parens(&mut self, bytes: &[u8], end: usize) {
        let (mut open, mut quote) = (Vec::new(), None);
        let mut i = self.base;
        while i < end {
            if let Some(a) = self.atom_at(i) {
                i = a;
                continue;
            }
            let c = bytes[i];
            if let Some(q) = quote {
                quote = (c != q).then_some(q);
            } else {
                match c {
                    b'\'' | b'"' if !open.is_empty() => quote = Some(c),
                    b'(' => open.push(i),
                    b')' => match open.pop() {
                        Some(o) => self.group[o - self.base] = i + 1,
                        None => self.stray.push(i),
                    },
                    _ => {}
                }
            }
            i += 1;
        }
    }

    /// First `/` at or after `from` outside atoms, or `end`.
    fn next_slash(&self, bytes: &[u8], from: usize, end: usize) -> usize {
        let mut i = from;
        while i < end {
            match self.atom_at(i) {
                Some(a) => i = a,
                None if bytes[i] == b'/' => return i,
                None => i += 1,
            }
        }
        end
    }

    /// End of the group opened at `open`: after its `)`, or (unclosed) at the next `/`.
    fn group_end(&self, bytes: &[u8], open: usize, end: usize) -> (usize, bool) {
        match self.group_at(open).filter(|&g| g <= end) {
            Some(g) => (g, true),
            None => (self.next_slash(bytes, open + 1, end), false),
        }
    }

    /// Segment ranges: `/` splits outside atoms and groups.
    fn segments(&self, bytes: &[u8], start: usize, end: usize) -> Vec<(usize, usize)> {
        let (mut segs, mut s, mut i) = (Vec::new(), start, start);
        while i < end {
            if let Some(a) = self.atom_at(i) {
                i = a;
                continue;
            }
            match bytes[i] {
                b'(' => {
                    i = self.group_end(bytes, i, end).0;
                    continue;
                }
                b'/' => {
                    segs.push((s, i));
                    s = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        segs.push((s, end));
        segs
    }

    /// The literal runs, placeholder atoms and groups of one segment.
    fn elements(&self, bytes: &[u8], s: usize, e: usize) -> Vec<Elem> {
        let (mut v, mut lit, mut i) = (Vec::new(), s, s);
        let flush = |v: &mut Vec<Elem>, from: usize, to: usize| {
            if to > from {
                v.push(Elem::Lit(from, to));
            }
        };
        while i < e {
            let next = if let Some(a) = self.atom_at(i) {
                Elem::Atom(i, a.min(e))
            } else if bytes[i] == b'(' {
                let (g, closed) = self.group_end(bytes, i, e);
                Elem::Group(i, g, closed)
            } else {
                i += 1;
                continue;
            };
            flush(&mut v, lit, i);
            i = next.end();
            lit = i;
            v.push(next);
        }
        flush(&mut v, lit, e);
        v
    }

    /// Top-level comma-separated items of an argument list.
    fn split_args(&self, bytes: &[u8], from: usize, to: usize) -> Vec<(usize, usize)> {
        let (mut items, mut s, mut i) = (Vec::new(), from, from);
        let (mut depth, mut quote) = (0usize, None);
        while i < to {
            if let Some(a) = self.atom_at(i) {
                i = a.min(to);
                continue;
            }
            let c = bytes[i];
            if let Some(q) = quote {
                quote = (c != q).then_some(q);
            } else {
                match c {
                    b'\'' | b'"' => quote = Some(c),
                    b'(' | b'[' => depth += 1,
                    b')' | b']' => depth = depth.saturating_sub(1),
                    b',' if depth == 0 => {
                        items.push((s, i));
                        s = i + 1;
                    }
                    _ => {}
                }
            }
            i += 1;
        }
        items.push((s, to));
        items
    }
}

/// A piece of one segment.
#[derive(Debug, Clone, Copy)]
enum Elem {
    /// Literal text range.
    Lit(usize, usize),
    /// Placeholder range, brackets included.
    Atom(usize, usize),
    /// Open position, end, closed.
    Group(usize, usize, bool),
}

/// Range helpers.
impl Elem {
    /// Where the element ends.
    fn end(self) -> usize {
        match self {
            Elem::Lit(_, e) | Elem::Atom(_, e) | Elem::Group(_, e, _) => e,
        }
    }
}

/// Output of the canonical path before names are final.
enum Piece {
    /// Literal output.
    Text(String),
    /// Index into the parameters, rendered `{name}` once names are unique.
    Param(usize),
}

/// Builds the canonical path, the parameters and the issues of one line.
struct Parser<'a> {
    /// The whole line; every offset is into it.
    line: &'a str,
    /// `line` as bytes, for the ASCII delimiters.
    bytes: &'a [u8],
    /// Bracket structure of the path body.
    layout: Layout,
    /// The canonical path so far.
    out: Vec<Piece>,
    /// Parameters in order of appearance.
    params: Vec<PathParam>,
    /// Issues found so far.
    issues: Vec<LineIssue>,
}

/// One line's walk, from prefix to rendered path.
impl<'a> Parser<'a> {
    /// An empty parser over `line`.
    fn new(line: &'a str) -> Self {
        Parser {
            line,
            bytes: line.as_bytes(),
            layout: Layout::default(),
            out: Vec::new(),
            params: Vec::new(),
            issues: Vec::new(),
        }
    }

    /// Records an issue, clamped to the line.
    fn issue(&mut self, kind: IssueKind, start: usize, end: usize) {
        let end = end.min(self.line.len());
        self.issues.push(LineIssue { kind, start: start.min(end), end });
    }

    /// Appends literal output.
    fn text(&mut self, s: &str) {
        match self.out.last_mut() {
            Some(Piece::Text(t)) => t.push_str(s),
            _ => self.out.push(Piece::Text(s.to_string())),
        }
    }

    /// Strips scheme + host, `~` and the version segment; returns (host, version, body start).
    fn prefix(&mut self, ps: usize, pe: usize) -> (Option<String>, Option<String>, usize) {
        let line = self.line;
        let mut pos = ps;
        let mut host = None;
        if let Some(scheme) = ["https://", "http://"].into_iter().find(|s| starts_with_ci(&line[ps..pe], s)) {
            let hs = ps + scheme.len();
            let he = line[hs..pe].find('/').map_or(pe, |k| hs + k);
            if he > hs {
                let name = &line[hs..he];
                if is_graph_host(name) {
                    self.issue(IssueKind::HostInDeclaration, ps, he);
                } else {
                    self.issue(IssueKind::ForeignHost, hs, he);
                }
                host = Some(name.to_string());
                pos = he;
            }
        }
        if host.is_none() && self.bytes.get(pos) == Some(&b'~') {
            self.issue(IssueKind::TildePrefix, pos, pos + 1);
            pos += 1;
        }
        let slash = pos < pe && self.bytes[pos] == b'/';
        if !slash && pos < pe {
            let first = line[pos..pe].chars().next().map_or(1, char::len_utf8);
            self.issue(IssueKind::MissingLeadingSlash, pos, pos + first);
        }
        let vs = if slash { pos + 1 } else { pos };
        let ve = line[vs..pe].find('/').map_or(pe, |k| vs + k);
        let mut version = None;
        if ["v1.0", "beta"].iter().any(|v| line[vs..ve].eq_ignore_ascii_case(v)) {
            if host.is_none() {
                self.issue(IssueKind::VersionPrefix, vs, ve);
            }
            version = Some(line[vs..ve].to_string());
            pos = ve;
        }
        (host, version, pos)
    }

    /// Walks the segments of the body (which starts at `/` or, when the slash is missing, at text).
    fn body(&mut self, body: usize, end: usize) {
        let start = if self.bytes.get(body) == Some(&b'/') && body < end { body + 1 } else { body };
        let segs = self.layout.segments(self.bytes, start, end);
        let last = segs.iter().rposition(|&(s, e)| e > s);
        let (mut prev, mut drive) = (None::<&str>, false);
        for (k, &(s, e)) in segs.iter().enumerate() {
            if s == e {
                self.empty_segment(k, s, end, last, segs.len());
                if last.is_some_and(|l| k > l) {
                    break;
                }
                continue;
            }
            self.text("/");
            let text = &self.line[s..e];
            // The collection rule does not apply inside a drive path (`root:/folder/{name}`).
            let collection = prev.filter(|_| !drive);
            self.segment(s, e, collection, drive);
            if text.ends_with(':') {
                drive = !drive;
            }
            prev = is_collection(text).then_some(text);
        }
        if self.out.is_empty() {
            self.text("/");
        }
    }

    /// `//` in the middle, `/` at the end.
    fn empty_segment(&mut self, k: usize, s: usize, end: usize, last: Option<usize>, count: usize) {
        match last {
            Some(l) if k < l => self.issue(IssueKind::DoubleSlash, s - 1, s + 1),
            Some(_) => self.issue(IssueKind::TrailingSlash, s - 1, end),
            None if count > 1 && k == 1 => self.issue(IssueKind::DoubleSlash, s - 1, end),
            None => {}
        }
    }

    /// One non-empty segment; `collection` names a whole-segment key after it.
    fn segment(&mut self, s: usize, e: usize, collection: Option<&str>, drive: bool) {
        let elems = self.layout.elements(self.bytes, s, e);
        let kind = if drive { ParamKind::DrivePath } else { ParamKind::Segment };
        // Only placeholder segments are named after their collection.
        let hint = || collection.map(|c| format!("{}-id", singular(c)));
        let b = self.bytes;
        let quote = |x: usize| matches!(b[x], b'\'' | b'"');
        match elems[..] {
            [Elem::Atom(a, z)] => {
                let i = self.atom_param(a, z, kind, hint());
                self.out.push(Piece::Param(i));
            }
            [Elem::Atom(a, z), Elem::Lit(x, y)] if &self.line[x..y] == ":" => {
                let i = self.atom_param(a, z, kind, hint());
                self.out.push(Piece::Param(i));
                self.text(":");
            }
            [Elem::Lit(x, y), Elem::Atom(a, z), Elem::Lit(u, v)]
                if y == x + 1 && quote(x) && b[u] == b[x] && (v == u + 1 || &self.line[u + 1..v] == ":") =>
            {
                self.issue(IssueKind::QuotedSegment, x, u + 1);
                let i = self.atom_param(a, z, kind, hint());
                self.params[i].written = self.line[x..u + 1].to_string();
                self.out.push(Piece::Param(i));
                self.text(&self.line[u + 1..v]);
            }
            [Elem::Group(o, g, true)] => self.paren_segment(o, g, kind, hint()),
            [Elem::Lit(x, y)] => self.literal_segment(x, y),
            _ => self.mixed_segment(&elems, &kind),
        }
    }

    /// A segment without placeholders: kept, but checked for literal ids and hosts.
    fn literal_segment(&mut self, s: usize, e: usize) {
        let t = &self.line[s..e];
        if t == "..." {
            self.issue(IssueKind::RecursionMarker, s, e);
        } else if looks_like_id(t) {
            self.issue(IssueKind::LiteralId, s, e);
        } else if looks_like_host(t) {
            self.issue(IssueKind::LiteralHost, s, e);
        }
        self.text(t);
    }

    /// `/teams/(team-id)/`: a whole segment in parentheses is a mistyped placeholder.
    fn paren_segment(&mut self, o: usize, g: usize, kind: ParamKind, hint: Option<String>) {
        self.issue(IssueKind::ParenthesisedPlaceholder, o, g);
        let inner: String = self.line[o + 1..g - 1].chars().filter(|c| !"{}<>'\"".contains(*c)).collect();
        let i = self.new_param(&self.line[o..g], &inner, (o, g), kind, hint);
        self.out.push(Piece::Param(i));
    }

    /// A segment mixing literal text, placeholders and function calls.
    fn mixed_segment(&mut self, elems: &[Elem], kind: &ParamKind) {
        let (drop_first, drop_last) = self.quoted_atoms(elems);
        for (k, el) in elems.iter().enumerate() {
            match *el {
                Elem::Lit(x, y) => {
                    let (x, y) = (x + usize::from(drop_first[k]), y - usize::from(drop_last[k]));
                    if y > x {
                        self.text(&self.line[x..y]);
                    }
                }
                Elem::Atom(a, z) => {
                    let i = self.atom_param(a, z, kind.clone(), None);
                    self.out.push(Piece::Param(i));
                }
                Elem::Group(o, g, closed) => {
                    let function = match k.checked_sub(1).map(|j| elems[j]) {
                        Some(Elem::Lit(x, y)) => function_name(&self.line[x..y]),
                        _ => "",
                    };
                    self.call(o, g, closed, function);
                }
            }
        }
    }

    /// Atoms written `'{x}'` outside a call lose their quotes: (drop first char, drop last char) per element.
    fn quoted_atoms(&mut self, elems: &[Elem]) -> (Vec<bool>, Vec<bool>) {
        let (mut first, mut last) = (vec![false; elems.len()], vec![false; elems.len()]);
        for k in 1..elems.len().saturating_sub(1) {
            let (Elem::Lit(x, y), Elem::Atom(..), Elem::Lit(u, _)) = (elems[k - 1], elems[k], elems[k + 1]) else {
                continue;
            };
            let q = self.bytes[y - 1];
            let consumed = first[k - 1] && y == x + 1;
            if matches!(q, b'\'' | b'"') && self.bytes[u] == q && !consumed {
                last[k - 1] = true;
                first[k + 1] = true;
                self.issue(IssueKind::QuotedSegment, y - 1, u + 1);
            }
        }
        (first, last)
    }

    /// `name(args)`: keyed arguments are named after their key, literals stay literal.
    fn call(&mut self, open: usize, end: usize, closed: bool, function: &str) {
        let inner_end = if closed { end - 1 } else { end };
        if !closed {
            self.issue(IssueKind::UnbalancedBrackets, open, end);
        }
        self.text("(");
        let items = self.layout.split_args(self.bytes, open + 1, inner_end);
        let empty = items.len() == 1 && self.line[items[0].0..items[0].1].trim().is_empty();
        for (k, &(x, y)) in items.iter().enumerate().filter(|_| !empty) {
            if k > 0 {
                self.text(",");
            }
            self.arg(x, y, function);
        }
        self.text(")");
    }

    /// One argument: `key=value` or a positional value; whitespace around them goes.
    fn arg(&mut self, x: usize, y: usize, function: &str) {
        let (x, y) = trim_range(self.line, x, y);
        match arg_key(&self.line[x..y]) {
            Some((key_len, value_at)) => {
                let key = &self.line[x..x + key_len];
                self.text(key);
                self.text("=");
                let (vx, vy) = trim_range(self.line, x + value_at, y);
                self.value(vx, vy, function, Some(key));
            }
            None => self.value(x, y, function, None),
        }
    }

    /// An argument value: placeholders become parameters, the rest stays as written.
    fn value(&mut self, x: usize, y: usize, function: &str, key: Option<&str>) {
        let line = self.line;
        let kind = ParamKind::FunctionArgument { function: function.to_string(), key: key.map(str::to_string) };
        let (mut lit, mut i, mut any) = (x, x, false);
        while i < y {
            let Some(a) = self.layout.atom_at(i).map(|a| a.min(y)) else {
                i += 1;
                continue;
            };
            self.text(&line[lit..i]);
            let hint = match key {
                Some(k) => Some(sanitize(k)).filter(|n| !n.is_empty()),
                None => positional_hint(function, self.atom_inner(i, a)),
            };
            let p = self.atom_param(i, a, kind.clone(), hint);
            self.out.push(Piece::Param(p));
            (i, lit, any) = (a, a, true);
        }
        let rest = &line[lit..y];
        if !any && key.is_some_and(|k| is_unbraced(rest, k)) {
            self.issue(IssueKind::UnbracedPlaceholder, x, y);
            let p = self.new_param(rest, key.unwrap_or(rest), (x, y), kind, key.map(sanitize));
            self.out.push(Piece::Param(p));
            return;
        }
        if !any && key.is_none() && looks_like_id(rest.trim_matches(['\'', '"'])) {
            self.issue(IssueKind::LiteralId, x, y);
        }
        self.text(rest);
    }

    /// The text between the brackets of an atom (a folded `| alt` excluded).
    fn atom_inner(&self, a: usize, z: usize) -> &'a str {
        let close = self.layout.folds.get(&a).map_or(z, |&(at, _)| at);
        self.line.get(a + 1..close.saturating_sub(1)).unwrap_or("")
    }

    /// A `{…}` or `<…>` atom (with a folded `| alt` when there is one) becomes a parameter.
    fn atom_param(&mut self, a: usize, z: usize, kind: ParamKind, hint: Option<String>) -> usize {
        let line = self.line;
        let fold = self.layout.folds.get(&a).copied();
        if self.bytes[a] == b'<' {
            self.issue(IssueKind::AngleBracketPlaceholder, a, z);
        }
        let mut inner = self.atom_inner(a, z).to_string();
        if let Some((at, (s, e))) = fold {
            self.issue(IssueKind::PipeOutsideBraces, at, z);
            inner = format!("{inner}|{}", &line[s..e]);
        }
        self.new_param(&line[a..z], &inner, (a, z), kind, hint)
    }

    /// Records a parameter from its written text and its inner text (`id | userPrincipalName`).
    fn new_param(
        &mut self,
        written: &str,
        inner: &str,
        at: (usize, usize),
        kind: ParamKind,
        hint: Option<String>,
    ) -> usize {
        let alts: Vec<&str> = inner.split('|').map(str::trim).filter(|a| !a.is_empty()).collect();
        let spaced = alts.iter().any(|a| a.contains(char::is_whitespace))
            || (!inner.contains('|') && inner.trim().len() != inner.len());
        if spaced {
            self.issue(IssueKind::WhitespaceInPlaceholder, at.0, at.1);
        }
        if alts.is_empty() {
            self.issue(IssueKind::EmptyPlaceholder, at.0, at.1);
        }
        let written_name = alts.iter().map(|a| sanitize(a)).find(|n| !n.is_empty());
        let name = hint.or(written_name).unwrap_or_else(|| "param".to_string());
        let alternatives = if alts.len() > 1 { alts.iter().map(ToString::to_string).collect() } else { Vec::new() };
        self.params.push(PathParam { name, written: written.to_string(), alternatives, kind });
        self.params.len() - 1
    }

    /// Makes names unique and renders the path.
    fn finish(
        mut self,
        method: &str,
        ext: &Extent,
        host: Option<String>,
        version: Option<String>,
        query: Option<String>,
    ) -> RequestLine {
        unique_names(&mut self.params);
        for &s in &self.layout.stray {
            self.issues.push(LineIssue { kind: IssueKind::UnbalancedBrackets, start: s, end: s + 1 });
        }
        self.issues.sort_by_key(|i| (i.start, i.end));
        let mut path = String::new();
        for piece in &self.out {
            match piece {
                Piece::Text(t) => path.push_str(t),
                Piece::Param(i) => {
                    path.push('{');
                    path.push_str(&self.params[*i].name);
                    path.push('}');
                }
            }
        }
        RequestLine {
            method: method.to_string(),
            path,
            written: self.line[ext.start..ext.written_end].to_string(),
            written_start: ext.start,
            params: self.params,
            query: query.filter(|q| !q.is_empty()),
            host,
            version,
            issues: self.issues,
        }
    }
}

/// Makes names unique in order of appearance: `x`, `x-2`, `x-3`.
fn unique_names(params: &mut [PathParam]) {
    let mut used = HashSet::default();
    let mut next: HashMap<String, usize> = HashMap::default();
    for p in params {
        if used.insert(p.name.clone()) {
            continue;
        }
        let base = std::mem::take(&mut p.name);
        let mut k = next.get(&base).copied().unwrap_or(2);
        while !used.insert(format!("{base}-{k}")) {
            k += 1;
        }
        p.name = format!("{base}-{k}");
        next.insert(base, k + 1);
    }
}

/// Runs of characters outside `[A-Za-z0-9.]` become one `-`; case is kept.
fn sanitize(s: &str) -> String {
    let words = s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'));
    let words: Vec<&str> = words.map(|w| w.trim_matches('.')).filter(|w| !w.is_empty()).collect();
    words.join("-")
}

/// `users('{id}')` is a key lookup on the `users` set: name it like a segment after `users`.
fn positional_hint(function: &str, inner: &str) -> Option<String> {
    let first = inner.split('|').next().unwrap_or("").trim();
    (first.eq_ignore_ascii_case("id") && is_collection(function)).then(|| format!("{}-id", singular(function)))
}

/// `startDateTime-value` for key `startDateTime`: a placeholder the author left unbraced.
fn is_unbraced(value: &str, key: &str) -> bool {
    let v = value.as_bytes();
    v.len() == key.len() + 6
        && value.is_char_boundary(key.len())
        && value[..key.len()].eq_ignore_ascii_case(key)
        && matches!(v[key.len()], b'-' | b'_')
        && value[key.len() + 1..].eq_ignore_ascii_case("value")
}

/// The name called by `text(`: its trailing run of name characters.
fn function_name(text: &str) -> &str {
    let cut = text.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || "_.$".contains(c)).len();
    &text[cut..]
}

/// `key =` at the start of an argument (the reference's `[A-Za-z_@$][\w.@$-]*\s*=`):
/// returns the key length and where the value starts.
fn arg_key(item: &str) -> Option<(usize, usize)> {
    let mut chars = item.char_indices();
    let (_, first) = chars.next()?;
    if !(first.is_ascii_alphabetic() || "_@$".contains(first)) {
        return None;
    }
    let key_len = chars.find(|&(_, c)| !(c.is_alphanumeric() || "_.@$-".contains(c))).map_or(item.len(), |(i, _)| i);
    let rest = item[key_len..].trim_start();
    let value_at = item.len() - rest.len() + 1;
    rest.starts_with('=').then_some((key_len, value_at))
}

/// The range without surrounding whitespace.
fn trim_range(line: &str, x: usize, y: usize) -> (usize, usize) {
    let t = &line[x..y];
    let s = x + (t.len() - t.trim_start().len());
    (s, s + t.trim().len())
}

/// ASCII case-insensitive prefix test.
fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len() && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// `graph.microsoft.com`, `graph.microsoft.us`, `graph.microsoft-ppe.com` …
fn is_graph_host(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    let Some(rest) = h.strip_prefix("graph.microsoft") else {
        return false;
    };
    let rest = rest.strip_prefix("-ppe").unwrap_or(rest);
    rest.strip_prefix('.')
        .is_some_and(|tld| !tld.is_empty() && tld.bytes().all(|b| b.is_ascii_lowercase() || b == b'.'))
}

/// A plain ASCII identifier segment (`users`, `mailFolders`) that can name the key after it.
fn is_collection(seg: &str) -> bool {
    let mut b = seg.bytes();
    b.next().is_some_and(|c| c.is_ascii_alphabetic())
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
        && !looks_like_id(seg)
}

/// GUIDs, long hex or base64 keys, numbers, emails and Teams thread ids.
fn looks_like_id(t: &str) -> bool {
    let digits = t.bytes().filter(u8::is_ascii_digit).count();
    // Most segments are words (`users`, `messages`): of the tests below, only these two can
    // hold without a digit.
    if digits == 0 {
        return t.contains('@') || (t.len() >= 8 && t.ends_with('=') && !t.contains('('));
    }
    let alnum = t.bytes().all(|b| b.is_ascii_alphanumeric());
    let base64ish = t.len() >= 16
        && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-_".contains(&b))
        && digits >= 2
        && t.as_bytes().windows(3).any(|w| w.iter().all(u8::is_ascii_uppercase));
    (digits == t.len() && t.len() >= 3)
        || (t.len() >= 16 && t.bytes().all(|b| b.is_ascii_hexdigit()) && digits > 0)
        || (alnum && digits >= 6 && digits < t.len())
        || (t.len() >= 8 && t.ends_with('=') && !t.contains('('))
        || t.contains('@')
        || t.starts_with("19:")
        || starts_with_ci(t, "19%3a")
        || base64ish
        || has_guid(t)
}

/// A run of four or more hyphen-joined alphanumeric groups with at least four digits:
/// GUIDs, including the sloppy ones docs invent (`87654321-0abc-…`).
fn has_guid(t: &str) -> bool {
    t.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).any(|run| {
        let (mut groups, mut digits) = (0, 0);
        run.split('-').any(|g| {
            if g.is_empty() {
                (groups, digits) = (0, 0);
            } else {
                groups += 1;
                digits += g.bytes().filter(u8::is_ascii_digit).count();
            }
            groups >= 4 && digits >= 4
        })
    })
}

/// `contoso.com`, `contoso.sharepoint.com` (not `microsoft.graph.user` casts, not file names).
fn looks_like_host(t: &str) -> bool {
    /// Top-level domains common in example literals; enough to tell hosts from casts and files.
    const TLDS: [&str; 14] =
        ["com", "net", "org", "edu", "gov", "io", "us", "uk", "de", "fr", "jp", "cn", "info", "biz"];
    let labels: Vec<&str> = t.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        && labels.last().is_some_and(|l| TLDS.iter().any(|t| l.eq_ignore_ascii_case(t)))
        && !starts_with_ci(t, "microsoft.")
}

/// English singular of a camelCase collection name, changing only its last word: `policies` →
/// `policy`, `addresses` → `address`, `mailFolders` → `mailFolder`, `timesOff` → `timeOff`.
fn singular(word: &str) -> String {
    /// Plurals the suffix rules below would get wrong.
    const IRREGULAR: [(&str, &str); 7] = [
        ("people", "person"),
        ("children", "child"),
        ("timesoff", "timeOff"),
        ("aliases", "alias"),
        ("statuses", "status"),
        ("caches", "cache"),
        ("series", "series"),
    ];
    let lower = word.to_ascii_lowercase();
    for (plural, single) in IRREGULAR {
        if lower.ends_with(plural) && word.len() > plural.len() || lower == plural {
            let stem = &word[..word.len() - plural.len()];
            let upper = word.as_bytes()[stem.len()].is_ascii_uppercase();
            let (head, tail) = single.split_at(1);
            let head = if upper { head.to_ascii_uppercase() } else { head.to_string() };
            return format!("{stem}{head}{tail}");
        }
    }
    let cut = |n: usize, add: &str| format!("{}{add}", &word[..word.len() - n]);
    if word.len() < 2 || ["ss", "us", "is"].iter().any(|e| lower.ends_with(e)) {
        word.to_string()
    } else if lower.ends_with("ies") && word.len() > 3 {
        cut(3, "y")
    } else if ["sses", "xes", "ches", "shes", "zzes"].iter().any(|e| lower.ends_with(e)) {
        cut(2, "")
    } else if lower.ends_with('s') {
        cut(1, "")
    } else {
        word.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses a line that must be a request line.
    fn parse(line: &str) -> RequestLine {
        parse_request_line(line).unwrap_or_else(|| panic!("not a request line: {line}"))
    }

    /// The canonical path.
    fn path(line: &str) -> String {
        parse(line).path
    }

    /// The parameter names.
    fn names(line: &str) -> Vec<String> {
        parse(line).params.into_iter().map(|p| p.name).collect()
    }

    /// The issue kinds, in line order.
    fn kinds(line: &str) -> Vec<IssueKind> {
        parse(line).issues.into_iter().map(|i| i.kind).collect()
    }

    /// The text an issue points at.
    fn at(line: &str, kind: IssueKind) -> String {
        let r = parse(line);
        let i = r.issues.iter().find(|i| i.kind == kind).unwrap_or_else(|| panic!("no {kind:?} in {r:?}"));
        line[i.start..i.end].to_string()
    }

    /// Only upper-case `METHOD path` lines are request lines.
    #[test]
    fn recognises_request_lines_only() {
        assert!(parse_request_line("GET /me").is_some());
        assert!(parse_request_line("  PATCH /me").is_some());
        assert!(parse_request_line("get /me").is_none());
        assert!(parse_request_line("GETS /me").is_none());
        assert!(parse_request_line("GET").is_none());
        assert!(parse_request_line("GET   ").is_none());
        assert!(parse_request_line("GET ** Entity URI for x not found").is_none());
        assert!(parse_request_line("HTTP/1.1 200 OK").is_none());
        assert!(parse_request_line("Content-Type: application/json").is_none());
        assert_eq!(parse("OPTIONS /me").method, "OPTIONS");
        assert_eq!(parse("HEAD /me").method, "HEAD");
    }

    /// The quick check agrees with the full parse, on request lines and on everything else.
    #[test]
    fn the_quick_check_agrees_with_the_parse() {
        let lines = [
            "GET /me",
            "  PATCH /me",
            "get /me",
            "GETS /me",
            "GET",
            "GET   ",
            "GET ** x",
            "GET ``",
            "GET `/me`",
            "DELETE/identity/x",
            "POST https://graph.microsoft.com/v1.0/me",
            "GET /a?$top=1",
            "GET [?x=1]",
            "GET /{",
            "PUT {id}",
            "GET /users/{id | upn}/x HTTP/1.1",
            "HTTP/1.1 200 OK",
            "",
            "   ",
            "GET é",
            "GET http://contoso.com/v1.0/me",
            "GET HTTPS:///me",
            "GET https://graph.microsoft.com",
            "GET ~/me",
        ];
        for line in lines {
            assert_eq!(is_request_line(line), parse_request_line(line).is_some(), "{line:?}");
            let host = parse_request_line(line).map(|r| r.host.is_some());
            assert_eq!(request_line_host(line), host, "{line:?}");
        }
        assert_eq!(request_line_host("POST https://graph.microsoft.com/v1.0/me"), Some(true));
        assert_eq!(request_line_host("GET /me"), Some(false));
    }

    proptest::proptest! {
        #[test]
        fn the_quick_check_agrees_with_the_parse_on_any_line(
            line in "[ \t]{0,2}(GET|POST|PATCH|get|DELETE|HTTP)?[ `/{}<>()\\[\\]?'\"a-z0-9|:.=é\t-]{0,30}|(GET|POST) (https?|HTTPS)://[a-z.]{0,12}(/[a-z0-9.{}]{0,8}){0,3}"
        ) {
            proptest::prop_assert_eq!(is_request_line(&line), parse_request_line(&line).is_some());
            let host = parse_request_line(&line).map(|r| r.host.is_some());
            proptest::prop_assert_eq!(request_line_host(&line), host);
        }
    }

    /// `/users/{id}` → `{user-id}`: the collection rule.
    #[test]
    fn names_collection_keys_after_their_segment() {
        let line = "GET /users/{id | userPrincipalName}/messages/{id}";
        assert_eq!(path(line), "/users/{user-id}/messages/{message-id}");
        let r = parse(line);
        assert_eq!(r.params[0].written, "{id | userPrincipalName}");
        assert_eq!(r.params[0].alternatives, ["id", "userPrincipalName"]);
        assert_eq!(r.params[1].alternatives, Vec::<String>::new());
        assert_eq!(r.params[0].kind, ParamKind::Segment);
        assert!(r.issues.is_empty());
        assert_eq!(
            path("GET /me/mailFolders/{id}/childFolders/{id}"),
            "/me/mailFolders/{mailFolder-id}/childFolders/{childFolder-id}"
        );
        assert_eq!(path("GET /policies/{id}"), "/policies/{policy-id}");
        assert_eq!(path("GET /addresses/{id}"), "/addresses/{address-id}");
        assert_eq!(path("GET /sites/{site-id}"), "/sites/{site-id}");
        assert_eq!(path("GET /teams/{id}/schedule/timesOff/{id}"), "/teams/{team-id}/schedule/timesOff/{timeOff-id}");
        assert_eq!(path("GET /worksheets/{id|name}"), "/worksheets/{worksheet-id}");
    }

    /// Singular forms of collection names.
    #[test]
    fn singularizes_the_last_word() {
        let cases = [
            ("users", "user"),
            ("policies", "policy"),
            ("addresses", "address"),
            ("mailboxes", "mailbox"),
            ("searches", "search"),
            ("managedAppStatuses", "managedAppStatus"),
            ("relevantPeople", "relevantPerson"),
            ("timesOff", "timeOff"),
            ("organization", "organization"),
            ("access", "access"),
            ("status", "status"),
            ("s", "s"),
        ];
        for (plural, single) in cases {
            assert_eq!(singular(plural), single, "{plural}");
        }
    }

    /// Outside the collection rule the written name stays, separators become `-`.
    #[test]
    fn other_placeholders_keep_their_written_name_in_kebab_case() {
        assert_eq!(names("GET /{accessReviewScheduleDefinitionId}"), ["accessReviewScheduleDefinitionId"]);
        assert_eq!(names("GET /me/drive/root:/{path and filename}:/content"), ["path-and-filename"]);
        assert_eq!(names("GET /x/{a}{b_c}"), ["a", "b-c"]);
        assert_eq!(names("GET /directoryRoles/roleTemplateId={roleTemplateId}"), ["roleTemplateId"]);
        // After a non-identifier segment (a cast, `$ref`, a placeholder) there is no collection.
        assert_eq!(names("GET /groups/{id}/microsoft.graph.group/{key}"), ["group-id", "key"]);
        assert_eq!(names("GET /a/{x}/{y.z!}"), ["a-id", "y.z"]);
    }

    /// Repeated names get `-2`, `-3`; names only use `[A-Za-z0-9._-]`.
    #[test]
    fn names_are_unique_and_valid() {
        assert_eq!(
            path("GET /childFolders/{id}/childFolders/{id}/childFolders/{id}"),
            "/childFolders/{childFolder-id}/childFolders/{childFolder-id-2}/childFolders/{childFolder-id-3}"
        );
        assert_eq!(names("GET /{x}/{x}/{x-2}"), ["x", "x-2", "x-2-2"]);
        for n in names("GET /{ä ö}/{$top}/{..a..}/{a--b}") {
            assert!(!n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)), "{n}");
        }
    }

    /// `range(address='<address>')` → `range(address='{address}')`.
    #[test]
    fn function_arguments_are_named_after_their_key() {
        let line = "POST /me/drive/root:/{item-path}:/workbook/worksheets/{id|name}/range(address='<address>')/clear";
        assert_eq!(
            path(line),
            "/me/drive/root:/{item-path}:/workbook/worksheets/{worksheet-id}/range(address='{address}')/clear"
        );
        let r = parse(line);
        assert_eq!(
            r.params[2].kind,
            ParamKind::FunctionArgument { function: "range".into(), key: Some("address".into()) }
        );
        assert_eq!(r.params[2].written, "<address>");
        let line = "GET /reports/getEmailActivityUserDetail(period='{period_value}')";
        assert_eq!(path(line), "/reports/getEmailActivityUserDetail(period='{period}')");
        assert_eq!(path("GET /x/cell(row=<row>, column = <column>)"), "/x/cell(row={row},column={column})");
        assert_eq!(path("GET /x/f(a='{v}',b='{w}')"), "/x/f(a='{a}',b='{b}')");
    }

    /// `image(width=640)` is what the doc declares.
    #[test]
    fn literal_arguments_stay_literal() {
        assert_eq!(path("GET /charts/{name}/image(width=640)"), "/charts/{chart-id}/image(width=640)");
        assert_eq!(path("GET /d/filterByCurrentUser(on='reviewer')"), "/d/filterByCurrentUser(on='reviewer')");
        assert_eq!(
            path("GET /me/drive/root/search(q='Contoso Project')"),
            "/me/drive/root/search(q='Contoso Project')"
        );
        assert_eq!(path("GET /me/drive/root/delta()"), "/me/drive/root/delta()");
        assert_eq!(path("GET /me/drive/root/delta"), "/me/drive/root/delta");
        assert!(parse("GET /d/filterByCurrentUser(on='reviewer')").params.is_empty());
    }

    /// `users('{id}')` is a key lookup on `users`.
    #[test]
    fn positional_arguments() {
        let r = parse("GET /users('{id}')/messages");
        assert_eq!(r.path, "/users('{user-id}')/messages");
        assert_eq!(r.params[0].kind, ParamKind::FunctionArgument { function: "users".into(), key: None });
        assert_eq!(path("GET /x/range(<address>)/format"), "/x/range({address})/format");
        assert_eq!(kinds("GET /me/events('AAMkAGE1M2_bs88AACbuFiiAAA=')"), [IssueKind::LiteralId]);
    }

    /// `startDateTime=startDateTime-value` is a placeholder without braces.
    #[test]
    fn unbraced_argument_placeholders() {
        let line = "GET /me/reminderView(startDateTime=startDateTime-value,endDateTime=endDateTime-value)";
        assert_eq!(path(line), "/me/reminderView(startDateTime={startDateTime},endDateTime={endDateTime})");
        assert_eq!(at(line, IssueKind::UnbracedPlaceholder), "startDateTime-value");
        assert_eq!(parse(line).params[0].written, "startDateTime-value");
    }

    /// `range(address='<address>'/entireRow` closes before `/entireRow`.
    #[test]
    fn unclosed_parenthesis_closes_at_next_slash() {
        let line = "GET /worksheets/{id}/range(address='<address>'/entireRow";
        assert_eq!(path(line), "/worksheets/{worksheet-id}/range(address='{address}')/entireRow");
        assert_eq!(at(line, IssueKind::UnbalancedBrackets), "(address='<address>'");
        assert_eq!(kinds("GET /a/b)c"), [IssueKind::UnbalancedBrackets]);
        assert_eq!(kinds("GET /a/{b"), [IssueKind::UnbalancedBrackets]);
    }

    /// `root:/{item-path}:` stays; its placeholders are drive paths.
    #[test]
    fn drive_paths_keep_their_shape() {
        let r = parse("GET /drives/{drive-id}/items/{parent-id}:/{filename}:/content");
        assert_eq!(r.path, "/drives/{drive-id}/items/{item-id}:/{filename}:/content");
        assert_eq!(r.params[1].written, "{parent-id}");
        assert_eq!(r.params[2].kind, ParamKind::DrivePath);
        let r = parse("GET /me/drive/root:/{item-path}");
        assert_eq!(r.path, "/me/drive/root:/{item-path}");
        assert_eq!(r.params[0].kind, ParamKind::DrivePath);
        assert_eq!(
            path("GET /me/drive/root:/FolderA/FileB.txt:/content"),
            "/me/drive/root:/FolderA/FileB.txt:/content"
        );
        assert_eq!(names("GET /sites/{hostname}:/{server-relative-path}"), ["site-id", "server-relative-path"]);
        // A channel id with a colon inside is no drive path.
        assert_eq!(names("GET /teams/{id}/channels/19:abc@thread.v2/messages/{id}"), ["team-id", "message-id"]);
    }

    /// Casts, `$ref`, `$value`, `$count` stay as written.
    #[test]
    fn casts_and_odata_segments_stay() {
        let line = "GET /groups/{id}/members/microsoft.graph.user/$count";
        assert_eq!(path(line), "/groups/{group-id}/members/microsoft.graph.user/$count");
        assert!(parse(line).issues.is_empty());
        assert_eq!(path("DELETE /groups/{id}/owners/{id}/$ref"), "/groups/{group-id}/owners/{owner-id}/$ref");
        assert_eq!(path("GET /me/photo/$value"), "/me/photo/$value");
    }

    /// `/.../` stays and is reported.
    #[test]
    fn recursion_marker() {
        let line = "GET /me/mailFolders/{id}/childFolders/{id}/.../messages/{id}";
        assert_eq!(
            path(line),
            "/me/mailFolders/{mailFolder-id}/childFolders/{childFolder-id}/.../messages/{message-id}"
        );
        assert_eq!(at(line, IssueKind::RecursionMarker), "...");
    }

    /// Scheme, host and version are recorded and removed from the path.
    #[test]
    fn full_urls_hosts_and_versions() {
        let line = "GET https://graph.microsoft.com/v1.0/sites/{site-id}/lists?$expand=columns";
        let r = parse(line);
        assert_eq!(r.path, "/sites/{site-id}/lists");
        assert_eq!(r.host.as_deref(), Some("graph.microsoft.com"));
        assert_eq!(r.version.as_deref(), Some("v1.0"));
        assert_eq!(r.query.as_deref(), Some("$expand=columns"));
        assert_eq!(r.written, "https://graph.microsoft.com/v1.0/sites/{site-id}/lists?$expand=columns");
        assert_eq!(kinds(line), [IssueKind::HostInDeclaration]);
        assert_eq!(at(line, IssueKind::HostInDeclaration), "https://graph.microsoft.com");
        let r = parse("GET https://graph.microsoft.com/V1.0/chats/{id}");
        assert_eq!((r.path.as_str(), r.version.as_deref()), ("/chats/{chat-id}", Some("V1.0")));
        assert_eq!(path("GET https://graph.microsoft.com/beta"), "/");
        let line = "PUT https://sn3302.up.1drv.com/up/fe6987415ace7X4e1eF866337";
        assert_eq!(at(line, IssueKind::ForeignHost), "sn3302.up.1drv.com");
        assert_eq!(path(line), "/up/fe6987415ace7X4e1eF866337");
        let line = "GET /beta/teams/{id}/photo/$value";
        assert_eq!(path(line), "/teams/{team-id}/photo/$value");
        assert_eq!(at(line, IssueKind::VersionPrefix), "beta");
        assert!(!is_graph_host("graph.microsoft.com.evil:8080"));
        assert!(is_graph_host("graph.microsoft-ppe.com"));
    }

    /// Missing or extra slashes, `~`, and a method glued to the path.
    #[test]
    fn leading_and_trailing_repairs() {
        let line = "GET policies/activityBasedTimeoutPolicies";
        assert_eq!(path(line), "/policies/activityBasedTimeoutPolicies");
        assert_eq!(kinds(line), [IssueKind::MissingLeadingSlash]);
        let line = "GET ~/onPremisesPublishingProfiles/{publishingType}/";
        assert_eq!(path(line), "/onPremisesPublishingProfiles/{onPremisesPublishingProfile-id}");
        assert_eq!(kinds(line), [IssueKind::TildePrefix, IssueKind::TrailingSlash]);
        assert_eq!(at(line, IssueKind::TildePrefix), "~");
        let line = "DELETE /groups//{id}//";
        assert_eq!(path(line), "/groups/{group-id}");
        assert_eq!(kinds(line), [IssueKind::DoubleSlash, IssueKind::TrailingSlash]);
        assert_eq!(at(line, IssueKind::DoubleSlash), "//");
        assert_eq!(at(line, IssueKind::TrailingSlash), "//");
        assert_eq!(path("GET /"), "/");
        assert!(parse("GET /").issues.is_empty());
        assert_eq!(kinds("GET //"), [IssueKind::DoubleSlash]);
        let line = "DELETE/identity/b2xUserFlows/{id}";
        assert_eq!(path(line), "/identity/b2xUserFlows/{b2xUserFlow-id}");
        assert_eq!(at(line, IssueKind::NoSpaceAfterMethod), "DELETE/");
        assert_eq!(parse(line).written_start, 6);
    }

    /// Prose, `HTTP/1.1`, backticks and the query string leave the path.
    #[test]
    fn trailing_text_and_query() {
        let line = "  GET /me/events HTTP/1.1";
        let r = parse(line);
        assert_eq!((r.path.as_str(), r.written.as_str(), r.written_start), ("/me/events", "/me/events", 6));
        let r = parse("GET /me/events   (see below)");
        assert_eq!(r.written, "/me/events");
        let r = parse("GET /security/alerts?$filter={property} eq '{property-value}' HTTP/1.1");
        assert_eq!(r.path, "/security/alerts");
        assert_eq!(r.query.as_deref(), Some("$filter={property} eq '{property-value}'"));
        assert!(r.params.is_empty());
        let line = "GET `/me/messages`";
        let r = parse(line);
        assert_eq!((r.path.as_str(), r.written.as_str()), ("/me/messages", "/me/messages"));
        assert_eq!(at(line, IssueKind::Backticks), "`");
        assert_eq!(&line[r.written_start..r.written_start + r.written.len()], r.written);
    }

    /// `content[?includeIDs=true]`: an optional query, not part of the path.
    #[test]
    fn bracketed_query() {
        let line = "GET /me/onenote/pages/{id}/content[?includeIDs=true]";
        let r = parse(line);
        assert_eq!(r.path, "/me/onenote/pages/{page-id}/content");
        assert_eq!(r.query.as_deref(), Some("includeIDs=true"));
        assert_eq!(r.written, "/me/onenote/pages/{id}/content[?includeIDs=true]");
        assert_eq!(at(line, IssueKind::BracketedQuery), "[?includeIDs=true]");
    }

    /// `{user-id} | user-principal-name` is one placeholder.
    #[test]
    fn pipe_outside_braces_is_folded() {
        let line = "GET /users/{user-id} | user-principal-name/chats/{chat-id}/members/{membership-id}";
        let r = parse(line);
        assert_eq!(r.path, "/users/{user-id}/chats/{chat-id}/members/{member-id}");
        assert_eq!(r.params[0].written, "{user-id} | user-principal-name");
        assert_eq!(r.params[0].alternatives, ["user-id", "user-principal-name"]);
        assert_eq!(at(line, IssueKind::PipeOutsideBraces), " | user-principal-name");
        assert_eq!(r.written, &line[4..]);
    }

    /// `(team-id)`, `'{id}'` and `<id>` segments become `{name}`.
    #[test]
    fn mistyped_placeholders() {
        let line = "PATCH /teams/(team-id)/channels/{channel-id}";
        assert_eq!(path(line), "/teams/{team-id}/channels/{channel-id}");
        assert_eq!(at(line, IssueKind::ParenthesisedPlaceholder), "(team-id)");
        assert_eq!(parse(line).params[0].written, "(team-id)");
        let line = "GET /informationProtection/bitlocker/recoveryKeys/'{bitlockeryRecoveryKeyId}'";
        assert_eq!(path(line), "/informationProtection/bitlocker/recoveryKeys/{recoveryKey-id}");
        assert_eq!(at(line, IssueKind::QuotedSegment), "'{bitlockeryRecoveryKeyId}'");
        assert_eq!(parse(line).params[0].written, "'{bitlockeryRecoveryKeyId}'");
        assert_eq!(path("GET /a/x'{id}'y"), "/a/x{id}y");
        let line = "DELETE /users/<id | userPrincipalName>/events/<id>";
        assert_eq!(path(line), "/users/{user-id}/events/{event-id}");
        assert_eq!(kinds(line), [IssueKind::AngleBracketPlaceholder; 2]);
        assert_eq!(parse(line).params[0].alternatives, ["id", "userPrincipalName"]);
    }

    /// Whitespace inside names, empty placeholders.
    #[test]
    fn placeholder_oddities() {
        let line = "GET /organization/{tenant id}/branding";
        assert_eq!(path(line), "/organization/{organization-id}/branding");
        assert_eq!(at(line, IssueKind::WhitespaceInPlaceholder), "{tenant id}");
        assert!(kinds("GET /users/{id | userPrincipalName}").is_empty());
        let line = "GET /a/{}/b/<>";
        assert_eq!(path(line), "/a/{a-id}/b/{b-id}");
        assert_eq!(
            kinds(line),
            [IssueKind::EmptyPlaceholder, IssueKind::AngleBracketPlaceholder, IssueKind::EmptyPlaceholder]
        );
        assert_eq!(names("GET /{}"), ["param"]);
    }

    /// Literal ids and hosts stay in the path but are reported; names are not ids.
    #[test]
    fn literal_ids_and_hosts() {
        let line = "GET /education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments";
        assert_eq!(path(line), "/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments");
        assert_eq!(at(line, IssueKind::LiteralId), "acdefc6b-2dc6-4e71-b1e9-6d9810ab1793");
        for id in [
            "AAMkAGUzY5QKgAAA=",
            "kim@contoso.com",
            "1616963377068",
            "19:4a95f7d8db@thread.tacv2",
            "TSP228082938",
            "_jpuR-TGZtk6aQCLF3BQjA2",
            // Without a digit: an address, a base64 key.
            "megan@contoso.com",
            "QUJDREVGRw==",
        ] {
            assert_eq!(kinds(&format!("GET /x/{id}")), [IssueKind::LiteralId], "{id}");
        }
        for name in [
            "oauth2PermissionGrants",
            "getOffice365ActivationCounts",
            "B2X_1_Partner",
            "microsoft-application-admin",
            "fido2Methods",
            "messages",
        ] {
            assert!(kinds(&format!("GET /x/{name}")).is_empty(), "{name}");
        }
        assert_eq!(at("GET /domains/contoso.com/serviceConfigurationRecords", IssueKind::LiteralHost), "contoso.com");
        assert_eq!(kinds("GET /sites/contoso.sharepoint.com"), [IssueKind::LiteralHost]);
        assert!(kinds("GET /groups/microsoft.graph.group").is_empty());
    }

    /// A canonical path parses to itself with the same names (the model re-reads canonical paths).
    #[test]
    fn canonical_paths_are_fixed_points() {
        for line in [
            "GET /users/{id | userPrincipalName}/mailFolders/{id}/childFolders/{id}/childFolders/{id}",
            "POST /me/drive/root:/{item-path}:/workbook/worksheets/{id|name}/range(address='<address>')/clear",
            "GET /users('{id}')/x(a={b},c='d e')/{hostname}:/{p}:/y",
            "GET /me/reminderView(startDateTime=startDateTime-value)/{x}/{x}",
            "PATCH /teams/(team-id)/recoveryKeys/'{k}'/roleTemplateId={r}/.../$ref",
        ] {
            let r = parse(line);
            let again = parse(&format!("{} {}", r.method, r.path));
            assert_eq!(again.path, r.path);
            let names = |x: &RequestLine| x.params.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
            assert_eq!(names(&again), names(&r), "{line}");
        }
    }

    /// The JSON shape other stages snapshot.
    #[test]
    fn serializes_kebab_case() {
        let r = parse("GET /users('{id}')/x/{y}");
        let json = serde_json::to_string(&r.params).unwrap_or_default();
        assert!(json.contains(r#""kind":{"function-argument":{"function":"users"}}"#), "{json}");
        assert!(json.contains(r#""kind":"segment""#), "{json}");
        assert_eq!(
            serde_json::to_string(&IssueKind::PipeOutsideBraces).unwrap_or_default(),
            r#""pipe-outside-braces""#
        );
    }

    /// Every kind has its own lower-case description.
    #[test]
    fn every_issue_kind_is_described_in_lower_case() {
        use IssueKind::*;
        let all = [
            AngleBracketPlaceholder,
            ParenthesisedPlaceholder,
            QuotedSegment,
            PipeOutsideBraces,
            MissingLeadingSlash,
            TrailingSlash,
            DoubleSlash,
            HostInDeclaration,
            ForeignHost,
            VersionPrefix,
            TildePrefix,
            LiteralId,
            LiteralHost,
            UnbalancedBrackets,
            WhitespaceInPlaceholder,
            RecursionMarker,
            NoSpaceAfterMethod,
            EmptyPlaceholder,
            UnbracedPlaceholder,
            BracketedQuery,
            Backticks,
        ];
        let texts: HashSet<&str> = all.iter().map(IssueKind::describe).collect();
        assert_eq!(texts.len(), all.len());
        for d in texts {
            assert!(!d.is_empty() && d == d.to_lowercase(), "{d}");
        }
    }

    /// A deterministic xorshift generator, so failures reproduce.
    struct Rng(u64);

    /// Xorshift64.
    impl Rng {
        /// The next value.
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        /// A value in `0..n`.
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// What must hold for any input: valid ranges, unique valid names, `written` in the line.
    fn check_invariants(line: &str) {
        let Some(r) = parse_request_line(line) else {
            return;
        };
        assert!(r.path.starts_with('/'), "{line:?} -> {}", r.path);
        assert_eq!(line.get(r.written_start..r.written_start + r.written.len()), Some(r.written.as_str()), "{line:?}");
        for i in &r.issues {
            assert!(i.start <= i.end && i.end <= line.len(), "{line:?} {i:?}");
            assert!(line.is_char_boundary(i.start) && line.is_char_boundary(i.end), "{line:?} {i:?}");
        }
        let mut seen = HashSet::default();
        for p in &r.params {
            assert!(seen.insert(p.name.clone()), "duplicate {} in {line:?}", p.name);
            assert!(
                !p.name.is_empty() && p.name.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)),
                "{line:?}"
            );
            // (Only for short lines: the search itself would be quadratic on pathological ones.)
            assert!(r.params.len() > 50 || r.path.contains(&format!("{{{}}}", p.name)), "{line:?}");
        }
    }

    /// Mutated lines never panic and keep the invariants.
    #[test]
    fn fuzz_never_panics() {
        const SEEDS: [&str; 8] = [
            "GET /users/{id | userPrincipalName}/messages/{id}",
            "POST /me/drive/root:/{item-path}:/workbook/worksheets/{id|name}/range(address='<address>')/clear",
            "GET /reports/getEmailActivityUserDetail(period='{period_value}')",
            "GET https://graph.microsoft.com/v1.0/sites/{site-id}/lists?$expand=columns",
            "GET /users/{user-id} | user-principal-name/chats/{chat-id}",
            "PATCH /teams/(team-id)/channels/{channel-id} HTTP/1.1",
            "DELETE/recoveryKeys/'{id}'/x[?a=b]",
            "GET ~/a//b/.../c/ `x`",
        ];
        const PIECES: [&str; 30] = [
            "{", "}", "<", ">", "(", ")", "[", "]", "'", "\"", "/", ":", "|", " ", "?", "~", "`", ",", "=", "é", "€",
            "\u{a0}", "{id}", "http://", "HTTP/1.1", "v1.0", "...", "-value", "\t", "😀",
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..5000 {
            let mut s: Vec<char> = SEEDS[rng.below(SEEDS.len())].chars().collect();
            for _ in 0..1 + rng.below(6) {
                let at = rng.below(s.len() + 1);
                match rng.below(3) {
                    0 => s.splice(at..at, PIECES[rng.below(PIECES.len())].chars()).for_each(drop),
                    1 if at < s.len() => drop(s.remove(at)),
                    _ => s.truncate(at.max(3)),
                }
            }
            let line: String = s.into_iter().collect();
            check_invariants(&line);
        }
    }

    /// Long pathological lines finish quickly (no quadratic walks).
    #[test]
    fn pathological_lines_stay_linear() {
        let n = 20_000;
        for unit in ["/(", "{", "<", "('", "/{x}", "/a'{b}'", "(a=(", "{a} | b", "/x/", "((/", "[?", "/users/{id}"] {
            let line = format!("GET /{}", unit.repeat(n));
            let start = std::time::Instant::now();
            check_invariants(&line);
            // Quadratic work on 20k repetitions would take minutes, not milliseconds.
            assert!(start.elapsed().as_secs() < 5, "{unit}");
        }
    }
}
