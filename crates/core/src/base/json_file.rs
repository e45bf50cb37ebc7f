//! Reading a Stillpoint file's JSON with bounds, before anything looks at
//! what it holds, and the names each kind of file gives itself.
//!
//! Every file the app opens (an export, a client's plan, a diary) comes from
//! another device, so it may be empty, encrypted, cut short or built to
//! exhaust memory. Size, nesting and string length are bounded before the
//! JSON parser runs, so a hostile file cannot exhaust memory or the stack.
//! The file kinds share this one reader; each turns [`JsonFileError`] into
//! its own message for the person holding the file.

use std::collections::BTreeMap;

use serde::de::IgnoredAny;
use serde_json::{Map, Value};

/// The `format` of an export (sync or backup) file.
pub const EXPORT_FORMAT: &str = "stillpoint-export";

/// The `format` of a client's self-care plan file. Plans are shared with
/// clients, not imported as backups; the id is defined here so the importer
/// recognises a plan file and says so instead of calling it damaged.
pub const PLAN_FORMAT: &str = "stillpoint-plan";

/// The `format` of a client's diary file, sent back from their phone and
/// imported on the client's page, not as a backup.
pub const DIARY_FORMAT: &str = "stillpoint-diary";

/// Largest file accepted: 64 MiB. A practice's records with years of notes
/// take a few megabytes; the bound keeps a wrong or hostile file from
/// exhausting a tablet's memory.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Longest string accepted, in bytes as written: 2 MiB. The longest valid
/// field (notes, 100,000 characters) needs at most 1.2 MB however its
/// characters are escaped.
pub const MAX_STRING_BYTES: usize = 2 * 1024 * 1024;

/// Deepest nesting of arrays and objects accepted. An export nests eight
/// deep; the bound stops a file of brackets from exhausting the stack.
pub const MAX_DEPTH: usize = 32;

/// The first bytes of an age-encrypted file (binary and armoured forms).
const AGE_MAGIC: [&[u8]; 2] = [
    b"age-encryption.org/",
    b"-----BEGIN AGE ENCRYPTED FILE-----",
];

/// Why a file's JSON was not read. Worded neutrally: each file kind says it
/// again in its own words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonFileError {
    /// Nothing but blanks.
    #[error("the file is empty")]
    Empty,
    /// Over [`MAX_FILE_BYTES`].
    #[error("the file is {bytes} bytes, over the {max} bytes allowed")]
    TooLarge {
        /// The file's size.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// Encrypted with age: it needs its passphrase first.
    #[error("the file is encrypted")]
    Encrypted,
    /// Arrays and objects nest deeper than [`MAX_DEPTH`].
    #[error("the file nests more than {max} levels deep")]
    TooDeep {
        /// The limit.
        max: usize,
    },
    /// A string is longer than [`MAX_STRING_BYTES`].
    #[error("the file holds a text over {max} bytes long")]
    StringTooLong {
        /// The limit, in bytes.
        max: usize,
    },
    /// The JSON stops part-way through.
    #[error("the file ends part-way through")]
    Truncated,
    /// Not JSON at all.
    #[error("the file is not JSON (line {line}, column {column})")]
    NotJson {
        /// Line of the first unreadable character.
        line: usize,
        /// Column of the first unreadable character.
        column: usize,
    },
    /// JSON, but a single value rather than named fields.
    #[error("the file holds a single value, not named fields")]
    NotAnObject,
}

/// Whether `bytes` start like an age-encrypted file, binary or armoured:
/// then they need a passphrase before they can be parsed.
pub fn looks_encrypted(bytes: &[u8]) -> bool {
    AGE_MAGIC.iter().any(|magic| bytes.starts_with(magic))
}

/// Refuses nesting and strings beyond the limits, without parsing. Text
/// is most of a file, so a string's end is found by [`memchr::memchr2`],
/// many bytes at a time (BENCHMARKS.md, issue 14).
fn check_lexical_limits(bytes: &[u8]) -> Result<(), JsonFileError> {
    lexical_limits(bytes, MAX_STRING_BYTES)
}

