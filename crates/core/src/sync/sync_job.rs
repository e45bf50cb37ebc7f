//! What the app asks the sync worker to do, and what the worker answers.
//!
//! Export and import (sealing, opening, parsing, validating, merging) run in
//! a Web Worker so the page stays responsive while scrypt and the merge work.
//! The worker cannot read IndexedDB (only the app's store module does), so
//! the app hands it this device's records and writes what comes back. The
//! file's bytes travel beside these values as a transferable `Uint8Array`,
//! not through serde.
//!
//! Jobs and replies cross as JSON bytes ([`SyncJob::to_bytes`],
//! [`SyncReply::into_message`]), moved as one transferable buffer (the
//! records an import writes as a second one, [`RecordTexts`]): converting
//! 90,000 records into JavaScript objects field by field, cloning them
//! into the other thread and converting them back cost more than the merge
//! itself (BENCHMARKS.md, issue 14).

use serde::{Deserialize, Serialize};

use std::any::Any;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::rc::Rc;

use crate::base::date::CalendarDate;
use crate::base::hlc::Hlc;
use crate::base::ids::{DeviceId, RecordId};
use crate::clinical::session::{unsigned_drafts, SessionDraft, SignedSession};
use crate::merge::version_vector::VersionVector;
use crate::sync::clinic::{BundleDoc, ClinicCursor, ClinicDoc};
use crate::sync::dataset::{Dataset, Held, KindVisitor, LocalRecords, RecordKind, SyncRecord};
use crate::sync::export::ExportFile;
use crate::sync::import::{ChangedRecord, ConflictRef, ImportOptions, PreparedImport};
use crate::sync::parse::FileTexts;

/// A job or reply that arrived as bytes but could not be read: a bug in
/// the app (the page and the worker come from the same build), reported
/// rather than left to hang.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a message between the app and its sync worker could not be read ({0})")]
pub struct MessageError(String);

/// The JSON bytes of a job or reply. Every type in them has string map
/// keys and finite numbers, so serde_json cannot fail on them.
fn to_message(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("sync jobs and replies always serialise to JSON")
}

fn from_message<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, MessageError> {
    serde_json::from_slice(bytes).map_err(|error| MessageError(error.to_string()))
}

/// A request to the worker.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub enum SyncJob {
    /// Write an export of `records`, sealed with `passphrase` unless it is
    /// `None` (a plain file, chosen explicitly by the therapist): all of
    /// them, or only the changes a device holding `since` lacks.
    Export {
        /// Everything on this device.
        records: LocalRecords,
        /// What the receiving device is known to hold, for a file of
        /// changes only; `None` for everything (a backup).
        since: Option<VersionVector>,
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
        /// What the therapist has accepted (a clock ahead, after being
        /// told how far); absent in jobs from older pages: nothing.
        #[serde(default)]
        options: ImportOptions,
    },
    /// Join a clinic: derive the clinic key from `passphrase` and the
    /// server's clinic document, or set a clinic up when there is none.
    /// scrypt runs here, once per device, not once per bundle.
    ClinicJoin {
        /// The clinic passphrase.
        passphrase: String,
        /// The server's clinic document, `None` if the database has none.
        clinic: Option<ClinicDoc>,
    },
    /// Seal the changes the clinic server lacks as one bundle.
    ClinicPost {
        /// Everything on this device.
        records: LocalRecords,
        /// What the server is known to hold.
        cursor: ClinicCursor,
        /// This device's clock.
        high_water: Hlc,
        /// The clinic key ([`crate::sync::clinic::ClinicMembership::key`]).
        key: String,
    },
    /// Open, check and merge the bundles in a `_changes` answer (its bytes
    /// travel beside the job), writing nothing.
    ClinicPull {
        /// Everything on this device.
        records: LocalRecords,
        /// The clinic key.
        key: String,
        /// This device's clock reading, to catch bundles from a clock far
        /// ahead.
        now_millis: u64,
    },
}

impl SyncJob {
    /// The job as the bytes sent to the worker.
    pub fn to_bytes(&self) -> Vec<u8> {
        to_message(self)
    }

    /// Reads a job sent as [`Self::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, MessageError> {
        from_message(bytes)
    }
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
    /// Writing the imported records into this device's storage (on the
    /// page, after the therapist chose "Import"): its length is not known
    /// in advance, so it shows as moving, not as a percentage.
    Saving,
}

impl SyncStage {
    /// Words for the progress bar.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Writing => "Writing the file…",
            Self::Sealing => "Working on the passphrase (this takes a moment by design)…",
            Self::Checking => "Checking the file…",
            Self::Merging => "Comparing with the records on this tablet…",
            Self::Saving => "Saving the imported records on this tablet…",
        }
    }

    /// How far along the job is at this stage, in percent; `None` while
    /// saving, whose progress the browser does not report.
    pub fn percent(self) -> Option<u8> {
        match self {
            Self::Writing | Self::Checking => Some(20),
            Self::Sealing => Some(50),
            Self::Merging => Some(80),
            Self::Saving => None,
        }
    }
}

