//! The intake: a client's health history and signed consent, taken before the
//! first treatment and renewed at least once a year.
//!
//! A form hands in an [`IntakeInput`] of raw text and ticks.
//! [`IntakeInput::validate`] returns [`IntakeAnswers`] whose values are
//! checked, or every problem at once as per-field [`IntakeFieldError`]s in
//! form order. [`Intake::create`] then makes the record.
//!
//! **Intakes are immutable.** A new intake is a new record with a new id;
//! the old one is never changed or removed, because regulators ask for the
//! history as it was signed. Sync can therefore treat intakes as a grow-only
//! set keyed by id: merging two devices' intakes is their union. The intake
//! that counts on a given day is the newest one dated on or before it
//! ([`latest_intake`]).

use serde::{Deserialize, Serialize};

use crate::base::date::{CalendarDate, DateError};
use crate::base::hlc::Hlc;
use crate::base::ids::RecordId;
use crate::base::recency::Window;
use crate::base::text_limit::{required, trimmed, TooLong, MAX_NAME_CHARS, MAX_NOTES_CHARS};
use crate::clients::client::check_phone;
use crate::clinical::body_regions::Region;
use crate::clinical::health_history::{
    Allergy, Condition, ConditionAnswer, EmergencyContact, EventAnswer, EventKind, Medication,
    Pregnancy, Site,
};
use crate::clinical::signature::{Signature, SignatureError, SignaturePoint};
use crate::merge::gset::Immutable;

/// Age from which clients consent for themselves. Eighteen is the common
/// age of majority; a guardian may still sign for an adult.
pub const AGE_OF_MAJORITY: u16 = 18;

/// An intake is due for renewal once it is older than this.
pub const INTAKE_RENEWAL: Window = Window::months(12);

/// A ticked condition as the form holds it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ConditionInput {
    /// Which condition.
    pub condition: Condition,
    /// When it happened or began, `YYYY-MM-DD`, or empty if unknown.
    pub date: String,
    /// Where on the body, for conditions of one area.
    pub regions: Vec<Region>,
    /// Anything the client added.
    pub note: String,
}

/// A surgery or injury as the form holds it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct EventInput {
    /// Surgery, injury, fracture or sprain.
    pub kind: EventKind,
    /// Head, spine, ribs or elsewhere.
    pub site: Site,
    /// When it happened, `YYYY-MM-DD`.
    pub date: String,
    /// Where on the body, if marked.
    pub regions: Vec<Region>,
    /// What it was.
    pub note: String,
}

/// The consent section as the form holds it.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct ConsentInput {
    /// The name typed by whoever consents.
    pub typed_name: String,
    /// Whether a parent or guardian consents for the client.
    pub by_guardian: bool,
    /// How the guardian is related to the client (used only when
    /// `by_guardian`).
    pub guardian_relationship: String,
    /// The signature as drawn on the pad.
    pub strokes: Vec<Vec<SignaturePoint>>,
    /// The date of consent, `YYYY-MM-DD`.
    pub date: String,
}

/// Raw input from the intake form, exactly as entered.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct IntakeInput {
    /// The intake date, `YYYY-MM-DD`.
    pub date: String,
    /// Ticked conditions.
    pub conditions: Vec<ConditionInput>,
    /// Anything else about the client's health, in their words.
    pub history_notes: String,
    /// Surgeries and injuries.
    pub events: Vec<EventInput>,
    /// Medications, one row each.
    pub medications: Vec<Medication>,
    /// Pregnancy.
    pub pregnancy: Pregnancy,
    /// Allergies, one row each.
    pub allergies: Vec<Allergy>,
    /// Emergency contact; all empty if none was given.
    pub emergency_contact: EmergencyContact,
    /// What the client hopes treatment will do.
    pub goals: String,
    /// Consent to treatment.
    pub consent: ConsentInput,
}

