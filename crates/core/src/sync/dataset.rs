//! Everything one device holds, of every record kind, keyed by record id:
//! the state that export files carry and that merging combines.
//!
//! Merging is a join: it is commutative, associative and idempotent, so two
//! devices that have exchanged files in any order, any number of times, hold
//! the same data.
//!
//! Every kind is handled by the same generic code through [`SyncRecord`]
//! (what a kind must tell: its id, how two copies merge, its stamps, its
//! checks) and [`RecordKind`], made with the dataset's maps and the local
//! lists from one table (`record_kinds!`), so adding a kind is a row there
//! and its merge behaviour in `sync_kinds` (one of `immutable_record!`,
//! `merged_record!` or `definition_record!`), never a copied code path.
//!
//! Removals are tombstones: a deleted client, a discarded draft and a
//! removed rule or instrument stay as records, so a file made before the
//! removal never brings them back.
//!
//! One rule spans two kinds: a
//! [`SignedSession`](crate::clinical::session::SignedSession) supersedes the
//! [`SessionDraft`] with its id. Signing is final, but a device that has not
//! heard of it yet may still edit the draft, so the draft is kept, merged
//! like any record, and only hidden: [`Dataset::open_drafts`] leaves it out
//! for good once the signed session is held. Nothing is erased, every kind
//! merges on its own, and merging stays a join.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::base::date::CalendarDate;
use crate::base::hlc::Hlc;
use crate::base::ids::RecordId;
use crate::clients::client::Client;
use crate::clients::client_sync::{RecordProblem, TextField};
use crate::clinical::session::{unsigned_drafts, SessionDraft};
use crate::merge::version_vector::VersionVector;
use crate::sync::canonical;

/// The one table of record kinds. Each row gives a kind's variant and
/// documentation, the Rust type of its records, its name in export files
/// (also the name of its map in [`Dataset`] and its list in
/// [`LocalRecords`]), and its name for one record in a sentence. From it
/// come [`RecordKind`], [`RecordKind::ALL`], [`RecordKind::plural`], the
/// kind's name, `with_record_type!`, the dataset's maps, the local lists
/// and each type's [`SyncRecord::KIND`]; so adding a kind is a row here (at
/// the end: files of older schema versions list a prefix of the kinds),
/// its merge behaviour in `sync_kinds`, and where the app stores it.
/// (`$d` is a `$`, for the macro this one writes.)
macro_rules! record_kinds {
    ($d:tt $(
        $(#[$doc:meta])*
        $kind:ident: $record:ty, $plural:ident, $one:literal;
    )*) => {
        /// The kinds of record an export file can hold, in the order files
        /// list them; see `record_kinds!` for what a kind is made of. Code
        /// outside core reaches every kind through [`RecordKind::visit`].
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub enum RecordKind {
            $(
                $(#[$doc])*
                $kind,
            )*
        }

        impl RecordKind {
            /// Every kind, in the order files list them.
            pub const ALL: [Self; [$(Self::$kind),*].len()] = [$(Self::$kind),*];

            /// Every kind's name in export files, in the same order.
            const NAMES: &'static [&'static str] = &[$(stringify!($plural)),*];

            /// The kind's name in export files and CSV file names.
            pub fn plural(self) -> &'static str {
                match self {
                    $(Self::$kind => stringify!($plural),)*
                }
            }

            /// The kind's name for one record, as it reads in a sentence.
            fn one(self) -> &'static str {
                match self {
                    $(Self::$kind => $one,)*
                }
            }
        }

        /// Runs `$body` with `$t` standing for the Rust type that holds
        /// records of `$kind`: how the dataset's own operations, the parser
        /// and the import preview reach every kind without listing them,
        /// with the compiler naming any kind a new variant leaves out.
        macro_rules! with_record_type {
            ($d kind_value:expr, $d t:ident => $d body:expr) => {{
                use $d crate::sync::dataset::RecordKind as Kind;
                match $d kind_value {
                    $(Kind::$kind => {
                        type $d t = $record;
                        $d body
                    })*
                }
            }};
        }

        /// Every record a device holds.
        #[derive(Clone, PartialEq, Eq, Debug, Default)]
        pub struct Dataset {
            $(pub(crate) $plural: BTreeMap<RecordId, $record>,)*
        }

        /// This device's records, as the app read them from storage: one
        /// list per kind, named as in export files (and as the
        /// [`Dataset`]'s maps). The app fills and reads it kind by kind
        /// ([`Self::set`], [`Self::of`]) through [`RecordKind::visit`], and
        /// the sync worker receives it whole.
        #[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
        #[serde(default)]
        pub struct LocalRecords {
            $(
                $(#[$doc])*
                pub $plural: Vec<$record>,
            )*
        }

        $(
            impl Held for $record {
                const KIND: RecordKind = RecordKind::$kind;

                fn held(dataset: &Dataset) -> &BTreeMap<RecordId, Self> {
                    &dataset.$plural
                }

                fn held_mut(dataset: &mut Dataset) -> &mut BTreeMap<RecordId, Self> {
                    &mut dataset.$plural
                }

                fn listed(records: &LocalRecords) -> &Vec<Self> {
                    &records.$plural
                }

                fn listed_mut(records: &mut LocalRecords) -> &mut Vec<Self> {
                    &mut records.$plural
                }
            }
        )*
    };
}

