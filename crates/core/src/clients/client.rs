//! The client record: who the therapist treats.
//!
//! A form hands in a [`ClientInput`] of raw strings. [`ClientInput::validate`]
//! turns it into [`ClientFields`], whose values are already trimmed and
//! checked, or into per-field [`ClientFieldError`]s worded for the therapist.
//! Only valid fields ever reach a [`Client`], so a stored client always has a
//! name and a real date of birth.

use serde::{Deserialize, Serialize};

use crate::base::date::{CalendarDate, DateError};
use crate::base::hlc::Hlc;
use crate::base::ids::RecordId;
use crate::base::text_limit::{MAX_NAME_CHARS, MAX_NOTES_CHARS};
use crate::merge::lww::Lww;
use crate::merge::mvr::Mvr;
use crate::merge::version_vector::VersionVector;

/// Earliest accepted year of birth.
pub const EARLIEST_BIRTH_YEAR: u16 = 1900;

/// The client form's fields, in the order the form shows them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum ClientField {
    /// Legal or full name.
    FullName,
    /// What the client likes to be called.
    PreferredName,
    /// Date of birth.
    DateOfBirth,
    /// Phone number.
    Phone,
    /// Email address.
    Email,
    /// Free-text notes.
    Notes,
}

/// The field's name as it reads inside a sentence ("the date of birth").
impl std::fmt::Display for ClientField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::FullName => "full name",
            Self::PreferredName => "preferred name",
            Self::DateOfBirth => "date of birth",
            Self::Phone => "phone number",
            Self::Email => "email address",
            Self::Notes => "notes",
        })
    }
}

/// What is wrong with one field, in words a therapist can act on.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum ClientFieldError {
    /// The full name is empty or only spaces.
    #[error("Enter the client's full name.")]
    NameRequired,
    /// The text is longer than the field allows.
    #[error("This is too long: {max} characters at most.")]
    TooLong {
        /// The limit, in characters.
        max: usize,
    },
    /// The date of birth could not be read.
    #[error("Date of birth: {0}.")]
    Date(DateError),
    /// The date of birth is after today.
    #[error("The date of birth can't be in the future.")]
    BirthInFuture,
    /// The date of birth is implausibly early.
    #[error("The date of birth must be in {EARLIEST_BIRTH_YEAR} or later.")]
    BirthTooEarly,
    /// The phone number has letters or too few digits.
    #[error("Use digits, spaces and + - ( ) only, with at least 5 digits.")]
    Phone,
    /// The email address is not of the form name@example.com.
    #[error("Enter an email address like name@example.com.")]
    Email,
}

/// Raw text from the client form, exactly as typed.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct ClientInput {
    /// Full name as typed.
    pub full_name: String,
    /// Preferred name as typed (may be empty).
    pub preferred_name: String,
    /// Date of birth as `YYYY-MM-DD`, or empty.
    pub date_of_birth: String,
    /// Phone number as typed, or empty.
    pub phone: String,
    /// Email address as typed, or empty.
    pub email: String,
    /// Notes as typed, or empty.
    pub notes: String,
}

/// Checked client details, ready to be stored.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ClientFields {
    full_name: String,
    preferred_name: Option<String>,
    date_of_birth: Option<CalendarDate>,
    phone: Option<String>,
    email: Option<String>,
    notes: String,
}

fn optional(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

fn check_length(text: &str, max: usize) -> Result<(), ClientFieldError> {
    if text.chars().count() > max {
        Err(ClientFieldError::TooLong { max })
    } else {
        Ok(())
    }
}

/// Whether `phone` reads as a phone number: digits, spaces and `+ - ( ) .`
/// only, with 5 to 20 digits. The intake's emergency contact uses it too.
pub(crate) fn check_phone(phone: &str) -> Result<(), ClientFieldError> {
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'));
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if allowed && (5..=20).contains(&digits) {
        Ok(())
    } else {
        Err(ClientFieldError::Phone)
    }
}

fn check_email(email: &str) -> Result<(), ClientFieldError> {
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
                && email.len() <= 254
        }
        None => false,
    };
    if valid {
        Ok(())
    } else {
        Err(ClientFieldError::Email)
    }
}

