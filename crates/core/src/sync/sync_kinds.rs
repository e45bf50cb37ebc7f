//! How each record kind takes part in sync: its [`SyncRecord`]
//! implementation, with the checks a record read from a file must pass.
//!
//! Kept in one place so the per-kind differences (how copies merge, which
//! stamps a record holds, what its form would have refused) can be read
//! side by side; everything else is generic code in [`crate::sync::dataset`].

use crate::base::date::CalendarDate;
use crate::base::hlc::Hlc;
use crate::base::ids::RecordId;
use crate::base::text_limit::{trimmed, MAX_NAME_CHARS, MAX_NOTES_CHARS};
use crate::clients::client::Client;
use crate::clients::client_sync::{RecordProblem, TextField};
use crate::clinical::amendment::Amendment;
use crate::clinical::contraindication_rules::OwnRule;
use crate::clinical::intake::Intake;
use crate::clinical::session::{SessionDraft, SignedSession};
use crate::clinical::session_note::SessionNote;
use crate::merge::definition::Definition;
use crate::merge::gset::keep_one;
use crate::merge::version_vector::VersionVector;
use crate::outcomes::catalogue;
use crate::outcomes::custom_instrument::{is_as_built, OwnInstrument};
use crate::outcomes::instrument::{Instrument, InstrumentId};
use crate::outcomes::measure::{Measure, Timing};
use crate::outcomes::plan::{Frequency, PlanVersion, MAX_GOALS, MAX_PLANNED_SESSIONS};
use crate::selfcare::care_plan::CarePlanVersion;
use crate::selfcare::diary::Diary;
use crate::selfcare::library::{library_item_is_as_entered, LibraryItem};
use crate::sync::dataset::{Dataset, SyncRecord};
use crate::sync::device_name::DeviceName;

/// `Ok` when `holds` is true, else the record's `part` is refused.
fn require(holds: bool, part: &'static str) -> Result<(), RecordProblem> {
    if holds {
        Ok(())
    } else {
        Err(RecordProblem::NotAsEntered { part })
    }
}

/// Whether `text` is what the form stores for it: trimmed, within `max`
/// characters, and not blank when `needed`.
fn tidy(text: &str, max: usize, needed: bool) -> bool {
    trimmed(text, max).is_ok_and(|cleaned| cleaned == text && !(needed && cleaned.is_empty()))
}

/// Whether the session form, given the note's own content, would store
/// exactly this note. A note without a date is checked as of its own
/// date's absence, so no "future date" rule applies.
fn note_is_as_entered(note: &SessionNote) -> bool {
    let today = note
        .details()
        .date
        .unwrap_or(CalendarDate::new(9999, 12, 31).expect("a real day"));
    note.to_input().validate(today).ok().as_ref() == Some(note)
}

/// The sync side shared by immutable kinds: one copy is kept (see
/// [`crate::merge::gset`]), an import never replaces the copy held, the record
/// holds one stamp, and a kind-specific check.
macro_rules! immutable_record {
    (
        $record:ty, $stamp:ident, $check:path
        $(, client: $client:path)? $(, session: $session:path)? $(,)?
    ) => {
        impl SyncRecord for $record {
            fn record_id(&self) -> RecordId {
                self.id()
            }

            fn join(self, other: Self) -> Self {
                keep_one(self, other)
            }

            fn keep_held(held: &Self, incoming: &Self) -> Option<Self> {
                (held != incoming).then(|| held.clone())
            }

            fn all_stamps(&self) -> Vec<Hlc> {
                vec![self.$stamp()]
            }

            /// Never: what it has seen is its one stamp. Checked for the
            /// 60,000 measures of a practice's file without building a
            /// list and a version vector for each (BENCHMARKS.md, issue 14).
            fn seen_ahead(&self) -> bool {
                false
            }

            fn check(&self) -> Result<(), RecordProblem> {
                $check(self)
            }

            $(
                fn client(&self) -> Option<RecordId> {
                    Some($client(self))
                }
            )?

            $(
                fn corrected_session(&self) -> Option<RecordId> {
                    Some($session(self))
                }
            )?
        }
    };
}

