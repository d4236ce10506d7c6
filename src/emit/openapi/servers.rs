//! `servers`: the scheme, host and version segment the example requests are sent to
//! (`https://graph.microsoft.com/v1.0`), unless `mdapi.toml` lists them.

use std::collections::HashMap;

use crate::model::ApiModel;

use super::document::Server;

/// A server is listed when at least this share of the example URLs use it; the most used one
/// always is. Stray examples copied from another version stay out.
const MIN_SHARE: f64 = 0.10;

/// Servers from the example URLs, most used first.
pub(crate) fn from_examples(model: &ApiModel) -> Vec<Server> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for op in &model.operations {
        for ex in &op.examples {
            if let Some(base) = ex.request.as_ref().and_then(|r| base_url(&r.url)) {
                *counts.entry(base).or_default() += 1;
            }
        }
    }
    let total: usize = counts.values().sum();
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .enumerate()
        .filter(|(i, (_, n))| *i == 0 || *n as f64 >= MIN_SHARE * total as f64)
        .map(|(_, (url, _))| Server { url, description: None })
        .collect()
}

/// `https://Graph.microsoft.com/V1.0/me?x` → `https://graph.microsoft.com/v1.0`; `None` without
/// a version segment (callback and upload URLs).
pub(crate) fn base_url(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return None;
    }
    let mut parts = rest.splitn(3, '/');
    let host = parts.next().filter(|h| !h.is_empty() && !h.contains(['{', '<']))?;
    let version = parts.next()?.split(['?', '#']).next()?;
    is_version(version).then(|| {
        format!("{}://{}/{}", scheme.to_ascii_lowercase(), host.to_ascii_lowercase(), version.to_ascii_lowercase())
    })
}

/// `v1.0`, `v2`, `beta`.
fn is_version(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower == "beta"
        || lower.strip_prefix('v').is_some_and(|v| {
            !v.is_empty()
                && v.starts_with(|c: char| c.is_ascii_digit())
                && v.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
}

/// The version segment of a server URL (`v1.0`).
pub(crate) fn version_of(url: &str) -> Option<&str> {
    url.rsplit('/').next().filter(|v| is_version(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_version_segment() {
        assert_eq!(
            base_url("https://Graph.microsoft.com/V1.0/me?$top=1").as_deref(),
            Some("https://graph.microsoft.com/v1.0")
        );
        assert_eq!(
            base_url("https://graph.microsoft.com/beta/me").as_deref(),
            Some("https://graph.microsoft.com/beta")
        );
        assert_eq!(base_url("https://bot.contoso.com/api/calls"), None);
        assert_eq!(base_url("/me/messages"), None);
        assert_eq!(version_of("https://graph.microsoft.com/v1.0"), Some("v1.0"));
    }
}
