//! The spec's path items and resource schemas reused by what they are made from: each one's
//! texts (YAML and JSON) and what building it did besides ([`Effects`]: findings, counts,
//! collection wrappers, shared parameters) are stored under a key of its inputs (a path item: the
//! model's operations on the path; a resource schema: the resource, its base types and its
//! descendants) and the component names. After a one-page edit only what that page feeds is
//! built; the rest is neither built nor serialised nor keyed by content. The texts, findings
//! and counts are exactly those of building everything ([`super::paths::paths`],
//! [`super::schemas::components`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use super::context::{Ctx, Effects};
use super::document::{PathItem, Schema, Tag};
use super::fragments::{self, Fragment};
use super::paths::{self, Emitted};
use super::schemas;
use crate::emit::store::{Text, TextStore};
use crate::error::{Error, Result};
use crate::key::{Collect, Key, KeyHasher, KeyMap};
use crate::model::Resource;

/// The path items and resource schemas as texts, and the store entries they were found under or
/// made for (the store keeps exactly the entries used, see [`TextStore::replace`]).
pub(crate) struct Reused {
    /// In path order.
    pub(crate) paths: Vec<Fragment>,
    /// By component name.
    pub(crate) schemas: BTreeMap<String, Fragment>,
    pub(crate) used: KeyMap<Text>,
}

/// Every emitted operation placed in its path item, as [`super::paths::paths`] does, each path
/// item reused from `store` when its inputs are those of a stored one; tags sorted by name. The
/// path items' store entries go into `used`.
pub(crate) fn paths(
    ctx: &mut Ctx<'_, '_>,
    store: &TextStore,
    used: &mut KeyMap<Text>,
) -> Result<(Vec<Fragment>, Vec<Tag>)> {
    let emitted = paths::emitted(ctx);
    let groups = by_path(&emitted);
    // The model keeps each path's operations together (it merges them by path); were they ever
    // not, a path item would have two records: build them all instead, without reuse.
    let mut seen = HashSet::new();
    if !groups.iter().all(|g| seen.insert(&emitted[g.start].0.path)) {
        let (items, tags) = paths::place(ctx, &emitted, paths::OPERATIONS_PER_TASK);
        let fragments = items.par_iter().map(|(path, item)| serialised(path, item, 1)).collect::<Result<_>>()?;
        return Ok((fragments, tags));
    }
    let env = environment(ctx, b"mdapi openapi path item\0");
    let made = reused_or_built(
        ctx,
        store,
        &groups,
        |g| path_key(&env, &emitted[g.clone()]),
        |ctx, g| build(ctx, &emitted[g.clone()]),
    )?;
    let mut tags = BTreeSet::new();
    let mut items: BTreeMap<&str, Fragment> = BTreeMap::new();
    for (g, made) in groups.iter().zip(made) {
        // In model order, as building them one after the other would have.
        let fragment = made.absorb(ctx, used);
        for (op, ..) in &emitted[g.clone()] {
            tags.insert(paths::tag(&op.path));
            ctx.stats.operations += 1;
        }
        items.insert(&emitted[g.start].0.path, fragment);
    }
    ctx.stats.paths = items.len();
    Ok((items.into_values().collect(), paths::tag_list(tags)))
}

/// The component schemas, as [`super::schemas::components`] makes them: the enums' as values,
/// the resources' as texts (by name), each reused from `store` when its inputs are those of a
/// stored one. Their store entries go into `used`.
pub(crate) fn components(
    ctx: &mut Ctx<'_, '_>,
    store: &TextStore,
    used: &mut KeyMap<Text>,
) -> Result<(BTreeMap<String, Schema>, BTreeMap<String, Fragment>)> {
    let model = ctx.model;
    let names = std::sync::Arc::clone(&ctx.names);
    let named: Vec<(&String, &Resource, &str)> =
        model.resources.iter().filter_map(|(k, r)| Some((k, r, names.get(k)?))).collect();
    let digests: HashMap<&str, u128> =
        model.resources.par_iter().map(|(k, r)| (k.as_str(), schemas::resource_digest(r))).collect();
    let digest = |k: &str| digests.get(k).copied();
    let env = environment(ctx, b"mdapi openapi resource schema\0");
    let made = reused_or_built(
        ctx,
        store,
        &named,
        |(key, ..)| {
            let mut h = Collect::default();
            h.0.extend_from_slice(&env);
            schemas::resource_inputs(model, key, &digest, &mut h);
            Ok(h.key())
        },
        |ctx, (key, r, name)| serialised(name, &schemas::resource_schema(ctx, key, r), 2),
    )?;
    let mut texts = BTreeMap::new();
    for ((_, _, name), made) in named.iter().zip(made) {
        texts.insert(name.to_string(), made.absorb(ctx, used));
    }
    let enums = schemas::enum_schemas(ctx, |name| texts.contains_key(name));
    Ok((enums, texts))
}

