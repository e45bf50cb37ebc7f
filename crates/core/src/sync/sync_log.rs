//! The sync log: when files last left or reached this device, and what
//! each other device is known to hold, so a file of changes for it carries
//! only what it lacks.
//!
//! What a device holds only grows: every file it sent, and every file made
//! for it, is joined into it ([`VersionVector::join`]). Joining is
//! idempotent and commutative, so importing a file twice, or files in
//! another order, leaves the same knowledge; sending too much is safe
//! (merging is a join too), sending too little would lose edits, so the
//! log never forgets a stamp.

use serde::{Deserialize, Serialize};

use crate::base::ids::DeviceId;
use crate::merge::version_vector::VersionVector;

/// When files last left or reached this device.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct SyncLog {
    /// When the last export was made, milliseconds since the Unix epoch.
    pub last_export_millis: Option<u64>,
    /// Whether that export was encrypted.
    pub last_export_sealed: bool,
    /// Every other device files were exchanged with, latest first (logs
    /// written before exports were made for a device call it `imports`).
    #[serde(alias = "imports")]
    pub peers: Vec<Peer>,
    /// The checksums of the last files imported whole, newest first (at
    /// most [`REMEMBERED_FILES`]; logs written before this was kept have
    /// none).
    #[serde(default)]
    pub imported_files: Vec<ImportedFile>,
}

/// How many imported files [`SyncLog`] remembers.
pub const REMEMBERED_FILES: usize = 50;

/// A file that was imported: its records' checksum, and when.
///
/// Merging only ever joins, so once a file's records are merged, this
/// device holds all they say for good: the same records again bring
/// nothing new, and can be answered so without reading the practice's
/// records or parsing the file (BENCHMARKS.md, issue 14). A file whose
/// header claims a checksum it does not match is then also answered
/// "nothing new", which changes nothing; its records are never read.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ImportedFile {
    /// The checksum the file declared and was checked against.
    pub checksum: String,
    /// When it was imported, milliseconds since the Unix epoch.
    pub imported_millis: u64,
}

/// Another device, for "last received from / exported for each device" and
/// for exporting only what it lacks.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Peer {
    /// The other device.
    pub device: DeviceId,
    /// When a file from it was last imported here, milliseconds since the
    /// Unix epoch.
    #[serde(default)]
    pub imported_millis: Option<u64>,
    /// When a file of changes was last exported for it.
    #[serde(default)]
    pub exported_millis: Option<u64>,
    /// What it is known to hold: what its files carried, joined with what
    /// was exported for it.
    #[serde(default)]
    pub holds: VersionVector,
}

impl SyncLog {
    /// The log with `device`'s entry changed by `change` (made if new) and
    /// moved to the front.
    fn with_peer(&self, device: DeviceId, change: impl FnOnce(&mut Peer)) -> Self {
        let mut peers = self.peers.clone();
        let mut peer = match peers.iter().position(|peer| peer.device == device) {
            Some(index) => peers.remove(index),
            None => Peer {
                device,
                imported_millis: None,
                exported_millis: None,
                holds: VersionVector::new(),
            },
        };
        change(&mut peer);
        peers.insert(0, peer);
        Self {
            peers,
            ..self.clone()
        }
    }

    /// The log after importing, at `now_millis`, a file from `device` that
    /// shows it holds `holds`.
    pub fn with_import(&self, device: DeviceId, holds: &VersionVector, now_millis: u64) -> Self {
        self.with_peer(device, |peer| {
            peer.imported_millis = Some(now_millis);
            peer.holds.join(holds);
        })
    }

    /// The log of `this_device` after importing, at `now_millis`, a file
    /// made by `from_device` that shows it holds `holds`: as
    /// [`Self::with_import`], except that a backup of this very device
    /// changes nothing, since it is not another device to send changes to.
    pub fn after_import(
        &self,
        this_device: DeviceId,
        from_device: DeviceId,
        holds: &VersionVector,
        now_millis: u64,
    ) -> Self {
        if from_device == this_device {
            self.clone()
        } else {
            self.with_import(from_device, holds, now_millis)
        }
    }

