//! Every synced record kind through IndexedDB in a real browser: what an
//! import writes (each record from its text, into its kind's store or segment) is
//! what an export reads back, for every kind, without naming any.
#![cfg(target_arch = "wasm32")]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use std::rc::Rc;
use stillpoint_core::sync::dataset::{Dataset, KindVisitor, LocalRecords, RecordKind, SyncRecord};

use js_sys::Uint8Array;
use stillpoint_core::sync::sync_job::{RecordTexts, TextStore};
use stillpoint_ui::posted_texts::PostedTexts;
use stillpoint_ui::store::{Change, Store, StoreError, SyncedRecord, SCHEMA_VERSION};
use wasm_bindgen::JsValue;
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

/// The writes an import makes: the records from their texts, as the sync
/// worker sends them.
fn puts(records: LocalRecords) -> Vec<Change> {
    vec![Change::PutRecordTexts(RecordTexts::from(records))]
}

/// The same, the texts left in buffers of `part` bytes as the page keeps
/// those the worker posted ([`PostedTexts`]); a record's text may run
/// across two here, which the worker never does.
fn posted_puts(records: LocalRecords, part: usize) -> Vec<Change> {
    let texts = posted(RecordTexts::from(records), part, |_, _| {});
    vec![Change::PutRecordTexts(texts)]
}

/// `texts` with their bytes left in buffers of `part` bytes, after
/// `change` has changed them.
fn posted(
    texts: RecordTexts,
    part: usize,
    change: impl FnOnce(&RecordTexts, &mut Vec<u8>),
) -> RecordTexts {
    let joined: String = texts.runs().map(|run| run.text().expect("text")).collect();
    let mut bytes = joined.into_bytes();
    change(&texts, &mut bytes);
    let parts = bytes.chunks(part).map(Uint8Array::from);
    let posted: Rc<dyn TextStore> = Rc::new(PostedTexts::new(parts.collect()));
    texts.kept_in(posted).unwrap()
}

/// How the writes of an import are made from the records.
type Writes = fn(LocalRecords) -> Vec<Change>;

#[wasm_bindgen_test]
async fn every_kind_written_is_read_back() {
    let written = practice();
    let dataset = written.clone().into_dataset();
    for kind in RecordKind::ALL {
        assert!(dataset.count(kind) > 0, "the sample holds no {kind}");
    }
    let again = LocalRecords {
        signed_sessions: written.signed_sessions.clone(),
        intakes: written.intakes.clone(),
        ..LocalRecords::default()
    };
    let ways: [(&str, Writes); 3] = [
        ("in this memory", puts),
        ("posted in one buffer", |records| {
            posted_puts(records, 1 << 30)
        }),
        ("posted in small buffers", |records| {
            posted_puts(records, 61)
        }),
    ];
    for (kept, puts) in ways {
        let store = fresh(&format!("test-sync-kinds {kept}")).await;
        store.apply(&puts(written.clone())).await.unwrap();
        let read = store.local_records().await.unwrap();
        assert_eq!(read.into_dataset(), dataset, "texts kept {kept}");
        // Written again, into the segments now held: each replaces itself.
        store.apply(&puts(again.clone())).await.unwrap();
        let read = store.local_records().await.unwrap();
        assert_eq!(read.into_dataset(), dataset, "again, texts kept {kept}");
    }
}

/// The page reads what it needs of the posted buffers, checked as text,
/// across buffers and past empty ones, and frees them once the last holder
/// of the reply is gone.
#[wasm_bindgen_test]
fn posted_texts_are_read_where_they_are_kept() {
    let parts = [
        &b"[{\"a\":1},"[..],
        b"",
        b"{\"b\":\"\xff\"}",
        b"",
        b"]",
        b"",
    ];
    let arrays = parts.map(Uint8Array::from).to_vec();
    let first = arrays[0].clone();
    let posted = Rc::new(PostedTexts::new(arrays));
    assert_eq!(posted.byte_len(), 19);
    let bytes = [0, 7, 8, 9, 17, 18, 19].map(|at| posted.byte(at));
    let expected = [
        Some(b'['),
        Some(b'}'),
        Some(b','),
        Some(b'{'),
        Some(b'}'),
        Some(b']'),
        None,
    ];
    assert_eq!(bytes, expected);
    assert_eq!(posted.text(1..8).as_deref(), Some("{\"a\":1}"));
    assert_eq!(
        posted.text(7..11).as_deref(),
        Some("},{\""),
        "across buffers"
    );
    assert_eq!(posted.text(17..19).as_deref(), Some("}]"));
    assert_eq!(
        posted.text(9..9).as_deref(),
        Some(""),
        "nothing, on a boundary"
    );
    assert_eq!(
        posted.text(19..19).as_deref(),
        Some(""),
        "nothing, at the end"
    );
    assert_eq!(posted.text(9..18), None, "not text");
    assert_eq!(posted.text(0..19), None, "not text");
    assert_eq!(posted.text(17..20), None, "past the end");
    let held = Rc::clone(&posted);
    drop(posted);
    assert_eq!(first.length(), 9, "kept while the reply is held");
    drop(held);
    assert_eq!(first.buffer().byte_length(), 0, "freed once it is not");
}

