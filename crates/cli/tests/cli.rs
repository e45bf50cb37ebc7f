//! The `stillpoint` binary on real files in temporary folders: every
//! subcommand, its messages and its exit status, and interoperability with
//! the reference `age` tool where it is installed.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use stillpoint_core::base::hlc::Hlc;
use stillpoint_core::base::ids::{DeviceId, RecordId};
use stillpoint_core::base::passphrase::check_passphrase;
use stillpoint_core::clients::client::{Client, ClientInput};
use stillpoint_core::clients::client_sync::TextField;
use stillpoint_core::clinical::body_chart::MarkKind;
use stillpoint_core::clinical::intake::Intake;
use stillpoint_core::clinical::session::SignedSession;
use stillpoint_core::sync::dataset::{Dataset, RecordKind};
use stillpoint_core::sync::export::{ExportFile, SCHEMA_VERSION};
use stillpoint_core::sync::parse::parse;
use tempfile::TempDir;

const PASSPHRASE: &str = "otter lantern cobalt quilt";

/// Runs the binary with `args`, the passphrase variable set to `passphrase`
/// (or unset), in `dir`.
fn run_in(dir: &Path, passphrase: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stillpoint"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("STILLPOINT_PASSPHRASE")
        .stdin(Stdio::null());
    if let Some(passphrase) = passphrase {
        command.env("STILLPOINT_PASSPHRASE", passphrase);
    }
    command.output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn succeeds(output: Output) -> Output {
    assert!(
        output.status.success(),
        "expected success, got {:?}: {}",
        output.status.code(),
        stderr(&output)
    );
    output
}

/// Asserts exit status 1 and returns the error message.
fn fails(output: Output) -> String {
    assert_eq!(output.status.code(), Some(1), "stdout: {}", stdout(&output));
    stderr(&output)
}

fn generate(dir: &Path, name: &str, clients: usize, seed: u64) -> PathBuf {
    let clients = clients.to_string();
    let seed = seed.to_string();
    succeeds(run_in(
        dir,
        None,
        &[
            "generate",
            "--clients",
            &clients,
            "--seed",
            &seed,
            "--output",
            name,
        ],
    ));
    dir.join(name)
}

/// Encrypts `plain` into `sealed` with the test passphrase.
fn encrypt(dir: &Path, plain: &str, sealed: &str) {
    succeeds(run_in(
        dir,
        Some(PASSPHRASE),
        &["encrypt", plain, "-o", sealed],
    ));
}

fn stamp(wall: u64, device: u8) -> Hlc {
    Hlc::from_parts(wall, 0, DeviceId::from_bytes([device; 16]))
}

fn edited_notes(client: &Client, notes: &str, at: Hlc) -> Client {
    let today = "2026-11-27".parse().unwrap();
    let input = ClientInput {
        notes: notes.into(),
        ..client.to_input()
    };
    let mut edited = client.clone();
    assert!(edited.edit(input.validate(today).unwrap(), at));
    edited
}

#[test]
fn generate_is_deterministic_and_validates() {
    let dir = TempDir::new().unwrap();
    let first = fs::read(generate(dir.path(), "a.json", 30, 11)).unwrap();
    let second = fs::read(generate(dir.path(), "b.json", 30, 11)).unwrap();
    let other = fs::read(generate(dir.path(), "c.json", 30, 12)).unwrap();
    assert_eq!(first, second);
    assert_ne!(first, other);
    let output = succeeds(run_in(dir.path(), None, &["validate", "a.json"]));
    let file = parse(&first).unwrap();
    let counts: Vec<String> = file
        .counts()
        .into_iter()
        .map(|(kind, count)| format!("{count} {}", kind.plural()))
        .collect();
    assert_eq!(
        stdout(&output).trim(),
        format!(
            "a.json: valid Stillpoint export (schema version {SCHEMA_VERSION}), {}",
            counts.join(", ")
        )
    );
    assert_eq!(counts[0], "30 clients");
    let to_stdout = succeeds(run_in(
        dir.path(),
        None,
        &["generate", "--clients", "30", "--seed", "11"],
    ));
    assert_eq!(to_stdout.stdout, first);
}

#[test]
fn generate_with_sessions_makes_every_kind_of_record() {
    let dir = TempDir::new().unwrap();
    succeeds(run_in(
        dir.path(),
        None,
        &[
            "generate",
            "--clients",
            "20",
            "--sessions",
            "60",
            "--seed",
            "1",
            "-o",
            "out.json",
        ],
    ));
    let file = parse(&fs::read(dir.path().join("out.json")).unwrap()).unwrap();
    for kind in RecordKind::ALL {
        assert!(file.dataset().count(kind) > 0, "{kind}");
    }
}

/// The benchmarks' practice: 1,000 clients and 30,000 sessions, the same
/// bytes for the same seed, with every record kind in a caseload's
/// proportions.
#[test]
fn generate_at_practice_scale_is_deterministic_and_realistic() {
    let dir = TempDir::new().unwrap();
    let args = [
        "generate",
        "--clients",
        "1000",
        "--sessions",
        "30000",
        "--seed",
        "3",
    ];
    let first = succeeds(run_in(dir.path(), None, &args)).stdout;
    let second = succeeds(run_in(dir.path(), None, &args)).stdout;
    assert!(first == second, "the same seed gave different files");
    let file = parse(&first).unwrap();
    let data = file.dataset();
    let count = |kind| data.count(kind);
    let share = |part: usize, whole: usize| part * 100 / whole;
    assert_eq!(count(RecordKind::Client), 1000);
    // Opened on 2005-01-03, it runs for most of twenty years and stops
    // before 2025-01-03, never in an importing device's future.
    let last_change = file.high_water().wall_millis();
    assert!((1_577_836_800_000..1_735_894_800_000).contains(&last_change));
    let signed: Vec<&SignedSession> = data.records().collect();
    assert_eq!(signed.len() + count(RecordKind::SessionDraft), 30_000);
    // Most clients give an intake, and renew it when back after a year.
    let with_intake: BTreeSet<RecordId> = data.records::<Intake>().map(Intake::client).collect();
    assert!((70..=90).contains(&share(with_intake.len(), 1000)));
    assert!(count(RecordKind::Intake) > with_intake.len());
    assert!((20..=40).contains(&share(count(RecordKind::PlanVersion), 1000)));
    assert!((5..=15).contains(&share(count(RecordKind::Amendment), signed.len())));
    // Pain before and after every signed session, and some scores of the
    // therapist's own instrument.
    assert!(count(RecordKind::Measure) >= 2 * signed.len());
    let deleted = data.clients().filter(|client| client.is_deleted()).count();
    assert!((3..=15).contains(&share(deleted, 1000)));
    let overridden = signed
        .iter()
        .filter(|session| !session.note().overrides().is_empty())
        .count();
    assert!((1..=20).contains(&share(overridden, signed.len())));
    let avoiding = signed
        .iter()
        .filter(|session| {
            session
                .note()
                .chart()
                .regions_marked(MarkKind::Avoid)
                .count()
                > 0
        })
        .count();
    assert!((1..=20).contains(&share(avoiding, signed.len())));
    let mut per_client: BTreeMap<RecordId, usize> = BTreeMap::new();
    for session in &signed {
        *per_client
            .entry(session.note().details().client)
            .or_default() += 1;
    }
    assert!(per_client.values().any(|&sessions| sessions >= 200));
    assert!(
        per_client
            .values()
            .filter(|&&sessions| sessions < 50)
            .count()
            > 900
    );
}

#[test]
fn inspect_shows_version_devices_and_counts() {
    let dir = TempDir::new().unwrap();
    generate(dir.path(), "practice.json", 200, 5);
    let file = parse(&fs::read(dir.path().join("practice.json")).unwrap()).unwrap();
    let report = stdout(&succeeds(run_in(
        dir.path(),
        None,
        &["inspect", "practice.json"],
    )));
    assert!(report.contains("plain JSON, not encrypted"));
    assert!(report.contains(&format!(
        "stillpoint-export, schema version {SCHEMA_VERSION}"
    )));
    // The practice's tablet named itself: the report names it, with its id.
    assert!(report.contains(&format!(
        "Made by:    Treatment room iPad (device {})",
        file.device()
    )));
    let deleted = file.dataset().clients().filter(|c| c.is_deleted()).count();
    let conflicted = file
        .dataset()
        .clients()
        .filter(|c| !c.conflicts().is_empty())
        .count();
    assert!(deleted > 0 && conflicted > 0);
    assert!(report.contains(&format!(
        "clients: 200 ({deleted} deleted, {conflicted} with conflicting versions)"
    )));
    for stamp in file.dataset().version_vector().stamps() {
        assert!(report.contains(&stamp.device().to_string()));
    }
    assert!(report.contains("custom_rules: 3 (1 removed)"), "{report}");
    assert!(
        report.contains("custom_instruments: 1 (0 removed)"),
        "{report}"
    );
}

#[test]
fn encrypt_then_decrypt_gives_the_same_file() {
    let dir = TempDir::new().unwrap();
    let plain = fs::read(generate(dir.path(), "plain.json", 20, 2)).unwrap();
    fs::write(dir.path().join("pass.txt"), format!("{PASSPHRASE}\n")).unwrap();
    succeeds(run_in(
        dir.path(),
        None,
        &[
            "encrypt",
            "plain.json",
            "-o",
            "sealed.age",
            "--passphrase-file",
            "pass.txt",
        ],
    ));
    let sealed = fs::read(dir.path().join("sealed.age")).unwrap();
    assert!(sealed.starts_with(b"age-encryption.org/v1\n-> scrypt "));
    assert!(!sealed.windows(8).any(|window| window == b"clients\""));

    let validated = succeeds(run_in(
        dir.path(),
        Some(PASSPHRASE),
        &["validate", "sealed.age"],
    ));
    assert!(stdout(&validated).contains("encrypted"));
    let decrypted = succeeds(run_in(
        dir.path(),
        Some(PASSPHRASE),
        &["decrypt", "sealed.age", "-o", "back.json"],
    ));
    assert!(stderr(&decrypted).contains("back.json is not encrypted"));
    assert_eq!(fs::read(dir.path().join("back.json")).unwrap(), plain);

    let again = fails(run_in(
        dir.path(),
        Some(PASSPHRASE),
        &["encrypt", "sealed.age", "-o", "twice.age"],
    ));
    assert!(again.contains("already encrypted"));
}

#[test]
fn weak_passphrases_are_refused_for_writing_with_the_reason() {
    let dir = TempDir::new().unwrap();
    generate(dir.path(), "plain.json", 2, 4);
    for (weak, reason) in [
        ("1234", "at least 12 characters"),
        ("password1234", "passwords people use most"),
        ("aaaaaaaaaaaa", "repeats the same character"),
    ] {
        let refused = fails(run_in(
            dir.path(),
            Some(weak),
            &["encrypt", "plain.json", "-o", "weak.age"],
        ));
        assert!(
            refused.contains("too weak") && refused.contains(reason),
            "{refused}"
        );
        let merged = fails(run_in(
            dir.path(),
            Some(weak),
            &["merge", "plain.json", "plain.json", "-o", "weak.age"],
        ));
        assert!(merged.contains(reason), "{merged}");
        assert!(!dir.path().join("weak.age").exists());
    }
}

#[test]
fn passphrase_suggests_ten_fresh_words_that_pass_the_floor() {
    let dir = TempDir::new().unwrap();
    let suggest = || stdout(&succeeds(run_in(dir.path(), None, &["passphrase"])));
    let first = suggest();
    let words: Vec<&str> = first.trim_end().split('-').collect();
    assert_eq!(words.len(), 10, "{first}");
    assert!(words
        .iter()
        .all(|word| word.bytes().all(|b| b.is_ascii_lowercase())));
    assert_eq!(check_passphrase(first.trim_end()), Ok(()));
    assert_ne!(first, suggest(), "drawn from the system's randomness");
}

#[test]
fn wrong_passphrase_missing_passphrase_and_tampering_are_told_apart() {
    let dir = TempDir::new().unwrap();
    generate(dir.path(), "plain.json", 10, 3);
    encrypt(dir.path(), "plain.json", "sealed.age");
    let wrong = fails(run_in(
        dir.path(),
        Some("not it"),
        &["validate", "sealed.age"],
    ));
    assert!(
        wrong.contains("passphrase does not open this file"),
        "{wrong}"
    );

    let missing = fails(run_in(dir.path(), None, &["validate", "sealed.age"]));
    assert!(missing.contains("sealed.age is encrypted"), "{missing}");
    assert!(missing.contains("--passphrase-file"));

    let mut bytes = fs::read(dir.path().join("sealed.age")).unwrap();
    let near_end = bytes.len() - 30;
    bytes[near_end] ^= 0x01;
    fs::write(dir.path().join("flipped.age"), bytes).unwrap();
    let damaged = fails(run_in(
        dir.path(),
        Some(PASSPHRASE),
        &["validate", "flipped.age"],
    ));
    assert!(damaged.contains("encrypted file is damaged"), "{damaged}");
    assert_ne!(wrong, damaged);

    let plain = fails(run_in(
        dir.path(),
        Some(PASSPHRASE),
        &["decrypt", "plain.json", "-o", "out.json"],
    ));
    assert!(plain.contains("not encrypted"));
}

#[test]
fn merge_keeps_concurrent_edits_as_a_conflict() {
    let dir = TempDir::new().unwrap();
    let today = "2026-11-27".parse().unwrap();
    let input = ClientInput {
        full_name: "Ada Lovelace".into(),
        notes: "first visit".into(),
        ..ClientInput::default()
    };
    let base = Client::create(
        RecordId::from_bytes([1; 16]),
        input.validate(today).unwrap(),
        stamp(1_000, 1),
    );
    let on_tablet = edited_notes(&base, "tablet notes", stamp(2_000, 1));
    let on_laptop = edited_notes(&base, "laptop notes", stamp(3_000, 2));
    let tablet: Dataset = [on_tablet].into_iter().collect();
    let laptop: Dataset = [on_laptop].into_iter().collect();
    fs::write(
        dir.path().join("tablet.json"),
        ExportFile::full(tablet.clone(), stamp(2_000, 1)).to_bytes(),
    )
    .unwrap();
    fs::write(
        dir.path().join("laptop.json"),
        ExportFile::full(laptop.clone(), stamp(3_000, 2)).to_bytes(),
    )
    .unwrap();

    let refused = fails(run_in(
        dir.path(),
        None,
        &["merge", "tablet.json", "laptop.json", "-o", "merged.age"],
    ));
    assert!(
        refused.contains("merged.age is written encrypted"),
        "{refused}"
    );

    let merged = succeeds(run_in(
        dir.path(),
        None,
        &[
            "merge",
            "tablet.json",
            "laptop.json",
            "-o",
            "merged.json",
            "--plain",
        ],
    ));
    assert!(stderr(&merged).contains("merged.json is not encrypted"));
    let file = parse(&fs::read(dir.path().join("merged.json")).unwrap()).unwrap();
    assert_eq!(file.dataset(), &tablet.merge(laptop));
    assert!(
        ![stamp(0, 1).device(), stamp(0, 2).device()].contains(&file.device()),
        "the merge is no one device's: a receiver must not take the tablet to hold the laptop's edits"
    );
    assert_eq!(file.sender_holds(), file.dataset().version_vector());
    assert_eq!(file.high_water().wall_millis(), 3_000);
    let client = file.dataset().clients().next().unwrap();
    let kept: Vec<String> = client
        .versions(TextField::Notes)
        .into_iter()
        .map(|version| version.text)
        .collect();
    assert_eq!(kept, ["laptop notes", "tablet notes"]);
}

#[test]
fn merge_reads_encrypted_inputs_and_writes_encrypted_output() {
    let dir = TempDir::new().unwrap();
    generate(dir.path(), "one.json", 8, 21);
    generate(dir.path(), "two.json", 9, 22);
    encrypt(dir.path(), "one.json", "one.age");
    succeeds(run_in(
        dir.path(),
        Some(PASSPHRASE),
        &["merge", "one.age", "two.json", "-o", "both.age"],
    ));
    let report = stdout(&succeeds(run_in(
        dir.path(),
        Some(PASSPHRASE),
        &["validate", "both.age"],
    )));
    assert!(report.contains("encrypted), 17 clients"), "{report}");
}

/// Splits CSV text into records of fields, honouring quoted line breaks.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (_, '"') => quoted = !quoted,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            _ => field.push(c),
        }
    }
    records
}

