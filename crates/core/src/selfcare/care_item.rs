//! One home-care item as a client reads it: what to do, how often, for how
//! long, how, what to watch for, and when to stop and call.
//!
//! Every text has a small limit so that a full plan always fits the handout
//! budget (one self-contained HTML file under 100 KB, see
//! [`super::handout`]); the form trims text and refuses what is over.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::base::text_limit::{is_plain_line, is_plain_text, required, trimmed, TooLong};

/// Longest item title, in characters.
pub const MAX_TITLE_CHARS: usize = 80;
/// Longest "how long" text ("30 seconds each side"), in characters.
pub const MAX_DURATION_CHARS: usize = 80;
/// Longest "how to do it" text, in characters.
pub const MAX_HOW_TO_CHARS: usize = 600;
/// Longest precautions or "stop and call" text, in characters.
pub const MAX_CAUTION_CHARS: usize = 300;
/// Most times a day an item can be planned; more is not a home-care plan.
pub const MAX_TIMES_A_DAY: u8 = 6;

/// What kind of self-care an item is, for grouping the library.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CareCategory {
    /// Gentle stretches.
    Stretch,
    /// Self-massage.
    SelfMassage,
    /// Still-point practice, with or without a tool.
    StillPoint,
    /// Breathing and relaxation practice.
    Breathing,
    /// Heat or cold.
    HeatCold,
    /// Drinking water.
    Hydration,
    /// Breaks from sitting and posture checks.
    Posture,
    /// Jaw relaxation for TMJ.
    Jaw,
    /// Sleep habits.
    Sleep,
    /// Anything else the therapist writes.
    Other,
}

impl CareCategory {
    /// Every category, in the order the library lists them.
    pub const ALL: [Self; 10] = [
        Self::Stretch,
        Self::SelfMassage,
        Self::StillPoint,
        Self::Breathing,
        Self::HeatCold,
        Self::Hydration,
        Self::Posture,
        Self::Jaw,
        Self::Sleep,
        Self::Other,
    ];
}

impl fmt::Display for CareCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Stretch => "Stretches",
            Self::SelfMassage => "Self-massage",
            Self::StillPoint => "Still-point practice",
            Self::Breathing => "Breathing and relaxation",
            Self::HeatCold => "Heat and cold",
            Self::Hydration => "Hydration",
            Self::Posture => "Posture breaks",
            Self::Jaw => "Jaw relaxation",
            Self::Sleep => "Sleep",
            Self::Other => "Other",
        })
    }
}

/// The period a schedule counts in.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// So many times each day.
    Day,
    /// So many days each week.
    Week,
}

/// How often an item is to be done. Kept structured, not free text, because
/// adherence is counted against it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    times: u8,
    per: Period,
}

impl Schedule {
    /// `times` a day (1 to [`MAX_TIMES_A_DAY`]) or `times` days a week (1 to 7).
    pub fn new(times: u8, per: Period) -> Result<Self, CareItemError> {
        let most = match per {
            Period::Day => MAX_TIMES_A_DAY,
            Period::Week => 7,
        };
        if (1..=most).contains(&times) {
            Ok(Self { times, per })
        } else {
            Err(CareItemError::Schedule { most, per })
        }
    }

    /// How many times per period.
    pub fn times(self) -> u8 {
        self.times
    }

    /// The period counted in.
    pub fn per(self) -> Period {
        self.per
    }

    /// On how many days of a week the item is due. A diary records whether
    /// an item was done on a day, so a daily item counts seven days however
    /// many times a day it is planned.
    pub fn days_a_week(self) -> u8 {
        match self.per {
            Period::Day => 7,
            Period::Week => self.times,
        }
    }

    /// Whether the stored values are ones [`Schedule::new`] accepts.
    pub fn is_valid(self) -> bool {
        Self::new(self.times, self.per).is_ok()
    }
}

/// Reads as a client would say it: "twice a day", "3 days a week".
impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.per, self.times) {
            (Period::Day, 1) => f.write_str("once a day"),
            (Period::Day, 2) => f.write_str("twice a day"),
            (Period::Day, times) => write!(f, "{times} times a day"),
            (Period::Week, 1) => f.write_str("1 day a week"),
            (Period::Week, 7) => f.write_str("every day"),
            (Period::Week, times) => write!(f, "{times} days a week"),
        }
    }
}

