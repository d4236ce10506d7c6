//! `mdapi.toml` in the docs root: settings the docs cannot state themselves (the API's title,
//! version and licence, the OAuth endpoints). Every key is optional.
//!
//! ```toml
//! [openapi]
//! title = "Contoso Mail API"
//! version = "v1.0"
//! description = "Mail, folders and attachments."
//! servers = ["https://mail.contoso.com/v1.0"]
//! terms_of_service = "https://contoso.com/terms"
//! license = { name = "MIT", url = "https://opensource.org/licenses/MIT" }
//! authorization_url = "https://login.contoso.com/oauth2/authorize"
//! token_url = "https://login.contoso.com/oauth2/token"
//!
//! [limits]
//! max_file_bytes = 16777216   # larger doc files are skipped (MD002)
//! max_nesting = 256           # deeper lists, quotes and JSON are cut off (MD115, MD111)
//! ```
//!
//! The `[lint]` table of the same file is read by [`crate::lint::config`].

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::source::Limits;

/// The file name looked for in the docs root.
pub const FILE_NAME: &str = "mdapi.toml";

/// The whole file.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `[openapi]`.
    #[serde(default)]
    pub openapi: OpenApiConfig,
    /// `[limits]`.
    #[serde(default)]
    pub limits: LimitsConfig,
    /// `[lint]`: read by [`crate::lint::config`], only skipped here.
    #[serde(default)]
    pub lint: Option<serde::de::IgnoredAny>,
}

/// `[limits]`: bounds that keep hostile docs from exhausting time or memory, over the defaults of
/// [`Limits`]. The CLI's `--max-file-size` and `--max-nesting` override them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// Doc files larger than this many bytes are skipped with `MD002` (default 16 MiB).
    pub max_file_bytes: Option<u64>,
    /// Lists, block quotes and JSON nested deeper than this are cut off with `MD115` / `MD111`
    /// (default 256).
    pub max_nesting: Option<usize>,
}

/// The largest `max_file_bytes` accepted: 1 GiB (a file is read whole into memory).
pub const MAX_FILE_BYTES_LIMIT: u64 = 1 << 30;

/// The deepest `max_nesting` accepted. Reading never recurses, but dropping, comparing and
/// printing a JSON value does, on threads with 2 MiB stacks: a debug build overflows near 1,000
/// levels (`tests/limits.rs` runs every command at this depth).
pub const MAX_NESTING_LIMIT: usize = 512;

/// `max_file_bytes` when it is from 1 byte to 1 GiB; else why not.
pub fn check_max_file_bytes(bytes: u64) -> std::result::Result<u64, String> {
    if (1..=MAX_FILE_BYTES_LIMIT).contains(&bytes) {
        Ok(bytes)
    } else {
        Err(format!("max_file_bytes must be from 1 to {MAX_FILE_BYTES_LIMIT} (1 GiB), not {bytes}"))
    }
}

/// `max_nesting` when it is from 1 to [`MAX_NESTING_LIMIT`]; else why not.
pub fn check_max_nesting(depth: usize) -> std::result::Result<usize, String> {
    if (1..=MAX_NESTING_LIMIT).contains(&depth) {
        Ok(depth)
    } else {
        Err(format!("max_nesting must be from 1 to {MAX_NESTING_LIMIT}, not {depth}"))
    }
}

impl LimitsConfig {
    /// Checks both values (see [`check_max_file_bytes`], [`check_max_nesting`]).
    pub fn validate(&self) -> std::result::Result<(), String> {
        let in_table = |e: String| format!("[limits] {e}");
        self.max_file_bytes.map(check_max_file_bytes).transpose().map_err(in_table)?;
        self.max_nesting.map(check_max_nesting).transpose().map_err(in_table)?;
        Ok(())
    }

    /// `base` with the values this table sets.
    pub fn apply(&self, base: Limits) -> Limits {
        Limits {
            max_file_bytes: self.max_file_bytes.unwrap_or(base.max_file_bytes),
            max_nesting: self.max_nesting.unwrap_or(base.max_nesting),
        }
    }

    /// Reads only the `[limits]` table of `path` (other tables are left to their modules); a
    /// missing file sets nothing, a malformed table or an out-of-range value is an error.
    pub fn load(path: &Path) -> Result<LimitsConfig> {
        #[derive(Deserialize)]
        struct File {
            #[serde(default)]
            limits: LimitsConfig,
        }
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(LimitsConfig::default()),
            Err(e) => return Err(Error::io(path, e)),
        };
        let file: File = toml::from_str(&text)
            .map_err(|e| Error::Config(format!("{}: {}", path.display(), e.to_string().trim_end())))?;
        file.limits.validate().map_err(|e| Error::Config(format!("{}: {e}", path.display())))?;
        Ok(file.limits)
    }
}

