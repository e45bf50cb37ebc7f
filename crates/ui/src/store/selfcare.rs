//! The self-care object stores (schema version 5): clients' self-care plan
//! versions and diaries, the therapist's own library items, and small
//! records in `meta` for the PIN, the locked client view and the device's
//! mode (therapist's tablet or client's phone).
//!
//! The lock lives in the database, not in memory or the URL, so reloading,
//! the back button or typing another address finds the view still locked.

use indexed_db_futures::database::Database;
use indexed_db_futures::future::VoidRequest;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::KeyPath;
use serde::{Deserialize, Serialize};
use stillpoint_core::base::ids::RecordId;
use stillpoint_core::selfcare::care_file::PlanFile;
use stillpoint_core::selfcare::care_plan::{CarePlanInput, CarePlanVersion};
use stillpoint_core::selfcare::diary::Diary;
use stillpoint_core::selfcare::library::LibraryItem;
use stillpoint_core::selfcare::pin::{PinHash, PinLock, TryOutcome};

use super::clinical::find;
use super::synced::{kind_store, put_record, DeferredWrites};
use super::{from_stored, to_stored, Store, StoreError, BY_CLIENT, META};
use stillpoint_core::sync::dataset::RecordKind;

pub(super) const CARE_PLANS: &str = "care_plans";
pub(super) const DIARIES: &str = "diaries";
pub(super) const CARE_LIBRARY: &str = "care_library";
const PIN_KEY: &str = "pin";
const PIN_LOCK_KEY: &str = "pin-lock";
const PIN_RECOVERY_KEY: &str = "pin-recovery";
const CLIENT_VIEW_KEY: &str = "client-view";
const MODE_KEY: &str = "mode";
const OWN_PLAN_KEY: &str = "own-plan";

/// The `meta` key of the plan form typed for `client` and not saved.
fn care_plan_draft_key(client: RecordId) -> String {
    format!("care-plan-draft:{client}")
}

/// Version 5: self-care plans and diaries keyed by id and indexed by
/// client; the therapist's library items keyed by id.
pub(super) fn add_selfcare(db: &Database) -> indexed_db_futures::Result<()> {
    for name in [CARE_PLANS, DIARIES] {
        db.create_object_store(name)
            .with_key_path("id".into())
            .build()?
            .create_index(BY_CLIENT, KeyPath::One("client"))
            .build()?;
    }
    db.create_object_store(CARE_LIBRARY)
        .with_key_path("id".into())
        .build()?;
    Ok(())
}

/// What is typed to unlock the client view.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Secret {
    /// The PIN.
    Pin,
    /// The recovery phrase made with the PIN, for a forgotten PIN.
    RecoveryPhrase,
}

/// What this device is: the therapist's, or a client's phone holding
/// their own plan. Chosen once; a client's phone never shows practice data.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceMode {
    /// The therapist's device (the default).
    #[default]
    Therapist,
    /// A client's own device in client mode.
    Client,
}

/// One write of the self-care part of a user action.
#[derive(Clone, Debug)]
pub enum SelfCareChange {
    /// Add a version of a client's self-care plan.
    PutCarePlan(Box<CarePlanVersion>),
    /// Insert or replace a diary (merged by the caller).
    PutDiary(Box<Diary>),
    /// Insert or replace one of the therapist's library items.
    PutLibraryItem(Box<LibraryItem>),
    /// Set the therapist's PIN.
    PutPin(Box<PinHash>),
    /// Set the hash of the recovery phrase made with the PIN.
    PutPinRecovery(Box<PinHash>),
    /// Keep the count of wrong PIN tries.
    PutPinLock(PinLock),
    /// Lock the device to this client's view, or unlock it (`None`).
    PutClientView(Option<RecordId>),
    /// Set what this device is.
    PutMode(DeviceMode),
    /// Keep the plan file a client opened in client mode.
    PutOwnPlan(Box<PlanFile>),
    /// Keep the self-care plan form typed for a client and not saved.
    PutCarePlanDraft(RecordId, Box<CarePlanInput>),
    /// Forget that form (saved or discarded).
    DeleteCarePlanDraft(RecordId),
    /// Forget the client's plan file (leaving client mode).
    DeleteOwnPlan,
    /// Remove a diary (a client's phone leaving client mode; a therapist's
    /// diaries are never removed).
    DeleteDiary(RecordId),
}

