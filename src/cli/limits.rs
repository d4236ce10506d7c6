//! `--max-file-size` and `--max-nesting`, flattened into every command that reads docs; they
//! override the `[limits]` table of `mdapi.toml`.

use std::path::Path;

use anyhow::Result;

use mdapi::Limits;
use mdapi::config::{self, Config, LimitsConfig};

/// The input limits of one run.
#[derive(Debug, Clone, Default, clap::Args)]
pub(super) struct LimitArgs {
    /// Skip doc files larger than this (MD002): bytes, or with a K, M or G suffix (binary units);
    /// overrides `[limits] max_file_bytes` of mdapi.toml [default: 16M]
    #[arg(long, value_name = "BYTES", value_parser = parse_file_size)]
    pub(super) max_file_size: Option<u64>,
    /// Cut off lists, block quotes and JSON nested deeper than N levels (MD115, MD111);
    /// overrides `[limits] max_nesting` of mdapi.toml [default: 256]
    #[arg(long, value_name = "N", value_parser = parse_nesting)]
    pub(super) max_nesting: Option<usize>,
}

impl LimitArgs {
    /// The defaults, then the `[limits]` table, then these flags.
    pub(super) fn over(&self, file: &LimitsConfig) -> Limits {
        let flags = LimitsConfig { max_file_bytes: self.max_file_size, max_nesting: self.max_nesting };
        flags.apply(file.apply(Limits::default()))
    }

    /// [`LimitArgs::over`] the `[limits]` table of the config file at `path`, if there is one
    /// (only that table is read: `lint`, `dump` and `rust` do not use the others).
    pub(super) fn over_file(&self, path: Option<&Path>) -> Result<Limits> {
        let file = match path {
            Some(p) => LimitsConfig::load(p)?,
            None => LimitsConfig::default(),
        };
        Ok(self.over(&file))
    }

    /// For `generate`, `watch`, `dump` and `rust`: over the config file given (`--config`) or
    /// else the `mdapi.toml` of the docs folder, the file `generate` reads.
    pub(super) fn for_docs(&self, docs: &Path, config: Option<&Path>) -> Result<Limits> {
        match config {
            Some(file) => self.over_file(Some(file)),
            None => self.over_file(Some(&Config::path_for_docs(docs))),
        }
    }
}

/// `1048576`, `512K`, `16M`, `1G` (also `KiB`, `MiB`, `GiB`): bytes, from 1 to 1 GiB.
fn parse_file_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => return Err(format!("`{text}` is not a size (bytes, or a number with K, M or G)")),
    };
    let n: u64 = number.parse().map_err(|_| format!("`{text}` is not a size (bytes, or a number with K, M or G)"))?;
    let bytes = n.checked_mul(1 << shift).ok_or_else(|| format!("`{text}` is too large"))?;
    config::check_max_file_bytes(bytes).map_err(|e| e.replace("max_file_bytes", "the size"))
}

fn parse_nesting(text: &str) -> Result<usize, String> {
    let n: usize = text.trim().parse().map_err(|_| format!("`{text}` is not a whole number"))?;
    config::check_max_nesting(n).map_err(|e| e.replace("max_nesting", "the depth"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_suffixes_and_stay_in_range() {
        assert_eq!(parse_file_size("1000"), Ok(1000));
        assert_eq!(parse_file_size("512K"), Ok(512 << 10));
        assert_eq!(parse_file_size("16MiB"), Ok(16 << 20));
        assert_eq!(parse_file_size("1g"), Ok(1 << 30));
        assert!(parse_file_size("0").unwrap_err().contains("from 1 to"));
        assert!(parse_file_size("2G").unwrap_err().contains("from 1 to"));
        assert!(parse_file_size("99999999999999999999G").is_err());
        assert!(parse_file_size("16 furlongs").unwrap_err().contains("not a size"));
        assert!(parse_file_size("").is_err());
        assert_eq!(parse_nesting("32"), Ok(32));
        assert!(parse_nesting("0").unwrap_err().contains("the depth must be from 1 to 512"));
        assert!(parse_nesting("-3").is_err());
    }

    #[test]
    fn flags_override_the_file_which_overrides_the_defaults() {
        let file = LimitsConfig { max_file_bytes: Some(100), max_nesting: Some(5) };
        let none = LimitArgs::default();
        assert_eq!(none.over(&LimitsConfig::default()), Limits::default());
        assert_eq!(none.over(&file), Limits { max_file_bytes: 100, max_nesting: 5 });
        let flags = LimitArgs { max_file_size: Some(7), max_nesting: None };
        assert_eq!(flags.over(&file), Limits { max_file_bytes: 7, max_nesting: 5 });
    }
}
