//! Clinic sync: the rules for exchanging changes through a shared CouchDB
//! database, with no I/O (the app fetches, the sync worker seals).
//!
//! The server is a mailbox. Each device posts one sealed **bundle** per
//! sync — an ordinary export file of the changes the server does not hold
//! yet ([`ClinicCursor::bundle`]) — and reads the bundles others posted
//! since its stored position in CouchDB's `_changes` feed. A bundle is the
//! same canonical file a file export writes, read by the same strict parser
//! and merged by the same import, so a record reaching a device by server
//! and by file ends the same.
//!
//! Bundles read in one pull are combined before importing
//! ([`combine_bundles`]): two devices' bundles may arrive in any order (two
//! clinic sites replicate their servers with each other), so each bundle's
//! "changes since" mark is checked against this device's records plus the
//! whole batch, not against the bundles before it.
//!
//! What the server sees in clear: random document ids, each bundle's size,
//! how many bundles there are, and the clinic document's salt and scrypt
//! factor. Everything else — names, notes, device ids, version vectors —
//! is inside the sealed bytes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::base::hlc::Hlc;
use crate::base::ids::DeviceId;
use crate::merge::version_vector::VersionVector;
use crate::sync::dataset::{Dataset, RecordKind};
use crate::sync::device_name::{device_label, DeviceName};
use crate::sync::export::ExportFile;

/// The id of the one document that is not a bundle: the clinic's salt,
/// scrypt factor and key check, in clear (none of them reveals anything
/// without the passphrase).
pub const CLINIC_DOC_ID: &str = "clinic";

/// The clinic document: what every device needs to derive the clinic key
/// from the passphrase, and a check that tells a wrong passphrase from a
/// damaged bundle before anything is read. Written once, by the first
/// device to join; the sync worker's sealing crate fills it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ClinicDoc {
    /// Always [`CLINIC_DOC_ID`].
    #[serde(rename = "_id")]
    pub id: String,
    /// The scrypt salt, base64.
    pub salt: String,
    /// The scrypt work factor (each attempt costs 2^n KiB).
    pub work_factor: u8,
    /// A known text sealed with the key, base64: opening it proves the
    /// passphrase.
    pub check: String,
}

/// Where this device stands with the clinic server, kept on the device.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct ClinicCursor {
    /// The `_changes` sequence read up to, as the server wrote it (a number
    /// from some servers, an opaque string from CouchDB 3); `None` before
    /// the first pull, which then reads the feed from its start.
    pub seq: Option<String>,
    /// What the server is known to hold: every bundle read from it and
    /// every bundle this device posted. A bundle carries only the changes
    /// beyond this. Like the sync log's, it only grows.
    pub server_holds: VersionVector,
}

impl ClinicCursor {
    /// The bundle to post: this device's changes that the server does not
    /// hold, or `None` when it holds them all (nothing is posted).
    /// `high_water` is this device's clock, stamping the bundle's device.
    pub fn bundle(&self, dataset: &Dataset, high_water: Hlc) -> Option<ExportFile> {
        (!self.server_holds.includes(&dataset.version_vector()))
            .then(|| ExportFile::changes_since(dataset, high_water, self.server_holds.clone()))
    }

    /// The cursor once a pull read the feed up to `seq` and brought bundles
    /// showing the server holds `holds`.
    pub fn after_pull(&self, seq: String, holds: &VersionVector) -> Self {
        let mut server_holds = self.server_holds.clone();
        server_holds.join(holds);
        Self {
            seq: Some(seq),
            server_holds,
        }
    }

    /// The cursor once the server accepted a bundle from a device holding
    /// `mark` ([`Dataset::version_vector`] when the bundle was made).
    pub fn after_post(&self, mark: &VersionVector) -> Self {
        let mut server_holds = self.server_holds.clone();
        server_holds.join(mark);
        Self {
            seq: self.seq.clone(),
            server_holds,
        }
    }
}

/// The default clinic database address: on the app's own origin, behind
/// the reverse proxy of `deploy/`.
pub const DEFAULT_SERVER: &str = "/couchdb/clinic";

/// The clinic database's address as typed, tidied: a path on the app's
/// own origin (the app may only connect to itself: `connect-src 'self'`),
/// without a trailing slash.
pub fn server_path(typed: &str) -> Result<String, ClinicError> {
    let path = typed.trim().trim_end_matches('/');
    let tidy = path.starts_with('/')
        && !path.starts_with("//")
        && path.len() > 1
        && path
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"/-_.".contains(&byte));
    if tidy {
        Ok(path.to_owned())
    } else {
        Err(ClinicError::NotSameOrigin(typed.trim().to_owned()))
    }
}

