//! The rule catalogue: the one table that assigns lint codes, plus the pipeline's own codes
//! (`crate::diagnostic::codes`), which are rules of the catalogue too.
//!
//! Prefixes: `MD0xx` source, `MD1xx` syntax, `MD2xx` extract, `MD3xx` model (all emitted by the
//! pipeline); `MD4xx` belongs to the emitters; `MD5xx` lint rules: `MD50x` placeholder text,
//! `MD51x` annotations, `MD53x` examples, `MD54x` tables, `MD55x` links and cross-page checks,
//! `MD59x` suppression comments. Codes are never reused.

use crate::diagnostic::{Code, Sink, codes};
use crate::pipeline::Page;

use super::context::Ctx;
use super::pipeline_docs;
use super::rules;

/// A rule's documentation, rendered by `mdapi rule` and into `docs/rules.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Docs {
    /// What it checks.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A Markdown example that triggers it.
    pub example: &'static str,
    /// How to fix it (prose, optionally with a corrected example).
    pub fix: &'static str,
}

/// How a rule finds its problems.
#[derive(Clone, Copy)]
pub enum Check {
    /// Emitted by the pipeline stages themselves; the linter only filters them.
    Pipeline,
    /// Runs on one page at a time (in parallel), with the doc set's index at hand.
    Page(fn(&Ctx<'_>, &Page, &mut Sink<'_>)),
    /// Runs once over the whole doc set.
    Set(fn(&Ctx<'_>, &mut Vec<crate::Diagnostic>)),
    /// Reported by the suppression pass (`super::suppress`).
    Suppression,
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Check::Pipeline => "pipeline",
            Check::Page(_) => "page",
            Check::Set(_) => "doc-set",
            Check::Suppression => "suppression",
        })
    }
}

/// One rule of the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Code, name, default severity, summary.
    pub code: Code,
    /// Its documentation.
    pub docs: Docs,
    /// How it runs.
    pub check: Check,
    /// `--fix` can repair its findings mechanically.
    pub fixable: bool,
}

macro_rules! lint_rules {
    ($($id:ident = $code:literal, $name:literal, $sev:ident, $module:ident, $check:ident, $fix:literal, $summary:literal;)*) => {
        /// The codes of the lint rules (the pipeline's are in [`crate::diagnostic::codes`]).
        pub mod code {
            use crate::diagnostic::{Code, Severity};
            $(
                #[doc = $summary]
                pub const $id: Code = Code { code: $code, name: $name, severity: Severity::$sev, summary: $summary };
            )*
        }
        const LINT_RULES: &[Rule] = &[$(
            Rule { code: code::$id, docs: rules::$module::DOCS, check: lint_rules!(@check $check, $module), fixable: $fix }
        ),*];
    };
    (@check Page, $module:ident) => { Check::Page(rules::$module::check) };
    (@check Set, $module:ident) => { Check::Set(rules::$module::check) };
    (@check Suppression, $module:ident) => { Check::Suppression };
}

lint_rules! {
    FRONT_MATTER_PLACEHOLDER = "MD501", "front-matter-placeholder", Warning, front_matter_placeholder, Page, false, "A front-matter field holds placeholder text (`TODO`) or is empty.";
    TABLE_CELL_PLACEHOLDER = "MD502", "table-cell-placeholder", Warning, table_cell_placeholder, Page, false, "A table cell holds placeholder text (`TODO`, `TBD`).";
    PROSE_PLACEHOLDER = "MD503", "prose-placeholder", Warning, prose_placeholder, Page, false, "A heading or paragraph holds placeholder text (`TODO`, `TBD`).";
    ANNOTATION_BLOCK_TYPE_UNKNOWN = "MD510", "annotation-block-type-unknown", Warning, annotation_block_type_unknown, Page, false, "An annotation's `blockType` is not one the convention defines.";
    ANNOTATION_KEY_UNKNOWN = "MD511", "annotation-key-unknown", Warning, annotation_key_unknown, Page, false, "An annotation holds a key the convention does not define.";
    REQUEST_NAME_MISSING = "MD512", "request-name-missing", Warning, request_name_missing, Page, false, "A request annotation has no `name`.";
    EXAMPLE_NAME_DUPLICATE = "MD513", "example-name-duplicate", Warning, example_name_duplicate, Set, false, "Two request examples in the doc set share one `name`.";
    EXAMPLE_OPERATION_UNDECLARED = "MD530", "example-operation-undeclared", Warning, example_operation_undeclared, Page, false, "An example request's method and path match no operation the page declares.";
    EXAMPLE_VERSION_MISMATCH = "MD531", "example-version-mismatch", Warning, example_version_mismatch, Page, false, "An example URL's API version differs from the page's.";
    EXAMPLE_STATUS_CONTRADICTS_PROSE = "MD532", "example-status-contradicts-prose", Warning, example_status_contradicts_prose, Page, false, "An example response's success status differs from the one the Response section states.";
    EXAMPLE_TYPE_NAME_AS_VALUE = "MD533", "example-type-name-as-value", Warning, example_type_name_as_value, Page, false, "An example body uses a type name (`\"Integer\"`) as a property value.";
    EXAMPLE_PROPERTY_UNKNOWN = "MD534", "example-property-unknown", Warning, example_property_unknown, Page, false, "An example body has a property its resource does not define.";
    EXAMPLE_VALUE_TYPE_MISMATCH = "MD535", "example-value-type-mismatch", Warning, example_value_type_mismatch, Page, false, "An example value's JSON type contradicts the property's documented type.";
    CONTENT_LENGTH_MISMATCH = "MD536", "content-length-mismatch", Warning, content_length_mismatch, Page, false, "An example's `Content-Length` header does not match its body.";
    EXAMPLE_URL_ANGLE_PLACEHOLDER = "MD537", "example-url-angle-placeholder", Warning, example_url_angle_placeholder, Page, true, "An example URL writes a placeholder in angle brackets (`<id>`).";
    TABLE_TYPE_COLUMN_MISSING = "MD540", "table-type-column-missing", Warning, table_type_column_missing, Page, false, "A property or request-body table has no type column.";
    TABLE_DESCRIPTION_EMPTY = "MD541", "table-description-empty", Warning, table_description_empty, Page, false, "A property or parameter row has an empty description.";
    LINK_TARGET_MISSING = "MD550", "link-target-missing", Warning, link_target_missing, Page, false, "A relative link points to a file that is not in the doc set.";
    LINK_ANCHOR_MISSING = "MD551", "link-anchor-missing", Warning, link_anchor_missing, Page, false, "A link's `#anchor` matches no heading of its target page.";
    RESOURCE_UNDEFINED = "MD552", "resource-undefined", Warning, resource_undefined, Page, false, "The request body or response names a resource no page defines.";
    ODATA_TYPE_LEGACY = "MD553", "odata-type-legacy", Warning, odata_type_legacy, Page, false, "An `@odata.type` uses a legacy namespace such as `Microsoft.OutlookServices`.";
    SUPPRESSION_UNUSED = "MD590", "suppression-unused", Warning, suppression_unused, Suppression, false, "A suppression comment suppresses nothing.";
    SUPPRESSION_INVALID = "MD591", "suppression-invalid", Warning, suppression_invalid, Suppression, false, "A suppression comment names no code, or an unknown one.";
}

