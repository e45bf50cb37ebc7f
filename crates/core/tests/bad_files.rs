//! Every kind of bad file the importer must refuse, each with its own error
//! and message, and the parser's robustness against arbitrary and damaged
//! input.

use proptest::prelude::*;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use stillpoint_core::base::hlc::Hlc;
use stillpoint_core::base::ids::{DeviceId, RecordId};
use stillpoint_core::base::json_file::{check_json, MAX_DEPTH, MAX_FILE_BYTES, MAX_STRING_BYTES};
use stillpoint_core::base::text_limit::MAX_NOTES_CHARS;
use stillpoint_core::clients::client::{Client, ClientFieldError, ClientInput};
use stillpoint_core::clients::client_sync::RecordProblem;
use stillpoint_core::sync::canonical::{checksum, to_canonical};
use stillpoint_core::sync::dataset::{Dataset, RecordKind};
use stillpoint_core::sync::export::{ExportFile, SCHEMA_VERSION};
use stillpoint_core::sync::parse::{
    declared_checksum, open_file, parse, parse_with_checksum, ParseError, DECLARED_CHECKSUM_BYTES,
};

fn stamp(wall: u64) -> Hlc {
    Hlc::from_parts(wall, 0, DeviceId::from_bytes([0x5a; 16]))
}

fn client(id: u8, name: &str, notes: &str) -> Client {
    let input = ClientInput {
        full_name: name.into(),
        notes: notes.into(),
        phone: "+44 20 7946 0958".into(),
        ..ClientInput::default()
    };
    let today = "2026-11-27".parse().unwrap();
    let mut client = Client::create(
        RecordId::from_bytes([id; 16]),
        input.validate(today).unwrap(),
        stamp(1_000 + u64::from(id)),
    );
    if id % 2 == 0 {
        client.delete(stamp(5_000));
    }
    client
}

fn file() -> ExportFile {
    let clients = [
        client(1, "Ada Lovelace", "Left shoulder.\n\"Quoted\" café"),
        client(2, "Zoë Ó Briain", ""),
        client(3, "Grace Hopper", "Sleeps badly"),
    ];
    ExportFile::full(clients.into_iter().collect(), stamp(9_000))
}

fn valid_bytes() -> Vec<u8> {
    file().to_bytes()
}

fn as_json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

/// A valid file changed by `change`, with its checksum made to match again,
/// so the change itself is what the parser sees.
fn rewritten(change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut envelope = as_json(&valid_bytes());
    change(&mut envelope);
    envelope["checksum"] = Value::String(checksum(&envelope["records"]));
    to_canonical(&envelope)
}

fn error_of(bytes: &[u8]) -> ParseError {
    parse(bytes).expect_err("the file must be refused")
}

#[test]
fn a_valid_file_parses_to_what_was_exported() {
    assert_eq!(parse(&valid_bytes()), Ok(file()));
}

#[test]
fn an_empty_file() {
    assert_eq!(error_of(b""), ParseError::Empty);
    assert_eq!(error_of(b" \n\t"), ParseError::Empty);
}

#[test]
fn a_truncated_file() {
    let bytes = valid_bytes();
    for cut in [1, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
        assert_eq!(
            error_of(&bytes[..cut]),
            ParseError::Truncated,
            "cut at {cut}"
        );
    }
}

#[test]
fn a_file_that_is_not_json() {
    for bytes in [
        &b"Dear Ada, here is the backup"[..],
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3",
        b"\x89PNG\r\n\x1a\n\0\0",
        b"{\"format\": stillpoint}",
    ] {
        assert!(
            matches!(error_of(bytes), ParseError::NotJson { line: 1, .. }),
            "{bytes:?}"
        );
    }
}

#[test]
fn json_of_the_wrong_shape() {
    for bytes in [
        b"[1, 2, 3]".to_vec(),
        b"\"stillpoint-export\"".to_vec(),
        br#"{"name": "Ada"}"#.to_vec(),
        rewritten(|file| {
            file.as_object_mut().unwrap().remove("records");
        }),
        rewritten(|file| file["records"]["clients"][0]["notes"] = json!("not a list")),
        rewritten(|file| {
            file["records"]["clients"][1]
                .as_object_mut()
                .unwrap()
                .remove("deleted");
        }),
        rewritten(|file| file["records"]["clients"][0]["nickname"] = json!("extra field")),
        rewritten(|file| file["records"]["sessions"] = json!([])),
        {
            let mut envelope = as_json(&valid_bytes());
            envelope["checksum"] = json!("crc32:1234");
            to_canonical(&envelope)
        },
        rewritten(|file| file["schema_version"] = json!("1")),
    ] {
        assert!(
            matches!(error_of(&bytes), ParseError::WrongShape { .. }),
            "{}: {:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(80)]),
            parse(&bytes)
        );
    }
}

