//! The sync side of a client record: merging two copies of one client, the
//! conflicts a merge can leave in its free-text fields, how the therapist
//! resolves them, and the check every client read from a file must pass.
//!
//! Kept apart from [`crate::clients::client`], which is about forms and editing, so
//! each module has one job; both work on the same [`Client`].

use serde::{Deserialize, Serialize};

use crate::base::hlc::Hlc;
use crate::clients::client::{
    clean_email, clean_full_name, clean_notes, clean_phone, clean_preferred_name, Client,
    ClientField, ClientFieldError,
};
use crate::merge::mvr::{HistoryError, Mvr};
use crate::merge::version_vector::VersionVector;

/// The free-text fields: those that keep concurrent edits side by side.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub enum TextField {
    /// Legal or full name.
    FullName,
    /// What the client likes to be called.
    PreferredName,
    /// Free-text notes.
    Notes,
}

impl TextField {
    /// Every text field, in form order.
    pub const ALL: [Self; 3] = [Self::FullName, Self::PreferredName, Self::Notes];
}

impl From<TextField> for ClientField {
    fn from(field: TextField) -> Self {
        match field {
            TextField::FullName => Self::FullName,
            TextField::PreferredName => Self::PreferredName,
            TextField::Notes => Self::Notes,
        }
    }
}

/// One kept version of a text field, as the conflict screen shows it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct TextVersion {
    /// The text (empty for a preferred name that was cleared).
    pub text: String,
    /// When and on which device ([`Hlc::device`]) it was written.
    pub stamp: Hlc,
}

/// A text field holding concurrent versions the therapist should choose
/// between; nothing is dropped until they do.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct FieldConflict {
    /// The field.
    pub field: TextField,
    /// Every kept version, newest first; the first is the one shown.
    pub versions: Vec<TextVersion>,
}

/// Why a record read from a file cannot be stored.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum RecordProblem {
    /// A value breaks the rule the form enforces.
    #[error("its {field} is not valid: {error}")]
    Invalid {
        /// The field.
        field: ClientField,
        /// The rule broken.
        error: ClientFieldError,
    },
    /// A value has surrounding spaces, or is an empty optional value, which
    /// the form never stores.
    #[error("its {field} has surrounding spaces or is empty")]
    Untidy {
        /// The field.
        field: ClientField,
    },
    /// A text field's edit history is inconsistent.
    #[error("the history of its {field} is damaged: {error}")]
    History {
        /// The field.
        field: ClientField,
        /// What is inconsistent.
        error: HistoryError,
    },
    /// The record's summary of its changes misses some of them.
    #[error("its list of changes misses some of the changes it holds")]
    UnseenChanges,
    /// A part of a record that only a form makes is not what that form
    /// would store, so the record was not made by the app.
    #[error("its {part} is not what the app's form would have stored")]
    NotAsEntered {
        /// The part, as it reads in a sentence.
        part: &'static str,
    },
    /// A signed session lacks something signing requires.
    #[error("its note lacks something that signing requires")]
    SignedIncomplete,
    /// The record claims to have seen a change newer than any it holds.
    /// Every change a record has seen came before its own newest stamp, so
    /// such a claim is invented; believed, it would make this device think
    /// others hold changes they do not, and leave those out of later files.
    #[error("it claims to reflect changes made after its own newest change")]
    SeenAhead,
}

fn text_versions<T: Ord + Clone>(register: &Mvr<T>, text: impl Fn(&T) -> &str) -> Vec<TextVersion> {
    register
        .versions()
        .map(|version| TextVersion {
            text: text(version.value()).to_owned(),
            stamp: version.stamp(),
        })
        .collect()
}

fn optional_text(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or_default()
}

/// Checks that `stored` is exactly what the form would store for its text.
fn check_value<V: PartialEq>(
    field: ClientField,
    stored: &V,
    text: &str,
    clean: fn(&str) -> Result<V, ClientFieldError>,
) -> Result<(), RecordProblem> {
    match clean(text) {
        Err(error) => Err(RecordProblem::Invalid { field, error }),
        Ok(cleaned) if cleaned != *stored => Err(RecordProblem::Untidy { field }),
        Ok(_) => Ok(()),
    }
}

fn check_register<T: Ord + Clone>(
    field: TextField,
    register: &Mvr<T>,
    text: fn(&T) -> &str,
    clean: fn(&str) -> Result<T, ClientFieldError>,
) -> Result<(), RecordProblem> {
    let field = ClientField::from(field);
    register
        .check()
        .map_err(|error| RecordProblem::History { field, error })?;
    register
        .versions()
        .try_for_each(|version| check_value(field, version.value(), text(version.value()), clean))
}

