//! What every part of the OpenAPI emitter shares while building: the model, the options, the
//! diagnostics reported so far and the counts that end up in [`EmitStats`].

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashSet as HashSet;
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{ApiModel, SourceRef};
use crate::source::Span;

use super::OpenApiOptions;
use super::document::Schema;
use super::names::Names;

/// Counts describing the generated document and every fallback taken.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
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
    /// Component names of resources and enums, decided before anything is built and shared by
    /// every fork (collection wrappers take names outside them, see [`Names::is_taken`]).
    pub(crate) names: Arc<Names>,
    /// Collection wrapper schemas made so far, by component name.
    pub(crate) wrappers: BTreeMap<String, Schema>,
    /// Shared parameters some operation refers to.
    pub(crate) used_parameters: BTreeSet<&'static str>,
    /// Lines already counted, so a page shared by several operations counts once.
    counted: HashSet<(SourceRef, String)>,
    /// In a fork building a run of operations beside others ([`Ctx::fork_deferring`]): what it
    /// met that counts once, in order, decided when the fork is absorbed.
    deferred: Option<Vec<(SourceRef, String, Once)>>,
}

/// What happens the first time a line is met for some purpose ([`Ctx::once`]).
pub(crate) enum Once {
    /// A type fell back to the untyped schema: counted under its cause and reported.
    Fallback { cause: &'static str, finding: Diagnostic },
    /// A request-body row: counted, and among the fallbacks when it fell back.
    BodyRow { fell_back: bool },
}

/// Everything building a part of the document did to the context besides the part itself, as a
/// [`Ctx::fork_recording`] keeps it: to be stored with the part's texts and applied again when
/// the part is reused ([`Ctx::absorb_effects`]). Findings are located by line only (their span is
/// the line number, `start` and `end` alike), so that a stored record stays right when the lines
/// around them move or change; they are located in the text when absorbed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub(crate) struct Effects {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    diags: Vec<Diagnostic>,
    #[serde(default, skip_serializing_if = "is_zero")]
    stats: EmitStats,
    /// The item component names of the collection wrappers made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    wrappers: Vec<String>,
    /// The shared parameters used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    parameters: Vec<String>,
    /// What counts once, in order (see [`Ctx::once`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    once: Vec<(SourceRef, String, StoredOnce)>,
}

fn is_zero(stats: &EmitStats) -> bool {
    *stats == EmitStats::default()
}

/// A [`Once`] as stored: its cause spelled out, and checked against the known causes when read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum StoredOnce {
    Fallback { cause: String, finding: Diagnostic },
    BodyRow { fell_back: bool },
}

