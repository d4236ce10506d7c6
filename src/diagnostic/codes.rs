//! The one table of diagnostic codes the pipeline stages emit. Codes are never reused.
//!
//! Prefixes: `MD0xx` source (files), `MD1xx` syntax (Markdown, front matter, annotations),
//! `MD2xx` extract (one page's API facts), `MD3xx` model (across pages), `MD40x` the OpenAPI
//! emitter, `MD45x` the Rust emitter (what an output cannot express, and the fallback taken).

use super::Severity;

/// A diagnostic kind: stable code, kebab-case name and default severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// Stable code (`MD101`).
    pub code: &'static str,
    /// Kebab-case name (`front-matter-invalid`).
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One-line summary of what it reports.
    pub summary: &'static str,
}

macro_rules! codes {
    ($($id:ident = $code:literal, $name:literal, $sev:ident, $summary:literal;)*) => {
        $(
            #[doc = $summary]
            pub const $id: Code = Code { code: $code, name: $name, severity: Severity::$sev, summary: $summary };
        )*
        /// Every code, in code order.
        pub const ALL: &[Code] = &[$($id),*];
    };
}

codes! {
    UNREADABLE_FILE = "MD001", "unreadable-file", Error, "A file or directory entry could not be read (permissions, symlink loop).";
    FILE_TOO_LARGE = "MD002", "file-too-large", Error, "A file exceeds the configured size limit and was skipped.";
    BINARY_FILE = "MD003", "binary-file", Error, "A file holds binary data (NUL bytes) and was skipped.";
    INVALID_UTF8 = "MD004", "invalid-utf8", Error, "A file is not valid UTF-8; invalid bytes were replaced.";

    FRONT_MATTER_MISSING = "MD101", "front-matter-missing", Info, "The page has no YAML front matter.";
    FRONT_MATTER_INVALID = "MD102", "front-matter-invalid", Warning, "The YAML front matter does not parse or is not a mapping.";
    FRONT_MATTER_UNCLOSED = "MD103", "front-matter-unclosed", Error, "The front matter opens with `---` but never closes.";
    ANNOTATION_JSON_REPAIRED = "MD110", "annotation-json-repaired", Warning, "An annotation comment is not strict JSON; it was read after a repair.";
    ANNOTATION_JSON_INVALID = "MD111", "annotation-json-invalid", Error, "An annotation comment could not be read as JSON at all.";
    COMMENT_UNCLOSED = "MD112", "comment-unclosed", Error, "An HTML comment is never closed and hides the rest of the page.";
    FENCE_UNCLOSED = "MD113", "fence-unclosed", Error, "A code fence is never closed and swallows the rest of the page.";
    HEADING_WITHOUT_SPACE = "MD114", "heading-without-space", Warning, "A heading has no space after its `#` marks.";
    NESTING_TOO_DEEP = "MD115", "nesting-too-deep", Warning, "Markdown nesting exceeds the configured depth; deeper content was ignored.";

    HTTP_SECTION_MISSING = "MD201", "http-request-section-missing", Warning, "An API page has no `HTTP request` section.";
    NO_OPERATIONS = "MD202", "no-operations-declared", Error, "An API page declares no operation.";
    REQUEST_LINE_UNPARSED = "MD203", "request-line-unparsed", Warning, "A line in an HTTP-request fence is neither a request, a header, nor `or`.";
    PATH_IRREGULAR = "MD204", "path-irregular", Warning, "A declared path needed a repair (placeholder syntax, slashes, host, version).";
    PATH_LITERAL_ID = "MD205", "path-literal-id", Warning, "A declared path holds a literal ID or host where a placeholder belongs.";
    EXAMPLE_JSON_REPAIRED = "MD210", "example-json-repaired", Warning, "An example body is not strict JSON; it was read after a repair.";
    EXAMPLE_JSON_INVALID = "MD211", "example-json-invalid", Warning, "An example body declared as JSON could not be read.";
    STATUS_LINE_MALFORMED = "MD212", "status-line-malformed", Warning, "A response status line is not `HTTP/1.1 NNN Reason`.";
    RESPONSE_UNPAIRED = "MD213", "response-unpaired", Warning, "A response example pairs with no request example.";
    REQUEST_UNPAIRED = "MD214", "request-unpaired", Info, "A request example has no response example.";
    EXAMPLE_UNRECOGNISED = "MD215", "example-unrecognised", Warning, "A block annotated as an example has no request or status line.";
    ANNOTATION_KEY_TYPE = "MD216", "annotation-value-type", Warning, "An annotation key holds a value of the wrong type (`\"true\"` for `true`).";
    TABLE_UNCLASSIFIED = "MD220", "table-unclassified", Info, "A table's kind could not be told from its heading and columns.";
    TABLE_ROW_CELLS = "MD221", "table-row-cell-count", Warning, "A table row has fewer or more cells than its header.";
    TYPE_CELL_IRREGULAR = "MD222", "type-cell-irregular", Info, "A type cell needed interpretation (spelling, bold, trailing text).";
    TYPE_UNKNOWN = "MD223", "type-unknown", Warning, "A type cell names no type that could be read.";
    RESPONSE_STATUS_UNDOCUMENTED = "MD224", "response-status-undocumented", Info, "The Response section states no status code.";
    RESOURCE_NAME_UNKNOWN = "MD225", "resource-name-unknown", Warning, "A resource page's type name could not be determined.";
    PERMISSIONS_UNDETERMINED = "MD226", "permissions-undetermined", Warning, "A permission cell holds a placeholder (`TODO`) instead of scopes.";
    PERMISSIONS_MISSING = "MD227", "permissions-missing", Info, "An API page states no permissions.";

    TYPE_UNRESOLVED = "MD301", "type-unresolved", Warning, "A property's type names no resource, enum or primitive of the doc set.";
    RESOURCE_CONFLICT = "MD302", "resource-conflict", Warning, "Two pages define the same resource property differently.";
    BASE_TYPE_MISSING = "MD303", "base-type-missing", Warning, "A resource's base type is not defined anywhere.";
    OPERATION_MERGED_CONFLICT = "MD304", "operation-merge-conflict", Info, "Pages declaring one operation disagree on its response.";

    OPENAPI_TYPE_FALLBACK = "MD401", "openapi-type-fallback", Warning, "A type cannot be mapped to a JSON Schema; it is emitted as an untyped schema.";
    OPENAPI_PATH_COLLISION = "MD402", "openapi-path-collision", Warning, "Two paths are the same OpenAPI template; only the first is emitted.";
    OPENAPI_COMPONENT_NAME = "MD403", "openapi-component-name", Warning, "A type name is not a valid component name (it is rewritten), or two definitions need the same one (the first is kept).";
    OPENAPI_PROPERTY_REDEFINED = "MD404", "openapi-property-redefined", Info, "A property repeats an inherited one with another type; the inherited definition is kept.";
    OPENAPI_PARAMETER_UNPLACED = "MD405", "openapi-parameter-unplaced", Info, "A parameter-table row matches no placeholder of the path and is not emitted.";
    OPENAPI_SUCCESS_UNDOCUMENTED = "MD406", "openapi-success-undocumented", Info, "An operation documents no success status; a `2XX` response is emitted.";
    OPENAPI_METHOD_UNSUPPORTED = "MD407", "openapi-method-unsupported", Warning, "An HTTP method has no place in an OpenAPI 3.0 path item; the operation is not emitted.";
    OPENAPI_BASE_TYPE_DROPPED = "MD408", "openapi-base-type-dropped", Warning, "A resource's base type is not defined; its schema is emitted without inheritance.";
    RUST_NAME_COLLISION = "MD450", "rust-name-collision", Info, "Two doc names map to one Rust name; the later one got a suffix or a namespace prefix.";
    RUST_TYPE_UNKNOWN = "MD451", "rust-type-unknown", Info, "A property's type is not generated (unresolved in the docs); the field holds any JSON.";
}

/// Looks a code up by its code or its name.
pub fn find(key: &str) -> Option<Code> {
    ALL.iter().copied().find(|c| c.code.eq_ignore_ascii_case(key) || c.name == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_named() {
        for pair in ALL.windows(2) {
            assert!(pair[0].code < pair[1].code, "{} before {}", pair[0].code, pair[1].code);
        }
        let mut names: Vec<_> = ALL.iter().map(|c| c.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
        assert!(
            ALL.iter().all(|c| c.name.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-' || ch.is_ascii_digit()))
        );
        assert_eq!(find("MD101"), Some(FRONT_MATTER_MISSING));
        assert_eq!(find("front-matter-missing"), Some(FRONT_MATTER_MISSING));
    }
}
