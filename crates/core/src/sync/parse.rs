//! Reading an export file strictly, all of it before anything is used.
//!
//! A file comes from another device, a cloud drive or an email, so it may be
//! cut short, damaged, from a newer app, or not an export at all. Each of
//! those gets its own error worded for the therapist, and only a file that
//! passes every check (its checksum, record counts, unique ids and every
//! record's own rules) yields an [`ExportFile`]. Cheap checks run first, and
//! size, nesting and string length are bounded before the JSON parser runs,
//! so a hostile file cannot exhaust memory or the stack.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::base::hlc_text::MALFORMED_STAMP;
use crate::base::ids::RecordId;
use crate::base::json_file::{
    check_json, read_json_fields, JsonFileError, DIARY_FORMAT, EXPORT_FORMAT, PLAN_FORMAT,
};
use crate::base::json_outline::Node;
use crate::base::text_limit::shown;
use crate::clients::client_sync::RecordProblem;
use crate::sync::canonical::{checksum, checksum_from_digest, CHECKSUM_PREFIX};
use crate::sync::dataset::{with_record_type, Dataset, RecordKind, SyncRecord};
use crate::sync::export::{kind_prefixes, ExportFile, Header, SCHEMA_VERSION};
use crate::sync::sync_kinds::check_custom_scores;

/// Why a file cannot be imported. Nothing is imported when any is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The file has no content.
    #[error(
        "This file is empty. Choose the export file again, or export again on the other device."
    )]
    Empty,
    /// The file is over [`MAX_FILE_BYTES`](crate::base::json_file::MAX_FILE_BYTES).
    #[error(
        "This file is {} MB, more than the {} MB Stillpoint can import. Check that it is a Stillpoint export.",
        megabytes(*bytes), megabytes(*max)
    )]
    TooLarge {
        /// The file's size.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// The file is encrypted and must be decrypted first.
    #[error("This file is encrypted. Enter its passphrase to open it.")]
    Encrypted,
    /// Arrays and objects nest deeper than [`MAX_DEPTH`](crate::base::json_file::MAX_DEPTH).
    #[error("This file is nested more than {max} levels deep. A Stillpoint export never is, so it was not opened.")]
    TooDeep {
        /// The limit.
        max: usize,
    },
    /// A string is longer than [`MAX_STRING_BYTES`](crate::base::json_file::MAX_STRING_BYTES).
    #[error("This file holds a piece of text over {} MB long, far longer than any name or note, so it was not opened.", megabytes(*max))]
    StringTooLong {
        /// The limit, in bytes.
        max: usize,
    },
    /// The file stops part-way through.
    #[error("This file ends part-way through: it was probably not copied or downloaded completely. Copy it again, then import it.")]
    Truncated,
    /// The file is not JSON at all.
    #[error("This is not a Stillpoint export: its contents cannot be read as one (line {line}, column {column}).")]
    NotJson {
        /// Line of the first unreadable character.
        line: usize,
        /// Column of the first unreadable character.
        column: usize,
    },
    /// The file is a client's self-care plan.
    #[error("This is a client's self-care plan, not a backup or sync file, so there is nothing to import from it.")]
    PlanFile,
    /// The file is a client's diary.
    #[error(
        "This is a client's diary. Import it on that client's page (Self-care plan), not here."
    )]
    DiaryFile,
    /// The file names another format.
    #[error("This is not a Stillpoint export: it says it is a “{found}” file.")]
    WrongFormat {
        /// The format it names (at most 80 characters of it, escaped).
        found: String,
    },
    /// The file comes from a newer app.
    #[error("This file was made by a newer version of Stillpoint (file format {found}; this app reads up to {supported}). Update the app first, then import it again.")]
    FutureVersion {
        /// The file's schema version.
        found: u64,
        /// The newest this build reads.
        supported: u32,
    },
    /// JSON, but not laid out as an export.
    #[error(
        "This file is not laid out like a Stillpoint export, so it may be damaged ({detail})."
    )]
    WrongShape {
        /// What is out of place, for support.
        detail: String,
    },
    /// A clock stamp cannot be read.
    #[error("A change time in this file cannot be read, so the file is damaged ({detail}).")]
    MalformedClock {
        /// Which value and why, for support.
        detail: String,
    },
    /// The records do not match the checksum.
    #[error("This file's records do not match its checksum: it was changed or damaged after it was exported.")]
    ChecksumMismatch,
    /// A record count does not match the records.
    #[error("This file says it holds {declared} {} records but holds {found}, so it is damaged.", kind.plural())]
    CountMismatch {
        /// The kind counted.
        kind: RecordKind,
        /// The count in the envelope.
        declared: usize,
        /// The records actually present.
        found: usize,
    },
    /// Two records share an id.
    #[error(
        "This file lists the record {id} twice (as a {first} and as a {second}), so it is damaged."
    )]
    DuplicateId {
        /// The shared id.
        id: RecordId,
        /// The kind of the first record with it.
        first: RecordKind,
        /// The kind of the second.
        second: RecordKind,
    },
    /// A record breaks the rules the app keeps.
    #[error("The {kind} {id} in this file cannot be stored: {problem}.")]
    InvalidRecord {
        /// The record's kind.
        kind: RecordKind,
        /// The record's id.
        id: RecordId,
        /// What is wrong.
        problem: RecordProblem,
    },
}

