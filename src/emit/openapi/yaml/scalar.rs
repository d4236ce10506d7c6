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
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Outside YAML's printable set (C0, DEL, C1 but NEL), or line and BOM markers.
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
}

/// Whether a string can be written plain and be read back as that string by YAML 1.1 and 1.2.
fn is_plain_safe(s: &str) -> bool {
    let bytes = s.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return false };
    // Indicators that start something else, and whitespace that would be trimmed.
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
