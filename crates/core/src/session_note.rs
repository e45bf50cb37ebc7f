//! The content of a session note, how the session form's input becomes one,
//! and what a note still lacks before it can be signed.
//!
//! Two kinds of "not ready" are kept apart. *Invalid* input (a rhythm of 0 or
//! 200 a minute, pain 11, a negative duration, a date in the future, no
//! client) is refused by [`SessionInput::validate`] with a message for its
//! field, and nothing is saved. *Incomplete* input is fine: a draft may lack
//! its plan or a technique's response, and
//! [`SessionNote::missing_for_signing`] names what signing still needs.
//!
//! Every section is `#[serde(default)]`, so a note stored before a section
//! existed still loads; later features (outcome scores) add sections the
//! same way.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::alert_override::AlertOverride;
use crate::body_chart::{BodyChart, Mark, MarkKind};
use crate::body_regions::Region;
use crate::contraindication_rules::{Practice, RuleId};
use crate::cst_findings::{
    Amplitude, CstFindings, ListeningStation, RateError, RhythmQuality, RhythmRate, RhythmReading,
    Symmetry, TechniqueResult,
};
use crate::date::{CalendarDate, DateError};
use crate::ids::RecordId;
use crate::massage_work::MassageWork;
use crate::scale::{OutOfScale, Percent, ZeroToTen};
use crate::screening::Alert;
use crate::text_limit::{required, trimmed, TooLong, MAX_NAME_CHARS, MAX_NOTES_CHARS};
use crate::time_of_day::{TimeError, TimeOfDay};
use crate::toggle::without_repeats;

/// Longest session that can be recorded, in minutes: eight hours.
pub const MAX_SESSION_MINUTES: u16 = 480;

/// How long a session lasted, in whole minutes (1 to
/// [`MAX_SESSION_MINUTES`]).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct SessionLength(u16);

/// Why a typed duration was refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum DurationError {
    /// Not a whole number.
    #[error("Enter the duration in whole minutes, for example 60.")]
    NotANumber,
    /// Below zero.
    #[error("The duration can't be negative.")]
    Negative,
    /// Zero minutes.
    #[error("A session lasts at least 1 minute.")]
    Zero,
    /// Longer than a session can be.
    #[error("A session can last {MAX_SESSION_MINUTES} minutes (8 hours) at most.")]
    TooLong,
}

impl SessionLength {
    /// A duration of `minutes`, if it is between 1 and the maximum.
    pub fn new(minutes: u16) -> Result<Self, DurationError> {
        match minutes {
            0 => Err(DurationError::Zero),
            minutes if minutes > MAX_SESSION_MINUTES => Err(DurationError::TooLong),
            minutes => Ok(Self(minutes)),
        }
    }

    /// Reads typed minutes; blank gives `None`.
    pub fn parse(text: &str) -> Result<Option<Self>, DurationError> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, text),
        };
        if text.is_empty() {
            return Ok(None);
        }
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DurationError::NotANumber);
        }
        if negative && digits.bytes().any(|b| b != b'0') {
            return Err(DurationError::Negative);
        }
        Self::new(digits.parse().unwrap_or(u16::MAX)).map(Some)
    }

    /// The duration in minutes.
    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for SessionLength {
    type Error = DurationError;

    fn try_from(minutes: u16) -> Result<Self, Self::Error> {
        Self::new(minutes)
    }
}

impl From<SessionLength> for u16 {
    fn from(length: SessionLength) -> Self {
        length.0
    }
}

/// A kind of work done in the session.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Craniosacral therapy.
    Cst,
    /// Swedish massage.
    Swedish,
    /// Deep-tissue massage.
    DeepTissue,
    /// Anything else, named by the therapist.
    Other(String),
}

impl Modality {
    /// The modality's chip label.
    pub fn label(&self) -> &str {
        match self {
            Modality::Cst => "CST",
            Modality::Swedish => "Swedish",
            Modality::DeepTissue => "Deep tissue",
            Modality::Other(name) => name,
        }
    }

