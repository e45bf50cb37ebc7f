//! Clinic sync's two transfer figures (issue 16, BENCHMARKS.md), on the
//! synthetic practice of 1,000 clients and 30,000 sessions: what crosses
//! the network and what the receiving device computes, (1) for a day's
//! work — the changes holding the practice's last 8 signed notes — to
//! reach another device, and (2) for a new device restoring the whole
//! practice from the server. Native, release build; the browser's worker
//! runs the same code in wasm. Run with `cargo bench -p stillpoint-seal
//! --bench clinic`.

use std::time::Instant;

use stillpoint_core::base::hlc::Hlc;
use stillpoint_core::merge::version_vector::VersionVector;
use stillpoint_core::sync::clinic::{combine_bundles, BundleDoc, ClinicCursor};
use stillpoint_core::sync::dataset::{Dataset, RecordKind};
use stillpoint_core::sync::import::{prepare_import, ImportOptions};
use stillpoint_core::sync::parse::parse;
use stillpoint_seal::clinic::ClinicKey;
use stillpoint_seal::{StrongPassphrase, WorkFactor};

/// What a `_changes` answer carrying `bundle` weighs: its document as
/// CouchDB sends it (with a revision), in the feed's envelope.
fn feed_bytes(bundle: &BundleDoc) -> usize {
    let doc = format!(
        r#"{{"_id":"{}","_rev":"1-{}","sealed":"{}"}}"#,
        bundle.id,
        "0".repeat(32),
        bundle.sealed
    );
    let entry = format!(
        r#"{{"seq":1,"id":"{}","changes":[{{"rev":"1-{}"}}],"doc":{doc}}}"#,
        bundle.id,
        "0".repeat(32)
    );
    format!(r#"{{"results":[{entry}],"last_seq":1}}"#).len()
}

/// The version vector holding every stamp up to `cutoff`, per device.
fn up_to(stamps: &[Hlc], cutoff: Hlc) -> VersionVector {
    stamps
        .iter()
        .copied()
        .filter(|stamp| *stamp <= cutoff)
        .collect()
}

/// Receives `bundle` on a device holding `local`: open, parse, combine,
/// merge (what the worker does; the write to IndexedDB is not included).
fn receive(key: &ClinicKey, local: &Dataset, bundle: &BundleDoc) -> (f64, usize) {
    let started = Instant::now();
    let plain = key.open_bundle(bundle).expect("the bundle opens");
    let file = parse(&plain).expect("the bundle parses");
    let combined = combine_bundles(local, vec![file])
        .expect("nothing is missing")
        .expect("one bundle");
    let prepared = prepare_import(local, combined.file, u64::MAX / 2, ImportOptions::default())
        .expect("the bundle imports");
    let written = prepared.preview().added.len() + prepared.preview().updated.len();
    (started.elapsed().as_secs_f64() * 1000.0, written)
}

fn main() {
    let practice = stillpoint_synthetic::practice(1_000, 30_000, 1);
    let high_water = practice.high_water();
    let everything = practice.into_dataset();
    let passphrase = StrongPassphrase::new("quiet harbour lantern seven".into()).expect("strong");
    let started = Instant::now();
    let (key, _) = ClinicKey::create(&passphrase, WorkFactor::EXPORT);
    let derive_ms = started.elapsed().as_secs_f64() * 1000.0;

    // A day's work: the smallest tail of the practice's history that holds
    // 8 signed notes, as the bundle its device posts.
    let mut stamps: Vec<Hlc> = everything.stamps().collect();
    stamps.sort_unstable();
    stamps.dedup();
    let notes_after = |index: usize| {
        everything
            .changes_since(&up_to(&stamps, stamps[index]))
            .count(RecordKind::SignedSession)
    };
    let (mut low, mut high) = (0, stamps.len() - 1);
    while low < high {
        let middle = (low + high).div_ceil(2);
        if notes_after(middle) >= 8 {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    let cursor = ClinicCursor {
        seq: None,
        server_holds: up_to(&stamps, stamps[low]),
    };
    let started = Instant::now();
    let day = cursor
        .bundle(&everything, high_water)
        .expect("changes to send");
    let day_bundle = key.seal_bundle(&day.to_bytes());
    let post_ms = started.elapsed().as_secs_f64() * 1000.0;
    // The receiver holds the whole practice (its own copy of what the day
    // changes, older): merging costs what a device at practice scale pays.
    let (day_ms, _) = receive(&key, &everything, &day_bundle);

    // A new device: the whole practice as one bundle, as the first device
    // of a clinic posts it when it joins.
    let started = Instant::now();
    let full = ClinicCursor::default()
        .bundle(&everything, high_water)
        .expect("everything to send");
    let full_bundle = key.seal_bundle(&full.to_bytes());
    let full_post_ms = started.elapsed().as_secs_f64() * 1000.0;
    let (restore_ms, restore_written) = receive(&key, &Dataset::new(), &full_bundle);

    println!("clinic key derivation (scrypt 2^17, once per device): {derive_ms:.0} ms");
    println!(
        "day's work: {} records ({} signed notes), feed {} bytes, sealed by the sender in {post_ms:.0} ms, opened and merged into the practice in {day_ms:.0} ms",
        day.counts().values().sum::<usize>(),
        day.dataset().count(RecordKind::SignedSession),
        feed_bytes(&day_bundle),
    );
    println!(
        "new device: {} records, feed {} bytes, sealed by the sender in {full_post_ms:.0} ms, opened and merged in {restore_ms:.0} ms ({restore_written} records written)",
        full.counts().values().sum::<usize>(),
        feed_bytes(&full_bundle),
    );
}