    /// The log after exporting, at `now_millis`, a file (`sealed` or not)
    /// for `device` if one was chosen — which then holds `mark` once it
    /// imports the file — or a full export otherwise.
    pub fn with_export(
        &self,
        device: Option<DeviceId>,
        mark: &VersionVector,
        sealed: bool,
        now_millis: u64,
    ) -> Self {
        let log = Self {
            last_export_millis: Some(now_millis),
            last_export_sealed: sealed,
            ..self.clone()
        };
        match device {
            Some(device) => log.with_peer(device, |peer| {
                peer.exported_millis = Some(now_millis);
                peer.holds.join(mark);
            }),
            None => log,
        }
    }

    /// The log after a file whose records have `checksum` was imported
    /// whole (or found to hold nothing new) at `now_millis`.
    pub fn with_imported_file(&self, checksum: &str, now_millis: u64) -> Self {
        let mut imported_files = vec![ImportedFile {
            checksum: checksum.to_owned(),
            imported_millis: now_millis,
        }];
        imported_files.extend(
            self.imported_files
                .iter()
                .filter(|file| file.checksum != checksum)
                .take(REMEMBERED_FILES - 1)
                .cloned(),
        );
        Self {
            imported_files,
            ..self.clone()
        }
    }

    /// When a file with records of `checksum` was last imported here, if
    /// it was one of the last [`REMEMBERED_FILES`].
    pub fn imported_file(&self, checksum: &str) -> Option<u64> {
        self.imported_files
            .iter()
            .find(|file| file.checksum == checksum)
            .map(|file| file.imported_millis)
    }

    /// What `device` is known to hold, if files were exchanged with it.
    pub fn holds(&self, device: DeviceId) -> Option<&VersionVector> {
        self.peers
            .iter()
            .find(|peer| peer.device == device)
            .map(|peer| &peer.holds)
    }

