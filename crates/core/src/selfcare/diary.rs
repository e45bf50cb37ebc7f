//! The client's diary of a self-care plan: for each day, which items they
//! did and how their symptoms were (0–10), kept on the client's phone and
//! brought to the therapist by file.
//!
//! A diary belongs to one plan version, so an item is named by its position
//! in that version and always means what the client saw. Each day is a
//! last-writer-wins register: the client may correct yesterday, and the
//! newest correction wins wherever the files meet. Merging two copies is a
//! join (per-day newest wins), so importing a diary twice, or an older one
//! after a newer one, changes nothing.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::care_plan::CarePlanVersion;
use crate::base::date::CalendarDate;
use crate::base::hlc::Hlc;
use crate::base::ids::RecordId;
use crate::base::scale::ZeroToTen;
use crate::base::text_limit::{is_plain_text, trimmed, TooLong};
use crate::merge::lww::Lww;
use crate::merge::version_vector::VersionVector;

/// Longest note for one day, in characters.
pub const MAX_DAY_NOTE_CHARS: usize = 300;

/// Most days one diary holds: two years of daily entries. Keeps a diary
/// file small whatever is in it.
pub const MAX_DIARY_DAYS: usize = 731;

/// What the client logged for one day.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayEntry {
    done: BTreeSet<u8>,
    symptoms: Option<ZeroToTen>,
    note: String,
}

impl DayEntry {
    /// Positions (in the plan) of the items done that day.
    pub fn done(&self) -> &BTreeSet<u8> {
        &self.done
    }

    /// How the symptoms were that day, 0 (none) to 10 (worst), if rated.
    pub fn symptoms(&self) -> Option<ZeroToTen> {
        self.symptoms
    }

    /// The client's note for the day, or empty.
    pub fn note(&self) -> &str {
        &self.note
    }
}

/// The day form as filled in.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct DayInput {
    /// The day.
    pub date: String,
    /// Positions of the items ticked.
    pub done: BTreeSet<u8>,
    /// The symptom rating, if given.
    pub symptoms: Option<u8>,
    /// A note, or empty.
    pub note: String,
}

/// Why a day cannot be logged, in the client's words.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum DiaryError {
    /// The date cannot be read.
    #[error("Choose the day from the calendar.")]
    BadDate,
    /// The day is before the plan started.
    #[error("This plan starts on {starts}; pick a day from then on.")]
    BeforePlan {
        /// The plan's first day.
        starts: CalendarDate,
    },
    /// The day is in the future.
    #[error("You can only log today or earlier days.")]
    FutureDay,
    /// An item that is not in the plan.
    #[error("One of the ticked items is not in this plan.")]
    UnknownItem,
    /// Rating off the scale.
    #[error("Rate your symptoms from 0 (none) to 10 (worst).")]
    Symptoms,
    /// The note is too long.
    #[error(transparent)]
    NoteTooLong(#[from] TooLong),
    /// Too many days.
    #[error("This diary is full ({max} days). Ask your therapist for a new plan.")]
    Full {
        /// The limit.
        max: usize,
    },
}

/// A client's diary of one plan version.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diary {
    id: RecordId,
    client: RecordId,
    plan: RecordId,
    days: BTreeMap<CalendarDate, Lww<DayEntry>>,
    seen: VersionVector,
}

impl Diary {
    /// An empty diary, made as `id`, for `plan`.
    pub fn start(id: RecordId, plan: &CarePlanVersion) -> Self {
        Self {
            id,
            client: plan.client(),
            plan: plan.id(),
            days: BTreeMap::new(),
            seen: VersionVector::new(),
        }
    }

    /// The diary's id.
    pub fn id(&self) -> RecordId {
        self.id
    }

    /// The client whose diary it is.
    pub fn client(&self) -> RecordId {
        self.client
    }

    /// The plan version it logs.
    pub fn plan(&self) -> RecordId {
        self.plan
    }

    /// Every logged day, oldest first.
    pub fn days(&self) -> impl Iterator<Item = (CalendarDate, &DayEntry)> {
        self.days.iter().map(|(date, entry)| (*date, entry.value()))
    }

