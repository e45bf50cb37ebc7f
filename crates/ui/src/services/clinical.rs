//! The clinical user actions: intakes, session notes from start to signing,
//! alert overrides, amendments, technique lists and the therapist's own
//! rules. Each asks core to validate and stamp, then writes one transaction.

use stillpoint_core::base::environment::Environment;
use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clients::client::Client;
use stillpoint_core::clinical::alert_override::{AlertOverride, OverrideError, OverrideField};
use stillpoint_core::clinical::amendment::{
    AmendedSession, Amendment, AmendmentError, AmendmentField,
};
use stillpoint_core::clinical::contraindication_rules::{
    OwnRule, Rule, RuleField, RuleFieldError, RuleInput,
};
use stillpoint_core::clinical::intake::{Intake, IntakeField, IntakeFieldError, IntakeInput};
use stillpoint_core::clinical::screening::Alert;
use stillpoint_core::clinical::session::{SessionDraft, SignedSession, Signing};
use stillpoint_core::clinical::session_form::{SessionFieldError, SessionInput};
use stillpoint_core::clinical::session_note::SessionField;
use stillpoint_core::clinical::session_note::{Missing, TextField};
use stillpoint_core::clinical::since_last_time::SinceLastTime;
use stillpoint_core::clinical::technique_list::TechniqueNameError;

use super::Services;
use crate::records::{with_alert_areas, ClientRecords, TechniqueLists};
use crate::refusal::Refusal;
use crate::store::{Change, IntakeDraft, StoreError};

/// Problems with session fields, in form order.
pub type SessionProblems = Vec<(SessionField, SessionFieldError)>;

/// Why a note was not signed.
#[derive(Debug, Clone, PartialEq)]
pub enum SignProblem {
    /// A field holds a value that can't be kept.
    Fields(SessionProblems),
    /// Signing needs these first.
    Missing(Vec<Missing>),
}

impl Services {
    pub(super) fn new_id(&self) -> RecordId {
        RecordId::new(&mut *self.environment.borrow_mut())
    }

    /// `client`'s clinical records, read through the client indexes.
    pub async fn client_records(&self, client: RecordId) -> Result<ClientRecords, StoreError> {
        self.store.client_records(client).await
    }

    /// The intake form typed for `client` and not saved, if any.
    pub async fn intake_draft(&self, client: RecordId) -> Result<Option<IntakeInput>, StoreError> {
        Ok(self
            .store
            .intake_draft(client)
            .await?
            .map(|draft| draft.input))
    }

    /// Keeps what was typed into `client`'s intake form.
    pub async fn save_intake_draft(
        &self,
        client: RecordId,
        input: &IntakeInput,
    ) -> Result<(), StoreError> {
        let draft = IntakeDraft {
            client,
            input: input.clone(),
            updated_millis: self.now_millis(),
        };
        self.store
            .apply(&[Change::PutIntakeDraft(Box::new(draft))])
            .await
    }

    /// Forgets `client`'s unsaved intake form.
    pub async fn discard_intake_draft(&self, client: RecordId) -> Result<(), StoreError> {
        self.store.apply(&[Change::DeleteIntakeDraft(client)]).await
    }

    /// Saves a new intake of `client` (older intakes stay as they were) and
    /// clears the form's draft.
    pub async fn create_intake(
        &self,
        client: &Client,
        input: &IntakeInput,
    ) -> Result<Intake, Refusal<Vec<(IntakeField, IntakeFieldError)>>> {
        let answers = input
            .validate(self.today(), client.date_of_birth())
            .map_err(Refusal::Invalid)?;
        let id = self.new_id();
        let (stamp, clock) = self.stamp();
        let intake = Intake::create(id, client.id(), answers, stamp);
        self.store
            .apply(&[
                Change::PutIntake(Box::new(intake.clone())),
                Change::PutClock(clock),
                Change::DeleteIntakeDraft(client.id()),
            ])
            .await?;
        Ok(intake)
    }

