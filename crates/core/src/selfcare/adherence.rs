//! How much of a self-care plan the client did, week by week, and how
//! their symptoms went, from their diaries.
//!
//! A week is counted from the day the plan was written (days 0–6, 7–13, …),
//! not by calendar week, so the first week is always a full one. An item
//! planned on `n` days a week is due `n` times in a full week; in the week
//! still running, it is due in proportion to the days gone by, rounded up,
//! so a client is never behind on the first morning. A day done beyond
//! what was due does not make up for another item.

use std::collections::BTreeMap;

use super::care_plan::CarePlanVersion;
use super::diary::{DayEntry, Diary};
use crate::base::date::CalendarDate;
use crate::base::scale::ZeroToTen;

/// One week of a plan.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct WeekAdherence {
    /// The week's first day.
    pub starts: CalendarDate,
    /// How many of its days have passed (7 for a finished week).
    pub days: u8,
    /// Item-days done, each item counted up to what was due.
    pub done: u32,
    /// Item-days due.
    pub due: u32,
    /// The mean of the symptom ratings given that week, if any.
    pub symptoms: Option<f64>,
}

impl WeekAdherence {
    /// The share of due item-days done, 0 to 1 (`None` when nothing was
    /// due).
    pub fn share(&self) -> Option<f64> {
        (self.due > 0).then(|| f64::from(self.done) / f64::from(self.due))
    }

    /// The share as a whole percentage, for display.
    pub fn percent(&self) -> Option<u8> {
        self.share().map(|share| (share * 100.0).round() as u8)
    }
}

/// Every day logged for `plan` across `diaries` (a client may keep the
/// diary on two phones): the items ticked on either, the newest rating.
fn days_of<'a>(
    plan: &CarePlanVersion,
    diaries: &[&'a Diary],
) -> BTreeMap<CalendarDate, Vec<&'a DayEntry>> {
    let mut days: BTreeMap<CalendarDate, Vec<&DayEntry>> = BTreeMap::new();
    for diary in diaries.iter().filter(|diary| diary.plan() == plan.id()) {
        for (date, entry) in diary.days() {
            days.entry(date).or_default().push(entry);
        }
    }
    days
}