#[test]
fn to_csv_writes_one_row_per_client() {
    let dir = TempDir::new().unwrap();
    generate(dir.path(), "practice.json", 120, 9);
    let output = succeeds(run_in(
        dir.path(),
        None,
        &["to-csv", "practice.json", "out/csv"],
    ));
    assert!(stderr(&output).contains("clients.csv is not encrypted"));
    let text = fs::read_to_string(dir.path().join("out/csv/clients.csv")).unwrap();
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark, so Excel reads UTF-8");
    let records = csv_records(text);
    assert_eq!(records.len(), 121);
    assert_eq!(records[0][0], "id");
    assert!(records
        .iter()
        .all(|record| record.len() == records[0].len()));
    let file = parse(&fs::read(dir.path().join("practice.json")).unwrap()).unwrap();
    for (record, client) in records[1..].iter().zip(file.dataset().clients()) {
        assert_eq!(record[0], client.id().to_string());
        assert_eq!(record[1], client.full_name());
        assert_eq!(record[6], client.notes());
        assert_eq!(record[7], client.is_deleted().to_string());
        assert_eq!(record[10].is_empty(), client.conflicts().is_empty());
    }
}

#[test]
fn to_csv_writes_sessions_and_measures() {
    let dir = TempDir::new().unwrap();
    succeeds(run_in(
        dir.path(),
        None,
        &[
            "generate",
            "--clients",
            "10",
            "--sessions",
            "30",
            "--seed",
            "4",
            "-o",
            "practice.json",
        ],
    ));
    succeeds(run_in(
        dir.path(),
        None,
        &["to-csv", "practice.json", "csv"],
    ));
    let file = parse(&fs::read(dir.path().join("practice.json")).unwrap()).unwrap();
    for (name, kind) in [
        ("sessions.csv", RecordKind::SignedSession),
        ("measures.csv", RecordKind::Measure),
    ] {
        let text = fs::read_to_string(dir.path().join("csv").join(name)).unwrap();
        let records = csv_records(&text);
        assert_eq!(records.len(), file.dataset().count(kind) + 1, "{name}");
        assert!(records
            .iter()
            .all(|record| record.len() == records[0].len()));
    }
}

