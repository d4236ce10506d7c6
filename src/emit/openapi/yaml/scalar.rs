//! YAML scalars: a string is written plain only when YAML 1.1 and 1.2 both read it back as that
//! string, else double-quoted with JSON-style escapes (which YAML shares); floats in the one form
//! both read as a float.

use std::fmt::Write as _;
use std::sync::LazyLock;

use regex::Regex;

/// Floats with a `.` and a signed exponent, the only float form YAML 1.1 reads as a number
/// (`1e20` is a string there); integral floats keep their `.0`.
pub(super) fn float(v: f64, out: &mut String) {
    if !v.is_finite() {
        out.push_str(if v.is_nan() {
            ".nan"
        } else if v > 0.0 {
            ".inf"
        } else {
            "-.inf"
        });
        return;
    }
    let s = serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string());
    let (mantissa, exponent) = s.split_once(['e', 'E']).unwrap_or((&s, ""));
    out.push_str(mantissa);
    if !mantissa.contains('.') {
        out.push_str(".0");
    }
    if !exponent.is_empty() {
        out.push('e');
        if !exponent.starts_with(['-', '+']) {
            out.push('+');
        }
        out.push_str(exponent);
    }
}

/// A string, plain when that is unambiguous, else double-quoted.
pub(super) fn string(s: &str, out: &mut String) {
    if is_plain_safe(s) {
        out.push_str(s);
    } else {
        quoted(s, out);
    }
}

fn quoted(s: &str, out: &mut String) {
    out.push('"');
    let bytes = s.as_bytes();
    // Runs of bytes that need no escape are copied whole (UTF-8 continuation bytes never look
    // like one of the ASCII cases below).
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let named = match bytes[i] {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            _ => None,
        };
        let len = match (named, unprintable_at(bytes, i)) {
            (Some(_), _) => 1,
            (None, Some(len)) => len,
            (None, None) => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[run..i]);
        match named {
            Some(escape) => out.push_str(escape),
            // Outside YAML's printable set (C0, DEL, C1), or line and BOM markers.
            None => {
                let c = s[i..].chars().next().map_or(0, |c| c as u32);
                let _ = write!(out, "\\u{c:04x}");
            }
        }
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// The length in bytes of the character at `bytes[i]` when YAML cannot print it as is: C0
/// controls (but tab, CR and LF, which have escapes of their own), DEL, C1 controls, U+2028,
/// U+2029, U+FEFF, U+FFFE and U+FFFF. Matched on their UTF-8 bytes, so strings are scanned
/// byte by byte, not decoded.
fn unprintable_at(bytes: &[u8], i: usize) -> Option<usize> {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match bytes[i] {
        b if b < 0x20 || b == 0x7f => Some(1),
        0xc2 if (0x80..=0x9f).contains(&at(1)) => Some(2),
        0xe2 if at(1) == 0x80 && matches!(at(2), 0xa8 | 0xa9) => Some(3),
        0xef if (at(1) == 0xbb && at(2) == 0xbf) || (at(1) == 0xbf && matches!(at(2), 0xbe | 0xbf)) => Some(3),
        _ => None,
    }
}

/// Whether a string can be written plain and be read back as that string by YAML 1.1 and 1.2.
fn is_plain_safe(s: &str) -> bool {
    let bytes = s.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return false };
    // Indicators that start something else, and whitespace that would be trimmed.
    if b"-?:,[]{}#&*!|>'\"%@` \t".contains(&first) || matches!(last, b' ' | b'\t' | b':') {
        return false;
    }
    // Branch-free passes over the bytes (the compiler vectorises them): no ASCII control (a tab
    // is one here), no `: ` and no ` #`; then the non-ASCII characters YAML cannot print.
    let control = bytes.iter().fold(false, |acc, &b| acc | (b < 0x20) | (b == 0x7f));
    let breaks = bytes
        .windows(2)
        .fold(false, |acc, w| acc | ((w[0] == b':') & (w[1] == b' ')) | ((w[0] == b' ') & (w[1] == b'#')));
    if control || breaks {
        return false;
    }
    let unprintable = !s.is_ascii() && (0..bytes.len()).any(|i| bytes[i] >= 0x80 && unprintable_at(bytes, i).is_some());
    !unprintable && !is_ambiguous(s)
}

