{#- One struct; `s` is a StructView. -#}
{% for d in s.docs %}#[doc = {{ d }}]
{% endfor -%}
#[derive(Debug, Clone, PartialEq{% if s.default %}, Default{% endif %}, ::serde::Serialize, ::serde::Deserialize)]
pub struct {{ s.name }} {
{%- for f in s.fields %}
{% for d in f.docs %}#[doc = {{ d }}]
{% endfor -%}
{% if f.has_serde %}#[serde({{ f.serde }})]
{% endif -%}
pub {{ f.name }}: {{ f.ty }},
{%- endfor %}
{%- if s.open %}
#[doc = " Properties the docs do not list: this is an open type."]
#[serde(flatten)]
pub {{ s.open_field }}: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
{%- endif %}
}
