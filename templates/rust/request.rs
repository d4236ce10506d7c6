{#- One operation's request type; `r` is a RequestView. -#}
{% for d in r.docs %}#[doc = {{ d }}]
{% endfor -%}
#[derive(Debug, Clone, PartialEq)]
pub struct {{ r.name }} {
{%- for f in r.fields %}
{% for d in f.docs %}#[doc = {{ d }}]
{% endfor -%}
pub {{ f.name }}: {{ f.ty }},
{%- endfor %}
}

impl super::ApiRequest for {{ r.name }} {
    type Response = {{ r.response }};
    const METHOD: &'static str = {{ r.method }};
    const PATH_TEMPLATE: &'static str = {{ r.template }};

    fn path(&self) -> ::std::string::String {
        let mut path = ::std::string::String::new();
{%- for p in r.path %}
{%- if p.is_field %}
        super::support::push_param(&mut path, &self.{{ p.text }}, {{ p.keep_slash }}, {{ p.quoted }});
{%- else %}
        path.push_str({{ p.text }});
{%- endif %}
{%- endfor %}
        path
    }

    fn query(&self) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
{%- if r.has_query %}
        let mut query = ::std::vec::Vec::new();
{%- for q in r.query %}
{%- if q.optional %}
        if let ::std::option::Option::Some(v) = &self.{{ q.field }} {
            query.push(({{ q.key }}, {{ q.value }}));
        }
{%- else %}
        {
            let v = &self.{{ q.field }};
            query.push(({{ q.key }}, {{ q.value }}));
        }
{%- endif %}
{%- endfor %}
        query
{%- else %}
        ::std::vec::Vec::new()
{%- endif %}
    }

    fn body(&self) -> ::serde_json::Result<::std::option::Option<::std::vec::Vec<u8>>> {
{%- if r.has_body %}
        ::serde_json::to_vec(&self.{{ r.body_field }}).map(::std::option::Option::Some)
{%- else %}
        ::std::result::Result::Ok(::std::option::Option::None)
{%- endif %}
    }
}