/// What an import would change, ready to show and to write: per kind, the
/// records to write (added or updated, already merged).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct PreparedChanges {
    /// The device that made the file.
    pub from_device: DeviceId,
    /// What that device is known to hold ([`ExportFile::sender_holds`]).
    pub sender_holds: VersionVector,
    /// The records to write, per kind: added or updated, already merged;
    /// of the session drafts only those no signed note supersedes, since a
    /// device stores unsigned drafts only, open or discarded (core keeps
    /// superseded drafts only to merge correctly).
    pub records: RecordTexts,
    /// The drafts held on this device whose note is now signed (on the
    /// other device): removed when the import is written. Only drafts this
    /// device holds, so a file of thousands of signed notes costs no
    /// deletes for drafts that were never here.
    pub drafts_to_remove: Vec<RecordId>,
    /// How many records are new on this device.
    pub added: usize,
    /// How many existing records change.
    pub updated: usize,
    /// How many records are new on this device, per kind (kinds with none
    /// left out).
    pub added_by_kind: BTreeMap<RecordKind, usize>,
    /// How many existing records change, per kind (kinds with none left
    /// out).
    pub updated_by_kind: BTreeMap<RecordKind, usize>,
    /// Text fields left with versions for the therapist to choose between.
    pub new_conflicts: Vec<ConflictRef>,
    /// Records that never change which the file holds differently; this
    /// device keeps its own copy of each (say so beside the preview).
    pub kept_here: Vec<ChangedRecord>,
    /// How many days ahead of this device's clock the file is, when the
    /// therapist accepted a clock set ahead.
    pub ahead_by_days: Option<u64>,
    /// The file's newest stamp, for this device's clock to advance past
    /// ([`crate::base::hlc::HlcClock::advance`]: the drift check is done).
    pub newest_stamp: Hlc,
    /// Whether the file was encrypted, so the preview can say so: a plain
    /// file of health records may have been read by anyone on its way here.
    pub encrypted: bool,
    /// The checksum of the file's records, for the sync log to remember
    /// (`None` for a clinic server's bundles).
    pub checksum: Option<String>,
}

/// The records an import writes, each as the JSON text its store keeps
/// (serde_json's), with its kind. The worker writes each record's text
/// once; the page stores the texts as they are, never building 100,000
/// records as Rust values only to write them again (BENCHMARKS.md,
/// issue 14: the reply read as records cost as much as the file's parse).
///
/// The texts are kept one after another ([`TextStore`]: in one string
/// where they were written, in the buffers they came in on the page), and
/// cross to the page beside the reply's JSON ([`SyncReply::into_message`])
/// rather than inside it: escaped as JSON strings, a practice's 58 MB were
/// written and read again character by character, and the page held one
/// string per record. Only the kinds, clients, session days and lengths
/// travel as JSON: the records come kind by kind and, for kinds kept per client
/// ([`SyncRecord::client`], or their session's client for amendments:
/// [`SyncRecord::corrected_session`]), client by client, so the page files them
/// without reading 100,000 texts to find whose they are. Each run is
/// written as a JSON list (`[`, the texts between commas, `]`), which a
/// page keeping a client's records together stores as it is
/// ([`RecordRun::text`]) instead of joining them again.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RecordTexts {
    /// The records in runs of one kind (and one client), in order.
    runs: Vec<Run>,
    /// Every record's text, in the order of `runs`. Shared, so the page's
    /// write takes the texts without copying 58 MB; kept wherever they
    /// arrived ([`TextStore`]).
    #[serde(skip, default = "no_texts")]
    texts: Rc<dyn TextStore>,
}

fn no_texts() -> Rc<dyn TextStore> {
    Rc::new(String::new())
}

impl Default for RecordTexts {
    fn default() -> Self {
        Self {
            runs: Vec::new(),
            texts: no_texts(),
        }
    }
}

/// Equal when they hold the same runs of the same texts, wherever each
/// keeps them (texts that cannot be read count as the same as each other);
/// clones share their texts and are not read to be compared.
impl PartialEq for RecordTexts {
    fn eq(&self, other: &Self) -> bool {
        self.runs == other.runs
            && (Rc::ptr_eq(&self.texts, &other.texts)
                || self
                    .runs()
                    .zip(other.runs())
                    .all(|(one, another)| one.text().ok() == another.text().ok()))
    }
}

impl Eq for RecordTexts {}

/// Where the texts of a [`RecordTexts`] are kept: a `String` where they
/// were written (the sync worker, the command line, tests), or, on the
/// page, the buffers the worker posted, left where they arrived. Copied
/// into the page's WebAssembly memory, a practice's 58 MB of texts cost
/// 70–130 ms and stayed in that memory for good (it never shrinks), though
/// most are only handed on to storage as they are (BENCHMARKS.md, issue
/// 14, session 14). A store need not hold text: what is read from it is
/// checked as UTF-8 when it is read.
pub trait TextStore: std::fmt::Debug + Any {
    /// How many bytes it holds.
    fn byte_len(&self) -> usize;
    /// The byte at `at`, to check the runs against.
    fn byte(&self, at: usize) -> Option<u8>;
    /// The text of the bytes in `range`: borrowed where the store keeps
    /// text, else copied; `None` if they are not text or not held.
    fn text(&self, range: Range<usize>) -> Option<Cow<'_, str>>;
}

impl TextStore for String {
    fn byte_len(&self) -> usize {
        self.len()
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.as_bytes().get(at).copied()
    }

    fn text(&self, range: Range<usize>) -> Option<Cow<'_, str>> {
        self.get(range).map(Cow::Borrowed)
    }
}

/// Records of one kind, and of one client where the kind has clients.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
struct Run {
    kind: RecordKind,
    client: Option<RecordId>,
    /// The days of the sessions the run's records note, each once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    days: Vec<CalendarDate>,
    /// The byte length of each record's text in the texts (the run's
    /// brackets and commas not counted). Ids are not sent: each text holds
    /// its record's, and a page needs it only to merge into records it
    /// holds; 100,000 ids made the reply's JSON 5 MB (BENCHMARKS.md,
    /// issue 14).
    lengths: Vec<u32>,
}

