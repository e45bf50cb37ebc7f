//! The client's own phone in client mode: the one plan file it shows, the
//! diary of that plan, and the diaries of plans it replaced (kept so the
//! client can still send them).
//!
//! A phone holds one person's plans. Opening a newer plan file replaces the
//! plan shown and starts a fresh diary, because a diary names items by
//! their position in its own plan; opening the same plan again, an older
//! one, or another person's is refused and changes nothing.

use super::care_file::PlanFile;
use super::diary::{DayInput, Diary, DiaryError};
use crate::base::date::CalendarDate;
use crate::base::hlc::Hlc;
use crate::base::ids::RecordId;

/// How many days back (today included) the client can still log or
/// correct: two weeks is enough to catch up after a busy spell, and keeps
/// the list short on a phone.
pub const CORRECTABLE_DAYS: u8 = 14;

/// Why a plan file was not taken, in the client's words. Nothing changes
/// when any is returned.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum OpenPlanError {
    /// The plan already shown.
    #[error("This is the plan you already have, so nothing changed.")]
    SamePlan,
    /// An older plan than the one shown.
    #[error("This plan (written {written}) is older than the one you have, so it was not opened. Nothing changed.")]
    OlderPlan {
        /// The day the opened plan was written.
        written: CalendarDate,
    },
    /// Another person's plan.
    #[error("This plan is for {name}, not for the person whose plan is on this phone, so it was not opened. Nothing changed.")]
    OtherClient {
        /// The name the other plan greets.
        name: String,
    },
}

/// What a phone in client mode holds.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ClientPhone {
    plan: PlanFile,
    diary: Diary,
    earlier: Vec<Diary>,
}

impl ClientPhone {
    /// The phone as stored: its plan file and every diary kept. If the
    /// plan's diary is missing (it is written with the plan, so only a
    /// damaged store lacks it), an empty one is started as `spare_id` and
    /// written with the first day logged.
    pub fn new(plan: PlanFile, diaries: Vec<Diary>, spare_id: RecordId) -> Self {
        let (mut current, earlier): (Vec<Diary>, Vec<Diary>) = diaries
            .into_iter()
            .partition(|diary| diary.plan() == plan.plan.id());
        let diary = current
            .pop()
            .unwrap_or_else(|| Diary::start(spare_id, &plan.plan));
        Self {
            plan,
            diary,
            earlier,
        }
    }

    /// The phone after opening `file` on it (`current` is what it held, if
    /// anything): the new plan with an empty diary made as `diary_id`; the
    /// diary of the plan it replaces moves to the earlier diaries.
    pub fn open(
        current: Option<&Self>,
        file: PlanFile,
        diary_id: RecordId,
    ) -> Result<Self, OpenPlanError> {
        let diary = Diary::start(diary_id, &file.plan);
        let Some(current) = current else {
            return Ok(Self {
                plan: file,
                diary,
                earlier: Vec::new(),
            });
        };
        let (shown, opened) = (&current.plan.plan, &file.plan);
        if opened.client() != shown.client() {
            return Err(OpenPlanError::OtherClient {
                name: file.client_name.trim().to_owned(),
            });
        }
        if opened.id() == shown.id() {
            return Err(OpenPlanError::SamePlan);
        }
        if opened.stamp() < shown.stamp() {
            return Err(OpenPlanError::OlderPlan {
                written: opened.written(),
            });
        }
        let mut earlier = current.earlier.clone();
        earlier.push(current.diary.clone());
        Ok(Self {
            plan: file,
            diary,
            earlier,
        })
    }

    /// The plan file shown.
    pub fn plan(&self) -> &PlanFile {
        &self.plan
    }

    /// The diary of the plan shown.
    pub fn diary(&self) -> &Diary {
        &self.diary
    }

    /// Diaries of plans this one replaced that hold at least one day: the
    /// client may still send them.
    pub fn earlier_diaries(&self) -> impl Iterator<Item = &Diary> {
        self.earlier
            .iter()
            .filter(|diary| diary.days().next().is_some())
    }

    /// Every diary the phone keeps, for leaving client mode.
    pub fn diary_ids(&self) -> Vec<RecordId> {
        std::iter::once(&self.diary)
            .chain(&self.earlier)
            .map(Diary::id)
            .collect()
    }

    /// The days the client can log or correct, newest first: the last
    /// [`CORRECTABLE_DAYS`] up to `today`, none before the plan was written.
    pub fn days_to_log(&self, today: CalendarDate) -> Vec<CalendarDate> {
        let starts = self.plan.plan.written();
        (0..i64::from(CORRECTABLE_DAYS))
            .filter_map(|back| today.plus_days(-back))
            .filter(|day| *day >= starts)
            .collect()
    }

    /// The day form for `date`, filled with what was logged, if anything.
    pub fn day_input(&self, date: CalendarDate) -> DayInput {
        let entry = self.diary.day(date);
        DayInput {
            date: date.to_string(),
            done: entry.map(|entry| entry.done().clone()).unwrap_or_default(),
            symptoms: entry.and_then(|entry| entry.symptoms().map(|rating| rating.value())),
            note: entry
                .map(|entry| entry.note().to_owned())
                .unwrap_or_default(),
        }
    }

