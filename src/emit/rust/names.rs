//! Rust identifiers from doc names: case conversion, keywords, leading digits, non-ASCII, and
//! per-scope collision resolution. Every generated name goes through here, so the rules are in
//! one place and deterministic.

use std::collections::BTreeSet;

/// One word of a doc name: a run of the name itself, or a non-ASCII character (written
/// `uXXXX`).
#[derive(Clone, Copy)]
enum Word<'a> {
    Run(&'a str),
    NonAscii(char),
}

/// Words of a doc name, in order: split at non-alphanumerics and at case changes (`HTMLBody` →
/// `HTML`, `Body`). A non-ASCII character becomes its own word `uXXXX`, so identifiers stay
/// ASCII and rustc's confusable/uncommon-codepoint lints never fire on generated code.
fn each_word<'a>(s: &'a str, mut f: impl FnMut(Word<'a>)) {
    // Byte by byte: names are nearly all ASCII, and every request type name runs over a whole
    // path. The current word is the ASCII alphanumeric run `s[from..i]`: anything else ends it.
    let bytes = s.as_bytes();
    let mut from: Option<usize> = None;
    let flush = |from: &mut Option<usize>, to: usize, f: &mut dyn FnMut(Word<'a>)| {
        if let Some(start) = from.take() {
            f(Word::Run(&s[start..to]));
        }
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if !b.is_ascii() {
            // `i` is a character boundary: only whole characters and ASCII bytes were passed.
            let c = s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            flush(&mut from, i, &mut f);
            f(Word::NonAscii(c));
            i += c.len_utf8();
            continue;
        }
        if !b.is_ascii_alphanumeric() {
            flush(&mut from, i, &mut f);
        } else {
            let prev = from.map(|_| bytes[i - 1]);
            if starts_word(b, prev, bytes.get(i + 1).copied()) {
                flush(&mut from, i, &mut f);
            }
            from.get_or_insert(i);
        }
        i += 1;
    }
    flush(&mut from, s.len(), &mut f);
}

/// Whether the ASCII alphanumeric `c` starts a new word after `prev` (the current word's last
/// byte, if any), given the byte after it: `aB`, `1B`, and the `B` of `ABc`.
fn starts_word(c: u8, prev: Option<u8>, next: Option<u8>) -> bool {
    c.is_ascii_uppercase()
        && prev.is_some_and(|p| {
            p.is_ascii_lowercase()
                || p.is_ascii_digit()
                || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
        })
}

/// Appends `w` to `out`, first letter upper-case (`pascal`) or all lower-case.
fn push_word(out: &mut String, w: Word<'_>, pascal: bool) {
    match w {
        Word::Run(run) => {
            // A run is ASCII: appended whole, then its case set in place.
            let start = out.len();
            out.push_str(run);
            out[start..].make_ascii_lowercase();
            if pascal {
                out[start..start + 1].make_ascii_uppercase();
            }
        }
        Word::NonAscii(c) => {
            use std::fmt::Write;
            let _ = write!(out, "{}{:04x}", if pascal { 'U' } else { 'u' }, c as u32);
        }
    }
}

/// Rust keywords (all editions through 2024, strict and reserved).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// `snake_case` field or module name: keywords become raw (`r#type`), the few that cannot be
/// raw get a `_` suffix, a leading digit gets an `x_` prefix, an empty name becomes `field`.
pub fn snake(s: &str) -> String {
    let mut joined = String::with_capacity(s.len() + 4);
    each_word(s, |w| {
        if !joined.is_empty() {
            joined.push('_');
        }
        push_word(&mut joined, w, false);
    });
    let base = match joined.chars().next() {
        None => "field".to_string(),
        Some(c) if c.is_ascii_digit() => format!("x_{joined}"),
        Some(_) => joined,
    };
    keyword_safe(base)
}

/// `UpperCamelCase` type or variant name: a leading digit gets an `X` prefix, `Self` becomes
/// `SelfValue`, an empty name becomes `Unnamed`.
pub fn pascal(s: &str) -> String {
    let mut joined = String::with_capacity(s.len());
    each_word(s, |w| push_word(&mut joined, w, true));
    match joined.chars().next() {
        None => "Unnamed".to_string(),
        Some(c) if c.is_ascii_digit() => format!("X{joined}"),
        Some(_) if joined == "Self" => "SelfValue".to_string(),
        Some(_) => joined,
    }
}

