//! The spec's YAML and JSON written from fragments: every path item and every schema is
//! serialised apart, in parallel, and a fragment whose content was serialised in an earlier run
//! (kept in a [`TextStore`]: a `watch` session's, or the on-disk cache's) is reused as written
//! then. After a one-page edit nearly all of the spec's 20 MB are reused. The texts are exactly
//! those of serialising the whole document at once ([`super::to_yaml`], [`super::to_json`]).

use std::borrow::Cow;
use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::document::{Components, OpenApi};
use super::reuse::Reused;
use super::{json, yaml};
use crate::emit::store::{Text, TextKey, TextStore};
use crate::error::{Error, Result};
use crate::key::{KeyHasher, KeyMap};
use crate::output::{Contents, ContentsBuilder};

/// One entry's YAML and JSON texts: a path item's or schema's, as stored, or an entry serialised
/// here.
#[derive(Clone)]
pub(crate) struct Fragment {
    pub(crate) yaml: Text,
    pub(crate) json: Text,
}

/// `doc` as (YAML, JSON), reusing `store`'s fragments; the store afterwards holds exactly this
/// call's fragments.
///
/// Entries are placed by nesting level: the document's own at 0, a path item or `components`'
/// maps at 1, a schema at 2 (YAML column `2 × level`, JSON depth `level + 1`).
///
/// With `reused` (from [`super::reuse`]), the path items are those texts (the document's own
/// `paths` are left empty), and so are the schemas it holds beside the document's.
pub(crate) fn render(doc: &OpenApi<'_>, store: &TextStore, reused: Option<Reused>) -> Result<(Contents, Contents)> {
    let OpenApi { openapi, info, servers, security, tags, paths, components } = doc;
    let Components { schemas, responses, parameters, security_schemes } = components;
    let mut used = KeyMap::default();
    let (path_items, schema_items) = match reused {
        Some(Reused { paths: reused_paths, schemas: reused_schemas, used: theirs }) => {
            debug_assert!(paths.is_empty(), "path items given as texts and as values");
            used.extend(theirs);
            let built = fragments(schemas, 2, store, &mut used)?;
            // Both by name: merged in name order.
            let mut all: Vec<(&str, Fragment)> = schemas
                .keys()
                .map(String::as_str)
                .zip(built)
                .chain(reused_schemas.iter().map(|(k, f)| (k.as_str(), f.clone())))
                .collect();
            all.sort_by(|a, b| a.0.cmp(b.0));
            debug_assert!(all.windows(2).all(|w| w[0].0 != w[1].0), "a schema given as text and as value");
            (reused_paths, all.into_iter().map(|(_, f)| f).collect::<Vec<_>>())
        }
        None => (fragments(paths, 1, store, &mut used)?, fragments(schemas, 2, store, &mut used)?),
    };
    store.replace(used);
    // Field by field in declaration order, leaving out what the derived `Serialize` skips.
    let mut top = vec![whole("openapi", openapi, 0)?, whole("info", info, 0)?];
    if !servers.is_empty() {
        top.push(whole("servers", servers, 0)?);
    }
    if !security.is_empty() {
        top.push(whole("security", security, 0)?);
    }
    if !tags.is_empty() {
        top.push(whole("tags", tags, 0)?);
    }
    top.push(Part::Map("paths", 0, path_items.iter().map(|f| Part::Leaf(Cow::Borrowed(f))).collect()));
    let mut parts = Vec::new();
    if !schema_items.is_empty() {
        parts.push(Part::Map("schemas", 1, schema_items.iter().map(|f| Part::Leaf(Cow::Borrowed(f))).collect()));
    }
    if !responses.is_empty() {
        parts.push(whole("responses", responses, 1)?);
    }
    if !parameters.is_empty() {
        parts.push(whole("parameters", parameters, 1)?);
    }
    if !security_schemes.is_empty() {
        parts.push(whole("securitySchemes", security_schemes, 1)?);
    }
    top.push(Part::Map("components", 0, parts));
    // Each file as its pieces: the fragments themselves, and the text around them.
    let mut yaml = ContentsBuilder::new();
    top.iter().for_each(|p| p.yaml(&mut yaml));
    let mut json = ContentsBuilder::new();
    json::object(&top, 0, &mut json, Part::json);
    json.push_str("\n");
    Ok((yaml.finish(), json.finish()))
}

/// A piece of the spec as it is written out: an entry's texts (serialised here, or a stored
/// fragment), or an entry whose value is a map of pieces (key, level, entries), written around
/// them.
enum Part<'a> {
    Leaf(Cow<'a, Fragment>),
    Map(&'static str, usize, Vec<Part<'a>>),
}

impl Part<'_> {
    /// The YAML text: the entry, or for a map its key line (`{}` when empty) and its entries.
    fn yaml(&self, out: &mut ContentsBuilder) {
        match self {
            Part::Leaf(f) => out.push_text(&f.yaml),
            Part::Map(key, level, items) => {
                (0..*level).for_each(|_| out.push_str("  "));
                out.push_str(key);
                if items.is_empty() {
                    out.push_str(": {}\n");
                } else {
                    out.push_str(":\n");
                    items.iter().for_each(|i| i.yaml(out));
                }
            }
        }
    }

    /// The JSON text: the entry, or for a map its key and the object of its entries.
    fn json(&self, out: &mut ContentsBuilder) {
        match self {
            Part::Leaf(f) => out.push_text(&f.json),
            Part::Map(key, level, items) => {
                (0..=*level).for_each(|_| out.push_str("  "));
                out.push_str("\"");
                out.push_str(key);
                out.push_str("\": ");
                json::object(items, level + 1, out, Part::json);
            }
        }
    }
}

