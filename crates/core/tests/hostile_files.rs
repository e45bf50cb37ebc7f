//! Files built to poison sync, one class each: every one is refused or
//! made harmless, and families (any id collision, any stamp ahead, any
//! changed record that never changes) are property tests.

use proptest::prelude::*;
use serde_json::Value;
use stillpoint_core::base::hlc::{Hlc, MAX_CLOCK_DRIFT_MILLIS};
use stillpoint_core::base::hlc_text;
use stillpoint_core::base::ids::DeviceId;
use stillpoint_core::clients::client::{Client, ClientInput};
use stillpoint_core::clients::client_sync::RecordProblem;
use stillpoint_core::merge::version_vector::VersionVector;
use stillpoint_core::sync::canonical::{checksum, to_canonical};
use stillpoint_core::sync::dataset::{Dataset, RecordKind, RecordRef};
use stillpoint_core::sync::device_name::DeviceName;
use stillpoint_core::sync::export::ExportFile;
use stillpoint_core::sync::import::{prepare_import, ChangedRecord, ImportError, ImportOptions};
use stillpoint_core::sync::parse::{parse, ParseError};

use stillpoint_synthetic::samples;
use stillpoint_synthetic::samples::{id, today};

const NOW: u64 = 1_767_225_600_000;
const DAY: u64 = 24 * 60 * 60 * 1000;
const CLIENT: u8 = 200;

fn device(byte: u8) -> DeviceId {
    DeviceId::from_bytes([byte; 16])
}

fn at(wall: u64, byte: u8) -> Hlc {
    Hlc::from_parts(wall, 0, device(byte))
}

fn client(byte: u8, stamp: Hlc) -> Client {
    let input = ClientInput {
        full_name: "Ada Lovelace".into(),
        ..ClientInput::default()
    };
    Client::create(id(byte), input.validate(today()).unwrap(), stamp)
}

/// One record of `kind` with the id `[byte; 16]`, made at `stamp` (and,
/// for a signed session, signed a second later). Measures score `value`.
fn record_of(kind: RecordKind, byte: u8, stamp: Hlc, value: u8) -> Dataset {
    let owner = id(CLIENT);
    let later = Hlc::from_parts(stamp.wall_millis() + 1_000, 0, stamp.device());
    let mut data = Dataset::new();
    match kind {
        RecordKind::Client => data.insert(client(byte, stamp)),
        RecordKind::Intake => data.insert(samples::intake(byte, owner, stamp)),
        RecordKind::SessionDraft => data.insert(samples::draft(byte, owner, stamp)),
        RecordKind::SignedSession => data.insert(samples::signed(byte, owner, stamp, later)),
        RecordKind::Amendment => {
            let session = samples::signed(byte.wrapping_add(1), owner, stamp, later);
            data.insert(samples::amendment(byte, &session, later));
        }
        RecordKind::Measure => {
            data.insert(samples::measure(id(byte), owner, f64::from(value), stamp));
        }
        RecordKind::PlanVersion => data.insert(samples::plan(byte, owner, stamp)),
        RecordKind::CustomRule => data.insert(samples::rule(id(byte), "whiplash", stamp)),
        RecordKind::CustomInstrument => {
            data.insert(samples::instrument(id(byte), 1, 4.0, stamp));
        }
        RecordKind::CarePlan => data.insert(samples::care_plan(id(byte), owner, stamp)),
        RecordKind::Diary => {
            let plan = samples::care_plan(id(byte.wrapping_add(1)), owner, stamp);
            data.insert(samples::diary(id(byte), &plan, stamp));
        }
        RecordKind::CareLibraryItem => data.insert(samples::library_item(id(byte), stamp)),
        RecordKind::DeviceName => {
            let name = format!("Laptop {value}");
            // Named so that the name's record id is `[byte; 16]`, as every
            // other kind's is here.
            let named = DeviceId::from_bytes([byte ^ 0x5A; 16]);
            data.insert(DeviceName::new(named, &name, stamp).unwrap());
        }
    }
    data
}

/// A file of `data` from device 2, through bytes and the parser.
fn file_of(data: Dataset, high_water: Hlc) -> ExportFile {
    parse(&ExportFile::full(data, high_water).to_bytes()).expect("the file itself is valid")
}

fn kind() -> impl Strategy<Value = RecordKind> {
    proptest::sample::select(RecordKind::ALL.to_vec())
}

/// The kinds whose records never change once made.
fn immutable_kind() -> impl Strategy<Value = RecordKind> {
    proptest::sample::select(vec![
        RecordKind::Intake,
        RecordKind::SignedSession,
        RecordKind::Amendment,
        RecordKind::Measure,
        RecordKind::PlanVersion,
        RecordKind::CarePlan,
    ])
}

/// The record's JSON as a file holds it, without what it notes as seen.
fn content(data: &Dataset, kind: RecordKind) -> Value {
    let bytes = ExportFile::full(data.clone(), at(0, 9)).to_bytes();
    let mut envelope: Value = serde_json::from_slice(&bytes).unwrap();
    let mut record = envelope["records"][kind.plural()][0].take();
    if let Value::Object(fields) = &mut record {
        fields.remove("also_seen");
    }
    record
}

/// A valid file of one client changed by `change`, its checksum made to
/// match again.
fn rewritten(data: Dataset, change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let bytes = ExportFile::full(data, at(NOW, 2)).to_bytes();
    let mut envelope: Value = serde_json::from_slice(&bytes).unwrap();
    change(&mut envelope);
    envelope["checksum"] = Value::String(checksum(&envelope["records"]));
    to_canonical(&envelope)
}

