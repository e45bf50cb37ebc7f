//! The synced record kinds in IndexedDB: which object store holds each
//! [`RecordKind`] and how it is written, and the generic reads and writes
//! every kind shares. The export reads, and the import writes, every kind
//! by looping over [`RecordKind::ALL`], so a new kind is one line in
//! [`kind_store`] (and its migration), never a new code path.

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use indexed_db_futures::future::VoidRequest;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use stillpoint_core::clients::client::Client;
use stillpoint_core::clients::summary::ClientSummary;
use stillpoint_core::outcomes::custom_instrument::with_those_before_sync;
use stillpoint_core::sync::dataset::{KindVisitor, LocalRecords, RecordKind, SyncRecord};
use stillpoint_core::sync::device_name::DeviceName;

use super::clinical::{AMENDMENTS, INTAKES, RULES, SESSIONS, SESSION_DRAFTS};
use super::segments::{Placer, SegmentWrites, CLIENT_PLACER, SEGMENTS, SESSION_PLACER};
use super::selfcare::{CARE_LIBRARY, CARE_PLANS, DIARIES};
use super::{
    checked_text, parsed, stored_text, Store, StoreError, CLIENTS, DEVICE_NAMES,
    INSTRUMENT_RECORDS, MEASURES, PLAN_VERSIONS,
};

/// Where records of one kind are kept: an object store keyed by the
/// record's id (the names and keys are fixed by the migrations), or, for
/// the kinds a practice holds thousands of (signed sessions, measures,
/// intakes and amendments), one segment per client (`store/segments.rs`).
#[derive(Clone, Copy, Debug)]
pub(super) struct KindStore {
    /// The object store's name; for a kind kept in segments, the first
    /// part of its segments' keys (and the store an earlier build kept it
    /// in: sessions and measures before version 9, intakes before 10,
    /// amendments before 12).
    pub(super) name: &'static str,
    /// Whether records are only ever added (IndexedDB `add`), so writing
    /// one a second time fails the whole action: versions and scores are
    /// never rewritten.
    pub(super) append_only: bool,
    /// One value per record, or grouped per client.
    pub(super) keeping: Keeping,
}

/// How a kind's records are kept.
#[derive(Clone, Copy, Debug)]
pub(super) enum Keeping {
    /// One value per record, in the kind's own store.
    PerRecord,
    /// In segments, each record's found from its text.
    InSegments(Placer),
    /// In segments when its writer knows whose it is, else in the kind's
    /// own store, read beside the segments. An amendment names only its
    /// session: the worker finds the session's client in what it merged,
    /// the app knows the note it amends; one whose session is held
    /// nowhere (a file imported before the one with its session) waits in
    /// `amendments`, found there through its session. Those an earlier
    /// build kept stay there too: moving them would mean reading every
    /// signed session to find their clients.
    InSegmentsWhenPlaced,
}

impl KindStore {
    /// The object stores its records are written to.
    pub(super) fn written_to(self) -> Vec<&'static str> {
        match self.keeping {
            Keeping::PerRecord => vec![self.name],
            Keeping::InSegments(_) => vec![SEGMENTS],
            Keeping::InSegmentsWhenPlaced => vec![SEGMENTS, self.name],
        }
    }
}

/// The object store of each kind: the app's one table of record kinds.
pub(super) const fn kind_store(kind: RecordKind) -> KindStore {
    use Keeping::{InSegments, InSegmentsWhenPlaced, PerRecord};
    let (name, append_only, keeping) = match kind {
        RecordKind::Client => (CLIENTS, false, PerRecord),
        RecordKind::Intake => (INTAKES, false, InSegments(CLIENT_PLACER)),
        RecordKind::SessionDraft => (SESSION_DRAFTS, false, PerRecord),
        RecordKind::SignedSession => (SESSIONS, false, InSegments(SESSION_PLACER)),
        RecordKind::Amendment => (AMENDMENTS, false, InSegmentsWhenPlaced),
        RecordKind::Measure => (MEASURES, true, InSegments(CLIENT_PLACER)),
        RecordKind::PlanVersion => (PLAN_VERSIONS, true, PerRecord),
        RecordKind::CustomRule => (RULES, false, PerRecord),
        RecordKind::CustomInstrument => (INSTRUMENT_RECORDS, false, PerRecord),
        RecordKind::CarePlan => (CARE_PLANS, true, PerRecord),
        RecordKind::Diary => (DIARIES, false, PerRecord),
        RecordKind::CareLibraryItem => (CARE_LIBRARY, false, PerRecord),
        RecordKind::DeviceName => (DEVICE_NAMES, false, PerRecord),
    };
    KindStore {
        name,
        append_only,
        keeping,
    }
}

/// What an action writes once its requests are made: records kept in
/// segments, grouped by segment (`store/segments.rs`), and a summary of
/// each client it writes, for the client list (`store/client_list.rs`).
#[derive(Default)]
pub(super) struct DeferredWrites<'a> {
    pub(super) segments: SegmentWrites<'a>,
    pub(super) clients: Vec<ClientSummary>,
}

