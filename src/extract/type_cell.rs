//! Reads a table's Type cell into a primitive kind or a named type reference.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// What a Type cell says: one type (plus alternatives), whether it is a collection, where it links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeCell {
    /// The type the cell names (the first one when it offers alternatives).
    pub ty: TypeExpr,
    /// The cell says `collection`, `Collection(…)` or `Collection of …`.
    pub collection: bool,
    /// Link target as written (URL, without the `#anchor`), when the type came from a link.
    pub link: Option<String>,
    /// The `#anchor` of the link, if any (enum sections: `calendarpermission.md#calendarroletype-values`).
    pub anchor: Option<String>,
    /// Other types offered as alternatives (`[a](a.md) or [b](b.md)`): the first is `ty`, the rest here.
    pub alternatives: Vec<TypeExpr>,
    /// What needed interpretation, in the order it was met.
    pub issues: Vec<TypeIssue>,
}

/// A type as a cell names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeExpr {
    /// A primitive (`String`, `Edm.Int32`, `GUID`, …).
    Primitive(Primitive),
    /// A named model type: `name` as written in the link text / identifier, without namespace;
    /// `namespace` when qualified ("microsoft.graph"), e.g. `microsoft.graph.callRecords.session`.
    Named {
        /// The simple name, as written.
        name: String,
        /// The namespace, when the cell qualifies the name.
        namespace: Option<String>,
    },
    /// Nothing usable (empty cell, prose): the trimmed text.
    Unknown(String),
}

/// The primitive kinds the docs use, named after their `Edm.` counterparts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Primitive {
    /// `Edm.String` (also `url`).
    String,
    /// `Edm.Boolean` (also `bool`).
    Boolean,
    /// `Edm.Byte`.
    Byte,
    /// `Edm.SByte`.
    SByte,
    /// `Edm.Int16`.
    Int16,
    /// `Edm.Int32` (also `int`, `Integer`).
    Int32,
    /// `Edm.Int64` (also `long`).
    Int64,
    /// `Edm.Single` (also `Float`).
    Single,
    /// `Edm.Double` (also the JSON word `number`).
    Double,
    /// `Edm.Decimal` (also `numeric`).
    Decimal,
    /// `Edm.DateTimeOffset` (also `DateTime`, `timestamp`).
    DateTimeOffset,
    /// `Edm.Date`.
    Date,
    /// `Edm.TimeOfDay`.
    TimeOfDay,
    /// `Edm.Duration`.
    Duration,
    /// `Edm.Guid`.
    Guid,
    /// `Edm.Binary`.
    Binary,
    /// `Edm.Stream`.
    Stream,
    /// Arbitrary JSON: `Json`, `Object`, `JSON object` (`Edm.Untyped`).
    Json,
}

impl Primitive {
    /// The OData name: `Edm.String`, …, `Edm.Untyped` for [`Primitive::Json`].
    pub fn edm_name(self) -> &'static str {
        match self {
            Primitive::String => "Edm.String",
            Primitive::Boolean => "Edm.Boolean",
            Primitive::Byte => "Edm.Byte",
            Primitive::SByte => "Edm.SByte",
            Primitive::Int16 => "Edm.Int16",
            Primitive::Int32 => "Edm.Int32",
            Primitive::Int64 => "Edm.Int64",
            Primitive::Single => "Edm.Single",
            Primitive::Double => "Edm.Double",
            Primitive::Decimal => "Edm.Decimal",
            Primitive::DateTimeOffset => "Edm.DateTimeOffset",
            Primitive::Date => "Edm.Date",
            Primitive::TimeOfDay => "Edm.TimeOfDay",
            Primitive::Duration => "Edm.Duration",
            Primitive::Guid => "Edm.Guid",
            Primitive::Binary => "Edm.Binary",
            Primitive::Stream => "Edm.Stream",
            Primitive::Json => "Edm.Untyped",
        }
    }

    /// The spelling the docs should use: the `Edm.` name without its prefix, `Json` for JSON.
    pub fn name(self) -> &'static str {
        match self {
            Primitive::Json => "Json",
            p => &p.edm_name()[4..],
        }
    }

    /// Reads a primitive name in any spelling the docs use: case-insensitive, with or without
    /// `Edm.`, and the synonyms `int`, `Integer`, `bool`, `DateTime`, `Float`, `numeric`, `url`,
    /// `Object`, `JSON object`, … `None` for anything else (type names, qualified names).
    pub fn from_name(s: &str) -> Option<Primitive> {
        let s = s.trim_ascii();
        let s = match s.get(..4) {
            Some(p) if p.eq_ignore_ascii_case("edm.") => &s[4..],
            _ => s,
        };
        // Lower-case into a stack buffer: this runs for every cell, so no allocation.
        let mut buf = [0u8; 24];
        let bytes = s.as_bytes();
        if bytes.is_empty() || bytes.len() > buf.len() {
            return None;
        }
        for (b, c) in buf.iter_mut().zip(bytes) {
            *b = c.to_ascii_lowercase();
        }
        let lower = &buf[..bytes.len()];
        Some(match lower {
            b"string" | b"str" | b"url" | b"uri" => Primitive::String,
            b"boolean" | b"bool" => Primitive::Boolean,
            b"byte" => Primitive::Byte,
            b"sbyte" => Primitive::SByte,
            b"int16" | b"short" => Primitive::Int16,
            b"int32" | b"int" | b"integer" => Primitive::Int32,
            b"int64" | b"long" => Primitive::Int64,
            b"single" | b"float" => Primitive::Single,
            b"double" | b"number" => Primitive::Double,
            b"decimal" | b"numeric" => Primitive::Decimal,
            b"datetimeoffset" | b"datetime" | b"timestamp" => Primitive::DateTimeOffset,
            b"date" => Primitive::Date,
            b"timeofday" | b"time" => Primitive::TimeOfDay,
            b"duration" | b"timespan" => Primitive::Duration,
            b"guid" | b"uuid" => Primitive::Guid,
            b"binary" => Primitive::Binary,
            b"stream" => Primitive::Stream,
            b"json" | b"object" | b"json object" | b"untyped" | b"untyped json object" => Primitive::Json,
            _ => return None,
        })
    }
}

/// One thing about a cell that needed interpretation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeIssue {
    /// What it was.
    pub kind: TypeIssueKind,
}