record_kinds! {$
    /// Client records.
    Client: crate::clients::client::Client, clients, "client";
    /// Health intakes.
    Intake: crate::clinical::intake::Intake, intakes, "intake";
    /// Session notes not yet signed.
    SessionDraft: crate::clinical::session::SessionDraft, session_drafts, "session draft";
    /// Signed session notes.
    SignedSession: crate::clinical::session::SignedSession, signed_sessions, "signed session";
    /// Corrections to signed notes.
    Amendment: crate::clinical::amendment::Amendment, amendments, "amendment";
    /// Outcome scores.
    Measure: crate::outcomes::measure::Measure, measures, "measure";
    /// Versions of treatment plans.
    PlanVersion: crate::outcomes::plan::PlanVersion, plan_versions, "plan version";
    /// The therapist's own contraindication rules, removed ones included.
    CustomRule: crate::clinical::contraindication_rules::OwnRule, custom_rules, "custom rule";
    /// The therapist's own outcome instruments, removed ones included.
    CustomInstrument: crate::outcomes::custom_instrument::OwnInstrument, custom_instruments, "custom instrument";
    /// Versions of clients' self-care plans.
    CarePlan: crate::selfcare::care_plan::CarePlanVersion, care_plans, "self-care plan";
    /// Clients' diaries of their self-care plans.
    Diary: crate::selfcare::diary::Diary, diaries, "diary";
    /// The therapist's own and edited home-care items, removed ones included.
    CareLibraryItem: crate::selfcare::library::LibraryItem, care_library, "home-care item";
    /// What each device is called, this one included once named.
    DeviceName: crate::sync::device_name::DeviceName, device_names, "device name";
}
pub(crate) use with_record_type;

/// A kind is written by its name in export files ([`RecordKind::plural`]).
impl Serialize for RecordKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.plural())
    }
}

impl<'de> Deserialize<'de> for RecordKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        RecordKind::ALL
            .into_iter()
            .find(|kind| kind.plural() == name)
            .ok_or_else(|| serde::de::Error::unknown_variant(&name, RecordKind::NAMES))
    }
}

/// A record named by its kind and id.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Serialize, Deserialize)]
pub struct RecordRef {
    /// The record's kind.
    pub kind: RecordKind,
    /// The record's id.
    pub id: RecordId,
}

impl RecordKind {
    /// Whether records of `self` and `other` may share an id: records of
    /// one kind merge by id, and a signed session keeps the id of the
    /// draft it was signed from. Any other sharing would make one record
    /// be taken for another, so files that hold it are refused.
    pub fn may_share_id(self, other: Self) -> bool {
        let draft_and_signed = [Self::SessionDraft, Self::SignedSession];
        self == other || (draft_and_signed.contains(&self) && draft_and_signed.contains(&other))
    }

