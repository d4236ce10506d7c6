//! YAML output that YAML 1.1 readers (PyYAML, SnakeYAML: most OpenAPI tools) read as the JSON
//! does. The serialiser follows YAML 1.2 and leaves `on`, `yes`, `no`, `off`, `y`, `n` and
//! dates unquoted, which YAML 1.1 reads as booleans and timestamps: a query parameter named
//! `on` became `name: true`. This pass quotes those plain scalars, and nothing else.

/// Serialises to YAML and quotes every plain scalar a YAML 1.1 reader would not read as a string.
pub(crate) fn to_string<T: serde::Serialize>(value: &T) -> Result<String, serde_yaml::Error> {
    Ok(quote_ambiguous(&serde_yaml::to_string(value)?))
}

/// Quotes YAML-1.1-ambiguous plain keys and values in block-style YAML.
fn quote_ambiguous(yaml: &str) -> String {
    let mut out = String::with_capacity(yaml.len() + 64);
    // Indent of the line that opened a literal block (`key: |-`); deeper lines are its text.
    let mut block: Option<usize> = None;
    for line in yaml.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let indent = body.len() - body.trim_start_matches(' ').len();
        if let Some(b) = block {
            if indent > b || body.trim().is_empty() {
                out.push_str(line);
                continue;
            }
            block = None;
        }
        let fixed = fix_line(body, indent);
        if ends_block_header(&fixed) {
            block = Some(indent);
        }
        out.push_str(&fixed);
        if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// `key: |`, `- |-`, `key: >+`: the next, deeper lines are a block scalar's text. (A plain
/// scalar is never a bare `|` or `>`: the serialiser quotes indicators.)
fn ends_block_header(line: &str) -> bool {
    let t = line.trim_end();
    let token = t.rsplit(' ').next().unwrap_or("");
    token.len() < t.len()
        && (token.starts_with('|') || token.starts_with('>'))
        && token[1..].chars().all(|c| c == '-' || c == '+' || c.is_ascii_digit())
}

fn fix_line(body: &str, indent: usize) -> String {
    let mut prefix_end = indent;
    while body[prefix_end..].starts_with("- ") {
        prefix_end += 2;
    }
    let (prefix, rest) = body.split_at(prefix_end);
    if rest.starts_with(['\'', '"']) || rest.is_empty() {
        return fix_quoted_key_line(prefix, rest);
    }
    match split_key(rest) {
        Some((key, value)) => format!("{prefix}{}:{}", quote(key), fix_value(value)),
        None => format!("{prefix}{}", quote(rest)),
    }
}

/// A line whose key is quoted already: only its value may need quotes.
fn fix_quoted_key_line(prefix: &str, rest: &str) -> String {
    let Some(q) = rest.chars().next() else { return prefix.to_string() };
    let mut i = 1;
    let bytes = rest.as_bytes();
    while i < bytes.len() {
        if bytes[i] == q as u8 {
            // `''` inside single quotes and `\"` inside double quotes do not close the string.
            if q == '\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            if q == '"' && bytes[i - 1] == b'\\' {
                i += 1;
                continue;
            }
            break;
        }
        i += 1;
    }
    let (key, after) = rest.split_at((i + 1).min(rest.len()));
    match after.strip_prefix(':') {
        Some(value) => format!("{prefix}{key}:{}", fix_value(value)),
        None => format!("{prefix}{rest}"),
    }
}

/// `key: value` or `key:` with a plain key (plain keys hold no `: `, the serialiser quotes those).
fn split_key(rest: &str) -> Option<(&str, &str)> {
    if let Some(i) = rest.find(": ") {
        return Some((&rest[..i], &rest[i + 1..]));
    }
    rest.strip_suffix(':').map(|k| (k, ""))
}

/// ` value` (with its leading space) or empty.
fn fix_value(value: &str) -> String {
    match value.strip_prefix(' ') {
        Some(v) => format!(" {}", quote(v)),
        None => value.to_string(),
    }
}

/// The scalar, single-quoted when YAML 1.1 would read it as a boolean or a timestamp.
fn quote(scalar: &str) -> String {
    if is_ambiguous(scalar) { format!("'{scalar}'") } else { scalar.to_string() }
}

fn is_ambiguous(s: &str) -> bool {
    static YAML11: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(concat!(
            // booleans
            r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE",
            // null, merge and value keys
            r"|~|null|Null|NULL|<<|=",
            // integers: binary, hex, decimal with `_`, sexagesimal (`12:00:05`)
            r"|[-+]?0b[01_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])*",
            // floats, sexagesimal floats (`11:59:00.8990000`)
            r"|[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?",
            r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*",
            // timestamps
            r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?",
            r")$"
        ))
        .expect("valid regex")
    });
    // A plain scalar YAML 1.2 reads as a number, boolean or null is one (the serialiser quotes
    // strings of that shape); only what 1.1 reads differently from 1.2 needs quotes.
    static YAML12: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(concat!(
            r"^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL|~",
            r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+",
            r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?",
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ))
        .expect("valid regex")
    });
    YAML11.is_match(s) && !YAML12.is_match(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_yaml11_booleans_and_dates_only() {
        let yaml = "name: on\nin: query\nlist:\n- yes\n- maybe\nwhen: 2021-06-14T08:42:17Z\n'on': n\ntext: |-\n  on\n  no\nafter: off\n";
        let want = "name: 'on'\nin: query\nlist:\n- 'yes'\n- maybe\nwhen: '2021-06-14T08:42:17Z'\n'on': 'n'\ntext: |-\n  on\n  no\nafter: 'off'\n";
        assert_eq!(quote_ambiguous(yaml), want);
    }

    #[test]
    fn leaves_ordinary_yaml_alone() {
        let yaml = "a:\n  b: '200'\n  c: text with words\n  - x: 1\n  version: v1.0\n  d: 2021\n";
        assert_eq!(quote_ambiguous(yaml), yaml);
        assert!(is_ambiguous("2021-1-5"));
        assert!(is_ambiguous("11:59:00.8990000"));
        assert!(is_ambiguous("1_000"));
        assert!(!is_ambiguous("v1.0"));
        assert!(!is_ambiguous("."));
        assert!(!is_ambiguous("43205.502"));
        assert!(!is_ambiguous("-3"));
    }
}