/// The kinds of [`TypeIssue`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeIssueKind {
    /// A primitive spelled other than canonically (`string`, `GUID`, `int`, `DateTime`).
    NonCanonicalSpelling {
        /// The spelling in the cell (without any `Edm.` prefix).
        written: String,
        /// The canonical spelling ([`Primitive::name`]).
        canonical: std::borrow::Cow<'static, str>,
    },
    /// A primitive written with its `Edm.` prefix.
    EdmPrefix,
    /// A link with no closing parenthesis: `[x](x.md`.
    BrokenLink,
    /// Text after the type: `(optional)`, `(url)`, `resource`, `. Holds grades …`.
    TrailingText(String),
    /// Text before the type: `(Optional) String`.
    LeadingText(String),
    /// Several types offered: `[a](a.md) or [b](b.md)`, `string/number`.
    Alternatives,
    /// The type was in a code span.
    Backticked,
    /// The type was bold (`**x**`).
    Bold,
    /// The type was in italics (`*x*`, `_x_`).
    Italic,
    /// A reference-style link (`[x][]`, `[x][label]`, `[x]`) whose label has no definition.
    ReferenceLinkUnresolved(String),
    /// The link text and the linked file name differ (ignoring case) although the file looks like
    /// a plain type page; informational, since the link text is the type name. Not reported when
    /// the text only adds a prefix (`[workbookChartFill](chartfill.md)`, a workbook convention).
    LinkTextDiffersFromFile {
        /// The link text.
        text: String,
        /// The linked file's stem.
        file: String,
    },
    /// A name that cannot be a known type: the generator's ``** Unknown Type `x` **`` marker, or
    /// an `Edm.` name that is no primitive. Holds the name.
    UnknownType(String),
    /// The cell is prose that names no type (`see below`, `application/json`). Holds the text.
    Prose(String),
    /// The cell is empty.
    Empty,
    /// The cell holds HTML: tags (`<br>`), comments or entities (`&lt;`, `&nbsp;`).
    HtmlInCell,
    /// The cell held `collection` more than once or in two forms (`Collection(x) collection`).
    RepeatedCollection,
    /// `Collection(X` with no closing parenthesis.
    UnclosedParenthesis,
}

/// Reads a Type cell. `cell` is the raw Markdown of the cell (trimmed or not); `reference(label)`
/// resolves a reference-style link label to its URL (case-insensitive lookup is the caller's job).
/// Never fails: what cannot be read becomes [`TypeExpr::Unknown`] with an issue.
pub fn parse_type_cell(cell: &str, reference: &dyn Fn(&str) -> Option<String>) -> TypeCell {
    let mut issues = Vec::new();
    let text = clean(cell, &mut issues);
    let text = text.trim_ascii();
    let mut out = TypeCell {
        ty: TypeExpr::Unknown(String::new()),
        collection: false,
        link: None,
        anchor: None,
        alternatives: Vec::new(),
        issues,
    };
    if text.is_empty() {
        out.issues.push(issue(TypeIssueKind::Empty));
        return out;
    }
    // Fast path for the common case (`String`, `Int32`, and the multi-word `JSON object`).
    if let Some(p) = Primitive::from_name(text) {
        spelling_issues(text, p, &mut out.issues);
        out.ty = TypeExpr::Primitive(p);
        return out;
    }
    // Fast path for a bare name (`importance`): most non-primitive cells without a link.
    let b = text.as_bytes();
    if (b[0].is_ascii_alphabetic() || b[0] == b'_')
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
        && !NOT_TYPES.iter().any(|w| w.eq_ignore_ascii_case(text))
    {
        out.ty = TypeExpr::Named { name: text.to_string(), namespace: None };
        return out;
    }
    let mut p = Parser { s: text, pos: 0, reference, issues: out.issues, depth: 0 };
    let parsed = p.cell();
    out.issues = p.issues;
    match parsed {
        Some(cell) => {
            out.ty = cell.first.ty;
            out.collection = cell.first.collection;
            out.link = cell.first.link;
            out.anchor = cell.first.anchor;
            out.alternatives = cell.alternatives;
        }
        None => {
            out.ty = TypeExpr::Unknown(text.to_string());
            out.issues.push(issue(TypeIssueKind::Prose(text.to_string())));
        }
    }
    out
}

/// Wraps an issue kind (the struct leaves room for a position later).
fn issue(kind: TypeIssueKind) -> TypeIssue {
    TypeIssue { kind }
}

/// Notes an `Edm.` prefix and a non-canonical spelling of primitive `p` written as `written`.
fn spelling_issues(written: &str, p: Primitive, issues: &mut Vec<TypeIssue>) {
    let bare = match written.get(..4) {
        Some(prefix) if prefix.eq_ignore_ascii_case("edm.") => {
            issues.push(issue(TypeIssueKind::EdmPrefix));
            &written[4..]
        }
        _ => written,
    };
    if bare != p.name() {
        issues
            .push(issue(TypeIssueKind::NonCanonicalSpelling { written: bare.to_string(), canonical: p.name().into() }));
    }
}

/// Removes the markup that never changes the type: emphasis, code spans, HTML tags and
/// entities, escapes, NBSP and ZWSP. Borrows when there is nothing to remove (the usual case).
fn clean<'a>(cell: &'a str, issues: &mut Vec<TypeIssue>) -> Cow<'a, str> {
    let trimmed = cell.trim_ascii();
    let needs_work =
        trimmed.bytes().any(|b| matches!(b, b'\\' | b'&' | b'<' | b'*' | b'`' | b'\t' | b'\n' | b'\r') || b >= 0x80)
            || (trimmed.starts_with('_') && trimmed.ends_with('_') && trimmed.len() > 1);
    if !needs_work {
        return Cow::Borrowed(trimmed);
    }
    let (mut html, mut bold, mut italic, mut code) = (false, false, false, false);
    let mut out = String::with_capacity(trimmed.len());
    let mut rest = trimmed;
    while let Some(c) = rest.chars().next() {
        let mut step = c.len_utf8();
        match c {
            '\\' => {
                // A backslash escape (`\|`, `\_`) stands for the character itself.
                match rest[1..].chars().next() {
                    Some(n) if n.is_ascii_punctuation() => {
                        out.push(n);
                        step = 2;
                    }
                    _ => out.push('\\'),
                }
            }
            '&' => match entity(rest) {
                Some((decoded, len)) => {
                    html = true;
                    out.push(decoded);
                    step = len;
                }
                None => out.push('&'),
            },
            '<' => match tag_len(rest) {
                Some(len) => {
                    html = true;
                    out.push(' ');
                    step = len;
                }
                None => out.push('<'),
            },
            '*' => {
                if rest.starts_with("**") {
                    bold = true;
                    step = 2;
                } else {
                    italic = true;
                }
            }
            '`' => code = true,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' => {}
            // NBSP, tabs and other spaces: the parser only knows ASCII space.
            c if c.is_whitespace() => out.push(' '),
            _ => out.push(c),
        }
        rest = &rest[step..];
    }
    // `_x_` emphasis around the whole cell; inner underscores belong to names (`tuple_2of…`).
    let t = out.trim_ascii();
    if t.len() > 2 && t.starts_with('_') && t.ends_with('_') && !t[1..t.len() - 1].contains('_') {
        italic = true;
        out = t[1..t.len() - 1].to_string();
    }
    // Collapse the runs of spaces that removed markup leaves behind.
    if out.contains("  ") {
        out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let flags = [
        (html, TypeIssueKind::HtmlInCell),
        (bold, TypeIssueKind::Bold),
        (italic, TypeIssueKind::Italic),
        (code, TypeIssueKind::Backticked),
    ];
    issues.extend(flags.into_iter().filter(|f| f.0).map(|f| issue(f.1)));
    Cow::Owned(out)
}

/// An HTML entity at the start of `s`: the character it stands for and the entity's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let name = &s[1..end];
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "zwsp" | "shy" => '\u{200b}',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            match char::from_u32(code)? {
                '\u{a0}' => ' ',
                c => c,
            }
        }
    };
    // A decoded zero-width space separates words like a space (the parser reads ASCII only).
    let c = if c == '\u{200b}' { ' ' } else { c };
    Some((c, end + 1))
}