/// One record to write, as its JSON text.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RecordText<'a> {
    /// The record's kind.
    pub kind: RecordKind,
    /// The record as serde_json writes it.
    pub text: Cow<'a, str>,
}

/// Records of one kind, and of one client where the kind has clients
/// ([`SyncRecord::client`]): what a device keeping a client's records
/// together writes in one place.
#[derive(Clone, Debug)]
pub struct RecordRun<'a> {
    /// Their kind.
    pub kind: RecordKind,
    /// Their client, for kinds whose records each belong to one (for an
    /// amendment, its session's client, when its session is held).
    pub client: Option<RecordId>,
    /// The days of the sessions they note, each once
    /// ([`SyncRecord::session_date`]).
    pub days: &'a [CalendarDate],
    /// Where their texts are kept.
    texts: &'a dyn TextStore,
    /// Where in `texts` the records lie as one JSON list of their texts.
    listed: Range<usize>,
    /// Where in `texts` each record's text lies, in order.
    records: Vec<Range<usize>>,
}

impl<'a> RecordRun<'a> {
    /// The records as one JSON list: what a device keeping them together
    /// stores, without joining them again. Runs lie one after another, so
    /// the texts of all runs, in order, are the texts that crossed.
    pub fn text(&self) -> Result<Cow<'a, str>, MessageError> {
        read_text(self.texts, self.listed.clone())
    }

    /// The records, in order, each read from where it is kept.
    pub fn records(&self) -> impl Iterator<Item = Result<RecordText<'a>, MessageError>> + '_ {
        self.records.iter().map(|range| {
            Ok(RecordText {
                kind: self.kind,
                text: read_text(self.texts, range.clone())?,
            })
        })
    }
}

fn read_text(texts: &dyn TextStore, range: Range<usize>) -> Result<Cow<'_, str>, MessageError> {
    texts
        .text(range)
        .ok_or_else(|| MessageError("the records' texts are not text".into()))
}

impl RecordTexts {
    /// The records in runs of one kind and, where the kind has clients,
    /// one client.
    pub fn runs(&self) -> impl Iterator<Item = RecordRun<'_>> {
        let mut at = 0;
        self.runs.iter().map(move |run| {
            let start = at;
            let records = run
                .lengths
                .iter()
                .map(|length| {
                    // Past the bracket or comma before the record.
                    let record_start = at + 1;
                    at = record_start + *length as usize;
                    record_start..at
                })
                .collect();
            // An empty run is `[]`; any other ends where its last record
            // does, then its bracket.
            at = at.max(start + 1) + 1;
            RecordRun {
                kind: run.kind,
                client: run.client,
                days: &run.days,
                texts: &*self.texts,
                listed: start..at,
                records,
            }
        })
    }

    /// The kinds there are records of.
    pub fn kinds(&self) -> impl Iterator<Item = RecordKind> + '_ {
        self.runs.iter().map(|run| run.kind)
    }

    /// How many records there are.
    pub fn len(&self) -> usize {
        self.runs.iter().map(|run| run.lengths.len()).sum()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The records of type `T`, read from their texts: for the few a page
    /// needs as records (the clients it lists, the instruments it draws).
    pub fn read<T: SyncRecord>(&self) -> Result<Vec<T>, MessageError> {
        let mut read = Vec::new();
        for run in self.runs().filter(|run| run.kind == T::KIND) {
            for record in run.records() {
                let record = serde_json::from_slice(record?.text.as_bytes())
                    .map_err(|error| MessageError(error.to_string()))?;
                read.push(record);
            }
        }
        Ok(read)
    }

    /// Every record read from its text, kind by kind.
    pub fn read_all(&self) -> Result<LocalRecords, MessageError> {
        let mut records = LocalRecords::default();
        for kind in RecordKind::ALL {
            kind.visit(ReadTexts {
                texts: self,
                into: &mut records,
            })?;
        }
        Ok(records)
    }

    /// Takes the texts out, to travel beside the JSON of the rest.
    fn take_texts(&mut self) -> Rc<dyn TextStore> {
        std::mem::replace(&mut self.texts, no_texts())
    }

    /// The same records, their texts read from `texts` (which travelled
    /// beside the JSON, [`SyncReply::from_message`]), refusing texts that
    /// do not match the lengths (a bug, not a user's file). Only the byte
    /// before and after each record is read: texts kept outside this
    /// memory are checked as UTF-8 when a record is read from them.
    pub fn kept_in(mut self, texts: Rc<dyn TextStore>) -> Result<Self, MessageError> {
        let wrong = |why: &str| MessageError(format!("the records' texts {why}"));
        let mut at = 0_usize;
        let expect = |at: &mut usize, byte: u8| {
            let found = texts.byte(*at) == Some(byte);
            *at += 1;
            found.then_some(()).ok_or_else(|| wrong("are not in lists"))
        };
        for run in &self.runs {
            let mut separator = b'[';
            for length in &run.lengths {
                expect(&mut at, separator)?;
                at = at
                    .checked_add(*length as usize)
                    .filter(|end| *end <= texts.byte_len())
                    .ok_or_else(|| wrong("are shorter than their lengths"))?;
                separator = b',';
            }
            if run.lengths.is_empty() {
                expect(&mut at, b'[')?;
            }
            expect(&mut at, b']')?;
        }
        if at != texts.byte_len() {
            return Err(wrong("are longer than their lengths"));
        }
        self.texts = texts;
        Ok(self)
    }
}

