//! One client's progress on one instrument: where they started, where they
//! are, whether that is a meaningful change, the trend, the effect within
//! sessions, progress towards a goal, and a sentence the client understands.
//!
//! Change over time is read from scores taken **before** a session or on
//! their own. A score taken just after treatment shows the session's
//! immediate effect, which fades; mixing it in would make a client look
//! better than they are. After-session scores count only towards the
//! within-session change (before → after in the same session).
//!
//! Only scores of the instrument's exact version are compared, and missing
//! data is never filled in: where there is nothing to judge, the result says
//! why ([`Unassessable`]).

use std::fmt;

use crate::base::date::CalendarDate;
use crate::base::finite::Finite;
use crate::base::ids::RecordId;
use crate::base::stats::{mean, slope_per_step};
use crate::outcomes::change::{Classification, TOLERANCE};
use crate::outcomes::instrument::{Instrument, InstrumentRef};
use crate::outcomes::measure::{Measure, Timing};
use crate::outcomes::plan::Goal;

/// One scored measure, placed in time.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Point {
    /// The measure it comes from.
    pub measure: RecordId,
    /// The day it was taken.
    pub date: CalendarDate,
    /// The session it was taken in, if any.
    pub session: Option<RecordId>,
    /// When, relative to the session.
    pub timing: Timing,
    /// The score.
    pub score: Finite,
}

/// Where one session sits among a chart's points: the chart shades the
/// run of its points (before and after treatment side by side) and labels
/// it with the session's number.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SessionMark {
    /// The session.
    pub session: RecordId,
    /// Its number among the charted sessions, from 1, in time order.
    pub number: usize,
    /// Index of its first point.
    pub first: usize,
    /// Index of its last point.
    pub last: usize,
}

/// The sessions among `points` (in time order, as [`Analysis::points`]),
/// numbered from 1. Points without a session are left unmarked.
pub fn session_marks(points: &[Point]) -> Vec<SessionMark> {
    let mut marks: Vec<SessionMark> = Vec::new();
    for (index, point) in points.iter().enumerate() {
        let Some(session) = point.session else {
            continue;
        };
        match marks.iter_mut().find(|mark| mark.session == session) {
            Some(mark) => mark.last = index,
            None => marks.push(SessionMark {
                session,
                number: marks.len() + 1,
                first: index,
                last: index,
            }),
        }
    }
    marks
}

/// Why a change cannot be judged.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum Unassessable {
    /// Nothing recorded.
    #[error("Not scored yet: no score has been recorded.")]
    NoMeasures,
    /// Measures exist but none could be scored.
    #[error("Not scored: {0} recorded, but none complete enough to score.")]
    NoneScored(usize),
    /// Only after-session scores exist.
    #[error(
        "Not scored yet: there are only after-session scores, and change over time is \
         measured on scores taken before a session or on their own."
    )]
    OnlyAfterSession,
    /// One score where a change needs two.
    #[error("Not scored yet: one score so far, and a change needs two.")]
    OneScore,
    /// A goal measured with a different instrument than the one analysed.
    #[error("This goal is measured with another instrument.")]
    OtherInstrument,
}

/// The change from the first score to the latest.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Change {
    /// The first score: the baseline.
    pub baseline: Point,
    /// The latest score.
    pub latest: Point,
    /// Latest minus baseline, in the instrument's units.
    pub change: Finite,
    /// The change as a percentage of the baseline; `None` for a baseline of
    /// zero.
    pub percent_change: Option<Finite>,
    /// The verdict by the instrument's meaningful-change rule.
    pub classification: Classification,
    /// Sessions with a score of this instrument from the baseline's day to
    /// the latest's, both included.
    pub sessions: usize,
    /// Sessions, counted the same way, until the first score that was a
    /// meaningful improvement; `None` if there was none, or if the scores
    /// are not tied to sessions so none can be counted.
    pub sessions_to_improvement: Option<usize>,
}

/// The mean change from before to after treatment within sessions.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct WithinSession {
    /// Mean of (after − before) over the sessions with both.
    pub mean_change: Finite,
    /// How many sessions had both a before and an after score.
    pub pairs: usize,
}