/// The length of an HTML tag or comment at the start of `s` (`<br>`, `<br/>`, `</p>`, `<!-- -->`).
fn tag_len(s: &str) -> Option<usize> {
    if let Some(body) = s.strip_prefix("<!--") {
        return Some(body.find("-->").map_or(s.len(), |i| i + 4 + 3));
    }
    let body = s[1..].strip_prefix('/').unwrap_or(&s[1..]);
    let name_len = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    // Only HTML's own tag names: `Collection<string>` must keep its type.
    let known = HTML_TAGS.iter().any(|t| t.eq_ignore_ascii_case(&body[..name_len]));
    if !known || !body[name_len..].starts_with(['>', '/', ' ']) {
        return None;
    }
    let end = s.find('>')?;
    Some(end + 1)
}

/// Tag names that cells hold as layout (`<br>`, lists, emphasis).
const HTML_TAGS: &[&str] = &[
    "br", "p", "ul", "ol", "li", "b", "i", "em", "strong", "code", "span", "div", "a", "sup", "sub", "nobr", "wbr",
    "u", "s", "small", "font",
];

/// How deep `Collection(Collection(…))` may nest before the parser gives up (stack safety).
const MAX_DEPTH: u8 = 8;

/// One type read from the cell.
struct Item {
    /// The type.
    ty: TypeExpr,
    /// Marked as a collection.
    collection: bool,
    /// Link target without the anchor, when the type came from a link.
    link: Option<String>,
    /// The link's `#anchor`.
    anchor: Option<String>,
    /// A bare, unqualified, unlinked identifier that is no primitive: the only shape that may
    /// be an English word, so the only one where trailing words turn the cell into prose.
    bare: bool,
}

/// The whole cell: the first type and any alternatives.
struct Parsed {
    /// The first type, with the cell's collection flag and link.
    first: Item,
    /// The other types offered.
    alternatives: Vec<TypeExpr>,
}

/// Words that a writer puts after a type name to say what it is (`error object`,
/// `[itemAnalytics][] resource`); they do not make the cell prose.
const TYPE_NOUNS: &[&str] = &[
    "object",
    "objects",
    "resource",
    "resources",
    "type",
    "enum",
    "enumeration",
    "value",
    "values",
    "entity",
    "complex type",
    "flag",
    "flags",
];

/// Bare words that look like identifiers but name no type.
const NOT_TYPES: &[&str] = &[
    "none",
    "n",
    "na",
    "tbd",
    "see",
    "various",
    "any",
    "null",
    "void",
    "same",
    "the",
    "a",
    "an",
    "optional",
    "required",
    "yes",
    "no",
    "true",
    "false",
    "undefined",
    "unknown",
];

/// A cursor over the cleaned cell text.
struct Parser<'a, 'r> {
    /// The cleaned cell text (or a link's text).
    s: &'a str,
    /// Byte offset of the cursor; always on a char boundary.
    pos: usize,
    /// Resolves reference-link labels.
    reference: &'r dyn Fn(&str) -> Option<String>,
    /// Notes so far.
    issues: Vec<TypeIssue>,
    /// Nesting depth of [`Parser::item`] calls.
    depth: u8,
}