/// The intake form's fields; rows are numbered from 0 in form order.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum IntakeField {
    /// The intake date.
    Date,
    /// A ticked condition.
    Condition(usize),
    /// The date of a ticked condition.
    ConditionDate(usize),
    /// The note on a ticked condition.
    ConditionNote(usize),
    /// The health history notes.
    HistoryNotes,
    /// The date of a surgery or injury.
    EventDate(usize),
    /// The note on a surgery or injury.
    EventNote(usize),
    /// A medication's name.
    MedicationName(usize),
    /// A medication's note.
    MedicationNote(usize),
    /// What an allergy is to.
    AllergySubstance(usize),
    /// The emergency contact's name.
    ContactName,
    /// How the emergency contact is related.
    ContactRelationship,
    /// The emergency contact's phone.
    ContactPhone,
    /// Goals for treatment.
    Goals,
    /// The typed name of whoever consents.
    ConsentName,
    /// The guardian's relationship to the client.
    GuardianRelationship,
    /// The drawn signature.
    Signature,
    /// The date of consent.
    ConsentDate,
}

/// What is wrong with one intake field, in words a therapist can act on.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum IntakeFieldError {
    /// A required date is empty.
    #[error("Enter the date.")]
    DateRequired,
    /// The date could not be read.
    #[error("This date can't be read: {0}.")]
    Date(DateError),
    /// The date is after today.
    #[error("This date is in the future.")]
    InFuture,
    /// The date is after the intake date.
    #[error("This date is after the intake date.")]
    AfterIntake,
    /// The date is before the client was born.
    #[error("This date is before the client's date of birth.")]
    BeforeBirth,
    /// The text is too long.
    #[error(transparent)]
    TooLong(#[from] TooLong),
    /// The same condition is ticked twice.
    #[error("This condition is already on the list.")]
    ListedTwice,
    /// A medication row has no name.
    #[error("Enter the medication's name, or remove the row.")]
    MedicationNameRequired,
    /// An allergy row does not say what to.
    #[error("Say what the client is allergic to, or remove the row.")]
    AllergySubstanceRequired,
    /// Contact details were given without a name.
    #[error("Enter the emergency contact's name.")]
    ContactNameRequired,
    /// An emergency contact was given without a phone number.
    #[error("Enter a phone number for the emergency contact.")]
    ContactPhoneRequired,
    /// The emergency contact's phone number can't be a phone number.
    #[error("Use digits, spaces and + - ( ) only, with at least 5 digits.")]
    Phone,
    /// Nobody's name was typed for consent.
    #[error("Type the name of the person giving consent.")]
    ConsentNameRequired,
    /// The client is a minor and consented for themselves.
    #[error("The client is under {AGE_OF_MAJORITY} on the intake date: a parent or guardian must give consent.")]
    GuardianRequired,
    /// A guardian consented without saying how they are related.
    #[error("Say how the guardian is related to the client, for example \"mother\".")]
    GuardianRelationshipRequired,
    /// The signature is missing or unusable.
    #[error(transparent)]
    Signature(#[from] SignatureError),
}

/// Who gave consent.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signer {
    /// The client.
    Client,
    /// A parent or guardian on the client's behalf.
    Guardian {
        /// How they are related to the client.
        relationship: String,
    },
}

/// Signed consent to treatment.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    typed_name: String,
    signer: Signer,
    signature: Signature,
    date: CalendarDate,
}

impl Consent {
    /// The name typed by whoever consented.
    pub fn typed_name(&self) -> &str {
        &self.typed_name
    }

    /// The client, or a guardian for them.
    pub fn signer(&self) -> &Signer {
        &self.signer
    }

    /// The drawn signature.
    pub fn signature(&self) -> &Signature {
        &self.signature
    }

    /// When consent was given.
    pub fn date(&self) -> CalendarDate {
        self.date
    }
}

/// Checked intake answers, ready to become an [`Intake`].
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntakeAnswers {
    date: CalendarDate,
    conditions: Vec<ConditionAnswer>,
    history_notes: String,
    events: Vec<EventAnswer>,
    medications: Vec<Medication>,
    pregnancy: Pregnancy,
    allergies: Vec<Allergy>,
    emergency_contact: Option<EmergencyContact>,
    goals: String,
    consent: Consent,
}

/// Collects every field error of one validation pass in form order.
struct Problems(Vec<(IntakeField, IntakeFieldError)>);

impl Problems {
    fn check<T>(&mut self, field: IntakeField, result: Result<T, IntakeFieldError>) -> Option<T> {
        result.map_err(|error| self.0.push((field, error))).ok()
    }

