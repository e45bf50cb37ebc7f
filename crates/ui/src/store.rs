//! The one module that talks to IndexedDB: it maps core records and the app's
//! own small records (settings, form drafts) onto object stores.
//!
//! Invariants the rest of the app relies on:
//! - Every user action reaches the database as one [`Store::apply`] call,
//!   which is one read-write transaction: it lands whole or not at all. The
//!   device's clock is written in the same transaction as the edit it
//!   stamped, so a stamp is never reused after a reload.
//! - Inside a transaction nothing is awaited but IndexedDB requests;
//!   IndexedDB commits as soon as the event loop runs with no request
//!   pending, so any other await would commit half a change.
//! - The schema only moves forward, one numbered migration at a time, from
//!   version 1. A database at version N is upgraded by running migrations
//!   N+1 … [`SCHEMA_VERSION`] in order, so every older install upgrades the
//!   same way a fresh one is built.

use indexed_db_futures::database::Database;
use indexed_db_futures::error::{DomException, Error as IdbError, OpenDbError};
use indexed_db_futures::future::VoidRequest;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::KeyRange;
use js_sys::{Array, JSON};
use serde::{Deserialize, Serialize};
use stillpoint_core::base::environment::Environment;
use stillpoint_core::base::hlc::HlcClock;
use stillpoint_core::base::home_screen::HomeScreenHint;
use stillpoint_core::base::ids::{DeviceId, RecordId};
use stillpoint_core::clients::client::{Client, ClientInput};
use stillpoint_core::clinical::amendment::Amendment;
use stillpoint_core::clinical::contraindication_rules::OwnRule;
use stillpoint_core::clinical::intake::Intake;
use stillpoint_core::clinical::session::{SessionDraft, SignedSession};
use stillpoint_core::outcomes::custom_instrument::OwnInstrument;
use stillpoint_core::outcomes::instrument::Instrument;
use stillpoint_core::outcomes::measure::Measure;
use stillpoint_core::outcomes::plan::PlanVersion;
use wasm_bindgen::JsValue;

use crate::records::TechniqueLists;
pub use clinical::IntakeDraft;
use clinical::{INTAKE_DRAFTS, SESSION_DRAFTS, TECHNIQUES_KEY};

mod client_list;
mod clinical;
mod segments;
mod selfcare;
mod synced;
use client_list::CLIENT_LIST;
use segments::{SegmentWrites, SEGMENTS};
pub use selfcare::{DeviceMode, Secret, SelfCareChange};
/// Kept in `meta` under `clinic` while this device is in a clinic.
pub use stillpoint_core::sync::clinic::ClinicMembership;
use stillpoint_core::sync::dataset::RecordKind;
use stillpoint_core::sync::sync_job::{MessageError, RecordTexts};
/// Kept in `meta` under `sync-log`; the rules that change it are core's.
pub use stillpoint_core::sync::sync_log::{Peer, SyncLog};
use synced::put_text;
pub use synced::SyncedRecord;
use synced::{kind_store, put_record, DeferredWrites};

/// The database the app uses; tests open others by name.
pub const DATABASE_NAME: &str = "stillpoint";
/// The schema version this build writes. Raise it only by adding a migration.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

const CLIENTS: &str = "clients";
const META: &str = "meta";
const DRAFTS: &str = "drafts";
const MEASURES: &str = "measures";
const PLAN_VERSIONS: &str = "plan_versions";
const CUSTOM_INSTRUMENTS: &str = "custom_instruments";
const INSTRUMENT_RECORDS: &str = "instrument_records";
const DEVICE_NAMES: &str = "device_names";
/// One summary per client record, versions 8 to 10; since version 11 one
/// list of them all (`store/client_list.rs`).
const CLIENT_SUMMARIES: &str = "client_summaries";
/// The index, in every per-client store but the two below, by the client
/// a record is about. One name, shared by `store/clinical.rs` and
/// `store/selfcare.rs`.
pub(crate) const BY_CLIENT: &str = "client";
/// The same index in `measures` and `plan_versions`, which schema 4 named
/// differently before there was a shared name; installed databases hold
/// it under this name, and renaming it would cost a migration for nothing.
const OUTCOMES_BY_CLIENT: &str = "by_client";
const DEVICE_KEY: &str = "device";
const SETTINGS_KEY: &str = "settings";
const SYNC_LOG_KEY: &str = "sync-log";
const CLINIC_KEY: &str = "clinic";

type Migration = fn(&Database) -> indexed_db_futures::Result<()>;

