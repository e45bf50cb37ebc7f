//! A client's treatment plan: goals tied to a benefit and an instrument,
//! with baseline and target, how often and how many sessions, and when to
//! review.
//!
//! A plan is never edited in place. Every change — a new target, a status
//! set to achieved — is a new [`PlanVersion`] that names the version it
//! revises, so the history a regulator asks for is simply all versions, and
//! versions merge between devices as a grow-only set
//! ([`crate::merge::gset::GrowOnlySet`]). The current plan is the newest version no
//! other version revises; if two devices revised the same version while
//! apart, the later stamp is current and the other stays in the history.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::base::date::{CalendarDate, DateError};
use crate::base::finite::Finite;
use crate::base::hlc::Hlc;
use crate::base::ids::RecordId;
use crate::base::text_limit::{trimmed, TooLong, MAX_NAME_CHARS, MAX_NOTES_CHARS};
use crate::merge::gset::Immutable;
use crate::merge::version_chain::{self, Version};
use crate::outcomes::change::Direction;
use crate::outcomes::instrument::{find, Instrument, InstrumentRef};

/// Most goals in one plan: more than a handful stops being a plan.
pub const MAX_GOALS: usize = 10;
/// Most sessions a plan may foresee.
pub const MAX_PLANNED_SESSIONS: u16 = 200;
/// Most sessions per period.
pub const MAX_SESSIONS_PER_PERIOD: u8 = 7;
/// Longest period, in weeks.
pub const MAX_PERIOD_WEEKS: u8 = 52;

/// What the therapist sets a plan to. "Revised" is not among them: a
/// version becomes revised when a newer version replaces it (see
/// [`VersionStatus`]).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Being followed.
    Active,
    /// Its goals were reached.
    Achieved,
    /// Ended for another reason.
    Closed,
}

/// How a version stands in the history.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum VersionStatus {
    /// A newer version replaced it.
    Revised,
    /// No version replaced it; it has the status it was given.
    Standing(PlanStatus),
}

impl fmt::Display for VersionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Revised => "revised",
            Self::Standing(PlanStatus::Active) => "active",
            Self::Standing(PlanStatus::Achieved) => "achieved",
            Self::Standing(PlanStatus::Closed) => "closed",
        })
    }
}

/// Planned frequency: `sessions` sessions every `weeks` weeks.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frequency {
    sessions: u8,
    weeks: u8,
}

impl Frequency {
    /// The frequency, if between 1 and [`MAX_SESSIONS_PER_PERIOD`] sessions
    /// every 1 to [`MAX_PERIOD_WEEKS`] weeks.
    pub fn new(sessions: u8, weeks: u8) -> Result<Self, PlanError> {
        if (1..=MAX_SESSIONS_PER_PERIOD).contains(&sessions)
            && (1..=MAX_PERIOD_WEEKS).contains(&weeks)
        {
            Ok(Self { sessions, weeks })
        } else {
            Err(PlanError::Frequency)
        }
    }

    /// Sessions per period.
    pub fn sessions(self) -> u8 {
        self.sessions
    }

    /// The period in weeks.
    pub fn weeks(self) -> u8 {
        self.weeks
    }
}

/// As people say it: "once a week", "twice a week", "every 2 weeks",
/// "3 times every 4 weeks".
impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let times = match self.sessions {
            1 => "once".to_owned(),
            2 => "twice".to_owned(),
            n => format!("{n} times"),
        };
        match (self.sessions, self.weeks) {
            (_, 1) => write!(f, "{times} a week"),
            (1, weeks) => write!(f, "every {weeks} weeks"),
            (_, weeks) => write!(f, "{times} every {weeks} weeks"),
        }
    }
}

/// One goal as the form hands it in.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct GoalInput {
    /// The instrument that will show progress.
    pub instrument: InstrumentRef,
    /// The goal in the client's words, or empty.
    pub description: String,
    /// Where the client starts, on the instrument's scale.
    pub baseline: f64,
    /// Where the client wants to get.
    pub target: f64,
}

/// A checked goal. Its benefit area is the instrument's.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    instrument: InstrumentRef,
    description: String,
    baseline: Finite,
    target: Finite,
}

impl Goal {
    /// The instrument that shows progress.
    pub fn instrument(&self) -> InstrumentRef {
        self.instrument
    }

