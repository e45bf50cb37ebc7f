//! The edge where user actions become database writes.
//!
//! Each function here is one user action: it asks the core to validate and
//! stamp, then hands the store one list of changes to write in a single
//! transaction. Components call these and dispatch what comes back; they
//! never validate, stamp or write themselves.

use std::cell::RefCell;

use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::base::environment::Environment;
use stillpoint_core::base::hlc::{Hlc, HlcClock};
use stillpoint_core::base::ids::{DeviceId, RecordId};
use stillpoint_core::clients::client::{Client, ClientField, ClientFieldError, ClientInput};
use stillpoint_core::clients::client_sync::TextField;
use stillpoint_core::clients::summary::ClientSummary;
use stillpoint_core::merge::version_vector::VersionVector;
use stillpoint_core::outcomes::custom_instrument::{
    CustomField, CustomInstrumentError, CustomInstrumentInput, OwnInstrument,
};
use stillpoint_core::outcomes::instrument::Instrument;
use stillpoint_core::outcomes::measure::{Measure, MeasureError, MeasureInput};
use stillpoint_core::outcomes::plan::{PlanError, PlanField, PlanInput, PlanVersion};
use stillpoint_core::sync::device_name::{DeviceName, DeviceNameError};
use stillpoint_core::sync::import::ImportOptions;
use stillpoint_core::sync::parse::{declared_checksum, DECLARED_CHECKSUM_BYTES};
use stillpoint_core::sync::sync_job::{PreparedChanges, RecordTexts, SyncJob};

use crate::platform::{self, BrowserEnvironment};
use crate::refusal::Refusal;
pub use clinical::{SessionProblems, SignProblem};

mod clinical;
mod selfcare;
mod selfcare_client;
use crate::state::{Imported, Outcomes};
use crate::store::{
    Change, ClinicMembership, Draft, Settings, Store, StoreError, SyncLog, SyncedRecord,
};

/// Problems with the client form's fields, in form order.
pub type ClientProblems = Vec<(ClientField, ClientFieldError)>;

/// The open store plus the device clock and environment that stamp writes.
pub struct Services {
    store: Store,
    clock: RefCell<HlcClock>,
    environment: RefCell<BrowserEnvironment>,
}

/// The draft key of the new-client form.
pub const NEW_CLIENT_DRAFT: &str = "client:new";

/// The draft key of the edit form for one client.
pub fn edit_client_draft(id: RecordId) -> String {
    format!("client:{id}")
}

impl Services {
    /// Opens the database and this device's clock.
    pub async fn start(
        on_blocked: impl Fn() + 'static,
    ) -> Result<(Self, Vec<ClientSummary>, Settings), StoreError> {
        let store = Store::open_default(on_blocked).await?;
        let mut environment = BrowserEnvironment;
        let clock = store.device_clock(&mut environment).await?;
        let clients = store.client_summaries().await?;
        let mut settings = store.settings().await?;
        // Browsers often say no before the app is installed: asked again
        // at every start of the installed app while not granted (and after
        // each export), never in a plain tab more than once, where some
        // browsers ask the user each time.
        if !settings.persistence_requested || platform::installed() {
            platform::keep_storage();
        }
        if !settings.persistence_requested {
            settings.persistence_requested = true;
            store
                .apply(&[Change::PutSettings(settings.clone())])
                .await?;
        }
        let services = Self {
            store,
            clock: RefCell::new(clock),
            environment: RefCell::new(environment),
        };
        services.name_new_device().await?;
        Ok((services, clients, settings))
    }

    /// Gives a device that has no name yet the one its platform suggests
    /// ("iPad"), so other devices read a name from its first export on;
    /// Settings changes it.
    async fn name_new_device(&self) -> Result<(), StoreError> {
        let device = self.this_device();
        let names = self.store.device_names().await?;
        if names.iter().any(|named| named.device() == device) {
            return Ok(());
        }
        let (stamp, clock) = self.stamp();
        let named = DeviceName::new(device, &platform::default_device_name(), stamp)
            .expect("the platform's names are tidy");
        self.store
            .apply(&[
                Change::PutRecord(SyncedRecord::new(named)),
                Change::PutClock(clock),
            ])
            .await
    }

