//! The client list read at start: a summary of every client, as one
//! stored value (schema version 11).
//!
//! Why: start shows every client by name and never needs a full record
//! (about a kilobyte each, with stamps and conflicts). Versions 8 to 10
//! kept one summary per client in `client_summaries`; but IndexedDB costs
//! about 10 ms to read a thousand values whatever their size, against
//! about 1 ms for one value holding the same 140 KB, and an import wrote a
//! thousand summaries one by one (BENCHMARKS.md, session 12). Now the list
//! is one value, `all` in `client_list`: the JSON text of every summary.
//!
//! Invariants:
//! - Every write of a client (an edit, a deletion, an import) updates the
//!   list at the end of the same transaction (`Store::apply`), so the list
//!   always says what the records say, and a write that fails leaves it as
//!   it was.
//! - A database without the list (just upgraded, or before its first
//!   client) has it made from the records, in the transaction that reads
//!   them: at the first start, or by the first write of a client.
//! - Version 11 drops `client_summaries` and adds `client_list`, so a tab
//!   of an earlier build, which does not keep the list, is closed before
//!   this build writes one.

use std::collections::BTreeMap;

use indexed_db_futures::database::Database;
use indexed_db_futures::future::VoidRequest;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clients::client::Client;
use stillpoint_core::clients::summary::ClientSummary;
use wasm_bindgen::JsValue;

use super::{read_json, Store, StoreError, CLIENTS, CLIENT_SUMMARIES};

/// The object store holding the list, under [`LIST_KEY`].
pub(super) const CLIENT_LIST: &str = "client_list";
const LIST_KEY: &str = "all";

/// Version 11: one list instead of a summary per client. The list is made
/// from the records when first needed (an upgrade cannot wait for reads).
pub(super) fn list_clients_in_one_value(db: &Database) -> indexed_db_futures::Result<()> {
    db.delete_object_store(CLIENT_SUMMARIES)?;
    db.create_object_store(CLIENT_LIST).build()?;
    Ok(())
}

/// Writes the list with `written` in it (each replacing the summary with
/// its id), in `tx`, which covers `clients` and `client_list` and has made
/// its requests writing those clients: the list, and the request.
pub(super) async fn write_list(
    tx: &Transaction<'_>,
    written: Vec<ClientSummary>,
) -> Result<(Vec<ClientSummary>, VoidRequest), StoreError> {
    let held = match held_list(tx).await? {
        Some(listed) => listed,
        None => summaries_of_records(tx).await?,
    };
    let mut by_id: BTreeMap<RecordId, ClientSummary> = held
        .into_iter()
        .map(|summary| (summary.id(), summary))
        .collect();
    by_id.extend(written.into_iter().map(|summary| (summary.id(), summary)));
    let listed: Vec<ClientSummary> = by_id.into_values().collect();
    let text =
        serde_json::to_string(&listed).map_err(|error| StoreError::Failed(error.to_string()))?;
    let request = tx
        .object_store(CLIENT_LIST)?
        .put(JsValue::from_str(&text))
        .with_key(LIST_KEY)
        .without_key_type()
        .primitive()?;
    Ok((listed, request))
}

/// The list as `tx` holds it, if there is one.
async fn held_list(tx: &Transaction<'_>) -> Result<Option<Vec<ClientSummary>>, StoreError> {
    let stored: Option<JsValue> = tx
        .object_store(CLIENT_LIST)?
        .get(LIST_KEY)
        .primitive()?
        .await?;
    let Some(stored) = stored else {
        return Ok(None);
    };
    let text = stored
        .as_string()
        .ok_or_else(|| StoreError::Failed("the stored client list is not text".to_owned()))?;
    serde_json::from_slice(text.as_bytes())
        .map(Some)
        .map_err(|error| StoreError::Failed(error.to_string()))
}

/// A summary of every client record `tx` holds.
async fn summaries_of_records(tx: &Transaction<'_>) -> Result<Vec<ClientSummary>, StoreError> {
    let clients: Vec<Client> = read_json(tx.object_store(CLIENTS)?.get_all().primitive()?.await?)?;
    Ok(clients.iter().map(ClientSummary::from).collect())
}

impl Store {
    /// A summary of every client, tombstones included: what the client list
    /// shows. One value is read; a database without the list has it made
    /// here, once. A database before version 11 (tests build older
    /// installs) is summarised from its records.
    pub async fn client_summaries(&self) -> Result<Vec<ClientSummary>, StoreError> {
        if !self.holds_store(CLIENT_LIST) {
            let tx = self.db.transaction(CLIENTS).build()?;
            return summaries_of_records(&tx).await;
        }
        let tx = self.db.transaction(CLIENT_LIST).build()?;
        if let Some(listed) = held_list(&tx).await? {
            return Ok(listed);
        }
        drop(tx);
        let tx = self
            .db
            .transaction([CLIENTS, CLIENT_LIST])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let (listed, request) = write_list(&tx, Vec::new()).await?;
        request.await?;
        tx.commit().await?;
        Ok(listed)
    }
}
