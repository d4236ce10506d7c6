//! Writes the corpus check crate for the Rust emitter (run by `.ci/rust-corpus`, ignored in a
//! plain `cargo test`): the whole corpus's generated module, and a round-trip harness over every
//! success response example whose body is strict JSON and whose type is known. For each such
//! example it lists the JSON pointers of documented properties (walking the example with the
//! model, following `@odata.type`), which the harness checks survive deserialize → serialize.
//!
//! `MDAPI_CORPUS` (default `../shared/corpus/graph-v1.0`) and `MDAPI_RUST_CORPUS_OUT` (default
//! `target/rust-corpus`) choose the input and the crate folder.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use mdapi::emit::rust::{self, RustOptions};
use mdapi::model::{Operation, TypeRef, TypeTarget};
use mdapi::{ApiModel, Limits, Workspace};
use serde_json::{Value, json};

#[test]
#[ignore = "heavy: writes the corpus check crate; run by .ci/rust-corpus"]
fn write_corpus_crate() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = std::env::var_os("MDAPI_CORPUS").map_or(root.join("../shared/corpus/graph-v1.0"), PathBuf::from);
    let out = std::env::var_os("MDAPI_RUST_CORPUS_OUT").map_or(root.join("target/rust-corpus"), PathBuf::from);
    let model = Workspace::load(&corpus, &Limits::default()).unwrap().model().0;
    let opts = RustOptions::default();
    let (files, _) = rust::render(&model, &opts).unwrap();
    std::fs::create_dir_all(out.join("src")).unwrap();
    rust::write_if_changed(&out.join("src"), &files).unwrap();
    let names: BTreeMap<(String, String), String> =
        rust::request_index(&model, &opts).into_iter().map(|r| ((r.method, r.path), r.name)).collect();
    let mut cases = Vec::new();
    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    for op in &model.operations {
        let name = &names[&(op.method.clone(), op.path.clone())];
        for ex in &op.examples {
            let Some(resp) = &ex.response else { continue };
            let Some(body) = &resp.body else { continue };
            let reason = match (&body.json, resp.status) {
                (None, _) => Some("body not JSON"),
                (Some(_), _) if body.repaired => Some("JSON needed repair"),
                (_, Some(s)) if !(200..300).contains(&s) => Some("not a success status"),
                _ => None,
            };
            let ty = response_type(&model, op);
            let reason = reason.or(if ty.is_none() { Some("response type unknown") } else { None });
            if let Some(r) = reason {
                *skipped.entry(r).or_default() += 1;
                continue;
            }
            let (ty, json) = (ty.unwrap(), body.value().unwrap().clone());
            let mut paths = Paths::default();
            top_paths(&model, ty, &json, &mut paths);
            let id = format!("{}:{}", op.sources[0].file, resp.loc.line);
            let (paths, foreign) = (paths.documented, paths.foreign);
            cases.push(json!({"id": id, "request": name, "json": json, "paths": paths, "foreign": foreign}));
        }
    }
    let requests: BTreeSet<&str> = cases.iter().filter_map(|c| c["request"].as_str()).collect();
    std::fs::write(out.join("cases.json"), serde_json::to_string(&cases).unwrap()).unwrap();
    std::fs::write(out.join("src/main.rs"), harness(&requests)).unwrap();
    std::fs::write(out.join("src/lib.rs"), "//! The generated corpus module.\n\npub mod api;\n").unwrap();
    std::fs::write(out.join("Cargo.toml"), CARGO_TOML).unwrap();
    eprintln!("{} round-trip cases over {} request types; skipped: {skipped:?}", cases.len(), requests.len());
}

const CARGO_TOML: &str = r#"[package]
name = "rust-corpus"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
serde = { version = "1.0", features = ["derive"] }
serde_json = "1.0"
"#;