/// Where a client stands against a goal's target.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct GoalProgress {
    /// The latest score.
    pub latest: Finite,
    /// Whether the latest score is at the target or better.
    pub reached: bool,
    /// How far from the goal's baseline to its target the client has come:
    /// 0 at the baseline, 1 at the target, negative if worse than baseline,
    /// above 1 past the target.
    pub share_of_way: Finite,
}

/// Everything the progress view shows for one client and one instrument.
#[derive(Clone, PartialEq, Debug)]
pub struct Analysis<'a> {
    /// The instrument analysed.
    pub instrument: &'a Instrument,
    /// Every scored measure in time order, after-session ones included,
    /// for the chart.
    pub points: Vec<Point>,
    /// Measures kept without a score (incomplete questionnaires).
    pub unscored: usize,
    /// The change from baseline to latest, or why it cannot be judged.
    pub change: Result<Change, Unassessable>,
    /// Least-squares slope of the before-session and standalone scores per
    /// step from one score to the next; `None` for fewer than two.
    pub trend_per_session: Option<Finite>,
    /// Mean before → after change within sessions; `None` if no session
    /// has both.
    pub within_session: Option<WithinSession>,
}

fn finite(value: f64) -> Finite {
    Finite::new(value).expect("arithmetic on bounded scores stays finite")
}

/// Distinct sessions among `points` dated from `from` to `to`, inclusive.
fn sessions_between(points: &[Point], from: CalendarDate, to: CalendarDate) -> usize {
    let mut sessions: Vec<RecordId> = points
        .iter()
        .filter(|point| (from..=to).contains(&point.date))
        .filter_map(|point| point.session)
        .collect();
    sessions.sort();
    sessions.dedup();
    sessions.len()
}

fn within_session(points: &[Point]) -> Option<WithinSession> {
    let mut sessions: Vec<RecordId> = points.iter().filter_map(|point| point.session).collect();
    sessions.sort();
    sessions.dedup();
    let changes: Vec<f64> = sessions
        .into_iter()
        .filter_map(|session| {
            let in_session = || points.iter().filter(move |p| p.session == Some(session));
            let before = in_session().find(|p| p.timing == Timing::PreSession)?;
            let after = in_session()
                .rev()
                .find(|p| p.timing == Timing::PostSession)?;
            Some(after.score.get() - before.score.get())
        })
        .collect();
    Some(WithinSession {
        mean_change: finite(mean(&changes)?),
        pairs: changes.len(),
    })
}

/// Analyses `client`'s scores of `instrument` (at its exact version) among
/// `measures`, which may hold other clients and instruments.
pub fn analyse<'a, 'm>(
    instrument: &'a Instrument,
    measures: impl IntoIterator<Item = &'m Measure>,
    client: RecordId,
) -> Analysis<'a> {
    let reference: InstrumentRef = instrument.reference();
    let mut mine: Vec<&Measure> = measures
        .into_iter()
        .filter(|measure| measure.client() == client && measure.instrument() == reference)
        .collect();
    // Scores signed together share a day and a stamp: before treatment
    // still comes before after, whatever order they were read in.
    mine.sort_by_key(|measure| (measure.date(), measure.recorded(), measure.timing()));
    let points: Vec<Point> = mine
        .iter()
        .filter_map(|measure| {
            Some(Point {
                measure: measure.id(),
                date: measure.date(),
                session: measure.session(),
                timing: measure.timing(),
                score: measure.score().value()?,
            })
        })
        .collect();
    let series: Vec<Point> = points
        .iter()
        .copied()
        .filter(|point| point.timing != Timing::PostSession)
        .collect();
    let scores: Vec<f64> = series.iter().map(|point| point.score.get()).collect();
    Analysis {
        instrument,
        change: change(instrument, &points, &series, mine.len()),
        unscored: mine.len() - points.len(),
        trend_per_session: slope_per_step(&scores).map(finite),
        within_session: within_session(&points),
        points,
    }
}

