//! The export file: a versioned envelope around a device's records.
//!
//! One format serves both sync and backup. The envelope says what the file
//! is (format id, schema version), who made it and how far its clock had got
//! (so the receiver can check drift and keep its own clock ahead), whether it
//! holds everything or only changes since an earlier export, how many
//! records of each kind it holds, and a checksum of the records. Files are
//! written in canonical JSON (see [`crate::sync::canonical`]), so writing the same
//! data twice gives the same bytes. `docs/export-format.md` specifies it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::base::hlc::Hlc;
use crate::base::ids::DeviceId;
use crate::base::json_file::EXPORT_FORMAT;
use crate::merge::version_vector::VersionVector;
use crate::sync::canonical::{
    checksum_from_digest, checksum_of, key_order, object_around, write_string,
};
use crate::sync::dataset::{Dataset, RecordKind};

/// The schema version this build writes and the newest it reads. Raised
/// whenever the set of record kinds, the envelope or any stored record
/// changes shape, so an older app refuses a newer file ("update the app
/// first") instead of misreading it or calling it damaged. Raising it needs
/// a golden file of the new version under `tests/fixtures/exports/`; a test
/// fails until there is one.
/// Version 2 added every clinical and outcome record kind besides clients;
/// version 3 added the therapist's own rules and instruments and the
/// discarded-draft tombstone; version 4 added the self-care kinds (plans,
/// diaries, home-care items); version 5 added device names. Files of every
/// earlier version are still read.
pub const SCHEMA_VERSION: u32 = 5;

/// How many kinds a file of `schema_version` may list: each a prefix of
/// [`RecordKind::ALL`], since kinds are only ever added at its end. A file
/// lists exactly one of these prefixes. Schema 3 has two: its own nine
/// kinds, and all twelve, because the builds that added the self-care kinds
/// before schema 4 existed wrote them under 3, and those backups must still
/// restore.
pub(crate) fn kind_prefixes(schema_version: u32) -> &'static [usize] {
    match schema_version {
        1 => &[1],
        2 => &[7],
        3 => &[9, 12],
        4 => &[12],
        _ => &[13],
    }
}

/// The envelope's fields other than the records, as stored.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Header {
    pub(crate) format: String,
    pub(crate) schema_version: u32,
    pub(crate) device: DeviceId,
    #[serde(with = "crate::base::hlc_text")]
    pub(crate) high_water: Hlc,
    pub(crate) since: Option<VersionVector>,
    pub(crate) counts: BTreeMap<RecordKind, usize>,
    pub(crate) checksum: String,
}

/// The contents of one export file.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ExportFile {
    schema_version: u32,
    high_water: Hlc,
    since: Option<VersionVector>,
    dataset: Dataset,
}

