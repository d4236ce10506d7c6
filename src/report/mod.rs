//! Report stage: diagnostics → text. Line and column are computed here, from byte spans.

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// `path:line:col: CODE severity message` lines, one per diagnostic. `file_of` finds the source
/// a diagnostic points into; `prefix` is prepended to each path (the docs root as given).
pub fn concise<'a>(diags: &[Diagnostic], file_of: impl Fn(&str) -> Option<&'a SourceFile>, prefix: &str) -> String {
    let mut out = String::new();
    for d in diags {
        let (line, col) = file_of(&d.file).map_or((1, 1), |f| f.lines().line_col(&f.text, d.span.start));
        let sep = if prefix.is_empty() || prefix.ends_with('/') { "" } else { "/" };
        out.push_str(&format!(
            "{prefix}{sep}{}:{line}:{col}: {} {} {}\n",
            d.file,
            d.code,
            d.severity.as_str(),
            d.message
        ));
    }
    out
}

pub mod formats;
pub mod full;
pub mod located;

pub use located::{Located, locate};