/// The sync side shared by kinds whose copies merge field by field
/// (`merge`, a join): what differs is which stamps a record holds, what it
/// has seen (its stamps, unless given), its checks, and for kinds with
/// kept text versions, which fields a merge left in conflict.
macro_rules! merged_record {
    (
        $record:ty,
        stamps: $stamps:expr,
        $(seen: $seen:expr,)?
        check: $check:expr
        $(, new_conflicts: $conflicts:expr)? $(,)?
    ) => {
        impl SyncRecord for $record {
            fn record_id(&self) -> RecordId {
                self.id()
            }

            fn join(self, other: Self) -> Self {
                self.merge(other)
            }

            fn all_stamps(&self) -> Vec<Hlc> {
                let stamps: fn(&Self) -> Vec<Hlc> = $stamps;
                stamps(self)
            }

            $(
                fn seen(&self) -> VersionVector {
                    let seen: fn(&Self) -> VersionVector = $seen;
                    seen(self)
                }
            )?

            fn check(&self) -> Result<(), RecordProblem> {
                let check: fn(&Self) -> Result<(), RecordProblem> = $check;
                check(self)
            }

            $(
                fn new_conflicts(before: Option<&Self>, after: &Self) -> Vec<TextField> {
                    let conflicts: fn(Option<&Self>, &Self) -> Vec<TextField> = $conflicts;
                    conflicts(before, after)
                }
            )?
        }
    };
}

/// The text fields of a client that hold more versions after a merge than
/// before it.
fn client_conflicts(before: Option<&Client>, after: &Client) -> Vec<TextField> {
    TextField::ALL
        .into_iter()
        .filter(|field| {
            let versions = after.versions(*field);
            versions.len() > 1 && before.is_none_or(|before| before.versions(*field) != versions)
        })
        .collect()
}

merged_record!(
    Client,
    stamps: |client| client.stamps().collect(),
    seen: |client| Client::seen(client).clone(),
    check: Client::check,
    new_conflicts: client_conflicts,
);

/// An intake read from a file must hold exactly what its form would store.
fn check_intake(record: &Intake) -> Result<(), RecordProblem> {
    require(record.is_as_entered(), "answers")
}

immutable_record!(Intake, created, check_intake, client: Intake::client);

/// A draft's stamps: when it was started, each section's, its discarding.
fn draft_stamps(draft: &SessionDraft) -> Vec<Hlc> {
    let mut stamps = vec![draft.created()];
    stamps.extend(draft.section_stamps());
    stamps.extend(draft.discarded());
    stamps
}

/// A draft is discarded after it was started, and holds a note the form
/// would store.
fn check_draft(draft: &SessionDraft) -> Result<(), RecordProblem> {
    require(
        draft.discarded().is_none_or(|at| at > draft.created()),
        "discarding time",
    )?;
    require(note_is_as_entered(&draft.note()), "note")
}

merged_record!(
    SessionDraft,
    stamps: draft_stamps,
    seen: SessionDraft::seen,
    check: check_draft,
);

impl SyncRecord for SignedSession {
    fn record_id(&self) -> RecordId {
        self.id()
    }

    fn join(self, other: Self) -> Self {
        SignedSession::join(self, other)
    }

    fn keep_held(held: &Self, incoming: &Self) -> Option<Self> {
        held.kept_against(incoming)
    }

    /// Its own stamps and those of other signings of its draft that it
    /// met, which may be newer than its own.
    fn all_stamps(&self) -> Vec<Hlc> {
        SignedSession::seen(self).stamps().collect()
    }

    fn seen(&self) -> VersionVector {
        SignedSession::seen(self)
    }

    fn client(&self) -> Option<RecordId> {
        Some(self.note().details().client)
    }

    fn session_date(&self) -> Option<CalendarDate> {
        self.note().details().date
    }

    fn check(&self) -> Result<(), RecordProblem> {
        require(tidy(self.signed_by(), MAX_NAME_CHARS, true), "signer")?;
        require(self.created() < self.signed(), "signing time")?;
        require(note_is_as_entered(self.note()), "note")?;
        if self.note().missing_for_signing(&[]).is_empty() {
            Ok(())
        } else {
            Err(RecordProblem::SignedIncomplete)
        }
    }
}