    /// The goal in the client's words (may be empty).
    pub fn description(&self) -> &str {
        &self.description
    }

    /// Where the client started.
    pub fn baseline(&self) -> Finite {
        self.baseline
    }

    /// Where the client wants to get.
    pub fn target(&self) -> Finite {
        self.target
    }
}

/// The plan form as filled in.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct PlanInput {
    /// The goals.
    pub goals: Vec<GoalInput>,
    /// Sessions per period.
    pub sessions_per_period: u8,
    /// The period in weeks.
    pub period_weeks: u8,
    /// How many sessions the plan foresees.
    pub planned_sessions: u16,
    /// When to review, as `YYYY-MM-DD`.
    pub review_date: String,
    /// The status to give this version.
    pub status: PlanStatus,
    /// Why the plan was written or changed, or empty.
    pub note: String,
}

/// A part of a goal.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum GoalPart {
    /// The instrument.
    Instrument,
    /// The description.
    Description,
    /// The baseline.
    Baseline,
    /// The target.
    Target,
}

/// The plan form's fields.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum PlanField {
    /// The goal list as a whole.
    Goals,
    /// One part of the goal at a zero-based position.
    Goal(usize, GoalPart),
    /// The frequency.
    Frequency,
    /// The number of sessions.
    PlannedSessions,
    /// The review date.
    ReviewDate,
    /// The note.
    Note,
}

/// What is wrong with one field of the plan form.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum PlanError {
    /// No goals.
    #[error("Add at least one goal.")]
    NoGoals,
    /// Too many goals.
    #[error("A plan can have at most {MAX_GOALS} goals.")]
    TooManyGoals,
    /// The instrument is not among those available.
    #[error("Choose an instrument for this goal.")]
    UnknownInstrument,
    /// Not a number.
    #[error("Enter a number.")]
    NotANumber,
    /// Outside the instrument's score range.
    #[error("Enter a number from {min} to {max}.")]
    OutOfRange {
        /// The lowest score.
        min: Finite,
        /// The highest score.
        max: Finite,
    },
    /// The target is not better than the baseline.
    #[error("The target must be {} than the baseline: {} is better on this scale.", better(*.0), better(*.0))]
    TargetNotBetter(Direction),
    /// Frequency outside its bounds.
    #[error("Use 1 to {MAX_SESSIONS_PER_PERIOD} sessions every 1 to {MAX_PERIOD_WEEKS} weeks.")]
    Frequency,
    /// Number of sessions outside its bounds.
    #[error("Plan between 1 and {MAX_PLANNED_SESSIONS} sessions.")]
    PlannedSessions,
    /// The review date is not a date.
    #[error("Review date: {0}.")]
    Date(DateError),
    /// The review date is before the plan's date.
    #[error("The review date can't be before the plan's date.")]
    ReviewBeforeStart,
    /// Text past its limit.
    #[error(transparent)]
    TooLong(#[from] TooLong),
}

fn better(direction: Direction) -> &'static str {
    match direction {
        Direction::LowerIsBetter => "lower",
        Direction::HigherIsBetter => "higher",
    }
}

/// A checked plan: what one version holds. Only [`PlanInput::validate`]
/// makes one.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFields {
    written: CalendarDate,
    goals: Vec<Goal>,
    frequency: Frequency,
    planned_sessions: u16,
    review_date: CalendarDate,
    status: PlanStatus,
    note: String,
}

impl PlanFields {
    /// The day this version was written.
    pub fn written(&self) -> CalendarDate {
        self.written
    }

    /// The goals.
    pub fn goals(&self) -> &[Goal] {
        &self.goals
    }

    /// How often sessions are planned.
    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    /// How many sessions the plan foresees.
    pub fn planned_sessions(&self) -> u16 {
        self.planned_sessions
    }

    /// When to review the plan.
    pub fn review_date(&self) -> CalendarDate {
        self.review_date
    }

    /// The status the therapist gave this version.
    pub fn status(&self) -> PlanStatus {
        self.status
    }

    /// Why it was written or changed (may be empty).
    pub fn note(&self) -> &str {
        &self.note
    }

    /// Whether the review date has come on `today`, for a reminder on an
    /// active plan.
    pub fn review_due(&self, today: CalendarDate) -> bool {
        self.status == PlanStatus::Active && today >= self.review_date
    }
}

