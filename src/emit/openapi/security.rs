//! OAuth2 security: one scheme per permission kind, holding the union of the scopes the
//! permission tables name, and each operation's alternatives (any one listed scope suffices).

use std::collections::BTreeMap;

use crate::extract::PermissionKind;
use crate::model::{ApiModel, Operation};

use super::document::{OAuthFlow, OAuthFlows, SecurityRequirement, SecurityScheme};

/// Delegated access (a signed-in user): authorization-code flow.
pub(crate) const DELEGATED: &str = "delegated";
/// App-only access: client-credentials flow.
pub(crate) const APPLICATION: &str = "application";

/// Default endpoints: the Microsoft identity platform, which the Graph convention's scopes belong to.
pub(crate) const DEFAULT_AUTHORIZATION_URL: &str = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize";
/// Default token endpoint.
pub(crate) const DEFAULT_TOKEN_URL: &str = "https://login.microsoftonline.com/common/oauth2/v2.0/token";

/// The scheme a permission kind belongs to. 2015/16 "Prerequisites" scopes name no kind; those
/// pages predate app-only access for nearly every API, so they count as delegated.
fn scheme(kind: PermissionKind) -> &'static str {
    match kind {
        PermissionKind::Application => APPLICATION,
        PermissionKind::DelegatedWork | PermissionKind::DelegatedPersonal | PermissionKind::Unspecified => DELEGATED,
    }
}

/// The schemes, with every scope any operation names; none when no page names a scope.
pub(crate) fn schemes(model: &ApiModel, authorization_url: &str, token_url: &str) -> BTreeMap<String, SecurityScheme> {
    let mut scopes: BTreeMap<&str, BTreeMap<String, String>> = BTreeMap::new();
    for op in &model.operations {
        for p in op.permissions.iter() {
            let set = scopes.entry(scheme(p.kind)).or_default();
            for s in &p.scopes {
                set.entry(s.clone()).or_insert_with(|| format!("{s} ({} permission)", scheme(p.kind)));
            }
        }
    }
    let mut out = BTreeMap::new();
    if let Some(delegated) = scopes.remove(DELEGATED) {
        let flow = OAuthFlow {
            authorization_url: Some(authorization_url.to_string()),
            token_url: token_url.to_string(),
            scopes: delegated,
        };
        let flows = OAuthFlows { authorization_code: Some(flow), client_credentials: None };
        out.insert(DELEGATED.to_string(), oauth2("Delegated access on behalf of a signed-in user.", flows));
    }
    if let Some(application) = scopes.remove(APPLICATION) {
        let flow = OAuthFlow { authorization_url: None, token_url: token_url.to_string(), scopes: application };
        let flows = OAuthFlows { authorization_code: None, client_credentials: Some(flow) };
        out.insert(APPLICATION.to_string(), oauth2("App-only access, without a signed-in user.", flows));
    }
    out
}

fn oauth2(description: &str, flows: OAuthFlows) -> SecurityScheme {
    SecurityScheme { kind: "oauth2".to_string(), description: Some(description.to_string()), flows }
}

/// The document-wide default: a token from any scheme, scopes unstated.
pub(crate) fn global(schemes: &BTreeMap<String, SecurityScheme>) -> Vec<SecurityRequirement> {
    schemes.keys().map(|k| BTreeMap::from([(k.clone(), Vec::new())])).collect()
}

/// An operation's alternatives: one requirement per listed scope, delegated first.
pub(crate) fn requirements(op: &Operation) -> Option<Vec<SecurityRequirement>> {
    let mut out: Vec<SecurityRequirement> = Vec::new();
    for wanted in [DELEGATED, APPLICATION] {
        for p in op.permissions.iter().filter(|p| scheme(p.kind) == wanted) {
            for s in &p.scopes {
                let req = BTreeMap::from([(wanted.to_string(), vec![s.clone()])]);
                if !out.contains(&req) {
                    out.push(req);
                }
            }
        }
    }
    (!out.is_empty()).then_some(out)
}
