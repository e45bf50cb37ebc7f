//! The session form: raw input in, a checked [`SessionNote`] out, and back
//! again to edit a saved note.
//!
//! Invalid input (a rhythm of 0 or 200 a minute, pain 11, a negative
//! duration, a date in the future, no client) is refused with a message for
//! its field, and nothing is saved. Incomplete input is not an error: a draft
//! may lack anything, and [`SessionNote::missing_for_signing`] says what
//! signing needs.

use serde::{Deserialize, Serialize};

use crate::base::date::{CalendarDate, DateError};
use crate::base::ids::RecordId;
use crate::base::scale::{OutOfScale, Percent, ZeroToTen};
use crate::base::text_limit::{required, trimmed, TooLong, MAX_NAME_CHARS, MAX_NOTES_CHARS};
use crate::base::time_of_day::{TimeError, TimeOfDay};
use crate::base::toggle::without_repeats;
use crate::clinical::alert_override::AlertOverride;
use crate::clinical::body_chart::{BodyChart, Mark, MarkKind};
use crate::clinical::body_regions::Region;
use crate::clinical::cst_findings::{
    Amplitude, CstFindings, ListeningStation, RateError, RhythmQuality, RhythmRate, RhythmReading,
    Symmetry, TechniqueResult,
};
use crate::clinical::massage_work::MassageWork;
use crate::clinical::session_note::{
    DurationError, Modality, SessionDetails, SessionField, SessionLength, SessionNote, Soap,
    SoapField,
};
use crate::clinical::since_last_time::{SinceError, SinceLastTime};
use crate::outcomes::session_ratings::{RatingError, RatingInput, SessionRatings};

/// One listening station's rhythm as the form holds it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct RhythmInput {
    /// Where.
    pub station: ListeningStation,
    /// Cycles a minute as typed.
    pub rate: String,
    /// Amplitude chip.
    pub amplitude: Option<Amplitude>,
    /// Symmetry chip.
    pub symmetry: Option<Symmetry>,
    /// A 1–5 rating or words, as typed.
    pub quality: String,
}

impl RhythmInput {
    /// Whether anything was charted for the station: a row left blank is
    /// not a finding.
    pub fn is_blank(&self) -> bool {
        self.rate.trim().is_empty()
            && self.quality.trim().is_empty()
            && self.amplitude.is_none()
            && self.symmetry.is_none()
    }
}

/// The listening stations the form shows, in session order: those usually
/// read and those holding a reading (one carried from the last session, or
/// typed before the list was folded). The rest wait behind "More
/// stations", so a session that reads two stations scrolls past two rows.
pub fn stations_shown(rhythm: &[RhythmInput]) -> Vec<ListeningStation> {
    ListeningStation::SESSION_ORDER
        .into_iter()
        .filter(|station| {
            station.usually_read()
                || rhythm
                    .iter()
                    .any(|reading| reading.station == *station && !reading.is_blank())
        })
        .collect()
}

/// A body-chart mark as the mark sheet holds it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct MarkInput {
    /// Where.
    pub region: Region,
    /// What.
    pub kind: MarkKind,
    /// The intensity button pressed, if any.
    pub intensity: Option<u8>,
}

impl From<Mark> for MarkInput {
    /// A stored mark as the mark sheet shows it.
    fn from(mark: Mark) -> Self {
        Self {
            region: mark.region,
            kind: mark.kind,
            intensity: mark.intensity.map(u8::from),
        }
    }
}

/// Raw input from the session form.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct SessionInput {
    /// The client chosen, if any.
    pub client: Option<RecordId>,
    /// The session date, `YYYY-MM-DD`.
    pub date: String,
    /// The start time, `HH:MM`.
    pub start: String,
    /// The duration in minutes, as typed.
    pub duration: String,
    /// Modality chips.
    pub modalities: Vec<Modality>,
    /// SOAP text.
    pub soap: Soap,
    /// Rhythm readings.
    pub rhythm: Vec<RhythmInput>,
    /// Techniques used.
    pub techniques: Vec<TechniqueResult>,
    /// Somato-emotional response.
    pub somato_emotional: String,
    /// Global improvement in percent, as typed.
    pub improvement: String,
    /// Massage work.
    pub massage: MassageWork,
    /// Body-chart marks.
    pub marks: Vec<MarkInput>,
    /// Decisions to go on past alerts.
    pub overrides: Vec<AlertOverride>,
    /// Pain and stress before and after treatment, in the order tapped.
    #[serde(default)]
    pub ratings: Vec<RatingInput>,
    /// The client's answer at the start: anything changed since last time?
    #[serde(default)]
    pub since_last_time: SinceLastTime,
}

