//! Signed sessions, measures, intakes and amendments kept grouped per
//! client, one stored value ("segment") per kind and client (sessions and
//! measures since schema version 9, intakes since version 10, amendments
//! since version 12).
//!
//! Why: IndexedDB costs 50–70 µs per record written whatever its size, so
//! an import of a practice (28,000 signed sessions, 61,000 measures) spent
//! 5–9 s writing them one by one; grouped, it writes a few thousand values
//! (BENCHMARKS.md, issue 14). Intakes followed in version 10: one per
//! client per year, they were 9,201 of the values a twenty-year practice's
//! import writes, about 8,200 fewer once grouped; amendments followed in
//! version 12 (2,814 values, 939 segments). A segment holds its
//! records as **one JSON text** (serde_json's, an array; its UTF-8 bytes
//! since version 10, a string before), so neither side builds or walks
//! 90,000 JavaScript objects: reading a segment is one buffer handed to
//! serde_json.
//!
//! Invariants:
//! - A segment is keyed `"<kind's store>/<client id>"` (`sessions/…`,
//!   `measures/…`, `intakes/…`, `amendments/…`), so a client's records are
//!   one `get` and a kind's are one key range.
//! - An amendment names only its session, so its writer places it (the
//!   worker through the session's client, the app through the note it
//!   amends); one nobody could place stays in `amendments`, which is read
//!   beside the segments (`store/synced.rs`, [`Keeping`]).
//! - A segment of sessions lists the days it holds sessions on (`days`, a
//!   multi-entry index): Today reads only the segments of that day's
//!   clients. Days are only added (a stale day costs one segment read that
//!   finds nothing), so a write never has to parse what it keeps.
//! - Writes of one action are grouped by segment: each is read once and
//!   written once, in the action's transaction (`Store::apply`). A record
//!   replaces the one with its id; a kind that is append-only refuses a
//!   record whose id is already held, as IndexedDB's `add` did, and the
//!   whole action fails.
//! - Databases from before version 9 keep sessions and measures, and from
//!   before version 10 intakes, in per-record stores (`sessions`,
//!   `measures`, `intakes`); [`Store::move_into_segments`] moves every kind
//!   kept in segments out of its store once, at open, in one transaction,
//!   so a tab dying midway leaves them where they were. They are moved as
//!   the JSON text the browser makes of them (what every read of a stored
//!   record parses), never built into records.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;

use indexed_db_futures::database::Database;
use indexed_db_futures::future::VoidRequest;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::{KeyPath, KeyRange};
use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clinical::session::SignedSession;
use stillpoint_core::sync::dataset::RecordKind;
use stillpoint_core::sync::sync_job::RecordRun;
use wasm_bindgen::{JsCast, JsValue};

use super::synced::{kind_store, Keeping, KindStore};
use super::{json_text, Store, StoreError};

/// The object store of segments.
pub(super) const SEGMENTS: &str = "segments";
/// The index of session segments by the days they hold sessions on.
const BY_DAY: &str = "day";
const KEY: &str = "key";
const CLIENT: &str = "client";
const DAYS: &str = "days";
const RECORDS: &str = "records";

/// Version 9: the segments, keyed by `key`, indexed by each of their `days`.
pub(super) fn add_segments(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(SEGMENTS)
        .with_key_path(KEY.into())
        .build()?
        .create_index(BY_DAY, KeyPath::One(DAYS))
        .with_multi_entry(true)
        .build()?;
    Ok(())
}

/// Version 10: intakes are kept in segments. No store or index changes:
/// the segments exist since version 9, and `intakes` stays, emptied by
/// [`Store::move_into_segments`] at open, as `sessions` and `measures`
/// stayed (dropping its `client` index needs the upgrade's transaction,
/// which the migrations are not handed). The version is raised so that a
/// tab of an older build still open gets `versionchange` and closes
/// (`Store::on_replaced`), and such a build cannot open the database
/// again: it reads intakes from the `intakes` store, which is now empty, so
/// it would show a client without their intake (health history,
/// contraindications, consent), a clinical-safety problem.
pub(super) fn keep_intakes_in_segments(_: &Database) -> indexed_db_futures::Result<()> {
    Ok(())
}