fn megabytes(bytes: usize) -> usize {
    bytes.div_ceil(1024 * 1024)
}

/// Most characters of a detail shown in a message.
const MAX_DETAIL_CHARS: usize = 300;

/// A wrongly shaped file; `detail` may quote the file, so it is shown
/// escaped ([`shown`]).
fn shape(detail: impl AsRef<str>) -> ParseError {
    ParseError::WrongShape {
        detail: shown(detail.as_ref(), MAX_DETAIL_CHARS),
    }
}

/// Sorts a serde error: a damaged clock stamp, or a wrongly shaped value.
/// Serde's messages quote the file's text, so the detail is escaped.
fn from_serde(error: serde_json::Error, place: &str) -> ParseError {
    let message = error.to_string();
    let detail = shown(&format!("{place}: {message}"), MAX_DETAIL_CHARS);
    if message.starts_with(MALFORMED_STAMP) {
        ParseError::MalformedClock { detail }
    } else {
        shape(detail)
    }
}

impl From<JsonFileError> for ParseError {
    fn from(error: JsonFileError) -> Self {
        match error {
            JsonFileError::Empty => ParseError::Empty,
            JsonFileError::TooLarge { bytes, max } => ParseError::TooLarge { bytes, max },
            JsonFileError::Encrypted => ParseError::Encrypted,
            JsonFileError::TooDeep { max } => ParseError::TooDeep { max },
            JsonFileError::StringTooLong { max } => ParseError::StringTooLong { max },
            JsonFileError::Truncated => ParseError::Truncated,
            JsonFileError::NotJson { line, column } => ParseError::NotJson { line, column },
            JsonFileError::NotAnObject => {
                shape("the file holds a single value, not an export's fields")
            }
        }
    }
}

/// The top-level fields of an export, each still the file's own bytes.
type Fields<'a> = BTreeMap<String, Node<'a>>;

/// How deep an export is outlined before its records are parsed: its
/// fields, the records' kinds, and each kind's records.
const OUTLINED_LEVELS: usize = 3;

/// `fields[name]` read as `T`, or `None` when it is missing or not a `T`.
fn field<T: DeserializeOwned>(fields: &Fields<'_>, name: &str) -> Option<T> {
    fields
        .get(name)
        .and_then(|node| serde_json::from_slice(node.bytes()).ok())
}

/// `result`, unless the file is not JSON within its bounds: then that is
/// what is wrong with it. The outline checks only the layout around what
/// it finds ([`read_json_fields`]), so the rest of a file is known to be
/// JSON only once every part of it has parsed; a file with a fault
/// anywhere is first checked as a whole, so it gets the message it got
/// when the whole file was checked before anything else.
fn json_first<T>(bytes: &[u8], result: Result<T, ParseError>) -> Result<T, ParseError> {
    result.or_else(|error| {
        check_json(bytes)?;
        Err(error)
    })
}