fn keyword_safe(s: String) -> String {
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// The names taken in one Rust scope (a module's types, a struct's fields, an enum's variants).
/// The first claimant of a name keeps it; later ones get a numeric suffix, so the result only
/// depends on the order of claims, which callers keep deterministic (docs or sorted order).
#[derive(Debug, Default)]
pub struct Scope {
    used: BTreeSet<String>,
}

impl Scope {
    /// A scope with `reserved` names already taken.
    pub fn with_reserved(reserved: &[&str]) -> Scope {
        Scope { used: reserved.iter().map(|s| s.to_string()).collect() }
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.used.contains(name.trim_start_matches("r#"))
    }

    /// Claims `base` or the first free `base2`, `base3`… (`base_2`… when `snake`). Returns the
    /// name and whether it had to change.
    pub fn claim(&mut self, base: &str, snake: bool) -> (String, bool) {
        // Raw identifiers compare without their `r#`: `r#type` and `type` are the same name.
        let bare = |s: &str| s.trim_start_matches("r#").to_string();
        if self.used.insert(bare(base)) {
            return (base.to_string(), false);
        }
        let stem = base.trim_start_matches("r#");
        let sep = if snake { "_" } else { "" };
        let mut n = 2;
        loop {
            let candidate = format!("{stem}{sep}{n}");
            if self.used.insert(candidate.clone()) {
                return (candidate, true);
            }
            n += 1;
        }
    }
}

/// A Rust string literal holding `s` exactly (quotes, backslashes, control characters escaped).
pub fn str_lit(s: &str) -> String {
    // Printable ASCII needs only quotes and backslashes escaped, exactly as `Debug` does; doc
    // text is mostly that, and the formatter's per-character escaping is slow at corpus scale.
    if s.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
        let mut lit = String::with_capacity(s.len() + 2);
        lit.push('"');
        for part in s.split_inclusive(['"', '\\']) {
            match part.as_bytes().last() {
                Some(&q @ (b'"' | b'\\')) => {
                    lit.push_str(&part[..part.len() - 1]);
                    lit.push('\\');
                    lit.push(char::from(q));
                }
                _ => lit.push_str(part),
            }
        }
        lit.push('"');
        return lit;
    }
    // `Debug` for `str` produces valid Rust string-literal syntax for every input.
    format!("{s:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(snake("@odata.type"), "odata_type");
        assert_eq!(snake("createdDateTime"), "created_date_time");
        assert_eq!(snake("HTMLBody"), "html_body");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("1stItem"), "x_1st_item");
        assert_eq!(snake("café"), "caf_u00e9");
        assert_eq!(snake(""), "field");
        assert_eq!(pascal("message"), "Message");
        assert_eq!(pascal("eventMessage"), "EventMessage");
        assert_eq!(pascal("self"), "SelfValue");
        assert_eq!(pascal("3d"), "X3d");
        assert_eq!(pascal("item-id"), "ItemId");
        assert_eq!(pascal("r#"), "R");
    }

    /// The definition the single-pass conversions must match: words collected as strings
    /// character by character (same word-start rule, over characters), then joined.
    fn reference_words(s: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut cur = String::new();
        let chars: Vec<char> = s.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if !c.is_ascii() {
                out.extend(Some(std::mem::take(&mut cur)).filter(|w| !w.is_empty()));
                out.push(format!("u{:04x}", c as u32));
                continue;
            }
            if !c.is_ascii_alphanumeric() {
                out.extend(Some(std::mem::take(&mut cur)).filter(|w| !w.is_empty()));
                continue;
            }
            // The rule over characters, written out again so the oracle does not share the code.
            let (prev, next) = (cur.chars().last(), chars.get(i + 1));
            let starts = c.is_ascii_uppercase()
                && prev.is_some_and(|p| {
                    p.is_ascii_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
                });
            if starts {
                out.extend(Some(std::mem::take(&mut cur)).filter(|w| !w.is_empty()));
            }
            cur.push(c);
        }
        out.extend(Some(cur).filter(|w| !w.is_empty()));
        out
    }

    fn reference_snake(s: &str) -> String {
        let joined = reference_words(s).iter().map(|w| w.to_ascii_lowercase()).collect::<Vec<_>>().join("_");
        let base = match joined.chars().next() {
            None => "field".to_string(),
            Some(c) if c.is_ascii_digit() => format!("x_{joined}"),
            Some(_) => joined,
        };
        keyword_safe(base)
    }

    fn reference_pascal(s: &str) -> String {
        let joined: String = reference_words(s)
            .iter()
            .map(|w| {
                let mut cs = w.chars();
                match cs.next() {
                    Some(f) => f.to_ascii_uppercase().to_string() + &cs.as_str().to_ascii_lowercase(),
                    None => String::new(),
                }
            })
            .collect();
        match joined.chars().next() {
            None => "Unnamed".to_string(),
            Some(c) if c.is_ascii_digit() => format!("X{joined}"),
            Some(_) if joined == "Self" => "SelfValue".to_string(),
            Some(_) => joined,
        }
    }

    proptest::proptest! {
        #[test]
        fn conversions_match_the_word_by_word_definition(s in "[a-zA-Z0-9_ .@#-]{0,6}[a-zA-Z0-9é\u{1F600}ß]{0,4}[A-Za-z]{0,8}") {
            proptest::prop_assert_eq!(snake(&s), reference_snake(&s));
            proptest::prop_assert_eq!(pascal(&s), reference_pascal(&s));
        }
    }

    #[test]
    fn scope_suffixes_collisions_in_claim_order() {
        let mut s = Scope::with_reserved(&["additional_properties"]);
        assert_eq!(s.claim("id", true), ("id".into(), false));
        assert_eq!(s.claim("id", true), ("id_2".into(), true));
        assert_eq!(s.claim("additional_properties", true), ("additional_properties_2".into(), true));
        assert_eq!(s.claim("r#type", true), ("r#type".into(), false));
        assert_eq!(s.claim("r#type", true), ("type_2".into(), true));
        let mut t = Scope::default();
        assert_eq!(t.claim("Identity", false).0, "Identity");
        assert_eq!(t.claim("Identity", false).0, "Identity2");
    }

    proptest::proptest! {
        #[test]
        fn string_literals_are_the_debug_form(s in "[ -~]{0,20}|[ -~\n\t\u{0}\u{7f}é\u{301}\u{200b}]{0,12}") {
            proptest::prop_assert_eq!(str_lit(&s), format!("{s:?}"));
        }
    }

    #[test]
    fn string_literals_escape_everything() {
        assert_eq!(str_lit("a\"b\\c\n*/"), r#""a\"b\\c\n*/""#);
    }
}
