//! `stillpoint inspect`: what an export holds, for a person to read.

use std::path::Path;
use stillpoint_core::base::ids::DeviceId;
use stillpoint_core::sync::device_name::DeviceName;

use stillpoint_core::base::json_file::EXPORT_FORMAT;
use stillpoint_core::clinical::contraindication_rules::OwnRule;
use stillpoint_core::clinical::session::SessionDraft;
use stillpoint_core::merge::definition::Definition;
use stillpoint_core::outcomes::custom_instrument::OwnInstrument;
use stillpoint_core::sync::dataset::RecordKind;

use serde_json::{json, Map, Value};

use crate::error::CliError;
use crate::files::Loaded;
use crate::when::utc;

/// The kind-specific details after a kind's count, for kinds that have
/// states worth counting: deletions, conflicts and other tombstones (other
/// kinds never change once made).
fn details(kind: RecordKind, loaded: &Loaded) -> Option<String> {
    match kind {
        RecordKind::Client => {
            let clients = loaded.export.dataset().clients();
            let (deleted, conflicted) = clients.fold((0, 0), |(deleted, conflicted), client| {
                (
                    deleted + usize::from(client.is_deleted()),
                    conflicted + usize::from(!client.conflicts().is_empty()),
                )
            });
            Some(format!(
                "{deleted} deleted, {conflicted} with conflicting versions"
            ))
        }
        RecordKind::SessionDraft => Some(format!(
            "{} discarded",
            count(
                loaded.export.dataset().records::<SessionDraft>(),
                SessionDraft::is_discarded
            )
        )),
        RecordKind::CustomRule => Some(format!(
            "{} removed",
            count(
                loaded.export.dataset().records::<OwnRule>(),
                Definition::is_removed
            )
        )),
        RecordKind::CustomInstrument => Some(format!(
            "{} removed",
            count(
                loaded.export.dataset().records::<OwnInstrument>(),
                Definition::is_removed
            )
        )),
        _ => None,
    }
}

/// How many of `records` are `marked`.
fn count<'a, T: 'a>(records: impl Iterator<Item = &'a T>, marked: fn(&T) -> bool) -> usize {
    records.filter(|record| marked(record)).count()
}

/// `device` as the report names it: the name the file holds for it, if
/// any, with its full id, which is what other tools and the sync log show.
fn device_named(device: DeviceId, names: &[DeviceName]) -> String {
    match names.iter().find(|named| named.device() == device) {
        Some(named) => format!("{} (device {device})", named.name()),
        None => format!("device {device}"),
    }
}

/// A report on `loaded`, read from `path`, one line per fact.
pub fn describe(path: &Path, loaded: &Loaded) -> Vec<String> {
    let export = &loaded.export;
    let names: Vec<DeviceName> = export.dataset().records().cloned().collect();
    let protection = if loaded.encrypted {
        "encrypted with a passphrase, age format"
    } else {
        "plain JSON, not encrypted"
    };
    let mut lines = vec![
        format!("File:       {} ({protection})", path.display()),
        format!(
            "Format:     {EXPORT_FORMAT}, schema version {}",
            export.schema_version()
        ),
        format!("Made by:    {}", device_named(export.device(), &names)),
        format!("Clock mark: {}", utc(export.high_water())),
    ];
    match export.since() {
        None => lines.push("Contents:   everything the device held".to_owned()),
        Some(since) => {
            lines.push("Contents:   only changes made after".to_owned());
            lines.extend(since.stamps().map(|stamp| {
                format!(
                    "              {}: {}",
                    device_named(stamp.device(), &names),
                    utc(stamp)
                )
            }));
        }
    }
    lines.push("Records:".to_owned());
    lines.extend(
        export
            .counts()
            .into_iter()
            .map(|(kind, count)| match details(kind, loaded) {
                Some(details) => format!("  {}: {count} ({details})", kind.plural()),
                None => format!("  {}: {count}", kind.plural()),
            }),
    );
    lines.push("Devices that made these changes (newest change):".to_owned());
    lines.extend(
        export
            .dataset()
            .version_vector()
            .stamps()
            .map(|stamp| format!("  {}: {}", stamp.device(), utc(stamp))),
    );
    lines
}

/// Each kind's count (and its details, where [`details`] has some), by the
/// kind's name in files.
fn record_counts(loaded: &Loaded) -> Map<String, Value> {
    loaded
        .export
        .counts()
        .into_iter()
        .map(|(kind, count)| {
            let value = match details(kind, loaded) {
                Some(details) => json!({ "count": count, "details": details }),
                None => json!({ "count": count }),
            };
            (kind.plural().to_owned(), value)
        })
        .collect()
}

/// `validate --json` for a file that passed: what was checked.
pub fn verdict(path: &Path, loaded: &Loaded) -> Value {
    json!({
        "file": path.display().to_string(),
        "valid": true,
        "encrypted": loaded.encrypted,
        "schema_version": loaded.export.schema_version(),
        "records": record_counts(loaded),
    })
}

/// `validate --json` for a file that was refused, with the reason as the
/// person at a terminal would read it.
pub fn refusal(path: &Path, error: &CliError) -> Value {
    json!({
        "file": path.display().to_string(),
        "valid": false,
        "error": error.to_string(),
    })
}

/// `inspect --json`: the facts of [`describe`] as one object.
pub fn report(path: &Path, loaded: &Loaded) -> Value {
    let export = &loaded.export;
    let stamps = |stamps: &mut dyn Iterator<Item = stillpoint_core::base::hlc::Hlc>| {
        stamps
            .map(|stamp| (stamp.device().to_string(), Value::from(utc(stamp))))
            .collect::<Map<String, Value>>()
    };
    let contents = match export.since() {
        None => json!("everything"),
        Some(since) => json!({ "changes_after": stamps(&mut since.stamps()) }),
    };
    json!({
        "file": path.display().to_string(),
        "encrypted": loaded.encrypted,
        "format": EXPORT_FORMAT,
        "schema_version": export.schema_version(),
        "device": export.device().to_string(),
        "clock_mark": utc(export.high_water()),
        "contents": contents,
        "records": record_counts(loaded),
        "devices": stamps(&mut export.dataset().version_vector().stamps()),
    })
}