/// The item form as filled in.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct CareItemInput {
    /// The item's title ("Chin tucks").
    pub title: String,
    /// Its category, if chosen.
    pub category: Option<CareCategory>,
    /// How many times per period.
    pub times: u8,
    /// The period, if chosen.
    pub per: Option<Period>,
    /// How long each time ("5 minutes"), or empty.
    pub how_long: String,
    /// How to do it.
    pub how_to: String,
    /// What to be careful about, or empty.
    pub precautions: String,
    /// When to stop and call the therapist or a doctor, or empty.
    pub stop_and_call: String,
}

/// The item form's fields, to place each error beside its input.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum CareItemField {
    /// The title.
    Title,
    /// The category.
    Category,
    /// How often.
    Schedule,
    /// How long.
    HowLong,
    /// How to do it.
    HowTo,
    /// Precautions.
    Precautions,
    /// When to stop and call.
    StopAndCall,
}

/// Why the item form cannot be saved, in the therapist's words.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum CareItemError {
    /// No title.
    #[error("Give the item a short title the client will recognise.")]
    MissingTitle,
    /// No category.
    #[error("Choose what kind of self-care this is.")]
    MissingCategory,
    /// No period chosen.
    #[error("Choose whether this is done each day or on some days of the week.")]
    MissingPeriod,
    /// Times out of range.
    #[error("{}", match per { Period::Day => format!("Choose between 1 and {most} times a day."), Period::Week => format!("Choose between 1 and {most} days a week.") })]
    Schedule {
        /// The most allowed.
        most: u8,
        /// The period chosen.
        per: Period,
    },
    /// No instructions.
    #[error("Say how to do it, in the words you would use with the client.")]
    MissingHowTo,
    /// A text over its limit.
    #[error(transparent)]
    TooLong(#[from] TooLong),
}

/// A validated home-care item.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareItem {
    title: String,
    category: CareCategory,
    schedule: Schedule,
    how_long: String,
    how_to: String,
    precautions: String,
    stop_and_call: String,
}

impl CareItemInput {
    /// The item, or every problem keyed by field.
    pub fn validate(&self) -> Result<CareItem, Vec<(CareItemField, CareItemError)>> {
        let mut problems = Vec::new();
        let mut keep = |field, result: Result<String, CareItemError>| {
            result
                .map_err(|error| problems.push((field, error)))
                .unwrap_or_default()
        };
        let title = keep(
            CareItemField::Title,
            required(&self.title, MAX_TITLE_CHARS, CareItemError::MissingTitle),
        );
        let how_long = keep(
            CareItemField::HowLong,
            trimmed(&self.how_long, MAX_DURATION_CHARS).map_err(Into::into),
        );
        let how_to = keep(
            CareItemField::HowTo,
            required(&self.how_to, MAX_HOW_TO_CHARS, CareItemError::MissingHowTo),
        );
        let precautions = keep(
            CareItemField::Precautions,
            trimmed(&self.precautions, MAX_CAUTION_CHARS).map_err(Into::into),
        );
        let stop_and_call = keep(
            CareItemField::StopAndCall,
            trimmed(&self.stop_and_call, MAX_CAUTION_CHARS).map_err(Into::into),
        );
        let category = self.category.ok_or(CareItemError::MissingCategory);
        let schedule = self
            .per
            .ok_or(CareItemError::MissingPeriod)
            .and_then(|per| Schedule::new(self.times, per));
        match (category, schedule) {
            (Ok(category), Ok(schedule)) if problems.is_empty() => Ok(CareItem {
                title,
                category,
                schedule,
                how_long,
                how_to,
                precautions,
                stop_and_call,
            }),
            (category, schedule) => {
                if let Err(error) = category {
                    problems.push((CareItemField::Category, error));
                }
                if let Err(error) = schedule {
                    problems.push((CareItemField::Schedule, error));
                }
                Err(problems)
            }
        }
    }
}

impl CareItem {
    /// Whether its texts hold only what a person types: one-line title and
    /// length, and no control or direction characters anywhere (a plan file
    /// from elsewhere shows them on the client's phone).
    pub fn is_plain(&self) -> bool {
        is_plain_line(&self.title)
            && is_plain_line(&self.how_long)
            && [&self.how_to, &self.precautions, &self.stop_and_call]
                .into_iter()
                .all(|text| is_plain_text(text))
    }

    /// The item's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Its category.
    pub fn category(&self) -> CareCategory {
        self.category
    }

    /// How often it is planned.
    pub fn schedule(&self) -> Schedule {
        self.schedule
    }

