//! A recorded outcome score: one instrument, one client, one moment.
//!
//! Measures are **append-only**. Once recorded, a measure never changes and
//! is never erased, so two devices merge their measures as a grow-only set
//! keyed by id ([`crate::merge::gset::GrowOnlySet`]): the union, whatever order the
//! files arrive in. A wrong entry is corrected by recording a new measure,
//! not by editing the old one, and the score stays tied to the instrument
//! version it was computed with.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::base::date::CalendarDate;
use crate::base::hlc::Hlc;
use crate::base::ids::RecordId;
use crate::merge::gset::Immutable;
use crate::outcomes::instrument::{Instrument, InstrumentRef};
use crate::outcomes::scoring::{AnswerError, AnswerField, Answers, Score};

/// When, relative to a session, the score was taken.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// At the start of a session, before treatment.
    PreSession,
    /// At the end of a session, after treatment: shows the session's
    /// immediate effect.
    PostSession,
    /// On its own: at home, between sessions, or a questionnaire not tied
    /// to before or after treatment.
    Standalone,
}

/// The timing as the therapist reads it.
impl fmt::Display for Timing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::PreSession => "before the session",
            Self::PostSession => "after the session",
            Self::Standalone => "standalone",
        })
    }
}

/// What the capture form hands in.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct MeasureInput {
    /// The client the score is about.
    pub client: RecordId,
    /// The session it was taken in, if any.
    pub session: Option<RecordId>,
    /// The day it was taken.
    pub date: CalendarDate,
    /// When, relative to the session.
    pub timing: Timing,
    /// The raw answers.
    pub answers: Answers,
}

/// Which part of the capture form a [`MeasureError`] belongs beside.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum MeasureField {
    /// The date.
    Date,
    /// The before/after/standalone choice.
    Timing,
    /// One of the answers.
    Answer(AnswerField),
}

/// Why a measure cannot be recorded. Nothing is saved while any remains.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum MeasureError {
    /// The date is after today.
    #[error("The date can't be in the future.")]
    DateInFuture,
    /// A before- or after-session score without its session.
    #[error(
        "A score before or after a session belongs to that session. Record it from the \
         session, or choose standalone."
    )]
    SessionRequired,
    /// An answer is not acceptable.
    #[error(transparent)]
    Answer(#[from] AnswerError),
}

impl MeasureError {
    /// Where to show the message.
    pub fn field(&self) -> MeasureField {
        match self {
            Self::DateInFuture => MeasureField::Date,
            Self::SessionRequired => MeasureField::Timing,
            Self::Answer(error) => MeasureField::Answer(error.field()),
        }
    }
}

/// A recorded score. Only [`Measure::record`] makes one, so a stored score
/// always came from answers the instrument accepts.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    id: RecordId,
    instrument: InstrumentRef,
    client: RecordId,
    session: Option<RecordId>,
    date: CalendarDate,
    timing: Timing,
    answers: Answers,
    score: Score,
    #[serde(with = "crate::base::hlc_text")]
    recorded: Hlc,
}

impl Measure {
    /// Checks `input` against `instrument` and records it as `id` at
    /// `stamp`. `today` is the device's date, passed in because the core
    /// reads no clock. An incomplete questionnaire is recorded with its
    /// answers and [`Score::NotScored`]; anything wrong is refused with every
    /// problem at once.
    pub fn record(
        instrument: &Instrument,
        input: MeasureInput,
        today: CalendarDate,
        id: RecordId,
        stamp: Hlc,
    ) -> Result<Self, Vec<MeasureError>> {
        let mut errors = Vec::new();
        if input.date > today {
            errors.push(MeasureError::DateInFuture);
        }
        if input.timing != Timing::Standalone && input.session.is_none() {
            errors.push(MeasureError::SessionRequired);
        }
        let scored = instrument.score(input.answers).map_err(|answer_errors| {
            errors.extend(answer_errors.into_iter().map(MeasureError::Answer));
        });
        match scored {
            Ok((answers, score)) if errors.is_empty() => Ok(Self {
                id,
                instrument: instrument.reference(),
                client: input.client,
                session: input.session,
                date: input.date,
                timing: input.timing,
                answers,
                score,
                recorded: stamp,
            }),
            _ => Err(errors),
        }
    }

    /// The measure's permanent id.
    pub fn id(&self) -> RecordId {
        self.id
    }

    /// The instrument and version it was scored with.
    pub fn instrument(&self) -> InstrumentRef {
        self.instrument
    }

    /// The client it is about.
    pub fn client(&self) -> RecordId {
        self.client
    }

    /// The session it was taken in, if any.
    pub fn session(&self) -> Option<RecordId> {
        self.session
    }

    /// The day it was taken.
    pub fn date(&self) -> CalendarDate {
        self.date
    }