fn check_birth(text: &str, today: CalendarDate) -> Result<CalendarDate, ClientFieldError> {
    let date: CalendarDate = text.parse().map_err(ClientFieldError::Date)?;
    if date > today {
        Err(ClientFieldError::BirthInFuture)
    } else if date.year() < EARLIEST_BIRTH_YEAR {
        Err(ClientFieldError::BirthTooEarly)
    } else {
        Ok(date)
    }
}

/// Each field's rule, from typed text to the value stored. The form, the
/// conflict resolver and the import check all go through these, so a value
/// is valid in one place exactly when it is valid in the others.
pub(crate) fn clean_full_name(text: &str) -> Result<String, ClientFieldError> {
    let name = text.trim();
    if name.is_empty() {
        return Err(ClientFieldError::NameRequired);
    }
    check_length(name, MAX_NAME_CHARS)?;
    Ok(name.to_owned())
}

pub(crate) fn clean_preferred_name(text: &str) -> Result<Option<String>, ClientFieldError> {
    let name = optional(text);
    if let Some(name) = &name {
        check_length(name, MAX_NAME_CHARS)?;
    }
    Ok(name)
}

pub(crate) fn clean_phone(text: &str) -> Result<Option<String>, ClientFieldError> {
    let phone = optional(text);
    phone.as_deref().map(check_phone).transpose()?;
    Ok(phone)
}

pub(crate) fn clean_email(text: &str) -> Result<Option<String>, ClientFieldError> {
    let email = optional(text);
    email.as_deref().map(check_email).transpose()?;
    Ok(email)
}

pub(crate) fn clean_notes(text: &str) -> Result<String, ClientFieldError> {
    let notes = text.trim_end();
    check_length(notes, MAX_NOTES_CHARS)?;
    Ok(notes.to_owned())
}

impl ClientInput {
    /// Checks every field and returns the clean values, or every problem at
    /// once (so the form can mark each field) in form order.
    pub fn validate(
        &self,
        today: CalendarDate,
    ) -> Result<ClientFields, Vec<(ClientField, ClientFieldError)>> {
        fn keep<T>(
            errors: &mut Vec<(ClientField, ClientFieldError)>,
            field: ClientField,
            result: Result<T, ClientFieldError>,
        ) -> Option<T> {
            result.map_err(|error| errors.push((field, error))).ok()
        }
        let mut errors = Vec::new();
        let full_name = keep(
            &mut errors,
            ClientField::FullName,
            clean_full_name(&self.full_name),
        );
        let preferred_name = keep(
            &mut errors,
            ClientField::PreferredName,
            clean_preferred_name(&self.preferred_name),
        );
        let date_of_birth = keep(
            &mut errors,
            ClientField::DateOfBirth,
            optional(&self.date_of_birth)
                .map(|text| check_birth(&text, today))
                .transpose(),
        );
        let phone = keep(&mut errors, ClientField::Phone, clean_phone(&self.phone));
        let email = keep(&mut errors, ClientField::Email, clean_email(&self.email));
        let notes = keep(&mut errors, ClientField::Notes, clean_notes(&self.notes));
        let fields = || {
            Some(ClientFields {
                full_name: full_name?,
                preferred_name: preferred_name?,
                date_of_birth: date_of_birth?,
                phone: phone?,
                email: email?,
                notes: notes?,
            })
        };
        fields().ok_or(errors)
    }
}

/// A client of the practice. Free-text fields (names, notes) are
/// multi-value registers, so two concurrent edits are both kept until the
/// therapist chooses (see [`crate::clients::client_sync`]); the other fields are
/// last-writer-wins registers. Deletion is a tombstone so that a later sync
/// carries the deletion along instead of bringing the client back.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Client {
    pub(crate) id: RecordId,
    #[serde(with = "crate::base::hlc_text")]
    pub(crate) created: Hlc,
    pub(crate) full_name: Mvr<String>,
    pub(crate) preferred_name: Mvr<Option<String>>,
    pub(crate) date_of_birth: Lww<Option<CalendarDate>>,
    pub(crate) phone: Lww<Option<String>>,
    pub(crate) email: Lww<Option<String>>,
    pub(crate) notes: Mvr<String>,
    pub(crate) deleted: Lww<bool>,
    /// Every stamp this record has held, per device: unlike the registers,
    /// which drop overwritten stamps, it only grows, so it tells exactly
    /// which changes a copy of the record reflects.
    pub(crate) seen: VersionVector,
}