/// Plain scalars some YAML version reads as a boolean, null, number, date or merge key.
fn is_ambiguous(s: &str) -> bool {
    // Most strings are words or sentences: a first-byte check keeps the regex off them.
    let first = s.as_bytes()[0];
    if !(first.is_ascii_digit() || b"+-.~<=yYnNoOtTfF".contains(&first)) {
        return false;
    }
    static RESOLVED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            // booleans (1.1 and 1.2), null
            r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE",
            r"|~|null|Null|NULL|<<|=",
            // integers: 1.1 binary, hex, octal, `_`, sexagesimal; 1.2 `0o`
            r"|[-+]?0b[01_]+|[-+]?0x[0-9a-fA-F_]+|0o[0-7]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])*",
            // floats (1.1 and 1.2 forms), sexagesimal floats, infinities and NaN
            r"|[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?",
            r"|[-+]?[0-9]+[eE][-+]?[0-9]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*",
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
            // timestamps
            r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?",
            r")$"
        ))
        .expect("valid regex")
    });
    RESOLVED.is_match(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_some_yaml_reads_otherwise() {
        for s in [
            "on",
            "NO",
            "y",
            "2021-1-5",
            "11:59:00.8990000",
            "1_000",
            "0x1F",
            "1e5",
            ".5",
            "~",
            "",
            " x",
            "a: b",
            "a #b",
            "-x",
        ] {
            assert!(!is_plain_safe(s), "{s}");
        }
        for s in ["v1.0", "Mail.Read", "get a user", "x-1", "#", "."] {
            assert_eq!(is_plain_safe(s), !s.starts_with('#'), "{s}");
        }
    }

    /// The character-by-character definitions the byte scans implement.
    fn reference_quoted(s: &str) -> String {
        let mut out = String::from('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20
                    || ('\u{7f}'..='\u{9f}').contains(&c)
                    || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}') =>
                {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                }
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    fn reference_plain_safe(s: &str) -> bool {
        let bytes = s.as_bytes();
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return false };
        if b"-?:,[]{}#&*!|>'\"%@` \t".contains(&first) || matches!(last, b' ' | b'\t' | b':') {
            return false;
        }
        let printable = s.chars().all(|c| {
            c >= ' '
                && c != '\u{7f}'
                && !('\u{80}'..='\u{9f}').contains(&c)
                && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
        });
        printable && !s.contains(": ") && !s.contains(" #") && !is_ambiguous(s)
    }

    proptest::proptest! {
        #[test]
        fn byte_scans_agree_with_the_character_definitions(
            s in "([a-z :#\"\\\\\t\r\n\u{0}-\u{1f}\u{7f}-\u{a0}\u{2027}-\u{202a}\u{fefe}-\u{ff00}\u{fffd}-\u{ffff}é€😀]){0,12}"
        ) {
            let mut out = String::new();
            quoted(&s, &mut out);
            proptest::prop_assert_eq!(out, reference_quoted(&s));
            proptest::prop_assert_eq!(is_plain_safe(&s), reference_plain_safe(&s));
        }
    }

    #[test]
    fn escapes_controls_and_markers() {
        let mut out = String::new();
        quoted("a\"b\\c\nd\u{1}\u{85}\u{2028}\u{feff}\u{ffff}é\t", &mut out);
        assert_eq!(out, r#""a\"b\\c\nd\u0001\u0085\u2028\ufeff\uffffé\t""#);
        assert!(!is_plain_safe("tab\tinside") && !is_plain_safe("nel\u{85}inside") && is_plain_safe("né€"));
    }

    #[test]
    fn floats_keep_a_dot_and_a_signed_exponent() {
        let mut out = String::new();
        float(1e20, &mut out);
        assert_eq!(out, "1.0e+20");
        out.clear();
        float(43205.502, &mut out);
        assert_eq!(out, "43205.502");
    }
}
