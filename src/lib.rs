//! mdapi reads Markdown API reference docs written in the Microsoft Graph convention (YAML front
//! matter, `HTTP request` sections, `<!-- { "blockType": … } -->` annotations, property and
//! permission tables) and turns them into one model of the API.
//!
//! The pipeline, one module per stage, each taking the previous stage's value by reference and
//! returning a new value plus [`Diagnostic`]s:
//!
//! ```text
//! source (files, spans) → syntax (Markdown → Document) → extract (Document → DocFacts)
//!                       → model (all DocFacts → ApiModel)
//! ```
//!
//! ```no_run
//! let ws = mdapi::Workspace::load("docs".as_ref(), &mdapi::Limits::default())?;
//! let (model, diagnostics) = ws.model();
//! println!("{} operations, {} findings", model.operations.len(), ws.diagnostics.len() + diagnostics.len());
//! # Ok::<(), mdapi::Error>(())
//! ```

#[cfg(feature = "cli")]
pub mod allocator;
pub mod builder;
pub mod cache;
pub mod config;
pub mod diagnostic;
pub mod emit;
pub mod error;
pub mod extract;
#[doc(hidden)]
pub mod fuzzing;
pub mod generate;
pub mod key;
pub mod lint;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod source;
pub mod syntax;
#[cfg(feature = "watch")]
pub mod watch;

pub use builder::Config;
pub use diagnostic::{Diagnostic, Severity};
pub use error::{Error, Result};
pub use model::ApiModel;
pub use pipeline::{Keep, Page, Workspace};
pub use source::{Limits, SourceFile, Span};
