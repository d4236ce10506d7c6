//! Lenient JSON reader: strict JSON fast, with every repair a typed, located record.
//!
//! Docs embed JSON in annotation comments and example bodies, and about one block in a hundred is
//! not strict JSON. This reader recovers the value a person meant and records every liberty it took,
//! so the linter can point at each one.
//!
//! Strict text goes through serde_json (with a duplicate-key and depth check), which is as fast as
//! reading JSON gets. Anything serde_json refuses goes to the lenient reader here: one forward pass over
//! the bytes with an explicit stack (no recursion, so hostile nesting cannot overflow the call stack)
//! and only short, line-bounded look-aheads, so its cost stays linear in the input. On strict text both
//! give the same value, so which one ran is never visible.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// The outcome of reading one JSON text leniently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LenientJson {
    /// The value, when one could be recovered (possibly after repairs).
    pub value: Option<Value>,
    /// Every repair made, in source order. Empty when the text was strict JSON (incl. no duplicate keys).
    pub repairs: Vec<Repair>,
    /// Set when no value could be recovered: byte offset into the input and a lowercase message.
    pub error: Option<JsonError>,
}

/// One departure from strict JSON that the reader repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// What was wrong and how it was read.
    pub kind: RepairKind,
    /// Start of the byte range into the input text (a char boundary).
    pub start: usize,
    /// End of the byte range into the input text (a char boundary; equal to `start` for something missing).
    pub end: usize,
}

/// The kinds of departure from strict JSON that are repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RepairKind {
    /// A comma right before `}` or `]` (dropped).
    TrailingComma,
    /// A comma with no member or item before it, as in `[1,,2]` (dropped).
    ExtraComma,
    /// An object key without quotes, as in `{ isCollection: true }`.
    UnquotedKey,
    /// A key that occurs twice in one object; the last value wins, as in Json.NET.
    DuplicateKey(String),
    /// A raw line break, tab or other control character inside a string (kept as is).
    RawControlInString,
    /// A backslash escape JSON does not define, or a lone surrogate (kept as written).
    InvalidEscape,
    /// No comma between two members or items.
    MissingComma,
    /// A no-break, zero-width or other non-JSON space between tokens (skipped).
    NonStandardWhitespace,
    /// A `//` or `/* */` comment (skipped).
    Comment,
    /// A string in single quotes.
    SingleQuotedString,
    /// A string delimited by typographic quotes (“ ” or ‘ ’).
    SmartQuotes,
    /// `...` or `…` standing for omitted members or items (dropped; a value of its own is kept as text).
    Ellipsis,
    /// A bare placeholder where a value belongs, such as `{size}` or `<value>` (read as a string of the raw text).
    BarePlaceholder,
    /// A string missing its opening or closing quote (closed at the line end or read up to the quote).
    MissingQuote,
    /// A `"` inside a string that does not end it, such as `""value"` (a doubled opening quote is dropped).
    StrayQuote,
    /// A container left open at the end of the text, or closed by the wrong bracket.
    MissingClosingBracket,
    /// Text after the JSON value (ignored).
    TrailingText,
    /// A number too large for a double (read as a string of its digits).
    NumberOutOfRange,
}

impl RepairKind {
    /// Lowercase human text for a diagnostic, such as "trailing comma".
    pub fn describe(&self) -> String {
        match self {
            RepairKind::TrailingComma => "trailing comma".into(),
            RepairKind::ExtraComma => "extra comma".into(),
            RepairKind::UnquotedKey => "unquoted key".into(),
            RepairKind::DuplicateKey(key) => format!("duplicate key `{key}` (the last value wins)"),
            RepairKind::RawControlInString => "unescaped line break or control character in a string".into(),
            RepairKind::InvalidEscape => "invalid escape sequence in a string".into(),
            RepairKind::MissingComma => "missing comma".into(),
            RepairKind::NonStandardWhitespace => "non-standard whitespace (no-break or zero-width space)".into(),
            RepairKind::Comment => "comment".into(),
            RepairKind::SingleQuotedString => "single-quoted string".into(),
            RepairKind::SmartQuotes => "typographic quotes used as string delimiters".into(),
            RepairKind::Ellipsis => "ellipsis standing for omitted content".into(),
            RepairKind::BarePlaceholder => "bare placeholder instead of a value (read as a string)".into(),
            RepairKind::MissingQuote => "missing quote".into(),
            RepairKind::StrayQuote => "unescaped `\"` inside a string".into(),
            RepairKind::MissingClosingBracket => "missing closing bracket".into(),
            RepairKind::TrailingText => "text after the json value".into(),
            RepairKind::NumberOutOfRange => "number out of range (read as a string)".into(),
        }
    }
}

/// Why no value could be recovered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset into the input (a char boundary).
    pub offset: usize,
    /// Lowercase message, such as "expected a value".
    pub message: String,
}

/// Bounds that keep hostile input cheap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of arrays and objects accepted. Reading never recurses, but dropping, comparing
    /// or printing a [`Value`] does, so this also bounds the stack those need.
    pub max_depth: usize,
}

impl Default for Limits {
    /// 256 levels: far beyond any real example, well within every stack.
    fn default() -> Self {
        Limits { max_depth: 256 }
    }
}

/// Reads `text` leniently with the default [`Limits`].
pub fn parse(text: &str) -> LenientJson {
    parse_with(text, &Limits::default())
}

/// Reads `text` leniently: the value (if any), every repair made, or why nothing could be read.
pub fn parse_with(text: &str, limits: &Limits) -> LenientJson {
    // Nearly every block is strict JSON: serde_json reads those at full speed, and only the rest pay for
    // the lenient reader (which reads strict JSON to the same value, so the path taken is invisible).
    if let Some(value) = strict(text, limits.max_depth) {
        return LenientJson { value: Some(value), repairs: Vec::new(), error: None };
    }
    lenient(text, limits)
}

/// The lenient reader alone (what [`parse_with`] falls back to).
pub(crate) fn lenient(text: &str, limits: &Limits) -> LenientJson {
    let mut parser = Parser { src: text, b: text.as_bytes(), pos: 0, repairs: Vec::new(), max_depth: limits.max_depth };
    match parser.document() {
        Ok(value) => {
            let mut repairs = parser.repairs;
            // Repairs are found mostly in order; a duplicate key is noticed after its value is read.
            repairs.sort_by_key(|r| r.start);
            LenientJson { value: Some(value), repairs, error: None }
        }
        // Repairs of a text that yields nothing would only be noise next to the error.
        Err(error) => LenientJson { value: None, repairs: Vec::new(), error: Some(error) },
    }
}

/// Strict JSON via serde_json, refusing what the lenient reader would report: duplicate keys (serde_json
/// keeps one silently) and nesting past the limit.
fn strict(text: &str, max_depth: usize) -> Option<Value> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = StrictValue { depth_left: max_depth }.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(value)
}

/// Builds a [`Value`] like serde_json's own visitor, but fails on a duplicate key or too deep a nesting.
#[derive(Clone, Copy)]
struct StrictValue {
    /// How many more levels of arrays and objects may open.
    depth_left: usize,
}

impl StrictValue {
    /// The seed for the values inside a container, or an error if none may open here.
    fn nested<E: de::Error>(self) -> Result<StrictValue, E> {
        match self.depth_left.checked_sub(1) {
            Some(depth_left) => Ok(StrictValue { depth_left }),
            None => Err(E::custom("too deep")),
        }
    }
}

impl<'de> DeserializeSeed<'de> for StrictValue {
    type Value = Value;

    /// Reads any JSON value with this visitor.
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue {
    type Value = Value;

    /// Names what was expected, for serde's error (never shown: any error means the lenient reader runs).
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("strict json")
    }

    /// `true` / `false`.
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    /// A negative integer.
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    /// A non-negative integer.
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    /// A float (serde_json never passes a non-finite one).
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    /// A string borrowed from the input or from serde_json's scratch buffer.
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    /// An owned string.
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    /// `null`.
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    /// An array, one level deeper.
    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        let inner = self.nested()?;
        let mut out = Vec::new();
        while let Some(item) = items.next_element_seed(inner)? {
            out.push(item);
        }
        Ok(Value::Array(out))
    }

    /// An object, one level deeper; a duplicate key sends the text to the lenient reader, which reports it.
    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<Value, A::Error> {
        let inner = self.nested()?;
        let mut out = Map::new();
        while let Some(key) = members.next_key::<String>()? {
            let value = members.next_value_seed(inner)?;
            if out.insert(key, value).is_some() {
                return Err(de::Error::custom("duplicate key"));
            }
        }
        Ok(Value::Object(out))
    }
}

/// A step of the lenient reader: its result, or why no value can be recovered.
type Parsed<T> = Result<T, JsonError>;

/// An unrecoverable error at `offset`.
fn fail<T>(offset: usize, message: impl Into<String>) -> Parsed<T> {
    Err(JsonError { offset, message: message.into() })
}

