{#- One string enum with a catch-all variant; `e` is an EnumView. -#}
{% for d in e.docs %}#[doc = {{ d }}]
{% endfor -%}
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum {{ e.name }} {
{%- for v in e.variants %}
{% for d in v.docs %}#[doc = {{ d }}]
{% endfor -%}
{{ v.name }},
{%- endfor %}
#[doc = " A value the docs do not list, kept as sent."]
{{ e.other }}(::std::string::String),
}

impl {{ e.name }} {
    #[doc = " The value as JSON spells it."]
    pub fn as_str(&self) -> &str {
        match self {
{%- for v in e.variants %}
            Self::{{ v.name }} => {{ v.lit }},
{%- endfor %}
            Self::{{ e.other }}(value) => value.as_str(),
        }
    }
}

impl ::std::convert::From<::std::string::String> for {{ e.name }} {
    fn from(value: ::std::string::String) -> Self {
{%- if e.has_variants %}
        match value.as_str() {
{%- for v in e.variants %}
            {{ v.lit }} => Self::{{ v.name }},
{%- endfor %}
            _ => Self::{{ e.other }}(value),
        }
{%- else %}
        Self::{{ e.other }}(value)
{%- endif %}
    }
}

impl ::serde::Serialize for {{ e.name }} {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for {{ e.name }} {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        <::std::string::String as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
    }
}
