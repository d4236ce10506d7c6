{#- The generated file: fixed support items at the root, doc types in `models`, requests in `requests`. -#}
#[doc = " An operation of the API as a value: its parameters are the fields; the method, path, query string, body and response type come from the docs."]
pub trait ApiRequest {
    #[doc = " The type the success response's JSON body deserializes into (`()` when the docs describe none)."]
    type Response: ::serde::de::DeserializeOwned;
    #[doc = " The HTTP method."]
    const METHOD: &'static str;
    #[doc = " The path template as documented, with `{placeholders}`."]
    const PATH_TEMPLATE: &'static str;
    #[doc = " The path with every parameter percent-encoded."]
    fn path(&self) -> ::std::string::String;
    #[doc = " The query parameters that are set, as wire text (not yet encoded)."]
    fn query(&self) -> ::std::vec::Vec<(&'static str, ::std::string::String)>;
    #[doc = " The JSON body, when the operation takes one."]
    fn body(&self) -> ::serde_json::Result<::std::option::Option<::std::vec::Vec<u8>>>;
    #[doc = " The path followed by the encoded query string."]
    fn path_and_query(&self) -> ::std::string::String {
        let mut out = self.path();
        for (i, (key, value)) in self.query().iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            support::push_query(&mut out, key);
            out.push('=');
            support::push_query(&mut out, value);
        }
        out
    }
{%- if has_http %}
    #[doc = " An `http::Request` for `base_url` (such as `https://host/v1.0`), with a JSON body when there is one."]
    #[cfg({{ http_cfg }})]
    fn to_http_request(&self, base_url: &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, HttpRequestError> {
        let body = self.body().map_err(HttpRequestError::Json)?;
        let uri = ::std::format!("{}{}", base_url.trim_end_matches('/'), self.path_and_query());
        let mut builder = ::http::Request::builder().method(Self::METHOD).uri(uri);
        if body.is_some() {
            builder = builder.header("content-type", "application/json");
        }
        builder.body(body.unwrap_or_default()).map_err(HttpRequestError::Http)
    }
{%- endif %}
}
{%- if has_http %}

#[doc = " Why an `http::Request` could not be built."]
#[cfg({{ http_cfg }})]
#[derive(Debug)]
pub enum HttpRequestError {
    #[doc = " The body did not serialize."]
    Json(::serde_json::Error),
    #[doc = " The method, URI or a header was rejected."]
    Http(::http::Error),
}

#[cfg({{ http_cfg }})]
impl ::std::fmt::Display for HttpRequestError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            Self::Json(e) => ::std::write!(f, "request body: {e}"),
            Self::Http(e) => ::std::write!(f, "request: {e}"),
        }
    }
}

#[cfg({{ http_cfg }})]
impl ::std::error::Error for HttpRequestError {}
{%- endif %}

#[doc = " A collection response: `value` plus the OData paging annotations."]
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ODataCollection<T> {
    #[doc = " `@odata.context`."]
    #[serde(rename = "@odata.context", default, skip_serializing_if = "::std::option::Option::is_none")]
    pub odata_context: ::std::option::Option<::std::string::String>,
    #[doc = " `@odata.count`, when `$count=true` was asked."]
    #[serde(rename = "@odata.count", default, skip_serializing_if = "::std::option::Option::is_none")]
    pub odata_count: ::std::option::Option<i64>,
    #[doc = " `@odata.nextLink`: the URL of the next page."]
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "::std::option::Option::is_none")]
    pub odata_next_link: ::std::option::Option<::std::string::String>,
    #[doc = " `@odata.deltaLink`: the URL for the next delta query."]
    #[serde(rename = "@odata.deltaLink", default, skip_serializing_if = "::std::option::Option::is_none")]
    pub odata_delta_link: ::std::option::Option<::std::string::String>,
    #[doc = " The items."]
    pub value: ::std::vec::Vec<T>,
}

#[doc = " A single primitive or enum returned by a function: `{\"value\": …}`."]
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ODataValue<T> {
    #[doc = " `@odata.context`."]
    #[serde(rename = "@odata.context", default, skip_serializing_if = "::std::option::Option::is_none")]
    pub odata_context: ::std::option::Option<::std::string::String>,
    #[doc = " The value."]
    pub value: T,
}

#[doc = " Percent-encoding for the generated requests."]
pub mod support {
    #[doc = " Appends `value` as path data: every byte but RFC 3986 unreserved characters is escaped,"]
    #[doc = " `/` included unless `keep_slash` (a drive-item path); inside an OData string literal"]
    #[doc = " (`quoted`) a `'` is doubled first."]
    pub fn push_param(out: &mut ::std::string::String, value: &str, keep_slash: bool, quoted: bool) {
        for b in value.bytes() {
            if quoted && b == b'\'' {
                out.push_str("%27%27");
            } else if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || (keep_slash && b == b'/') {
                out.push(char::from(b));
            } else {
                push_pct(out, b);
            }
        }
    }

    #[doc = " Appends a query key or value: unreserved characters and `$` (OData system options) stay."]
    pub fn push_query(out: &mut ::std::string::String, value: &str) {
        for b in value.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'$') {
                out.push(char::from(b));
            } else {
                push_pct(out, b);
            }
        }
    }

    fn push_pct(out: &mut ::std::string::String, b: u8) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
}

#[doc = " The resources and enums of the docs."]
{#- Items are rendered and formatted one by one (emit/rust/format.rs) and spliced in here. #}
pub mod models {}

#[doc = " One request type per operation, and the bodies of actions."]
pub mod requests {}