/// Migration `i` takes the schema from version `i` to version `i + 1`.
const MIGRATIONS: [Migration; 12] = [
    create_clients_and_meta,
    add_drafts,
    clinical::add_clinical_records,
    add_outcomes,
    selfcare::add_selfcare,
    add_instrument_records,
    add_device_names,
    add_client_summaries,
    segments::add_segments,
    segments::keep_intakes_in_segments,
    client_list::list_clients_in_one_value,
    segments::keep_amendments_in_segments,
];

/// Version 1: clients keyed by their id; `meta` holds the device clock and
/// settings under fixed keys.
fn create_clients_and_meta(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(CLIENTS)
        .with_key_path("id".into())
        .build()?;
    db.create_object_store(META).build()?;
    Ok(())
}

/// Version 2: unsaved form text, so what was typed survives a reload, a
/// killed tab or an app update.
fn add_drafts(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(DRAFTS)
        .with_key_path("key".into())
        .build()?;
    Ok(())
}

/// Outcome tracking: recorded measures and treatment-plan versions (both
/// append-only, keyed by id, indexed by client), and the therapist's own
/// instruments keyed by id and version, since a changed definition is a
/// new version stored beside the old one.
fn add_outcomes(db: &Database) -> indexed_db_futures::Result<()> {
    for name in [MEASURES, PLAN_VERSIONS] {
        let store = db
            .create_object_store(name)
            .with_key_path("id".into())
            .build()?;
        store
            .create_index(OUTCOMES_BY_CLIENT, "client".into())
            .build()?;
    }
    db.create_object_store(CUSTOM_INSTRUMENTS)
        .with_key_path(["id", "version"].into_iter().collect())
        .build()?;
    Ok(())
}

/// Version 6: the sync record of each of the therapist's instruments (its
/// current definition, stamped, or its removal), keyed by the instrument's
/// id. `custom_instruments` keeps every version ever seen, which charts of
/// older scores need.
fn add_instrument_records(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(INSTRUMENT_RECORDS)
        .with_key_path("id".into())
        .build()?;
    Ok(())
}

/// Version 7: what each device is called, keyed by the record's id (the
/// device's own id).
fn add_device_names(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(DEVICE_NAMES)
        .with_key_path("id".into())
        .build()?;
    Ok(())
}

/// Version 8: a small summary of each client, keyed by the client's id,
/// for the list at start; version 11 replaced it with one list
/// (`store/client_list.rs`).
fn add_client_summaries(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(CLIENT_SUMMARIES)
        .with_key_path("id".into())
        .build()?;
    Ok(())
}

/// Colour scheme the therapist chose in Settings.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the operating system's light or dark setting.
    #[default]
    System,
    /// Always the light theme.
    Light,
    /// Always the dim-room dark theme.
    Dark,
}

/// Preferences kept on this device only.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct Settings {
    /// Light, dark or as the system says.
    pub theme: ThemeChoice,
    /// Whether persistent storage has been requested once already.
    pub persistence_requested: bool,
    /// The therapist's name, offered when signing notes and deciding on
    /// alerts.
    #[serde(default)]
    pub therapist_name: String,
    /// The practice's name, printed at the top of records.
    #[serde(default)]
    pub practice_name: String,
    /// Whether the "Add to Home Screen" explanation was dismissed (settings
    /// stored before it existed read as never dismissed).
    #[serde(default)]
    pub home_screen_hint: HomeScreenHint,
}

/// Text typed into a form but not yet saved.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Draft {
    /// Which form: `client:new` or `client:<id>`.
    pub key: String,
    /// The form's fields as typed.
    pub input: ClientInput,
    /// When it was last typed in, milliseconds since the Unix epoch.
    pub updated_millis: u64,
}

