//! The therapist's own instruments: questionnaires they hold a licence for
//! (Stillpoint ships none of the restricted ones), defined once and then
//! scored, charted and reported like the free instruments.
//!
//! The builder checks everything the analytics rely on — a name, at least
//! one question, a range whose lowest answer is below its highest, and a
//! meaningful-change threshold — so a custom instrument can never produce a
//! score the rest of the app cannot judge.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::base::finite::Finite;
use crate::base::ids::RecordId;
use crate::base::text_limit::{required, trimmed, TooLong, MAX_NAME_CHARS, MAX_NOTES_CHARS};
use crate::merge::definition::Definition;
use crate::outcomes::benefit::BenefitArea;
use crate::outcomes::change::{ChangeRule, Direction};
use crate::outcomes::instrument::{
    Anchor, AnswerScale, Instrument, InstrumentId, Item, Scoring, Unit,
};

/// One of the therapist's instruments as it syncs: the newest version of
/// its definition (a changed definition is a new version, so scores taken
/// under the old one stay apart), or its removal.
pub type OwnInstrument = Definition<Instrument>;

/// An instrument's threshold source when the therapist gave none.
const NO_SOURCE: &str = "Threshold set by the therapist; no source given.";

/// An instrument's reference when the therapist gave no licence.
const NO_LICENCE: &str = "Custom instrument defined by the therapist.";

/// Most questions one instrument may have; longer licensed questionnaires
/// (about 30 items) fit with room to spare.
pub const MAX_ITEMS: usize = 100;

/// How a custom instrument's answers combine into its score.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    /// The sum of the answers, as most licensed questionnaires are scored.
    Sum,
    /// The mean of the answers.
    Mean,
}

/// The custom-instrument form as filled in.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct CustomInstrumentInput {
    /// The instrument's name.
    pub name: String,
    /// The benefit it tracks.
    pub area: BenefitArea,
    /// The questions, in order.
    pub items: Vec<String>,
    /// The lowest answer to each question.
    pub min: f64,
    /// The highest answer to each question.
    pub max: f64,
    /// What the lowest answer means ("not at all"), or empty.
    pub min_label: String,
    /// What the highest answer means ("all the time"), or empty.
    pub max_label: String,
    /// Whether answers are whole numbers only.
    pub whole_numbers: bool,
    /// How the answers combine into the score.
    pub aggregate: Aggregate,
    /// Which way is better.
    pub direction: Direction,
    /// Smallest meaningful change in score points, if the source gives one.
    pub change_points: Option<f64>,
    /// Smallest meaningful change as a percentage of the first score, if
    /// the source gives one.
    pub change_percent: Option<f64>,
    /// Where the threshold comes from (a paper, the instrument's manual).
    pub change_source: String,
    /// Who licenses the instrument and on what terms.
    pub licence: String,
}

/// The custom-instrument form's fields.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum CustomField {
    /// The name.
    Name,
    /// The list of questions as a whole.
    Items,
    /// One question, by zero-based position.
    Item(usize),
    /// The lowest answer.
    Min,
    /// The highest answer.
    Max,
    /// A label of an end of the scale.
    Labels,
    /// The threshold in points.
    ChangePoints,
    /// The threshold in percent.
    ChangePercent,
    /// The threshold's source.
    ChangeSource,
    /// The licence.
    Licence,
}