/// The success response's body type, as the generated request's `Response` (lowest 2xx status
/// with a body), when it is a generated type.
fn response_type<'m>(model: &ApiModel, op: &'m Operation) -> Option<&'m TypeRef> {
    let t = op.responses.iter().filter(|(s, _)| (200..300).contains(*s)).find_map(|(_, r)| r.body.as_ref())?;
    match &t.target {
        TypeTarget::Resource(q) if model.resources.contains_key(q) => Some(t),
        TypeTarget::Enum(q) if model.enums.contains_key(q) => Some(t),
        TypeTarget::Primitive(_) => Some(t),
        _ => None,
    }
}

/// Pointers to the documented properties of a response body.
fn top_paths(model: &ApiModel, ty: &TypeRef, json: &Value, out: &mut Paths) {
    let single_value = matches!(ty.target, TypeTarget::Primitive(p) if p != mdapi::extract::Primitive::Json)
        || matches!(ty.target, TypeTarget::Enum(_));
    if ty.collection || single_value {
        out.documented.push("/value".into());
        if let (true, Some(Value::Array(items))) = (ty.collection, json.get("value")) {
            for (i, item) in items.iter().enumerate() {
                walk(model, &ty.target, item, &format!("/value/{i}"), false, out);
            }
        }
    } else {
        walk(model, &ty.target, json, "", false, out);
    }
}

/// Records documented properties under `ptr`. `foreign` marks values whose `@odata.type` names
/// a type the docs do not declare as derived from the property's type: the generated type
/// cannot know those properties, so losing them is the docs' inheritance gap, not the emitter's.
fn walk(model: &ApiModel, target: &TypeTarget, v: &Value, ptr: &str, foreign: bool, out: &mut Paths) {
    let (TypeTarget::Resource(q), Value::Object(map)) = (target, v) else { return };
    let tagged = map.get("@odata.type").and_then(Value::as_str).map(|t| t.trim_start_matches('#'));
    let eff = tagged.filter(|t| model.resources.contains_key(*t)).unwrap_or(q);
    let foreign = foreign || !descends(model, eff, q);
    let props = properties(model, eff);
    for (k, val) in map {
        let Some(p) = props.iter().find(|p| p.name == *k) else { continue };
        let here = format!("{ptr}/{}", k.replace('~', "~0").replace('/', "~1"));
        if foreign {
            out.foreign.push(here.clone())
        } else {
            out.documented.push(here.clone())
        }
        match (p.ty.collection, val) {
            (true, Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    walk(model, &p.ty.target, item, &format!("{here}/{i}"), foreign, out);
                }
            }
            _ => walk(model, &p.ty.target, val, &here, foreign, out),
        }
    }
}

/// Pointers a case checks.
#[derive(Default)]
struct Paths {
    documented: Vec<String>,
    foreign: Vec<String>,
}

/// `t` is `base` or declares it (transitively) as its base type.
fn descends(model: &ApiModel, t: &str, base: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut cur = Some(t.to_string());
    while let Some(c) = cur {
        if c == base {
            return true;
        }
        if !seen.insert(c.clone()) {
            return false;
        }
        cur = model.resources.get(&c).and_then(|r| r.base_type.clone());
    }
    false
}

/// Properties with inherited ones (the same rule as the emitter's structs).
fn properties<'m>(model: &'m ApiModel, q: &str) -> Vec<&'m mdapi::model::Property> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut cur = Some(q.to_string());
    while let Some(c) = cur {
        let Some(r) = model.resources.get(&c) else { break };
        if !seen.insert(c) {
            break;
        }
        out.extend(r.properties.iter());
        cur = r.base_type.clone();
    }
    out
}

fn harness(requests: &BTreeSet<&str>) -> String {
    let mut arms = String::new();
    for r in requests {
        let _ = writeln!(arms, "        {r:?} => check::<<api::requests::{r} as ApiRequest>::Response>(json, paths),");
    }
    HARNESS.replace("__ARMS__", &arms)
}

const HARNESS: &str = r#"//! Round trip over the corpus's response examples: deserialize into the generated type,
//! serialize back, and check every documented property survived.

