//! From answers to a score, following the instrument's own rule.
//!
//! Two kinds of trouble are kept apart. An answer that cannot be right — a
//! 12 on a 0–10 scale, a rating for an activity without a name, a photo tap
//! below C7 — is refused with an [`AnswerError`] beside its field, and
//! nothing is saved. A questionnaire that is merely incomplete is kept with
//! its answers but [`Score::NotScored`], with the reason: a score computed
//! from some of the answers would be a made-up number.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::base::finite::Finite;
use crate::base::text_limit::{trimmed, TooLong, MAX_NAME_CHARS};
use crate::outcomes::instrument::{AnswerScale, Instrument, Scoring};
use crate::outcomes::posture::{LandmarkError, PhotoLandmarks};

/// One activity the client named for the PSFS, with its rating.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatedActivity {
    /// The activity in the client's words ("lifting my grandchild").
    pub activity: String,
    /// How well they can do it, or `None` if not rated yet.
    pub rating: Option<Finite>,
}

/// The raw answers to one instrument, as given.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Answers {
    /// One answer per item in item order; `None` where left blank.
    Items {
        /// The answers.
        values: Vec<Option<Finite>>,
    },
    /// The activities the client named (PSFS). Rows left wholly blank are
    /// ignored, so a form may always send its three rows.
    Activities {
        /// The activities, in the order named.
        activities: Vec<RatedActivity>,
    },
    /// Landmarks tapped on a side photo (craniovertebral angle).
    Photo {
        /// The taps and the photo's size.
        landmarks: PhotoLandmarks,
    },
}

/// Why a score was not computed. The answers are kept; the score is not
/// made up.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case", deny_unknown_fields)]
pub enum NotScored {
    /// Items were left blank (zero-based positions, in order).
    Unanswered {
        /// The blank items.
        items: Vec<usize>,
        /// How many items the instrument has.
        of: usize,
    },
    /// No activity was named.
    NoActivity,
    /// Activities were named but not rated (zero-based rows, in order).
    UnratedActivities {
        /// The unrated rows.
        rows: Vec<usize>,
    },
}

/// "question 3 was", "questions 1, 2 and 4 were": one-based numbers for
/// people, with the noun and verb agreeing.
fn numbered(positions: &[usize], noun: [&str; 2], verb: [&str; 2]) -> String {
    let numbers: Vec<String> = positions.iter().map(|p| (p + 1).to_string()).collect();
    match numbers.split_last() {
        Some((last, [])) => format!("{} {last} {}", noun[0], verb[0]),
        Some((last, rest)) => format!("{} {} and {last} {}", noun[1], rest.join(", "), verb[1]),
        None => String::new(),
    }
}

impl fmt::Display for NotScored {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unanswered { of: 1, .. } => f.write_str("Not scored: no answer was given."),
            Self::Unanswered { items, .. } => write!(
                f,
                "Not scored: {} left blank, and this questionnaire is scored only when \
                 every question is answered.",
                numbered(items, ["question", "questions"], ["was", "were"])
            ),
            Self::NoActivity => f.write_str("Not scored: no activity was named."),
            Self::UnratedActivities { rows } => write!(
                f,
                "Not scored: {} not rated.",
                numbered(rows, ["activity", "activities"], ["is", "are"])
            ),
        }
    }
}

/// The outcome of scoring answers that were all acceptable.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Score {
    /// The score, within the instrument's range.
    Scored(Finite),
    /// No score, and why.
    NotScored(NotScored),
}

impl Score {
    /// The score, if there is one.
    pub fn value(&self) -> Option<Finite> {
        match self {
            Self::Scored(value) => Some(*value),
            Self::NotScored(_) => None,
        }
    }
}

/// Which part of the form an [`AnswerError`] belongs beside.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum AnswerField {
    /// The item at this zero-based position.
    Item(usize),
    /// The activity row at this zero-based position.
    Activity(usize),
    /// The photo with its taps.
    Photo,
    /// The form as a whole.
    Form,
}