#[test]
fn bad_files_are_refused_with_the_importers_message() {
    let dir = TempDir::new().unwrap();
    let valid = fs::read(generate(dir.path(), "valid.json", 5, 4)).unwrap();
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("empty.json", Vec::new(), "This file is empty"),
        (
            "cut.json",
            valid[..valid.len() / 2].to_vec(),
            "ends part-way through",
        ),
        (
            "notes.txt",
            b"just some notes".to_vec(),
            "not a Stillpoint export",
        ),
        (
            "plan.json",
            br#"{"format":"stillpoint-plan","schema_version":1}"#.to_vec(),
            "self-care plan",
        ),
        (
            "future.json",
            br#"{"format":"stillpoint-export","schema_version":7}"#.to_vec(),
            "Update the app first",
        ),
    ];
    for (name, bytes, expected) in cases {
        fs::write(dir.path().join(name), bytes).unwrap();
        for command in ["validate", "inspect"] {
            let message = fails(run_in(dir.path(), None, &[command, name]));
            assert!(
                message.starts_with(&format!("stillpoint: {name}: ")) && message.contains(expected),
                "{command} {name}: {message}"
            );
        }
    }
    let missing = fails(run_in(dir.path(), None, &["validate", "nowhere.json"]));
    assert!(missing.contains("cannot read nowhere.json"));
}