use std::collections::BTreeMap;

use rust_corpus::api::{self, ApiRequest};
use serde_json::Value;

fn main() {
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string("cases.json").unwrap()).unwrap();
    let mut causes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut passed = 0;
    for c in &cases {
        let paths: Vec<String> = serde_json::from_value(c["paths"].clone()).unwrap();
        let foreign: Vec<String> = serde_json::from_value(c["foreign"].clone()).unwrap();
        let all: Vec<String> = paths.iter().chain(&foreign).cloned().collect();
        let result = dispatch(c["request"].as_str().unwrap(), &c["json"], &all).map_err(|e| {
            // Losing only properties of an undeclared derived type is a gap in the docs.
            let lost_documented = dispatch(c["request"].as_str().unwrap(), &c["json"], &paths).is_err();
            if e.starts_with("lost") && !lost_documented { format!("undeclared {e}") } else { e }
        });
        match result {
            Ok(()) => passed += 1,
            Err(e) => causes.entry(cause(&e)).or_default().push(format!("{}: {e}", c["id"].as_str().unwrap())),
        }
    }
    let total = cases.len();
    println!("round trip: {passed}/{total} examples ({:.2}%)", 100.0 * passed as f64 / total.max(1) as f64);
    let show: usize = std::env::var("SHOW").ok().and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut sorted: Vec<_> = causes.into_iter().collect();
    sorted.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
    for (cause, examples) in sorted {
        println!("{:5}  {cause}", examples.len());
        for e in examples.iter().take(show) {
            println!("         {e}");
        }
    }
    let min: f64 = std::env::var("MIN_RATE").ok().and_then(|s| s.parse().ok()).unwrap_or(0.0);
    std::process::exit(if (passed as f64) >= min / 100.0 * total as f64 { 0 } else { 1 });
}

/// A failure's cause without its specifics (values, positions, property names).
fn cause(e: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for ch in e.split(" at line ").next().unwrap_or(e).chars() {
        match ch {
            '`' | '"' => {
                quoted = !quoted;
                if quoted {
                    out.push('…');
                }
            }
            _ if quoted => {}
            c if c.is_ascii_digit() => {}
            c => out.push(c),
        }
    }
    if out.starts_with("lost") {
        "lost or changed a documented property".into()
    } else if out.starts_with("undeclared") {
        "lost properties of an @odata.type the docs do not declare as derived from the property's type".into()
    } else {
        out
    }
}

fn check<T: serde::de::DeserializeOwned + serde::Serialize>(json: &Value, paths: &[String]) -> Result<(), String> {
    let value: T = serde_json::from_value(json.clone()).map_err(|e| format!("deserialize: {e}"))?;
    let back = serde_json::to_value(&value).map_err(|e| format!("serialize: {e}"))?;
    let lost: Vec<&String> = paths.iter().filter(|p| !same(json.pointer(p), back.pointer(p))).collect();
    if lost.is_empty() { Ok(()) } else { Err(format!("lost {lost:?}")) }
}

/// Equal as far as the generated types can tell: `null` and absent are the same (an `Option`),
/// numbers compare as floats (an `f32` field widens), containers compare by length (their
/// documented children are checked by their own pointers).
fn same(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (None | Some(Value::Null), None | Some(Value::Null)) => true,
        (Some(Value::Number(x)), Some(Value::Number(y))) => {
            let (x, y) = (x.as_f64().unwrap_or(f64::NAN), y.as_f64().unwrap_or(f64::NAN));
            x == y || ((x - y).abs() <= 1e-6 * x.abs().max(y.abs()))
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.is_object() || p.is_array() || same(Some(p), Some(q)))
        }
        (Some(Value::Object(_)), Some(Value::Object(_))) => true,
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

fn dispatch(request: &str, json: &Value, paths: &[String]) -> Result<(), String> {
    match request {
__ARMS__        other => Err(format!("no request type `{other}`")),
    }
}
"#;