impl Client {
    /// A new client, every field written at `stamp`.
    pub fn create(id: RecordId, fields: ClientFields, stamp: Hlc) -> Self {
        Self {
            id,
            created: stamp,
            full_name: Mvr::new(fields.full_name, stamp),
            preferred_name: Mvr::new(fields.preferred_name, stamp),
            date_of_birth: Lww::new(fields.date_of_birth, stamp),
            phone: Lww::new(fields.phone, stamp),
            email: Lww::new(fields.email, stamp),
            notes: Mvr::new(fields.notes, stamp),
            deleted: Lww::new(false, stamp),
            seen: std::iter::once(stamp).collect(),
        }
    }

    /// Applies an edit made at `stamp`. Only fields whose value changed take
    /// the new stamp, so an edit to the phone number never overrides another
    /// device's edit to the notes, and a text field left as shown keeps any
    /// conflict it has for the therapist to resolve. Returns whether anything
    /// changed.
    pub fn edit(&mut self, fields: ClientFields, stamp: Hlc) -> bool {
        let changes = [
            self.full_name.write(fields.full_name, stamp),
            self.preferred_name.write(fields.preferred_name, stamp),
            self.date_of_birth.write(fields.date_of_birth, stamp),
            self.phone.write(fields.phone, stamp),
            self.email.write(fields.email, stamp),
            self.notes.write(fields.notes, stamp),
        ];
        self.noted(changes.contains(&true), stamp)
    }

    /// Adds `stamp` to [`Self::seen`] if the write made at it took effect.
    pub(crate) fn noted(&mut self, changed: bool, stamp: Hlc) -> bool {
        if changed {
            self.seen.observe(stamp);
        }
        changed
    }

    /// Marks the client deleted at `stamp`; the record stays as a tombstone.
    pub fn delete(&mut self, stamp: Hlc) -> bool {
        let changed = self.deleted.write(true, stamp);
        self.noted(changed, stamp)
    }

    /// Undoes a deletion at `stamp`.
    pub fn restore(&mut self, stamp: Hlc) -> bool {
        let changed = self.deleted.write(false, stamp);
        self.noted(changed, stamp)
    }

    /// The record's permanent id.
    pub fn id(&self) -> RecordId {
        self.id
    }

    /// When the client was first created.
    pub fn created(&self) -> Hlc {
        self.created
    }

    /// Whether the client has been deleted (and is kept only as a tombstone).
    pub fn is_deleted(&self) -> bool {
        *self.deleted.value()
    }

    /// Full name.
    pub fn full_name(&self) -> &str {
        self.full_name.value()
    }

    /// Preferred name, if one was given.
    pub fn preferred_name(&self) -> Option<&str> {
        self.preferred_name.value().as_deref()
    }

    /// The name to greet the client by: the preferred name when there is one.
    pub fn display_name(&self) -> &str {
        self.preferred_name().unwrap_or_else(|| self.full_name())
    }

    /// Date of birth, if known.
    pub fn date_of_birth(&self) -> Option<CalendarDate> {
        *self.date_of_birth.value()
    }

    /// Age in whole years on `today`, if the date of birth is known.
    pub fn age_on(&self, today: CalendarDate) -> Option<u16> {
        self.date_of_birth().map(|born| born.whole_years_to(today))
    }

    /// Phone number, if known.
    pub fn phone(&self) -> Option<&str> {
        self.phone.value().as_deref()
    }

    /// Email address, if known.
    pub fn email(&self) -> Option<&str> {
        self.email.value().as_deref()
    }

    /// Free-text notes (may be empty).
    pub fn notes(&self) -> &str {
        self.notes.value()
    }

