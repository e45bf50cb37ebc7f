//! Pain and stress rated before and after treatment, inside the session
//! form: the quick 0–10 ratings that show a session's immediate effect.
//!
//! While the note is a draft the ratings are one of its sections, so they
//! are saved with it, survive a reload and can be changed until signing.
//! Signing freezes them with the note and records each one as a
//! [`Measure`] tied to the session ([`Timing::PreSession`] or
//! [`Timing::PostSession`]): measures are append-only, so they are made only
//! once the values can no longer change, and from then on they are what the
//! progress analytics read (the within-session change in
//! [`crate::outcomes::progress`]).
//!
//! Only single-item 0–10 ratings are taken this way: stress, and the
//! numeric pain rating at one site. A session holds at most one rating
//! before and one after for each, so a within-session change is never
//! ambiguous.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::base::date::CalendarDate;
use crate::base::finite::Finite;
use crate::base::hlc::Hlc;
use crate::base::ids::RecordId;
use crate::base::scale::{OutOfScale, ZeroToTen};
use crate::outcomes::benefit::{BenefitArea, PainSite};
use crate::outcomes::catalogue::builtin;
use crate::outcomes::instrument::{find, Instrument, InstrumentId};
use crate::outcomes::measure::{Measure, MeasureInput, Timing};
use crate::outcomes::plan::{PlanStatus, PlanVersion};
use crate::outcomes::scoring::Answers;

/// Whether `instrument` can be rated before and after a session in the
/// session form: stress and pain at any site, both a single 0–10 item.
pub fn is_session_rating(instrument: InstrumentId) -> bool {
    matches!(instrument, InstrumentId::Stress | InstrumentId::Nprs(_))
}

/// The pain sites of the client's active plan: the goals whose instrument
/// is about pain, so the session form offers pain ratings at those sites
/// without being asked. `instruments` are the definitions the goals name.
pub fn plan_pain_sites(plan: Option<&PlanVersion>, instruments: &[Instrument]) -> Vec<PainSite> {
    let Some(plan) = plan.filter(|version| version.plan().status() == PlanStatus::Active) else {
        return Vec::new();
    };
    let areas: Vec<BenefitArea> = plan
        .plan()
        .goals()
        .iter()
        .filter_map(|goal| find(instruments, goal.instrument()))
        .map(Instrument::area)
        .collect();
    PainSite::ALL
        .into_iter()
        .filter(|site| areas.contains(&BenefitArea::Pain(*site)))
        .collect()
}

/// The pain sites the session form shows rows for: those already rated in
/// this session, those of the active plan and those rated in the last
/// session (`last`), in the usual site order. Only the rows come from last
/// time, never the values: an old rating shown beside a new one biases it.
pub fn pain_sites_to_rate(
    rated: &SessionRatings,
    plan_sites: &[PainSite],
    last: &SessionRatings,
) -> Vec<PainSite> {
    let (rated, last) = (rated.pain_sites(), last.pain_sites());
    PainSite::ALL
        .into_iter()
        .filter(|site| rated.contains(site) || plan_sites.contains(site) || last.contains(site))
        .collect()
}

/// Sets the form's rating of `instrument` at `timing` to `value`, or
/// removes it for `None`: one tap changes a rating, never adds a second.
pub fn set_rating(
    ratings: &mut Vec<RatingInput>,
    instrument: InstrumentId,
    timing: Timing,
    value: Option<u8>,
) {
    let slot = |rating: &RatingInput| (rating.instrument, rating.timing) == (instrument, timing);
    match (ratings.iter_mut().find(|rating| slot(rating)), value) {
        (Some(rating), Some(value)) => rating.value = value,
        (None, Some(value)) => ratings.push(RatingInput {
            instrument,
            timing,
            value,
        }),
        (_, None) => ratings.retain(|rating| !slot(rating)),
    }
}

/// One rating as the form holds it: the button pressed.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct RatingInput {
    /// Stress, or pain at one site.
    pub instrument: InstrumentId,
    /// Before or after treatment.
    pub timing: Timing,
    /// The number pressed.
    pub value: u8,
}

/// Why a rating cannot be kept.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum RatingError {
    /// The instrument is not a quick 0–10 rating, or the timing is not
    /// before or after the session.
    #[error("Only pain and stress, before or after the session, are rated here.")]
    NotASessionRating,
    /// A second rating for the same instrument and moment.
    #[error("This is already rated for this session. Change the rating instead of adding one.")]
    Twice,
    /// The value is off the 0–10 scale.
    #[error(transparent)]
    OutOfScale(#[from] OutOfScale),
}

