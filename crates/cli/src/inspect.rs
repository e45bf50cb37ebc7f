//! `stillpoint inspect`: what an export holds, for a person to read.

use std::path::Path;

use stillpoint_core::base::json_file::EXPORT_FORMAT;
use stillpoint_core::clinical::contraindication_rules::OwnRule;
use stillpoint_core::clinical::session::SessionDraft;
use stillpoint_core::merge::definition::Definition;
use stillpoint_core::outcomes::custom_instrument::OwnInstrument;
use stillpoint_core::sync::dataset::RecordKind;

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

/// A report on `loaded`, read from `path`, one line per fact.
pub fn describe(path: &Path, loaded: &Loaded) -> Vec<String> {
    let export = &loaded.export;
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
        format!("Made by:    device {}", export.device()),
        format!("Clock mark: {}", utc(export.high_water())),
    ];
    match export.since() {
        None => lines.push("Contents:   everything the device held".to_owned()),
        Some(since) => {
            lines.push("Contents:   only changes made after".to_owned());
            lines.extend(
                since.stamps().map(|stamp| {
                    format!("              device {}: {}", stamp.device(), utc(stamp))
                }),
            );
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
