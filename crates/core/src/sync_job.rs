//! What the app asks the sync worker to do, and what the worker answers.
//!
//! Export and import (sealing, opening, parsing, validating, merging) run in
//! a Web Worker so the page stays responsive while scrypt and the merge work.
//! The worker cannot read IndexedDB (only the app's store module does), so
//! the app hands it this device's records and writes what comes back. The
//! file's bytes travel beside these values as a transferable `Uint8Array`,
//! not through serde.

use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::dataset::Dataset;
use crate::hlc::Hlc;
use crate::ids::DeviceId;
use crate::import::{ConflictRef, ImportPreview};

/// This device's records, as the app read them from storage.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct LocalRecords {
    /// Every client, tombstones included.
    pub clients: Vec<Client>,
}

impl LocalRecords {
    /// The records as a dataset to export or merge into.
    pub fn into_dataset(self) -> Dataset {
        let mut dataset = Dataset::new();
        for client in self.clients {
            dataset.insert_client(client);
        }
        dataset
    }
}

/// A request to the worker.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub enum SyncJob {
    /// Write a full export of `records`, sealed with `passphrase` unless it
    /// is `None` (a plain file, chosen explicitly by the therapist).
    Export {
        /// Everything on this device.
        records: LocalRecords,
        /// This device's clock: the file's high-water mark.
        high_water: Hlc,
        /// The passphrase, or `None` for an unencrypted file.
        passphrase: Option<String>,
    },
    /// Check and merge a file (its bytes travel beside the job) with
    /// `records`, writing nothing.
    Import {
        /// Everything on this device.
        records: LocalRecords,
        /// The passphrase, if the therapist has given one.
        passphrase: Option<String>,
        /// This device's clock reading, to catch files from a clock far ahead.
        now_millis: u64,
    },
}

/// Where a long job is, for the progress bar.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub enum SyncStage {
    /// Building the file from the records.
    Writing,
    /// Deriving the key from the passphrase and encrypting or decrypting.
    Sealing,
    /// Reading and checking the file.
    Checking,
    /// Merging with this device's records.
    Merging,
}

impl SyncStage {
    /// Words for the progress bar.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Writing => "Writing the file…",
            Self::Sealing => "Working on the passphrase (this takes a moment by design)…",
            Self::Checking => "Checking the file…",
            Self::Merging => "Comparing with the records on this tablet…",
        }
    }

    /// How far along the job is at this stage, in percent.
    pub fn percent(self) -> u8 {
        match self {
            Self::Writing | Self::Checking => 20,
            Self::Sealing => 50,
            Self::Merging => 80,
        }
    }
}

/// What an import would change, ready to show and to write.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct PreparedChanges {
    /// The device that made the file.
    pub from_device: DeviceId,
    /// Clients to write (added or updated), already merged.
    pub clients: Vec<Client>,
    /// How many records are new on this device.
    pub added: usize,
    /// How many existing records change.
    pub updated: usize,
    /// Text fields left with versions for the therapist to choose between.
    pub new_conflicts: Vec<ConflictRef>,
    /// The file's newest stamp, for this device's clock to observe.
    pub newest_stamp: Hlc,
}

impl PreparedChanges {
    /// Gathers what to write from a merged dataset and its preview.
    pub fn new(
        from_device: DeviceId,
        merged: &Dataset,
        preview: &ImportPreview,
        newest_stamp: Hlc,
    ) -> Self {
        let clients = preview
            .added
            .iter()
            .chain(&preview.updated)
            .filter_map(|record| merged.client(record.id).cloned())
            .collect();
        Self {
            from_device,
            clients,
            added: preview.added.len(),
            updated: preview.updated.len(),
            new_conflicts: preview.new_conflicts.clone(),
            newest_stamp,
        }
    }

    /// Whether the file brings nothing new (for example, imported before).
    pub fn is_empty(&self) -> bool {
        self.added == 0 && self.updated == 0
    }
}

/// The worker's answer. A job gets any number of `Progress` replies, then
/// exactly one of the others.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub enum SyncReply {
    /// The worker has started and listens for jobs (sent once, unasked).
    Ready,
    /// The job reached a new stage.
    Progress(SyncStage),
    /// The export file is ready; its bytes travel beside this reply.
    Exported {
        /// Whether the file is encrypted.
        sealed: bool,
        /// How many records it holds.
        records: usize,
    },
    /// The import is checked and merged; nothing is written yet.
    Prepared(PreparedChanges),
    /// The file is encrypted and no passphrase was given.
    NeedsPassphrase,
    /// The job failed; the message says what happened and that nothing
    /// changed.
    Failed(String),
}