    /// Logs (or corrects) a day of the plan shown; see [`Diary::log`].
    pub fn log(
        &mut self,
        input: &DayInput,
        today: CalendarDate,
        stamp: Hlc,
    ) -> Result<CalendarDate, DiaryError> {
        self.diary.log(input, &self.plan.plan, today, stamp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::ids::DeviceId;
    use crate::selfcare::care_plan::tests::{id, made, plan_of};
    use crate::selfcare::care_plan::CarePlanInput;
    use crate::selfcare::diary::tests::{date, day};

    fn file(version: u8) -> PlanFile {
        PlanFile::new(
            plan_of(&["Walk", "Breathe"], version),
            "Anna".to_owned(),
            String::new(),
            Vec::new(),
        )
    }

    fn stamp(millis: u64) -> Hlc {
        Hlc::from_parts(millis, 0, DeviceId::from_bytes([4; 16]))
    }

    #[test]
    fn a_first_plan_starts_an_empty_diary_for_it() {
        let phone = ClientPhone::open(None, file(2), id(30)).unwrap();
        assert_eq!(phone.diary().id(), id(30));
        assert_eq!(phone.diary().plan(), id(2));
        assert_eq!(phone.diary().days().count(), 0);
        assert_eq!(phone.diary_ids(), [id(30)]);
    }

    #[test]
    fn a_newer_plan_replaces_the_shown_one_and_keeps_its_diary_to_send() {
        let mut phone = ClientPhone::open(None, file(2), id(30)).unwrap();
        phone
            .log(
                &day("2026-11-21", &[0], Some(4)),
                date("2026-11-25"),
                stamp(1),
            )
            .unwrap();
        let newer = ClientPhone::open(Some(&phone), file(3), id(31)).unwrap();
        assert_eq!(newer.plan().plan.id(), id(3));
        assert_eq!(newer.diary().id(), id(31));
        let earlier: Vec<RecordId> = newer.earlier_diaries().map(Diary::id).collect();
        assert_eq!(earlier, [id(30)]);
        assert_eq!(newer.diary_ids(), [id(31), id(30)]);
    }

    #[test]
    fn the_same_an_older_or_another_persons_plan_is_refused() {
        let phone = ClientPhone::open(None, file(3), id(30)).unwrap();
        assert_eq!(
            ClientPhone::open(Some(&phone), file(3), id(31)),
            Err(OpenPlanError::SamePlan)
        );
        assert_eq!(
            ClientPhone::open(Some(&phone), file(2), id(31)),
            Err(OpenPlanError::OlderPlan {
                written: date("2026-11-20")
            })
        );
        let mut made_for_bram = made(4, None, 9);
        made_for_bram.client = id(2);
        let bram = CarePlanInput::from_plan(&file(4).plan)
            .validate(made_for_bram, None)
            .unwrap();
        let other = PlanFile::new(bram, " Bram ".to_owned(), String::new(), Vec::new());
        assert_eq!(
            ClientPhone::open(Some(&phone), other, id(31)),
            Err(OpenPlanError::OtherClient {
                name: "Bram".to_owned()
            })
        );
    }

    #[test]
    fn the_last_two_weeks_can_be_logged_but_not_before_the_plan() {
        let phone = ClientPhone::open(None, file(2), id(30)).unwrap();
        let days = phone.days_to_log(date("2026-12-10"));
        assert_eq!(days.len(), usize::from(CORRECTABLE_DAYS));
        assert_eq!(days.first(), Some(&date("2026-12-10")));
        assert_eq!(days.last(), Some(&date("2026-11-27")));
        let early = phone.days_to_log(date("2026-11-22"));
        assert_eq!(
            early,
            [date("2026-11-22"), date("2026-11-21"), date("2026-11-20")]
        );
        assert!(phone.days_to_log(date("2026-11-19")).is_empty());
    }

    #[test]
    fn a_logged_day_fills_its_form_again_for_correcting() {
        let mut phone = ClientPhone::open(None, file(2), id(30)).unwrap();
        let mut input = day("2026-11-21", &[1], Some(6));
        input.note = "Stiff in the morning".to_owned();
        phone.log(&input, date("2026-11-25"), stamp(1)).unwrap();
        assert_eq!(phone.day_input(date("2026-11-21")), input);
        assert_eq!(
            phone.day_input(date("2026-11-22")),
            day("2026-11-22", &[], None)
        );
    }

    #[test]
    fn a_stored_phone_finds_the_diary_of_its_plan() {
        let plan = file(3);
        let old = Diary::start(id(30), &file(2).plan);
        let current = Diary::start(id(31), &plan.plan);
        let phone = ClientPhone::new(plan.clone(), vec![current.clone(), old], id(99));
        assert_eq!(phone.diary(), &current);
        let bare = ClientPhone::new(plan, Vec::new(), id(99));
        assert_eq!(bare.diary().id(), id(99));
    }
}