/// What is wrong with one field of the form.
#[derive(Clone, PartialEq, Debug, thiserror::Error)]
pub enum CustomInstrumentError {
    /// No name.
    #[error("Give the instrument a name.")]
    NameRequired,
    /// Text past its limit.
    #[error(transparent)]
    TooLong(#[from] TooLong),
    /// No questions.
    #[error("Add at least one question.")]
    NoItems,
    /// Too many questions.
    #[error("An instrument can have at most {MAX_ITEMS} questions.")]
    TooManyItems,
    /// A question without text.
    #[error("Write the question, or remove it.")]
    ItemTextRequired,
    /// Not a number.
    #[error("Enter a number.")]
    NotANumber,
    /// The lowest answer is not below the highest.
    #[error("The lowest answer must be below the highest.")]
    MinNotBelowMax,
    /// An end of the scale is implausibly large.
    #[error("Use a number between -{MAX_SCALE_END} and {MAX_SCALE_END}.")]
    EndTooLarge,
    /// An end is a fraction although answers are whole numbers.
    #[error("Answers are whole numbers, so use a whole number here.")]
    FractionalEnd,
    /// Neither threshold given.
    #[error("Give the smallest meaningful change in points, as a percentage, or both.")]
    NoThreshold,
    /// A threshold of zero or less.
    #[error("A meaningful change must be more than 0.")]
    ThresholdNotPositive,
    /// A points threshold larger than the whole score range.
    #[error("That is more than the whole range of the score.")]
    ThresholdBeyondScale,
    /// A percentage threshold over 100.
    #[error("Use a percentage from 1 to 100.")]
    PercentOver100,
}

/// Every problem with a form, each with its field, in form order.
pub type CustomErrors = Vec<(CustomField, CustomInstrumentError)>;

/// Largest size of a scale end: far past any questionnaire, and small
/// enough that a sum of [`MAX_ITEMS`] answers stays exact.
pub const MAX_SCALE_END: f64 = 1_000_000.0;

fn keep<T>(
    errors: &mut CustomErrors,
    field: CustomField,
    result: Result<T, CustomInstrumentError>,
) -> Option<T> {
    result.map_err(|error| errors.push((field, error))).ok()
}

fn optional_text(
    errors: &mut CustomErrors,
    field: CustomField,
    text: &str,
    max: usize,
) -> Option<String> {
    keep(errors, field, trimmed(text, max).map_err(Into::into))
}

fn scale_end(value: f64, whole: bool) -> Result<Finite, CustomInstrumentError> {
    let value = Finite::new(value).map_err(|_| CustomInstrumentError::NotANumber)?;
    if value.get().abs() > MAX_SCALE_END {
        Err(CustomInstrumentError::EndTooLarge)
    } else if whole && value.get().fract() != 0.0 {
        Err(CustomInstrumentError::FractionalEnd)
    } else {
        Ok(value)
    }
}

/// A threshold: more than 0, and at most `limit` (the score's span for
/// points, 100 for a percentage).
fn threshold(
    value: Option<f64>,
    limit: f64,
    beyond: CustomInstrumentError,
) -> Result<Option<Finite>, CustomInstrumentError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let value = Finite::new(value).map_err(|_| CustomInstrumentError::NotANumber)?;
    if value.get() <= 0.0 {
        Err(CustomInstrumentError::ThresholdNotPositive)
    } else if value.get() > limit {
        Err(beyond)
    } else {
        Ok(Some(value))
    }
}

