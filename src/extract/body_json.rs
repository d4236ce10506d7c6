//! An example body's JSON, kept packed (MessagePack) when it comes from the cache and decoded
//! only when something reads it.
//!
//! Example bodies are most of a page record's bytes, and building their `Value` trees was the
//! largest part of reading the Graph docs back from the cache. A warm `generate` reads none of
//! them for the spec's unchanged path items: their fragments are found by a key hashed over the
//! packed bytes (see the `Serialize` impl), and only the edited page's are decoded and written.

use std::sync::OnceLock;

use rmp::Marker;
use serde::de::Deserializer;
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// JSON held as a value, as its MessagePack bytes, or both (each made from the other on first
/// use). Equality, `Debug` and human-readable formats see the value.
#[derive(Clone, Default)]
pub struct BodyJson {
    value: OnceLock<Value>,
    packed: OnceLock<Box<[u8]>>,
}

impl BodyJson {
    /// The value.
    pub fn value(&self) -> &Value {
        self.value.get_or_init(|| {
            // Bytes only get here through `Deserialize`, which checked that they hold one
            // well-formed value, in a cache file checked against its checksum and written by this
            // very build: the fallback is unreachable short of a bug, and then says so in the
            // output instead of stopping the run.
            let packed = self.packed.get().map_or(&[][..], |p| &p[..]);
            rmp_serde::from_slice(packed).unwrap_or(Value::Null)
        })
    }

    /// The value, taken out.
    pub fn into_value(self) -> Value {
        self.value();
        self.value.into_inner().unwrap_or(Value::Null)
    }

    /// The MessagePack bytes of the value.
    fn packed(&self) -> &[u8] {
        // Encoding a `Value` into memory cannot fail.
        self.packed.get_or_init(|| rmp_serde::to_vec(self.value()).unwrap_or_default().into_boxed_slice())
    }
}

impl From<Value> for BodyJson {
    fn from(value: Value) -> BodyJson {
        BodyJson { value: OnceLock::from(value), packed: OnceLock::new() }
    }
}

impl PartialEq for BodyJson {
    fn eq(&self, other: &BodyJson) -> bool {
        self.value() == other.value()
    }
}

impl std::fmt::Debug for BodyJson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.value().fmt(f)
    }
}

impl Serialize for BodyJson {
    /// The value itself in human-readable formats (dumps, the spec's YAML and JSON); the packed
    /// bytes in binary ones (cache records, the spec fragments' content keys), which are the same
    /// bytes for the same value whether it was parsed or read back.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            self.value().serialize(serializer)
        } else {
            serializer.serialize_bytes(self.packed())
        }
    }
}

impl<'de> Deserialize<'de> for BodyJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<BodyJson, D::Error> {
        if deserializer.is_human_readable() {
            return Value::deserialize(deserializer).map(BodyJson::from);
        }
        let packed = serde_bytes_vec(deserializer)?;
        // A record that does not read back is parsed afresh, so bytes that would not decode
        // must fail here, not when the value is first used.
        if !is_packed_json(&packed) {
            return Err(serde::de::Error::custom("not the packed bytes of one JSON value"));
        }
        Ok(BodyJson { value: OnceLock::new(), packed: OnceLock::from(packed.into_boxed_slice()) })
    }
}

/// A byte string, borrowed from the input or not.
fn serde_bytes_vec<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    struct Bytes;
    impl<'de> serde::de::Visitor<'de> for Bytes {
        type Value = Vec<u8>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("the packed bytes of a JSON value")
        }
        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
            Ok(v.to_vec())
        }
        fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
            Ok(v)
        }
    }
    deserializer.deserialize_bytes(Bytes)
}

/// Deepest nesting [`is_packed_json`] accepts: below the decoder's own limit (1024), so that
/// whatever it accepts decodes.
const MAX_DEPTH: usize = 1000;

/// Whether `bytes` are exactly one MessagePack value that decodes as JSON (strings in UTF-8, map
/// keys strings, no binary or extension types, nesting within [`MAX_DEPTH`]); walked without
/// building anything, a fraction of the cost of decoding it.
fn is_packed_json(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    skip_value(&mut rest, 0).is_some() && rest.is_empty()
}

fn take<'a>(rest: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    let (head, tail) = rest.split_at_checked(n)?;
    *rest = tail;
    Some(head)
}

/// A big-endian length of `n` bytes.
fn length(rest: &mut &[u8], n: usize) -> Option<usize> {
    Some(take(rest, n)?.iter().fold(0, |len, &b| len << 8 | usize::from(b)))
}

fn skip_string(rest: &mut &[u8], len: usize) -> Option<()> {
    std::str::from_utf8(take(rest, len)?).ok().map(drop)
}

fn next_marker(rest: &mut &[u8]) -> Option<Marker> {
    Some(Marker::from_u8(*take(rest, 1)?.first()?))
}