/// Reads the texts of one kind into [`LocalRecords`].
struct ReadTexts<'a> {
    texts: &'a RecordTexts,
    into: &'a mut LocalRecords,
}

impl KindVisitor for ReadTexts<'_> {
    type Output = Result<(), MessageError>;

    fn visit<T: SyncRecord>(self) -> Self::Output {
        self.into.set(self.texts.read::<T>()?);
        Ok(())
    }
}

/// Where the records to write come from: a list, or the records an
/// import adds or changes, left where the merge put them (a whole
/// practice's import changes 100,000 records, which moving out of the
/// merged dataset copied byte by byte; BENCHMARKS.md, issue 14).
#[derive(Clone, Copy)]
enum Written<'a> {
    Listed(&'a LocalRecords),
    Changed {
        merged: &'a Dataset,
        /// The ids of the records added or updated, by kind.
        changed: &'a BTreeMap<RecordKind, Vec<RecordId>>,
        /// The drafts among them to store: those no signed note supersedes.
        unsigned_drafts: &'a BTreeSet<RecordId>,
    },
}

impl Written<'_> {
    /// The client of each signed session held or listed, for the records
    /// that name only their session ([`SyncRecord::corrected_session`]).
    fn session_clients(&self) -> BTreeMap<RecordId, RecordId> {
        let client = |session: &SignedSession| (session.id(), session.note().details().client);
        match *self {
            Self::Listed(records) => SignedSession::listed(records).iter().map(client).collect(),
            Self::Changed { merged, .. } => {
                SignedSession::held(merged).values().map(client).collect()
            }
        }
    }

    /// The records of kind `T` to write.
    fn records<T: SyncRecord>(&self) -> Vec<&T> {
        match *self {
            Self::Listed(records) => T::listed(records).iter().collect(),
            Self::Changed {
                merged,
                changed,
                unsigned_drafts,
            } => {
                let held = T::held(merged);
                changed
                    .get(&T::KIND)
                    .into_iter()
                    .flatten()
                    .filter(|id| {
                        T::KIND != RecordKind::SessionDraft || unsigned_drafts.contains(id)
                    })
                    .filter_map(|id| held.get(id))
                    .collect()
            }
        }
    }
}

/// Writes the text of each record of one kind after the others.
struct WriteTexts<'a> {
    records: Written<'a>,
    /// Records the file brought and this device lacked: written as the
    /// file's text of them.
    added_as_in: Option<(&'a Dataset, &'a FileTexts<'a>)>,
    runs: &'a mut Vec<Run>,
    joined: &'a mut dyn TextSink,
    /// [`Written::session_clients`], made when a kind first needs it.
    session_clients: &'a OnceCell<BTreeMap<RecordId, RecordId>>,
}

impl KindVisitor for WriteTexts<'_> {
    type Output = ();

    fn visit<T: SyncRecord>(self) {
        let records = self.records.records::<T>();
        if records.is_empty() {
            return;
        }
        let as_in_file = |id| {
            let (local, file) = self.added_as_in?;
            file.get(T::KIND, id)
                .filter(|_| !T::held(local).contains_key(&id))
        };
        // Each record's text in the file is found in the order of ids,
        // which is the file's order too: looked up client by client, the
        // searches jumped about 4 MB of texts and cost a cache miss a step
        // (a practice's 61,000 measures took 50 ms natively).
        // A record naming only its session goes with the session's client
        // where the session is held; else it is written on its own.
        let client_of = |record: &T| {
            record.client().or_else(|| {
                let session = record.corrected_session()?;
                let clients = self
                    .session_clients
                    .get_or_init(|| self.records.session_clients());
                clients.get(&session).copied()
            })
        };
        let mut order: Vec<(Option<RecordId>, &T, Option<&str>)> = records
            .into_iter()
            .map(|record| (client_of(record), record, as_in_file(record.record_id())))
            .collect();
        // Client by client, each client's in the order they came.
        order.sort_by_key(|(client, _, _)| *client);
        for run in order.chunk_by(|(one, _, _), (other, _, _)| one == other) {
            let client = run[0].0;
            let mut days = Vec::new();
            let mut separator = "[";
            let lengths = run
                .iter()
                .map(|(_, record, as_in_file)| {
                    let day = record.session_date().filter(|day| !days.contains(day));
                    days.extend(day);
                    self.joined.push_str(separator);
                    separator = ",";
                    let start = self.joined.written();
                    match as_in_file {
                        Some(text) => self.joined.push_str(text),
                        None => self.joined.push_str(
                            &serde_json::to_string(record)
                                .expect("records always serialise to JSON"),
                        ),
                    }
                    let length = u32::try_from(self.joined.written() - start);
                    length.expect("a record's text is under 4 GB")
                })
                .collect();
            self.joined.push_str("]");
            self.runs.push(Run {
                kind: T::KIND,
                client,
                days,
                lengths,
            });
        }
    }
}

impl RecordTexts {
    /// The runs of `records`, their texts written to `sink` (and not
    /// kept); those `file` brought and `local` lacked are the file's own
    /// texts of them (the merge left them as they came).
    fn written_to(
        records: Written<'_>,
        added_as_in: Option<(&Dataset, &FileTexts<'_>)>,
        sink: &mut dyn TextSink,
    ) -> Self {
        let mut runs = Vec::new();
        let session_clients = OnceCell::new();
        for kind in RecordKind::ALL {
            kind.visit(WriteTexts {
                records,
                added_as_in,
                runs: &mut runs,
                joined: &mut *sink,
                session_clients: &session_clients,
            });
        }
        Self {
            runs,
            texts: no_texts(),
        }
    }
}

/// Where the texts of the records an import writes go as they are
/// written ([`PreparedChanges::with_file_texts_into`]): a `String`, or the
/// sync worker's buffers for the page, so a practice's 58 MB of texts are
/// not held in the worker's memory as well as posted (BENCHMARKS.md,
/// issue 14, session 10).
pub trait TextSink {
    /// Appends `text`.
    fn push_str(&mut self, text: &str);
    /// How many bytes were appended so far.
    fn written(&self) -> usize;
}

impl TextSink for String {
    fn push_str(&mut self, text: &str) {
        String::push_str(self, text);
    }

