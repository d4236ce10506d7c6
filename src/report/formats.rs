//! Lint output formats. The machine formats (`json`, `json-lines`, `github`, `sarif`, `junit`)
//! are stable surfaces; `full` and `concise` are for people.

use std::collections::BTreeMap;

use serde_json::json;

use crate::diagnostic::Severity;

use super::located::Located;

/// `path:line:col: CODE severity message`.
pub fn concise(items: &[Located<'_>]) -> String {
    let mut out = String::new();
    for l in items {
        out.push_str(&format!(
            "{}:{}:{}: {} {} {}\n",
            l.path,
            l.line,
            l.column,
            l.code,
            l.severity.as_str(),
            l.message
        ));
    }
    out
}

/// The documented JSON array.
pub fn json(items: &[Located<'_>]) -> String {
    let mut s = serde_json::to_string_pretty(items).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// One JSON object per line.
pub fn json_lines(items: &[Located<'_>]) -> String {
    let mut out = String::new();
    for l in items {
        out.push_str(&serde_json::to_string(l).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Escapes a workflow command's message (data).
pub fn github_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
pub fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands (`::error file=…,line=…::message`).
pub fn github(items: &[Located<'_>]) -> String {
    let mut out = String::new();
    for l in items {
        let level = match l.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        out.push_str(&format!(
            "::{level} title={},file={},line={},col={},endLine={},endColumn={}::{}\n",
            github_property(&format!("mdapi {} {}", l.code, l.name)),
            github_property(&l.path),
            l.line,
            l.column,
            l.end_line,
            l.end_column,
            github_data(&format!("{}:{}:{}: {} {}", l.path, l.line, l.column, l.code, l.message)),
        ));
    }
    // GitHub shows at most 10 errors and 10 warnings per step; say so rather than drop silently.
    if items.len() > 10 {
        out.push_str(&format!(
            "::notice title=mdapi::{} findings; GitHub annotates only the first few of each kind (upload the SARIF output for all)\n",
            items.len()
        ));
    }
    out
}

/// SARIF 2.1.0 with the rule catalogue embedded.
pub fn sarif(items: &[Located<'_>], version: &str) -> String {
    let rules: Vec<_> = crate::lint::registry::all()
        .iter()
        .map(|r| {
            json!({
                "id": r.code.code,
                "name": r.code.name,
                "shortDescription": { "text": r.code.summary },
                "fullDescription": { "text": r.docs.what },
                "help": { "text": r.docs.fix, "markdown": crate::lint::registry::render(r) },
                "defaultConfiguration": { "level": level(r.code.severity) },
            })
        })
        .collect();
    let results: Vec<_> = items
        .iter()
        .map(|l| {
            json!({
                "ruleId": l.code,
                "level": level(l.severity),
                "message": { "text": l.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": l.path },
                        "region": {
                            "startLine": l.line,
                            "startColumn": l.column,
                            "endLine": l.end_line,
                            "endColumn": l.end_column,
                        }
                    }
                }],
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "mdapi",
                "version": version,
                "informationUri": "https://github.com/mdapi/mdapi",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// JUnit XML: a test suite per file, a failing test case per finding.
pub fn junit(items: &[Located<'_>]) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Located<'_>>> = BTreeMap::new();
    for l in items {
        by_file.entry(&l.path).or_default().push(l);
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<testsuites name=\"mdapi\" tests=\"{0}\" failures=\"{0}\">\n", items.len()));
    for (file, ls) in by_file {
        out.push_str(&format!("  <testsuite name=\"{}\" tests=\"{1}\" failures=\"{1}\">\n", xml(file), ls.len()));
        for l in ls {
            out.push_str(&format!(
                "    <testcase name=\"{} {}:{}:{}\" classname=\"{}\">\n      <failure message=\"{}\" type=\"{}\">{}:{}:{}: {} {}</failure>\n    </testcase>\n",
                l.code,
                xml(file),
                l.line,
                l.column,
                xml(file),
                xml(&l.message),
                l.severity.as_str(),
                xml(file),
                l.line,
                l.column,
                l.code,
                xml(&l.message)
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Counts per rule, most frequent first: `count  CODE  name`.
pub fn statistics(items: &[Located<'_>]) -> String {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for l in items {
        *counts.entry((l.code, l.name)).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rows.iter().map(|((code, name), n)| format!("{n:>6}  {code}  {name}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping_follows_the_workflow_command_rules() {
        assert_eq!(github_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(github_property("api/a,b:c.md"), "api/a%2Cb%3Ac.md");
        assert_eq!(github_property("100%"), "100%25");
    }
}