/// A part of the document reused or built, with its store keys.
struct Made {
    fragment: Fragment,
    effects_text: Text,
    effects: Effects,
    keys: [Key; 3],
}

impl Made {
    /// Applies what making the part did to `ctx`, notes its store entries in `used`, and gives
    /// its texts.
    fn absorb(self, ctx: &mut Ctx<'_, '_>, used: &mut KeyMap<Text>) -> Fragment {
        let Made { fragment, effects_text, effects, keys: [yaml_key, json_key, effects_key] } = self;
        ctx.absorb_effects(effects);
        used.insert(yaml_key, fragment.yaml.clone());
        used.insert(json_key, fragment.json.clone());
        used.insert(effects_key, effects_text);
        fragment
    }
}

/// Each of `units` (in parallel): found in `store` under its input key (`input`), else made
/// (`build`, in a [`Ctx::fork_recording`] of `ctx`). To be absorbed in order ([`Made::absorb`]).
fn reused_or_built<'m, T: Sync>(
    ctx: &Ctx<'m, '_>,
    store: &TextStore,
    units: &[T],
    input: impl Fn(&T) -> Result<Key> + Sync,
    build: impl Fn(&mut Ctx<'m, '_>, &T) -> Result<Fragment> + Sync,
) -> Result<Vec<Made>> {
    let keys: Vec<[Key; 3]> = units.par_iter().map(|u| input(u).map(|k| entry_keys(&k))).collect::<Result<_>>()?;
    let known = store.get_many(keys.iter().flatten());
    units
        .par_iter()
        .zip(known.par_chunks(3))
        .zip(keys.par_iter())
        .map(|((unit, texts), keys)| {
            let stored = match texts {
                [Some(yaml), Some(json), Some(effects)] => Effects::from_text(effects)
                    .map(|e| (Fragment { yaml: yaml.clone(), json: json.clone() }, effects.clone(), e)),
                _ => None,
            };
            let (fragment, effects_text, effects) = match stored {
                Some(reused) => reused,
                None => {
                    let mut fork = ctx.fork_recording();
                    let fragment = build(&mut fork, unit)?;
                    let effects = fork.into_effects();
                    (fragment, Text::from(effects.to_text()), effects)
                }
            };
            Ok(Made { fragment, effects_text, effects, keys: *keys })
        })
        .collect()
}

/// The texts of an entry at nesting level `level` (see [`fragments::render`]).
fn serialised<V: serde::Serialize>(key: &str, value: &V, level: usize) -> Result<Fragment> {
    let (yaml, json) = (fragments::yaml_entry(key, value, level)?, fragments::json_entry(key, value, level)?);
    Ok(Fragment { yaml: Text::from(yaml), json: Text::from(json) })
}

/// The runs of `emitted` on one path each.
fn by_path(emitted: &[Emitted<'_>]) -> Vec<Range<usize>> {
    let mut groups: Vec<Range<usize>> = Vec::new();
    for (i, (op, ..)) in emitted.iter().enumerate() {
        match groups.last_mut() {
            Some(g) if emitted[g.start].0.path == op.path => g.end = i + 1,
            _ => groups.push(i..i + 1),
        }
    }
    groups
}

/// One path item, built in `ctx`: its texts.
fn build<'m>(ctx: &mut Ctx<'m, '_>, ops: &[Emitted<'m>]) -> Result<Fragment> {
    let mut item = PathItem::default();
    for (op, id, at) in ops {
        let operation = paths::operation(ctx, op, id.clone(), paths::tag(&op.path), at);
        if let Some(slot) = item.slot(&op.method) {
            *slot = Some(operation);
        }
    }
    serialised(ops.first().map_or("", |(op, ..)| op.path.as_str()), &item, 1)
}

