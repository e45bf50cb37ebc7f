//! The jobs, as plain functions of their inputs: export (write, seal),
//! import (open, parse, check, merge), and the clinic's join, post and
//! pull (the same writing, parsing and merging, sealed with the clinic
//! key). All the rules are in the core; this module only orders the steps
//! and reports progress.

use std::borrow::Cow;

use stillpoint_core::base::hlc::Hlc;
use stillpoint_core::base::json_file::looks_encrypted;
use stillpoint_core::merge::version_vector::VersionVector;
use stillpoint_core::sync::clinic::{combine_bundles, read_changes, ClinicCursor, ClinicDoc};
use stillpoint_core::sync::dataset::LocalRecords;
use stillpoint_core::sync::export::ExportFile;
use stillpoint_core::sync::import::{prepare_import, ImportError, ImportOptions};
use stillpoint_core::sync::parse::{open_file, parse};
use stillpoint_core::sync::sync_job::{FileOrigin, PreparedChanges, SyncJob, SyncReply, SyncStage};
use stillpoint_seal::clinic::ClinicKey;
use stillpoint_seal::{open, seal, Passphrase, StrongPassphrase, WorkFactor};

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Crypto;

use crate::messages::{Incoming, Outgoing, PostedTexts, ReadInput};

/// Runs one job, sending progress and then exactly one final reply.
pub async fn run(incoming: Incoming, reply: &impl Fn(Outgoing)) {
    let progress = |stage| reply(Outgoing::new(SyncReply::Progress(stage)));
    let outcome = match incoming.job {
        SyncJob::Export {
            records,
            since,
            high_water,
            passphrase,
        } => export(records, since, high_water, passphrase, &progress),
        SyncJob::Import {
            records,
            passphrase,
            now_millis,
            options,
        } => match incoming.input.read().await {
            Ok(input) => {
                import(
                    records,
                    &input,
                    passphrase,
                    (now_millis, options),
                    &progress,
                )
                .await
            }
            Err(unreadable) => Err(unreadable),
        },
        SyncJob::ClinicJoin { passphrase, clinic } => join(passphrase, clinic, &progress),
        SyncJob::ClinicPost {
            records,
            cursor,
            high_water,
            key,
        } => post(records, &cursor, high_water, &key),
        SyncJob::ClinicPull {
            records,
            key,
            now_millis,
        } => match incoming.input.read().await {
            Ok(feed) => pull(records, &feed.bytes, &key, now_millis, &progress),
            Err(unreadable) => Err(unreadable),
        },
    };
    reply(outcome.unwrap_or_else(Outgoing::failed));
}

fn passphrase(text: String) -> Result<Passphrase, String> {
    Passphrase::new(text).map_err(|error| error.to_string())
}

fn export(
    records: LocalRecords,
    since: Option<VersionVector>,
    high_water: Hlc,
    passphrase_text: Option<String>,
    progress: &impl Fn(SyncStage),
) -> Result<Outgoing, String> {
    progress(SyncStage::Writing);
    let dataset = records.into_dataset();
    let mark = dataset.version_vector();
    let file = match since {
        Some(since) => ExportFile::changes_since(&dataset, high_water, since),
        None => ExportFile::full(dataset, high_water),
    };
    let count = file.counts().values().sum();
    let bytes = file.to_bytes();
    let exported = |sealed| SyncReply::Exported {
        sealed,
        records: count,
        mark: mark.clone(),
    };
    let Some(text) = passphrase_text else {
        return Ok(Outgoing::with_bytes(exported(false), bytes));
    };
    let passphrase = StrongPassphrase::new(text).map_err(|error| error.to_string())?;
    progress(SyncStage::Sealing);
    let sealed = seal(&bytes, &passphrase, WorkFactor::EXPORT);
    Ok(Outgoing::with_bytes(exported(true), sealed))
}

async fn import(
    records: LocalRecords,
    input: &ReadInput,
    passphrase_text: Option<String>,
    (now_millis, options): (u64, ImportOptions),
    progress: &impl Fn(SyncStage),
) -> Result<Outgoing, String> {
    let bytes = &input.bytes;
    let encrypted = looks_encrypted(bytes);
    // A plain file is read where it lies: a practice's export is 54 MB.
    let plain = if encrypted {
        let Some(text) = passphrase_text else {
            return Ok(Outgoing::new(SyncReply::NeedsPassphrase));
        };
        let passphrase = passphrase(text)?;
        progress(SyncStage::Sealing);
        Cow::Owned(open(bytes, &passphrase, WorkFactor::EXPORT).map_err(|error| error.to_string())?)
    } else {
        Cow::Borrowed(bytes)
    };
    progress(SyncStage::Checking);
    let opened = open_file(&plain).map_err(|error| error.to_string())?;
    let records_js = match &plain {
        Cow::Borrowed(_) => input.as_js(opened.records()),
        Cow::Owned(_) => Uint8Array::from(opened.records()),
    };
    // The browser hashes the records on its own thread while they are read.
    let hashing = browser_sha256(&records_js)?;
    input.release_file();
    let unchecked = opened.read_before_checksum();
    let digest = hashed(hashing).await?;
    let (file, checksum, texts) = unchecked
        .checked(&digest)
        .map_err(|error| error.to_string())?;
    progress(SyncStage::Merging);
    let origin = FileOrigin::of(&file, Some(checksum), encrypted);
    let local = records.into_dataset();
    let prepared = match prepare_import(&local, file, now_millis, options) {
        Ok(prepared) => prepared,
        Err(error @ ImportError::ClockAhead { ahead_days, .. }) => {
            return Ok(Outgoing::new(SyncReply::ClockAhead {
                days: ahead_days,
                message: error.to_string(),
            }))
        }
        Err(error) => return Err(error.to_string()),
    };
    let mut posted = PostedTexts::default();
    let changes =
        PreparedChanges::with_file_texts_into(origin, &local, &prepared, &texts, &mut posted);
    Ok(Outgoing::new(SyncReply::Prepared(changes))
        .with_texts(posted)
        .freeing_after_posting(Box::new((prepared, local))))
}

