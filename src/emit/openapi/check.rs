//! A self-check of a generated document, read back as JSON: every local `$ref` resolves,
//! operationIds are unique, and the counts the acceptance criteria ask for.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

/// What [`check`] found.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct CheckReport {
    /// Operations (method + path pairs).
    pub operations: usize,
    /// Path templates.
    pub paths: usize,
    /// Component schemas.
    pub schemas: usize,
    /// Of those, string enums.
    pub enums: usize,
    /// `$ref`s seen.
    pub refs: usize,
    /// `$ref`s (and discriminator mappings) that point nowhere.
    pub unresolved_refs: Vec<String>,
    /// operationIds used more than once.
    pub duplicate_operation_ids: Vec<String>,
}

impl CheckReport {
    /// No dangling reference and no duplicate id.
    pub fn is_ok(&self) -> bool {
        self.unresolved_refs.is_empty() && self.duplicate_operation_ids.is_empty()
    }
}

/// Checks a document given as a JSON value.
pub fn check(doc: &Value) -> CheckReport {
    let mut report = CheckReport::default();
    let mut refs = BTreeSet::new();
    collect_refs(doc, &mut refs, &mut report.refs);
    report.unresolved_refs = refs.into_iter().filter(|r| resolve(doc, r).is_none()).collect();
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        report.paths = paths.len();
        for item in paths.values().filter_map(Value::as_object) {
            for op in item.values().filter_map(|v| v.get("operationId")) {
                report.operations += 1;
                *ids.entry(op.as_str().unwrap_or("")).or_default() += 1;
            }
        }
    }
    report.duplicate_operation_ids = ids.into_iter().filter(|(_, n)| *n > 1).map(|(id, _)| id.to_string()).collect();
    if let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) {
        report.schemas = schemas.len();
        report.enums = schemas.values().filter(|s| s.get("enum").is_some()).count();
    }
    report
}

fn collect_refs(v: &Value, out: &mut BTreeSet<String>, count: &mut usize) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                if k == "$ref" {
                    if let Some(r) = v.as_str() {
                        *count += 1;
                        out.insert(r.to_string());
                    }
                } else if k == "mapping" {
                    // Discriminator mappings are references too (values only).
                    for r in v.as_object().into_iter().flat_map(|m| m.values()).filter_map(Value::as_str) {
                        *count += 1;
                        out.insert(r.to_string());
                    }
                } else if k != "examples" && k != "example" {
                    collect_refs(v, out, count);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out, count)),
        _ => {}
    }
}

/// A local reference (`#/a/b~1c`) looked up in the document.
fn resolve<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    let pointer = reference.strip_prefix('#')?;
    doc.pointer(pointer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_dangling_refs_and_duplicate_ids() {
        let doc = serde_json::json!({
            "paths": {"/a": {"get": {"operationId": "x"}, "put": {"operationId": "x"}}},
            "components": {"schemas": {"A": {"$ref": "#/components/schemas/B"}, "E": {"enum": ["a"]}}}
        });
        let r = check(&doc);
        assert_eq!(r.unresolved_refs, vec!["#/components/schemas/B".to_string()]);
        assert_eq!(r.duplicate_operation_ids, vec!["x".to_string()]);
        assert_eq!((r.operations, r.schemas, r.enums), (2, 2, 1));
    }
}