impl ExportFile {
    /// A full export of `dataset`. `high_water` is the exporting device's
    /// [`crate::base::hlc::HlcClock::last`]; its device is the file's device.
    pub fn full(dataset: Dataset, high_water: Hlc) -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            high_water,
            since: None,
            dataset,
        }
    }

    /// The changes in `dataset` that a device is missing if it has imported
    /// everything `since` describes: the [`Dataset::version_vector`] this
    /// device remembered when it last exported for that device. A receiver
    /// that has not got that far refuses the file, so nothing is skipped.
    pub fn changes_since(dataset: &Dataset, high_water: Hlc, since: VersionVector) -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            high_water,
            dataset: dataset.changes_since(&since),
            since: Some(since),
        }
    }

    /// A full file of `dataset`, merged from the files `a` and `b` outside
    /// any device (the command-line `merge`). It is labelled with a device
    /// of its own, the same for the same two devices, and never one of
    /// theirs: a receiver remembers what a file's device holds, and must
    /// not take `a`'s device to hold what only `b` held. Its clock mark is
    /// the later of the two files'.
    pub fn merged(dataset: Dataset, a: &Self, b: &Self) -> Self {
        use sha2::{Digest, Sha256};
        let (first, second) = (a.device().min(b.device()), a.device().max(b.device()));
        let digest = Sha256::digest(format!("stillpoint merge of {first} and {second}"));
        let mut bytes = [0; 16];
        bytes.copy_from_slice(&digest[..16]);
        let device = DeviceId::from_bytes(bytes);
        let newest = a.high_water.max(b.high_water);
        Self::full(
            dataset,
            Hlc::from_parts(newest.wall_millis(), newest.counter(), device),
        )
    }

    /// Assembles a file from parts that the parser has already checked.
    pub(crate) fn from_parts(
        schema_version: u32,
        high_water: Hlc,
        since: Option<VersionVector>,
        dataset: Dataset,
    ) -> Self {
        Self {
            schema_version,
            high_water,
            since,
            dataset,
        }
    }

    /// The schema version the file was written in: [`SCHEMA_VERSION`] for
    /// a file made by this build, older for an older backup (whose records
    /// this build has read into today's shapes; [`Self::to_bytes`] writes
    /// them as [`SCHEMA_VERSION`]).
    pub fn schema_version(&self) -> u32 {
        self.schema_version
    }

    /// The device that made the file.
    pub fn device(&self) -> DeviceId {
        self.high_water.device()
    }

    /// The exporting device's clock when it made the file.
    pub fn high_water(&self) -> Hlc {
        self.high_water
    }

    /// For a file of changes only: what the receiver must already have.
    pub fn since(&self) -> Option<&VersionVector> {
        self.since.as_ref()
    }

    /// What the device that made the file is known to hold: every change
    /// in the file and, for a file of changes only, everything it counted
    /// the receiver as having (which it held itself). Remember it to send
    /// that device only changes next time.
    pub fn sender_holds(&self) -> VersionVector {
        let mut holds = self.dataset.version_vector();
        if let Some(since) = &self.since {
            holds.join(since);
        }
        holds
    }

    /// The records the file holds.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The records the file holds, taken out of it.
    pub fn into_dataset(self) -> Dataset {
        self.dataset
    }

    /// How many records of each kind the file holds.
    pub fn counts(&self) -> BTreeMap<RecordKind, usize> {
        RecordKind::ALL
            .into_iter()
            .map(|kind| (kind, self.dataset.count(kind)))
            .collect()
    }

    /// The file's bytes: canonical JSON, so equal contents give equal files.
    /// The records are written once, straight from their types, and the
    /// checksum taken over those bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let header = Header {
            format: EXPORT_FORMAT.to_owned(),
            schema_version: SCHEMA_VERSION,
            device: self.device(),
            high_water: self.high_water,
            since: self.since.clone(),
            counts: self.counts(),
            // Written over once the records it sums are written.
            checksum: checksum_from_digest(&[0; 32]),
        };
        let Value::Object(fields) =
            serde_json::to_value(&header).expect("the envelope always serialises to JSON")
        else {
            unreachable!("the envelope is a struct, so an object");
        };
        let (mut bytes, lying) = object_around(&fields, "records", |out| {
            records_canonical(&self.dataset, out);
        });
        let at = |field| {
            let found = lying.iter().find(|(key, _)| *key == field);
            found.expect("the envelope holds the field").1.clone()
        };
        let checksum = checksum_of(&bytes[at("records")]);
        // A checksum is a JSON string without escapes: its text lies
        // between the quotes, as long as the placeholder.
        let text = at("checksum");
        bytes[text.start + 1..text.end - 1].copy_from_slice(checksum.as_bytes());
        bytes
    }
}

/// The `records` object in canonical form: one list per kind, in the
/// order of their names, records in id order.
fn records_canonical(dataset: &Dataset, out: &mut Vec<u8>) {
    let mut kinds = RecordKind::ALL;
    kinds.sort_by(|left, right| key_order(left.plural(), right.plural()));
    out.push(b'{');
    for (index, kind) in kinds.into_iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        write_string(kind.plural(), out);
        out.push(b':');
        kind.ops().write_canonical(dataset, out);
    }
    out.push(b'}');
}