/// An amendment read from a file must name a signer and a reason and list
/// each changed field once, with text as the form stores it.
fn check_amendment(record: &Amendment) -> Result<(), RecordProblem> {
    require(tidy(record.author(), MAX_NAME_CHARS, true), "author")?;
    require(tidy(record.reason(), MAX_NOTES_CHARS, true), "reason")?;
    let changes = record.changes();
    let distinct = changes.iter().enumerate().all(|(index, change)| {
        changes[..index]
            .iter()
            .all(|earlier| earlier.field != change.field)
    });
    require(!changes.is_empty() && distinct, "list of changes")?;
    require(
        changes
            .iter()
            .all(|change| tidy(&change.text, MAX_NOTES_CHARS, false)),
        "changed text",
    )
}

immutable_record!(Amendment, at, check_amendment, session: Amendment::session);

/// The score is recomputed for the built-in instruments; that of a
/// custom instrument is checked by [`check_custom_scores`] once the
/// instruments in the same file are read.
fn check_measure(record: &Measure) -> Result<(), RecordProblem> {
    require(
        record.timing() == Timing::Standalone || record.session().is_some(),
        "session",
    )?;
    let reference = record.instrument();
    match catalogue::builtin_kept(reference.id) {
        Some(instrument) => score_is_recomputed(record, instrument),
        None => Ok(()),
    }
}

immutable_record!(Measure, recorded, check_measure, client: Measure::client);

/// The plan form's rules that need no instrument definitions; goals'
/// scores are checked against their instruments where plans are shown.
fn check_plan_version(record: &PlanVersion) -> Result<(), RecordProblem> {
    let plan = record.plan();
    require(record.previous() != Some(record.id()), "previous version")?;
    require((1..=MAX_GOALS).contains(&plan.goals().len()), "goals")?;
    require(
        plan.goals()
            .iter()
            .all(|goal| tidy(goal.description(), MAX_NAME_CHARS, false)),
        "goal description",
    )?;
    let frequency = plan.frequency();
    require(
        Frequency::new(frequency.sessions(), frequency.weeks()).is_ok(),
        "frequency",
    )?;
    require(
        (1..=MAX_PLANNED_SESSIONS).contains(&plan.planned_sessions()),
        "planned sessions",
    )?;
    require(plan.review_date() >= plan.written(), "review date")?;
    require(tidy(plan.note(), MAX_NOTES_CHARS, false), "note")
}

immutable_record!(PlanVersion, stamp, check_plan_version, client: PlanVersion::client);

/// Whether `measure`'s answers and score are what `instrument` gives them,
/// when `instrument` is the version the measure was taken with (another
/// version cannot judge it).
fn score_is_recomputed(measure: &Measure, instrument: &Instrument) -> Result<(), RecordProblem> {
    if instrument.reference() != measure.instrument() {
        return Ok(());
    }
    require(
        instrument.score(measure.answers().clone()).ok()
            == Some((measure.answers().clone(), measure.score().clone())),
        "score",
    )
}

/// Checks each measure of a custom instrument against the instrument's
/// definition, where `dataset` holds the version it was taken with.
pub(crate) fn check_custom_scores(dataset: &Dataset) -> Result<(), (RecordId, RecordProblem)> {
    dataset.records::<Measure>().try_for_each(|measure| {
        let InstrumentId::Custom(id) = measure.instrument().id else {
            return Ok(());
        };
        match dataset.get::<OwnInstrument>(id) {
            Some(definition) => score_is_recomputed(measure, definition.value())
                .map_err(|problem| (measure.id(), problem)),
            None => Ok(()),
        }
    })
}

/// The sync side shared by the therapist's own definitions: one register
/// and a tombstone, with every stamp kept in `seen`, which must account
/// for every change; `$as_entered` is what the definition's form would
/// store.
macro_rules! definition_record {
    ($record:ty, $as_entered:expr) => {
        merged_record!(
            $record,
            stamps: |record| record.stamps().to_vec(),
            seen: |record| Definition::seen(record).clone(),
            check: |record| {
                if !record.seen_is_complete() {
                    return Err(RecordProblem::UnseenChanges);
                }
                let as_entered: fn(&$record) -> bool = $as_entered;
                require(as_entered(record), "definition")
            },
        );
    };
}

definition_record!(OwnRule, |rule| rule.value().is_as_entered(rule.id()));

definition_record!(LibraryItem, library_item_is_as_entered);

definition_record!(OwnInstrument, |instrument| is_as_built(
    instrument.value(),
    instrument.id()
));

