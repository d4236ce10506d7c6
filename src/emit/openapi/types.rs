//! The one table mapping the docs' primitive types (Edm names and their synonyms) to JSON Schema
//! `type` and `format`. The README's type-mapping table mirrors it.

use crate::extract::Primitive;

use super::document::Schema;

/// JSON Schema `type` and `format` of a primitive. `None` as the type means "any JSON value"
/// (an untyped schema), which is what `Edm.Untyped` / `Json` states.
pub fn json_type(p: Primitive) -> (Option<&'static str>, Option<&'static str>) {
    use Primitive::*;
    match p {
        String => (Some("string"), None),
        Boolean => (Some("boolean"), None),
        Byte => (Some("integer"), Some("uint8")),
        SByte => (Some("integer"), Some("int8")),
        Int16 => (Some("integer"), Some("int16")),
        Int32 => (Some("integer"), Some("int32")),
        Int64 => (Some("integer"), Some("int64")),
        Single => (Some("number"), Some("float")),
        Double => (Some("number"), Some("double")),
        Decimal => (Some("number"), Some("decimal")),
        DateTimeOffset => (Some("string"), Some("date-time")),
        Date => (Some("string"), Some("date")),
        TimeOfDay => (Some("string"), Some("time")),
        Duration => (Some("string"), Some("duration")),
        Guid => (Some("string"), Some("uuid")),
        // OData JSON writes binary values base64url-encoded.
        Binary => (Some("string"), Some("base64url")),
        Stream => (Some("string"), Some("binary")),
        Json => (None, None),
    }
}

/// The schema of a primitive.
pub fn primitive_schema(p: Primitive) -> Schema {
    let (kind, format) = json_type(p);
    Schema { kind, format, ..Schema::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_every_primitive() {
        assert_eq!(json_type(Primitive::Int64), (Some("integer"), Some("int64")));
        assert_eq!(json_type(Primitive::DateTimeOffset), (Some("string"), Some("date-time")));
        assert_eq!(json_type(Primitive::Json), (None, None));
        assert_eq!(primitive_schema(Primitive::Guid).format, Some("uuid"));
    }
}