impl<'a> Parser<'a, '_> {
    /// The text after the cursor.
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    /// Moves the cursor past spaces.
    fn skip_ws(&mut self) {
        let r = self.rest();
        self.pos += r.len() - r.trim_ascii_start().len();
    }

    /// Consumes `word` (ASCII, case-insensitive) if it comes next and ends at a word boundary.
    fn eat_word(&mut self, word: &str) -> bool {
        let r = self.rest().as_bytes();
        let n = word.len();
        let matches = r.len() >= n
            && r[..n].eq_ignore_ascii_case(word.as_bytes())
            && r.get(n).is_none_or(|b| !(b.is_ascii_alphanumeric() || *b == b'_'));
        if matches {
            self.pos += n;
        }
        matches
    }

    /// Consumes `prefix` (ASCII, case-insensitive) if it comes next.
    fn eat(&mut self, prefix: &str) -> bool {
        let r = self.rest().as_bytes();
        let matches = r.len() >= prefix.len() && r[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes());
        if matches {
            self.pos += prefix.len();
        }
        matches
    }

    /// The whole cell: leading notes, a type, alternatives, trailing text.
    fn cell(&mut self) -> Option<Parsed> {
        self.leading();
        let start = self.pos;
        let noted = self.issues.len();
        if let Some(parsed) = self.typed() {
            return Some(parsed);
        }
        // What a failed reading noted does not apply; prose before a link (`see [x](x.md)`)
        // still has the link as its type.
        self.issues.truncate(noted);
        let at = self.s[start..].find('[').filter(|at| *at > 0)?;
        self.pos = start + at;
        let Some(parsed) = self.typed() else {
            self.issues.truncate(noted);
            return None;
        };
        let lead = self.s[start..start + at].trim_ascii().to_string();
        self.issues.insert(noted, issue(TypeIssueKind::LeadingText(lead)));
        Some(parsed)
    }

    /// A type, its alternatives and trailing text from the cursor on; `None` when it is prose.
    fn typed(&mut self) -> Option<Parsed> {
        let mut first = self.item()?;
        let mut alternatives = Vec::new();
        loop {
            let save = self.pos;
            self.skip_ws();
            // `string/number` offers two primitives; `application/json` is a media type, so a
            // slash only separates alternatives after a name that cannot be an English word.
            let separated = self.eat_word("or") || (!first.bare && (self.eat("/") || self.eat("|")));
            if !separated {
                self.pos = save;
                break;
            }
            self.skip_ws();
            let noted = self.issues.len();
            match self.item() {
                // A bare word followed by more words is prose (`or whatever you like`).
                Some(alt) if !alt.bare || self.rest().trim_ascii().is_empty() => {
                    // `a collection or b collection`: either being a collection makes it one.
                    first.collection |= alt.collection;
                    if first.link.is_none() {
                        first.link = alt.link;
                        first.anchor = alt.anchor;
                    }
                    alternatives.push(alt.ty);
                }
                _ => {
                    self.issues.truncate(noted);
                    self.pos = save;
                    break;
                }
            }
        }
        if !alternatives.is_empty() {
            self.issues.push(issue(TypeIssueKind::Alternatives));
        }
        let trailing = self.rest().trim_ascii();
        if !trailing.is_empty() {
            let word = trailing.trim_end_matches('.');
            let noun = TYPE_NOUNS.iter().any(|n| n.eq_ignore_ascii_case(word));
            let annotation = trailing.starts_with(['(', ',', ';', ':', '.', '-', '—']);
            if first.bare && alternatives.is_empty() && !noun && !annotation {
                return None;
            }
            self.issues.push(issue(TypeIssueKind::TrailingText(trailing.to_string())));
        }
        if first.bare
            && let TypeExpr::Named { name, .. } = &first.ty
            && NOT_TYPES.iter().any(|w| w.eq_ignore_ascii_case(name))
        {
            return None;
        }
        Some(Parsed { first, alternatives })
    }

    /// Notes before the type: `(Optional) String`, the generator's `Unknown Type x`.
    fn leading(&mut self) {
        loop {
            self.skip_ws();
            let r = self.rest();
            if r.starts_with('(')
                && let Some(close) = r.find(')')
                && !r[close + 1..].trim_ascii().is_empty()
            {
                let note = r[..=close].to_string();
                self.pos += close + 1;
                self.issues.push(issue(TypeIssueKind::LeadingText(note)));
                continue;
            }
            let save = self.pos;
            if self.eat_word("unknown") {
                self.skip_ws();
                if self.eat_word("type") {
                    self.skip_ws();
                    let name = self.rest();
                    let len = name.bytes().take_while(|b| is_ident_byte(*b)).count();
                    self.issues.push(issue(TypeIssueKind::UnknownType(name[..len].to_string())));
                    return;
                }
                self.pos = save;
            }
            return;
        }
    }

    /// One type with its collection markers: `X`, `X collection`, `Collection(X)`,
    /// `Collection of X`, `[X](x.md)`, `[X][]`, `X[]`.
    fn item(&mut self) -> Option<Item> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        let noted = self.issues.len();
        self.depth += 1;
        let item = self.item_at_depth();
        self.depth -= 1;
        if item.is_none() {
            // A failed attempt leaves no notes behind.
            self.issues.truncate(noted);
        }
        item
    }

    /// [`Parser::item`] below the depth check.
    fn item_at_depth(&mut self) -> Option<Item> {
        self.skip_ws();
        let save = self.pos;
        let mut item = if self.eat("collection(") || self.eat("collection (") {
            let mut inner = self.item();
            self.skip_ws();
            if !self.eat(")") {
                // `Collection(X` without its parenthesis ends the cell: read X anyway.
                inner = inner.filter(|_| self.rest().trim_ascii().is_empty());
                if inner.is_some() {
                    self.issues.push(issue(TypeIssueKind::UnclosedParenthesis));
                }
            }
            let mut inner = match inner {
                Some(i) => i,
                None => {
                    self.pos = save;
                    return None;
                }
            };
            if inner.collection {
                self.issues.push(issue(TypeIssueKind::RepeatedCollection));
            }
            inner.collection = true;
            inner.bare = false;
            inner
        } else if self.eat_word("collection") {
            self.skip_ws();
            if !self.eat_word("of") {
                self.pos = save;
                return None;
            }
            let mut inner = match self.item() {
                Some(i) => i,
                None => {
                    self.pos = save;
                    return None;
                }
            };
            inner.collection = true;
            inner.bare = false;
            inner
        } else if self.rest().starts_with('[') {
            self.link()?
        } else {
            self.identifier()?
        };
        // Suffixes: `X[]`, `X collection`.
        let save = self.pos;
        self.skip_ws();
        let suffix = self.eat("[]") || {
            self.skip_ws();
            self.eat_word("collection") || self.eat_word("collections")
        };
        if suffix {
            if item.collection {
                self.issues.push(issue(TypeIssueKind::RepeatedCollection));
            }
            item.collection = true;
        } else {
            self.pos = save;
        }
        Some(item)
    }

    /// A bare or qualified identifier: `importance`, `String`, `microsoft.graph.printer`.
    fn identifier(&mut self) -> Option<Item> {
        let r = self.rest();
        let first = *r.as_bytes().first()?;
        if !(first.is_ascii_alphabetic() || first == b'_') {
            return None;
        }
        let mut len = r.bytes().take_while(|b| is_ident_byte(*b)).count();
        // A sentence's full stop is no part of the name (`status.`).
        while r[..len].ends_with('.') {
            len -= 1;
        }
        // `string-valued` or `e-mail` is a word, not an identifier followed by text.
        if r.as_bytes().get(len).is_some_and(|b| *b == b'-' || *b == b'\'') {
            return None;
        }
        let word = &r[..len];
        self.pos += len;
        if let Some(p) = Primitive::from_name(word) {
            spelling_issues(word, p, &mut self.issues);
            return Some(Item { ty: TypeExpr::Primitive(p), collection: false, link: None, anchor: None, bare: false });
        }
        let ty = named(word, &mut self.issues);
        let bare = !word.contains('.');
        Some(Item { ty, collection: false, link: None, anchor: None, bare })
    }

    /// `[text](url)`, `[text](url` (broken), `[text][label]`, `[text][]`, `[text]`.
    fn link(&mut self) -> Option<Item> {
        let (save, noted) = (self.pos, self.issues.len());
        let r = self.rest();
        let close = r.find(']')?;
        let text = r[1..close].trim_ascii();
        let after = &r[close + 1..];
        let url: Option<String>;
        if let Some(inner) = after.strip_prefix('(') {
            match inner.find(')') {
                Some(end) => {
                    url = Some(link_destination(&inner[..end]));
                    self.pos += close + 1 + 1 + end + 1;
                }
                None => {
                    // `[x](x.md` with no `)`: the destination runs to the next space.
                    let end = inner.find(char::is_whitespace).unwrap_or(inner.len());
                    url = Some(link_destination(&inner[..end]));
                    self.issues.push(issue(TypeIssueKind::BrokenLink));
                    self.pos += close + 1 + 1 + end;
                }
            }
        } else {
            let (label, len) = match after.strip_prefix('[').and_then(|l| l.find(']').map(|e| (&l[..e], e))) {
                Some((label, e)) => {
                    (if label.trim_ascii().is_empty() { text } else { label.trim_ascii() }, close + 1 + e + 2)
                }
                None => (text, close + 1),
            };
            self.pos += len;
            url = (self.reference)(label).map(|u| link_destination(&u));
            if url.is_none() {
                self.issues.push(issue(TypeIssueKind::ReferenceLinkUnresolved(label.to_string())));
            }
        }
        let (link, anchor) = match url {
            Some(u) => split_anchor(u),
            None => (None, None),
        };
        let mut item = match self.link_text(text) {
            Some(item) => item,
            // Brackets around prose with no link (`see [the docs] for details`) are just text.
            None if link.is_none() && anchor.is_none() => {
                self.pos = save;
                self.issues.truncate(noted);
                return None;
            }
            // Prose that links somewhere: the caller can still follow the link.
            None => {
                self.issues.push(issue(TypeIssueKind::Prose(text.to_string())));
                Item {
                    ty: TypeExpr::Unknown(text.to_string()),
                    collection: false,
                    link: None,
                    anchor: None,
                    bare: false,
                }
            }
        };
        if let (TypeExpr::Named { name, namespace: None }, Some(l), None) = (&item.ty, &link, &anchor)
            && let Some(stem) = plain_stem(l)
            && !stem.eq_ignore_ascii_case(name)
            && !ends_with_ignore_case(name, stem)
        {
            self.issues
                .push(issue(TypeIssueKind::LinkTextDiffersFromFile { text: name.clone(), file: stem.to_string() }));
        }
        item.link = link;
        item.anchor = anchor;
        Some(item)
    }

    /// The type a link's text names (the text may itself say `collection`); `None` when the
    /// text names no type.
    fn link_text(&mut self, text: &str) -> Option<Item> {
        let mut inner =
            Parser { s: text, pos: 0, reference: self.reference, issues: Vec::new(), depth: self.depth + 1 };
        let mut item = inner.item().filter(|_| inner.rest().trim_ascii().is_empty())?;
        self.issues.append(&mut inner.issues);
        item.bare = false;
        Some(item)
    }
}