/// Every rule, pipeline codes first, in code order.
pub fn all() -> &'static [Rule] {
    static ALL: std::sync::OnceLock<Vec<Rule>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        // MD4xx are the emitters' findings (`mdapi generate`), not lint rules.
        let pipeline = codes::ALL.iter().filter(|c| !c.code.starts_with("MD4")).map(|&c| Rule {
            code: c,
            docs: pipeline_docs::docs(c.code),
            check: pipeline_check(c),
            fixable: c.code == codes::PATH_IRREGULAR.code || c.code == codes::ANNOTATION_JSON_REPAIRED.code,
        });
        let mut all: Vec<Rule> = pipeline.chain(LINT_RULES.iter().copied()).collect();
        all.sort_by_key(|r| r.code.code);
        all
    })
}

/// Pipeline codes no stage emits by itself are checked here, so the catalogue holds no dead rules.
fn pipeline_check(c: Code) -> Check {
    if c == codes::HEADING_WITHOUT_SPACE {
        Check::Page(rules::heading_without_space::check)
    } else if c == codes::REQUEST_UNPAIRED {
        Check::Page(rules::request_unpaired::check)
    } else if c == codes::OPERATION_MERGED_CONFLICT {
        Check::Set(rules::operation_merge_conflict::check)
    } else {
        Check::Pipeline
    }
}

/// Looks a rule up by code (any case) or name.
pub fn find(key: &str) -> Option<&'static Rule> {
    all().iter().find(|r| r.code.code.eq_ignore_ascii_case(key) || r.code.name == key)
}

/// The rule's documentation as Markdown (the body of `mdapi rule` and of `docs/rules.md`).
pub fn render(rule: &Rule) -> String {
    let c = rule.code;
    let fix = if rule.fixable { "\n\nFix: `mdapi lint --fix` repairs this mechanically." } else { "" };
    format!(
        "## {} `{}`\n\nDefault severity: {}. Source: {:?}.\n\n{}\n\n### What it does\n\n{}\n\n### Why is this bad?\n\n{}\n\n### Example\n\n```markdown\n{}\n```\n\n### Use instead\n\n{}{fix}\n",
        c.code,
        c.name,
        c.severity.as_str(),
        rule.check,
        c.summary,
        rule.docs.what,
        rule.docs.why,
        rule.docs.example.trim_end(),
        rule.docs.fix,
    )
}

/// The reference page of every rule, as committed in `docs/rules.md`.
pub fn reference_page() -> String {
    let mut out = String::from(
        "# mdapi lint rules\n\n<!-- Generated by `mdapi rules --output-format markdown`; do not edit. -->\n\n| code | name | severity | fix | summary |\n|---|---|---|---|---|\n",
    );
    for r in all() {
        let fix = if r.fixable { "yes" } else { "" };
        let summary = r.code.summary.replace('|', "\\|");
        out.push_str(&format!(
            "| {} | {} | {} | {fix} | {summary} |\n",
            r.code.code,
            r.code.name,
            r.code.severity.as_str()
        ));
    }
    for r in all() {
        out.push('\n');
        out.push_str(&render(r));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_docs_complete() {
        let all = all();
        for pair in all.windows(2) {
            assert!(pair[0].code.code < pair[1].code.code, "{} then {}", pair[0].code.code, pair[1].code.code);
        }
        let mut names: Vec<_> = all.iter().map(|r| r.code.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len(), "duplicate rule name");
        for r in all {
            assert!(!r.code.code.starts_with("MD4"), "MD4xx belongs to the emitters: {}", r.code.code);
            let d = r.docs;
            for (part, text) in [("what", d.what), ("why", d.why), ("example", d.example), ("fix", d.fix)] {
                assert!(text.trim().len() >= 10, "{} has no `{part}` docs", r.code.code);
            }
        }
        assert!(all.len() >= 30);
        assert_eq!(find("md530").map(|r| r.code.name), Some("example-operation-undeclared"));
        assert_eq!(find("front-matter-missing").map(|r| r.code.code), Some("MD101"));
    }
}
