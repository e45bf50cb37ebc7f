//! Core at practice scale (issue 7): the synthetic practice of 1,000 clients
//! and 30,000 sessions from `stillpoint-synthetic`, each figure measured
//! beside a baseline in the same run so the printed ratios mean something
//! on a noisy two-core machine. Run with `cargo bench -p stillpoint-core`;
//! BENCHMARKS.md records the results.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::PathBuf;

use criterion::{BatchSize, Criterion};
use serde_json::Value;
use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clients::client::Client;
use stillpoint_core::clinical::amendment::Amendment;
use stillpoint_core::clinical::intake::Intake;
use stillpoint_core::clinical::session::{SessionDraft, SignedSession};
use stillpoint_core::outcomes::catalogue::free_instruments;
use stillpoint_core::outcomes::measure::Measure;
use stillpoint_core::outcomes::plan::PlanVersion;
use stillpoint_core::outcomes::practice::practice_outcomes;
use stillpoint_core::outcomes::progress::analyse;
use stillpoint_core::sync::dataset::{Dataset, SyncRecord};
use stillpoint_core::sync::import::{prepare_import, ImportOptions};
use stillpoint_core::sync::parse::{parse, parse_with_checksum};
use stillpoint_core::sync::sync_job::{FileOrigin, PreparedChanges, SyncReply};

const CLIENTS: usize = 1_000;
const SESSIONS: usize = 30_000;

/// Each measured pair: the group, the measured id and its baseline's id.
const PAIRS: &[(&str, &str, &str)] = &[
    (
        "merge",
        "parse_and_merge_two_exports",
        "serde_json_value_of_both",
    ),
    ("export", "export_to_bytes", "serde_json_to_vec_of_records"),
    (
        "import_steps",
        "parse_one_export",
        "serde_json_value_of_one",
    ),
    (
        "import_steps",
        "prepare_into_empty",
        "serde_json_value_of_one",
    ),
    (
        "import_steps",
        "reply_to_message",
        "serde_json_value_of_one",
    ),
    (
        "import_steps",
        "reply_from_message",
        "serde_json_value_of_one",
    ),
    (
        "client_analytics",
        "progress_of_client",
        "sort_client_measures",
    ),
    ("practice_outcomes", "outcomes_report", "sort_all_measures"),
];

/// Where criterion keeps its results: `criterion/` in the target folder.
fn output_directory() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target")))
        .join("criterion")
}

/// Every record of every kind, as plain serde would write them.
fn serde_json_of_records(data: &Dataset) -> Vec<u8> {
    fn all<T: SyncRecord>(data: &Dataset) -> Vec<&T> {
        data.records::<T>().collect()
    }
    let records = (
        all::<Client>(data),
        all::<Intake>(data),
        all::<SessionDraft>(data),
        all::<SignedSession>(data),
        all::<Amendment>(data),
        all::<Measure>(data),
        all::<PlanVersion>(data),
    );
    serde_json::to_vec(&records).expect("records serialise")
}

/// The client with the most sessions (a regular: about 240).
fn busiest_client(data: &Dataset) -> RecordId {
    let mut sessions: BTreeMap<RecordId, usize> = BTreeMap::new();
    for session in data.records::<SignedSession>() {
        *sessions.entry(session.note().details().client).or_default() += 1;
    }
    sessions
        .into_iter()
        .max_by_key(|&(_, count)| count)
        .map(|(client, _)| client)
        .expect("the practice has sessions")
}

fn by_date(measures: &mut [Measure]) {
    measures.sort_by_key(|measure| (measure.client(), measure.date(), measure.recorded()));
}

