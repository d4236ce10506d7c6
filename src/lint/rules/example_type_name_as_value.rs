//! MD533: a type name used as an example value (`"size": "Integer"`).

use crate::diagnostic::Sink;
use crate::extract::Body;
use crate::lint::context::{Ctx, find_in};
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a string value in an example body that is a type name (`String`, `Integer`, `Int32`, `Boolean`, `DateTimeOffset`, `Edm.*`, `String (timestamp)`), unless its key names a type (`type`, `dataType`, `kind`).",
    why: "Generated examples sometimes write the type where a value belongs; the example is then invalid (`\"size\": \"Integer\"` is a string, not a number) and teaches nothing.",
    example: "{\n  \"size\": \"Integer\",\n  \"isInline\": \"Boolean\"\n}",
    fix: "{\n  \"size\": 4,\n  \"isInline\": true\n}",
};

/// Type names as the docs write them.
const TYPE_NAMES: &[&str] = &[
    "String",
    "Integer",
    "Int16",
    "Int32",
    "Int64",
    "Boolean",
    "Bool",
    "Double",
    "Single",
    "Float",
    "Decimal",
    "DateTimeOffset",
    "DateTime",
    "Date",
    "TimeOfDay",
    "Duration",
    "Guid",
    "Binary",
    "Stream",
];

fn is_type_name(s: &str) -> bool {
    let base = s.strip_suffix(" (timestamp)").or_else(|| s.strip_suffix(" (identifier)")).unwrap_or(s);
    let base = base.strip_prefix("Edm.").unwrap_or(base);
    TYPE_NAMES.contains(&base) || (s.starts_with("Edm.") && base.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn names_a_type(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.contains("type") || k.contains("kind") || k.contains("format")
}

pub(crate) fn check(_: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    for ex in &page.facts.examples {
        for body in super::bodies(ex) {
            scan(page, body, sink);
        }
    }
}

fn scan(page: &Page, body: &Body, sink: &mut Sink<'_>) {
    let Some(json) = body.value() else { return };
    let mut from = body.span.start;
    super::visit(json, None, &mut |key, v| {
        let (Some(key), Some(s)) = (key, v.as_str()) else { return };
        if is_type_name(s) && !names_a_type(key) {
            let at = find_in(&page.source.text, body.span, &format!("\"{s}\""), from);
            from = at.end;
            sink.report_help(
                code::EXAMPLE_TYPE_NAME_AS_VALUE,
                at,
                format!("property `{key}` has the type name `\"{s}\"` as its value"),
                "write a realistic value of that type",
            );
        }
    });
}
