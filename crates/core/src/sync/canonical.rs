//! Canonical JSON and the checksum of an export's records.
//!
//! The checksum must come out the same whoever computes it, so it is taken
//! over a canonical form rather than over whatever spacing or key order a
//! file happens to use: the JSON Canonicalization Scheme (RFC 8785) — no
//! insignificant whitespace, object keys sorted by UTF-16 code units, strings
//! with only the escapes JSON requires, and numbers as ECMAScript writes
//! them (RFC 8785 §3.2.2.3): integers in plain decimal, fractions in their
//! shortest round-trip form, so `6.0` is written `6`.
//!
//! Records are written in canonical form straight from their types
//! ([`write_canonical`]), the same bytes as [`to_canonical`] of their
//! `serde_json::Value` without building that tree: an export of a whole
//! practice spent most of its time building and sorting it (BENCHMARKS.md,
//! issue 14).

use std::borrow::Cow;
use std::cmp::Ordering;
use std::ops::Range;

use serde::ser::{self, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The prefix of every checksum, naming the hash so a later format could
/// change it recognisably.
pub const CHECKSUM_PREFIX: &str = "sha256:";

/// `value` in canonical form.
pub fn to_canonical(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    write(value, &mut out);
    out
}

/// `sha256:` followed by the lower-case hex SHA-256 of `value`'s canonical
/// form.
pub fn checksum(value: &Value) -> String {
    checksum_of(&to_canonical(value))
}

/// `sha256:` followed by the lower-case hex SHA-256 of `canonical`, bytes
/// already in canonical form.
pub fn checksum_of(canonical: &[u8]) -> String {
    checksum_from_digest(&Sha256::digest(canonical).into())
}

/// `sha256:` followed by `digest` in lower-case hex: the checksum of bytes
/// whose SHA-256 someone else computed (the browser's own, in the sync
/// worker: see [`crate::sync::parse::OpenedFile`]).
pub fn checksum_from_digest(digest: &[u8; 32]) -> String {
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("{CHECKSUM_PREFIX}{hex}")
}

/// How RFC 8785 orders object keys: by their UTF-16 code units. When
/// either key is ASCII this is their byte order (an ASCII character is one
/// unit below 0x80 in both encodings, any other starts at or above it), so
/// the slower comparison is left for two keys beyond ASCII.
pub(crate) fn key_order(left: &str, right: &str) -> Ordering {
    if left.is_ascii() || right.is_ascii() {
        left.as_bytes().cmp(right.as_bytes())
    } else {
        left.encode_utf16().cmp(right.encode_utf16())
    }
}

/// Appends `value`, serialised, to `out` in canonical form: the bytes of
/// [`to_canonical`] of its `serde_json::Value`, written in one pass. An
/// object's fields are written as they come and reordered only when they
/// came out of order.
pub fn write_canonical<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) {
    let mut writer = Writer {
        out: std::mem::take(out),
        fields: Vec::new(),
        spare: Vec::new(),
    };
    value
        .serialize(Canonical { w: &mut writer })
        .expect("values serialisable to JSON write in canonical form");
    *out = writer.out;
}

/// `fields` (already canonical values) and a field `name` whose value
/// `write_raw` appends (already canonical bytes) as a canonical object,
/// with where each field's value lies in it: an export's envelope around
/// its records, which are written once, in place (copied into the
/// envelope, a practice's 54 MB cost 3 % of the export; BENCHMARKS.md,
/// issue 14, session 13). A field computed from the raw value, as the
/// checksum is, can then be written over a placeholder of its length.
pub(crate) fn object_around<'a>(
    fields: &'a Map<String, Value>,
    name: &'a str,
    write_raw: impl FnOnce(&mut Vec<u8>),
) -> (Vec<u8>, Vec<(&'a str, Range<usize>)>) {
    let mut entries: Vec<(&str, Option<&Value>)> = fields
        .iter()
        .map(|(key, value)| (key.as_str(), Some(value)))
        .chain([(name, None)])
        .collect();
    entries.sort_by(|(left, _), (right, _)| key_order(left, right));
    let mut write_raw = Some(write_raw);
    let mut out = Vec::new();
    let mut lying = Vec::with_capacity(entries.len());
    out.push(b'{');
    for (index, (key, value)) in entries.into_iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        write_string(key, &mut out);
        out.push(b':');
        let start = out.len();
        match (value, write_raw.take()) {
            (Some(value), unused) => {
                write(value, &mut out);
                write_raw = unused;
            }
            (None, Some(write_raw)) => write_raw(&mut out),
            (None, None) => unreachable!("the raw field is listed once"),
        }
        lying.push((key, start..out.len()));
    }
    out.push(b'}');
    (out, lying)
}