/// Checks what the file says it is before looking at its shape, so a plan
/// or a newer file is named as such rather than called damaged.
fn check_identity(fields: &Fields<'_>) -> Result<(), ParseError> {
    match field::<String>(fields, "format") {
        Some(format) if format == EXPORT_FORMAT => {}
        Some(format) if format == PLAN_FORMAT => return Err(ParseError::PlanFile),
        Some(format) if format == DIARY_FORMAT => return Err(ParseError::DiaryFile),
        Some(format) => {
            return Err(ParseError::WrongFormat {
                found: shown(&format, 80),
            })
        }
        None => return Err(shape("it has no format name")),
    }
    match field::<u64>(fields, "schema_version") {
        Some(found) if found > u64::from(SCHEMA_VERSION) => Err(ParseError::FutureVersion {
            found,
            supported: SCHEMA_VERSION,
        }),
        Some(0) | None => Err(shape("it has no valid schema version")),
        Some(_) => Ok(()),
    }
}

/// The envelope from every field but the records. It is small, so it is
/// read through a [`Value`] like any other JSON.
fn read_header(fields: Fields<'_>) -> Result<Header, ParseError> {
    let envelope = fields
        .into_iter()
        .map(|(name, node)| {
            let value =
                serde_json::from_slice(node.bytes()).map_err(|error| from_serde(error, &name))?;
            Ok((name, value))
        })
        .collect::<Result<Map<String, Value>, ParseError>>()?;
    let header = Header::deserialize(Value::Object(envelope))
        .map_err(|error| from_serde(error, "envelope"))?;
    if header.high_water.device() != header.device {
        return Err(ParseError::MalformedClock {
            detail: "the clock mark belongs to another device than the file".to_owned(),
        });
    }
    Ok(header)
}

/// Refuses a declared checksum that is not `sha256:` and 64 lower-case hex
/// digits.
fn check_checksum_form(declared: &str) -> Result<(), ParseError> {
    let well_formed = declared.strip_prefix(CHECKSUM_PREFIX).is_some_and(|hex| {
        hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    });
    if well_formed {
        Ok(())
    } else {
        Err(shape("the checksum is not “sha256:” and 64 hex digits"))
    }
}

/// Checks the declared checksum against the records' bytes, whose SHA-256
/// is `digest`. A file as Stillpoint writes it holds its records in
/// canonical form already, so their bytes in the file are hashed as they
/// are: bytes whose SHA-256 is the declared checksum are the canonical
/// records the writer hashed, and they are the very bytes parsed next. Any
/// other file (reformatted by hand or by another tool) is checked by
/// writing its records canonically, which a whole practice's export spent
/// seconds on (BENCHMARKS.md, issue 14).
fn check_checksum(declared: &str, records: &[u8], digest: &[u8; 32]) -> Result<(), ParseError> {
    if checksum_from_digest(digest) == declared {
        return Ok(());
    }
    let value: Value =
        serde_json::from_slice(records).map_err(|error| from_serde(error, "records"))?;
    if checksum(&value) != declared {
        return Err(ParseError::ChecksumMismatch);
    }
    Ok(())
}

/// Why a record's text that is not UTF-8 is refused: where serde_json
/// finds the first bad byte, read as a [`Value`] (code the checksum's check
/// holds already, where reading it as its kind would add a second reader
/// of every kind to the worker).
fn not_utf8(item: &[u8], place: &str) -> ParseError {
    match serde_json::from_slice::<Value>(item) {
        Err(error) => from_serde(error, place),
        Ok(_) => shape(format!("{place}: the text is not UTF-8")),
    }
}