/// One write that is part of a user action.
#[derive(Clone, Debug)]
pub enum Change {
    /// Insert or replace a client record.
    PutClient(Box<Client>),
    /// Persist the device clock after stamping.
    PutClock(HlcClock),
    /// Insert or replace the device's settings.
    PutSettings(Settings),
    /// Record an export or import.
    PutSyncLog(SyncLog),
    /// Join a clinic, or note how far a clinic sync got.
    PutClinic(Box<ClinicMembership>),
    /// Leave the clinic: clinic sync is off again; the records stay.
    LeaveClinic,
    /// Keep unsaved form text.
    PutDraft(Draft),
    /// Forget unsaved form text (after it was saved or discarded).
    DeleteDraft(String),
    /// Add a recorded measure (measures are never replaced).
    PutMeasure(Box<Measure>),
    /// Add a version of a client's treatment plan.
    PutPlanVersion(Box<PlanVersion>),
    /// Insert a version of one of the therapist's own instruments.
    PutCustomInstrument(Box<Instrument>),
    /// Insert or replace the sync record of one of the therapist's own
    /// instruments.
    PutInstrumentRecord(Box<OwnInstrument>),
    /// Add an intake (or replace the one with its id).
    PutIntake(Box<Intake>),
    /// Keep the intake form's unsaved text.
    PutIntakeDraft(Box<IntakeDraft>),
    /// Forget the intake form's unsaved text of this client.
    DeleteIntakeDraft(RecordId),
    /// Insert or replace an unsigned session note.
    PutSessionDraft(Box<SessionDraft>),
    /// Remove an unsigned session note once it is signed (a discarded one
    /// stays, marked, as a tombstone).
    DeleteSessionDraft(RecordId),
    /// Add a signed session note.
    PutSignedSession(Box<SignedSession>),
    /// Add an amendment to a signed note of `client`'s (kept with the
    /// client's others: an amendment names only its note).
    PutAmendment {
        /// Whose note it amends.
        client: RecordId,
        /// The amendment.
        amendment: Box<Amendment>,
    },
    /// Insert or replace one of the therapist's contraindication rules
    /// (a removed one stays, marked, as a tombstone).
    PutRule(Box<OwnRule>),
    /// Replace the technique lists.
    PutTechniques(Box<TechniqueLists>),
    /// A self-care plan, diary, library, PIN or lock change.
    SelfCare(SelfCareChange),
    /// Write a record of any synced kind into its kind's object store
    /// (added, for kinds that are never rewritten).
    PutRecord(SyncedRecord),
    /// The same for many records, from their JSON texts as the sync worker
    /// wrote them: an import writes every kind this way, without building
    /// the records.
    PutRecordTexts(RecordTexts),
}

impl Change {
    /// The object stores the change writes to.
    fn stores(&self) -> Vec<&'static str> {
        let of = |kind| kind_store(kind).written_to();
        let one = |store: &'static str| vec![store];
        match self {
            Change::PutClient(_) => of(RecordKind::Client),
            Change::PutClock(_)
            | Change::PutSettings(_)
            | Change::PutSyncLog(_)
            | Change::PutClinic(_)
            | Change::LeaveClinic
            | Change::PutTechniques(_) => one(META),
            Change::PutMeasure(_) => of(RecordKind::Measure),
            Change::PutPlanVersion(_) => of(RecordKind::PlanVersion),
            Change::PutCustomInstrument(_) => one(CUSTOM_INSTRUMENTS),
            Change::PutInstrumentRecord(_) => of(RecordKind::CustomInstrument),
            Change::PutDraft(_) | Change::DeleteDraft(_) => one(DRAFTS),
            Change::PutIntake(_) => of(RecordKind::Intake),
            Change::PutIntakeDraft(_) | Change::DeleteIntakeDraft(_) => one(INTAKE_DRAFTS),
            Change::PutSessionDraft(_) | Change::DeleteSessionDraft(_) => {
                of(RecordKind::SessionDraft)
            }
            Change::PutSignedSession(_) => of(RecordKind::SignedSession),
            Change::PutAmendment { .. } => of(RecordKind::Amendment),
            Change::PutRule(_) => of(RecordKind::CustomRule),
            Change::SelfCare(change) => one(change.store_name()),
            Change::PutRecord(record) => record.store_names(),
            Change::PutRecordTexts(records) => records.kinds().flat_map(of).collect(),
        }
    }
}

/// Why the database could not be used, in words for the therapist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// IndexedDB is missing or refused (private mode, blocked by settings).
    #[error(
        "This browser is not letting Stillpoint keep data on this device ({0}). \
         Private or incognito windows and some privacy settings block it."
    )]
    Unavailable(String),
    /// The device or the browser's share of it is full.
    #[error(
        "The device's storage is full, so nothing was saved. Free some space \
         (old photos, other apps' data), then try again."
    )]
    QuotaExceeded,
    /// A newer build already upgraded the database.
    #[error(
        "A newer version of Stillpoint has already updated the data on this \
         device. Reload the page to start that version."
    )]
    NewerSchema,
    /// Another tab holds an older connection that must close first.
    #[error("Stillpoint is open in another tab with an older version. Close that tab, then reload this one.")]
    Blocked,
    /// Records changed (in another tab) after what is being written was
    /// prepared from them; nothing was written.
    #[error("The records changed on this device (in another tab or window) since this was prepared, so nothing was written.")]
    Changed,
    /// Something else failed; nothing from the action was written.
    #[error("Saving did not work, and nothing was changed ({0}).")]
    Failed(String),
}

