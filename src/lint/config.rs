//! The `[lint]` table of `mdapi.toml` (found upward from the docs root) and the CLI overrides.
//! Only this table is read here, so other tables of the same file (`[openapi]`) stay with
//! their own modules.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::diagnostic::{Code, Severity};

use super::registry;

/// The config file's name.
pub const FILE_NAME: &str = "mdapi.toml";

/// A configuration problem: the run stops with exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read `{0}`: {1}")]
    Io(PathBuf, std::io::Error),
    /// The file is not valid TOML or the `[lint]` table has the wrong shape.
    #[error("invalid `{0}`: {1}")]
    Parse(PathBuf, String),
    /// A selector names no code, rule name or code prefix.
    #[error(
        "unknown rule selector `{0}` (expected a code such as `MD530`, a prefix such as `MD5`, a rule name, or `ALL`)"
    )]
    Selector(String),
    /// A glob does not compile.
    #[error("invalid glob `{0}`: {1}")]
    Glob(String, String),
}

/// Rules that only run when selected: they describe what mdapi could not read rather than a
/// defect of the docs (a table of prose mdapi cannot classify is usually fine).
pub const DEFAULT_OFF: &[&str] = &["MD220"];

/// The `[lint]` table as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct LintToml {
    /// Rules to run (codes, prefixes, names, `ALL`); default all but [`DEFAULT_OFF`].
    pub select: Option<Vec<String>>,
    /// Added to `select`.
    #[serde(default)]
    pub extend_select: Vec<String>,
    /// Rules not to run.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Per-rule severity: selector → `error|warning|info`.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Glob → selectors ignored in matching files.
    #[serde(default)]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Globs of files not reported on.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Lowest severity that fails the run.
    pub fail_on: Option<Severity>,
    /// The API version examples must use (`v1.0`).
    pub api_version: Option<String>,
}

#[derive(Deserialize)]
struct FileToml {
    #[serde(default)]
    lint: LintToml,
}

impl<'de> Deserialize<'de> for Severity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Severity, D::Error> {
        let s = String::deserialize(d)?;
        parse_severity(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown severity `{s}`")))
    }
}

/// `error`, `warning` (or `warn`), `info` (or `note`).
pub fn parse_severity(s: &str) -> Option<Severity> {
    match s.to_ascii_lowercase().as_str() {
        "error" => Some(Severity::Error),
        "warning" | "warn" => Some(Severity::Warning),
        "info" | "note" => Some(Severity::Info),
        _ => None,
    }
}

/// The effective configuration.
#[derive(Debug, Clone)]
pub struct LintConfig {
    /// Enabled codes.
    enabled: Vec<&'static str>,
    /// Code → severity overrides.
    severity: BTreeMap<&'static str, Severity>,
    per_file: Vec<(GlobSet, Vec<&'static str>)>,
    exclude: GlobSet,
    /// The docs root relative to the config file's directory (globs are written relative to
    /// the config file, paths in diagnostics are relative to the docs root).
    root_prefix: String,
    /// Lowest failing severity.
    pub fail_on: Severity,
    /// The API version examples must use.
    pub api_version: Option<String>,
    /// The config file read, if any.
    pub source: Option<PathBuf>,
}

impl Default for LintConfig {
    fn default() -> LintConfig {
        LintConfig::build(LintToml::default(), None, "").expect("the default config is valid")
    }
}

impl LintConfig {
    /// Finds `mdapi.toml` in the docs root's directory or an ancestor and reads its `[lint]`
    /// table; the default config when there is none.
    pub fn discover(docs_root: &Path) -> Result<LintConfig, ConfigError> {
        let abs = std::path::absolute(docs_root).unwrap_or_else(|_| docs_root.to_path_buf());
        let start = if abs.is_file() { abs.parent().map(Path::to_path_buf).unwrap_or_default() } else { abs.clone() };
        for dir in start.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return LintConfig::load(&candidate, &start);
            }
        }
        Ok(LintConfig::default())
    }

    /// Reads `file`'s `[lint]` table for a docs root at `docs_dir`.
    pub fn load(file: &Path, docs_dir: &Path) -> Result<LintConfig, ConfigError> {
        let text = std::fs::read_to_string(file).map_err(|e| ConfigError::Io(file.to_path_buf(), e))?;
        let parsed: FileToml =
            toml::from_str(&text).map_err(|e| ConfigError::Parse(file.to_path_buf(), e.to_string()))?;
        let base = std::path::absolute(file).ok().and_then(|f| f.parent().map(Path::to_path_buf)).unwrap_or_default();
        let docs_dir = std::path::absolute(docs_dir).unwrap_or_else(|_| docs_dir.to_path_buf());
        let prefix = docs_dir.strip_prefix(&base).map(slash).unwrap_or_default();
        LintConfig::build(parsed.lint, Some(file.to_path_buf()), &prefix)
    }

    /// Applies a parsed table; `root_prefix` is the docs root relative to the config's directory.
    pub fn build(t: LintToml, source: Option<PathBuf>, root_prefix: &str) -> Result<LintConfig, ConfigError> {
        let mut enabled: Vec<&'static str> = match &t.select {
            Some(select) => codes_of(select)?,
            None => registry::all().iter().map(|r| r.code.code).filter(|c| !DEFAULT_OFF.contains(c)).collect(),
        };
        let ignored = codes_of(&t.ignore)?;
        enabled.retain(|c| !ignored.contains(c));
        // `extend-select` comes last, so `ignore = ["MD5"]` plus one named MD5xx rule works.
        enabled.extend(codes_of(&t.extend_select)?);
        enabled.sort_unstable();
        enabled.dedup();
        let mut severity = BTreeMap::new();
        for (sel, sev) in &t.severity {
            for c in resolve(sel)? {
                severity.insert(c.code, *sev);
            }
        }
        let mut per_file = Vec::new();
        for (glob, sels) in &t.per_file_ignores {
            let codes = codes_of(sels)?;
            per_file.push((globs(std::slice::from_ref(glob))?, codes));
        }
        Ok(LintConfig {
            enabled,
            severity,
            per_file,
            exclude: globs(&t.exclude)?,
            root_prefix: root_prefix.to_string(),
            fail_on: t.fail_on.unwrap_or(Severity::Error),
            api_version: t.api_version,
            source,
        })
    }

    /// Command-line overrides, in the file's order: `--select` replaces the selection,
    /// `--ignore` removes, `--extend-select` adds.
    pub fn override_with(
        &mut self,
        select: &[String],
        extend: &[String],
        ignore: &[String],
    ) -> Result<(), ConfigError> {
        if !select.is_empty() {
            self.enabled = codes_of(select)?;
        }
        let ignored = codes_of(ignore)?;
        self.enabled.retain(|c| !ignored.contains(c));
        self.enabled.extend(codes_of(extend)?);
        self.enabled.sort_unstable();
        self.enabled.dedup();
        Ok(())
    }

    /// True when the rule runs.
    pub fn enabled(&self, code: &str) -> bool {
        self.enabled.binary_search(&code).is_ok()
    }

    /// The severity a finding of `code` is reported with.
    pub fn severity(&self, code: &str, default: Severity) -> Severity {
        self.severity.get(code).copied().unwrap_or(default)
    }

    /// True when findings of `code` in `file` (relative to the docs root) are reported.
    pub fn reports(&self, code: &str, file: &str) -> bool {
        if !self.enabled(code) {
            return false;
        }
        let joined =
            if self.root_prefix.is_empty() { file.to_string() } else { format!("{}/{file}", self.root_prefix) };
        let hit = |set: &GlobSet| set.is_match(file) || set.is_match(&joined);
        if hit(&self.exclude) {
            return false;
        }
        !self.per_file.iter().any(|(set, codes)| codes.contains(&code) && hit(set))
    }
}

