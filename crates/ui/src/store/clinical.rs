//! The clinical object stores (schema version 3): intakes and their unsaved
//! form text, session drafts, signed sessions, amendments and the
//! therapist's own contraindication rules, plus reads that fetch one
//! client's records through the `client` indexes and segments. Since
//! version 9 signed sessions, and since version 10 intakes, are kept in
//! segments (`store/segments.rs`); their stores here only hold what an
//! earlier build left until it is moved, at open. Since version 12
//! amendments are too, where their client is known; `amendments` keeps
//! the others.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use indexed_db_futures::KeyPath;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clinical::amendment::Amendment;
use stillpoint_core::clinical::contraindication_rules::{OwnRule, Rule};
use stillpoint_core::clinical::intake::IntakeInput;
use stillpoint_core::clinical::session::{SessionDraft, SignedSession};
use wasm_bindgen::JsValue;

use super::segments::{client_segment, SEGMENTS};
use super::{from_stored, read_json, Store, StoreError, BY_CLIENT, META};
use crate::records::{ClientRecords, TechniqueLists};

pub(super) const INTAKES: &str = "intakes";
pub(super) const INTAKE_DRAFTS: &str = "intake_drafts";
pub(super) const SESSION_DRAFTS: &str = "session_drafts";
pub(super) const SESSIONS: &str = "sessions";
pub(super) const AMENDMENTS: &str = "amendments";
pub(super) const RULES: &str = "rules";
pub(super) const TECHNIQUES_KEY: &str = "techniques";

/// Signed sessions by date, for the Today page.
const BY_DATE: &str = "date";
/// Amendments by the session they correct.
const BY_SESSION: &str = "session";

/// Version 3: the clinical record. Each store is keyed by the record's own
/// id and indexed by the client it belongs to, where the record says so
/// (the paths follow core's serialized shapes; the browser tests pin them).
pub(super) fn add_clinical_records(db: &Database) -> indexed_db_futures::Result<()> {
    let keyed_by_id = |name: &str| {
        db.create_object_store(name)
            .with_key_path("id".into())
            .build()
    };
    keyed_by_id(INTAKES)?
        .create_index(BY_CLIENT, KeyPath::One("client"))
        .build()?;
    db.create_object_store(INTAKE_DRAFTS)
        .with_key_path("client".into())
        .build()?;
    keyed_by_id(SESSION_DRAFTS)?
        .create_index(BY_CLIENT, KeyPath::One("details.value.client"))
        .build()?;
    let sessions = keyed_by_id(SESSIONS)?;
    sessions
        .create_index(BY_CLIENT, KeyPath::One("note.details.client"))
        .build()?;
    sessions
        .create_index(BY_DATE, KeyPath::One("note.details.date"))
        .build()?;
    keyed_by_id(AMENDMENTS)?
        .create_index(BY_SESSION, KeyPath::One("session"))
        .build()?;
    keyed_by_id(RULES)?;
    Ok(())
}

/// Intake answers typed but not yet saved, one per client.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct IntakeDraft {
    /// Whose intake.
    pub client: RecordId,
    /// The form as typed.
    pub input: IntakeInput,
    /// When it was last typed in, milliseconds since the Unix epoch.
    pub updated_millis: u64,
}

/// The sync records of stored rules: each read as a record, or else as a
/// bare rule as builds before rules synced wrote it (then adopted). Read
/// from `JsValue`s, trying one shape then the other, so no buffering
/// deserializer is built for it.
fn own_rules(stored: Vec<JsValue>) -> Result<Vec<OwnRule>, StoreError> {
    stored
        .into_iter()
        .map(|value| {
            from_stored::<OwnRule>(value.clone())
                .ok()
                .or_else(|| {
                    from_stored::<Rule>(value)
                        .ok()
                        .and_then(OwnRule::saved_before_sync)
                })
                .ok_or_else(|| StoreError::Failed("a stored rule cannot be read".to_owned()))
        })
        .collect()
}

/// The rules in force among `records`: those not removed.
fn in_force(records: &[OwnRule]) -> Vec<Rule> {
    records
        .iter()
        .filter_map(|record| record.current().cloned())
        .collect()
}

fn collected<T>(
    records: impl Iterator<Item = indexed_db_futures::Result<T>>,
) -> Result<Vec<T>, StoreError> {
    records
        .map(|record| record.map_err(StoreError::from))
        .collect()
}

