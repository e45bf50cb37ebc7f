//! Preparing an import: everything is checked and merged in memory, and a
//! preview says what would change, before a single record is written.
//!
//! The caller shows the preview, then writes [`PreparedImport::changed_clients`]
//! in one transaction (all or nothing) and lets its clock move past
//! [`PreparedImport::newest_stamp`] ([`crate::base::hlc::HlcClock::advance`]) so
//! its next edits sort after the imported ones. Importing the same file
//! twice yields an empty preview.
//!
//! A file can be hostile as well as damaged, so the import refuses what
//! would poison this device's data for good: a record whose id this device
//! uses for another kind ([`ImportError::IdCollision`]), and stamps further
//! ahead of this device's clock than clocks drift, unless the therapist
//! accepts them ([`ImportOptions::accept_clock_ahead`]). A record that never
//! changes once made (a signed note, an intake, a score) is never replaced
//! by a different copy from a file: this device keeps its own and the
//! preview lists it ([`ImportPreview::kept_here`]).
//!
//! **Clocks set ahead.** A tablet whose date was moved forward stamps its
//! edits in the future. Refusing its files protects against a wrong clock
//! winning every later edit, but would also lock out that tablet's data —
//! its backup included — until real time caught up. Accepting such a file
//! is safe for the merge: stamps only order edits, merging stays a join,
//! and [`crate::base::hlc::HlcClock::advance`] moves this device's clock past the
//! file's newest stamp, so every edit made here afterwards still wins over
//! what the file held (the therapist saw it), while edits made elsewhere
//! meanwhile are kept as conflicts, as for any file. The only cost is that
//! this device's stamps run ahead of its wall clock until real time catches
//! up. `crates/core/tests/laws.rs` proves the sync laws with clocks days
//! ahead.

use crate::base::hlc::{Hlc, MAX_CLOCK_DRIFT_MILLIS};
use crate::base::ids::{DeviceId, RecordId};
use crate::clients::client::Client;
use crate::clients::client_sync::TextField;
use crate::sync::dataset::{with_record_type, Dataset, RecordKind, RecordRef, SyncRecord};
use crate::sync::export::ExportFile;

const HOUR_MILLIS: u64 = 60 * 60 * 1000;
const DAY_MILLIS: u64 = 24 * HOUR_MILLIS;

/// Why a well-formed file cannot be imported on this device.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// A stamp lies further in this device's future than clocks drift, and
    /// the therapist has not accepted that.
    #[error(
        "This file's clock is {ahead_days} days ahead of this device's: changes in it were \
         made {ahead_hours} hours in this device's future, by the device {device}. One of the \
         two clocks is wrong: check the date and time on both devices. If this device's \
         clock is right and you trust the file (for example, the backup of a tablet whose \
         date was set ahead), you can import it anyway. Nothing was imported."
    )]
    ClockAhead {
        /// The device whose stamp is furthest ahead.
        device: DeviceId,
        /// How far ahead, in whole hours.
        ahead_hours: u64,
        /// How far ahead, in days, counting a part day as a day.
        ahead_days: u64,
    },
    /// The file holds only changes since an export this device lacks.
    #[error(
        "This file holds only the changes made since an earlier export that this device has \
         not imported. Import that earlier file first, or make a full export instead. \
         Nothing was imported."
    )]
    MissingEarlierChanges,
    /// The file uses an id this device gives to a record of another kind.
    #[error(
        "This file's {file} {id} has the same id as this device's {here}, so one would be \
         taken for the other. The file is damaged or was not made by Stillpoint. Nothing \
         was imported."
    )]
    IdCollision {
        /// The shared id.
        id: RecordId,
        /// The kind of the record on this device.
        here: RecordKind,
        /// The kind of the record in the file.
        file: RecordKind,
    },
}

/// What the therapist has agreed to before importing.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct ImportOptions {
    /// Import a file whose stamps are further ahead of this device's clock
    /// than clocks drift ([`ImportError::ClockAhead`]), after the therapist
    /// was told how far and chose "Import anyway". Off by default.
    pub accept_clock_ahead: bool,
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

