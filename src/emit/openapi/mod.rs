//! OpenAPI 3.0.3 from the model: [`build`] makes the typed document (pure), [`to_yaml`] and
//! [`to_json`] serialise it, [`files`] gives `openapi.yaml` and `openapi.json` as generated files
//! (written by [`crate::output`]; [`write`] does both).
//!
//! ```no_run
//! let ws = mdapi::Workspace::load("docs".as_ref(), &mdapi::Limits::default())?;
//! let (model, _) = ws.model();
//! let options = mdapi::emit::openapi::OpenApiOptions::default();
//! let generated = mdapi::emit::openapi::generate(&ws, &model, &options);
//! mdapi::emit::openapi::write(&generated.document, "generated".as_ref())?;
//! # Ok::<(), mdapi::Error>(())
//! ```

mod bodies;
pub mod check;
mod context;
pub mod document;
mod examples;
mod fragments;
mod json;
mod names;
pub mod operation_ids;
mod parameters;
mod paths;
mod responses;
mod reuse;
mod schemas;
mod security;
mod servers;
pub mod types;
mod yaml;

use std::path::Path;

use crate::config::OpenApiConfig;
use crate::diagnostic::{self, Diagnostic};
use crate::emit::store::TextStore;
use crate::error::{Error, Result};
use crate::model::{ApiModel, SourceRef};
use crate::output::{self, GeneratedFile, WriteMode, WriteReport};
use crate::pipeline::Workspace;
use crate::source::Span;

pub use context::EmitStats;
pub use document::OpenApi;

use context::Ctx;
use document::{Components, Info, License, Server};
use std::collections::BTreeMap;

use crate::key::KeyMap;

/// What the document says beyond the model, and how it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenApiOptions {
    /// `info.title`.
    pub title: String,
    /// `info.version`; `None`: the servers' version segment, else `0.0.0`.
    pub version: Option<String>,
    /// `info.description`.
    pub description: Option<String>,
    /// Server URLs; `None`: from the example URLs.
    pub servers: Option<Vec<String>>,
    /// `info.termsOfService`.
    pub terms_of_service: Option<String>,
    /// `info.license`: name and URL.
    pub license: Option<(String, Option<String>)>,
    /// OAuth2 authorization URL.
    pub authorization_url: String,
    /// OAuth2 token URL.
    pub token_url: String,
    /// Write `x-mdapi-source: "file:line"` on operations and schemas.
    pub source_refs: bool,
}

impl Default for OpenApiOptions {
    fn default() -> OpenApiOptions {
        OpenApiOptions {
            title: "API".to_string(),
            version: None,
            description: None,
            servers: None,
            terms_of_service: None,
            license: None,
            authorization_url: security::DEFAULT_AUTHORIZATION_URL.to_string(),
            token_url: security::DEFAULT_TOKEN_URL.to_string(),
            source_refs: true,
        }
    }
}

impl OpenApiOptions {
    /// Options from `mdapi.toml`'s `[openapi]`; `default_title` when it names no title.
    pub fn from_config(config: &OpenApiConfig, default_title: &str) -> OpenApiOptions {
        let d = OpenApiOptions::default();
        OpenApiOptions {
            title: config.title.clone().unwrap_or_else(|| default_title.to_string()),
            version: config.version.clone(),
            description: config.description.clone(),
            servers: config.servers.clone(),
            terms_of_service: config.terms_of_service.clone(),
            license: config.license.as_ref().map(|l| (l.name.clone(), l.url.clone())),
            authorization_url: config.authorization_url.clone().unwrap_or(d.authorization_url),
            token_url: config.token_url.clone().unwrap_or(d.token_url),
            source_refs: true,
        }
    }
}

/// A generated document (borrowing the model's examples) with its findings and counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated<'m> {
    /// The document.
    pub document: OpenApi<'m>,
    /// The emitter's diagnostics, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Counts, fallbacks included.
    pub stats: EmitStats,
}

/// Builds the document from a model. Diagnostics carry the file but no byte span (the model
/// keeps lines only); [`generate`] locates them.
pub fn build<'m>(model: &'m ApiModel, options: &OpenApiOptions) -> (OpenApi<'m>, Vec<Diagnostic>) {
    let g = build_located(model, options, &|_| Span::default());
    (g.document, g.diagnostics)
}

