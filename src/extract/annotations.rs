//! Typed reads of annotation keys, reporting values of the wrong type (`"truncated": "true"`).

use serde_json::{Map, Value};

use crate::diagnostic::{Sink, codes};
use crate::source::Span;

/// A boolean key; a string `"true"`/`"false"` is read, and reported.
pub(crate) fn flag(map: &Map<String, Value>, key: &str, span: Span, sink: &mut Sink<'_>) -> bool {
    match map.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => {
            let value = s.eq_ignore_ascii_case("true");
            sink.report_help(
                codes::ANNOTATION_KEY_TYPE,
                span,
                format!("annotation key `{key}` holds the string `\"{s}\"`, not a boolean"),
                format!("write `\"{key}\": {value}` without quotes"),
            );
            value
        }
        Some(Value::Null) | None => false,
        Some(other) => {
            sink.report(
                codes::ANNOTATION_KEY_TYPE,
                span,
                format!("annotation key `{key}` holds `{other}`, not a boolean"),
            );
            false
        }
    }
}

/// A string key; for a list (three pages give `name` as a list) the first string.
pub(crate) fn string_key(map: &Map<String, Value>, key: &str) -> Option<String> {
    match map.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => items.iter().find_map(|v| v.as_str().map(str::to_string)),
        _ => None,
    }
}

/// Every string of a key that holds a string or a list of strings.
pub(crate) fn string_list(map: &Map<String, Value>, key: &str) -> Vec<String> {
    match map.get(key) {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}
