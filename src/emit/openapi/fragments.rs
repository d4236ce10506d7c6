//! The spec's YAML and JSON written from fragments: every path item and every schema is
//! serialised apart, in parallel, and a fragment whose content was serialised in an earlier run
//! (kept in a [`TextStore`]: a `watch` session's, or the on-disk cache's) is reused as written
//! then. After a one-page edit nearly all of the spec's 20 MB are reused. The texts are exactly
//! those of serialising the whole document at once ([`super::to_yaml`], [`super::to_json`]).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::document::{Components, OpenApi};
use super::{json, yaml};
use crate::emit::store::{TextKey, TextStore};
use crate::error::{Error, Result};

/// One map entry's texts.
struct Fragment {
    yaml: Arc<str>,
    json: Arc<str>,
}

/// `doc` as (YAML, JSON), reusing `store`'s fragments; the store afterwards holds exactly this
/// call's fragments.
pub fn render(doc: &OpenApi<'_>, store: &TextStore) -> Result<(String, String)> {
    let OpenApi { openapi, info, servers, security, tags, paths, components } = doc;
    let Components { schemas, responses, parameters, security_schemes } = components;
    let mut used = HashMap::new();
    // Columns and depths of the entries: `paths:` and `components:` are top-level keys.
    let path_items = fragments(paths, 2, 2, store, &mut used)?;
    let schema_items = fragments(schemas, 4, 3, store, &mut used)?;
    store.replace(used);
    let components_empty =
        schemas.is_empty() && responses.is_empty() && parameters.is_empty() && security_schemes.is_empty();
    let (yaml, json) = rayon::join(
        || -> Result<String> {
            let size = path_items.iter().chain(&schema_items).map(|f| f.yaml.len()).sum::<usize>();
            let mut out = String::with_capacity(size + (1 << 16));
            out.push_str(&yaml_entry("openapi", openapi, 0)?);
            out.push_str(&yaml_entry("info", info, 0)?);
            if !servers.is_empty() {
                out.push_str(&yaml_entry("servers", servers, 0)?);
            }
            if !security.is_empty() {
                out.push_str(&yaml_entry("security", security, 0)?);
            }
            if !tags.is_empty() {
                out.push_str(&yaml_entry("tags", tags, 0)?);
            }
            yaml_map("paths", 0, &path_items, &mut out);
            if components_empty {
                out.push_str("components: {}\n");
                return Ok(out);
            }
            out.push_str("components:\n");
            if !schemas.is_empty() {
                yaml_map("schemas", 2, &schema_items, &mut out);
            }
            if !responses.is_empty() {
                out.push_str(&yaml_entry("responses", responses, 2)?);
            }
            if !parameters.is_empty() {
                out.push_str(&yaml_entry("parameters", parameters, 2)?);
            }
            if !security_schemes.is_empty() {
                out.push_str(&yaml_entry("securitySchemes", security_schemes, 2)?);
            }
            Ok(out)
        },
        || -> Result<String> {
            let mut top = vec![json_entry("openapi", openapi, 1)?, json_entry("info", info, 1)?];
            if !servers.is_empty() {
                top.push(json_entry("servers", servers, 1)?);
            }
            if !security.is_empty() {
                top.push(json_entry("security", security, 1)?);
            }
            if !tags.is_empty() {
                top.push(json_entry("tags", tags, 1)?);
            }
            top.push(json_map("paths", 1, &path_items));
            let mut inner = Vec::new();
            if !schemas.is_empty() {
                inner.push(json_map("schemas", 2, &schema_items));
            }
            if !responses.is_empty() {
                inner.push(json_entry("responses", responses, 2)?);
            }
            if !parameters.is_empty() {
                inner.push(json_entry("parameters", parameters, 2)?);
            }
            if !security_schemes.is_empty() {
                inner.push(json_entry("securitySchemes", security_schemes, 2)?);
            }
            let mut components = String::from("  \"components\": ");
            json::object(&inner, 1, &mut components);
            top.push(components);
            let size = top.iter().map(String::len).sum::<usize>();
            let mut out = String::with_capacity(size + 64);
            json::object(&top, 0, &mut out);
            out.push('\n');
            Ok(out)
        },
    );
    Ok((yaml?, json?))
}

/// Every entry of `map` written as an entry at YAML column `col` and JSON depth `depth`: found
/// in `store` by its content key, or serialised (in parallel). Each one used goes into `used`.
fn fragments<V: Serialize + Sync>(
    map: &BTreeMap<String, V>,
    col: usize,
    depth: usize,
    store: &TextStore,
    used: &mut HashMap<TextKey, Arc<str>>,
) -> Result<Vec<Fragment>> {
    let entries: Vec<(&String, &V)> = map.iter().collect();
    let keys: Vec<[TextKey; 2]> = entries.par_iter().map(|(k, v)| keys(k, v, col, depth)).collect::<Result<_>>()?;
    // Two texts per entry, in order: YAML, JSON.
    let known = store.get_many(keys.iter().flatten());
    let fragments: Vec<Fragment> = entries
        .par_iter()
        .zip(known.par_chunks(2))
        .map(|((k, v), texts)| {
            let (yaml, json) = (texts[0].clone(), texts[1].clone());
            let yaml = match yaml {
                Some(text) => text,
                None => Arc::from(yaml_entry(k, *v, col)?),
            };
            let json = match json {
                Some(text) => text,
                None => Arc::from(json_entry(k, *v, depth)?),
            };
            Ok(Fragment { yaml, json })
        })
        .collect::<Result<_>>()?;
    for ([y, j], f) in keys.into_iter().zip(&fragments) {
        used.insert(y, f.yaml.clone());
        used.insert(j, f.json.clone());
    }
    Ok(fragments)
}