/// Builds the document of a workspace's model, diagnostics located on their lines.
pub fn generate<'m>(ws: &Workspace, model: &'m ApiModel, options: &OpenApiOptions) -> Generated<'m> {
    build_located(model, options, &|at| line_span(ws, at))
}

/// [`build`], with `locate` turning a doc line into a byte span.
pub fn build_located<'m>(
    model: &'m ApiModel,
    options: &OpenApiOptions,
    locate: &(dyn Fn(&SourceRef) -> Span + Sync),
) -> Generated<'m> {
    // With no store, nothing is reused and nothing can fail.
    build_with(model, options, locate, None).0
}

/// The files `openapi.yaml` and `openapi.json` of a workspace's model, with the findings and
/// counts, as [`generate`] and [`files`] make them: the path items and resource schemas reused
/// from `store` by their inputs (see `reuse`), the other schemas by their content (as
/// [`files_cached`] reuses them). `store` afterwards holds exactly this call's texts.
pub fn files_reusing(
    ws: &Workspace,
    model: &ApiModel,
    options: &OpenApiOptions,
    store: &TextStore,
) -> Result<(Vec<GeneratedFile>, Vec<Diagnostic>, EmitStats)> {
    let (Generated { document, diagnostics, stats }, reused) =
        build_with(model, options, &|at| line_span(ws, at), Some(store));
    let (yaml, json) = fragments::render(&document, store, reused?)?;
    let files = vec![GeneratedFile::new("openapi.yaml", yaml), GeneratedFile::new("openapi.json", json)];
    Ok((files, diagnostics, stats))
}

