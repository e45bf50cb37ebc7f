//! Canonical JSON and the checksum of an export's records.
//!
//! The checksum must come out the same whoever computes it, so it is taken
//! over a canonical form rather than over whatever spacing or key order a
//! file happens to use: the JSON Canonicalization Scheme (RFC 8785) — no
//! insignificant whitespace, object keys sorted by UTF-16 code units, strings
//! with only the escapes JSON requires, and numbers as ECMAScript writes
//! them (RFC 8785 §3.2.2.3): integers in plain decimal, fractions in their
//! shortest round-trip form, so `6.0` is written `6`.

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

    #[test]
    fn checksum_is_the_sha256_of_the_canonical_form() {
        // SHA-256 of the three bytes `"a"` (with the quotes).
        assert_eq!(
            checksum(&json!("a")),
            "sha256:ac8d8342bbb2362d13f0a559a3621bb407011368895164b628a54f7fc33fc43c"
        );
    }
}
