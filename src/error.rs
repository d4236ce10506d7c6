//! Tool failures (I/O, configuration, rendering). Problems in the docs are never errors: they
//! are [`crate::Diagnostic`]s.

use std::path::PathBuf;

/// A failure of the tool itself.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The configuration is invalid.
    #[error("configuration: {0}")]
    Config(String),
    /// The docs have problems severe enough to stop generation (see `Config::fail_on`).
    #[error("{0}")]
    Docs(String),
    /// Output could not be rendered.
    #[error("render: {0}")]
    Render(String),
}

impl Error {
    /// An I/O error at `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }
}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