/// The records of `store` whose `index` key is `key`.
pub(super) async fn find<T: DeserializeOwned>(
    tx: &Transaction<'_>,
    store: &str,
    index: &str,
    key: &str,
) -> Result<Vec<T>, StoreError> {
    let store = tx.object_store(store)?;
    let index = store.index(index)?;
    read_json(index.get_all().with_query(key).primitive()?.await?)
}

/// The amendments to `sessions` kept in the `amendments` store: those an
/// earlier build wrote, and those whose session was held nowhere when they
/// came (`store/synced.rs`, `Keeping::InSegmentsWhenPlaced`). Found
/// through their session; once the store is empty, as on a device set up
/// since version 12, one count says so.
async fn unplaced_amendments(
    tx: &Transaction<'_>,
    sessions: &[SignedSession],
) -> Result<Vec<Amendment>, StoreError> {
    if tx.object_store(AMENDMENTS)?.count().primitive()?.await? == 0 {
        return Ok(Vec::new());
    }
    let mut amendments = Vec::new();
    for session in sessions {
        let found: Vec<Amendment> =
            find(tx, AMENDMENTS, BY_SESSION, &session.id().to_string()).await?;
        amendments.extend(found);
    }
    Ok(amendments)
}

impl Store {
    /// Everything of `client`'s record, read through the `client` indexes
    /// and the client's segments in one transaction, with the rules and
    /// technique lists beside it.
    pub async fn client_records(&self, client: RecordId) -> Result<ClientRecords, StoreError> {
        let tx = self
            .db
            .transaction([SESSION_DRAFTS, SEGMENTS, AMENDMENTS, RULES, META])
            .build()?;
        let key = client.to_string();
        let intakes = client_segment(&tx, INTAKES, client).await?;
        let mut drafts: Vec<SessionDraft> = find(&tx, SESSION_DRAFTS, BY_CLIENT, &key).await?;
        drafts.retain(|draft| !draft.is_discarded());
        let sessions: Vec<SignedSession> = client_segment(&tx, SESSIONS, client).await?;
        let mut amendments: Vec<Amendment> = client_segment(&tx, AMENDMENTS, client).await?;
        amendments.extend(unplaced_amendments(&tx, &sessions).await?);
        let rules = own_rules(collected(tx.object_store(RULES)?.get_all().await?)?)?;
        let techniques: Option<TechniqueLists> = tx
            .object_store(META)?
            .get(TECHNIQUES_KEY)
            .primitive()?
            .await?
            .map(from_stored)
            .transpose()?;
        Ok(ClientRecords {
            client,
            intakes,
            drafts,
            sessions,
            amendments,
            rules: in_force(&rules).into(),
            techniques: techniques.unwrap_or_default().into(),
        })
    }

    /// The unsaved intake form of `client`, if any.
    pub async fn intake_draft(&self, client: RecordId) -> Result<Option<IntakeDraft>, StoreError> {
        let tx = self.db.transaction(INTAKE_DRAFTS).build()?;
        tx.object_store(INTAKE_DRAFTS)?
            .get(client.to_string())
            .primitive()?
            .await?
            .map(from_stored)
            .transpose()
    }

    /// Every unsigned session note on the device, discarded ones included
    /// (there are few: signing turns a draft into a signed session).
    pub async fn session_drafts(&self) -> Result<Vec<SessionDraft>, StoreError> {
        self.all(SESSION_DRAFTS).await
    }

    /// The unsigned session note `id`, if the device holds it.
    pub async fn session_draft(&self, id: RecordId) -> Result<Option<SessionDraft>, StoreError> {
        let tx = self.db.transaction(SESSION_DRAFTS).build()?;
        tx.object_store(SESSION_DRAFTS)?
            .get(id.to_string())
            .primitive()?
            .await?
            .map(from_stored)
            .transpose()
    }

    /// The therapist's own contraindication rules, removed ones included.
    pub async fn rule_records(&self) -> Result<Vec<OwnRule>, StoreError> {
        let tx = self.db.transaction(RULES).build()?;
        own_rules(collected(tx.object_store(RULES)?.get_all().await?)?)
    }

    /// The therapist's own contraindication rules in force.
    pub async fn rules(&self) -> Result<Vec<Rule>, StoreError> {
        Ok(in_force(&self.rule_records().await?))
    }
}
