//! What every rule may look at: the workspace, the merged model, and doc-set indexes built once
//! per run (file names, heading anchors, resources by name) so rules stay cheap.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::{ApiModel, Resource};
use crate::pipeline::{Page, Workspace};
use crate::syntax::Block;

/// The doc set, indexed for rules.
pub struct Ctx<'a> {
    /// The pages.
    pub ws: &'a Workspace,
    /// The merged model.
    pub model: &'a ApiModel,
    /// The API version examples must use (`v1.0`), when configured.
    pub api_version: Option<&'a str>,
    /// Relative paths of every page.
    pub files: HashSet<&'a str>,
    /// Lower-cased relative path → path, to name the file a case-only mismatch meant.
    pub files_lower: HashMap<String, &'a str>,
    /// Folders (root-relative, `""` for the root) holding at least one page.
    pub dirs: HashSet<&'a str>,
    /// Resources by lower-cased simple and qualified name.
    resources: HashMap<String, &'a Resource>,
    /// Lower-cased simple names of every enum.
    enums: HashSet<String>,
    /// Each page's anchors, computed when first asked for (most pages are never linked with one).
    anchors: Vec<std::sync::OnceLock<HashSet<String>>>,
    /// The host most example requests use (`graph.microsoft.com`): requests to any other host
    /// are notifications or third-party calls, not calls of the documented API.
    pub api_host: Option<String>,
    /// Property names per resource (with base types), computed once: example rules ask for the
    /// same few resources thousands of times, and finding a prose base type scans a page.
    properties: std::sync::Mutex<HashMap<String, std::sync::Arc<HashSet<String>>>>,
}

impl<'a> Ctx<'a> {
    /// Indexes the doc set.
    pub fn new(ws: &'a Workspace, model: &'a ApiModel, api_version: Option<&'a str>) -> Ctx<'a> {
        let files: HashSet<&str> = ws.pages.iter().map(|p| p.source.rel.as_str()).collect();
        let files_lower = files.iter().map(|f| (f.to_ascii_lowercase(), *f)).collect();
        let dirs = files.iter().map(|f| f.rsplit_once('/').map_or("", |(d, _)| d)).collect();
        let mut resources = HashMap::default();
        for (qualified, r) in &model.resources {
            resources.insert(qualified.to_ascii_lowercase(), r);
            resources.entry(r.name.to_ascii_lowercase()).or_insert(r);
        }
        let enums = model.enums.values().map(|e| e.name.to_ascii_lowercase()).collect();
        let anchors = ws.pages.iter().map(|_| std::sync::OnceLock::new()).collect();
        let mut hosts: HashMap<String, usize> = HashMap::default();
        for ex in ws.pages.iter().flat_map(|p| &p.facts.examples) {
            if let Some(h) = ex.request.as_ref().and_then(|r| host_of(&r.url)) {
                *hosts.entry(h).or_default() += 1;
            }
        }
        // Most used wins; ties go to the smallest name so the choice is deterministic.
        let api_host = hosts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(h, _)| h);
        Ctx {
            ws,
            model,
            api_version,
            files,
            files_lower,
            dirs,
            resources,
            enums,
            anchors,
            api_host,
            properties: Default::default(),
        }
    }

    /// The URL names a host other than the doc set's own (national clouds of the same service,
    /// `graph.microsoft.us` beside `graph.microsoft.com`, count as its own).
    pub fn is_foreign_host(&self, url: &str) -> bool {
        let (Some(host), Some(api)) = (host_of(url), self.api_host.as_deref()) else { return false };
        let family = |h: &str| h.split('.').take(2).collect::<Vec<_>>().join(".").replace("-ppe", "");
        host != api && family(&host) != family(api)
    }