/// Reads and checks one record of kind `T` into the dataset, refusing an
/// id already seen in the file under any kind, except that a signed session
/// shares its draft's id ([`RecordKind::may_share_id`]), and a record whose
/// `seen` claims changes newer than its own newest stamp.
///
/// Never inlined: with every kind's reading inlined into [`read_kind`]'s
/// loop, the browser ran that one huge function 0.13 s slower over a
/// practice's file than one call per record (BENCHMARKS.md, issue 14,
/// session 11); natively it makes no difference.
#[inline(never)]
fn read_record<'a, T: SyncRecord>(
    item: &'a [u8],
    place: impl Fn() -> String,
    ids: &mut BTreeMap<RecordId, RecordKind>,
    into: &mut (Dataset, FileTexts<'a>),
) -> Result<(), ParseError> {
    // The text is checked as UTF-8 once, here: read as a `str`, serde_json
    // does not check each string in it again, and the text is kept as it
    // is (two passes over a practice's 58 MB were one too many).
    let text = std::str::from_utf8(item).map_err(|_| not_utf8(item, &place()))?;
    let record: T = serde_json::from_str(text).map_err(|error| from_serde(error, &place()))?;
    let id = record.record_id();
    if let Some(first) = ids.insert(id, T::KIND) {
        if first == T::KIND || !first.may_share_id(T::KIND) {
            return Err(ParseError::DuplicateId {
                id,
                first,
                second: T::KIND,
            });
        }
    }
    let checked = if record.seen_ahead() {
        Err(RecordProblem::SeenAhead)
    } else {
        record.check()
    };
    checked.map_err(|problem| ParseError::InvalidRecord {
        kind: T::KIND,
        id,
        problem,
    })?;
    into.0.insert(record);
    into.1.insert(T::KIND, id, text);
    Ok(())
}

/// Reads one kind's list into the dataset (and each record's text beside
/// it), refusing ids already seen.
fn read_kind<'a>(
    kind: RecordKind,
    list: &Node<'a>,
    ids: &mut BTreeMap<RecordId, RecordKind>,
    into: &mut (Dataset, FileTexts<'a>),
) -> Result<usize, ParseError> {
    let items = list
        .items()
        .ok_or_else(|| shape(format!("the {} are not a list", kind.plural())))?;
    let count = items.len();
    for (index, item) in items.iter().map(Node::bytes).enumerate() {
        let place = || format!("{kind} {} of {count}", index + 1);
        with_record_type!(kind, T => read_record::<T>(item, place, ids, into))?;
    }
    Ok(count)
}

/// The kinds `header`'s file must list: the shortest of its schema
/// version's prefixes ([`kind_prefixes`]) that holds every kind it counts.
/// A kind the version does not have at all is refused here; a missing count
/// or list of the chosen prefix is refused by the caller.
fn kinds_listed(header: &Header) -> Result<&'static [RecordKind], ParseError> {
    kind_prefixes(header.schema_version)
        .iter()
        .map(|&length| &RecordKind::ALL[..length])
        .find(|kinds| header.counts.keys().all(|kind| kinds.contains(kind)))
        .ok_or_else(|| {
            // Counts are kept in file order, so the last one counted is a
            // kind that even the widest prefix lacks.
            let kind = header.counts.keys().next_back();
            let kind = kind.expect("no counts fit every prefix");
            shape(format!(
                "it counts {} that its schema version does not have",
                kind.plural()
            ))
        })
}

fn read_records<'a>(
    records: Node<'a>,
    header: &Header,
) -> Result<(Dataset, FileTexts<'a>), ParseError> {
    let mut lists: BTreeMap<String, Node<'a>> = records
        .into_fields()
        .ok_or_else(|| shape("the records are not grouped by kind"))?
        .into_iter()
        .collect();
    let mut ids = BTreeMap::new();
    let mut read = (Dataset::new(), FileTexts::default());
    let kinds = kinds_listed(header)?;
    for &kind in kinds {
        let list = lists
            .remove(kind.plural())
            .ok_or_else(|| shape(format!("there is no list of {}", kind.plural())))?;
        let declared = *header
            .counts
            .get(&kind)
            .ok_or_else(|| shape(format!("there is no count of {}", kind.plural())))?;
        let found = read_kind(kind, &list, &mut ids, &mut read)?;
        if declared != found {
            return Err(ParseError::CountMismatch {
                kind,
                declared,
                found,
            });
        }
    }
    if let Some(unknown) = lists.keys().next() {
        return Err(shape(format!(
            "it holds records of an unknown kind “{}”",
            shown(unknown, 80)
        )));
    }
    check_custom_scores(&read.0).map_err(|(id, problem)| ParseError::InvalidRecord {
        kind: RecordKind::Measure,
        id,
        problem,
    })?;
    let (dataset, texts) = read;
    Ok((dataset, texts.sorted()))
}

