//! YAML front matter at byte 0: found and cut off by hand, because pulldown-cmark's metadata
//! option also swallows `---` … `---` blocks in mid-page (DocFX tab groups end in `---`).

use std::collections::BTreeMap;

use crate::diagnostic::{Sink, codes};
use crate::source::Span;

use super::document::FrontMatter;

/// Where the front matter is: the whole block and the YAML between the delimiters.
pub(crate) struct Located {
    /// Opening `---` to the end of the closing line.
    pub span: Span,
    /// The YAML text's range.
    pub yaml: Span,
}

/// Finds front matter opening at byte 0 (`---` with optional trailing spaces) and its closing
/// `---` or `...` line. An opening without a closing is reported and treated as no front matter.
pub(crate) fn locate(text: &str, sink: &mut Sink<'_>) -> Option<Located> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let mut pos = first_end + 1;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            let close = (end + 1).min(text.len());
            return Some(Located { span: Span::new(0, close), yaml: Span::new(first_end + 1, pos) });
        }
        pos = end + 1;
    }
    sink.report_help(
        codes::FRONT_MATTER_UNCLOSED,
        Span::new(0, first_end),
        "front matter opens with `---` but has no closing `---` line",
        "add a `---` line after the last front-matter field",
    );
    None
}

/// Reads the YAML fields. Front matter in this convention is flat `key: value` lines, so a fast
/// line reader handles it; anything it cannot read with certainty goes to the YAML parser.
pub(crate) fn read(text: &str, loc: &Located, sink: &mut Sink<'_>) -> FrontMatter {
    let yaml = &text[loc.yaml.start..loc.yaml.end];
    let fields = read_simple(yaml).unwrap_or_else(|| read_yaml(yaml, loc.yaml.start, text, sink));
    FrontMatter { span: loc.span, fields }
}

fn read_simple(yaml: &str) -> Option<BTreeMap<String, String>> {
    let mut fields = BTreeMap::new();
    for line in yaml.lines() {
        let trimmed = line.trim_end();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if line.starts_with([' ', '\t', '-']) {
            return None;
        }
        let (key, value) = trimmed.split_once(':')?;
        let key = key.trim();
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b)) {
            return None;
        }
        fields.insert(key.to_string(), simple_scalar(value.trim())?);
    }
    Some(fields)
}

/// A plain or quoted scalar with no YAML subtleties, or None to let the YAML parser decide.
fn simple_scalar(v: &str) -> Option<String> {
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') && !v[1..v.len() - 1].contains(['"', '\\']) {
        return Some(v[1..v.len() - 1].to_string());
    }
    if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') && !v[1..v.len() - 1].contains('\'') {
        return Some(v[1..v.len() - 1].to_string());
    }
    let special = v.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '%', '@', '`']);
    if special || v.contains(": ") || v.ends_with(':') || v.contains(" #") {
        return None;
    }
    Some(v.to_string())
}

fn read_yaml(yaml: &str, offset: usize, text: &str, sink: &mut Sink<'_>) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    match serde_yaml::from_str::<serde_yaml::Value>(yaml) {
        Ok(serde_yaml::Value::Mapping(map)) => {
            for (k, v) in map {
                if let Some(k) = scalar_text(&k) {
                    fields.insert(k, scalar_text(&v).unwrap_or_default());
                }
            }
        }
        Ok(serde_yaml::Value::Null) => {}
        Ok(_) => sink.report(
            codes::FRONT_MATTER_INVALID,
            Span::new(offset, offset + yaml.len()),
            "front matter is not a mapping of fields",
        ),
        Err(e) => {
            let at = e.location().map_or(offset, |l| (offset + l.index()).min(offset + yaml.len()));
            let at = crate::source::floor_char_boundary(text, at);
            let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            sink.report_help(
                codes::FRONT_MATTER_INVALID,
                Span::new(at, line_end),
                format!("front matter is not valid YAML: {}", first_line(&e.to_string())),
                "quote values that contain `: `, e.g. `title: \"a: b\"`",
            );
        }
    }
    fields
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

fn scalar_text(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Null => Some(String::new()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Option<FrontMatter>, Vec<crate::diagnostic::Diagnostic>) {
        let mut sink = Sink::new("x.md");
        let fm = locate(text, &mut sink).map(|loc| read(text, &loc, &mut sink));
        (fm, sink.diags)
    }

    #[test]
    fn reads_flat_fields() {
        let (fm, d) = run("---\ntitle: \"Get a thing\"\ndoc_type: apiPageType\nauthor: ''\n---\n# x\n");
        let fm = fm.unwrap();
        assert_eq!(fm.fields["title"], "Get a thing");
        assert_eq!(fm.fields["doc_type"], "apiPageType");
        assert_eq!(fm.fields["author"], "");
        assert!(d.is_empty());
    }

    #[test]
    fn invalid_yaml_is_reported_with_a_span_in_the_file() {
        let text = "---\ntitle: driveItem: create\n---\n";
        let (fm, d) = run(text);
        assert!(fm.unwrap().fields.is_empty());
        assert_eq!(d[0].code, "MD102");
        assert!(d[0].span.start >= 4 && d[0].span.end <= text.len());
    }

    #[test]
    fn unclosed_front_matter_is_reported() {
        let (fm, d) = run("---\ntitle: x\n# heading\n");
        assert!(fm.is_none());
        assert_eq!(d[0].code, "MD103");
    }

    #[test]
    fn nested_yaml_falls_back_to_the_parser() {
        let (fm, d) = run("---\ntitle: x\ntags:\n  - a\n---\n");
        assert_eq!(fm.unwrap().fields["title"], "x");
        assert!(d.is_empty());
    }
}