#[test]
fn a_file_of_another_format() {
    let bytes = rewritten(|file| file["format"] = json!("trello-board"));
    assert_eq!(
        error_of(&bytes),
        ParseError::WrongFormat {
            found: "trello-board".into()
        }
    );
}

/// A real plan file and the diary of it, as the app writes them.
fn care_files() -> (Vec<u8>, Vec<u8>) {
    use stillpoint_core::selfcare::care_file::{DiaryFile, PlanFile};
    use stillpoint_core::selfcare::care_item::{CareCategory, CareItemInput, Period};
    use stillpoint_core::selfcare::care_plan::{CarePlanInput, NewVersion, PlannedItemInput};
    use stillpoint_core::selfcare::diary::Diary;
    let id = |byte| stillpoint_core::base::ids::RecordId::from_bytes([byte; 16]);
    let plan = CarePlanInput {
        items: vec![PlannedItemInput {
            item: CareItemInput {
                title: "Belly breathing".into(),
                category: Some(CareCategory::Breathing),
                times: 1,
                per: Some(Period::Day),
                how_to: "Breathe low and slow.".into(),
                ..CareItemInput::default()
            },
            source: None,
            goals: Vec::new(),
        }],
        message: String::new(),
    }
    .validate(
        NewVersion {
            id: id(1),
            client: id(2),
            previous: None,
            stamp: stillpoint_core::base::hlc::Hlc::from_parts(
                1,
                0,
                stillpoint_core::base::ids::DeviceId::from_bytes([3; 16]),
            ),
            written: "2026-11-20".parse().unwrap(),
        },
        None,
    )
    .unwrap();
    let diary = DiaryFile::new(Diary::start(id(4), &plan)).to_bytes();
    let plan = PlanFile::new(plan, "Ada".into(), String::new(), Vec::new()).to_bytes();
    (plan, diary)
}

#[test]
fn a_selfcare_plan_imported_as_a_backup() {
    let error = error_of(&care_files().0);
    assert_eq!(error, ParseError::PlanFile);
    assert!(error.to_string().contains("self-care plan"));
}

#[test]
fn a_client_diary_imported_as_a_backup() {
    let error = error_of(&care_files().1);
    assert_eq!(error, ParseError::DiaryFile);
    assert!(error.to_string().contains("client's page"));
}

#[test]
fn a_file_from_a_newer_schema() {
    let bytes = rewritten(|file| {
        file["schema_version"] = json!(SCHEMA_VERSION + 1);
        file["records"] = json!({"clients": "a new shape this build cannot read"});
    });
    let error = error_of(&bytes);
    assert_eq!(
        error,
        ParseError::FutureVersion {
            found: u64::from(SCHEMA_VERSION + 1),
            supported: SCHEMA_VERSION
        }
    );
    let message = error.to_string();
    assert!(
        message.contains("made by a newer version of Stillpoint")
            && message.contains("Update the app first")
            && !message.contains("damaged"),
        "{message}"
    );
}

#[test]
fn duplicate_ids() {
    let bytes = rewritten(|file| {
        let first = file["records"]["clients"][0].clone();
        file["records"]["clients"]
            .as_array_mut()
            .unwrap()
            .push(first);
        file["counts"]["clients"] = json!(4);
    });
    assert_eq!(
        error_of(&bytes),
        ParseError::DuplicateId {
            id: RecordId::from_bytes([1; 16]),
            first: RecordKind::Client,
            second: RecordKind::Client
        }
    );
}

#[test]
fn malformed_clock_values() {
    let cases: [fn(&mut Value); 5] = [
        |file| file["records"]["clients"][0]["created"] = json!("yesterday"),
        |file| file["records"]["clients"][0]["phone"]["stamp"] = json!("-5:0:x"),
        |file| file["records"]["clients"][0]["notes"][0]["seen"] = json!(["1:0:0"]),
        |file| file["high_water"] = json!("9000:0"),
        |file| {
            let other = DeviceId::from_bytes([0x77; 16]);
            file["high_water"] = json!(format!("9000:0:{other}"));
        },
    ];
    for change in cases {
        let bytes = rewritten(change);
        assert!(
            matches!(error_of(&bytes), ParseError::MalformedClock { .. }),
            "{:?}",
            parse(&bytes)
        );
    }
}