/// Why a value could not be written: only a type JSON cannot hold (a map
/// whose keys are not strings or numbers), which no record has.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct WriteError(String);

impl ser::Error for WriteError {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        Self(message.to_string())
    }
}

/// Where [`write_canonical`] writes, with what its objects share: the
/// fields of every object still open (each one's after its parent's) and
/// a buffer to reorder an object in, so that writing a practice's million
/// objects allocates nothing per object (BENCHMARKS.md, issue 14,
/// session 13).
struct Writer {
    out: Vec<u8>,
    /// Each field's key and where its `"key":value` lies in `out`.
    fields: Vec<(Cow<'static, str>, Range<usize>)>,
    spare: Vec<u8>,
}

/// The serde serializer behind [`write_canonical`].
struct Canonical<'a> {
    w: &'a mut Writer,
}

impl Canonical<'_> {
    fn number(self, number: impl itoa::Integer) -> Result<(), WriteError> {
        self.w
            .out
            .extend_from_slice(itoa::Buffer::new().format(number).as_bytes());
        Ok(())
    }

    fn float(self, value: f64) -> Result<(), WriteError> {
        // serde_json's `Value` holds a non-finite number as null.
        if value.is_finite() {
            self.w
                .out
                .extend_from_slice(ecmascript_number(value).as_bytes());
        } else {
            self.w.out.extend_from_slice(b"null");
        }
        Ok(())
    }

    /// Opens `{"variant":` around an enum variant's content.
    fn variant(self, variant: &str) -> Self {
        self.w.out.push(b'{');
        write_string(variant, &mut self.w.out);
        self.w.out.push(b':');
        self
    }
}

/// A list being written; `close` adds the `}` of an enum variant.
struct List<'a> {
    w: &'a mut Writer,
    first: bool,
    close: bool,
}

impl List<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        if !self.first {
            self.w.out.push(b',');
        }
        self.first = false;
        value.serialize(Canonical { w: &mut *self.w })
    }

    fn end(self) -> Result<(), WriteError> {
        self.w.out.push(b']');
        if self.close {
            self.w.out.push(b'}');
        }
        Ok(())
    }
}

/// An object being written: its fields as they come, kept in the
/// writer's `fields` from `base` on; `close` adds the `}` of an enum
/// variant.
struct Object<'a> {
    w: &'a mut Writer,
    start: usize,
    base: usize,
    pending: Option<(Cow<'static, str>, usize)>,
    close: bool,
}

impl<'a> Object<'a> {
    fn open(w: &'a mut Writer, close: bool) -> Self {
        w.out.push(b'{');
        let (start, base) = (w.out.len(), w.fields.len());
        Self {
            w,
            start,
            base,
            pending: None,
            close,
        }
    }

    fn key(&mut self, key: Cow<'static, str>) {
        let out = &mut self.w.out;
        if self.w.fields.len() > self.base {
            out.push(b',');
        }
        let at = out.len();
        write_string(&key, out);
        out.push(b':');
        self.pending = Some((key, at));
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        let (key, at) = self
            .pending
            .take()
            .ok_or_else(|| WriteError("a map value came without its key".to_owned()))?;
        value.serialize(Canonical { w: &mut *self.w })?;
        let end = self.w.out.len();
        self.w.fields.push((key, at..end));
        Ok(())
    }