/// Asks the browser for the SHA-256 of `bytes` (`crypto.subtle`, which
/// works on its own thread): a whole practice's records are 54 MB, which
/// SHA-256 compiled to WebAssembly took a second over (BENCHMARKS.md,
/// issue 14). The bytes are the browser's own copy of the file where there
/// is one ([`ReadInput::as_js`]), so they are not copied out of
/// WebAssembly. The answer comes from [`hashed`].
fn browser_sha256(bytes: &Uint8Array) -> Result<JsFuture, String> {
    let crypto: Crypto = Reflect::get(&js_sys::global(), &"crypto".into())
        .and_then(|crypto| crypto.dyn_into())
        .map_err(unhashable)?;
    let promise = crypto
        .subtle()
        .digest_with_str_and_buffer_source("SHA-256", bytes)
        .map_err(unhashable)?;
    Ok(JsFuture::from(promise))
}

/// The digest [`browser_sha256`] asked for.
async fn hashed(hashing: JsFuture) -> Result<[u8; 32], String> {
    let digest = Uint8Array::new(&hashing.await.map_err(unhashable)?).to_vec();
    digest.try_into().map_err(|_| unhashable(JsValue::NULL))
}

fn unhashable(_: JsValue) -> String {
    "This browser could not check the file's checksum.".to_owned()
}

fn join(
    passphrase_text: String,
    clinic: Option<ClinicDoc>,
    progress: &impl Fn(SyncStage),
) -> Result<Outgoing, String> {
    progress(SyncStage::Sealing);
    let (key, created) = match clinic {
        Some(doc) => {
            let passphrase = passphrase(passphrase_text)?;
            let key = ClinicKey::unlock(&passphrase, &doc, WorkFactor::EXPORT)
                .map_err(|error| error.to_string())?;
            (key, None)
        }
        None => {
            let passphrase =
                StrongPassphrase::new(passphrase_text).map_err(|error| error.to_string())?;
            let (key, doc) = ClinicKey::create(&passphrase, WorkFactor::EXPORT);
            (key, Some(doc))
        }
    };
    Ok(Outgoing::new(SyncReply::ClinicJoined {
        key: key.to_text(),
        created,
    }))
}

fn clinic_key(text: &str) -> Result<ClinicKey, String> {
    ClinicKey::from_text(text).map_err(|error| error.to_string())
}

fn post(
    records: LocalRecords,
    cursor: &ClinicCursor,
    high_water: Hlc,
    key: &str,
) -> Result<Outgoing, String> {
    let key = clinic_key(key)?;
    let dataset = records.into_dataset();
    let mark = dataset.version_vector();
    let bundle = cursor
        .bundle(&dataset, high_water)
        .map(|file| key.seal_bundle(&file.to_bytes()));
    Ok(Outgoing::new(SyncReply::ClinicBundle { bundle, mark }))
}

fn pull(
    records: LocalRecords,
    feed: &[u8],
    key: &str,
    now_millis: u64,
    progress: &impl Fn(SyncStage),
) -> Result<Outgoing, String> {
    let key = clinic_key(key)?;
    progress(SyncStage::Checking);
    let page = read_changes(feed).map_err(|error| error.to_string())?;
    let bundles = page
        .bundles
        .iter()
        .map(|doc| {
            let plain = key.open_bundle(doc).map_err(|error| error.to_string())?;
            parse(&plain).map_err(|error| error.to_string())
        })
        .collect::<Result<Vec<_>, String>>()?;
    progress(SyncStage::Merging);
    let local = records.into_dataset();
    let Some(combined) = combine_bundles(&local, bundles).map_err(|error| error.to_string())?
    else {
        return Ok(Outgoing::new(SyncReply::ClinicPulled {
            changes: None,
            last_seq: page.last_seq,
            holds: VersionVector::new(),
            from: Vec::new(),
        }));
    };
    // Bundles are not files a therapist picks again: none is remembered.
    let origin = FileOrigin {
        from_device: combined.file.device(),
        sender_holds: combined.holds.clone(),
        checksum: None,
        encrypted: true,
    };
    let prepared = prepare_import(&local, combined.file, now_millis, ImportOptions::default())
        .map_err(|error| error.to_string())?;
    let changes = PreparedChanges::new(origin, &local, prepared);
    Ok(Outgoing::new(SyncReply::ClinicPulled {
        changes: Some(changes),
        last_seq: page.last_seq,
        holds: combined.holds,
        from: combined.devices,
    }))
}