/// An answer that cannot be right. Nothing is saved while any remains.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum AnswerError {
    /// Outside the item's scale.
    #[error("Enter a number from {min} to {max}.")]
    OutOfRange {
        /// The item.
        item: usize,
        /// The scale's lowest value.
        min: Finite,
        /// The scale's highest value.
        max: Finite,
    },
    /// A fraction where the scale takes whole numbers only.
    #[error("Use a whole number from {min} to {max}.")]
    NotWhole {
        /// The item.
        item: usize,
        /// The scale's lowest value.
        min: Finite,
        /// The scale's highest value.
        max: Finite,
    },
    /// The kind or count of answers does not match the instrument.
    #[error("These answers do not belong to this questionnaire. Open it again and re-enter them.")]
    WrongShape,
    /// More activities than the instrument takes.
    #[error("Name at most {most} activities.")]
    TooManyActivities {
        /// The most allowed.
        most: u8,
    },
    /// A rating without an activity name.
    #[error("Name the activity before rating it.")]
    UnnamedActivity {
        /// The row.
        row: usize,
    },
    /// A rating outside the scale for an activity.
    #[error("Use a whole number from {min} to {max}.")]
    ActivityRating {
        /// The row.
        row: usize,
        /// The scale's lowest value.
        min: Finite,
        /// The scale's highest value.
        max: Finite,
    },
    /// An activity name past the length limit.
    #[error("{error}")]
    ActivityTooLong {
        /// The row.
        row: usize,
        /// The limit.
        error: TooLong,
    },
    /// An average headache intensity although no headache days were given.
    #[error("There were no headache days, so leave the average pain blank.")]
    IntensityWithoutDays,
    /// The photo taps give no angle.
    #[error(transparent)]
    Photo(#[from] LandmarkError),
}

impl AnswerError {
    /// Where to show the message.
    pub fn field(&self) -> AnswerField {
        match self {
            Self::OutOfRange { item, .. } | Self::NotWhole { item, .. } => AnswerField::Item(*item),
            Self::UnnamedActivity { row }
            | Self::ActivityRating { row, .. }
            | Self::ActivityTooLong { row, .. } => AnswerField::Activity(*row),
            Self::IntensityWithoutDays => AnswerField::Item(1),
            Self::Photo(_) => AnswerField::Photo,
            Self::WrongShape | Self::TooManyActivities { .. } => AnswerField::Form,
        }
    }
}

/// Whether `value` fits `scale`: `Err` with the pieces of the message if not.
fn check(scale: &AnswerScale, value: Finite) -> Result<(), (Finite, Finite, bool)> {
    let fits = (scale.min()..=scale.max()).contains(&value);
    let whole = !scale.whole() || value.get().fract() == 0.0;
    if fits && whole {
        Ok(())
    } else {
        Err((scale.min(), scale.max(), fits))
    }
}

fn finite(value: f64) -> Finite {
    Finite::new(value).expect("sums and means of finite answers within a scale are finite")
}

impl Instrument {
    /// Checks `answers` against this instrument and scores them. Returns the
    /// answers as they are to be stored (activity names trimmed, blank rows
    /// dropped) with the score, or every problem at once so the form can
    /// mark each field.
    pub fn score(&self, answers: Answers) -> Result<(Answers, Score), Vec<AnswerError>> {
        match (self.scoring(), answers) {
            (Scoring::CraniovertebralAngle, Answers::Photo { landmarks }) => {
                let angle = landmarks
                    .craniovertebral_angle()
                    .map_err(|e| vec![e.into()])?;
                Ok((Answers::Photo { landmarks }, Score::Scored(angle)))
            }
            (Scoring::ActivityMean { most }, Answers::Activities { activities }) => {
                self.score_activities(most, activities)
            }
            (
                Scoring::Single | Scoring::Sum { .. } | Scoring::Mean | Scoring::HeadacheDiary,
                Answers::Items { values },
            ) if values.len() == self.items().len() => {
                let score = self.score_items(&values)?;
                Ok((Answers::Items { values }, score))
            }
            _ => Err(vec![AnswerError::WrongShape]),
        }
    }