    fn end(self) -> Result<(), WriteError> {
        let Writer { out, fields, spare } = self.w;
        let own = &mut fields[self.base..];
        let sorted = own
            .windows(2)
            .all(|pair| key_order(&pair[0].0, &pair[1].0).is_lt());
        if !sorted {
            spare.clear();
            spare.extend_from_slice(&out[self.start..]);
            out.truncate(self.start);
            own.sort_by(|(left, _), (right, _)| key_order(left, right));
            for (index, (_, range)) in own.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(&spare[range.start - self.start..range.end - self.start]);
            }
        }
        fields.truncate(self.base);
        out.push(b'}');
        if self.close {
            out.push(b'}');
        }
        Ok(())
    }
}

/// A map key as serde_json's `Value` writes it: strings and unit variants
/// as they are, numbers and booleans in decimal or words.
fn key_text<T: Serialize + ?Sized>(key: &T) -> Result<Cow<'static, str>, WriteError> {
    match serde_json::to_value(key).map_err(|error| WriteError(error.to_string()))? {
        Value::String(text) => Ok(Cow::Owned(text)),
        Value::Number(number) => Ok(Cow::Owned(number.to_string())),
        Value::Bool(flag) => Ok(Cow::Borrowed(if flag { "true" } else { "false" })),
        _ => Err(WriteError("a map key is not a string".to_owned())),
    }
}

/// The serializer's methods for every integer type, each writing the
/// integer as the number it is (serde asks for one method per type).
macro_rules! integers_as_numbers {
    ($($method:ident: $int:ty,)*) => {
        $(
            fn $method(self, value: $int) -> Result<(), WriteError> {
                self.number(value)
            }
        )*
    };
}

impl<'a> ser::Serializer for Canonical<'a> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = List<'a>;
    type SerializeTuple = List<'a>;
    type SerializeTupleStruct = List<'a>;
    type SerializeTupleVariant = List<'a>;
    type SerializeMap = Object<'a>;
    type SerializeStruct = Object<'a>;
    type SerializeStructVariant = Object<'a>;

    fn serialize_bool(self, value: bool) -> Result<(), WriteError> {
        self.w
            .out
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    integers_as_numbers! {
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
    }

    fn serialize_f32(self, value: f32) -> Result<(), WriteError> {
        self.float(f64::from(value))
    }

    fn serialize_f64(self, value: f64) -> Result<(), WriteError> {
        self.float(value)
    }

    fn serialize_char(self, value: char) -> Result<(), WriteError> {
        self.serialize_str(value.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, value: &str) -> Result<(), WriteError> {
        write_string(value, &mut self.w.out);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<(), WriteError> {
        let mut list = self.serialize_seq(Some(value.len()))?;
        value.iter().try_for_each(|byte| list.element(byte))?;
        list.end()
    }

    fn serialize_none(self) -> Result<(), WriteError> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), WriteError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), WriteError> {
        self.w.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), WriteError> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), WriteError> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        let inner = self.variant(variant);
        value.serialize(Canonical { w: &mut *inner.w })?;
        inner.w.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<List<'a>, WriteError> {
        self.w.out.push(b'[');
        Ok(List {
            w: self.w,
            first: true,
            close: false,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<List<'a>, WriteError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<List<'a>, WriteError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<List<'a>, WriteError> {
        let inner = self.variant(variant);
        inner.w.out.push(b'[');
        Ok(List {
            w: inner.w,
            first: true,
            close: true,
        })
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Object<'a>, WriteError> {
        Ok(Object::open(self.w, false))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Object<'a>, WriteError> {
        Ok(Object::open(self.w, false))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Object<'a>, WriteError> {
        let inner = self.variant(variant);
        Ok(Object::open(inner.w, true))
    }
}

/// The four serde traits a JSON list answers to (sequences, tuples, tuple
/// structs and tuple variants), each only naming its element method
/// differently: every element is written by [`List::element`].
macro_rules! list_serializer {
    ($($serde_trait:ident: $method:ident,)*) => {
        $(
            impl ser::$serde_trait for List<'_> {
                type Ok = ();
                type Error = WriteError;

                fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
                    self.element(value)
                }

                fn end(self) -> Result<(), WriteError> {
                    List::end(self)
                }
            }
        )*
    };
}

