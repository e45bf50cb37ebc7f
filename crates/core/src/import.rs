//! Preparing an import: everything is checked and merged in memory, and a
//! preview says what would change, before a single record is written.
//!
//! The caller shows the preview, then writes [`PreparedImport::changed_clients`]
//! in one transaction (all or nothing) and lets its clock observe
//! [`PreparedImport::newest_stamp`] so its next edits sort after the
//! imported ones. Importing the same file twice yields an empty preview.

use crate::client::Client;
use crate::client_sync::TextField;
use crate::dataset::{Dataset, RecordKind, SyncRecord};
use crate::export::ExportFile;
use crate::hlc::{Hlc, MAX_CLOCK_DRIFT_MILLIS};
use crate::ids::{DeviceId, RecordId};

/// Why a well-formed file cannot be imported on this device.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// A stamp lies further in this device's future than clocks drift.
    #[error(
        "Changes in this file were made {ahead_hours} hours ahead of this device's clock, \
         by the device {device}. One of the two clocks is wrong: check the date and time on \
         both devices, then export again. Nothing was imported."
    )]
    ClockAhead {
        /// The device whose stamp is furthest ahead.
        device: DeviceId,
        /// How far ahead, in whole hours.
        ahead_hours: u64,
    },
    /// The file holds only changes since an export this device lacks.
    #[error(
        "This file holds only the changes made since an earlier export that this device has \
         not imported. Import that earlier file first, or make a full export instead. \
         Nothing was imported."
    )]
    MissingEarlierChanges,
}

/// A record named by its kind and id.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, serde::Serialize, serde::Deserialize,
)]
pub struct RecordRef {
    /// The record's kind.
    pub kind: RecordKind,
    /// The record's id.
    pub id: RecordId,
}

/// A text field of a record that the import leaves with a new conflict.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, serde::Serialize, serde::Deserialize,
)]
pub struct ConflictRef {
    /// The record.
    pub record: RecordRef,
    /// The field holding concurrent versions.
    pub field: TextField,
}

/// What an import would change, for the therapist to confirm.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct ImportPreview {
    /// Records this device does not have yet.
    pub added: Vec<RecordRef>,
    /// Records this device has that the file changes.
    pub updated: Vec<RecordRef>,
    /// Fields left with concurrent versions to choose between.
    pub new_conflicts: Vec<ConflictRef>,
}

impl ImportPreview {
    /// Whether the import changes nothing (the file was already imported,
    /// or holds nothing new).
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty()
    }

    /// How many records of `kind` the import adds and updates.
    pub fn counts(&self, kind: RecordKind) -> (usize, usize) {
        let of_kind = |records: &[RecordRef]| records.iter().filter(|r| r.kind == kind).count();
        (of_kind(&self.added), of_kind(&self.updated))
    }
}

/// A checked import, merged in memory and not yet written.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PreparedImport {
    merged: Dataset,
    preview: ImportPreview,
    newest_stamp: Hlc,
}

impl PreparedImport {
    /// What the import changes.
    pub fn preview(&self) -> &ImportPreview {
        &self.preview
    }

    /// The records of type `T` to write: those added or updated, merged.
    pub fn changed<T: SyncRecord>(&self) -> impl Iterator<Item = &T> {
        changed_records(&self.merged, &self.preview)
    }

    /// The clients to write: those added or updated, merged.
    pub fn changed_clients(&self) -> impl Iterator<Item = &Client> {
        self.changed()
    }

    /// The newest stamp in the file; pass it to
    /// [`crate::hlc::HlcClock::observe`] when the import is written.
    pub fn newest_stamp(&self) -> Hlc {
        self.newest_stamp
    }

    /// Everything this device holds once the import is written.
    pub fn merged(&self) -> &Dataset {
        &self.merged
    }

    /// Everything this device holds once the import is written, taken out.
    pub fn into_merged(self) -> Dataset {
        self.merged
    }
}