impl From<IdbError> for StoreError {
    fn from(error: IdbError) -> Self {
        match &error {
            IdbError::DomException(DomException::Other(exception)) => {
                match exception.name().as_str() {
                    "QuotaExceededError" => Self::QuotaExceeded,
                    "VersionError" => Self::NewerSchema,
                    _ => Self::Failed(error.to_string()),
                }
            }
            _ => Self::Failed(error.to_string()),
        }
    }
}

/// The sync worker's answer could not be read, on its arrival or when a
/// record of it is read to be written (a bug: the page and the worker come
/// from one build); nothing was written.
impl From<MessageError> for StoreError {
    fn from(error: MessageError) -> Self {
        Self::Failed(error.to_string())
    }
}

impl From<OpenDbError> for StoreError {
    fn from(error: OpenDbError) -> Self {
        match error {
            OpenDbError::Base(base) => match Self::from(base) {
                Self::Failed(text) => Self::Unavailable(text),
                other => other,
            },
            other => Self::Unavailable(other.to_string()),
        }
    }
}

/// Reads the records a `getAll` request answered through one JSON text:
/// the browser's `JSON.stringify` of them all, read by serde_json.
/// serde-wasm-bindgen reads a stored object field by field, a call into
/// JavaScript for each, which made reading a thousand clients at start, or
/// a practice's 90,000 records for an import, several times slower
/// (BENCHMARKS.md, issue 14). The stored objects are what
/// serde-wasm-bindgen wrote, which JSON holds exactly: plain objects,
/// arrays, strings, safe integers and finite numbers (`undefined`, which it
/// writes for `None`, is left out by `JSON.stringify` and read back as
/// `None`).
pub(crate) fn read_json<T: serde::de::DeserializeOwned>(
    stored: impl Iterator<Item = indexed_db_futures::Result<JsValue>>,
) -> Result<Vec<T>, StoreError> {
    serde_json::from_slice(json_text(stored)?.as_bytes())
        .map_err(|error| StoreError::Failed(error.to_string()))
}

/// The JSON text of the records a `getAll` request answered, from one
/// `JSON.stringify` of them all.
fn json_text(
    stored: impl Iterator<Item = indexed_db_futures::Result<JsValue>>,
) -> Result<String, StoreError> {
    let records = Array::new();
    for record in stored {
        records.push(&record?);
    }
    stringified(&records)
}

/// `JSON.stringify` of a stored value.
fn stringified(value: &JsValue) -> Result<String, StoreError> {
    JSON::stringify(value)
        .map(String::from)
        .map_err(|_| StoreError::Failed("a stored value could not be read".to_owned()))
}

/// A stored value read back the way [`read_json`] reads records. Every
/// value the app stores goes through serde_json both ways, so each type's
/// serde code is in the app once (serde-wasm-bindgen's would be a second
/// copy of it).
pub(crate) fn from_stored<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, StoreError> {
    serde_json::from_slice(stringified(&value)?.as_bytes())
        .map_err(|error| StoreError::Failed(error.to_string()))
}

/// `value` as the object IndexedDB stores: serde_json's text, made an
/// object by the browser's `JSON.parse` in one call, not field by field.
/// It is the object serde-wasm-bindgen made in earlier builds, but that
/// `None` is stored as `null`, not left undefined; both read back as
/// `None`.
pub(crate) fn to_stored(value: &impl Serialize) -> Result<JsValue, StoreError> {
    parsed(&stored_text(value)?)
}

/// `JSON.parse` of a value's stored text: the object IndexedDB keeps.
fn parsed(text: &str) -> Result<JsValue, StoreError> {
    JSON::parse(text)
        .map_err(|_| StoreError::Failed("a value could not be prepared for storage".to_owned()))
}

/// serde_json's text of `value`, refused if it holds an integer the
/// browser would round: what [`to_stored`] parses, and how the app's own
/// records are written.
fn stored_text(value: &impl Serialize) -> Result<String, StoreError> {
    let text =
        serde_json::to_string(value).map_err(|error| StoreError::Failed(error.to_string()))?;
    checked_text(&text)?;
    Ok(text)
}

/// `text`, unless it holds an integer the browser would round.
fn checked_text(text: &str) -> Result<&str, StoreError> {
    if holds_unsafe_integer(text.as_bytes()) {
        return Err(StoreError::Failed(
            "a number too large for the browser to keep exactly".to_owned(),
        ));
    }
    Ok(text)
}