    fn written(&self) -> usize {
        self.len()
    }
}

impl From<LocalRecords> for RecordTexts {
    fn from(records: LocalRecords) -> Self {
        let mut joined = String::new();
        let mut texts = Self::written_to(Written::Listed(&records), None, &mut joined);
        texts.texts = Rc::new(joined);
        texts
    }
}

/// Where an import's file came from, as its header (checked by the parse)
/// tells.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct FileOrigin {
    /// The device that made the file.
    pub from_device: DeviceId,
    /// What that device is known to hold ([`ExportFile::sender_holds`]).
    pub sender_holds: VersionVector,
    /// The checksum of the file's records, remembered once they are
    /// imported ([`crate::sync::sync_log::ImportedFile`]); `None` for what
    /// is not a file (a clinic server's bundles).
    pub checksum: Option<String>,
    /// Whether the file was encrypted.
    pub encrypted: bool,
}

impl FileOrigin {
    /// The origin of `file`, whose records were checked against
    /// `checksum` ([`crate::sync::parse::parse_with_checksum`]) and which
    /// arrived `encrypted` or not.
    pub fn of(file: &ExportFile, checksum: Option<String>, encrypted: bool) -> Self {
        Self {
            from_device: file.device(),
            sender_holds: file.sender_holds(),
            checksum,
            encrypted,
        }
    }
}

impl PreparedChanges {
    /// Gathers what to write from `prepared` (the file merged with
    /// `local`, this device's records) and whether the file was
    /// `encrypted` (known only to whoever opened it).
    pub fn new(origin: FileOrigin, local: &Dataset, prepared: PreparedImport) -> Self {
        Self::with_file_texts(origin, local, &prepared, &FileTexts::default())
    }

    /// As [`Self::new`], writing each record the file adds to this device
    /// as the file's own text of it (`texts`, from
    /// [`crate::sync::parse::OpenedFile::read_with_texts`]). `prepared` is
    /// only read: a caller in a hurry can free its 100,000 merged records
    /// after it has sent the answer on (the sync worker does).
    pub fn with_file_texts(
        origin: FileOrigin,
        local: &Dataset,
        prepared: &PreparedImport,
        texts: &FileTexts<'_>,
    ) -> Self {
        // The file's texts, each after a bracket or comma, and a bracket
        // closing each run (no more runs than records).
        let mut joined = String::with_capacity(texts.bytes() + 2 * texts.len());
        let mut changes = Self::with_file_texts_into(origin, local, prepared, texts, &mut joined);
        changes.records.texts = Rc::new(joined);
        changes
    }

    /// As [`Self::with_file_texts`], the records' texts written to `sink`
    /// (which then carries them to the page) rather than kept in
    /// [`Self::records`]: [`SyncReply::from_message`] reads them back.
    pub fn with_file_texts_into(
        origin: FileOrigin,
        local: &Dataset,
        prepared: &PreparedImport,
        texts: &FileTexts<'_>,
        sink: &mut dyn TextSink,
    ) -> Self {
        let FileOrigin {
            from_device,
            sender_holds,
            checksum,
            encrypted,
        } = origin;
        let newest_stamp = prepared.newest_stamp();
        let (merged, preview) = (prepared.merged(), prepared.preview());
        let signed_notes = SignedSession::held(merged);
        let signed = |id| signed_notes.contains_key(&id);
        let per_kind = |pick: fn((usize, usize)) -> usize| {
            RecordKind::ALL
                .into_iter()
                .map(|kind| (kind, pick(preview.counts(kind))))
                .filter(|(_, count)| *count > 0)
                .collect()
        };
        let mut changed: BTreeMap<RecordKind, Vec<RecordId>> = BTreeMap::new();
        for record in preview.added.iter().chain(&preview.updated) {
            changed.entry(record.kind).or_default().push(record.id);
        }
        let drafts = SessionDraft::held(merged);
        let changed_drafts = changed
            .get(&RecordKind::SessionDraft)
            .into_iter()
            .flatten()
            .filter_map(|id| drafts.get(id));
        let unsigned_drafts = unsigned_drafts(changed_drafts, signed)
            .map(SessionDraft::id)
            .collect();
        let written = Written::Changed {
            merged,
            changed: &changed,
            unsigned_drafts: &unsigned_drafts,
        };
        Self {
            from_device,
            sender_holds,
            records: RecordTexts::written_to(written, Some((local, texts)), sink),
            drafts_to_remove: local
                .records::<SessionDraft>()
                .map(SessionDraft::id)
                .filter(|id| signed(*id))
                .collect(),
            added: preview.added.len(),
            updated: preview.updated.len(),
            added_by_kind: per_kind(|(added, _)| added),
            updated_by_kind: per_kind(|(_, updated)| updated),
            ahead_by_days: preview.ahead_by_days,
            new_conflicts: preview.new_conflicts.clone(),
            kept_here: preview.kept_here.clone(),
            newest_stamp,
            encrypted,
            checksum,
        }
    }

