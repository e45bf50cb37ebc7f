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
use serde_json::error::Category;
use serde_json::value::RawValue;
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

/// Refuses nesting and strings beyond the limits, without parsing.
fn check_lexical_limits(bytes: &[u8]) -> Result<(), JsonFileError> {
    let mut depth = 0usize;
    let mut string_start = None;
    let mut escaped = false;
    for (index, &byte) in bytes.iter().enumerate() {
        if let Some(start) = string_start {
            if index - start > MAX_STRING_BYTES {
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
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(JsonFileError::TooDeep { max: MAX_DEPTH });
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
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

/// As [`read_json_object`], but each field is left as the file's own text
/// (checked to be JSON), so a large field, an export's records, is parsed
/// once, straight into typed records, and never built as a [`Value`] tree:
/// for a whole practice that tree was most of an import's time and memory
/// (BENCHMARKS.md, issue 14). A field named twice keeps its last value, as
/// [`read_json_object`] does.
pub fn read_json_fields(bytes: &[u8]) -> Result<BTreeMap<String, &RawValue>, JsonFileError> {
    check_before_parsing(bytes)?;
    serde_json::from_slice(bytes).map_err(|error| match error.classify() {
        // Keys are text and values any JSON, so only a file that is not
        // an object fails on its type; tell that from broken JSON.
        Category::Data => match serde_json::from_slice::<IgnoredAny>(bytes) {
            Ok(_) => JsonFileError::NotAnObject,
            Err(error) => unreadable(&error),
        },
        _ => unreadable(&error),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(fields["a"].get(), "\"last\"");
    }
}
