//! Stable identifiers: UUID v4 minted from entropy the caller provides.
//!
//! Ids are created on the device that makes the record and never change, so a
//! record keeps its identity across exports, imports and merges. Separate
//! types for records and devices keep one from being passed as the other.

use std::fmt;
use std::str::FromStr;

use serde::de::value::{BytesDeserializer, SeqAccessDeserializer, StrDeserializer};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use crate::base::environment::Environment;

/// The text was not a UUID in its usual hyphenated form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a valid identifier")]
pub struct IdParseError(String);

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl<'de> Deserialize<'de> for $name {
            /// As `uuid` reads one, faster for the one spelling Stillpoint
            /// writes ([`canonical_uuid`]).
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserialize_uuid(deserializer).map(Self)
            }
        }

        impl $name {
            /// Mints a fresh random (version 4) id from the environment's entropy.
            pub fn new(environment: &mut impl Environment) -> Self {
                Self(uuid::Builder::from_random_bytes(environment.random_bytes()).into_uuid())
            }

            /// The id built from exact bytes, for fixtures and property tests.
            pub fn from_bytes(bytes: [u8; 16]) -> Self {
                Self(uuid::Builder::from_random_bytes(bytes).into_uuid())
            }

            /// The id's sixteen bytes.
            pub fn to_bytes(self) -> [u8; 16] {
                self.0.into_bytes()
            }

            /// The id's text (lower-case, hyphenated, as [`fmt::Display`]
            /// writes it) in `buffer`, without the formatting machinery or
            /// an allocation: clock stamps are written by the hundred
            /// thousand.
            pub fn write_text(self, buffer: &mut [u8; 36]) -> &str {
                self.0.hyphenated().encode_lower(buffer)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0.hyphenated())
            }
        }

        impl FromStr for $name {
            type Err = IdParseError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                canonical_uuid(text.as_bytes())
                    .map_or_else(|| Uuid::try_parse(text), Ok)
                    .map(Self)
                    .map_err(|_| IdParseError(text.chars().take(64).collect()))
            }
        }
    };
}

/// Where the hyphens of a UUID's usual spelling go.
const HYPHENS: [usize; 4] = [8, 13, 18, 23];

/// The UUID `text` spells in the one form Stillpoint writes (lower-case,
/// hyphenated), or `None` for any other text, which the caller hands to
/// `uuid`'s own reader. A practice's export holds close to a million ids
/// (each record's, and the device of every clock stamp); `uuid`'s reader,
/// which accepts five spellings, was a tenth of reading one natively, and
/// this one reads the file 0.03 s faster there (BENCHMARKS.md, issue 14,
/// session 11). Whatever this reads, `uuid` reads the same.
fn canonical_uuid(text: &[u8]) -> Option<Uuid> {
    const INVALID: u8 = 0xff;
    /// Each byte's value as a lower-case hex digit, or `INVALID`.
    const NIBBLES: [u8; 256] = {
        let mut table = [INVALID; 256];
        let mut byte = 0;
        while byte < 256 {
            table[byte] = match byte as u8 {
                digit @ b'0'..=b'9' => digit - b'0',
                letter @ b'a'..=b'f' => letter - b'a' + 10,
                _ => INVALID,
            };
            byte += 1;
        }
        table
    };
    let text: &[u8; 36] = text.try_into().ok()?;
    if HYPHENS.iter().any(|&at| text[at] != b'-') {
        return None;
    }
    let mut bytes = [0u8; 16];
    let mut at = 0;
    let mut invalid = 0;
    for byte in &mut bytes {
        if HYPHENS.contains(&at) {
            at += 1;
        }
        let (high, low) = (
            NIBBLES[usize::from(text[at])],
            NIBBLES[usize::from(text[at + 1])],
        );
        invalid |= high | low;
        *byte = (high << 4) | (low & 0x0f);
        at += 2;
    }
    (invalid & 0xf0 == 0).then(|| Uuid::from_bytes(bytes))
}

