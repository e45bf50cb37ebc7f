//! What "recent" means: a window of days or months after a dated event.
//!
//! Contraindication rules say how long after a surgery or a head injury the
//! event still counts (six months by default), and an intake is due for
//! renewal a year after it was taken. Both questions are "is this date still
//! inside the window that opened on that date?", answered here with calendar
//! arithmetic that needs no clock: callers pass the date to judge on.
//!
//! Windows are inclusive: an event on 1 March with a six-month window is
//! still recent on 1 September and no longer on 2 September. A month window
//! that lands on a day the month lacks ends on the month's last day (31 August
//! plus six months ends on 28 or 29 February).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::base::date::CalendarDate;

/// Longest window in days: about ten years. Anything longer is "always",
/// which a rule says by having no window at all.
pub const MAX_WINDOW_DAYS: u16 = 3653;
/// Longest window in months: ten years.
pub const MAX_WINDOW_MONTHS: u16 = 120;

/// The unit a window is counted in.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowUnit {
    /// Calendar days.
    Days,
    /// Calendar months.
    Months,
}

/// How long after an event it still counts as recent. Always at least one
/// unit and at most ten years.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub struct Window {
    amount: u16,
    unit: WindowUnit,
}

/// Why a window typed into the rule form was refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum WindowError {
    /// Not a whole number.
    #[error("Enter a whole number of days or months, for example 6.")]
    NotANumber,
    /// Zero: a window must last at least one day or month.
    #[error("A window must last at least 1 day or month; leave it empty for \"at any time\".")]
    Zero,
    /// Longer than ten years.
    #[error("A window can last 10 years at most; leave it empty for \"at any time\".")]
    TooLong,
}

impl Window {
    /// A window of `amount` units, if it lasts between one unit and ten years.
    pub fn new(amount: u16, unit: WindowUnit) -> Result<Self, WindowError> {
        let max = match unit {
            WindowUnit::Days => MAX_WINDOW_DAYS,
            WindowUnit::Months => MAX_WINDOW_MONTHS,
        };
        match amount {
            0 => Err(WindowError::Zero),
            amount if amount > max => Err(WindowError::TooLong),
            amount => Ok(Self { amount, unit }),
        }
    }

    /// Reads the amount as typed in a form. Blank text means the rule has no
    /// window (it applies however long ago the event was), so it gives `None`.
    pub fn parse(amount: &str, unit: WindowUnit) -> Result<Option<Self>, WindowError> {
        let amount = amount.trim();
        if amount.is_empty() {
            return Ok(None);
        }
        if !amount.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(WindowError::NotANumber);
        }
        let amount = amount.parse::<u16>().unwrap_or(u16::MAX);
        Self::new(amount, unit).map(Some)
    }

    /// A window of whole months, for the built-in tables. Evaluated at
    /// compile time there, so an out-of-range constant fails the build.
    pub(crate) const fn months(amount: u16) -> Self {
        assert!(amount >= 1 && amount <= MAX_WINDOW_MONTHS);
        Self {
            amount,
            unit: WindowUnit::Months,
        }
    }

    /// A window of whole days, for the built-in tables.
    pub(crate) const fn days(amount: u16) -> Self {
        assert!(amount >= 1 && amount <= MAX_WINDOW_DAYS);
        Self {
            amount,
            unit: WindowUnit::Days,
        }
    }

    /// How many units the window lasts.
    pub fn amount(&self) -> u16 {
        self.amount
    }

    /// What the window is counted in.
    pub fn unit(&self) -> WindowUnit {
        self.unit
    }

    /// Whether `on` falls inside the window opened by `since`, both ends
    /// included. A date before `since` is outside: the event had not happened.
    pub fn covers(&self, since: CalendarDate, on: CalendarDate) -> bool {
        since <= on && !self.has_passed(since, on)
    }

    /// Whether the window opened by `since` had closed by `on`.
    pub fn has_passed(&self, since: CalendarDate, on: CalendarDate) -> bool {
        match self.unit {
            WindowUnit::Days => day_number(on) - day_number(since) > i64::from(self.amount),
            WindowUnit::Months => {
                let months = u32::from(since.month()) - 1 + u32::from(self.amount);
                let last = (
                    u32::from(since.year()) + months / 12,
                    months % 12 + 1,
                    u32::from(since.day()),
                );
                (
                    u32::from(on.year()),
                    u32::from(on.month()),
                    u32::from(on.day()),
                ) > last
            }
        }
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match (self.unit, self.amount) {
            (WindowUnit::Days, 1) => "day",
            (WindowUnit::Days, _) => "days",
            (WindowUnit::Months, 1) => "month",
            (WindowUnit::Months, _) => "months",
        };
        write!(f, "{} {unit}", self.amount)
    }
}