list_serializer! {
    SerializeSeq: serialize_element,
    SerializeTuple: serialize_element,
    SerializeTupleStruct: serialize_field,
    SerializeTupleVariant: serialize_field,
}

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = WriteError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), WriteError> {
        let key = key_text(key)?;
        self.key(key);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.value(value)
    }

    fn end(self) -> Result<(), WriteError> {
        Object::end(self)
    }
}

impl ser::SerializeStruct for Object<'_> {
    type Ok = ();
    type Error = WriteError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.key(Cow::Borrowed(key));
        self.value(value)
    }

    fn end(self) -> Result<(), WriteError> {
        Object::end(self)
    }
}

impl ser::SerializeStructVariant for Object<'_> {
    type Ok = ();
    type Error = WriteError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.key(Cow::Borrowed(key));
        self.value(value)
    }

    fn end(self) -> Result<(), WriteError> {
        Object::end(self)
    }
}

pub(crate) fn write_string(text: &str, out: &mut Vec<u8>) {
    serde_json::to_writer(out, text).expect("writing a string to memory cannot fail");
}

/// A finite double as ECMAScript's `Number.prototype.toString` writes it,
/// which RFC 8785 requires: the shortest digits that read back as the same
/// double, placed by the magnitude rules of ECMA-262 §6.1.6.1.20.
fn ecmascript_number(value: f64) -> String {
    if value == 0.0 {
        return "0".to_owned();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    // Rust writes the shortest round-trip digits too: `d.ddde±x`.
    let scientific = format!("{:e}", value.abs());
    let (mantissa, exponent) = scientific
        .split_once('e')
        .expect("exponent notation has an e");
    let digits = mantissa.replace('.', "");
    let exponent: i32 = exponent.parse().expect("the exponent is an integer");
    let k = i32::try_from(digits.len()).expect("a double has at most 17 digits");
    // The value is 0.digits × 10^n.
    let n = exponent + 1;
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        let (whole, fraction) = digits.split_at(n as usize);
        format!("{whole}.{fraction}")
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let (first, rest) = digits.split_at(1);
        let point = if rest.is_empty() { "" } else { "." };
        let exponent_sign = if n > 0 { "+" } else { "-" };
        format!("{first}{point}{rest}e{exponent_sign}{}", (n - 1).abs())
    };
    format!("{sign}{body}")
}

