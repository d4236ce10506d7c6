//! Generates `$OUT_DIR/api.rs` from the docs; cargo re-runs this only when a doc changes.

fn main() -> Result<(), mdapi::Error> {
    mdapi::Config::new().docs_dir("../../docs-input").http_feature("http").compile()?;
    Ok(())
}
