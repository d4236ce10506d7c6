//! Typed requests and models for the Contoso Mail API, generated at build time from its docs.

/// The generated module: `api::models`, `api::requests`, and the `api::ApiRequest` trait.
pub mod api {
    include!(concat!(env!("OUT_DIR"), "/api.rs"));
}