    /// This device's id, as its stamps and the sync log name it.
    pub fn this_device(&self) -> DeviceId {
        self.clock.borrow().device()
    }

    /// What every device this one has heard of is called, this one
    /// included.
    pub async fn device_names(&self) -> Result<Vec<DeviceName>, StoreError> {
        self.store.device_names().await
    }

    /// Renames this device (Settings): a stamped record that travels in
    /// every export, so other devices show the new name once they import.
    pub async fn name_this_device(
        &self,
        text: &str,
    ) -> Result<DeviceName, Refusal<DeviceNameError>> {
        let device = self.this_device();
        let held = self
            .store
            .device_names()
            .await?
            .into_iter()
            .find(|named| named.device() == device);
        let (stamp, clock) = self.stamp();
        let named = match held {
            Some(held) => held.renamed(text, stamp),
            None => DeviceName::new(device, text, stamp),
        }
        .map_err(Refusal::Invalid)?;
        self.store
            .apply(&[
                Change::PutRecord(SyncedRecord::new(named.clone())),
                Change::PutClock(clock),
            ])
            .await?;
        Ok(named)
    }

    /// A passphrase to suggest for an export: ten random words (core's
    /// word list, the browser's randomness).
    pub fn suggest_passphrase(&self) -> String {
        stillpoint_core::base::passphrase::suggest_passphrase(&mut *self.environment.borrow_mut())
    }

    /// Calls `then` once a newer build in another tab needs the database:
    /// this tab lets go of it and must be reloaded.
    pub fn on_replaced(&self, then: impl FnOnce() + 'static) -> Result<(), StoreError> {
        self.store.on_replaced(then)
    }

    /// The device's local calendar day, for date validation.
    pub fn today(&self) -> CalendarDate {
        self.environment.borrow().today()
    }

    fn stamp(&self) -> (Hlc, HlcClock) {
        let now = self.environment.borrow().now_millis();
        let mut clock = self.clock.borrow_mut();
        let stamp = clock.tick(now);
        (stamp, *clock)
    }

    async fn store_client(
        &self,
        client: Client,
        clock: HlcClock,
        draft: Option<String>,
    ) -> Result<Client, StoreError> {
        let mut changes = vec![
            Change::PutClient(Box::new(client.clone())),
            Change::PutClock(clock),
        ];
        changes.extend(draft.map(Change::DeleteDraft));
        self.store.apply(&changes).await?;
        Ok(client)
    }

    /// Creates a client from the new-client form and clears its draft.
    pub async fn create_client(
        &self,
        input: &ClientInput,
    ) -> Result<Client, Refusal<ClientProblems>> {
        let fields = input.validate(self.today()).map_err(Refusal::Invalid)?;
        let id = RecordId::new(&mut *self.environment.borrow_mut());
        let (stamp, clock) = self.stamp();
        let client = Client::create(id, fields, stamp);
        Ok(self
            .store_client(client, clock, Some(NEW_CLIENT_DRAFT.to_owned()))
            .await?)
    }

    /// Saves an edit of `client` and clears the edit form's draft.
    pub async fn edit_client(
        &self,
        client: &Client,
        input: &ClientInput,
    ) -> Result<Client, Refusal<ClientProblems>> {
        let fields = input.validate(self.today()).map_err(Refusal::Invalid)?;
        let (stamp, clock) = self.stamp();
        let mut edited = client.clone();
        edited.edit(fields, stamp);
        Ok(self
            .store_client(edited, clock, Some(edit_client_draft(client.id())))
            .await?)
    }

    /// One client's record, read when it is opened (start reads only the
    /// summaries).
    pub async fn client(&self, id: RecordId) -> Result<Option<Client>, StoreError> {
        self.store.client(id).await
    }

    /// Deletes `client`, keeping a tombstone.
    pub async fn delete_client(&self, client: &Client) -> Result<Client, StoreError> {
        let (stamp, clock) = self.stamp();
        let mut deleted = client.clone();
        deleted.delete(stamp);
        self.store_client(deleted, clock, None).await
    }

    /// Undoes the deletion of `client`.
    pub async fn restore_client(&self, client: &Client) -> Result<Client, StoreError> {
        let (stamp, clock) = self.stamp();
        let mut restored = client.clone();
        restored.restore(stamp);
        self.store_client(restored, clock, None).await
    }

