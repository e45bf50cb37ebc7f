//! The self-care stores in a real browser: plans and diaries read per
//! client, the therapist's library, and the PIN, lock and mode records that
//! must survive a reload (a new connection).
#![cfg(target_arch = "wasm32")]

use stillpoint_core::base::hlc::Hlc;
use stillpoint_core::base::ids::{DeviceId, RecordId};
use stillpoint_core::selfcare::care_file::PlanFile;
use stillpoint_core::selfcare::care_item::{CareCategory, CareItemInput, Period};
use stillpoint_core::selfcare::care_plan::{
    CarePlanInput, CarePlanVersion, NewVersion, PlannedItemInput,
};
use stillpoint_core::selfcare::diary::{DayInput, Diary};
use stillpoint_core::selfcare::library::{LibraryItem, LibraryValue};
use stillpoint_core::selfcare::pin::{Pin, PinHash, PinLock, TryOutcome, TRIES_PER_RUN};
use stillpoint_ui::platform::derive_pin_key;
use stillpoint_ui::store::{Change, DeviceMode, Secret, SelfCareChange, Store, SCHEMA_VERSION};
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
    let hash = stored_hash();
    let mut lock = PinLock::default();
    assert!(lock.charge(1_000).is_ok());
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

/// A PIN hash (PIN 2468) stored by the build that derived keys in wasm.
fn stored_hash() -> PinHash {
    serde_json::from_str(include_str!("../../core/src/selfcare/pin_hash_2468.json")).unwrap()
}

#[wasm_bindgen_test]
async fn the_browser_derives_the_same_pin_key_as_earlier_builds_stored() {
    let hash = stored_hash();
    let right = derive_pin_key(hash.derivation_input("2468")).await.unwrap();
    assert!(hash.matches_derived(&right));
    let wrong = derive_pin_key(hash.derivation_input("2469")).await.unwrap();
    assert!(!hash.matches_derived(&wrong));
    let pin = Pin::new("8355", "8355").unwrap();
    let input = PinHash::derivation_for_new(&pin, [9; 16]);
    let new = PinHash::from_derived(input, derive_pin_key(input).await.unwrap());
    let again = derive_pin_key(new.derivation_input("8355")).await.unwrap();
    assert!(new.matches_derived(&again));
}

#[wasm_bindgen_test]
async fn every_pin_try_is_counted_in_the_transaction_that_reads_the_count() {
    let name = "test-selfcare-pin-tries";
    let store = fresh(name).await;
    assert_eq!(
        store.charge_pin_try(Secret::Pin, 1_000).await.unwrap(),
        None,
        "no PIN yet"
    );
    store
        .apply(&[Change::SelfCare(SelfCareChange::PutPin(Box::new(
            stored_hash(),
        )))])
        .await
        .unwrap();
    // Tries made at once (as from two tabs) each use one up.
    let tries = futures_join(&store, usize::from(TRIES_PER_RUN)).await;
    let mut lefts: Vec<Option<u8>> = tries
        .iter()
        .map(|outcome| match outcome {
            Ok(TryOutcome::Wrong { left, .. }) => Some(*left),
            _ => None,
        })
        .collect();
    lefts.sort();
    assert_eq!(lefts, vec![None, Some(1), Some(2), Some(3), Some(4)]);
    assert!(tries.contains(&Ok(TryOutcome::Wait { seconds: 30 })));
    let (_, waiting) = store
        .charge_pin_try(Secret::Pin, 2_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(waiting, Err(29), "during the wait nothing is counted");
    store.close();
    Store::delete_database(name).await.unwrap();
}

/// Starts `count` PIN tries at once on one connection and waits for all.
async fn futures_join(store: &Store, count: usize) -> Vec<Result<TryOutcome, u64>> {
    let pending = (0..count).map(|_| store.charge_pin_try(Secret::Pin, 1_000));
    futures::future::join_all(pending)
        .await
        .into_iter()
        .map(|outcome| outcome.unwrap().unwrap().1)
        .collect()
}