/// One checked rating.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionRating {
    /// Stress, or pain at one site.
    pub instrument: InstrumentId,
    /// Before or after treatment.
    pub timing: Timing,
    /// The rating.
    pub value: ZeroToTen,
}

/// A session's checked ratings: at most one per instrument and moment,
/// kept in a fixed order so equal sets compare equal.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionRatings(Vec<SessionRating>);

impl SessionRatings {
    /// Checks the form's ratings; every problem comes back with its row.
    pub fn check(inputs: &[RatingInput]) -> Result<Self, Vec<(usize, RatingError)>> {
        let mut ratings: Vec<SessionRating> = Vec::new();
        let mut problems = Vec::new();
        for (row, input) in inputs.iter().enumerate() {
            let refusal =
                if !is_session_rating(input.instrument) || input.timing == Timing::Standalone {
                    Some(RatingError::NotASessionRating)
                } else if ratings
                    .iter()
                    .any(|kept| (kept.instrument, kept.timing) == (input.instrument, input.timing))
                {
                    Some(RatingError::Twice)
                } else {
                    match ZeroToTen::new(input.value) {
                        Ok(value) => {
                            ratings.push(SessionRating {
                                instrument: input.instrument,
                                timing: input.timing,
                                value,
                            });
                            None
                        }
                        Err(error) => Some(error.into()),
                    }
                };
            problems.extend(refusal.map(|error| (row, error)));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        ratings.sort();
        Ok(Self(ratings))
    }

    /// Whether nothing was rated.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every rating, in a fixed order.
    pub fn iter(&self) -> impl Iterator<Item = &SessionRating> {
        self.0.iter()
    }

    /// The rating of `instrument` at `timing`, if given.
    pub fn get(&self, instrument: InstrumentId, timing: Timing) -> Option<ZeroToTen> {
        self.0
            .iter()
            .find(|rating| (rating.instrument, rating.timing) == (instrument, timing))
            .map(|rating| rating.value)
    }

    /// The pain sites rated, in order, each once.
    pub fn pain_sites(&self) -> Vec<PainSite> {
        let mut sites: Vec<PainSite> = self
            .0
            .iter()
            .filter_map(|rating| match rating.instrument {
                InstrumentId::Nprs(site) => Some(site),
                _ => None,
            })
            .collect();
        sites.dedup();
        sites
    }

    /// The ratings as the form holds them, to edit them.
    pub fn to_input(&self) -> Vec<RatingInput> {
        self.0
            .iter()
            .map(|rating| RatingInput {
                instrument: rating.instrument,
                timing: rating.timing,
                value: rating.value.value(),
            })
            .collect()
    }

    /// Each rating as a measure of `client` in `session` on `date`, recorded
    /// at `stamp` (the signing), with ids from `new_id`.
    pub(crate) fn measures(
        &self,
        client: RecordId,
        session: RecordId,
        date: CalendarDate,
        stamp: Hlc,
        mut new_id: impl FnMut() -> RecordId,
    ) -> Vec<Measure> {
        self.0
            .iter()
            .map(|rating| {
                let instrument =
                    builtin(rating.instrument).expect("session ratings are built-in instruments");
                let input = MeasureInput {
                    client,
                    session: Some(session),
                    date,
                    timing: rating.timing,
                    answers: Answers::Items {
                        values: vec![Some(
                            Finite::new(f64::from(rating.value.value()))
                                .expect("a whole number is finite"),
                        )],
                    },
                };
                // Matched rather than `expect`ed: formatting the errors would
                // add their debug printing to the app for a case that cannot
                // happen.
                match Measure::record(&instrument, input, date, new_id(), stamp) {
                    Ok(measure) => measure,
                    Err(_) => unreachable!("a checked 0–10 rating scores on its 0–10 instrument"),
                }
            })
            .collect()
    }

    /// The ratings paired by instrument, in a fixed order (pain by site,
    /// then stress).
    pub fn pairs(&self) -> Vec<BeforeAfter> {
        let mut instruments: Vec<InstrumentId> =
            self.0.iter().map(|rating| rating.instrument).collect();
        instruments.dedup();
        instruments
            .into_iter()
            .map(|instrument| BeforeAfter {
                instrument,
                before: self.get(instrument, Timing::PreSession),
                after: self.get(instrument, Timing::PostSession),
            })
            .collect()
    }
}

/// Before and after one session on one instrument, for the session view.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct BeforeAfter {
    /// Stress, or pain at one site.
    pub instrument: InstrumentId,
    /// The rating before treatment, if taken.
    pub before: Option<ZeroToTen>,
    /// The rating after treatment, if taken.
    pub after: Option<ZeroToTen>,
}

