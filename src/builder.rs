//! [`Config`]: the build-script API, in the style of `prost-build`. Generates Rust from a docs
//! folder into `OUT_DIR` (or a chosen directory), writes only changed files, tells cargo which
//! files to watch, and turns doc errors into a readable build failure.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), mdapi::Error> {
//!     mdapi::Config::new().docs_dir("docs").include_paths(["/me/messages/**"]).compile()?;
//!     Ok(())
//! }
//! // src/lib.rs:
//! // pub mod api { include!(concat!(env!("OUT_DIR"), "/api.rs")); }
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::emit::rust::{self, GeneratedFile, RustOptions};
use crate::error::{Error, Result};
use crate::pipeline::Workspace;
use crate::source::Limits;

/// How many doc findings a build script reports line by line before summarising.
const SHOWN: usize = 20;
/// How many doc warnings a build script passes on to cargo.
const WARNED: usize = 5;

/// Builder for generating Rust from docs, usually from `build.rs`.
#[derive(Debug, Clone)]
pub struct Config {
    docs_dir: PathBuf,
    out_dir: Option<PathBuf>,
    options: RustOptions,
    rerun: Option<bool>,
    fail_on: Option<Severity>,
    limits: Limits,
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

impl Config {
    /// Defaults: docs in `docs`, output in `$OUT_DIR`, everything generated, the build fails
    /// on doc errors, and `cargo::rerun-if-changed` lines are printed when run by cargo.
    pub fn new() -> Config {
        Config {
            docs_dir: PathBuf::from("docs"),
            out_dir: None,
            options: RustOptions::default(),
            rerun: None,
            fail_on: Some(Severity::Error),
            limits: Limits::default(),
        }
    }

    /// The docs folder (relative paths are relative to the crate root in a build script).
    pub fn docs_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.docs_dir = dir.into();
        self
    }

    /// Where `api.rs` is written; default `$OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Generate only operations whose path matches one of these globs (`/me/messages/**`;
    /// `**` spans segments, `*` stays within one). Only the schemas they reach are generated.
    pub fn include_paths<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, globs: I) -> &mut Self {
        self.options.filter.include_paths.extend(globs.into_iter().map(Into::into));
        self
    }

    /// Leave out operations whose path matches one of these globs.
    pub fn exclude_paths<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, globs: I) -> &mut Self {
        self.options.filter.exclude_paths.extend(globs.into_iter().map(Into::into));
        self
    }

    /// Generate only operations with one of these tags (an operation's tag is its first path
    /// segment: `me`, `users`, `groups`).
    pub fn include_tags<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, tags: I) -> &mut Self {
        self.options.filter.include_tags.extend(tags.into_iter().map(Into::into));
        self
    }

    /// Leave out operations with one of these tags.
    pub fn exclude_tags<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, tags: I) -> &mut Self {
        self.options.filter.exclude_tags.extend(tags.into_iter().map(Into::into));
        self
    }

    /// Emit `ApiRequest::to_http_request` under `#[cfg(feature = "<name>")]`; the consuming
    /// crate declares that feature with an optional `http` dependency:
    /// `[features] http = ["dep:http"]`.
    pub fn http_feature(&mut self, name: impl Into<String>) -> &mut Self {
        self.options.http_feature = Some(name.into());
        self
    }

    /// Print `cargo::rerun-if-changed` lines (default: only when run by cargo as a build script).
    pub fn emit_rerun_if_changed(&mut self, on: bool) -> &mut Self {
        self.rerun = Some(on);
        self
    }

    /// Fail on doc findings of this severity or worse (`None`: never). Default: errors.
    pub fn fail_on(&mut self, severity: Option<Severity>) -> &mut Self {
        self.fail_on = severity;
        self
    }

    /// Reads the docs and renders the files without writing anything.
    pub fn generate(&self) -> Result<(Vec<GeneratedFile>, Vec<Diagnostic>, Workspace)> {
        let ws = Workspace::load_keeping(&self.docs_dir, &self.limits, crate::Keep::FactsOnly, &|_, _| {})?;
        let (model, mut diags) = ws.model();
        diags.extend(ws.diagnostics.iter().cloned());
        let (files, more) = rust::render(&model, &self.options)?;
        diags.extend(more);
        crate::diagnostic::sort(&mut diags);
        Ok((files, diags, ws))
    }

    /// Generates and writes changed files to the output directory, printing cargo directives
    /// when run from a build script. Returns the output directory.
    ///
    /// # Errors
    /// I/O failures, a missing `OUT_DIR`, and docs with findings at or above
    /// [`Config::fail_on`]: the error's text lists them as `file:line:col: CODE message`.
    pub fn compile(&self) -> Result<PathBuf> {
        let in_cargo = std::env::var_os("CARGO").is_some() && std::env::var_os("OUT_DIR").is_some();
        let rerun = self.rerun.unwrap_or(in_cargo);
        let mut out = std::io::stdout().lock();
        if rerun {
            let _ = writeln!(out, "cargo::rerun-if-changed={}", self.docs_dir.display());
        }
        let (files, diags, ws) = self.generate()?;
        if rerun {
            for page in &ws.pages {
                let _ = writeln!(out, "cargo::rerun-if-changed={}", self.docs_dir.join(&page.source.rel).display());
            }
        }
        let report = crate::report::concise(&diags, |f| ws.file(f), &self.docs_dir.to_string_lossy());
        let failing: Vec<&str> = diags
            .iter()
            .zip(report.lines())
            .filter(|(d, _)| self.fail_on.is_some_and(|s| d.severity >= s))
            .map(|(_, line)| line)
            .collect();
        if rerun {
            // Findings below the failure threshold still deserve a look; cargo shows these.
            let warnings: Vec<&str> = diags
                .iter()
                .zip(report.lines())
                .filter(|(d, _)| d.severity == Severity::Warning && self.fail_on.is_none_or(|s| d.severity < s))
                .map(|(_, line)| line)
                .collect();
            for line in warnings.iter().take(WARNED) {
                let _ = writeln!(out, "cargo::warning={line}");
            }
            if warnings.len() > WARNED {
                let _ = writeln!(out, "cargo::warning=… and {} more doc warnings", warnings.len() - WARNED);
            }
        }
        if !failing.is_empty() {
            let shown = failing.iter().take(SHOWN).copied().collect::<Vec<_>>().join("\n");
            let more = failing.len().saturating_sub(SHOWN);
            let tail = if more > 0 { format!("\n… and {more} more") } else { String::new() };
            return Err(Error::Docs(format!(
                "{} problem(s) in the docs at `{}`:\n{shown}{tail}",
                failing.len(),
                self.docs_dir.display()
            )));
        }
        let dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| Error::Config("no output directory: set `out_dir` or run as a build script".into()))?,
        };
        rust::write_if_changed(&dir, &files)?;
        Ok(dir)
    }

    /// The docs folder.
    pub fn docs(&self) -> &Path {
        &self.docs_dir
    }
}