    /// When, relative to the session.
    pub fn timing(&self) -> Timing {
        self.timing
    }

    /// The answers as given.
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The score, or why there is none.
    pub fn score(&self) -> &Score {
        &self.score
    }

    /// When it was recorded, in hybrid logical time.
    pub fn recorded(&self) -> Hlc {
        self.recorded
    }
}

impl Immutable for Measure {
    fn id(&self) -> RecordId {
        self.id
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::base::finite::Finite;
    use crate::base::ids::DeviceId;
    use crate::merge::gset::GrowOnlySet;
    use crate::outcomes::benefit::PainSite;
    use crate::outcomes::catalogue::builtin;
    use crate::outcomes::instrument::InstrumentId;
    use crate::outcomes::scoring::tests::items;
    use crate::outcomes::scoring::NotScored;

    fn id(byte: u8) -> RecordId {
        RecordId::from_bytes([byte; 16])
    }

    fn date(text: &str) -> CalendarDate {
        text.parse().unwrap()
    }

    /// A measure recorded for a test, with a unique id and stamp from
    /// `serial`. Session ids, dates and answers are plain values.
    pub(crate) fn recorded(
        instrument: &Instrument,
        serial: u8,
        client: RecordId,
        session: Option<RecordId>,
        date: &str,
        timing: Timing,
        values: &[Option<f64>],
    ) -> Measure {
        let input = MeasureInput {
            client,
            session,
            date: date.parse().unwrap(),
            timing,
            answers: items(values),
        };
        let stamp = Hlc::from_parts(u64::from(serial), 0, DeviceId::from_bytes([2; 16]));
        Measure::record(
            instrument,
            input,
            "2026-12-31".parse().unwrap(),
            id(serial),
            stamp,
        )
        .unwrap()
    }

    fn input(timing: Timing, session: Option<RecordId>, values: &[Option<f64>]) -> MeasureInput {
        MeasureInput {
            client: id(1),
            session,
            date: date("2026-03-02"),
            timing,
            answers: items(values),
        }
    }

    fn record(instrument: InstrumentId, input: MeasureInput) -> Result<Measure, Vec<MeasureError>> {
        Measure::record(
            &builtin(instrument).unwrap(),
            input,
            date("2026-03-02"),
            id(50),
            Hlc::from_parts(1, 0, DeviceId::from_bytes([2; 16])),
        )
    }

    #[test]
    fn records_a_valid_score_against_its_instrument_version() {
        let back = InstrumentId::Nprs(PainSite::Back);
        let measure = record(back, input(Timing::PreSession, Some(id(7)), &[Some(6.0)])).unwrap();
        assert_eq!(measure.instrument(), builtin(back).unwrap().reference());
        assert_eq!(measure.score().value(), Finite::new(6.0).ok());
        assert_eq!((measure.client(), measure.session()), (id(1), Some(id(7))));
        assert_eq!(measure.timing(), Timing::PreSession);
    }

    #[test]
    fn an_incomplete_questionnaire_is_kept_unscored() {
        let values = [Some(3.0), Some(3.0), None, Some(2.0), Some(2.0)];
        let measure = record(InstrumentId::Who5, input(Timing::Standalone, None, &values)).unwrap();
        assert_eq!(
            measure.score(),
            &Score::NotScored(NotScored::Unanswered {
                items: vec![2],
                of: 5
            })
        );
    }

    #[test]
    fn refusals_name_their_fields() {
        let back = InstrumentId::Nprs(PainSite::Back);
        let mut future = input(Timing::Standalone, None, &[Some(4.0)]);
        future.date = date("2026-03-03");
        let cases = [
            (future, vec![MeasureField::Date]),
            (
                input(Timing::PostSession, None, &[Some(4.0)]),
                vec![MeasureField::Timing],
            ),
            (
                input(Timing::PreSession, None, &[Some(12.0)]),
                vec![
                    MeasureField::Timing,
                    MeasureField::Answer(AnswerField::Item(0)),
                ],
            ),
        ];
        for (input, fields) in cases {
            let errors = record(back, input).unwrap_err();
            let found: Vec<MeasureField> = errors.iter().map(MeasureError::field).collect();
            assert_eq!(found, fields);
        }
    }

    #[test]
    fn survives_a_round_trip_and_merges_as_a_grow_only_set() {
        let measure = record(
            InstrumentId::Stress,
            input(Timing::PreSession, Some(id(7)), &[Some(5.0)]),
        )
        .unwrap();
        let json = serde_json::to_string(&measure).unwrap();
        assert_eq!(serde_json::from_str::<Measure>(&json).unwrap(), measure);
        let mut here = GrowOnlySet::new();
        here.insert(measure.clone());
        let mut there = GrowOnlySet::new();
        there.insert(measure);
        assert_eq!(here.merge(there).len(), 1);
    }
}