/// An open container on the explicit stack.
enum Frame {
    /// An array and the items read so far.
    Array(Vec<Value>),
    /// An object, its members so far, and the key whose value is being read (with its byte range).
    Object {
        /// The members read so far.
        map: Map<String, Value>,
        /// The key whose value is being read.
        key: String,
        /// Where that key starts in the input (for a duplicate-key repair).
        key_start: usize,
        /// Where that key ends in the input.
        key_end: usize,
    },
}

/// Where a container's reader stands, which decides what a comma or a closing bracket means.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    /// Right after `{` or `[`: a comma here is extra.
    Open,
    /// After a member or item: a comma is due, and its absence is a missing comma.
    Value,
    /// After `...`: it stands for members or items with their commas, so none is missing or trailing.
    Ellipsis,
    /// After a comma: a closing bracket here makes it a trailing comma.
    Comma,
}

/// A key read from an object: its text and byte range.
struct Key {
    /// The key, unescaped.
    text: String,
    /// Where the key (with its quotes) starts in the input.
    start: usize,
    /// Where it ends.
    end: usize,
}

/// The delimiters a string may use.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    /// `"`: strict JSON.
    Double,
    /// `'`.
    Single,
    /// `“` … `”`; also closed by `"` or a second `“`.
    SmartDouble,
    /// `‘` … `’`; also closed by `'` or a second `‘`.
    SmartSingle,
}

/// Bytes that stop the fast scan inside a string, one table per delimiter, as serde_json does.
const fn stop_table(quote: u8, smart: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = true;
        i += 1;
    }
    table[quote as usize] = true;
    table[b'\\' as usize] = true;
    if smart {
        table[0xE2] = true;
    }
    table
}

/// Stops in a `"` string.
static STOP_DOUBLE: [bool; 256] = stop_table(b'"', false);
/// Stops in a `'` string.
static STOP_SINGLE: [bool; 256] = stop_table(b'\'', false);
/// Stops in a `“` string (0xE2 starts every typographic quote).
static STOP_SMART_DOUBLE: [bool; 256] = stop_table(b'"', true);
/// Stops in a `‘` string.
static STOP_SMART_SINGLE: [bool; 256] = stop_table(b'\'', true);

/// `“` in UTF-8.
const LEFT_DOUBLE: &[u8] = "\u{201C}".as_bytes();
/// `”` in UTF-8.
const RIGHT_DOUBLE: &[u8] = "\u{201D}".as_bytes();
/// `‘` in UTF-8.
const LEFT_SINGLE: &[u8] = "\u{2018}".as_bytes();
/// `’` in UTF-8.
const RIGHT_SINGLE: &[u8] = "\u{2019}".as_bytes();
/// `…` in UTF-8.
const ELLIPSIS: &[u8] = "\u{2026}".as_bytes();

/// The lenient reader's state over one input.
struct Parser<'a> {
    /// The input.
    src: &'a str,
    /// The input's bytes: every position advanced to is a char boundary or an ASCII byte's successor.
    b: &'a [u8],
    /// The position reached.
    pos: usize,
    /// Repairs made so far, mostly in source order.
    repairs: Vec<Repair>,
    /// The nesting limit.
    max_depth: usize,
}

