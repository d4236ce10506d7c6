//! The spec's path items reused by what they are made from: each path item's texts (YAML and
//! JSON) and what building it did besides ([`Effects`]: findings, counts, collection wrappers,
//! shared parameters) are stored under a key of its inputs, the model's operations on the path
//! and the component names. After a one-page edit only the edited page's path items are built;
//! the others are neither built nor serialised nor keyed by content. The texts, findings and
//! counts are exactly those of building every path item ([`super::paths::paths`]).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use super::context::{Ctx, Effects};
use super::document::{PathItem, Tag};
use super::fragments::{self, Fragment};
use super::paths::{self, Emitted};
use crate::emit::store::{Text, TextStore};
use crate::error::{Error, Result};
use crate::key::{Key, KeyHasher, KeyMap};

/// The path items as texts, in path order, and the store entries they were found under or made
/// for (the store keeps exactly the entries used, see [`TextStore::replace`]).
pub(crate) struct PathTexts {
    pub(crate) fragments: Vec<Fragment>,
    pub(crate) used: KeyMap<Text>,
}

/// Every emitted operation placed in its path item, as [`super::paths::paths`] does, each path
/// item reused from `store` when its inputs are those of a stored one; tags sorted by name.
pub(crate) fn paths(ctx: &mut Ctx<'_, '_>, store: &TextStore) -> Result<(PathTexts, Vec<Tag>)> {
    let emitted = paths::emitted(ctx);
    let groups = by_path(&emitted);
    // The model keeps each path's operations together (it merges them by path); were they ever
    // not, a path item would have two records: build them all instead, without reuse.
    let mut seen = HashSet::new();
    if !groups.iter().all(|g| seen.insert(&emitted[g.start].0.path)) {
        let (items, tags) = paths::place(ctx, &emitted, paths::OPERATIONS_PER_TASK);
        let fragments = items.par_iter().map(|(path, item)| serialised(path, item)).collect::<Result<_>>()?;
        return Ok((PathTexts { fragments, used: KeyMap::default() }, tags));
    }
    let env = environment(ctx);
    let inputs: Vec<Key> = groups.par_iter().map(|g| input_key(&env, &emitted[g.clone()])).collect::<Result<_>>()?;
    let keys: Vec<[Key; 3]> = inputs.iter().map(entry_keys).collect();
    let known = store.get_many(keys.iter().flatten());
    let shared = &*ctx;
    let made: Vec<(Fragment, Text, Effects)> = groups
        .par_iter()
        .zip(known.par_chunks(3))
        .map(|(g, texts)| {
            let stored = match texts {
                [Some(yaml), Some(json), Some(effects)] => Effects::from_text(effects)
                    .map(|e| (Fragment { yaml: yaml.clone(), json: json.clone() }, effects.clone(), e)),
                _ => None,
            };
            match stored {
                Some(reused) => Ok(reused),
                None => build(shared, &emitted[g.clone()]),
            }
        })
        .collect::<Result<_>>()?;
    let mut tags = BTreeSet::new();
    let mut items: BTreeMap<&str, Fragment> = BTreeMap::new();
    let mut used = KeyMap::default();
    for ((g, (fragment, effects_text, effects)), [yaml_key, json_key, effects_key]) in groups.iter().zip(made).zip(keys)
    {
        // In model order, as building them one after the other would have.
        ctx.absorb_effects(effects);
        for (op, ..) in &emitted[g.clone()] {
            tags.insert(paths::tag(&op.path));
            ctx.stats.operations += 1;
        }
        used.insert(yaml_key, fragment.yaml.clone());
        used.insert(json_key, fragment.json.clone());
        used.insert(effects_key, effects_text);
        items.insert(&emitted[g.start].0.path, fragment);
    }
    ctx.stats.paths = items.len();
    Ok((PathTexts { fragments: items.into_values().collect(), used }, paths::tag_list(tags)))
}

/// A path item's texts.
fn serialised(path: &str, item: &PathItem<'_>) -> Result<Fragment> {
    let (yaml, json) = (fragments::yaml_entry(path, item, 1)?, fragments::json_entry(path, item, 1)?);
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

/// One path item built in a recording fork of the context: its texts and what building it did.
fn build(ctx: &Ctx<'_, '_>, ops: &[Emitted<'_>]) -> Result<(Fragment, Text, Effects)> {
    let mut fork = ctx.fork_recording();
    let mut item = PathItem::default();
    for (op, id, at) in ops {
        let operation = paths::operation(&mut fork, op, id.clone(), paths::tag(&op.path), at);
        if let Some(slot) = item.slot(&op.method) {
            *slot = Some(operation);
        }
    }
    let fragment = serialised(ops.first().map_or("", |(op, ..)| op.path.as_str()), &item)?;
    let effects = fork.into_effects();
    Ok((fragment, Text::from(effects.to_text()), effects))
}

/// What every path item depends on besides its operations: the component names its references
/// print, and whether it writes `x-mdapi-source`.
fn environment(ctx: &Ctx<'_, '_>) -> Key {
    let mut h = KeyHasher::new();
    h.update(b"mdapi openapi path item\0");
    h.update(&ctx.names.key());
    h.update(&[u8::from(ctx.options.source_refs)]);
    h.finish()
}

/// The key of a path item's inputs: the environment, and each operation whole (every field,
/// as self-describing MessagePack, so no two inputs run together) with its `operationId`.
fn input_key(env: &Key, ops: &[Emitted<'_>]) -> Result<Key> {
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

/// The store keys of a path item's YAML, JSON and effects, from its input key.
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

    fn resource() -> SourceFile {
        let text = "---\ntitle: \"thing resource type\"\ndoc_type: resourcePageType\n---\n\n# thing resource type\n\n\
                    A thing.\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The id.|\n";
        SourceFile::from_text("resources/thing.md", text)
    }

    fn docs(author: &str, title: &str) -> Vec<SourceFile> {
        vec![
            resource(),
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
