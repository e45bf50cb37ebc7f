//! The IndexedDB store in a real browser (headless Chromium through
//! wasm-bindgen-test): round trips, the upgrade paths from schema versions 1
//! and 2, clinical records read per client through their indexes and
//! segments, records of earlier builds moved into segments, all-or-nothing
//! writes, and a database from a newer build.
#![cfg(target_arch = "wasm32")]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::base::environment::{Environment, SeededEnvironment};
use stillpoint_core::base::finite::Finite;
use stillpoint_core::base::hlc::HlcClock;
use stillpoint_core::base::home_screen::HomeScreenHint;
use stillpoint_core::base::ids::{DeviceId, RecordId};
use stillpoint_core::base::recency::WindowUnit;
use stillpoint_core::clients::client::{Client, ClientInput};
use stillpoint_core::clients::summary::ClientSummary;
use stillpoint_core::clinical::amendment::AmendedSession;
use stillpoint_core::clinical::contraindication_rules::{
    AlertLevel, OwnRule, Practice, RuleInput, Trigger,
};
use stillpoint_core::clinical::intake::{ConsentInput, Intake, IntakeInput};
use stillpoint_core::clinical::session::{SessionDraft, SignedSession};
use stillpoint_core::clinical::session_form::SessionInput;
use stillpoint_core::clinical::session_note::{Modality, Soap, SoapField, TextField};
use stillpoint_core::merge::version_vector::VersionVector;
use stillpoint_core::outcomes::benefit::{BenefitArea, PainSite};
use stillpoint_core::outcomes::catalogue::{builtin, free_instruments};
use stillpoint_core::outcomes::change::Direction;
use stillpoint_core::outcomes::custom_instrument::{
    Aggregate, CustomInstrumentInput, OwnInstrument,
};
use stillpoint_core::outcomes::instrument::InstrumentId;
use stillpoint_core::outcomes::measure::{Measure, MeasureInput, Timing};
use stillpoint_core::outcomes::plan::{GoalInput, PlanInput, PlanStatus, PlanVersion};
use stillpoint_core::outcomes::scoring::Answers;
use stillpoint_core::sync::device_name::DeviceName;
use stillpoint_ui::records::TechniqueLists;
use stillpoint_ui::store::{
    Change, Draft, IntakeDraft, Settings, Store, StoreError, SyncLog, SyncedRecord, ThemeChoice,
    SCHEMA_VERSION,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn client(environment: &mut SeededEnvironment, clock: &mut HlcClock, name: &str) -> Client {
    let fields = ClientInput {
        full_name: name.to_owned(),
        email: format!("{}@example.org", name.to_lowercase()),
        date_of_birth: "1980-02-29".to_owned(),
        ..ClientInput::default()
    }
    .validate("2026-11-27".parse().unwrap())
    .unwrap();
    let id = RecordId::new(environment);
    Client::create(id, fields, clock.tick(environment.now_millis()))
}

/// Every object store of the current schema, sorted.
const CURRENT_STORES: [&str; 19] = [
    "amendments",
    "care_library",
    "care_plans",
    "client_list",
    "clients",
    "custom_instruments",
    "device_names",
    "diaries",
    "drafts",
    "instrument_records",
    "intake_drafts",
    "intakes",
    "measures",
    "meta",
    "plan_versions",
    "rules",
    "segments",
    "session_drafts",
    "sessions",
];

/// The new-client form with a name half typed, as its draft.
fn half_typed(environment: &SeededEnvironment) -> Draft {
    Draft {
        key: "client:new".into(),
        input: ClientInput {
            full_name: "Half typed".into(),
            ..ClientInput::default()
        },
        updated_millis: environment.now_millis(),
    }
}

/// Writes `record` into `store` of database `name` at schema `version`
/// (under `key` for a store without a key path), the way the build of that
/// version did, without the app's store.
async fn put_raw<T: serde::Serialize>(
    name: &str,
    version: u32,
    store: &str,
    key: Option<&str>,
    record: &T,
) {
    let raw = Database::open(name).with_version(version).await.unwrap();
    let tx = raw
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let store = tx.object_store(store).unwrap();
    match key {
        Some(key) => store
            .put(record)
            .with_key(key)
            .with_key_type::<String>()
            .serde()
            .unwrap()
            .await
            .map(drop)
            .unwrap(),
        None => store.put(record).serde().unwrap().await.map(drop).unwrap(),
    }
    tx.commit().await.unwrap();
    raw.close();
}

async fn fresh(name: &str, version: u32) -> Store {
    Store::delete_database(name).await.unwrap();
    Store::open(name, version).await.unwrap()
}

/// A database `name` at schema `version` holding one client, Ada, written
/// through today's store (which writes only the stores that version has),
/// and closed: an install of that version, to upgrade.
async fn install_with_ada(name: &str, version: u32) -> Client {
    let old = fresh(name, version).await;
    let mut environment = SeededEnvironment::new(version.into(), 1_795_771_470_000, 1_000);
    let mut clock = old.device_clock(&mut environment).await.unwrap();
    let ada = client(&mut environment, &mut clock, "Ada");
    old.apply(&[Change::PutClient(Box::new(ada.clone()))])
        .await
        .unwrap();
    old.close();
    ada
}

#[wasm_bindgen_test]
async fn clients_settings_and_drafts_round_trip() {
    let store = fresh("test-round-trip", SCHEMA_VERSION).await;
    let mut environment = SeededEnvironment::new(1, 1_795_771_470_000, 1_000);
    let mut clock = store.device_clock(&mut environment).await.unwrap();
    assert_eq!(
        store.device_clock(&mut environment).await.unwrap(),
        clock,
        "the device keeps its id"
    );

    let ada = client(&mut environment, &mut clock, "Ada");
    let mut grace = client(&mut environment, &mut clock, "Grace");
    grace.delete(clock.tick(environment.now_millis()));
    let settings = Settings {
        theme: ThemeChoice::Dark,
        persistence_requested: true,
        therapist_name: "Ada Byron".into(),
        practice_name: "Quiet Hands".into(),
        home_screen_hint: HomeScreenHint::DismissedBeforeClients,
    };
    let draft = half_typed(&environment);
    store
        .apply(&[
            Change::PutClient(Box::new(ada.clone())),
            Change::PutClient(Box::new(grace.clone())),
            Change::PutClock(clock),
            Change::PutSettings(settings.clone()),
            Change::PutDraft(draft.clone()),
        ])
        .await
        .unwrap();

    let mut stored = store.clients().await.unwrap();
    stored.sort_by_key(|client| client.full_name().to_owned());
    assert_eq!(stored, vec![ada, grace]);
    assert_eq!(store.settings().await.unwrap(), settings);
    assert_eq!(store.draft("client:new").await.unwrap(), Some(draft));
    assert_eq!(
        store.device_clock(&mut environment).await.unwrap(),
        clock,
        "the clock was saved with the edit"
    );

    store
        .apply(&[Change::DeleteDraft("client:new".into())])
        .await
        .unwrap();
    assert_eq!(store.draft("client:new").await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn a_failed_write_leaves_nothing_behind() {
    let store = fresh("test-all-or-nothing", SCHEMA_VERSION).await;
    let mut environment = SeededEnvironment::new(2, 1_795_771_470_000, 1_000);
    let mut clock = store.device_clock(&mut environment).await.unwrap();
    let before = clock;
    let ada = client(&mut environment, &mut clock, "Ada");
    // The client goes out first; the draft then fails (a time no JavaScript
    // number holds exactly), so the whole action must roll back.
    let unstorable = Draft {
        key: "client:new".into(),
        input: ClientInput::default(),
        updated_millis: u64::MAX,
    };
    let result = store
        .apply(&[
            Change::PutClient(Box::new(ada)),
            Change::PutClock(clock),
            Change::PutDraft(unstorable),
        ])
        .await;
    assert!(matches!(result, Err(StoreError::Failed(_))), "{result:?}");
    assert_eq!(store.clients().await.unwrap(), vec![]);
    assert_eq!(
        store.client_summaries().await.unwrap(),
        vec![],
        "nor a summary"
    );
    assert_eq!(store.device_clock(&mut environment).await.unwrap(), before);
}

#[wasm_bindgen_test]
async fn version_1_data_upgrades_to_the_current_schema() {
    let name = "test-upgrade";
    let v1 = fresh(name, 1).await;
    assert_eq!(v1.version(), 1);
    assert_eq!(v1.store_names(), ["clients", "meta"]);
    let mut environment = SeededEnvironment::new(3, 1_795_771_470_000, 1_000);
    let mut clock = v1.device_clock(&mut environment).await.unwrap();
    v1.close();

    // Write a client the way a version-1 build did: straight into `clients`.
    let ada = client(&mut environment, &mut clock, "Ada");
    put_raw(name, 1, "clients", None, &ada).await;

    let current = Store::open(name, SCHEMA_VERSION).await.unwrap();
    assert_eq!(current.version(), SCHEMA_VERSION);
    assert_eq!(current.store_names(), CURRENT_STORES);
    assert_eq!(current.measures().await.unwrap(), vec![]);
    assert_eq!(current.plan_versions().await.unwrap(), vec![]);
    assert_eq!(current.clients().await.unwrap(), vec![ada]);
    assert_eq!(
        current
            .device_clock(&mut environment)
            .await
            .unwrap()
            .device(),
        clock.device()
    );
    assert_eq!(current.settings().await.unwrap(), Settings::default());
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_build_is_refused_plainly() {
    let name = "test-newer";
    Store::delete_database(name).await.unwrap();
    let newer = Database::open(name)
        .with_version(SCHEMA_VERSION + 1)
        .await
        .unwrap();
    newer.close();
    let refused = Store::open(name, SCHEMA_VERSION).await;
    assert_eq!(refused.err(), Some(StoreError::NewerSchema));
    assert!(StoreError::NewerSchema
        .to_string()
        .contains("Reload the page"));
}

#[wasm_bindgen_test]
fn device_ids_from_different_seeds_differ() {
    let mut first = SeededEnvironment::new(10, 0, 0);
    let mut second = SeededEnvironment::new(11, 0, 0);
    assert_ne!(DeviceId::new(&mut first), DeviceId::new(&mut second));
}

/// A signed intake of `client` dated `on`, made at the clock's next tick.
fn intake(
    environment: &mut SeededEnvironment,
    clock: &mut HlcClock,
    client: RecordId,
    on: &str,
) -> Intake {
    let answers = IntakeInput {
        date: on.into(),
        consent: ConsentInput {
            typed_name: "Ada Lovelace".into(),
            strokes: vec![vec![(10, 10), (50, 40)]],
            date: on.into(),
            ..ConsentInput::default()
        },
        ..IntakeInput::default()
    }
    .validate(today(), None)
    .unwrap();
    let id = RecordId::new(environment);
    Intake::create(id, client, answers, clock.tick(environment.now_millis()))
}

fn today() -> CalendarDate {
    "2026-11-27".parse().unwrap()
}

/// A complete session note of `client` on `on`, ready to sign.
fn complete_note(client: RecordId, on: &str) -> SessionInput {
    let mut soap = Soap::default();
    for field in SoapField::ALL {
        *soap.text_mut(field) = format!("{} text", field.label());
    }
    SessionInput {
        client: Some(client),
        date: on.into(),
        start: "10:00".into(),
        duration: "60".into(),
        modalities: vec![Modality::Other("Reflexology".into())],
        soap,
        ..SessionInput::default()
    }
}

fn draft(
    environment: &mut SeededEnvironment,
    clock: &mut HlcClock,
    client: RecordId,
    on: &str,
) -> SessionDraft {
    let note = complete_note(client, on).validate(today()).unwrap();
    let id = RecordId::new(environment);
    SessionDraft::start(id, note, clock.tick(environment.now_millis()))
}

#[wasm_bindgen_test]
async fn clinical_records_are_read_per_client() {
    let store = fresh("test-clinical", SCHEMA_VERSION).await;
    let mut environment = SeededEnvironment::new(4, 1_795_771_470_000, 1_000);
    let mut clock = store.device_clock(&mut environment).await.unwrap();
    let ada = RecordId::new(&mut environment);
    let bea = RecordId::new(&mut environment);

    let old_intake = intake(&mut environment, &mut clock, ada, "2025-01-10");
    let new_intake = intake(&mut environment, &mut clock, ada, "2026-11-01");
    let other_intake = intake(&mut environment, &mut clock, bea, "2026-11-01");
    let open_draft = draft(&mut environment, &mut clock, ada, "2026-11-27");
    let to_sign = draft(&mut environment, &mut clock, ada, "2026-11-20");
    let signed = to_sign
        .sign(&[], "Ada Byron", clock.tick(environment.now_millis()))
        .unwrap();
    let other_signed = draft(&mut environment, &mut clock, bea, "2026-11-27")
        .sign(&[], "Ada Byron", clock.tick(environment.now_millis()))
        .unwrap();
    let amendment = AmendedSession::new(&signed, [])
        .amend(
            RecordId::new(&mut environment),
            "Ada Byron",
            "Wrong side recorded",
            vec![(
                TextField::Soap(SoapField::Plan),
                "Left side next time".into(),
            )],
            clock.tick(environment.now_millis()),
        )
        .unwrap();
    let rule = migraine_rule(RecordId::new(&mut environment));
    let rule_record = OwnRule::create(
        RecordId::new(&mut environment),
        rule.clone(),
        clock.tick(environment.now_millis()),
    );
    let rule = rule_record.value().clone();
    let mut discarded = draft(&mut environment, &mut clock, ada, "2026-11-26");
    assert!(discarded.discard(clock.tick(environment.now_millis())));
    let mut techniques = TechniqueLists::default();
    techniques.cst.add("Occipital cradle").unwrap();
    let intake_draft = IntakeDraft {
        client: ada,
        input: IntakeInput {
            goals: "Sleep better".into(),
            ..IntakeInput::default()
        },
        updated_millis: environment.now_millis(),
    };

    store
        .apply(&[
            Change::PutIntake(Box::new(old_intake.clone())),
            Change::PutIntake(Box::new(new_intake.clone())),
            Change::PutIntake(Box::new(other_intake)),
            Change::PutSessionDraft(Box::new(open_draft.clone())),
            Change::PutSessionDraft(Box::new(to_sign.clone())),
            Change::PutSignedSession(Box::new(signed.clone())),
            Change::DeleteSessionDraft(to_sign.id()),
            Change::PutSignedSession(Box::new(other_signed.clone())),
            Change::PutAmendment {
                client: ada,
                amendment: Box::new(amendment.clone()),
            },
            Change::PutRule(Box::new(rule_record.clone())),
            Change::PutSessionDraft(Box::new(discarded.clone())),
            Change::PutTechniques(Box::new(techniques.clone())),
            Change::PutIntakeDraft(Box::new(intake_draft.clone())),
            Change::PutClock(clock),
        ])
        .await
        .unwrap();

    let mut records = store.client_records(ada).await.unwrap();
    records.intakes.sort_by_key(|intake| intake.date());
    assert_eq!(records.client, ada);
    assert_eq!(records.intakes, vec![old_intake, new_intake.clone()]);
    assert_eq!(
        records.drafts,
        vec![open_draft.clone()],
        "signing removed the draft; the discarded one is not shown"
    );
    assert_eq!(records.sessions, vec![signed.clone()]);
    assert_eq!(records.amendments, vec![amendment]);
    assert_eq!(*records.rules, vec![rule.clone()]);
    assert_eq!(*records.techniques, techniques);
    assert_eq!(
        records.intake_on(today()).map(Intake::id),
        Some(new_intake.id())
    );
    let amended = records.amended(signed.id()).unwrap();
    assert_eq!(
        amended.current_text(TextField::Soap(SoapField::Plan)),
        "Left side next time"
    );
    assert_eq!(
        amended.history(TextField::Soap(SoapField::Plan))[0].text,
        "Plan text"
    );

    let others = store.client_records(bea).await.unwrap();
    assert_eq!(others.intakes.len(), 1);
    assert_eq!(others.sessions, vec![other_signed.clone()]);
    assert!(others.drafts.is_empty() && others.amendments.is_empty());

    assert_eq!(
        store.sessions_on(today()).await.unwrap(),
        vec![other_signed]
    );
    let mut drafts = store.session_drafts().await.unwrap();
    drafts.sort_by_key(SessionDraft::id);
    let mut expected = vec![open_draft, discarded.clone()];
    expected.sort_by_key(SessionDraft::id);
    assert_eq!(drafts, expected, "the tombstone is kept for export");
    assert_eq!(
        store.session_draft(discarded.id()).await.unwrap(),
        Some(discarded)
    );
    assert_eq!(store.rules().await.unwrap(), vec![rule.clone()]);
    assert_eq!(store.intake_draft(ada).await.unwrap(), Some(intake_draft));
    assert_eq!(store.intake_draft(bea).await.unwrap(), None);

    let mut removed = rule_record;
    assert!(removed.remove(clock.tick(environment.now_millis())));
    store
        .apply(&[
            Change::DeleteIntakeDraft(ada),
            Change::PutRule(Box::new(removed.clone())),
        ])
        .await
        .unwrap();
    assert_eq!(store.intake_draft(ada).await.unwrap(), None);
    assert_eq!(store.rules().await.unwrap(), vec![]);
    assert_eq!(
        store.rule_records().await.unwrap(),
        vec![removed],
        "the removal is kept as a tombstone"
    );
    assert!(store.client_records(ada).await.unwrap().rules.is_empty());
}

fn neck_scale() -> CustomInstrumentInput {
    CustomInstrumentInput {
        name: "Licensed neck scale".into(),
        area: BenefitArea::Pain(PainSite::Other),
        items: vec!["How is your neck?".into()],
        min: 0.0,
        max: 4.0,
        min_label: String::new(),
        max_label: String::new(),
        whole_numbers: true,
        aggregate: Aggregate::Sum,
        direction: Direction::LowerIsBetter,
        change_points: Some(1.0),
        change_percent: None,
        change_source: "Manual".into(),
        licence: "Licensed to this practice".into(),
    }
}

fn migraine_rule(id: RecordId) -> stillpoint_core::clinical::contraindication_rules::Rule {
    RuleInput {
        name: "Migraine today".into(),
        level: AlertLevel::Caution,
        practice: Practice::Cst,
        triggers: vec![Trigger::Mentions("migraine".into())],
        recent_within: String::new(),
        recent_unit: WindowUnit::Months,
        regions: vec![],
    }
    .validate(id)
    .unwrap()
}

#[wasm_bindgen_test]
async fn rules_and_instruments_saved_before_sync_are_adopted() {
    let name = "test-upgrade-4";
    let v4 = fresh(name, 4).await;
    v4.close();
    // A version-4 build stored bare rules and instrument versions.
    let rule = migraine_rule(RecordId::from_bytes([7; 16]));
    put_raw(name, 4, "rules", None, &rule).await;
    let instrument = neck_scale()
        .build(RecordId::from_bytes([8; 16]), 1)
        .unwrap();
    put_raw(name, 4, "custom_instruments", None, &instrument).await;

    let current = Store::open(name, SCHEMA_VERSION).await.unwrap();
    assert_eq!(current.store_names(), CURRENT_STORES);
    assert_eq!(current.rules().await.unwrap(), vec![rule.clone()]);
    assert_eq!(
        current.rule_records().await.unwrap(),
        vec![OwnRule::saved_before_sync(rule).unwrap()]
    );
    assert_eq!(current.instrument_records().await.unwrap(), vec![]);
    assert_eq!(
        current.custom_instruments().await.unwrap(),
        vec![instrument]
    );
}

#[wasm_bindgen_test]
async fn a_version_6_database_gains_device_names_and_keeps_its_records() {
    let name = "test-upgrade-6";
    let ada = install_with_ada(name, 6).await;
    let current = Store::open(name, SCHEMA_VERSION).await.unwrap();
    assert_eq!(current.store_names(), CURRENT_STORES);
    assert_eq!(current.clients().await.unwrap(), vec![ada]);
    assert_eq!(current.device_names().await.unwrap(), vec![]);
    let laptop = DeviceId::from_bytes([2; 16]);
    let stamp = stillpoint_core::base::hlc::Hlc::from_parts(5, 0, laptop);
    let named = DeviceName::new(laptop, "Reception laptop", stamp).unwrap();
    current
        .apply(&[Change::PutRecord(SyncedRecord::new(named.clone()))])
        .await
        .unwrap();
    assert_eq!(current.device_names().await.unwrap(), vec![named.clone()]);
    let renamed = named
        .renamed(
            "Front desk",
            stillpoint_core::base::hlc::Hlc::from_parts(9, 0, laptop),
        )
        .unwrap();
    current
        .apply(&[Change::PutRecord(SyncedRecord::new(renamed.clone()))])
        .await
        .unwrap();
    assert_eq!(current.device_names().await.unwrap(), vec![renamed]);
    let records = current.local_records().await.unwrap();
    assert_eq!(records.device_names.len(), 1, "exports carry the name");
}

/// Sorted by name, to compare with what was written.
async fn summaries(store: &Store) -> Vec<ClientSummary> {
    let mut summaries = store.client_summaries().await.unwrap();
    summaries.sort_by_key(|summary| summary.full_name().to_owned());
    summaries
}

#[wasm_bindgen_test]
async fn every_client_write_keeps_its_summary_for_the_list() {
    let store = fresh("test-client-summaries", SCHEMA_VERSION).await;
    let mut environment = SeededEnvironment::new(8, 1_795_771_470_000, 1_000);
    let mut clock = store.device_clock(&mut environment).await.unwrap();
    let ada = client(&mut environment, &mut clock, "Ada");
    let grace = client(&mut environment, &mut clock, "Grace");
    store
        .apply(&[
            Change::PutClient(Box::new(ada.clone())),
            Change::PutRecord(SyncedRecord::new(grace.clone())),
        ])
        .await
        .unwrap();
    assert_eq!(
        summaries(&store).await,
        vec![(&ada).into(), (&grace).into()],
        "an edit and an import both write the summary"
    );
    let mut gone = grace.clone();
    gone.delete(clock.tick(environment.now_millis()));
    store
        .apply(&[Change::PutClient(Box::new(gone.clone()))])
        .await
        .unwrap();
    let listed = summaries(&store).await;
    assert!(listed[1].is_deleted(), "a deletion reaches the list");
    assert_eq!(store.client(grace.id()).await.unwrap(), Some(gone));
    assert_eq!(
        store.client(RecordId::from_bytes([0; 16])).await.unwrap(),
        None
    );
}

/// The client list as stored (one text, read by start), sorted by name;
/// `None` while there is none. Read without the app's store, so a list
/// the store would make from the records on the way does not count.
async fn stored_list(name: &str) -> Option<Vec<ClientSummary>> {
    let raw = Database::open(name).await.unwrap();
    let stored: Option<JsValue> = {
        let tx = raw.transaction("client_list").build().unwrap();
        let list = tx.object_store("client_list").unwrap();
        list.get("all").primitive().unwrap().await.unwrap()
    };
    raw.close();
    let mut listed: Vec<ClientSummary> =
        serde_json::from_str(&stored?.as_string().expect("the list is text")).unwrap();
    listed.sort_by_key(|summary| summary.full_name().to_owned());
    Some(listed)
}

#[wasm_bindgen_test]
async fn the_client_list_is_one_value_written_with_every_client() {
    let name = "test-client-list";
    let store = fresh(name, SCHEMA_VERSION).await;
    let mut environment = SeededEnvironment::new(9, 1_795_771_470_000, 1_000);
    let mut clock = store.device_clock(&mut environment).await.unwrap();
    assert_eq!(stored_list(name).await, None, "no list before a client");
    let ada = client(&mut environment, &mut clock, "Ada");
    let grace = client(&mut environment, &mut clock, "Grace");
    store
        .apply(&[
            Change::PutClient(Box::new(ada.clone())),
            Change::PutClock(clock),
        ])
        .await
        .unwrap();
    let only_ada: Vec<ClientSummary> = vec![(&ada).into()];
    assert_eq!(stored_list(name).await.as_ref(), Some(&only_ada));
    let unstorable = Draft {
        key: "client:new".into(),
        input: ClientInput::default(),
        updated_millis: u64::MAX,
    };
    let failed = store
        .apply(&[
            Change::PutRecord(SyncedRecord::new(grace.clone())),
            Change::PutDraft(unstorable),
        ])
        .await;
    assert!(matches!(failed, Err(StoreError::Failed(_))), "{failed:?}");
    assert_eq!(
        stored_list(name).await.as_ref(),
        Some(&only_ada),
        "a write that fails leaves the list as it was"
    );
    let mut gone = ada.clone();
    gone.delete(clock.tick(environment.now_millis()));
    store
        .apply(&[
            Change::PutRecord(SyncedRecord::new(grace.clone())),
            Change::PutClient(Box::new(gone.clone())),
        ])
        .await
        .unwrap();
    let both: Vec<ClientSummary> = vec![(&gone).into(), (&grace).into()];
    assert_eq!(stored_list(name).await.as_ref(), Some(&both));
    assert_eq!(summaries(&store).await, both, "start reads the list");
}

#[wasm_bindgen_test]
async fn a_version_10_database_gets_its_client_list_at_the_first_start() {
    let name = "test-upgrade-10";
    let ada = install_with_ada(name, 10).await;
    let current = Store::open(name, SCHEMA_VERSION).await.unwrap();
    assert_eq!(stored_list(name).await, None, "version 10 had no list");
    let expected: Vec<ClientSummary> = vec![(&ada).into()];
    assert_eq!(summaries(&current).await, expected);
    assert_eq!(
        stored_list(name).await,
        Some(expected),
        "made once, and kept"
    );
}

#[wasm_bindgen_test]
async fn a_version_7_database_gets_summaries_of_the_clients_it_holds() {
    let name = "test-upgrade-7";
    let v7 = fresh(name, 7).await;
    let mut environment = SeededEnvironment::new(7, 1_795_771_470_000, 1_000);
    let mut clock = v7.device_clock(&mut environment).await.unwrap();
    let ada = client(&mut environment, &mut clock, "Ada");
    let mut grace = client(&mut environment, &mut clock, "Grace");
    grace.delete(clock.tick(environment.now_millis()));
    for record in [&ada, &grace] {
        put_raw(name, 7, "clients", None, record).await;
    }
    v7.close();
    let current = Store::open(name, SCHEMA_VERSION).await.unwrap();
    assert_eq!(current.store_names(), CURRENT_STORES);
    let expected: Vec<ClientSummary> = vec![(&ada).into(), (&grace).into()];
    assert_eq!(summaries(&current).await, expected, "made from the records");
    assert_eq!(summaries(&current).await, expected, "and kept");
    assert_eq!(current.clients().await.unwrap().len(), 2);
}

#[wasm_bindgen_test]
fn the_sync_log_remembers_what_each_device_holds() {
    let tablet = DeviceId::from_bytes([1; 16]);
    let laptop = DeviceId::from_bytes([2; 16]);
    let stamp = |wall, device| stillpoint_core::base::hlc::Hlc::from_parts(wall, 0, device);
    let sent: VersionVector = [stamp(5, tablet)].into_iter().collect();
    let received: VersionVector = [stamp(7, laptop)].into_iter().collect();
    let log = SyncLog::default()
        .with_export(Some(laptop), &sent, true, 100)
        .with_import(laptop, &received, 200)
        .with_export(None, &sent, false, 300);
    assert_eq!(log.last_export_millis, Some(300));
    assert!(!log.last_export_sealed);
    assert_eq!(log.peers.len(), 1);
    let peer = &log.peers[0];
    assert_eq!(
        (peer.imported_millis, peer.exported_millis),
        (Some(200), Some(100))
    );
    let holds = log.holds(laptop).unwrap();
    assert!(holds.includes(&sent) && holds.includes(&received));
    assert_eq!(log.holds(tablet), None);
}

#[wasm_bindgen_test]
async fn a_sync_log_written_before_peers_is_read() {
    let name = "test-sync-log";
    let store = fresh(name, SCHEMA_VERSION).await;
    store.close();
    let device = DeviceId::from_bytes([3; 16]);
    #[derive(serde::Serialize)]
    struct OlderImport {
        device: DeviceId,
        imported_millis: u64,
    }
    #[derive(serde::Serialize)]
    struct OlderLog {
        last_export_millis: Option<u64>,
        last_export_sealed: bool,
        imports: Vec<OlderImport>,
    }
    let older = OlderLog {
        last_export_millis: Some(100),
        last_export_sealed: true,
        imports: vec![OlderImport {
            device,
            imported_millis: 50,
        }],
    };
    put_raw(name, SCHEMA_VERSION, "meta", Some("sync-log"), &older).await;
    let store = Store::open(name, SCHEMA_VERSION).await.unwrap();
    let log = store.sync_log().await.unwrap();
    assert_eq!(log.last_export_millis, Some(100));
    assert_eq!(log.peers[0].device, device);
    assert_eq!(log.peers[0].imported_millis, Some(50));
    assert!(log.peers[0].holds.is_empty());
}

#[wasm_bindgen_test]
async fn a_client_without_clinical_records_gets_the_defaults() {
    let store = fresh("test-clinical-empty", SCHEMA_VERSION).await;
    let nobody = RecordId::from_bytes([9; 16]);
    let records = store.client_records(nobody).await.unwrap();
    assert!(records.intakes.is_empty() && records.sessions.is_empty());
    assert_eq!(*records.techniques, TechniqueLists::default());
    assert!(records.rules.is_empty());
}

#[wasm_bindgen_test]
async fn version_2_data_upgrades_to_the_clinical_schema() {
    let name = "test-upgrade-2";
    let v2 = fresh(name, 2).await;
    assert_eq!(v2.store_names(), ["clients", "drafts", "meta"]);
    let mut environment = SeededEnvironment::new(5, 1_795_771_470_000, 1_000);
    let mut clock = v2.device_clock(&mut environment).await.unwrap();
    let ada = client(&mut environment, &mut clock, "Ada");
    let typed = half_typed(&environment);
    // A version-2 build wrote clients and drafts exactly like this.
    put_raw(name, 2, "clients", None, &ada).await;
    put_raw(name, 2, "drafts", None, &typed).await;
    v2.close();

    let current = Store::open(name, SCHEMA_VERSION).await.unwrap();
    assert_eq!(current.version(), SCHEMA_VERSION);
    assert_eq!(current.store_names(), CURRENT_STORES);
    assert_eq!(current.clients().await.unwrap(), vec![ada.clone()]);
    assert_eq!(current.draft("client:new").await.unwrap(), Some(typed));
    let intake = intake(&mut environment, &mut clock, ada.id(), "2026-11-01");
    current
        .apply(&[
            Change::PutIntake(Box::new(intake.clone())),
            Change::PutClock(clock),
        ])
        .await
        .unwrap();
    assert_eq!(
        current.client_records(ada.id()).await.unwrap().intakes,
        vec![intake]
    );
}

fn back_pain(
    environment: &mut SeededEnvironment,
    clock: &mut HlcClock,
    client: &Client,
    date: &str,
    score: f64,
) -> Measure {
    let input = MeasureInput {
        client: client.id(),
        session: None,
        date: date.parse().unwrap(),
        timing: Timing::Standalone,
        answers: Answers::Items {
            values: vec![Some(Finite::new(score).unwrap())],
        },
    };
    Measure::record(
        &builtin(InstrumentId::Nprs(PainSite::Back)).unwrap(),
        input,
        "2026-11-27".parse().unwrap(),
        RecordId::new(environment),
        clock.tick(environment.now_millis()),
    )
    .unwrap()
}

#[wasm_bindgen_test]
async fn measures_plans_and_custom_instruments_round_trip_by_client() {
    let store = fresh("test-outcomes", SCHEMA_VERSION).await;
    let mut environment = SeededEnvironment::new(4, 1_795_771_470_000, 1_000);
    let mut clock = store.device_clock(&mut environment).await.unwrap();
    let ada = client(&mut environment, &mut clock, "Ada");
    let grace = client(&mut environment, &mut clock, "Grace");
    let first = back_pain(&mut environment, &mut clock, &ada, "2026-10-01", 7.0);
    let second = back_pain(&mut environment, &mut clock, &ada, "2026-10-08", 4.0);
    let other = back_pain(&mut environment, &mut clock, &grace, "2026-10-02", 5.0);

    let fields = PlanInput {
        goals: vec![GoalInput {
            instrument: builtin(InstrumentId::Nprs(PainSite::Back))
                .unwrap()
                .reference(),
            description: "Garden again".into(),
            baseline: 7.0,
            target: 3.0,
        }],
        sessions_per_period: 1,
        period_weeks: 1,
        planned_sessions: 6,
        review_date: "2026-12-31".into(),
        status: PlanStatus::Active,
        note: String::new(),
    }
    .validate(&free_instruments(), "2026-11-27".parse().unwrap())
    .unwrap();
    let plan = PlanVersion::create(
        RecordId::new(&mut environment),
        ada.id(),
        fields.clone(),
        clock.tick(environment.now_millis()),
    );
    let revised = plan.revise(
        RecordId::new(&mut environment),
        fields,
        clock.tick(environment.now_millis()),
    );
    let custom = neck_scale();
    let custom_id = RecordId::new(&mut environment);
    let version_1 = custom.build(custom_id, 1).unwrap();
    let version_2 = custom.build(custom_id, 2).unwrap();
    let mut record = OwnInstrument::create(
        custom_id,
        version_1.clone(),
        clock.tick(environment.now_millis()),
    );
    assert!(record.edit(version_2.clone(), clock.tick(environment.now_millis())));
    store
        .apply(&[
            Change::PutMeasure(Box::new(first.clone())),
            Change::PutMeasure(Box::new(second.clone())),
            Change::PutMeasure(Box::new(other.clone())),
            Change::PutPlanVersion(Box::new(plan.clone())),
            Change::PutPlanVersion(Box::new(revised.clone())),
            Change::PutCustomInstrument(Box::new(version_1.clone())),
            Change::PutCustomInstrument(Box::new(version_2.clone())),
            Change::PutInstrumentRecord(Box::new(record.clone())),
            Change::PutClock(clock),
        ])
        .await
        .unwrap();

    let mut mine = store.measures_of(ada.id()).await.unwrap();
    mine.sort_by_key(Measure::date);
    assert_eq!(mine, vec![first, second]);
    assert_eq!(
        store.measures_of(grace.id()).await.unwrap(),
        vec![other.clone()]
    );
    assert_eq!(store.measures().await.unwrap().len(), 3);
    let mut plans = store.plan_versions_of(ada.id()).await.unwrap();
    plans.sort_by_key(PlanVersion::stamp);
    assert_eq!(plans, vec![plan.clone(), revised]);
    assert_eq!(store.plan_versions_of(grace.id()).await.unwrap(), vec![]);
    let mut instruments = store.custom_instruments().await.unwrap();
    instruments.sort_by_key(|instrument| instrument.version());
    assert_eq!(
        instruments,
        vec![version_1, version_2],
        "both versions are kept"
    );
    assert_eq!(store.instrument_records().await.unwrap(), vec![record]);

    // Measures and plan versions are append-only: writing one again fails
    // and rolls back the whole action.
    // A measure of the same action, written to its segment, goes too.
    let later = back_pain(&mut environment, &mut clock, &grace, "2026-10-09", 3.0);
    let again = store
        .apply(&[
            Change::PutClock(clock),
            Change::PutMeasure(Box::new(later)),
            Change::PutPlanVersion(Box::new(plan)),
        ])
        .await;
    assert!(matches!(again, Err(StoreError::Failed(_))), "{again:?}");
    assert_eq!(store.plan_versions().await.unwrap().len(), 2);
    assert_eq!(store.measures_of(grace.id()).await.unwrap(), vec![other]);
}

#[wasm_bindgen_test]
async fn a_database_of_every_earlier_level_upgrades_with_its_records() {
    for level in 1..SCHEMA_VERSION {
        let name = format!("test-upgrade-level-{level}");
        let old = fresh(&name, level).await;
        let mut environment = SeededEnvironment::new(u64::from(level), 1_795_771_470_000, 1_000);
        let mut clock = old.device_clock(&mut environment).await.unwrap();
        let ada = client(&mut environment, &mut clock, "Ada");
        let typed = half_typed(&environment);
        let taken = intake(&mut environment, &mut clock, ada.id(), "2026-11-01");
        let pain = back_pain(&mut environment, &mut clock, &ada, "2026-11-02", 6.0);
        let signed = draft(&mut environment, &mut clock, ada.id(), "2026-11-03")
            .sign(&[], "Ada Byron", clock.tick(environment.now_millis()))
            .unwrap();
        let amendment = AmendedSession::new(&signed, [])
            .amend(
                RecordId::new(&mut environment),
                "Ada Byron",
                "Wrong side recorded",
                vec![(TextField::Soap(SoapField::Plan), "Left side".into())],
                clock.tick(environment.now_millis()),
            )
            .unwrap();
        // Each level's build wrote the kinds its stores held, as they are
        // written today (the shapes did not change: the golden export files
        // hold the same records); intakes, signed sessions and measures went
        // one per record into their own stores.
        let mut writes = vec![
            Change::PutClient(Box::new(ada.clone())),
            Change::PutClock(clock),
        ];
        if level >= 2 {
            writes.push(Change::PutDraft(typed.clone()));
        }
        old.apply(&writes).await.unwrap();
        old.close();
        if level >= 3 {
            put_raw(&name, level, "intakes", None, &taken).await;
            put_raw(&name, level, "sessions", None, &signed).await;
            put_raw(&name, level, "amendments", None, &amendment).await;
        }
        if level >= 4 {
            put_raw(&name, level, "measures", None, &pain).await;
        }

        let current = Store::open(&name, SCHEMA_VERSION).await.unwrap();
        assert_eq!(current.version(), SCHEMA_VERSION, "level {level}");
        assert_eq!(current.store_names(), CURRENT_STORES, "level {level}");
        assert_eq!(
            current.clients().await.unwrap(),
            vec![ada.clone()],
            "level {level}"
        );
        assert_eq!(
            current.device_clock(&mut environment).await.unwrap(),
            clock,
            "level {level}: the device keeps its clock and id"
        );
        let drafts = current.draft("client:new").await.unwrap();
        assert_eq!(drafts, (level >= 2).then_some(typed), "level {level}");
        let records = current.client_records(ada.id()).await.unwrap();
        assert_eq!(
            records.intakes,
            [taken]
                .into_iter()
                .filter(|_| level >= 3)
                .collect::<Vec<_>>(),
            "level {level}"
        );
        let held = [signed]
            .into_iter()
            .filter(|_| level >= 3)
            .collect::<Vec<_>>();
        assert_eq!(records.sessions, held, "level {level}");
        let amendments = [amendment].into_iter().filter(|_| level >= 3);
        let amendments: Vec<_> = amendments.collect();
        assert_eq!(records.amendments, amendments, "level {level}");
        let on = "2026-11-03".parse().unwrap();
        assert_eq!(current.sessions_on(on).await.unwrap(), held);
        let measures = current.measures_of(ada.id()).await.unwrap();
        assert_eq!(
            measures,
            [pain]
                .into_iter()
                .filter(|_| level >= 4)
                .collect::<Vec<_>>()
        );
        current.close();
        for kept_one_per_record in ["intakes", "sessions", "measures"] {
            let left = count(&name, kept_one_per_record).await;
            assert_eq!(left, 0, "level {level}: {kept_one_per_record}");
        }
        let kept = count(&name, "amendments").await;
        assert_eq!(
            kept,
            u32::from(level >= 3),
            "level {level}: amendments stay"
        );
        Store::delete_database(&name).await.unwrap();
    }
}

/// A note of `client` on `on`, signed at the clock's next tick.
fn signed(
    environment: &mut SeededEnvironment,
    clock: &mut HlcClock,
    client: RecordId,
    on: &str,
) -> SignedSession {
    draft(environment, clock, client, on)
        .sign(&[], "Ada Byron", clock.tick(environment.now_millis()))
        .unwrap()
}

/// `records` in the order of their ids (a segment moved from a per-record
/// store holds them in the order of their keys).
fn by_id<T: Clone>(records: &[T], id: impl Fn(&T) -> RecordId) -> Vec<T> {
    let mut sorted = records.to_vec();
    sorted.sort_by_key(id);
    sorted
}

/// How many values the object store `store` of database `name` holds.
async fn count(name: &str, store: &str) -> u32 {
    let raw = Database::open(name).await.unwrap();
    let tx = raw.transaction(store).build().unwrap();
    let counted = tx
        .object_store(store)
        .unwrap()
        .count()
        .primitive()
        .unwrap()
        .await
        .unwrap();
    drop(tx);
    raw.close();
    counted
}

/// An install an earlier build made at schema `version`, closed: the
/// environment and device clock to make its records with.
async fn earlier_install(name: &str, version: u32, seed: u64) -> (SeededEnvironment, HlcClock) {
    let old = fresh(name, version).await;
    let mut environment = SeededEnvironment::new(seed, 1_795_771_470_000, 1_000);
    let clock = old.device_clock(&mut environment).await.unwrap();
    old.close();
    (environment, clock)
}

#[wasm_bindgen_test]
async fn a_version_8_database_moves_its_sessions_measures_and_intakes_into_segments() {
    let name = "test-segments-from-8";
    let (mut environment, mut clock) = earlier_install(name, 8, 9).await;
    let ada = client(&mut environment, &mut clock, "Ada");
    let bea = client(&mut environment, &mut clock, "Bea");
    let sessions = [
        signed(&mut environment, &mut clock, ada.id(), "2026-11-20"),
        signed(&mut environment, &mut clock, ada.id(), "2026-11-27"),
        signed(&mut environment, &mut clock, bea.id(), "2026-11-27"),
    ];
    let measures = [
        back_pain(&mut environment, &mut clock, &ada, "2026-11-20", 6.0),
        back_pain(&mut environment, &mut clock, &ada, "2026-11-27", 4.0),
        back_pain(&mut environment, &mut clock, &bea, "2026-11-27", 5.0),
    ];
    let intakes = [
        intake(&mut environment, &mut clock, ada.id(), "2025-01-10"),
        intake(&mut environment, &mut clock, ada.id(), "2026-11-01"),
        intake(&mut environment, &mut clock, bea.id(), "2026-11-01"),
    ];
    // A version-8 build kept one value per record.
    for session in &sessions {
        put_raw(name, 8, "sessions", None, session).await;
    }
    for measure in &measures {
        put_raw(name, 8, "measures", None, measure).await;
    }
    for taken in &intakes {
        put_raw(name, 8, "intakes", None, taken).await;
    }

    for opening in ["first", "second"] {
        let current = Store::open(name, SCHEMA_VERSION).await.unwrap();
        let sessions_of = |of: &[SignedSession]| by_id(of, SignedSession::id);
        let measures_of = |of: &[Measure]| by_id(of, Measure::id);
        let intakes_of = |of: &[Intake]| by_id(of, Intake::id);
        let ada_records = current.client_records(ada.id()).await.unwrap();
        assert_eq!(
            sessions_of(&ada_records.sessions),
            sessions_of(&sessions[..2])
        );
        assert_eq!(intakes_of(&ada_records.intakes), intakes_of(&intakes[..2]));
        let bea_records = current.client_records(bea.id()).await.unwrap();
        assert_eq!(bea_records.sessions, sessions[2..], "{opening} opening");
        assert_eq!(bea_records.intakes, intakes[2..], "{opening} opening");
        let ada_measures = current.measures_of(ada.id()).await.unwrap();
        assert_eq!(measures_of(&ada_measures), measures_of(&measures[..2]));
        assert_eq!(current.measures_of(bea.id()).await.unwrap(), measures[2..]);
        let all = current.measures().await.unwrap();
        assert_eq!(measures_of(&all), measures_of(&measures));
        let on_the_day = current.sessions_on(today()).await.unwrap();
        assert_eq!(sessions_of(&on_the_day), sessions_of(&sessions[1..]));
        let local = current.local_records().await.unwrap();
        assert_eq!(sessions_of(local.of()), sessions_of(&sessions));
        assert_eq!(measures_of(local.of()), measures_of(&measures));
        assert_eq!(intakes_of(local.of()), intakes_of(&intakes));
        current.close();
        assert_eq!(count(name, "sessions").await, 0, "{opening} opening");
        assert_eq!(count(name, "measures").await, 0, "{opening} opening");
        assert_eq!(count(name, "intakes").await, 0, "{opening} opening");
        assert_eq!(count(name, "segments").await, 6, "one per kind and client");
    }
}

#[wasm_bindgen_test]
async fn a_version_9_database_moves_its_intakes_into_segments() {
    let name = "test-segments-from-9";
    let (mut environment, mut clock) = earlier_install(name, 9, 12).await;
    let (ada, bea) = (
        RecordId::new(&mut environment),
        RecordId::new(&mut environment),
    );
    let intakes = [
        intake(&mut environment, &mut clock, ada, "2025-01-10"),
        intake(&mut environment, &mut clock, ada, "2026-11-01"),
        intake(&mut environment, &mut clock, bea, "2026-11-01"),
    ];
    // A version-9 build kept intakes one value per record.
    for taken in &intakes {
        put_raw(name, 9, "intakes", None, taken).await;
    }
    assert_eq!(count(name, "intakes").await, 3);

    for opening in ["first", "second"] {
        let current = Store::open(name, SCHEMA_VERSION).await.unwrap();
        assert_eq!(current.version(), SCHEMA_VERSION);
        let intakes_of = |of: &[Intake]| by_id(of, Intake::id);
        let ada_intakes = current.client_records(ada).await.unwrap().intakes;
        assert_eq!(intakes_of(&ada_intakes), intakes_of(&intakes[..2]));
        let bea_intakes = current.client_records(bea).await.unwrap().intakes;
        assert_eq!(bea_intakes, intakes[2..], "{opening} opening");
        let local = current.local_records().await.unwrap();
        assert_eq!(intakes_of(local.of()), intakes_of(&intakes));
        current.close();
        assert_eq!(count(name, "intakes").await, 0, "{opening} opening");
        assert_eq!(count(name, "segments").await, 2, "one per client");
    }
}

/// A segment as a version-9 build stored it: its records one string.
#[derive(serde::Serialize)]
struct SegmentOfVersion9 {
    key: String,
    client: String,
    records: String,
}

/// Version 9 kept a segment's records as a string; version 10 keeps their
/// UTF-8 bytes. A string segment is still read, and written back as bytes
/// with what is added to it.
#[wasm_bindgen_test]
async fn a_segment_stored_as_a_string_is_read_and_written_back_as_bytes() {
    let name = "test-segments-string";
    let (mut environment, mut clock) = earlier_install(name, 9, 14).await;
    let ada = client(&mut environment, &mut clock, "Ada");
    let first = back_pain(&mut environment, &mut clock, &ada, "2026-11-02", 6.0);
    let key = format!("measures/{}", ada.id());
    let stored = SegmentOfVersion9 {
        key: key.clone(),
        client: ada.id().to_string(),
        records: serde_json::to_string(&[&first]).unwrap(),
    };
    put_raw(name, 9, "segments", None, &stored).await;

    let current = Store::open(name, SCHEMA_VERSION).await.unwrap();
    assert_eq!(
        current.measures_of(ada.id()).await.unwrap(),
        std::slice::from_ref(&first)
    );
    let second = back_pain(&mut environment, &mut clock, &ada, "2026-11-20", 3.0);
    current
        .apply(&[Change::PutMeasure(Box::new(second.clone()))])
        .await
        .unwrap();
    assert_eq!(
        current.measures_of(ada.id()).await.unwrap(),
        [first, second]
    );
    current.close();

    let raw = Database::open(name)
        .with_version(SCHEMA_VERSION)
        .await
        .unwrap();
    let tx = raw.transaction("segments").build().unwrap();
    let segment: Option<JsValue> = tx
        .object_store("segments")
        .unwrap()
        .get(key.as_str())
        .primitive()
        .unwrap()
        .await
        .unwrap();
    let records = js_sys::Reflect::get(&segment.unwrap(), &"records".into()).unwrap();
    assert!(records.is_instance_of::<js_sys::Uint8Array>(), "bytes now");
    drop(tx);
    raw.close();
}

/// The intake `of` with its goals changed, as another device might hold
/// it: the same id.
fn regoaled(of: &Intake, goals: &str) -> Intake {
    let mut value = serde_json::to_value(of).unwrap();
    value["answers"]["goals"] = goals.into();
    serde_json::from_value(value).unwrap()
}

/// Makes a record of a kind kept in segments: of a client, on a day.
type MakeRecord<T> = fn(&mut SeededEnvironment, &mut HlcClock, RecordId, &str) -> T;

/// A fresh store `name` at the current version with two clients' records
/// of one kind kept in segments, each made by `make` on its day in `days`:
/// the first client's first record written alone, then their second and
/// the other client's in one action. The store, the clients, the records.
async fn written_in_two_actions<T: Clone>(
    name: &str,
    seed: u64,
    make: MakeRecord<T>,
    put: fn(Box<T>) -> Change,
    days: [&str; 3],
) -> (Store, [RecordId; 2], [T; 3]) {
    let store = fresh(name, SCHEMA_VERSION).await;
    let mut environment = SeededEnvironment::new(seed, 1_795_771_470_000, 1_000);
    let mut clock = store.device_clock(&mut environment).await.unwrap();
    let clients = [
        RecordId::new(&mut environment),
        RecordId::new(&mut environment),
    ];
    let records = [
        make(&mut environment, &mut clock, clients[0], days[0]),
        make(&mut environment, &mut clock, clients[0], days[1]),
        make(&mut environment, &mut clock, clients[1], days[2]),
    ];
    store
        .apply(&[put(Box::new(records[0].clone()))])
        .await
        .unwrap();
    store
        .apply(&[
            put(Box::new(records[1].clone())),
            put(Box::new(records[2].clone())),
        ])
        .await
        .unwrap();
    (store, clients, records)
}

#[wasm_bindgen_test]
async fn an_intake_written_again_replaces_the_one_with_its_id_in_its_segment() {
    let name = "test-segments-intakes";
    let days = ["2025-01-10", "2026-11-01", "2026-11-01"];
    let (store, [ada, bea], [first, second, other]) =
        written_in_two_actions(name, 13, intake, Change::PutIntake, days).await;
    let intakes = store.client_records(ada).await.unwrap().intakes;
    assert_eq!(intakes, vec![first.clone(), second.clone()], "in order");

    let synced = regoaled(&first, "Sleep through the night");
    assert_ne!(synced, first);
    store
        .apply(&[Change::PutRecord(SyncedRecord::new(synced.clone()))])
        .await
        .unwrap();
    let intakes = store.client_records(ada).await.unwrap().intakes;
    assert_eq!(intakes, vec![synced, second.clone()], "replaced in place");
    let again = regoaled(&second, "Walk without pain");
    store
        .apply(&[Change::PutIntake(Box::new(again.clone()))])
        .await
        .unwrap();
    let records = store.client_records(ada).await.unwrap();
    assert_eq!(records.intakes.len(), 2);
    assert_eq!(records.intakes[1], again, "replaced in place");
    let others = store.client_records(bea).await.unwrap().intakes;
    assert_eq!(others, vec![other]);
    let local = store.local_records().await.unwrap();
    assert_eq!(local.of::<Intake>().len(), 3);
    store.close();
    assert_eq!(count(name, "intakes").await, 0, "written to segments only");
    assert_eq!(count(name, "segments").await, 2, "one per client");
}

/// The session `of` as another device might hold it: the same id, dated
/// `on`.
fn redated(of: &SignedSession, on: &str) -> SignedSession {
    let mut value = serde_json::to_value(of).unwrap();
    value["note"]["details"]["date"] = on.into();
    serde_json::from_value(value).unwrap()
}

#[wasm_bindgen_test]
async fn a_session_replaces_the_one_with_its_id_and_is_found_by_its_day() {
    let days = ["2026-11-20", "2026-11-27", "2026-11-27"];
    let (store, [ada, _], [first, second, other]) =
        written_in_two_actions("test-segments", 10, signed, Change::PutSignedSession, days).await;
    let sessions = store.client_records(ada).await.unwrap().sessions;
    assert_eq!(sessions, vec![first.clone(), second.clone()], "in order");
    let on = |day: &str| store.sessions_on(day.parse().unwrap());
    let mut on_the_day = on("2026-11-27").await.unwrap();
    on_the_day.sort_by_key(SignedSession::id);
    assert_eq!(
        on_the_day,
        by_id(&[second.clone(), other], SignedSession::id)
    );
    assert_eq!(on("2026-11-20").await.unwrap(), vec![first.clone()]);

    let moved = redated(&first, "2026-11-26");
    store
        .apply(&[Change::PutRecord(SyncedRecord::new(moved.clone()))])
        .await
        .unwrap();
    let sessions = store.client_records(ada).await.unwrap().sessions;
    assert_eq!(sessions, vec![moved.clone(), second], "replaced in place");
    assert_eq!(
        on("2026-11-20").await.unwrap(),
        vec![],
        "not on its old day"
    );
    assert_eq!(on("2026-11-26").await.unwrap(), vec![moved]);
    assert_eq!(on("2026-11-25").await.unwrap(), vec![]);
    let local = store.local_records().await.unwrap();
    assert_eq!(local.of::<SignedSession>().len(), 3);
}

#[wasm_bindgen_test]
async fn a_refused_write_changes_no_segment() {
    let store = fresh("test-segments-refused", SCHEMA_VERSION).await;
    let mut environment = SeededEnvironment::new(11, 1_795_771_470_000, 1_000);
    let mut clock = store.device_clock(&mut environment).await.unwrap();
    let ada = client(&mut environment, &mut clock, "Ada");
    let bea = client(&mut environment, &mut clock, "Bea");
    let kept = back_pain(&mut environment, &mut clock, &ada, "2026-11-20", 6.0);
    let session = signed(&mut environment, &mut clock, ada.id(), "2026-11-20");
    let kept_intake = intake(&mut environment, &mut clock, ada.id(), "2026-11-01");
    store
        .apply(&[
            Change::PutMeasure(Box::new(kept.clone())),
            Change::PutSignedSession(Box::new(session.clone())),
            Change::PutIntake(Box::new(kept_intake.clone())),
            Change::PutClock(clock),
        ])
        .await
        .unwrap();
    let stored_clock = clock;
    let new_measure = back_pain(&mut environment, &mut clock, &ada, "2026-11-27", 4.0);
    let new_session = signed(&mut environment, &mut clock, ada.id(), "2026-11-27");
    let bea_measure = back_pain(&mut environment, &mut clock, &bea, "2026-11-27", 5.0);
    let new_intake = intake(&mut environment, &mut clock, ada.id(), "2026-11-27");
    let bea_intake = intake(&mut environment, &mut clock, bea.id(), "2026-11-27");
    let put_intake = |intake: &Intake| Change::PutIntake(Box::new(intake.clone()));
    let rewritten = put_intake(&regoaled(&kept_intake, "Rewritten"));
    let unstorable = Draft {
        key: "client:new".into(),
        input: ClientInput::default(),
        updated_millis: u64::MAX,
    };
    let put_measure = |measure: &Measure| Change::PutMeasure(Box::new(measure.clone()));
    let attempts = [
        // A measure is never rewritten, even unchanged: the whole action
        // fails, as IndexedDB's `add` made it fail.
        vec![
            put_measure(&new_measure),
            Change::PutSignedSession(Box::new(new_session.clone())),
            put_intake(&new_intake),
            rewritten.clone(),
            put_intake(&bea_intake),
            put_measure(&bea_measure),
            put_measure(&kept),
            Change::PutClock(clock),
        ],
        // Nor twice in one action.
        vec![put_measure(&new_measure), put_measure(&new_measure)],
        // A failure outside the segments undoes them too.
        vec![
            put_measure(&new_measure),
            Change::PutSignedSession(Box::new(new_session.clone())),
            put_intake(&new_intake),
            rewritten,
            put_intake(&bea_intake),
            Change::PutDraft(unstorable),
        ],
    ];
    for (attempt, changes) in attempts.iter().enumerate() {
        let result = store.apply(changes).await;
        assert!(
            matches!(result, Err(StoreError::Failed(_))),
            "{attempt}: {result:?}"
        );
        assert_eq!(
            store.measures_of(ada.id()).await.unwrap(),
            vec![kept.clone()]
        );
        assert_eq!(store.measures_of(bea.id()).await.unwrap(), vec![]);
        let records = store.client_records(ada.id()).await.unwrap();
        assert_eq!(records.sessions, vec![session.clone()], "attempt {attempt}");
        assert_eq!(records.intakes, vec![kept_intake.clone()], "{attempt}");
        let bea_intakes = store.client_records(bea.id()).await.unwrap().intakes;
        assert_eq!(bea_intakes, vec![], "attempt {attempt}");
        let on_the_day = store.sessions_on(today()).await.unwrap();
        assert_eq!(on_the_day, vec![], "attempt {attempt}");
        assert_eq!(store.stored_clock().await.unwrap(), Some(stored_clock));
    }
    store.apply(&[put_measure(&new_measure)]).await.unwrap();
    let measures = store.measures_of(ada.id()).await.unwrap();
    assert_eq!(measures, vec![kept, new_measure], "added after the others");
}
