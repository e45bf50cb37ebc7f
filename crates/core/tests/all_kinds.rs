//! Every record kind in export files: round trips, the rule between
//! session drafts and signed sessions, import previews per kind, version 1
//! files, and a malformed record of each kind refused with its own message.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::rc::Rc;
use stillpoint_core::base::hlc::Hlc;
use stillpoint_core::base::ids::DeviceId;
use stillpoint_core::clients::client::{Client, ClientInput};
use stillpoint_core::clients::client_sync::RecordProblem;
use stillpoint_core::clinical::contraindication_rules::OwnRule;
use stillpoint_core::clinical::session::{SessionDraft, SignedSession};
use stillpoint_core::sync::canonical::{checksum, to_canonical};
use stillpoint_core::sync::dataset::RecordRef;
use stillpoint_core::sync::dataset::{Dataset, RecordKind};
use stillpoint_core::sync::dataset::{KindVisitor, LocalRecords, SyncRecord};
use stillpoint_core::sync::export::{ExportFile, SCHEMA_VERSION};
use stillpoint_core::sync::import::{prepare_import, ImportOptions, PreparedImport};
use stillpoint_core::sync::parse::{open_file, parse, parse_with_checksum, FileTexts, ParseError};
use stillpoint_core::sync::sync_job::{
    FileOrigin, PreparedChanges, RecordTexts, SyncJob, SyncReply, TextSink, TextStore,
};

use stillpoint_synthetic::samples;
use stillpoint_synthetic::samples::{id, one_of_each, today};

fn stamp(device: u8) -> impl Fn(u64) -> Hlc {
    move |wall| Hlc::from_parts(1_000 + wall, 0, DeviceId::from_bytes([device; 16]))
}

fn client(byte: u8, at: Hlc) -> Client {
    let input = ClientInput {
        full_name: "Ada Lovelace".into(),
        ..ClientInput::default()
    };
    Client::create(id(byte), input.validate(today()).unwrap(), at)
}

/// A client with one record of every other kind.
fn practice() -> Dataset {
    let mut dataset = one_of_each(id(1), 10, stamp(1));
    dataset.insert(client(1, stamp(1)(0)));
    dataset
}

fn file() -> ExportFile {
    ExportFile::full(practice(), stamp(1)(10_000))
}

/// The file as JSON, changed by `change`, with its checksum made to match
/// again so the change itself is what the parser sees.
fn rewritten(change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut envelope: Value = serde_json::from_slice(&file().to_bytes()).unwrap();
    change(&mut envelope);
    envelope["checksum"] = Value::String(checksum(&envelope["records"]));
    to_canonical(&envelope)
}

#[test]
fn every_kind_round_trips_through_a_file() {
    let file = file();
    for kind in RecordKind::ALL {
        assert_eq!(file.dataset().count(kind), 1, "{kind}");
    }
    let bytes = file.to_bytes();
    let parsed = parse(&bytes).unwrap();
    assert_eq!(parsed, file);
    assert_eq!(parsed.to_bytes(), bytes);
    let envelope: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(envelope["schema_version"], json!(SCHEMA_VERSION));
    for kind in RecordKind::ALL {
        assert_eq!(envelope["counts"][kind.plural()], json!(1));
    }
}

#[test]
fn version_1_files_of_clients_are_still_read() {
    let clients: Dataset = [client(1, stamp(1)(0))].into_iter().collect();
    let records =
        json!({ "clients": serde_json::to_value(clients.clients().collect::<Vec<_>>()).unwrap() });
    let envelope = json!({
        "format": "stillpoint-export",
        "schema_version": 1,
        "device": DeviceId::from_bytes([1; 16]).to_string(),
        "high_water": stillpoint_core::base::hlc_text::format(stamp(1)(5)),
        "since": null,
        "counts": {"clients": 1},
        "checksum": checksum(&records),
        "records": records,
    });
    let parsed = parse(&to_canonical(&envelope)).unwrap();
    assert_eq!(parsed.dataset(), &clients);

    let mut newer_kind = envelope;
    newer_kind["counts"]["intakes"] = json!(0);
    newer_kind["records"]["intakes"] = json!([]);
    newer_kind["checksum"] = json!(checksum(&newer_kind["records"]));
    assert!(matches!(
        parse(&to_canonical(&newer_kind)),
        Err(ParseError::WrongShape { .. })
    ));
}