    /// How long each time, or empty.
    pub fn how_long(&self) -> &str {
        &self.how_long
    }

    /// How to do it.
    pub fn how_to(&self) -> &str {
        &self.how_to
    }

    /// What to be careful about, or empty.
    pub fn precautions(&self) -> &str {
        &self.precautions
    }

    /// When to stop and call, or empty.
    pub fn stop_and_call(&self) -> &str {
        &self.stop_and_call
    }

    /// How often and how long, as the plan and handout head the item:
    /// "Twice a day · 5 minutes".
    pub fn when(&self) -> String {
        let schedule = self.schedule.to_string();
        let mut characters = schedule.chars();
        let mut when: String = characters
            .next()
            .map(|first| first.to_uppercase().chain(characters).collect())
            .unwrap_or_default();
        if !self.how_long.is_empty() {
            when.push_str(" · ");
            when.push_str(&self.how_long);
        }
        when
    }

    /// The form filled in with this item, to edit or adapt it.
    pub fn to_input(&self) -> CareItemInput {
        CareItemInput {
            title: self.title.clone(),
            category: Some(self.category),
            times: self.schedule.times,
            per: Some(self.schedule.per),
            how_long: self.how_long.clone(),
            how_to: self.how_to.clone(),
            precautions: self.precautions.clone(),
            stop_and_call: self.stop_and_call.clone(),
        }
    }

    /// Whether the form would store exactly this item: the check for items
    /// read from files.
    pub fn is_as_entered(&self) -> bool {
        self.to_input().validate().as_ref() == Ok(self)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn input(title: &str) -> CareItemInput {
        CareItemInput {
            title: title.to_owned(),
            category: Some(CareCategory::Stretch),
            times: 2,
            per: Some(Period::Day),
            how_long: "30 seconds each side".to_owned(),
            how_to: "Sit tall and tip your ear towards your shoulder.".to_owned(),
            precautions: "Gentle: no bouncing.".to_owned(),
            stop_and_call: "Tingling in the arm.".to_owned(),
        }
    }

    #[test]
    fn a_filled_form_is_trimmed_and_kept() {
        let mut form = input("  Neck side stretch ");
        form.how_long = "  ".to_owned();
        let item = form.validate().unwrap();
        assert_eq!(item.title(), "Neck side stretch");
        assert_eq!(item.how_long(), "");
        assert!(item.is_as_entered());
        assert_eq!(item.to_input().validate(), Ok(item));
    }

    #[test]
    fn every_problem_is_reported_beside_its_field() {
        let form = CareItemInput {
            how_to: "x".repeat(MAX_HOW_TO_CHARS + 1),
            ..CareItemInput::default()
        };
        let fields: Vec<CareItemField> = form
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        assert_eq!(
            fields,
            [
                CareItemField::Title,
                CareItemField::HowTo,
                CareItemField::Category,
                CareItemField::Schedule
            ]
        );
    }

    #[test]
    fn an_item_says_how_often_and_how_long_in_one_line() {
        assert_eq!(
            input("Stretch").validate().unwrap().when(),
            "Twice a day · 30 seconds each side"
        );
        let mut form = input("Walk");
        form.how_long = String::new();
        form.times = 3;
        form.per = Some(Period::Week);
        assert_eq!(form.validate().unwrap().when(), "3 days a week");
    }

    #[test]
    fn schedules_are_bounded_per_period() {
        assert!(Schedule::new(0, Period::Day).is_err());
        assert!(Schedule::new(MAX_TIMES_A_DAY, Period::Day).is_ok());
        assert!(Schedule::new(MAX_TIMES_A_DAY + 1, Period::Day).is_err());
        assert!(Schedule::new(7, Period::Week).is_ok());
        assert_eq!(
            Schedule::new(8, Period::Week).unwrap_err().to_string(),
            "Choose between 1 and 7 days a week."
        );
    }

    #[test]
    fn schedules_read_as_a_client_says_them() {
        let cases = [
            (1, Period::Day, "once a day", 7),
            (2, Period::Day, "twice a day", 7),
            (3, Period::Day, "3 times a day", 7),
            (1, Period::Week, "1 day a week", 1),
            (3, Period::Week, "3 days a week", 3),
            (7, Period::Week, "every day", 7),
        ];
        for (times, per, words, days) in cases {
            let schedule = Schedule::new(times, per).unwrap();
            assert_eq!(schedule.to_string(), words);
            assert_eq!(schedule.days_a_week(), days, "{words}");
        }
    }
}