impl Parser<'_> {
    /// Records a repair over `start..end`.
    fn repair(&mut self, kind: RepairKind, start: usize, end: usize) {
        self.repairs.push(Repair { kind, start, end });
    }

    /// The whole text: one value, then nothing but whitespace (or text we report and ignore).
    fn document(&mut self) -> Parsed<Value> {
        self.skip_ws();
        let Some(&first) = self.b.get(self.pos) else {
            return fail(0, "empty json");
        };
        let value = self.tree()?;
        self.skip_ws();
        if self.pos < self.b.len() {
            // Prose after a bare scalar means the scalar was prose too; after a container it is a stray tail.
            if !matches!(first, b'{' | b'[') {
                return fail(self.pos, "unexpected text after the value");
            }
            let start = self.pos;
            let end = match self.src[start..].trim_end().len() {
                0 => self.b.len(),
                n => start + n,
            };
            self.repair(RepairKind::TrailingText, start, end);
        }
        Ok(value)
    }

    /// Reads one value, containers included, with an explicit stack instead of recursion.
    fn tree(&mut self) -> Parsed<Value> {
        let mut stack: Vec<Frame> = Vec::new();
        'value: loop {
            // Placeholders are tolerated only inside a structure: a bare word at the top is prose.
            let bare_ok = match stack.last() {
                None => false,
                Some(Frame::Object { .. }) => true,
                Some(Frame::Array(_)) => stack.len() >= 2,
            };
            let mut value = match self.b.get(self.pos) {
                Some(b'{') if !(bare_ok && self.brace_placeholder()) => {
                    self.check_depth(stack.len())?;
                    self.pos += 1;
                    let parent_array = matches!(stack.last(), Some(Frame::Array(_)));
                    match self.object_step(At::Open, parent_array)? {
                        Some(key) => {
                            let Key { text, start, end } = key;
                            stack.push(Frame::Object { map: Map::new(), key: text, key_start: start, key_end: end });
                            self.skip_ws();
                            continue 'value;
                        }
                        None => Value::Object(Map::new()),
                    }
                }
                Some(b'[') => {
                    self.check_depth(stack.len())?;
                    self.pos += 1;
                    let parent_object = matches!(stack.last(), Some(Frame::Object { .. }));
                    if self.array_step(At::Open, parent_object)? {
                        stack.push(Frame::Array(Vec::new()));
                        continue 'value;
                    }
                    Value::Array(Vec::new())
                }
                _ => self.scalar(bare_ok, matches!(stack.last(), Some(Frame::Object { .. })))?,
            };
            // Hand the finished value to its container, closing containers as their ends come.
            loop {
                let parent_of_top = stack.len().checked_sub(2).map(|i| &stack[i]);
                let parent_object = matches!(parent_of_top, Some(Frame::Object { .. }));
                let parent_array = matches!(parent_of_top, Some(Frame::Array(_)));
                match stack.last_mut() {
                    None => return Ok(value),
                    Some(Frame::Array(items)) => {
                        items.push(value);
                        if self.array_step(At::Value, parent_object)? {
                            continue 'value;
                        }
                        let Some(Frame::Array(items)) = stack.pop() else { unreachable!("top frame is an array") };
                        value = Value::Array(items);
                    }
                    Some(Frame::Object { map, key, key_start, key_end }) => {
                        if map.insert(std::mem::take(key), value).is_some() {
                            // Rare: read the key's text again rather than clone every key up front.
                            let (start, end) = (*key_start, *key_end);
                            let text = self.reread_key(start);
                            self.repair(RepairKind::DuplicateKey(text), start, end);
                        }
                        if let Some(next) = self.object_step(At::Value, parent_array)? {
                            *key = next.text;
                            *key_start = next.start;
                            *key_end = next.end;
                            self.skip_ws();
                            continue 'value;
                        }
                        let Some(Frame::Object { map, .. }) = stack.pop() else {
                            unreachable!("top frame is an object")
                        };
                        value = Value::Object(map);
                    }
                }
            }
        }
    }

    /// The text of the key starting at `start`, read again (its repairs were recorded the first time).
    fn reread_key(&self, start: usize) -> String {
        let mut again = Parser { src: self.src, b: self.b, pos: start, repairs: Vec::new(), max_depth: 0 };
        again.key().map(|key| key.text).unwrap_or_default()
    }

    /// Fails if a container opening now, with `open` containers already open, would exceed the limit.
    fn check_depth(&self, open: usize) -> Parsed<()> {
        if open >= self.max_depth {
            return fail(self.pos, format!("nesting deeper than {} levels", self.max_depth));
        }
        Ok(())
    }

    /// Inside an object: reads up to the next key and its `:` (`Some`), or to the object's end (`None`).
    fn object_step(&mut self, mut at: At, parent_array: bool) -> Parsed<Option<Key>> {
        let prev_end = self.pos;
        let mut comma = 0;
        loop {
            self.skip_ws();
            let Some(&c) = self.b.get(self.pos) else {
                if at == At::Comma {
                    self.repair(RepairKind::TrailingComma, comma, comma + 1);
                }
                let end = self.b.len();
                self.repair(RepairKind::MissingClosingBracket, end, end);
                return Ok(None);
            };
            match c {
                b'}' | b']' => {
                    if c == b']' && !parent_array {
                        return fail(self.pos, "expected `,` or `}`");
                    }
                    if at == At::Comma {
                        self.repair(RepairKind::TrailingComma, comma, comma + 1);
                    }
                    if c == b'}' {
                        self.pos += 1;
                    } else {
                        // `]` closes the array around us: this object's `}` is missing.
                        self.repair(RepairKind::MissingClosingBracket, self.pos, self.pos);
                    }
                    return Ok(None);
                }
                b',' => {
                    if matches!(at, At::Value | At::Ellipsis) {
                        at = At::Comma;
                        comma = self.pos;
                    } else {
                        self.repair(RepairKind::ExtraComma, self.pos, self.pos + 1);
                    }
                    self.pos += 1;
                }
                _ => {
                    let dots = if matches!(c, b'.' | 0xE2) { self.ellipsis_len(self.pos) } else { 0 };
                    if dots > 0 {
                        self.repair(RepairKind::Ellipsis, self.pos, self.pos + dots);
                        self.pos += dots;
                        at = At::Ellipsis;
                        continue;
                    }
                    if at == At::Value {
                        if !self.starts_key(self.pos) {
                            return fail(self.pos, "expected `,` or `}`");
                        }
                        self.repair(RepairKind::MissingComma, prev_end, prev_end);
                    }
                    let key = self.key()?;
                    self.skip_ws();
                    if self.b.get(self.pos) != Some(&b':') {
                        return fail(self.pos, "expected `:` after an object key");
                    }
                    self.pos += 1;
                    return Ok(Some(key));
                }
            }
        }
    }

    /// Inside an array: reads up to the next item (`true`, positioned on it) or the array's end (`false`).
    fn array_step(&mut self, mut at: At, parent_object: bool) -> Parsed<bool> {
        let prev_end = self.pos;
        let mut comma = 0;
        loop {
            self.skip_ws();
            let Some(&c) = self.b.get(self.pos) else {
                if at == At::Comma {
                    self.repair(RepairKind::TrailingComma, comma, comma + 1);
                }
                let end = self.b.len();
                self.repair(RepairKind::MissingClosingBracket, end, end);
                return Ok(false);
            };
            match c {
                b']' => {
                    if at == At::Comma {
                        self.repair(RepairKind::TrailingComma, comma, comma + 1);
                    }
                    self.pos += 1;
                    return Ok(false);
                }
                b'}' if parent_object => {
                    // `}` closes the object around us: this array's `]` is missing.
                    if at == At::Comma {
                        self.repair(RepairKind::TrailingComma, comma, comma + 1);
                    }
                    self.repair(RepairKind::MissingClosingBracket, self.pos, self.pos);
                    return Ok(false);
                }
                b',' => {
                    if matches!(at, At::Value | At::Ellipsis) {
                        at = At::Comma;
                        comma = self.pos;
                    } else {
                        self.repair(RepairKind::ExtraComma, self.pos, self.pos + 1);
                    }
                    self.pos += 1;
                }
                _ => {
                    let dots = if matches!(c, b'.' | 0xE2) { self.ellipsis_len(self.pos) } else { 0 };
                    if dots > 0 {
                        self.repair(RepairKind::Ellipsis, self.pos, self.pos + dots);
                        self.pos += dots;
                        at = At::Ellipsis;
                        continue;
                    }
                    if at == At::Value {
                        if !self.starts_value(self.pos) {
                            return fail(self.pos, "expected `,` or `]`");
                        }
                        self.repair(RepairKind::MissingComma, prev_end, prev_end);
                    }
                    return Ok(true);
                }
            }
        }
    }

    /// Reads an object key: quoted in any of the accepted ways, or a bare identifier.
    fn key(&mut self) -> Parsed<Key> {
        let start = self.pos;
        let text = match self.quote_at(start) {
            Some(quote) => self.string(quote, true)?,
            None => {
                let mut end = start;
                while end < self.b.len() && is_ident_byte(self.b[end]) {
                    end += 1;
                }
                if end == start {
                    return fail(start, "expected an object key");
                }
                if self.b.get(end) == Some(&b'"') {
                    // `key": 1`: only the opening quote is missing.
                    self.repair(RepairKind::MissingQuote, start, start);
                    self.pos = end + 1;
                } else {
                    self.repair(RepairKind::UnquotedKey, start, end);
                    self.pos = end;
                }
                self.src[start..end].to_owned()
            }
        };
        Ok(Key { text, start, end: self.pos })
    }

    /// Reads a value that is not a container: a string, number or literal, else a placeholder if allowed.
    fn scalar(&mut self, bare_ok: bool, member: bool) -> Parsed<Value> {
        let start = self.pos;
        let Some(&c) = self.b.get(start) else {
            return fail(start, "expected a value");
        };
        if let Some(quote) = self.quote_at(start) {
            return Ok(Value::String(self.string(quote, false)?));
        }
        match c {
            b'-' | b'0'..=b'9' => self.number(bare_ok),
            b't' if self.literal(b"true") => Ok(Value::Bool(true)),
            b'f' if self.literal(b"false") => Ok(Value::Bool(false)),
            b'n' if self.literal(b"null") => Ok(Value::Null),
            _ => {
                let dots = self.ellipsis_len(start);
                if dots > 0 && member {
                    // `"key": ...`: the value itself was left out; keep the key, with the dots as text.
                    self.repair(RepairKind::Ellipsis, start, start + dots);
                    self.pos += dots;
                    return Ok(Value::String(self.src[start..start + dots].to_owned()));
                }
                self.not_a_token(start, bare_ok)
            }
        }
    }

    /// Reads `true`, `false` or `null` if the word stands there as a whole token.
    fn literal(&mut self, word: &[u8]) -> bool {
        let end = self.pos + word.len();
        if self.b[self.pos..].starts_with(word) && self.ends_token(end) {
            self.pos = end;
            return true;
        }
        false
    }

    /// What is at `start` is no JSON value: a placeholder where those are tolerated, else an error.
    fn not_a_token(&mut self, start: usize, bare_ok: bool) -> Parsed<Value> {
        if bare_ok {
            return self.bare(start);
        }
        fail(start, "expected a value")
    }

    /// A number in JSON's grammar; integers are read directly, anything else as serde_json reads it.
    fn number(&mut self, bare_ok: bool) -> Parsed<Value> {
        let b = self.b;
        let start = self.pos;
        let mut i = start;
        let negative = b[i] == b'-';
        if negative {
            i += 1;
        }
        let mut magnitude: u64 = 0;
        let mut simple = true;
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while let Some(&d) = b.get(i).filter(|d| d.is_ascii_digit()) {
                    match magnitude.checked_mul(10).and_then(|m| m.checked_add(u64::from(d - b'0'))) {
                        Some(m) => magnitude = m,
                        None => simple = false,
                    }
                    i += 1;
                }
            }
            _ => return self.not_a_token(start, bare_ok),
        }
        if b.get(i) == Some(&b'.') {
            simple = false;
            i += 1;
            if !b.get(i).is_some_and(u8::is_ascii_digit) {
                return self.not_a_token(start, bare_ok);
            }
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            simple = false;
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !b.get(i).is_some_and(u8::is_ascii_digit) {
                return self.not_a_token(start, bare_ok);
            }
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        if !self.ends_token(i) {
            // `01`, `1.2.3`, `2019-03-01`: not a number, but maybe a placeholder.
            return self.not_a_token(start, bare_ok);
        }
        self.pos = i;
        let number = match (simple, negative) {
            (true, false) => Number::from(magnitude),
            // `-0` is a float in serde_json; leave it (and every float) to serde_json for identical values.
            (true, true) if magnitude != 0 && magnitude <= 1 << 63 => Number::from((magnitude as i64).wrapping_neg()),
            _ => match serde_json::from_str::<Number>(&self.src[start..i]) {
                Ok(number) => number,
                Err(_) => {
                    self.repair(RepairKind::NumberOutOfRange, start, i);
                    return Ok(Value::String(self.src[start..i].to_owned()));
                }
            },
        };
        Ok(Value::Number(number))
    }

    /// A placeholder such as `<value>`, `{size}`, `id-value` or `Raw bytes`: its raw text up to the end of
    /// the value (a comma, a closing bracket or the line end, brackets inside it balanced).
    fn bare(&mut self, start: usize) -> Parsed<Value> {
        let b = self.b;
        let mut i = start;
        let mut depth = 0usize;
        let mut at_quote = false;
        while i < b.len() {
            match b[i] {
                b'\n' | b'\r' => break,
                b',' | b'}' | b']' if depth == 0 => break,
                b'{' | b'[' | b'(' | b'<' => depth += 1,
                b'}' | b']' | b')' | b'>' => depth = depth.saturating_sub(1),
                b'"' => {
                    at_quote = true;
                    break;
                }
                b'/' if i > start && b.get(i + 1) == Some(&b'/') && matches!(b[i - 1], b' ' | b'\t') => {
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        let mut end = i;
        while end > start && matches!(b[end - 1], b' ' | b'\t') {
            end -= 1;
        }
        if end == start {
            return fail(start, "expected a value");
        }
        let text = self.src[start..end].to_owned();
        if at_quote && self.ends_token(i + 1) {
            // `"key": text",`: the opening quote is missing.
            self.repair(RepairKind::MissingQuote, start, start);
            self.pos = i + 1;
        } else {
            self.repair(RepairKind::BarePlaceholder, start, end);
            self.pos = end;
        }
        Ok(Value::String(text))
    }

    /// Whether the `{` at the position opens a one-line placeholder such as `{size}` rather than an object.
    fn brace_placeholder(&self) -> bool {
        let b = self.b;
        let mut i = self.pos + 1;
        let mut words = false;
        while i < b.len() {
            match b[i] {
                b'}' => return words,
                b'"' | b'\'' | b':' | b',' | b'{' | b'[' | b'\n' | b'\r' | b'/' => return false,
                b' ' | b'\t' | b'.' => {}
                _ => words = true,
            }
            i += 1;
        }
        false
    }

    /// Reads a string whose opening delimiter is at the position, recording a non-JSON delimiter.
    fn string(&mut self, quote: Quote, key: bool) -> Parsed<String> {
        let open = self.pos;
        let text = self.string_body(quote, key)?;
        match quote {
            Quote::Double => {}
            Quote::Single => self.repair(RepairKind::SingleQuotedString, open, self.pos),
            Quote::SmartDouble | Quote::SmartSingle => self.repair(RepairKind::SmartQuotes, open, self.pos),
        }
        Ok(text)
    }

    /// The content of a string. Keys and values differ only in how a line break without a closing quote
    /// is repaired.
    fn string_body(&mut self, quote: Quote, key: bool) -> Parsed<String> {
        let b = self.b;
        let open = self.pos;
        // A key also stops at typographic quotes: `"name”:` is closed by the `”`.
        let smart_key = key && quote == Quote::Double;
        let (table, open_len) = match quote {
            Quote::Double if smart_key => (&STOP_SMART_DOUBLE, 1),
            Quote::Double => (&STOP_DOUBLE, 1),
            Quote::Single => (&STOP_SINGLE, 1),
            Quote::SmartDouble => (&STOP_SMART_DOUBLE, 3),
            Quote::SmartSingle => (&STOP_SMART_SINGLE, 3),
        };
        let content = open + open_len;
        let mut pos = content;
        // Text from `run` to `pos` is copied verbatim; `buf` is used only once something is not.
        let mut run = content;
        let mut buf: Option<String> = None;
        loop {
            if quote == Quote::Double && !smart_key {
                pos = skip_plain(b, pos);
            }
            while pos < b.len() && !table[b[pos] as usize] {
                pos += 1;
            }
            let Some(&c) = b.get(pos) else {
                return fail(open, "unterminated string");
            };
            let close_len = self.closer_len(quote, pos);
            if close_len > 0 {
                let after = pos + close_len;
                if b.get(after).is_some_and(|&n| !ends_string(n)) {
                    // A quote glued to a word cannot end a string: `""value"`, `'It's'`, `"say "hi"!"`.
                    self.repair(RepairKind::StrayQuote, pos, after);
                    if pos == content {
                        // A doubled opening quote: drop it.
                        buf.get_or_insert_with(String::new);
                        run = after;
                    }
                    pos = after;
                    continue;
                }
                self.pos = after;
                return Ok(finish(buf, &self.src[run..pos]));
            }
            match c {
                b'\\' => {
                    let out = buf.get_or_insert_with(|| String::with_capacity(pos - content + 16));
                    out.push_str(&self.src[run..pos]);
                    pos = self.escape(pos, quote, out);
                    run = pos;
                }
                b'\n' if quote == Quote::Double && key => return self.cut_key(open, run, pos, buf),
                b'\n' if quote == Quote::Double && self.next_line_is_member(pos + 1) => {
                    // The closing quote is missing and the next member starts on the next line.
                    let mut cut = pos;
                    while cut > run && matches!(b[cut - 1], b' ' | b'\t' | b'\r') {
                        cut -= 1;
                    }
                    if cut > run && b[cut - 1] == b',' {
                        // `"text,` then a line break: the comma separated members, so leave it to be read as one.
                        cut -= 1;
                    }
                    self.pos = cut;
                    let closer = &b[run..cut];
                    if closer.ends_with(RIGHT_DOUBLE) || closer.ends_with(LEFT_DOUBLE) {
                        // `"GET”,`: a typographic quote closed the string.
                        cut -= RIGHT_DOUBLE.len();
                        self.repair(RepairKind::SmartQuotes, cut, self.pos);
                    } else {
                        self.repair(RepairKind::MissingQuote, cut, cut);
                    }
                    return Ok(finish(buf, &self.src[run..cut]));
                }
                0xE2 if smart_key && self.smart_key_end(pos) => {
                    self.repair(RepairKind::SmartQuotes, pos, pos + RIGHT_DOUBLE.len());
                    self.pos = pos + RIGHT_DOUBLE.len();
                    return Ok(finish(buf, &self.src[run..pos]));
                }
                0xE2 => pos += 1, // Another typographic character: content.
                _ => {
                    match self.repairs.last_mut() {
                        Some(last) if last.kind == RepairKind::RawControlInString && last.end == pos => last.end += 1,
                        _ => self.repair(RepairKind::RawControlInString, pos, pos + 1),
                    }
                    pos += 1;
                }
            }
        }
    }

    /// A key that runs into a line break lost its closing quote: `"size: : null,` is the key `size`
    /// followed by its `:`. Without a `:` on the line there is nothing sensible to read.
    /// `open` is the opening quote, `run..newline` the verbatim tail of the key, `buf` what came before it.
    fn cut_key(&mut self, open: usize, run: usize, newline: usize, buf: Option<String>) -> Parsed<String> {
        let line = &self.b[run..newline];
        let (Some(first), Some(last)) = (line.iter().position(|&c| c == b':'), line.iter().rposition(|&c| c == b':'))
        else {
            return fail(open, "line break in an object key");
        };
        let (first, last) = (run + first, run + last);
        let mut text = finish(buf, &self.src[run..first]);
        text.truncate(text.trim_end().len());
        self.repair(RepairKind::MissingQuote, first, first);
        self.pos = last;
        Ok(text)
    }

    /// Whether a `”` (or `“`) at `i` ends a key: the key's `:` follows.
    fn smart_key_end(&self, i: usize) -> bool {
        let b = self.b;
        if !(b[i..].starts_with(RIGHT_DOUBLE) || b[i..].starts_with(LEFT_DOUBLE)) {
            return false;
        }
        let mut j = i + RIGHT_DOUBLE.len();
        while j < b.len() && matches!(b[j], b' ' | b'\t') {
            j += 1;
        }
        b.get(j) == Some(&b':')
    }

    /// Whether the line starting at `i` begins with a quoted key and its `:` (a look-ahead bounded by the line).
    fn next_line_is_member(&self, mut i: usize) -> bool {
        let b = self.b;
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r') {
            i += 1;
        }
        if b.get(i) != Some(&b'"') {
            return false;
        }
        i += 1;
        while i < b.len() && b[i] != b'"' {
            if b[i] == b'\n' {
                return false;
            }
            i += 1;
        }
        i += 1;
        while i < b.len() && matches!(b[i], b' ' | b'\t') {
            i += 1;
        }
        b.get(i) == Some(&b':')
    }

    /// Decodes the escape whose backslash is at `at` into `out`; returns the position after it.
    fn escape(&mut self, at: usize, quote: Quote, out: &mut String) -> usize {
        let b = self.b;
        let Some(&e) = b.get(at + 1) else {
            // A backslash at the very end: the string is unterminated, which the caller reports.
            return at + 1;
        };
        let simple = match e {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'\'' => {
                if quote != Quote::Single {
                    self.repair(RepairKind::InvalidEscape, at, at + 2);
                }
                '\''
            }
            b'u' => return self.unicode_escape(at, out),
            _ => {
                // Unknown escape: keep the backslash and the character, as a Windows path means them.
                let len = self.src[at + 1..].chars().next().map_or(1, char::len_utf8);
                self.repair(RepairKind::InvalidEscape, at, at + 1 + len);
                out.push_str(&self.src[at..at + 1 + len]);
                return at + 1 + len;
            }
        };
        out.push(simple);
        at + 2
    }

    /// `\uXXXX`, with surrogate pairs; a malformed one is kept as written, a lone surrogate becomes U+FFFD.
    fn unicode_escape(&mut self, at: usize, out: &mut String) -> usize {
        let Some(high) = self.hex4(at + 2) else {
            self.repair(RepairKind::InvalidEscape, at, at + 2);
            out.push_str("\\u");
            return at + 2;
        };
        if (0xD800..0xDC00).contains(&high) {
            if self.b.get(at + 6) == Some(&b'\\')
                && self.b.get(at + 7) == Some(&b'u')
                && let Some(low) = self.hex4(at + 8).filter(|low| (0xDC00..0xE000).contains(low))
            {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                return at + 12;
            }
            self.repair(RepairKind::InvalidEscape, at, at + 6);
            out.push('\u{FFFD}');
            return at + 6;
        }
        match char::from_u32(high) {
            Some(c) => out.push(c),
            None => {
                // A lone low surrogate.
                self.repair(RepairKind::InvalidEscape, at, at + 6);
                out.push('\u{FFFD}');
            }
        }
        at + 6
    }

    /// The four hex digits at `at`, if they are there.
    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.b.get(at..at + 4)?;
        digits.iter().try_fold(0u32, |acc, &d| Some(acc * 16 + (d as char).to_digit(16)?))
    }

    /// The length of the string delimiter that closes a `quote` string at `i`, or 0.
    fn closer_len(&self, quote: Quote, i: usize) -> usize {
        let b = self.b;
        match quote {
            Quote::Double => usize::from(b[i] == b'"'),
            Quote::Single => usize::from(b[i] == b'\''),
            Quote::SmartDouble | Quote::SmartSingle => {
                let (ascii, left, right) = match quote {
                    Quote::SmartDouble => (b'"', LEFT_DOUBLE, RIGHT_DOUBLE),
                    _ => (b'\'', LEFT_SINGLE, RIGHT_SINGLE),
                };
                if b[i] == ascii {
                    1
                } else if b[i..].starts_with(right) || b[i..].starts_with(left) {
                    3
                } else {
                    0
                }
            }
        }
    }

    /// The kind of string the delimiter at `i` opens, if it is a string delimiter.
    fn quote_at(&self, i: usize) -> Option<Quote> {
        let b = self.b;
        match b.get(i)? {
            b'"' => Some(Quote::Double),
            b'\'' => Some(Quote::Single),
            0xE2 if b[i..].starts_with(LEFT_DOUBLE) || b[i..].starts_with(RIGHT_DOUBLE) => Some(Quote::SmartDouble),
            0xE2 if b[i..].starts_with(LEFT_SINGLE) || b[i..].starts_with(RIGHT_SINGLE) => Some(Quote::SmartSingle),
            _ => None,
        }
    }

    /// Whether a key (quoted any way, or bare) starts at `i`: used to tell a missing comma from junk.
    fn starts_key(&self, i: usize) -> bool {
        let b = self.b;
        match b[i] {
            b'"' | b'\'' => true,
            0xE2 => [LEFT_DOUBLE, RIGHT_DOUBLE, LEFT_SINGLE, RIGHT_SINGLE].iter().any(|q| b[i..].starts_with(q)),
            c => is_ident_byte(c),
        }
    }

    /// Whether a JSON value (quoted any way) starts at `i`: used to tell a missing comma from junk.
    fn starts_value(&self, i: usize) -> bool {
        match self.b[i] {
            b'{' | b'[' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n' | b'<' => true,
            _ => self.starts_key(i) && !is_ident_byte(self.b[i]),
        }
    }

    /// Whether a bare token (number or literal) may end at `i`.
    fn ends_token(&self, i: usize) -> bool {
        match self.b.get(i) {
            None => true,
            Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b'}' | b']') => true,
            Some(b'/') => matches!(self.b.get(i + 1), Some(b'/' | b'*')),
            Some(_) => self.odd_space_len(i) > 0,
        }
    }

    /// The length of `...`/`…` at `i` when it stands alone as a token, else 0.
    fn ellipsis_len(&self, i: usize) -> usize {
        let b = self.b;
        let mut end = i;
        while end < b.len() {
            if b[end] == b'.' {
                end += 1;
            } else if b[end..].starts_with(ELLIPSIS) {
                end += ELLIPSIS.len();
            } else {
                break;
            }
        }
        let len = end - i;
        // Two dots are not an ellipsis, and `...abc` is not a standalone token.
        if (len >= 3 || b[i..].starts_with(ELLIPSIS)) && self.ends_token(end) { len } else { 0 }
    }

    /// The byte length of a non-JSON whitespace character at `i` (no-break, zero-width, BOM, ...), or 0.
    fn odd_space_len(&self, i: usize) -> usize {
        let b = self.b;
        let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
        match at(0) {
            0x0B | 0x0C => 1,
            0xC2 if matches!(at(1), 0xA0 | 0x85) => 2,
            0xE2 if at(1) == 0x80 && matches!(at(2), 0x80..=0x8D | 0xA8 | 0xA9 | 0xAF) => 3,
            0xE2 if at(1) == 0x81 && matches!(at(2), 0x9F | 0xA0) => 3,
            0xE3 if at(1) == 0x80 && at(2) == 0x80 => 3,
            0xEF if at(1) == 0xBB && at(2) == 0xBF => 3,
            _ => 0,
        }
    }

    /// Skips whitespace and comments between tokens, recording the non-JSON ones.
    #[inline(always)]
    fn skip_ws(&mut self) {
        // Most calls find a token right away; keep that case free of a call.
        if let Some(b' ' | b'\n' | b'\r' | b'\t' | b'/' | 0x0B | 0x0C | 0x80..) = self.b.get(self.pos) {
            self.skip_ws_slow();
        }
    }

    /// The rest of [`Parser::skip_ws`]: runs of whitespace, comments and non-JSON spaces.
    fn skip_ws_slow(&mut self) {
        let b = self.b;
        loop {
            match b.get(self.pos) {
                Some(b' ' | b'\n' | b'\r' | b'\t') => self.pos += 1,
                Some(b'/') => {
                    let start = self.pos;
                    let end = match b.get(start + 1) {
                        Some(b'/') => {
                            let mut end = b[start..].iter().position(|&c| c == b'\n').map_or(b.len(), |n| start + n);
                            if end > start + 2 && b[end - 1] == b'\r' {
                                end -= 1;
                            }
                            end
                        }
                        // An unclosed comment runs to the end, as it would in JavaScript's eyes.
                        Some(b'*') => {
                            b[start + 2..].windows(2).position(|w| w == b"*/").map_or(b.len(), |n| start + n + 4)
                        }
                        _ => return,
                    };
                    self.repair(RepairKind::Comment, start, end);
                    self.pos = end;
                }
                Some(&c) if c >= 0x80 || c == 0x0B || c == 0x0C => {
                    let start = self.pos;
                    loop {
                        let len = self.odd_space_len(self.pos);
                        if len == 0 {
                            break;
                        }
                        self.pos += len;
                    }
                    if self.pos == start {
                        return;
                    }
                    self.repair(RepairKind::NonStandardWhitespace, start, self.pos);
                }
                _ => return,
            }
        }
    }
}