    /// Runs `visitor` with the Rust type that holds records of this kind,
    /// so code outside core can handle every kind with one generic
    /// function, never a list of kinds.
    pub fn visit<V: KindVisitor>(self, visitor: V) -> V::Output {
        with_record_type!(self, T => visitor.visit::<T>())
    }

    /// The generic code that handles this kind.
    pub(crate) fn ops(self) -> &'static dyn KindOps {
        with_record_type!(self, T => &Kind::<T>(PhantomData))
    }
}

/// Work done the same way for every record kind, given the kind's type:
/// [`RecordKind::visit`] calls [`KindVisitor::visit`] with it. Looping over
/// [`RecordKind::ALL`] with a visitor reaches every kind, and a kind added
/// later, without naming any.
pub trait KindVisitor {
    /// What the work gives back.
    type Output;

    /// Does the work for the kind whose records are `T`s.
    fn visit<T: SyncRecord>(self) -> Self::Output;
}

/// The kind's name for one record, as it reads in a sentence.
impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.one())
    }
}

/// Where a kind's records live in a [`Dataset`] and in [`LocalRecords`]. A
/// public trait in a private module, so only [`Dataset::insert`] and
/// merging change the maps and no outside crate can add a kind.
mod sealed {
    use std::collections::BTreeMap;

    use super::{Dataset, LocalRecords, RecordKind};
    use crate::base::ids::RecordId;

    /// A kind's place in the table: its kind, map and list.
    pub trait Held: Sized {
        /// The kind.
        const KIND: RecordKind;

        /// This kind's records in `dataset`.
        fn held(dataset: &Dataset) -> &BTreeMap<RecordId, Self>;

        /// This kind's records in `dataset`, to change.
        fn held_mut(dataset: &mut Dataset) -> &mut BTreeMap<RecordId, Self>;

        /// This kind's list in `records`.
        fn listed(records: &LocalRecords) -> &Vec<Self>;

        /// This kind's list in `records`, to change.
        fn listed_mut(records: &mut LocalRecords) -> &mut Vec<Self>;
    }
}

pub(crate) use sealed::Held;

/// What sync needs to know about one record kind.
pub trait SyncRecord:
    Held + Clone + Eq + fmt::Debug + Serialize + DeserializeOwned + 'static
{
    /// The record's permanent id.
    fn record_id(&self) -> RecordId;

    /// Combines two copies with the same id; commutative, associative and
    /// idempotent. Immutable kinds keep one copy (see [`crate::merge::gset`]).
    fn join(self, other: Self) -> Self;

    /// Every stamp the record holds: what it tells about each device's clock.
    fn all_stamps(&self) -> Vec<Hlc>;

    /// Which changes this copy reflects. For records without histories
    /// (immutable ones, drafts of last-writer-wins sections) that is their
    /// stamps.
    fn seen(&self) -> VersionVector {
        self.all_stamps().into_iter().collect()
    }

    /// Whether this copy claims to have seen a change newer than any it
    /// holds: a record no device writes, refused when read from a file.
    fn seen_ahead(&self) -> bool {
        let newest = self.all_stamps().into_iter().max();
        self.seen().stamps().any(|seen| Some(seen) > newest)
    }

    /// Checks a record read from a file against the rules the app keeps.
    fn check(&self) -> Result<(), RecordProblem>;

    /// The client whose record this is, for kinds whose every record
    /// belongs to one client and is kept with that client's others (a
    /// device stores them per client, so an import hands them over
    /// grouped: [`crate::sync::sync_job::RecordTexts`]). `None` for the
    /// rest.
    fn client(&self) -> Option<RecordId> {
        None
    }

    /// For a kind whose records each belong to a signed session but do
    /// not name its client (amendments), that session: a device keeps the
    /// record with the session's client's others, so an import hands it
    /// over in that client's run, found through the session
    /// ([`crate::sync::sync_job::RecordTexts`]). `None` for the rest.
    fn corrected_session(&self) -> Option<RecordId> {
        None
    }

    /// The day of the session the record notes, where it notes one: the
    /// day's list finds signed notes by it.
    fn session_date(&self) -> Option<CalendarDate> {
        None
    }

    /// For kinds whose records never change once made: when `incoming`
    /// (from a file) is a different record under `held`'s id, the copy to
    /// keep instead of merging — `held`, noting what `incoming` has seen
    /// where the kind can note it — so an import never replaces a signed
    /// note, an intake or a score. `None` when the two merge as usual,
    /// which kinds that change always do.
    fn keep_held(_held: &Self, _incoming: &Self) -> Option<Self> {
        None
    }

    /// The text fields that `after` (this record once merged) holds
    /// concurrent versions of that `before` (the local copy) did not.
    fn new_conflicts(_before: Option<&Self>, _after: &Self) -> Vec<TextField> {
        Vec::new()
    }
}