    /// The practice whose contraindications apply. Work the app does not
    /// know is screened against every rule.
    pub fn practice(&self) -> Practice {
        match self {
            Modality::Cst => Practice::Cst,
            Modality::Swedish | Modality::DeepTissue => Practice::Massage,
            Modality::Other(_) => Practice::Both,
        }
    }
}

/// The four parts of a SOAP note.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SoapField {
    /// The client's own words.
    Subjective,
    /// What the therapist observed or measured.
    Objective,
    /// Response to treatment and change since last time.
    Assessment,
    /// Frequency, next focus, home care, referrals.
    Plan,
}

impl SoapField {
    /// The parts in SOAP order.
    pub const ALL: [SoapField; 4] = [
        SoapField::Subjective,
        SoapField::Objective,
        SoapField::Assessment,
        SoapField::Plan,
    ];

    /// The part's heading.
    pub fn label(self) -> &'static str {
        match self {
            SoapField::Subjective => "Subjective",
            SoapField::Objective => "Objective",
            SoapField::Assessment => "Assessment",
            SoapField::Plan => "Plan",
        }
    }
}

/// The SOAP text of a note.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Soap {
    /// S: the client's own words.
    pub subjective: String,
    /// O: what the therapist observed.
    pub objective: String,
    /// A: response to treatment.
    pub assessment: String,
    /// P: the plan.
    pub plan: String,
}

impl Soap {
    /// The text of one part.
    pub fn text(&self, field: SoapField) -> &str {
        match field {
            SoapField::Subjective => &self.subjective,
            SoapField::Objective => &self.objective,
            SoapField::Assessment => &self.assessment,
            SoapField::Plan => &self.plan,
        }
    }

    fn text_mut(&mut self, field: SoapField) -> &mut String {
        match field {
            SoapField::Subjective => &mut self.subjective,
            SoapField::Objective => &mut self.objective,
            SoapField::Assessment => &mut self.assessment,
            SoapField::Plan => &mut self.plan,
        }
    }
}

/// A free-text part of a note: what an amendment can change.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    /// One part of the SOAP note.
    Soap(SoapField),
    /// The somato-emotional response.
    SomatoEmotional,
}

impl TextField {
    /// Every free-text part, in note order.
    pub const ALL: [TextField; 5] = [
        TextField::Soap(SoapField::Subjective),
        TextField::Soap(SoapField::Objective),
        TextField::Soap(SoapField::Assessment),
        TextField::Soap(SoapField::Plan),
        TextField::SomatoEmotional,
    ];

    /// The part's heading.
    pub fn label(self) -> &'static str {
        match self {
            TextField::Soap(field) => field.label(),
            TextField::SomatoEmotional => "Somato-emotional response",
        }
    }
}

/// When the session was, how long, with whom and what kind of work.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub struct SessionDetails {
    /// The client.
    pub client: RecordId,
    /// The session date.
    pub date: Option<CalendarDate>,
    /// When it started.
    pub start: Option<TimeOfDay>,
    /// How long it lasted.
    pub duration: Option<SessionLength>,
    /// The kinds of work done, in the order tapped.
    pub modalities: Vec<Modality>,
}

/// A checked session note: every value in range, possibly incomplete.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Serialize, Deserialize)]
pub struct SessionNote {
    pub(crate) details: SessionDetails,
    #[serde(default)]
    pub(crate) soap: Soap,
    #[serde(default)]
    pub(crate) cst: CstFindings,
    #[serde(default)]
    pub(crate) massage: MassageWork,
    #[serde(default)]
    pub(crate) chart: BodyChart,
    #[serde(default)]
    pub(crate) overrides: Vec<AlertOverride>,
}

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
}