/// Each record's text as it lies in the file, by kind and id. Whatever
/// text the parse read a record from reads back into the same record, so
/// an import that adds a record to a device can store the file's text of
/// it as it is rather than write the record again: writing a practice's
/// 100,000 records took the sync worker half a second (BENCHMARKS.md,
/// issue 14). Only texts that are UTF-8 are kept (serde_json skips the
/// strings of fields it ignores without checking them); each is checked
/// here, once.
#[derive(Debug, Default)]
pub struct FileTexts<'a> {
    /// By kind and id: in the order a file lists them (kinds in their
    /// order, each kind's records by id), so kept in a list, sorted once,
    /// rather than a map built one insert at a time.
    texts: Vec<(RecordKind, RecordId, &'a str)>,
    bytes: usize,
}

impl<'a> FileTexts<'a> {
    /// The file's text of the record `id` of `kind`, if the file holds one.
    pub fn get(&self, kind: RecordKind, id: RecordId) -> Option<&'a str> {
        let found = self
            .texts
            .binary_search_by(|(held_kind, held_id, _)| (*held_kind, *held_id).cmp(&(kind, id)));
        found.ok().map(|index| self.texts[index].2)
    }

    /// How many bytes the texts hold together: room to set aside for them.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// How many texts there are.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    fn insert(&mut self, kind: RecordKind, id: RecordId, text: &'a str) {
        self.bytes += text.len();
        self.texts.push((kind, id, text));
    }

    /// Ready to look texts up, once all are in (a file Stillpoint wrote
    /// lists them in order already, which the sort finds in one pass).
    fn sorted(mut self) -> Self {
        self.texts
            .sort_unstable_by_key(|(kind, id, _)| (*kind, *id));
        self
    }
}

/// How a plain export file starts: its checksum comes first.
const DECLARED_START: &[u8] = b"{\"checksum\":\"";

/// How many bytes from a file's start [`declared_checksum`] reads: a page
/// asking whether a file was imported before reads only these.
pub const DECLARED_CHECKSUM_BYTES: usize = DECLARED_START.len() + CHECKSUM_PREFIX.len() + 64 + 1;

/// The checksum a plain export file declares, read from its first bytes
/// without parsing it: every file Stillpoint writes starts with it
/// (canonical key order). `None` for anything else (an encrypted or
/// reformatted file); such files are parsed in full. The checksum is not
/// checked here, so it may only be used to say a file holds nothing new
/// ([`crate::sync::sync_log::SyncLog::imported_file`]), never to trust its
/// contents.
pub fn declared_checksum(bytes: &[u8]) -> Option<&str> {
    let rest = bytes.strip_prefix(DECLARED_START)?;
    let length = CHECKSUM_PREFIX.len() + 64;
    let (checksum, after) = (rest.get(..length)?, rest.get(length..)?);
    let hex = checksum.strip_prefix(CHECKSUM_PREFIX.as_bytes())?;
    let well_formed = hex.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    (well_formed && after.first() == Some(&b'"'))
        .then(|| std::str::from_utf8(checksum).ok())
        .flatten()
}

/// Reads and checks an export file. Only a file that passes every check
/// yields its contents; [`ExportFile::to_bytes`] gives the same bytes back
/// for any file this build wrote.
pub fn parse(bytes: &[u8]) -> Result<ExportFile, ParseError> {
    parse_with_checksum(bytes).map(|(file, _)| file)
}

/// As [`parse`], with the checksum the records were checked against, for
/// the sync log to remember once they are imported.
pub fn parse_with_checksum(bytes: &[u8]) -> Result<(ExportFile, String), ParseError> {
    let opened = open_file(bytes)?;
    let digest = Sha256::digest(opened.records()).into();
    opened.read(&digest)
}

