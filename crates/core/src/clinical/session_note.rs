//! The content of a session note and what it still lacks before signing.
//!
//! A note may be incomplete while it is a draft (no plan yet, a technique
//! without its response); [`SessionNote::missing_for_signing`] names what
//! signing needs, in plain words, each tied to its form field. Values are
//! always in range: the session form ([`crate::clinical::session_form`]) refuses
//! anything else before a note exists.
//!
//! Every section is `#[serde(default)]`, so a note stored before a section
//! existed still loads; later features (outcome scores) add sections the
//! same way.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::base::date::CalendarDate;
use crate::base::ids::RecordId;
use crate::base::time_of_day::TimeOfDay;
use crate::clinical::alert_override::AlertOverride;
use crate::clinical::body_chart::{BodyChart, Mark, MarkKind};
use crate::clinical::body_regions::Region;
use crate::clinical::contraindication_rules::{Practice, RuleId};
use crate::clinical::cst_findings::{CstFindings, ListeningStation};
use crate::clinical::massage_work::MassageWork;
use crate::clinical::screening::Alert;
use crate::clinical::since_last_time::{SinceField, SinceLastTime};
use crate::outcomes::session_ratings::SessionRatings;

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

/// The session form's fields; rows are numbered from 0 in form order. Named
/// here, beside the note, so what a note still lacks points at the field
/// that fills it.
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
    /// A before/after rating, by its row in the form's ratings.
    Rating(usize),
    /// A part of the "since last time" answer.
    SinceLastTime(SinceField),
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
#[serde(default, deny_unknown_fields)]
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

    /// The text of one part, to write it.
    pub fn text_mut(&mut self, field: SoapField) -> &mut String {
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
    /// Pain and stress before and after treatment; left out of the stored
    /// note when there are none, so notes written before ratings existed
    /// keep their exact form.
    #[serde(default, skip_serializing_if = "SessionRatings::is_empty")]
    pub(crate) ratings: SessionRatings,
    /// The re-check at the session start; left out while not asked, so
    /// notes from before it existed keep their exact form.
    #[serde(default, skip_serializing_if = "SinceLastTime::is_not_asked")]
    pub(crate) since_last_time: SinceLastTime,
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

    /// Pain and stress rated before and after treatment.
    pub fn ratings(&self) -> &SessionRatings {
        &self.ratings
    }

    /// What the client said changed since last time: screened with the
    /// intake for the session day ([`crate::clinical::screening::screen_session`]).
    pub fn since_last_time(&self) -> &SinceLastTime {
        &self.since_last_time
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
    /// response, improvement), the before/after ratings, the start time and
    /// every override are left for the new session: a reason to go on is
    /// given afresh each time.
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
            ratings: SessionRatings::default(),
            since_last_time: SinceLastTime::NotAsked,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::clinical::alert_override::tests::alert;
    use crate::clinical::body_regions::{Area, Side};
    use crate::clinical::contraindication_rules::{AlertLevel, DEFAULT_RULES};
    use crate::clinical::cst_findings::TechniqueResult;
    use crate::clinical::intake::tests::stamp;
    use crate::clinical::massage_work::Pressure;
    use crate::clinical::session_form::tests::{client, complete_input, complete_note, today};
    use crate::clinical::session_form::{MarkInput, SessionInput};

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
}