    /// Settles a text field with concurrent versions on `chosen`.
    pub async fn resolve_conflict(
        &self,
        client: &Client,
        field: TextField,
        chosen: &str,
    ) -> Result<Client, Refusal<ClientProblems>> {
        let (stamp, clock) = self.stamp();
        let mut resolved = client.clone();
        resolved
            .resolve(field, chosen, stamp)
            .map_err(|error| Refusal::Refused(error.to_string()))?;
        Ok(self.store_client(resolved, clock, None).await?)
    }

    /// An export of this device's records for the sync worker: everything,
    /// or only what `for_device` lacks when the sync log knows what it
    /// holds.
    pub async fn export_job(
        &self,
        passphrase: Option<String>,
        for_device: Option<DeviceId>,
    ) -> Result<SyncJob, StoreError> {
        let log = self.store.sync_log().await?;
        Ok(SyncJob::Export {
            records: self.store.local_records().await?,
            since: log.send_since(for_device),
            high_water: self.clock.borrow().last(),
            passphrase,
        })
    }

    /// An import of a file (sent beside the job) for the sync worker.
    /// The import job for the worker, and the stored clock the records
    /// were read at: [`Services::apply_import`] writes only if it is still
    /// the stored one.
    pub async fn import_job(
        &self,
        passphrase: Option<String>,
        options: ImportOptions,
    ) -> Result<(SyncJob, Option<HlcClock>), StoreError> {
        let basis = self.store.stored_clock().await?;
        let job = SyncJob::Import {
            records: self.store.local_records().await?,
            passphrase,
            now_millis: self.environment.borrow().now_millis(),
            options,
        };
        Ok((job, basis))
    }

    /// When the records of the plain export `file` were imported here, if
    /// they were: they then hold nothing new (merging only joins), which is
    /// known from the file's first bytes, without reading this device's
    /// records or the rest of the file. `None` for any other file,
    /// including an encrypted one, which must be opened to be known, and
    /// one that cannot be read (the full path then says why).
    pub async fn imported_before(&self, file: &web_sys::Blob) -> Result<Option<u64>, StoreError> {
        let Ok(start) = platform::read_file_start(file, DECLARED_CHECKSUM_BYTES).await else {
            return Ok(None);
        };
        let Some(checksum) = declared_checksum(&start) else {
            return Ok(None);
        };
        Ok(self.store.sync_log().await?.imported_file(checksum))
    }

    /// When files last left or reached this device.
    pub async fn sync_log(&self) -> Result<SyncLog, StoreError> {
        self.store.sync_log().await
    }

    /// Notes that an export was saved: for `for_device`, which holds
    /// `mark` once it imports the file, or for anyone (a full export).
    pub async fn record_export(
        &self,
        sealed: bool,
        for_device: Option<DeviceId>,
        mark: &VersionVector,
    ) -> Result<SyncLog, StoreError> {
        let log =
            self.store
                .sync_log()
                .await?
                .with_export(for_device, mark, sealed, self.now_millis());
        self.store.apply(&[Change::PutSyncLog(log.clone())]).await?;
        // A therapist who backs up cares for the data: a good moment to
        // ask again that the browser keep it.
        platform::keep_storage();
        Ok(log)
    }

    /// Writes a checked import in one transaction: every changed client,
    /// the clock (which now sorts after the file's stamps) and the log —
    /// only if nothing was stamped since `basis` (the stored clock the
    /// import was prepared at); otherwise [`StoreError::Changed`] and the
    /// caller prepares it again from the records as they are now.
    pub async fn apply_import(
        &self,
        changes: &PreparedChanges,
        basis: Option<HlcClock>,
    ) -> Result<SyncLog, Refusal> {
        let now = self.environment.borrow().now_millis();
        let (mut writes, clock) = self.import_writes(changes, basis)?;
        let mut log = self.store.sync_log().await?.after_import(
            clock.device(),
            changes.from_device,
            &changes.sender_holds,
            now,
        );
        if let Some(checksum) = &changes.checksum {
            log = log.with_imported_file(checksum, now);
        }
        writes.push(Change::PutSyncLog(log.clone()));
        self.store.apply_unless_changed(basis, &writes).await?;
        *self.clock.borrow_mut() = clock;
        Ok(log)
    }