/// The session form's fields; rows are numbered from 0 in form order.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum SessionField {
    /// The client picker.
    Client,
    /// The session date.
    Date,
    /// The start time.
    StartTime,
    /// The duration.
    Duration,
    /// The modality chips.
    Modalities,
    /// The name of an "other" modality.
    OtherModality,
    /// One SOAP part.
    Soap(SoapField),
    /// A station's row in the rhythm table.
    RhythmStation(ListeningStation),
    /// A station's rate.
    RhythmRate(ListeningStation),
    /// A station's quality.
    RhythmQuality(ListeningStation),
    /// The technique chips.
    Techniques,
    /// A technique's name.
    TechniqueName(usize),
    /// A technique's response.
    TechniqueResponse(usize),
    /// A technique's note.
    TechniqueNote(usize),
    /// The somato-emotional response.
    SomatoEmotional,
    /// Global improvement.
    Improvement,
    /// The massage area chips.
    MassageAreas,
    /// A massage technique's name.
    MassageTechnique(usize),
    /// A body-chart mark's intensity.
    MarkIntensity(usize),
    /// The alerts shown at session start.
    Alerts,
    /// The signing therapist's name.
    Signer,
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
}

/// Something a note needs before it can be signed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Missing {
    /// The session date.
    Date,
    /// The start time.
    StartTime,
    /// The duration.
    Duration,
    /// At least one modality.
    Modality,
    /// A SOAP part.
    Soap(SoapField),
    /// CST was done but no technique is listed.
    CstTechnique,
    /// A technique's response.
    TechniqueResponse {
        /// Its row.
        index: usize,
        /// Its name.
        technique: String,
    },
    /// Massage was done but no area is chosen.
    MassageArea,
    /// An alert that needs a reason to go on.
    Override {
        /// The alert's rule.
        rule: RuleId,
        /// What the alert says.
        alert_name: String,
    },
    /// The signing therapist's name.
    Signer,
}