#[test]
fn a_signed_session_supersedes_its_draft_whatever_the_order() {
    // Device 2 started the draft; device 1 signed it; device 2, not yet
    // told, edited the draft again.
    let draft = samples::draft(5, id(1), stamp(2)(1));
    let signed = draft.sign(&[], "Sam Rivera", stamp(1)(2)).unwrap();
    let mut edited = draft.clone();
    assert!(edited.update(samples::note(id(1), "Fortnightly."), stamp(2)(3)));
    let with_draft = {
        let mut dataset = Dataset::new();
        dataset.insert(edited.clone());
        dataset
    };
    let with_signed = {
        let mut dataset = Dataset::new();
        dataset.insert(signed.clone());
        dataset.insert(draft);
        dataset
    };
    assert_eq!(with_signed.open_drafts().count(), 0);
    let merged = with_draft.clone().merge(with_signed.clone());
    assert_eq!(merged, with_signed.clone().merge(with_draft.clone()));
    assert_eq!(
        merged.open_drafts().count(),
        0,
        "the draft never comes back"
    );
    assert_eq!(merged.get::<SignedSession>(id(5)), Some(&signed));
    assert_eq!(
        merged.get::<SessionDraft>(id(5)),
        Some(&edited),
        "the late edit is kept, not erased"
    );

    let file = ExportFile::full(merged.clone(), stamp(2)(4));
    assert_eq!(
        parse(&file.to_bytes()),
        Ok(file),
        "the draft may share the signed id"
    );

    let prepared = prepare_import(
        &with_draft,
        ExportFile::full(with_signed, stamp(1)(3)),
        10_000,
        ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        prepared.preview().added,
        [RecordRef {
            kind: RecordKind::SignedSession,
            id: id(5)
        }]
    );
    assert_eq!(prepared.merged().open_drafts().count(), 0);
}

#[test]
fn the_preview_counts_every_kind_and_local_records_carry_them() {
    let local = LocalRecords {
        clients: vec![client(1, stamp(1)(0))],
        ..LocalRecords::default()
    };
    let held = local.clone().into_dataset();
    let prepared = prepare_import(&held, file(), 100_000, ImportOptions::default()).unwrap();
    let (parsed, checksum) = parse_with_checksum(&file().to_bytes()).unwrap();
    let origin = FileOrigin::of(&parsed, Some(checksum.clone()), true);
    let changes = PreparedChanges::new(origin, &held, prepared.clone());
    assert!(changes.encrypted, "the preview says the file was encrypted");
    assert_eq!(changes.checksum, Some(checksum), "the log can remember it");
    for kind in RecordKind::ALL.into_iter().skip(1) {
        assert_eq!(prepared.preview().counts(kind), (1, 0), "{kind}");
        assert_eq!(changes.added_by_kind.get(&kind), Some(&1), "{kind}");
    }
    assert_eq!(changes.added, RecordKind::ALL.len() - 1);
    assert_eq!(changes.updated, 0, "the same client is unchanged");
    let records = changes.records.read_all().unwrap();
    assert_eq!(
        (records.intakes.len(), records.session_drafts.len()),
        (1, 1)
    );
    let written = LocalRecords {
        clients: local.clients,
        ..records
    };
    assert_eq!(written.into_dataset(), practice());
}