#[test]
fn strings_of_megabytes() {
    let huge = "x".repeat(MAX_STRING_BYTES + 1);
    let bytes = rewritten(|file| file["records"]["clients"][0]["notes"][0]["value"] = json!(huge));
    assert_eq!(
        error_of(&bytes),
        ParseError::StringTooLong {
            max: MAX_STRING_BYTES
        }
    );
    let long_notes = "y".repeat(MAX_NOTES_CHARS + 1);
    let bytes =
        rewritten(|file| file["records"]["clients"][0]["notes"][0]["value"] = json!(long_notes));
    assert!(matches!(
        error_of(&bytes),
        ParseError::InvalidRecord {
            problem: RecordProblem::Invalid {
                error: ClientFieldError::TooLong { .. },
                ..
            },
            ..
        }
    ));
}

#[test]
fn deeply_nested_json() {
    let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
    assert_eq!(
        error_of(deep.as_bytes()),
        ParseError::TooDeep { max: MAX_DEPTH }
    );
    let bracket_in_text = format!("\"{}\"", "[".repeat(MAX_DEPTH + 1));
    assert!(matches!(
        error_of(bracket_in_text.as_bytes()),
        ParseError::WrongShape { .. }
    ));
}

#[test]
fn a_file_over_the_size_limit() {
    let mut bytes = valid_bytes();
    bytes.resize(MAX_FILE_BYTES + 1, b' ');
    assert_eq!(
        error_of(&bytes),
        ParseError::TooLarge {
            bytes: MAX_FILE_BYTES + 1,
            max: MAX_FILE_BYTES
        }
    );
}

#[test]
fn an_encrypted_file_asks_for_its_passphrase() {
    assert_eq!(
        error_of(b"age-encryption.org/v1\n-> scrypt abc 17\n"),
        ParseError::Encrypted
    );
}

/// The checksum is checked over the records' bytes as the file holds them
/// when they are canonical, and by writing them canonically otherwise: a
/// reformatted file still reads, and a second `records` (the one a JSON
/// reader keeps) or an escaped key cannot slip past with the first's bytes.
#[test]
fn the_checksum_covers_the_records_read_however_the_file_is_laid_out() {
    let bytes = valid_bytes();
    let file = parse(&bytes).unwrap();
    let pretty = serde_json::to_vec_pretty(&as_json(&bytes)).unwrap();
    assert_eq!(parse(&pretty), Ok(file));

    let text = String::from_utf8(bytes).unwrap();
    let mut changed = as_json(text.as_bytes());
    changed["records"]["clients"][0]["full_name"][0]["value"] = json!("Someone Else");
    let other = String::from_utf8(to_canonical(&changed["records"])).unwrap();
    let (head, tail) = text.split_at(text.len() - 1);
    for hostile in [
        format!("{head},\"records\":{other}{tail}"),
        format!("{head},\"recor\\u0064s\":{other}{tail}"),
    ] {
        assert_eq!(
            error_of(hostile.as_bytes()),
            ParseError::ChecksumMismatch,
            "{hostile}"
        );
    }
}

/// The sync worker hashes the records with the browser's SHA-256 and
/// hands the digest over: the same file reads the same, and records
/// changed after export are still refused, however they were hashed.
#[test]
fn a_digest_from_elsewhere_reads_as_the_parse_does() {
    let bytes = valid_bytes();
    let opened = open_file(&bytes).unwrap();
    let digest: [u8; 32] = Sha256::digest(opened.records()).into();
    assert_eq!(opened.read(&digest), parse_with_checksum(&bytes));
    let mut envelope = as_json(&bytes);
    envelope["records"]["clients"][0]["full_name"][0]["value"] = json!("Someone Else");
    let changed = to_canonical(&envelope);
    let opened = open_file(&changed).unwrap();
    let digest: [u8; 32] = Sha256::digest(opened.records()).into();
    assert_eq!(opened.read(&digest), Err(ParseError::ChecksumMismatch));
}

#[test]
fn records_changed_after_export() {
    let mut envelope = as_json(&valid_bytes());
    envelope["records"]["clients"][0]["full_name"][0]["value"] = json!("Someone Else");
    assert_eq!(
        error_of(&to_canonical(&envelope)),
        ParseError::ChecksumMismatch
    );
    // Records are read while they are hashed, but a record that breaks the
    // rules in a changed file is reported as the change it is.
    envelope["records"]["clients"][2]["full_name"][0]["value"] = json!(" ");
    let changed = to_canonical(&envelope);
    assert_eq!(error_of(&changed), ParseError::ChecksumMismatch);
    let opened = open_file(&changed).unwrap();
    let digest: [u8; 32] = Sha256::digest(opened.records()).into();
    let unchecked = opened.read_before_checksum();
    assert_eq!(
        unchecked.checked(&digest).map(|_| ()),
        Err(ParseError::ChecksumMismatch)
    );
}