    /// What the next export for `for_device` may leave out: what that
    /// device is known to hold. `None` — everything — for a full export
    /// (no device chosen) or a device nothing was exchanged with yet.
    pub fn send_since(&self, for_device: Option<DeviceId>) -> Option<VersionVector> {
        for_device.and_then(|device| self.holds(device).cloned())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::base::hlc::Hlc;

    fn device(byte: u8) -> DeviceId {
        DeviceId::from_bytes([byte; 16])
    }

    fn vector(stamps: &[(u64, u8)]) -> VersionVector {
        stamps
            .iter()
            .map(|&(wall, byte)| Hlc::from_parts(wall, 0, device(byte)))
            .collect()
    }

    #[test]
    fn imported_files_are_remembered_newest_first_and_bounded() {
        let mut log = SyncLog::default();
        for index in 0..(REMEMBERED_FILES as u64 + 5) {
            log = log.with_imported_file(&format!("sha256:{index}"), index);
        }
        assert_eq!(log.imported_files.len(), REMEMBERED_FILES);
        assert_eq!(log.imported_file("sha256:54"), Some(54));
        assert_eq!(log.imported_file("sha256:4"), None, "the oldest forgotten");
        let again = log.with_imported_file("sha256:10", 99);
        assert_eq!(again.imported_file("sha256:10"), Some(99));
        assert_eq!(again.imported_files[0].checksum, "sha256:10");
        assert_eq!(again.imported_files.len(), REMEMBERED_FILES, "no duplicate");
    }

    #[test]
    fn a_log_from_before_imported_files_reads_with_none() {
        let older = r#"{"last_export_millis":null,"last_export_sealed":false,"peers":[]}"#;
        let log: SyncLog = serde_json::from_str(older).unwrap();
        assert!(log.imported_files.is_empty());
    }

    #[test]
    fn each_device_holds_what_it_sent_and_what_was_made_for_it() {
        let (tablet, laptop, phone) = (device(1), device(2), device(3));
        let sent = vector(&[(5, 1)]);
        let received = vector(&[(7, 2)]);
        let log = SyncLog::default()
            .with_export(Some(laptop), &sent, true, 100)
            .with_import(laptop, &received, 200)
            .with_export(None, &vector(&[(9, 1)]), false, 300);
        assert_eq!(
            (log.last_export_millis, log.last_export_sealed),
            (Some(300), false)
        );
        assert_eq!(log.peers.len(), 1);
        let peer = &log.peers[0];
        assert_eq!(
            (peer.imported_millis, peer.exported_millis),
            (Some(200), Some(100))
        );
        assert_eq!(log.holds(laptop), Some(&vector(&[(5, 1), (7, 2)])));
        assert_eq!(log.holds(tablet), None);

        let log = log.with_import(phone, &vector(&[(3, 3)]), 400);
        let order: Vec<_> = log.peers.iter().map(|peer| peer.device).collect();
        assert_eq!(order, [phone, laptop], "latest first");
    }

    #[test]
    fn what_to_send_next() {
        let laptop = device(2);
        let log = SyncLog::default().with_import(laptop, &vector(&[(7, 2)]), 200);
        let cases = [
            (None, None),
            (Some(laptop), Some(vector(&[(7, 2)]))),
            (Some(device(3)), None),
        ];
        for (for_device, expected) in cases {
            assert_eq!(log.send_since(for_device), expected, "{for_device:?}");
        }
    }

    #[test]
    fn a_backup_of_this_device_is_not_another_device() {
        let (tablet, laptop) = (device(1), device(2));
        let holds = vector(&[(7, 2)]);
        let log = SyncLog::default();
        assert_eq!(log.after_import(tablet, tablet, &holds, 200), log);
        assert_eq!(
            log.after_import(tablet, laptop, &holds, 200),
            log.with_import(laptop, &holds, 200)
        );
    }

    #[test]
    fn logs_written_before_peers_are_read() {
        let json = r#"{"last_export_millis":null,"last_export_sealed":false,
            "imports":[{"device":"03030303-0303-0303-0303-030303030303","imported_millis":5}]}"#;
        let log: SyncLog = serde_json::from_str(json).unwrap();
        assert_eq!(log.peers.len(), 1);
        assert_eq!(log.peers[0].imported_millis, Some(5));
        assert_eq!(log.peers[0].exported_millis, None);
        assert!(log.peers[0].holds.is_empty());
    }

    fn stamps() -> impl Strategy<Value = Vec<(u64, u8)>> {
        prop::collection::vec((0u64..50, 1u8..4), 0..6)
    }

    proptest! {
        #[test]
        fn importing_again_changes_nothing(first in stamps(), again in stamps()) {
            let laptop = device(2);
            let once = SyncLog::default()
                .with_import(laptop, &vector(&first), 10)
                .with_import(laptop, &vector(&again), 20);
            let twice = once.with_import(laptop, &vector(&again), 20);
            prop_assert_eq!(twice, once);
        }

        #[test]
        fn what_a_device_holds_does_not_depend_on_order(a in stamps(), b in stamps()) {
            let laptop = device(2);
            let log = SyncLog::default();
            let ab = log
                .with_import(laptop, &vector(&a), 10)
                .with_export(Some(laptop), &vector(&b), true, 20);
            let ba = log
                .with_export(Some(laptop), &vector(&b), true, 20)
                .with_import(laptop, &vector(&a), 10);
            prop_assert_eq!(ab.holds(laptop), ba.holds(laptop));
        }

        #[test]
        fn what_a_device_holds_never_shrinks(before in stamps(), file in stamps()) {
            let laptop = device(2);
            let log = SyncLog::default().with_import(laptop, &vector(&before), 10);
            let after = log.with_import(laptop, &vector(&file), 20);
            let holds = after.holds(laptop).unwrap();
            prop_assert!(holds.includes(&vector(&before)));
            prop_assert!(holds.includes(&vector(&file)));
        }
    }
}