/// A record that never changes once made, which the file holds with
/// other content than this device: the file's copy was not imported.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Debug,
    serde::Serialize,
    serde::Deserialize,
    thiserror::Error,
)]
#[error(
    "This file changes the {} {}, which can never change once made. This device keeps its \
     own copy; the file's copy was not imported.",
    record.kind, record.id
)]
pub struct ChangedRecord {
    /// The record.
    pub record: RecordRef,
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
    /// Records that never change which the file holds differently: this
    /// device keeps its own copy of each.
    pub kept_here: Vec<ChangedRecord>,
    /// How many days ahead of this device's clock the file's newest stamp
    /// is, when that is more than clocks drift and the therapist accepted
    /// it ([`ImportOptions::accept_clock_ahead`]).
    pub ahead_by_days: Option<u64>,
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
    /// [`crate::base::hlc::HlcClock::advance`] when the import is written (the
    /// drift check is done).
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

/// The file's newest stamp, or [`ImportError::ClockAhead`] when a stamp is
/// more than [`MAX_CLOCK_DRIFT_MILLIS`] after `now_millis` and that was not
/// accepted; accepted, how many days ahead it is. Every stamp counts: the
/// records' own, everything they claim to have seen, the file's clock mark
/// and what it says the receiver holds.
fn check_drift(
    file: &ExportFile,
    now_millis: u64,
    options: ImportOptions,
) -> Result<(Hlc, Option<u64>), ImportError> {
    let seen = file.dataset().version_vector();
    let claimed = file.since().into_iter().flat_map(|since| since.stamps());
    let stamps: Vec<Hlc> = std::iter::once(file.high_water())
        .chain(file.dataset().stamps())
        .chain(seen.stamps())
        .chain(claimed)
        .collect();
    let newest = stamps.iter().copied().max().unwrap_or(file.high_water());
    let furthest = stamps
        .iter()
        .copied()
        .max_by_key(|stamp| stamp.wall_millis())
        .unwrap_or(file.high_water());
    let ahead = furthest.wall_millis().saturating_sub(now_millis);
    if ahead <= MAX_CLOCK_DRIFT_MILLIS {
        return Ok((newest, None));
    }
    let ahead_days = ahead.div_ceil(DAY_MILLIS);
    if options.accept_clock_ahead {
        return Ok((newest, Some(ahead_days)));
    }
    Err(ImportError::ClockAhead {
        device: furthest.device(),
        ahead_hours: ahead / HOUR_MILLIS,
        ahead_days,
    })
}

/// Adds what importing the records `incoming` (their ids, of kind `T`)
/// changes: those added, those updated, and the text fields left with a
/// new conflict.
fn preview_kind<T: SyncRecord>(
    local: &Dataset,
    incoming: &[RecordId],
    merged: &Dataset,
    preview: &mut ImportPreview,
) {
    for &id in incoming {
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

/// The ids of `incoming`'s records, kind by kind in [`RecordKind::ALL`]'s
/// order: all the preview needs of the file once it is merged, so the
/// merge can take the file's records instead of a copy of them (a whole
/// practice is 96,000 records; BENCHMARKS.md, issue 14).
fn ids_by_kind(incoming: &Dataset) -> Vec<Vec<RecordId>> {
    RecordKind::ALL
        .into_iter()
        .map(|kind| {
            with_record_type!(kind, T => incoming.records::<T>().map(SyncRecord::record_id).collect())
        })
        .collect()
}

fn preview(local: &Dataset, incoming: &[Vec<RecordId>], merged: &Dataset) -> ImportPreview {
    let mut preview = ImportPreview::default();
    RecordKind::ALL
        .into_iter()
        .zip(incoming)
        .for_each(|(kind, ids)| {
            with_record_type!(kind, T => preview_kind::<T>(local, ids, merged, &mut preview))
        });
    preview
}

/// Checks `file` against this device's data and clock (`now_millis`) and
/// merges it in memory with `local`, writing nothing. `options` says what
/// the therapist accepted.
pub fn prepare_import(
    local: &Dataset,
    file: ExportFile,
    now_millis: u64,
    options: ImportOptions,
) -> Result<PreparedImport, ImportError> {
    let (newest_stamp, ahead_by_days) = check_drift(&file, now_millis, options)?;
    if let Some(since) = file.since() {
        if !local.version_vector().includes(since) {
            return Err(ImportError::MissingEarlierChanges);
        }
    }
    let mut incoming = file.into_dataset();
    if let Some((id, here, file)) = local.id_shared_with(&incoming) {
        return Err(ImportError::IdCollision { id, here, file });
    }
    let mut kept = Vec::new();
    RecordKind::ALL
        .into_iter()
        .for_each(|kind| kind.ops().keep_held(local, &mut incoming, &mut kept));
    let incoming_ids = ids_by_kind(&incoming);
    let merged = local.clone().merge(incoming);
    let mut preview = preview(local, &incoming_ids, &merged);
    preview.kept_here = kept
        .into_iter()
        .map(|record| ChangedRecord { record })
        .collect();
    preview.ahead_by_days = ahead_by_days;
    Ok(PreparedImport {
        preview,
        merged,
        newest_stamp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::date::CalendarDate;
    use crate::clients::client::ClientInput;

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
            ImportOptions::default(),
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
        let once = prepare_import(
            &Dataset::new(),
            file.clone(),
            HOUR,
            ImportOptions::default(),
        )
        .unwrap()
        .into_merged();
        let twice = prepare_import(&once, file, HOUR, ImportOptions::default()).unwrap();
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
        let error =
            prepare_import(&Dataset::new(), file, HOUR, ImportOptions::default()).unwrap_err();
        assert_eq!(
            error,
            ImportError::ClockAhead {
                device: device(3),
                ahead_hours: 365 * 24,
                ahead_days: 365
            }
        );
        assert!(error.to_string().contains(&device(3).to_string()));
    }

    #[test]
    fn drift_up_to_the_bound_is_accepted() {
        let file = ExportFile::full(Dataset::new(), stamp(MAX_CLOCK_DRIFT_MILLIS + HOUR, 2));
        assert!(prepare_import(&Dataset::new(), file, HOUR, ImportOptions::default()).is_ok());
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
            prepare_import(
                &Dataset::new(),
                delta.clone(),
                3 * HOUR,
                ImportOptions::default()
            )
            .unwrap_err(),
            ImportError::MissingEarlierChanges
        );
        let merged = prepare_import(&first, delta, 3 * HOUR, ImportOptions::default())
            .unwrap()
            .into_merged();
        assert_eq!(merged, second);
    }
}