/// Skips string bytes that need no attention (not `"`, `\\` or a control character), eight at a time,
/// the way serde_json does; returns the position of the first byte that may need attention.
fn skip_plain(b: &[u8], mut pos: usize) -> usize {
    /// 0x01 in every byte.
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    /// 0x80 in every byte.
    const HIGHS: u64 = ONES << 7;
    while let Some(chunk) = b.get(pos..pos + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        // Each term flags the high bit of bytes below 0x20 / equal to `"` / equal to `\\`. A borrow may
        // flag bytes above the first real match, never below it, so the lowest flag is exact.
        let control = word.wrapping_sub(ONES * 0x20) & !word;
        let quote = quote.wrapping_sub(ONES) & !quote;
        let backslash = backslash.wrapping_sub(ONES) & !backslash;
        let flags = (control | quote | backslash) & HIGHS;
        if flags != 0 {
            return pos + (flags.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    pos
}

/// The string read so far plus its last verbatim run.
fn finish(buf: Option<String>, tail: &str) -> String {
    match buf {
        Some(mut s) => {
            s.push_str(tail);
            s
        }
        None => tail.to_owned(),
    }
}

/// Whether a byte may follow a string's closing quote: strict JSON allows only whitespace, `,`, `:`, `}` and
/// `]`; quotes, `/`, brackets and non-ASCII bytes are left to the missing-comma and comment repairs.
fn ends_string(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' | b'}' | b']' | b'{' | b'[' | b'"' | b'\'' | b'/')
        || c >= 0x80
}

/// Bytes an unquoted key may hold: `isCollection`, `@odata.type`, `user-id`.
fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'@' | b'.' | b'-' | b'#' | b'+')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The repairs as (kind, repaired text) pairs, which read better in asserts than byte offsets.
    fn repairs(text: &str) -> Vec<(RepairKind, &str)> {
        let parsed = parse(text);
        assert_eq!(parsed.error, None, "{text:?} should be recovered");
        parsed.repairs.iter().map(|r| (r.kind.clone(), &text[r.start..r.end])).collect()
    }

    /// The value recovered from `text`, which must be recoverable.
    fn value(text: &str) -> Value {
        parse(text).value.unwrap_or_else(|| panic!("{text:?} gave no value"))
    }

    /// The error for `text`, which must not be recoverable.
    fn error(text: &str) -> JsonError {
        let parsed = parse(text);
        assert_eq!(parsed.value, None, "{text:?} should not be recovered");
        assert!(parsed.repairs.is_empty(), "no repairs are reported without a value");
        parsed.error.unwrap_or_else(|| panic!("{text:?} gave no error"))
    }

    /// The kinds of the repairs of `text`, in source order.
    fn kinds(text: &str) -> Vec<RepairKind> {
        repairs(text).into_iter().map(|(kind, _)| kind).collect()
    }

    /// Strict JSON samples, each read by serde_json too.
    const STRICT: &[&str] = &[
        r#"{"blockType": "request", "name": "get_user", "truncated": true, "tags": []}"#,
        r#"[1, -2, 3.5, -0, 0.25e3, 1E-7, 18446744073709551615, 18446744073709551616, -9223372036854775808]"#,
        r#"[-9223372036854775809, 123456789012345678901234567890, 5e-324, 1.7976931348623157e308]"#,
        r#"{"s": "tab\tquote\"slash\/back\\uni\u00e9pair\ud83d\ude00", "e": "", "n": null, "f": false}"#,
        "\n  {\n    \"nested\": {\"a\": [[], {}, [{\"b\": [null]}]]}\n  }\n",
        r#""just a string""#,
        "42",
        "true",
        r#"{"ключ": "значение", "emoji": "😀", "a": {"a": {"a": 1}}}"#,
    ];

    /// Strict JSON: no repair, and the value serde_json gives, on both paths.
    #[test]
    fn strict_json_needs_no_repair_and_matches_serde_json() {
        for text in STRICT {
            let expected: Value = serde_json::from_str(text).expect("sample is strict");
            let parsed = parse(text);
            assert_eq!(parsed, LenientJson { value: Some(expected.clone()), repairs: vec![], error: None }, "{text}");
            // The lenient reader alone must agree too: it is what repaired texts go through.
            let slow = lenient(text, &Limits::default());
            assert_eq!(slow.value, Some(expected), "{text}");
            assert!(slow.repairs.is_empty(), "{text}: {:?}", slow.repairs);
        }
    }

    /// With `preserve_order`, members keep their source order.
    #[test]
    fn object_keys_keep_source_order() {
        let keys: Vec<String> = value(r#"{"z": 1, "a": 2, m: 3,}"#).as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["z", "a", "m"]);
    }

    /// `{"a": 1,}` and `[1,2,]`.
    #[test]
    fn trailing_commas() {
        assert_eq!(value(r#"{"a": 1,}"#), json!({"a": 1}));
        assert_eq!(repairs(r#"{"a": 1,}"#), [(RepairKind::TrailingComma, ",")]);
        assert_eq!(value("[1,2,]"), json!([1, 2]));
        let parsed = parse("[1,2,]");
        assert_eq!(parsed.repairs, [Repair { kind: RepairKind::TrailingComma, start: 4, end: 5 }]);
        assert_eq!(kinds("{\n  \"blockType\": \"response\",\n}"), [RepairKind::TrailingComma]);
    }

    /// `[1,,2]` and `{, ...}`.
    #[test]
    fn extra_commas() {
        assert_eq!(value("[1,,2]"), json!([1, 2]));
        assert_eq!(repairs("[1,,2]"), [(RepairKind::ExtraComma, ",")]);
        assert_eq!(value(r#"{, "a": 1}"#), json!({"a": 1}));
    }

    /// `{ isCollection: true }` (`api/user-getmailtips.md`).
    #[test]
    fn unquoted_keys() {
        let text = "{\n  \"blockType\": \"response\",\n  isCollection: true\n}";
        assert_eq!(value(text), json!({"blockType": "response", "isCollection": true}));
        assert_eq!(repairs(text), [(RepairKind::UnquotedKey, "isCollection")]);
        assert_eq!(value("{@odata.type: 1, user-id: 2}"), json!({"@odata.type": 1, "user-id": 2}));
    }

    /// `{"a":1,"a":2}` is valid JSON but ambiguous: the last value wins and the key is reported.
    #[test]
    fn duplicate_keys_keep_the_last_value() {
        let text = r#"{"a":1,"a":2}"#;
        assert_eq!(value(text), json!({"a": 2}));
        assert_eq!(repairs(text), [(RepairKind::DuplicateKey("a".into()), r#""a""#)]);
        // Escapes and nesting: the key is compared, and reported, decoded.
        let text = r#"{"x": {"b": [1], "\u0062": [2]}, "y": 0}"#;
        assert_eq!(value(text), json!({"x": {"b": [2]}, "y": 0}));
        assert_eq!(repairs(text), [(RepairKind::DuplicateKey("b".into()), r#""\u0062""#)]);
        assert_eq!(RepairKind::DuplicateKey("a".into()).describe(), "duplicate key `a` (the last value wins)");
        // Reported in source order even though found after the value.
        let text = "{\"a\": 1, \"a\": [1,], \"b\": 2,}";
        assert_eq!(
            kinds(text),
            [RepairKind::DuplicateKey("a".into()), RepairKind::TrailingComma, RepairKind::TrailingComma]
        );
    }

    /// A URL broken over two lines, and a raw tab.
    #[test]
    fn raw_control_characters_in_strings() {
        let text = "{\"@odata.id\": \"https://graph.microsoft.com/v1.0/users/extensions\n('Com.Contoso.Referral')\",\n \"t\": \"a\tb\"}";
        let v = value(text);
        assert_eq!(v["@odata.id"], "https://graph.microsoft.com/v1.0/users/extensions\n('Com.Contoso.Referral')");
        assert_eq!(v["t"], "a\tb");
        assert_eq!(repairs(text), [(RepairKind::RawControlInString, "\n"), (RepairKind::RawControlInString, "\t")]);
        // A CR LF pair is one repair.
        assert_eq!(repairs("[\"a\r\nb\"]"), [(RepairKind::RawControlInString, "\r\n")]);
    }

    /// The `#page.annotation` footers whose suppressions span two lines.
    #[test]
    fn page_annotation_suppressions_over_two_lines() {
        let text = "{\n  \"type\": \"#page.annotation\",\n  \"suppressions\": [\n    \"Warning: /x.md:\n      Found potential enums\"\n  ],\n  \"tocPath\": \"\"\n}";
        let v = value(text);
        assert_eq!(v["suppressions"][0], "Warning: /x.md:\n      Found potential enums");
        assert_eq!(kinds(text), [RepairKind::RawControlInString]);
    }

    /// `"id":"x"` then `"name":"y"` on the next line, and items without commas.
    #[test]
    fn missing_commas() {
        let text = "{\n  \"id\":\"x\"\n  \"name\":\"y\"\n}";
        assert_eq!(value(text), json!({"id": "x", "name": "y"}));
        let parsed = parse(text);
        assert_eq!(parsed.repairs, [Repair { kind: RepairKind::MissingComma, start: 12, end: 12 }]);
        assert_eq!(value("[1 2 {\"a\": [] \"b\": {}}]"), json!([1, 2, {"a": [], "b": {}}]));
        assert_eq!(kinds("[1 2]"), [RepairKind::MissingComma]);
        let text = "{\n  \"tocPath\": \"\"\n  \"suppressions\": []\n}";
        assert_eq!(value(text), json!({"tocPath": "", "suppressions": []}));
    }

    /// NBSP and ZWSP between tokens are skipped and reported; inside strings they are content.
    #[test]
    fn non_standard_whitespace() {
        let text = "{\u{a0}\"a\":\u{200b}1,\u{a0}\u{a0}\"b\": 2}";
        assert_eq!(value(text), json!({"a": 1, "b": 2}));
        assert_eq!(
            repairs(text),
            [
                (RepairKind::NonStandardWhitespace, "\u{a0}"),
                (RepairKind::NonStandardWhitespace, "\u{200b}"),
                (RepairKind::NonStandardWhitespace, "\u{a0}\u{a0}"),
            ]
        );
        assert_eq!(kinds("\u{feff}[1]"), [RepairKind::NonStandardWhitespace]);
        // Inside a string it is content, not a repair.
        assert_eq!(parse("[\"a\u{a0}b\"]").repairs, []);
    }

    /// `//` and `/* */` comments anywhere between tokens.
    #[test]
    fn comments() {
        let text =
            "{\n  \"isMuted\": false, // will be set to false on unmute\n  /* relationships */ \"b\": [1 /* one */]\n}";
        assert_eq!(value(text), json!({"isMuted": false, "b": [1]}));
        assert_eq!(
            repairs(text),
            [
                (RepairKind::Comment, "// will be set to false on unmute"),
                (RepairKind::Comment, "/* relationships */"),
                (RepairKind::Comment, "/* one */"),
            ]
        );
        // A key followed by a comment, then its value on the next line.
        assert_eq!(value("{\"3a73\": // client-generated GUID\n  {\"t\": 1}}"), json!({"3a73": {"t": 1}}));
        // `//` inside a string or a URL-like placeholder is not a comment.
        assert_eq!(value(r#"{"u": "https://x/y"}"#), json!({"u": "https://x/y"}));
    }

    /// `'target':'#para-id'` (`api/page-update.md`), with apostrophes inside.
    #[test]
    fn single_quoted_strings() {
        let text = "[{'target':'#para-id', 'content':'<img src=\"x\" />', 'it': 'It\\'s', 'own': 'Bob's'}]";
        assert_eq!(
            value(text),
            json!([{"target": "#para-id", "content": "<img src=\"x\" />", "it": "It's", "own": "Bob's"}])
        );
        let found = repairs(text);
        assert_eq!(found[0], (RepairKind::SingleQuotedString, "'target'"));
        assert_eq!(found[1], (RepairKind::SingleQuotedString, "'#para-id'"));
        assert!(found.contains(&(RepairKind::StrayQuote, "'")), "{found:?}");
        assert!(!found.iter().any(|(k, _)| *k == RepairKind::InvalidEscape), "`\\'` is fine in single quotes");
    }

    /// “ ” and ‘ ’ as string delimiters.
    #[test]
    fn smart_quotes() {
        let text = "{“name”: “value”, \"url\": “/shifts/{id}?a=b”, ‘s’: ‘t’}";
        assert_eq!(value(text), json!({"name": "value", "url": "/shifts/{id}?a=b", "s": "t"}));
        assert_eq!(
            repairs(text),
            [
                (RepairKind::SmartQuotes, "“name”"),
                (RepairKind::SmartQuotes, "“value”"),
                (RepairKind::SmartQuotes, "“/shifts/{id}?a=b”"),
                (RepairKind::SmartQuotes, "‘s’"),
                (RepairKind::SmartQuotes, "‘t’"),
            ]
        );
        // Typographic quotes inside an ordinary string are content.
        assert_eq!(parse("[\"the “aud” claim\"]").repairs, []);
    }

    /// `...` and `…` for omitted members and items are dropped.
    #[test]
    fn ellipsis_stands_for_omitted_content() {
        let text =
            "{\n  \"value\": [\n    {\"id\": 1},\n    ...\n  ],\n  \"more\": [1, 2, …],\n  \"body\": {...},\n  ...\n}";
        assert_eq!(value(text), json!({"value": [{"id": 1}], "more": [1, 2], "body": {}}));
        assert_eq!(kinds(text), vec![RepairKind::Ellipsis; 4]);
        assert_eq!(repairs(text)[1], (RepairKind::Ellipsis, "…"));
        // The value of a member left out: the key stays, with the dots as text.
        assert_eq!(value(r#"{"a": ..., "b": 1}"#), json!({"a": "...", "b": 1}));
        // Only a standalone token is an ellipsis.
        assert!(parse("[...abc]").error.is_some());
    }

    /// `{size}`, `<value>` and other bare text where a value belongs become strings of the raw text.
    #[test]
    fn bare_placeholders_become_strings() {
        let text =
            "{\n  \"size\": {size},\n  \"x\": <value>,\n  \"when\": 2018-04-01T12:39:16Z,\n  \"id\": id-value\n}";
        assert_eq!(
            value(text),
            json!({"size": "{size}", "x": "<value>", "when": "2018-04-01T12:39:16Z", "id": "id-value"})
        );
        assert_eq!(
            repairs(text),
            [
                (RepairKind::BarePlaceholder, "{size}"),
                (RepairKind::BarePlaceholder, "<value>"),
                (RepairKind::BarePlaceholder, "2018-04-01T12:39:16Z"),
                (RepairKind::BarePlaceholder, "id-value"),
            ]
        );
        // Commas inside brackets belong to the placeholder; a trailing comment does not.
        assert_eq!(value("{\"a\": <a, b>, \"c\": {id | upn} // note\n}"), json!({"a": "<a, b>", "c": "{id | upn}"}));
        // In a nested array too.
        assert_eq!(value(r#"{"ids": [<id1>, <id2>]}"#), json!({"ids": ["<id1>", "<id2>"]}));
        // An object is not a placeholder.
        assert_eq!(value(r#"{"a": {b: 1}}"#), json!({"a": {"b": 1}}));
    }

    /// Containers left open at the end, or closed by the other kind of bracket.
    #[test]
    fn missing_closing_brackets() {
        let text = "{\"a\": {\"b\": 1}";
        assert_eq!(value(text), json!({"a": {"b": 1}}));
        let parsed = parse(text);
        assert_eq!(
            parsed.repairs,
            [Repair { kind: RepairKind::MissingClosingBracket, start: text.len(), end: text.len() }]
        );
        assert_eq!(kinds("[[1, 2"), vec![RepairKind::MissingClosingBracket; 2]);
        // The wrong closing bracket: the inner container's own is missing.
        assert_eq!(value(r#"{"a": [1, 2}"#), json!({"a": [1, 2]}));
        assert_eq!(value(r#"[{"a": 1]"#), json!([{"a": 1}]));
        assert_eq!(kinds(r#"[{"a": 1]"#), [RepairKind::MissingClosingBracket]);
    }

    /// Text after a container is reported and ignored.
    #[test]
    fn trailing_text_is_ignored() {
        let text = "{\"a\": 1}\n```\nSee also the docs.\n";
        assert_eq!(value(text), json!({"a": 1}));
        assert_eq!(repairs(text), [(RepairKind::TrailingText, "```\nSee also the docs.")]);
        assert_eq!(kinds("[1]]"), [RepairKind::TrailingText]);
        assert_eq!(repairs("[1, 2, 3] ]"), [(RepairKind::TrailingText, "]")]);
    }

    /// The annotation faults with a missing closing or opening quote.
    #[test]
    fn missing_quotes() {
        // A closing quote missing at the line end, before the next member.
        let text = "{\n  \"type\": \"#page.annotation\",\n  \"description\": \"User delete teamsAppInstallations,\n  \"keywords\": \"\",\n  \"tocPath\": \"\"\n}";
        let v = value(text);
        assert_eq!(v["description"], "User delete teamsAppInstallations");
        assert_eq!(v["keywords"], "");
        assert_eq!(kinds(text), [RepairKind::MissingQuote]);
        // A key's closing quote missing: `"size: : null,`.
        let text = "{\n  \"size: : null,\n  \"color\" : null\n}";
        assert_eq!(value(text), json!({"size": null, "color": null}));
        assert_eq!(kinds(text), [RepairKind::MissingQuote]);
        // A string opened by `"` and closed by `”` (`api/workforceintegration-post.md`).
        let text = "{\n  \"method\": \"GET”,\n  \"url\": “/shifts/{shiftId}”\n}";
        assert_eq!(value(text), json!({"method": "GET", "url": "/shifts/{shiftId}"}));
        assert_eq!(repairs(text), [(RepairKind::SmartQuotes, "”"), (RepairKind::SmartQuotes, "“/shifts/{shiftId}”")]);
        // A key closed by `”`, and typographic quotes inside a key that are content.
        assert_eq!(value("{\"name”: 1, \"a“b”c\": 2}"), json!({"name": 1, "a“b”c": 2}));
        assert_eq!(kinds("{\"name”: 1, \"a“b”c\": 2}"), [RepairKind::SmartQuotes]);
        // An opening quote missing, of a key or of a value.
        assert_eq!(value("{\n  @odata.type\": \"x\"}"), json!({"@odata.type": "x"}));
        assert_eq!(kinds("{\n  @odata.type\": \"x\"}"), [RepairKind::MissingQuote]);
        let text = "{\"description\": translationLanguageOverride resource\", \"b\": 1}";
        assert_eq!(value(text), json!({"description": "translationLanguageOverride resource", "b": 1}));
        assert_eq!(kinds(text), [RepairKind::MissingQuote]);
    }

    /// A `"` glued to a word does not end a string (`api/workbookoperation-get.md`).
    #[test]
    fn stray_quotes() {
        let text = "{\"code\": \"\"internalServerErrorUncategorized\", \"m\": \"say \"hi\"!\"}";
        let v = value(text);
        assert_eq!(v["code"], "internalServerErrorUncategorized");
        assert_eq!(v["m"], "say \"hi\"!");
        assert_eq!(kinds(text), vec![RepairKind::StrayQuote; 3]);
    }

    /// Unknown escapes stay as written, `\'` becomes `'`, lone surrogates become U+FFFD.
    #[test]
    fn invalid_escapes_are_kept() {
        let text = r#"["C:\Users\x", "\'", "\ud800x", "\udc00", "\u12", "\ud83d\ude00"]"#;
        assert_eq!(value(text), json!(["C:\\Users\\x", "'", "\u{fffd}x", "\u{fffd}", "\\u12", "😀"]));
        assert_eq!(
            repairs(text),
            [
                (RepairKind::InvalidEscape, r"\U"),
                (RepairKind::InvalidEscape, r"\x"),
                (RepairKind::InvalidEscape, r"\'"),
                (RepairKind::InvalidEscape, r"\ud800"),
                (RepairKind::InvalidEscape, r"\udc00"),
                (RepairKind::InvalidEscape, r"\u"),
            ]
        );
    }

    /// `1e400` does not fit a double.
    #[test]
    fn numbers_out_of_range_become_strings() {
        assert_eq!(value("[1e400, 2]"), json!(["1e400", 2]));
        assert_eq!(repairs("[1e400, 2]"), [(RepairKind::NumberOutOfRange, "1e400")]);
    }

    /// Prose, empty text and gaps where nothing sensible fits are errors, with offsets.
    #[test]
    fn what_cannot_be_recovered() {
        assert_eq!(error(""), JsonError { offset: 0, message: "empty json".into() });
        assert_eq!(error(" \n\t\u{a0}").message, "empty json");
        assert_eq!(error("hello world"), JsonError { offset: 0, message: "expected a value".into() });
        assert_eq!(error(r#"{"a": }"#), JsonError { offset: 6, message: "expected a value".into() });
        assert_eq!(error("{Raw bytes of the file}").message, "expected `:` after an object key");
        assert_eq!(
            error("[Zip file containing a Teams app package]"),
            JsonError { offset: 1, message: "expected a value".into() }
        );
        assert_eq!(error(r#"{"a": "unterminated}"#), JsonError { offset: 6, message: "unterminated string".into() });
        assert_eq!(error("true story").message, "unexpected text after the value");
        assert_eq!(error(r#"{"a" 1}"#).offset, 5);
        assert_eq!(error("{\"a\": 1 b c}").message, "expected `:` after an object key");
        assert_eq!(error("<value>").message, "expected a value");
        assert_eq!(error("\"a\" \"b\"").message, "unexpected text after the value");
    }

    /// 10,000 nested brackets give an error; the limit holds on both paths.
    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(10_000);
        assert_eq!(error(&deep), JsonError { offset: 256, message: "nesting deeper than 256 levels".into() });
        let deep_objects = "{\"a\":".repeat(10_000);
        assert_eq!(error(&deep_objects).message, "nesting deeper than 256 levels");
        // Exactly at the limit is fine, on both paths (serde_json alone stops at 128).
        let at_limit = format!("{}{}", "[".repeat(256), "]".repeat(256));
        assert!(parse(&at_limit).value.is_some());
        let over = format!("{}{}", "[".repeat(257), "]".repeat(257));
        assert_eq!(error(&over).message, "nesting deeper than 256 levels");
        // A smaller limit holds for strict text too.
        let limits = Limits { max_depth: 2 };
        assert!(parse_with("[[1]]", &limits).value.is_some());
        assert_eq!(
            parse_with("[[[1]]]", &limits).error.map(|e| e.message),
            Some("nesting deeper than 2 levels".into())
        );
        assert_eq!(Limits::default().max_depth, 256);
    }

    /// Repairs and errors in text full of multibyte characters point at whole characters.
    #[test]
    fn offsets_fall_on_char_boundaries_in_multibyte_text() {
        let text =
            "{\u{a0}«clé»: 1, \"é\": “ü”, ‘ñ’: [1,], \"😀\": 'x', \"ж\": <значение>, …\n// коммент\n \"z\": \"a\tб\",}";
        let parsed = parse(text);
        assert!(parsed.value.is_none(), "«clé» is not a key: {parsed:?}");
        let err = parsed.error.unwrap();
        assert!(text.is_char_boundary(err.offset));
        assert_eq!(&text[err.offset..err.offset + 2], "«");

        let text = "{\u{a0}\"clé\": 1, \"é\": “ü”, ‘ñ’: [1,], \"😀\": 'x', \"ж\": <значение>, …\n// коммент\n \"z\": \"a\tб\",}";
        let parsed = parse(text);
        assert_eq!(
            parsed.value,
            Some(json!({"clé": 1, "é": "ü", "ñ": [1], "😀": "x", "ж": "<значение>", "z": "a\tб"}))
        );
        for repair in &parsed.repairs {
            assert!(text.is_char_boundary(repair.start) && text.is_char_boundary(repair.end), "{repair:?}");
        }
        let texts: Vec<&str> = parsed.repairs.iter().map(|r| &text[r.start..r.end]).collect();
        assert_eq!(texts, ["\u{a0}", "“ü”", "‘ñ’", ",", "'x'", "<значение>", "…", "// коммент", "\t", ","]);
    }

    /// Every kind has a lowercase description.
    #[test]
    fn repairs_are_described_in_lowercase() {
        let all = [
            RepairKind::TrailingComma,
            RepairKind::ExtraComma,
            RepairKind::UnquotedKey,
            RepairKind::DuplicateKey("K".into()),
            RepairKind::RawControlInString,
            RepairKind::InvalidEscape,
            RepairKind::MissingComma,
            RepairKind::NonStandardWhitespace,
            RepairKind::Comment,
            RepairKind::SingleQuotedString,
            RepairKind::SmartQuotes,
            RepairKind::Ellipsis,
            RepairKind::BarePlaceholder,
            RepairKind::MissingQuote,
            RepairKind::StrayQuote,
            RepairKind::MissingClosingBracket,
            RepairKind::TrailingText,
            RepairKind::NumberOutOfRange,
        ];
        for kind in all {
            let text = kind.describe().replace("`K`", "");
            assert!(!text.is_empty() && text == text.to_lowercase(), "{kind:?}: {text}");
        }
        assert_eq!(RepairKind::TrailingComma.describe(), "trailing comma");
    }

    /// Checks what every result must satisfy, whatever the input.
    fn check_invariants(text: &str, parsed: &LenientJson) {
        assert_eq!(parsed.value.is_some(), parsed.error.is_none(), "{text:?}");
        if let Some(err) = &parsed.error {
            assert!(err.offset <= text.len() && text.is_char_boundary(err.offset), "{text:?} {err:?}");
            assert!(!err.message.is_empty() && err.message == err.message.to_lowercase());
            assert!(parsed.repairs.is_empty());
        }
        let mut last = 0;
        for r in &parsed.repairs {
            assert!(r.start <= r.end && r.end <= text.len(), "{text:?} {r:?}");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{text:?} {r:?}");
            assert!(r.start >= last, "repairs out of order in {text:?}: {:?}", parsed.repairs);
            last = r.start;
        }
    }

    /// 200 deterministic mutations of a sample: no panic, and every offset on a char boundary.
    #[test]
    fn random_mutations_never_panic() {
        let sample = "{\n  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#users\",\n  \"value\": [\n    {\n      \"id\": \"87d349ed-44d7-43e1-9a83-5f2406dee5bd\",\n      \"displayName\": \"Adele «Vance» 😀\",\n      \"businessPhones\": [\"+1 425 555 0109\"],\n      \"age\": -12.5e3, \"ok\": true, \"none\": null,\n      \"nested\": {\"a\": [1, 2, {\"b\": \"c\\n\\u00e9\"}]}\n    }\n  ]\n}";
        let pieces = [
            "{", "}", "[", "]", ",", ":", "\"", "'", "\\", "\n", "\t", "\u{a0}", "\u{200b}", "“", "”", "…", "...",
            "//", "/*", "*/", "<", ">", "é", "😀", "x", "1", "-", "e", "true", "\\u", "\\ud800", " ", "\r",
        ];
        let chars: Vec<char> = sample.chars().collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |bound: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) as usize) % bound.max(1)
        };
        let mut recovered = 0;
        for round in 0..200 {
            let mut text: Vec<char> = chars.clone();
            for _ in 0..1 + next(4) {
                let at = next(text.len() + 1);
                match next(4) {
                    0 => {
                        let end = (at + next(8)).min(text.len());
                        text.drain(at..end);
                    }
                    1 | 2 => {
                        let piece = pieces[next(pieces.len())];
                        text.splice(at..at, piece.chars());
                    }
                    _ => text.truncate(at),
                }
            }
            let text: String = text.into_iter().collect();
            let parsed = parse(&text);
            check_invariants(&text, &parsed);
            recovered += usize::from(parsed.value.is_some());
            if std::env::var_os("SHOW_MUTATIONS").is_some() {
                eprintln!(
                    "{:?}\n  -> {:?} {:?}",
                    text,
                    parsed.error,
                    parsed.repairs.iter().map(|r| &r.kind).collect::<Vec<_>>()
                );
            }
            // The lenient reader alone must agree with the fast path on whatever it accepts strictly.
            if round % 10 == 0 {
                check_invariants(&text, &lenient(&text, &Limits::default()));
            }
        }
        assert!(recovered > 90, "most mutations stay recoverable: {recovered}");
    }

    /// Inputs built to defeat look-aheads finish quickly.
    #[test]
    fn hostile_inputs_stay_linear() {
        // Each would take hours if some look-ahead or rescan were quadratic; all are about 1 MB.
        let n = 100_000;
        let inputs = [
            format!("{{\"a\": \"{}\"}}", "x\n  \"k\n".repeat(n)),
            format!("{{\"a\": [{}]}}", "{x ".repeat(n)),
            format!("{{\"a\": {}}}", "<".repeat(10 * n)),
            format!("[{}]", "\"\n\"\n".repeat(n)),
            format!("{{{}}}", "\"k: : 1,\n".repeat(n)),
            "{\"a\": \"".to_string() + &"\\u12".repeat(n),
            "[".to_string() + &"1 ".repeat(5 * n),
            "[\"".to_string() + &"'".repeat(10 * n),
            "/*".repeat(5 * n),
            "{\"a\": ".to_string() + &"… ".repeat(n),
        ];
        let started = std::time::Instant::now();
        for text in &inputs {
            let parsed = parse(text);
            check_invariants(text, &parsed);
        }
        assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
    }
}