    fn score_items(&self, values: &[Option<Finite>]) -> Result<Score, Vec<AnswerError>> {
        let mut errors = Vec::new();
        let mut blank = Vec::new();
        for (item, (value, definition)) in values.iter().zip(self.items()).enumerate() {
            match value {
                None => blank.push(item),
                Some(value) => {
                    if let Err((min, max, fits)) = check(definition.scale(), *value) {
                        errors.push(if fits {
                            AnswerError::NotWhole { item, min, max }
                        } else {
                            AnswerError::OutOfRange { item, min, max }
                        });
                    }
                }
            }
        }
        if self.scoring() == Scoring::HeadacheDiary {
            // The mean intensity may be left blank; it is kept, not scored.
            blank.retain(|&item| item == 0);
            let days = values[0].map(Finite::get);
            let intensity = values[1].map(Finite::get);
            if days == Some(0.0) && intensity.is_some_and(|intensity| intensity > 0.0) {
                errors.push(AnswerError::IntensityWithoutDays);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if !blank.is_empty() {
            return Ok(Score::NotScored(NotScored::Unanswered {
                items: blank,
                of: values.len(),
            }));
        }
        let answered: Vec<f64> = values.iter().flatten().map(|value| value.get()).collect();
        let sum: f64 = answered.iter().sum();
        let score = match self.scoring() {
            Scoring::Sum { factor } => sum * factor.get(),
            Scoring::Mean => sum / answered.len() as f64,
            _ => answered[0],
        };
        Ok(Score::Scored(finite(score)))
    }

    fn score_activities(
        &self,
        most: u8,
        activities: Vec<RatedActivity>,
    ) -> Result<(Answers, Score), Vec<AnswerError>> {
        let scale = self.items()[0].scale();
        let mut errors = Vec::new();
        let mut kept = Vec::new();
        for (row, RatedActivity { activity, rating }) in activities.into_iter().enumerate() {
            let activity = match trimmed(&activity, MAX_NAME_CHARS) {
                Ok(activity) => activity,
                Err(error) => {
                    errors.push(AnswerError::ActivityTooLong { row, error });
                    continue;
                }
            };
            if activity.is_empty() && rating.is_none() {
                continue;
            }
            if activity.is_empty() {
                errors.push(AnswerError::UnnamedActivity { row });
            }
            if let Some(Err((min, max, _))) = rating.map(|rating| check(scale, rating)) {
                errors.push(AnswerError::ActivityRating { row, min, max });
            }
            kept.push(RatedActivity { activity, rating });
        }
        if kept.len() > usize::from(most) {
            errors.push(AnswerError::TooManyActivities { most });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let unrated: Vec<usize> = (0..kept.len())
            .filter(|&row| kept[row].rating.is_none())
            .collect();
        let score = if kept.is_empty() {
            Score::NotScored(NotScored::NoActivity)
        } else if !unrated.is_empty() {
            Score::NotScored(NotScored::UnratedActivities { rows: unrated })
        } else {
            let ratings: Vec<f64> = kept
                .iter()
                .flat_map(|a| a.rating)
                .map(Finite::get)
                .collect();
            // Stratford et al. 1995: the PSFS score is the mean of the ratings.
            Score::Scored(finite(ratings.iter().sum::<f64>() / ratings.len() as f64))
        };
        Ok((Answers::Activities { activities: kept }, score))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::base::finite::Finite;
    use crate::outcomes::benefit::PainSite;
    use crate::outcomes::catalogue::{builtin, free_instruments};
    use crate::outcomes::instrument::InstrumentId;
    use crate::outcomes::posture::PixelPoint;
    use proptest::prelude::*;

    fn n(value: f64) -> Finite {
        Finite::new(value).unwrap()
    }

    fn out_of_range(item: usize, min: f64, max: f64) -> Outcome {
        Err(vec![AnswerError::OutOfRange {
            item,
            min: n(min),
            max: n(max),
        }])
    }

    /// Answers to an item questionnaire, from plain numbers.
    pub(crate) fn items(values: &[Option<f64>]) -> Answers {
        Answers::Items {
            values: values.iter().map(|value| value.map(n)).collect(),
        }
    }

    type Outcome = Result<Score, Vec<AnswerError>>;
    /// An activity row as typed: name and rating.
    type Activity = (&'static str, Option<f64>);

    fn score_of(id: InstrumentId, answers: Answers) -> Outcome {
        builtin(id).unwrap().score(answers).map(|(_, score)| score)
    }

    fn activities(rows: &[Activity]) -> Answers {
        Answers::Activities {
            activities: rows
                .iter()
                .map(|&(activity, rating)| RatedActivity {
                    activity: activity.to_owned(),
                    rating: rating.map(n),
                })
                .collect(),
        }
    }

    #[test]
    fn single_item_scales() {
        let back = InstrumentId::Nprs(PainSite::Back);
        let cases: [(InstrumentId, Option<f64>, Outcome); 10] = [
            (back, Some(0.0), Ok(Score::Scored(n(0.0)))),
            (back, Some(10.0), Ok(Score::Scored(n(10.0)))),
            (back, Some(7.0), Ok(Score::Scored(n(7.0)))),
            (back, Some(11.0), out_of_range(0, 0.0, 10.0)),
            (
                back,
                Some(6.5),
                Err(vec![AnswerError::NotWhole {
                    item: 0,
                    min: n(0.0),
                    max: n(10.0),
                }]),
            ),
            (
                back,
                None,
                Ok(Score::NotScored(NotScored::Unanswered {
                    items: vec![0],
                    of: 1,
                })),
            ),
            (InstrumentId::Stress, Some(4.0), Ok(Score::Scored(n(4.0)))),
            (
                InstrumentId::MouthOpening,
                Some(38.5),
                Ok(Score::Scored(n(38.5))),
            ),
            (
                InstrumentId::MouthOpening,
                Some(95.0),
                out_of_range(0, 0.0, 90.0),
            ),
            (InstrumentId::Pgic, Some(0.0), out_of_range(0, 1.0, 7.0)),
        ];
        for (id, value, expected) in cases {
            assert_eq!(score_of(id, items(&[value])), expected, "{id} {value:?}");
        }
    }

    #[test]
    fn who5_raw_sum_times_four() {
        let cases = [
            ([5.0, 5.0, 5.0, 5.0, 5.0], 100.0, false),
            ([0.0, 0.0, 0.0, 0.0, 0.0], 0.0, true),
            // Raw 12 → 48: below 13, flagged. Raw 13 → 52: not flagged.
            ([3.0, 3.0, 2.0, 2.0, 2.0], 48.0, true),
            ([3.0, 3.0, 3.0, 2.0, 2.0], 52.0, false),
        ];
        let who5 = builtin(InstrumentId::Who5).unwrap();
        for (answers, expected, flagged) in cases {
            let values: Vec<Option<f64>> = answers.iter().copied().map(Some).collect();
            let (_, score) = who5.score(items(&values)).unwrap();
            assert_eq!(score, Score::Scored(n(expected)), "{answers:?}");
            assert_eq!(
                who5.attention_for(n(expected)).is_some(),
                flagged,
                "{answers:?}"
            );
        }
    }

    #[test]
    fn who5_incomplete_or_wrong() {
        let who5 = InstrumentId::Who5;
        assert_eq!(
            score_of(who5, items(&[Some(3.0), None, Some(2.0), None, Some(1.0)])),
            Ok(Score::NotScored(NotScored::Unanswered {
                items: vec![1, 3],
                of: 5
            }))
        );
        assert_eq!(
            score_of(
                who5,
                items(&[Some(3.0), Some(6.0), Some(2.0), Some(-1.0), None])
            ),
            Err(vec![
                AnswerError::OutOfRange {
                    item: 1,
                    min: n(0.0),
                    max: n(5.0)
                },
                AnswerError::OutOfRange {
                    item: 3,
                    min: n(0.0),
                    max: n(5.0)
                },
            ])
        );
        assert_eq!(
            score_of(who5, items(&[Some(3.0); 4])),
            Err(vec![AnswerError::WrongShape])
        );
    }

    #[test]
    fn psfs_mean_of_one_to_three_activities() {
        let psfs = InstrumentId::Psfs(PainSite::Back);
        let cases = [
            (vec![("Gardening", Some(4.0))], 4.0),
            (vec![("Gardening", Some(4.0)), ("Driving", Some(7.0))], 5.5),
            (
                vec![
                    ("Gardening", Some(4.0)),
                    ("Driving", Some(7.0)),
                    ("Lifting", Some(2.0)),
                ],
                13.0 / 3.0,
            ),
            (vec![("", None), ("  Driving ", Some(6.0)), ("", None)], 6.0),
        ];
        for (rows, expected) in cases {
            assert_eq!(
                score_of(psfs, activities(&rows)),
                Ok(Score::Scored(n(expected))),
                "{rows:?}"
            );
        }
        let (stored, _) = builtin(psfs)
            .unwrap()
            .score(activities(&[("", None), ("  Driving ", Some(6.0))]))
            .unwrap();
        assert_eq!(stored, activities(&[("Driving", Some(6.0))]));
    }

    #[test]
    fn psfs_refusals_and_gaps() {
        let psfs = InstrumentId::Psfs(PainSite::Back);
        let four = [
            ("a", Some(1.0)),
            ("b", Some(1.0)),
            ("c", Some(1.0)),
            ("d", Some(1.0)),
        ];
        let cases: [(Vec<Activity>, Outcome); 5] = [
            (vec![], Ok(Score::NotScored(NotScored::NoActivity))),
            (
                vec![("", None), ("", None)],
                Ok(Score::NotScored(NotScored::NoActivity)),
            ),
            (
                vec![("Walking", Some(5.0)), ("Driving", None)],
                Ok(Score::NotScored(NotScored::UnratedActivities {
                    rows: vec![1],
                })),
            ),
            (
                vec![("  ", Some(5.0)), ("Driving", Some(11.0))],
                Err(vec![
                    AnswerError::UnnamedActivity { row: 0 },
                    AnswerError::ActivityRating {
                        row: 1,
                        min: n(0.0),
                        max: n(10.0),
                    },
                ]),
            ),
            (
                four.to_vec(),
                Err(vec![AnswerError::TooManyActivities { most: 3 }]),
            ),
        ];
        for (rows, expected) in cases {
            assert_eq!(score_of(psfs, activities(&rows)), expected, "{rows:?}");
        }
    }

    #[test]
    fn headache_diary_scores_days() {
        let diary = InstrumentId::HeadacheDiary;
        let cases: [(Option<f64>, Option<f64>, Outcome); 6] = [
            (Some(12.0), Some(6.5), Ok(Score::Scored(n(12.0)))),
            (Some(12.0), None, Ok(Score::Scored(n(12.0)))),
            (Some(0.0), None, Ok(Score::Scored(n(0.0)))),
            (
                Some(0.0),
                Some(4.0),
                Err(vec![AnswerError::IntensityWithoutDays]),
            ),
            (
                None,
                Some(4.0),
                Ok(Score::NotScored(NotScored::Unanswered {
                    items: vec![0],
                    of: 2,
                })),
            ),
            (Some(31.0), Some(4.0), out_of_range(0, 0.0, 30.0)),
        ];
        for (days, intensity, expected) in cases {
            assert_eq!(
                score_of(diary, items(&[days, intensity])),
                expected,
                "{days:?}"
            );
        }
    }

    #[test]
    fn cva_from_photo_and_wrong_kind_of_answers() {
        let landmarks = PhotoLandmarks {
            width: n(1000.0),
            height: n(800.0),
            c7: PixelPoint {
                x: n(400.0),
                y: n(500.0),
            },
            tragus: PixelPoint {
                x: n(500.0),
                y: n(400.0),
            },
        };
        let angle = score_of(
            InstrumentId::CraniovertebralAngle,
            Answers::Photo { landmarks },
        );
        assert!(matches!(angle, Ok(Score::Scored(a)) if (a.get() - 45.0).abs() < 1e-9));
        let same = PhotoLandmarks {
            tragus: landmarks.c7,
            ..landmarks
        };
        assert_eq!(
            score_of(
                InstrumentId::CraniovertebralAngle,
                Answers::Photo { landmarks: same }
            ),
            Err(vec![AnswerError::Photo(LandmarkError::SameSpot)])
        );
        assert_eq!(
            score_of(InstrumentId::CraniovertebralAngle, items(&[Some(45.0)])),
            Err(vec![AnswerError::WrongShape])
        );
        assert_eq!(
            score_of(InstrumentId::Stress, Answers::Photo { landmarks }),
            Err(vec![AnswerError::WrongShape])
        );
    }

    #[test]
    fn reasons_read_plainly() {
        let cases = [
            (
                NotScored::Unanswered {
                    items: vec![0],
                    of: 1,
                },
                "Not scored: no answer was given.",
            ),
            (
                NotScored::Unanswered {
                    items: vec![2],
                    of: 5,
                },
                "Not scored: question 3 was left blank, and this questionnaire is scored \
                 only when every question is answered.",
            ),
            (
                NotScored::Unanswered {
                    items: vec![0, 1, 3],
                    of: 5,
                },
                "Not scored: questions 1, 2 and 4 were left blank, and this questionnaire \
                 is scored only when every question is answered.",
            ),
            (NotScored::NoActivity, "Not scored: no activity was named."),
            (
                NotScored::UnratedActivities { rows: vec![1, 2] },
                "Not scored: activities 2 and 3 are not rated.",
            ),
        ];
        for (reason, text) in cases {
            assert_eq!(reason.to_string(), text);
        }
        assert_eq!(
            AnswerError::NotWhole {
                item: 0,
                min: n(0.0),
                max: n(10.0)
            }
            .to_string(),
            "Use a whole number from 0 to 10."
        );
    }

    fn answers_for(instrument: &Instrument) -> BoxedStrategy<Answers> {
        match instrument.scoring() {
            Scoring::ActivityMean { most } => {
                proptest::collection::vec(0u8..=10, 1..=usize::from(most))
                    .prop_map(|ratings| Answers::Activities {
                        activities: ratings
                            .into_iter()
                            .map(|rating| RatedActivity {
                                activity: "Walking".to_owned(),
                                rating: Some(n(f64::from(rating))),
                            })
                            .collect(),
                    })
                    .boxed()
            }
            Scoring::CraniovertebralAngle => (
                0.0f64..1000.0,
                0.0f64..1000.0,
                0.0f64..1000.0,
                0.0f64..1000.0,
            )
                .prop_map(|(a, b, c, d)| Answers::Photo {
                    landmarks: PhotoLandmarks {
                        width: n(1000.0),
                        height: n(1000.0),
                        c7: PixelPoint { x: n(a), y: n(b) },
                        tragus: PixelPoint { x: n(c), y: n(d) },
                    },
                })
                .boxed(),
            _ => {
                let scales: Vec<(f64, f64, bool)> = instrument
                    .items()
                    .iter()
                    .map(|item| {
                        (
                            item.scale().min().get(),
                            item.scale().max().get(),
                            item.scale().whole(),
                        )
                    })
                    .collect();
                scales
                    .into_iter()
                    .map(|(min, max, whole)| {
                        (min..=max).prop_map(move |value| {
                            Some(n(if whole { value.round() } else { value }))
                        })
                    })
                    .collect::<Vec<_>>()
                    .prop_map(|values| Answers::Items { values })
                    .boxed()
            }
        }
    }

    proptest! {
        #[test]
        fn valid_answers_score_within_range(
            (instrument, answers) in proptest::sample::select(free_instruments())
                .prop_flat_map(|instrument| {
                    let answers = answers_for(&instrument);
                    (Just(instrument), answers)
                })
        ) {
            match instrument.score(answers) {
                Ok((_, Score::Scored(score))) => {
                    prop_assert!(score >= instrument.score_min() && score <= instrument.score_max());
                }
                Ok((_, Score::NotScored(_))) => prop_assert!(false, "complete answers were not scored"),
                // Random taps may be refused; every other answer here is valid.
                Err(errors) => prop_assert!(
                    errors.iter().all(|error| matches!(error, AnswerError::Photo(_) | AnswerError::IntensityWithoutDays)),
                    "{:?}", errors
                ),
            }
        }
    }
}
