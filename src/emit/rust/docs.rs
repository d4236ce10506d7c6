//! Doc comments from doc text: every line becomes a `#[doc = "…"]` string literal, so no text
//! can end a comment or inject code, and the few Markdown constructs that would change meaning
//! in rustdoc (code fences run as doctests, tabs, control characters) are neutralised.

use std::borrow::Cow;

use super::names::str_lit;

/// Doc-attribute literals for `paragraphs`: each non-empty source line becomes its own
/// paragraph (a blank doc line between them), so list markers can never start a lazy
/// continuation and line structure stays visible.
pub fn doc_lines(paragraphs: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for para in paragraphs {
        for line in para.split(['\n', '\r']) {
            let clean = clean_line(line);
            if clean.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(EMPTY_LIT.to_string());
            }
            out.push(doc_lit(&clean));
        }
    }
    out
}

/// The literal of a blank doc line.
const EMPTY_LIT: &str = "\"\"";

/// The literal of one doc line: `" "` then the line, as [`str_lit`] writes it. (A leading space
/// is printable ASCII, so the literal of `" " + line` is the line's literal with the space
/// put after the opening quote; escaping is per character.)
fn doc_lit(line: &str) -> String {
    let mut lit = str_lit(line);
    lit.insert(1, ' ');
    lit
}

/// One line made safe for rustdoc without changing its words. Most lines need no change, so
/// they are borrowed.
fn clean_line(line: &str) -> Cow<'_, str> {
    // Control characters (tabs, NUL, bidi controls are not control chars but harmless) become
    // spaces: clippy rejects tabs in docs and a bare CR is invalid in a doc comment.
    let spaced: Cow<'_, str> = if line.chars().any(char::is_control) {
        Cow::Owned(line.chars().map(|c| if c.is_control() { ' ' } else { c }).collect())
    } else {
        Cow::Borrowed(line)
    };
    let trimmed = spaced.trim();
    // A line opening a fence would turn the rest of the doc into a doctest; indentation is
    // already trimmed, so four-space code blocks cannot occur.
    if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
        return Cow::Owned(format!("\\{trimmed}"));
    }
    if !trimmed.contains("http") {
        return match spaced {
            Cow::Borrowed(b) => Cow::Borrowed(b.trim()),
            Cow::Owned(o) => Cow::Owned(o.trim().to_string()),
        };
    }
    Cow::Owned(wrap_urls(trimmed))
}

/// Wraps bare `http(s)://` URLs in `<…>` so rustdoc links them instead of warning.
fn wrap_urls(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut rest = s;
    while let Some(i) = rest.find("http://").into_iter().chain(rest.find("https://")).min() {
        let (before, from) = rest.split_at(i);
        out.push_str(before);
        let end =
            from.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ')' | ']')).unwrap_or(from.len());
        let url = from[..end].trim_end_matches(['.', ',', ';', ':']);
        let already = before.ends_with('<') || before.ends_with('(');
        if already {
            out.push_str(url);
        } else {
            out.push('<');
            out.push_str(url);
            out.push('>');
        }
        rest = &from[url.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_paragraphs_and_stay_intact() {
        let d = doc_lines(&["a */ b\n- c\t\"d\"\\ #[x] } r#y", "```rust"]);
        assert_eq!(d, vec![r#"" a */ b""#, r#""""#, r#"" - c \"d\"\\ #[x] } r#y""#, r#""""#, r#"" \\```rust""#]);
    }

    /// The line-by-line definition the literals must match: clean, prefix a space, quote.
    fn reference(paragraphs: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        for para in paragraphs {
            for line in para.split(['\n', '\r']) {
                let spaced: String = line.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
                let trimmed = spaced.trim();
                let clean = if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                    format!("\\{trimmed}")
                } else {
                    wrap_urls(trimmed)
                };
                if clean.is_empty() {
                    continue;
                }
                if !out.is_empty() {
                    out.push(str_lit(""));
                }
                out.push(str_lit(&format!(" {clean}")));
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn literals_match_the_reference(
            a in "[ a-z\t\n\r`~\"\\\u{0}\u{1b}\u{85}\u{a0}\u{301}\u{200b}\u{2028}é<>()/:.htps]{0,40}",
            b in "(https?://[a-z./]{0,10})?[ \u{301}a\u{7f}]{0,6}",
        ) {
            proptest::prop_assert_eq!(doc_lines(&[&a, &b]), reference(&[&a, &b]));
        }
    }

    #[test]
    fn a_leading_combining_mark_is_escaped_as_in_the_reference() {
        let lines = ["\u{301}a", "\u{200b}", "\u{85}x\u{a0}"];
        assert_eq!(doc_lines(&lines), reference(&lines));
    }

    #[test]
    fn urls_are_wrapped_once() {
        assert_eq!(wrap_urls("see https://x.y/z. and <http://a>"), "see <https://x.y/z>. and <http://a>");
    }
}