/// Days since 1970-01-01 (negative before), by Howard Hinnant's
/// `days_from_civil`, the inverse of the algorithm in
/// [`CalendarDate::from_unix_millis`].
fn day_number(date: CalendarDate) -> i64 {
    let month = i64::from(date.month());
    let year = i64::from(date.year()) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + i64::from(date.day()) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(text: &str) -> CalendarDate {
        text.parse().unwrap()
    }

    #[test]
    fn day_number_inverts_the_calendar_conversion() {
        for days in [0_i64, 1, 59, 365, 11_016, 20_000, 2_932_896] {
            let date = CalendarDate::from_unix_millis(days as u64 * 86_400_000);
            assert_eq!(day_number(date), days, "{date}");
        }
        assert_eq!(day_number(date("1969-12-31")), -1);
    }

    #[test]
    fn window_edges() {
        let cases = [
            // (window, since, on, covered)
            (Window::months(6), "2026-03-01", "2026-03-01", true),
            (Window::months(6), "2026-03-01", "2026-08-31", true),
            (Window::months(6), "2026-03-01", "2026-09-01", true),
            (Window::months(6), "2026-03-01", "2026-09-02", false),
            (Window::months(6), "2026-03-01", "2026-02-28", false),
            (Window::months(6), "2025-08-31", "2026-02-28", true),
            (Window::months(6), "2025-08-31", "2026-03-01", false),
            (Window::months(6), "2025-10-15", "2026-04-15", true),
            (Window::months(6), "2025-10-15", "2026-04-16", false),
            (Window::months(12), "2024-02-29", "2025-02-28", true),
            (Window::months(12), "2024-02-29", "2025-03-01", false),
            (Window::days(14), "2026-02-20", "2026-03-06", true),
            (Window::days(14), "2026-02-20", "2026-03-07", false),
            (Window::days(14), "2024-02-20", "2024-03-05", true),
            (Window::days(14), "2024-02-20", "2024-03-06", false),
            (Window::days(1), "1969-12-31", "1970-01-01", true),
            (Window::days(1), "1969-12-31", "1970-01-02", false),
        ];
        for (window, since, on, covered) in cases {
            assert_eq!(
                window.covers(date(since), date(on)),
                covered,
                "{window} from {since} on {on}"
            );
        }
    }

    #[test]
    fn parsing_a_typed_window() {
        let cases = [
            ("", WindowUnit::Days, Ok(None)),
            ("  ", WindowUnit::Months, Ok(None)),
            (" 6 ", WindowUnit::Months, Ok(Some(Window::months(6)))),
            ("3653", WindowUnit::Days, Ok(Some(Window::days(3653)))),
            ("0", WindowUnit::Days, Err(WindowError::Zero)),
            ("121", WindowUnit::Months, Err(WindowError::TooLong)),
            ("3654", WindowUnit::Days, Err(WindowError::TooLong)),
            ("99999999999", WindowUnit::Days, Err(WindowError::TooLong)),
            ("-2", WindowUnit::Days, Err(WindowError::NotANumber)),
            ("six", WindowUnit::Months, Err(WindowError::NotANumber)),
            ("1.5", WindowUnit::Months, Err(WindowError::NotANumber)),
        ];
        for (text, unit, expected) in cases {
            assert_eq!(Window::parse(text, unit), expected, "{text:?}");
        }
    }

    #[test]
    fn reads_as_words() {
        assert_eq!(Window::months(1).to_string(), "1 month");
        assert_eq!(Window::months(6).to_string(), "6 months");
        assert_eq!(Window::days(1).to_string(), "1 day");
        assert_eq!(Window::days(14).to_string(), "14 days");
    }

    fn any_date() -> impl Strategy<Value = CalendarDate> {
        (0u64..40_000).prop_map(|days| CalendarDate::from_unix_millis(days * 86_400_000))
    }

    fn any_window() -> impl Strategy<Value = Window> {
        prop_oneof![
            (1..=MAX_WINDOW_DAYS).prop_map(Window::days),
            (1..=MAX_WINDOW_MONTHS).prop_map(Window::months),
        ]
    }

    proptest! {
        #[test]
        fn once_passed_a_window_stays_passed(window in any_window(), since in any_date(), first in any_date(), second in any_date()) {
            let (earlier, later) = if first <= second { (first, second) } else { (second, first) };
            if window.has_passed(since, earlier) {
                prop_assert!(window.has_passed(since, later));
            }
        }

        #[test]
        fn the_opening_day_is_always_covered(window in any_window(), since in any_date()) {
            prop_assert!(window.covers(since, since));
        }

        #[test]
        fn parse_never_panics(text in "\\PC{0,8}") {
            let _ = Window::parse(&text, WindowUnit::Days);
        }
    }
}
