//! Every backup restores: the golden export files in
//! `tests/fixtures/exports/`, each written by the build that wrote its
//! schema (see the README there), are read by today's core and `stillpoint`
//! with their records intact. And the newest golden file is exactly what
//! today's writer writes, so changing the set of kinds or a record's shape
//! without a new schema version and a new golden file fails here.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use stillpoint_core::base::json_file::looks_encrypted;
use stillpoint_core::clinical::contraindication_rules::OwnRule;
use stillpoint_core::selfcare::care_plan::CarePlanVersion;
use stillpoint_core::selfcare::diary::Diary;
use stillpoint_core::sync::dataset::{Dataset, RecordKind};
use stillpoint_core::sync::export::SCHEMA_VERSION;
use stillpoint_core::sync::import::{prepare_import, ImportOptions};
use stillpoint_core::sync::parse::parse;
use stillpoint_seal::{open, Passphrase, WorkFactor};

/// The passphrase of the encrypted golden file, as its README records.
const PASSPHRASE: &str = "amber canoe thistle meadow";

/// What one golden file holds.
struct Golden {
    /// Its name in the folder.
    name: &'static str,
    /// The `schema_version` its writer wrote.
    schema: u32,
    /// Records per kind, in [`RecordKind::ALL`]'s order; kinds the schema
    /// lacks are 0.
    counts: [usize; 13],
    /// One client: id and full name.
    client: (&'static str, &'static str),
    /// The therapist's own rules in id order: name and whether removed.
    rules: &'static [(&'static str, bool)],
    /// The first item of the first self-care plan, and how many days the
    /// first diary holds.
    selfcare: Option<(&'static str, usize)>,
}

const GOLDEN: &[Golden] = &[
    Golden {
        name: "schema-1.json",
        schema: 1,
        counts: [4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        client: ("0cfffe56-222e-4e87-b5e0-4b5e44022e8b", "Zoë García Márquez"),
        rules: &[],
        selfcare: None,
    },
    Golden {
        name: "schema-2.json",
        schema: 2,
        counts: [3, 3, 1, 9, 1, 18, 1, 0, 0, 0, 0, 0, 0],
        client: ("04bfcb11-8710-4881-a82f-39fe41c2b0f7", "Aroha Novák"),
        rules: &[],
        selfcare: None,
    },
    Golden {
        name: "schema-3-nine-kinds.json",
        schema: 3,
        counts: [3, 3, 1, 9, 1, 18, 1, 3, 1, 0, 0, 0, 0],
        client: ("4eb3454a-df54-43eb-b064-01a324990fdf", "Inès Novák"),
        rules: &[
            ("Migraine on the day", false),
            ("Jaw surgery", true),
            ("Recent whiplash", false),
        ],
        selfcare: None,
    },
    Golden {
        name: "schema-3-nine-kinds.age",
        schema: 3,
        counts: [3, 3, 1, 9, 1, 18, 1, 3, 1, 0, 0, 0, 0],
        client: ("4eb3454a-df54-43eb-b064-01a324990fdf", "Inès Novák"),
        rules: &[
            ("Migraine on the day", false),
            ("Jaw surgery", true),
            ("Recent whiplash", false),
        ],
        selfcare: None,
    },
    Golden {
        name: "schema-3-twelve-kinds.json",
        schema: 3,
        counts: [5, 3, 1, 14, 1, 32, 1, 3, 1, 1, 1, 3, 0],
        client: ("30ceed71-20d0-4da2-82a9-1e5b07d8a9c3", "Noor Okafor"),
        rules: &[
            ("Recent whiplash", false),
            ("Migraine on the day", false),
            ("Jaw surgery", true),
        ],
        selfcare: Some(("Pillow support for sleep", 17)),
    },
    Golden {
        name: "schema-4.json",
        schema: 4,
        counts: [4, 4, 1, 11, 2, 22, 1, 3, 1, 1, 1, 3, 0],
        client: ("1a06e4b6-50d4-4962-a2ae-0a3991c04337", "Mei Nguyen"),
        rules: &[
            ("Recent whiplash", false),
            ("Migraine on the day", false),
            ("Jaw surgery", true),
        ],
        selfcare: Some(("Jaw muscle massage", 19)),
    },
    Golden {
        name: "schema-5.json",
        schema: 5,
        counts: [5, 3, 1, 13, 3, 27, 2, 3, 1, 2, 1, 3, 2],
        client: ("1798fb5d-6dd4-418f-8237-102be7aa9d44", "Ngozi Al-Sayed"),
        rules: &[
            ("Migraine on the day", false),
            ("Recent whiplash", false),
            ("Jaw surgery", true),
        ],
        selfcare: Some(("Body scan before sleep", 17)),
    },
];

fn path(name: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/exports"
    ))
    .join(name)
}