/// Version 12: amendments are kept in segments when their client is known.
/// No store changes; the version is raised for the reason version 10 was:
/// an older build reads amendments only from the `amendments` store, so it
/// would show a signed note without the corrections made since, a
/// clinical-safety problem. Amendments already in `amendments` stay there
/// and are still read ([`Keeping::InSegmentsWhenPlaced`]).
pub(super) fn keep_amendments_in_segments(_: &Database) -> indexed_db_futures::Result<()> {
    Ok(())
}

/// Which segment a record belongs in: its client, and the day it is on
/// where Today looks records up by day.
#[derive(Clone, Copy, Debug)]
pub(super) struct Place {
    client: RecordId,
    day: Option<CalendarDate>,
}

/// How to find the [`Place`] of a record of the one kind it is written
/// for (`kind_store` names it beside the kind), with the record's id, from
/// its JSON text, without building the record: every record reaches the
/// store as its text (an import's from the worker, the app's own from
/// `store::stored_text`, an earlier build's from its old store).
pub(super) type Placer = fn(&str) -> Result<(RecordId, Place), StoreError>;

/// Signed sessions: by client and date.
pub(super) const SESSION_PLACER: Placer = |text| {
    let SessionKeys { id, note } = parse(text)?;
    let (client, day) = (note.details.client, note.details.date);
    Ok((id, Place { client, day }))
};

/// Measures and intakes: by the client their top-level `client` field
/// names.
pub(super) const CLIENT_PLACER: Placer = |text| {
    let ClientKeys { id, client } = parse(text)?;
    Ok((id, Place { client, day: None }))
};

/// The keys of the segments a store holds, asked for and not yet answered
/// ([`SegmentWrites::ask_every_held_key`]).
pub(super) type HeldKeys = Pin<Box<dyn Future<Output = Result<BTreeSet<String>, StoreError>>>>;

/// What one action writes into one segment.
#[derive(Debug)]
struct Pending<'a> {
    client: RecordId,
    append_only: bool,
    days: Vec<String>,
    /// What is written, in order.
    writes: Vec<Write<'a>>,
}

/// Records written to a segment.
#[derive(Debug)]
enum Write<'a> {
    /// One record's serde_json text, and its id.
    Record(RecordId, Cow<'a, str>),
    /// A run of an import's records, left where the worker's reply keeps
    /// them: read one by one only if a held segment needs them merged in.
    /// A segment the store does not hold yet is stored as the run's list,
    /// not joined again (BENCHMARKS.md, issue 14).
    Run(RecordRun<'a>),
}

/// The writes of one action to kinds kept in segments, grouped by segment.
#[derive(Debug, Default)]
pub(super) struct SegmentWrites<'a>(BTreeMap<String, Pending<'a>>);

