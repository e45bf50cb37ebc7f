//! `stillpoint to-csv`: one CSV file per kind of record, so the data opens
//! in any spreadsheet. Adding a kind is one entry in [`TABLES`].

use stillpoint_core::base::csv;
use stillpoint_core::clients::client::Client;
use stillpoint_core::clients::client_sync::TextField;
use stillpoint_core::clinical::amendment::Amendment;
use stillpoint_core::clinical::session::SignedSession;
use stillpoint_core::clinical::session_note::Modality;
use stillpoint_core::outcomes::measure::Measure;
use stillpoint_core::outcomes::scoring::Score;
use stillpoint_core::sync::dataset::Dataset;

use crate::when::utc;

/// One CSV file: its name, its header and how to make its rows.
pub struct Table {
    /// The file's name inside the output folder.
    pub file_name: &'static str,
    /// The column names.
    pub header: &'static [&'static str],
    /// One row per record, in the header's order.
    pub rows: fn(&Dataset) -> Vec<Vec<String>>,
}

/// Every CSV file `to-csv` writes.
pub const TABLES: &[Table] = &[
    Table {
        file_name: "clients.csv",
        header: &[
            "id",
            "full_name",
            "preferred_name",
            "date_of_birth",
            "phone",
            "email",
            "notes",
            "deleted",
            "created",
            "last_changed",
            "conflicting_versions",
        ],
        rows: client_rows,
    },
    Table {
        file_name: "sessions.csv",
        header: &[
            "id",
            "client",
            "date",
            "start",
            "duration_minutes",
            "modalities",
            "subjective",
            "objective",
            "assessment",
            "plan",
            "signed_by",
            "signed",
            "amendments",
        ],
        rows: session_rows,
    },
    Table {
        file_name: "measures.csv",
        header: &[
            "id",
            "client",
            "session",
            "instrument",
            "instrument_version",
            "date",
            "timing",
            "score",
        ],
        rows: measure_rows,
    },
];

fn field_name(field: TextField) -> &'static str {
    match field {
        TextField::FullName => "full_name",
        TextField::PreferredName => "preferred_name",
        TextField::Notes => "notes",
    }
}

/// The versions a conflict keeps besides the one shown, one per line.
fn conflicting_versions(client: &Client) -> String {
    let lines: Vec<String> = client
        .conflicts()
        .into_iter()
        .flat_map(|conflict| {
            conflict.versions.into_iter().skip(1).map(move |version| {
                format!(
                    "{} (device {}, {}): {}",
                    field_name(conflict.field),
                    version.stamp.device(),
                    utc(version.stamp),
                    version.text
                )
            })
        })
        .collect();
    lines.join("\n")
}

fn client_rows(dataset: &Dataset) -> Vec<Vec<String>> {
    dataset
        .clients()
        .map(|client| {
            vec![
                client.id().to_string(),
                client.full_name().to_owned(),
                client.preferred_name().unwrap_or_default().to_owned(),
                client
                    .date_of_birth()
                    .map(|date| date.to_string())
                    .unwrap_or_default(),
                client.phone().unwrap_or_default().to_owned(),
                client.email().unwrap_or_default().to_owned(),
                client.notes().to_owned(),
                client.is_deleted().to_string(),
                utc(client.created()),
                utc(client.last_changed()),
                conflicting_versions(client),
            ]
        })
        .collect()
}

fn shown<T: ToString>(value: Option<T>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

/// Signed sessions as signed: amendments are counted, the original text
/// stays as the regulator requires it to be read.
fn session_rows(dataset: &Dataset) -> Vec<Vec<String>> {
    dataset
        .records::<SignedSession>()
        .map(|session| {
            let note = session.note();
            let details = note.details();
            let soap = note.soap();
            let modalities: Vec<&str> = details.modalities.iter().map(Modality::label).collect();
            let amendments = dataset
                .records::<Amendment>()
                .filter(|amendment| amendment.session() == session.id())
                .count();
            vec![
                session.id().to_string(),
                details.client.to_string(),
                shown(details.date),
                shown(details.start),
                shown(details.duration.map(|duration| duration.minutes())),
                modalities.join("; "),
                soap.subjective.clone(),
                soap.objective.clone(),
                soap.assessment.clone(),
                soap.plan.clone(),
                session.signed_by().to_owned(),
                utc(session.signed()),
                amendments.to_string(),
            ]
        })
        .collect()
}

fn measure_rows(dataset: &Dataset) -> Vec<Vec<String>> {
    dataset
        .records::<Measure>()
        .map(|measure| {
            let instrument = measure.instrument();
            let score = match measure.score() {
                Score::Scored(value) => value.to_string(),
                Score::NotScored(why) => why.to_string(),
            };
            vec![
                measure.id().to_string(),
                measure.client().to_string(),
                shown(measure.session()),
                instrument.id.to_string(),
                instrument.version.to_string(),
                measure.date().to_string(),
                measure.timing().to_string(),
                score,
            ]
        })
        .collect()
}

/// The whole CSV text of `table` for `dataset`, header first, written by
/// the core's RFC 4180 writer like every other CSV Stillpoint makes.
pub fn render(table: &Table, dataset: &Dataset) -> String {
    let header = table.header.iter().map(|name| (*name).to_owned()).collect();
    csv::render(std::iter::once(header).chain((table.rows)(dataset)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_becomes_one_quoted_row() {
        use stillpoint_core::base::hlc::Hlc;
        use stillpoint_core::base::ids::{DeviceId, RecordId};
        use stillpoint_core::clients::client::ClientInput;

        let input = ClientInput {
            full_name: "Ada \"Countess\" Lovelace".into(),
            date_of_birth: "1915-12-10".into(),
            notes: "Left shoulder,\nright hip".into(),
            ..ClientInput::default()
        };
        let stamp = Hlc::from_parts(1_767_268_800_000, 0, DeviceId::from_bytes([1; 16]));
        let id = RecordId::from_bytes([2; 16]);
        let client = Client::create(
            id,
            input.validate("2026-01-01".parse().unwrap()).unwrap(),
            stamp,
        );
        let dataset: Dataset = [client].into_iter().collect();
        let csv = render(&TABLES[0], &dataset);
        let expected_row = format!(
            "{id},\"Ada \"\"Countess\"\" Lovelace\",,1915-12-10,,,\"Left shoulder,\nright hip\",false,\
             2026-01-01 12:00:00 UTC,2026-01-01 12:00:00 UTC,\r\n"
        );
        assert_eq!(
            csv,
            format!("\u{feff}{}\r\n{expected_row}", TABLES[0].header.join(","))
        );
    }
}