fn write(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(flag) => out.extend_from_slice(if *flag { b"true" } else { b"false" }),
        Value::Number(number) => match number.as_f64().filter(|_| number.is_f64()) {
            Some(fraction) => out.extend_from_slice(ecmascript_number(fraction).as_bytes()),
            None => out.extend_from_slice(number.to_string().as_bytes()),
        },
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            out.push(b'[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                write(item, out);
            }
            out.push(b']');
        }
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|(left, _), (right, _)| key_order(left, right));
            out.push(b'{');
            for (index, (key, item)) in entries.into_iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                write_string(key, out);
                out.push(b':');
                write(item, out);
            }
            out.push(b'}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sorts_keys_and_drops_whitespace() {
        let value: Value =
            serde_json::from_str(r#"{ "b": [1, true, null], "a": {"d": "x", "c": ""} }"#).unwrap();
        assert_eq!(
            to_canonical(&value),
            br#"{"a":{"c":"","d":"x"},"b":[1,true,null]}"#
        );
    }

    #[test]
    fn escapes_only_what_json_requires() {
        let value = json!("é\"\\\n\t\u{1}/\u{7f}😀");
        assert_eq!(
            String::from_utf8(to_canonical(&value)).unwrap(),
            "\"é\\\"\\\\\\n\\t\\u0001/\u{7f}😀\""
        );
    }

    #[test]
    fn keys_sort_by_utf16_code_units() {
        // U+FF61 sorts before U+1F600 in UTF-8 but after it in UTF-16,
        // where U+1F600 is the surrogate pair D83D DE00.
        let value = json!({"\u{ff61}": 2, "😀": 1});
        assert_eq!(
            String::from_utf8(to_canonical(&value)).unwrap(),
            "{\"😀\":1,\"\u{ff61}\":2}"
        );
    }

    #[test]
    fn numbers_are_written_as_ecmascript_writes_them() {
        let cases = [
            (6.0, "6"),
            (-0.0, "0"),
            (0.1, "0.1"),
            (-7.25, "-7.25"),
            (123.456, "123.456"),
            (1e21, "1e+21"),
            (1.5e22, "1.5e+22"),
            (1e20, "100000000000000000000"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (1.25e-7, "1.25e-7"),
        ];
        for (value, written) in cases {
            assert_eq!(
                String::from_utf8(to_canonical(&json!(value))).unwrap(),
                written,
                "{value}"
            );
        }
        assert_eq!(to_canonical(&json!(42)), b"42");
    }

    /// Fields declared out of order, every shape serde has, and keys that
    /// sort differently in UTF-8 and UTF-16.
    #[derive(serde::Serialize)]
    struct Shapes {
        zebra: Option<f64>,
        alpha: Vec<Variant>,
        #[serde(rename = "\u{ff61}")]
        wide: u8,
        #[serde(rename = "😀")]
        emoji: i64,
        map: std::collections::BTreeMap<u32, (bool, char, ())>,
        nested: Option<Box<Shapes>>,
        bytes: Vec<u8>,
        unit: Unit,
        flat: Flat,
    }

    #[derive(serde::Serialize)]
    struct Unit;

    #[derive(serde::Serialize)]
    struct Flat {
        b: String,
        #[serde(flatten)]
        more: std::collections::BTreeMap<String, f32>,
    }

    #[derive(serde::Serialize)]
    enum Variant {
        Plain,
        Wrapped(String),
        Pair(f64, f64),
        Fields { y: u64, x: i8 },
    }

    fn shapes(nested: Option<Box<Shapes>>) -> Shapes {
        Shapes {
            zebra: Some(6.0),
            alpha: vec![
                Variant::Plain,
                Variant::Wrapped("é\"\n".into()),
                Variant::Pair(0.1, f64::NAN),
                Variant::Fields { y: u64::MAX, x: -3 },
            ],
            wide: 2,
            emoji: -1,
            map: [(10, (true, 'x', ())), (9, (false, '😀', ()))].into(),
            nested,
            bytes: vec![0, 255],
            unit: Unit,
            flat: Flat {
                b: String::new(),
                more: [("a".to_owned(), 1.5), ("c".to_owned(), f32::INFINITY)].into(),
            },
        }
    }

    #[test]
    fn typed_values_are_written_as_their_json_value_is() {
        let value = shapes(Some(Box::new(shapes(None))));
        let mut written = Vec::new();
        write_canonical(&value, &mut written);
        let expected = to_canonical(&serde_json::to_value(&value).unwrap());
        assert_eq!(
            String::from_utf8(written).unwrap(),
            String::from_utf8(expected).unwrap()
        );
    }

    #[test]
    fn an_envelope_puts_its_raw_field_in_key_order() {
        let fields = json!({"z": 1, "a": [2.50, "b"]});
        let Value::Object(fields) = fields else {
            unreachable!()
        };
        let (written, lying) = object_around(&fields, "m", |out| {
            out.extend_from_slice(b"{\"k\":true}");
        });
        let expected = br#"{"a":[2.5,"b"],"m":{"k":true},"z":1}"#;
        assert_eq!(written, expected);
        let values: Vec<(&str, &[u8])> = lying
            .into_iter()
            .map(|(key, range)| (key, &written[range]))
            .collect();
        let expected: [(&str, &[u8]); 3] =
            [("a", b"[2.5,\"b\"]"), ("m", b"{\"k\":true}"), ("z", b"1")];
        assert_eq!(values, expected);
    }

    #[test]
    fn checksum_is_the_sha256_of_the_canonical_form() {
        // SHA-256 of the three bytes `"a"` (with the quotes).
        assert_eq!(
            checksum(&json!("a")),
            "sha256:ac8d8342bbb2362d13f0a559a3621bb407011368895164b628a54f7fc33fc43c"
        );
    }
}