/// An import writes each record the file adds as the file's own text of
/// it, which reads back as the record; a record this device holds is
/// written as merged (here, both notes of concurrent edits), never as the
/// file's text.
#[test]
fn records_an_import_adds_keep_the_files_text_and_merged_ones_are_written_afresh() {
    let renamed = |notes: &str| {
        ClientInput {
            full_name: "Ada Lovelace".into(),
            notes: notes.into(),
            ..ClientInput::default()
        }
        .validate(today())
        .unwrap()
    };
    let mut here = client(1, stamp(1)(0));
    here.edit(renamed("Neck stiff on waking"), stamp(2)(5));
    let mut there = client(1, stamp(1)(0));
    there.edit(renamed("Migraine twice this week"), stamp(3)(5));
    let mut theirs = practice();
    theirs.insert(there);
    let bytes = ExportFile::full(theirs, stamp(3)(10_000)).to_bytes();
    let held: Dataset = LocalRecords {
        clients: vec![here],
        ..LocalRecords::default()
    }
    .into_dataset();
    let opened = open_file(&bytes).unwrap();
    let digest = Sha256::digest(opened.records()).into();
    let (parsed, checksum, texts) = opened.read_with_texts(&digest).unwrap();
    let origin = FileOrigin::of(&parsed, Some(checksum), false);
    let prepared = prepare_import(&held, parsed, u64::MAX, ImportOptions::default()).unwrap();
    let written = PreparedChanges::new(origin.clone(), &held, prepared.clone()).records;
    let as_in_file = PreparedChanges::with_file_texts(origin, &held, &prepared, &texts).records;
    assert_eq!(
        as_in_file.read_all().unwrap().into_dataset(),
        written.read_all().unwrap().into_dataset()
    );
    let file_text = String::from_utf8(bytes.clone()).unwrap();
    let texts = texts_of(&as_in_file);
    for (kind, text) in &texts {
        let in_file = file_text.contains(text.as_str());
        assert_eq!(in_file, *kind != RecordKind::Client, "{text}");
    }
    let merged = texts
        .into_iter()
        .find(|(kind, _)| *kind == RecordKind::Client);
    let (_, merged) = merged.expect("the client changes");
    assert!(
        merged.contains("Neck stiff") && merged.contains("Migraine"),
        "{merged}"
    );
}

/// Each record's kind and text, in order.
fn texts_of(records: &RecordTexts) -> Vec<(RecordKind, String)> {
    let texts = records.runs().flat_map(|run| {
        let texts: Vec<_> = run.records().map(Result::unwrap).collect();
        texts
            .into_iter()
            .map(|record| (record.kind, record.text.into_owned()))
    });
    texts.collect()
}

/// `bytes` read and merged into an empty device as the sync worker does:
/// where the file came from, the merge, and the file's texts of its records.
fn read_into_empty(bytes: &[u8]) -> (FileOrigin, PreparedImport, FileTexts<'_>) {
    let opened = open_file(bytes).unwrap();
    let digest = Sha256::digest(opened.records()).into();
    let (parsed, checksum, texts) = opened.read_with_texts(&digest).unwrap();
    let origin = FileOrigin::of(&parsed, Some(checksum), false);
    let empty = Dataset::new();
    let prepared = prepare_import(&empty, parsed, u64::MAX, ImportOptions::default()).unwrap();
    (origin, prepared, texts)
}

/// Texts cut into pieces wherever a write ends, as the sync worker's
/// buffers may cut them.
#[derive(Default)]
struct Pieces(Vec<String>);

impl TextSink for Pieces {
    fn push_str(&mut self, text: &str) {
        self.0.push(text.to_owned());
    }

    fn written(&self) -> usize {
        self.0.iter().map(String::len).sum()
    }
}

/// The sync worker writes an import's texts into the buffers it posts, not
/// into the answer: put together on the page, they read back as the answer
/// that kept them, record for record.
#[test]
fn texts_written_elsewhere_cross_to_the_page_as_texts_kept() {
    let bytes = ExportFile::full(practice(), stamp(1)(10_000)).to_bytes();
    let (origin, prepared, texts) = read_into_empty(&bytes);
    let empty = Dataset::new();
    let kept = PreparedChanges::with_file_texts(origin.clone(), &empty, &prepared, &texts);
    let mut pieces = Pieces::default();
    let elsewhere =
        PreparedChanges::with_file_texts_into(origin, &empty, &prepared, &texts, &mut pieces);
    let message = SyncReply::Prepared(elsewhere).into_message();
    assert!(message.texts.is_none(), "the answer keeps no texts");
    let joined: Rc<dyn TextStore> = Rc::new(pieces.0.concat());
    let crossed = SyncReply::from_message(&message.json, Some(joined)).unwrap();
    let kept_message = SyncReply::Prepared(kept).into_message();
    assert_eq!(
        crossed,
        SyncReply::from_message(&kept_message.json, kept_message.texts).unwrap()
    );
    let SyncReply::Prepared(crossed) = crossed else {
        unreachable!("an import's answer")
    };
    let kinds: Vec<RecordKind> = crossed.records.kinds().collect();
    assert!(RecordKind::ALL.iter().all(|kind| kinds.contains(kind)));
}

