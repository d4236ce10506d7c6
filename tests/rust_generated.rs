//! The Rust emitter: the committed `generated/rust/api.rs` and the injection fixture's output
//! (`tests/rust-check/src/injection.rs`) must be fresh, since CI compiles both with
//! `-D warnings` and clippy in `tests/rust-check`; filters, write-if-changed and build errors.
//! Regenerate with `UPDATE_GENERATED=1 cargo test --test rust_generated`.

use std::path::{Path, PathBuf};

use mdapi::emit::rust::{self, Filter, RustOptions};
use mdapi::{ApiModel, Limits, Workspace};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(dir: &Path) -> ApiModel {
    Workspace::load(dir, &Limits::default()).unwrap().model().0
}

fn render(model: &ApiModel, opts: &RustOptions) -> String {
    let (files, _) = rust::render(model, opts).unwrap();
    assert_eq!(files.len(), 1);
    files.into_iter().next().unwrap().contents.to_string()
}

/// Compares with the committed file, or rewrites it under `UPDATE_GENERATED`.
fn assert_fresh(path: &Path, want: &str, how: &str) {
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(path, want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(have == want, "{} is stale: {how}", path.display());
}

#[test]
fn generated_rust_is_fresh() {
    let want = render(&load(&root().join("docs-input")), &RustOptions::default());
    assert_fresh(
        &root().join("generated/rust/api.rs"),
        &want,
        "run `cargo run -- rust docs-input --out generated` (or UPDATE_GENERATED=1 cargo test --test rust_generated)",
    );
}

#[test]
fn output_is_deterministic() {
    let model = load(&root().join("docs-input"));
    assert_eq!(render(&model, &RustOptions::default()), render(&model, &RustOptions::default()));
}

/// Text that would break naive code generation, with raw newlines, a CR and a tab.
const HOSTILE: &str = "end */ start /* \"q\" \\ #[derive(X)] } r#\"raw\"# fn main() {}\nsecond line { ]\r\nthird\ttab ```rust naïve 日本語 self type 1st";

/// The injection fixture's model with [`HOSTILE`] appended to every description and title
/// (Markdown itself cannot carry raw newlines into them).
fn hostile_model() -> ApiModel {
    let mut model = load(&root().join("tests/fixtures/rust/injection"));
    for r in model.resources.values_mut() {
        r.description.push_str(HOSTILE);
        for p in &mut r.properties {
            p.description.push_str(HOSTILE);
        }
    }
    for e in model.enums.values_mut() {
        for m in &mut e.members {
            m.description.push_str(HOSTILE);
        }
    }
    for op in &mut model.operations {
        op.title.push_str(HOSTILE);
        op.description.push_str(HOSTILE);
        // The parameter list is shared by the page's operations: rebuild it.
        let mut parameters = op.parameters.to_vec();
        for p in &mut parameters {
            p.description.push_str(HOSTILE);
        }
        op.parameters = parameters.into();
    }
    model
}

/// Every `#[doc = "…"]` value in `code`.
fn doc_strings(code: &str) -> Vec<String> {
    let file = syn::parse_file(code).unwrap();
    let mut out = Vec::new();
    collect_docs(&file.items, &mut out);
    out
}

fn collect_docs(items: &[syn::Item], out: &mut Vec<String>) {
    use syn::Item;
    for item in items {
        match item {
            Item::Struct(s) => {
                push_docs(&s.attrs, out);
                s.fields.iter().for_each(|f| push_docs(&f.attrs, out));
            }
            Item::Enum(e) => {
                push_docs(&e.attrs, out);
                e.variants.iter().for_each(|v| push_docs(&v.attrs, out));
            }
            Item::Mod(m) => m.content.iter().for_each(|(_, inner)| collect_docs(inner, out)),
            _ => {}
        }
    }
}

fn push_docs(attrs: &[syn::Attribute], out: &mut Vec<String>) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        if let syn::Meta::NameValue(nv) = &attr.meta
            && let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &nv.value
        {
            out.push(s.value());
        }
    }
}

#[test]
fn injection_fixture_keeps_text_intact_and_is_fresh() {
    let code = render(&hostile_model(), &RustOptions::default());
    let docs = doc_strings(&code);
    // Each line of the hostile text survives, exactly (the tab became a space), as a doc line.
    for line in
        ["end */ start /* \"q\" \\ #[derive(X)] } r#\"raw\"# fn main() {}", "second line { ]", "third tab ```rust"]
    {
        let hits = docs.iter().filter(|d| d.contains(line)).count();
        assert!(hits >= 10, "`{line}` found in {hits} doc lines");
    }
    assert!(docs.iter().any(|d| d.contains("*/ fn injected() {} /* and \"quotes\" and \\backslash\\")));
    assert!(docs.iter().any(|d| d.contains("naïve Ωmega 日本語")));
    // Names were made safe and unique.
    for needle in [
        "pub r#type:",
        "pub type_2:",
        "pub self_:",
        "pub x_1st_place:",
        "pub na_u00ef_ve:",
        "pub u65e5_u672c_u8a9e:",
        "pub additional_properties_2:",
        "pub odata_type_2:",
        "pub struct Option",
        "pub struct Type ",
        "pub struct OtherType ",
        "SelfValue,",
        "X1st,",
        "Other2(",
        "U03a9Mega,",
    ] {
        assert!(code.contains(needle), "missing `{needle}`");
    }
    assert_fresh(
        &root().join("tests/rust-check/src/injection.rs"),
        &code,
        "UPDATE_GENERATED=1 cargo test --test rust_generated",
    );
}