/// Reads a UUID as `uuid`'s own `Deserialize` does (the same forms, the
/// same messages), with [`canonical_uuid`] tried first on text.
fn deserialize_uuid<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Uuid, D::Error> {
    struct Canonical;

    impl<'de> Visitor<'de> for Canonical {
        type Value = Uuid;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("a formatted UUID string")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Uuid, E> {
            match canonical_uuid(text.as_bytes()) {
                Some(uuid) => Ok(uuid),
                None => Uuid::deserialize(StrDeserializer::<E>::new(text)),
            }
        }

        fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Uuid, E> {
            Uuid::deserialize(BytesDeserializer::<E>::new(bytes))
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Uuid, A::Error> {
            Uuid::deserialize(SeqAccessDeserializer::new(seq))
        }
    }

    if deserializer.is_human_readable() {
        deserializer.deserialize_str(Canonical)
    } else {
        Uuid::deserialize(deserializer)
    }
}

uuid_id!(
    /// Identifies one record (a client, and later sessions, plans, measures).
    RecordId
);

uuid_id!(
    /// Identifies one device (tablet, laptop) that writes records; it breaks
    /// ties between clock stamps and names the source of an export.
    DeviceId
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::environment::SeededEnvironment;

    #[test]
    fn minted_ids_are_version_4_and_distinct() {
        let mut environment = SeededEnvironment::new(42, 0, 0);
        let first = RecordId::new(&mut environment);
        let second = RecordId::new(&mut environment);
        assert_ne!(first, second);
        assert_eq!(first.0.get_version_num(), 4);
    }

    #[test]
    fn display_and_parse_round_trip() {
        let mut environment = SeededEnvironment::new(1, 0, 0);
        let id = DeviceId::new(&mut environment);
        assert_eq!(id.to_string().parse::<DeviceId>(), Ok(id));
    }

    #[test]
    fn garbage_is_refused_with_the_text_quoted() {
        let error = "not-an-id".parse::<RecordId>().unwrap_err();
        assert_eq!(error.to_string(), "“not-an-id” is not a valid identifier");
    }

    #[test]
    fn serializes_as_plain_string() {
        let id = RecordId::from_bytes([0xab; 16]);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{id}\""));
    }

    /// Reads `text` as a JSON string into an id, and as `uuid` itself
    /// would: the outcome, or the message.
    fn both_ways(text: &str) -> (Result<RecordId, String>, Result<Uuid, String>) {
        let json = serde_json::to_string(text).expect("a string");
        let ours = serde_json::from_str::<RecordId>(&json).map_err(|error| error.to_string());
        let theirs = serde_json::from_str::<Uuid>(&json).map_err(|error| error.to_string());
        (ours, theirs)
    }

    #[test]
    fn every_spelling_uuid_reads_is_read_the_same() {
        let id = "6f1c2a4e-8b7d-4c2e-9f1a-0123456789ab";
        let spellings = [
            id.to_owned(),
            id.to_uppercase(),
            id.replace('-', ""),
            format!("{{{id}}}"),
            format!("urn:uuid:{id}"),
            format!("{id} "),
            id.replacen('-', "+", 1),
            "6f1c2a4e-8b7d-4c2e-9f1a-0123456789ag".to_owned(),
            String::new(),
        ];
        for text in spellings {
            let (ours, theirs) = both_ways(&text);
            assert_eq!(ours.map(|id| id.0), theirs, "{text:?}");
        }
        let not_text = serde_json::from_str::<RecordId>("7")
            .unwrap_err()
            .to_string();
        assert_eq!(
            not_text,
            serde_json::from_str::<Uuid>("7").unwrap_err().to_string()
        );
    }

    proptest::proptest! {
        /// The fast reader of the usual spelling reads what `uuid` reads:
        /// any id, upper-case or not, with any one character changed.
        #[test]
        fn the_usual_spelling_is_read_as_uuid_reads_it(
            bytes: [u8; 16],
            upper: bool,
            at in 0usize..36,
            with in proptest::option::of(proptest::char::any()),
        ) {
            let mut text = Uuid::from_bytes(bytes).hyphenated().to_string();
            if upper {
                text = text.to_uppercase();
            }
            if let Some(with) = with {
                text.replace_range(at..=at, &with.to_string());
            }
            let (ours, theirs) = both_ways(&text);
            proptest::prop_assert_eq!(ours.map(|id| id.0), theirs.clone());
            proptest::prop_assert_eq!(
                text.parse::<RecordId>().ok().map(|id| id.0),
                theirs.ok()
            );
        }
    }
}
