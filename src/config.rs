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
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The file name looked for in the docs root.
pub const FILE_NAME: &str = "mdapi.toml";

/// The whole file.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `[openapi]`.
    #[serde(default)]
    pub openapi: OpenApiConfig,
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
        toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())
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
}