impl Effects {
    /// The record as stored text (JSON).
    pub(crate) fn to_text(&self) -> String {
        // Plain data (strings, numbers, lists): serialising it cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored record, when it reads back as one this build could have made: every cause and
    /// shared parameter is a known one, every wrapper a well-formed name.
    pub(crate) fn from_text(text: &str) -> Option<Effects> {
        let effects: Effects = serde_json::from_str(text).ok()?;
        let known = effects.once.iter().all(|(.., once)| match once {
            StoredOnce::Fallback { cause, .. } => super::schemas::fallback_cause(cause).is_some(),
            StoredOnce::BodyRow { .. } => true,
        }) && effects.parameters.iter().all(|p| super::parameters::shared_component(p).is_some())
            && effects.wrappers.iter().all(|w| !w.is_empty());
        known.then_some(effects)
    }
}

/// Locates a finding by its line alone, for [`Effects`].
fn line_coded(at: &SourceRef) -> Span {
    Span::new(at.line, at.line)
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
            counted: HashSet::default(),
            deferred: None,
        }
    }

    /// A context for building the component schemas beside the paths: the same model, options
    /// and names, and nothing reported or counted yet. The two never meet in what they write:
    /// only the paths make wrappers and use shared parameters, and their [`Ctx::once`] keys
    /// differ (a component's properties are owned by "`p` of `type`", a path's schemas by "the
    /// request body", "query parameter `p`", "the 200 response" and the like).
    pub(crate) fn fork(&self) -> Ctx<'m, 'o> {
        let mut fork = Ctx::new(self.model, self.options, self.locate);
        fork.names = Arc::clone(&self.names);
        fork
    }

    /// A [`Ctx::fork`] that leaves what counts once to the context absorbing it: for runs of
    /// operations built side by side, which meet the same pages' lines.
    pub(crate) fn fork_deferring(&self) -> Ctx<'m, 'o> {
        let mut fork = self.fork();
        fork.deferred = Some(Vec::new());
        fork
    }

    /// A [`Ctx::fork_deferring`] whose findings are located by line only: what it did is taken
    /// out as [`Effects`] ([`Ctx::into_effects`]), to be stored and absorbed.
    pub(crate) fn fork_recording(&self) -> Ctx<'m, 'o> {
        let mut fork = self.fork_deferring();
        fork.locate = &line_coded;
        fork
    }

    /// What a [`Ctx::fork_recording`] did.
    pub(crate) fn into_effects(self) -> Effects {
        debug_assert!(self.counted.is_empty(), "a recording fork defers what counts once");
        let once = self.deferred.unwrap_or_default().into_iter().map(|(at, what, once)| {
            let once = match once {
                Once::Fallback { cause, finding } => StoredOnce::Fallback { cause: cause.to_string(), finding },
                Once::BodyRow { fell_back } => StoredOnce::BodyRow { fell_back },
            };
            (at, what, once)
        });
        let wrappers = self.wrappers.into_iter().map(|(name, schema)| {
            let item = super::responses::wrapped_item(&name).unwrap_or_default().to_string();
            debug_assert_eq!(super::responses::named_wrapper(&item), (name, schema), "a wrapper is made from its name");
            item
        });
        Effects {
            diags: self.diags,
            stats: self.stats,
            wrappers: wrappers.collect(),
            parameters: self.used_parameters.into_iter().map(str::to_string).collect(),
            once: once.collect(),
        }
    }

    /// Takes in what a [`Ctx::fork_recording`] did (this run, or stored by an earlier one): as a
    /// deferring fork holding it, its findings located in the text, absorbed ([`Ctx::absorb`]).
    pub(crate) fn absorb_effects(&mut self, effects: Effects) {
        let Effects { diags, stats, wrappers, parameters, once } = effects;
        let locate = self.locate;
        let relocated = |d: Diagnostic| {
            let span = locate(&SourceRef { file: d.file.clone(), line: d.span.start });
            Diagnostic { span, ..d }
        };
        let once = once.into_iter().map(|(at, what, once)| {
            let once = match once {
                // The cause was checked when read (`Effects::from_text`) or made here.
                StoredOnce::Fallback { cause, finding } => Once::Fallback {
                    cause: super::schemas::fallback_cause(&cause).unwrap_or_default(),
                    finding: relocated(finding),
                },
                StoredOnce::BodyRow { fell_back } => Once::BodyRow { fell_back },
            };
            (at, what, once)
        });
        let mut fork = self.fork_deferring();
        fork.deferred = Some(once.collect());
        fork.diags = diags.into_iter().map(relocated).collect();
        fork.stats = stats;
        fork.wrappers = wrappers.iter().map(|item| super::responses::named_wrapper(item)).collect();
        fork.used_parameters = parameters.iter().filter_map(|p| super::parameters::shared_component(p)).collect();
        self.absorb(fork);
    }

    /// `build` of every item, in parallel, `per_task` items at a time, each run in a
    /// [`Ctx::fork_deferring`] absorbed in order: the results, findings and counts of building
    /// them one after the other in this context.
    pub(crate) fn in_runs<T: Sync, R: Send>(
        &mut self,
        items: &[T],
        per_task: usize,
        build: impl Fn(&mut Ctx<'m, 'o>, &T) -> R + Sync,
    ) -> Vec<R> {
        let shared = &*self;
        let built: Vec<(Vec<R>, Ctx<'m, 'o>)> = items
            .par_chunks(per_task.max(1))
            .map(|run| {
                let mut fork = shared.fork_deferring();
                let results = run.iter().map(|item| build(&mut fork, item)).collect();
                (results, fork)
            })
            .collect();
        let mut results = Vec::with_capacity(items.len());
        for (run, fork) in built {
            results.extend(run);
            self.absorb(fork);
        }
        results
    }

    /// Takes in the findings and counts of `later`, a fork built beside this context whose work a
    /// sequential build would have done after this context's own. What a
    /// [`Ctx::fork_deferring`] left undecided is decided here, in its order, as that build would
    /// have; the lines a plain [`Ctx::fork`] counted never meet this context's (see there) and
    /// are counted here too; the collection wrappers and shared parameters it used are added to
    /// these. The findings' order does not matter: the emitter sorts them.
    pub(crate) fn absorb(&mut self, later: Ctx<'m, 'o>) {
        debug_assert!(later.counted.is_disjoint(&self.counted), "forked builds counted the same line");
        self.diags.extend(later.diags);
        self.stats.add(later.stats);
        self.counted.extend(later.counted);
        for (name, schema) in later.wrappers {
            self.wrappers.entry(name).or_insert(schema);
        }
        self.used_parameters.extend(later.used_parameters);
        for (at, what, effect) in later.deferred.into_iter().flatten() {
            if self.counted.insert((at, what)) {
                self.apply(effect);
            }
        }
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

    /// Applies `effect` the first time `what` at `at` is met (pages shared by several operations
    /// are emitted once per operation but counted and reported once); `effect` is made only
    /// when it may apply.
    pub(crate) fn once(&mut self, at: &SourceRef, what: &str, effect: impl FnOnce(&Self) -> Once) {
        if self.deferred.is_some() {
            let effect = effect(self);
            if let Some(log) = &mut self.deferred {
                log.push((at.clone(), what.to_string(), effect));
            }
        } else if self.counted.insert((at.clone(), what.to_string())) {
            let effect = effect(self);
            self.apply(effect);
        }
    }

    fn apply(&mut self, effect: Once) {
        match effect {
            Once::Fallback { cause, finding } => {
                *self.stats.fallbacks_by_cause.entry(cause.to_string()).or_default() += 1;
                self.diags.push(finding);
            }
            Once::BodyRow { fell_back } => {
                self.stats.body_rows += 1;
                self.stats.body_row_fallbacks += usize::from(fell_back);
            }
        }
    }

    /// A finding at a doc line.
    pub(crate) fn finding(&self, code: Code, at: &SourceRef, message: String) -> Diagnostic {
        Diagnostic::new(code, &at.file, (self.locate)(at), message)
    }
}
