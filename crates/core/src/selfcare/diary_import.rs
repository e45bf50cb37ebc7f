//! The therapist's side of a diary file: checking it belongs where it is
//! being imported, merging it with the copy already held, and saying what
//! came in.
//!
//! Every check runs before anything is written, so a refused diary changes
//! nothing; and because merging is a join ([`Diary::merge`]), importing the
//! same file twice, or an older file after a newer one, changes nothing.

use super::care_plan::CarePlanVersion;
use super::diary::Diary;
use crate::base::ids::RecordId;

/// Why a diary was not imported, in the therapist's words. Nothing changes
/// when any is returned.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum DiaryImportError {
    /// Its client is not on this device (or was deleted).
    #[error("This is a diary for a client who does not exist on this device, so it was not imported. Nothing was changed.")]
    UnknownClient,
    /// Its client is another one than the page's.
    #[error("This diary belongs to another client. Import it on that client's page. Nothing was changed.")]
    OtherClient {
        /// The diary's client.
        client: RecordId,
    },
    /// The plan it logs is not one of the client's plans here.
    #[error("This diary logs a self-care plan that this client does not have on this device. Sync with the device the plan was written on, then import the diary again. Nothing was changed.")]
    UnknownPlan,
    /// It does not fit its plan (an item or day the plan does not have).
    #[error("This diary does not match its self-care plan: it was damaged or edited by hand, so it was not imported. Nothing was changed.")]
    DoesNotFit,
}

/// A diary checked and merged in memory, ready to be written.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DiaryImport {
    /// The diary as it will be stored.
    pub diary: Diary,
    /// Days that were not held before.
    pub new_days: usize,
    /// Days held before that the file changes.
    pub corrected_days: usize,
    /// Whether anything is to be written at all.
    pub changed: bool,
}

impl DiaryImport {
    /// What came in, in one sentence.
    pub fn summary(&self) -> String {
        let days = |count: usize| if count == 1 { "day" } else { "days" };
        match (self.new_days, self.corrected_days, self.changed) {
            (_, _, false) => {
                "Nothing new: this diary was imported before. Nothing was changed.".to_owned()
            }
            (0, 0, true) => "The diary is up to date.".to_owned(),
            (new, 0, true) => format!("{new} new {}.", days(new)),
            (0, corrected, true) => format!("{corrected} {} corrected.", days(corrected)),
            (new, corrected, true) => format!("{new} new {}, {corrected} corrected.", days(new)),
        }
    }
}