#[test]
fn path_filter_selects_operations_and_the_schemas_they_reach() {
    let model = load(&root().join("docs-input"));
    let all = rust::stats(&model, &RustOptions::default());
    let filter = Filter { include_paths: vec!["/me/messages/**".into()], ..Filter::default() };
    let opts = RustOptions { filter, ..RustOptions::default() };
    let some = rust::stats(&model, &opts);
    let index = rust::request_index(&model, &opts);
    assert!(index.iter().all(|r| r.path.starts_with("/me/messages")), "{index:?}");
    assert!(index.iter().any(|r| r.path == "/me/messages"));
    assert!(some.requests < all.requests && some.requests > 0);
    assert!(some.structs < all.structs && some.structs > 0, "{some:?} vs {all:?}");
    let code = render(&model, &opts);
    assert!(code.contains("pub struct Message ") && !code.contains("pub struct MailboxUsageReport "));
    // Tags: the first path segment.
    let by_tag = RustOptions { filter: Filter { exclude_tags: vec!["me".into()], ..Filter::default() }, ..opts };
    assert!(rust::request_index(&model, &by_tag).iter().all(|r| !r.path.starts_with("/me/") && r.path != "/me"));
}

#[test]
fn http_code_is_behind_the_chosen_feature() {
    let model = load(&root().join("docs-input"));
    let plain = render(&model, &RustOptions::default());
    assert!(!plain.contains("::http::"));
    let opts = RustOptions { http_feature: Some("with-http".into()), ..RustOptions::default() };
    let code = render(&model, &opts);
    assert!(code.contains("#[cfg(feature = \"with-http\")]") && code.contains("::http::Request"));
}

#[test]
fn compile_writes_only_changed_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = mdapi::Config::new();
    cfg.docs_dir(root().join("docs-input")).out_dir(dir.path()).emit_rerun_if_changed(false).fail_on(None);
    cfg.compile().unwrap();
    let file = dir.path().join("api.rs");
    let before = std::fs::metadata(&file).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let written = rust::write_if_changed(dir.path(), &cfg.generate().unwrap().0).unwrap();
    assert!(written.is_empty());
    assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), before);
    std::fs::write(&file, "stale").unwrap();
    assert_eq!(rust::write_if_changed(dir.path(), &cfg.generate().unwrap().0).unwrap(), vec![file]);
}

#[test]
fn doc_errors_fail_compile_with_a_readable_message() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("api")).unwrap();
    std::fs::write(docs.join("api/broken.md"), "# Broken\n\n## HTTP request\n\n```http\nGET /x\n").unwrap();
    let err = mdapi::Config::new()
        .docs_dir(&docs)
        .out_dir(dir.path().join("out"))
        .emit_rerun_if_changed(false)
        .compile()
        .unwrap_err()
        .to_string();
    assert!(err.contains("api/broken.md:") && err.contains("MD113"), "{err}");
    assert!(!dir.path().join("out/api.rs").exists());
}

fn resource_page(name: &str, ns: &str, lead: &str, rows: &str, annotation: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: {ns}\n\n{lead}\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n{rows}\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"{ns}.{name}\"{annotation} }} -->\n```json\n{{}}\n```\n"
    )
}

#[test]
fn prose_inheritance_and_exact_namespaces_reach_the_generated_types() {
    let dir = tempfile::tempdir().unwrap();
    let res = dir.path().join("resources");
    std::fs::create_dir_all(&res).unwrap();
    let write = |f: &str, text: String| std::fs::write(res.join(f), text).unwrap();
    write("animal.md", resource_page("animal", "zoo", "An animal.", "|id|String|Id.|\n|tag|[tag](tag.md)|Tag.|", ""));
    // Inheritance stated only in prose, as on many Intune pages.
    write("dog.md", resource_page("dog", "zoo", "Inherits from [animal](animal.md).", "|barks|Boolean|Loud.|", ""));
    write("tag.md", resource_page("tag", "zoo", "A tag.", "|label|String|Label.|", ""));
    // Same simple name in a nested namespace: `zoo` pages must keep meaning `zoo.tag`.
    write("sub-tag.md", resource_page("tag", "zoo.sub", "Another tag.", "|code|Int32|Code.|", ""));
    write(
        "cat.md",
        resource_page("cat", "zoo", "A **cat** is derived from [animal](animal.md).", "|purrs|Boolean|Soft.|", ""),
    );
    // Two pages declare one path with different derived types: the merged body is their base.
    std::fs::create_dir_all(dir.path().join("api")).unwrap();
    for kind in ["dog", "cat"] {
        let page = format!(
            "# List {kind}s\n\nNamespace: zoo\n\n## HTTP request\n\n```http\nGET /animals\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of [{kind}](../resources/{kind}.md) objects in the response body.\n"
        );
        std::fs::write(dir.path().join(format!("api/{kind}-list.md")), page).unwrap();
    }
    let model = load(dir.path());
    let body = model.operations[0].responses[&200].body.clone().unwrap();
    assert_eq!(body.target, mdapi::model::TypeTarget::Resource("zoo.animal".into()));
    assert_eq!(model.resources["zoo.dog"].base_type.as_deref(), Some("zoo.animal"));
    assert_eq!(model.resources["zoo.animal"].derived, vec!["zoo.cat".to_string(), "zoo.dog".to_string()]);
    let tag = model.resources["zoo.animal"].properties.iter().find(|p| p.name == "tag").unwrap();
    assert_eq!(tag.ty.target, mdapi::model::TypeTarget::Resource("zoo.tag".into()));
    let code = render(&model, &RustOptions::default());
    assert!(code.contains("pub enum AnyAnimal") && code.contains("Dog(::std::boxed::Box<Dog>)"), "{code}");
    assert!(code.contains("pub struct SubTag "), "the nested namespace's `tag` is prefixed");
}