    /// The writes of a checked import or clinic pull, the clock among
    /// them, and that clock: it sorts after the stamps brought and after
    /// whatever another tab stamped since `basis`.
    fn import_writes(
        &self,
        changes: &PreparedChanges,
        basis: Option<HlcClock>,
    ) -> Result<(Vec<Change>, HlcClock), StoreError> {
        let mut clock = *self.clock.borrow();
        if let Some(stored) = basis {
            // Another tab may have stamped edits since this one started.
            clock.advance(stored.last());
        }
        clock.advance(changes.newest_stamp);
        let mut writes = vec![Change::PutRecordTexts(changes.records.clone())];
        // A note signed on the other device replaces the draft kept here.
        writes.extend(
            changes
                .drafts_to_remove
                .iter()
                .copied()
                .map(Change::DeleteSessionDraft),
        );
        // Every version seen is kept for the charts of older scores.
        let instruments = changes.records.read::<OwnInstrument>()?;
        writes.extend(
            instruments
                .into_iter()
                .map(|record| Change::PutCustomInstrument(Box::new(record.value().clone()))),
        );
        writes.push(Change::PutClock(clock));
        Ok((writes, clock))
    }

    /// This device's clinic membership; `None` while clinic sync is off.
    pub async fn clinic(&self) -> Result<Option<ClinicMembership>, StoreError> {
        self.store.clinic().await
    }

    /// Stores this device's clinic membership (joined, or a sync's
    /// progress), or forgets it (`None`: leaving; the records stay).
    pub async fn save_clinic(
        &self,
        membership: Option<ClinicMembership>,
    ) -> Result<(), StoreError> {
        let change = match membership {
            Some(membership) => Change::PutClinic(Box::new(membership)),
            None => Change::LeaveClinic,
        };
        self.store.apply(&[change]).await
    }

    /// The clinic pull job for the worker (the `_changes` answer travels
    /// beside it), and the stored clock the records were read at.
    pub async fn clinic_pull_job(
        &self,
        key: String,
    ) -> Result<(SyncJob, Option<HlcClock>), StoreError> {
        let basis = self.store.stored_clock().await?;
        let job = SyncJob::ClinicPull {
            records: self.store.local_records().await?,
            key,
            now_millis: self.environment.borrow().now_millis(),
        };
        Ok((job, basis))
    }

    /// The clinic post job for the worker: this device's changes the
    /// server lacks, as `membership`'s cursor says.
    pub async fn clinic_post_job(
        &self,
        membership: &ClinicMembership,
    ) -> Result<SyncJob, StoreError> {
        Ok(SyncJob::ClinicPost {
            records: self.store.local_records().await?,
            cursor: membership.cursor.clone(),
            high_water: self.clock.borrow().last(),
            key: membership.key.clone(),
        })
    }

    /// Writes a clinic pull in one transaction: the records it brought
    /// (if any), the clock, and `membership` with its cursor moved — so
    /// the feed is never marked read without its records, and vice versa.
    /// Only if nothing was stamped since `basis`, as for a file import.
    pub async fn apply_clinic_pull(
        &self,
        changes: Option<&PreparedChanges>,
        membership: ClinicMembership,
        basis: Option<HlcClock>,
    ) -> Result<(), StoreError> {
        let Some(changes) = changes else {
            return self
                .store
                .apply(&[Change::PutClinic(Box::new(membership))])
                .await;
        };
        let (mut writes, clock) = self.import_writes(changes, basis)?;
        writes.push(Change::PutClinic(Box::new(membership)));
        self.store.apply_unless_changed(basis, &writes).await?;
        *self.clock.borrow_mut() = clock;
        Ok(())
    }

    /// Milliseconds since the Unix epoch, for "last backup" wording.
    pub fn now_millis(&self) -> u64 {
        self.environment.borrow().now_millis()
    }

    /// Stores the device's preferences.
    pub async fn save_settings(&self, settings: Settings) -> Result<Settings, StoreError> {
        self.store
            .apply(&[Change::PutSettings(settings.clone())])
            .await?;
        Ok(settings)
    }

    /// Keeps what was typed into the form under `key`.
    pub async fn save_draft(&self, key: &str, input: &ClientInput) -> Result<(), StoreError> {
        let draft = Draft {
            key: key.to_owned(),
            input: input.clone(),
            updated_millis: self.environment.borrow().now_millis(),
        };
        self.store.apply(&[Change::PutDraft(draft)]).await
    }

