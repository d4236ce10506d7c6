//! Documentation for the codes the pipeline stages emit (`crate::diagnostic::codes`): they are
//! rules of the lint catalogue, so they get the same four-part docs as the `MD5xx` rules.

use super::registry::Docs;

macro_rules! docs_table {
    ($($code:literal => [$what:literal, $why:literal, $example:literal, $fix:literal];)*) => {
        /// The docs of pipeline code `code`; a code missing here fails the registry test.
        pub(crate) fn docs(code: &str) -> Docs {
            match code {
                $($code => Docs { what: $what, why: $why, example: $example, fix: $fix },)*
                _ => Docs { what: "", why: "", example: "", fix: "" },
            }
        }
    };
}

docs_table! {
    "MD001" => ["Reports a file or directory entry that could not be read (permissions, a symbolic link loop).",
        "An unreadable page silently drops its operations and types from every output.",
        "docs/api/ -> symbolic link to docs/ (a loop)",
        "Fix the permissions or remove the looping link."];
    "MD002" => ["Reports a file larger than the configured size limit; it is skipped.",
        "Huge files are almost always generated or accidental and would slow every run.",
        "api/huge.md (20 MB)",
        "Split the page or remove the stray file."];
    "MD003" => ["Reports a `.md` file holding binary data (a NUL byte); it is skipped.",
        "A binary file with a Markdown name is an accident (an image, an archive) and cannot be read.",
        "api/picture.md containing PNG bytes",
        "Rename or remove the file."];
    "MD004" => ["Reports a file that is not valid UTF-8; invalid bytes are replaced with U+FFFD.",
        "Replacement characters end up in generated descriptions and names.",
        "A page saved as Windows-1252 with `café` in it.",
        "Re-save the page as UTF-8."];
    "MD101" => ["Reports a page without YAML front matter.",
        "Publishing tools take the title and description from front matter; without it the page has neither.",
        "# Add attachment\n\nUse this API to add an attachment.",
        "---\ntitle: \"Add attachment\"\ndescription: \"Use this API to add an attachment.\"\n---"];
    "MD102" => ["Reports front matter that does not parse as YAML or is not a mapping.",
        "Every field of broken front matter is lost to publishing tools and to mdapi.",
        "---\ntitle: \"Get user\ndescription: x\n---",
        "Close the quote: `title: \"Get user\"`."];
    "MD103" => ["Reports front matter that opens with `---` but never closes.",
        "The whole page is read as YAML and nothing of it is documented.",
        "---\ntitle: Get user\n\n# Get user",
        "Add the closing `---` line after the last field."];
    "MD110" => ["Reports an annotation comment that is not strict JSON but could be read after a repair (trailing comma, unquoted key, smart quotes).",
        "Other tools of the convention read annotations with strict JSON parsers and drop the block.",
        "<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"get_user\",\n} -->",
        "<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"get_user\"\n} -->"];
    "MD111" => ["Reports an annotation comment that could not be read as JSON at all.",
        "The block it annotates is read without its annotation: no name, no type, no pairing.",
        "<!-- { \"blockType\": \"request\" \"name\" } -->",
        "<!-- { \"blockType\": \"request\", \"name\": \"get_user\" } -->"];
    "MD112" => ["Reports an HTML comment that is never closed.",
        "Everything after `<!--` is hidden from readers and from mdapi.",
        "<!-- {\n  \"blockType\": \"request\"\n}\n```http\nGET /me\n```",
        "Close the comment with `-->`."];
    "MD113" => ["Reports a code fence that is never closed.",
        "The fence swallows the rest of the page, headings and tables included.",
        "```http\nGET /me\n\n## Response",
        "Close the fence with a line of three backticks."];
    "MD114" => ["Reports a heading with no space after its `#` marks.",
        "CommonMark reads `##Response` as a paragraph, so the section is lost.",
        "##Response",
        "## Response"];
    "MD115" => ["Reports Markdown nested deeper than the configured limit; deeper content is ignored.",
        "Pathological nesting is an accident and would make reading slow.",
        "> > > > … (hundreds of nested quotes)",
        "Flatten the nesting."];
    "MD201" => ["Reports an API page without an `HTTP request` section.",
        "The page's operations cannot be found, so they are missing from the model and from OpenAPI.",
        "# Get user\n\n## Permissions\n…\n## Request headers",
        "## HTTP request\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nGET /users/{id}\n```"];
    "MD202" => ["Reports an API page that declares no operation.",
        "An API page without an operation documents nothing a client can call.",
        "## HTTP request\n\nSee the overview.",
        "Add a fenced `http` block with `METHOD /path` lines."];
    "MD203" => ["Reports a line in an HTTP-request fence that is neither a request line, a header, nor `or`.",
        "Such lines are usually half-written requests whose operation is lost.",
        "```http\nGET /users/{id}\nthe user's id\n```",
        "Move prose out of the fence; keep one `METHOD /path` per line."];
    "MD204" => ["Reports a declared path that needed a repair: `<id>` or `(id)` placeholders, missing leading or extra trailing slash, a host or version prefix, unbalanced braces or parentheses.",
        "Tools that read the declaration literally (ApiDoctor, generators) get a wrong path.",
        "```http\nPOST /groups/<id>/threads/\n```",
        "```http\nPOST /groups/{id}/threads\n```"];
    "MD205" => ["Reports a literal ID (GUID, e-mail, key) or host name in a declared path.",
        "The declaration describes every call; a literal value turns a parameter into a constant.",
        "```http\nGET /users/48d31887-5fad-4d73-a9f5-3c356e68a038\n```",
        "```http\nGET /users/{id}\n```"];
    "MD210" => ["Reports an example body that is not strict JSON but could be read after a repair.",
        "Readers copy examples; invalid JSON fails in their clients.",
        "```http\nHTTP/1.1 200 OK\n\n{ \"name\": \"x\", }\n```",
        "```http\nHTTP/1.1 200 OK\n\n{ \"name\": \"x\" }\n```"];
    "MD211" => ["Reports an example body that looks like JSON (starts with `{` or `[`) but could not be read at all. `mdapi lint` skips bodies whose `Content-Type` is not JSON (as it does for MD210).",
        "The example cannot be checked against the model and will not work when copied.",
        "```http\nPOST /me/events\nContent-Type: application/json\n\n{ \"subject\" \"x\" }\n```",
        "Fix the JSON: `{ \"subject\": \"x\" }`."];
    "MD212" => ["Reports a response status line that is not `HTTP/1.1 NNN Reason`.",
        "Readers and tools that parse HTTP expect the protocol version in the status line.",
        "```http\nHTTP 201 Created\n```",
        "```http\nHTTP/1.1 201 Created\n```"];
    "MD213" => ["Reports a response example that pairs with no request example.",
        "A response without its request documents nothing a reader can reproduce.",
        "<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204 No Content\n```",
        "Add the request example before it, with the same `name`."];
    "MD214" => ["Reports a request example without a response example.",
        "Readers cannot tell what the call returns.",
        "<!-- { \"blockType\": \"request\", \"name\": \"get_me\" } -->\n```http\nGET /me\n```",
        "Add a response example after the request."];
    "MD215" => ["Reports a block annotated as an example that has no request or status line.",
        "The annotation promises an example the block does not hold, so it is skipped.",
        "<!-- { \"blockType\": \"request\" } -->\n```json\n{ \"a\": 1 }\n```",
        "Start the block with `METHOD /path` (or `HTTP/1.1 NNN`), or change the annotation."];
    "MD216" => ["Reports an annotation key that holds a value of the wrong type, such as `\"truncated\": \"true\"`.",
        "Strict readers treat the string `\"true\"` as a type error or as false.",
        "<!-- { \"blockType\": \"response\", \"truncated\": \"true\" } -->",
        "<!-- { \"blockType\": \"response\", \"truncated\": true } -->"];
    "MD220" => ["Reports a table whose kind (properties, permissions, parameters, …) could not be told from its heading and columns. Off by default in `mdapi lint` (select it with `--extend-select MD220`): it describes what mdapi could not read more than a defect, and is never reported on conceptual pages, where tables are prose.",
        "Its rows do not reach the model.",
        "## Notes\n\n| A | B |\n|---|---|\n| x | y |",
        "Put the table under a heading the convention uses (`Properties`, `Request body`, …)."];
    "MD221" => ["Reports a table row with fewer or more cells than its header.",
        "GFM pads or cuts the row, so a description lands in the wrong column or is lost; an unescaped `|` is the usual cause.",
        "| Property | Type | Description |\n|---|---|---|\n| state | String | `a|b` |",
        "Escape pipes inside cells as `\\|`."];
    "MD222" => ["Reports a type cell that needed interpretation (spelling, bold, trailing text).",
        "Tools that read the cell literally see an unknown type.",
        "| id | **string** (identifier) | … |",
        "| id | String | … |"];
    "MD223" => ["Reports a type cell that names no type that could be read.",
        "The property's type is unknown in OpenAPI and Rust output.",
        "| size | see below | … |",
        "| size | Int64 | … |"];
    "MD224" => ["Reports a Response section that states no status code.",
        "Readers and generators cannot tell which status a successful call returns.",
        "## Response\n\nIf successful, this method returns the user.",
        "## Response\n\nIf successful, this method returns a `200 OK` response code and a user object."];
    "MD225" => ["Reports a resource page whose type name could not be determined.",
        "The page's properties do not reach the model.",
        "# Attachment stuff\n\n## Properties",
        "Title the page `# attachment resource type` or add a resource annotation with `@odata.type`."];
    "MD226" => ["Reports a permission cell that holds a placeholder (`TODO`) instead of scopes.",
        "Readers cannot call the API without knowing which scope to request.",
        "|Delegated (work or school account)|**TODO: Determine scopes**|",
        "|Delegated (work or school account)|Mail.ReadWrite|"];
    "MD227" => ["Reports an API page that states no permissions.",
        "Readers cannot tell which scope to request.",
        "# Get user\n\n## HTTP request",
        "## Permissions\n\n|Permission type|Permissions|\n|:---|:---|\n|Application|User.Read.All|"];
    "MD301" => ["Reports a property type that names no resource, enum or primitive of the doc set.",
        "Generated types fall back to untyped JSON.",
        "| owner | [identitySet](identityset.md) | … |  (no page defines identitySet)",
        "Add the missing resource page or fix the type name."];
    "MD302" => ["Reports two pages that define the same resource property differently.",
        "Generators must pick one definition; readers see contradicting docs.",
        "resources/a.md: | size | Int32 |   resources/b.md (same type): | size | String |",
        "Make the definitions agree."];
    "MD303" => ["Reports a resource whose base type is defined nowhere in the doc set.",
        "Inherited properties are missing from the model and from generated types.",
        "<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.x\", \"baseType\": \"microsoft.graph.missing\" } -->",
        "Document the base type or correct `baseType`."];
    "MD304" => ["Reports pages declaring one operation whose Response sections each state one success status, and not the same one.",
        "The merged operation has contradicting responses.",
        "api/a.md: `POST /x` returns `201 Created`; api/b.md: `POST /x` returns `200 OK`",
        "Make the pages agree."];
}