/// The records of type `T` that `preview` lists as added or updated, as
/// `merged` holds them.
pub(crate) fn changed_records<'a, T: SyncRecord>(
    merged: &'a Dataset,
    preview: &'a ImportPreview,
) -> impl Iterator<Item = &'a T> {
    preview
        .added
        .iter()
        .chain(&preview.updated)
        .filter(|record| record.kind == T::KIND)
        .filter_map(|record| merged.get::<T>(record.id))
}

/// Refuses a file with a stamp more than [`MAX_CLOCK_DRIFT_MILLIS`] after
/// `now_millis`; otherwise returns its newest stamp.
fn check_drift(file: &ExportFile, now_millis: u64) -> Result<Hlc, ImportError> {
    let stamps = || std::iter::once(file.high_water()).chain(file.dataset().stamps());
    let furthest = stamps()
        .max_by_key(|stamp| stamp.wall_millis())
        .unwrap_or(file.high_water());
    let ahead = furthest.wall_millis().saturating_sub(now_millis);
    if ahead > MAX_CLOCK_DRIFT_MILLIS {
        return Err(ImportError::ClockAhead {
            device: furthest.device(),
            ahead_hours: ahead / (60 * 60 * 1000),
        });
    }
    Ok(stamps().max().unwrap_or(file.high_water()))
}

/// Adds what importing `incoming` changes in records of kind `T`: those
/// added, those updated, and the text fields left with a new conflict.
pub(crate) fn preview_kind<T: SyncRecord>(
    local: &Dataset,
    incoming: &Dataset,
    merged: &Dataset,
    preview: &mut ImportPreview,
) {
    for record in incoming.records::<T>() {
        let id = record.record_id();
        let after = merged
            .get::<T>(id)
            .expect("every incoming record is in the merge");
        let record = RecordRef { kind: T::KIND, id };
        let before = local.get::<T>(id);
        match before {
            None => preview.added.push(record),
            Some(before) if before != after => preview.updated.push(record),
            Some(_) => continue,
        }
        let new_conflicts = T::new_conflicts(before, after).into_iter();
        preview
            .new_conflicts
            .extend(new_conflicts.map(|field| ConflictRef { record, field }));
    }
}

fn preview(local: &Dataset, incoming: &Dataset, merged: &Dataset) -> ImportPreview {
    let mut preview = ImportPreview::default();
    RecordKind::ALL
        .into_iter()
        .for_each(|kind| kind.ops().preview(local, incoming, merged, &mut preview));
    preview
}

