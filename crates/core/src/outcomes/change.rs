//! Meaningful change: whether a client is better, the same or worse by an
//! instrument's own threshold, not by any movement of the number.
//!
//! A pain score that drops from 7 to 6 is within what a client reports from
//! one day to the next; calling it "improved" would mislead both therapist
//! and client. Each instrument therefore carries a [`ChangeRule`] with the
//! threshold its literature supports (the citations stand next to each rule
//! in [`crate::outcomes::catalogue`]).
//!
//! Thresholds are applied only where they were derived. A point threshold
//! counts both ways. A percentage threshold was derived for improvement
//! (Farrar et al. 2001: a 30 % fall in pain from moderate or severe pain), so
//! it counts only for improvement and only from the baseline its source
//! studied: from a pain of 2 one point is 50 %, and calling 2 → 3 "worse" or
//! 2 → 1 "better" would read the rule where it says nothing. Worsening needs
//! the points.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::base::finite::Finite;

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
    /// `points` either way, or, for an improvement only, `percent` of the
    /// first score (either suffices when both are given). A percentage of
    /// zero is undefined, so from a first score of 0 only the points apply.
    Difference {
        /// Smallest meaningful change in the scale's units, either way.
        points: Option<Finite>,
        /// Smallest meaningful improvement as a percentage of the first score.
        percent: Option<Finite>,
        /// The least first score (its size) from which `percent` applies,
        /// where its source studied only such baselines; `None` for any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        percent_from: Option<Finite>,
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
    /// around `baseline`, on the side of improvement: the smaller of the
    /// point and (where it applies from this baseline) percent thresholds,
    /// since reaching either one counts. `None` for a change rating, which
    /// has no baseline to draw a band around.
    pub fn band_half_height(self, baseline: f64) -> Option<f64> {
        match self {
            Self::Difference { points, .. } => {
                let by_percent = self
                    .percent_from(baseline)
                    .map(|percent| percent * baseline.abs() / 100.0);
                match (points.map(|points| points.get()), by_percent) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                }
            }
            Self::Rating { .. } => None,
        }
    }

    /// The percentage threshold if it applies to improvement from
    /// `baseline`: given, the baseline not zero, and at least `percent_from`.
    fn percent_from(self, baseline: f64) -> Option<f64> {
        match self {
            Self::Difference {
                percent: Some(percent),
                percent_from,
                ..
            } if baseline != 0.0
                && percent_from.is_none_or(|from| baseline.abs() + TOLERANCE >= from.get()) =>
            {
                Some(percent.get())
            }
            _ => None,
        }
    }

    /// Whether the rule can call a change worse: a rating always can; a
    /// difference only with a point threshold, since a percentage counts
    /// for improvement alone.
    pub fn judges_worsening(self) -> bool {
        match self {
            Self::Difference { points, .. } => points.is_some(),
            Self::Rating { .. } => true,
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
            Self::Difference { points, .. } => {
                let improvement = direction.improvement(baseline, latest);
                let size = improvement.abs();
                let by_points = points.is_some_and(|points| size + TOLERANCE >= points.get());
                let by_percent = improvement > 0.0
                    && self.percent_from(baseline).is_some_and(|percent| {
                        size * 100.0 + TOLERANCE >= percent * baseline.abs()
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
        let nprs = nprs();
        // From 7 the 2 points are smaller than 30 %; from 5, 30 % (1.5) is.
        assert_eq!(nprs.band_half_height(7.0), Some(2.0));
        assert_eq!(nprs.band_half_height(5.0), Some(1.5));
        // Below 4 (and at 0) the percentage does not apply; only the points.
        assert_eq!(nprs.band_half_height(3.0), Some(2.0));
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
            percent_from: None,
        }
    }

    /// Farrar's NPRS rule as the catalogue ships it: 2 points, or 30 % from
    /// a baseline of 4 or more.
    fn nprs() -> ChangeRule {
        ChangeRule::Difference {
            points: Some(finite(2.0)),
            percent: Some(finite(30.0)),
            percent_from: Some(finite(4.0)),
        }
    }

    #[test]
    fn difference_rule_edges() {
        let cases = [
            ("exactly 2 points", 7.0, 5.0, Improved),
            ("1.9 points, 27 %", 7.0, 5.1, NoMeaningfulChange),
            ("exactly 30 %, 1.5 points", 5.0, 3.5, Improved),
            ("29 %, 1.45 points", 5.0, 3.55, NoMeaningfulChange),
            ("30 % from 4, the least baseline", 4.0, 2.8, Improved),
            (
                "50 % but from 2: percent does not apply",
                2.0,
                1.0,
                NoMeaningfulChange,
            ),
            (
                "33 % from 3: percent does not apply",
                3.0,
                2.0,
                NoMeaningfulChange,
            ),
            ("2 → 3 is 50 % up, not worse", 2.0, 3.0, NoMeaningfulChange),
            (
                "5 → 6.5 is 30 % up, not worse",
                5.0,
                6.5,
                NoMeaningfulChange,
            ),
            ("8 → 5", 8.0, 5.0, Improved),
            ("6 → 3", 6.0, 3.0, Improved),
            ("2 points worse", 4.0, 6.0, Worsened),
            ("3 → 5 is worse by the points", 3.0, 5.0, Worsened),
            ("no change", 6.0, 6.0, NoMeaningfulChange),
            ("from zero only points count", 0.0, 1.0, NoMeaningfulChange),
            ("from zero, 2 points worse", 0.0, 2.0, Worsened),
        ];
        for (name, baseline, latest, expected) in cases {
            assert_eq!(
                nprs().classify(LowerIsBetter, baseline, latest),
                expected,
                "{name}"
            );
        }
        assert!(nprs().judges_worsening());
        assert!(!difference(None, Some(50.0)).judges_worsening());
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
            // A rise is not judged by a percentage derived for falls.
            (8.0, 12.0, NoMeaningfulChange),
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
        fn flipping_direction_mirrors_a_points_verdict(
            baseline in -100.0f64..100.0,
            latest in -100.0f64..100.0,
            points in 0.1f64..20.0,
        ) {
            let rule = difference(Some(points), None);
            prop_assert_eq!(
                rule.classify(HigherIsBetter, baseline, latest),
                rule.classify(LowerIsBetter, baseline, latest).mirrored()
            );
        }

        #[test]
        fn a_percentage_alone_never_calls_a_change_worse(
            baseline in -100.0f64..100.0,
            latest in -100.0f64..100.0,
            percent in 1.0f64..100.0,
            from in proptest::option::of(0.0f64..10.0),
        ) {
            let rule = ChangeRule::Difference {
                points: None,
                percent: Some(finite(percent)),
                percent_from: from.map(finite),
            };
            prop_assert_ne!(rule.classify(LowerIsBetter, baseline, latest), Worsened);
            prop_assert_ne!(rule.classify(HigherIsBetter, baseline, latest), Worsened);
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
