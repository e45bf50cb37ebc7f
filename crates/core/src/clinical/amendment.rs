//! Corrections to a signed note: dated, signed by their author, with a
//! reason, and never hiding the original.
//!
//! Regulators require that a correction leaves the original entry visible.
//! So an [`Amendment`] is a record of its own, naming the session, the
//! changed free-text fields and their new text. **Amendments are
//! append-only**: never edited or removed, so sync can keep them as a
//! grow-only set keyed by id. [`AmendedSession`] puts a signed session and its
//! amendments together: the current text of each field, and each field's
//! history from the signed original on. Amendments apply in stamp order,
//! which every device agrees on.

use serde::{Deserialize, Serialize};

use crate::base::date::CalendarDate;
use crate::base::hlc::Hlc;
use crate::base::ids::RecordId;
use crate::base::text_limit::{required, trimmed, TooLong, MAX_NAME_CHARS, MAX_NOTES_CHARS};
use crate::clinical::session::{SessionDraft, SignedSession};
use crate::clinical::session_note::{SessionNote, TextField};
use crate::merge::gset::Immutable;

/// One field's new text.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldChange {
    /// The field changed.
    pub field: TextField,
    /// Its new text.
    pub text: String,
}

/// A correction to a signed session note.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    id: RecordId,
    session: RecordId,
    #[serde(with = "crate::base::hlc_text")]
    at: Hlc,
    author: String,
    reason: String,
    changes: Vec<FieldChange>,
}

impl Amendment {
    /// The record's permanent id.
    pub fn id(&self) -> RecordId {
        self.id
    }

    /// The signed session it corrects.
    pub fn session(&self) -> RecordId {
        self.session
    }

    /// When it was made.
    pub fn at(&self) -> Hlc {
        self.at
    }

    /// Who made it.
    pub fn author(&self) -> &str {
        &self.author
    }

    /// Why.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The fields it changes, with their new text.
    pub fn changes(&self) -> &[FieldChange] {
        &self.changes
    }

    fn text_for(&self, field: TextField) -> Option<&str> {
        self.changes
            .iter()
            .find(|change| change.field == field)
            .map(|change| change.text.as_str())
    }
}

impl Immutable for Amendment {
    fn id(&self) -> RecordId {
        self.id
    }
}

/// The amendment form's fields; changes are numbered from 0.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum AmendmentField {
    /// Who amends.
    Author,
    /// Why.
    Reason,
    /// The list of changes as a whole.
    Changes,
    /// One change's new text.
    Change(usize),
}

/// Why an amendment was refused.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum AmendmentError {
    /// No author.
    #[error("Enter the name of the therapist making the amendment.")]
    AuthorRequired,
    /// No reason.
    #[error("Say why the note is amended, for example \"wrong side recorded\".")]
    ReasonRequired,
    /// Nothing to change.
    #[error("Change at least one field.")]
    NothingChanged,
    /// The new text equals the current text.
    #[error("This is the same as the current text.")]
    Unchanged,
    /// The same field appears twice.
    #[error("This field is already changed in this amendment.")]
    ChangedTwice,
    /// Text too long.
    #[error(transparent)]
    TooLong(#[from] TooLong),
}

/// One version of a field: the signed original (no amendment) or the text an
/// amendment gave it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Revision<'a> {
    /// The text.
    pub text: &'a str,
    /// The amendment that wrote it; `None` for the original.
    pub amendment: Option<&'a Amendment>,
}

/// A signed session seen with its amendments: the "current view".
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AmendedSession<'a> {
    session: &'a SignedSession,
    amendments: Vec<&'a Amendment>,
}

impl<'a> AmendedSession<'a> {
    /// The session with those of `amendments` that belong to it, in stamp
    /// order; a copy of one amendment received twice counts once.
    pub fn new(
        session: &'a SignedSession,
        amendments: impl IntoIterator<Item = &'a Amendment>,
    ) -> Self {
        let mut amendments: Vec<&Amendment> = amendments
            .into_iter()
            .filter(|amendment| amendment.session == session.id())
            .collect();
        amendments.sort_by_key(|amendment| (amendment.at, amendment.id));
        amendments.dedup_by_key(|amendment| amendment.id);
        Self {
            session,
            amendments,
        }
    }

    /// "Start from last session": a new draft `id` for `date` that carries
    /// forward this session's findings, techniques and plan as amended, as
    /// [`SessionNote::carried_forward`] describes. It lives here, beside the
    /// amended view, because the draft must start from the note as
    /// corrected, never as first signed.
    pub fn next_draft(&self, id: RecordId, date: CalendarDate, stamp: Hlc) -> SessionDraft {
        let note = self.current_note().carried_forward(date);
        SessionDraft::create(id, note, Some(self.session().id()), stamp)
    }

