//! Stable identifiers: UUID v4 minted from entropy the caller provides.
//!
//! Ids are created on the device that makes the record and never change, so a
//! record keeps its identity across exports, imports and merges. Separate
//! types for records and devices keep one from being passed as the other.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::base::environment::Environment;

/// The text was not a UUID in its usual hyphenated form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a valid identifier")]
pub struct IdParseError(String);

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

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

            /// Appends the id's text (lower-case, hyphenated, as
            /// [`fmt::Display`] writes it) without the formatting
            /// machinery: clock stamps are written by the hundred thousand.
            pub fn push_to(self, text: &mut String) {
                text.push_str(self.0.hyphenated().encode_lower(&mut Uuid::encode_buffer()));
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
                Uuid::try_parse(text)
                    .map(Self)
                    .map_err(|_| IdParseError(text.chars().take(64).collect()))
            }
        }
    };
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
}