/// A run whose bytes are not text is refused when it is written, and
/// nothing of the import is stored: a segment that is not text would make
/// its kind unreadable for every client.
#[wasm_bindgen_test]
async fn posted_texts_that_are_not_text_are_not_stored() {
    let store = fresh("test-sync-not-text").await;
    let texts = posted(RecordTexts::from(practice()), 61, |texts, bytes| {
        // The last byte but one of the signed notes' run, its last `}`.
        let mut end = 0;
        for run in texts.runs() {
            end += run.text().expect("text").len();
            if run.kind == RecordKind::SignedSession {
                break;
            }
        }
        bytes[end - 2] = 0xff;
    });
    let result = store.apply(&[Change::PutRecordTexts(texts)]).await;
    assert!(matches!(result, Err(StoreError::Failed(_))), "{result:?}");
    let read = store.local_records().await.unwrap().into_dataset();
    assert_eq!(read, LocalRecords::default().into_dataset());
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
        let result = store.apply(&puts(one)).await;
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

/// Each kind's records as builds before issue 14 stored them: made field by
/// field by serde-wasm-bindgen (maps as objects, `None` left undefined).
struct AsEarlierBuildsStored<'a>(&'a LocalRecords);

impl KindVisitor for AsEarlierBuildsStored<'_> {
    type Output = Vec<JsValue>;

    fn visit<T: SyncRecord>(self) -> Vec<JsValue> {
        let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
        self.0
            .of::<T>()
            .iter()
            .map(|record| record.serialize(&serializer).unwrap())
            .collect()
    }
}

/// The object store of each kind (fixed by the migrations).
fn store_of(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Client => "clients",
        RecordKind::Intake => "intakes",
        RecordKind::SessionDraft => "session_drafts",
        RecordKind::SignedSession => "sessions",
        RecordKind::Amendment => "amendments",
        RecordKind::Measure => "measures",
        RecordKind::PlanVersion => "plan_versions",
        RecordKind::CustomRule => "rules",
        RecordKind::CustomInstrument => "instrument_records",
        RecordKind::CarePlan => "care_plans",
        RecordKind::Diary => "diaries",
        RecordKind::CareLibraryItem => "care_library",
        RecordKind::DeviceName => "device_names",
    }
}

/// Records are now read through one JSON text and written from serde_json's:
/// what earlier builds stored, field by field, reads back the same (signed
/// sessions, measures and intakes once moved from their stores into
/// segments).
#[wasm_bindgen_test]
async fn records_stored_by_earlier_builds_are_read_back() {
    let name = "test-sync-earlier-builds";
    fresh(name).await.close();
    let written = practice();
    let raw = Database::open(name).await.unwrap();
    let names: Vec<&str> = RecordKind::ALL.into_iter().map(store_of).collect();
    let tx = raw
        .transaction(names)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    for kind in RecordKind::ALL {
        let store = tx.object_store(store_of(kind)).unwrap();
        for value in kind.visit(AsEarlierBuildsStored(&written)) {
            store.put(value).primitive().unwrap().await.unwrap();
        }
    }
    tx.commit().await.unwrap();
    raw.close();
    let store = Store::open(name, SCHEMA_VERSION).await.unwrap();
    let read = store.local_records().await.unwrap();
    assert_eq!(read.into_dataset(), written.into_dataset());
}

/// How many values the object store `store` of database `name` holds.
async fn count(name: &str, store: &str) -> u32 {
    let raw = Database::open(name).await.unwrap();
    let tx = raw.transaction(store).build().unwrap();
    let counted = tx.object_store(store).unwrap().count().primitive();
    let counted = counted.unwrap().await.unwrap();
    drop(tx);
    raw.close();
    counted
}

/// An amendment names only its session. Written with the sessions it
/// amends, it is kept in the client's segment (no value of its own); one
/// whose session is held nowhere waits in `amendments`, and is still read
/// for the export and shown with its note once the note arrives.
#[wasm_bindgen_test]
async fn amendments_are_kept_with_their_clients_or_wait_for_their_session() {
    let name = "test-sync-amendments";
    let written = practice();
    let amended = written.amendments[0].session();
    let session = written
        .signed_sessions
        .iter()
        .find(|session| session.id() == amended)
        .expect("the sample's amendments amend its notes")
        .clone();
    let client = session.note().details().client;
    let theirs: Vec<_> = written
        .amendments
        .iter()
        .filter(|amendment| amendment.session() == amended)
        .cloned()
        .collect();

    let store = fresh(name).await;
    store.apply(&puts(written.clone())).await.unwrap();
    assert_eq!(count(name, "amendments").await, 0, "all placed");
    let records = store.client_records(client).await.unwrap();
    let shown: Vec<_> = records
        .amendments
        .into_iter()
        .filter(|amendment| amendment.session() == amended)
        .collect();
    assert_eq!(shown, theirs);
    store.close();

    let store = fresh(name).await;
    let alone = LocalRecords {
        amendments: written.amendments.clone(),
        ..LocalRecords::default()
    };
    store.apply(&puts(alone.clone())).await.unwrap();
    let held = written.amendments.len() as u32;
    assert_eq!(count(name, "amendments").await, held, "none placed");
    let read = store.local_records().await.unwrap();
    assert_eq!(read.into_dataset(), alone.into_dataset());
    let sessions = LocalRecords {
        signed_sessions: vec![session],
        ..LocalRecords::default()
    };
    store.apply(&puts(sessions)).await.unwrap();
    let records = store.client_records(client).await.unwrap();
    assert_eq!(records.amendments, theirs, "found through their session");
    store.close();
}