    /// What was typed into the form under `key` and not saved, if anything.
    pub async fn draft(&self, key: &str) -> Result<Option<ClientInput>, StoreError> {
        Ok(self.store.draft(key).await?.map(|draft| draft.input))
    }

    /// Forgets the unsaved text under `key`.
    pub async fn discard_draft(&self, key: &str) -> Result<(), StoreError> {
        self.store
            .apply(&[Change::DeleteDraft(key.to_owned())])
            .await
    }

    /// What an import of `records` changed: its clients, and the rest read
    /// back from the store, for [`crate::state::Action::Imported`].
    pub async fn imported(&self, records: &RecordTexts) -> Result<Imported, StoreError> {
        Ok(Imported {
            clients: records.read()?,
            outcomes: self.outcomes().await?,
            selfcare: self.selfcare_status().await?,
        })
    }

    /// Reads the outcome records kept in memory: plan versions and own
    /// instruments. Measures are read where they are shown
    /// ([`Self::measures_of`], [`Self::measures`]).
    pub async fn outcomes(&self) -> Result<Outcomes, StoreError> {
        Ok(Outcomes {
            plans: self.store.plan_versions().await?,
            custom_instruments: self.store.custom_instruments().await?,
        })
    }

    /// The measures recorded about `client`.
    pub async fn measures_of(&self, client: RecordId) -> Result<Vec<Measure>, StoreError> {
        self.store.measures_of(client).await
    }

    /// Every recorded measure of every client, for the practice report.
    pub async fn measures(&self) -> Result<Vec<Measure>, StoreError> {
        self.store.measures().await
    }

    /// Records the answers in `input` to `instrument`: core checks and
    /// scores them; anything wrong comes back and nothing is written.
    pub async fn record_measure(
        &self,
        instrument: &Instrument,
        input: MeasureInput,
    ) -> Result<Measure, Refusal<Vec<MeasureError>>> {
        let id = RecordId::new(&mut *self.environment.borrow_mut());
        let (stamp, clock) = self.stamp();
        let measure = Measure::record(instrument, input, self.today(), id, stamp)
            .map_err(Refusal::Invalid)?;
        self.store
            .apply(&[
                Change::PutMeasure(Box::new(measure.clone())),
                Change::PutClock(clock),
            ])
            .await?;
        Ok(measure)
    }

    /// Saves `input` as `client`'s plan: a new version revising `current`
    /// if there is one (the old version stays in the history).
    pub async fn save_plan(
        &self,
        client: RecordId,
        current: Option<&PlanVersion>,
        input: &PlanInput,
        instruments: &[Instrument],
    ) -> Result<PlanVersion, Refusal<Vec<(PlanField, PlanError)>>> {
        let fields = input
            .validate(instruments, self.today())
            .map_err(Refusal::Invalid)?;
        let id = RecordId::new(&mut *self.environment.borrow_mut());
        let (stamp, clock) = self.stamp();
        let version = match current {
            Some(current) => current.revise(id, fields, stamp),
            None => PlanVersion::create(id, client, fields, stamp),
        };
        self.store
            .apply(&[
                Change::PutPlanVersion(Box::new(version.clone())),
                Change::PutClock(clock),
            ])
            .await?;
        Ok(version)
    }

    /// Adds one of the therapist's own instruments (version 1) from the
    /// builder form; core checks it, and nothing is written if it refuses.
    pub async fn create_custom_instrument(
        &self,
        input: &CustomInstrumentInput,
    ) -> Result<Instrument, Refusal<Vec<(CustomField, CustomInstrumentError)>>> {
        let id = RecordId::new(&mut *self.environment.borrow_mut());
        let instrument = input.build(id, 1).map_err(Refusal::Invalid)?;
        let (stamp, clock) = self.stamp();
        let record = OwnInstrument::create(id, instrument.clone(), stamp);
        self.store
            .apply(&[
                Change::PutCustomInstrument(Box::new(instrument.clone())),
                Change::PutInstrumentRecord(Box::new(record)),
                Change::PutClock(clock),
            ])
            .await?;
        Ok(instrument)
    }
}