/// A name that is no primitive: `importance`, `microsoft.graph.callRecords.session`.
fn named(word: &str, issues: &mut Vec<TypeIssue>) -> TypeExpr {
    match word.rsplit_once('.') {
        Some((ns, name)) if !ns.is_empty() && !name.is_empty() => {
            if ns.eq_ignore_ascii_case("edm") {
                // `Edm.Whatever` is no primitive the docs use.
                issues.push(issue(TypeIssueKind::UnknownType(word.to_string())));
                return TypeExpr::Unknown(word.to_string());
            }
            TypeExpr::Named { name: name.to_string(), namespace: Some(ns.to_string()) }
        }
        _ => TypeExpr::Named { name: word.trim_matches('.').to_string(), namespace: None },
    }
}

/// `name` ends with `suffix`, ASCII case ignored (`workbookChartFill` / `chartfill`).
fn ends_with_ignore_case(name: &str, suffix: &str) -> bool {
    name.len() >= suffix.len() && name.as_bytes()[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// A byte of a (possibly qualified) identifier.
fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'.'
}

/// A link destination as written, without `<…>` and a `"title"`.
fn link_destination(raw: &str) -> String {
    let d = raw.trim_ascii();
    let d = d.split_once(char::is_whitespace).map_or(d, |(u, _)| u);
    d.trim_start_matches('<').trim_end_matches('>').to_string()
}

/// Splits `x.md#anchor` into the target and the anchor; empty parts become `None`.
fn split_anchor(url: String) -> (Option<String>, Option<String>) {
    match url.split_once('#') {
        Some((target, anchor)) => {
            let anchor = (!anchor.is_empty()).then(|| anchor.to_string());
            ((!target.is_empty()).then(|| target.to_string()), anchor)
        }
        None => ((!url.is_empty()).then_some(url), None),
    }
}

/// The file stem of a link to a page that looks like a plain type page (`itembody.md`), or
/// `None` for prefixed pages (`intune-mam-json.md`, `callrecords-session.md`) and non-pages.
fn plain_stem(link: &str) -> Option<&str> {
    let path = link.split(['?', '#']).next().unwrap_or(link);
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let plain = !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_alphanumeric());
    (plain && !path.contains("://")).then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference definitions the tests resolve against (lower-case labels, as the caller does).
    fn defs(label: &str) -> Option<String> {
        match label.to_lowercase().as_str() {
            "identityset" => Some("identityset.md".into()),
            "driveitem" => Some("driveitem.md".into()),
            "driverecipient" => Some("driverecipient.md".into()),
            "itemanalytics" => Some("itemanalytics.md".into()),
            "ref" => Some("../resources/x.md#x-values".into()),
            "titled" => Some("<titled.md> \"Title\"".into()),
            _ => None,
        }
    }

    fn parse(cell: &str) -> TypeCell {
        parse_type_cell(cell, &defs)
    }

    fn named(name: &str) -> TypeExpr {
        TypeExpr::Named { name: name.into(), namespace: None }
    }

    fn qualified(namespace: &str, name: &str) -> TypeExpr {
        TypeExpr::Named { name: name.into(), namespace: Some(namespace.into()) }
    }

    fn prim(p: Primitive) -> TypeExpr {
        TypeExpr::Primitive(p)
    }

    fn kinds(t: &TypeCell) -> Vec<TypeIssueKind> {
        t.issues.iter().map(|i| i.kind.clone()).collect()
    }

    fn spelling(written: &str, canonical: &'static str) -> TypeIssueKind {
        TypeIssueKind::NonCanonicalSpelling { written: written.into(), canonical: canonical.into() }
    }

    /// Type and collection flag, with no issues.
    fn clean_cell(cell: &str, ty: TypeExpr, collection: bool) {
        let t = parse(cell);
        assert_eq!((&t.ty, t.collection), (&ty, collection), "{cell:?}");
        assert_eq!(kinds(&t), vec![], "{cell:?}");
    }

    #[test]
    fn canonical_primitives() {
        use Primitive as P;
        for (cell, p) in [
            ("String", P::String),
            ("Boolean", P::Boolean),
            ("Byte", P::Byte),
            ("SByte", P::SByte),
            ("Int16", P::Int16),
            ("Int32", P::Int32),
            ("Int64", P::Int64),
            ("Single", P::Single),
            ("Double", P::Double),
            ("Decimal", P::Decimal),
            ("DateTimeOffset", P::DateTimeOffset),
            ("Date", P::Date),
            ("TimeOfDay", P::TimeOfDay),
            ("Duration", P::Duration),
            ("Guid", P::Guid),
            ("Binary", P::Binary),
            ("Stream", P::Stream),
            ("Json", P::Json),
            ("  String\t", P::String),
        ] {
            clean_cell(cell, prim(p), false);
        }
    }

    #[test]
    fn other_spellings_are_noted() {
        use Primitive as P;
        for (cell, p, canonical) in [
            ("string", P::String, "String"),
            ("boolean", P::Boolean, "Boolean"),
            ("bool", P::Boolean, "Boolean"),
            ("int", P::Int32, "Int32"),
            ("int32", P::Int32, "Int32"),
            ("Integer", P::Int32, "Int32"),
            ("dateTimeOffset", P::DateTimeOffset, "DateTimeOffset"),
            ("DateTimeOffSet", P::DateTimeOffset, "DateTimeOffset"),
            ("DateTime", P::DateTimeOffset, "DateTimeOffset"),
            ("Timestamp", P::DateTimeOffset, "DateTimeOffset"),
            ("GUID", P::Guid, "Guid"),
            ("guid", P::Guid, "Guid"),
            ("double", P::Double, "Double"),
            ("number", P::Double, "Double"),
            ("Float", P::Single, "Single"),
            ("numeric", P::Decimal, "Decimal"),
            ("decimal", P::Decimal, "Decimal"),
            ("Url", P::String, "String"),
            ("Object", P::Json, "Json"),
            ("JSON object", P::Json, "Json"),
            ("Untyped JSON object", P::Json, "Json"),
        ] {
            let t = parse(cell);
            assert_eq!(t.ty, prim(p), "{cell}");
            assert!(!t.collection);
            assert_eq!(kinds(&t), vec![spelling(cell, canonical)], "{cell}");
        }
    }

    #[test]
    fn edm_prefix() {
        let t = parse("Edm.Binary");
        assert_eq!(t.ty, prim(Primitive::Binary));
        assert_eq!(kinds(&t), vec![TypeIssueKind::EdmPrefix]);
        let t = parse("edm.DateTime");
        assert_eq!(t.ty, prim(Primitive::DateTimeOffset));
        assert_eq!(kinds(&t), vec![TypeIssueKind::EdmPrefix, spelling("DateTime", "DateTimeOffset")]);
        let t = parse("Edm.Int32 collection");
        assert_eq!((&t.ty, t.collection), (&prim(Primitive::Int32), true));
        assert_eq!(kinds(&t), vec![TypeIssueKind::EdmPrefix]);
    }

    #[test]
    fn unknown_edm_name() {
        let t = parse("Edm.Whatever");
        assert_eq!(t.ty, TypeExpr::Unknown("Edm.Whatever".into()));
        assert_eq!(kinds(&t), vec![TypeIssueKind::UnknownType("Edm.Whatever".into())]);
    }

    #[test]
    fn primitive_names() {
        assert_eq!(Primitive::String.edm_name(), "Edm.String");
        assert_eq!(Primitive::DateTimeOffset.edm_name(), "Edm.DateTimeOffset");
        assert_eq!(Primitive::Json.edm_name(), "Edm.Untyped");
        assert_eq!(Primitive::Guid.name(), "Guid");
        assert_eq!(Primitive::Json.name(), "Json");
        assert_eq!(Primitive::from_name("Edm.Guid"), Some(Primitive::Guid));
        assert_eq!(Primitive::from_name(" int "), Some(Primitive::Int32));
        assert_eq!(Primitive::from_name("EDM.STREAM"), Some(Primitive::Stream));
        assert_eq!(Primitive::from_name("importance"), None);
        assert_eq!(Primitive::from_name("microsoft.graph.user"), None);
        assert_eq!(Primitive::from_name("Edm."), None);
        assert_eq!(Primitive::from_name(""), None);
        assert_eq!(Primitive::from_name("a-very-long-name-that-is-no-primitive"), None);
        assert_eq!(Primitive::from_name("Strïng"), None);
    }

    #[test]
    fn collections_of_primitives() {
        clean_cell("String collection", prim(Primitive::String), true);
        clean_cell("Int32 collection", prim(Primitive::Int32), true);
        clean_cell("Collection(String)", prim(Primitive::String), true);
        clean_cell("Collection( String )", prim(Primitive::String), true);
        clean_cell("Collection of String", prim(Primitive::String), true);
        clean_cell("String[]", prim(Primitive::String), true);
        clean_cell("String Collection", prim(Primitive::String), true);
        let t = parse("collection(string)");
        assert_eq!((&t.ty, t.collection), (&prim(Primitive::String), true));
        assert_eq!(kinds(&t), vec![spelling("string", "String")]);
        let t = parse("string collection");
        assert_eq!((&t.ty, t.collection), (&prim(Primitive::String), true));
    }

    #[test]
    fn repeated_collection() {
        let t = parse("Collection(String) collection");
        assert!(t.collection);
        assert_eq!(kinds(&t), vec![TypeIssueKind::RepeatedCollection]);
        let t = parse("Collection(String collection)");
        assert!(t.collection);
        assert_eq!(kinds(&t), vec![TypeIssueKind::RepeatedCollection]);
    }

    #[test]
    fn unclosed_parenthesis() {
        let t = parse("Collection(String");
        assert_eq!((&t.ty, t.collection), (&prim(Primitive::String), true));
        assert_eq!(kinds(&t), vec![TypeIssueKind::UnclosedParenthesis]);
        // With more text after it, it is no type at all.
        let t = parse("Collection(string and more");
        assert_eq!(kinds(&t), vec![TypeIssueKind::Prose("Collection(string and more".into())]);
    }

    #[test]
    fn links() {
        let t = parse("[itemBody](itembody.md)");
        assert_eq!((&t.ty, t.collection), (&named("itemBody"), false));
        assert_eq!((t.link.as_deref(), t.anchor.as_deref()), (Some("itembody.md"), None));
        assert_eq!(kinds(&t), vec![]);

        let t = parse("[recipient](../resources/recipient.md) collection");
        assert_eq!((&t.ty, t.collection), (&named("recipient"), true));
        assert_eq!(t.link.as_deref(), Some("../resources/recipient.md"));
        assert_eq!(kinds(&t), vec![]);

        let t = parse("Collection([recipient](recipient.md))");
        assert_eq!((&t.ty, t.collection), (&named("recipient"), true));
        assert_eq!(t.link.as_deref(), Some("recipient.md"));
        assert_eq!(kinds(&t), vec![]);

        let t = parse("collection([changeNotification](changenotification.md))");
        assert_eq!((&t.ty, t.collection), (&named("changeNotification"), true));

        // `<…>` destinations and titles are not part of the target.
        let t = parse("[a](<a.md> \"The a type\")");
        assert_eq!((&t.ty, t.link.as_deref()), (&named("a"), Some("a.md")));
    }

    #[test]
    fn link_text_is_the_type_name() {
        let t = parse("[deviceConfiguration](../resources/intune-deviceconfig-deviceconfiguration.md)");
        assert_eq!(t.ty, named("deviceConfiguration"));
        assert_eq!(kinds(&t), vec![]);
        let t = parse("[microsoft.graph.callRecords.session](callrecords-session.md) collection");
        assert_eq!((&t.ty, t.collection), (&qualified("microsoft.graph.callRecords", "session"), true));
        // A primitive behind a link stays a primitive; the link is kept.
        let t = parse("[DateTimeOffset](../resources/timestamp.md)");
        assert_eq!((&t.ty, t.link.as_deref()), (&prim(Primitive::DateTimeOffset), Some("../resources/timestamp.md")));
    }

    #[test]
    fn link_text_that_names_no_type() {
        let t = parse("[see the docs](x.md)");
        assert_eq!(t.ty, TypeExpr::Unknown("see the docs".into()));
        assert_eq!(t.link.as_deref(), Some("x.md"));
        assert_eq!(kinds(&t), vec![TypeIssueKind::Prose("see the docs".into())]);
    }

    #[test]
    fn anchors() {
        let t = parse("[calendarRoleType](../resources/calendarpermission.md#calendarroletype-values)");
        assert_eq!(t.ty, named("calendarRoleType"));
        assert_eq!(t.link.as_deref(), Some("../resources/calendarpermission.md"));
        assert_eq!(t.anchor.as_deref(), Some("calendarroletype-values"));
        assert_eq!(kinds(&t), vec![]);

        let t = parse("[calendarRoleType](#calendarroletype-values) collection");
        assert_eq!((&t.ty, t.collection), (&named("calendarRoleType"), true));
        assert_eq!((t.link.as_deref(), t.anchor.as_deref()), (None, Some("calendarroletype-values")));
    }

    #[test]
    fn reference_links() {
        let t = parse("[identitySet][]");
        assert_eq!(t.ty, named("identitySet"));
        assert_eq!(t.link.as_deref(), Some("identityset.md"));
        assert_eq!(kinds(&t), vec![]);

        let t = parse("[identitySet][] collection");
        assert_eq!((&t.ty, t.collection), (&named("identitySet"), true));

        let t = parse("[x][ref]");
        assert_eq!(t.ty, named("x"));
        assert_eq!((t.link.as_deref(), t.anchor.as_deref()), (Some("../resources/x.md"), Some("x-values")));

        let t = parse("[t][titled]");
        assert_eq!(t.link.as_deref(), Some("titled.md"));

        let t = parse("Collection([DriveRecipient][])");
        assert_eq!((&t.ty, t.collection), (&named("DriveRecipient"), true));
        assert_eq!(t.link.as_deref(), Some("driverecipient.md"));

        let t = parse("[**driveItem**][driveItem] collection");
        assert_eq!((&t.ty, t.collection), (&named("driveItem"), true));
        assert_eq!(t.link.as_deref(), Some("driveitem.md"));
        assert_eq!(kinds(&t), vec![TypeIssueKind::Bold]);
    }

    #[test]
    fn unresolved_reference_links() {
        let t = parse("[contentType][]");
        assert_eq!((&t.ty, t.link.as_deref()), (&named("contentType"), None));
        assert_eq!(kinds(&t), vec![TypeIssueKind::ReferenceLinkUnresolved("contentType".into())]);

        let t = parse("[x][nowhere]");
        assert_eq!(kinds(&t), vec![TypeIssueKind::ReferenceLinkUnresolved("nowhere".into())]);

        // Brackets with no link at all (beta `[physicalAddress]`).
        let t = parse("[physicalAddress]");
        assert_eq!(t.ty, named("physicalAddress"));
        assert_eq!(kinds(&t), vec![TypeIssueKind::ReferenceLinkUnresolved("physicalAddress".into())]);

        // A shortcut reference that resolves is a link.
        let t = parse("[identitySet]");
        assert_eq!(t.link.as_deref(), Some("identityset.md"));
        assert_eq!(kinds(&t), vec![]);
    }

    #[test]
    fn bare_identifiers() {
        clean_cell("importance", named("importance"), false);
        clean_cell("inferenceClassificationType", named("inferenceClassificationType"), false);
        clean_cell("rubricLevel collection", named("rubricLevel"), true);
        clean_cell("tuple_2ofexecutiontype", named("tuple_2ofexecutiontype"), false);
        // A sentence's full stop does not belong to the name.
        let t = parse("importance.");
        assert_eq!(t.ty, named("importance"));
        assert_eq!(kinds(&t), vec![TypeIssueKind::TrailingText(".".into())]);
    }

    #[test]
    fn qualified_names() {
        clean_cell("microsoft.graph.printer", qualified("microsoft.graph", "printer"), false);
        clean_cell("microsoft.graph.callRecords.session", qualified("microsoft.graph.callRecords", "session"), false);
        clean_cell(
            "microsoft.graph.externalConnectors.label collection",
            qualified("microsoft.graph.externalConnectors", "label"),
            true,
        );
    }

    #[test]
    fn backticked() {
        let t = parse("`string`");
        assert_eq!(t.ty, prim(Primitive::String));
        assert_eq!(kinds(&t), vec![TypeIssueKind::Backticked, spelling("string", "String")]);
        let t = parse("`timeOffReasonIconType`");
        assert_eq!(t.ty, named("timeOffReasonIconType"));
        assert_eq!(kinds(&t), vec![TypeIssueKind::Backticked]);
        let t = parse("`collection(string)`");
        assert_eq!((&t.ty, t.collection), (&prim(Primitive::String), true));
        let t = parse("`Edm.String`");
        assert_eq!(kinds(&t), vec![TypeIssueKind::Backticked, TypeIssueKind::EdmPrefix]);
    }

    #[test]
    fn bold_and_italic() {
        let t = parse("**chatMessagePolicyViolationDlpActionType**");
        assert_eq!(t.ty, named("chatMessagePolicyViolationDlpActionType"));
        assert_eq!(kinds(&t), vec![TypeIssueKind::Bold]);
        let t = parse("*String*");
        assert_eq!(t.ty, prim(Primitive::String));
        assert_eq!(kinds(&t), vec![TypeIssueKind::Italic]);
        let t = parse("_importance_");
        assert_eq!(t.ty, named("importance"));
        assert_eq!(kinds(&t), vec![TypeIssueKind::Italic]);
        // Underscores inside a name are not emphasis.
        let t = parse("_tuple_2of_");
        assert_eq!(t.ty, named("_tuple_2of_"));
        assert_eq!(kinds(&t), vec![]);
    }

    #[test]
    fn trailing_text() {
        let t = parse("[teamVisibilityType](../resources/teamvisibilitytype.md) (optional)");
        assert_eq!(t.ty, named("teamVisibilityType"));
        assert_eq!(t.link.as_deref(), Some("../resources/teamvisibilitytype.md"));
        assert_eq!(kinds(&t), vec![TypeIssueKind::TrailingText("(optional)".into())]);

        let t = parse("string (url)");
        assert_eq!(t.ty, prim(Primitive::String));
        assert_eq!(kinds(&t), vec![spelling("string", "String"), TypeIssueKind::TrailingText("(url)".into())]);

        let t = parse("[itemAnalytics][] resource");
        assert_eq!((&t.ty, t.link.as_deref()), (&named("itemAnalytics"), Some("itemanalytics.md")));
        assert_eq!(kinds(&t), vec![TypeIssueKind::TrailingText("resource".into())]);

        let t = parse("error object");
        assert_eq!(t.ty, named("error"));
        assert_eq!(kinds(&t), vec![TypeIssueKind::TrailingText("object".into())]);

        let t = parse("string, maximum size 20");
        assert_eq!(t.ty, prim(Primitive::String));
        assert!(kinds(&t).contains(&TypeIssueKind::TrailingText(", maximum size 20".into())));

        let t = parse("[educationOutcome](educationOutcome.md) collection. Holds grades");
        assert_eq!((&t.ty, t.collection), (&named("educationOutcome"), true));
        assert_eq!(kinds(&t), vec![TypeIssueKind::TrailingText(". Holds grades".into())]);

        let t = parse("status (enum)");
        assert_eq!(t.ty, named("status"));
        assert_eq!(kinds(&t), vec![TypeIssueKind::TrailingText("(enum)".into())]);
    }

    #[test]
    fn leading_text() {
        let t = parse("(Optional) String");
        assert_eq!(t.ty, prim(Primitive::String));
        assert_eq!(kinds(&t), vec![TypeIssueKind::LeadingText("(Optional)".into())]);
        let t = parse("see [itemBody](itembody.md)");
        assert_eq!((&t.ty, t.link.as_deref()), (&named("itemBody"), Some("itembody.md")));
        assert_eq!(kinds(&t), vec![TypeIssueKind::LeadingText("see".into())]);
    }

    #[test]
    fn alternatives() {
        let t = parse(
            "[appHostedMediaConfig](apphostedmediaconfig.md) or [serviceHostedMediaConfig](servicehostedmediaconfig.md)",
        );
        assert_eq!(t.ty, named("appHostedMediaConfig"));
        assert_eq!(t.alternatives, vec![named("serviceHostedMediaConfig")]);
        assert_eq!(t.link.as_deref(), Some("apphostedmediaconfig.md"));
        assert_eq!(kinds(&t), vec![TypeIssueKind::Alternatives]);

        let t = parse("string/number");
        assert_eq!(t.ty, prim(Primitive::String));
        assert_eq!(t.alternatives, vec![prim(Primitive::Double)]);
        assert!(kinds(&t).contains(&TypeIssueKind::Alternatives));

        let t = parse("String \\| Int32");
        assert_eq!(t.alternatives, vec![prim(Primitive::Int32)]);

        let t = parse("[a](a.md) or [b](b.md) or [c](c.md) collection");
        assert_eq!(t.alternatives, vec![named("b"), named("c")]);
        assert!(t.collection);

        // `or` followed by prose is trailing text, not an alternative.
        let t = parse("String or whatever you like");
        assert!(t.alternatives.is_empty());
        assert_eq!(kinds(&t), vec![TypeIssueKind::TrailingText("or whatever you like".into())]);
    }

    #[test]
    fn broken_link() {
        let t = parse("[invitedUserMessageInfo](invitedusermessageinfo.md");
        assert_eq!(t.ty, named("invitedUserMessageInfo"));
        assert_eq!(t.link.as_deref(), Some("invitedusermessageinfo.md"));
        assert_eq!(kinds(&t), vec![TypeIssueKind::BrokenLink]);
        let t = parse("[x](x.md collection");
        assert_eq!((&t.ty, t.collection), (&named("x"), true));
        assert_eq!(kinds(&t), vec![TypeIssueKind::BrokenLink]);
    }

    #[test]
    fn link_text_differs_from_file() {
        let t = parse("[bookingType](../resources/room.md)");
        assert_eq!(
            kinds(&t),
            vec![TypeIssueKind::LinkTextDiffersFromFile { text: "bookingType".into(), file: "room".into() }]
        );
        // Same name in another case, prefixed pages, the workbook prefix, anchors: no note.
        for cell in [
            "[itemBody](itembody.md)",
            "[deviceConfiguration](../resources/intune-deviceconfig-deviceconfiguration.md)",
            "[workbookChartFill](chartfill.md)",
            "[calendarRoleType](calendarpermission.md#calendarroletype-values)",
        ] {
            assert_eq!(kinds(&parse(cell)), vec![], "{cell}");
        }
    }

    #[test]
    fn generator_garbage() {
        let t = parse(
            "** Unknown Type `microsoft.management.services.genericWorkloadActivity.models.operation` ** collection",
        );
        assert_eq!(t.ty, qualified("microsoft.management.services.genericWorkloadActivity.models", "operation"));
        assert!(t.collection);
        assert_eq!(
            kinds(&t),
            vec![
                TypeIssueKind::Bold,
                TypeIssueKind::Backticked,
                TypeIssueKind::UnknownType(
                    "microsoft.management.services.genericWorkloadActivity.models.operation".into()
                ),
            ]
        );
    }

    #[test]
    fn html_in_cell() {
        let t = parse("String<br>");
        assert_eq!(t.ty, prim(Primitive::String));
        assert_eq!(kinds(&t), vec![TypeIssueKind::HtmlInCell]);
        let t = parse("String&nbsp;collection");
        assert_eq!((&t.ty, t.collection), (&prim(Primitive::String), true));
        let t = parse("<b>Int32</b><br/>");
        assert_eq!(t.ty, prim(Primitive::Int32));
        assert_eq!(kinds(&t), vec![TypeIssueKind::HtmlInCell]);
        let t = parse("String <!-- comment --> collection");
        assert_eq!((&t.ty, t.collection), (&prim(Primitive::String), true));
        let t = parse("&#83;tring");
        assert_eq!(t.ty, prim(Primitive::String));
        // `<string>` is no HTML tag, so it is kept and the cell is not a clean type.
        let t = parse("Collection<string>");
        assert!(!kinds(&t).contains(&TypeIssueKind::HtmlInCell));
        // An unknown entity is text.
        let t = parse("String &bogus;");
        assert!(!kinds(&t).contains(&TypeIssueKind::HtmlInCell));
    }

    #[test]
    fn invisible_characters() {
        clean_cell("String\u{a0}collection", prim(Primitive::String), true);
        clean_cell("\u{200b}String\u{200b}", prim(Primitive::String), false);
        clean_cell("String\tcollection", prim(Primitive::String), true);
    }

    #[test]
    fn empty() {
        for cell in ["", "   ", "\u{a0}", "<br>"] {
            let t = parse(cell);
            assert_eq!(t.ty, TypeExpr::Unknown(String::new()), "{cell:?}");
            assert!(kinds(&t).contains(&TypeIssueKind::Empty), "{cell:?}");
        }
    }

    #[test]
    fn prose_is_unknown() {
        for cell in [
            "see below",
            "application/json",
            "N/A",
            "none",
            "123",
            "-",
            "string-valued id",
            "Not yet documented",
            "none or nothing",
            "see [the docs] for details",
        ] {
            let t = parse(cell);
            assert_eq!(t.ty, TypeExpr::Unknown(cell.into()), "{cell:?}");
            assert_eq!(kinds(&t), vec![TypeIssueKind::Prose(cell.into())], "{cell:?}");
        }
    }

    #[test]
    fn serializes() {
        fn is_serialize<T: Serialize>(_: &T) {}
        is_serialize(&parse("String"));
    }

    /// Pseudo-random cells built from the pieces the real cells are made of: nothing panics, and
    /// every result is self-consistent.
    #[test]
    fn fuzz_never_panics() {
        const PIECES: &[&str] = &[
            "[",
            "]",
            "(",
            ")",
            "[]",
            "`",
            "**",
            "*",
            "_",
            "\\",
            "\\|",
            "|",
            "&",
            "&lt;",
            "&#",
            "&#x1F600;",
            "&nbsp;",
            ";",
            "<",
            ">",
            "<br>",
            "<!--",
            "-->",
            "</",
            "#",
            ".md",
            "..",
            ".",
            "/",
            " ",
            "\t",
            "\u{a0}",
            "\u{200b}",
            "é",
            "日本",
            "🙂",
            "collection",
            "Collection(",
            "collection of ",
            "or ",
            "Edm.",
            "microsoft.graph.",
            "String",
            "int",
            "JSON object",
            "Unknown Type ",
            "x",
            "a1",
            "(Optional)",
            "#anchor",
            "http://h/x.md",
            "identitySet",
            "][",
            "](",
            "0",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            // Knuth's MMIX LCG: deterministic, no crates.
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        let resolve = |label: &str| label.len().is_multiple_of(2).then(|| format!("{label}.md#{label}"));
        for _ in 0..30_000 {
            let n = next() % 12;
            let mut cell = String::new();
            for _ in 0..n {
                cell.push_str(PIECES[next() % PIECES.len()]);
            }
            let t = parse_type_cell(&cell, &resolve);
            for ty in std::iter::once(&t.ty).chain(&t.alternatives) {
                if let TypeExpr::Named { name, namespace } = ty {
                    assert!(!name.is_empty() && name.bytes().all(is_ident_byte), "{cell:?}");
                    assert!(!name.contains('.'), "{cell:?}");
                    assert!(namespace.as_ref().is_none_or(|n| !n.is_empty()), "{cell:?}");
                }
            }
            if let TypeExpr::Unknown(_) = &t.ty {
                assert!(t.issues.iter().any(|i| matches!(
                    i.kind,
                    TypeIssueKind::Prose(_) | TypeIssueKind::Empty | TypeIssueKind::UnknownType(_)
                )));
            }
            if !t.alternatives.is_empty() {
                assert!(t.issues.iter().any(|i| i.kind == TypeIssueKind::Alternatives), "{cell:?}");
            }
        }
        // Deep nesting stays within the stack.
        let deep = "Collection(".repeat(10_000) + "String" + &")".repeat(10_000);
        let _ = parse_type_cell(&deep, &resolve);
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        let _ = parse_type_cell(&deep, &resolve);
    }
}