fn change(
    instrument: &Instrument,
    points: &[Point],
    series: &[Point],
    recorded: usize,
) -> Result<Change, Unassessable> {
    let rule = instrument.change_rule();
    let (baseline, latest) = match (series.first(), series.last()) {
        (Some(first), Some(last)) if series.len() > 1 || !rule.needs_baseline() => (*first, *last),
        (Some(_), _) => return Err(Unassessable::OneScore),
        _ if !points.is_empty() => return Err(Unassessable::OnlyAfterSession),
        _ if recorded > 0 => return Err(Unassessable::NoneScored(recorded)),
        _ => return Err(Unassessable::NoMeasures),
    };
    let direction = instrument.direction();
    let classify =
        |point: &Point| rule.classify(direction, baseline.score.get(), point.score.get());
    let difference = latest.score.get() - baseline.score.get();
    let first_improved = series
        .iter()
        .skip(usize::from(rule.needs_baseline()))
        .find(|point| classify(point) == Classification::Improved);
    Ok(Change {
        baseline,
        latest,
        change: finite(difference),
        percent_change: (baseline.score.get() != 0.0)
            .then(|| finite(difference / baseline.score.get().abs() * 100.0)),
        classification: classify(&latest),
        sessions: sessions_between(points, baseline.date, latest.date),
        sessions_to_improvement: first_improved
            .map(|point| sessions_between(points, baseline.date, point.date))
            .filter(|&sessions| sessions > 0),
    })
}

impl Analysis<'_> {
    /// The latest before-session or standalone score, if any.
    pub fn latest(&self) -> Option<Point> {
        self.points
            .iter()
            .rev()
            .find(|point| point.timing != Timing::PostSession)
            .copied()
    }

    /// Where the client stands against `goal`, which must be measured with
    /// the analysed instrument.
    pub fn goal_progress(&self, goal: &Goal) -> Result<GoalProgress, Unassessable> {
        if goal.instrument() != self.instrument.reference() {
            return Err(Unassessable::OtherInstrument);
        }
        // A change that can be judged always has a latest score, so without
        // one the change holds the reason.
        let Some(Point { score: latest, .. }) = self.latest() else {
            return Err(self.change.err().unwrap_or(Unassessable::NoMeasures));
        };
        let direction = self.instrument.direction();
        let (baseline, target) = (goal.baseline().get(), goal.target().get());
        Ok(GoalProgress {
            latest,
            reached: direction.improvement(target, latest.get()) >= -TOLERANCE,
            share_of_way: finite(
                direction.improvement(baseline, latest.get())
                    / direction.improvement(baseline, target),
            ),
        })
    }

    /// One sentence for the client: "Your back pain went from 7 to 3 over 6
    /// sessions: a meaningful improvement." Where no change can be judged,
    /// the reason.
    pub fn summary(&self) -> String {
        let change = match self.change {
            Ok(change) => change,
            Err(reason) => return reason.to_string(),
        };
        let instrument = self.instrument;
        let went_the_wrong_way = instrument
            .direction()
            .improvement(change.baseline.score.get(), change.latest.score.get())
            < 0.0;
        // A rule that cannot call a change worse (a percentage derived for
        // improvement) must not call a rise "no change" either.
        let verdict = match change.classification {
            Classification::Improved => "a meaningful improvement",
            Classification::NoMeaningfulChange
                if went_the_wrong_way && !instrument.change_rule().judges_worsening() =>
            {
                "no meaningful improvement"
            }
            Classification::NoMeaningfulChange => "no meaningful change so far",
            Classification::Worsened => "a meaningful change for the worse",
        };
        if !instrument.change_rule().needs_baseline() {
            let rating = change.latest.score;
            let label = instrument
                .items()
                .first()
                .and_then(|item| item.scale().label_of(rating))
                .map_or_else(|| rating.to_string(), str::to_lowercase);
            return format!(
                "You rated your {} as “{label}”: {verdict}.",
                instrument.subject()
            );
        }
        // Compared as written, so 4.33 and 4.3 read as staying at 4.3.
        let from = instrument.unit().format(change.baseline.score);
        let to = instrument.unit().format(change.latest.score);
        let movement = if from == to {
            format!("stayed at {to}")
        } else {
            format!("went from {from} to {to}")
        };
        let span = match change.sessions {
            0 => String::new(),
            1 => " over 1 session".to_owned(),
            sessions => format!(" over {sessions} sessions"),
        };
        format!("Your {} {movement}{span}: {verdict}.", instrument.subject())
    }

    /// One sentence on the immediate effect of treatment: "From before to
    /// after treatment, your back pain went down by 1.7 on average (3
    /// sessions)." `None` until a session has both a before and an after
    /// score.
    pub fn within_session_summary(&self) -> Option<String> {
        let within = self.within_session?;
        let change = within.mean_change;
        let size = self.instrument.unit().format(finite(change.get().abs()));
        // Compared as written, so a mean of 0.04 reads as no change.
        let movement = if size == self.instrument.unit().format(Finite::ZERO) {
            "stayed the same on average".to_owned()
        } else if change.get() < 0.0 {
            format!("went down by {size} on average")
        } else {
            format!("went up by {size} on average")
        };
        let sessions = match within.pairs {
            1 => "1 session".to_owned(),
            pairs => format!("{pairs} sessions"),
        };
        Some(format!(
            "From before to after treatment, your {} {movement} ({sessions}).",
            self.instrument.subject()
        ))
    }
}

