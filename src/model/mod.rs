//! Model stage: every page's facts → one merged, resolved [`ApiModel`].

mod build;
mod paths;
mod resolve;
pub mod types;

pub use types::*;
