//! One client's clinical records as the screens hold them: intakes, session
//! drafts, signed sessions with their amendments, plus the therapist's own
//! contraindication rules and technique lists that screening and charting
//! need beside them.
//!
//! Only the open client's records are read (by the `client` index of each
//! object store), never the whole practice: a practice may hold tens of
//! thousands of sessions. Everything here is a query over core types; the
//! rules themselves (screening, latest intake, amendment views) are core's.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::base::ids::RecordId;
use stillpoint_core::base::scale::ZeroToTen;
use stillpoint_core::clinical::alert_override::{standing_decision, AlertOverride};
use stillpoint_core::clinical::amendment::{AmendedSession, Amendment};
use stillpoint_core::clinical::body_chart::{BodyChart, Mark};
use stillpoint_core::clinical::contraindication_rules::Rule;
use stillpoint_core::clinical::health_history::Allergy;
use stillpoint_core::clinical::intake::{latest_intake, Intake};
use stillpoint_core::clinical::quick_phrases::quick_phrases;
use stillpoint_core::clinical::screening::{client_alerts_on, Alert};
use stillpoint_core::clinical::session::{SessionDraft, SignedSession};
use stillpoint_core::clinical::session_form::{MarkInput, SessionInput};
use stillpoint_core::clinical::session_note::{SessionNote, SoapField};
use stillpoint_core::clinical::since_last_time::SinceLastTime;
use stillpoint_core::clinical::technique_list::TechniqueList;
use stillpoint_core::outcomes::session_ratings::SessionRatings;

/// The therapist's technique lists, which the session screen shows as chips.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct TechniqueLists {
    /// Craniosacral techniques, the CS1 protocol first.
    pub cst: TechniqueList,
    /// Massage techniques, the Swedish strokes first.
    pub massage: TechniqueList,
}

impl Default for TechniqueLists {
    fn default() -> Self {
        Self {
            cst: TechniqueList::cst(),
            massage: TechniqueList::massage(),
        }
    }
}

/// Everything the client page, the intake form and the session screens show
/// for one client.
#[derive(Clone, PartialEq, Debug)]
pub struct ClientRecords {
    /// Whose records these are.
    pub client: RecordId,
    /// Every intake, oldest first.
    pub intakes: Vec<Intake>,
    /// Unsigned session notes.
    pub drafts: Vec<SessionDraft>,
    /// Signed session notes.
    pub sessions: Vec<SignedSession>,
    /// Corrections to the signed notes.
    pub amendments: Vec<Amendment>,
    /// The therapist's own contraindication rules (the built-in table is
    /// always used as well).
    pub rules: Rc<Vec<Rule>>,
    /// The technique chip lists.
    pub techniques: Rc<TechniqueLists>,
}

/// A write to one client's records, folded in by the reducer.
#[derive(Clone, Debug)]
pub enum RecordEvent {
    /// An intake was saved.
    Intake(Box<Intake>),
    /// A session draft was started or saved.
    Draft(Box<SessionDraft>),
    /// A draft was discarded.
    DraftRemoved(RecordId),
    /// A draft was signed (the draft with its id is gone).
    Signed(Box<SignedSession>),
    /// A signed note was amended.
    Amended(Box<Amendment>),
    /// The technique lists changed.
    Techniques(Rc<TechniqueLists>),
    /// The therapist's own rules changed (they count for every client).
    Rules(Rc<Vec<Rule>>),
}

/// One row of the session list: a draft or a signed note.
#[derive(Clone, Copy, Debug)]
pub enum SessionEntry<'a> {
    /// Not signed yet.
    Draft(&'a SessionDraft),
    /// Signed.
    Signed(&'a SignedSession),
}

impl SessionEntry<'_> {
    /// The record id (a draft keeps it when signed).
    pub fn id(&self) -> RecordId {
        match self {
            SessionEntry::Draft(draft) => draft.id(),
            SessionEntry::Signed(session) => session.id(),
        }
    }

    /// The session date, if entered.
    pub fn date(&self) -> Option<CalendarDate> {
        match self {
            SessionEntry::Draft(draft) => draft.note().details().date,
            SessionEntry::Signed(session) => session.note().details().date,
        }
    }
}

/// Replaces the record with the same id, or adds it.
fn upsert<T>(records: &mut Vec<T>, record: T, id: impl Fn(&T) -> RecordId) {
    let key = id(&record);
    match records.iter_mut().find(|existing| id(existing) == key) {
        Some(existing) => *existing = record,
        None => records.push(record),
    }
}