/// The per-kind work that [`Dataset`], the exporter, the parser and the
/// import preview do, written once for every [`SyncRecord`] and reached
/// through [`RecordKind::ops`].
pub(crate) trait KindOps: Sync {
    /// How many records of the kind `dataset` holds.
    fn count(&self, dataset: &Dataset) -> usize;
    /// The ids of the kind's records in `dataset`.
    fn ids(&self, dataset: &Dataset) -> Vec<RecordId>;
    /// Whether `dataset` holds a record of the kind with `id`.
    fn holds(&self, dataset: &Dataset, id: RecordId) -> bool;
    /// Replaces each record of `incoming` that would change a record of
    /// `local` which never changes by what [`SyncRecord::keep_held`] keeps,
    /// listing it in `kept`.
    fn keep_held(&self, local: &Dataset, incoming: &mut Dataset, kept: &mut Vec<RecordRef>);
    /// Moves every record of the kind from `from` into `into`, merging.
    fn absorb(&self, into: &mut Dataset, from: &mut Dataset);
    /// Adds every stamp of the kind's records to `out`.
    fn stamps(&self, dataset: &Dataset, out: &mut Vec<Hlc>);
    /// Joins every record's `seen` into `vector`.
    fn join_seen(&self, dataset: &Dataset, vector: &mut VersionVector);
    /// Copies the records `since` does not include into `out`.
    fn copy_changes(&self, dataset: &Dataset, since: &VersionVector, out: &mut Dataset);
    /// Appends the kind's records to `out` as a canonical JSON list, in id
    /// order.
    fn write_canonical(&self, dataset: &Dataset, out: &mut Vec<u8>);
    /// Moves the kind's list out of `records` into `into`, merging.
    fn absorb_listed(&self, into: &mut Dataset, records: &mut LocalRecords);
}

/// The [`KindOps`] of the record type `T`.
struct Kind<T>(PhantomData<fn() -> T>);

impl<T: SyncRecord> KindOps for Kind<T> {
    fn count(&self, dataset: &Dataset) -> usize {
        T::held(dataset).len()
    }

    fn ids(&self, dataset: &Dataset) -> Vec<RecordId> {
        T::held(dataset).keys().copied().collect()
    }

    fn holds(&self, dataset: &Dataset, id: RecordId) -> bool {
        T::held(dataset).contains_key(&id)
    }

    fn keep_held(&self, local: &Dataset, incoming: &mut Dataset, kept: &mut Vec<RecordRef>) {
        for (id, record) in T::held_mut(incoming) {
            let Some(held) = T::held(local).get(id) else {
                continue;
            };
            if let Some(keep) = T::keep_held(held, record) {
                *record = keep;
                kept.push(RecordRef {
                    kind: T::KIND,
                    id: *id,
                });
            }
        }
    }

    fn absorb(&self, into: &mut Dataset, from: &mut Dataset) {
        let incoming = std::mem::take(T::held_mut(from));
        let held = T::held_mut(into);
        if held.is_empty() {
            // Nothing to join with: taken whole (an import into a new
            // device moves 100,000 records; BENCHMARKS.md, issue 14).
            *held = incoming;
            return;
        }
        incoming
            .into_values()
            .for_each(|record| into.insert(record));
    }

