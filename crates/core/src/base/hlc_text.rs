//! The text form of a clock stamp in stored records and export files:
//! `wall_millis:counter:device`, for example
//! `1767225600000:0:6f1c2a4e-8b7d-4c2e-9f1a-0123456789ab`.
//!
//! One short string per stamp keeps files readable and small, and reading is
//! strict: a stamp is accepted only in exactly the form this module writes,
//! so a damaged clock value is reported as such instead of being read as a
//! different time.

use std::fmt;

use serde::de::Visitor;
use serde::{Deserializer, Serializer};

use crate::base::hlc::Hlc;
use crate::base::ids::DeviceId;

/// Every message about an unreadable stamp starts with these words, so the
/// import parser can tell a damaged clock value from a wrongly shaped file
/// after serde has turned the error into text.
pub(crate) const MALFORMED_STAMP: &str = "malformed clock value";

/// Why a piece of text is not a clock stamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{MALFORMED_STAMP} “{text}”: {reason}")]
pub struct StampParseError {
    /// The offending text, shortened to 80 characters.
    pub text: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

/// Length of a stamp's device id as written: a hyphenated UUID.
const DEVICE_CHARS: usize = 36;

/// The longest text form: a `u64` of milliseconds, a `u32` counter and a
/// device id, with the two colons.
const MAX_STAMP_CHARS: usize = 20 + 1 + 10 + 1 + DEVICE_CHARS;

/// `stamp` in its text form, written into `buffer`. Every record holds
/// stamps, so an export writes hundreds of thousands: no `format!` and no
/// allocation (BENCHMARKS.md, issue 14).
fn write_into(stamp: Hlc, buffer: &mut [u8; MAX_STAMP_CHARS]) -> &str {
    let (mut wall, mut counter, mut device) =
        (itoa::Buffer::new(), itoa::Buffer::new(), [0; DEVICE_CHARS]);
    let parts = [
        wall.format(stamp.wall_millis()),
        ":",
        counter.format(stamp.counter()),
        ":",
        stamp.device().write_text(&mut device),
    ];
    let mut end = 0;
    for part in parts {
        buffer[end..end + part.len()].copy_from_slice(part.as_bytes());
        end += part.len();
    }
    std::str::from_utf8(&buffer[..end]).expect("digits, colons and an id's text are UTF-8")
}

/// Writes `stamp` in its text form.
pub fn format(stamp: Hlc) -> String {
    write_into(stamp, &mut [0; MAX_STAMP_CHARS]).to_owned()
}

/// Whether `text` is a whole number as [`format()`] writes one: digits
/// only, and no leading zero but in "0" itself.
fn is_plain_number(text: &str) -> bool {
    !text.is_empty()
        && text.bytes().all(|byte| byte.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'))
}

/// Whether `text` is a device id as [`format()`] writes one: 36
/// characters of lower-case hex and hyphens (where the hyphens go is
/// checked by the parse).
fn is_plain_device(text: &str) -> bool {
    text.len() == DEVICE_CHARS
        && text
            .bytes()
            .all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f' | b'-'))
}

/// Reads a stamp written by [`format()`]; any other spelling (leading zeros,
/// signs, upper-case or brace-wrapped ids) is refused.
pub fn parse(text: &str) -> Result<Hlc, StampParseError> {
    let refuse = |reason| StampParseError {
        text: text.chars().take(80).collect(),
        reason,
    };
    let mut parts = text.splitn(3, ':');
    let (Some(wall), Some(counter), Some(device)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(refuse("expected time:counter:device"));
    };
    if !(is_plain_number(wall) && is_plain_number(counter) && is_plain_device(device)) {
        return Err(refuse("not written in the standard form"));
    }
    let wall_millis = wall
        .parse::<u64>()
        .map_err(|_| refuse("the time is not a whole number of milliseconds"))?;
    let counter = counter
        .parse::<u32>()
        .map_err(|_| refuse("the counter is not a whole number"))?;
    let device = device
        .parse::<DeviceId>()
        .map_err(|_| refuse("the device is not a valid identifier"))?;
    Ok(Hlc::from_parts(wall_millis, counter, device))
}

/// Serde adapter: `#[serde(with = "crate::base::hlc_text")]` on an [`Hlc`] field.
pub fn serialize<S: Serializer>(stamp: &Hlc, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(write_into(*stamp, &mut [0; MAX_STAMP_CHARS]))
}

/// Reads a stamp from the text serde hands over, without copying it into
/// a `String` first: a practice's file holds hundreds of thousands of
/// stamps, and serde's `Cow<str>` always copies (BENCHMARKS.md, issue 14,
/// session 13).
struct StampText;

impl Visitor<'_> for StampText {
    type Value = Hlc;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Hlc, E> {
        parse(text).map_err(E::custom)
    }
}

/// Serde adapter: `#[serde(with = "crate::base::hlc_text")]` on an [`Hlc`] field.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Hlc, D::Error> {
    deserializer.deserialize_str(StampText)
}