/// A device that has joined a clinic: kept on the device (IndexedDB
/// `meta`) from joining until it leaves; clinic sync is off while there is
/// none.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ClinicMembership {
    /// The database's address, same origin (for example `/couchdb/clinic`).
    pub server: String,
    /// The clinic key as the sealing crate keeps it (base64). Stored rather
    /// than the passphrase: it opens this clinic's bundles only, and an
    /// automatic sync must not ask for the passphrase each time.
    pub key: String,
    /// Where this device stands on the server.
    pub cursor: ClinicCursor,
    /// What the last sync that completed brought.
    pub last_sync: Option<SyncSummary>,
}

/// What one clinic sync brought, for the status line.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct SyncSummary {
    /// When it completed, milliseconds since the Unix epoch.
    pub at_millis: u64,
    /// Signed session notes new on this device.
    pub new_notes: usize,
    /// Other records added or changed.
    pub other_changes: usize,
    /// The devices whose bundles brought them.
    pub from: Vec<DeviceId>,
    /// Whether this device posted its own changes.
    pub sent: bool,
}

impl SyncSummary {
    /// The summary of a sync at `at_millis` that wrote `added_by_kind` and
    /// `updated_by_kind` (from the import preview) from `from`'s bundles;
    /// `this_device`'s own bundles, read back, are not named.
    pub fn new(
        at_millis: u64,
        (added_by_kind, updated_by_kind): (
            &BTreeMap<RecordKind, usize>,
            &BTreeMap<RecordKind, usize>,
        ),
        mut from: Vec<DeviceId>,
        this_device: DeviceId,
        sent: bool,
    ) -> Self {
        from.retain(|device| *device != this_device);
        let new_notes = added_by_kind
            .get(&RecordKind::SignedSession)
            .copied()
            .unwrap_or(0);
        let all: usize = added_by_kind.values().chain(updated_by_kind.values()).sum();
        Self {
            at_millis,
            new_notes,
            other_changes: all - new_notes,
            from,
            sent,
        }
    }

    /// The status line at `now_millis`, naming devices by `names`:
    /// "Synced 2 min ago · 3 new notes from Reception laptop".
    pub fn describe(&self, now_millis: u64, names: &[DeviceName]) -> String {
        let minutes = now_millis.saturating_sub(self.at_millis) / 60_000;
        let when = match minutes {
            0 => "Synced just now".to_owned(),
            1..=59 => format!("Synced {minutes} min ago"),
            60..=1439 => format!("Synced {} h ago", minutes / 60),
            _ => format!("Synced {} days ago", minutes / 1440),
        };
        let plural = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        let mut brought = Vec::new();
        if self.new_notes > 0 {
            brought.push(plural(self.new_notes, "new note", "new notes"));
        }
        if self.other_changes > 0 {
            brought.push(plural(self.other_changes, "other change", "other changes"));
        }
        if brought.is_empty() {
            return format!("{when} · nothing new from other devices");
        }
        let from: Vec<String> = self
            .from
            .iter()
            .map(|device| device_label(*device, names))
            .collect();
        format!("{when} · {} from {}", brought.join(", "), from.join(", "))
    }
}

/// Why the bundles read from the server cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClinicError {
    /// The server's answer is not CouchDB's `_changes` feed.
    #[error(
        "The clinic server's answer could not be read ({0}). Check the server address. \
         Nothing was changed on this device."
    )]
    NotAFeed(String),
    /// The server address is not a path on the app's own origin.
    #[error(
        "“{0}” is not a clinic server address Stillpoint can use: enter the path of the \
         clinic's database on this app's own address, such as /couchdb/clinic (the clinic's \
         server serves the app and the database together; see the setup guide)."
    )]
    NotSameOrigin(String),
    /// A bundle lacks changes no bundle on the server brings.
    #[error(
        "The clinic server is missing changes that a bundle on it builds on (it may have been \
         restored from an old copy). Nothing was changed on this device."
    )]
    MissingEarlierChanges,
}

/// One entry of the `_changes` feed, with its document.
#[derive(Deserialize)]
struct FeedEntry {
    id: String,
    #[serde(default)]
    deleted: bool,
    #[serde(default)]
    doc: Option<BundleDoc>,
}