/// An export file read up to its records: what it is and its envelope are
/// checked and its records' bytes found, but they are neither hashed nor
/// read yet. The caller hashes them with the fastest SHA-256 it has and
/// hands the digest to [`OpenedFile::read`]: in the sync worker that is
/// the browser's own, since SHA-256 compiled to WebAssembly took a second
/// of a whole practice's import (BENCHMARKS.md, issue 14).
pub struct OpenedFile<'a> {
    /// The whole file, to check as JSON when a part of it is wrong.
    bytes: &'a [u8],
    header: Header,
    records: Node<'a>,
}

/// Reads an export file's envelope ([`OpenedFile`]); every check that
/// needs no records runs here.
pub fn open_file(bytes: &[u8]) -> Result<OpenedFile<'_>, ParseError> {
    let fields = read_json_fields(bytes, OUTLINED_LEVELS)?;
    let (header, records) = json_first(bytes, read_envelope(fields))?;
    Ok(OpenedFile {
        bytes,
        header,
        records,
    })
}

/// The header and the records' outline, once the file is known to be an
/// export this build reads.
fn read_envelope(mut fields: Fields<'_>) -> Result<(Header, Node<'_>), ParseError> {
    check_identity(&fields)?;
    let records = fields
        .remove("records")
        .ok_or_else(|| shape("it has no records"))?;
    let header = read_header(fields)?;
    check_checksum_form(&header.checksum)?;
    Ok((header, records))
}

impl<'a> OpenedFile<'a> {
    /// The records' bytes, as the file holds them: what to hash.
    pub fn records(&self) -> &'a [u8] {
        self.records.bytes()
    }

    /// Checks the records against the declared checksum, given `digest`,
    /// the SHA-256 of exactly [`Self::records`], then reads and checks
    /// every record. Only a file that passes every check yields its
    /// contents, with the checksum for the sync log.
    pub fn read(self, digest: &[u8; 32]) -> Result<(ExportFile, String), ParseError> {
        self.read_with_texts(digest)
            .map(|(file, checksum, _)| (file, checksum))
    }

    /// As [`Self::read`], with each record's text as the file holds it.
    pub fn read_with_texts(
        self,
        digest: &[u8; 32],
    ) -> Result<(ExportFile, String, FileTexts<'a>), ParseError> {
        self.read_before_checksum().checked(digest)
    }

    /// Reads and checks every record without the checksum, so a caller
    /// can hash the records meanwhile (the sync worker has the browser
    /// hash them on another thread while it reads them); nothing read is
    /// given out until [`UncheckedRead::checked`] has the digest.
    pub fn read_before_checksum(self) -> UncheckedRead<'a> {
        let Self {
            bytes,
            header,
            records,
        } = self;
        let records_bytes = records.bytes();
        let read = read_records(records, &header);
        UncheckedRead {
            bytes,
            header,
            records: records_bytes,
            read,
        }
    }
}

/// An export file's records read, not yet held to its checksum
/// ([`OpenedFile::read_before_checksum`]).
pub struct UncheckedRead<'a> {
    bytes: &'a [u8],
    header: Header,
    records: &'a [u8],
    read: Result<(Dataset, FileTexts<'a>), ParseError>,
}

impl<'a> UncheckedRead<'a> {
    /// The file's contents once the records' SHA-256, `digest`, matches
    /// the checksum the file declares. A file is judged as if the checksum
    /// were checked first: one that is not JSON is called so, then one
    /// whose records do not match is called changed, whatever its records
    /// hold.
    pub fn checked(
        self,
        digest: &[u8; 32],
    ) -> Result<(ExportFile, String, FileTexts<'a>), ParseError> {
        let Self {
            bytes,
            header,
            records,
            read,
        } = self;
        let checked = check_checksum(&header.checksum, records, digest);
        let (dataset, texts) = json_first(bytes, checked.and(read))?;
        let file = ExportFile::from_parts(
            header.schema_version,
            header.high_water,
            header.since,
            dataset,
        );
        Ok((file, header.checksum, texts))
    }
}