/// What every part of one kind (`domain`) depends on besides its own inputs: the component
/// names its references print, and whether it writes `x-mdapi-source`.
fn environment(ctx: &Ctx<'_, '_>, domain: &[u8]) -> Key {
    let mut h = KeyHasher::new();
    h.update(domain);
    h.update(&ctx.names.key());
    h.update(&[u8::from(ctx.options.source_refs)]);
    h.finish()
}

/// The key of a path item's inputs: the environment, and each operation whole (every field,
/// as self-describing MessagePack, so no two inputs run together) with its `operationId`.
fn path_key(env: &Key, ops: &[Emitted<'_>]) -> Result<Key> {
    let mut h = KeyHasher::new();
    h.update(env);
    h.update(&(ops.len() as u64).to_le_bytes());
    {
        // Written straight into the hasher, in buffered pieces (the encoder's writes are small).
        let mut w = std::io::BufWriter::with_capacity(1 << 14, &mut h);
        for (op, id, _) in ops {
            crate::cache::encode_whole(&mut w, &(id, op)).map_err(Error::Render)?;
        }
        std::io::Write::flush(&mut w).map_err(|e| Error::Render(e.to_string()))?;
    }
    Ok(h.finish())
}

/// The store keys of a part's YAML, JSON and effects, from its input key.
fn entry_keys(input: &Key) -> [Key; 3] {
    [b"yaml" as &[u8], b"json", b"effects"].map(|part| {
        let mut h = KeyHasher::new();
        h.update(input);
        h.update(part);
        h.finish()
    })
}

#[cfg(test)]
mod tests {
    use super::super::{OpenApiOptions, files, files_reusing, generate};
    use crate::Workspace;
    use crate::emit::store::TextStore;
    use crate::source::{Limits, SourceFile};

    /// An API page by `author` declaring `paths`, with a request body of `rows` and a collection
    /// response of `thing`s (so a collection wrapper).
    fn page(name: &str, author: &str, paths: &[&str], rows: &[&str]) -> SourceFile {
        let paths: String = paths.iter().map(|p| format!("{p}\n")).collect();
        let rows: String = rows.iter().map(|r| format!("{r}\n")).collect();
        let text = format!(
            "---\ntitle: \"{name}\"\nauthor: {author}\ndoc_type: apiPageType\n---\n\n# {name}\n\nDoes things.\n\n\
             ## HTTP request\n\n```http\n{paths}```\n\n## Optional query parameters\n\nSupports `$top` and `$filter`.\n\n\
             ## Request body\n\n|Property|Type|Description|\n|:---|:---|:---|\n{rows}\n## Response\n\n\
             If successful, this method returns a `200 OK` response code and a collection of [thing](../resources/thing.md) objects.\n"
        );
        SourceFile::from_text(&format!("api/{name}.md"), text)
    }

    /// A resource page: `name` inheriting from `base` (when given), with these property rows.
    fn resource(name: &str, base: Option<&str>, rows: &[&str]) -> SourceFile {
        let base = base.map_or(String::new(), |b| format!(",\n  \"baseType\": \"microsoft.test.{b}\""));
        let rows: String = rows.iter().map(|r| format!("{r}\n")).collect();
        let text = format!(
            "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\n\
             A {name}.\n\nNamespace: microsoft.test\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n{rows}\n\
             ## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.test.{name}\"{base}\n}} -->\n\
             ```json\n{{\n  \"id\": \"String\"\n}}\n```\n"
        );
        SourceFile::from_text(&format!("resources/{name}.md"), text)
    }

    /// The docs: API pages by `author` (one titled `title`), a base resource with `base_rows`
    /// and a resource deriving from it, which redefines `size`.
    fn docs_with(author: &str, title: &str, base_rows: &[&str]) -> Vec<SourceFile> {
        vec![
            resource("thing", None, base_rows),
            resource("gizmo", Some("thing"), &["|size|Int32|The size.|", "|part|Widget|Unknown.|"]),
            page(
                "a-list",
                author,
                &["POST /a", "POST /users/{id}/a", "GET /a"],
                &["|x||No type.|", "|y|Widget|Unknown.|"],
            ),
            page(title, "b", &["PATCH /b/{id}", "PATCH /me/b/{id}"], &["|z||No type.|", "|w|String|Fine.|"]),
            page("c-action", author, &["POST /c/{id}/run"], &["|v|Widget|Unknown.|"]),
        ]
    }

    fn docs(author: &str, title: &str) -> Vec<SourceFile> {
        docs_with(author, title, &["|id|String|The id.|"])
    }

    /// The files, findings and counts of the OpenAPI emitter: built whole, and through `store`.
    fn both(files_of: Vec<SourceFile>, store: &TextStore) -> (String, String) {
        let ws = Workspace::from_files(files_of, &Limits::default());
        let (model, _) = ws.model();
        let options = OpenApiOptions::default();
        let g = generate(&ws, &model, &options);
        let whole = format!("{:?}", (files(&g.document).unwrap(), g.diagnostics, g.stats));
        let (f, d, s) = files_reusing(&ws, &model, &options, store).unwrap();
        (whole, format!("{:?}", (f, d, s)))
    }

    #[test]
    fn path_items_reused_by_their_inputs_are_the_path_items_built() {
        let store = TextStore::new();
        let (whole, fresh) = both(docs("a", "b-update"), &store);
        assert!(whole.contains("thingCollectionResponse"), "{whole}");
        assert!(whole.contains("$filter") && whole.contains("states no type"), "{whole}");
        assert_eq!(fresh, whole, "nothing stored yet");
        let held = store.len();
        assert_eq!(both(docs("a", "b-update"), &store).1, whole, "everything reused");
        assert_eq!(store.len(), held);
        // Another author shifts every byte below the front matter of two pages, not their lines
        // or operations: their path items are reused, their findings located anew.
        let keys = |store: &TextStore| store.entries().into_iter().map(|(k, _)| k).collect::<Vec<_>>();
        let before = keys(&store);
        let (whole, reused) = both(docs("someone else", "b-update"), &store);
        assert_eq!(keys(&store), before, "every path item reused");
        assert_eq!(reused, whole, "moved findings");
        // A retitled page makes its path items again.
        let (whole, rebuilt) = both(docs("someone else", "b-change"), &store);
        assert_eq!(rebuilt, whole, "one page edited");
        assert_eq!(store.len(), held, "the store keeps only what the last run used");
        // A base type that gains a property its descendant redefines changes the descendant's
        // schema too, though the descendant's page did not change.
        let (whole, rebuilt) =
            both(docs_with("a", "b-update", &["|id|String|The id.|", "|size|String|Text.|"]), &store);
        assert!(whole.contains("redefined"), "{whole}");
        assert_eq!(rebuilt, whole, "base type edited");
    }

    #[test]
    fn a_stored_path_item_is_served_and_a_damaged_record_is_not() {
        let store = TextStore::new();
        let (whole, _) = both(docs("a", "b-update"), &store);
        let entries = store.entries();
        let planted = entries.iter().filter(|(_, t)| t.starts_with("  /b/{b-id}:\n")).count();
        assert_eq!(planted, 1, "one YAML text of the path item `/b/{{b-id}}`");
        for (key, text) in &entries {
            if text.starts_with("  /b/{b-id}:\n") {
                store.insert(*key, crate::emit::store::Text::from(text.replace("Does things.", "Planted.")));
            }
        }
        assert!(both(docs("a", "b-update"), &store).1.contains("Planted."), "the stored text is served");
        // Records that do not read back (not JSON, an unknown cause) are built again.
        for (key, text) in store.entries() {
            if text.starts_with('{') {
                let damaged = if text.contains("no type stated") {
                    text.replace("no type stated", "no cause")
                } else {
                    "x".into()
                };
                store.insert(key, crate::emit::store::Text::from(damaged));
            }
        }
        let (_, again) = both(docs("a", "b-update"), &store);
        assert!(!again.contains("Planted."));
        let (_, fresh) = both(docs("a", "b-update"), &TextStore::new());
        assert_eq!(again.replace("Planted.", "Does things."), fresh);
        assert_eq!(fresh, whole);
    }
}
