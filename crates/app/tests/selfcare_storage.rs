//! The self-care stores in a real browser: plans and diaries read per
//! client, the therapist's library, and the PIN, lock and mode records that
//! must survive a reload (a new connection).
#![cfg(target_arch = "wasm32")]

use stillpoint_app::store::{Change, DeviceMode, SelfCareChange, Store, SCHEMA_VERSION};
use stillpoint_core::hlc::Hlc;
use stillpoint_core::ids::{DeviceId, RecordId};
use stillpoint_core::selfcare::care_file::PlanFile;
use stillpoint_core::selfcare::care_item::{CareCategory, CareItemInput, Period};
use stillpoint_core::selfcare::care_plan::{
    CarePlanInput, CarePlanVersion, NewVersion, PlannedItemInput,
};
use stillpoint_core::selfcare::diary::{DayInput, Diary};
use stillpoint_core::selfcare::library::{LibraryItem, LibraryValue};
use stillpoint_core::selfcare::pin::{Pin, PinHash, PinLock, TryOutcome};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn id(byte: u8) -> RecordId {
    RecordId::from_bytes([byte; 16])
}

fn stamp(millis: u64) -> Hlc {
    Hlc::from_parts(millis, 0, DeviceId::from_bytes([2; 16]))
}

fn item(title: &str) -> CareItemInput {
    CareItemInput {
        title: title.to_owned(),
        category: Some(CareCategory::Breathing),
        times: 1,
        per: Some(Period::Day),
        how_long: "5 minutes".to_owned(),
        how_to: "Breathe out slowly.".to_owned(),
        precautions: String::new(),
        stop_and_call: String::new(),
    }
}

fn plan_for(client: u8, version: u8) -> CarePlanVersion {
    CarePlanInput {
        items: vec![PlannedItemInput {
            item: item("Longer out-breath"),
            source: None,
            goals: Vec::new(),
        }],
        message: String::new(),
    }
    .validate(
        NewVersion {
            id: id(version),
            client: id(client),
            previous: None,
            stamp: stamp(u64::from(version)),
            written: "2026-11-20".parse().unwrap(),
        },
        None,
    )
    .unwrap()
}

async fn fresh(name: &str) -> Store {
    Store::delete_database(name).await.unwrap();
    Store::open(name, SCHEMA_VERSION).await.unwrap()
}

#[wasm_bindgen_test]
async fn plans_and_diaries_are_read_per_client() {
    let store = fresh("test-selfcare-records").await;
    let anna = plan_for(1, 10);
    let bram = plan_for(2, 11);
    let mut diary = Diary::start(id(20), &anna);
    diary
        .log(
            &DayInput {
                date: "2026-11-21".to_owned(),
                done: [0].into(),
                symptoms: Some(3),
                note: String::new(),
            },
            &anna,
            "2026-11-27".parse().unwrap(),
            stamp(30),
        )
        .unwrap();
    let own = LibraryItem::create(
        id(40),
        LibraryValue {
            replaces: None,
            item: item("Evening walk").validate().unwrap(),
        },
        stamp(40),
    );
    store
        .apply(&[
            Change::SelfCare(SelfCareChange::PutCarePlan(Box::new(anna.clone()))),
            Change::SelfCare(SelfCareChange::PutCarePlan(Box::new(bram.clone()))),
            Change::SelfCare(SelfCareChange::PutDiary(Box::new(diary.clone()))),
            Change::SelfCare(SelfCareChange::PutLibraryItem(Box::new(own.clone()))),
        ])
        .await
        .unwrap();
    assert_eq!(store.care_plans_of(id(1)).await.unwrap(), vec![anna]);
    assert_eq!(store.care_plans_of(id(2)).await.unwrap(), vec![bram]);
    assert_eq!(store.diaries_of(id(1)).await.unwrap(), vec![diary.clone()]);
    assert_eq!(store.diaries_of(id(2)).await.unwrap(), vec![]);
    assert_eq!(store.diary(id(20)).await.unwrap(), Some(diary));
    assert_eq!(store.care_library().await.unwrap(), vec![own]);
}

