//! The OpenAPI document for `docs-input/`: `generated/openapi.{yaml,json}` must be what
//! `mdapi generate` writes today (regenerate with `UPDATE_GENERATED=1 cargo test --test openapi`),
//! and output must not depend on the order pages are read in.

use std::path::Path;

use mdapi::config::Config;
use mdapi::emit::openapi::{self, OpenApiOptions};

fn options(root: &Path) -> OpenApiOptions {
    let config = Config::for_docs(root).unwrap();
    OpenApiOptions::from_config(&config.openapi, "docs-input API")
}

/// `docs-input/` read, its model, and its `mdapi.toml` options.
struct DocsInput {
    ws: mdapi::Workspace,
    model: mdapi::ApiModel,
    options: OpenApiOptions,
}

impl DocsInput {
    fn load() -> DocsInput {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
        let ws = mdapi::Workspace::load(&docs, &mdapi::Limits::default()).unwrap();
        let model = ws.model().0;
        DocsInput { ws, model, options: options(&docs) }
    }

    fn document(&self) -> openapi::OpenApi<'_> {
        openapi::generate(&self.ws, &self.model, &self.options).document
    }
}

#[test]
fn generated_openapi_is_fresh() {
    let input = DocsInput::load();
    let doc = input.document();
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("generated");
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        openapi::write(&doc, &out).unwrap();
    }
    for (file, want) in
        [("openapi.yaml", openapi::to_yaml(&doc).unwrap()), ("openapi.json", openapi::to_json(&doc).unwrap())]
    {
        let have = std::fs::read_to_string(out.join(file)).unwrap_or_default();
        assert!(have == want, "generated/{file} is stale: run `cargo run --release -- generate`");
    }
}

#[test]
fn openapi_output_is_deterministic() {
    let input = DocsInput::load();
    let first = input.document();
    // A second run gives the same document, and the same findings.
    let again = openapi::generate(&input.ws, &input.model, &input.options);
    assert_eq!(openapi::generate(&input.ws, &input.model, &input.options), again);
    // Pages handed over in reverse discovery order give byte-identical output.
    let mut reversed: Vec<_> = input.ws.pages.iter().map(|p| &p.facts).collect();
    reversed.reverse();
    let (model, _) = mdapi::ApiModel::build_refs(&reversed);
    let (second, _) = openapi::build(&model, &input.options);
    assert_eq!(openapi::to_yaml(&first).unwrap(), openapi::to_yaml(&second).unwrap());
    assert_eq!(openapi::to_json(&first).unwrap(), openapi::to_json(&second).unwrap());
}

#[test]
fn every_ref_resolves_and_operation_ids_are_unique() {
    let input = DocsInput::load();
    let doc = input.document();
    let value = serde_json::to_value(&doc).unwrap();
    let report = openapi::check::check(&value);
    assert!(report.unresolved_refs.is_empty(), "unresolved: {:?}", report.unresolved_refs);
    assert!(report.duplicate_operation_ids.is_empty(), "duplicates: {:?}", report.duplicate_operation_ids);
    assert_eq!(report.operations, doc.paths.values().map(|p| p.operations().count()).sum::<usize>());
}

#[test]
fn yaml_and_json_hold_the_same_document() {
    let input = DocsInput::load();
    let doc = input.document();
    let from_yaml: serde_json::Value = serde_yaml::from_str(&openapi::to_yaml(&doc).unwrap()).unwrap();
    let from_json: serde_json::Value = serde_json::from_str(&openapi::to_json(&doc).unwrap()).unwrap();
    assert_eq!(from_yaml, from_json);
}

#[test]
fn docs_input_document_has_the_promised_shapes() {
    let input = DocsInput::load();
    let v = serde_json::to_value(input.document()).unwrap();
    let schema = |name: &str| &v["components"]["schemas"][name];
    // Inheritance: allOf on the base, discriminator with every descendant on the root.
    let message = schema("microsoft.contoso.message");
    assert_eq!(message["allOf"][0]["$ref"], "#/components/schemas/microsoft.contoso.outlookItem");
    let mapping = &schema("microsoft.contoso.entity")["discriminator"]["mapping"];
    assert_eq!(mapping["#microsoft.contoso.eventMessage"], "#/components/schemas/microsoft.contoso.eventMessage");
    assert_eq!(schema("microsoft.contoso.entity")["properties"]["@odata.type"]["type"], "string");
    // Enum tables become string enums.
    assert_eq!(schema("microsoft.contoso.importance")["type"], "string");
    assert!(schema("microsoft.contoso.importance")["enum"].as_array().is_some_and(|e| !e.is_empty()));
    // 204 has no content; every operation shares the error responses.
    let delete = &v["paths"]["/me/messages/{message-id}"]["delete"];
    assert!(delete["responses"]["204"].get("content").is_none());
    assert_eq!(delete["responses"]["4XX"]["$ref"], "#/components/responses/error");
    assert_eq!(delete["x-mdapi-source"], "api/message-delete.md:30");
    // Lists are wrapped in `value` + `@odata.nextLink`.
    let list = &v["paths"]["/me/messages"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    let wrapper = schema(list["$ref"].as_str().unwrap().rsplit('/').next().unwrap());
    assert_eq!(wrapper["properties"]["value"]["type"], "array");
    assert!(wrapper["properties"].get("@odata.nextLink").is_some());
    // Authorization is security, not a header parameter.
    let ops = v["paths"].as_object().unwrap().values().flat_map(|p| p.as_object().unwrap().values());
    for op in ops {
        for p in op["parameters"].as_array().into_iter().flatten() {
            assert_ne!(p["name"].as_str().map(str::to_ascii_lowercase).as_deref(), Some("authorization"));
        }
    }
}

#[test]
fn source_refs_can_be_turned_off() {
    let mut input = DocsInput::load();
    input.options.source_refs = false;
    let yaml = openapi::to_yaml(&input.document()).unwrap();
    assert!(!yaml.contains("x-mdapi-source"));
}