#[test]
fn counts_that_do_not_match() {
    let bytes = rewritten(|file| file["counts"]["clients"] = json!(2));
    assert_eq!(
        error_of(&bytes),
        ParseError::CountMismatch {
            kind: RecordKind::Client,
            declared: 2,
            found: 3
        }
    );
}

#[test]
fn records_that_break_the_apps_rules() {
    let bytes =
        rewritten(|file| file["records"]["clients"][2]["full_name"][0]["value"] = json!(" "));
    assert_eq!(
        error_of(&bytes),
        ParseError::InvalidRecord {
            kind: RecordKind::Client,
            id: RecordId::from_bytes([3; 16]),
            problem: RecordProblem::Invalid {
                field: stillpoint_core::clients::client::ClientField::FullName,
                error: ClientFieldError::NameRequired
            }
        }
    );
    let bytes = rewritten(|file| file["records"]["clients"][0]["seen"] = json!([]));
    assert!(matches!(
        error_of(&bytes),
        ParseError::InvalidRecord {
            problem: RecordProblem::UnseenChanges,
            ..
        }
    ));
}

#[test]
fn every_bad_input_has_its_own_message() {
    let errors = [
        error_of(b""),
        error_of(&valid_bytes()[..10]),
        error_of(b"hello"),
        error_of(b"[]"),
        error_of(&rewritten(|file| file["format"] = json!("other"))),
        error_of(&rewritten(|file| file["schema_version"] = json!(9))),
        error_of(&rewritten(|file| {
            let first = file["records"]["clients"][0].clone();
            file["records"]["clients"]
                .as_array_mut()
                .unwrap()
                .push(first);
        })),
        error_of(&rewritten(|file| file["high_water"] = json!("soon"))),
        error_of(format!("\"{}\"", "x".repeat(MAX_STRING_BYTES + 1)).as_bytes()),
        error_of("[".repeat(MAX_DEPTH + 1).as_bytes()),
        error_of(
            &vec![b' '; MAX_FILE_BYTES + 1]
                .into_iter()
                .chain(*b"{}")
                .collect::<Vec<_>>(),
        ),
        error_of(br#"{"format":"stillpoint-plan"}"#),
        error_of(b"age-encryption.org/v1\n"),
    ];
    let kinds: std::collections::BTreeSet<_> = errors
        .iter()
        .map(|error| error.to_string().split('(').next().unwrap().to_owned())
        .collect();
    assert_eq!(kinds.len(), errors.len(), "{errors:#?}");
}

/// Small valid files of one to three clients, to damage.
fn valid_files() -> impl Strategy<Value = (Vec<u8>, Dataset)> {
    proptest::collection::vec(("[A-Za-zé ]{0,12}[a-z]", "\\PC{0,30}"), 1..4).prop_map(|people| {
        let dataset: Dataset = people
            .iter()
            .enumerate()
            .map(|(index, (name, notes))| client(index as u8 + 1, name, notes))
            .collect();
        (
            ExportFile::full(dataset.clone(), stamp(9_000)).to_bytes(),
            dataset,
        )
    })
}

#[derive(Clone, Debug)]
enum Damage {
    Flip {
        at: proptest::sample::Index,
        bit: u8,
    },
    Remove {
        at: proptest::sample::Index,
    },
    Insert {
        at: proptest::sample::Index,
        byte: u8,
    },
    Cut {
        at: proptest::sample::Index,
    },
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<proptest::sample::Index>(), 0u8..8).prop_map(|(at, bit)| Damage::Flip { at, bit }),
        any::<proptest::sample::Index>().prop_map(|at| Damage::Remove { at }),
        (any::<proptest::sample::Index>(), any::<u8>())
            .prop_map(|(at, byte)| Damage::Insert { at, byte }),
        any::<proptest::sample::Index>().prop_map(|at| Damage::Cut { at }),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &Damage) {
    if bytes.is_empty() {
        return;
    }
    match damage {
        Damage::Flip { at, bit } => {
            let index = at.index(bytes.len());
            bytes[index] ^= 1 << bit;
        }
        Damage::Remove { at } => {
            bytes.remove(at.index(bytes.len()));
        }
        Damage::Insert { at, byte } => bytes.insert(at.index(bytes.len()), *byte),
        Damage::Cut { at } => bytes.truncate(at.index(bytes.len())),
    }
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = parse(&bytes);
    }

    #[test]
    fn damaged_files_are_refused_or_hold_the_same_records(
        (bytes, dataset) in valid_files(),
        damages in proptest::collection::vec(damage(), 1..4),
    ) {
        let mut damaged = bytes;
        damages.iter().for_each(|damage| apply(&mut damaged, damage));
        let parsed = parse(&damaged);
        if let Err(not_json) = check_json(&damaged) {
            // Whatever else the damage broke, a file that is no longer JSON
            // is called so first.
            prop_assert_eq!(parsed, Err(ParseError::from(not_json)));
        } else if let Ok(file) = parsed {
            prop_assert_eq!(file.dataset(), &dataset);
        }
    }
}

