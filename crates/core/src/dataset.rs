//! Everything one device holds, of every record kind, keyed by record id:
//! the state that export files carry and that merging combines.
//!
//! Merging is a join: it is commutative, associative and idempotent, so two
//! devices that have exchanged files in any order, any number of times, hold
//! the same data.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::hlc::Hlc;
use crate::ids::RecordId;
use crate::version_vector::VersionVector;

/// The kinds of record an export file can hold. Adding a kind adds a
/// variant here, a collection to [`Dataset`] and a list to the file.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub enum RecordKind {
    /// Client records (written `"clients"` in files).
    #[serde(rename = "clients")]
    Client,
}

impl RecordKind {
    /// Every kind, in the order files list them.
    pub const ALL: [Self; 1] = [Self::Client];

    /// The kind's name in export files and CSV file names.
    pub fn plural(self) -> &'static str {
        match self {
            Self::Client => "clients",
        }
    }
}

/// The kind's name for one record, as it reads in a sentence.
impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Client => "client",
        })
    }
}

/// Every record a device holds.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Dataset {
    clients: BTreeMap<RecordId, Client>,
}

impl Dataset {
    /// A dataset with no records.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a client, merged with the copy already held under its id.
    pub fn insert_client(&mut self, client: Client) {
        let merged = match self.clients.remove(&client.id()) {
            Some(held) => held.merge(client),
            None => client,
        };
        self.clients.insert(merged.id(), merged);
    }

    /// The client with `id`, if held (deleted ones included).
    pub fn client(&self, id: RecordId) -> Option<&Client> {
        self.clients.get(&id)
    }

    /// Every client, deleted ones included, in id order.
    pub fn clients(&self) -> impl Iterator<Item = &Client> {
        self.clients.values()
    }

    /// How many records of `kind` are held, deleted ones included.
    pub fn count(&self, kind: RecordKind) -> usize {
        match kind {
            RecordKind::Client => self.clients.len(),
        }
    }

    /// Combines two datasets record by record.
    pub fn merge(mut self, other: Self) -> Self {
        other
            .clients
            .into_values()
            .for_each(|client| self.insert_client(client));
        self
    }

    /// Every stamp held, in no particular order.
    pub fn stamps(&self) -> impl Iterator<Item = Hlc> + '_ {
        self.clients.values().flat_map(Client::stamps)
    }

    /// Which changes this dataset reflects: for each device, the newest of
    /// its stamps that any record has held. It only grows, so remember it
    /// when exporting for a device and pass it to [`Self::changes_since`]
    /// next time.
    pub fn version_vector(&self) -> VersionVector {
        let mut vector = VersionVector::new();
        self.clients
            .values()
            .for_each(|client| vector.join(client.seen()));
        vector
    }

    /// The records that reflect a change `since` does not: all that a
    /// device which has everything `since` describes is missing. Records go
    /// whole, since merging a whole record is always safe.
    pub fn changes_since(&self, since: &VersionVector) -> Self {
        Self {
            clients: self
                .clients
                .values()
                .filter(|client| !since.includes(client.seen()))
                .map(|client| (client.id(), client.clone()))
                .collect(),
        }
    }
}

impl FromIterator<Client> for Dataset {
    fn from_iter<I: IntoIterator<Item = Client>>(clients: I) -> Self {
        let mut dataset = Self::new();
        clients
            .into_iter()
            .for_each(|client| dataset.insert_client(client));
        dataset
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::ClientInput;
    use crate::ids::DeviceId;

    fn stamp(wall: u64, device: u8) -> Hlc {
        Hlc::from_parts(wall, 0, DeviceId::from_bytes([device; 16]))
    }

    fn client(id: u8, name: &str, at: Hlc) -> Client {
        let input = ClientInput {
            full_name: name.into(),
            ..ClientInput::default()
        };
        let today = "2026-11-27".parse().unwrap();
        Client::create(
            RecordId::from_bytes([id; 16]),
            input.validate(today).unwrap(),
            at,
        )
    }

    #[test]
    fn inserting_a_second_copy_merges_it() {
        let older = client(1, "Ada", stamp(1, 1));
        let mut newer = older.clone();
        newer.delete(stamp(2, 2));
        let dataset: Dataset = [newer.clone(), older].into_iter().collect();
        assert_eq!(dataset.count(RecordKind::Client), 1);
        assert_eq!(dataset.client(newer.id()), Some(&newer));
    }

    #[test]
    fn changes_since_holds_only_what_the_receiver_lacks() {
        let first = client(1, "Ada", stamp(1, 1));
        let second = client(2, "Grace", stamp(2, 1));
        let dataset: Dataset = [first.clone(), second].into_iter().collect();
        let mark = dataset.version_vector();
        assert!(dataset.changes_since(&mark).clients().next().is_none());

        let mut edited = first;
        edited.delete(stamp(3, 2));
        let later = dataset
            .clone()
            .merge([edited.clone()].into_iter().collect());
        let changes = later.changes_since(&mark);
        assert_eq!(changes.clients().collect::<Vec<_>>(), [&edited]);
        assert_eq!(dataset.merge(changes), later);
    }

    #[test]
    fn kinds_are_named_for_files_and_sentences() {
        assert_eq!(RecordKind::Client.plural(), "clients");
        assert_eq!(RecordKind::Client.to_string(), "client");
        assert_eq!(
            serde_json::to_string(&RecordKind::Client).unwrap(),
            "\"clients\""
        );
    }
}