/// A backup of every schema version restores to the same records when its
/// records are written as the file holds them: older shapes read back
/// through the same serde code that read them from the file.
#[test]
fn golden_files_of_every_version_read_back_the_same_from_their_own_texts() {
    let folder =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/exports");
    let mut files = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|extension| extension != "json") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let (origin, prepared, texts) = read_into_empty(&bytes);
        let empty = Dataset::new();
        let written = PreparedChanges::new(origin.clone(), &empty, prepared.clone()).records;
        let changes = PreparedChanges::with_file_texts(origin, &empty, &prepared, &texts);
        assert!(!changes.records.is_empty(), "{path:?}");
        let file_text = String::from_utf8(bytes.clone()).unwrap();
        assert!(texts_of(&changes.records)
            .iter()
            .all(|(_, text)| file_text.contains(text.as_str())));
        assert_eq!(
            changes.records.read_all().unwrap().into_dataset(),
            written.read_all().unwrap().into_dataset(),
            "{path:?}"
        );
        files += 1;
    }
    assert!(files >= 6, "the golden files are there");
}

/// Jobs and replies cross to the sync worker as JSON bytes: records of
/// every kind, the preview's counts per kind and its stamps come back equal.
#[test]
fn jobs_and_replies_of_every_kind_cross_to_the_worker_whole() {
    let mut records = LocalRecords::default();
    let everything = practice();
    for kind in RecordKind::ALL {
        kind.visit(CopyInto(&everything, &mut records));
    }
    assert!(RecordKind::ALL
        .into_iter()
        .all(|kind| kind.visit(Lists(&records)) == 1));
    let job = SyncJob::Import {
        records: records.clone(),
        passphrase: Some("correct horse".into()),
        now_millis: 100_000,
        options: ImportOptions {
            accept_clock_ahead: true,
        },
    };
    assert_eq!(SyncJob::from_bytes(&job.to_bytes()), Ok(job));
    let empty = Dataset::new();
    let prepared = prepare_import(&empty, file(), 100_000, ImportOptions::default()).unwrap();
    let reply = SyncReply::Prepared(PreparedChanges::new(
        FileOrigin::of(&file(), Some("sha256:file".into()), false),
        &empty,
        prepared,
    ));
    let message = reply.clone().into_message();
    assert_eq!(
        SyncReply::from_message(&message.json, message.texts),
        Ok(reply)
    );
    assert!(SyncReply::from_message(b"{\"Prepared\":1}", None).is_err());
}

/// Copies one kind's records from a dataset into [`LocalRecords`].
struct CopyInto<'a>(&'a Dataset, &'a mut LocalRecords);

impl KindVisitor for CopyInto<'_> {
    type Output = ();

    fn visit<T: SyncRecord>(self) {
        self.1.set::<T>(self.0.records::<T>().cloned().collect());
    }
}

/// How many records of one kind [`LocalRecords`] lists.
struct Lists<'a>(&'a LocalRecords);

impl KindVisitor for Lists<'_> {
    type Output = usize;

    fn visit<T: SyncRecord>(self) -> usize {
        self.0.of::<T>().len()
    }
}

#[test]
fn changes_since_covers_every_kind() {
    let first = practice();
    let mark = first.version_vector();
    assert_eq!(first.changes_since(&mark).total(), 0);
    let more = one_of_each(id(1), 30, stamp(2));
    let later = first.clone().merge(more.clone());
    let changes = later.changes_since(&mark);
    assert_eq!(changes, more);
    assert_eq!(first.merge(changes), later);
}

#[test]
fn ids_repeated_across_kinds_are_refused() {
    let bytes = rewritten(|file| {
        file["records"]["measures"][0]["id"] = file["records"]["intakes"][0]["id"].clone();
    });
    assert_eq!(
        parse(&bytes),
        Err(ParseError::DuplicateId {
            id: id(10),
            first: RecordKind::Intake,
            second: RecordKind::Measure
        })
    );
}

/// A kind, a change that breaks its record, and the problem it must cause.
type Damage = (RecordKind, fn(&mut Value), RecordProblem);

