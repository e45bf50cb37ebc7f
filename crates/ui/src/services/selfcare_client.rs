//! The client diary round trip: the client's phone in client mode (open a
//! plan file, log days, leave; used by the `stillpoint-phone` app) and the
//! therapist importing the diary file the client sends back. Each action is
//! one transaction; a refused file or day writes nothing.

use stillpoint_core::base::ids::RecordId;
use stillpoint_core::selfcare::care_file::{DiaryFile, PlanFile};
use stillpoint_core::selfcare::diary::DayInput;
use stillpoint_core::selfcare::diary_import::{prepare_diary_import, DiaryImport};
use stillpoint_core::selfcare::phone::ClientPhone;

use super::Services;
use crate::refusal::Refusal;
use crate::store::{Change, DeviceMode, SelfCareChange, StoreError};

fn refused(error: impl ToString) -> Refusal {
    Refusal::Refused(error.to_string())
}

impl Services {
    /// Whether this device is the therapist's or a client's phone. The
    /// tablet app reads it at start to send a client's phone to the phone
    /// app before anything is routed.
    pub async fn device_mode(&self) -> Result<DeviceMode, StoreError> {
        self.store.mode().await
    }

    /// The client's plan and diaries if this device is a client's phone in
    /// client mode; `None` on the therapist's device. Read at start, before
    /// any page is routed.
    pub async fn client_phone(&self) -> Result<Option<ClientPhone>, StoreError> {
        if self.store.mode().await? != DeviceMode::Client {
            return Ok(None);
        }
        let Some(plan) = self.store.own_plan().await? else {
            return Ok(None);
        };
        let diaries = self.store.diaries_of(plan.plan.client()).await?;
        Ok(Some(ClientPhone::new(plan, diaries, self.new_id())))
    }

    /// Opens a plan file on the client's phone (`current` is what it shows
    /// now, if anything): the device becomes a client's phone showing this
    /// plan, with a new diary for it, in one transaction.
    pub async fn open_own_plan(
        &self,
        current: Option<&ClientPhone>,
        bytes: &[u8],
    ) -> Result<ClientPhone, Refusal> {
        let file = PlanFile::parse(bytes).map_err(refused)?;
        let phone = ClientPhone::open(current, file, self.new_id()).map_err(refused)?;
        self.store
            .apply(&[
                Change::SelfCare(SelfCareChange::PutMode(DeviceMode::Client)),
                Change::SelfCare(SelfCareChange::PutOwnPlan(Box::new(phone.plan().clone()))),
                Change::SelfCare(SelfCareChange::PutDiary(Box::new(phone.diary().clone()))),
            ])
            .await?;
        Ok(phone)
    }

    /// Logs (or corrects) one day of the plan the phone shows.
    pub async fn log_day(
        &self,
        phone: &ClientPhone,
        input: &DayInput,
    ) -> Result<ClientPhone, Refusal> {
        let mut logged = phone.clone();
        let (stamp, clock) = self.stamp();
        logged.log(input, self.today(), stamp).map_err(refused)?;
        self.store
            .apply(&[
                Change::SelfCare(SelfCareChange::PutDiary(Box::new(logged.diary().clone()))),
                Change::PutClock(clock),
            ])
            .await?;
        Ok(logged)
    }

    /// Leaves client mode: forgets the plan and every diary on this phone
    /// (for a phone given back or passed on), in one transaction.
    pub async fn leave_client_mode(&self, phone: &ClientPhone) -> Result<(), StoreError> {
        let mut changes: Vec<Change> = phone
            .diary_ids()
            .into_iter()
            .map(|id| Change::SelfCare(SelfCareChange::DeleteDiary(id)))
            .collect();
        changes.push(Change::SelfCare(SelfCareChange::DeleteOwnPlan));
        changes.push(Change::SelfCare(SelfCareChange::PutMode(
            DeviceMode::Therapist,
        )));
        self.store.apply(&changes).await
    }

    /// Imports a diary file on `client`'s page: core checks it belongs to
    /// this client (`exists` says whether a client id is on this device)
    /// and one of their plans, and merges it with the copy held; anything
    /// new is written with the clock in one transaction.
    pub async fn import_diary(
        &self,
        client: RecordId,
        exists: impl Fn(RecordId) -> bool,
        bytes: &[u8],
    ) -> Result<DiaryImport, Refusal> {
        let file = DiaryFile::parse(bytes).map_err(refused)?;
        let plans = self.store.care_plans_of(client).await?;
        let held = self.store.diary(file.diary.id()).await?;
        let import =
            prepare_diary_import(file.diary, client, exists, &plans, held).map_err(refused)?;
        if !import.changed {
            return Ok(import);
        }
        let mut clock = *self.clock.borrow();
        if let Some(newest) = import.diary.stamps().max() {
            clock.observe(newest, self.now_millis()).map_err(refused)?;
        }
        self.store
            .apply(&[
                Change::SelfCare(SelfCareChange::PutDiary(Box::new(import.diary.clone()))),
                Change::PutClock(clock),
            ])
            .await?;
        *self.clock.borrow_mut() = clock;
        Ok(import)
    }
}