type Problems = Vec<(PlanField, PlanError)>;

fn keep<T>(problems: &mut Problems, field: PlanField, result: Result<T, PlanError>) -> Option<T> {
    result.map_err(|error| problems.push((field, error))).ok()
}

fn on_scale(instrument: &Instrument, value: f64) -> Result<Finite, PlanError> {
    let value = Finite::new(value).map_err(|_| PlanError::NotANumber)?;
    let (min, max) = (instrument.score_min(), instrument.score_max());
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(PlanError::OutOfRange { min, max })
    }
}

impl GoalInput {
    fn validate(
        &self,
        index: usize,
        instruments: &[Instrument],
        problems: &mut Problems,
    ) -> Option<Goal> {
        let field = |part| PlanField::Goal(index, part);
        let description = keep(
            problems,
            field(GoalPart::Description),
            trimmed(&self.description, MAX_NAME_CHARS).map_err(Into::into),
        );
        let Some(instrument) = find(instruments, self.instrument) else {
            problems.push((field(GoalPart::Instrument), PlanError::UnknownInstrument));
            return None;
        };
        let baseline = keep(
            problems,
            field(GoalPart::Baseline),
            on_scale(instrument, self.baseline),
        );
        let target = on_scale(instrument, self.target).and_then(|target| match baseline {
            Some(baseline)
                if instrument
                    .direction()
                    .improvement(baseline.get(), target.get())
                    <= 0.0 =>
            {
                Err(PlanError::TargetNotBetter(instrument.direction()))
            }
            _ => Ok(target),
        });
        let target = keep(problems, field(GoalPart::Target), target);
        Some(Goal {
            instrument: self.instrument,
            description: description?,
            baseline: baseline?,
            target: target?,
        })
    }
}

impl PlanInput {
    /// Checks the form against the available `instruments` (the catalogue
    /// plus the therapist's own) for a plan written on `today`. Returns the
    /// checked plan, or every problem at once in form order.
    pub fn validate(
        &self,
        instruments: &[Instrument],
        today: CalendarDate,
    ) -> Result<PlanFields, Vec<(PlanField, PlanError)>> {
        let mut problems = Problems::new();
        if self.goals.is_empty() {
            problems.push((PlanField::Goals, PlanError::NoGoals));
        } else if self.goals.len() > MAX_GOALS {
            problems.push((PlanField::Goals, PlanError::TooManyGoals));
        }
        let goals: Vec<Option<Goal>> = self
            .goals
            .iter()
            .enumerate()
            .map(|(index, goal)| goal.validate(index, instruments, &mut problems))
            .collect();
        let frequency = keep(
            &mut problems,
            PlanField::Frequency,
            Frequency::new(self.sessions_per_period, self.period_weeks),
        );
        let planned_ok = (1..=MAX_PLANNED_SESSIONS).contains(&self.planned_sessions);
        if !planned_ok {
            problems.push((PlanField::PlannedSessions, PlanError::PlannedSessions));
        }
        let review_date = keep(
            &mut problems,
            PlanField::ReviewDate,
            self.review_date
                .trim()
                .parse::<CalendarDate>()
                .map_err(PlanError::Date)
                .and_then(|date| {
                    if date < today {
                        Err(PlanError::ReviewBeforeStart)
                    } else {
                        Ok(date)
                    }
                }),
        );
        let note = keep(
            &mut problems,
            PlanField::Note,
            trimmed(&self.note, MAX_NOTES_CHARS).map_err(Into::into),
        );
        let goals: Option<Vec<Goal>> = goals.into_iter().collect();
        match (goals, frequency, review_date, note) {
            (Some(goals), Some(frequency), Some(review_date), Some(note))
                if problems.is_empty() =>
            {
                Ok(PlanFields {
                    written: today,
                    goals,
                    frequency,
                    planned_sessions: self.planned_sessions,
                    review_date,
                    status: self.status,
                    note,
                })
            }
            _ => Err(problems),
        }
    }
}

/// One version of a client's plan; immutable once made.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanVersion {
    id: RecordId,
    client: RecordId,
    previous: Option<RecordId>,
    #[serde(with = "crate::base::hlc_text")]
    stamp: Hlc,
    plan: PlanFields,
}