/// The keys of an entry's YAML and JSON texts: a hash of its content (as self-describing
/// MessagePack, so that no two contents meet) and of where it is written.
fn keys<V: Serialize>(key: &str, value: &V, col: usize, depth: usize) -> Result<[TextKey; 2]> {
    let mut h = blake3::Hasher::new();
    h.update(b"mdapi openapi fragment\0");
    {
        // Written straight into the hasher, in buffered pieces (the encoder's writes are small).
        let mut w = std::io::BufWriter::with_capacity(1 << 14, &mut h);
        rmp_serde::encode::write_named(&mut w, &(key, value)).map_err(|e| Error::Render(e.to_string()))?;
        std::io::Write::flush(&mut w).map_err(|e| Error::Render(e.to_string()))?;
    }
    let content = h.finalize();
    let at = |format: &[u8], place: usize| {
        let mut h = blake3::Hasher::new();
        h.update(content.as_bytes());
        h.update(format);
        h.update(&(place as u64).to_le_bytes());
        *h.finalize().as_bytes()
    };
    Ok([at(b"yaml", col), at(b"json", depth)])
}

fn yaml_entry<V: Serialize + ?Sized>(key: &str, value: &V, col: usize) -> Result<String> {
    yaml::entry_to_string(key, value, col).map_err(|e| Error::Render(e.to_string()))
}

fn json_entry<V: Serialize + ?Sized>(key: &str, value: &V, depth: usize) -> Result<String> {
    json::entry_to_string(key, value, depth).map_err(|e| Error::Render(e.to_string()))
}

/// `key:` at column `col` and its map of fragments (`{}` when empty).
fn yaml_map(key: &str, col: usize, items: &[Fragment], out: &mut String) {
    (0..col).for_each(|_| out.push(' '));
    out.push_str(key);
    if items.is_empty() {
        out.push_str(": {}\n");
        return;
    }
    out.push_str(":\n");
    items.iter().for_each(|f| out.push_str(&f.yaml));
}

/// `"key": {…}` at depth `depth` from the fragments of its entries.
fn json_map(key: &str, depth: usize, items: &[Fragment]) -> String {
    let size = items.iter().map(|f| f.json.len() + 2).sum::<usize>();
    let mut out = String::with_capacity(size + 64);
    (0..depth).for_each(|_| out.push_str("  "));
    out.push('"');
    out.push_str(key);
    out.push_str("\": ");
    let texts: Vec<&str> = items.iter().map(|f| f.json.as_ref()).collect();
    json::object(&texts, depth, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::openapi::{OpenApiOptions, build, to_json, to_yaml};

    fn whole(doc: &OpenApi<'_>) -> (String, String) {
        (to_yaml(doc).unwrap(), to_json(doc).unwrap())
    }

    #[test]
    fn fragments_joined_equal_the_whole_document_fresh_and_reused() {
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
        let ws = crate::Workspace::load(&docs, &crate::Limits::default()).unwrap();
        let (model, _) = ws.model();
        let (doc, _) = build(&model, &OpenApiOptions::default());
        assert!(!doc.paths.is_empty() && !doc.components.schemas.is_empty());
        let store = TextStore::new();
        let expected = whole(&doc);
        assert_eq!(render(&doc, &store).unwrap(), expected, "fresh");
        let held = store.len();
        assert_eq!(held, 2 * (doc.paths.len() + doc.components.schemas.len()));
        assert_eq!(render(&doc, &store).unwrap(), expected, "every fragment reused");
        // A planted text under a fragment's key is served: the store is really consulted.
        let (path, item) = doc.paths.iter().next().unwrap();
        let [yaml_key, _] = keys(path, item, 2, 2).unwrap();
        store.insert(yaml_key, Arc::from("  planted:\n"));
        assert!(render(&doc, &store).unwrap().0.contains("\npaths:\n  planted:\n"));
        // A smaller document (without the planted path) keeps only its own fragments.
        let last = doc.paths.keys().last().unwrap().clone();
        assert_ne!(&last, path);
        let mut fewer = doc.clone();
        fewer.paths.retain(|p, _| *p == last);
        assert_eq!(render(&fewer, &store).unwrap(), whole(&fewer));
        assert_eq!(store.len(), 2 * (1 + doc.components.schemas.len()));
    }

    #[test]
    fn empty_and_sparse_documents_match_too() {
        let store = TextStore::new();
        let empty = OpenApi::default();
        assert_eq!(render(&empty, &store).unwrap(), whole(&empty));
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
        let ws = crate::Workspace::load(&docs, &crate::Limits::default()).unwrap();
        let (model, _) = ws.model();
        let (doc, _) = build(&model, &OpenApiOptions::default());
        let mut no_schemas = doc.clone();
        no_schemas.components.schemas.clear();
        assert_eq!(render(&no_schemas, &store).unwrap(), whole(&no_schemas));
        let mut only_schemas = doc.clone();
        only_schemas.paths.clear();
        only_schemas.components.responses.clear();
        only_schemas.components.parameters.clear();
        only_schemas.components.security_schemes.clear();
        only_schemas.tags.clear();
        only_schemas.servers.clear();
        only_schemas.security.clear();
        assert_eq!(render(&only_schemas, &store).unwrap(), whole(&only_schemas));
    }
}
