//! Records of every kind, made through the public API as the app makes
//! them, for the sync tests.

// Each test binary that includes this module uses its own subset of it.
#![allow(dead_code)]

use stillpoint_core::amendment::{AmendedSession, Amendment};
use stillpoint_core::benefit::PainSite;
use stillpoint_core::body_chart::MarkKind;
use stillpoint_core::body_regions::{Area, Region, Side};
use stillpoint_core::catalogue::{builtin, free_instruments};
use stillpoint_core::cst_findings::{
    Amplitude, ListeningStation, Symmetry, TechniqueResponse, TechniqueResult,
};
use stillpoint_core::dataset::Dataset;
use stillpoint_core::date::CalendarDate;
use stillpoint_core::finite::Finite;
use stillpoint_core::hlc::Hlc;
use stillpoint_core::ids::RecordId;
use stillpoint_core::instrument::InstrumentId;
use stillpoint_core::intake::{ConsentInput, Intake, IntakeInput};
use stillpoint_core::massage_work::MassageWork;
use stillpoint_core::measure::{Measure, MeasureInput, Timing};
use stillpoint_core::plan::{GoalInput, PlanInput, PlanStatus, PlanVersion};
use stillpoint_core::scoring::Answers;
use stillpoint_core::session::{SessionDraft, SignedSession};
use stillpoint_core::session_form::{MarkInput, RhythmInput, SessionInput};
use stillpoint_core::session_note::{Modality, SessionNote, Soap, SoapField, TextField};
use stillpoint_core::session_ratings::RatingInput;

/// The day every sample is made on.
pub fn today() -> CalendarDate {
    "2026-11-27".parse().unwrap()
}

/// The id `[byte; 16]`.
pub fn id(byte: u8) -> RecordId {
    RecordId::from_bytes([byte; 16])
}

/// A complete session form for `client`, with `plan` as its plan.
pub fn session_input(client: RecordId, plan: &str) -> SessionInput {
    SessionInput {
        client: Some(client),
        date: "2026-11-27".into(),
        start: "09:30".into(),
        duration: "60".into(),
        modalities: vec![Modality::Cst],
        soap: Soap {
            subjective: "Headache eased, 4/10.".into(),
            objective: "Rhythm restricted left at the head.".into(),
            assessment: "Good release at the cranial base.".into(),
            plan: plan.into(),
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
        somato_emotional: String::new(),
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
                instrument: InstrumentId::Stress,
                timing: Timing::PreSession,
                value: 8,
            },
            RatingInput {
                instrument: InstrumentId::Stress,
                timing: Timing::PostSession,
                value: 3,
            },
        ],
    }
}

/// A complete note for `client` with `plan` as its plan.
pub fn note(client: RecordId, plan: &str) -> SessionNote {
    session_input(client, plan).validate(today()).unwrap()
}

/// A draft `draft` for `client`.
pub fn draft(draft: u8, client: RecordId, at: Hlc) -> SessionDraft {
    SessionDraft::start(id(draft), note(client, "Weekly."), at)
}

/// The draft `draft`, signed.
pub fn signed(draft_id: u8, client: RecordId, at: Hlc, signed_at: Hlc) -> SignedSession {
    draft(draft_id, client, at)
        .sign(&[], "Sam Rivera", signed_at)
        .unwrap()
}

/// An amendment `amendment` of `session`, changing its plan.
pub fn amendment(amendment: u8, session: &SignedSession, at: Hlc) -> Amendment {
    AmendedSession::new(session, [])
        .amend(
            id(amendment),
            "Sam Rivera",
            "Plan agreed after the session",
            vec![(TextField::Soap(SoapField::Plan), "Fortnightly.".into())],
            at,
        )
        .unwrap()
}

/// An adult's intake `intake` for `client`.
pub fn intake(intake: u8, client: RecordId, at: Hlc) -> Intake {
    let input = IntakeInput {
        date: "2026-11-20".into(),
        goals: "Fewer headaches".into(),
        consent: ConsentInput {
            typed_name: "Ada Lovelace".into(),
            strokes: vec![vec![(10, 10), (50, 40)]],
            date: "2026-11-20".into(),
            ..ConsentInput::default()
        },
        ..IntakeInput::default()
    };
    Intake::create(
        id(intake),
        client,
        input.validate(today(), None).unwrap(),
        at,
    )
}

/// A back-pain score `measure` of `value` for `client`.
pub fn measure(measure: RecordId, client: RecordId, value: f64, at: Hlc) -> Measure {
    let instrument = builtin(InstrumentId::Nprs(PainSite::Back)).unwrap();
    let input = MeasureInput {
        client,
        session: None,
        date: today(),
        timing: Timing::Standalone,
        answers: Answers::Items {
            values: vec![Some(Finite::new(value).unwrap())],
        },
    };
    Measure::record(&instrument, input, today(), measure, at).unwrap()
}

/// A back-pain plan `plan` for `client`.
pub fn plan(plan: u8, client: RecordId, at: Hlc) -> PlanVersion {
    let input = PlanInput {
        goals: vec![GoalInput {
            instrument: builtin(InstrumentId::Nprs(PainSite::Back))
                .unwrap()
                .reference(),
            description: "Garden without pain".into(),
            baseline: 7.0,
            target: 3.0,
        }],
        sessions_per_period: 1,
        period_weeks: 1,
        planned_sessions: 6,
        review_date: "2027-01-08".into(),
        status: PlanStatus::Active,
        note: String::new(),
    };
    let fields = input.validate(&free_instruments(), today()).unwrap();
    PlanVersion::create(id(plan), client, fields, at)
}

/// One record of every kind besides clients, all for `client`, with ids
/// from `first` on and stamps from `stamp(first)` on.
pub fn one_of_each(client: RecordId, first: u8, stamp: impl Fn(u64) -> Hlc) -> Dataset {
    let at = |offset: u8| stamp(u64::from(first) * 100 + u64::from(offset));
    let signed_session = signed(first + 2, client, at(2), at(3));
    let mut dataset = Dataset::new();
    dataset.insert(intake(first, client, at(0)));
    dataset.insert(draft(first + 1, client, at(1)));
    dataset.insert(amendment(first + 3, &signed_session, at(4)));
    dataset.insert(signed_session);
    dataset.insert(measure(id(first + 4), client, 6.0, at(5)));
    dataset.insert(plan(first + 5, client, at(6)));
    dataset
}
