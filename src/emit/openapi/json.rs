//! Pretty JSON entry by entry: `serde_json`'s pretty layout (two-space indents) started at any
//! depth, so that an object's entries can be written apart (in parallel, or once and reused) and
//! joined into exactly the text `serde_json::to_writer_pretty` writes for the whole.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

use crate::output::ContentsBuilder;

/// `serde_json::ser::PrettyFormatter` with a starting depth (which it does not expose).
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.depth)?;
        }
        w.write_all(bracket)
    }

    fn next<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.depth)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.next(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.next(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

fn indent<W: ?Sized + Write>(w: &mut W, depth: usize) -> io::Result<()> {
    (0..depth).try_for_each(|_| w.write_all(b"  "))
}

/// The text of one entry `"key": value` of an object whose entries sit at `depth` (the
/// document's own entries at 1), indented as in the whole document, without the separator
/// (`\n` or `,\n`) that goes before it.
pub(crate) fn entry_to_string<V: Serialize + ?Sized>(key: &str, value: &V, depth: usize) -> serde_json::Result<String> {
    let mut out = Vec::new();
    indent(&mut out, depth).map_err(serde_json::Error::io)?;
    serde_json::to_writer(&mut out, key)?;
    out.extend_from_slice(b": ");
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, Pretty { depth, has_value: false }))?;
    // serde_json writes only valid UTF-8.
    String::from_utf8(out).map_err(|e| serde_json::Error::io(io::Error::other(e)))
}

/// An object at `depth` (its key, if any, already placed by the caller) from its entries,
/// each written by `write` as its text: `{}` when there are none.
pub(crate) fn object<T>(
    entries: &[T],
    depth: usize,
    out: &mut ContentsBuilder,
    write: impl Fn(&T, &mut ContentsBuilder),
) {
    if entries.is_empty() {
        out.push_str("{}");
        return;
    }
    out.push_str("{");
    for (i, e) in entries.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        write(e, out);
    }
    out.push_str("\n");
    (0..depth).for_each(|_| out.push_str("  "));
    out.push_str("}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The object of `entries` at `depth`, as text.
    fn object_text(entries: &[String], depth: usize) -> String {
        let mut out = ContentsBuilder::new();
        object(entries, depth, &mut out, |e, out| out.push_str(e));
        out.finish().to_string()
    }

    #[test]
    fn entries_joined_equal_the_whole_pretty_text() {
        let v = json!({
            "a": 1,
            "b": {"c": [1, {"d": []}, {}], "e": "x\ny"},
            "f": [],
            "g": {"h": {"i": null}},
        });
        let whole = serde_json::to_string_pretty(&v).unwrap();
        let entries: Vec<String> =
            v.as_object().unwrap().iter().map(|(k, v)| entry_to_string(k, v, 1).unwrap()).collect();
        let joined = object_text(&entries, 0);
        assert_eq!(joined, whole);
        let inner = &v["b"];
        let entries: Vec<String> =
            inner.as_object().unwrap().iter().map(|(k, v)| entry_to_string(k, v, 2).unwrap()).collect();
        let nested = object_text(&entries, 1);
        assert!(whole.contains(&format!("\"b\": {nested}")), "{whole}\n{nested}");
        let empty = object_text(&[], 3);
        assert_eq!(empty, "{}");
    }
}