    /// Whether the file brings nothing new (for example, imported before).
    pub fn is_empty(&self) -> bool {
        self.added == 0 && self.updated == 0
    }
}

/// The worker's answer. A job gets any number of `Progress` replies, then
/// exactly one of the others.
// One reply crosses to the page per job, so the size of the largest
// variant costs nothing; boxing it would only complicate every match.
#[allow(clippy::large_enum_variant)]
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
        /// What the receiver holds once it imports the file: this device's
        /// [`Dataset::version_vector`], to remember for the next file of
        /// changes.
        mark: VersionVector,
    },
    /// The import is checked and merged; nothing is written yet.
    Prepared(PreparedChanges),
    /// The file is encrypted and no passphrase was given.
    NeedsPassphrase,
    /// The file's clock is further ahead of this device's than clocks
    /// drift (its device's date was set ahead): nothing is imported unless
    /// the therapist, told how far, chooses to import it anyway.
    ClockAhead {
        /// How many days ahead, a part day counting as a day.
        days: u64,
        /// The plain explanation.
        message: String,
    },
    /// The clinic key, from a [`SyncJob::ClinicJoin`].
    ClinicJoined {
        /// The key, as kept on the device.
        key: String,
        /// The clinic document to store on the server, when this device
        /// set the clinic up.
        created: Option<ClinicDoc>,
    },
    /// The bundle to post, from a [`SyncJob::ClinicPost`].
    ClinicBundle {
        /// The sealed bundle, `None` when the server holds everything.
        bundle: Option<BundleDoc>,
        /// What the server holds once it accepts the bundle.
        mark: VersionVector,
    },
    /// The bundles of a pull, checked and merged (nothing written yet).
    ClinicPulled {
        /// What to write, `None` when the feed brought no bundle.
        changes: Option<PreparedChanges>,
        /// Where the feed was read up to.
        last_seq: String,
        /// What the server is known to hold once they are written.
        holds: VersionVector,
        /// The devices that posted them.
        from: Vec<DeviceId>,
    },
    /// The job failed; the message says what happened and that nothing
    /// changed.
    Failed(String),
}

/// A reply as it crosses to the page: its JSON, and beside it the texts of
/// the records a prepared import or pull would write ([`RecordTexts`]).
#[derive(Debug)]
pub struct ReplyMessage {
    /// The reply without the records' texts, as JSON.
    pub json: Vec<u8>,
    /// The records' texts, one after another, when the reply has any.
    pub texts: Option<Rc<dyn TextStore>>,
}

impl SyncReply {
    /// The reply as the message sent back to the page.
    pub fn into_message(mut self) -> ReplyMessage {
        let texts = self
            .record_texts()
            .map(RecordTexts::take_texts)
            .filter(|texts| texts.byte_len() > 0);
        ReplyMessage {
            json: to_message(&self),
            texts,
        }
    }

    /// Reads a reply sent as [`Self::into_message`]: its `json`, and the
    /// records' `texts` that came beside it, left where they are kept.
    pub fn from_message(
        json: &[u8],
        texts: Option<Rc<dyn TextStore>>,
    ) -> Result<Self, MessageError> {
        let mut reply: Self = from_message(json)?;
        if let Some(records) = reply.record_texts() {
            let runs = std::mem::take(records);
            *records = runs.kept_in(texts.unwrap_or_else(no_texts))?;
        } else if texts.is_some() {
            return Err(MessageError(
                "records came with a reply that has none".into(),
            ));
        }
        Ok(reply)
    }