    fn stamps(&self, dataset: &Dataset, out: &mut Vec<Hlc>) {
        out.extend(T::held(dataset).values().flat_map(T::all_stamps));
    }

    fn join_seen(&self, dataset: &Dataset, vector: &mut VersionVector) {
        T::held(dataset)
            .values()
            .for_each(|record| vector.join(&record.seen()));
    }

    fn copy_changes(&self, dataset: &Dataset, since: &VersionVector, out: &mut Dataset) {
        T::held(dataset)
            .values()
            .filter(|record| !since.includes(&record.seen()))
            .for_each(|record| out.insert(record.clone()));
    }

    fn write_canonical(&self, dataset: &Dataset, out: &mut Vec<u8>) {
        canonical::write_canonical(&T::held(dataset).values().collect::<Vec<_>>(), out);
    }
    fn absorb_listed(&self, into: &mut Dataset, records: &mut LocalRecords) {
        into.extend(records.take::<T>());
    }
}

impl LocalRecords {
    /// The records of type `T`.
    pub fn of<T: SyncRecord>(&self) -> &[T] {
        T::listed(self)
    }

    /// Takes the records of type `T` out, leaving none.
    pub fn take<T: SyncRecord>(&mut self) -> Vec<T> {
        std::mem::take(T::listed_mut(self))
    }

    /// Replaces the records of type `T` with `records`.
    pub fn set<T: SyncRecord>(&mut self, records: Vec<T>) {
        *T::listed_mut(self) = records;
    }

    /// The records as a dataset to export or merge into.
    pub fn into_dataset(mut self) -> Dataset {
        let mut dataset = Dataset::new();
        RecordKind::ALL
            .into_iter()
            .for_each(|kind| kind.ops().absorb_listed(&mut dataset, &mut self));
        dataset
    }
}

impl Dataset {
    /// A dataset with no records.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a record, merged with the copy already held under its id.
    pub fn insert<T: SyncRecord>(&mut self, record: T) {
        let held = T::held_mut(self);
        match held.entry(record.record_id()) {
            Entry::Vacant(vacant) => {
                vacant.insert(record);
            }
            Entry::Occupied(occupied) => {
                let (id, kept) = occupied.remove_entry();
                held.insert(id, kept.join(record));
            }
        }
    }

    /// Adds every record of `records`, as [`Self::insert`] does.
    pub fn extend<T: SyncRecord>(&mut self, records: impl IntoIterator<Item = T>) {
        records.into_iter().for_each(|record| self.insert(record));
    }

    /// Adds a client, merged with the copy already held under its id.
    pub fn insert_client(&mut self, client: Client) {
        self.insert(client);
    }

    /// The record of type `T` with `id`, if held.
    pub fn get<T: SyncRecord>(&self, id: RecordId) -> Option<&T> {
        T::held(self).get(&id)
    }

    /// Every record of type `T`, in id order.
    pub fn records<T: SyncRecord>(&self) -> impl Iterator<Item = &T> {
        T::held(self).values()
    }

    /// The client with `id`, if held (deleted ones included).
    pub fn client(&self, id: RecordId) -> Option<&Client> {
        self.get(id)
    }

    /// Every client, deleted ones included, in id order.
    pub fn clients(&self) -> impl Iterator<Item = &Client> {
        self.records()
    }

    /// The session drafts still being written: those neither discarded nor
    /// signed. A draft discarded anywhere, or whose signed session is held,
    /// is never shown again, whatever edits reach it later.
    pub fn open_drafts(&self) -> impl Iterator<Item = &SessionDraft> {
        unsigned_drafts(self.session_drafts.values(), |id| {
            self.signed_sessions.contains_key(&id)
        })
        .filter(|draft| !draft.is_discarded())
    }

    /// How many records of `kind` are held, deleted ones included.
    pub fn count(&self, kind: RecordKind) -> usize {
        kind.ops().count(self)
    }