/// Serde adapter for an optional stamp:
/// `#[serde(with = "crate::base::hlc_text::optional")]` on an `Option<Hlc>` field
/// (`null` or a stamp in the standard form).
pub mod optional {
    use std::fmt;

    use serde::de::Visitor;
    use serde::{Deserializer, Serializer};

    use crate::base::hlc::Hlc;

    /// Writes the stamp in the standard form, or `null`.
    pub fn serialize<S: Serializer>(stamp: &Option<Hlc>, serializer: S) -> Result<S::Ok, S::Error> {
        match stamp {
            Some(stamp) => super::serialize(stamp, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a stamp in the standard form, or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Hlc>, D::Error> {
        deserializer.deserialize_option(MaybeStamp)
    }

    /// `null`, or a stamp read as [`super::deserialize`] reads one.
    struct MaybeStamp;

    impl<'de> Visitor<'de> for MaybeStamp {
        type Value = Option<Hlc>;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("option")
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Option<Hlc>, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Option<Hlc>, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Option<Hlc>, D::Error> {
            super::deserialize(deserializer).map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn device() -> DeviceId {
        DeviceId::from_bytes([0xab; 16])
    }

    #[test]
    fn writes_the_documented_form() {
        let stamp = Hlc::from_parts(1_767_225_600_000, 3, device());
        assert_eq!(format(stamp), format!("1767225600000:3:{}", device()));
        let longest = Hlc::from_parts(u64::MAX, u32::MAX, device());
        let text = format!("{}:{}:{}", u64::MAX, u32::MAX, device());
        assert_eq!((format(longest), text.len()), (text, MAX_STAMP_CHARS));
        assert_eq!(parse(&format(longest)), Ok(longest));
    }

    #[test]
    fn refuses_every_non_standard_spelling() {
        let id = device().to_string();
        let bad = [
            String::new(),
            "1:2".to_owned(),
            format!("01:0:{id}"),
            format!("+1:0:{id}"),
            format!("-1:0:{id}"),
            format!("1:4294967296:{id}"),
            format!("18446744073709551616:0:{id}"),
            format!("1:0:{}", id.to_uppercase()),
            format!("1:0:{{{id}}}"),
            format!("1:0:{id}:extra"),
            format!("1:00:{id}"),
            format!("1:0:{}", id.replace('-', "")),
            format!("1:0:-{}", &id[..35]),
            format!("1:0:{}{}", &id[..9], &id[8..35]),
            format!(" 1:0:{id}"),
            "1:0:not-a-device".to_owned(),
        ];
        for text in bad {
            let error = parse(&text).unwrap_err();
            assert!(
                error.to_string().starts_with(MALFORMED_STAMP),
                "{text}: {error}"
            );
        }
    }

    proptest! {
        #[test]
        fn text_round_trips(wall: u64, counter: u32, bytes: [u8; 16]) {
            let stamp = Hlc::from_parts(wall, counter, DeviceId::from_bytes(bytes));
            prop_assert_eq!(parse(&format(stamp)), Ok(stamp));
        }

        /// Whatever a changed character makes of a stamp, what is read
        /// is only ever the one spelling it is written back as.
        #[test]
        fn only_the_standard_spelling_is_read(
            wall: u64,
            bytes: [u8; 16],
            at in 0usize..60,
            with in "[0-9a-fA-F+: {}-]",
        ) {
            let mut text = format(Hlc::from_parts(wall, 0, DeviceId::from_bytes(bytes)));
            let at = at.min(text.len() - 1);
            text.replace_range(at..=at, &with);
            if let Ok(stamp) = parse(&text) {
                prop_assert_eq!(format(stamp), text);
            }
        }
    }
}