impl PlanVersion {
    /// A client's first plan (or a fresh plan after an earlier one ended),
    /// made as `id` at `stamp`.
    pub fn create(id: RecordId, client: RecordId, fields: PlanFields, stamp: Hlc) -> Self {
        Self::from_fields(id, client, None, fields, stamp)
    }

    /// A new version replacing this one. This version stays as it is, in
    /// the history.
    pub fn revise(&self, id: RecordId, fields: PlanFields, stamp: Hlc) -> Self {
        Self::from_fields(id, self.client, Some(self.id), fields, stamp)
    }

    fn from_fields(
        id: RecordId,
        client: RecordId,
        previous: Option<RecordId>,
        plan: PlanFields,
        stamp: Hlc,
    ) -> Self {
        Self {
            id,
            client,
            previous,
            stamp,
            plan,
        }
    }

    /// This version's id.
    pub fn id(&self) -> RecordId {
        self.id
    }

    /// The client the plan is for.
    pub fn client(&self) -> RecordId {
        self.client
    }

    /// The version this one revises, if any.
    pub fn previous(&self) -> Option<RecordId> {
        self.previous
    }

    /// When this version was made, in hybrid logical time.
    pub fn stamp(&self) -> Hlc {
        self.stamp
    }

    /// What this version plans.
    pub fn plan(&self) -> &PlanFields {
        &self.plan
    }
}

impl Immutable for PlanVersion {
    fn id(&self) -> RecordId {
        self.id
    }
}

impl Version for PlanVersion {
    fn version_id(&self) -> RecordId {
        self.id
    }

    fn client_id(&self) -> RecordId {
        self.client
    }

    fn revises(&self) -> Option<RecordId> {
        self.previous
    }

    fn made(&self) -> Hlc {
        self.stamp
    }
}

/// The client's current plan: the newest version that no other version
/// revises. `None` if the client has no plan.
pub fn current_plan(versions: &[PlanVersion], client: RecordId) -> Option<&PlanVersion> {
    version_chain::current(versions, client)
}

/// The questionnaires the client fills in themselves
/// ([`Instrument::client_fills_in`]) for `plan`'s goals, each instrument
/// once, in goal order: what the locked client view offers beside their
/// self-care plan. A goal whose instrument version is not among
/// `instruments` is left out.
pub fn client_questionnaires(plan: &PlanVersion, instruments: &[Instrument]) -> Vec<Instrument> {
    let mut to_fill: Vec<Instrument> = Vec::new();
    for goal in plan.plan().goals() {
        if let Some(instrument) = find(instruments, goal.instrument()) {
            if instrument.client_fills_in()
                && !to_fill.iter().any(|held| held.id() == instrument.id())
            {
                to_fill.push(instrument.clone());
            }
        }
    }
    to_fill
}

