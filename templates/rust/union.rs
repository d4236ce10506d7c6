{#- A base type and its descendants, told apart by `@odata.type`; `u` is a UnionView. -#}
{% for d in u.docs %}#[doc = {{ d }}]
{% endfor -%}
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::enum_variant_names, reason = "variants are the docs' type names, which often share a suffix")]
pub enum {{ u.name }} {
{%- for v in u.variants %}
#[doc = {{ v.qualified_doc }}]
{{ v.name }}(::std::boxed::Box<{{ v.ty }}>),
{%- endfor %}
}

impl {{ u.name }} {
    #[doc = " The qualified name of the value's type."]
    pub fn type_name(&self) -> &'static str {
        match self {
{%- for v in u.variants %}
            Self::{{ v.name }}(_) => {{ v.qualified }},
{%- endfor %}
        }
    }
}

impl ::serde::Serialize for {{ u.name }} {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        match self {
{%- for v in u.variants %}
            Self::{{ v.name }}(value) => ::serde::Serialize::serialize(value, serializer),
{%- endfor %}
        }
    }
}

impl<'de> ::serde::Deserialize<'de> for {{ u.name }} {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
        let tag = value
            .get("@odata.type")
            .and_then(::serde_json::Value::as_str)
            .map(|t| t.trim_start_matches('#').to_ascii_lowercase());
        let result = match tag.as_deref() {
{%- for v in u.variants %}{% if v.has_tag %}
            ::std::option::Option::Some({{ v.tag }}) => ::serde_json::from_value(value).map(|v| Self::{{ v.name }}(::std::boxed::Box::new(v))),
{%- endif %}{% endfor %}
            _ => ::serde_json::from_value(value).map(|v| Self::{{ u.fallback }}(::std::boxed::Box::new(v))),
        };
        result.map_err(::serde::de::Error::custom)
    }
}