/// `[openapi]`: what the generated document's `info`, `servers` and security schemes say.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenApiConfig {
    /// `info.title`; default: "<docs folder name> API".
    pub title: Option<String>,
    /// `info.version`; default: the version segment of the example URLs.
    pub version: Option<String>,
    /// `info.description`.
    pub description: Option<String>,
    /// Server URLs; default: scheme, host and version segment of the example URLs.
    pub servers: Option<Vec<String>>,
    /// `info.termsOfService`.
    pub terms_of_service: Option<String>,
    /// `info.license`.
    pub license: Option<LicenseConfig>,
    /// OAuth2 authorization URL of the delegated flow.
    pub authorization_url: Option<String>,
    /// OAuth2 token URL.
    pub token_url: Option<String>,
}

/// `license = { name, url }`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicenseConfig {
    /// Licence name.
    pub name: String,
    /// Licence URL.
    pub url: Option<String>,
}

impl Config {
    /// Reads `path`; a missing file is the default configuration, a malformed one an error.
    pub fn load(path: &Path) -> Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text).map_err(|e| Error::Config(format!("{}: {e}", path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Reads `mdapi.toml` from a docs root (or from the folder of a single docs file).
    pub fn for_docs(root: &Path) -> Result<Config> {
        Config::load(&Config::path_for_docs(root))
    }

    /// Where [`Config::for_docs`] looks.
    pub fn path_for_docs(root: &Path) -> PathBuf {
        let dir = if root.is_file() { root.parent().unwrap_or(root) } else { root };
        dir.join(FILE_NAME)
    }

    /// Parses the file's text.
    pub fn parse(text: &str) -> std::result::Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
        config.limits.validate()?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key_and_rejects_unknown_ones() {
        let c = Config::parse(
            "[openapi]\ntitle = \"T\"\nversion = \"v2\"\nservers = [\"https://a/v2\"]\nlicense = { name = \"MIT\" }\n",
        )
        .unwrap();
        assert_eq!(c.openapi.title.as_deref(), Some("T"));
        assert_eq!(c.openapi.servers, Some(vec!["https://a/v2".to_string()]));
        assert_eq!(c.openapi.license.unwrap().name, "MIT");
        assert!(Config::parse("[openapi]\ntitel = \"T\"\n").unwrap_err().contains("titel"));
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }

    #[test]
    fn limits_are_read_validated_and_applied() {
        let c = Config::parse("[limits]\nmax_file_bytes = 1000\nmax_nesting = 8\n").unwrap();
        let limits = c.limits.apply(Limits::default());
        assert_eq!(limits, Limits { max_file_bytes: 1000, max_nesting: 8 });
        let only_one = Config::parse("[limits]\nmax_nesting = 8\n").unwrap().limits.apply(Limits::default());
        assert_eq!(only_one.max_file_bytes, Limits::default().max_file_bytes);
        for (text, says) in [
            ("max_file_bytes = 0", "max_file_bytes must be from 1 to 1073741824 (1 GiB), not 0"),
            ("max_file_bytes = 1073741825", "not 1073741825"),
            ("max_nesting = 0", "max_nesting must be from 1 to 512, not 0"),
            ("max_nesting = 100000", "not 100000"),
            ("max_nesting = -1", "max_nesting"),
            ("max_file_bytes = \"16M\"", "max_file_bytes"),
            ("max_depth = 3", "max_depth"),
        ] {
            let err = Config::parse(&format!("[limits]\n{text}\n")).unwrap_err();
            assert!(err.contains(says), "{text}: {err}");
        }
    }

    /// `mdapi.toml` holds the `[lint]` table too, which `generate` must not refuse.
    #[test]
    fn the_lint_table_is_left_to_the_linter() {
        let c =
            Config::parse("[openapi]\ntitle = \"T\"\n[lint]\nignore = [\"MD536\"]\n[lint.severity]\nx = \"error\"\n");
        assert_eq!(c.unwrap().openapi.title.as_deref(), Some("T"));
    }

    #[test]
    fn limits_alone_ignore_the_other_tables() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        assert_eq!(LimitsConfig::load(&path).unwrap(), LimitsConfig::default());
        std::fs::write(&path, "[openapi]\ntitel = 1\n[limits]\nmax_nesting = 4\n").unwrap();
        assert_eq!(LimitsConfig::load(&path).unwrap().max_nesting, Some(4));
        std::fs::write(&path, "[limits]\nmax_nesting = 0\n").unwrap();
        let err = LimitsConfig::load(&path).unwrap_err().to_string();
        assert!(
            err.contains("mdapi.toml") && err.contains("[limits] max_nesting must be from 1 to 512, not 0"),
            "{err}"
        );
    }
}