    /// How many records are held, of every kind.
    pub fn total(&self) -> usize {
        RecordKind::ALL
            .into_iter()
            .map(|kind| self.count(kind))
            .sum()
    }

    /// Combines two datasets record by record.
    pub fn merge(mut self, mut other: Self) -> Self {
        RecordKind::ALL
            .into_iter()
            .for_each(|kind| kind.ops().absorb(&mut self, &mut other));
        self
    }

    /// An id that `incoming` uses for a record of another kind than this
    /// dataset does (beyond [`RecordKind::may_share_id`]): the id, its kind
    /// here and its kind in `incoming`. Merged, the two would make every
    /// later file of this device unreadable.
    pub fn id_shared_with(&self, incoming: &Self) -> Option<(RecordId, RecordKind, RecordKind)> {
        RecordKind::ALL.into_iter().find_map(|file_kind| {
            file_kind.ops().ids(incoming).into_iter().find_map(|id| {
                RecordKind::ALL
                    .into_iter()
                    .find(|here| !here.may_share_id(file_kind) && here.ops().holds(self, id))
                    .map(|here| (id, here, file_kind))
            })
        })
    }

    /// Every stamp held, in no particular order.
    pub fn stamps(&self) -> impl Iterator<Item = Hlc> {
        let mut stamps = Vec::new();
        RecordKind::ALL
            .into_iter()
            .for_each(|kind| kind.ops().stamps(self, &mut stamps));
        stamps.into_iter()
    }

    /// Which changes this dataset reflects: for each device, the newest of
    /// its stamps that any record has held. It only grows, so remember it
    /// when exporting for a device and pass it to [`Self::changes_since`]
    /// next time.
    pub fn version_vector(&self) -> VersionVector {
        let mut vector = VersionVector::new();
        RecordKind::ALL
            .into_iter()
            .for_each(|kind| kind.ops().join_seen(self, &mut vector));
        vector
    }

    /// The records that reflect a change `since` does not: all that a
    /// device which has everything `since` describes is missing. Records go
    /// whole, since merging a whole record is always safe.
    pub fn changes_since(&self, since: &VersionVector) -> Self {
        let mut changes = Self::new();
        RecordKind::ALL
            .into_iter()
            .for_each(|kind| kind.ops().copy_changes(self, since, &mut changes));
        changes
    }
}

impl FromIterator<Client> for Dataset {
    fn from_iter<I: IntoIterator<Item = Client>>(clients: I) -> Self {
        let mut dataset = Self::new();
        dataset.extend(clients);
        dataset
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::ids::DeviceId;
    use crate::clients::client::ClientInput;
    use crate::outcomes::measure::Measure;

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

    /// Tells which kind a visit was made for, by the type it was given.
    struct KindOf;

    impl KindVisitor for KindOf {
        type Output = RecordKind;

        fn visit<T: SyncRecord>(self) -> RecordKind {
            T::KIND
        }
    }

    #[test]
    fn a_visit_is_made_with_the_kinds_own_type() {
        for kind in RecordKind::ALL {
            assert_eq!(kind.visit(KindOf), kind);
        }
    }

    #[test]
    fn local_records_are_read_and_replaced_kind_by_kind() {
        let ada = client(1, "Ada", stamp(1, 1));
        let mut records = LocalRecords {
            clients: vec![ada.clone()],
            ..LocalRecords::default()
        };
        assert_eq!(records.of::<Client>(), std::slice::from_ref(&ada));
        assert!(records.of::<Measure>().is_empty());
        let dataset = records.clone().into_dataset();
        assert_eq!(dataset.clients().collect::<Vec<_>>(), [&ada]);
        assert_eq!(records.take::<Client>(), [ada]);
        assert_eq!(records, LocalRecords::default());
    }

    #[test]
    fn kinds_are_named_for_files_and_sentences() {
        for kind in RecordKind::ALL {
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.plural())
            );
        }
        assert_eq!(RecordKind::Client.to_string(), "client");
        assert_eq!(RecordKind::SessionDraft.to_string(), "session draft");
    }
}
