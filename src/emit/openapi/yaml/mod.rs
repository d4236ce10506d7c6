//! A block-style YAML serialiser, fast and safe for every reader. General YAML serialisers
//! follow YAML 1.2 and leave `on`, `yes`, `12:00:05` or `2021-06-14` plain, which YAML 1.1
//! readers (PyYAML, SnakeYAML: most OpenAPI tools) read as booleans, numbers and dates; here a
//! scalar is plain only when every YAML version reads it as the same string, and double-quoted
//! (with JSON-style escapes, which YAML shares) otherwise. It writes straight from `Serialize`
//! (no intermediate value): two-space indents, sequences under a key at the key's indent.

use std::fmt::Write as _;

use serde::ser::{self, Serialize};

mod scalar;

use scalar::{float, string};

/// The YAML text of a value whose root is a struct or map (or a sequence, or a scalar).
#[cfg(test)]
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    to_string_with_capacity(value, 1 << 16)
}

/// [`to_string`] into a buffer of `capacity` bytes reserved up front: a large document then
/// does not grow (and copy) its buffer step by step.
pub(crate) fn to_string_with_capacity<T: Serialize + ?Sized>(value: &T, capacity: usize) -> Result<String, Error> {
    let mut ser = Serializer { out: String::with_capacity(capacity), at: At::Root };
    value.serialize(&mut ser)?;
    Ok(ser.out)
}

/// The text of one entry `key: value` of a block mapping whose entries sit at column `col`, as
/// it appears inside the whole document: a document is the concatenation of its entries' texts,
/// so entries can be written apart (in parallel, or once and reused) and joined.
pub(crate) fn entry_to_string<V: Serialize + ?Sized>(key: &str, value: &V, col: usize) -> Result<String, Error> {
    let mut ser = Serializer { out: String::new(), at: At::Root };
    let mut map = Compound { ser: &mut ser, col, first: false, empty: false };
    map.key(key);
    value.serialize(&mut *map.ser)?;
    Ok(ser.out)
}

/// Where the next value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// The document root.
    Root,
    /// After `key:` of an entry at this column.
    Key(usize),
    /// After `-` of an item at this column.
    Item(usize),
}

/// A serialisation failure (a map key that is not a string, a value serde cannot express).
#[derive(Debug)]
pub(crate) struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

struct Serializer {
    out: String,
    at: At,
}

impl Serializer {
    /// Writes a scalar in the current position.
    fn scalar(&mut self, write: impl FnOnce(&mut String)) {
        if self.at != At::Root {
            self.out.push(' ');
        }
        write(&mut self.out);
        self.out.push('\n');
    }

    /// Opens a mapping; `None` when it is empty (then `{}` is written).
    fn open_map(&mut self, len: Option<usize>) -> Compound<'_> {
        if len == Some(0) {
            self.scalar(|o| o.push_str("{}"));
            return Compound { ser: self, col: 0, first: true, empty: true };
        }
        let (col, first_inline) = match self.at {
            At::Root => (0, false),
            At::Key(c) => {
                self.out.push('\n');
                (c + 2, false)
            }
            At::Item(c) => {
                self.out.push(' ');
                (c + 2, true)
            }
        };
        Compound { ser: self, col, first: first_inline, empty: false }
    }

    /// Opens a sequence; empty ones are written `[]`.
    fn open_seq(&mut self, len: Option<usize>) -> Compound<'_> {
        if len == Some(0) {
            self.scalar(|o| o.push_str("[]"));
            return Compound { ser: self, col: 0, first: false, empty: true };
        }
        let col = match self.at {
            At::Root => 0,
            At::Key(c) => {
                self.out.push('\n');
                c
            }
            At::Item(c) => {
                self.out.push('\n');
                c + 2
            }
        };
        Compound { ser: self, col, first: false, empty: false }
    }
}

/// An open mapping or sequence.
struct Compound<'a> {
    ser: &'a mut Serializer,
    col: usize,
    /// The next key follows a `- ` already written.
    first: bool,
    empty: bool,
}

/// Longest key, in bytes as written, that goes out as an implicit `key:`. YAML limits an implicit
/// key to 1024 characters (libyaml and PyYAML count from the key's start to its `:`, and refuse a
/// longer one), so a longer key (a path or an example name of prose) is written as an explicit
/// `? key` line with its value after `:` on the next.
const MAX_IMPLICIT_KEY: usize = 1000;

impl Compound<'_> {
    fn key(&mut self, key: &str) {
        if !self.first {
            indent(self.col, &mut self.ser.out);
        }
        self.first = false;
        let start = self.ser.out.len();
        string(key, &mut self.ser.out);
        if self.ser.out.len() - start <= MAX_IMPLICIT_KEY {
            self.ser.out.push(':');
            self.ser.at = At::Key(self.col);
        } else {
            // The value after `:` is placed like a sequence item's after `-`.
            self.ser.out.insert_str(start, "? ");
            self.ser.out.push('\n');
            indent(self.col, &mut self.ser.out);
            self.ser.out.push(':');
            self.ser.at = At::Item(self.col);
        }
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        indent(self.col, &mut self.ser.out);
        self.ser.out.push('-');
        self.ser.at = At::Item(self.col);
        value.serialize(&mut *self.ser)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        let key = key.serialize(KeySerializer)?;
        self.key(&key);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), Error> {
        debug_assert!(!self.empty || self.first);
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.key(key);
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// Integer scalars, written in decimal.
macro_rules! integers {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<(), Error> {
            self.scalar(|o| {
                let _ = write!(o, "{v}");
            });
            Ok(())
        }
    )*};
}