#[test]
fn wrong_usage_exits_with_status_2_and_passphrases_are_never_arguments() {
    let dir = TempDir::new().unwrap();
    for args in [
        &["frobnicate"][..],
        &["merge", "a.json"],
        &["validate", "a.json", "--passphrase", "secret"],
        &["generate", "--clients", "many", "--seed", "1"],
    ] {
        let output = run_in(dir.path(), None, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
    let help = stdout(&succeeds(run_in(dir.path(), None, &["--help"])));
    assert!(help.contains("STILLPOINT_PASSPHRASE"));
}

/// Runs `command` under `script`, which gives it a terminal to read the
/// passphrase from: `age` reads passphrases only from a terminal.
fn with_terminal(dir: &Path, command: &str, typed: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new("script")
        .args(["-qec", command, "/dev/null"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(typed.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn installed(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

#[test]
fn the_reference_age_tool_opens_our_files_and_we_open_its() {
    if let Some(missing) = ["age", "script"].into_iter().find(|tool| !installed(tool)) {
        println!("skipped: `{missing}` is not installed (apt-get install -y age util-linux)");
        return;
    }
    let dir = TempDir::new().unwrap();
    let plain = fs::read(generate(dir.path(), "plain.json", 12, 8)).unwrap();
    encrypt(dir.path(), "plain.json", "ours.age");
    let opened = with_terminal(
        dir.path(),
        "age --decrypt --output by-age.json ours.age",
        &format!("{PASSPHRASE}\n"),
    );
    assert!(opened.status.success(), "{}", stdout(&opened));
    assert_eq!(fs::read(dir.path().join("by-age.json")).unwrap(), plain);

    let made = with_terminal(
        dir.path(),
        "age --passphrase --output theirs.age plain.json",
        &format!("{PASSPHRASE}\n{PASSPHRASE}\n"),
    );
    assert!(made.status.success(), "{}", stdout(&made));
    succeeds(run_in(
        dir.path(),
        Some(PASSPHRASE),
        &["decrypt", "theirs.age", "-o", "by-us.json"],
    ));
    assert_eq!(fs::read(dir.path().join("by-us.json")).unwrap(), plain);
}

/// Runs the binary with `args` in `dir`, `input` on its standard input.
fn run_with_input(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_stillpoint"))
        .args(args)
        .current_dir(dir)
        .env("STILLPOINT_PASSPHRASE", PASSPHRASE)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn json_reports_say_what_a_script_needs_even_for_a_refused_file() {
    let dir = TempDir::new().unwrap();
    let plain = fs::read(generate(dir.path(), "plain.json", 7, 3)).unwrap();
    let clients = parse(&plain).unwrap().dataset().clients().count();
    encrypt(dir.path(), "plain.json", "sealed.age");

    let valid = succeeds(run_in(
        dir.path(),
        Some(PASSPHRASE),
        &["validate", "--json", "sealed.age"],
    ));
    let verdict: serde_json::Value = serde_json::from_str(&stdout(&valid)).unwrap();
    assert_eq!(verdict["valid"], true);
    assert_eq!(verdict["encrypted"], true);
    assert_eq!(verdict["schema_version"], SCHEMA_VERSION);
    assert_eq!(verdict["records"]["clients"]["count"], clients);

    let mut tampered = plain.clone();
    let at = tampered.len() / 2;
    tampered[at] ^= 0x01;
    fs::write(dir.path().join("tampered.json"), &tampered).unwrap();
    let refused = run_in(dir.path(), None, &["validate", "--json", "tampered.json"]);
    assert_eq!(refused.status.code(), Some(1));
    let verdict: serde_json::Value = serde_json::from_str(&stdout(&refused)).unwrap();
    assert_eq!(verdict["valid"], false);
    assert!(verdict["error"].as_str().unwrap().contains("tampered.json"));

    let report = succeeds(run_in(
        dir.path(),
        None,
        &["inspect", "--json", "plain.json"],
    ));
    let report: serde_json::Value = serde_json::from_str(&stdout(&report)).unwrap();
    assert_eq!(report["encrypted"], false);
    assert_eq!(report["contents"], "everything");
    assert_eq!(report["records"]["clients"]["count"], clients);
    assert!(report["devices"]
        .as_object()
        .is_some_and(|devices| !devices.is_empty()));
}

#[test]
fn a_dash_reads_standard_input_and_writes_standard_output() {
    let dir = TempDir::new().unwrap();
    let plain = fs::read(generate(dir.path(), "plain.json", 5, 4)).unwrap();
    encrypt(dir.path(), "plain.json", "sealed.age");
    let sealed = fs::read(dir.path().join("sealed.age")).unwrap();

    let checked = succeeds(run_with_input(dir.path(), &["validate", "-"], &sealed));
    assert!(stdout(&checked).contains("valid Stillpoint export"));
    let opened = succeeds(run_with_input(
        dir.path(),
        &["decrypt", "-", "-o", "-"],
        &sealed,
    ));
    assert_eq!(opened.stdout, plain);
}

#[cfg(unix)]
#[test]
fn files_written_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    generate(dir.path(), "plain.json", 4, 5);
    encrypt(dir.path(), "plain.json", "sealed.age");
    succeeds(run_in(
        dir.path(),
        Some(PASSPHRASE),
        &["decrypt", "sealed.age", "-o", "opened.json"],
    ));
    succeeds(run_in(dir.path(), None, &["to-csv", "plain.json", "csv"]));
    for written in ["plain.json", "sealed.age", "opened.json", "csv/clients.csv"] {
        let mode = fs::metadata(dir.path().join(written))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{written}");
    }
}

#[test]
fn completions_are_printed_for_each_shell() {
    let dir = TempDir::new().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(&succeeds(run_in(dir.path(), None, &["completions", shell])));
        assert!(script.contains("stillpoint"), "{shell}");
        assert!(script.contains("to-csv"), "{shell}");
    }
}

#[test]
fn at_a_terminal_the_passphrase_is_asked_for_and_twice_to_seal() {
    if !installed("script") {
        println!("skipped: `script` is not installed (apt-get install -y util-linux)");
        return;
    }
    let dir = TempDir::new().unwrap();
    let plain = fs::read(generate(dir.path(), "plain.json", 3, 6)).unwrap();
    let binary = env!("CARGO_BIN_EXE_stillpoint");
    let sealed = with_terminal(
        dir.path(),
        &format!("env -u STILLPOINT_PASSPHRASE {binary} encrypt plain.json -o sealed.age"),
        &format!("{PASSPHRASE}\n{PASSPHRASE}\n"),
    );
    assert!(sealed.status.success(), "{}", stdout(&sealed));
    assert!(stdout(&sealed).contains("Type it again"));
    let opened = with_terminal(
        dir.path(),
        &format!("env -u STILLPOINT_PASSPHRASE {binary} decrypt sealed.age -o opened.json"),
        &format!("{PASSPHRASE}\n"),
    );
    assert!(opened.status.success(), "{}", stdout(&opened));
    assert_eq!(fs::read(dir.path().join("opened.json")).unwrap(), plain);

    let differ = with_terminal(
        dir.path(),
        &format!("env -u STILLPOINT_PASSPHRASE {binary} encrypt plain.json -o other.age"),
        &format!("{PASSPHRASE}\n{PASSPHRASE} typo\n"),
    );
    assert!(!differ.status.success());
    assert!(stdout(&differ).contains("differ"));
    assert!(!dir.path().join("other.age").exists());
}