/// A bundle as stored on the server: a random id and the sealed bytes as
/// base64 text (CouchDB documents are JSON).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct BundleDoc {
    /// The random document id, also bound into the seal so a bundle
    /// copied under another id is refused.
    #[serde(rename = "_id")]
    pub id: String,
    /// The sealed export file, base64.
    #[serde(default)]
    pub sealed: String,
}

/// CouchDB's `_changes` answer (`include_docs=true`).
#[derive(Deserialize)]
struct Feed {
    results: Vec<FeedEntry>,
    last_seq: Value,
}

/// A `_changes` answer, read: the bundles in it and where it ends.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ChangesPage {
    /// The bundles, in feed order; the clinic document, design documents
    /// and deleted documents left out.
    pub bundles: Vec<BundleDoc>,
    /// The sequence to read from next time.
    pub last_seq: String,
}

/// Reads CouchDB's `_changes` answer (with `include_docs=true`).
pub fn read_changes(bytes: &[u8]) -> Result<ChangesPage, ClinicError> {
    let feed: Feed =
        serde_json::from_slice(bytes).map_err(|error| ClinicError::NotAFeed(error.to_string()))?;
    let last_seq = match feed.last_seq {
        Value::String(text) => text,
        Value::Number(number) => number.to_string(),
        other => return Err(ClinicError::NotAFeed(format!("last_seq is {other}"))),
    };
    let bundles = feed
        .results
        .into_iter()
        .filter(|entry| !entry.deleted && entry.id != CLINIC_DOC_ID && !entry.id.starts_with('_'))
        .filter_map(|entry| entry.doc)
        .collect();
    Ok(ChangesPage { bundles, last_seq })
}

/// The bundles of one pull as one file to import.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CombinedBundles {
    /// Every record of every bundle, merged: a full file, so the import
    /// checks ids, drift and never-changing records exactly as for a file.
    pub file: ExportFile,
    /// What the server is known to hold once they are read.
    pub holds: VersionVector,
    /// The devices that posted them, each once, in the order first seen.
    pub devices: Vec<DeviceId>,
}

