//! The text form of a clock stamp in stored records and export files:
//! `wall_millis:counter:device`, for example
//! `1767225600000:0:6f1c2a4e-8b7d-4c2e-9f1a-0123456789ab`.
//!
//! One short string per stamp keeps files readable and small, and reading is
//! strict: a stamp is accepted only in exactly the form this module writes,
//! so a damaged clock value is reported as such instead of being read as a
//! different time.

use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

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

/// Writes `stamp` in its text form. Every record holds stamps, so an
/// export writes hundreds of thousands: no `format!` (BENCHMARKS.md,
/// issue 14).
pub fn format(stamp: Hlc) -> String {
    let mut text = String::with_capacity(20 + 1 + 10 + 1 + DEVICE_CHARS);
    text.push_str(itoa::Buffer::new().format(stamp.wall_millis()));
    text.push(':');
    text.push_str(itoa::Buffer::new().format(stamp.counter()));
    text.push(':');
    stamp.device().push_to(&mut text);
    text
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
    serializer.serialize_str(&format(*stamp))
}

/// Serde adapter: `#[serde(with = "crate::base::hlc_text")]` on an [`Hlc`] field.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Hlc, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    parse(&text).map_err(D::Error::custom)
}

/// Serde adapter for an optional stamp:
/// `#[serde(with = "crate::base::hlc_text::optional")]` on an `Option<Hlc>` field
/// (`null` or a stamp in the standard form).
pub mod optional {
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

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
        <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)?
            .map(|text| super::parse(&text).map_err(D::Error::custom))
            .transpose()
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