/// The golden file's plain bytes, decrypted if it is encrypted.
fn plain_bytes(golden: &Golden) -> Vec<u8> {
    let bytes = fs::read(path(golden.name)).expect("the golden file is in the folder");
    if looks_encrypted(&bytes) {
        let passphrase = Passphrase::new(PASSPHRASE.to_owned()).unwrap();
        open(&bytes, &passphrase, WorkFactor::EXPORT).expect("the recorded passphrase opens it")
    } else {
        bytes
    }
}

fn check_records(golden: &Golden, dataset: &Dataset) {
    let name = golden.name;
    let counts: Vec<usize> = RecordKind::ALL.map(|kind| dataset.count(kind)).to_vec();
    assert_eq!(counts, golden.counts, "{name}: records per kind");
    let (id, full_name) = golden.client;
    let client = dataset
        .clients()
        .find(|client| client.id().to_string() == id)
        .unwrap_or_else(|| panic!("{name}: client {id}"));
    assert_eq!(client.full_name(), full_name, "{name}");
    let rules: Vec<(String, bool)> = dataset
        .records::<OwnRule>()
        .map(|rule| (rule.value().name.to_string(), rule.is_removed()))
        .collect();
    let expected: Vec<(String, bool)> = golden
        .rules
        .iter()
        .map(|(rule, removed)| (rule.to_string(), *removed))
        .collect();
    assert_eq!(rules, expected, "{name}: own rules");
    let selfcare = dataset.records::<CarePlanVersion>().next().map(|plan| {
        let diary = dataset.records::<Diary>().next().expect("a diary");
        (plan.items()[0].item().title(), diary.days().count())
    });
    assert_eq!(selfcare, golden.selfcare, "{name}: self-care");
}

#[test]
fn every_golden_file_imports_with_its_records_intact() {
    for golden in GOLDEN {
        let bytes = plain_bytes(golden);
        let file = parse(&bytes).unwrap_or_else(|error| panic!("{}: {error}", golden.name));
        assert_eq!(file.schema_version(), golden.schema, "{}", golden.name);
        check_records(golden, file.dataset());
        let total = file.dataset().total();
        let imported =
            prepare_import(&Dataset::new(), file, u64::MAX, ImportOptions::default()).unwrap();
        assert_eq!(imported.preview().added.len(), total, "{}", golden.name);
        check_records(golden, imported.merged());
    }
}

#[test]
fn the_command_line_validates_every_golden_file() {
    for golden in GOLDEN {
        let output = Command::new(env!("CARGO_BIN_EXE_stillpoint"))
            .args(["validate", path(golden.name).to_str().unwrap()])
            .env("STILLPOINT_PASSPHRASE", PASSPHRASE)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{}: {}",
            golden.name,
            String::from_utf8_lossy(&output.stderr)
        );
        let summary = format!(
            "(schema version {}{}), {} clients",
            golden.schema,
            if golden.name.ends_with(".age") {
                ", encrypted"
            } else {
                ""
            },
            golden.counts[0]
        );
        assert!(stdout.contains(&summary), "{}: {stdout}", golden.name);
    }
}

#[test]
fn every_schema_has_a_golden_file_and_every_file_is_listed() {
    for schema in 1..=SCHEMA_VERSION {
        assert!(
            GOLDEN.iter().any(|golden| golden.schema == schema),
            "no golden export file of schema {schema}: make one with the build that writes it \
             (tests/fixtures/exports/README.md) and list it here"
        );
    }
    assert!(GOLDEN.iter().any(|golden| golden.name.ends_with(".age")));
    for entry in fs::read_dir(path("")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            name == "README.md" || GOLDEN.iter().any(|golden| golden.name == name),
            "{name} is in the golden folder but no test reads it"
        );
    }
}

#[test]
fn the_newest_golden_file_is_what_this_build_writes() {
    let newest = GOLDEN
        .iter()
        .find(|golden| golden.schema == SCHEMA_VERSION && golden.name.ends_with(".json"))
        .expect("a plain golden file of the current schema");
    let bytes = plain_bytes(newest);
    let rewritten = parse(&bytes).map(|file| file.to_bytes());
    assert!(
        rewritten.as_ref() == Ok(&bytes),
        "This build no longer writes {} byte for byte ({}): the set of record kinds or a \
         record's shape changed. Raise SCHEMA_VERSION, describe the change in \
         docs/export-format.md, and add a golden file made by the new writer \
         (tests/fixtures/exports/README.md).",
        newest.name,
        match &rewritten {
            Ok(_) => "it writes different bytes".to_owned(),
            Err(error) => error.to_string(),
        }
    );
}
