//! Diagnostics: problems found in the docs, carried as data (file, byte span, code) from every stage.

pub mod codes;

use serde::{Deserialize, Serialize};

use crate::source::Span;

pub use codes::Code;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational: a repair or a guess the reader may want to know about.
    Info,
    /// Probably wrong in the docs; output is still produced.
    Warning,
    /// Wrong in the docs; output for this item is degraded or missing.
    Error,
}

impl Severity {
    /// Lowercase name (`error`, `warning`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `MD201`.
    pub code: &'static str,
    /// Kebab-case rule name, e.g. `annotation-json-repaired`.
    pub name: &'static str,
    /// Severity.
    pub severity: Severity,
    /// File relative to the docs root, `/`-separated.
    pub file: String,
    /// Byte range in that file.
    pub span: Span,
    /// Lowercase message, code in backticks.
    pub message: String,
    /// How to fix it, when there is something to say.
    #[serde(skip_serializing_if = "crate::cache::omit::none")]
    pub help: Option<String>,
}

/// Read back from the incremental cache: the code and name must be a known code's (they are
/// `&'static` here), so an entry written by another mdapi fails to load instead of inventing one.
impl<'de> Deserialize<'de> for Diagnostic {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Diagnostic, D::Error> {
        #[derive(Deserialize)]
        struct Stored {
            code: String,
            // Written (records are positional), but the code's own name is the one used.
            #[serde(rename = "name")]
            _name: serde::de::IgnoredAny,
            severity: Severity,
            file: String,
            span: Span,
            message: String,
            #[serde(default)]
            help: Option<String>,
        }
        let s = Stored::deserialize(deserializer)?;
        let known = codes::find(&s.code)
            .filter(|c| c.code == s.code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown diagnostic code `{}`", s.code)))?;
        Ok(Diagnostic {
            code: known.code,
            name: known.name,
            severity: s.severity,
            file: s.file,
            span: s.span,
            message: s.message,
            help: s.help,
        })
    }
}

impl Diagnostic {
    /// A finding of kind `code` at `span` in `file`.
    pub fn new(code: Code, file: &str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: code.code,
            name: code.name,
            severity: code.severity,
            file: file.to_string(),
            span,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a fix hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The sort key that makes diagnostic output deterministic: file, position, code, message.
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (&self.file, self.span.start, self.span.end, self.code, &self.message)
    }
}

/// Sorts diagnostics by file, position and code, dropping exact duplicates.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
}

/// Collects diagnostics for one file, so stages can report with just a code, a span and a message.
#[derive(Debug)]
pub struct Sink<'a> {
    file: &'a str,
    /// What was reported so far.
    pub diags: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    /// A sink for `file`.
    pub fn new(file: &'a str) -> Sink<'a> {
        Sink { file, diags: Vec::new() }
    }

    /// Reports a finding.
    pub fn report(&mut self, code: Code, span: Span, message: impl Into<String>) {
        self.diags.push(Diagnostic::new(code, self.file, span, message));
    }

    /// Reports a finding with a fix hint.
    pub fn report_help(&mut self, code: Code, span: Span, message: impl Into<String>, help: impl Into<String>) {
        self.diags.push(Diagnostic::new(code, self.file, span, message).with_help(help));
    }
}