    fn text(&mut self, field: IntakeField, text: &str, max: usize) -> String {
        self.check(field, trimmed(text, max).map_err(IntakeFieldError::from))
            .unwrap_or_default()
    }

    /// Like [`Problems::text`], but blank text is refused with `missing`.
    fn required_text(
        &mut self,
        field: IntakeField,
        text: &str,
        max: usize,
        missing: IntakeFieldError,
    ) -> String {
        self.check(field, required(text, max, missing))
            .unwrap_or_default()
    }
}

/// Whether someone born on `born` is under [`AGE_OF_MAJORITY`] on `on`, so
/// a parent or guardian must consent for them.
pub fn is_minor_on(born: CalendarDate, on: CalendarDate) -> bool {
    let majority = (
        u32::from(born.year()) + u32::from(AGE_OF_MAJORITY),
        born.month(),
        born.day(),
    );
    (u32::from(on.year()), on.month(), on.day()) < majority
}

/// Reads a date that may be left empty, refusing dates after `latest` (with
/// `too_late` as the reason) or before the client's birth.
fn optional_date(
    text: &str,
    latest: CalendarDate,
    too_late: IntakeFieldError,
    born: Option<CalendarDate>,
) -> Result<Option<CalendarDate>, IntakeFieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let date: CalendarDate = text.parse().map_err(IntakeFieldError::Date)?;
    if date > latest {
        Err(too_late)
    } else if born.is_some_and(|born| date < born) {
        Err(IntakeFieldError::BeforeBirth)
    } else {
        Ok(Some(date))
    }
}

fn required_date(
    text: &str,
    latest: CalendarDate,
    too_late: IntakeFieldError,
    born: Option<CalendarDate>,
) -> Result<CalendarDate, IntakeFieldError> {
    optional_date(text, latest, too_late, born)?.ok_or(IntakeFieldError::DateRequired)
}

impl IntakeInput {
    /// Checks every field against `today` and the client's date of birth
    /// (if known: without it no guardian check is possible, and none is
    /// made). Returns the clean answers or every problem, in form order.
    pub fn validate(
        &self,
        today: CalendarDate,
        date_of_birth: Option<CalendarDate>,
    ) -> Result<IntakeAnswers, Vec<(IntakeField, IntakeFieldError)>> {
        let mut problems = Problems(Vec::new());
        let date = problems.check(
            IntakeField::Date,
            required_date(&self.date, today, IntakeFieldError::InFuture, date_of_birth),
        );
        let latest = date.unwrap_or(today);
        let answer_date =
            |text: &str| optional_date(text, latest, IntakeFieldError::AfterIntake, date_of_birth);

        let mut conditions: Vec<ConditionAnswer> = Vec::new();
        for (row, input) in self.conditions.iter().enumerate() {
            if conditions.iter().any(|c| c.condition == input.condition) {
                problems
                    .0
                    .push((IntakeField::Condition(row), IntakeFieldError::ListedTwice));
            }
            let date = problems.check(IntakeField::ConditionDate(row), answer_date(&input.date));
            let note = problems.text(
                IntakeField::ConditionNote(row),
                &input.note,
                MAX_NOTES_CHARS,
            );
            conditions.push(ConditionAnswer {
                condition: input.condition,
                date: date.flatten(),
                regions: input.regions.clone(),
                note,
            });
        }
        let history_notes = problems.text(
            IntakeField::HistoryNotes,
            &self.history_notes,
            MAX_NOTES_CHARS,
        );

        let events: Vec<EventAnswer> = self
            .events
            .iter()
            .enumerate()
            .filter_map(|(row, input)| {
                let date = problems.check(
                    IntakeField::EventDate(row),
                    answer_date(&input.date)
                        .and_then(|date| date.ok_or(IntakeFieldError::DateRequired)),
                );
                let note = problems.text(IntakeField::EventNote(row), &input.note, MAX_NOTES_CHARS);
                Some(EventAnswer {
                    kind: input.kind,
                    site: input.site,
                    date: date?,
                    regions: input.regions.clone(),
                    note,
                })
            })
            .collect();

        let medications = self
            .medications
            .iter()
            .enumerate()
            .map(|(row, input)| Medication {
                name: problems.required_text(
                    IntakeField::MedicationName(row),
                    &input.name,
                    MAX_NAME_CHARS,
                    IntakeFieldError::MedicationNameRequired,
                ),
                anticoagulant: input.anticoagulant,
                note: problems.text(
                    IntakeField::MedicationNote(row),
                    &input.note,
                    MAX_NOTES_CHARS,
                ),
            })
            .collect();

        let allergies = self
            .allergies
            .iter()
            .enumerate()
            .map(|(row, input)| Allergy {
                substance: problems.required_text(
                    IntakeField::AllergySubstance(row),
                    &input.substance,
                    MAX_NAME_CHARS,
                    IntakeFieldError::AllergySubstanceRequired,
                ),
                kind: input.kind,
            })
            .collect();

        let emergency_contact = self.validate_contact(&mut problems);
        let goals = problems.text(IntakeField::Goals, &self.goals, MAX_NOTES_CHARS);
        let consent = self.validate_consent(&mut problems, today, date, date_of_birth);

        match (date, consent) {
            (Some(date), Some(consent)) if problems.0.is_empty() => Ok(IntakeAnswers {
                date,
                conditions,
                history_notes,
                events,
                medications,
                pregnancy: self.pregnancy,
                allergies,
                emergency_contact,
                goals,
                consent,
            }),
            _ => Err(problems.0),
        }
    }