/// The nesting after `byte`, outside strings, at `depth`: refused beyond
/// [`MAX_DEPTH`].
fn nested(depth: usize, byte: u8) -> Result<usize, JsonFileError> {
    match byte {
        b'{' | b'[' if depth == MAX_DEPTH => Err(JsonFileError::TooDeep { max: MAX_DEPTH }),
        b'{' | b'[' => Ok(depth + 1),
        b'}' | b']' => Ok(depth.saturating_sub(1)),
        _ => Ok(depth),
    }
}

/// [`check_lexical_limits`] with strings of at most `max_string` bytes.
fn lexical_limits(bytes: &[u8], max_string: usize) -> Result<(), JsonFileError> {
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' => {
                let end = string_end(bytes, at + 1);
                // The closing quote, or the last byte of a string cut short.
                let last = end.map_or(bytes.len() - 1, |end| end - 1);
                if last - at > max_string {
                    return Err(JsonFileError::StringTooLong {
                        max: MAX_STRING_BYTES,
                    });
                }
                at = last + 1;
                continue;
            }
            byte => depth = nested(depth, byte)?,
        }
        at += 1;
    }
    Ok(())
}

/// The checks that need no parsing, cheapest first: blank, size,
/// encryption, then nesting and string length.
fn check_before_parsing(bytes: &[u8]) -> Result<(), JsonFileError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(JsonFileError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(JsonFileError::TooLarge {
            bytes: bytes.len(),
            max: MAX_FILE_BYTES,
        });
    }
    if looks_encrypted(bytes) {
        return Err(JsonFileError::Encrypted);
    }
    check_lexical_limits(bytes)
}

/// A parser's error as the file's fault: cut short, or not JSON.
fn unreadable(error: &serde_json::Error) -> JsonFileError {
    if error.is_eof() {
        JsonFileError::Truncated
    } else {
        JsonFileError::NotJson {
            line: error.line(),
            column: error.column(),
        }
    }
}

/// The file's top-level fields, read within every bound above; the cheap
/// checks (blank, size, encryption) run first.
pub fn read_json_object(bytes: &[u8]) -> Result<Map<String, Value>, JsonFileError> {
    check_before_parsing(bytes)?;
    match serde_json::from_slice(bytes) {
        Ok(Value::Object(fields)) => Ok(fields),
        Ok(_) => Err(JsonFileError::NotAnObject),
        Err(error) => Err(unreadable(&error)),
    }
}

/// As [`read_json_object`], but each field is left as the file's own bytes
/// (checked to be JSON), so a large field, an export's records, is parsed
/// once, straight into typed records, and never built as a [`Value`] tree:
/// for a whole practice that tree was most of an import's time and memory
/// (BENCHMARKS.md, issue 14). A field named twice keeps its last value, as
/// [`read_json_object`] does.
///
/// serde_json's `RawValue` would hold the fields too, but its feature adds
/// code to every type's deserializer in both apps; once the file is known
/// to be JSON, following its strings and brackets finds the same bytes.
pub fn read_json_fields(bytes: &[u8]) -> Result<BTreeMap<String, &[u8]>, JsonFileError> {
    check_before_parsing(bytes)?;
    serde_json::from_slice::<IgnoredAny>(bytes).map_err(|error| unreadable(&error))?;
    object_fields(bytes).ok_or(JsonFileError::NotAnObject)
}

/// The fields of the JSON object `bytes` (already known to be JSON), each
/// value as its bytes; `None` if `bytes` is not an object. A field named
/// twice keeps its last value.
pub fn object_fields(bytes: &[u8]) -> Option<BTreeMap<String, &[u8]>> {
    members(bytes, b'{')?
        .into_iter()
        .map(|(key, value)| Some((serde_json::from_slice(key?).ok()?, value)))
        .collect()
}

/// The items of the JSON array `bytes` (already known to be JSON), each
/// as its bytes; `None` if `bytes` is not an array.
pub fn array_items(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    Some(
        members(bytes, b'[')?
            .into_iter()
            .map(|(_, item)| item)
            .collect(),
    )
}

/// One member of an object (its key's bytes and its value's) or of an
/// array (an item's bytes, no key).
type Member<'a> = (Option<&'a [u8]>, &'a [u8]);