/// Every version of the client's plans, oldest first, each with how it
/// stands: revised, or the status it was given.
pub fn plan_history(
    versions: &[PlanVersion],
    client: RecordId,
) -> Vec<(&PlanVersion, VersionStatus)> {
    version_chain::history(versions, client)
        .into_iter()
        .map(|(version, revised)| {
            let status = if revised {
                VersionStatus::Revised
            } else {
                VersionStatus::Standing(version.plan.status)
            };
            (version, status)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::ids::DeviceId;
    use crate::outcomes::benefit::PainSite;
    use crate::outcomes::catalogue::{builtin, free_instruments};
    use crate::outcomes::instrument::InstrumentId;

    fn id(byte: u8) -> RecordId {
        RecordId::from_bytes([byte; 16])
    }

    fn stamp(millis: u64) -> Hlc {
        Hlc::from_parts(millis, 0, DeviceId::from_bytes([3; 16]))
    }

    fn today() -> CalendarDate {
        "2026-03-02".parse().unwrap()
    }

    fn goal(instrument: InstrumentId, baseline: f64, target: f64) -> GoalInput {
        GoalInput {
            instrument: builtin(instrument).unwrap().reference(),
            description: " Garden without pain ".to_owned(),
            baseline,
            target,
        }
    }

    fn form(goals: Vec<GoalInput>) -> PlanInput {
        PlanInput {
            goals,
            sessions_per_period: 1,
            period_weeks: 1,
            planned_sessions: 6,
            review_date: "2026-04-13".to_owned(),
            status: PlanStatus::Active,
            note: String::new(),
        }
    }

    fn fields(input: &PlanInput) -> PlanFields {
        input.validate(&free_instruments(), today()).unwrap()
    }

    /// Checked fields of an active back-pain plan from 7 to `target`.
    fn back_pain(target: f64) -> PlanFields {
        fields(&form(vec![goal(
            InstrumentId::Nprs(PainSite::Back),
            7.0,
            target,
        )]))
    }

    #[test]
    fn a_valid_plan() {
        let input = form(vec![
            goal(InstrumentId::Nprs(PainSite::Back), 7.0, 3.0),
            goal(InstrumentId::Who5, 40.0, 60.0),
        ]);
        let version = PlanVersion::create(id(10), id(1), fields(&input), stamp(1));
        assert_eq!((version.client(), version.previous()), (id(1), None));
        let plan = version.plan();
        assert_eq!(plan.goals().len(), 2);
        assert_eq!(plan.goals()[0].description(), "Garden without pain");
        assert_eq!(plan.frequency().to_string(), "once a week");
        assert_eq!(plan.written(), today());
        assert!(!plan.review_due(today()));
        assert!(plan.review_due("2026-04-13".parse().unwrap()));
    }

    /// The plan's goals → the questionnaires the client fills in.
    #[test]
    fn the_client_fills_in_their_goals_questionnaires_once_each() {
        use PainSite::{Back, Tmj};
        let back = InstrumentId::Nprs(Back);
        let who5 = InstrumentId::Who5;
        let cases: [(&[InstrumentId], &[InstrumentId]); 4] = [
            (&[back], &[]),
            (&[back, who5], &[who5]),
            (
                &[InstrumentId::Psfs(Back), back, who5],
                &[InstrumentId::Psfs(Back), who5],
            ),
            (
                &[InstrumentId::Psfs(Tmj), InstrumentId::Psfs(Back)],
                &[InstrumentId::Psfs(Tmj), InstrumentId::Psfs(Back)],
            ),
        ];
        for (goals, expected) in cases {
            let better = |id| match builtin(id).unwrap().direction() {
                Direction::LowerIsBetter => goal(id, 5.0, 4.0),
                Direction::HigherIsBetter => goal(id, 5.0, 6.0),
            };
            let input = form(goals.iter().copied().map(better).collect());
            let version = PlanVersion::create(id(10), id(1), fields(&input), stamp(1));
            let filled: Vec<InstrumentId> = client_questionnaires(&version, &free_instruments())
                .iter()
                .map(Instrument::id)
                .collect();
            assert_eq!(filled, expected, "{goals:?}");
        }
        let version = PlanVersion::create(
            id(10),
            id(1),
            fields(&form(vec![goal(who5, 50.0, 60.0)])),
            stamp(1),
        );
        assert!(
            client_questionnaires(&version, &[]).is_empty(),
            "an instrument not held"
        );
    }

    #[test]
    fn bad_plans_are_refused_field_by_field() {
        let back = InstrumentId::Nprs(PainSite::Back);
        let unknown = GoalInput {
            instrument: InstrumentRef {
                id: InstrumentId::Custom(id(99)),
                version: 1,
            },
            ..goal(back, 7.0, 3.0)
        };
        let cases: Vec<(PlanInput, Vec<(PlanField, PlanError)>)> = vec![
            (form(vec![]), vec![(PlanField::Goals, PlanError::NoGoals)]),
            (
                form(vec![goal(back, 3.0, 5.0)]),
                vec![(
                    PlanField::Goal(0, GoalPart::Target),
                    PlanError::TargetNotBetter(Direction::LowerIsBetter),
                )],
            ),
            (
                form(vec![goal(InstrumentId::Who5, 60.0, 60.0)]),
                vec![(
                    PlanField::Goal(0, GoalPart::Target),
                    PlanError::TargetNotBetter(Direction::HigherIsBetter),
                )],
            ),
            (
                form(vec![goal(back, 12.0, 3.0)]),
                vec![(
                    PlanField::Goal(0, GoalPart::Baseline),
                    PlanError::OutOfRange {
                        min: Finite::ZERO,
                        max: Finite::new(10.0).unwrap(),
                    },
                )],
            ),
            (
                form(vec![goal(back, f64::NAN, 3.0)]),
                vec![(
                    PlanField::Goal(0, GoalPart::Baseline),
                    PlanError::NotANumber,
                )],
            ),
            (
                form(vec![unknown]),
                vec![(
                    PlanField::Goal(0, GoalPart::Instrument),
                    PlanError::UnknownInstrument,
                )],
            ),
            (
                PlanInput {
                    sessions_per_period: 0,
                    ..form(vec![goal(back, 7.0, 3.0)])
                },
                vec![(PlanField::Frequency, PlanError::Frequency)],
            ),
            (
                PlanInput {
                    planned_sessions: 0,
                    ..form(vec![goal(back, 7.0, 3.0)])
                },
                vec![(PlanField::PlannedSessions, PlanError::PlannedSessions)],
            ),
            (
                PlanInput {
                    review_date: "2026-03-01".to_owned(),
                    ..form(vec![goal(back, 7.0, 3.0)])
                },
                vec![(PlanField::ReviewDate, PlanError::ReviewBeforeStart)],
            ),
            (
                PlanInput {
                    review_date: "soon".to_owned(),
                    ..form(vec![goal(back, 7.0, 3.0)])
                },
                vec![(PlanField::ReviewDate, PlanError::Date(DateError::Format))],
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(
                input.validate(&free_instruments(), today()),
                Err(expected.clone()),
                "{expected:?}"
            );
        }
        assert_eq!(
            PlanError::TargetNotBetter(Direction::LowerIsBetter).to_string(),
            "The target must be lower than the baseline: lower is better on this scale."
        );
    }

    #[test]
    fn frequencies_read_as_spoken() {
        let cases = [
            ((1, 1), "once a week"),
            ((2, 1), "twice a week"),
            ((3, 1), "3 times a week"),
            ((1, 2), "every 2 weeks"),
            ((3, 4), "3 times every 4 weeks"),
        ];
        for ((sessions, weeks), text) in cases {
            assert_eq!(Frequency::new(sessions, weeks).unwrap().to_string(), text);
        }
        assert_eq!(Frequency::new(8, 1), Err(PlanError::Frequency));
        assert_eq!(Frequency::new(1, 53), Err(PlanError::Frequency));
    }

    #[test]
    fn revisions_are_kept_and_the_newest_head_is_current() {
        let back = InstrumentId::Nprs(PainSite::Back);
        let first = PlanVersion::create(id(10), id(1), back_pain(3.0), stamp(1));
        let second = first.revise(id(11), back_pain(2.0), stamp(2));
        let achieved = PlanInput {
            status: PlanStatus::Achieved,
            ..form(vec![goal(back, 7.0, 2.0)])
        };
        let third = second.revise(id(12), fields(&achieved), stamp(3));
        let other_client = PlanVersion::create(id(20), id(2), back_pain(2.0), stamp(9));
        let versions = vec![third.clone(), other_client, first.clone(), second.clone()];

        assert_eq!(current_plan(&versions, id(1)), Some(&third));
        assert_eq!(current_plan(&versions, id(3)), None);
        let history: Vec<(RecordId, VersionStatus)> = plan_history(&versions, id(1))
            .into_iter()
            .map(|(version, status)| (version.id(), status))
            .collect();
        assert_eq!(
            history,
            [
                (id(10), VersionStatus::Revised),
                (id(11), VersionStatus::Revised),
                (id(12), VersionStatus::Standing(PlanStatus::Achieved)),
            ]
        );
        assert_eq!(first.plan().goals()[0].target(), Finite::new(3.0).unwrap());
        assert_eq!(third.previous(), Some(id(11)));
    }

    #[test]
    fn concurrent_revisions_keep_both_and_pick_the_later() {
        let first = PlanVersion::create(id(10), id(1), back_pain(3.0), stamp(1));
        let tablet = first.revise(id(11), back_pain(2.0), stamp(5));
        let laptop = first.revise(id(12), back_pain(4.0), stamp(4));
        let versions = vec![first, laptop, tablet.clone()];
        assert_eq!(current_plan(&versions, id(1)), Some(&tablet));
        let statuses: Vec<String> = plan_history(&versions, id(1))
            .into_iter()
            .map(|(_, status)| status.to_string())
            .collect();
        assert_eq!(statuses, ["revised", "active", "active"]);
    }
}