/// Makes the request that writes `record` into its kind's object store,
/// inside the action's transaction, or hands it to `deferred` (then there
/// is no request yet): as its JSON text, the one way every record is
/// written ([`put_text`]).
pub(super) fn put_record<T: SyncRecord>(
    tx: &Transaction<'_>,
    record: &T,
    deferred: &mut DeferredWrites<'_>,
) -> Result<Option<VoidRequest>, StoreError> {
    put_text(tx, T::KIND, stored_text(record)?.into(), deferred)
}

/// Makes the request that writes the record of `kind` whose JSON text is
/// `text` (an import writes 100,000 records: none is built to be written,
/// BENCHMARKS.md, issue 14), or hands it to `deferred`. Only a client is
/// read as a record here: its summary goes to the client list, written at
/// the end of the same transaction, so the list read at start always says
/// what the records say. A text is refused if it holds an integer the
/// browser would round when it parses the text into the value it stores;
/// a text kept in a segment is only ever read by serde_json, which rounds
/// nothing.
pub(super) fn put_text<'a>(
    tx: &Transaction<'_>,
    kind: RecordKind,
    text: Cow<'a, str>,
    deferred: &mut DeferredWrites<'a>,
) -> Result<Option<VoidRequest>, StoreError> {
    let Some(text) = deferred.segments.add_text(kind, text)? else {
        return Ok(None);
    };
    let text = checked_text(&text)?;
    let store = tx.object_store(kind_store(kind).name)?;
    if kind == RecordKind::Client {
        let client: Client = serde_json::from_slice(text.as_bytes())
            .map_err(|error| StoreError::Failed(error.to_string()))?;
        deferred.clients.push(ClientSummary::from(&client));
    }
    let value = parsed(text)?;
    Ok(Some(if kind_store(kind).append_only {
        store.add(value).primitive()?
    } else {
        store.put(value).primitive()?
    }))
}

/// A record of any synced kind, to write as part of an action.
#[derive(Clone)]
pub struct SyncedRecord(Rc<dyn Writable>);

impl SyncedRecord {
    /// Wraps `record` for [`super::Change::PutRecord`].
    pub fn new<T: SyncRecord>(record: T) -> Self {
        Self(Rc::new(record))
    }

    /// The object stores the record may be written to.
    pub(super) fn store_names(&self) -> Vec<&'static str> {
        kind_store(self.0.kind()).written_to()
    }

    /// Makes the request that writes the record ([`put_record`]).
    pub(super) fn write(
        &self,
        tx: &Transaction<'_>,
        deferred: &mut DeferredWrites<'_>,
    ) -> Result<Option<VoidRequest>, StoreError> {
        self.0.write(tx, deferred)
    }
}

impl fmt::Debug for SyncedRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A record's kind and write, whatever its type.
trait Writable: fmt::Debug {
    fn kind(&self) -> RecordKind;
    fn write(
        &self,
        tx: &Transaction<'_>,
        deferred: &mut DeferredWrites<'_>,
    ) -> Result<Option<VoidRequest>, StoreError>;
}

impl<T: SyncRecord> Writable for T {
    fn kind(&self) -> RecordKind {
        T::KIND
    }

    fn write(
        &self,
        tx: &Transaction<'_>,
        deferred: &mut DeferredWrites<'_>,
    ) -> Result<Option<VoidRequest>, StoreError> {
        put_record(tx, self, deferred)
    }
}

/// Reads one kind's records into [`LocalRecords`].
struct ReadKind<'a> {
    store: &'a Store,
    into: &'a mut LocalRecords,
}

impl<'a> KindVisitor for ReadKind<'a> {
    type Output = Pin<Box<dyn Future<Output = Result<(), StoreError>> + 'a>>;

    fn visit<T: SyncRecord>(self) -> Self::Output {
        Box::pin(async move {
            let Self { store, into } = self;
            // Rules and instruments saved before they synced are kept in an
            // older shape and adopted as records when read.
            let kind = kind_store(T::KIND);
            match T::KIND {
                RecordKind::CustomRule => into.set(store.rule_records().await?),
                RecordKind::CustomInstrument => into.set(with_those_before_sync(
                    store.instrument_records().await?,
                    &store.custom_instruments().await?,
                )),
                _ => match kind.keeping {
                    Keeping::PerRecord => into.set::<T>(store.all(kind.name).await?),
                    Keeping::InSegments(_) => into.set::<T>(store.segmented(kind.name).await?),
                    Keeping::InSegmentsWhenPlaced => {
                        let mut records: Vec<T> = store.segmented(kind.name).await?;
                        records.extend(store.all::<T>(kind.name).await?);
                        into.set(records)
                    }
                },
            }
            Ok(())
        })
    }
}

impl Store {
    /// What every device this one has heard of is called.
    pub async fn device_names(&self) -> Result<Vec<DeviceName>, StoreError> {
        self.all(DEVICE_NAMES).await
    }

    /// Every synced record on this device, of every kind, for an export or
    /// to merge an import with.
    pub async fn local_records(&self) -> Result<LocalRecords, StoreError> {
        let mut records = LocalRecords::default();
        for kind in RecordKind::ALL {
            kind.visit(ReadKind {
                store: self,
                into: &mut records,
            })
            .await?;
        }
        Ok(records)
    }
}