    fn validate_contact(&self, problems: &mut Problems) -> Option<EmergencyContact> {
        let input = &self.emergency_contact;
        let contact = EmergencyContact {
            name: problems.text(IntakeField::ContactName, &input.name, MAX_NAME_CHARS),
            relationship: problems.text(
                IntakeField::ContactRelationship,
                &input.relationship,
                MAX_NAME_CHARS,
            ),
            phone: problems.text(IntakeField::ContactPhone, &input.phone, MAX_NAME_CHARS),
        };
        if contact == EmergencyContact::default() {
            return None;
        }
        if contact.name.is_empty() {
            problems.0.push((
                IntakeField::ContactName,
                IntakeFieldError::ContactNameRequired,
            ));
        }
        if contact.phone.is_empty() {
            problems.0.push((
                IntakeField::ContactPhone,
                IntakeFieldError::ContactPhoneRequired,
            ));
        } else if check_phone(&contact.phone).is_err() {
            problems
                .0
                .push((IntakeField::ContactPhone, IntakeFieldError::Phone));
        }
        Some(contact)
    }

    fn validate_consent(
        &self,
        problems: &mut Problems,
        today: CalendarDate,
        intake_date: Option<CalendarDate>,
        date_of_birth: Option<CalendarDate>,
    ) -> Option<Consent> {
        let input = &self.consent;
        let typed_name = problems.required_text(
            IntakeField::ConsentName,
            &input.typed_name,
            MAX_NAME_CHARS,
            IntakeFieldError::ConsentNameRequired,
        );
        let signer = if input.by_guardian {
            Signer::Guardian {
                relationship: problems.required_text(
                    IntakeField::GuardianRelationship,
                    &input.guardian_relationship,
                    MAX_NAME_CHARS,
                    IntakeFieldError::GuardianRelationshipRequired,
                ),
            }
        } else {
            let minor = date_of_birth
                .zip(intake_date)
                .is_some_and(|(born, on)| is_minor_on(born, on));
            if minor {
                problems
                    .0
                    .push((IntakeField::ConsentName, IntakeFieldError::GuardianRequired));
            }
            Signer::Client
        };
        let signature = problems.check(
            IntakeField::Signature,
            Signature::new(input.strokes.clone()).map_err(IntakeFieldError::from),
        );
        let date = problems.check(
            IntakeField::ConsentDate,
            required_date(
                &input.date,
                today,
                IntakeFieldError::InFuture,
                date_of_birth,
            ),
        );
        Some(Consent {
            typed_name,
            signer,
            signature: signature?,
            date: date?,
        })
    }
}

/// One intake of one client: immutable once made (see the module docs).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intake {
    id: RecordId,
    client: RecordId,
    #[serde(with = "crate::base::hlc_text")]
    created: Hlc,
    answers: IntakeAnswers,
}