/// Checks `file` against this device's data and clock (`now_millis`) and
/// merges it in memory with `local`, writing nothing.
pub fn prepare_import(
    local: &Dataset,
    file: ExportFile,
    now_millis: u64,
) -> Result<PreparedImport, ImportError> {
    let newest_stamp = check_drift(&file, now_millis)?;
    if let Some(since) = file.since() {
        if !local.version_vector().includes(since) {
            return Err(ImportError::MissingEarlierChanges);
        }
    }
    let incoming = file.into_dataset();
    let merged = local.clone().merge(incoming.clone());
    Ok(PreparedImport {
        preview: preview(local, &incoming, &merged),
        merged,
        newest_stamp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::ClientInput;
    use crate::date::CalendarDate;

    const HOUR: u64 = 60 * 60 * 1000;

    fn device(byte: u8) -> DeviceId {
        DeviceId::from_bytes([byte; 16])
    }

    fn stamp(wall: u64, byte: u8) -> Hlc {
        Hlc::from_parts(wall, 0, device(byte))
    }

    fn today() -> CalendarDate {
        "2026-11-27".parse().unwrap()
    }

    fn client(id: u8, notes: &str, at: Hlc) -> Client {
        let input = ClientInput {
            full_name: "Ada".into(),
            notes: notes.into(),
            ..ClientInput::default()
        };
        Client::create(
            RecordId::from_bytes([id; 16]),
            input.validate(today()).unwrap(),
            at,
        )
    }

    fn with_notes(client: &Client, notes: &str, at: Hlc) -> Client {
        let mut edited = client.clone();
        let input = ClientInput {
            notes: notes.into(),
            ..client.to_input()
        };
        edited.edit(input.validate(today()).unwrap(), at);
        edited
    }

    #[test]
    fn preview_lists_added_updated_and_conflicts_and_writes_nothing() {
        let shared = client(1, "base", stamp(HOUR, 1));
        let local: Dataset = [with_notes(&shared, "mine", stamp(3 * HOUR, 1))]
            .into_iter()
            .collect();
        let incoming: Dataset = [
            with_notes(&shared, "theirs", stamp(2 * HOUR, 2)),
            client(2, "", stamp(2 * HOUR, 2)),
        ]
        .into_iter()
        .collect();
        let before = local.clone();
        let prepared = prepare_import(
            &local,
            ExportFile::full(incoming, stamp(2 * HOUR, 2)),
            4 * HOUR,
        )
        .unwrap();
        assert_eq!(local, before);
        let preview = prepared.preview();
        let client_ref = |id: u8| RecordRef {
            kind: RecordKind::Client,
            id: RecordId::from_bytes([id; 16]),
        };
        assert_eq!(preview.added, [client_ref(2)]);
        assert_eq!(preview.updated, [client_ref(1)]);
        assert_eq!(
            preview.new_conflicts,
            [ConflictRef {
                record: client_ref(1),
                field: TextField::Notes
            }]
        );
        assert_eq!(prepared.changed_clients().count(), 2);
        assert_eq!(prepared.newest_stamp(), stamp(2 * HOUR, 2));
    }

    #[test]
    fn importing_the_same_file_twice_changes_nothing() {
        let file = ExportFile::full(
            [client(1, "a", stamp(HOUR, 2))].into_iter().collect(),
            stamp(HOUR, 2),
        );
        let once = prepare_import(&Dataset::new(), file.clone(), HOUR)
            .unwrap()
            .into_merged();
        let twice = prepare_import(&once, file, HOUR).unwrap();
        assert!(twice.preview().is_empty());
        assert_eq!(twice.merged(), &once);
        assert_eq!(twice.changed_clients().count(), 0);
    }

    #[test]
    fn a_clock_a_year_ahead_is_refused_naming_the_device() {
        let year = 365 * 24 * HOUR;
        let file = ExportFile::full(
            [client(1, "a", stamp(year + HOUR, 3))]
                .into_iter()
                .collect(),
            stamp(HOUR, 2),
        );
        let error = prepare_import(&Dataset::new(), file, HOUR).unwrap_err();
        assert_eq!(
            error,
            ImportError::ClockAhead {
                device: device(3),
                ahead_hours: 365 * 24
            }
        );
        assert!(error.to_string().contains(&device(3).to_string()));
    }

    #[test]
    fn drift_up_to_the_bound_is_accepted() {
        let file = ExportFile::full(Dataset::new(), stamp(MAX_CLOCK_DRIFT_MILLIS + HOUR, 2));
        assert!(prepare_import(&Dataset::new(), file, HOUR).is_ok());
    }

    #[test]
    fn changes_since_an_export_not_imported_here_are_refused() {
        let first: Dataset = [client(1, "a", stamp(HOUR, 2))].into_iter().collect();
        let mark = first.version_vector();
        let second = first
            .clone()
            .merge([client(2, "b", stamp(2 * HOUR, 2))].into_iter().collect());
        let delta = ExportFile::changes_since(&second, stamp(2 * HOUR, 2), mark);
        assert_eq!(delta.dataset().count(RecordKind::Client), 1);
        assert_eq!(
            prepare_import(&Dataset::new(), delta.clone(), 3 * HOUR).unwrap_err(),
            ImportError::MissingEarlierChanges
        );
        let merged = prepare_import(&first, delta, 3 * HOUR)
            .unwrap()
            .into_merged();
        assert_eq!(merged, second);
    }
}