/// One malformed record of each new kind, each refused naming its kind and
/// what is wrong.
#[test]
fn a_malformed_record_of_each_kind_is_refused_with_its_own_message() {
    let cases: [Damage; 8] = [
        (
            RecordKind::Intake,
            |record| record["answers"]["goals"] = json!(" Fewer headaches "),
            RecordProblem::NotAsEntered { part: "answers" },
        ),
        (
            RecordKind::SessionDraft,
            |record| record["soap"]["value"]["plan"] = json!("Weekly. "),
            RecordProblem::NotAsEntered { part: "note" },
        ),
        (
            RecordKind::SignedSession,
            |record| record["note"]["soap"]["plan"] = json!(""),
            RecordProblem::SignedIncomplete,
        ),
        (
            RecordKind::Amendment,
            |record| record["changes"] = json!([]),
            RecordProblem::NotAsEntered {
                part: "list of changes",
            },
        ),
        (
            RecordKind::Measure,
            |record| record["score"] = json!({"scored": 1.0}),
            RecordProblem::NotAsEntered { part: "score" },
        ),
        (
            RecordKind::PlanVersion,
            |record| record["plan"]["goals"] = json!([]),
            RecordProblem::NotAsEntered { part: "goals" },
        ),
        (
            RecordKind::CustomRule,
            |record| record["value"]["value"]["triggers"] = json!([]),
            RecordProblem::NotAsEntered { part: "definition" },
        ),
        (
            RecordKind::CustomInstrument,
            |record| record["value"]["value"]["score_max"] = json!(100.0),
            RecordProblem::NotAsEntered { part: "definition" },
        ),
    ];
    let mut messages = std::collections::BTreeSet::new();
    let count = cases.len();
    for (kind, damage, problem) in cases {
        let bytes = rewritten(|file| damage(&mut file["records"][kind.plural()][0]));
        let error = parse(&bytes).unwrap_err();
        match &error {
            ParseError::InvalidRecord {
                kind: found,
                problem: found_problem,
                ..
            } => assert_eq!((found, found_problem), (&kind, &problem), "{error}"),
            other => panic!("{kind}: {other}"),
        }
        assert!(error.to_string().contains(&kind.to_string()), "{error}");
        messages.insert(error.to_string());
    }
    assert_eq!(messages.len(), count);
}

/// The file as an older writer made it: `schema_version`, and only the
/// first `kinds` kinds.
fn older_envelope(schema_version: u32, kinds: usize) -> Value {
    let mut envelope: Value = serde_json::from_slice(&file().to_bytes()).unwrap();
    envelope["schema_version"] = json!(schema_version);
    for kind in &RecordKind::ALL[kinds..] {
        envelope["records"]
            .as_object_mut()
            .unwrap()
            .remove(kind.plural());
        envelope["counts"]
            .as_object_mut()
            .unwrap()
            .remove(kind.plural());
    }
    envelope["checksum"] = Value::String(checksum(&envelope["records"]));
    envelope
}

/// `envelope` with an empty list of `kind` added (and counted).
fn with_empty(mut envelope: Value, kind: RecordKind) -> Vec<u8> {
    envelope["counts"][kind.plural()] = json!(0);
    envelope["records"][kind.plural()] = json!([]);
    envelope["checksum"] = Value::String(checksum(&envelope["records"]));
    to_canonical(&envelope)
}

#[test]
fn version_2_files_are_still_read_and_hold_no_definitions() {
    let parsed = parse(&to_canonical(&older_envelope(2, 7))).unwrap();
    assert_eq!(parsed.dataset().count(RecordKind::SessionDraft), 1);
    assert_eq!(parsed.dataset().count(RecordKind::CustomRule), 0);
    assert_eq!(
        parsed.dataset().total(),
        practice().total() - (RecordKind::ALL.len() - 7)
    );
    assert!(matches!(
        parse(&with_empty(older_envelope(2, 7), RecordKind::CustomRule)),
        Err(ParseError::WrongShape { .. })
    ));
}

#[test]
fn version_3_files_hold_nine_kinds_or_all_twelve() {
    let nine = parse(&to_canonical(&older_envelope(3, 9))).unwrap();
    assert_eq!(nine.dataset().count(RecordKind::CustomInstrument), 1);
    assert_eq!(nine.dataset().count(RecordKind::CarePlan), 0);
    // The builds that added the self-care kinds still wrote version 3.
    let twelve = parse(&to_canonical(&older_envelope(3, 12))).unwrap();
    for kind in RecordKind::ALL {
        let expected = if kind == RecordKind::DeviceName { 0 } else { 1 };
        assert_eq!(twelve.dataset().count(kind), expected, "{kind}");
    }
    // Part of the self-care kinds, or nine kinds under version 4, no writer made.
    let ten = older_envelope(3, 10);
    let error = parse(&to_canonical(&ten)).unwrap_err();
    assert!(error.to_string().contains("no list of diaries"), "{error}");
    let error = parse(&to_canonical(&older_envelope(4, 9))).unwrap_err();
    assert!(
        error.to_string().contains("no list of care_plans"),
        "{error}"
    );
}

