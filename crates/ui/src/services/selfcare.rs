//! The self-care user actions on the therapist's tablet: a client's plans
//! and diaries, the plan form's draft, the library, the PIN and the locked
//! client view. Each asks core to validate (and stamp), then writes one
//! transaction.

use stillpoint_core::base::environment::Environment;
use stillpoint_core::base::ids::RecordId;
use stillpoint_core::outcomes::plan::PlanVersion;
use stillpoint_core::selfcare::care_item::{CareItemError, CareItemField, CareItemInput};
use stillpoint_core::selfcare::care_plan::{
    CarePlanError, CarePlanInput, CarePlanPart, CarePlanVersion, NewVersion,
};

use stillpoint_core::selfcare::library::{LibraryItem, LibraryKey, LibraryValue};
use stillpoint_core::selfcare::pin::{
    DerivationInput, Pin, PinError, PinHash, PinLock, RecoveryPhrase, TryOutcome,
};

use super::Services;
use crate::platform;
use crate::refusal::Refusal;
use crate::selfcare::{CareRecords, SelfCareStatus};
use crate::store::{Change, Secret, SelfCareChange, StoreError};

fn selfcare(change: SelfCareChange) -> Change {
    Change::SelfCare(change)
}

impl Services {
    /// The library, the PIN's presence and the lock, read at start.
    pub async fn selfcare_status(&self) -> Result<SelfCareStatus, StoreError> {
        Ok(SelfCareStatus {
            library: self.store.care_library().await?,
            pin_set: self.store.pin().await?.is_some(),
            client_view: self.store.client_view().await?,
        })
    }

    /// `client`'s self-care plans and diaries.
    pub async fn care_records(&self, client: RecordId) -> Result<CareRecords, StoreError> {
        Ok(CareRecords {
            client,
            plans: self.store.care_plans_of(client).await?,
            diaries: self.store.diaries_of(client).await?,
        })
    }

    /// Saves `input` as `client`'s new self-care plan, replacing `current`
    /// (which stays in the history), with goals checked against the
    /// client's current treatment plan; the form's draft goes in the same
    /// transaction. Nothing is written if core refuses the form.
    pub async fn save_care_plan(
        &self,
        client: RecordId,
        current: Option<&CarePlanVersion>,
        treatment_plan: Option<&PlanVersion>,
        input: &CarePlanInput,
    ) -> Result<CarePlanVersion, Refusal<Vec<(CarePlanPart, CarePlanError)>>> {
        let (stamp, clock) = self.stamp();
        let id = RecordId::new(&mut *self.environment.borrow_mut());
        let made = NewVersion {
            id,
            client,
            previous: current.map(CarePlanVersion::id),
            stamp,
            written: self.today(),
        };
        let plan = input
            .validate(made, treatment_plan)
            .map_err(Refusal::Invalid)?;
        self.store
            .apply(&[
                selfcare(SelfCareChange::PutCarePlan(Box::new(plan.clone()))),
                selfcare(SelfCareChange::DeleteCarePlanDraft(client)),
                Change::PutClock(clock),
            ])
            .await?;
        Ok(plan)
    }

    /// The plan form typed for `client` and not saved, if any.
    pub async fn care_plan_draft(
        &self,
        client: RecordId,
    ) -> Result<Option<CarePlanInput>, StoreError> {
        self.store.care_plan_draft(client).await
    }

    /// Keeps the plan form typed for `client`, so a reload loses nothing.
    pub async fn save_care_plan_draft(
        &self,
        client: RecordId,
        input: &CarePlanInput,
    ) -> Result<(), StoreError> {
        self.store
            .apply(&[selfcare(SelfCareChange::PutCarePlanDraft(
                client,
                Box::new(input.clone()),
            ))])
            .await
    }

    /// Forgets the plan form typed for `client`.
    pub async fn discard_care_plan_draft(&self, client: RecordId) -> Result<(), StoreError> {
        self.store
            .apply(&[selfcare(SelfCareChange::DeleteCarePlanDraft(client))])
            .await
    }

    /// Saves the library item form: a new item of the therapist's own
    /// (`key` is `None`), an edit of their own item, or their version of a
    /// built-in item (kept beside the built-in text, which stays
    /// restorable). `records` are the library records held now.
    pub async fn save_library_item(
        &self,
        records: &[LibraryItem],
        key: Option<&LibraryKey>,
        input: &CareItemInput,
    ) -> Result<LibraryItem, Refusal<Vec<(CareItemField, CareItemError)>>> {
        let item = input.validate().map_err(Refusal::Invalid)?;
        let (stamp, clock) = self.stamp();
        // A removed record stays removed: editing a built-in item again
        // after restoring it makes a new record.
        let existing =
            records
                .iter()
                .filter(|record| !record.is_removed())
                .find(|record| match key {
                    Some(LibraryKey::Own(id)) => record.id() == *id,
                    Some(LibraryKey::Builtin(name)) => {
                        record.value().replaces.as_deref() == Some(name.as_str())
                    }
                    None => false,
                });
        let replaces = match key {
            Some(LibraryKey::Builtin(name)) => Some(name.clone()),
            _ => None,
        };
        let value = LibraryValue { replaces, item };
        let record = match existing {
            Some(record) => {
                let mut edited = record.clone();
                edited.edit(value, stamp);
                edited
            }
            None => {
                let id = RecordId::new(&mut *self.environment.borrow_mut());
                LibraryItem::create(id, value, stamp)
            }
        };
        self.store
            .apply(&[
                selfcare(SelfCareChange::PutLibraryItem(Box::new(record.clone()))),
                Change::PutClock(clock),
            ])
            .await?;
        Ok(record)
    }