/// The largest integer a JavaScript number holds exactly (2^53 − 1).
const MAX_SAFE_INTEGER: u128 = (1 << 53) - 1;

/// Whether the JSON `text` holds an integer beyond [`MAX_SAFE_INTEGER`],
/// which `JSON.parse` would silently round: such a value is refused, as
/// serde-wasm-bindgen refused it, rather than stored changed.
fn holds_unsafe_integer(text: &[u8]) -> bool {
    let mut at = 0;
    let mut in_string = false;
    while let Some(&byte) = text.get(at) {
        at += 1;
        match byte {
            b'\\' if in_string => at += 1,
            b'"' => in_string = !in_string,
            b'0'..=b'9' if !in_string => {
                let start = at - 1;
                while text.get(at).is_some_and(u8::is_ascii_digit) {
                    at += 1;
                }
                let digits = std::str::from_utf8(&text[start..at]).unwrap_or_default();
                let too_large = digits
                    .parse::<u128>()
                    .map_or(true, |value| value > MAX_SAFE_INTEGER);
                if matches!(text.get(at), Some(b'.' | b'e' | b'E')) {
                    // A fraction or an exponent: a float, whatever its size.
                    while text
                        .get(at)
                        .is_some_and(|byte| byte.is_ascii_digit() || b".eE+-".contains(byte))
                    {
                        at += 1;
                    }
                } else if too_large {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// An open connection to one Stillpoint database.
pub struct Store {
    db: Database,
}

impl Store {
    /// Opens the app's database at the current schema, upgrading it if
    /// needed. `on_blocked` is called if an older tab holds the database
    /// open: the upgrade waits for it, and the user must be told to close
    /// it rather than wait at a splash forever.
    pub async fn open_default(on_blocked: impl Fn() + 'static) -> Result<Self, StoreError> {
        Self::open_watched(DATABASE_NAME, SCHEMA_VERSION, on_blocked).await
    }

    /// Opens database `name` at `version` (1 ..= [`SCHEMA_VERSION`]),
    /// running the migrations between its stored version and `version`,
    /// then moving records an earlier build kept one per record into
    /// segments (`store/segments.rs`).
    pub async fn open(name: &str, version: u32) -> Result<Self, StoreError> {
        Self::open_watched(name, version, || ()).await
    }

    async fn open_watched(
        name: &str,
        version: u32,
        on_blocked: impl Fn() + 'static,
    ) -> Result<Self, StoreError> {
        let db = Database::open(name)
            .with_version(version)
            .with_on_blocked(move |_| {
                on_blocked();
                Ok(())
            })
            .with_on_upgrade_needed(move |event, db| {
                let from = event.old_version() as usize;
                let to = event.new_version().map_or(version as usize, |v| v as usize);
                MIGRATIONS[from..to]
                    .iter()
                    .try_for_each(|migration| migration(&db))
            })
            .await?;
        let store = Self { db };
        store.move_into_segments().await?;
        Ok(store)
    }

    /// Deletes database `name` entirely (tests start from nothing).
    pub async fn delete_database(name: &str) -> Result<(), StoreError> {
        Database::delete_by_name(name)?.await?;
        Ok(())
    }

    /// The schema version the open database is at.
    pub fn version(&self) -> u32 {
        self.db.version() as u32
    }

    /// Names of the object stores, sorted (for schema tests).
    pub fn store_names(&self) -> Vec<String> {
        self.db.object_store_names().collect()
    }

    /// Whether the open database has the object store `name` (tests open
    /// databases at older versions, which lack later stores).
    fn holds_store(&self, name: &str) -> bool {
        self.db.object_store_names().any(|held| held == name)
    }

    /// Closes the connection so another version can open the database.
    pub fn close(self) {
        self.db.close();
    }

    /// Calls `then` once another tab (a newer build) asks to upgrade the
    /// database or delete it: this connection closes first, so that tab is
    /// not blocked, and this one must reload.
    pub fn on_replaced(&self, then: impl FnOnce() + 'static) -> Result<(), StoreError> {
        let mut changes = self.db.version_changes()?;
        wasm_bindgen_futures::spawn_local(async move {
            if changes.recv().await.is_some() {
                changes.db().clone().close();
                then();
            }
        });
        Ok(())
    }

    /// This device's clock, created with a fresh device id on first use.
    pub async fn device_clock(
        &self,
        environment: &mut impl Environment,
    ) -> Result<HlcClock, StoreError> {
        let tx = self
            .db
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta = tx.object_store(META)?;
        let stored: Option<HlcClock> = meta
            .get(DEVICE_KEY)
            .primitive()?
            .await?
            .map(from_stored)
            .transpose()?;
        let clock = match stored {
            Some(clock) => clock,
            None => {
                let clock = HlcClock::new(DeviceId::new(environment));
                meta.put(to_stored(&clock)?)
                    .with_key(DEVICE_KEY)
                    .with_key_type::<String>()
                    .primitive()?
                    .await?;
                clock
            }
        };
        tx.commit().await?;
        Ok(clock)
    }

    /// Every client record, tombstones included.
    pub async fn clients(&self) -> Result<Vec<Client>, StoreError> {
        self.all(CLIENTS).await
    }

    /// One client's record, if there is one.
    pub async fn client(&self, id: RecordId) -> Result<Option<Client>, StoreError> {
        self.one(CLIENTS, &id.to_string()).await
    }

    /// The device's settings, or the defaults if none were saved.
    pub async fn settings(&self) -> Result<Settings, StoreError> {
        let tx = self.db.transaction(META).build()?;
        let stored: Option<Settings> = tx
            .object_store(META)?
            .get(SETTINGS_KEY)
            .primitive()?
            .await?
            .map(from_stored)
            .transpose()?;
        Ok(stored.unwrap_or_default())
    }

    /// When files last left or reached this device.
    pub async fn sync_log(&self) -> Result<SyncLog, StoreError> {
        Ok(self.meta(SYNC_LOG_KEY).await?.unwrap_or_default())
    }

    /// This device's clinic membership; `None` while clinic sync is off.
    pub async fn clinic(&self) -> Result<Option<ClinicMembership>, StoreError> {
        self.meta(CLINIC_KEY).await
    }

    /// The value kept in `meta` under `key`, if any (this module's and
    /// `store/selfcare.rs`'s).
    async fn meta<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<T>, StoreError> {
        self.one(META, key).await
    }

    /// The value kept in the object store `name` under `key`, if any.
    async fn one<T: serde::de::DeserializeOwned>(
        &self,
        name: &str,
        key: &str,
    ) -> Result<Option<T>, StoreError> {
        let tx = self.db.transaction(name).build()?;
        let stored = tx.object_store(name)?.get(key).primitive()?.await?;
        stored.map(from_stored).transpose()
    }

    /// Every recorded measure, of every client (the practice report).
    pub async fn measures(&self) -> Result<Vec<Measure>, StoreError> {
        self.segmented(MEASURES).await
    }

    /// The measures about `client`: their one segment.
    pub async fn measures_of(&self, client: RecordId) -> Result<Vec<Measure>, StoreError> {
        self.segment_of(MEASURES, client).await
    }

    /// Every version of every client's treatment plan.
    pub async fn plan_versions(&self) -> Result<Vec<PlanVersion>, StoreError> {
        self.all(PLAN_VERSIONS).await
    }

    /// The plan versions of `client`, read through the client index.
    pub async fn plan_versions_of(&self, client: RecordId) -> Result<Vec<PlanVersion>, StoreError> {
        self.of_client(PLAN_VERSIONS, client).await
    }

    /// Every version of the therapist's own instruments.
    pub async fn custom_instruments(&self) -> Result<Vec<Instrument>, StoreError> {
        self.all(CUSTOM_INSTRUMENTS).await
    }

    /// The sync record of each of the therapist's own instruments (those
    /// made before sync existed have none yet).
    pub async fn instrument_records(&self) -> Result<Vec<OwnInstrument>, StoreError> {
        self.all(INSTRUMENT_RECORDS).await
    }

    pub(crate) async fn all<T: serde::de::DeserializeOwned>(
        &self,
        name: &str,
    ) -> Result<Vec<T>, StoreError> {
        let tx = self.db.transaction(name).build()?;
        read_json(tx.object_store(name)?.get_all().primitive()?.await?)
    }

    async fn of_client<T: serde::de::DeserializeOwned>(
        &self,
        name: &str,
        client: RecordId,
    ) -> Result<Vec<T>, StoreError> {
        let tx = self.db.transaction(name).build()?;
        let store = tx.object_store(name)?;
        let index = store.index(OUTCOMES_BY_CLIENT)?;
        read_json(
            index
                .get_all()
                .with_query::<String, _>(KeyRange::Only(client.to_string()))
                .primitive()?
                .await?,
        )
    }

    /// Unsaved form text under `key`, if any.
    pub async fn draft(&self, key: &str) -> Result<Option<Draft>, StoreError> {
        let tx = self.db.transaction(DRAFTS).build()?;
        tx.object_store(DRAFTS)?
            .get(key)
            .primitive()?
            .await?
            .map(from_stored)
            .transpose()
    }

    /// The device clock as stored now: every stamped edit, from any tab,
    /// writes it, so a different value means the records changed.
    pub async fn stored_clock(&self) -> Result<Option<HlcClock>, StoreError> {
        let tx = self.db.transaction(META).build()?;
        tx.object_store(META)?
            .get(DEVICE_KEY)
            .primitive()?
            .await?
            .map(from_stored)
            .transpose()
    }

    /// Writes `changes` in one transaction: all of them, or none if any fails.
    pub async fn apply(&self, changes: &[Change]) -> Result<(), StoreError> {
        self.write(None, changes).await
    }

    /// Like [`Store::apply`], but only if the stored device clock is still
    /// `basis` (checked in the same transaction): nothing was stamped since
    /// `basis` was read, by this tab or another. Otherwise nothing is
    /// written and the answer is [`StoreError::Changed`]. An import is
    /// written this way, so edits made between its preview and "Import"
    /// are merged again rather than overwritten.
    pub async fn apply_unless_changed(
        &self,
        basis: Option<HlcClock>,
        changes: &[Change],
    ) -> Result<(), StoreError> {
        self.write(Some(basis), changes).await
    }

    async fn write(
        &self,
        basis: Option<Option<HlcClock>>,
        changes: &[Change],
    ) -> Result<(), StoreError> {
        // Only the stores the changes touch: a write then never waits for a
        // read of other stores (opening a client reads its records).
        let mut scope: Vec<&str> = Vec::new();
        let checked = basis.is_some().then_some(META);
        for name in changes.iter().flat_map(Change::stores).chain(checked) {
            if !scope.contains(&name) {
                scope.push(name);
            }
        }
        if scope.contains(&CLIENTS) && self.holds_store(CLIENT_LIST) {
            scope.push(CLIENT_LIST);
        }
        let lists_clients = scope.contains(&CLIENT_LIST);
        if scope.is_empty() {
            return Ok(());
        }
        let writes_segments = scope.contains(&SEGMENTS);
        let tx = self
            .db
            .transaction(scope)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        if let Some(basis) = basis {
            let stored: Option<HlcClock> = tx
                .object_store(META)?
                .get(DEVICE_KEY)
                .primitive()?
                .await?
                .map(from_stored)
                .transpose()?;
            if stored != basis {
                tx.abort().await?;
                return Err(StoreError::Changed);
            }
        }
        // Every request is made before any is awaited, as a plain put loop
        // would: awaiting each in turn costs an event-loop round trip per
        // record, which made importing a 20-year practice 3× slower
        // (BENCHMARKS.md). Requests complete in order, so the first failure
        // is still the one reported, and nothing but requests is awaited.
        let mut requests: Vec<VoidRequest> = Vec::with_capacity(changes.len());
        let mut deferred = DeferredWrites::default();
        let imports = changes
            .iter()
            .any(|change| matches!(change, Change::PutRecordTexts(_)));
        let held = (imports && writes_segments)
            .then(|| SegmentWrites::ask_every_held_key(&tx))
            .transpose()?;
        for change in changes {
            request(&tx, change, &mut deferred, &mut requests)?;
        }
        // Records kept in segments are written last, one read and one
        // write per segment; a refusal there (an append-only record written
        // again) is reported after any earlier failure, then undoes all.
        let DeferredWrites { segments, clients } = deferred;
        match segments.write(&tx, held).await {
            Ok(writes) => requests.extend(writes),
            Err(error) => return Err(first_failure(tx, requests, error).await),
        }
        if lists_clients && !clients.is_empty() {
            match client_list::write_list(&tx, clients).await {
                Ok((_, request)) => requests.push(request),
                Err(error) => return Err(first_failure(tx, requests, error).await),
            }
        }
        for request in requests {
            request.await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// The error to report when a write failed with `error` after `requests`
/// were made: the first of theirs if one failed (a later request then
/// failed because the transaction had aborted), else `error`; nothing of
/// the transaction is kept.
async fn first_failure(
    tx: Transaction<'_>,
    requests: Vec<VoidRequest>,
    error: StoreError,
) -> StoreError {
    for request in requests {
        if let Err(earlier) = request.await {
            return earlier.into();
        }
    }
    match tx.abort().await {
        Ok(()) => error,
        Err(aborting) => aborting.into(),
    }
}

/// Makes the requests writing `change` in `tx` (into `requests`), or hands
/// what is written at the end of the action to `deferred` (then there is no
/// request yet).
fn request<'a>(
    tx: &Transaction<'_>,
    change: &'a Change,
    deferred: &mut DeferredWrites<'a>,
    requests: &mut Vec<VoidRequest>,
) -> Result<(), StoreError> {
    let store = |name| tx.object_store(name);
    let put_meta = |key: &str, value: &JsValue| -> Result<VoidRequest, StoreError> {
        Ok(store(META)?
            .put(value)
            .with_key(key)
            .without_key_type()
            .primitive()?)
    };
    let request = match change {
        Change::PutClient(client) => put_record(tx, &**client, deferred)?,
        Change::PutClock(clock) => Some(put_meta(DEVICE_KEY, &to_stored(&clock)?)?),
        Change::PutSettings(settings) => Some(put_meta(SETTINGS_KEY, &to_stored(&settings)?)?),
        Change::PutSyncLog(log) => Some(put_meta(SYNC_LOG_KEY, &to_stored(&log)?)?),
        Change::PutDraft(draft) => Some(store(DRAFTS)?.put(to_stored(&draft)?).primitive()?),
        Change::PutClinic(membership) => Some(put_meta(CLINIC_KEY, &to_stored(&membership)?)?),
        Change::LeaveClinic => Some(store(META)?.delete(CLINIC_KEY).build()?),
        Change::DeleteDraft(key) => Some(store(DRAFTS)?.delete(key.as_str()).build()?),
        Change::PutMeasure(measure) => put_record(tx, &**measure, deferred)?,
        Change::PutPlanVersion(plan) => put_record(tx, &**plan, deferred)?,
        Change::PutCustomInstrument(instrument) => Some(
            store(CUSTOM_INSTRUMENTS)?
                .put(to_stored(&instrument)?)
                .primitive()?,
        ),
        Change::PutInstrumentRecord(record) => put_record(tx, &**record, deferred)?,
        Change::PutIntake(intake) => put_record(tx, &**intake, deferred)?,
        Change::PutIntakeDraft(draft) => {
            Some(store(INTAKE_DRAFTS)?.put(to_stored(&draft)?).primitive()?)
        }
        Change::DeleteIntakeDraft(client) => Some(
            store(INTAKE_DRAFTS)?
                .delete(client.to_string().as_str())
                .build()?,
        ),
        Change::PutSessionDraft(draft) => put_record(tx, &**draft, deferred)?,
        Change::DeleteSessionDraft(id) => Some(
            store(SESSION_DRAFTS)?
                .delete(id.to_string().as_str())
                .build()?,
        ),
        Change::PutSignedSession(session) => put_record(tx, &**session, deferred)?,
        Change::PutAmendment { client, amendment } => {
            let text = stored_text(&**amendment)?.into();
            deferred
                .segments
                .add_placed(RecordKind::Amendment, *client, text)?;
            None
        }
        Change::PutRule(rule) => put_record(tx, &**rule, deferred)?,
        Change::PutTechniques(lists) => Some(put_meta(TECHNIQUES_KEY, &to_stored(&lists)?)?),
        Change::SelfCare(change) => change.write(tx, deferred)?,
        Change::PutRecord(record) => record.write(tx, deferred)?,
        Change::PutRecordTexts(records) => {
            for run in records.runs() {
                let Some(run) = deferred.segments.add_run(run) else {
                    continue;
                };
                for record in run.records() {
                    let record = record?;
                    requests.extend(put_text(tx, record.kind, record.text, deferred)?);
                }
            }
            None
        }
    };
    requests.extend(request);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::holds_unsafe_integer;

    #[test]
    fn integers_javascript_would_round_are_found_outside_strings_only() {
        let cases: [(&str, bool); 7] = [
            (r#"{"at":9007199254740991}"#, false),
            (r#"{"at":9007199254740992}"#, true),
            (r#"{"at":-9007199254740993}"#, true),
            (r#"[18446744073709551615]"#, true),
            (r#"{"n":"18446744073709551615"}"#, false),
            (
                r#"{"n":"a \"18446744073709551615\"","x":1.8446744073709552e19}"#,
                false,
            ),
            (r#"{"x":123456789012345678901.5}"#, false),
        ];
        for (text, unsafe_integer) in cases {
            assert_eq!(
                holds_unsafe_integer(text.as_bytes()),
                unsafe_integer,
                "{text}"
            );
        }
    }
}