impl Intake {
    /// The intake of `client`, made at `stamp`.
    pub fn create(id: RecordId, client: RecordId, answers: IntakeAnswers, stamp: Hlc) -> Self {
        Self {
            id,
            client,
            created: stamp,
            answers,
        }
    }

    /// The record's permanent id.
    pub fn id(&self) -> RecordId {
        self.id
    }

    /// The client the intake belongs to.
    pub fn client(&self) -> RecordId {
        self.client
    }

    /// When the record was made.
    pub fn created(&self) -> Hlc {
        self.created
    }

    /// The intake date.
    pub fn date(&self) -> CalendarDate {
        self.answers.date
    }

    /// Ticked conditions, in form order.
    pub fn conditions(&self) -> &[ConditionAnswer] {
        &self.answers.conditions
    }

    /// Anything else about the client's health.
    pub fn history_notes(&self) -> &str {
        &self.answers.history_notes
    }

    /// Surgeries and injuries.
    pub fn events(&self) -> &[EventAnswer] {
        &self.answers.events
    }

    /// Medications.
    pub fn medications(&self) -> &[Medication] {
        &self.answers.medications
    }

    /// Pregnancy.
    pub fn pregnancy(&self) -> Pregnancy {
        self.answers.pregnancy
    }

    /// Allergies.
    pub fn allergies(&self) -> &[Allergy] {
        &self.answers.allergies
    }

    /// Emergency contact, if one was given.
    pub fn emergency_contact(&self) -> Option<&EmergencyContact> {
        self.answers.emergency_contact.as_ref()
    }

    /// Goals for treatment.
    pub fn goals(&self) -> &str {
        &self.answers.goals
    }

    /// Consent to treatment.
    pub fn consent(&self) -> &Consent {
        &self.answers.consent
    }

    /// Whether the intake is older than [`INTAKE_RENEWAL`] on `on`, so the
    /// client page should ask for a new one.
    pub fn is_stale_on(&self, on: CalendarDate) -> bool {
        INTAKE_RENEWAL.has_passed(self.date(), on)
    }

    /// The answers as form input, to start the next intake from this one.
    /// Date and consent are left empty: a new intake is dated and signed
    /// afresh.
    pub fn to_input(&self) -> IntakeInput {
        IntakeInput {
            date: String::new(),
            conditions: self
                .conditions()
                .iter()
                .map(|answer| ConditionInput {
                    condition: answer.condition,
                    date: answer.date.map(|date| date.to_string()).unwrap_or_default(),
                    regions: answer.regions.clone(),
                    note: answer.note.clone(),
                })
                .collect(),
            history_notes: self.history_notes().to_owned(),
            events: self
                .events()
                .iter()
                .map(|event| EventInput {
                    kind: event.kind,
                    site: event.site,
                    date: event.date.to_string(),
                    regions: event.regions.clone(),
                    note: event.note.clone(),
                })
                .collect(),
            medications: self.medications().to_vec(),
            pregnancy: self.pregnancy(),
            allergies: self.allergies().to_vec(),
            emergency_contact: self.emergency_contact().cloned().unwrap_or_default(),
            goals: self.goals().to_owned(),
            consent: ConsentInput::default(),
        }
    }
}

impl Intake {
    /// Whether the intake form, given this intake's own answers, would
    /// store exactly this intake: the check for an intake read from a file.
    /// The client's date of birth is not known here, so the guardian rule
    /// is not re-checked.
    pub(crate) fn is_as_entered(&self) -> bool {
        let consent = &self.answers.consent;
        let (by_guardian, guardian_relationship) = match &consent.signer {
            Signer::Client => (false, String::new()),
            Signer::Guardian { relationship } => (true, relationship.clone()),
        };
        let input = IntakeInput {
            date: self.date().to_string(),
            consent: ConsentInput {
                typed_name: consent.typed_name.clone(),
                by_guardian,
                guardian_relationship,
                strokes: consent.signature.strokes().to_vec(),
                date: consent.date.to_string(),
            },
            ..self.to_input()
        };
        let today = self.date().max(consent.date);
        input.validate(today, None).ok().as_ref() == Some(&self.answers)
    }
}

impl Immutable for Intake {
    fn id(&self) -> RecordId {
        self.id
    }
}