impl CustomInstrumentInput {
    /// Checks the form and builds the instrument with `id` at `version`
    /// (1 for a new instrument; one more than the last for a changed one,
    /// so scores taken under the old definition stay apart). Returns every
    /// problem at once otherwise.
    pub fn build(&self, id: RecordId, version: u32) -> Result<Instrument, CustomErrors> {
        let mut errors = CustomErrors::new();
        let name = keep(
            &mut errors,
            CustomField::Name,
            required(
                &self.name,
                MAX_NAME_CHARS,
                CustomInstrumentError::NameRequired,
            ),
        );
        if self.items.is_empty() {
            errors.push((CustomField::Items, CustomInstrumentError::NoItems));
        } else if self.items.len() > MAX_ITEMS {
            errors.push((CustomField::Items, CustomInstrumentError::TooManyItems));
        }
        let mut texts = Vec::new();
        for (index, text) in self.items.iter().enumerate() {
            let text = required(
                text,
                MAX_NAME_CHARS,
                CustomInstrumentError::ItemTextRequired,
            );
            texts.extend(keep(&mut errors, CustomField::Item(index), text));
        }
        let whole = self.whole_numbers;
        let min = keep(&mut errors, CustomField::Min, scale_end(self.min, whole));
        let max = keep(&mut errors, CustomField::Max, scale_end(self.max, whole));
        if let (Some(min), Some(max)) = (min, max) {
            if min >= max {
                errors.push((CustomField::Max, CustomInstrumentError::MinNotBelowMax));
            }
        }
        let low_label = optional_text(
            &mut errors,
            CustomField::Labels,
            &self.min_label,
            MAX_NAME_CHARS,
        );
        let high_label = optional_text(
            &mut errors,
            CustomField::Labels,
            &self.max_label,
            MAX_NAME_CHARS,
        );
        let count = self.items.len() as f64;
        // A sum's ends are the answers' ends times the number of answers.
        let (scoring, answers_summed) = match self.aggregate {
            Aggregate::Sum => (
                Scoring::Sum {
                    factor: Finite::new(1.0).expect("finite"),
                },
                count,
            ),
            Aggregate::Mean => (Scoring::Mean, 1.0),
        };
        // Without a valid range or any question there is no span to check a
        // threshold against; those fields carry their own errors.
        let span = match (min, max) {
            (Some(min), Some(max)) if min < max && answers_summed > 0.0 => {
                (max.get() - min.get()) * answers_summed
            }
            _ => f64::INFINITY,
        };
        if self.change_points.is_none() && self.change_percent.is_none() {
            errors.push((
                CustomField::ChangePoints,
                CustomInstrumentError::NoThreshold,
            ));
        }
        let points = keep(
            &mut errors,
            CustomField::ChangePoints,
            threshold(
                self.change_points,
                span,
                CustomInstrumentError::ThresholdBeyondScale,
            ),
        );
        let percent = keep(
            &mut errors,
            CustomField::ChangePercent,
            threshold(
                self.change_percent,
                100.0,
                CustomInstrumentError::PercentOver100,
            ),
        );
        let source = optional_text(
            &mut errors,
            CustomField::ChangeSource,
            &self.change_source,
            MAX_NOTES_CHARS,
        );
        let licence = optional_text(
            &mut errors,
            CustomField::Licence,
            &self.licence,
            MAX_NOTES_CHARS,
        );
        let (
            Some(name),
            Some(min),
            Some(max),
            Some(low_label),
            Some(high_label),
            Some(points),
            Some(percent),
            Some(source),
            Some(licence),
        ) = (
            name, min, max, low_label, high_label, points, percent, source, licence,
        )
        else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let scale = AnswerScale {
            min,
            max,
            whole,
            anchors: [(min, low_label), (max, high_label)]
                .into_iter()
                .filter(|(_, label)| !label.is_empty())
                .map(|(value, label)| Anchor { value, label })
                .collect(),
        };
        let score_end = |end: Finite| {
            Finite::new(end.get() * answers_summed).expect("bounded ends stay finite")
        };
        Ok(Instrument {
            id: InstrumentId::Custom(id),
            version,
            subject: name.clone(),
            name,
            area: self.area,
            instructions: String::new(),
            items: texts
                .into_iter()
                .map(|text| Item {
                    text,
                    scale: scale.clone(),
                })
                .collect(),
            scoring,
            score_min: score_end(min),
            score_max: score_end(max),
            unit: Unit::Points,
            direction: self.direction,
            change_rule: ChangeRule::Difference {
                points,
                percent,
                percent_from: None,
            },
            change_source: if source.is_empty() {
                NO_SOURCE.to_owned()
            } else {
                source
            },
            reference: if licence.is_empty() {
                NO_LICENCE.to_owned()
            } else {
                licence
            },
            attention: None,
        })
    }
}