    /// The newest stamp on any field: when the record last changed.
    pub fn last_changed(&self) -> Hlc {
        [
            self.full_name.stamp(),
            self.preferred_name.stamp(),
            self.date_of_birth.stamp(),
            self.phone.stamp(),
            self.email.stamp(),
            self.notes.stamp(),
            self.deleted.stamp(),
        ]
        .into_iter()
        .max()
        .unwrap_or(self.created)
    }

    /// The record as form text, to start an edit from.
    pub fn to_input(&self) -> ClientInput {
        ClientInput {
            full_name: self.full_name().to_owned(),
            preferred_name: self.preferred_name().unwrap_or_default().to_owned(),
            date_of_birth: self
                .date_of_birth()
                .map(|date| date.to_string())
                .unwrap_or_default(),
            phone: self.phone().unwrap_or_default().to_owned(),
            email: self.email().unwrap_or_default().to_owned(),
            notes: self.notes().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::ids::DeviceId;
    use proptest::prelude::*;

    fn today() -> CalendarDate {
        "2026-11-27".parse().unwrap()
    }

    fn stamp(wall: u64) -> Hlc {
        Hlc::from_parts(wall, 0, DeviceId::from_bytes([1; 16]))
    }

    fn input(full_name: &str) -> ClientInput {
        ClientInput {
            full_name: full_name.to_owned(),
            ..ClientInput::default()
        }
    }

    fn errors_of(input: &ClientInput) -> Vec<(ClientField, ClientFieldError)> {
        input.validate(today()).unwrap_err()
    }

    #[test]
    fn empty_or_blank_name_is_refused() {
        for name in ["", "   ", "\t\n"] {
            assert_eq!(
                errors_of(&input(name)),
                vec![(ClientField::FullName, ClientFieldError::NameRequired)]
            );
        }
    }

    #[test]
    fn values_are_trimmed_and_blank_optionals_dropped() {
        let fields = ClientInput {
            full_name: "  Ada Lovelace ".into(),
            preferred_name: "  ".into(),
            email: " ada@example.org ".into(),
            ..ClientInput::default()
        }
        .validate(today())
        .unwrap();
        let client = Client::create(RecordId::from_bytes([2; 16]), fields, stamp(1));
        assert_eq!(client.full_name(), "Ada Lovelace");
        assert_eq!(client.preferred_name(), None);
        assert_eq!(client.display_name(), "Ada Lovelace");
        assert_eq!(client.email(), Some("ada@example.org"));
    }

    #[test]
    fn a_ten_thousand_character_name_is_accepted() {
        let name = "N".repeat(10_000);
        let fields = input(&name).validate(today()).unwrap();
        let client = Client::create(RecordId::from_bytes([2; 16]), fields, stamp(1));
        assert_eq!(client.full_name().chars().count(), 10_000);
    }

    #[test]
    fn names_over_the_limit_are_refused() {
        let name = "é".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(
            errors_of(&input(&name)),
            vec![(
                ClientField::FullName,
                ClientFieldError::TooLong {
                    max: MAX_NAME_CHARS
                }
            )]
        );
    }

    #[test]
    fn every_bad_field_is_reported_in_form_order() {
        let bad = ClientInput {
            full_name: String::new(),
            preferred_name: String::new(),
            date_of_birth: "2027-01-01".into(),
            phone: "call me".into(),
            email: "ada@".into(),
            notes: String::new(),
        };
        let fields: Vec<ClientField> = errors_of(&bad)
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        assert_eq!(
            fields,
            [
                ClientField::FullName,
                ClientField::DateOfBirth,
                ClientField::Phone,
                ClientField::Email
            ]
        );
    }

    #[test]
    fn date_of_birth_rules() {
        let with_birth = |text: &str| ClientInput {
            date_of_birth: text.into(),
            ..input("A")
        };
        assert!(with_birth("2026-11-27").validate(today()).is_ok());
        assert_eq!(
            errors_of(&with_birth("2026-11-28"))[0].1,
            ClientFieldError::BirthInFuture
        );
        assert_eq!(
            errors_of(&with_birth("1899-12-31"))[0].1,
            ClientFieldError::BirthTooEarly
        );
        assert_eq!(
            errors_of(&with_birth("31/12/1980"))[0].1,
            ClientFieldError::Date(DateError::Format)
        );
        assert_eq!(
            errors_of(&with_birth("1981-02-29"))[0].1.to_string(),
            "Date of birth: there is no such day in the calendar."
        );
    }

    #[test]
    fn phone_and_email_rules() {
        let with = |phone: &str, email: &str| ClientInput {
            phone: phone.into(),
            email: email.into(),
            ..input("A")
        };
        assert!(with("+44 (0)20 7946-0958", "a.b+c@d.example")
            .validate(today())
            .is_ok());
        for phone in ["12", "phone 12345", "1234567890123456789012"] {
            assert_eq!(
                errors_of(&with(phone, ""))[0].1,
                ClientFieldError::Phone,
                "{phone}"
            );
        }
        for email in [
            "plain",
            "@x.org",
            "a@b",
            "a@.org",
            "a@org.",
            "a b@c.org",
            "a@b@c.org",
        ] {
            assert_eq!(
                errors_of(&with("", email))[0].1,
                ClientFieldError::Email,
                "{email}"
            );
        }
    }

    #[test]
    fn edit_stamps_only_changed_fields() {
        let mut client = Client::create(
            RecordId::from_bytes([2; 16]),
            input("Ada").validate(today()).unwrap(),
            stamp(1),
        );
        let edited = ClientInput {
            phone: "01234 567890".into(),
            ..client.to_input()
        };
        assert!(client.edit(edited.validate(today()).unwrap(), stamp(2)));
        assert_eq!(client.phone.stamp(), stamp(2));
        assert_eq!(client.full_name.stamp(), stamp(1));
        assert_eq!(client.last_changed(), stamp(2));
        assert!(!client.edit(client.to_input().validate(today()).unwrap(), stamp(3)));
    }

    #[test]
    fn delete_keeps_a_tombstone_and_can_be_undone() {
        let mut client = Client::create(
            RecordId::from_bytes([2; 16]),
            input("Ada").validate(today()).unwrap(),
            stamp(1),
        );
        assert!(client.delete(stamp(2)));
        assert!(client.is_deleted());
        assert_eq!(client.full_name(), "Ada");
        assert!(client.restore(stamp(3)));
        assert!(!client.is_deleted());
    }

    #[test]
    fn age_counts_birthdays() {
        let born = |text: &str| {
            let fields = ClientInput {
                date_of_birth: text.into(),
                ..input("A")
            }
            .validate(today())
            .unwrap();
            Client::create(RecordId::from_bytes([2; 16]), fields, stamp(1))
        };
        assert_eq!(born("1980-11-27").age_on(today()), Some(46));
        assert_eq!(born("1980-11-28").age_on(today()), Some(45));
        assert_eq!(born("2026-11-27").age_on(today()), Some(0));
        assert_eq!(
            Client::create(
                RecordId::from_bytes([2; 16]),
                input("A").validate(today()).unwrap(),
                stamp(1)
            )
            .age_on(today()),
            None
        );
    }

    #[test]
    fn serde_round_trip() {
        let client = Client::create(
            RecordId::from_bytes([2; 16]),
            input("Ada").validate(today()).unwrap(),
            stamp(1),
        );
        let json = serde_json::to_string(&client).unwrap();
        assert_eq!(serde_json::from_str::<Client>(&json).unwrap(), client);
    }

    proptest! {
        #[test]
        fn valid_input_round_trips_through_the_form(
            name in "[A-Za-zÀ-ÿ' -]{0,40}[A-Za-z]",
            notes in "\\PC{0,200}",
        ) {
            let typed = ClientInput { full_name: name, notes, ..ClientInput::default() };
            let fields = typed.validate(today()).unwrap();
            let client = Client::create(RecordId::from_bytes([2; 16]), fields.clone(), stamp(1));
            prop_assert_eq!(client.to_input().validate(today()).unwrap(), fields);
        }

        #[test]
        fn validation_never_panics(name in "\\PC{0,30}", birth in "\\PC{0,12}", phone in "\\PC{0,20}", email in "\\PC{0,20}") {
            let _ = ClientInput { full_name: name, date_of_birth: birth, phone, email, ..ClientInput::default() }.validate(today());
        }
    }
}