impl<'a> SegmentWrites<'a> {
    /// Takes the record of `kind` whose JSON text is `text` if its kind is
    /// kept in segments, placed by the fields its stored form has always
    /// kept them in, so no record is built; gives `text` back for any
    /// other kind.
    pub(super) fn add_text(
        &mut self,
        kind: RecordKind,
        text: Cow<'a, str>,
    ) -> Result<Option<Cow<'a, str>>, StoreError> {
        let kind = kind_store(kind);
        let Keeping::InSegments(placer) = kind.keeping else {
            return Ok(Some(text));
        };
        let (id, place) = placer(&text)?;
        let pending = self.pending(kind, place.client);
        if let Some(day) = place.day {
            add_day(&mut pending.days, day.to_string());
        }
        pending.writes.push(Write::Record(id, text));
        Ok(None)
    }

    /// Takes the record of `kind` (kept in segments when placed) whose
    /// JSON text is `text` into `client`'s segment: its writer says whose
    /// it is ([`Keeping::InSegmentsWhenPlaced`]).
    pub(super) fn add_placed(
        &mut self,
        kind: RecordKind,
        client: RecordId,
        text: Cow<'a, str>,
    ) -> Result<(), StoreError> {
        let IdOnly { id } = parse(&text)?;
        let pending = self.pending(kind_store(kind), client);
        pending.writes.push(Write::Record(id, text));
        Ok(())
    }

    /// Takes a run of an import's records if their kind is kept in
    /// segments and the worker says whose they are (and which days they
    /// note), so none of their texts is read here (BENCHMARKS.md, issue
    /// 14). Gives the run back for any other kind, and for amendments the
    /// worker could not place.
    pub(super) fn add_run(&mut self, run: RecordRun<'a>) -> Option<RecordRun<'a>> {
        let kind = kind_store(run.kind);
        let (Keeping::InSegments(_) | Keeping::InSegmentsWhenPlaced, Some(client)) =
            (kind.keeping, run.client)
        else {
            return Some(run);
        };
        let pending = self.pending(kind, client);
        for day in run.days {
            add_day(&mut pending.days, day.to_string());
        }
        pending.writes.push(Write::Run(run));
        None
    }

    /// What is written to `client`'s segment of `kind`.
    fn pending(&mut self, kind: KindStore, client: RecordId) -> &mut Pending<'a> {
        self.0
            .entry(segment_key(kind.name, client))
            .or_insert_with(|| Pending {
                client,
                append_only: kind.append_only,
                days: Vec::new(),
                writes: Vec::new(),
            })
    }

    /// Asks for the keys of every segment the store holds, before an
    /// import's other requests: requests are answered in the order they
    /// were made, so asked after an import's 6,000 other values, the keys
    /// waited for all of them to be written (BENCHMARKS.md, issue 14). An
    /// everyday save asks [`Self::write`] for the few keys it writes
    /// instead. The answer covers any segment the action writes.
    pub(super) fn ask_every_held_key(tx: &Transaction<'_>) -> Result<HeldKeys, StoreError> {
        let keys = tx
            .object_store(SEGMENTS)?
            .get_all_keys::<String>()
            .primitive()?;
        Ok(Box::pin(async move {
            Ok(keys.await?.collect::<Result<_, _>>()?)
        }))
    }

    /// Reads each segment written to once, merges the writes in and makes
    /// the request writing it back; the caller awaits those with the
    /// action's other requests. Only segments the store holds are read:
    /// those `held` names (from [`Self::ask_every_held_key`]), or else
    /// those one request finds between the first and the last key written
    /// (one key for an everyday save): an import into a device without a
    /// client's records read 3,000 segments that were not there, one
    /// request each (BENCHMARKS.md, issue 14). All reads are made before
    /// the first is awaited.
    pub(super) async fn write(
        self,
        tx: &Transaction<'_>,
        held: Option<HeldKeys>,
    ) -> Result<Vec<VoidRequest>, StoreError> {
        let (Some(first), Some(last)) = (self.0.keys().next(), self.0.keys().next_back()) else {
            return Ok(Vec::new());
        };
        let store = tx.object_store(SEGMENTS)?;
        let held: BTreeSet<String> = match held {
            Some(held) => held.await?,
            None => {
                let written = KeyRange::Bound(first.clone(), false, last.clone(), false);
                store
                    .get_all_keys::<String>()
                    .with_query::<String, _>(written)
                    .primitive()?
                    .await?
                    .collect::<Result<_, _>>()?
            }
        };
        let mut reads = Vec::with_capacity(self.0.len());
        for key in self.0.keys() {
            let read = held.contains(key);
            reads.push(
                read.then(|| store.get(key.as_str()).primitive())
                    .transpose()?,
            );
        }
        let mut writes = Vec::with_capacity(reads.len());
        for ((key, pending), read) in self.0.into_iter().zip(reads) {
            let stored = match read {
                Some(read) => read.await?,
                None => None,
            };
            let segment = merged(key, stored, pending)?;
            writes.push(store.put(segment.clone()).primitive()?);
            release_records(&segment);
        }
        Ok(writes)
    }
}

/// Frees the buffer of a segment's records once its put is asked for: the
/// store copies a value when the put is asked for, and the collector would
/// otherwise keep an import's 53 MB of them until the write is over, on
/// top of the texts they were copied from (BENCHMARKS.md, issue 14,
/// session 14).
fn release_records(segment: &JsValue) {
    let records = Reflect::get(segment, &RECORDS.into()).ok();
    let Some(records) = records.and_then(|records| records.dyn_into::<Uint8Array>().ok()) else {
        return;
    };
    // Only an array that is its whole buffer: never a view into another's.
    let buffer = records.buffer();
    if records.byte_offset() == 0 && records.byte_length() == buffer.byte_length() {
        // A browser without `ArrayBuffer.prototype.transfer` frees it later.
        let _ = buffer.transfer_with_length(0);
    }
}

/// The key of `client`'s segment of the kind kept under `name`.
fn segment_key(name: &str, client: RecordId) -> String {
    format!("{name}/{client}")
}

/// Only the id of a record, read from its JSON text.
#[derive(Deserialize)]
struct IdOnly {
    id: RecordId,
}