/// Integer map keys, as their decimal text.
macro_rules! key_integers {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<String, Error> {
            Ok(v.to_string())
        }
    )*};
}

/// What serde cannot express here (tuple structs, enum variants with data) is an error: the
/// OpenAPI document has none.
fn unsupported<T>(what: &str) -> Result<T, Error> {
    Err(Error(format!("cannot write {what} as YAML")))
}

impl<'a> ser::Serializer for &'a mut Serializer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.scalar(|o| o.push_str(if v { "true" } else { "false" }));
        Ok(())
    }
    integers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64);
    integers!(serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.scalar(|o| float(v, o));
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.scalar(|o| string(v, o));
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.scalar(|o| o.push_str("null"));
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        unsupported("an enum variant with data")
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open_seq(len))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open_seq(Some(len)))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        unsupported("a tuple struct")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        unsupported("an enum variant with data")
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open_map(len))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open_map(Some(len)))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        unsupported("an enum variant with data")
    }
}

/// Map keys: strings (and numbers, written as their text).
struct KeySerializer;

impl ser::Serializer for KeySerializer {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = ser::Impossible<String, Error>;
    type SerializeTuple = ser::Impossible<String, Error>;
    type SerializeTupleStruct = ser::Impossible<String, Error>;
    type SerializeTupleVariant = ser::Impossible<String, Error>;
    type SerializeMap = ser::Impossible<String, Error>;
    type SerializeStruct = ser::Impossible<String, Error>;
    type SerializeStructVariant = ser::Impossible<String, Error>;

    fn serialize_str(self, v: &str) -> Result<String, Error> {
        Ok(v.to_string())
    }
    key_integers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64);
    key_integers!(serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<String, Error> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<String, Error> {
        value.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> Result<String, Error> {
        unsupported("a boolean map key")
    }
    fn serialize_f32(self, _: f32) -> Result<String, Error> {
        unsupported("a float map key")
    }
    fn serialize_f64(self, _: f64) -> Result<String, Error> {
        unsupported("a float map key")
    }
    fn serialize_char(self, v: char) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Error> {
        unsupported("a bytes map key")
    }
    fn serialize_none(self) -> Result<String, Error> {
        unsupported("a null map key")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, Error> {
        unsupported("a null map key")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Error> {
        unsupported("a null map key")
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Error> {
        unsupported("a compound map key")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        unsupported("a compound map key")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        unsupported("a compound map key")
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        unsupported("a compound map key")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        unsupported("a compound map key")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        unsupported("a compound map key")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        unsupported("a compound map key")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        unsupported("a compound map key")
    }
}

fn indent(col: usize, out: &mut String) {
    // Copied from a run of spaces (deeper levels in steps), not pushed one char at a time.
    const SPACES: &str = "                                                                ";
    let mut left = col;
    while left > 0 {
        let n = left.min(SPACES.len());
        out.push_str(&SPACES[..n]);
        left -= n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn writes_block_yaml_that_reads_back() {
        let v = json!({
            "openapi": "3.0.3",
            "paths": {"/me": {"get": {"tags": ["me"], "responses": {"200": {"description": "OK"}}}}},
            "list": [{"a": 1, "b": [true, null]}, [1.5, 1e20], "on", "11:59:00.8990000", "2021-06-14T08:42:17Z"],
            "empty": {}, "none": [], "text": "line one\nline \"two\"", "$ref": "#/x", "@odata.type": "#y"
        });
        let yaml = to_string(&v).unwrap();
        let back: Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(back["list"][1][1], json!(1e20));
        assert_eq!(back, v);
        assert!(yaml.contains("\n- \"on\"\n"), "{yaml}");
        assert!(yaml.contains("paths:\n  /me:\n    get:\n      tags:\n      - me\n"), "{yaml}");
        assert!(yaml.contains("\"200\":"), "{yaml}");
    }

    /// Found by the `generate` fuzz target: an example named by a 1,099-character annotation
    /// name was an implicit key, which YAML readers refuse past 1024 characters.
    #[test]
    fn keys_over_the_implicit_key_limit_are_explicit() {
        let long = "k".repeat(1500);
        let quoted = format!("{}\"", "q: ".repeat(400));
        let v = json!({
            "examples": {&long: {"summary": "s", "value": [1, {"a": 2}]}, "short": 1},
            "list": [{&long: "first", "b": []}, {&quoted: {}}],
            &quoted: [[1], "x"],
        });
        let yaml = to_string(&v).unwrap();
        assert!(yaml.contains(&format!("  ? {long}\n  : summary: s\n")), "{yaml}");
        assert!(yaml.contains(&format!("- ? {long}\n  : first\n")), "{yaml}");
        let back: Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(back, v);
        let at_limit = json!({ "k".repeat(MAX_IMPLICIT_KEY): 1 });
        assert!(!to_string(&at_limit).unwrap().starts_with('?'));
    }
}