impl CustomInstrumentInput {
    /// The form that builds `instrument`, if it is shaped like one the
    /// builder makes (one scale for every question, answers summed or
    /// averaged, a difference threshold); `None` otherwise.
    pub fn of(instrument: &Instrument) -> Option<Self> {
        let scale = &instrument.items.first()?.scale;
        let label = |end: Finite| scale.label_of(end).unwrap_or_default().to_owned();
        let aggregate = match instrument.scoring {
            Scoring::Sum { factor } if factor.get() == 1.0 => Aggregate::Sum,
            Scoring::Mean => Aggregate::Mean,
            _ => return None,
        };
        let ChangeRule::Difference {
            points,
            percent,
            percent_from: None,
        } = instrument.change_rule
        else {
            return None;
        };
        Some(Self {
            name: instrument.name.clone(),
            area: instrument.area,
            items: instrument
                .items
                .iter()
                .map(|item| item.text.clone())
                .collect(),
            min: scale.min.get(),
            max: scale.max.get(),
            min_label: label(scale.min),
            max_label: label(scale.max),
            whole_numbers: scale.whole,
            aggregate,
            direction: instrument.direction,
            change_points: points.map(Finite::get),
            change_percent: percent.map(Finite::get),
            change_source: instrument.change_source.clone(),
            licence: instrument.reference.clone(),
        })
    }
}

/// The sync records of the therapist's instruments: `records` as stored,
/// plus one for each instrument among `versions` saved before instruments
/// synced (its newest version, see [`Definition::before_sync`]).
pub fn with_those_before_sync(
    mut records: Vec<OwnInstrument>,
    versions: &[Instrument],
) -> Vec<OwnInstrument> {
    let mut newest: std::collections::BTreeMap<RecordId, &Instrument> = Default::default();
    for instrument in versions {
        if let InstrumentId::Custom(id) = instrument.id {
            let kept = newest.entry(id).or_insert(instrument);
            if instrument.version > kept.version {
                *kept = instrument;
            }
        }
    }
    for (id, instrument) in newest {
        if records.iter().all(|record| record.id() != id) {
            records.push(Definition::before_sync(id, instrument.clone()));
        }
    }
    records
}

/// Whether `instrument` is exactly what the builder makes for the
/// therapist's instrument `id` from some form: what a file's instrument
/// must be to be stored.
pub fn is_as_built(instrument: &Instrument, id: RecordId) -> bool {
    instrument.id == InstrumentId::Custom(id)
        && CustomInstrumentInput::of(instrument)
            .and_then(|input| input.build(id, instrument.version).ok())
            .as_ref()
            == Some(instrument)
}