/// Combines the bundles read in one pull (already opened and parsed)
/// into one file for [`crate::sync::import::prepare_import`] with `local`,
/// this device's records; `None` when there are none. Every bundle must
/// build only on changes this device holds or another bundle of the batch
/// brings first (checked as a chain, not against the batch as a whole: a
/// device's later bundle must not vouch for its own missing earlier one);
/// otherwise nothing is imported.
pub fn combine_bundles(
    local: &Dataset,
    bundles: Vec<ExportFile>,
) -> Result<Option<CombinedBundles>, ClinicError> {
    let Some(newest) = bundles.iter().map(ExportFile::high_water).max() else {
        return Ok(None);
    };
    let mut reached = local.version_vector();
    let mut waiting: Vec<&ExportFile> = bundles.iter().collect();
    while let Some(at) = waiting
        .iter()
        .position(|bundle| bundle.since().is_none_or(|since| reached.includes(since)))
    {
        reached.join(&waiting.swap_remove(at).sender_holds());
    }
    if !waiting.is_empty() {
        return Err(ClinicError::MissingEarlierChanges);
    }
    let mut holds = VersionVector::new();
    let mut devices = Vec::new();
    for bundle in &bundles {
        holds.join(&bundle.sender_holds());
        if !devices.contains(&bundle.device()) {
            devices.push(bundle.device());
        }
    }
    let dataset = bundles
        .into_iter()
        .map(ExportFile::into_dataset)
        .fold(Dataset::new(), Dataset::merge);
    Ok(Some(CombinedBundles {
        file: ExportFile::full(dataset, newest),
        holds,
        devices,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::date::CalendarDate;
    use crate::base::ids::RecordId;
    use crate::clients::client::{Client, ClientInput};
    use crate::sync::import::{prepare_import, ImportOptions};
    use crate::sync::parse::parse;
    use proptest::prelude::*;

    const HOUR: u64 = 60 * 60 * 1000;

    fn stamp(wall: u64, device: u8) -> Hlc {
        Hlc::from_parts(wall, 0, DeviceId::from_bytes([device; 16]))
    }

    fn client(id: u8, notes: &str, at: Hlc) -> Client {
        let input = ClientInput {
            full_name: format!("Client {id}"),
            notes: notes.into(),
            ..ClientInput::default()
        };
        let today: CalendarDate = "2026-12-04".parse().unwrap();
        Client::create(
            RecordId::from_bytes([id; 16]),
            input.validate(today).unwrap(),
            at,
        )
    }

    /// A device: its records and its cursor on the server.
    #[derive(Clone, Default)]
    struct Device {
        records: Dataset,
        cursor: ClinicCursor,
    }

    /// A server: bundles in the order posted, as bytes (what crosses).
    type Server = Vec<Vec<u8>>;

    impl Device {
        fn pull(&mut self, server: &Server) {
            let read = self
                .cursor
                .seq
                .as_deref()
                .map_or(0, |seq| seq.parse().unwrap());
            let bundles = server[read..]
                .iter()
                .map(|bytes| parse(bytes).unwrap())
                .collect();
            if let Some(combined) = combine_bundles(&self.records, bundles).unwrap() {
                let prepared = prepare_import(
                    &self.records,
                    combined.file,
                    u64::MAX / 2,
                    ImportOptions::default(),
                )
                .unwrap();
                self.records = prepared.merged().clone();
                self.cursor = self
                    .cursor
                    .after_pull(server.len().to_string(), &combined.holds);
            }
        }

        fn push(&mut self, server: &mut Server, high_water: Hlc) {
            if let Some(bundle) = self.cursor.bundle(&self.records, high_water) {
                server.push(bundle.to_bytes());
                self.cursor = self.cursor.after_post(&self.records.version_vector());
            }
        }

        fn sync(&mut self, server: &mut Server, high_water: Hlc) {
            self.pull(server);
            self.push(server, high_water);
        }
    }

    #[test]
    fn nothing_is_posted_when_the_server_holds_everything() {
        let mut device = Device::default();
        let mut server = Server::new();
        device.sync(&mut server, stamp(HOUR, 1));
        assert!(server.is_empty(), "an empty device posts nothing");
        device.records.insert_client(client(1, "", stamp(HOUR, 1)));
        device.sync(&mut server, stamp(HOUR, 1));
        device.sync(&mut server, stamp(HOUR, 1));
        assert_eq!(server.len(), 1, "the second sync has nothing new");
    }

    /// A server holding two bundles of one device: a client, then another
    /// an hour later.
    fn two_bundles() -> Server {
        let mut device = Device::default();
        let mut server = Server::new();
        device.records.insert_client(client(1, "", stamp(HOUR, 1)));
        device.sync(&mut server, stamp(HOUR, 1));
        device
            .records
            .insert_client(client(2, "", stamp(2 * HOUR, 1)));
        device.sync(&mut server, stamp(2 * HOUR, 1));
        server
    }

    #[test]
    fn a_bundle_carries_only_what_the_server_lacks() {
        let server = two_bundles();
        let second = parse(&server[1]).unwrap();
        assert_eq!(second.dataset().clients().count(), 1);
        assert!(second.since().is_some());
    }

    #[test]
    fn a_concurrent_text_edit_is_kept_as_a_conflict() {
        let mut server = Server::new();
        let mut front_desk = Device::default();
        let shared = client(1, "base", stamp(HOUR, 1));
        front_desk.records.insert_client(shared.clone());
        front_desk.sync(&mut server, stamp(HOUR, 1));
        let mut tablet = Device::default();
        tablet.sync(&mut server, stamp(HOUR, 2));
        let edit = |records: &mut Dataset, notes: &str, at: Hlc| {
            let mut edited = records.client(shared.id()).unwrap().clone();
            let input = ClientInput {
                notes: notes.into(),
                ..edited.to_input()
            };
            edited.edit(input.validate("2026-12-04".parse().unwrap()).unwrap(), at);
            records.insert_client(edited);
        };
        edit(&mut front_desk.records, "front desk", stamp(2 * HOUR, 1));
        edit(&mut tablet.records, "tablet", stamp(2 * HOUR, 2));
        front_desk.sync(&mut server, stamp(2 * HOUR, 1));
        tablet.sync(&mut server, stamp(2 * HOUR, 2));
        front_desk.sync(&mut server, stamp(3 * HOUR, 1));
        assert_eq!(front_desk.records, tablet.records);
        assert!(
            tablet
                .records
                .client(shared.id())
                .unwrap()
                .conflicts()
                .len()
                == 1
        );
    }

    #[test]
    fn a_bundle_building_on_changes_nobody_brings_is_refused() {
        let server = two_bundles();
        let second_only = vec![parse(&server[1]).unwrap()];
        assert_eq!(
            combine_bundles(&Dataset::new(), second_only),
            Err(ClinicError::MissingEarlierChanges)
        );
        let both_reversed = vec![parse(&server[1]).unwrap(), parse(&server[0]).unwrap()];
        let combined = combine_bundles(&Dataset::new(), both_reversed)
            .unwrap()
            .unwrap();
        assert_eq!(combined.file.dataset().clients().count(), 2);
        assert_eq!(combined.devices, [DeviceId::from_bytes([1; 16])]);
    }

    #[test]
    fn the_status_line_says_when_and_what_from_whom() {
        let laptop = DeviceId::from_bytes([7; 16]);
        let names = [DeviceName::new(laptop, "Reception laptop", stamp(HOUR, 7)).unwrap()];
        let added = [(RecordKind::SignedSession, 3), (RecordKind::Client, 1)].into();
        let here = DeviceId::from_bytes([1; 16]);
        let none = BTreeMap::new();
        let summary = SyncSummary::new(HOUR, (&added, &none), vec![here, laptop], here, false);
        assert_eq!(
            summary.describe(HOUR + 2 * 60_000 + 5, &names),
            "Synced 2 min ago · 3 new notes, 1 other change from Reception laptop"
        );
        let nothing = SyncSummary::new(HOUR, (&none, &none), vec![here], here, true);
        assert_eq!(
            nothing.describe(HOUR, &names),
            "Synced just now · nothing new from other devices"
        );
    }

    #[test]
    fn only_paths_on_the_apps_own_origin_are_servers() {
        assert_eq!(
            server_path(" /couchdb/clinic/ ").unwrap(),
            "/couchdb/clinic"
        );
        for refused in [
            "https://evil.example/db",
            "//evil.example/db",
            "couchdb",
            "/",
            "/a b",
            "/db?x=1",
        ] {
            assert!(
                matches!(server_path(refused), Err(ClinicError::NotSameOrigin(_))),
                "{refused}"
            );
        }
    }

    #[test]
    fn the_feed_is_read_without_the_clinic_and_design_documents() {
        let feed = br#"{"results":[
            {"seq":1,"id":"clinic","changes":[],"doc":{"_id":"clinic","salt":"00"}},
            {"seq":2,"id":"ab12","changes":[],"doc":{"_id":"ab12","_rev":"1-x","sealed":"QUJD"}},
            {"seq":3,"id":"_design/x","changes":[],"doc":{"_id":"_design/x"}},
            {"seq":4,"id":"cd34","deleted":true,"changes":[],"doc":{"_id":"cd34","_deleted":true}}
        ],"last_seq":"4-g1AAAA"}"#;
        let page = read_changes(feed).unwrap();
        assert_eq!(page.last_seq, "4-g1AAAA");
        assert_eq!(
            page.bundles,
            [BundleDoc {
                id: "ab12".into(),
                sealed: "QUJD".into()
            }]
        );
        assert_eq!(
            read_changes(br#"{"results":[],"last_seq":7}"#)
                .unwrap()
                .last_seq,
            "7"
        );
        assert!(matches!(
            read_changes(b"<html>proxy error</html>"),
            Err(ClinicError::NotAFeed(_))
        ));
    }

    proptest! {
        /// Three devices edit in any interleaving of edits and syncs; once
        /// each has synced twice after the last edit, all three hold the
        /// same records, and a device joining from the server alone holds
        /// them too.
        #[test]
        fn devices_that_sync_agree(steps in proptest::collection::vec((0u8..3, any::<bool>(), 1u8..6), 1..24)) {
            let mut server = Server::new();
            let mut devices = vec![Device::default(), Device::default(), Device::default()];
            let mut wall = HOUR;
            for (who, sync, id) in steps {
                wall += 1000;
                let device = &mut devices[usize::from(who)];
                if sync {
                    device.sync(&mut server, stamp(wall, who + 1));
                } else {
                    let at = stamp(wall, who + 1);
                    let notes = format!("note {wall}");
                    let record = match device.records.client(RecordId::from_bytes([id; 16])) {
                        Some(held) => {
                            let mut edited = held.clone();
                            let input = ClientInput { notes, ..edited.to_input() };
                            edited.edit(input.validate("2026-12-04".parse().unwrap()).unwrap(), at);
                            edited
                        }
                        None => client(id, &notes, at),
                    };
                    device.records.insert_client(record);
                }
            }
            for _ in 0..2 {
                for (index, device) in devices.iter_mut().enumerate() {
                    wall += 1000;
                    device.sync(&mut server, stamp(wall, index as u8 + 1));
                }
            }
            let mut newcomer = Device::default();
            newcomer.pull(&server);
            for device in &devices {
                prop_assert_eq!(&device.records, &devices[0].records);
            }
            prop_assert_eq!(&newcomer.records, &devices[0].records);
        }
    }
}