/// The codes a list of selectors stands for.
fn codes_of(selectors: &[String]) -> Result<Vec<&'static str>, ConfigError> {
    let mut out = Vec::new();
    for s in selectors {
        out.extend(resolve(s)?.iter().map(|c| c.code));
    }
    Ok(out)
}

/// The codes a selector stands for: `ALL`, a code, a name, or a code prefix (`MD5`).
pub fn resolve(selector: &str) -> Result<Vec<Code>, ConfigError> {
    let all = registry::all();
    let s = selector.trim();
    if s.eq_ignore_ascii_case("all") {
        return Ok(all.iter().map(|r| r.code).collect());
    }
    if let Some(r) = registry::find(s) {
        return Ok(vec![r.code]);
    }
    let upper = s.to_ascii_uppercase();
    let matched: Vec<Code> = all.iter().filter(|r| r.code.code.starts_with(&upper)).map(|r| r.code).collect();
    if upper.starts_with("MD") && !matched.is_empty() { Ok(matched) } else { Err(ConfigError::Selector(s.to_string())) }
}

/// A relative path with `/` separators.
fn slash(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn globs(patterns: &[String]) -> Result<GlobSet, ConfigError> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).map_err(|e| ConfigError::Glob(p.clone(), e.to_string()))?);
    }
    b.build().map_err(|e| ConfigError::Glob(patterns.join(", "), e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(toml_text: &str) -> Result<LintConfig, ConfigError> {
        let parsed: FileToml = toml::from_str(toml_text).map_err(|e| ConfigError::Parse("t".into(), e.to_string()))?;
        LintConfig::build(parsed.lint, None, "docs")
    }

    #[test]
    fn selects_ignores_and_overrides() {
        let c = cfg("[lint]\nselect = [\"MD5\", \"front-matter-missing\"]\nignore = [\"MD541\"]\n[lint.severity]\nMD530 = \"error\"\n[lint.per-file-ignores]\n\"docs/resources/*.md\" = [\"link-target-missing\"]\n").unwrap();
        assert!(c.enabled("MD530") && c.enabled("MD101") && !c.enabled("MD541") && !c.enabled("MD201"));
        assert_eq!(c.severity("MD530", Severity::Warning), Severity::Error);
        assert!(!c.reports("MD550", "resources/a.md"));
        assert!(c.reports("MD550", "api/a.md"));
        assert!(cfg("[lint]\nselect = [\"nope\"]").is_err());
        assert!(cfg("[lint]\nunknown = 1").is_err());
        let mut c = cfg("").unwrap();
        c.override_with(&["MD2".into()], &[], &["MD201".into()]).unwrap();
        assert!(c.enabled("MD204") && !c.enabled("MD201") && !c.enabled("MD530"));
    }
}