/// A file naming its records twice is read by its last list, as JSON is;
/// the list before it is never read, so it is checked as JSON all the same.
#[test]
fn records_named_twice() {
    let bytes = valid_bytes();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let twice = text.replacen(
        "\"records\":",
        "\"records\":{\"clients\":[nope]},\"records\":",
        1,
    );
    assert!(matches!(
        error_of(twice.as_bytes()),
        ParseError::NotJson { line: 1, .. }
    ));
    let valid_twice = text.replacen("\"records\":", "\"records\":{},\"records\":", 1);
    assert_eq!(parse(valid_twice.as_bytes()), parse(&bytes));
}

/// The checksum read from a file's first bytes, which lets a re-import of
/// a file imported before answer without parsing it, is the one the parse
/// checks — and only a file as Stillpoint writes it has one.
#[test]
fn a_written_file_declares_its_checksum_in_its_first_bytes() {
    let bytes = valid_bytes();
    let declared = declared_checksum(&bytes).expect("a written file starts with it");
    assert_eq!(declared, parse_with_checksum(&bytes).unwrap().1);
    let start = &bytes[..DECLARED_CHECKSUM_BYTES];
    assert_eq!(
        declared_checksum(start),
        Some(declared),
        "the page reads only these"
    );
    assert_eq!(declared_checksum(&start[..start.len() - 1]), None);
    let pretty = serde_json::to_vec_pretty(&as_json(&bytes)).unwrap();
    assert_eq!(parse_with_checksum(&pretty).unwrap().1, declared);
    assert_eq!(
        declared_checksum(&pretty),
        None,
        "reformatted: parsed in full"
    );
    let upper = String::from_utf8(bytes.clone()).unwrap().replacen(
        &declared[7..],
        &declared[7..].to_uppercase(),
        1,
    );
    assert_eq!(declared_checksum(upper.as_bytes()), None);
    assert_eq!(declared_checksum(&bytes[..40]), None, "truncated");
    assert_eq!(declared_checksum(b"age-encryption.org/v1\n"), None);
}

proptest! {
    #[test]
    fn reading_a_declared_checksum_never_panics_and_is_well_formed(
        bytes in proptest::collection::vec(any::<u8>(), 0..200),
        hex in "[0-9a-f]{64}",
    ) {
        if let Some(declared) = declared_checksum(&bytes) {
            prop_assert!(declared.starts_with("sha256:") && declared.len() == 71);
        }
        let file = format!("{{\"checksum\":\"sha256:{hex}\",\"counts\":{{}}}}");
        prop_assert_eq!(declared_checksum(file.as_bytes()), Some(&file[13..84]));
    }
}

/// A record whose text is not UTF-8 is refused with where the bad byte is,
/// even in a file whose checksum was made to match it (so the record
/// reader, which checks each text once, is what meets it).
#[test]
fn a_record_that_is_not_utf8_is_refused_even_with_a_matching_checksum() {
    let valid = valid_bytes();
    let mut bytes = valid.clone();
    let at = bytes
        .windows(2)
        .position(|pair| pair == "é".as_bytes())
        .expect("the notes hold an accent");
    bytes[at] = 0xFF;
    let declared = declared_checksum(&valid).expect("a written file declares it");
    let digest = Sha256::digest(open_file(&bytes).unwrap().records());
    let matching = format!("sha256:{digest:x}");
    let start = bytes
        .windows(declared.len())
        .position(|window| window == declared.as_bytes())
        .unwrap();
    bytes.splice(start..start + declared.len(), matching.bytes());
    let error = error_of(&bytes);
    assert!(error.to_string().contains("unicode"), "{error}");
}
