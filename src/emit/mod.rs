//! Emit stage: the [`crate::ApiModel`] → output documents (OpenAPI; Rust types and requests).

pub mod openapi;
pub mod rust;
pub mod store;