    /// The page at `rel` (root-relative).
    pub fn page(&self, rel: &str) -> Option<&'a Page> {
        page_index(self.ws, rel).map(|i| &self.ws.pages[i])
    }

    /// The page at `rel`, ignoring case (links written with the wrong case).
    pub fn page_ignoring_case(&self, rel: &str) -> Option<&'a Page> {
        self.page(rel).or_else(|| self.page(self.files_lower.get(&rel.to_ascii_lowercase())?))
    }

    /// A resource by simple or qualified name (any case, leading `#` ignored).
    pub fn resource(&self, name: &str) -> Option<&'a Resource> {
        let name = name.trim_start_matches('#').to_ascii_lowercase();
        self.resources.get(&name).copied()
    }

    /// True when `name` (simple, any case) is a resource or enum of the doc set.
    pub fn type_exists(&self, name: &str) -> bool {
        self.resource(name).is_some() || self.enums.contains(&name.to_ascii_lowercase())
    }

    /// True when the doc set defines any resource at all (a set of API pages alone cannot
    /// tell whether a type exists).
    pub fn has_resources(&self) -> bool {
        !self.resources.is_empty()
    }

    /// Every property name of a resource and its base types, lower-cased (cached).
    pub fn property_names(&self, r: &'a Resource) -> std::sync::Arc<HashSet<String>> {
        let key = format!("{}.{}", r.namespace, r.name);
        if let Some(hit) = self.properties.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return hit;
        }
        let names = std::sync::Arc::new(self.compute_property_names(r));
        if let Ok(mut m) = self.properties.lock() {
            m.insert(key, names.clone());
        }
        names
    }

    fn compute_property_names(&self, r: &'a Resource) -> HashSet<String> {
        let mut out = HashSet::default();
        let mut cur = Some(r);
        let mut guard = 0;
        while let Some(res) = cur {
            out.extend(res.properties.iter().map(|p| p.name.to_ascii_lowercase()));
            // The JSON representation lists inherited properties even where no `baseType` says so.
            if let Some(serde_json::Value::Object(m)) = res.json.as_deref() {
                out.extend(m.keys().map(|k| k.to_ascii_lowercase()));
            }
            if res.base_type.is_none() {
                out.insert("id".into()); // Nearly every type derives from `entity` without saying so.
            }
            cur = match res.base_type.as_deref() {
                Some(b) => self.resource(b),
                None => self.prose_base(res),
            };
            guard += 1;
            if guard > 32 {
                break; // A base-type cycle; the model reports it.
            }
        }
        out
    }

    /// The base type a resource page states only in prose ("inherits from [mailFolder](…)").
    fn prose_base(&self, r: &Resource) -> Option<&'a Resource> {
        for src in &r.sources {
            let text = &self.page(&src.file)?.source.text;
            for marker in ["nherits from", "erived from", "erives from"] {
                let Some(at) = text.find(marker) else { continue };
                let rest = text[at + marker.len()..].trim_start().trim_start_matches(['[', '*', '_']);
                let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '.').collect();
                if let Some(base) = self.resource(word.trim_end_matches('.')).filter(|b| b.name != r.name) {
                    return Some(base);
                }
            }
        }
        None
    }

    /// The anchors a page offers: heading slugs (GitHub and DocFX styles) and explicit
    /// `<a name="…">`/`id="…"` targets.
    pub fn anchors(&self, rel: &str) -> Option<&HashSet<String>> {
        let i = page_index(self.ws, rel)?;
        Some(self.anchors[i].get_or_init(|| page_anchors(&self.ws.pages[i])))
    }
}

/// Index of the page at `rel` (pages are sorted by path).
pub(crate) fn page_index(ws: &Workspace, rel: &str) -> Option<usize> {
    ws.pages.binary_search_by(|p| p.source.rel.as_str().cmp(rel)).ok()
}

fn page_anchors(page: &Page) -> HashSet<String> {
    {
        let mut out = HashSet::default();
        let mut seen: HashMap<String, usize> = HashMap::default();
        for b in &page.document().blocks {
            if let Block::Heading(h) = b {
                let slug = slug(&h.text);
                let n = seen.entry(slug.clone()).or_default();
                if *n > 0 {
                    out.insert(format!("{slug}-{n}"));
                }
                *n += 1;
                out.insert(slug);
            }
        }
        let text = &page.source.text;
        for key in ["name=\"", "id=\"", "name='", "id='"] {
            let mut from = 0;
            while let Some(i) = text[from..].find(key) {
                let start = from + i + key.len();
                let quote = if key.ends_with('"') { '"' } else { '\'' };
                let end = text[start..].find(quote).map_or(text.len(), |e| start + e);
                out.insert(text[start..end].to_ascii_lowercase());
                from = end;
            }
        }
        out
    }
}

/// A heading's anchor as GitHub and DocFX compute it: lower case, spaces to `-`, punctuation
/// other than `-` and `_` dropped.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.trim().chars() {
        if ch.is_alphanumeric() || ch == '-' || ch == '_' {
            out.extend(ch.to_lowercase());
        } else if ch == ' ' {
            out.push('-');
        }
    }
    out
}

/// The lower-cased host of an absolute URL.
fn host_of(url: &str) -> Option<String> {
    let i = url.find("://")?;
    let host = url[i + 3..].split(['/', '?']).next()?.to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// Finds `needle` in `text` within `span`, returning its file span (falls back to `span`), so
/// findings inside a body point at the offending text rather than at the whole block.
pub fn find_in(text: &str, span: crate::Span, needle: &str, from: usize) -> crate::Span {
    let start = from.max(span.start).min(text.len());
    let end = span.end.min(text.len());
    if start < end
        && let Some(hay) = text.get(start..end)
        && let Some(i) = hay.find(needle)
    {
        return crate::Span::new(start + i, start + i + needle.len());
    }
    span
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs_follow_github() {
        assert_eq!(super::slug("Example 1: Create a user"), "example-1-create-a-user");
        assert_eq!(super::slug("HTTP request"), "http-request");
        assert_eq!(super::slug("isActive (deprecated)"), "isactive-deprecated");
    }
}