    /// Starts today's session note for the records' client: blank, or
    /// carried forward from the last signed note. The start time is now,
    /// and areas that local alerts name are marked to avoid.
    pub async fn start_session(
        &self,
        records: &ClientRecords,
        from_last: bool,
    ) -> Result<SessionDraft, StoreError> {
        let today = self.today();
        let alerts = records.alerts_on(today, &SinceLastTime::NotAsked);
        let id = self.new_id();
        let (started, _) = self.stamp();
        let mut draft = match records.last_signed().filter(|_| from_last) {
            Some(last) => last.next_draft(id, today, started),
            None => {
                let blank = SessionInput {
                    client: Some(records.client),
                    date: today.to_string(),
                    ..SessionInput::default()
                };
                let note = blank
                    .validate(today)
                    .map_err(|_| StoreError::Failed("the blank note was refused".into()))?;
                SessionDraft::start(id, note, started)
            }
        };
        let mut opening = draft.note().to_input();
        opening.start = self.environment.borrow().time_of_day().to_string();
        with_alert_areas(&mut opening, &alerts);
        let (stamp, clock) = self.stamp();
        if let Ok(note) = opening.validate(today) {
            draft.update(note, stamp);
        }
        self.store
            .apply(&[
                Change::PutSessionDraft(Box::new(draft.clone())),
                Change::PutClock(clock),
            ])
            .await?;
        Ok(draft)
    }

    /// Saves the session form into `draft`. Refused input (a rhythm of 200
    /// a minute, a date in the future) writes nothing; an unchanged note
    /// writes nothing either.
    pub async fn save_session(
        &self,
        draft: &SessionDraft,
        input: &SessionInput,
    ) -> Result<SessionDraft, Refusal<SessionProblems>> {
        let note = input.validate(self.today()).map_err(Refusal::Invalid)?;
        let (stamp, clock) = self.stamp();
        let mut saved = draft.clone();
        if saved.update(note, stamp) {
            self.store
                .apply(&[
                    Change::PutSessionDraft(Box::new(saved.clone())),
                    Change::PutClock(clock),
                ])
                .await?;
        }
        Ok(saved)
    }

    /// The therapist's decision to go on past `alert`, stamped now; refused
    /// without a reason or a name. It is kept when the note is next saved.
    pub fn decide_override(
        &self,
        alert: &Alert,
        reason: &str,
        by: &str,
    ) -> Result<AlertOverride, Vec<(OverrideField, OverrideError)>> {
        let (stamp, _) = self.stamp();
        AlertOverride::new(alert, reason, by, stamp)
    }

    /// "Same as last time — still true?": the `earlier` decision given
    /// again for `alert` by `by`, stamped now (core's `confirm_again`).
    pub fn confirm_override(
        &self,
        earlier: &AlertOverride,
        alert: &Alert,
        by: &str,
    ) -> Result<AlertOverride, Vec<(OverrideField, OverrideError)>> {
        let (stamp, _) = self.stamp();
        earlier.confirm_again(alert, by, stamp)
    }

    /// Signs the note as `signed_by`, given the alerts active on its date:
    /// the draft becomes a signed, read-only session and its before/after
    /// ratings become measures of the session, in one transaction; or
    /// nothing is written and the problems say what is missing.
    pub async fn sign_session(
        &self,
        draft: &SessionDraft,
        input: &SessionInput,
        alerts: &[Alert],
        signed_by: &str,
    ) -> Result<Signing, Refusal<SignProblem>> {
        let note = input
            .validate(self.today())
            .map_err(|problems| Refusal::Invalid(SignProblem::Fields(problems)))?;
        let mut draft = draft.clone();
        let (edited, _) = self.stamp();
        draft.update(note, edited);
        let (stamp, clock) = self.stamp();
        let signing = draft
            .sign_with_measures(alerts, signed_by, stamp, || self.new_id())
            .map_err(|missing| Refusal::Invalid(SignProblem::Missing(missing)))?;
        let mut changes = vec![
            Change::PutSignedSession(Box::new(signing.session.clone())),
            Change::DeleteSessionDraft(draft.id()),
            Change::PutClock(clock),
        ];
        changes.extend(
            signing
                .measures
                .iter()
                .map(|measure| Change::PutMeasure(Box::new(measure.clone()))),
        );
        self.store.apply(&changes).await?;
        Ok(signing)
    }