#[wasm_bindgen_test]
async fn the_lock_the_pin_and_the_mode_survive_a_reload() {
    let name = "test-selfcare-lock";
    let store = fresh(name).await;
    assert_eq!(store.client_view().await.unwrap(), None);
    assert_eq!(store.mode().await.unwrap(), DeviceMode::Therapist);
    assert_eq!(store.pin().await.unwrap(), None);
    let hash = PinHash::new(&Pin::new("2468", "2468").unwrap(), [5; 16]);
    let mut lock = PinLock::default();
    assert_eq!(
        lock.attempt(&hash, "1111", 1_000),
        TryOutcome::Wrong { left: 4 }
    );
    let file = PlanFile::new(
        plan_for(1, 10),
        "Anna".to_owned(),
        String::new(),
        Vec::new(),
    );
    store
        .apply(&[
            Change::SelfCare(SelfCareChange::PutPin(Box::new(hash.clone()))),
            Change::SelfCare(SelfCareChange::PutPinLock(lock)),
            Change::SelfCare(SelfCareChange::PutClientView(Some(id(1)))),
            Change::SelfCare(SelfCareChange::PutMode(DeviceMode::Client)),
            Change::SelfCare(SelfCareChange::PutOwnPlan(Box::new(file.clone()))),
        ])
        .await
        .unwrap();
    store.close();
    let reopened = Store::open(name, SCHEMA_VERSION).await.unwrap();
    assert_eq!(reopened.pin().await.unwrap(), Some(hash));
    assert_eq!(reopened.pin_lock().await.unwrap(), lock);
    assert_eq!(reopened.client_view().await.unwrap(), Some(id(1)));
    assert_eq!(reopened.mode().await.unwrap(), DeviceMode::Client);
    assert_eq!(reopened.own_plan().await.unwrap(), Some(file));
    reopened
        .apply(&[Change::SelfCare(SelfCareChange::PutClientView(None))])
        .await
        .unwrap();
    assert_eq!(reopened.client_view().await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn a_plan_form_draft_is_kept_per_client_until_forgotten() {
    let name = "test-selfcare-draft";
    let store = fresh(name).await;
    assert_eq!(store.care_plan_draft(id(1)).await.unwrap(), None);
    let draft = CarePlanInput::from_plan(&plan_for(1, 10));
    store
        .apply(&[Change::SelfCare(SelfCareChange::PutCarePlanDraft(
            id(1),
            Box::new(draft.clone()),
        ))])
        .await
        .unwrap();
    store.close();
    let reopened = Store::open(name, SCHEMA_VERSION).await.unwrap();
    assert_eq!(reopened.care_plan_draft(id(1)).await.unwrap(), Some(draft));
    assert_eq!(reopened.care_plan_draft(id(2)).await.unwrap(), None);
    reopened
        .apply(&[Change::SelfCare(SelfCareChange::DeleteCarePlanDraft(id(1)))])
        .await
        .unwrap();
    assert_eq!(reopened.care_plan_draft(id(1)).await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn leaving_client_mode_forgets_the_plan_and_its_diaries_only() {
    let store = fresh("test-selfcare-leave").await;
    let plan = plan_for(1, 10);
    let file = PlanFile::new(plan.clone(), "Anna".to_owned(), String::new(), Vec::new());
    let kept = Diary::start(id(21), &plan_for(2, 11));
    store
        .apply(&[
            Change::SelfCare(SelfCareChange::PutMode(DeviceMode::Client)),
            Change::SelfCare(SelfCareChange::PutOwnPlan(Box::new(file))),
            Change::SelfCare(SelfCareChange::PutDiary(Box::new(Diary::start(
                id(20),
                &plan,
            )))),
            Change::SelfCare(SelfCareChange::PutDiary(Box::new(kept.clone()))),
        ])
        .await
        .unwrap();
    store
        .apply(&[
            Change::SelfCare(SelfCareChange::DeleteDiary(id(20))),
            Change::SelfCare(SelfCareChange::DeleteOwnPlan),
            Change::SelfCare(SelfCareChange::PutMode(DeviceMode::Therapist)),
        ])
        .await
        .unwrap();
    assert_eq!(store.mode().await.unwrap(), DeviceMode::Therapist);
    assert_eq!(store.own_plan().await.unwrap(), None);
    assert_eq!(store.diaries_of(id(1)).await.unwrap(), vec![]);
    assert_eq!(store.diary(id(21)).await.unwrap(), Some(kept));
}