/// The document; with a `store`, its path items and resource schemas are not in it but reused
/// or made as texts ([`reuse`]).
fn build_with<'m>(
    model: &'m ApiModel,
    options: &OpenApiOptions,
    locate: &(dyn Fn(&SourceRef) -> Span + Sync),
    store: Option<&TextStore>,
) -> (Generated<'m>, Result<Option<reuse::Reused>>) {
    let mut ctx = Ctx::new(model, options, locate);
    ctx.names = std::sync::Arc::new(names::Names::build(&mut ctx));
    // The component schemas and the paths read the same names and write apart (see
    // `Ctx::fork`): built side by side, then merged (`Ctx::absorb`). The paths
    // go first: they are the longest sequential task, and a task started second waits for a
    // free core (the Rust emitter runs beside this one). The rest only reads the model and
    // goes beside them too.
    let mut fork = ctx.fork();
    let (built, (components, security_schemes, servers)) = rayon::join(
        || match store {
            None => {
                let (paths, tags) = paths::paths(&mut ctx);
                (paths, tags, Ok(None))
            }
            Some(store) => {
                let mut used = KeyMap::default();
                match reuse::paths(&mut ctx, store, &mut used) {
                    Ok((texts, tags)) => (BTreeMap::new(), tags, Ok(Some((texts, used)))),
                    Err(e) => (BTreeMap::new(), Vec::new(), Err(e)),
                }
            }
        },
        || {
            let security_schemes = security::schemes(model, &options.authorization_url, &options.token_url);
            let servers = match &options.servers {
                Some(urls) => urls
                    .iter()
                    .map(|u| Server { url: u.trim_end_matches('/').to_string(), description: None })
                    .collect(),
                None => servers::from_examples(model),
            };
            let components = match store {
                None => (schemas::components(&mut fork), Ok(None)),
                Some(store) => {
                    let mut used = KeyMap::default();
                    match reuse::components(&mut fork, store, &mut used) {
                        Ok((enums, texts)) => (enums, Ok(Some((texts, used)))),
                        Err(e) => (BTreeMap::new(), Err(e)),
                    }
                }
            };
            (components, security_schemes, servers)
        },
    );
    let (paths, tags, path_texts) = built;
    let (mut schemas, schema_texts) = components;
    ctx.absorb(fork);
    schemas.append(&mut std::mem::take(&mut ctx.wrappers));
    let (error_response, error_schema) = responses::shared_error();
    schemas.insert(names::ERROR_SCHEMA.to_string(), error_schema);
    let reused = match (path_texts, schema_texts) {
        (Ok(Some((paths, mut used))), Ok(Some((schemas, theirs)))) => {
            used.extend(theirs);
            Ok(Some(reuse::Reused { paths, schemas, used }))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
        _ => Ok(None),
    };
    // The schemas reused as texts count too.
    ctx.stats.schemas = schemas.len() + reused.as_ref().map_or(0, |r| r.as_ref().map_or(0, |r| r.schemas.len()));
    let document = OpenApi {
        openapi: document::OPENAPI_VERSION.to_string(),
        info: info(options, &servers),
        security: security::global(&security_schemes),
        servers,
        tags,
        paths,
        components: Components {
            schemas,
            responses: [(responses::ERROR_RESPONSE.to_string(), error_response)].into(),
            parameters: parameters::shared(&ctx),
            security_schemes,
        },
    };
    diagnostic::sort(&mut ctx.diags);
    (Generated { document, diagnostics: ctx.diags, stats: ctx.stats }, reused)
}

fn info(options: &OpenApiOptions, servers: &[Server]) -> Info {
    let version = options
        .version
        .clone()
        .unwrap_or_else(|| servers.first().and_then(|s| servers::version_of(&s.url)).unwrap_or("0.0.0").to_string());
    Info {
        title: options.title.clone(),
        version,
        description: options.description.clone(),
        terms_of_service: options.terms_of_service.clone(),
        license: options.license.as_ref().map(|(name, url)| License { name: name.clone(), url: url.clone() }),
    }
}

/// The bytes of a doc line (without its newline).
fn line_span(ws: &Workspace, at: &SourceRef) -> Span {
    let Some(file) = ws.file(&at.file) else { return Span::default() };
    let start = file.lines().line_start(at.line);
    let end = file.text[start..].find('\n').map_or(file.text.len(), |i| start + i);
    Span::new(start, end)
}

/// The document as YAML; every scalar reads back as in the JSON under YAML 1.1 and 1.2 alike.
pub fn to_yaml(doc: &OpenApi<'_>) -> Result<String> {
    yaml::to_string_with_capacity(doc, capacity_hint(doc)).map_err(|e| Error::Render(e.to_string()))
}

/// The document as pretty JSON, newline-terminated.
pub fn to_json(doc: &OpenApi<'_>) -> Result<String> {
    let mut out = Vec::with_capacity(capacity_hint(doc) * 3 / 2);
    serde_json::to_writer_pretty(&mut out, doc).map_err(|e| Error::Render(e.to_string()))?;
    out.push(b'\n');
    // serde_json writes only valid UTF-8.
    String::from_utf8(out).map_err(|e| Error::Render(e.to_string()))
}

/// Bytes to reserve for the YAML text (JSON takes about half as much again): generous, since
/// reserved memory that is never written costs nothing, while growing a buffer of megabytes
/// step by step copies it each time and touches twice the memory.
fn capacity_hint(doc: &OpenApi<'_>) -> usize {
    (1 << 16) + doc.paths.len() * 8 * 1024 + doc.components.schemas.len() * 4 * 1024
}

/// Both texts, serialised in parallel (YAML, JSON).
pub fn render(doc: &OpenApi<'_>) -> Result<(String, String)> {
    let (yaml, json) = rayon::join(|| to_yaml(doc), || to_json(doc));
    Ok((yaml?, json?))
}

/// The document as the files `openapi.yaml` and `openapi.json`, ready for
/// [`crate::output::write_files`] beside the other emitters' files.
pub fn files(doc: &OpenApi<'_>) -> Result<Vec<GeneratedFile>> {
    let (yaml, json) = render(doc)?;
    Ok(vec![GeneratedFile::new("openapi.yaml", yaml), GeneratedFile::new("openapi.json", json)])
}

/// [`files`], written path item by path item and schema by schema, reusing the texts of those
/// `store` holds from an earlier run (and leaving this run's there). The files are the same.
pub fn files_cached(doc: &OpenApi<'_>, store: &TextStore) -> Result<Vec<GeneratedFile>> {
    let (yaml, json) = fragments::render(doc, store, None)?;
    Ok(vec![GeneratedFile::new("openapi.yaml", yaml), GeneratedFile::new("openapi.json", json)])
}

/// Writes `dir/openapi.yaml` and `dir/openapi.json` through [`crate::output`]: atomically, and
/// only when their content changed.
pub fn write(doc: &OpenApi<'_>, dir: &Path) -> Result<WriteReport> {
    output::write_files(dir, &files(doc)?, WriteMode::Write)
}