fn main() {
    let mut criterion = Criterion::default()
        .output_directory(&output_directory())
        .sample_size(10)
        .configure_from_args();
    let file = stillpoint_synthetic::practice(CLIENTS, SESSIONS, 1);
    let bytes = file.to_bytes();
    let other = stillpoint_synthetic::practice(CLIENTS, SESSIONS, 1).to_bytes();
    let data = file.dataset();

    let mut group = criterion.benchmark_group("merge");
    group.bench_function("parse_and_merge_two_exports", |b| {
        b.iter(|| {
            let ours = parse(&bytes).expect("valid").into_dataset();
            let theirs = parse(&other).expect("valid").into_dataset();
            black_box(ours.merge(theirs))
        })
    });
    group.bench_function("serde_json_value_of_both", |b| {
        b.iter(|| {
            let ours: Value = serde_json::from_slice(&bytes).expect("json");
            let theirs: Value = serde_json::from_slice(&other).expect("json");
            black_box((ours, theirs))
        })
    });
    group.finish();

    // The worker's steps of one import into an empty device, then the
    // page's reading of the worker's reply, each beside `serde_json`'s
    // `Value` of the same file (issue 14: where an import's time goes).
    let mut group = criterion.benchmark_group("import_steps");
    group.bench_function("serde_json_value_of_one", |b| {
        b.iter(|| black_box(serde_json::from_slice::<Value>(&bytes).expect("json")))
    });
    group.bench_function("parse_one_export", |b| {
        b.iter(|| black_box(parse_with_checksum(&bytes).expect("valid")))
    });
    let empty = Dataset::new();
    let prepare = || {
        let (parsed, checksum) = parse_with_checksum(&bytes).expect("valid");
        let origin = FileOrigin::of(&parsed, Some(checksum), false);
        (origin, parsed)
    };
    group.bench_function("prepare_into_empty", |b| {
        b.iter_batched(
            prepare,
            |(origin, parsed)| {
                let prepared = prepare_import(&empty, parsed, u64::MAX, ImportOptions::default())
                    .expect("a practice imports");
                black_box(PreparedChanges::new(origin, &empty, prepared))
            },
            BatchSize::LargeInput,
        )
    });
    let (origin, parsed) = prepare();
    let prepared = prepare_import(&empty, parsed, u64::MAX, ImportOptions::default())
        .expect("a practice imports");
    let reply = SyncReply::Prepared(PreparedChanges::new(origin, &empty, prepared));
    group.bench_function("reply_to_message", |b| {
        b.iter(|| black_box(reply.clone().into_message()))
    });
    let message = reply.into_message();
    group.bench_function("reply_from_message", |b| {
        b.iter(|| {
            let texts = message.texts.clone();
            black_box(SyncReply::from_message(&message.json, texts).expect("a reply"))
        })
    });
    group.finish();

    let mut group = criterion.benchmark_group("export");
    group.bench_function("export_to_bytes", |b| b.iter(|| black_box(file.to_bytes())));
    group.bench_function("serde_json_to_vec_of_records", |b| {
        b.iter(|| black_box(serde_json_of_records(data)))
    });
    group.finish();

    let measures: Vec<Measure> = data.records::<Measure>().cloned().collect();
    let client = busiest_client(data);
    let theirs: Vec<Measure> = measures
        .iter()
        .filter(|measure| measure.client() == client)
        .cloned()
        .collect();
    let instruments = free_instruments();
    let mut group = criterion.benchmark_group("client_analytics");
    group.bench_function("progress_of_client", |b| {
        b.iter(|| {
            instruments
                .iter()
                .map(|instrument| analyse(instrument, &theirs, client).summary())
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("sort_client_measures", |b| {
        b.iter_batched_ref(|| theirs.clone(), |m| by_date(m), BatchSize::SmallInput)
    });
    group.finish();

    let from = CalendarDate::new(2000, 1, 1).expect("a date");
    let to = CalendarDate::new(2099, 12, 31).expect("a date");
    let mut group = criterion.benchmark_group("practice_outcomes");
    group.bench_function("outcomes_report", |b| {
        b.iter(|| practice_outcomes(&instruments, &measures, from, to).expect("a range"))
    });
    group.bench_function("sort_all_measures", |b| {
        b.iter_batched_ref(|| measures.clone(), |m| by_date(m), BatchSize::LargeInput)
    });
    group.finish();

    criterion.final_summary();
    println!(
        "\nPractice: {CLIENTS} clients, {SESSIONS} sessions, export {} bytes; \
         the busiest client has {} measures.",
        bytes.len(),
        theirs.len()
    );
    print_ratios();
}

/// The median of one benchmark in this run, in milliseconds, from
/// criterion's `estimates.json`.
fn median_millis(group: &str, id: &str) -> Option<f64> {
    let path = output_directory()
        .join(group)
        .join(id)
        .join("new/estimates.json");
    let estimates: Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    Some(estimates["median"]["point_estimate"].as_f64()? / 1e6)
}

/// Each measured figure beside its baseline, and their ratio.
fn print_ratios() {
    println!(
        "\n{:<20} {:>14} {:>14} {:>8}",
        "group", "measured ms", "baseline ms", "ratio"
    );
    for &(group, measured, baseline) in PAIRS {
        if let (Some(measured), Some(baseline)) = (
            median_millis(group, measured),
            median_millis(group, baseline),
        ) {
            let ratio = measured / baseline;
            println!("{group:<20} {measured:>14.3} {baseline:>14.3} {ratio:>7.2}×");
        }
    }
}
