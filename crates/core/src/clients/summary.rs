//! What the client list needs of a client, kept apart from the record.
//!
//! A client record carries every field's stamps and conflicts (about a
//! kilobyte each); the list, search, the Today page and the Home Screen
//! hint need only the names, the age and whether the client is deleted.
//! The app keeps the summaries of all clients beside the records, as one
//! stored list, and reads only that list at start, so a practice of a
//! thousand clients opens about as fast as an empty one (BENCHMARKS.md,
//! issue 14); a client's full record is read when it is opened.

use serde::{Deserialize, Serialize};

use crate::base::date::CalendarDate;
use crate::base::ids::RecordId;
use crate::clients::client::Client;

/// A client as the list shows them. Made only from a [`Client`], so it
/// never says something the record does not.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientSummary {
    id: RecordId,
    full_name: String,
    preferred_name: Option<String>,
    date_of_birth: Option<CalendarDate>,
    deleted: bool,
}

impl From<&Client> for ClientSummary {
    fn from(client: &Client) -> Self {
        Self {
            id: client.id(),
            full_name: client.full_name().to_owned(),
            preferred_name: client.preferred_name().map(str::to_owned),
            date_of_birth: client.date_of_birth(),
            deleted: client.is_deleted(),
        }
    }
}

impl ClientSummary {
    /// The client's record id.
    pub fn id(&self) -> RecordId {
        self.id
    }

    /// Whether the client is deleted (the record is a tombstone).
    pub fn is_deleted(&self) -> bool {
        self.deleted
    }

    /// Full name.
    pub fn full_name(&self) -> &str {
        &self.full_name
    }

    /// Preferred name, if one was given.
    pub fn preferred_name(&self) -> Option<&str> {
        self.preferred_name.as_deref()
    }

    /// The name to greet the client by, as [`Client::display_name`].
    pub fn display_name(&self) -> &str {
        self.preferred_name().unwrap_or(&self.full_name)
    }

    /// Age in whole years on `today`, as [`Client::age_on`] counts it.
    pub fn age_on(&self, today: CalendarDate) -> Option<u16> {
        self.date_of_birth.map(|born| born.whole_years_to(today))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::hlc::Hlc;
    use crate::base::ids::DeviceId;
    use crate::clients::client::ClientInput;

    fn client(full_name: &str, preferred_name: &str, born: &str) -> Client {
        let fields = ClientInput {
            full_name: full_name.into(),
            preferred_name: preferred_name.into(),
            date_of_birth: born.into(),
            ..ClientInput::default()
        }
        .validate("2026-06-01".parse().unwrap())
        .unwrap();
        Client::create(
            RecordId::from_bytes([7; 16]),
            fields,
            Hlc::from_parts(1, 0, DeviceId::from_bytes([1; 16])),
        )
    }

    #[test]
    fn a_summary_says_what_its_record_says() {
        let today = "2026-06-01".parse().unwrap();
        for record in [
            client("Ada Lovelace", "Ada", "1990-06-02"),
            client("Grace Hopper", "", "1990-06-01"),
            client("Émile Zola", "", ""),
        ] {
            let summary = ClientSummary::from(&record);
            assert_eq!(summary.id(), record.id());
            assert_eq!(summary.full_name(), record.full_name());
            assert_eq!(summary.preferred_name(), record.preferred_name());
            assert_eq!(summary.display_name(), record.display_name());
            assert_eq!(summary.age_on(today), record.age_on(today));
            assert_eq!(summary.is_deleted(), record.is_deleted());
        }
    }

    #[test]
    fn a_deleted_client_is_summarised_as_deleted() {
        let mut record = client("Ada Lovelace", "", "");
        record.delete(Hlc::from_parts(2, 0, DeviceId::from_bytes([1; 16])));
        assert!(ClientSummary::from(&record).is_deleted());
    }

    #[test]
    fn a_summary_is_a_small_fraction_of_its_record_when_stored() {
        let record = client("Ada Lovelace", "Ada", "1990-06-02");
        let summary = ClientSummary::from(&record);
        let stored = serde_json::to_string(&summary).unwrap();
        assert!(stored.len() * 3 < serde_json::to_string(&record).unwrap().len());
        assert_eq!(
            serde_json::from_str::<ClientSummary>(&stored).unwrap(),
            summary
        );
    }
}