/// The field's name as it reads in a sentence.
impl fmt::Display for CustomField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Name => f.write_str("name"),
            Self::Items => f.write_str("questions"),
            Self::Item(index) => write!(f, "question {}", index + 1),
            Self::Min => f.write_str("lowest answer"),
            Self::Max => f.write_str("highest answer"),
            Self::Labels => f.write_str("scale labels"),
            Self::ChangePoints => f.write_str("meaningful change in points"),
            Self::ChangePercent => f.write_str("meaningful change in percent"),
            Self::ChangeSource => f.write_str("source of the threshold"),
            Self::Licence => f.write_str("licence"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcomes::benefit::PainSite;
    use crate::outcomes::scoring::{Answers, Score};

    fn form() -> CustomInstrumentInput {
        CustomInstrumentInput {
            name: "  Jaw function checklist ".to_owned(),
            area: BenefitArea::Pain(PainSite::Tmj),
            items: vec!["Chewing tough food".to_owned(), "Yawning".to_owned()],
            min: 0.0,
            max: 10.0,
            min_label: "No limitation".to_owned(),
            max_label: String::new(),
            whole_numbers: true,
            aggregate: Aggregate::Sum,
            direction: Direction::LowerIsBetter,
            change_points: Some(3.0),
            change_percent: None,
            change_source: String::new(),
            licence: "Licensed to this practice".to_owned(),
        }
    }

    fn build(form: &CustomInstrumentInput) -> Result<Instrument, CustomErrors> {
        form.build(RecordId::from_bytes([9; 16]), 1)
    }

    #[test]
    fn a_valid_form_builds_a_scorable_instrument() {
        let instrument = build(&form()).unwrap();
        assert_eq!(instrument.name(), "Jaw function checklist");
        assert_eq!(
            instrument.id(),
            InstrumentId::Custom(RecordId::from_bytes([9; 16]))
        );
        assert_eq!(
            (instrument.score_min().get(), instrument.score_max().get()),
            (0.0, 20.0)
        );
        assert_eq!(instrument.items()[1].scale().anchors().len(), 1);
        assert_eq!(
            instrument.change_source(),
            "Threshold set by the therapist; no source given."
        );
        let one = Finite::new(1.0).unwrap();
        let (_, score) = instrument
            .score(Answers::Items {
                values: vec![Some(one), Some(Finite::new(4.0).unwrap())],
            })
            .unwrap();
        assert_eq!(score, Score::Scored(Finite::new(5.0).unwrap()));

        let mean = CustomInstrumentInput {
            aggregate: Aggregate::Mean,
            ..form()
        };
        let instrument = build(&mean).unwrap();
        assert_eq!(instrument.score_max().get(), 10.0);
        let (_, score) = instrument
            .score(Answers::Items {
                values: vec![Some(one), Some(Finite::new(4.0).unwrap())],
            })
            .unwrap();
        assert_eq!(score, Score::Scored(Finite::new(2.5).unwrap()));
    }

    #[test]
    fn built_instruments_are_as_built_and_others_are_not() {
        let id = RecordId::from_bytes([9; 16]);
        for aggregate in [Aggregate::Sum, Aggregate::Mean] {
            let form = CustomInstrumentInput {
                aggregate,
                ..form()
            };
            assert!(is_as_built(&form.build(id, 3).unwrap(), id));
        }
        let built = build(&form()).unwrap();
        assert!(!is_as_built(&built, RecordId::from_bytes([8; 16])));
        let mut widened = built.clone();
        widened.score_max = Finite::new(40.0).unwrap();
        assert!(!is_as_built(&widened, id));
        let builtin = crate::outcomes::catalogue::free_instruments().remove(0);
        assert!(!is_as_built(&builtin, id));
    }

    #[test]
    fn instruments_saved_before_sync_get_a_record_of_their_newest_version() {
        let id = RecordId::from_bytes([9; 16]);
        let first = build(&form()).unwrap();
        let second = form().build(id, 2).unwrap();
        let records = with_those_before_sync(Vec::new(), &[second.clone(), first.clone()]);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].current(), Some(&second));
        let stamp = crate::base::hlc::Hlc::from_parts(
            5,
            0,
            crate::base::ids::DeviceId::from_bytes([1; 16]),
        );
        let synced = vec![OwnInstrument::create(id, first.clone(), stamp)];
        assert_eq!(
            with_those_before_sync(synced.clone(), &[first, second]),
            synced
        );
    }

    #[test]
    fn the_current_definition_is_the_shipped_one_or_the_newest_own_version() {
        use crate::outcomes::catalogue::{builtin, current_instrument};
        let id = RecordId::from_bytes([9; 16]);
        let own = InstrumentId::Custom(id);
        let first = build(&form()).unwrap();
        let third = form().build(id, 3).unwrap();
        let second = form().build(id, 2).unwrap();
        let other = form().build(RecordId::from_bytes([8; 16]), 7).unwrap();
        let versions = [first.clone(), third.clone(), second, other];
        let who5 = builtin(InstrumentId::Who5);
        let cases: [(InstrumentId, &[Instrument], Option<Instrument>); 6] = [
            (own, &versions, Some(third.clone())),
            (own, &versions[..1], Some(first)),
            (own, &[], None),
            (
                InstrumentId::Custom(RecordId::from_bytes([1; 16])),
                &versions,
                None,
            ),
            (InstrumentId::Who5, &versions, who5.clone()),
            (InstrumentId::Who5, &[], who5),
        ];
        for (id, held, expected) in cases {
            assert_eq!(
                current_instrument(id, held),
                expected,
                "{id} of {}",
                held.len()
            );
        }
        assert_eq!(third.version(), 3);
    }

    #[test]
    fn every_instrument_is_the_free_ones_then_every_own_version() {
        use crate::outcomes::catalogue::{all_instruments, free_instruments};
        let id = RecordId::from_bytes([9; 16]);
        let versions = [build(&form()).unwrap(), form().build(id, 2).unwrap()];
        let free = free_instruments();
        assert_eq!(all_instruments(&[]), free);
        let all = all_instruments(&versions);
        assert_eq!(all.len(), free.len() + 2);
        assert_eq!(all[..free.len()], free[..]);
        assert_eq!(all[free.len()..], versions[..]);
    }

    #[test]
    fn the_client_fills_in_only_well_being_and_their_own_activities() {
        use crate::outcomes::catalogue::free_instruments;
        for instrument in free_instruments() {
            let expected = matches!(instrument.id(), InstrumentId::Who5 | InstrumentId::Psfs(_));
            assert_eq!(
                instrument.client_fills_in(),
                expected,
                "{}",
                instrument.id()
            );
        }
        for aggregate in [Aggregate::Sum, Aggregate::Mean] {
            let own = build(&CustomInstrumentInput {
                aggregate,
                ..form()
            })
            .unwrap();
            assert!(!own.client_fills_in());
        }
    }

    #[test]
    fn bad_forms_are_refused_field_by_field() {
        use CustomField as F;
        use CustomInstrumentError as E;
        let cases: Vec<(
            CustomInstrumentInput,
            Vec<(CustomField, CustomInstrumentError)>,
        )> = vec![
            (
                CustomInstrumentInput {
                    name: "   ".to_owned(),
                    ..form()
                },
                vec![(F::Name, E::NameRequired)],
            ),
            (
                CustomInstrumentInput {
                    min: 10.0,
                    max: 10.0,
                    ..form()
                },
                vec![(F::Max, E::MinNotBelowMax)],
            ),
            (
                CustomInstrumentInput {
                    min: 5.0,
                    max: 1.0,
                    ..form()
                },
                vec![(F::Max, E::MinNotBelowMax)],
            ),
            (
                CustomInstrumentInput {
                    items: vec![],
                    change_points: Some(1.0),
                    ..form()
                },
                vec![(F::Items, E::NoItems)],
            ),
            (
                CustomInstrumentInput {
                    items: vec!["Yawning".to_owned(), " ".to_owned()],
                    ..form()
                },
                vec![(F::Item(1), E::ItemTextRequired)],
            ),
            (
                CustomInstrumentInput {
                    min: f64::NAN,
                    ..form()
                },
                vec![(F::Min, E::NotANumber)],
            ),
            (
                CustomInstrumentInput { max: 2e6, ..form() },
                vec![(F::Max, E::EndTooLarge)],
            ),
            (
                CustomInstrumentInput { max: 7.5, ..form() },
                vec![(F::Max, E::FractionalEnd)],
            ),
            (
                CustomInstrumentInput {
                    change_points: None,
                    change_percent: None,
                    ..form()
                },
                vec![(F::ChangePoints, E::NoThreshold)],
            ),
            (
                CustomInstrumentInput {
                    change_points: Some(0.0),
                    ..form()
                },
                vec![(F::ChangePoints, E::ThresholdNotPositive)],
            ),
            // Two items of 0–10 summed span 20 points.
            (
                CustomInstrumentInput {
                    change_points: Some(21.0),
                    ..form()
                },
                vec![(F::ChangePoints, E::ThresholdBeyondScale)],
            ),
            (
                CustomInstrumentInput {
                    change_points: None,
                    change_percent: Some(150.0),
                    ..form()
                },
                vec![(F::ChangePercent, E::PercentOver100)],
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(build(&input).unwrap_err(), expected, "{input:?}");
        }
        assert!(build(&CustomInstrumentInput {
            max: 7.5,
            whole_numbers: false,
            ..form()
        })
        .is_ok());
        assert!(build(&CustomInstrumentInput {
            change_points: Some(20.0),
            ..form()
        })
        .is_ok());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let input = CustomInstrumentInput {
            name: String::new(),
            min: 3.0,
            max: 3.0,
            change_points: None,
            ..form()
        };
        let fields: Vec<CustomField> = build(&input)
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(
            fields,
            [
                CustomField::Name,
                CustomField::Max,
                CustomField::ChangePoints
            ]
        );
    }
}
