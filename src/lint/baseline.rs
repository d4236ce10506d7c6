//! Baselines for adopting the linter on a legacy doc set: a JSON file of known findings keyed on
//! code, path and a fingerprint of the offending text (not line numbers), so edits elsewhere in a
//! page do not invalidate entries. A finding is new when its key is in the baseline fewer times
//! than it occurs.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

/// One known finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// Rule code.
    pub code: String,
    /// Path as reported.
    pub path: String,
    /// FNV-1a hash of the code and the whitespace-normalised offending text.
    pub fingerprint: String,
}

/// The baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// Format version (1).
    pub version: u32,
    /// Known findings, sorted.
    pub entries: Vec<Entry>,
}

/// The offending text of a finding: its span, or its line when the span is empty.
fn offending(d: &Diagnostic, text: &str) -> String {
    let (mut s, mut e) = (d.span.start.min(text.len()), d.span.end.min(text.len()));
    if s == e {
        s = text[..s].rfind('\n').map_or(0, |i| i + 1);
        e = text[e..].find('\n').map_or(text.len(), |i| e + i);
    }
    let slice = text.get(s..e).unwrap_or("");
    // The message too: two findings of one rule on the same text stay distinct.
    let words: Vec<&str> = slice.split_whitespace().chain(d.message.split_whitespace()).collect();
    words.join(" ")
}

/// The fingerprint of a finding in a file with `text`.
pub fn fingerprint(d: &Diagnostic, text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in d.code.bytes().chain([0]).chain(offending(d, text).bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

impl Baseline {
    /// A baseline of `findings` (diagnostic, reported path, file text).
    pub fn from_findings<'a>(findings: impl IntoIterator<Item = (&'a Diagnostic, &'a str, &'a str)>) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .into_iter()
            .map(|(d, path, text)| Entry {
                code: d.code.to_string(),
                path: path.to_string(),
                fingerprint: fingerprint(d, text),
            })
            .collect();
        entries.sort();
        Baseline { version: 1, entries }
    }

    /// Which findings are new: `true` for those not covered by the baseline.
    pub fn new_findings<'a>(
        &self,
        findings: impl IntoIterator<Item = (&'a Diagnostic, &'a str, &'a str)>,
    ) -> Vec<bool> {
        let mut budget: HashMap<&Entry, usize> = HashMap::new();
        for e in &self.entries {
            *budget.entry(e).or_default() += 1;
        }
        findings
            .into_iter()
            .map(|(d, path, text)| {
                let key = Entry { code: d.code.to_string(), path: path.to_string(), fingerprint: fingerprint(d, text) };
                match budget.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::codes;
    use crate::source::Span;

    #[test]
    fn entries_survive_unrelated_edits() {
        let old = "# T\n\nPOST /a/<id>\n";
        let new = "# T\n\nA new paragraph.\n\nPOST /a/<id>\n";
        let at = |text: &str| {
            let s = text.find("<id>").unwrap();
            Diagnostic::new(codes::PATH_IRREGULAR, "a.md", Span::new(s, s + 4), "angle")
        };
        let d_old = at(old);
        let base = Baseline::from_findings([(&d_old, "a.md", old)]);
        let d_new = at(new);
        assert_eq!(base.new_findings([(&d_new, "a.md", new)]), vec![false]);
        // A second occurrence of the same finding is new.
        assert_eq!(base.new_findings([(&d_new, "a.md", new), (&d_new, "a.md", new)]), vec![false, true]);
        assert_eq!(base.new_findings([(&d_new, "b.md", new)]), vec![true]);
    }
}
