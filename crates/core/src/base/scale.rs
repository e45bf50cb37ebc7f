//! Whole-number scales with fixed ends: 0–10 intensities, 1–5 quality
//! ratings, 0–100 percentages.
//!
//! One generic type serves every scale so a value can only exist inside its
//! range, whether it came from a row of buttons, typed text or a stored record
//! (deserialising an out-of-range number fails).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A whole number from `MIN` to `MAX`, both included.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Scale<const MIN: u8, const MAX: u8>(u8);

/// A 0–10 intensity (pain, tension, stress): the quick scale of eleven buttons.
pub type ZeroToTen = Scale<0, 10>;
/// A 1–5 rating, as therapists grade the quality of the craniosacral rhythm.
pub type OneToFive = Scale<1, 5>;
/// A whole percentage, 0–100.
pub type Percent = Scale<0, 100>;

/// The number is outside its scale, or is not a whole number.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
#[error("Use a whole number from {min} to {max}.")]
pub struct OutOfScale {
    /// The lowest value allowed.
    pub min: u8,
    /// The highest value allowed.
    pub max: u8,
}

impl<const MIN: u8, const MAX: u8> Scale<MIN, MAX> {
    /// The value, if it lies on the scale.
    pub fn new(value: u8) -> Result<Self, OutOfScale> {
        if (MIN..=MAX).contains(&value) {
            Ok(Self(value))
        } else {
            Err(OutOfScale { min: MIN, max: MAX })
        }
    }

    /// Reads a number as typed; blank text gives `None` (not answered).
    /// A trailing `%` is allowed so "40%" reads as 40.
    pub fn parse(text: &str) -> Result<Option<Self>, OutOfScale> {
        let text = text.trim();
        let digits = text.strip_suffix('%').unwrap_or(text).trim_end();
        if text.is_empty() {
            return Ok(None);
        }
        if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(OutOfScale { min: MIN, max: MAX });
        }
        Self::new(digits.parse().unwrap_or(u8::MAX)).map(Some)
    }

    /// The number on the scale.
    pub fn value(self) -> u8 {
        self.0
    }
}

impl<const MIN: u8, const MAX: u8> TryFrom<u8> for Scale<MIN, MAX> {
    type Error = OutOfScale;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl<const MIN: u8, const MAX: u8> From<Scale<MIN, MAX>> for u8 {
    fn from(scale: Scale<MIN, MAX>) -> Self {
        scale.0
    }
}

impl<const MIN: u8, const MAX: u8> fmt::Display for Scale<MIN, MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ends_are_included_and_outside_is_refused() {
        let zero_to_ten = OutOfScale { min: 0, max: 10 };
        let one_to_five = OutOfScale { min: 1, max: 5 };
        assert_eq!(ZeroToTen::new(0).map(u8::from), Ok(0));
        assert_eq!(ZeroToTen::new(10).map(u8::from), Ok(10));
        assert_eq!(ZeroToTen::new(11), Err(zero_to_ten));
        assert_eq!(OneToFive::new(0), Err(one_to_five));
        assert_eq!(OneToFive::new(5).map(u8::from), Ok(5));
        assert_eq!(OneToFive::new(6), Err(one_to_five));
        assert_eq!(Percent::new(100).map(u8::from), Ok(100));
        assert_eq!(
            Percent::new(101).map(u8::from),
            Err(OutOfScale { min: 0, max: 100 })
        );
    }

    #[test]
    fn parsing_typed_text() {
        let cases: [(&str, Result<Option<u8>, ()>); 10] = [
            ("", Ok(None)),
            ("   ", Ok(None)),
            ("40", Ok(Some(40))),
            (" 40 % ", Ok(Some(40))),
            ("100%", Ok(Some(100))),
            ("101", Err(())),
            ("-5", Err(())),
            ("4.5", Err(())),
            ("%", Err(())),
            ("99999", Err(())),
        ];
        for (text, expected) in cases {
            let parsed = Percent::parse(text)
                .map(|value| value.map(u8::from))
                .map_err(|_| ());
            assert_eq!(parsed, expected, "{text:?}");
        }
    }

    #[test]
    fn the_message_names_the_range() {
        assert_eq!(
            ZeroToTen::new(11).unwrap_err().to_string(),
            "Use a whole number from 0 to 10."
        );
    }

    #[test]
    fn serde_refuses_values_off_the_scale() {
        let pain = ZeroToTen::new(7).unwrap();
        assert_eq!(serde_json::to_string(&pain).unwrap(), "7");
        assert_eq!(serde_json::from_str::<ZeroToTen>("7").unwrap(), pain);
        assert!(serde_json::from_str::<ZeroToTen>("11").is_err());
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC{0,8}") {
            let _ = ZeroToTen::parse(&text);
        }
    }
}