/// The members of the object (`open` is `{`) or array (`[`) that `bytes`
/// holds; `None` if `bytes` does not open with `open`.
fn members(bytes: &[u8], open: u8) -> Option<Vec<Member<'_>>> {
    let (keyed, close) = if open == b'{' {
        (true, b'}')
    } else {
        (false, b']')
    };
    let mut members = Vec::new();
    let mut at = skip_blanks(bytes, 0);
    if bytes.get(at) != Some(&open) {
        return None;
    }
    at = skip_blanks(bytes, at + 1);
    if bytes.get(at) == Some(&close) {
        return Some(members);
    }
    loop {
        let key = if keyed {
            let key_end = value_end(bytes, at)?;
            let key = &bytes[at..key_end];
            at = skip_blanks(bytes, key_end);
            if bytes.get(at) != Some(&b':') {
                return None;
            }
            at = skip_blanks(bytes, at + 1);
            Some(key)
        } else {
            None
        };
        let end = value_end(bytes, at)?;
        members.push((key, &bytes[at..end]));
        at = skip_blanks(bytes, end);
        match *bytes.get(at)? {
            b',' => at = skip_blanks(bytes, at + 1),
            byte if byte == close => return Some(members),
            _ => return None,
        }
    }
}

/// Where the blanks from `at` end.
fn skip_blanks(bytes: &[u8], at: usize) -> usize {
    at + bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|byte| byte.is_ascii_whitespace())
        .count()
}

/// Where the JSON value starting at `bytes[start]` ends: just past its
/// closing quote or bracket, or at the blank, `,`, `]` or `}` after a
/// number or word. Text is most of a file, so a string's end is found by
/// [`memchr::memchr2`], many bytes at a time.
fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = start;
    loop {
        match bytes.get(at) {
            Some(b'"') => {
                at = string_end(bytes, at + 1)?;
                if depth == 0 {
                    return Some(at);
                }
            }
            Some(b'{' | b'[') => {
                depth += 1;
                at += 1;
            }
            Some(b'}' | b']') if depth == 0 => return Some(at),
            Some(b'}' | b']') => {
                depth -= 1;
                at += 1;
                if depth == 0 {
                    return Some(at);
                }
            }
            Some(b',') if depth == 0 => return Some(at),
            Some(byte) if depth == 0 && byte.is_ascii_whitespace() => return Some(at),
            None if depth == 0 => return Some(at),
            None => return None,
            Some(_) => at += 1,
        }
    }
}

