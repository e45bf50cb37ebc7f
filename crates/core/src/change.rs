//! Meaningful change: whether a client is better, the same or worse by an
//! instrument's own threshold, not by any movement of the number.
//!
//! A pain score that drops from 7 to 6 is within what a client reports from
//! one day to the next; calling it "improved" would mislead both therapist
//! and client. Each instrument therefore carries a [`ChangeRule`] with the
//! threshold its literature supports (the citations stand next to each rule
//! in [`crate::catalogue`]), and the same rule is applied to improvement and
//! to worsening, so flipping an instrument's direction swaps the two verdicts
//! and nothing else.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::finite::Finite;

/// Slack for comparing computed scores with thresholds. Means of three
/// ratings move in thirds, which `f64` cannot hold exactly: without slack a
/// change of exactly 2 points could read as 1.9999999999999996.
pub(crate) const TOLERANCE: f64 = 1e-9;

/// Which way along the scale is better for the client.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Lower is better (pain, stress, headache days).
    LowerIsBetter,
    /// Higher is better (well-being, function, mouth opening, posture angle).
    HigherIsBetter,
}

impl Direction {
    /// How much better `to` is than `from`: positive when the client is
    /// better, negative when worse, in the scale's units.
    pub fn improvement(self, from: f64, to: f64) -> f64 {
        match self {
            Self::LowerIsBetter => from - to,
            Self::HigherIsBetter => to - from,
        }
    }

    /// The other direction.
    pub fn flipped(self) -> Self {
        match self {
            Self::LowerIsBetter => Self::HigherIsBetter,
            Self::HigherIsBetter => Self::LowerIsBetter,
        }
    }
}

/// How an instrument decides that a change is meaningful.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeRule {
    /// The change from the first score to the latest counts when it reaches
    /// `points` or `percent` of the first score, whichever is given (either
    /// suffices when both are). A percentage of zero is undefined, so from a
    /// first score of 0 only the points rule can apply.
    Difference {
        /// Smallest meaningful change in the scale's units.
        points: Option<Finite>,
        /// Smallest meaningful change as a percentage of the first score.
        percent: Option<Finite>,
    },
    /// The score is itself the client's rating of change (as PGIC is): a
    /// rating at least as good as `improved` counts as improvement, one at
    /// least as bad as `worsened` as worsening; one score is enough.
    Rating {
        /// The least good rating that still counts as improved.
        improved: Finite,
        /// The least bad rating that already counts as worse.
        worsened: Finite,
    },
}

impl ChangeRule {
    /// Half the height of the "no meaningful change" band a chart draws
    /// around `baseline`: the smaller of the point and percent thresholds,
    /// since reaching either one counts. `None` for a change rating, which
    /// has no baseline to draw a band around.
    pub fn band_half_height(self, baseline: f64) -> Option<f64> {
        match self {
            Self::Difference { points, percent } => {
                let by_percent = percent
                    .filter(|_| baseline != 0.0)
                    .map(|percent| percent.get() * baseline.abs() / 100.0);
                match (points.map(|points| points.get()), by_percent) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                }
            }
            Self::Rating { .. } => None,
        }
    }
}

/// The verdict on a change.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    /// Better by at least the meaningful-change threshold.
    Improved,
    /// Changed by less than the threshold either way.
    NoMeaningfulChange,
    /// Worse by at least the meaningful-change threshold.
    Worsened,
}

impl Classification {
    /// The verdict if better and worse were swapped.
    pub fn mirrored(self) -> Self {
        match self {
            Self::Improved => Self::Worsened,
            Self::NoMeaningfulChange => Self::NoMeaningfulChange,
            Self::Worsened => Self::Improved,
        }
    }
}

/// The verdict as the therapist reads it in a table.
impl fmt::Display for Classification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Improved => "improved",
            Self::NoMeaningfulChange => "no meaningful change",
            Self::Worsened => "worsened",
        })
    }
}

impl ChangeRule {
    /// Whether the rule needs a first score to compare with, so a single
    /// score cannot be judged.
    pub fn needs_baseline(self) -> bool {
        matches!(self, Self::Difference { .. })
    }

