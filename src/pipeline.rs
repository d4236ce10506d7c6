//! Runs the stages over a doc tree: discover → read → parse → extract (in parallel, since pages
//! are independent until the model) → model.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{self, Diagnostic};
use crate::error::{Error, Result};
use crate::extract::{self, DocFacts};
use crate::model::ApiModel;
use crate::source::{self, Limits, SourceFile};
use crate::syntax::{self, Document};

/// One page after the per-page stages.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file.
    pub source: SourceFile,
    /// Its Markdown structure.
    pub document: Document,
    /// Its API facts.
    pub facts: DocFacts,
}

/// A doc tree read through the per-page stages.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The docs root.
    pub root: PathBuf,
    /// Pages sorted by relative path.
    pub pages: Vec<Page>,
    /// Diagnostics of discovery, reading, parsing and extraction, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

impl Drop for Workspace {
    /// A corpus-sized workspace holds millions of small allocations; freeing them on every core
    /// instead of one takes a visible share off a whole run.
    fn drop(&mut self) {
        std::mem::take(&mut self.pages).into_par_iter().for_each(drop);
    }
}

impl Workspace {
    /// Reads every Markdown file under `root` (or the file `root`) through parse and extract.
    pub fn load(root: &Path, limits: &Limits) -> Result<Workspace> {
        let (paths, mut diagnostics) = source::discover(root).map_err(|e| Error::io(root, e))?;
        // Read, parse and extract each file in one task: no barrier between reading and parsing,
        // and the text is still in cache when the parser reaches it.
        let results: Vec<Result<(Page, Vec<Diagnostic>)>> = paths
            .par_iter()
            .map(|p| {
                let (file, mut diags) = source::read_file(root, p, limits).map_err(|e| Error::io(p, e))?;
                let (page, more) = process(file, limits);
                diags.extend(more);
                Ok((page, diags))
            })
            .collect();
        let mut pages = Vec::with_capacity(results.len());
        for r in results {
            let (page, diags) = r?;
            pages.push(page);
            diagnostics.extend(diags);
        }
        pages.sort_by(|a, b| a.source.rel.cmp(&b.source.rel));
        diagnostic::sort(&mut diagnostics);
        Ok(Workspace { root: root.to_path_buf(), pages, diagnostics })
    }

    /// Runs parse and extract over files already in memory.
    pub fn from_files(files: Vec<SourceFile>, limits: &Limits) -> Workspace {
        let results: Vec<(Page, Vec<Diagnostic>)> = files.into_par_iter().map(|f| process(f, limits)).collect();
        let mut pages = Vec::with_capacity(results.len());
        let mut diagnostics = Vec::new();
        for (page, diags) in results {
            pages.push(page);
            diagnostics.extend(diags);
        }
        pages.sort_by(|a, b| a.source.rel.cmp(&b.source.rel));
        diagnostic::sort(&mut diagnostics);
        Workspace { root: PathBuf::new(), pages, diagnostics }
    }

    /// All pages' facts.
    pub fn facts(&self) -> Vec<DocFacts> {
        self.pages.iter().map(|p| p.facts.clone()).collect()
    }

    /// Builds the merged model; returns it with the model stage's diagnostics.
    pub fn model(&self) -> (ApiModel, Vec<Diagnostic>) {
        let facts: Vec<&DocFacts> = self.pages.iter().map(|p| &p.facts).collect();
        ApiModel::build_refs(&facts)
    }

    /// The file a diagnostic points into.
    pub fn file(&self, rel: &str) -> Option<&SourceFile> {
        self.pages.binary_search_by(|p| p.source.rel.as_str().cmp(rel)).ok().map(|i| &self.pages[i].source)
    }
}

/// The per-page stages for one file.
pub fn process(source: SourceFile, limits: &Limits) -> (Page, Vec<Diagnostic>) {
    let (document, mut diags) = syntax::parse(&source, limits);
    let (facts, more) = extract::extract(&document, &source, limits);
    diags.extend(more);
    (Page { source, document, facts }, diags)
}