/// Where the string whose text starts at `bytes[at]` ends: just past its
/// closing quote.
fn string_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        at += memchr::memchr2(b'"', b'\\', bytes.get(at..)?)?;
        if bytes[at] == b'"' {
            return Some(at + 1);
        }
        at += 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Any JSON value, strings with quotes, escapes and brackets in them.
    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            // Quarters: exact in binary, so reading them back is exact too.
            (-4_000_000i64..4_000_000).prop_map(|n| Value::from(n as f64 / 4.0)),
            "[a-z\"\\\\,:\\[\\]{} \n\u{e9}\u{1F600}]{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map("[a-z\"\\\\]{0,4}", inner, 0..6)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    /// The limits' meaning, byte by byte (how they were first checked):
    /// the reference the fast check is held to.
    fn limits_byte_by_byte(bytes: &[u8], max_string: usize) -> Result<(), JsonFileError> {
        let (mut depth, mut string_start, mut escaped) = (0usize, None, false);
        for (index, &byte) in bytes.iter().enumerate() {
            if let Some(start) = string_start {
                if index - start > max_string {
                    return Err(JsonFileError::StringTooLong {
                        max: MAX_STRING_BYTES,
                    });
                }
                match (escaped, byte) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => string_start = None,
                    _ => {}
                }
                continue;
            }
            match byte {
                b'"' => string_start = Some(index),
                byte => depth = nested(depth, byte)?,
            }
        }
        Ok(())
    }

    proptest! {
        /// Nesting and string lengths are judged as byte by byte, on any
        /// bytes: strings cut short, stray escapes, deep brackets.
        #[test]
        fn lexical_limits_are_judged_as_byte_by_byte(
            bytes in proptest::collection::vec(
                prop_oneof![
                    Just(b'"'), Just(b'\\'), Just(b'['), Just(b']'), Just(b'{'), Just(b'}'),
                    Just(b'a'), Just(b','),
                ],
                0..200,
            ),
        ) {
            prop_assume!(!bytes.is_empty());
            for max_string in [3, 12, MAX_STRING_BYTES] {
                let fast = lexical_limits(&bytes, max_string);
                prop_assert_eq!(fast, limits_byte_by_byte(&bytes, max_string));
            }
        }

        /// The bytes found for each field and item are exactly the values
        /// serde_json reads there, however the JSON is laid out.
        #[test]
        fn fields_and_items_match_the_parser(
            fields in prop::collection::btree_map("[a-z\"\\\\]{0,4}", json_value(), 0..6),
            pretty: bool,
        ) {
            let object = Value::Object(fields.into_iter().collect());
            let text = if pretty {
                serde_json::to_vec_pretty(&object).unwrap()
            } else {
                serde_json::to_vec(&object).unwrap()
            };
            let found = read_json_fields(&text).unwrap();
            let Value::Object(expected) = object else { unreachable!() };
            prop_assert_eq!(found.len(), expected.len());
            for (key, value) in &expected {
                let bytes = found[key];
                prop_assert_eq!(&serde_json::from_slice::<Value>(bytes).unwrap(), value);
                if let Value::Array(items) = value {
                    let listed = array_items(bytes).unwrap();
                    let read: Vec<Value> = listed
                        .iter()
                        .map(|item| serde_json::from_slice(item).unwrap())
                        .collect();
                    prop_assert_eq!(&read, items);
                }
            }
        }
    }

    #[test]
    fn bounds_are_checked_before_parsing() {
        assert_eq!(read_json_object(b"  \n"), Err(JsonFileError::Empty));
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(
            read_json_object(deep.as_bytes()),
            Err(JsonFileError::TooDeep { max: MAX_DEPTH })
        );
        assert_eq!(
            read_json_object(b"age-encryption.org/v1\n"),
            Err(JsonFileError::Encrypted)
        );
    }

    #[test]
    fn only_named_fields_are_a_file() {
        assert_eq!(read_json_object(b"[1, 2]"), Err(JsonFileError::NotAnObject));
        assert_eq!(read_json_object(b"{\"a\": "), Err(JsonFileError::Truncated));
        assert!(matches!(
            read_json_object(b"{nope}"),
            Err(JsonFileError::NotJson { line: 1, .. })
        ));
        assert_eq!(read_json_object(b"{\"a\": 1}").unwrap()["a"], 1);
    }

    #[test]
    fn fields_as_text_are_refused_as_the_object_is() {
        for bytes in [
            &b"  \n"[..],
            b"[1, 2]",
            b"{\"a\": ",
            b"{nope}",
            b"[1, nope]",
            b"\"text\"",
            b"age-encryption.org/v1\n",
        ] {
            assert_eq!(
                read_json_fields(bytes).map(|_| ()),
                read_json_object(bytes).map(|_| ()),
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
        let fields = read_json_fields(b"{\"a\": [1, {\"b\": 2}], \"a\": \"last\"}").unwrap();
        assert_eq!(fields["a"], b"\"last\"");
    }

    #[test]
    fn fields_and_items_are_found_as_the_file_spells_them() {
        let bytes = br#" { "a" : [1, "x,]}", {"b": [2]}] , "c\u0064": -1.5e3 ,"e":{} } "#;
        let fields = read_json_fields(bytes).unwrap();
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["a", "cd", "e"]);
        assert_eq!(fields["cd"], b"-1.5e3");
        assert_eq!(fields["e"], b"{}");
        let items = array_items(fields["a"]).unwrap();
        assert_eq!(items, [&b"1"[..], br#""x,]}""#, br#"{"b": [2]}"#]);
        assert_eq!(array_items(b"[ ]"), Some(vec![]));
        assert_eq!(array_items(b"{}"), None);
        assert_eq!(object_fields(b"[]"), None);
    }
}