/// Every entry of `map`, a map whose entries sit at nesting level `level`: found in `store` by
/// its content key, or serialised (in parallel). Each one used goes into `used`.
fn fragments<V: Serialize + Sync>(
    map: &BTreeMap<String, V>,
    level: usize,
    store: &TextStore,
    used: &mut KeyMap<Text>,
) -> Result<Vec<Fragment>> {
    let entries: Vec<(&String, &V)> = map.iter().collect();
    let keys: Vec<[TextKey; 2]> = entries.par_iter().map(|(k, v)| keys(k, v, level)).collect::<Result<_>>()?;
    // Two texts per entry, in order: YAML, JSON.
    let known = store.get_many(keys.iter().flatten());
    let fragments: Vec<Fragment> = entries
        .par_iter()
        .zip(known.par_chunks(2))
        .map(|((k, v), texts)| {
            let (yaml, json) = (texts[0].clone(), texts[1].clone());
            let yaml = match yaml {
                Some(text) => text,
                None => Text::from(yaml_entry(k, *v, level)?),
            };
            let json = match json {
                Some(text) => text,
                None => Text::from(json_entry(k, *v, level)?),
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
/// MessagePack, so that no two contents meet) and of the level it is written at.
fn keys<V: Serialize>(key: &str, value: &V, level: usize) -> Result<[TextKey; 2]> {
    let mut h = KeyHasher::new();
    h.update(b"mdapi openapi fragment\0");
    {
        // Written straight into the hasher, in buffered pieces (the encoder's writes are small).
        let mut w = std::io::BufWriter::with_capacity(1 << 14, &mut h);
        rmp_serde::encode::write_named(&mut w, &(key, value)).map_err(|e| Error::Render(e.to_string()))?;
        std::io::Write::flush(&mut w).map_err(|e| Error::Render(e.to_string()))?;
    }
    let content = h.finish();
    let at = |format: &[u8]| {
        let mut h = KeyHasher::new();
        h.update(&content);
        h.update(format);
        h.update(&(level as u64).to_le_bytes());
        h.finish()
    };
    Ok([at(b"yaml"), at(b"json")])
}

pub(crate) fn yaml_entry<V: Serialize + ?Sized>(key: &str, value: &V, level: usize) -> Result<String> {
    yaml::entry_to_string(key, value, 2 * level).map_err(|e| Error::Render(e.to_string()))
}

pub(crate) fn json_entry<V: Serialize + ?Sized>(key: &str, value: &V, level: usize) -> Result<String> {
    json::entry_to_string(key, value, level + 1).map_err(|e| Error::Render(e.to_string()))
}

/// An entry serialised in both formats at `level`.
fn whole<'a, V: Serialize + ?Sized>(key: &str, value: &V, level: usize) -> Result<Part<'a>> {
    let (yaml, json) = (yaml_entry(key, value, level)?, json_entry(key, value, level)?);
    Ok(Part::Leaf(Cow::Owned(Fragment { yaml: Text::from(yaml), json: Text::from(json) })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::openapi::{OpenApiOptions, build, to_json, to_yaml};

    fn whole(doc: &OpenApi<'_>) -> (Contents, Contents) {
        (Contents::from(to_yaml(doc).unwrap()), Contents::from(to_json(doc).unwrap()))
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
        assert_eq!(render(&doc, &store, None).unwrap(), expected, "fresh");
        let held = store.len();
        assert_eq!(held, 2 * (doc.paths.len() + doc.components.schemas.len()));
        assert_eq!(render(&doc, &store, None).unwrap(), expected, "every fragment reused");
        // A planted text under a fragment's key is served: the store is really consulted.
        let (path, item) = doc.paths.iter().next().unwrap();
        let [yaml_key, _] = keys(path, item, 1).unwrap();
        store.insert(yaml_key, Text::from("  planted:\n"));
        assert!(render(&doc, &store, None).unwrap().0.text().contains("\npaths:\n  planted:\n"));
        // A smaller document (without the planted path) keeps only its own fragments.
        let last = doc.paths.keys().last().unwrap().clone();
        assert_ne!(&last, path);
        let mut fewer = doc.clone();
        fewer.paths.retain(|p, _| *p == last);
        assert_eq!(render(&fewer, &store, None).unwrap(), whole(&fewer));
        assert_eq!(store.len(), 2 * (1 + doc.components.schemas.len()));
    }

    #[test]
    fn empty_and_sparse_documents_match_too() {
        let store = TextStore::new();
        let empty = OpenApi::default();
        assert_eq!(render(&empty, &store, None).unwrap(), whole(&empty));
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
        let ws = crate::Workspace::load(&docs, &crate::Limits::default()).unwrap();
        let (model, _) = ws.model();
        let (doc, _) = build(&model, &OpenApiOptions::default());
        let mut no_schemas = doc.clone();
        no_schemas.components.schemas.clear();
        assert_eq!(render(&no_schemas, &store, None).unwrap(), whole(&no_schemas));
        let mut only_schemas = doc.clone();
        only_schemas.paths.clear();
        only_schemas.components.responses.clear();
        only_schemas.components.parameters.clear();
        only_schemas.components.security_schemes.clear();
        only_schemas.tags.clear();
        only_schemas.servers.clear();
        only_schemas.security.clear();
        assert_eq!(render(&only_schemas, &store, None).unwrap(), whole(&only_schemas));
    }
}