    /// The records to write that the reply carries, if it carries any.
    fn record_texts(&mut self) -> Option<&mut RecordTexts> {
        match self {
            Self::Prepared(changes)
            | Self::ClinicPulled {
                changes: Some(changes),
                ..
            } => Some(&mut changes.records),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinical::amendment::{AmendedSession, Amendment};
    use crate::clinical::intake::tests::stamp;
    use crate::clinical::session_form::tests::complete_note;
    use crate::clinical::session_note::TextField;
    use crate::sync::export::ExportFile;
    use crate::sync::import::prepare_import;

    fn draft(byte: u8) -> SessionDraft {
        SessionDraft::start(RecordId::from_bytes([byte; 16]), complete_note(), stamp(1))
    }

    fn signed(byte: u8) -> SignedSession {
        draft(byte).sign(&[], "Sam Rivera", stamp(2)).unwrap()
    }

    fn holding(drafts: &[u8], signed_notes: &[u8]) -> Dataset {
        LocalRecords {
            session_drafts: drafts.iter().copied().map(draft).collect(),
            signed_sessions: signed_notes.iter().copied().map(signed).collect(),
            ..LocalRecords::default()
        }
        .into_dataset()
    }

    fn ids(bytes: &[u8]) -> Vec<RecordId> {
        bytes
            .iter()
            .map(|&byte| RecordId::from_bytes([byte; 16]))
            .collect()
    }

    /// Drafts and signed notes in the file and here → the drafts stored,
    /// and the drafts held here that are removed: only those a note signed
    /// in the file supersedes, never one for each signed note it brings.
    #[test]
    fn only_superseded_drafts_held_here_are_removed() {
        // (file: drafts, signed; here: drafts, signed; drafts stored, removed)
        type Case = (&'static [u8], &'static [u8], &'static [u8], &'static [u8]);
        let cases: [(Case, &[u8], &[u8]); 6] = [
            ((&[5, 6], &[], &[], &[]), &[5, 6], &[]),
            ((&[5, 6], &[5], &[], &[]), &[6], &[]),
            ((&[5, 6], &[], &[], &[6]), &[5], &[]),
            ((&[5, 6], &[5], &[], &[6]), &[], &[]),
            ((&[], &[5], &[5, 7], &[]), &[], &[5]),
            ((&[], &[5, 8, 9], &[7], &[]), &[], &[]),
        ];
        for ((file_drafts, file_signed, here_drafts, here_signed), stored, removed) in cases {
            let local = holding(here_drafts, here_signed);
            let file = ExportFile::full(holding(file_drafts, file_signed), stamp(3));
            let origin = FileOrigin::of(&file, None, true);
            let prepared =
                prepare_import(&local, file, u64::MAX, ImportOptions::default()).unwrap();
            let changes = PreparedChanges::new(origin, &local, prepared);
            let case = (file_drafts, file_signed, here_drafts, here_signed);
            let kept: Vec<RecordId> = changes
                .records
                .read::<SessionDraft>()
                .unwrap()
                .iter()
                .map(SessionDraft::id)
                .collect();
            assert_eq!(kept, ids(stored), "{case:?}");
            assert_eq!(changes.drafts_to_remove, ids(removed), "{case:?}");
            assert_eq!(
                changes
                    .records
                    .read::<SignedSession>()
                    .unwrap()
                    .iter()
                    .map(SignedSession::id)
                    .collect::<Vec<_>>(),
                ids(file_signed)
                    .into_iter()
                    .filter(|id| !ids(here_signed).contains(id))
                    .collect::<Vec<_>>(),
                "{case:?}"
            );
        }
    }

    /// A prepared import of `file_signed` notes into an empty device.
    fn prepared(file_signed: &[u8]) -> PreparedChanges {
        let local = holding(&[], &[]);
        let file = ExportFile::full(holding(&[9], file_signed), stamp(3));
        let origin = FileOrigin::of(&file, None, true);
        let prepared = prepare_import(&local, file, u64::MAX, ImportOptions::default()).unwrap();
        PreparedChanges::new(origin, &local, prepared)
    }

    /// Texts kept as bytes in pieces, as the page keeps the buffers the
    /// worker posted: copied and checked as UTF-8 when read.
    #[derive(Debug)]
    struct Pieces(Vec<Vec<u8>>);

    impl Pieces {
        fn of(bytes: &[u8], size: usize) -> Rc<dyn TextStore> {
            Rc::new(Self(bytes.chunks(size).map(<[u8]>::to_vec).collect()))
        }
    }

    impl TextStore for Pieces {
        fn byte_len(&self) -> usize {
            self.0.iter().map(Vec::len).sum()
        }

        fn byte(&self, at: usize) -> Option<u8> {
            self.0.iter().flatten().nth(at).copied()
        }

        fn text(&self, range: Range<usize>) -> Option<Cow<'_, str>> {
            let bytes: Vec<u8> = self.0.iter().flatten().copied().collect();
            let bytes = bytes.get(range)?.to_vec();
            String::from_utf8(bytes).ok().map(Cow::Owned)
        }
    }

    /// The bytes of a message's texts.
    fn bytes_of(message: &ReplyMessage) -> Vec<u8> {
        let texts = message.texts.as_ref().expect("records' texts");
        let all = texts.text(0..texts.byte_len()).expect("text");
        all.as_bytes().to_vec()
    }

    #[test]
    fn a_prepared_reply_crosses_with_its_records_texts_beside_its_json() {
        let changes = prepared(&[5, 6, 7]);
        assert_eq!(changes.records.len(), 4);
        let kinds: Vec<RecordKind> = changes.records.kinds().collect();
        assert_eq!(kinds, [RecordKind::SessionDraft, RecordKind::SignedSession]);
        for reply in [
            SyncReply::Prepared(changes.clone()),
            SyncReply::ClinicPulled {
                changes: Some(changes.clone()),
                last_seq: "12".into(),
                holds: VersionVector::new(),
                from: Vec::new(),
            },
        ] {
            let message = reply.clone().into_message();
            let json = String::from_utf8(message.json.clone()).unwrap();
            assert!(!json.contains("note"), "no record inside the JSON: {json}");
            let back = SyncReply::from_message(&message.json, message.texts.clone());
            assert_eq!(back.unwrap(), reply, "the texts as they were written");
            // Records straddle the pieces.
            let pieces = Pieces::of(&bytes_of(&message), 7);
            let back = SyncReply::from_message(&message.json, Some(pieces));
            assert_eq!(back.unwrap(), reply, "the texts kept in pieces elsewhere");
        }
        let read = changes.records.read::<SignedSession>().unwrap();
        assert_eq!(read, [signed(5), signed(6), signed(7)]);
        let runs: Vec<RecordRun> = changes.records.runs().collect();
        let note = signed(5).note().details().clone();
        let signed_run = &runs[1];
        assert_eq!(signed_run.kind, RecordKind::SignedSession);
        assert_eq!(
            signed_run.client,
            Some(note.client),
            "filed under their client"
        );
        assert_eq!(signed_run.days, note.date.as_slice(), "their day, once");
        let ids: Vec<RecordId> = signed_run
            .records()
            .map(|record| {
                serde_json::from_str::<SignedSession>(&record.unwrap().text)
                    .unwrap()
                    .id()
            })
            .collect();
        assert_eq!(ids, self::ids(&[5, 6, 7]));
        for run in &runs {
            let listed: Vec<SignedSession> = match run.kind {
                RecordKind::SignedSession => serde_json::from_str(&run.text().unwrap()).unwrap(),
                _ => continue,
            };
            assert_eq!(listed, read, "a run's text is the list of its records");
            let all = run.texts.text(0..run.texts.byte_len()).unwrap();
            assert_eq!(
                all[run.listed.clone()],
                run.text().unwrap(),
                "where it lies"
            );
        }
        assert_eq!(runs[0].client, None, "drafts are not grouped by client");
    }

    fn amendment(of: u8, byte: u8) -> Amendment {
        let change = (TextField::SomatoEmotional, "Calm throughout.".to_owned());
        let id = RecordId::from_bytes([byte; 16]);
        AmendedSession::new(&signed(of), [])
            .amend(
                id,
                "Sam Rivera",
                "Wrong side recorded",
                vec![change],
                stamp(4),
            )
            .unwrap()
    }

    /// The amendments' runs: each run's client and its amendments' ids.
    fn amendment_runs(texts: &RecordTexts) -> Vec<(Option<RecordId>, Vec<RecordId>)> {
        texts
            .runs()
            .filter(|run| run.kind == RecordKind::Amendment)
            .map(|run| {
                let ids = run.records().map(|record| {
                    serde_json::from_str::<Amendment>(&record.unwrap().text)
                        .unwrap()
                        .id()
                });
                (run.client, ids.collect())
            })
            .collect()
    }

    /// An amendment names only its session: it travels in the run of that
    /// session's client, whether the session is held here or comes in the
    /// same file, so the page keeps it with the client's others. One whose
    /// session is held nowhere travels on its own.
    #[test]
    fn amendments_travel_with_their_sessions_client() {
        let client = Some(complete_note().details().client);
        let local = holding(&[], &[5]);
        let mut file = LocalRecords {
            signed_sessions: vec![signed(6)],
            ..LocalRecords::default()
        };
        file.amendments = vec![amendment(5, 20), amendment(6, 21), amendment(8, 22)];
        let listed = RecordTexts::from(file.clone());
        let expected = vec![(None, ids(&[20, 22])), (client, ids(&[21]))];
        assert_eq!(
            amendment_runs(&listed),
            expected,
            "a list holds only session 6"
        );
        let expected = vec![(None, ids(&[22])), (client, ids(&[20, 21]))];
        let file = ExportFile::full(file.into_dataset(), stamp(5));
        let origin = FileOrigin::of(&file, None, true);
        let prepared = prepare_import(&local, file, u64::MAX, ImportOptions::default()).unwrap();
        let changes = PreparedChanges::new(origin, &local, prepared);
        assert_eq!(amendment_runs(&changes.records), expected);
    }

    #[test]
    fn records_texts_that_do_not_match_their_lengths_are_refused() {
        let message = SyncReply::Prepared(prepared(&[5, 6])).into_message();
        let texts = bytes_of(&message);
        let mut longer = texts.clone();
        longer.push(b' ');
        let mut broken = texts.clone();
        broken[0] = 0xff;
        for wrong in [
            None,
            Some(Vec::new()),
            Some(texts[..texts.len() - 1].to_vec()),
            Some(longer),
            Some(broken),
        ] {
            let wrong = wrong.map(|bytes| Pieces::of(&bytes, 5));
            assert!(SyncReply::from_message(&message.json, wrong).is_err());
        }
        let plain = SyncReply::NeedsPassphrase.into_message();
        assert!(plain.texts.is_none());
        let stray = Some(Pieces::of(b"{}", 5));
        assert!(SyncReply::from_message(&plain.json, stray).is_err());
        assert_eq!(
            SyncReply::from_message(&plain.json, None).unwrap(),
            SyncReply::NeedsPassphrase
        );
    }

    /// Texts kept elsewhere are checked as UTF-8 only when read: a record
    /// that is not text is refused then, with the others still read.
    #[test]
    fn a_record_that_is_not_text_is_refused_when_read() {
        let message = SyncReply::Prepared(prepared(&[5, 6])).into_message();
        let mut texts = bytes_of(&message);
        let quote = texts.iter().rposition(|byte| *byte == b'"').unwrap();
        texts[quote - 1] = 0xff;
        let reply = SyncReply::from_message(&message.json, Some(Pieces::of(&texts, 64)));
        let Ok(SyncReply::Prepared(changes)) = reply else {
            panic!("the layout holds: {reply:?}");
        };
        assert!(changes.records.read::<SignedSession>().is_err());
        assert!(changes.records.read::<SessionDraft>().is_ok());
        let last = changes.records.runs().last().unwrap();
        assert!(last.text().is_err());
        let read: Vec<bool> = last.records().map(|record| record.is_ok()).collect();
        assert_eq!(read, [true, false]);
    }

    #[test]
    fn a_record_text_ending_inside_a_character_is_refused() {
        let mut changes = prepared(&[]);
        let run = || Run {
            kind: RecordKind::Client,
            client: None,
            days: Vec::new(),
            lengths: vec![1],
        };
        changes.records = RecordTexts {
            runs: vec![run(), run()],
            texts: no_texts(),
        };
        let message = SyncReply::Prepared(changes).into_message();
        let from = |texts: &str| {
            let texts: Rc<dyn TextStore> = Rc::new(texts.to_owned());
            SyncReply::from_message(&message.json, Some(texts))
        };
        assert!(from("[é][b]").is_err());
        assert!(from("[a][b]").is_ok());
        for not_in_lists in ["[a[b]", "[a]b]", "(a)(b)", "[a][b] "] {
            assert!(from(not_in_lists).is_err(), "{not_in_lists}");
        }
    }
}