/// The length of the string `marker` starts (its length bytes taken from `rest`); `None` when it
/// starts no string.
fn string_len(marker: Marker, rest: &mut &[u8]) -> Option<usize> {
    match marker {
        Marker::FixStr(n) => Some(usize::from(n)),
        Marker::Str8 => length(rest, 1),
        Marker::Str16 => length(rest, 2),
        Marker::Str32 => length(rest, 4),
        _ => None,
    }
}

/// Skips one value (at nesting `depth`), or fails on what does not decode as JSON.
fn skip_value(rest: &mut &[u8], depth: usize) -> Option<()> {
    let marker = next_marker(rest)?;
    if let Some(len) = string_len(marker, rest) {
        return skip_string(rest, len);
    }
    let (items, map) = match marker {
        Marker::FixPos(_) | Marker::FixNeg(_) | Marker::Null | Marker::True | Marker::False => return Some(()),
        Marker::U8 | Marker::I8 => return take(rest, 1).map(drop),
        Marker::U16 | Marker::I16 => return take(rest, 2).map(drop),
        Marker::U32 | Marker::I32 | Marker::F32 => return take(rest, 4).map(drop),
        Marker::U64 | Marker::I64 | Marker::F64 => return take(rest, 8).map(drop),
        Marker::FixArray(n) => (usize::from(n), false),
        Marker::Array16 => (length(rest, 2)?, false),
        Marker::Array32 => (length(rest, 4)?, false),
        Marker::FixMap(n) => (usize::from(n), true),
        Marker::Map16 => (length(rest, 2)?, true),
        Marker::Map32 => (length(rest, 4)?, true),
        // Binary, extension and reserved markers, and a string cut short.
        _ => return None,
    };
    if depth >= MAX_DEPTH {
        return None;
    }
    // Each item takes at least a byte, so a forged count ends with the input.
    for _ in 0..items {
        if map {
            // Keys are strings.
            let key = next_marker(rest)?;
            let len = string_len(key, rest)?;
            skip_string(rest, len)?;
        }
        skip_value(rest, depth + 1)?;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({"id": "1", "n": [1, -2, 3.5, true, null], "o": {"z": "é", "a": {}}})
    }

    #[test]
    fn binary_formats_carry_the_packed_bytes_and_read_back_the_same_value() {
        let fresh = BodyJson::from(sample());
        let bytes = rmp_serde::to_vec(&fresh).unwrap();
        let back: BodyJson = rmp_serde::from_slice(&bytes).unwrap();
        assert!(back.value.get().is_none(), "not decoded until read");
        assert_eq!(back.value(), &sample());
        assert_eq!(back, fresh);
        // The same bytes again, from the read-back copy: keys over them match across runs.
        assert_eq!(rmp_serde::to_vec(&back).unwrap(), bytes);
        assert_eq!(back.into_value(), sample());
    }

    #[test]
    fn human_readable_formats_see_the_value() {
        let fresh = BodyJson::from(sample());
        let text = serde_json::to_string(&fresh).unwrap();
        assert_eq!(text, serde_json::to_string(&sample()).unwrap());
        let back: BodyJson = serde_json::from_str(&text).unwrap();
        assert_eq!(back, fresh);
        assert_eq!(format!("{back:?}"), format!("{:?}", sample()));
    }

    #[test]
    fn whatever_the_check_accepts_decodes() {
        // (Deep, not deepest: building and dropping a `Value` recurses, on a test thread's stack.)
        let deep = (0..200).fold(json!(1), |v, _| json!([v]));
        for value in [sample(), json!(null), json!("x".repeat(70_000)), json!(u64::MAX), json!(i64::MIN), deep] {
            let packed = rmp_serde::to_vec(&value).unwrap();
            assert!(is_packed_json(&packed));
            assert_eq!(rmp_serde::from_slice::<Value>(&packed).unwrap(), value);
        }
    }

    #[test]
    fn packed_bytes_that_are_not_one_whole_value_do_not_read_back() {
        let good = rmp_serde::to_vec(&sample()).unwrap();
        for (what, packed) in [
            ("cut short", good[..good.len() - 3].to_vec()),
            ("trailing bytes", [good.clone(), vec![0xc0]].concat()),
            ("a reserved marker", vec![0xc1]),
            ("binary", vec![0xc4, 1, 0]),
            ("a number as a map key", vec![0x81, 0x01, 0xc0]),
            ("a string that is not UTF-8", vec![0xa2, 0xc3, 0x28]),
            ("a forged count", vec![0xdd, 0xff, 0xff, 0xff, 0xff, 0xc0]),
            ("nested too deep", [vec![0x91; MAX_DEPTH + 1], vec![0xc0]].concat()),
        ] {
            let record = rmp_serde::to_vec(&serde_bytes_wrapper(&packed)).unwrap();
            assert!(rmp_serde::from_slice::<BodyJson>(&record).is_err(), "{what}");
        }
    }

    /// `packed` as a MessagePack byte string.
    fn serde_bytes_wrapper(packed: &[u8]) -> impl Serialize + '_ {
        struct B<'a>(&'a [u8]);
        impl Serialize for B<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(self.0)
            }
        }
        B(packed)
    }
}
