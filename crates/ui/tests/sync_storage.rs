//! Every synced record kind through IndexedDB in a real browser: what an
//! import writes (one write per record, by its kind's object store) is
//! what an export reads back, for every kind, without naming any.
#![cfg(target_arch = "wasm32")]

use stillpoint_core::sync::dataset::{Dataset, KindVisitor, LocalRecords, RecordKind, SyncRecord};
use stillpoint_ui::store::{
    record_writes, Change, Store, StoreError, SyncedRecord, SCHEMA_VERSION,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Copies one kind's records from a dataset into the lists the store
/// writes and reads.
struct Listed<'a> {
    dataset: &'a Dataset,
    into: &'a mut LocalRecords,
}

impl KindVisitor for Listed<'_> {
    type Output = ();

    fn visit<T: SyncRecord>(self) {
        self.into
            .set::<T>(self.dataset.records::<T>().cloned().collect());
    }
}

fn practice() -> LocalRecords {
    let dataset = stillpoint_synthetic::practice(20, 200, 7).into_dataset();
    let mut records = LocalRecords::default();
    for kind in RecordKind::ALL {
        kind.visit(Listed {
            dataset: &dataset,
            into: &mut records,
        });
    }
    records
}

async fn fresh(name: &str) -> Store {
    Store::delete_database(name).await.unwrap();
    Store::open(name, SCHEMA_VERSION).await.unwrap()
}

fn puts(records: LocalRecords) -> Vec<Change> {
    record_writes(records)
        .into_iter()
        .map(Change::PutRecord)
        .collect()
}

#[wasm_bindgen_test]
async fn every_kind_written_is_read_back() {
    let store = fresh("test-sync-kinds").await;
    let written = practice();
    let dataset = written.clone().into_dataset();
    for kind in RecordKind::ALL {
        assert!(dataset.count(kind) > 0, "the sample holds no {kind}");
    }
    store.apply(&puts(written.clone())).await.unwrap();
    let read = store.local_records().await.unwrap();
    assert_eq!(read.into_dataset(), dataset);
}

#[wasm_bindgen_test]
async fn append_only_kinds_are_never_rewritten() {
    let store = fresh("test-sync-append-only").await;
    let written = practice();
    store.apply(&puts(written.clone())).await.unwrap();
    for kind in [
        RecordKind::Measure,
        RecordKind::PlanVersion,
        RecordKind::CarePlan,
    ] {
        let mut one = LocalRecords::default();
        kind.visit(Listed {
            dataset: &written.clone().into_dataset(),
            into: &mut one,
        });
        let again: Vec<SyncedRecord> = record_writes(one).into_iter().take(1).collect();
        let result = store
            .apply(&again.into_iter().map(Change::PutRecord).collect::<Vec<_>>())
            .await;
        assert!(
            matches!(result, Err(StoreError::Failed(_))),
            "{kind}: {result:?}"
        );
    }
    let client = written.clients[0].clone();
    store
        .apply(&[Change::PutRecord(SyncedRecord::new(client))])
        .await
        .expect("clients are replaced");
}