    /// Throws away an unsigned note: it stays only as a stamped tombstone,
    /// so importing an older file does not bring it back.
    pub async fn discard_session(&self, id: RecordId) -> Result<(), StoreError> {
        let Some(mut draft) = self.store.session_draft(id).await? else {
            return Ok(());
        };
        let (stamp, clock) = self.stamp();
        if draft.discard(stamp) {
            self.store
                .apply(&[
                    Change::PutSessionDraft(Box::new(draft)),
                    Change::PutClock(clock),
                ])
                .await?;
        }
        Ok(())
    }

    /// Adds a dated amendment to a signed note; the original stays as signed.
    pub async fn amend_session(
        &self,
        session: &AmendedSession<'_>,
        author: &str,
        reason: &str,
        changes: Vec<(TextField, String)>,
    ) -> Result<Amendment, Refusal<Vec<(AmendmentField, AmendmentError)>>> {
        let id = self.new_id();
        let (stamp, clock) = self.stamp();
        let amendment = session
            .amend(id, author, reason, changes, stamp)
            .map_err(Refusal::Invalid)?;
        self.store
            .apply(&[
                Change::PutAmendment {
                    client: session.session().note().details().client,
                    amendment: Box::new(amendment.clone()),
                },
                Change::PutClock(clock),
            ])
            .await?;
        Ok(amendment)
    }

    /// Adds the therapist's own technique to the CST (or massage) list.
    pub async fn add_technique(
        &self,
        lists: &TechniqueLists,
        cst: bool,
        name: &str,
    ) -> Result<TechniqueLists, Refusal<TechniqueNameError>> {
        let mut lists = lists.clone();
        let list = if cst {
            &mut lists.cst
        } else {
            &mut lists.massage
        };
        list.add(name).map_err(Refusal::Invalid)?;
        self.store
            .apply(&[Change::PutTechniques(Box::new(lists.clone()))])
            .await?;
        Ok(lists)
    }

    /// The therapist's own contraindication rules.
    pub async fn rules(&self) -> Result<Vec<Rule>, StoreError> {
        self.store.rules().await
    }

    /// Adds a contraindication rule of the therapist's own.
    pub async fn add_rule(
        &self,
        input: &RuleInput,
    ) -> Result<Rule, Refusal<Vec<(RuleField, RuleFieldError)>>> {
        let id = self.new_id();
        let rule = input.validate(id).map_err(Refusal::Invalid)?;
        let (stamp, clock) = self.stamp();
        let record = OwnRule::create(id, rule.clone(), stamp);
        self.store
            .apply(&[Change::PutRule(Box::new(record)), Change::PutClock(clock)])
            .await?;
        Ok(rule)
    }

    /// Removes one of the therapist's rules, keeping a stamped tombstone so
    /// the removal travels in files; alerts it raised disappear.
    pub async fn remove_rule(&self, rule: &Rule) -> Result<(), StoreError> {
        let records = self.store.rule_records().await?;
        let Some(mut record) = records
            .into_iter()
            .find(|record| record.value().id == rule.id)
        else {
            return Ok(());
        };
        let (stamp, clock) = self.stamp();
        if record.remove(stamp) {
            self.store
                .apply(&[Change::PutRule(Box::new(record)), Change::PutClock(clock)])
                .await?;
        }
        Ok(())
    }

    /// Today's signed sessions and every unsigned note on the device.
    pub async fn today_sessions(
        &self,
    ) -> Result<(Vec<SignedSession>, Vec<SessionDraft>), StoreError> {
        let signed = self.store.sessions_on(self.today()).await?;
        let mut drafts = self.store.session_drafts().await?;
        drafts.retain(|draft| !draft.is_discarded());
        Ok((signed, drafts))
    }
}
