//! Model stage: every page's facts → one merged, resolved [`ApiModel`].

mod build;
pub(crate) mod paths;
mod resolve;
pub mod types;

pub use types::*;