    /// Judges the move from `baseline` to `latest` on a scale where
    /// `direction` is better.
    pub fn classify(self, direction: Direction, baseline: f64, latest: f64) -> Classification {
        match self {
            Self::Difference { points, percent } => {
                let improvement = direction.improvement(baseline, latest);
                let size = improvement.abs();
                let by_points = points.is_some_and(|points| size + TOLERANCE >= points.get());
                let by_percent = percent.is_some_and(|percent| {
                    baseline != 0.0 && size * 100.0 + TOLERANCE >= percent.get() * baseline.abs()
                });
                if size <= TOLERANCE || !(by_points || by_percent) {
                    Classification::NoMeaningfulChange
                } else if improvement > 0.0 {
                    Classification::Improved
                } else {
                    Classification::Worsened
                }
            }
            Self::Rating { improved, worsened } => {
                if direction.improvement(improved.get(), latest) >= -TOLERANCE {
                    Classification::Improved
                } else if direction.improvement(worsened.get(), latest) <= TOLERANCE {
                    Classification::Worsened
                } else {
                    Classification::NoMeaningfulChange
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use Classification::{Improved, NoMeaningfulChange, Worsened};
    use Direction::{HigherIsBetter, LowerIsBetter};

    fn finite(value: f64) -> Finite {
        Finite::new(value).unwrap()
    }

    #[test]
    fn the_band_is_the_smaller_threshold_around_the_baseline() {
        let nprs = difference(Some(2.0), Some(30.0));
        // From 7 the 2 points are smaller than 30 %; from 5, 30 % (1.5) is.
        assert_eq!(nprs.band_half_height(7.0), Some(2.0));
        assert_eq!(nprs.band_half_height(5.0), Some(1.5));
        // From 0 a percentage means nothing; only the points apply.
        assert_eq!(nprs.band_half_height(0.0), Some(2.0));
        assert_eq!(difference(None, Some(50.0)).band_half_height(0.0), None);
        assert_eq!(
            difference(Some(10.0), None).band_half_height(40.0),
            Some(10.0)
        );
        let rating = ChangeRule::Rating {
            improved: finite(2.0),
            worsened: finite(6.0),
        };
        assert_eq!(rating.band_half_height(2.0), None);
    }

    fn difference(points: Option<f64>, percent: Option<f64>) -> ChangeRule {
        ChangeRule::Difference {
            points: points.map(finite),
            percent: percent.map(finite),
        }
    }

    #[test]
    fn difference_rule_edges() {
        // Farrar's NPRS rule: 2 points or 30 %.
        let nprs = difference(Some(2.0), Some(30.0));
        let cases = [
            ("exactly 2 points", 7.0, 5.0, Improved),
            ("1.9 points, 27 %", 7.0, 5.1, NoMeaningfulChange),
            ("exactly 30 %, 1.5 points", 5.0, 3.5, Improved),
            ("29 %, 1.45 points", 5.0, 3.55, NoMeaningfulChange),
            ("1 point but 50 %", 2.0, 1.0, Improved),
            ("2 points worse", 4.0, 6.0, Worsened),
            ("no change", 6.0, 6.0, NoMeaningfulChange),
            ("from zero only points count", 0.0, 1.0, NoMeaningfulChange),
            ("from zero, 2 points worse", 0.0, 2.0, Worsened),
        ];
        for (name, baseline, latest, expected) in cases {
            assert_eq!(
                nprs.classify(LowerIsBetter, baseline, latest),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn thirds_reach_the_threshold() {
        // PSFS means of three ratings: (3+3+4)/3 → (5+5+6)/3 is exactly 2.
        let rule = difference(Some(2.0), None);
        let before = (3.0 + 3.0 + 4.0) / 3.0;
        let after = (5.0 + 5.0 + 6.0) / 3.0;
        assert_eq!(rule.classify(HigherIsBetter, before, after), Improved);
    }

    #[test]
    fn percent_only_rule() {
        // Headache-diary responder: at least 50 % fewer days.
        let rule = difference(None, Some(50.0));
        let cases = [
            (10.0, 5.0, Improved),
            (10.0, 6.0, NoMeaningfulChange),
            (8.0, 12.0, Worsened),
            (0.0, 6.0, NoMeaningfulChange),
        ];
        for (baseline, latest, expected) in cases {
            assert_eq!(
                rule.classify(LowerIsBetter, baseline, latest),
                expected,
                "{baseline} → {latest}"
            );
        }
    }

    #[test]
    fn rating_rule_reads_the_latest_score() {
        // PGIC: 1–2 improved, 6–7 worse.
        let rule = ChangeRule::Rating {
            improved: finite(2.0),
            worsened: finite(6.0),
        };
        let expected = [
            Improved,
            Improved,
            NoMeaningfulChange,
            NoMeaningfulChange,
            NoMeaningfulChange,
            Worsened,
            Worsened,
        ];
        for (rating, expected) in (1..=7).zip(expected) {
            assert_eq!(
                rule.classify(LowerIsBetter, 4.0, f64::from(rating)),
                expected,
                "rating {rating}"
            );
        }
        assert!(!rule.needs_baseline());
    }

    proptest! {
        #[test]
        fn flipping_direction_mirrors_the_verdict(
            baseline in -100.0f64..100.0,
            latest in -100.0f64..100.0,
            points in proptest::option::of(0.1f64..20.0),
            percent in proptest::option::of(1.0f64..100.0),
        ) {
            let rule = difference(points, percent);
            prop_assert_eq!(
                rule.classify(HigherIsBetter, baseline, latest),
                rule.classify(LowerIsBetter, baseline, latest).mirrored()
            );
        }

        #[test]
        fn moving_back_mirrors_the_verdict_for_points_rules(
            baseline in 0.0f64..10.0,
            latest in 0.0f64..10.0,
            points in 0.1f64..5.0,
        ) {
            let rule = difference(Some(points), None);
            prop_assert_eq!(
                rule.classify(LowerIsBetter, baseline, latest),
                rule.classify(LowerIsBetter, latest, baseline).mirrored()
            );
        }
    }
}