    /// Removes the therapist's own item `key`, or every edit of the
    /// built-in item `key` (restoring its built-in text). Removals are
    /// stamped so an older copy cannot bring the item back.
    pub async fn remove_library_item(
        &self,
        records: &[LibraryItem],
        key: &LibraryKey,
    ) -> Result<Vec<LibraryItem>, StoreError> {
        let (stamp, clock) = self.stamp();
        let removed: Vec<LibraryItem> = records
            .iter()
            .filter(|record| !record.is_removed())
            .filter(|record| match key {
                LibraryKey::Own(id) => record.id() == *id,
                LibraryKey::Builtin(name) => {
                    record.value().replaces.as_deref() == Some(name.as_str())
                }
            })
            .map(|record| {
                let mut removed = record.clone();
                removed.remove(stamp);
                removed
            })
            .collect();
        let mut writes: Vec<Change> = removed
            .iter()
            .map(|record| selfcare(SelfCareChange::PutLibraryItem(Box::new(record.clone()))))
            .collect();
        writes.push(Change::PutClock(clock));
        self.store.apply(&writes).await?;
        Ok(removed)
    }

    /// Sets the PIN typed twice, with a new recovery phrase for a forgotten
    /// PIN: both kept only as salted PBKDF2 hashes (salts from the
    /// browser's randomness, keys derived by `crypto.subtle`), and any
    /// count of wrong tries starts again. Returns the phrase, to show once.
    pub async fn set_pin(
        &self,
        pin: &str,
        again: &str,
    ) -> Result<RecoveryPhrase, Refusal<Vec<PinError>>> {
        let pin = Pin::new(pin, again).map_err(|error| Refusal::Invalid(vec![error]))?;
        let phrase = RecoveryPhrase::new(&mut *self.environment.borrow_mut());
        let salt = self.environment.borrow_mut().random_bytes();
        let pin_hash = hash_of(PinHash::derivation_for_new(&pin, salt)).await?;
        let salt = self.environment.borrow_mut().random_bytes();
        let recovery_hash = hash_of(PinHash::derivation_for_recovery(&phrase, salt)).await?;
        self.store
            .apply(&[
                selfcare(SelfCareChange::PutPin(Box::new(pin_hash))),
                selfcare(SelfCareChange::PutPinRecovery(Box::new(recovery_hash))),
                selfcare(SelfCareChange::PutPinLock(PinLock::default())),
            ])
            .await?;
        Ok(phrase)
    }

    /// Locks the tablet to `client`'s view until the PIN is given.
    /// Refused (nothing written) while no PIN is set.
    pub async fn hand_to_client(&self, client: RecordId) -> Result<(), Refusal> {
        let pin = self.store.pin().await?;
        if pin.is_none() {
            return Err(Refusal::Refused(
                "Set a PIN in Settings first, so only you can unlock the tablet.".into(),
            ));
        }
        self.store
            .apply(&[selfcare(SelfCareChange::PutClientView(Some(client)))])
            .await?;
        crate::lock_channel::announce_lock();
        Ok(())
    }

    /// The client the tablet is locked to now, as stored (another tab may
    /// have locked it since this one started).
    pub async fn locked_to(&self) -> Result<Option<RecordId>, StoreError> {
        self.store.client_view().await
    }

    /// Seconds still to wait before the PIN can be tried again, if any:
    /// read from the store, so a reload does not end the wait.
    pub async fn pin_wait(&self) -> Result<Option<u64>, StoreError> {
        Ok(self.store.pin_lock().await?.waiting(self.now_millis()))
    }

    /// Tries `attempt` as the PIN or the recovery phrase. The try is
    /// counted (and stored) before it is checked, so neither a reload nor
    /// a second tab gets more tries; the right answer clears the count and
    /// unlocks the tablet in one transaction.
    pub async fn try_unlock(&self, secret: Secret, attempt: &str) -> Result<TryOutcome, Refusal> {
        let charged = self.store.charge_pin_try(secret, self.now_millis()).await?;
        let (hash, charged) = match (charged, secret) {
            (Some(charged), _) => charged,
            (None, Secret::RecoveryPhrase) => {
                return Err(Refusal::Refused(
                    "No recovery phrase was made with this PIN (PINs set before \
                            December 2026 have none). See \"If you forget the PIN\" in Settings."
                        .into(),
                ))
            }
            (None, Secret::Pin) => {
                // A lock without a PIN cannot be left any other way; it
                // cannot be made through the app (see `hand_to_client`).
                self.store
                    .apply(&[selfcare(SelfCareChange::PutClientView(None))])
                    .await?;
                return Ok(TryOutcome::Unlocked);
            }
        };
        let if_wrong = match charged {
            Ok(if_wrong) => if_wrong,
            Err(seconds) => return Ok(TryOutcome::Wait { seconds }),
        };
        let typed = match secret {
            Secret::Pin => attempt.trim().to_owned(),
            Secret::RecoveryPhrase => RecoveryPhrase::normalize(attempt),
        };
        let derived = platform::derive_pin_key(hash.derivation_input(&typed))
            .await
            .map_err(Refusal::Refused)?;
        if !hash.matches_derived(&derived) {
            return Ok(if_wrong);
        }
        self.store
            .apply(&[
                selfcare(SelfCareChange::PutPinLock(PinLock::default())),
                selfcare(SelfCareChange::PutClientView(None)),
            ])
            .await?;
        Ok(TryOutcome::Unlocked)
    }
}

/// The stored hash of what `input` describes, derived by the browser.
async fn hash_of(input: DerivationInput<'_>) -> Result<PinHash, Refusal<Vec<PinError>>> {
    let derived = platform::derive_pin_key(input)
        .await
        .map_err(|reason| Refusal::Store(StoreError::Failed(reason)))?;
    Ok(PinHash::from_derived(input, derived))
}
