//! Emit stage: the [`crate::ApiModel`] → generated artifacts (Rust types and requests).

pub mod rust;
