//! What every part of the OpenAPI emitter shares while building: the model, the options, the
//! diagnostics reported so far and the counts that end up in [`EmitStats`].

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{ApiModel, SourceRef};
use crate::source::Span;

use super::OpenApiOptions;
use super::document::Schema;
use super::names::Names;

/// Counts describing the generated document and every fallback taken.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct EmitStats {
    /// Model operations.
    pub model_operations: usize,
    /// Operations written to `paths`.
    pub operations: usize,
    /// Path templates.
    pub paths: usize,
    /// Component schemas (resources, enums, collection wrappers, the error).
    pub schemas: usize,
    /// Of those, enum schemas.
    pub enums: usize,
    /// Properties of component schemas (resource properties and relationships).
    pub properties: usize,
    /// Of those, properties whose type fell back to an untyped schema.
    pub property_fallbacks: usize,
    /// Request-body table rows (each row once, however many operations share its page).
    pub body_rows: usize,
    /// Of those, rows whose type fell back to an untyped schema.
    pub body_row_fallbacks: usize,
    /// Every distinct type fallback (properties, body rows, parameters, responses) by cause.
    pub fallbacks_by_cause: BTreeMap<String, usize>,
}

impl EmitStats {
    /// Adds `other`'s counts to these.
    fn add(&mut self, other: EmitStats) {
        let EmitStats {
            model_operations,
            operations,
            paths,
            schemas,
            enums,
            properties,
            property_fallbacks,
            body_rows,
            body_row_fallbacks,
            fallbacks_by_cause,
        } = other;
        self.model_operations += model_operations;
        self.operations += operations;
        self.paths += paths;
        self.schemas += schemas;
        self.enums += enums;
        self.properties += properties;
        self.property_fallbacks += property_fallbacks;
        self.body_rows += body_rows;
        self.body_row_fallbacks += body_row_fallbacks;
        for (cause, n) in fallbacks_by_cause {
            *self.fallbacks_by_cause.entry(cause).or_default() += n;
        }
    }
}

/// The state threaded through the emitter: `'m` is the model's lifetime (the document borrows
/// from it), `'o` the options'.
pub(crate) struct Ctx<'m, 'o> {
    pub(crate) model: &'m ApiModel,
    pub(crate) options: &'o OpenApiOptions,
    locate: &'o (dyn Fn(&SourceRef) -> Span + Sync),
    pub(crate) diags: Vec<Diagnostic>,
    pub(crate) stats: EmitStats,
    /// Component names of resources and enums: shared by the forks that only read them (the
    /// component schemas); the paths, which claim names for collection wrappers, get their own
    /// copy on their first claim.
    pub(crate) names: Arc<Names>,
    /// Collection wrapper schemas made so far, by component name.
    pub(crate) wrappers: BTreeMap<String, Schema>,
    /// Shared parameters some operation refers to.
    pub(crate) used_parameters: BTreeSet<&'static str>,
    /// Lines already counted, so a page shared by several operations counts once.
    counted: HashSet<(SourceRef, String)>,
}

impl<'m, 'o> Ctx<'m, 'o> {
    pub(crate) fn new(
        model: &'m ApiModel,
        options: &'o OpenApiOptions,
        locate: &'o (dyn Fn(&SourceRef) -> Span + Sync),
    ) -> Ctx<'m, 'o> {
        Ctx {
            model,
            options,
            locate,
            diags: Vec::new(),
            stats: EmitStats::default(),
            names: Arc::default(),
            wrappers: BTreeMap::new(),
            used_parameters: BTreeSet::new(),
            counted: HashSet::new(),
        }
    }

    /// A context for building the component schemas beside the paths: the same model, options
    /// and names, and nothing reported or counted yet. The two never meet in what they write:
    /// only the paths claim names, make wrappers and use shared parameters, and their
    /// [`Ctx::first_time`] keys differ (a component's properties are owned by "`p` of `type`",
    /// a path's schemas by "the request body", "query parameter `p`", "the 200 response" and
    /// the like).
    pub(crate) fn fork(&self) -> Ctx<'m, 'o> {
        let mut fork = Ctx::new(self.model, self.options, self.locate);
        fork.names = Arc::clone(&self.names);
        fork
    }

    /// Takes in the findings, counts and counted lines of `later`, a [`Ctx::fork`] whose work a
    /// sequential build would have done after this context's own, and which counted other lines
    /// (the component schemas of other resources: their keys name the resource).
    pub(crate) fn absorb(&mut self, later: Ctx<'m, 'o>) {
        debug_assert!(later.counted.is_disjoint(&self.counted), "forked builds counted the same line");
        self.diags.extend(later.diags);
        self.stats.add(later.stats);
        self.counted.extend(later.counted);
    }

    /// Takes in the findings and counts of `earlier`, a [`Ctx::fork`] whose work a sequential
    /// build would have done after reporting `first` and before this context's own: the
    /// findings end up in that order.
    pub(crate) fn follow(&mut self, mut first: Vec<Diagnostic>, earlier: Ctx<'m, 'o>) {
        debug_assert!(earlier.counted.is_disjoint(&self.counted), "forked builds counted the same line");
        first.extend(earlier.diags);
        first.append(&mut self.diags);
        self.diags = first;
        self.stats.add(earlier.stats);
    }

    /// Reports a finding at a doc line.
    pub(crate) fn report(&mut self, code: Code, at: &SourceRef, message: String) {
        let span = (self.locate)(at);
        self.diags.push(Diagnostic::new(code, &at.file, span, message));
    }

    /// Reports a finding with a fix hint.
    pub(crate) fn report_help(&mut self, code: Code, at: &SourceRef, message: String, help: &str) {
        let span = (self.locate)(at);
        self.diags.push(Diagnostic::new(code, &at.file, span, message).with_help(help));
    }

    /// The `x-mdapi-source` value, unless turned off.
    pub(crate) fn source(&self, at: Option<&SourceRef>) -> Option<String> {
        at.filter(|_| self.options.source_refs).map(SourceRef::to_string)
    }

    /// Whether `what` at `at` is met for the first time (pages shared by several operations
    /// are emitted once per operation but counted and reported once).
    pub(crate) fn first_time(&mut self, at: &SourceRef, what: &str) -> bool {
        self.counted.insert((at.clone(), what.to_string()))
    }

    /// Counts a type fallback under its cause.
    pub(crate) fn count_fallback(&mut self, cause: &str) {
        *self.stats.fallbacks_by_cause.entry(cause.to_string()).or_default() += 1;
    }
}
