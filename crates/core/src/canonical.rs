//! Canonical JSON and the checksum of an export's records.
//!
//! The checksum must come out the same whoever computes it, so it is taken
//! over a canonical form rather than over whatever spacing or key order a
//! file happens to use: the JSON Canonicalization Scheme (RFC 8785) — no
//! insignificant whitespace, object keys sorted by UTF-16 code units, strings
//! with only the escapes JSON requires. Export records hold no numbers, so
//! RFC 8785's rules for fractions never come into play; integers elsewhere
//! in the envelope are written in plain decimal, as RFC 8785 writes them.

use serde_json::Value;
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
    let digest = Sha256::digest(to_canonical(value));
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("{CHECKSUM_PREFIX}{hex}")
}

fn write_string(text: &str, out: &mut Vec<u8>) {
    serde_json::to_writer(out, text).expect("writing a string to memory cannot fail");
}

fn write(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(flag) => out.extend_from_slice(if *flag { b"true" } else { b"false" }),
        Value::Number(number) => out.extend_from_slice(number.to_string().as_bytes()),
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
            entries.sort_by(|(left, _), (right, _)| left.encode_utf16().cmp(right.encode_utf16()));
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
    fn checksum_is_the_sha256_of_the_canonical_form() {
        // SHA-256 of the three bytes `"a"` (with the quotes).
        assert_eq!(
            checksum(&json!("a")),
            "sha256:ac8d8342bbb2362d13f0a559a3621bb407011368895164b628a54f7fc33fc43c"
        );
    }
}