impl SelfCareChange {
    /// The object store the change writes to.
    pub(super) fn store_name(&self) -> &'static str {
        match self {
            Self::PutCarePlan(_) => kind_store(RecordKind::CarePlan).name,
            Self::PutDiary(_) | Self::DeleteDiary(_) => kind_store(RecordKind::Diary).name,
            Self::PutLibraryItem(_) => kind_store(RecordKind::CareLibraryItem).name,
            Self::PutPin(_)
            | Self::PutPinRecovery(_)
            | Self::PutPinLock(_)
            | Self::PutClientView(_)
            | Self::PutMode(_)
            | Self::PutOwnPlan(_)
            | Self::PutCarePlanDraft(..)
            | Self::DeleteCarePlanDraft(_)
            | Self::DeleteOwnPlan => META,
        }
    }

    /// Makes the change's request inside the action's transaction;
    /// [`Store::apply`] awaits it with the action's other requests.
    pub(super) fn write(
        &self,
        tx: &Transaction<'_>,
        deferred: &mut DeferredWrites,
    ) -> Result<Option<VoidRequest>, StoreError> {
        let store = |name| tx.object_store(name);
        Ok(Some(match self {
            Self::PutCarePlan(plan) => return put_record(tx, &**plan, deferred),
            Self::PutDiary(diary) => return put_record(tx, &**diary, deferred),
            Self::PutLibraryItem(item) => return put_record(tx, &**item, deferred),
            Self::PutPin(hash) => put_meta(tx, PIN_KEY, hash)?,
            Self::PutPinRecovery(hash) => put_meta(tx, PIN_RECOVERY_KEY, hash)?,
            Self::PutPinLock(lock) => put_meta(tx, PIN_LOCK_KEY, lock)?,
            Self::PutClientView(client) => put_meta(tx, CLIENT_VIEW_KEY, client)?,
            Self::PutMode(mode) => put_meta(tx, MODE_KEY, mode)?,
            Self::PutOwnPlan(file) => put_meta(tx, OWN_PLAN_KEY, file)?,
            Self::PutCarePlanDraft(client, input) => {
                put_meta(tx, &care_plan_draft_key(*client), input)?
            }
            Self::DeleteCarePlanDraft(client) => tx
                .object_store(META)?
                .delete(care_plan_draft_key(*client).as_str())
                .build()?,
            Self::DeleteOwnPlan => tx.object_store(META)?.delete(OWN_PLAN_KEY).build()?,
            Self::DeleteDiary(id) => store(DIARIES)?.delete(id.to_string().as_str()).build()?,
        }))
    }
}

fn put_meta<T: Serialize>(
    tx: &Transaction<'_>,
    key: &str,
    value: &T,
) -> Result<VoidRequest, StoreError> {
    Ok(tx
        .object_store(META)?
        .put(to_stored(value)?)
        .with_key(key.to_owned())
        .without_key_type()
        .primitive()?)
}

impl Store {
    /// Every self-care plan version of `client`.
    pub async fn care_plans_of(
        &self,
        client: RecordId,
    ) -> Result<Vec<CarePlanVersion>, StoreError> {
        let tx = self.db.transaction(CARE_PLANS).build()?;
        find(&tx, CARE_PLANS, BY_CLIENT, &client.to_string()).await
    }

    /// Every diary of `client` (one per plan and phone).
    pub async fn diaries_of(&self, client: RecordId) -> Result<Vec<Diary>, StoreError> {
        let tx = self.db.transaction(DIARIES).build()?;
        find(&tx, DIARIES, BY_CLIENT, &client.to_string()).await
    }

    /// The diary with `id`, if held.
    pub async fn diary(&self, id: RecordId) -> Result<Option<Diary>, StoreError> {
        let tx = self.db.transaction(DIARIES).build()?;
        tx.object_store(DIARIES)?
            .get(id.to_string())
            .primitive()?
            .await?
            .map(from_stored)
            .transpose()
    }

    /// The therapist's library items, removed ones included.
    pub async fn care_library(&self) -> Result<Vec<LibraryItem>, StoreError> {
        self.all(CARE_LIBRARY).await
    }

    /// The PIN's hash, if a PIN is set.
    pub async fn pin(&self) -> Result<Option<PinHash>, StoreError> {
        self.meta(PIN_KEY).await
    }

    /// Wrong PIN tries so far.
    pub async fn pin_lock(&self) -> Result<PinLock, StoreError> {
        Ok(self.meta(PIN_LOCK_KEY).await?.unwrap_or_default())
    }

    /// Counts a try at the PIN (or the recovery phrase) at `now_millis`
    /// before it is checked: the lock is read, charged and written back in
    /// one transaction, so tabs guessing at once each use up a try. Returns
    /// the secret's hash and what a wrong answer comes to, or `Err` with the
    /// seconds still to wait (nothing counted). `None` when that secret is
    /// not set.
    pub async fn charge_pin_try(
        &self,
        secret: Secret,
        now_millis: u64,
    ) -> Result<Option<(PinHash, Result<TryOutcome, u64>)>, StoreError> {
        let tx = self
            .db
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta = tx.object_store(META)?;
        let key = match secret {
            Secret::Pin => PIN_KEY,
            Secret::RecoveryPhrase => PIN_RECOVERY_KEY,
        };
        let Some(hash) = meta
            .get(key)
            .primitive()?
            .await?
            .map(from_stored::<PinHash>)
            .transpose()?
        else {
            return Ok(None);
        };
        let mut lock: PinLock = meta
            .get(PIN_LOCK_KEY)
            .primitive()?
            .await?
            .map(from_stored)
            .transpose()?
            .unwrap_or_default();
        let charged = lock.charge(now_millis);
        if charged.is_ok() {
            put_meta(&tx, PIN_LOCK_KEY, &lock)?.await?;
        }
        tx.commit().await?;
        Ok(Some((hash, charged)))
    }

    /// The client whose view the device is locked to, if locked.
    pub async fn client_view(&self) -> Result<Option<RecordId>, StoreError> {
        Ok(self
            .meta::<Option<RecordId>>(CLIENT_VIEW_KEY)
            .await?
            .flatten())
    }

    /// What this device is.
    pub async fn mode(&self) -> Result<DeviceMode, StoreError> {
        Ok(self.meta(MODE_KEY).await?.unwrap_or_default())
    }

    /// The plan a client opened on their phone, in client mode.
    pub async fn own_plan(&self) -> Result<Option<PlanFile>, StoreError> {
        self.meta(OWN_PLAN_KEY).await
    }

    /// The self-care plan form typed for `client` and not saved, if any.
    pub async fn care_plan_draft(
        &self,
        client: RecordId,
    ) -> Result<Option<CarePlanInput>, StoreError> {
        self.meta(&care_plan_draft_key(client)).await
    }
}