    /// What was logged on `date`, if anything.
    pub fn day(&self, date: CalendarDate) -> Option<&DayEntry> {
        self.days.get(&date).map(Lww::value)
    }

    /// Every stamp the diary holds.
    pub fn stamps(&self) -> impl Iterator<Item = Hlc> + '_ {
        self.days.values().map(Lww::stamp)
    }

    /// Which changes this copy reflects: every stamp it has held, so what a
    /// device has seen never shrinks when a correction replaces a day.
    pub fn seen(&self) -> &VersionVector {
        &self.seen
    }

    /// Logs (or corrects) a day from the form, checked against `plan` (the
    /// version this diary logs) and `today`; returns the day logged.
    pub fn log(
        &mut self,
        input: &DayInput,
        plan: &CarePlanVersion,
        today: CalendarDate,
        stamp: Hlc,
    ) -> Result<CalendarDate, DiaryError> {
        let date: CalendarDate = input.date.trim().parse().map_err(|_| DiaryError::BadDate)?;
        if date < plan.written() {
            return Err(DiaryError::BeforePlan {
                starts: plan.written(),
            });
        }
        if date > today {
            return Err(DiaryError::FutureDay);
        }
        if input
            .done
            .iter()
            .any(|position| usize::from(*position) >= plan.items().len())
        {
            return Err(DiaryError::UnknownItem);
        }
        let symptoms = input
            .symptoms
            .map(ZeroToTen::new)
            .transpose()
            .map_err(|_| DiaryError::Symptoms)?;
        let note = trimmed(&input.note, MAX_DAY_NOTE_CHARS)?;
        if !self.days.contains_key(&date) && self.days.len() >= MAX_DIARY_DAYS {
            return Err(DiaryError::Full {
                max: MAX_DIARY_DAYS,
            });
        }
        let entry = DayEntry {
            done: input.done.clone(),
            symptoms,
            note,
        };
        let changed = match self.days.get_mut(&date) {
            Some(register) => register.write(entry, stamp),
            None => {
                self.days.insert(date, Lww::new(entry, stamp));
                true
            }
        };
        if changed {
            self.seen.observe(stamp);
        }
        Ok(date)
    }

    /// Whether `seen` is exactly the newest day stamp of each device: true
    /// of every diary as the client's phone sends it, since only the phone
    /// writes its diary and each day keeps its newest write. A diary file
    /// claiming more would make this device believe that other devices
    /// hold changes they do not, and leave those out of later files.
    pub fn seen_only_its_days(&self) -> bool {
        self.seen == self.stamps().collect()
    }

    /// Combines two copies of the same diary: every day from either, the
    /// newest version of each.
    pub fn merge(mut self, other: Self) -> Self {
        let (id, client, plan) =
            (self.id, self.client, self.plan).max((other.id, other.client, other.plan));
        for (date, entry) in other.days {
            let merged = match self.days.remove(&date) {
                Some(mine) => mine.merge(entry),
                None => entry,
            };
            self.days.insert(date, merged);
        }
        self.id = id;
        self.client = client;
        self.plan = plan;
        self.seen.join(&other.seen);
        self
    }

    /// Whether the diary fits `plan` (the version it names) and holds only
    /// what the day form would store: the check for diaries read from files.
    pub fn fits(&self, plan: &CarePlanVersion) -> bool {
        self.plan == plan.id()
            && self.client == plan.client()
            && self.is_as_entered()
            && self.days.iter().all(|(date, entry)| {
                *date >= plan.written()
                    && entry
                        .value()
                        .done
                        .iter()
                        .all(|position| usize::from(*position) < plan.items().len())
            })
    }

    /// The checks that need no plan: size, tidy notes of plain text, and
    /// every stamp counted as seen.
    pub fn is_as_entered(&self) -> bool {
        self.days.len() <= MAX_DIARY_DAYS
            && self.stamps().all(|stamp| self.seen.covers(stamp))
            && self.days.values().all(|entry| {
                let note = &entry.value().note;
                trimmed(note, MAX_DAY_NOTE_CHARS).as_deref() == Ok(note.as_str())
                    && is_plain_text(note)
            })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::base::ids::DeviceId;
    use crate::selfcare::care_plan::tests::{id, plan_of};
    use proptest::prelude::*;

    pub(crate) fn date(text: &str) -> CalendarDate {
        text.parse().unwrap()
    }

    fn stamp(millis: u64, device: u8) -> Hlc {
        Hlc::from_parts(millis, 0, DeviceId::from_bytes([device; 16]))
    }

    pub(crate) fn day(on: &str, done: &[u8], symptoms: Option<u8>) -> DayInput {
        DayInput {
            date: on.to_owned(),
            done: done.iter().copied().collect(),
            symptoms,
            note: String::new(),
        }
    }

    #[test]
    fn a_day_is_logged_and_can_be_corrected() {
        let plan = plan_of(&["Walk", "Breathe"], 2);
        let mut diary = Diary::start(id(7), &plan);
        let today = date("2026-11-25");
        diary
            .log(&day("2026-11-21", &[0], Some(6)), &plan, today, stamp(1, 1))
            .unwrap();
        diary
            .log(
                &day("2026-11-21", &[0, 1], Some(4)),
                &plan,
                today,
                stamp(2, 1),
            )
            .unwrap();
        let entry = diary.day(date("2026-11-21")).unwrap();
        assert_eq!(entry.done().len(), 2);
        assert_eq!(entry.symptoms().map(ZeroToTen::value), Some(4));
        assert!(diary.fits(&plan));
    }

    #[test]
    fn impossible_days_are_refused_and_change_nothing() {
        let plan = plan_of(&["Walk"], 2);
        let mut diary = Diary::start(id(7), &plan);
        let today = date("2026-11-25");
        let cases = [
            (day("yesterday", &[], None), DiaryError::BadDate),
            (
                day("2026-11-19", &[], None),
                DiaryError::BeforePlan {
                    starts: plan.written(),
                },
            ),
            (day("2026-11-26", &[], None), DiaryError::FutureDay),
            (day("2026-11-22", &[1], None), DiaryError::UnknownItem),
            (day("2026-11-22", &[0], Some(11)), DiaryError::Symptoms),
        ];
        for (input, error) in cases {
            assert_eq!(diary.log(&input, &plan, today, stamp(1, 1)), Err(error));
        }
        assert_eq!(diary.days().count(), 0);
    }

    #[test]
    fn a_diary_for_another_plan_does_not_fit() {
        let plan = plan_of(&["Walk"], 2);
        let other = plan_of(&["Walk"], 3);
        assert!(!Diary::start(id(7), &other).fits(&plan));
    }

    fn diary_strategy() -> impl Strategy<Value = Diary> {
        let plan = plan_of(&["Walk", "Breathe", "Stretch"], 2);
        proptest::collection::vec((20u8..28, 0u8..8, 0u64..6, 1u8..3), 0..10).prop_map(
            move |edits| {
                let mut diary = Diary::start(id(7), &plan);
                for (day_of_month, ticks, millis, device) in edits {
                    let done: Vec<u8> = (0..3).filter(|bit| ticks & (1 << bit) != 0).collect();
                    let input = day(&format!("2026-11-{day_of_month}"), &done, Some(ticks));
                    diary
                        .log(&input, &plan, date("2026-11-30"), stamp(millis, device))
                        .unwrap();
                }
                diary
            },
        )
    }

    proptest! {
        #[test]
        fn merging_diaries_is_a_join(a in diary_strategy(), b in diary_strategy(), c in diary_strategy()) {
            prop_assert_eq!(a.clone().merge(b.clone()), b.clone().merge(a.clone()));
            prop_assert_eq!(a.clone().merge(a.clone()), a.clone());
            prop_assert_eq!(
                a.clone().merge(b.clone()).merge(c.clone()),
                a.merge(b.merge(c))
            );
        }
    }
}