/// Adherence per week for `plan` from its written day up to `today`,
/// oldest first. Empty if the plan starts after `today`.
pub fn weekly_adherence(
    plan: &CarePlanVersion,
    diaries: &[&Diary],
    today: CalendarDate,
) -> Vec<WeekAdherence> {
    let days = days_of(plan, diaries);
    let elapsed = today.days_since_epoch() - plan.written().days_since_epoch() + 1;
    let mut weeks = Vec::new();
    let mut offset = 0;
    while offset < elapsed {
        let starts = plan
            .written()
            .plus_days(offset)
            .expect("weeks between two real dates are real dates");
        let length = (elapsed - offset).min(7);
        let window: Vec<&DayEntry> = (0..length)
            .filter_map(|day| starts.plus_days(day))
            .filter_map(|date| days.get(&date))
            .flatten()
            .copied()
            .collect();
        let mut done = 0;
        let mut due = 0;
        for (position, planned) in plan.items().iter().enumerate() {
            let per_week = i64::from(planned.item().schedule().days_a_week());
            let item_due = (per_week * length + 6) / 7;
            let position = position as u8;
            let days_done = (0..length)
                .filter_map(|day| starts.plus_days(day))
                .filter(|date| {
                    days.get(date).is_some_and(|entries| {
                        entries.iter().any(|entry| entry.done().contains(&position))
                    })
                })
                .count() as i64;
            done += days_done.min(item_due) as u32;
            due += item_due as u32;
        }
        let ratings: Vec<f64> = window
            .iter()
            .filter_map(|entry| entry.symptoms().map(ZeroToTen::value).map(f64::from))
            .collect();
        let symptoms =
            (!ratings.is_empty()).then(|| ratings.iter().sum::<f64>() / ratings.len() as f64);
        weeks.push(WeekAdherence {
            starts,
            days: length as u8,
            done,
            due,
            symptoms,
        });
        offset += 7;
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::hlc::Hlc;
    use crate::base::ids::{DeviceId, RecordId};
    use crate::selfcare::care_item::tests::input;
    use crate::selfcare::care_item::Period;
    use crate::selfcare::care_plan::tests::made;
    use crate::selfcare::care_plan::{CarePlanInput, PlannedItemInput};
    use crate::selfcare::diary::tests::{date, day};

    /// Written 2026-11-20: item 0 daily, item 1 on 3 days a week.
    fn plan() -> CarePlanVersion {
        let item = |title: &str, times, per| PlannedItemInput {
            item: crate::selfcare::care_item::CareItemInput {
                times,
                per: Some(per),
                ..input(title)
            },
            source: None,
            goals: Vec::new(),
        };
        CarePlanInput {
            items: vec![
                item("Walk", 1, Period::Day),
                item("Stretch", 3, Period::Week),
            ],
            message: String::new(),
        }
        .validate(made(2, None, 2), None)
        .unwrap()
    }

    fn stamp(millis: u64) -> Hlc {
        Hlc::from_parts(millis, 0, DeviceId::from_bytes([4; 16]))
    }

    fn diary(days: &[(&str, &[u8], Option<u8>)]) -> Diary {
        let plan = plan();
        let mut diary = Diary::start(RecordId::from_bytes([9; 16]), &plan);
        for (millis, (on, done, symptoms)) in days.iter().enumerate() {
            diary
                .log(
                    &day(on, done, *symptoms),
                    &plan,
                    date("2026-12-31"),
                    stamp(millis as u64 + 1),
                )
                .unwrap();
        }
        diary
    }

    #[test]
    fn a_full_week_counts_each_item_up_to_what_was_due() {
        let diary = diary(&[
            ("2026-11-20", &[0, 1], Some(6)),
            ("2026-11-21", &[0, 1], Some(4)),
            ("2026-11-22", &[0, 1], None),
            ("2026-11-23", &[1], None),
        ]);
        let weeks = weekly_adherence(&plan(), &[&diary], date("2026-11-26"));
        assert_eq!(weeks.len(), 1);
        let week = weeks[0];
        assert_eq!((week.days, week.due, week.done), (7, 10, 6));
        assert_eq!(week.percent(), Some(60));
        assert_eq!(week.symptoms, Some(5.0));
    }

    #[test]
    fn the_running_week_is_due_in_proportion_rounded_up() {
        let weeks = weekly_adherence(&plan(), &[&diary(&[])], date("2026-11-28"));
        assert_eq!(weeks.len(), 2);
        let running = weeks[1];
        assert_eq!(running.starts, date("2026-11-27"));
        assert_eq!(running.days, 2);
        // daily: 2 days due; 3 a week over 2 of 7 days: ceil(6/7) = 1.
        assert_eq!((running.due, running.done), (3, 0));
        assert_eq!(running.percent(), Some(0));
        assert_eq!(running.symptoms, None);
    }

    #[test]
    fn two_phones_count_a_day_once_and_other_plans_are_ignored() {
        let one = diary(&[("2026-11-20", &[0], None)]);
        let two = diary(&[("2026-11-20", &[0], None), ("2026-11-21", &[0], None)]);
        let weeks = weekly_adherence(&plan(), &[&one, &two], date("2026-11-26"));
        assert_eq!(weeks[0].done, 2);
        let other_plan = crate::selfcare::care_plan::tests::plan_of(&["Walk"], 5);
        let weeks = weekly_adherence(&other_plan, &[&one], date("2026-11-26"));
        assert_eq!(weeks[0].done, 0);
    }

    #[test]
    fn a_plan_that_starts_tomorrow_has_no_weeks_yet() {
        assert!(weekly_adherence(&plan(), &[], date("2026-11-19")).is_empty());
    }
}