/// Checks `diary` (from a file) for import on `client`'s page, with the
/// client's self-care `plans` on this device, whether a client id exists
/// here (`exists`), and the copy of the same diary already held, if any;
/// returns the merged diary and what it adds.
pub fn prepare_diary_import(
    diary: Diary,
    client: RecordId,
    exists: impl Fn(RecordId) -> bool,
    plans: &[CarePlanVersion],
    held: Option<Diary>,
) -> Result<DiaryImport, DiaryImportError> {
    if diary.client() != client {
        return Err(if exists(diary.client()) {
            DiaryImportError::OtherClient {
                client: diary.client(),
            }
        } else {
            DiaryImportError::UnknownClient
        });
    }
    let plan = plans
        .iter()
        .find(|plan| plan.id() == diary.plan() && plan.client() == client)
        .ok_or(DiaryImportError::UnknownPlan)?;
    if !diary.fits(plan) {
        return Err(DiaryImportError::DoesNotFit);
    }
    let Some(held) = held else {
        let new_days = diary.days().count();
        return Ok(DiaryImport {
            diary,
            new_days,
            corrected_days: 0,
            changed: true,
        });
    };
    if (held.id(), held.client(), held.plan()) != (diary.id(), diary.client(), diary.plan()) {
        return Err(DiaryImportError::DoesNotFit);
    }
    let merged = held.clone().merge(diary);
    let (mut new_days, mut corrected_days) = (0, 0);
    for (date, entry) in merged.days() {
        match held.day(date) {
            None => new_days += 1,
            Some(before) if before != entry => corrected_days += 1,
            Some(_) => {}
        }
    }
    let changed = merged != held;
    Ok(DiaryImport {
        diary: merged,
        new_days,
        corrected_days,
        changed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::hlc::Hlc;
    use crate::base::ids::DeviceId;
    use crate::selfcare::care_plan::tests::{id, plan_of};
    use crate::selfcare::diary::tests::{date, day};

    fn stamp(millis: u64) -> Hlc {
        Hlc::from_parts(millis, 0, DeviceId::from_bytes([5; 16]))
    }

    fn logged(days: &[(&str, &[u8], u64)]) -> Diary {
        let plan = plan_of(&["Walk", "Breathe"], 2);
        let mut diary = Diary::start(id(40), &plan);
        for (on, done, millis) in days {
            diary
                .log(
                    &day(on, done, Some(3)),
                    &plan,
                    date("2026-11-30"),
                    stamp(*millis),
                )
                .unwrap();
        }
        diary
    }

    fn import(diary: Diary, held: Option<Diary>) -> Result<DiaryImport, DiaryImportError> {
        let plans = [plan_of(&["Walk", "Breathe"], 2)];
        prepare_diary_import(diary, id(1), |client| client == id(1), &plans, held)
    }

    #[test]
    fn a_first_import_brings_every_day() {
        let diary = logged(&[("2026-11-21", &[0], 1), ("2026-11-22", &[0, 1], 2)]);
        let import = import(diary.clone(), None).unwrap();
        assert_eq!((import.new_days, import.corrected_days), (2, 0));
        assert_eq!(import.diary, diary);
        assert_eq!(import.summary(), "2 new days.");
    }

    #[test]
    fn a_later_file_brings_new_and_corrected_days_and_the_same_file_nothing() {
        let held = logged(&[("2026-11-21", &[0], 1), ("2026-11-22", &[0], 2)]);
        let later = logged(&[
            ("2026-11-21", &[0], 1),
            ("2026-11-22", &[0], 2),
            ("2026-11-22", &[0, 1], 5),
            ("2026-11-23", &[1], 6),
            ("2026-11-24", &[], 7),
            ("2026-11-25", &[0], 8),
        ]);
        let import = import(later.clone(), Some(held)).unwrap();
        assert_eq!((import.new_days, import.corrected_days), (3, 1));
        assert_eq!(import.summary(), "3 new days, 1 corrected.");
        let again = super::tests::import(later, Some(import.diary.clone())).unwrap();
        assert!(!again.changed);
        assert_eq!(again.diary, import.diary);
        assert_eq!(
            again.summary(),
            "Nothing new: this diary was imported before. Nothing was changed."
        );
    }

    #[test]
    fn an_older_file_after_a_newer_one_changes_nothing() {
        let older = logged(&[("2026-11-21", &[0], 1)]);
        let newer = logged(&[("2026-11-21", &[0], 1), ("2026-11-21", &[1], 4)]);
        let import = import(older, Some(newer.clone())).unwrap();
        assert!(!import.changed);
        assert_eq!(import.diary, newer);
    }

    #[test]
    fn a_diary_of_an_unknown_or_other_client_or_plan_is_refused() {
        let plans = [plan_of(&["Walk", "Breathe"], 2)];
        let diary = logged(&[("2026-11-21", &[0], 1)]);
        let nobody = prepare_diary_import(diary.clone(), id(9), |_| false, &plans, None);
        assert_eq!(nobody, Err(DiaryImportError::UnknownClient));
        let other = prepare_diary_import(diary.clone(), id(9), |_| true, &plans, None);
        assert_eq!(other, Err(DiaryImportError::OtherClient { client: id(1) }));
        let no_plan = prepare_diary_import(diary, id(1), |_| true, &[], None);
        assert_eq!(no_plan, Err(DiaryImportError::UnknownPlan));
    }

    #[test]
    fn a_diary_that_does_not_fit_its_plan_is_refused() {
        let wide = plan_of(&["Walk", "Breathe", "Stretch"], 2);
        let mut diary = Diary::start(id(40), &wide);
        diary
            .log(
                &day("2026-11-21", &[2], None),
                &wide,
                date("2026-11-30"),
                stamp(1),
            )
            .unwrap();
        assert_eq!(import(diary, None), Err(DiaryImportError::DoesNotFit));
        let held_elsewhere = Diary::start(id(41), &plan_of(&["Walk", "Breathe"], 2));
        let diary = logged(&[("2026-11-21", &[0], 1)]);
        assert_eq!(
            import(diary, Some(held_elsewhere)),
            Err(DiaryImportError::DoesNotFit)
        );
    }
}