/// The plan form's rules; goal positions are checked against the
/// treatment plan where the plan is shown.
fn check_care_plan(record: &CarePlanVersion) -> Result<(), RecordProblem> {
    require(record.is_as_entered(), "record-care plan")
}

immutable_record!(CarePlanVersion, stamp, check_care_plan, client: CarePlanVersion::client);

merged_record!(
    Diary,
    stamps: |diary| diary.stamps().collect(),
    seen: |diary| Diary::seen(diary).clone(),
    // The day form's rules; the days are checked against the plan they
    // log when the diary is imported from the client.
    check: |diary| require(diary.is_as_entered(), "diary"),
);

merged_record!(
    DeviceName,
    stamps: |name| vec![name.stamp()],
    // Settings' rules, and the name filed under its own device's id.
    check: |name| require(name.is_as_entered(), "device name"),
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinical::intake::tests::{intake_from, signed_input, stamp};
    use crate::clinical::session_form::tests::{client, today};
    use crate::clinical::session_form::SessionInput;

    #[test]
    fn records_the_app_makes_pass_their_checks() {
        let bare = SessionInput {
            client: Some(client()),
            ..SessionInput::default()
        };
        let draft = SessionDraft::start(
            RecordId::from_bytes([5; 16]),
            bare.validate(today()).unwrap(),
            stamp(1),
        );
        assert_eq!(SyncRecord::check(&draft), Ok(()), "an incomplete draft");
        let signed = crate::clinical::session::tests::signed_session();
        assert_eq!(SyncRecord::check(&signed), Ok(()));
        let mut guardian = signed_input("2026-11-20");
        guardian.consent.by_guardian = true;
        guardian.consent.guardian_relationship = "Mother".into();
        assert_eq!(SyncRecord::check(&intake_from(&guardian)), Ok(()));
    }

    /// An immutable record has seen exactly its one stamp, which is why
    /// its `seen_ahead` need not build either to compare them.
    #[test]
    fn an_immutable_record_has_seen_its_stamp_and_no_more() {
        let intake = intake_from(&signed_input("2026-11-20"));
        let stamps = SyncRecord::all_stamps(&intake);
        assert_eq!(stamps.len(), 1);
        assert_eq!(SyncRecord::seen(&intake), stamps.into_iter().collect());
        assert!(!SyncRecord::seen_ahead(&intake));
    }

    #[test]
    fn two_signings_of_one_draft_keep_one_copy_and_both_devices_stamps() {
        let draft = SessionDraft::start(
            RecordId::from_bytes([5; 16]),
            crate::clinical::session_form::tests::complete_note(),
            stamp(1),
        );
        let on = |device: u8| {
            Hlc::from_parts(
                9_000,
                0,
                crate::base::ids::DeviceId::from_bytes([device; 16]),
            )
        };
        let here = draft.sign(&[], "Sam", on(7)).unwrap();
        let there = draft.sign(&[], "Sam", on(8)).unwrap();
        let merged = SyncRecord::join(here.clone(), there.clone());
        assert_eq!(merged, SyncRecord::join(there.clone(), here.clone()));
        assert_eq!(merged.signed(), on(8));
        assert!(
            SyncRecord::seen(&merged).covers(on(7)),
            "the other device's signing stays seen"
        );
        assert_eq!(SyncRecord::join(merged.clone(), here), merged);
        assert_eq!(SyncRecord::join(there.clone(), there.clone()), there);
        assert_eq!(SyncRecord::check(&merged), Ok(()));
    }

    #[test]
    fn a_signed_session_must_be_signed_after_it_was_started() {
        let draft = SessionDraft::start(
            RecordId::from_bytes([5; 16]),
            crate::clinical::session_form::tests::complete_note(),
            stamp(3),
        );
        let signed = draft.sign(&[], "Sam", stamp(2)).unwrap();
        assert_eq!(
            SyncRecord::check(&signed),
            Err(RecordProblem::NotAsEntered {
                part: "signing time"
            })
        );
    }

    #[test]
    fn text_must_be_stored_trimmed() {
        assert!(tidy("Sam", MAX_NAME_CHARS, true));
        assert!(!tidy(" Sam", MAX_NAME_CHARS, true));
        assert!(!tidy("", MAX_NAME_CHARS, true));
        assert!(tidy("", MAX_NOTES_CHARS, false));
    }
}