/// The verdict, for labels beside a chart.
impl fmt::Display for GoalProgress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.reached {
            f.write_str("target reached")
        } else {
            let percent = (self.share_of_way.get() * 100.0).round().max(0.0);
            write!(f, "{percent}% of the way to the target")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::hlc::Hlc;
    use crate::base::ids::DeviceId;
    use crate::outcomes::benefit::{BenefitArea, PainSite};
    use crate::outcomes::catalogue::builtin;
    use crate::outcomes::change::Direction;
    use crate::outcomes::custom_instrument::{Aggregate, CustomInstrumentInput};
    use crate::outcomes::instrument::InstrumentId;
    use crate::outcomes::measure::tests::recorded;
    use crate::outcomes::plan::{GoalInput, PlanInput, PlanStatus};

    fn id(byte: u8) -> RecordId {
        RecordId::from_bytes([byte; 16])
    }

    const CLIENT: u8 = 1;
    /// Weekly sessions S1–S6, on Mondays from 5 January 2026.
    const SESSION_DATES: [&str; 6] = [
        "2026-01-05",
        "2026-01-12",
        "2026-01-19",
        "2026-01-26",
        "2026-02-02",
        "2026-02-09",
    ];

    /// Records one measure; `session` is 1-based (0 for none), ids count up.
    struct Recorder {
        measures: Vec<Measure>,
    }

    impl Recorder {
        fn new() -> Self {
            Self {
                measures: Vec::new(),
            }
        }

        fn add(
            &mut self,
            instrument: &Instrument,
            client: u8,
            session: usize,
            date: &str,
            timing: Timing,
            values: &[Option<f64>],
        ) {
            let serial = self.measures.len() as u8 + 100;
            let session = (session > 0).then(|| id(200 + session as u8));
            let measure = recorded(
                instrument,
                serial,
                id(client),
                session,
                date,
                timing,
                values,
            );
            self.measures.push(measure);
        }

        fn session(
            &mut self,
            instrument: &Instrument,
            session: usize,
            pre: f64,
            post: Option<f64>,
        ) {
            let date = SESSION_DATES[session - 1];
            self.add(
                instrument,
                CLIENT,
                session,
                date,
                Timing::PreSession,
                &[Some(pre)],
            );
            if let Some(post) = post {
                self.add(
                    instrument,
                    CLIENT,
                    session,
                    date,
                    Timing::PostSession,
                    &[Some(post)],
                );
            }
        }
    }

    /// A fixture score: session (0 for none), date, timing, answers.
    type Row<'a> = (usize, &'a str, Timing, Vec<Option<f64>>);

    fn back() -> Instrument {
        builtin(InstrumentId::Nprs(PainSite::Back)).unwrap()
    }

    /// The fixture client: back pain before sessions 1–6 of 7, 6, 6, 5, 4, 3;
    /// after sessions 1–3 of 5, 4, 5. Another client's score is mixed in.
    fn fixture() -> Vec<Measure> {
        let back = back();
        let mut recorder = Recorder::new();
        for (session, (pre, post)) in [
            (7.0, Some(5.0)),
            (6.0, Some(4.0)),
            (6.0, Some(5.0)),
            (5.0, None),
            (4.0, None),
            (3.0, None),
        ]
        .into_iter()
        .enumerate()
        {
            recorder.session(&back, session + 1, pre, post);
        }
        recorder.add(&back, 2, 0, "2026-01-07", Timing::Standalone, &[Some(9.0)]);
        recorder.measures
    }

    #[test]
    fn fixture_client_back_pain() {
        let back = back();
        let measures = fixture();
        let analysis = analyse(&back, &measures, id(CLIENT));
        assert_eq!(analysis.points.len(), 9);
        assert_eq!(analysis.unscored, 0);
        let change = analysis.change.unwrap();
        assert_eq!(
            (change.baseline.score.get(), change.latest.score.get()),
            (7.0, 3.0)
        );
        assert_eq!(change.change.get(), -4.0);
        // -4 / 7 × 100
        assert!((change.percent_change.unwrap().get() - (-400.0 / 7.0)).abs() < 1e-9);
        assert_eq!(change.classification, Classification::Improved);
        assert_eq!(change.sessions, 6);
        // 7 → 6 (1 point, 14 %) and 7 → 6 do not count; 7 → 5 before session 4 does.
        assert_eq!(change.sessions_to_improvement, Some(4));
        // Before-session scores 7, 6, 6, 5, 4, 3 at steps 0–5: Σ(x − 2.5)·y = −13.5,
        // Σ(x − 2.5)² = 17.5, slope −27/35.
        assert!((analysis.trend_per_session.unwrap().get() - (-27.0 / 35.0)).abs() < 1e-9);
        // Pairs 7 → 5, 6 → 4, 6 → 5: mean (−2 − 2 − 1) / 3.
        let within = analysis.within_session.unwrap();
        assert_eq!(within.pairs, 3);
        assert!((within.mean_change.get() - (-5.0 / 3.0)).abs() < 1e-9);
        assert_eq!(
            analysis.within_session_summary().as_deref(),
            Some("From before to after treatment, your back pain went down by 1.7 on average (3 sessions).")
        );
        assert_eq!(
            analysis.summary(),
            "Your back pain went from 7 to 3 over 6 sessions: a meaningful improvement."
        );
    }

    #[test]
    fn sessions_are_numbered_and_span_their_points() {
        let back = back();
        let mut measures = fixture();
        // A standalone score between sessions 1 and 2 stays unmarked.
        let mut recorder = Recorder::new();
        recorder.measures = std::mem::take(&mut measures);
        recorder.add(
            &back,
            CLIENT,
            0,
            "2026-01-08",
            Timing::Standalone,
            &[Some(6.0)],
        );
        let analysis = analyse(&back, &recorder.measures, id(CLIENT));
        let marks: Vec<(usize, usize, usize)> = session_marks(&analysis.points)
            .iter()
            .map(|mark| (mark.number, mark.first, mark.last))
            .collect();
        // Points: S1 pre, S1 post, standalone, S2 pre, S2 post, S3 pre, S3 post, S4–S6 pre.
        assert_eq!(
            marks,
            vec![
                (1, 0, 1),
                (2, 3, 4),
                (3, 5, 6),
                (4, 7, 7),
                (5, 8, 8),
                (6, 9, 9)
            ]
        );
        assert_eq!(session_marks(&analysis.points)[0].session, id(201));
    }

    #[test]
    fn scores_signed_together_keep_before_then_after() {
        use crate::outcomes::session_ratings::{RatingInput, SessionRatings};
        let rating = |timing, value| RatingInput {
            instrument: InstrumentId::Nprs(PainSite::Back),
            timing,
            value,
        };
        let ratings = SessionRatings::check(&[
            rating(Timing::PreSession, 7),
            rating(Timing::PostSession, 4),
        ])
        .unwrap();
        let mut serial = 0u8;
        let mut measures = ratings.measures(
            id(CLIENT),
            id(201),
            SESSION_DATES[0].parse().unwrap(),
            Hlc::from_parts(1, 0, DeviceId::from_bytes([5; 16])),
            || {
                serial += 1;
                id(serial)
            },
        );
        measures.reverse();
        let back = back();
        let analysis = analyse(&back, &measures, id(CLIENT));
        let order: Vec<Timing> = analysis.points.iter().map(|point| point.timing).collect();
        assert_eq!(order, [Timing::PreSession, Timing::PostSession]);
    }

    #[test]
    fn goal_progress_against_targets() {
        let back = back();
        let measures = fixture();
        let analysis = analyse(&back, &measures, id(CLIENT));
        let plan = |target: f64| {
            PlanInput {
                goals: vec![GoalInput {
                    instrument: back.reference(),
                    description: String::new(),
                    baseline: 7.0,
                    target,
                }],
                sessions_per_period: 1,
                period_weeks: 1,
                planned_sessions: 6,
                review_date: "2026-03-01".to_owned(),
                status: PlanStatus::Active,
                note: String::new(),
            }
            .validate(std::slice::from_ref(&back), "2026-01-05".parse().unwrap())
            .unwrap()
        };
        let cases = [
            (2.0, false, 0.8, "80% of the way to the target"),
            (3.0, true, 1.0, "target reached"),
            (4.0, true, 4.0 / 3.0, "target reached"),
        ];
        for (target, reached, share, text) in cases {
            let version = crate::outcomes::plan::PlanVersion::create(
                id(60),
                id(CLIENT),
                plan(target),
                Hlc::from_parts(1, 0, DeviceId::from_bytes([5; 16])),
            );
            let progress = analysis.goal_progress(&version.plan().goals()[0]).unwrap();
            assert_eq!(progress.latest.get(), 3.0);
            assert_eq!(progress.reached, reached, "target {target}");
            assert!(
                (progress.share_of_way.get() - share).abs() < 1e-9,
                "target {target}"
            );
            assert_eq!(progress.to_string(), text);
        }
        let stress = builtin(InstrumentId::Stress).unwrap();
        let version = crate::outcomes::plan::PlanVersion::create(
            id(60),
            id(CLIENT),
            plan(2.0),
            Hlc::from_parts(1, 0, DeviceId::from_bytes([5; 16])),
        );
        assert_eq!(
            analyse(&stress, &measures, id(CLIENT)).goal_progress(&version.plan().goals()[0]),
            Err(Unassessable::OtherInstrument)
        );
    }

    #[test]
    fn summaries_for_each_verdict_and_direction() {
        let stress = builtin(InstrumentId::Stress).unwrap();
        let who5 = builtin(InstrumentId::Who5).unwrap();
        let pgic = builtin(InstrumentId::Pgic).unwrap();
        let mouth = builtin(InstrumentId::MouthOpening).unwrap();
        let back = builtin(InstrumentId::Nprs(PainSite::Back)).unwrap();
        let diary = builtin(InstrumentId::HeadacheDiary).unwrap();
        let who5_answers = |raw: [f64; 5]| raw.map(Some).to_vec();
        let cases: Vec<(&Instrument, Vec<Row>, &str)> = vec![
            (
                &stress,
                vec![(1, SESSION_DATES[0], Timing::PreSession, vec![Some(5.0)]), (2, SESSION_DATES[1], Timing::PreSession, vec![Some(5.0)])],
                "Your stress stayed at 5 over 2 sessions: no meaningful change so far.",
            ),
            (
                &stress,
                vec![(1, SESSION_DATES[0], Timing::PreSession, vec![Some(3.0)]), (2, SESSION_DATES[1], Timing::PreSession, vec![Some(5.0)])],
                "Your stress went from 3 to 5 over 2 sessions: a meaningful change for the worse.",
            ),
            (
                &stress,
                vec![(1, SESSION_DATES[0], Timing::PreSession, vec![Some(6.0)]), (2, SESSION_DATES[1], Timing::PreSession, vec![Some(5.0)])],
                "Your stress went from 6 to 5 over 2 sessions: no meaningful change so far.",
            ),
            (
                // Higher is better: 40 → 52 is +12, past the 10-point threshold.
                &who5,
                vec![
                    (0, "2026-01-03", Timing::Standalone, who5_answers([2.0, 2.0, 2.0, 2.0, 2.0])),
                    (0, "2026-02-14", Timing::Standalone, who5_answers([3.0, 3.0, 3.0, 2.0, 2.0])),
                ],
                "Your well-being score went from 40 to 52: a meaningful improvement.",
            ),
            (
                // Higher is better, so 48 → 40 is worse.
                &who5,
                vec![
                    (0, "2026-01-03", Timing::Standalone, who5_answers([3.0, 3.0, 2.0, 2.0, 2.0])),
                    (0, "2026-02-14", Timing::Standalone, who5_answers([2.0, 2.0, 2.0, 2.0, 2.0])),
                ],
                "Your well-being score went from 48 to 40: no meaningful change so far.",
            ),
            (
                &mouth,
                vec![(1, SESSION_DATES[0], Timing::PreSession, vec![Some(31.0)]), (3, SESSION_DATES[2], Timing::PreSession, vec![Some(40.5)])],
                "Your mouth opening went from 31 mm to 40.5 mm over 2 sessions: a meaningful improvement.",
            ),
            (
                &pgic,
                vec![(0, "2026-02-14", Timing::Standalone, vec![Some(2.0)])],
                "You rated your overall change as “much improved”: a meaningful improvement.",
            ),
            (
                &pgic,
                vec![(0, "2026-02-14", Timing::Standalone, vec![Some(3.0)])],
                "You rated your overall change as “minimally improved”: no meaningful change so far.",
            ),
            (
                // From 2 a point is 50 %, but Farrar's 30 % applies from 4
                // only and worsening needs 2 points: never "worse".
                &back,
                vec![(1, SESSION_DATES[0], Timing::PreSession, vec![Some(2.0)]), (2, SESSION_DATES[1], Timing::PreSession, vec![Some(3.0)])],
                "Your back pain went from 2 to 3 over 2 sessions: no meaningful change so far.",
            ),
            (
                &back,
                vec![(1, SESSION_DATES[0], Timing::PreSession, vec![Some(8.0)]), (2, SESSION_DATES[1], Timing::PreSession, vec![Some(5.0)])],
                "Your back pain went from 8 to 5 over 2 sessions: a meaningful improvement.",
            ),
            (
                &back,
                vec![(1, SESSION_DATES[0], Timing::PreSession, vec![Some(6.0)]), (2, SESSION_DATES[1], Timing::PreSession, vec![Some(3.0)])],
                "Your back pain went from 6 to 3 over 2 sessions: a meaningful improvement.",
            ),
            (
                &back,
                vec![(1, SESSION_DATES[0], Timing::PreSession, vec![Some(2.0)]), (2, SESSION_DATES[1], Timing::PreSession, vec![Some(1.0)])],
                "Your back pain went from 2 to 1 over 2 sessions: no meaningful change so far.",
            ),
            (
                &back,
                vec![(1, SESSION_DATES[0], Timing::PreSession, vec![Some(3.0)]), (2, SESSION_DATES[1], Timing::PreSession, vec![Some(5.0)])],
                "Your back pain went from 3 to 5 over 2 sessions: a meaningful change for the worse.",
            ),
            (
                &diary,
                vec![
                    (0, "2026-01-03", Timing::Standalone, vec![Some(4.0), Some(5.0)]),
                    (0, "2026-02-14", Timing::Standalone, vec![Some(12.0), Some(5.0)]),
                ],
                "Your number of headache days a month went from 4 to 12: no meaningful improvement.",
            ),
            (
                &diary,
                vec![
                    (0, "2026-01-03", Timing::Standalone, vec![Some(10.0), Some(5.0)]),
                    (0, "2026-02-14", Timing::Standalone, vec![Some(5.0), Some(5.0)]),
                ],
                "Your number of headache days a month went from 10 to 5: a meaningful improvement.",
            ),
            (&stress, vec![], "Not scored yet: no score has been recorded."),
            (
                &stress,
                vec![(1, SESSION_DATES[0], Timing::PreSession, vec![Some(5.0)])],
                "Not scored yet: one score so far, and a change needs two.",
            ),
            (
                &stress,
                vec![(1, SESSION_DATES[0], Timing::PostSession, vec![Some(5.0)])],
                "Not scored yet: there are only after-session scores, and change over time is \
                 measured on scores taken before a session or on their own.",
            ),
            (
                &who5,
                vec![(0, "2026-01-03", Timing::Standalone, vec![Some(2.0), None, Some(2.0), Some(2.0), Some(2.0)])],
                "Not scored: 1 recorded, but none complete enough to score.",
            ),
        ];
        for (instrument, rows, expected) in cases {
            let mut recorder = Recorder::new();
            for (session, date, timing, values) in rows {
                recorder.add(instrument, CLIENT, session, date, timing, &values);
            }
            assert_eq!(
                analyse(instrument, &recorder.measures, id(CLIENT)).summary(),
                expected
            );
        }
    }

    #[test]
    fn within_session_change_in_words() {
        let stress = builtin(InstrumentId::Stress).unwrap();
        // Each case: (before, after) per session, and the sentence.
        type Case<'a> = (&'a [(f64, Option<f64>)], Option<&'a str>);
        let cases: [Case; 4] = [
            (&[(8.0, Some(3.0))], Some("From before to after treatment, your stress went down by 5 on average (1 session).")),
            (&[(3.0, Some(4.0)), (3.0, Some(5.0))], Some("From before to after treatment, your stress went up by 1.5 on average (2 sessions).")),
            (&[(5.0, Some(5.0)), (6.0, None)], Some("From before to after treatment, your stress stayed the same on average (1 session).")),
            (&[(5.0, None)], None),
        ];
        for (sessions, expected) in cases {
            let mut recorder = Recorder::new();
            for (session, (pre, post)) in sessions.iter().enumerate() {
                recorder.session(&stress, session + 1, *pre, *post);
            }
            let analysis = analyse(&stress, &recorder.measures, id(CLIENT));
            assert_eq!(analysis.within_session_summary().as_deref(), expected);
        }
    }

    #[test]
    fn a_new_version_of_an_instrument_starts_its_own_series() {
        let form = CustomInstrumentInput {
            name: "Jaw checklist".to_owned(),
            area: BenefitArea::Pain(PainSite::Tmj),
            items: vec!["Chewing".to_owned()],
            min: 0.0,
            max: 10.0,
            min_label: String::new(),
            max_label: String::new(),
            whole_numbers: true,
            aggregate: Aggregate::Sum,
            direction: Direction::LowerIsBetter,
            change_points: Some(2.0),
            change_percent: None,
            change_source: String::new(),
            licence: String::new(),
        };
        let first = form.build(id(70), 1).unwrap();
        let second = form.build(id(70), 2).unwrap();
        let mut recorder = Recorder::new();
        recorder.add(
            &first,
            CLIENT,
            1,
            SESSION_DATES[0],
            Timing::PreSession,
            &[Some(8.0)],
        );
        recorder.add(
            &second,
            CLIENT,
            2,
            SESSION_DATES[1],
            Timing::PreSession,
            &[Some(2.0)],
        );
        let analysis = analyse(&second, &recorder.measures, id(CLIENT));
        assert_eq!(analysis.points.len(), 1);
        assert_eq!(analysis.change, Err(Unassessable::OneScore));
    }
}
