//! A finite number: what every score, answer and target is stored as.
//!
//! Outcome records are immutable and merged as grow-only sets, which need a
//! total order and equality on the whole record. `f64` has neither (NaN is
//! unequal to itself), so stored numbers go through [`Finite`], which refuses
//! NaN and infinities on the way in — from a form or from a file — and orders
//! by value.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The number was NaN or infinite.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
#[error("Enter a number.")]
pub struct NotFinite;

/// A finite `f64`, with `-0.0` stored as `0.0` so equal values compare equal.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Finite(f64);

impl Finite {
    /// Zero.
    pub const ZERO: Self = Self(0.0);

    /// The value, if it is finite.
    pub fn new(value: f64) -> Result<Self, NotFinite> {
        if value.is_finite() {
            Ok(Self(value + 0.0))
        } else {
            Err(NotFinite)
        }
    }

    /// The number.
    pub fn get(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Finite {
    type Error = NotFinite;

    fn try_from(value: f64) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Finite> for f64 {
    fn from(value: Finite) -> Self {
        value.0
    }
}

impl PartialEq for Finite {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Finite {}

impl PartialOrd for Finite {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Finite {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl std::hash::Hash for Finite {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}

/// Written as people read scores: whole numbers without a decimal point,
/// others with at most one decimal ("7", "4.3", "-2.5").
impl fmt::Display for Finite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenths = (self.0 * 10.0).round() / 10.0;
        if tenths.fract() == 0.0 {
            write!(f, "{}", tenths as i64)
        } else {
            write!(f, "{tenths:.1}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_nan_and_infinities() {
        for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(Finite::new(value), Err(NotFinite), "{value}");
        }
        assert!(serde_json::from_str::<Finite>("1e999").is_err());
    }

    #[test]
    fn negative_zero_equals_zero() {
        assert_eq!(Finite::new(-0.0).unwrap(), Finite::ZERO);
    }

    #[test]
    fn prints_like_a_score() {
        let cases = [
            (7.0, "7"),
            (4.333, "4.3"),
            (-2.5, "-2.5"),
            (2.96, "3"),
            (-0.04, "0"),
            (48.0, "48"),
        ];
        for (value, text) in cases {
            assert_eq!(Finite::new(value).unwrap().to_string(), text, "{value}");
        }
    }
}
