//! A signature drawn with a finger or a stylus, kept as vector strokes.
//!
//! Strokes rather than a bitmap: they are small to store and sync, print
//! crisply at any size, and are drawn again from the same points on every
//! device. The app maps its signature pad onto a fixed coordinate box so the
//! stored points do not depend on the screen they were drawn on.

use serde::{Deserialize, Serialize};

/// Width of the signature box, in stored units.
pub const SIGNATURE_WIDTH: u16 = 600;
/// Height of the signature box, in stored units.
pub const SIGNATURE_HEIGHT: u16 = 200;
/// Most points a signature may hold; a pointer sampled at 120 Hz over a slow
/// 30-second signature stays well below it.
pub const MAX_SIGNATURE_POINTS: usize = 5_000;

/// One point of a stroke, in the signature box (x right, y down).
pub type SignaturePoint = (u16, u16);

/// A checked signature: at least one point, every point inside the box.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(
    try_from = "Vec<Vec<SignaturePoint>>",
    into = "Vec<Vec<SignaturePoint>>"
)]
pub struct Signature {
    strokes: Vec<Vec<SignaturePoint>>,
}

/// Why a drawn signature was refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum SignatureError {
    /// Nothing was drawn.
    #[error("Sign in the box with a finger or stylus.")]
    Empty,
    /// A point lies outside the signature box.
    #[error("The signature goes outside the box: clear it and sign again.")]
    OutsideTheBox,
    /// Too many points to be a signature.
    #[error("The signature is too detailed to store: clear it and sign again.")]
    TooDetailed,
}

impl Signature {
    /// Checks the strokes as drawn. Strokes without points (a tap the pad
    /// ignored) are dropped.
    pub fn new(strokes: Vec<Vec<SignaturePoint>>) -> Result<Self, SignatureError> {
        let strokes: Vec<Vec<SignaturePoint>> = strokes
            .into_iter()
            .filter(|stroke| !stroke.is_empty())
            .collect();
        let points = || strokes.iter().flatten();
        if strokes.is_empty() {
            Err(SignatureError::Empty)
        } else if points().count() > MAX_SIGNATURE_POINTS {
            Err(SignatureError::TooDetailed)
        } else if points().any(|&(x, y)| x > SIGNATURE_WIDTH || y > SIGNATURE_HEIGHT) {
            Err(SignatureError::OutsideTheBox)
        } else {
            Ok(Self { strokes })
        }
    }

    /// The strokes in the order they were drawn.
    pub fn strokes(&self) -> &[Vec<SignaturePoint>] {
        &self.strokes
    }

    /// SVG path data drawing every stroke, for the screen and for print. A
    /// single-point stroke (a dot) is drawn as a zero-length line, which a
    /// round line cap shows as a dot.
    pub fn svg_path(&self) -> String {
        let strokes: Vec<String> = self
            .strokes
            .iter()
            .map(|stroke| {
                let (x, y) = stroke[0];
                let rest = if stroke.len() == 1 {
                    &stroke[..]
                } else {
                    &stroke[1..]
                };
                let lines: String = rest.iter().map(|(x, y)| format!(" L {x} {y}")).collect();
                format!("M {x} {y}{lines}")
            })
            .collect();
        strokes.join(" ")
    }
}

impl TryFrom<Vec<Vec<SignaturePoint>>> for Signature {
    type Error = SignatureError;

    fn try_from(strokes: Vec<Vec<SignaturePoint>>) -> Result<Self, Self::Error> {
        Self::new(strokes)
    }
}

impl From<Signature> for Vec<Vec<SignaturePoint>> {
    fn from(signature: Signature) -> Self {
        signature.strokes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_what_was_drawn() {
        let cases = [
            (vec![], Err(SignatureError::Empty)),
            (vec![vec![]], Err(SignatureError::Empty)),
            (vec![vec![(0, 0)]], Ok(1)),
            (
                vec![
                    vec![(10, 10), (SIGNATURE_WIDTH, SIGNATURE_HEIGHT)],
                    vec![],
                    vec![(5, 5)],
                ],
                Ok(2),
            ),
            (
                vec![vec![(10, 10), (SIGNATURE_WIDTH + 1, 10)]],
                Err(SignatureError::OutsideTheBox),
            ),
            (
                vec![vec![(1, 1); MAX_SIGNATURE_POINTS + 1]],
                Err(SignatureError::TooDetailed),
            ),
        ];
        for (strokes, expected) in cases {
            let result = Signature::new(strokes.clone()).map(|s| s.strokes().len());
            assert_eq!(result, expected, "{strokes:?}");
        }
    }

    #[test]
    fn draws_strokes_and_dots() {
        let signature = Signature::new(vec![vec![(1, 2), (3, 4), (5, 6)], vec![(9, 9)]]).unwrap();
        assert_eq!(signature.svg_path(), "M 1 2 L 3 4 L 5 6 M 9 9 L 9 9");
    }

    #[test]
    fn serde_round_trips_and_refuses_a_blank_signature() {
        let signature = Signature::new(vec![vec![(1, 2), (3, 4)]]).unwrap();
        let json = serde_json::to_string(&signature).unwrap();
        assert_eq!(json, "[[[1,2],[3,4]]]");
        assert_eq!(serde_json::from_str::<Signature>(&json).unwrap(), signature);
        assert!(serde_json::from_str::<Signature>("[]").is_err());
    }
}
