//! The craniovertebral angle from two points tapped on a side photo.
//!
//! The therapist takes or picks a side photo and taps C7 and the tragus; the
//! photo stays on the device and only the two points and the photo's size
//! are kept, in the photo's own pixels. The angle is the one at C7 between
//! the horizontal and the line from C7 to the tragus (Yip, Chiu & Poon 2008,
//! Man Ther 13:148–154). Image rows count downwards, so "up" is a smaller y.
//! The face may point left or right: the horizontal is taken towards the
//! face, which keeps the angle between 0° (tragus level with C7) and 90°
//! (tragus straight above C7).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::base::finite::Finite;

/// Two taps closer than this share of the photo's longer side are taken as
/// one spot: at that distance an error of a few pixels in either tap moves
/// the angle by several degrees, so the angle would mean nothing.
pub const MIN_SEPARATION_SHARE: f64 = 0.02;

/// A point on the photo in pixels, x to the right, y downwards, from the top
/// left corner.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PixelPoint {
    /// Pixels from the left edge.
    pub x: Finite,
    /// Pixels from the top edge.
    pub y: Finite,
}

/// The two landmarks tapped on a side photo, with the photo's size.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhotoLandmarks {
    /// Photo width in pixels.
    pub width: Finite,
    /// Photo height in pixels.
    pub height: Finite,
    /// The spinous process of C7.
    pub c7: PixelPoint,
    /// The tragus of the ear.
    pub tragus: PixelPoint,
}

/// A landmark, for naming it in a message.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Landmark {
    /// The spinous process of C7.
    C7,
    /// The tragus of the ear.
    Tragus,
}

impl fmt::Display for Landmark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::C7 => "C7",
            Self::Tragus => "tragus",
        })
    }
}

/// Why no angle can be computed from the taps.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum LandmarkError {
    /// The photo's size is zero or negative.
    #[error("The photo could not be read. Choose the photo again.")]
    NoPhoto,
    /// A tap lies outside the photo.
    #[error("The {0} point is outside the photo. Tap it again on the photo.")]
    OffPhoto(Landmark),
    /// Both taps are on (nearly) the same spot.
    #[error(
        "The two points are on top of each other. Tap C7 at the base of the neck, \
         then the tragus at the ear."
    )]
    SameSpot,
    /// The tragus was tapped lower than C7.
    #[error(
        "The tragus point is below C7. Check that the photo is upright and that the \
         two points are not swapped."
    )]
    TragusBelowC7,
}

impl PhotoLandmarks {
    fn contains(&self, point: PixelPoint) -> bool {
        (0.0..=self.width.get()).contains(&point.x.get())
            && (0.0..=self.height.get()).contains(&point.y.get())
    }

    /// The craniovertebral angle in degrees, 0–90.
    pub fn craniovertebral_angle(&self) -> Result<Finite, LandmarkError> {
        if self.width.get() <= 0.0 || self.height.get() <= 0.0 {
            return Err(LandmarkError::NoPhoto);
        }
        for (landmark, point) in [(Landmark::C7, self.c7), (Landmark::Tragus, self.tragus)] {
            if !self.contains(point) {
                return Err(LandmarkError::OffPhoto(landmark));
            }
        }
        let run = (self.tragus.x.get() - self.c7.x.get()).abs();
        let rise = self.c7.y.get() - self.tragus.y.get();
        let longer_side = self.width.get().max(self.height.get());
        if run.hypot(rise) < MIN_SEPARATION_SHARE * longer_side {
            return Err(LandmarkError::SameSpot);
        }
        if rise < 0.0 {
            return Err(LandmarkError::TragusBelowC7);
        }
        Ok(Finite::new(rise.atan2(run).to_degrees()).expect("an angle of finite sides"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn point(x: f64, y: f64) -> PixelPoint {
        PixelPoint {
            x: Finite::new(x).unwrap(),
            y: Finite::new(y).unwrap(),
        }
    }

    fn photo(c7: (f64, f64), tragus: (f64, f64)) -> PhotoLandmarks {
        PhotoLandmarks {
            width: Finite::new(1000.0).unwrap(),
            height: Finite::new(1000.0).unwrap(),
            c7: point(c7.0, c7.1),
            tragus: point(tragus.0, tragus.1),
        }
    }

    #[test]
    fn known_angles() {
        let root3 = 3f64.sqrt();
        let cases = [
            (
                "45°, face to the right",
                (500.0, 600.0),
                (600.0, 500.0),
                45.0,
            ),
            (
                "45°, face to the left",
                (500.0, 600.0),
                (400.0, 500.0),
                45.0,
            ),
            ("60°", (500.0, 600.0), (600.0, 600.0 - 100.0 * root3), 60.0),
            ("30°", (500.0, 600.0), (500.0 + 100.0 * root3, 500.0), 30.0),
            ("vertical", (500.0, 600.0), (500.0, 400.0), 90.0),
            ("level", (500.0, 600.0), (700.0, 600.0), 0.0),
            ("on the photo's edge", (0.0, 1000.0), (100.0, 900.0), 45.0),
        ];
        for (name, c7, tragus, expected) in cases {
            let angle = photo(c7, tragus).craniovertebral_angle().unwrap().get();
            assert!((angle - expected).abs() < 1e-9, "{name}: {angle}");
        }
    }

    #[test]
    fn bad_taps_are_refused_with_a_reason() {
        let cases = [
            (
                "coincident",
                (500.0, 600.0),
                (500.0, 600.0),
                LandmarkError::SameSpot,
            ),
            (
                "19 px apart",
                (500.0, 600.0),
                (500.0, 581.0),
                LandmarkError::SameSpot,
            ),
            (
                "below",
                (500.0, 600.0),
                (600.0, 700.0),
                LandmarkError::TragusBelowC7,
            ),
            (
                "C7 off the photo",
                (1200.0, 600.0),
                (600.0, 500.0),
                LandmarkError::OffPhoto(Landmark::C7),
            ),
            (
                "tragus off the photo",
                (500.0, 600.0),
                (600.0, -1.0),
                LandmarkError::OffPhoto(Landmark::Tragus),
            ),
        ];
        for (name, c7, tragus, expected) in cases {
            assert_eq!(
                photo(c7, tragus).craniovertebral_angle(),
                Err(expected),
                "{name}"
            );
        }
        let mut empty = photo((0.0, 0.0), (0.0, 0.0));
        empty.width = Finite::ZERO;
        assert_eq!(empty.craniovertebral_angle(), Err(LandmarkError::NoPhoto));
        assert_eq!(
            LandmarkError::SameSpot.to_string(),
            "The two points are on top of each other. Tap C7 at the base of the neck, \
             then the tragus at the ear."
        );
    }

    proptest! {
        #[test]
        fn angle_stays_within_0_to_90_and_ignores_facing(
            c7x in 0.0f64..1000.0, c7y in 0.0f64..1000.0,
            tx in 0.0f64..1000.0, ty in 0.0f64..1000.0,
        ) {
            let landmarks = photo((c7x, c7y), (tx, ty));
            if let Ok(angle) = landmarks.craniovertebral_angle() {
                prop_assert!((0.0..=90.0).contains(&angle.get()));
                let mirrored = photo((1000.0 - c7x, c7y), (1000.0 - tx, ty));
                let other = mirrored.craniovertebral_angle().unwrap().get();
                prop_assert!((other - angle.get()).abs() < 1e-9);
            }
        }
    }
}