impl Missing {
    /// The field to highlight.
    pub fn field(&self) -> SessionField {
        match self {
            Missing::Date => SessionField::Date,
            Missing::StartTime => SessionField::StartTime,
            Missing::Duration => SessionField::Duration,
            Missing::Modality => SessionField::Modalities,
            Missing::Soap(field) => SessionField::Soap(*field),
            Missing::CstTechnique => SessionField::Techniques,
            Missing::TechniqueResponse { index, .. } => SessionField::TechniqueResponse(*index),
            Missing::MassageArea => SessionField::MassageAreas,
            Missing::Override { .. } => SessionField::Alerts,
            Missing::Signer => SessionField::Signer,
        }
    }
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Missing::Date => f.write_str("Enter the session date."),
            Missing::StartTime => f.write_str("Enter the start time."),
            Missing::Duration => f.write_str("Enter how long the session lasted."),
            Missing::Modality => f.write_str("Choose at least one modality."),
            Missing::Soap(SoapField::Subjective) => {
                f.write_str("Write the subjective note: the client's own words.")
            }
            Missing::Soap(SoapField::Objective) => {
                f.write_str("Write the objective note: what you observed.")
            }
            Missing::Soap(SoapField::Assessment) => {
                f.write_str("Write the assessment: how the client responded.")
            }
            Missing::Soap(SoapField::Plan) => f.write_str("Write the plan for next time."),
            Missing::CstTechnique => f.write_str("CST is ticked: add the techniques used."),
            Missing::TechniqueResponse { technique, .. } => {
                write!(f, "Record the response to {technique}.")
            }
            Missing::MassageArea => f.write_str("Massage is ticked: choose the areas worked."),
            Missing::Override { alert_name, .. } => write!(
                f,
                "“{alert_name}”: give a reason to go on, or do not treat today."
            ),
            Missing::Signer => f.write_str("Enter your name to sign the note."),
        }
    }
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
                        RhythmQuality::parse(&input.quality),
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
    /// Date, time, duration, client and modalities.
    pub fn details(&self) -> &SessionDetails {
        &self.details
    }

    /// The SOAP text.
    pub fn soap(&self) -> &Soap {
        &self.soap
    }

    /// The CST findings.
    pub fn cst(&self) -> &CstFindings {
        &self.cst
    }

    /// The massage work.
    pub fn massage(&self) -> &MassageWork {
        &self.massage
    }

    /// The body-chart marks, including the arcing restriction points.
    pub fn chart(&self) -> &BodyChart {
        &self.chart
    }

    /// Where arcing or palpation found restrictions: the chart's restriction
    /// marks.
    pub fn restriction_points(&self) -> impl Iterator<Item = Region> + '_ {
        self.chart.regions_marked(MarkKind::Restriction)
    }

    /// Decisions to go on past alerts.
    pub fn overrides(&self) -> &[AlertOverride] {
        &self.overrides
    }

    /// One free-text part.
    pub fn text(&self, field: TextField) -> &str {
        match field {
            TextField::Soap(field) => self.soap.text(field),
            TextField::SomatoEmotional => &self.cst.somato_emotional,
        }
    }

    /// Replaces one free-text part, as an amendment does for the current view.
    pub(crate) fn set_text(&mut self, field: TextField, text: &str) {
        let slot = match field {
            TextField::Soap(field) => self.soap.text_mut(field),
            TextField::SomatoEmotional => &mut self.cst.somato_emotional,
        };
        text.clone_into(slot);
    }

    /// The practices the session's work belongs to; with no modality chosen
    /// yet, every practice, so no alert is missed.
    fn practices(&self) -> Vec<Practice> {
        if self.details.modalities.is_empty() {
            vec![Practice::Both]
        } else {
            self.details
                .modalities
                .iter()
                .map(Modality::practice)
                .collect()
        }
    }

    /// The alerts that concern this session's work and still need a reason
    /// to go on.
    pub fn unanswered_alerts<'a>(&self, alerts: &'a [Alert]) -> Vec<&'a Alert> {
        let practices = self.practices();
        alerts
            .iter()
            .filter(|alert| alert.level.needs_override())
            .filter(|alert| practices.iter().any(|&practice| alert.applies_to(practice)))
            .filter(|alert| !self.overrides.iter().any(|decision| decision.covers(alert)))
            .collect()
    }

    /// What signing still needs, in form order, given the alerts active on
    /// the session date. An empty list means the note can be signed.
    pub fn missing_for_signing(&self, alerts: &[Alert]) -> Vec<Missing> {
        let details = &self.details;
        let has = |modality: &Modality| details.modalities.contains(modality);
        let mut missing = Vec::new();
        missing.extend(details.date.is_none().then_some(Missing::Date));
        missing.extend(details.start.is_none().then_some(Missing::StartTime));
        missing.extend(details.duration.is_none().then_some(Missing::Duration));
        missing.extend(details.modalities.is_empty().then_some(Missing::Modality));
        missing.extend(
            SoapField::ALL
                .into_iter()
                .filter(|&field| self.soap.text(field).is_empty())
                .map(Missing::Soap),
        );
        if has(&Modality::Cst) {
            missing.extend(
                self.cst
                    .techniques
                    .is_empty()
                    .then_some(Missing::CstTechnique),
            );
            missing.extend(
                self.cst
                    .techniques
                    .iter()
                    .enumerate()
                    .filter(|(_, used)| used.response.is_none())
                    .map(|(index, used)| Missing::TechniqueResponse {
                        index,
                        technique: used.technique.clone(),
                    }),
            );
        }
        if (has(&Modality::Swedish) || has(&Modality::DeepTissue)) && self.massage.areas.is_empty()
        {
            missing.push(Missing::MassageArea);
        }
        missing.extend(
            self.unanswered_alerts(alerts)
                .into_iter()
                .map(|alert| Missing::Override {
                    rule: alert.rule.clone(),
                    alert_name: alert.name.clone(),
                }),
        );
        missing
    }

    /// The note a follow-up session on `date` starts from: same client,
    /// duration, modalities, findings, techniques (responses cleared), massage
    /// work and plan; chart marks except areas to avoid, which come from the
    /// day's alerts instead. Session-specific words (S, O, A, somato-emotional
    /// response, improvement), the start time and every override are left for
    /// the new session: a reason to go on is given afresh each time.
    pub fn carried_forward(&self, date: CalendarDate) -> SessionNote {
        SessionNote {
            details: SessionDetails {
                date: Some(date),
                start: None,
                ..self.details.clone()
            },
            soap: Soap {
                plan: self.soap.plan.clone(),
                ..Soap::default()
            },
            cst: self.cst.carried_forward(),
            massage: self.massage.clone(),
            chart: self
                .chart
                .marks()
                .iter()
                .filter(|mark| mark.kind != MarkKind::Avoid)
                .copied()
                .collect::<Vec<Mark>>()
                .into(),
            overrides: Vec::new(),
        }
    }

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
                .map(|mark| MarkInput {
                    region: mark.region,
                    kind: mark.kind,
                    intensity: mark.intensity.map(u8::from),
                })
                .collect(),
            overrides: self.overrides.clone(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::alert_override::tests::alert;
    use crate::body_regions::{Area, Side};
    use crate::contraindication_rules::{AlertLevel, DEFAULT_RULES};
    use crate::cst_findings::TechniqueResponse;
    use crate::intake::tests::stamp;
    use crate::massage_work::Pressure;
    use proptest::prelude::*;

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
        let cases: [(Change, SessionField, &str); 13] = [
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

    #[test]
    fn an_empty_draft_for_a_client_is_allowed_and_names_what_signing_needs() {
        let draft = SessionInput {
            client: Some(client()),
            ..SessionInput::default()
        }
        .validate(today())
        .unwrap();
        let missing: Vec<String> = draft
            .missing_for_signing(&[])
            .iter()
            .map(Missing::to_string)
            .collect();
        assert_eq!(
            missing,
            [
                "Enter the session date.",
                "Enter the start time.",
                "Enter how long the session lasted.",
                "Choose at least one modality.",
                "Write the subjective note: the client's own words.",
                "Write the objective note: what you observed.",
                "Write the assessment: how the client responded.",
                "Write the plan for next time.",
            ]
        );
    }

    #[test]
    fn modality_specific_needs() {
        let mut input = complete_input();
        input.techniques.push(TechniqueResult {
            technique: "Parietal lift".into(),
            response: None,
            note: String::new(),
        });
        input.modalities.push(Modality::Swedish);
        let missing = input.validate(today()).unwrap().missing_for_signing(&[]);
        assert_eq!(
            missing,
            [
                Missing::TechniqueResponse {
                    index: 1,
                    technique: "Parietal lift".into()
                },
                Missing::MassageArea,
            ]
        );
        assert_eq!(missing[0].field(), SessionField::TechniqueResponse(1));
        input.techniques.clear();
        input
            .massage
            .areas
            .push(Region::new(Area::UpperBack, Some(Side::Right)).unwrap());
        assert_eq!(
            input.validate(today()).unwrap().missing_for_signing(&[]),
            [Missing::CstTechnique]
        );
    }

    #[test]
    fn blocking_alerts_of_the_session_s_practice_need_an_override() {
        let index = |level, practice| {
            DEFAULT_RULES
                .iter()
                .position(|rule| rule.level == level && rule.practice == practice)
                .unwrap()
        };
        let cst_stop = alert(index(AlertLevel::DoNotTreat, Practice::Cst));
        let massage_stop = alert(index(AlertLevel::DoNotTreat, Practice::Massage));
        let local = alert(index(AlertLevel::AvoidArea, Practice::Massage));
        let alerts = [cst_stop.clone(), massage_stop, local];
        let note = complete_note();
        assert_eq!(
            note.missing_for_signing(&alerts),
            [Missing::Override {
                rule: cst_stop.rule.clone(),
                alert_name: cst_stop.name.clone()
            }]
        );
        let mut input = complete_input();
        input
            .overrides
            .push(AlertOverride::new(&cst_stop, "Cleared by GP", "Sam", stamp(3)).unwrap());
        assert_eq!(
            input
                .validate(today())
                .unwrap()
                .missing_for_signing(&alerts),
            []
        );
        input.modalities = vec![];
        let unanswered = input
            .validate(today())
            .unwrap()
            .unanswered_alerts(&alerts)
            .len();
        assert_eq!(
            unanswered, 1,
            "with no modality yet, every practice's alerts count"
        );
    }

    #[test]
    fn a_complete_note_needs_nothing_and_round_trips() {
        let note = complete_note();
        assert_eq!(note.missing_for_signing(&[]), []);
        assert_eq!(note.to_input().validate(today()).unwrap(), note);
        let json = serde_json::to_string(&note).unwrap();
        assert_eq!(serde_json::from_str::<SessionNote>(&json).unwrap(), note);
        assert_eq!(note.restriction_points().count(), 0);
    }

    #[test]
    fn an_older_note_without_later_sections_still_loads() {
        let json = format!(
            r#"{{"details":{{"client":"{}","date":"2026-01-02","start":null,"duration":45,"modalities":["cst"]}}}}"#,
            client()
        );
        let note: SessionNote = serde_json::from_str(&json).unwrap();
        assert_eq!(
            note.details().duration.map(SessionLength::minutes),
            Some(45)
        );
        assert_eq!(note.soap(), &Soap::default());
        assert_eq!(note.chart(), &BodyChart::default());
    }

    #[test]
    fn carrying_forward_keeps_findings_techniques_and_plan_only() {
        let mut input = complete_input();
        input.massage = MassageWork {
            areas: vec![Region::new(Area::Sacrum, None).unwrap()],
            pressure: Some(Pressure::Light),
            techniques: vec!["Effleurage".into()],
        };
        input.marks.push(MarkInput {
            region: Region::new(Area::Calf, Some(Side::Left)).unwrap(),
            kind: MarkKind::Avoid,
            intensity: None,
        });
        input
            .overrides
            .push(AlertOverride::new(&alert(0), "Cleared", "Sam", stamp(2)).unwrap());
        let last = input.validate(today()).unwrap();
        let next_day: CalendarDate = "2026-12-04".parse().unwrap();
        let next = last.carried_forward(next_day);
        assert_eq!(next.details().date, Some(next_day));
        assert_eq!(next.details().start, None);
        assert_eq!(next.details().duration, last.details().duration);
        assert_eq!(next.details().modalities, last.details().modalities);
        assert_eq!(
            next.soap(),
            &Soap {
                plan: last.soap().plan.clone(),
                ..Soap::default()
            }
        );
        assert_eq!(next.cst().rhythm, last.cst().rhythm);
        assert_eq!(next.cst().techniques[0].technique, "Frontal lift");
        assert_eq!(next.cst().techniques[0].response, None);
        assert_eq!(
            (next.cst().somato_emotional.as_str(), next.cst().improvement),
            ("", None)
        );
        assert_eq!(next.massage(), last.massage());
        assert_eq!(next.chart().marks(), &last.chart().marks()[..1]);
        assert_eq!(next.overrides(), []);
        let needs: Vec<SessionField> = next
            .missing_for_signing(&[])
            .iter()
            .map(Missing::field)
            .collect();
        assert_eq!(
            needs,
            [
                SessionField::StartTime,
                SessionField::Soap(SoapField::Subjective),
                SessionField::Soap(SoapField::Objective),
                SessionField::Soap(SoapField::Assessment),
                SessionField::TechniqueResponse(0),
            ]
        );
    }

    #[test]
    fn durations_as_typed() {
        let cases = [
            ("", Ok(None)),
            (" 60 ", Ok(Some(60))),
            ("480", Ok(Some(480))),
            ("-0", Err(DurationError::Zero)),
            ("- 5", Err(DurationError::Negative)),
            ("1.5", Err(DurationError::NotANumber)),
            ("-", Err(DurationError::NotANumber)),
            ("999999", Err(DurationError::TooLong)),
        ];
        for (text, expected) in cases {
            assert_eq!(
                SessionLength::parse(text).map(|m| m.map(SessionLength::minutes)),
                expected,
                "{text:?}"
            );
        }
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