/// What is wrong with one session field.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum SessionFieldError {
    /// No client was chosen.
    #[error("Choose the client this session is for.")]
    ClientRequired,
    /// The date could not be read.
    #[error("This date can't be read: {0}.")]
    Date(DateError),
    /// The date is after today.
    #[error("The session date can't be in the future.")]
    DateInFuture,
    /// The start time could not be read.
    #[error(transparent)]
    StartTime(#[from] TimeError),
    /// The duration was refused.
    #[error(transparent)]
    Duration(#[from] DurationError),
    /// The rhythm rate was refused.
    #[error(transparent)]
    Rate(#[from] RateError),
    /// A number is off its scale (quality 1–5, improvement 0–100, intensity
    /// 0–10).
    #[error(transparent)]
    OutOfScale(#[from] OutOfScale),
    /// The text is too long.
    #[error(transparent)]
    TooLong(#[from] TooLong),
    /// A name is blank.
    #[error("Enter a name.")]
    NameRequired,
    /// The same station has two rows.
    #[error("This station already has a reading.")]
    StationTwice,
    /// A before/after rating was refused.
    #[error(transparent)]
    Rating(#[from] RatingError),
    /// The "since last time" answer was refused.
    #[error(transparent)]
    SinceLastTime(#[from] SinceError),
}

/// Collects every field error of one validation pass in form order.
struct Problems(Vec<(SessionField, SessionFieldError)>);

impl Problems {
    fn check<T, E: Into<SessionFieldError>>(
        &mut self,
        field: SessionField,
        result: Result<T, E>,
    ) -> Option<T> {
        result
            .map_err(|error| self.0.push((field, error.into())))
            .ok()
    }

    fn text(&mut self, field: SessionField, text: &str, max: usize) -> String {
        self.check(field, trimmed(text, max)).unwrap_or_default()
    }

    fn name(&mut self, field: SessionField, text: &str) -> String {
        self.check(
            field,
            required(text, MAX_NAME_CHARS, SessionFieldError::NameRequired),
        )
        .unwrap_or_default()
    }
}

fn session_date(
    text: &str,
    today: CalendarDate,
) -> Result<Option<CalendarDate>, SessionFieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<CalendarDate>() {
        Ok(date) if date > today => Err(SessionFieldError::DateInFuture),
        Ok(date) => Ok(Some(date)),
        Err(error) => Err(SessionFieldError::Date(error)),
    }
}

impl SessionInput {
    /// Checks every field against `today` and returns the note, or every
    /// problem at once in form order. Empty rhythm rows are dropped.
    pub fn validate(
        &self,
        today: CalendarDate,
    ) -> Result<SessionNote, Vec<(SessionField, SessionFieldError)>> {
        let mut problems = Problems(Vec::new());
        let client = problems.check(
            SessionField::Client,
            self.client.ok_or(SessionFieldError::ClientRequired),
        );
        let date = problems.check(SessionField::Date, session_date(&self.date, today));
        let start_text = self.start.trim();
        let start = problems.check(
            SessionField::StartTime,
            (!start_text.is_empty())
                .then(|| start_text.parse::<TimeOfDay>())
                .transpose(),
        );
        let duration = problems.check(SessionField::Duration, SessionLength::parse(&self.duration));
        let modalities: Vec<Modality> = self
            .modalities
            .iter()
            .map(|modality| match modality {
                Modality::Other(name) => {
                    Modality::Other(problems.name(SessionField::OtherModality, name))
                }
                known => known.clone(),
            })
            .collect();
        let mut soap = Soap::default();
        for field in SoapField::ALL {
            *soap.text_mut(field) = problems.text(
                SessionField::Soap(field),
                self.soap.text(field),
                MAX_NOTES_CHARS,
            );
        }
        let cst = CstFindings {
            rhythm: self.rhythm_readings(&mut problems),
            techniques: self
                .techniques
                .iter()
                .enumerate()
                .map(|(row, used)| TechniqueResult {
                    technique: problems.name(SessionField::TechniqueName(row), &used.technique),
                    response: used.response,
                    note: problems.text(
                        SessionField::TechniqueNote(row),
                        &used.note,
                        MAX_NOTES_CHARS,
                    ),
                })
                .collect(),
            somato_emotional: problems.text(
                SessionField::SomatoEmotional,
                &self.somato_emotional,
                MAX_NOTES_CHARS,
            ),
            improvement: problems
                .check(SessionField::Improvement, Percent::parse(&self.improvement))
                .flatten(),
        };
        let massage = MassageWork {
            areas: without_repeats(self.massage.areas.clone()),
            pressure: self.massage.pressure,
            techniques: self
                .massage
                .techniques
                .iter()
                .enumerate()
                .map(|(row, name)| problems.name(SessionField::MassageTechnique(row), name))
                .collect(),
        };
        let marks: Vec<Mark> = self
            .marks
            .iter()
            .enumerate()
            .filter_map(|(row, input)| {
                let intensity = input.intensity.map(ZeroToTen::new).transpose();
                Some(Mark {
                    region: input.region,
                    kind: input.kind,
                    intensity: problems.check(SessionField::MarkIntensity(row), intensity)?,
                })
            })
            .collect();
        let ratings = SessionRatings::check(&self.ratings).unwrap_or_else(|refused| {
            problems.0.extend(
                refused
                    .into_iter()
                    .map(|(row, error)| (SessionField::Rating(row), error.into())),
            );
            SessionRatings::default()
        });
        let since_last_time = self
            .since_last_time
            .check(date.flatten().unwrap_or(today))
            .unwrap_or_else(|refused| {
                problems.0.extend(
                    refused
                        .into_iter()
                        .map(|(field, error)| (SessionField::SinceLastTime(field), error.into())),
                );
                SinceLastTime::NotAsked
            });
        match client {
            Some(client) if problems.0.is_empty() => Ok(SessionNote {
                details: SessionDetails {
                    client,
                    date: date.flatten(),
                    start: start.flatten(),
                    duration: duration.flatten(),
                    modalities: without_repeats(modalities),
                },
                soap,
                cst,
                massage,
                chart: BodyChart::from(marks),
                overrides: self.overrides.clone(),
                ratings,
                since_last_time,
            }),
            _ => Err(problems.0),
        }
    }

    fn rhythm_readings(&self, problems: &mut Problems) -> Vec<RhythmReading> {
        let mut readings: Vec<RhythmReading> = Vec::new();
        for input in &self.rhythm {
            let station = input.station;
            if readings.iter().any(|reading| reading.station == station) {
                problems.0.push((
                    SessionField::RhythmStation(station),
                    SessionFieldError::StationTwice,
                ));
            }
            let reading = RhythmReading {
                station,
                rate: problems
                    .check(
                        SessionField::RhythmRate(station),
                        RhythmRate::parse(&input.rate),
                    )
                    .flatten(),
                amplitude: input.amplitude,
                symmetry: input.symmetry,
                quality: problems
                    .check(
                        SessionField::RhythmQuality(station),
                        trimmed(&input.quality, MAX_NAME_CHARS)
                            .map_err(SessionFieldError::from)
                            .and_then(|quality| Ok(RhythmQuality::parse(&quality)?)),
                    )
                    .flatten(),
            };
            let observed = reading.rate.is_some()
                || reading.amplitude.is_some()
                || reading.symmetry.is_some()
                || reading.quality.is_some();
            if observed {
                readings.push(reading);
            }
        }
        readings.sort_by_key(|reading| reading.station);
        readings
    }
}

impl SessionNote {
    /// The note as form input, to edit it.
    pub fn to_input(&self) -> SessionInput {
        let shown = |value: Option<String>| value.unwrap_or_default();
        SessionInput {
            client: Some(self.details.client),
            date: shown(self.details.date.map(|date| date.to_string())),
            start: shown(self.details.start.map(|start| start.to_string())),
            duration: shown(
                self.details
                    .duration
                    .map(|length| length.minutes().to_string()),
            ),
            modalities: self.details.modalities.clone(),
            soap: self.soap.clone(),
            rhythm: self
                .cst
                .rhythm
                .iter()
                .map(|reading| RhythmInput {
                    station: reading.station,
                    rate: shown(reading.rate.map(|rate| rate.to_string())),
                    amplitude: reading.amplitude,
                    symmetry: reading.symmetry,
                    quality: shown(reading.quality.as_ref().map(|quality| match quality {
                        RhythmQuality::Rating(rating) => rating.to_string(),
                        RhythmQuality::Words(words) => words.clone(),
                    })),
                })
                .collect(),
            techniques: self.cst.techniques.clone(),
            somato_emotional: self.cst.somato_emotional.clone(),
            improvement: shown(self.cst.improvement.map(|percent| percent.to_string())),
            massage: self.massage.clone(),
            marks: self
                .chart
                .marks()
                .iter()
                .copied()
                .map(MarkInput::from)
                .collect(),
            overrides: self.overrides.clone(),
            ratings: self.ratings.to_input(),
            since_last_time: self.since_last_time.clone(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::clinical::body_regions::{Area, Side};
    use crate::clinical::cst_findings::TechniqueResponse;
    use crate::outcomes::benefit::PainSite;
    use crate::outcomes::instrument::InstrumentId;
    use crate::outcomes::measure::Timing;
    use proptest::prelude::*;

    fn reading(station: ListeningStation, rate: &str) -> RhythmInput {
        RhythmInput {
            station,
            rate: rate.to_owned(),
            amplitude: None,
            symmetry: None,
            quality: String::new(),
        }
    }

    #[test]
    fn the_usual_stations_show_first_and_charted_ones_join_them_in_session_order() {
        use ListeningStation::*;
        assert_eq!(stations_shown(&[]), vec![Head, Sacrum]);
        let blank_feet = reading(Feet, "  ");
        assert_eq!(stations_shown(&[blank_feet]), vec![Head, Sacrum]);
        let charted = [reading(Feet, "7"), reading(Thorax, ""), reading(Pelvis, "")];
        let mut thorax_with_amplitude = charted[1].clone();
        thorax_with_amplitude.amplitude = Some(crate::clinical::cst_findings::Amplitude::Low);
        assert_eq!(
            stations_shown(&[
                charted[0].clone(),
                thorax_with_amplitude,
                charted[2].clone()
            ]),
            vec![Head, Thorax, Sacrum, Feet]
        );
    }

    #[test]
    fn session_order_lists_every_station_once() {
        let mut ordered = ListeningStation::SESSION_ORDER.to_vec();
        ordered.sort();
        let mut all = ListeningStation::ALL.to_vec();
        all.sort();
        assert_eq!(ordered, all);
    }

    pub(crate) fn today() -> CalendarDate {
        "2026-11-27".parse().unwrap()
    }

    pub(crate) fn client() -> RecordId {
        RecordId::from_bytes([7; 16])
    }

    /// A CST session input complete enough to sign.
    pub(crate) fn complete_input() -> SessionInput {
        SessionInput {
            client: Some(client()),
            date: "2026-11-27".into(),
            start: "09:30".into(),
            duration: "60".into(),
            modalities: vec![Modality::Cst],
            soap: Soap {
                subjective: "Headache eased since last week, 4/10.".into(),
                objective: "Rhythm restricted left at the head.".into(),
                assessment: "Good release at the cranial base.".into(),
                plan: "Weekly for three weeks; jaw relaxation at home.".into(),
            },
            rhythm: vec![RhythmInput {
                station: ListeningStation::Head,
                rate: "7.5".into(),
                amplitude: Some(Amplitude::Low),
                symmetry: Some(Symmetry::RestrictedLeft),
                quality: "3".into(),
            }],
            techniques: vec![TechniqueResult {
                technique: "Frontal lift".into(),
                response: Some(TechniqueResponse::Released),
                note: String::new(),
            }],
            somato_emotional: "Tearful, then calm.".into(),
            improvement: "40%".into(),
            massage: MassageWork::default(),
            marks: vec![MarkInput {
                region: Region::new(Area::Jaw, Some(Side::Left)).unwrap(),
                kind: MarkKind::Pain,
                intensity: Some(4),
            }],
            overrides: vec![],
            ratings: vec![
                RatingInput {
                    instrument: InstrumentId::Nprs(PainSite::Migraine),
                    timing: Timing::PreSession,
                    value: 6,
                },
                RatingInput {
                    instrument: InstrumentId::Nprs(PainSite::Migraine),
                    timing: Timing::PostSession,
                    value: 3,
                },
            ],
            since_last_time: SinceLastTime::default(),
        }
    }

    pub(crate) fn complete_note() -> SessionNote {
        complete_input().validate(today()).unwrap()
    }

    /// An edit a test makes to an otherwise valid form.
    type Change = fn(&mut SessionInput);

    #[test]
    fn bad_input_is_refused_next_to_its_field() {
        let head = ListeningStation::Head;
        let cases: [(Change, SessionField, &str); 17] = [
            (
                |i| i.client = None,
                SessionField::Client,
                "Choose the client this session is for.",
            ),
            (
                |i| i.date = "2026-11-28".into(),
                SessionField::Date,
                "The session date can't be in the future.",
            ),
            (
                |i| i.date = "28/11/2026".into(),
                SessionField::Date,
                "This date can't be read: use the form YYYY-MM-DD, for example 1984-03-21.",
            ),
            (
                |i| i.start = "25:00".into(),
                SessionField::StartTime,
                "There is no such time: hours go from 00 to 23 and minutes from 00 to 59.",
            ),
            (
                |i| i.duration = "-30".into(),
                SessionField::Duration,
                "The duration can't be negative.",
            ),
            (
                |i| i.duration = "0".into(),
                SessionField::Duration,
                "A session lasts at least 1 minute.",
            ),
            (
                |i| i.duration = "481".into(),
                SessionField::Duration,
                "A session can last 480 minutes (8 hours) at most.",
            ),
            (
                |i| i.rhythm[0].rate = "0".into(),
                SessionField::RhythmRate(head),
                "Rates from 1 to 30 cycles a minute can be recorded: check the count.",
            ),
            (
                |i| i.rhythm[0].rate = "200".into(),
                SessionField::RhythmRate(head),
                "Rates from 1 to 30 cycles a minute can be recorded: check the count.",
            ),
            (
                |i| i.rhythm[0].quality = "9".into(),
                SessionField::RhythmQuality(head),
                "Use a whole number from 1 to 5.",
            ),
            (
                |i| i.rhythm[0].quality = "x".repeat(MAX_NAME_CHARS + 1),
                SessionField::RhythmQuality(head),
                "This is too long: 20000 characters at most.",
            ),
            (
                |i| i.marks[0].intensity = Some(11),
                SessionField::MarkIntensity(0),
                "Use a whole number from 0 to 10.",
            ),
            (
                |i| i.improvement = "120".into(),
                SessionField::Improvement,
                "Use a whole number from 0 to 100.",
            ),
            (
                |i| i.modalities.push(Modality::Other(" ".into())),
                SessionField::OtherModality,
                "Enter a name.",
            ),
            (
                |i| i.ratings[1].value = 11,
                SessionField::Rating(1),
                "Use a whole number from 0 to 10.",
            ),
            (
                |i| i.ratings[1].timing = Timing::PreSession,
                SessionField::Rating(1),
                "This is already rated for this session. Change the rating instead of adding one.",
            ),
            (
                |i| i.ratings[0].instrument = InstrumentId::Who5,
                SessionField::Rating(0),
                "Only pain and stress, before or after the session, are rated here.",
            ),
        ];
        for (change, field, message) in cases {
            let mut input = complete_input();
            change(&mut input);
            let errors = input.validate(today()).unwrap_err();
            let shown: Vec<(SessionField, String)> = errors
                .iter()
                .map(|(field, error)| (*field, error.to_string()))
                .collect();
            assert_eq!(shown, [(field, message.to_owned())]);
        }
    }

    #[test]
    fn every_recordable_rate_is_accepted_as_an_observation() {
        for rate in ["1", "2.5", "6.9", "8", "14", "29.9", "30"] {
            let mut input = complete_input();
            input.rhythm[0].rate = rate.into();
            assert!(input.validate(today()).is_ok(), "{rate}");
        }
    }

    #[test]
    fn a_duplicate_station_is_refused_and_empty_rows_are_dropped() {
        let mut input = complete_input();
        let empty = |station| RhythmInput {
            station,
            rate: String::new(),
            amplitude: None,
            symmetry: None,
            quality: String::new(),
        };
        input.rhythm.push(empty(ListeningStation::Feet));
        let note = input.validate(today()).unwrap();
        assert_eq!(note.cst().rhythm.len(), 1);
        input.rhythm.push(input.rhythm[0].clone());
        assert_eq!(
            input.validate(today()).unwrap_err(),
            [(
                SessionField::RhythmStation(ListeningStation::Head),
                SessionFieldError::StationTwice
            )]
        );
    }
    proptest! {
        #[test]
        fn validation_never_panics(
            date in "\\PC{0,12}",
            start in "\\PC{0,6}",
            duration in "\\PC{0,6}",
            rate in "\\PC{0,6}",
            quality in "\\PC{0,6}",
            improvement in "\\PC{0,5}",
            intensity in proptest::option::of(any::<u8>()),
        ) {
            let mut input = complete_input();
            input.date = date;
            input.start = start;
            input.duration = duration;
            input.rhythm[0].rate = rate;
            input.rhythm[0].quality = quality;
            input.improvement = improvement;
            input.marks[0].intensity = intensity;
            if let Ok(note) = input.validate(today()) {
                prop_assert_eq!(note.to_input().validate(today()), Ok(note));
            }
        }
    }
}