    /// The session as signed.
    pub fn session(&self) -> &'a SignedSession {
        self.session
    }

    /// Its amendments, oldest first.
    pub fn amendments(&self) -> &[&'a Amendment] {
        &self.amendments
    }

    /// Every version of `field`, the signed original first. A field no
    /// amendment touched has only its original.
    pub fn history(&self, field: TextField) -> Vec<Revision<'a>> {
        let original = Revision {
            text: self.session.note().text(field),
            amendment: None,
        };
        std::iter::once(original)
            .chain(self.amendments.iter().filter_map(|&amendment| {
                amendment.text_for(field).map(|text| Revision {
                    text,
                    amendment: Some(amendment),
                })
            }))
            .collect()
    }

    /// The text of `field` after every amendment.
    pub fn current_text(&self, field: TextField) -> &'a str {
        self.amendments
            .iter()
            .rev()
            .find_map(|amendment| amendment.text_for(field))
            .unwrap_or_else(|| self.session.note().text(field))
    }

    /// The note with every amendment applied, as "start from last session"
    /// and print use it.
    pub fn current_note(&self) -> SessionNote {
        let mut note = self.session.note().clone();
        for field in TextField::ALL {
            note.set_text(field, self.current_text(field));
        }
        note
    }

    /// A new amendment `id` by `author` at `at`, giving each listed field its
    /// new text; refused with every problem if the author or reason is blank,
    /// nothing changes, or a field is listed twice or keeps its text.
    pub fn amend(
        &self,
        id: RecordId,
        author: &str,
        reason: &str,
        changes: Vec<(TextField, String)>,
        at: Hlc,
    ) -> Result<Amendment, Vec<(AmendmentField, AmendmentError)>> {
        let mut errors = Vec::new();
        let author = required(author, MAX_NAME_CHARS, AmendmentError::AuthorRequired)
            .map_err(|error| errors.push((AmendmentField::Author, error)))
            .unwrap_or_default();
        let reason = required(reason, MAX_NOTES_CHARS, AmendmentError::ReasonRequired)
            .map_err(|error| errors.push((AmendmentField::Reason, error)))
            .unwrap_or_default();
        if changes.is_empty() {
            errors.push((AmendmentField::Changes, AmendmentError::NothingChanged));
        }
        let mut checked: Vec<FieldChange> = Vec::new();
        for (index, (field, text)) in changes.iter().enumerate() {
            let problem = match trimmed(text, MAX_NOTES_CHARS) {
                Err(error) => Some(error.into()),
                Ok(_) if checked.iter().any(|change| change.field == *field) => {
                    Some(AmendmentError::ChangedTwice)
                }
                Ok(text) if text == self.current_text(*field) => Some(AmendmentError::Unchanged),
                Ok(text) => {
                    checked.push(FieldChange {
                        field: *field,
                        text,
                    });
                    None
                }
            };
            errors.extend(problem.map(|error| (AmendmentField::Change(index), error)));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Amendment {
            id,
            session: self.session.id(),
            at,
            author,
            reason,
            changes: checked,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinical::intake::tests::stamp;
    use crate::clinical::session::tests::signed_session;
    use crate::clinical::session_note::SoapField;
    use crate::merge::gset::GrowOnlySet;

    const PLAN: TextField = TextField::Soap(SoapField::Plan);
    const OBJECTIVE: TextField = TextField::Soap(SoapField::Objective);

    fn amend(
        view: &AmendedSession<'_>,
        id: u8,
        changes: Vec<(TextField, &str)>,
        wall: u64,
    ) -> Result<Amendment, Vec<(AmendmentField, AmendmentError)>> {
        view.amend(
            RecordId::from_bytes([id; 16]),
            "Sam Rivera",
            "Wrong side recorded",
            changes
                .into_iter()
                .map(|(field, text)| (field, text.to_owned()))
                .collect(),
            stamp(wall),
        )
    }

    #[test]
    fn the_original_stays_visible_beside_every_amendment() {
        let signed = signed_session();
        let original_plan = signed.note().soap().plan.clone();
        let first = amend(
            &AmendedSession::new(&signed, []),
            1,
            vec![(PLAN, "Fortnightly.")],
            10,
        )
        .unwrap();
        let second = amend(
            &AmendedSession::new(&signed, [&first]),
            2,
            vec![
                (PLAN, "Monthly."),
                (OBJECTIVE, "Rhythm restricted right at the head."),
            ],
            20,
        )
        .unwrap();
        let view = AmendedSession::new(&signed, [&second, &first, &second]);
        assert_eq!(view.amendments(), [&first, &second]);
        let texts: Vec<&str> = view
            .history(PLAN)
            .iter()
            .map(|revision| revision.text)
            .collect();
        assert_eq!(texts, [original_plan.as_str(), "Fortnightly.", "Monthly."]);
        assert_eq!(view.history(PLAN)[0].amendment, None);
        assert_eq!(view.history(PLAN)[2].amendment, Some(&second));
        assert_eq!(view.current_text(PLAN), "Monthly.");
        assert_eq!(
            view.current_text(OBJECTIVE),
            "Rhythm restricted right at the head."
        );
        assert_eq!(view.history(TextField::SomatoEmotional).len(), 1);
        assert_eq!(view.current_note().soap().plan, "Monthly.");
        assert_eq!(
            signed.note().soap().plan,
            original_plan,
            "the signed note never changes"
        );
    }

    #[test]
    fn amendments_apply_in_stamp_order_whatever_order_they_arrive_in() {
        let signed = signed_session();
        let view = AmendedSession::new(&signed, []);
        let early = amend(&view, 1, vec![(PLAN, "Early.")], 10).unwrap();
        let late = amend(&view, 2, vec![(PLAN, "Late.")], 20).unwrap();
        for arrival in [[&early, &late], [&late, &early]] {
            assert_eq!(
                AmendedSession::new(&signed, arrival).current_text(PLAN),
                "Late."
            );
        }
        let other_session = Amendment {
            session: RecordId::from_bytes([99; 16]),
            ..late.clone()
        };
        assert_eq!(
            AmendedSession::new(&signed, [&other_session]).amendments(),
            [] as [&Amendment; 0]
        );
    }

    /// Two devices that each amended the note agree once their amendment
    /// sets are merged, in either order.
    #[test]
    fn merged_amendment_sets_give_every_device_the_same_current_view() {
        let signed = signed_session();
        let view = AmendedSession::new(&signed, []);
        let here = amend(&view, 1, vec![(PLAN, "From the tablet.")], 10).unwrap();
        let there = amend(&view, 2, vec![(PLAN, "From the laptop.")], 11).unwrap();
        let set = |amendment: &Amendment| {
            let mut set = GrowOnlySet::new();
            set.insert(amendment.clone());
            set
        };
        let one_way = set(&here).merge(set(&there));
        let other_way = set(&there).merge(set(&here));
        assert_eq!(one_way, other_way);
        let current = AmendedSession::new(&signed, one_way.iter())
            .current_text(PLAN)
            .to_owned();
        assert_eq!(current, "From the laptop.");
        assert_eq!(one_way.get(here.id()), Some(&here));
    }

    #[test]
    fn a_bad_amendment_is_refused_field_by_field() {
        let signed = signed_session();
        let view = AmendedSession::new(&signed, []);
        let current_plan = view.current_text(PLAN).to_owned();
        let errors = view
            .amend(RecordId::from_bytes([1; 16]), " ", "", vec![], stamp(5))
            .unwrap_err();
        assert_eq!(
            errors,
            [
                (AmendmentField::Author, AmendmentError::AuthorRequired),
                (AmendmentField::Reason, AmendmentError::ReasonRequired),
                (AmendmentField::Changes, AmendmentError::NothingChanged),
            ]
        );
        let errors = amend(
            &view,
            1,
            vec![
                (PLAN, &format!(" {current_plan} ")),
                (OBJECTIVE, "New."),
                (OBJECTIVE, "Newer."),
            ],
            5,
        )
        .unwrap_err();
        assert_eq!(
            errors,
            [
                (AmendmentField::Change(0), AmendmentError::Unchanged),
                (AmendmentField::Change(2), AmendmentError::ChangedTwice),
            ]
        );
    }

    #[test]
    fn amendments_round_trip() {
        let signed = signed_session();
        let amendment = amend(
            &AmendedSession::new(&signed, []),
            1,
            vec![(TextField::SomatoEmotional, "Calm throughout.")],
            9,
        )
        .unwrap();
        assert_eq!(
            (amendment.author(), amendment.reason(), amendment.at()),
            ("Sam Rivera", "Wrong side recorded", stamp(9))
        );
        let json = serde_json::to_string(&amendment).unwrap();
        assert_eq!(serde_json::from_str::<Amendment>(&json).unwrap(), amendment);
    }
}
