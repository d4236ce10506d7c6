//! Findings with everything an output format needs: display path, 1-based line and column
//! ranges (columns in characters), and the source text for excerpts.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// One finding, located. Its JSON form is the documented, stable `json` output record.
#[derive(Debug, Clone, Serialize)]
pub struct Located<'a> {
    /// Rule code (`MD530`).
    pub code: &'static str,
    /// Rule name (`example-operation-undeclared`).
    pub name: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Path relative to the current directory, `/` separators.
    pub path: String,
    /// 1-based start line.
    pub line: usize,
    /// 1-based start column (characters).
    pub column: usize,
    /// 1-based end line.
    pub end_line: usize,
    /// 1-based end column (characters, exclusive).
    pub end_column: usize,
    /// The diagnostic.
    #[serde(skip)]
    pub diag: &'a Diagnostic,
    /// The file's text, when the file was read.
    #[serde(skip)]
    pub source: Option<&'a SourceFile>,
}

/// Locates `diags`; `file_of` finds a diagnostic's file, `prefix` is the docs root as displayed
/// (joined to each relative path).
pub fn locate<'a>(
    diags: &'a [Diagnostic],
    file_of: impl Fn(&str) -> Option<&'a SourceFile>,
    prefix: &str,
) -> Vec<Located<'a>> {
    diags
        .iter()
        .map(|d| {
            let source = file_of(&d.file);
            let ((line, column), (end_line, end_column)) = source.map_or(((1, 1), (1, 1)), |f| {
                (f.lines().line_col(&f.text, d.span.start), f.lines().line_col(&f.text, d.span.end))
            });
            Located {
                code: d.code,
                name: d.name,
                severity: d.severity,
                message: d.message.clone(),
                help: d.help.clone(),
                path: join(prefix, &d.file),
                line,
                column,
                end_line,
                end_column,
                diag: d,
                source,
            }
        })
        .collect()
}

/// `prefix/rel`, or `rel` when the prefix is empty or `.`.
pub fn join(prefix: &str, rel: &str) -> String {
    let prefix = prefix.trim_end_matches('/');
    if prefix.is_empty() || prefix == "." || rel.is_empty() {
        if rel.is_empty() { prefix.to_string() } else { rel.to_string() }
    } else {
        format!("{prefix}/{rel}")
    }
}