/// The intake that counts for `client` on `on`: the newest one dated on or
/// before that day (ties broken by creation stamp).
pub fn latest_intake<'a>(
    intakes: impl IntoIterator<Item = &'a Intake>,
    client: RecordId,
    on: CalendarDate,
) -> Option<&'a Intake> {
    intakes
        .into_iter()
        .filter(|intake| intake.client == client && intake.date() <= on)
        .max_by_key(|intake| (intake.date(), intake.created))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::base::ids::DeviceId;
    use crate::clinical::body_regions::{Area, Side};
    use crate::clinical::health_history::AllergenKind;
    use proptest::prelude::*;

    pub(crate) fn date(text: &str) -> CalendarDate {
        text.parse().unwrap()
    }

    fn today() -> CalendarDate {
        date("2026-11-27")
    }

    pub(crate) fn stamp(wall: u64) -> Hlc {
        Hlc::from_parts(wall, 0, DeviceId::from_bytes([1; 16]))
    }

    /// A complete, valid intake of an adult dated `on`.
    pub(crate) fn signed_input(on: &str) -> IntakeInput {
        IntakeInput {
            date: on.into(),
            consent: ConsentInput {
                typed_name: "Ada Lovelace".into(),
                strokes: vec![vec![(10, 10), (50, 40)]],
                date: on.into(),
                ..ConsentInput::default()
            },
            ..IntakeInput::default()
        }
    }

    /// An intake record made from `input` for client 7.
    pub(crate) fn intake_from(input: &IntakeInput) -> Intake {
        Intake::create(
            RecordId::from_bytes([1; 16]),
            RecordId::from_bytes([7; 16]),
            input.validate(date("2030-01-01"), None).unwrap(),
            stamp(1),
        )
    }

    /// An edit a test makes to an otherwise valid form.
    type Change = fn(&mut IntakeInput);

    fn fields_in_error(
        input: &IntakeInput,
        born: Option<&str>,
    ) -> Vec<(IntakeField, IntakeFieldError)> {
        input.validate(today(), born.map(date)).unwrap_err()
    }

    #[test]
    fn a_minimal_signed_intake_is_accepted() {
        let answers = signed_input("2026-11-27").validate(today(), None).unwrap();
        let intake = Intake::create(
            RecordId::from_bytes([1; 16]),
            RecordId::from_bytes([2; 16]),
            answers,
            stamp(5),
        );
        assert_eq!(intake.date(), today());
        assert_eq!(intake.consent().typed_name(), "Ada Lovelace");
        assert_eq!(intake.consent().signer(), &Signer::Client);
        assert_eq!(intake.emergency_contact(), None);
    }

    #[test]
    fn an_empty_form_names_every_required_field() {
        let errors = fields_in_error(&IntakeInput::default(), None);
        assert_eq!(
            errors,
            [
                (IntakeField::Date, IntakeFieldError::DateRequired),
                (
                    IntakeField::ConsentName,
                    IntakeFieldError::ConsentNameRequired
                ),
                (
                    IntakeField::Signature,
                    IntakeFieldError::Signature(SignatureError::Empty)
                ),
                (IntakeField::ConsentDate, IntakeFieldError::DateRequired),
            ]
        );
    }

    #[test]
    fn date_rules() {
        let cases: [(Change, IntakeField, IntakeFieldError); 8] = [
            (
                |i| i.date = "2026-11-28".into(),
                IntakeField::Date,
                IntakeFieldError::InFuture,
            ),
            (
                |i| i.date = "27/11/2026".into(),
                IntakeField::Date,
                IntakeFieldError::Date(DateError::Format),
            ),
            (
                |i| i.consent.date = "2027-01-01".into(),
                IntakeField::ConsentDate,
                IntakeFieldError::InFuture,
            ),
            (
                |i| i.date = "1979-12-31".into(),
                IntakeField::Date,
                IntakeFieldError::BeforeBirth,
            ),
            (
                |i| i.conditions = vec![condition(Condition::Stroke, "2026-11-28")],
                IntakeField::ConditionDate(0),
                IntakeFieldError::AfterIntake,
            ),
            (
                |i| i.events = vec![event(EventKind::Surgery, Site::Spinal, "")],
                IntakeField::EventDate(0),
                IntakeFieldError::DateRequired,
            ),
            (
                |i| i.events = vec![event(EventKind::Surgery, Site::Spinal, "2026-12-01")],
                IntakeField::EventDate(0),
                IntakeFieldError::AfterIntake,
            ),
            (
                |i| i.events = vec![event(EventKind::Fracture, Site::Ribs, "1975-01-01")],
                IntakeField::EventDate(0),
                IntakeFieldError::BeforeBirth,
            ),
        ];
        for (change, field, error) in cases {
            let mut input = signed_input("2026-11-27");
            change(&mut input);
            assert_eq!(
                fields_in_error(&input, Some("1980-01-01")),
                [(field, error.clone())],
                "{error}"
            );
        }
    }

    #[test]
    fn answer_dates_up_to_the_intake_date_are_accepted() {
        let mut input = signed_input("2026-06-01");
        input.conditions = vec![condition(Condition::Stroke, "2026-06-01")];
        input.events = vec![event(EventKind::Trauma, Site::Cranial, "2026-05-31")];
        let intake = intake_from(&input);
        assert_eq!(intake.conditions()[0].date, Some(date("2026-06-01")));
        assert_eq!(intake.events()[0].date, date("2026-05-31"));
    }

    #[test]
    fn rows_need_their_key_text() {
        let mut input = signed_input("2026-11-27");
        input.medications = vec![Medication {
            name: " ".into(),
            anticoagulant: true,
            note: String::new(),
        }];
        input.allergies = vec![Allergy {
            substance: String::new(),
            kind: AllergenKind::Oil,
        }];
        input.conditions = vec![
            condition(Condition::Fever, ""),
            condition(Condition::Fever, ""),
        ];
        assert_eq!(
            fields_in_error(&input, None),
            [
                (IntakeField::Condition(1), IntakeFieldError::ListedTwice),
                (
                    IntakeField::MedicationName(0),
                    IntakeFieldError::MedicationNameRequired
                ),
                (
                    IntakeField::AllergySubstance(0),
                    IntakeFieldError::AllergySubstanceRequired
                ),
            ]
        );
    }

    #[test]
    fn an_emergency_contact_needs_a_name_and_a_phone_once_started() {
        let cases = [
            (("", "", ""), vec![]),
            (("Bea", "", "0123 456"), vec![]),
            (
                ("", "sister", ""),
                vec![IntakeField::ContactName, IntakeField::ContactPhone],
            ),
            (("Bea", "", ""), vec![IntakeField::ContactPhone]),
            (("Bea", "", "call me"), vec![IntakeField::ContactPhone]),
            (("Bea", "", "12"), vec![IntakeField::ContactPhone]),
        ];
        for ((name, relationship, phone), expected) in cases {
            let mut input = signed_input("2026-11-27");
            input.emergency_contact = EmergencyContact {
                name: name.into(),
                relationship: relationship.into(),
                phone: phone.into(),
            };
            let fields: Vec<IntakeField> = input
                .validate(today(), None)
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|(field, _)| field)
                .collect();
            assert_eq!(fields, expected, "{name:?} {relationship:?} {phone:?}");
        }
    }

    #[test]
    fn a_minor_on_the_intake_date_needs_a_guardian() {
        // (date of birth, intake date, signed by guardian, guardian required?)
        let cases = [
            ("2008-11-28", "2026-11-27", false, true),
            ("2008-11-27", "2026-11-27", false, false),
            ("2008-11-26", "2026-11-27", false, false),
            ("2010-05-05", "2026-11-27", true, false),
            ("1990-05-05", "2026-11-27", true, false),
        ];
        for (born, on, by_guardian, guardian_required) in cases {
            let mut input = signed_input(on);
            input.consent.by_guardian = by_guardian;
            input.consent.guardian_relationship = "mother".into();
            let result = input.validate(today(), Some(date(born)));
            assert_eq!(
                result.err().unwrap_or_default(),
                if guardian_required {
                    vec![(IntakeField::ConsentName, IntakeFieldError::GuardianRequired)]
                } else {
                    vec![]
                },
                "born {born}"
            );
        }
        let mut input = signed_input("2026-11-27");
        input.consent.by_guardian = true;
        assert_eq!(
            fields_in_error(&input, Some("2015-01-01")),
            [(
                IntakeField::GuardianRelationship,
                IntakeFieldError::GuardianRelationshipRequired
            )]
        );
        assert!(IntakeFieldError::GuardianRequired
            .to_string()
            .contains("under 18"));
    }

    #[test]
    fn a_year_old_intake_is_stale_the_day_after_its_anniversary() {
        let intake = intake_from(&signed_input("2025-11-27"));
        assert!(!intake.is_stale_on(date("2026-11-26")));
        assert!(!intake.is_stale_on(date("2026-11-27")));
        assert!(intake.is_stale_on(date("2026-11-28")));
    }

    #[test]
    fn a_new_intake_never_replaces_the_old_and_the_latest_counts() {
        let client = RecordId::from_bytes([7; 16]);
        let make = |id: u8, on: &str, wall: u64| {
            Intake::create(
                RecordId::from_bytes([id; 16]),
                client,
                signed_input(on).validate(today(), None).unwrap(),
                stamp(wall),
            )
        };
        let intakes = [
            make(1, "2025-01-10", 1),
            make(2, "2026-02-01", 2),
            make(3, "2026-02-01", 3),
            make(4, "2026-11-27", 4),
        ];
        let latest = |on: &str| latest_intake(&intakes, client, date(on)).map(Intake::id);
        assert_eq!(latest("2024-12-31"), None);
        assert_eq!(latest("2025-06-01"), Some(RecordId::from_bytes([1; 16])));
        assert_eq!(latest("2026-02-01"), Some(RecordId::from_bytes([3; 16])));
        assert_eq!(latest("2026-11-27"), Some(RecordId::from_bytes([4; 16])));
        assert_eq!(
            latest_intake(&intakes, RecordId::from_bytes([8; 16]), today()),
            None
        );
    }

    #[test]
    fn the_next_intake_starts_from_this_one_unsigned() {
        let mut input = signed_input("2026-01-05");
        input.conditions = vec![condition(Condition::VaricoseVeins, "")];
        input.events = vec![event(EventKind::Fracture, Site::Other, "2025-12-01")];
        input.pregnancy = Pregnancy::HighRisk;
        let next = intake_from(&input).to_input();
        let expected = IntakeInput {
            date: String::new(),
            consent: ConsentInput::default(),
            ..input
        };
        assert_eq!(next, expected);
        assert!(next.validate(today(), None).is_err());
    }

    #[test]
    fn serde_round_trip() {
        let mut input = signed_input("2026-03-03");
        input.conditions = vec![ConditionInput {
            regions: vec![Region::new(Area::Calf, Some(Side::Left)).unwrap()],
            ..condition(Condition::VaricoseVeins, "2020-01-01")
        }];
        input.medications = vec![Medication {
            name: "Warfarin".into(),
            anticoagulant: true,
            note: "5 mg".into(),
        }];
        input.consent.by_guardian = true;
        input.consent.guardian_relationship = "father".into();
        let intake = intake_from(&input);
        let json = serde_json::to_string(&intake).unwrap();
        assert_eq!(serde_json::from_str::<Intake>(&json).unwrap(), intake);
    }

    pub(crate) fn condition(condition: Condition, on: &str) -> ConditionInput {
        ConditionInput {
            condition,
            date: on.into(),
            regions: vec![],
            note: String::new(),
        }
    }

    pub(crate) fn event(kind: EventKind, site: Site, on: &str) -> EventInput {
        EventInput {
            kind,
            site,
            date: on.into(),
            regions: vec![],
            note: String::new(),
        }
    }

    proptest! {
        #[test]
        fn validation_never_panics(
            on in "\\PC{0,12}",
            name in "\\PC{0,20}",
            event_date in "\\PC{0,12}",
            born in proptest::option::of(0u64..40_000),
            points in proptest::collection::vec((0u16..700, 0u16..300), 0..20),
        ) {
            let input = IntakeInput {
                date: on.clone(),
                events: vec![event(EventKind::Trauma, Site::Cranial, &event_date)],
                consent: ConsentInput { typed_name: name, strokes: vec![points], date: on, ..ConsentInput::default() },
                ..IntakeInput::default()
            };
            let born = born.map(|days| CalendarDate::from_unix_millis(days * 86_400_000));
            let _ = input.validate(today(), born);
        }
    }
}