/// What places a signed session stored by an earlier build, read from its
/// JSON text at the paths its store's indexes used (`note.details.client`,
/// `note.details.date`), so moving it needs no session type's serde code
/// (the phone's app, which opens the same database, has none).
#[derive(Deserialize)]
struct SessionKeys {
    id: RecordId,
    note: NoteKeys,
}

#[derive(Deserialize)]
struct NoteKeys {
    details: DetailsKeys,
}

#[derive(Deserialize)]
struct DetailsKeys {
    client: RecordId,
    #[serde(default)]
    date: Option<CalendarDate>,
}

/// What places a measure or an intake stored by an earlier build (its
/// store's index path, `client`).
#[derive(Deserialize)]
struct ClientKeys {
    id: RecordId,
    client: RecordId,
}

/// The segment `key` as stored (if it is) with `pending` merged in: each
/// record replaces the one with its id, or is added after the others.
fn merged(
    key: String,
    stored: Option<JsValue>,
    pending: Pending<'_>,
) -> Result<JsValue, StoreError> {
    if let (None, [Write::Run(run)]) = (&stored, pending.writes.as_slice()) {
        return segment_value(&key, pending.client, &pending.days, &run_list(run)?);
    }
    let held_text = stored.as_ref().map(records_text).transpose()?;
    let mut records = split(held_text.as_deref().unwrap_or("[]"))?;
    let mut written = Vec::with_capacity(pending.writes.len());
    for write in pending.writes {
        match write {
            Write::Record(id, text) => written.push((Some(id), text)),
            Write::Run(run) => {
                for record in run.records() {
                    written.push((None, record?.text));
                }
            }
        }
    }
    let mut ids = Vec::with_capacity(records.len() + written.len());
    for record in &records {
        let IdOnly { id } = parse(record)?;
        ids.push(id);
    }
    // A client holds hundreds of records at most: a search is cheap.
    for (id, text) in &written {
        let id = match id {
            Some(id) => *id,
            None => parse::<IdOnly>(text)?.id,
        };
        match ids.iter().position(|held| *held == id) {
            Some(_) if pending.append_only => return Err(written_again()),
            Some(index) => records[index] = text.as_ref(),
            None => {
                ids.push(id);
                records.push(text.as_ref());
            }
        }
    }
    let mut days = stored.as_ref().map(days_of).unwrap_or_default();
    for day in pending.days {
        add_day(&mut days, day);
    }
    let listed = Uint8Array::from(&listed(&records)[..]);
    segment_value(&key, pending.client, &days, &listed)
}

/// A run's records as one JSON list, in an array of their own for a
/// segment to store, copied in and out of this memory one run at a time so
/// that every byte stored is checked as UTF-8: a segment that is not text
/// would make its kind unreadable for every client.
fn run_list(run: &RecordRun<'_>) -> Result<Uint8Array, StoreError> {
    Ok(Uint8Array::from(run.text()?.as_bytes()))
}

/// `records` as one JSON list.
fn listed(records: &[&str]) -> Vec<u8> {
    let length = records.iter().map(|record| record.len() + 1).sum::<usize>() + 1;
    let mut joined = Vec::with_capacity(length);
    joined.push(b'[');
    for (index, record) in records.iter().enumerate() {
        if index > 0 {
            joined.push(b',');
        }
        joined.extend_from_slice(record.as_bytes());
    }
    joined.push(b']');
    joined
}

/// Adds `day` to `days` unless it is there.
fn add_day(days: &mut Vec<String>, day: String) {
    if !days.contains(&day) {
        days.push(day);
    }
}

/// The stored object of a segment, its records as one JSON list;
/// sessions' carry their days.
fn segment_value(
    key: &str,
    client: RecordId,
    days: &[String],
    listed: &Uint8Array,
) -> Result<JsValue, StoreError> {
    let value = Object::new();
    let set = |field: &str, to: &JsValue| {
        Reflect::set(&value, &field.into(), to)
            .map_err(|_| StoreError::Failed("a value could not be prepared for storage".into()))
    };
    set(KEY, &key.into())?;
    set(CLIENT, &client.to_string().into())?;
    if !days.is_empty() {
        let list: Array = days.iter().map(|day| JsValue::from_str(day)).collect();
        set(DAYS, &list)?;
    }
    set(RECORDS, listed)?;
    Ok(value.into())
}

