//! The committed `generated/rust/api.rs` as a module of a crate whose only dependencies are
//! serde and serde_json; CI builds it with `-D warnings` and clippy.

// Generated files keep prettyplease's layout; rustfmt must not rewrite them.
#[rustfmt::skip]
#[path = "../../../generated/rust/api.rs"]
pub mod api;

/// Generated from `tests/fixtures/rust/injection` with hostile text in every description:
/// it must compile warning-free too.
#[rustfmt::skip]
pub mod injection;