impl ClientRecords {
    /// Folds one write into the records.
    pub fn apply(&mut self, event: RecordEvent) {
        match event {
            RecordEvent::Intake(intake) => upsert(&mut self.intakes, *intake, Intake::id),
            RecordEvent::Draft(draft) => upsert(&mut self.drafts, *draft, SessionDraft::id),
            RecordEvent::DraftRemoved(id) => self.drafts.retain(|draft| draft.id() != id),
            RecordEvent::Signed(session) => {
                self.drafts.retain(|draft| draft.id() != session.id());
                upsert(&mut self.sessions, *session, SignedSession::id);
            }
            RecordEvent::Amended(amendment) => {
                upsert(&mut self.amendments, *amendment, Amendment::id)
            }
            RecordEvent::Techniques(lists) => self.techniques = lists,
            RecordEvent::Rules(rules) => self.rules = rules,
        }
    }

    /// The intake that counts on `on`.
    pub fn intake_on(&self, on: CalendarDate) -> Option<&Intake> {
        latest_intake(&self.intakes, self.client, on)
    }

    /// Intakes newest first, for the history list.
    pub fn intakes_newest_first(&self) -> Vec<&Intake> {
        let mut intakes: Vec<&Intake> = self.intakes.iter().collect();
        intakes.sort_by_key(|intake| std::cmp::Reverse((intake.date(), intake.created())));
        intakes
    }

    /// The alerts active on `on`, most serious first, by core's
    /// `client_alerts_on` with the therapist's own rules
    /// (`SinceLastTime::NotAsked` outside a session).
    pub fn alerts_on(&self, on: CalendarDate, since: &SinceLastTime) -> Vec<Alert> {
        client_alerts_on(&self.intakes, self.client, since, self.rules.iter(), on)
    }

    /// The allergies recorded in the intake that counts on `on`, shown
    /// wherever the client is treated so the medium can be chosen.
    pub fn allergies_on(&self, on: CalendarDate) -> &[Allergy] {
        self.intake_on(on).map_or(&[], Intake::allergies)
    }

    /// Drafts and signed notes, newest first (undated drafts on top).
    pub fn sessions_newest_first(&self) -> Vec<SessionEntry<'_>> {
        let mut entries: Vec<SessionEntry<'_>> = self
            .drafts
            .iter()
            .map(SessionEntry::Draft)
            .chain(self.sessions.iter().map(SessionEntry::Signed))
            .collect();
        entries.sort_by_key(|entry| {
            let started = match entry {
                SessionEntry::Draft(draft) => draft.created(),
                SessionEntry::Signed(session) => session.created(),
            };
            let date = entry.date();
            std::cmp::Reverse((date.is_none(), date, started))
        });
        entries
    }

    /// The signed note `id` with its amendments.
    pub fn amended(&self, id: RecordId) -> Option<AmendedSession<'_>> {
        self.sessions
            .iter()
            .find(|session| session.id() == id)
            .map(|session| AmendedSession::new(session, &self.amendments))
    }

    /// The most recent signed note, which "start from last session" copies.
    pub fn last_signed(&self) -> Option<AmendedSession<'_>> {
        self.sessions
            .iter()
            .max_by_key(|session| (session.note().details().date, session.signed()))
            .map(|session| AmendedSession::new(session, &self.amendments))
    }

    /// The last signed note dated on or before `on`: "last time" for a
    /// session on that day.
    fn last_signed_by(&self, on: CalendarDate) -> Option<&SessionNote> {
        self.sessions
            .iter()
            .filter(|session| session.note().details().date.is_some_and(|date| date <= on))
            .max_by_key(|session| (session.note().details().date, session.signed()))
            .map(SignedSession::note)
    }

    /// For each of `alerts` (a session's on `on`) that stands as it did last
    /// time and was answered then, that decision, to offer again as "Same
    /// as last time" (core's `standing_decision`).
    pub fn standing_decisions(
        &self,
        on: CalendarDate,
        alerts: &[Alert],
    ) -> Vec<(Alert, AlertOverride)> {
        let Some((last, date)) = self
            .last_signed_by(on)
            .and_then(|note| Some((note, note.details().date?)))
        else {
            return Vec::new();
        };
        let last_alerts = self.alerts_on(date, last.since_last_time());
        alerts
            .iter()
            .filter_map(|alert| {
                standing_decision(alert, &last_alerts, last.overrides())
                    .map(|decision| (alert.clone(), decision.clone()))
            })
            .collect()
    }

    /// The ratings of the last session before a session on `on`: its pain
    /// sites are offered again as rows (core's `pain_sites_to_rate`).
    pub fn last_ratings(&self, on: CalendarDate) -> SessionRatings {
        self.last_signed_by(on)
            .map(|note| note.ratings().clone())
            .unwrap_or_default()
    }

    /// The phrases offered under SOAP `field` holding `current`: the
    /// therapist's own, from this client's signed notes (core's
    /// `quick_phrases`; only the open client's notes are read).
    pub fn quick_phrases(&self, field: SoapField, current: &str) -> Vec<String> {
        quick_phrases(
            self.sessions.iter().map(SignedSession::note),
            field,
            current,
        )
    }

    /// The draft `id`.
    pub fn draft(&self, id: RecordId) -> Option<&SessionDraft> {
        self.drafts.iter().find(|draft| draft.id() == id)
    }
}