impl BeforeAfter {
    /// After minus before, when both were taken.
    pub fn change(&self) -> Option<i16> {
        Some(i16::from(self.after?.value()) - i16::from(self.before?.value()))
    }
}

/// What was rated, as a row label: "Pain (back)", "Stress".
pub fn rating_name(instrument: InstrumentId) -> String {
    match instrument {
        InstrumentId::Nprs(site) => format!("Pain ({site})"),
        _ => "Stress".to_owned(),
    }
}

/// The line the signed note shows: "Pain (back): 7 before, 4 after (3
/// lower)".
impl fmt::Display for BeforeAfter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = rating_name(self.instrument);
        let shown = |value: Option<ZeroToTen>| {
            value.map_or_else(|| "not rated".to_owned(), |value| value.to_string())
        };
        write!(
            f,
            "{name}: {} before, {} after",
            shown(self.before),
            shown(self.after)
        )?;
        match self.change() {
            Some(0) => f.write_str(" (no change)"),
            Some(change) if change < 0 => write!(f, " ({} lower)", -change),
            Some(change) => write!(f, " ({change} higher)"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::ids::DeviceId;
    use crate::outcomes::scoring::Score;

    fn rating(instrument: InstrumentId, timing: Timing, value: u8) -> RatingInput {
        RatingInput {
            instrument,
            timing,
            value,
        }
    }

    const BACK: InstrumentId = InstrumentId::Nprs(PainSite::Back);

    #[test]
    fn checks_each_row_and_names_it() {
        // Each case: the form's rows, and the refusals by row.
        type Case = (Vec<RatingInput>, Vec<(usize, RatingError)>);
        let cases: Vec<Case> = vec![
            (
                vec![
                    rating(BACK, Timing::PreSession, 7),
                    rating(BACK, Timing::PreSession, 6),
                ],
                vec![(1, RatingError::Twice)],
            ),
            (
                vec![rating(InstrumentId::Stress, Timing::PostSession, 11)],
                vec![(0, RatingError::OutOfScale(OutOfScale { min: 0, max: 10 }))],
            ),
            (
                vec![
                    rating(InstrumentId::Who5, Timing::PreSession, 3),
                    rating(InstrumentId::Stress, Timing::Standalone, 3),
                ],
                vec![
                    (0, RatingError::NotASessionRating),
                    (1, RatingError::NotASessionRating),
                ],
            ),
        ];
        for (inputs, expected) in cases {
            assert_eq!(SessionRatings::check(&inputs), Err(expected));
        }
    }

    #[test]
    fn one_before_and_one_after_per_instrument_edges_included() {
        let inputs = [
            rating(InstrumentId::Stress, Timing::PostSession, 10),
            rating(BACK, Timing::PostSession, 0),
            rating(InstrumentId::Stress, Timing::PreSession, 8),
            rating(BACK, Timing::PreSession, 7),
            rating(InstrumentId::Nprs(PainSite::Tmj), Timing::PreSession, 4),
        ];
        let ratings = SessionRatings::check(&inputs).unwrap();
        assert_eq!(
            ratings.get(BACK, Timing::PostSession),
            ZeroToTen::new(0).ok()
        );
        assert_eq!(ratings.pain_sites(), vec![PainSite::Back, PainSite::Tmj]);
        let mut reordered = inputs;
        reordered.reverse();
        assert_eq!(SessionRatings::check(&reordered).unwrap(), ratings);
        assert_eq!(SessionRatings::check(&ratings.to_input()).unwrap(), ratings);
        let pairs = ratings.pairs();
        let lines: Vec<String> = pairs.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "Pain (back): 7 before, 0 after (7 lower)",
                "Pain (TMJ): 4 before, not rated after",
                "Stress: 8 before, 10 after (2 higher)",
            ]
        );
        let changes: Vec<(InstrumentId, Option<i16>)> = pairs
            .iter()
            .map(|pair| (pair.instrument, pair.change()))
            .collect();
        assert_eq!(
            changes,
            vec![
                (BACK, Some(-7)),
                (InstrumentId::Nprs(PainSite::Tmj), None),
                (InstrumentId::Stress, Some(2)),
            ]
        );
    }

    #[test]
    fn become_measures_tied_to_the_session() {
        let ratings = SessionRatings::check(&[
            rating(BACK, Timing::PreSession, 7),
            rating(BACK, Timing::PostSession, 4),
        ])
        .unwrap();
        let client = RecordId::from_bytes([1; 16]);
        let session = RecordId::from_bytes([2; 16]);
        let date: CalendarDate = "2026-11-27".parse().unwrap();
        let stamp = Hlc::from_parts(9, 0, DeviceId::from_bytes([3; 16]));
        let mut next = 10u8;
        let measures = ratings.measures(client, session, date, stamp, || {
            next += 1;
            RecordId::from_bytes([next; 16])
        });
        let found: Vec<(Timing, Option<f64>, RecordId)> = measures
            .iter()
            .map(|m| (m.timing(), m.score().value().map(Finite::get), m.id()))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    Timing::PreSession,
                    Some(7.0),
                    RecordId::from_bytes([11; 16])
                ),
                (
                    Timing::PostSession,
                    Some(4.0),
                    RecordId::from_bytes([12; 16])
                ),
            ]
        );
        for measure in &measures {
            assert_eq!(
                (measure.client(), measure.session(), measure.date()),
                (client, Some(session), date)
            );
            assert_eq!(measure.instrument(), builtin(BACK).unwrap().reference());
            assert_eq!(measure.recorded(), stamp);
            assert!(matches!(measure.score(), Score::Scored(_)));
        }
    }

    #[test]
    fn one_tap_sets_changes_or_clears_a_rating() {
        let mut ratings = Vec::new();
        set_rating(&mut ratings, BACK, Timing::PreSession, Some(7));
        set_rating(
            &mut ratings,
            InstrumentId::Stress,
            Timing::PreSession,
            Some(8),
        );
        set_rating(&mut ratings, BACK, Timing::PreSession, Some(6));
        assert_eq!(
            ratings,
            vec![
                rating(BACK, Timing::PreSession, 6),
                rating(InstrumentId::Stress, Timing::PreSession, 8),
            ]
        );
        set_rating(&mut ratings, BACK, Timing::PreSession, None);
        set_rating(&mut ratings, BACK, Timing::PostSession, None);
        assert_eq!(
            ratings,
            vec![rating(InstrumentId::Stress, Timing::PreSession, 8)]
        );
    }

    #[test]
    fn sites_offered_come_from_the_active_plan_and_what_is_rated() {
        use crate::outcomes::catalogue::free_instruments;
        use crate::outcomes::plan::{GoalInput, PlanInput};
        let instruments = free_instruments();
        let reference = |id: InstrumentId| builtin(id).unwrap().reference();
        let plan = |status: PlanStatus| {
            let fields = PlanInput {
                goals: [
                    (InstrumentId::Psfs(PainSite::Tmj), 3.0, 8.0),
                    (InstrumentId::Stress, 8.0, 3.0),
                    (BACK, 7.0, 3.0),
                ]
                .into_iter()
                .map(|(id, baseline, target)| GoalInput {
                    instrument: reference(id),
                    description: String::new(),
                    baseline,
                    target,
                })
                .collect(),
                sessions_per_period: 1,
                period_weeks: 1,
                planned_sessions: 6,
                review_date: "2027-03-01".to_owned(),
                status,
                note: String::new(),
            }
            .validate(&instruments, "2026-11-27".parse().unwrap())
            .unwrap();
            PlanVersion::create(
                RecordId::from_bytes([4; 16]),
                RecordId::from_bytes([1; 16]),
                fields,
                Hlc::from_parts(1, 0, DeviceId::from_bytes([3; 16])),
            )
        };
        let active = plan(PlanStatus::Active);
        let sites = plan_pain_sites(Some(&active), &instruments);
        assert_eq!(sites, vec![PainSite::Back, PainSite::Tmj]);
        assert_eq!(
            plan_pain_sites(Some(&plan(PlanStatus::Closed)), &instruments),
            vec![]
        );
        assert_eq!(plan_pain_sites(None, &instruments), vec![]);
        let rated = SessionRatings::check(&[rating(
            InstrumentId::Nprs(PainSite::Migraine),
            Timing::PreSession,
            5,
        )])
        .unwrap();
        let none = SessionRatings::default();
        assert_eq!(
            pain_sites_to_rate(&rated, &sites, &none),
            vec![PainSite::Migraine, PainSite::Back, PainSite::Tmj]
        );
        assert_eq!(pain_sites_to_rate(&none, &[], &none), vec![]);
        // Last session's sites give rows again, never their values.
        let last = SessionRatings::check(&[rating(
            InstrumentId::Nprs(PainSite::Other),
            Timing::PostSession,
            2,
        )])
        .unwrap();
        assert_eq!(
            pain_sites_to_rate(&none, &[PainSite::Tmj], &last),
            vec![PainSite::Tmj, PainSite::Other]
        );
    }

    #[test]
    fn stored_ratings_off_the_scale_are_refused() {
        let json = r#"[{"instrument":"stress","timing":"pre_session","value":11}]"#;
        assert!(serde_json::from_str::<SessionRatings>(json).is_err());
    }
}