impl Client {
    /// Every kept version of `field`, newest (the one shown) first; more
    /// than one means a conflict.
    pub fn versions(&self, field: TextField) -> Vec<TextVersion> {
        match field {
            TextField::FullName => text_versions(&self.full_name, String::as_str),
            TextField::PreferredName => text_versions(&self.preferred_name, optional_text),
            TextField::Notes => text_versions(&self.notes, String::as_str),
        }
    }

    /// The text fields with concurrent versions waiting for the therapist.
    pub fn conflicts(&self) -> Vec<FieldConflict> {
        TextField::ALL
            .into_iter()
            .map(|field| FieldConflict {
                field,
                versions: self.versions(field),
            })
            .filter(|conflict| conflict.versions.len() > 1)
            .collect()
    }

    /// Settles `field` on `chosen` (one of the kept versions, or text the
    /// therapist combined from them), written at `stamp`. The text is checked
    /// like the form's. Returns whether anything changed.
    pub fn resolve(
        &mut self,
        field: TextField,
        chosen: &str,
        stamp: Hlc,
    ) -> Result<bool, ClientFieldError> {
        let changed = match field {
            TextField::FullName => self.full_name.resolve(clean_full_name(chosen)?, stamp),
            TextField::PreferredName => self
                .preferred_name
                .resolve(clean_preferred_name(chosen)?, stamp),
            TextField::Notes => self.notes.resolve(clean_notes(chosen)?, stamp),
        };
        Ok(self.noted(changed, stamp))
    }

    /// Combines two copies of the same client, field by field. Callers
    /// (the dataset) only ever pass copies with the same id.
    pub(crate) fn merge(self, other: Self) -> Self {
        Self {
            id: self.id,
            created: self.created.min(other.created),
            full_name: self.full_name.merge(other.full_name),
            preferred_name: self.preferred_name.merge(other.preferred_name),
            date_of_birth: self.date_of_birth.merge(other.date_of_birth),
            phone: self.phone.merge(other.phone),
            email: self.email.merge(other.email),
            notes: self.notes.merge(other.notes),
            deleted: self.deleted.merge(other.deleted),
            seen: {
                let mut seen = self.seen;
                seen.join(&other.seen);
                seen
            },
        }
    }

    /// Which changes this copy of the record reflects: the newest stamp of
    /// each device that has written to it.
    pub fn seen(&self) -> &VersionVector {
        &self.seen
    }