/// The form's marks as a body chart (a mark whose intensity is off the
/// 0–10 scale cannot come from the chart's buttons and is left out).
pub fn chart_of(input: &SessionInput) -> BodyChart {
    input
        .marks
        .iter()
        .filter_map(|mark| {
            Some(Mark {
                region: mark.region,
                kind: mark.kind,
                intensity: mark.intensity.map(ZeroToTen::new).transpose().ok()?,
            })
        })
        .collect::<Vec<Mark>>()
        .into()
}

/// Puts `chart`'s marks into the form.
pub fn set_chart(input: &mut SessionInput, chart: &BodyChart) {
    input.marks = chart.marks().iter().copied().map(MarkInput::from).collect();
}

/// Marks the areas that local alerts name as areas to avoid.
pub fn with_alert_areas(input: &mut SessionInput, alerts: &[Alert]) {
    let mut chart = chart_of(input);
    chart.mark_alert_areas(alerts);
    set_chart(input, &chart);
}

#[cfg(test)]
impl ClientRecords {
    /// A client with no clinical records yet, for tests.
    pub(crate) fn empty(client: RecordId) -> Self {
        Self {
            client,
            intakes: Vec::new(),
            drafts: Vec::new(),
            sessions: Vec::new(),
            amendments: Vec::new(),
            rules: Rc::default(),
            techniques: Rc::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stillpoint_core::base::hlc::Hlc;
    use stillpoint_core::base::ids::DeviceId;
    use stillpoint_core::clinical::body_chart::MarkKind;
    use stillpoint_core::clinical::body_regions::{Area, Region, Side};
    use stillpoint_core::clinical::health_history::Condition;
    use stillpoint_core::clinical::intake::{ConditionInput, ConsentInput, IntakeInput};
    use stillpoint_core::clinical::session_note::{Modality, SoapField, TextField};

    fn client() -> RecordId {
        RecordId::from_bytes([7; 16])
    }

    fn stamp(wall: u64) -> Hlc {
        Hlc::from_parts(wall, 0, DeviceId::from_bytes([1; 16]))
    }

    fn day(text: &str) -> CalendarDate {
        text.parse().unwrap()
    }

    fn calf() -> Region {
        Region::new(Area::Calf, Some(Side::Left)).unwrap()
    }

    fn intake(id: u8, on: &str, conditions: &[Condition]) -> Intake {
        let answers = IntakeInput {
            date: on.into(),
            conditions: conditions
                .iter()
                .map(|&condition| ConditionInput {
                    condition,
                    date: String::new(),
                    regions: vec![calf()],
                    note: String::new(),
                })
                .collect(),
            consent: ConsentInput {
                typed_name: "Ada".into(),
                strokes: vec![vec![(1, 1)]],
                date: on.into(),
                ..ConsentInput::default()
            },
            ..IntakeInput::default()
        }
        .validate(day("2026-11-27"), None)
        .unwrap();
        Intake::create(
            RecordId::from_bytes([id; 16]),
            client(),
            answers,
            stamp(u64::from(id)),
        )
    }

    fn draft(id: u8, on: &str) -> SessionDraft {
        let note = SessionInput {
            client: Some(client()),
            date: on.into(),
            ..SessionInput::default()
        }
        .validate(day("2026-11-27"))
        .unwrap();
        SessionDraft::start(RecordId::from_bytes([id; 16]), note, stamp(u64::from(id)))
    }

    fn records() -> ClientRecords {
        ClientRecords::empty(client())
    }

    #[test]
    fn writes_fold_in_and_signing_replaces_the_draft() {
        let mut records = records();
        let first = draft(1, "2026-11-20");
        records.apply(RecordEvent::Draft(Box::new(first.clone())));
        records.apply(RecordEvent::Draft(Box::new(draft(2, "2026-11-27"))));
        records.apply(RecordEvent::Draft(Box::new(first.clone())));
        assert_eq!(records.drafts.len(), 2, "saving a draft again replaces it");

        let mut complete = first.note().to_input();
        complete.start = "09:30".into();
        complete.duration = "60".into();
        complete.modalities = vec![Modality::Other("Reflexology".into())];
        for part in SoapField::ALL {
            *complete.soap.text_mut(part) = part.label().into();
        }
        let mut signing = first.clone();
        signing.update(complete.validate(day("2026-11-27")).unwrap(), stamp(5));
        let signed = signing.sign(&[], "Ada", stamp(6)).unwrap();
        records.apply(RecordEvent::Signed(Box::new(signed.clone())));
        assert!(
            records.draft(first.id()).is_none(),
            "the signed draft is gone"
        );
        assert_eq!(records.drafts.len(), 1);
        assert_eq!(records.sessions, [signed]);
        let last = records.last_signed().unwrap();
        assert_eq!(last.session().id(), first.id());

        let amendment = last
            .amend(
                RecordId::from_bytes([3; 16]),
                "Ada",
                "typo",
                vec![(TextField::Soap(SoapField::Plan), "Plan, corrected".into())],
                stamp(7),
            )
            .unwrap();
        records.apply(RecordEvent::Amended(Box::new(amendment)));
        let amended = records.amended(first.id()).unwrap();
        assert_eq!(
            amended.current_text(TextField::Soap(SoapField::Plan)),
            "Plan, corrected"
        );
        assert_eq!(amended.history(TextField::Soap(SoapField::Plan)).len(), 2);

        records.apply(RecordEvent::DraftRemoved(RecordId::from_bytes([2; 16])));
        assert!(records.drafts.is_empty());
    }

    #[test]
    fn sessions_list_newest_first_with_undated_drafts_on_top() {
        let mut records = records();
        for (id, on) in [(1, "2026-11-01"), (2, ""), (3, "2026-11-20")] {
            records.apply(RecordEvent::Draft(Box::new(draft(id, on))));
        }
        let order: Vec<RecordId> = records
            .sessions_newest_first()
            .iter()
            .map(SessionEntry::id)
            .collect();
        assert_eq!(order, [2, 3, 1].map(|id| RecordId::from_bytes([id; 16])));
    }

    #[test]
    fn alerts_come_from_the_intake_that_counts_that_day() {
        let mut records = records();
        assert!(
            records
                .alerts_on(day("2026-11-27"), &SinceLastTime::NotAsked)
                .is_empty(),
            "no intake, no alerts"
        );
        records.apply(RecordEvent::Intake(Box::new(intake(
            1,
            "2025-01-10",
            &[Condition::Epilepsy],
        ))));
        records.apply(RecordEvent::Intake(Box::new(intake(
            2,
            "2026-06-01",
            &[Condition::VaricoseVeins],
        ))));
        let names = |on: &str| -> Vec<String> {
            records
                .alerts_on(day(on), &SinceLastTime::NotAsked)
                .into_iter()
                .map(|alert| alert.name)
                .collect()
        };
        assert_eq!(names("2025-06-01"), ["Epilepsy"]);
        assert_eq!(names("2026-11-27"), ["Varicose veins"]);
        assert_eq!(
            records
                .intakes_newest_first()
                .first()
                .map(|intake| intake.date()),
            Some(day("2026-06-01"))
        );
    }

    #[test]
    fn local_alerts_mark_their_areas_to_avoid_in_the_form() {
        let mut records = records();
        records.apply(RecordEvent::Intake(Box::new(intake(
            1,
            "2026-06-01",
            &[Condition::VaricoseVeins],
        ))));
        let mut input = SessionInput::default();
        with_alert_areas(
            &mut input,
            &records.alerts_on(day("2026-11-27"), &SinceLastTime::NotAsked),
        );
        assert_eq!(
            input.marks,
            [MarkInput {
                region: calf(),
                kind: MarkKind::Avoid,
                intensity: None
            }]
        );
        let mut chart = chart_of(&input);
        chart.clear(calf(), MarkKind::Avoid);
        set_chart(&mut input, &chart);
        assert!(input.marks.is_empty());
    }
}