#[test]
fn a_custom_measure_is_checked_against_its_definition_when_the_file_holds_it() {
    let instrument = samples::instrument(id(40), 1, 4.0, stamp(1)(1));
    let measure = samples::custom_measure(id(41), id(1), &instrument, 3.0, stamp(1)(2));
    let mut dataset = Dataset::new();
    dataset.insert(measure.clone());
    let alone = ExportFile::full(dataset.clone(), stamp(1)(3));
    assert!(parse(&alone.to_bytes()).is_ok(), "without its definition");
    dataset.insert(instrument.clone());
    let file = ExportFile::full(dataset, stamp(1)(3));
    assert_eq!(parse(&file.to_bytes()), Ok(file.clone()));

    // The same answers scored as if the scale ran to 10: refused once the
    // definition travels with it.
    let wider = samples::instrument(id(40), 1, 10.0, stamp(1)(1));
    let mut envelope: Value = serde_json::from_slice(&file.to_bytes()).unwrap();
    envelope["records"]["custom_instruments"][0] = serde_json::to_value(&wider).unwrap();
    envelope["records"]["measures"][0]["answers"]["values"] = json!([8.0, 8.0]);
    envelope["records"]["measures"][0]["score"] = json!({"scored": 16.0});
    envelope["checksum"] = Value::String(checksum(&envelope["records"]));
    assert!(
        parse(&to_canonical(&envelope)).is_ok(),
        "the wider scale scores 16"
    );
    envelope["records"]["custom_instruments"][0] = serde_json::to_value(&instrument).unwrap();
    envelope["checksum"] = Value::String(checksum(&envelope["records"]));
    assert_eq!(
        parse(&to_canonical(&envelope)),
        Err(ParseError::InvalidRecord {
            kind: RecordKind::Measure,
            id: id(41),
            problem: RecordProblem::NotAsEntered { part: "score" }
        })
    );
}

#[test]
fn discarded_drafts_and_removed_rules_stay_gone_after_an_older_file() {
    let draft = samples::draft(50, id(1), stamp(1)(1));
    let rule = samples::rule(id(51), "migraine", stamp(1)(2));
    let mut older = Dataset::new();
    older.insert(draft.clone());
    older.insert(rule.clone());
    let old_file = ExportFile::full(older.clone(), stamp(1)(2));

    let mut discarded = draft;
    assert!(discarded.discard(stamp(1)(3)));
    let mut removed = rule;
    assert!(removed.remove(stamp(1)(4)));
    let mut newer = Dataset::new();
    newer.insert(discarded.clone());
    newer.insert(removed.clone());
    assert_eq!(newer.open_drafts().count(), 0);

    let file = ExportFile::full(newer.clone(), stamp(1)(4));
    assert_eq!(
        parse(&file.to_bytes()),
        Ok(file.clone()),
        "tombstones travel"
    );
    let elsewhere = prepare_import(
        &older,
        parse(&file.to_bytes()).unwrap(),
        100_000,
        ImportOptions::default(),
    )
    .unwrap()
    .into_merged();
    assert_eq!(elsewhere, newer);
    let replayed = prepare_import(&elsewhere, old_file, 100_000, ImportOptions::default()).unwrap();
    assert!(
        replayed.preview().is_empty(),
        "an older file changes nothing"
    );
    assert_eq!(replayed.merged().open_drafts().count(), 0);
    assert_eq!(
        replayed.merged().get::<OwnRule>(id(51)).unwrap().current(),
        None
    );
}

#[test]
fn device_names_came_with_version_5_and_are_refused_in_older_files() {
    let five = parse(&file().to_bytes()).unwrap();
    assert_eq!(five.dataset().count(RecordKind::DeviceName), 1);
    let four_with_names = older_envelope(4, RecordKind::ALL.len());
    assert!(parse(&to_canonical(&four_with_names)).is_err());
    let four = parse(&to_canonical(&older_envelope(4, 12))).unwrap();
    assert_eq!(four.dataset().count(RecordKind::DeviceName), 0);
}