/// The JSON text of a stored segment's records: kept as its UTF-8 bytes
/// (since version 10), which the browser copies as they are, where a
/// string is converted to and from UTF-16 on its way in and out of
/// WebAssembly (a practice's import stores 53 MB of segments; BENCHMARKS.md,
/// issue 14); version 9 kept a string, still read.
fn records_text(segment: &JsValue) -> Result<String, StoreError> {
    let unreadable = || StoreError::Failed("a stored group of records cannot be read".into());
    let records = Reflect::get(segment, &RECORDS.into()).map_err(|_| unreadable())?;
    if let Some(text) = records.as_string() {
        return Ok(text);
    }
    let bytes = records.dyn_into::<Uint8Array>().map_err(|_| unreadable())?;
    String::from_utf8(bytes.to_vec()).map_err(|_| unreadable())
}

/// The days a stored segment lists (none for measures).
fn days_of(segment: &JsValue) -> Vec<String> {
    Reflect::get(segment, &DAYS.into())
        .ok()
        .filter(|days| days.is_array())
        .map(|days| {
            Array::from(&days)
                .iter()
                .filter_map(|day| day.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The records a stored segment holds.
fn records_of<T: DeserializeOwned>(segment: &JsValue) -> Result<Vec<T>, StoreError> {
    parse(&records_text(segment)?)
}

/// A segment's records (a JSON array of objects), each left as its JSON
/// text: the array's elements, found by following strings and nesting.
/// serde_json's raw values would do it, but their feature adds a branch to
/// every record type's serde code in both apps.
fn split(records: &str) -> Result<Vec<&str>, StoreError> {
    let bytes = records.as_bytes();
    let (mut found, mut depth, mut in_string, mut start) = (Vec::new(), 0_usize, false, 0);
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'\\' if in_string => at += 1,
            b'"' => in_string = !in_string,
            b'{' | b'[' if !in_string => {
                if depth == 1 {
                    start = at;
                }
                depth += 1;
            }
            b'}' | b']' if !in_string => {
                depth = depth.checked_sub(1).ok_or_else(broken)?;
                if depth == 1 {
                    found.push(&records[start..=at]);
                }
            }
            _ => {}
        }
        at += 1;
    }
    if depth != 0 || in_string {
        return Err(broken());
    }
    Ok(found)
}

fn broken() -> StoreError {
    StoreError::Failed("a stored group of records is cut short".to_owned())
}

/// Reads `text` from its bytes, as every stored value is read
/// (`store::from_stored`): a second reader type (`from_str`) would add a
/// second copy of every record type's serde code to the app.
fn parse<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, StoreError> {
    serde_json::from_slice(text.as_bytes()).map_err(unreadable)
}

fn unreadable(error: serde_json::Error) -> StoreError {
    StoreError::Failed(format!("a stored group of records cannot be read: {error}"))
}

fn written_again() -> StoreError {
    StoreError::Failed(
        "a score or note that is never changed once saved was saved again".to_owned(),
    )
}

/// The records of the kind kept under `name` in the segment of `client`,
/// read in `tx` (which covers [`SEGMENTS`]).
pub(super) async fn client_segment<T: DeserializeOwned>(
    tx: &Transaction<'_>,
    name: &str,
    client: RecordId,
) -> Result<Vec<T>, StoreError> {
    let key = segment_key(name, client);
    match tx
        .object_store(SEGMENTS)?
        .get(key.as_str())
        .primitive()?
        .await?
    {
        Some(segment) => records_of(&segment),
        None => Ok(Vec::new()),
    }
}

/// Each kind kept in segments, placed by its text, whose per-record store
/// (named as its segments are) `db` still has: where an earlier build kept
/// it. Amendments are not moved ([`Keeping::InSegmentsWhenPlaced`]).
fn per_record_stores(db: &Database) -> Vec<(RecordKind, &'static str)> {
    let held: Vec<String> = db.object_store_names().collect();
    RecordKind::ALL
        .into_iter()
        .map(|kind| (kind, kind_store(kind)))
        .filter(|(_, store)| {
            matches!(store.keeping, Keeping::InSegments(_))
                && held.iter().any(|name| name == store.name)
        })
        .map(|(kind, store)| (kind, store.name))
        .collect()
}

impl Store {
    /// Every record of the kind kept under `name`, of every client: one
    /// key range of segments.
    pub(super) async fn segmented<T: DeserializeOwned>(
        &self,
        name: &str,
    ) -> Result<Vec<T>, StoreError> {
        let mut records = Vec::new();
        for text in self.segment_texts(name).await? {
            records.extend(parse::<Vec<T>>(&text)?);
        }
        Ok(records)
    }

    /// The records' JSON text of every segment of the kind kept under
    /// `name`.
    async fn segment_texts(&self, name: &str) -> Result<Vec<String>, StoreError> {
        // Keys are `name/…`; `0` sorts right after `/`.
        let range = KeyRange::Bound(format!("{name}/"), false, format!("{name}0"), true);
        let tx = self.db.transaction(SEGMENTS).build()?;
        let segments = tx
            .object_store(SEGMENTS)?
            .get_all()
            .with_query::<String, _>(range)
            .primitive()?
            .await?;
        segments.map(|segment| records_text(&segment?)).collect()
    }

    /// The records of the kind kept under `name` of one client.
    pub(super) async fn segment_of<T: DeserializeOwned>(
        &self,
        name: &str,
        client: RecordId,
    ) -> Result<Vec<T>, StoreError> {
        let tx = self.db.transaction(SEGMENTS).build()?;
        client_segment(&tx, name, client).await
    }

    /// The signed sessions dated `on`: only the segments listing that day
    /// are read, and of their records only those whose text holds the
    /// day's date are parsed (a busy day lists a few dozen clients, each
    /// segment holding every session of theirs).
    pub async fn sessions_on(&self, on: CalendarDate) -> Result<Vec<SignedSession>, StoreError> {
        let tx = self.db.transaction(SEGMENTS).build()?;
        let store = tx.object_store(SEGMENTS)?;
        let segments = store
            .index(BY_DAY)?
            .get_all()
            .with_query(on.to_string().as_str())
            .primitive()?
            .await?;
        let date = format!("\"{on}\"");
        let mut sessions = Vec::new();
        for segment in segments {
            let text = records_text(&segment?)?;
            for record in split(&text)? {
                if !record.contains(&date) {
                    continue;
                }
                let session: SignedSession = parse(record)?;
                if session.note().details().date == Some(on) {
                    sessions.push(session);
                }
            }
        }
        Ok(sessions)
    }

    /// Moves the records of every kind kept in segments that an earlier
    /// build kept one per record (sessions and measures before version 9,
    /// intakes before version 10) into segments, in one transaction;
    /// nothing to do (a count per store) once they are moved, or below
    /// version 9.
    pub(super) async fn move_into_segments(&self) -> Result<(), StoreError> {
        if !self.db.object_store_names().any(|name| name == SEGMENTS) {
            return Ok(());
        }
        let kinds = per_record_stores(&self.db);
        let stores: Vec<&str> = kinds.iter().map(|(_, name)| *name).collect();
        if stores.is_empty() {
            return Ok(());
        }
        let tx = self.db.transaction(stores.clone()).build()?;
        let mut counts = Vec::with_capacity(stores.len());
        for name in &stores {
            counts.push(tx.object_store(name)?.count().primitive()?);
        }
        let mut left = 0;
        for count in counts {
            left += count.await?;
        }
        drop(tx);
        if left == 0 {
            return Ok(());
        }
        let scope: Vec<&str> = stores.iter().copied().chain([SEGMENTS]).collect();
        let tx = self
            .db
            .transaction(scope)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let mut held = Vec::with_capacity(kinds.len());
        for (kind, name) in &kinds {
            let text = json_text(tx.object_store(name)?.get_all().primitive()?.await?)?;
            held.push((*kind, text));
        }
        let mut writes = SegmentWrites::default();
        for (kind, text) in &held {
            for record in split(text)? {
                writes.add_text(*kind, record.into())?;
            }
        }
        let mut requests = writes.write(&tx, None).await?;
        for name in &stores {
            requests.push(tx.object_store(name)?.clear()?);
        }
        for request in requests {
            request.await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn a_segment_splits_into_its_records_whatever_their_strings_hold() {
        let first = r#"{"id":"a","note":"}, {\"x\": [ \\"}"#;
        let second = r#"{"id":"b","n":[1,{"c":[]}]}"#;
        let text = format!("[{first},{second}]");
        assert_eq!(split(&text).unwrap(), vec![first, second]);
        assert_eq!(split("[]").unwrap(), Vec::<&str>::new());
        for cut in [r#"[{"id":"a"]"#, r#"[{"id":"a}]"#, r#"[{"id":"a"}]]"#] {
            assert!(split(cut).is_err(), "{cut}");
        }
    }
}