    /// Every stamp the record holds, histories included: what the record
    /// tells about each device's clock.
    pub(crate) fn stamps(&self) -> impl Iterator<Item = Hlc> + '_ {
        [
            self.created,
            self.date_of_birth.stamp(),
            self.phone.stamp(),
            self.email.stamp(),
            self.deleted.stamp(),
        ]
        .into_iter()
        .chain(self.full_name.stamps())
        .chain(self.preferred_name.stamps())
        .chain(self.notes.stamps())
    }

    /// Checks that a client read from a file is one the app could have
    /// made: values pass the form's rules and histories are consistent.
    pub(crate) fn check(&self) -> Result<(), RecordProblem> {
        check_register(
            TextField::FullName,
            &self.full_name,
            String::as_str,
            clean_full_name,
        )?;
        check_register(
            TextField::PreferredName,
            &self.preferred_name,
            optional_text,
            clean_preferred_name,
        )?;
        check_register(TextField::Notes, &self.notes, String::as_str, clean_notes)?;
        let phone = self.phone.value();
        check_value(ClientField::Phone, phone, optional_text(phone), clean_phone)?;
        let email = self.email.value();
        check_value(ClientField::Email, email, optional_text(email), clean_email)?;
        if self.stamps().all(|stamp| self.seen.covers(stamp)) {
            Ok(())
        } else {
            Err(RecordProblem::UnseenChanges)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::date::CalendarDate;
    use crate::base::ids::{DeviceId, RecordId};
    use crate::clients::client::ClientInput;

    fn stamp(wall: u64, device: u8) -> Hlc {
        Hlc::from_parts(wall, 0, DeviceId::from_bytes([device; 16]))
    }

    fn today() -> CalendarDate {
        "2026-11-27".parse().unwrap()
    }

    fn client(notes: &str) -> Client {
        let input = ClientInput {
            full_name: "Ada Lovelace".into(),
            notes: notes.into(),
            ..ClientInput::default()
        };
        Client::create(
            RecordId::from_bytes([9; 16]),
            input.validate(today()).unwrap(),
            stamp(1, 1),
        )
    }

    fn edit(client: &mut Client, change: impl FnOnce(&mut ClientInput), at: Hlc) {
        let mut input = client.to_input();
        change(&mut input);
        assert!(client.edit(input.validate(today()).unwrap(), at));
    }

    fn texts(versions: &[TextVersion]) -> Vec<&str> {
        versions
            .iter()
            .map(|version| version.text.as_str())
            .collect()
    }

    #[test]
    fn sequential_edits_on_one_device_leave_no_conflict() {
        let mut record = client("first");
        edit(
            &mut record,
            |input| input.notes = "second".into(),
            stamp(2, 1),
        );
        edit(
            &mut record,
            |input| input.notes = "third".into(),
            stamp(3, 1),
        );
        assert!(record.conflicts().is_empty());
        assert_eq!(record.notes(), "third");
    }

    #[test]
    fn edits_passed_back_and_forth_leave_no_conflict() {
        let on_a = client("from a");
        let mut on_b = on_a.clone();
        edit(
            &mut on_b,
            |input| input.notes = "from b".into(),
            stamp(2, 2),
        );
        let mut on_a = on_a.merge(on_b.clone());
        edit(
            &mut on_a,
            |input| input.full_name = "Ada King".into(),
            stamp(3, 1),
        );
        edit(
            &mut on_a,
            |input| input.notes = "from a again".into(),
            stamp(4, 1),
        );
        let on_b = on_b.merge(on_a.clone());
        assert_eq!(on_a, on_b);
        assert!(on_b.conflicts().is_empty());
        assert_eq!(on_b.notes(), "from a again");
        assert_eq!(on_b.full_name(), "Ada King");
    }

    #[test]
    fn concurrent_note_edits_are_kept_as_a_conflict_and_resolved() {
        let base = client("base");
        let (mut on_a, mut on_b) = (base.clone(), base);
        edit(
            &mut on_a,
            |input| input.notes = "tablet".into(),
            stamp(5, 1),
        );
        edit(
            &mut on_b,
            |input| input.notes = "laptop".into(),
            stamp(4, 2),
        );
        edit(
            &mut on_b,
            |input| input.phone = "01234 567890".into(),
            stamp(6, 2),
        );
        let mut merged = on_a.merge(on_b);
        assert_eq!(merged.notes(), "tablet");
        assert_eq!(merged.phone(), Some("01234 567890"));
        let conflicts = merged.conflicts();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].field, TextField::Notes);
        assert_eq!(texts(&conflicts[0].versions), ["tablet", "laptop"]);
        assert_eq!(
            conflicts[0].versions[1].stamp.device(),
            stamp(0, 2).device()
        );

        edit(
            &mut merged,
            |input| input.email = "ada@example.org".into(),
            stamp(7, 1),
        );
        assert_eq!(merged.conflicts().len(), 1, "an unrelated save keeps it");
        assert_eq!(
            merged.resolve(TextField::Notes, "tablet and laptop", stamp(8, 1)),
            Ok(true)
        );
        assert!(merged.conflicts().is_empty());
        assert_eq!(merged.notes(), "tablet and laptop");
    }

    #[test]
    fn resolving_checks_the_text_like_the_form() {
        let mut record = client("");
        assert_eq!(
            record.resolve(TextField::FullName, "  ", stamp(2, 1)),
            Err(ClientFieldError::NameRequired)
        );
        assert_eq!(
            record.resolve(TextField::PreferredName, " Ada ", stamp(2, 1)),
            Ok(true)
        );
        assert_eq!(record.preferred_name(), Some("Ada"));
        assert_eq!(
            record.resolve(TextField::PreferredName, "", stamp(3, 1)),
            Ok(true)
        );
        assert_eq!(record.preferred_name(), None);
    }

    #[test]
    fn check_accepts_what_the_app_makes_and_refuses_the_rest() {
        let record = client("notes");
        assert_eq!(record.check(), Ok(()));
        let mut blank = record.clone();
        blank.full_name = Mvr::new(String::new(), stamp(1, 1));
        assert_eq!(
            blank.check(),
            Err(RecordProblem::Invalid {
                field: ClientField::FullName,
                error: ClientFieldError::NameRequired
            })
        );
        let mut empty_preferred = record.clone();
        empty_preferred.preferred_name = Mvr::new(Some(String::new()), stamp(1, 1));
        assert_eq!(
            empty_preferred.check(),
            Err(RecordProblem::Untidy {
                field: ClientField::PreferredName
            })
        );
        let mut bad_phone = record;
        bad_phone.phone = crate::merge::lww::Lww::new(Some("call me".into()), stamp(1, 1));
        assert_eq!(
            bad_phone.check().unwrap_err().to_string(),
            "its phone number is not valid: Use digits, spaces and + - ( ) only, with at least 5 digits."
        );
    }
}
