//! Records of every kind, made through the public API as the app makes
//! them: the one place tests build a sample record (core's sync and law
//! tests, the CLI's), so a change to a record's shape is fixed here once.

use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::base::finite::Finite;
use stillpoint_core::base::hlc::Hlc;
use stillpoint_core::base::ids::RecordId;
use stillpoint_core::base::recency::WindowUnit;
use stillpoint_core::clinical::amendment::{AmendedSession, Amendment};
use stillpoint_core::clinical::body_chart::MarkKind;
use stillpoint_core::clinical::body_regions::{Area, Region, Side};
use stillpoint_core::clinical::contraindication_rules::{
    AlertLevel, OwnRule, Practice, RuleInput, Trigger,
};
use stillpoint_core::clinical::cst_findings::{
    Amplitude, ListeningStation, Symmetry, TechniqueResponse, TechniqueResult,
};
use stillpoint_core::clinical::intake::{ConsentInput, Intake, IntakeInput};
use stillpoint_core::clinical::massage_work::MassageWork;
use stillpoint_core::clinical::session::{SessionDraft, SignedSession};
use stillpoint_core::clinical::session_form::{MarkInput, RhythmInput, SessionInput};
use stillpoint_core::clinical::session_note::{Modality, SessionNote, Soap, SoapField, TextField};
use stillpoint_core::outcomes::benefit::BenefitArea;
use stillpoint_core::outcomes::benefit::PainSite;
use stillpoint_core::outcomes::catalogue::{builtin, free_instruments};
use stillpoint_core::outcomes::change::Direction;
use stillpoint_core::outcomes::custom_instrument::{
    Aggregate, CustomInstrumentInput, OwnInstrument,
};
use stillpoint_core::outcomes::instrument::{Instrument, InstrumentId};
use stillpoint_core::outcomes::measure::{Measure, MeasureInput, Timing};
use stillpoint_core::outcomes::plan::{GoalInput, PlanInput, PlanStatus, PlanVersion};
use stillpoint_core::outcomes::scoring::Answers;
use stillpoint_core::outcomes::session_ratings::RatingInput;
use stillpoint_core::selfcare::care_item::{CareCategory, CareItemInput, Period};
use stillpoint_core::selfcare::care_plan::{
    CarePlanInput, CarePlanVersion, NewVersion, PlannedItemInput,
};
use stillpoint_core::selfcare::diary::{DayInput, Diary};
use stillpoint_core::selfcare::library::{LibraryItem, LibraryKey, LibraryValue};
use stillpoint_core::sync::dataset::Dataset;
use stillpoint_core::sync::device_name::DeviceName;

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
        since_last_time: Default::default(),
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
    scored(&instrument, measure, client, vec![value], at)
}

/// A standalone score `measure` of `instrument` for `client`, today.
fn scored(
    instrument: &Instrument,
    measure: RecordId,
    client: RecordId,
    values: Vec<f64>,
    at: Hlc,
) -> Measure {
    let input = MeasureInput {
        client,
        session: None,
        date: today(),
        timing: Timing::Standalone,
        answers: Answers::Items {
            values: values
                .into_iter()
                .map(|value| Some(Finite::new(value).unwrap()))
                .collect(),
        },
    };
    Measure::record(instrument, input, today(), measure, at).unwrap()
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

/// The therapist's rule `rule`, raised when `word` is mentioned.
pub fn rule(rule: RecordId, word: &str, at: Hlc) -> OwnRule {
    let input = RuleInput {
        name: format!("Mentions {word}"),
        level: AlertLevel::Caution,
        practice: Practice::Both,
        triggers: vec![Trigger::Mentions(word.to_owned().into())],
        recent_within: String::new(),
        recent_unit: WindowUnit::Months,
        regions: vec![],
    };
    OwnRule::create(rule, input.validate(rule).unwrap(), at)
}

/// The therapist's instrument `instrument` (version `version`): two
/// questions answered 0 to `max`, summed.
pub fn instrument(instrument: RecordId, version: u32, max: f64, at: Hlc) -> OwnInstrument {
    let input = CustomInstrumentInput {
        name: "Jaw checklist".into(),
        area: BenefitArea::Pain(PainSite::Tmj),
        items: vec!["Chewing".into(), "Yawning".into()],
        min: 0.0,
        max,
        min_label: "No limitation".into(),
        max_label: String::new(),
        whole_numbers: true,
        aggregate: Aggregate::Sum,
        direction: Direction::LowerIsBetter,
        change_points: Some(2.0),
        change_percent: None,
        change_source: String::new(),
        licence: "Licensed to this practice".into(),
    };
    OwnInstrument::create(instrument, input.build(instrument, version).unwrap(), at)
}

/// A score of `instrument`'s current version, both answers `value`.
pub fn custom_measure(
    measure: RecordId,
    client: RecordId,
    instrument: &OwnInstrument,
    value: f64,
    at: Hlc,
) -> Measure {
    scored(instrument.value(), measure, client, vec![value; 2], at)
}

/// A self-care plan `plan` of one breathing item for `client`.
pub fn care_plan(plan: RecordId, client: RecordId, at: Hlc) -> CarePlanVersion {
    CarePlanInput {
        items: vec![PlannedItemInput {
            item: breathing(),
            source: Some(LibraryKey::Builtin("belly-breathing".into())),
            goals: vec![],
        }],
        message: "Little and often.".into(),
    }
    .validate(
        NewVersion {
            id: plan,
            client,
            previous: None,
            stamp: at,
            written: today(),
        },
        None,
    )
    .unwrap()
}

fn breathing() -> CareItemInput {
    CareItemInput {
        title: "Belly breathing".into(),
        category: Some(CareCategory::Breathing),
        times: 2,
        per: Some(Period::Day),
        how_long: "5 minutes".into(),
        how_to: "Breathe in low, out slowly.".into(),
        precautions: String::new(),
        stop_and_call: String::new(),
    }
}

/// The diary `diary` of `plan` with the plan's first day logged at `at`.
pub fn diary(diary: RecordId, plan: &CarePlanVersion, at: Hlc) -> Diary {
    let mut record = Diary::start(diary, plan);
    log_day(&mut record, plan, 4, at);
    record
}

/// Logs the plan's first day in `diary` with `symptoms`, at `at`.
pub fn log_day(diary: &mut Diary, plan: &CarePlanVersion, symptoms: u8, at: Hlc) {
    let day = DayInput {
        date: today().to_string(),
        done: [0].into(),
        symptoms: Some(symptoms),
        note: "Slept better.".into(),
    };
    diary.log(&day, plan, today(), at).unwrap();
}

/// The therapist's own home-care item `item`.
pub fn library_item(item: RecordId, at: Hlc) -> LibraryItem {
    let value = LibraryValue {
        replaces: None,
        item: breathing().validate().unwrap(),
    };
    LibraryItem::create(item, value, at)
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
    dataset.insert(rule(id(first + 6), "whiplash", at(7)));
    dataset.insert(instrument(id(first + 7), 1, 4.0, at(8)));
    let care_plan = care_plan(id(first + 8), client, at(9));
    dataset.insert(diary(id(first + 9), &care_plan, at(10)));
    dataset.insert(care_plan);
    dataset.insert(library_item(id(first + 10), at(11)));
    let named = at(12);
    dataset.insert(
        DeviceName::new(named.device(), "Treatment room iPad", named).expect("a tidy name"),
    );
    dataset
}
