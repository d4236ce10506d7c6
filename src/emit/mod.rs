//! Emit stage: the [`crate::ApiModel`] → output documents (OpenAPI; Rust types in their own module).

pub mod openapi;