fn stamp_text(stamp: Hlc) -> Value {
    Value::String(hlc_text::format(stamp))
}

proptest! {
    #[test]
    fn any_id_collision_across_kinds_is_refused_naming_both(
        here in kind(),
        there in kind(),
        byte in 1u8..100,
    ) {
        prop_assume!(!here.may_share_id(there));
        let local = record_of(here, byte, at(NOW - DAY, 1), 5);
        let file = file_of(record_of(there, byte, at(NOW - DAY, 2), 5), at(NOW, 2));
        let error = prepare_import(&local, file, NOW, ImportOptions::default()).unwrap_err();
        prop_assert_eq!(
            &error,
            &ImportError::IdCollision { id: id(byte), here, file: there }
        );
        let message = error.to_string();
        let named = format!("This file's {there} {} has the same id as this device's {here}", id(byte));
        prop_assert!(message.starts_with(&named), "{}", message);
    }

    #[test]
    fn a_record_that_never_changes_is_never_replaced(
        kind in immutable_kind(),
        byte in 1u8..100,
        shift in 1u64..DAY,
    ) {
        let local = record_of(kind, byte, at(NOW - DAY, 1), 5);
        let changed = record_of(kind, byte, at(NOW - DAY + shift, 2), 7);
        prop_assert_ne!(content(&local, kind), content(&changed, kind));
        let file = file_of(changed, at(NOW, 2));
        let prepared = prepare_import(&local, file, NOW, ImportOptions::default()).unwrap();
        prop_assert_eq!(content(prepared.merged(), kind), content(&local, kind));
        let kept = &prepared.preview().kept_here;
        prop_assert_eq!(kept, &vec![ChangedRecord { record: RecordRef { kind, id: id(byte) } }]);
        let message = kept[0].to_string();
        let named = format!("This file changes the {kind} {}, which can never change", id(byte));
        prop_assert!(message.starts_with(&named), "{}", message);
        prop_assert!(!prepared.preview().added.iter().any(|record| record.kind == kind));
    }

    #[test]
    fn any_stamp_ahead_anywhere_in_a_file_is_caught(
        ahead in (MAX_CLOCK_DRIFT_MILLIS + 1)..(3650 * DAY),
        place in 0usize..4,
    ) {
        let far = at(NOW + ahead, 3);
        let days = ahead.div_ceil(DAY);
        let session = record_of(RecordKind::SignedSession, 5, at(NOW - DAY, 2), 5);
        let bytes = rewritten(session, |envelope| match place {
            0 => envelope["high_water"] = Value::String(hlc_text::format(Hlc::from_parts(
                far.wall_millis(), 0, device(2)))),
            1 => envelope["records"]["signed_sessions"][0]["also_seen"] = Value::Array(vec![
                stamp_text(far),
            ]),
            2 => envelope["records"]["signed_sessions"][0]["signed"] = stamp_text(far),
            _ => envelope["since"] = Value::Array(vec![stamp_text(far)]),
        });
        let file = parse(&bytes).unwrap();
        let local: Dataset = [client(1, far)].into_iter().collect();
        let error = prepare_import(&local, file.clone(), NOW, ImportOptions::default()).unwrap_err();
        let expected_device = if place == 0 { device(2) } else { device(3) };
        prop_assert_eq!(
            &error,
            &ImportError::ClockAhead {
                device: expected_device,
                ahead_hours: ahead / (60 * 60 * 1000),
                ahead_days: days,
            }
        );
        let message = error.to_string();
        prop_assert!(message.contains(&format!("{days} days ahead")), "{}", message);
        let accepting = ImportOptions { accept_clock_ahead: true };
        let prepared = prepare_import(&local, file, NOW, accepting).unwrap();
        prop_assert_eq!(prepared.preview().ahead_by_days, Some(days));
        prop_assert!(prepared.newest_stamp().wall_millis() >= far.wall_millis());
    }

    #[test]
    fn a_record_claiming_to_have_seen_more_than_it_holds_is_refused(
        beyond in 1u64..DAY,
        other in 3u8..9,
    ) {
        let made = at(NOW - DAY, 2);
        let claimed = at(made.wall_millis() + beyond, other);
        let bytes = rewritten([client(1, made)].into_iter().collect(), |envelope| {
            envelope["records"]["clients"][0]["seen"] =
                Value::Array(vec![stamp_text(made), stamp_text(claimed)]);
        });
        prop_assert_eq!(
            parse(&bytes),
            Err(ParseError::InvalidRecord {
                kind: RecordKind::Client,
                id: id(1),
                problem: RecordProblem::SeenAhead,
            })
        );
    }
}

#[test]
fn a_device_stays_able_to_export_after_a_refused_collision() {
    let local = record_of(RecordKind::Client, 7, at(NOW - DAY, 1), 5);
    let hostile = file_of(
        record_of(RecordKind::Measure, 7, at(NOW - DAY, 2), 5),
        at(NOW, 2),
    );
    assert!(prepare_import(&local, hostile, NOW, ImportOptions::default()).is_err());
    let backup = ExportFile::full(local.clone(), at(NOW, 1)).to_bytes();
    assert_eq!(parse(&backup).map(ExportFile::into_dataset), Ok(local));
}

#[test]
fn a_file_cannot_make_this_device_believe_more_than_it_holds() {
    let made = at(NOW - DAY, 2);
    let file = file_of([client(1, made)].into_iter().collect(), at(NOW, 2));
    let holds: VersionVector = [made].into_iter().collect();
    assert_eq!(file.sender_holds(), holds);
}
