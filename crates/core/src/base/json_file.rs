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

use crate::base::json_outline::{outline, string_end, Bounds, Node};

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
    check_blank_size_and_encryption(bytes)?;
    check_lexical_limits(bytes)
}

/// The checks that read at most a file's first bytes: blank, size,
/// encryption.
fn check_blank_size_and_encryption(bytes: &[u8]) -> Result<(), JsonFileError> {
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
    Ok(())
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

/// Checks that `bytes` are one JSON value within every bound above,
/// reporting what [`read_json_object`] would (without building the value).
/// A reader of an [`Outline`] asks this first whenever it finds anything
/// wrong, so a file that is not JSON is named so, not called misshapen.
pub fn check_json(bytes: &[u8]) -> Result<(), JsonFileError> {
    check_before_parsing(bytes)?;
    serde_json::from_slice::<IgnoredAny>(bytes)
        .map(|_| ())
        .map_err(|error| unreadable(&error))
}

/// As [`read_json_object`], but each field is left as the file's own bytes
/// and its members (and theirs) outlined `levels` deep, in one pass over
/// the file ([`outline`]): a large field, an export's records, is then
/// parsed once, straight into typed records, and never built as a
/// [`Value`] tree nor scanned again (BENCHMARKS.md, issue 14). A field
/// named twice keeps its last value, as [`read_json_object`] does.
///
/// Only the layout between the members recorded is checked: the caller
/// must parse every field and every member at the last level, and call
/// [`check_json`] before reporting anything else wrong with the file.
///
/// serde_json's `RawValue` would hold the fields too, but its feature adds
/// code to every type's deserializer in both apps, and the file would still
/// be scanned once per level.
pub fn read_json_fields(
    bytes: &[u8],
    levels: usize,
) -> Result<BTreeMap<String, Node<'_>>, JsonFileError> {
    check_blank_size_and_encryption(bytes)?;
    let bounds = Bounds {
        depth: MAX_DEPTH,
        string: MAX_STRING_BYTES,
    };
    let Some(outline) = outline(bytes, levels.max(1), bounds) else {
        check_json(bytes)?;
        return Err(JsonFileError::NotAnObject);
    };
    if outline.repeats_a_key {
        // The earlier value of a repeated key is never read: check it here.
        check_json(bytes)?;
    }
    let Some(fields) = outline.root.into_fields() else {
        check_json(bytes)?;
        return Err(JsonFileError::NotAnObject);
    };
    Ok(fields.into_iter().collect())
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
            let found = read_json_fields(&text, 2).unwrap();
            let Value::Object(expected) = object else { unreachable!() };
            prop_assert_eq!(found.len(), expected.len());
            for (key, value) in &expected {
                let node = &found[key];
                prop_assert_eq!(&serde_json::from_slice::<Value>(node.bytes()).unwrap(), value);
                if let Value::Array(items) = value {
                    let read: Vec<Value> = node
                        .items()
                        .unwrap()
                        .iter()
                        .map(|item| serde_json::from_slice(item.bytes()).unwrap())
                        .collect();
                    prop_assert_eq!(&read, items);
                }
            }
        }

        /// Any damage to a file (a byte changed or the end cut) is judged
        /// as checking the whole file as JSON first judged it, by a reader
        /// that parses what the outline records and asks [`check_json`]
        /// when a part does not parse.
        #[test]
        fn damaged_fields_are_judged_as_the_whole_file_is(
            object in json_value(),
            pretty: bool,
            damages in prop::collection::vec(
                (any::<prop::sample::Index>(), prop_oneof![
                    Just(None),
                    prop_oneof![
                        Just(b'"'), Just(b'\\'), Just(b'['), Just(b']'), Just(b'{'), Just(b'}'),
                        Just(b','), Just(b':'), Just(b' '), Just(0x0c), Just(b'a'), Just(b'1'),
                    ].prop_map(Some),
                ]),
                1..4,
            ),
            levels in 1usize..4,
        ) {
            let object = Value::Object([("a".to_owned(), object)].into_iter().collect());
            let mut bytes = if pretty {
                serde_json::to_vec_pretty(&object).unwrap()
            } else {
                serde_json::to_vec(&object).unwrap()
            };
            for (at, byte) in &damages {
                let at = at.index(bytes.len());
                match byte {
                    Some(byte) => bytes[at] = *byte,
                    None => bytes.truncate(at),
                }
                if bytes.is_empty() {
                    break;
                }
            }
            // Bytes that are not UTF-8 inside a string pass `check_json`
            // (serde_json skips strings it ignores), then fail the member's
            // typed parse, as they always did: not what is compared here.
            prop_assume!(std::str::from_utf8(&bytes).is_ok());
            let whole = check_json(&bytes).and_then(|()| match serde_json::from_slice(&bytes) {
                Ok(Value::Object(fields)) => Ok(fields),
                _ => Err(JsonFileError::NotAnObject),
            });
            prop_assert_eq!(read_as_a_reader_does(&bytes, levels), whole);
        }
    }

    /// What a reader of [`read_json_fields`] does: parse each member the
    /// outline records at its last level, and ask [`check_json`] first
    /// when one does not parse.
    fn read_as_a_reader_does(
        bytes: &[u8],
        levels: usize,
    ) -> Result<Map<String, Value>, JsonFileError> {
        let fields = read_json_fields(bytes, levels)?;
        let read: Option<Map<String, Value>> = fields
            .into_iter()
            .map(|(key, node)| Some((key, value_of(node)?)))
            .collect();
        match read {
            Some(read) => Ok(read),
            None => {
                check_json(bytes)?;
                panic!("a file of JSON whose members do not parse: {bytes:?}")
            }
        }
    }

    /// The value of an outlined node, from its members where recorded.
    fn value_of(node: Node<'_>) -> Option<Value> {
        if let Some(items) = node.items() {
            return items
                .iter()
                .cloned()
                .map(value_of)
                .collect::<Option<_>>()
                .map(Value::Array);
        }
        let bytes = node.bytes();
        match node.into_fields() {
            Some(fields) => fields
                .into_iter()
                .map(|(key, node)| Some((key, value_of(node)?)))
                .collect::<Option<Map<String, Value>>>()
                .map(Value::Object),
            None => serde_json::from_slice(bytes).ok(),
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
            b"{\"a\": [1, nope], \"a\": 2}",
        ] {
            assert_eq!(
                read_json_fields(bytes, 2).map(|_| ()),
                read_json_object(bytes).map(|_| ()),
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
        let fields = read_json_fields(b"{\"a\": [1, {\"b\": 2}], \"a\": \"last\"}", 2).unwrap();
        assert_eq!(fields["a"].bytes(), b"\"last\"");
    }
}
