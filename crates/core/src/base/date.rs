//! Calendar dates without time zones (a date of birth, an intake date).
//!
//! Written here rather than taken from `time` or `chrono`: the core needs only
//! parsing, validation, ordering and "today from a Unix instant", and a few
//! dozen tested lines keep the first-load wasm smaller than either crate.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A valid proleptic Gregorian date. Field order makes the derived `Ord`
/// chronological.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct CalendarDate {
    year: u16,
    month: u8,
    day: u8,
}

/// Why text could not be read as a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the form YYYY-MM-DD.
    #[error("use the form YYYY-MM-DD, for example 1984-03-21")]
    Format,
    /// Well formed, but no such day exists (31 April, 29 February 2023).
    #[error("there is no such day in the calendar")]
    NoSuchDay,
}

fn is_leap_year(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl CalendarDate {
    /// Whole years from this date to `today`: an age, counting a birthday
    /// only once it has been reached (0 for a date after `today`).
    pub fn whole_years_to(self, today: CalendarDate) -> u16 {
        let had_birthday = (today.month(), today.day()) >= (self.month(), self.day());
        today.year().saturating_sub(self.year())
            - u16::from(!had_birthday && today.year() > self.year())
    }

    /// The date, if such a day exists (years 1 to 9999).
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, DateError> {
        if year == 0 || year > 9999 || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay);
        }
        Ok(Self { year, month, day })
    }

    /// The UTC calendar day containing `unix_millis`, using Howard Hinnant's
    /// `civil_from_days` algorithm (chrono-compatible date algorithms, 2013).
    pub fn from_unix_millis(unix_millis: u64) -> Self {
        let days = (unix_millis / 86_400_000) as i64;
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u8;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        } as u8;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as u16;
        Self { year, month, day }
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's
    /// `days_from_civil` algorithm, the inverse of the one above. Lets week
    /// counts and date steps be plain integer arithmetic.
    pub fn days_since_epoch(&self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400);
        let month = i64::from(self.month);
        let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i64::from(self.day)
            - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The day `days` after this one (before, if negative), if it is
    /// between 1970-01-01 and 9999-12-31.
    pub fn plus_days(&self, days: i64) -> Option<Self> {
        let target = self.days_since_epoch().checked_add(days)?;
        let last = Self {
            year: 9999,
            month: 12,
            day: 31,
        };
        if !(0..=last.days_since_epoch()).contains(&target) {
            return None;
        }
        Some(Self::from_unix_millis(target as u64 * 86_400_000))
    }

    /// The year (1–9999).
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month (1–12).
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month (1–31).
    pub fn day(&self) -> u8 {
        self.day
    }
}

impl CalendarDate {
    /// `YYYY-MM-DD`, written digit by digit into a buffer of its own: an
    /// export writes a date in every score, note and intake, and the
    /// formatting machinery with its padding, then a `String` for serde,
    /// cost more than the digits (BENCHMARKS.md, issue 14, session 13).
    fn digits(self) -> [u8; 10] {
        let mut text = *b"0000-00-00";
        let mut put = |end: usize, mut value: u16| {
            for place in text[..end].iter_mut().rev() {
                if *place == b'-' {
                    break;
                }
                *place = b'0' + (value % 10) as u8;
                value /= 10;
            }
        };
        put(4, self.year);
        put(7, u16::from(self.month));
        put(10, u16::from(self.day));
        text
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.digits();
        f.write_str(std::str::from_utf8(&digits).map_err(|_| fmt::Error)?)
    }
}

impl FromStr for CalendarDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bytes = text.as_bytes();
        let well_formed = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(index, byte)| index == 4 || index == 7 || byte.is_ascii_digit());
        if !well_formed {
            return Err(DateError::Format);
        }
        let number = |range: std::ops::Range<usize>| {
            text[range].parse::<u16>().map_err(|_| DateError::Format)
        };
        Self::new(number(0..4)?, number(5..7)? as u8, number(8..10)? as u8)
    }
}

impl Serialize for CalendarDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let digits = self.digits();
        let text = std::str::from_utf8(&digits).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(text)
    }
}

/// Reads a date from the text serde hands over, without copying it into a
/// `String` first: a practice's file holds a date in every score, note and
/// intake (BENCHMARKS.md, issue 14, session 13).
struct DateText;

impl serde::de::Visitor<'_> for DateText {
    type Value = CalendarDate;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<CalendarDate, E> {
        text.parse().map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for CalendarDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(DateText)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_prints() {
        let date: CalendarDate = "1984-03-21".parse().unwrap();
        assert_eq!((date.year(), date.month(), date.day()), (1984, 3, 21));
        assert_eq!(date.to_string(), "1984-03-21");
        let early = CalendarDate::new(5, 1, 2).unwrap();
        assert_eq!(early.to_string(), "0005-01-02");
        assert_eq!(early.to_string().parse(), Ok(early));
    }

    #[test]
    fn leap_days() {
        assert!("2024-02-29".parse::<CalendarDate>().is_ok());
        assert!("2000-02-29".parse::<CalendarDate>().is_ok());
        assert_eq!(
            "1900-02-29".parse::<CalendarDate>(),
            Err(DateError::NoSuchDay)
        );
        assert_eq!(
            "2023-02-29".parse::<CalendarDate>(),
            Err(DateError::NoSuchDay)
        );
    }

    #[test]
    fn refuses_malformed_text() {
        for text in [
            "",
            "1984-3-21",
            "21/03/1984",
            "1984-03-21T00",
            "198a-03-21",
            "+984-03-21",
        ] {
            assert_eq!(
                text.parse::<CalendarDate>(),
                Err(DateError::Format),
                "{text}"
            );
        }
        for text in ["1984-13-01", "1984-04-31", "0000-01-01", "1984-00-10"] {
            assert_eq!(
                text.parse::<CalendarDate>(),
                Err(DateError::NoSuchDay),
                "{text}"
            );
        }
    }

    #[test]
    fn from_unix_millis_known_instants() {
        assert_eq!(CalendarDate::from_unix_millis(0).to_string(), "1970-01-01");
        // 2026-11-27T09:24:30Z
        assert_eq!(
            CalendarDate::from_unix_millis(1_795_771_470_000).to_string(),
            "2026-11-27"
        );
        // 2000-02-29T23:59:59.999Z
        assert_eq!(
            CalendarDate::from_unix_millis(951_868_799_999).to_string(),
            "2000-02-29"
        );
    }

    #[test]
    fn day_steps_cross_months_years_and_leap_days() {
        let date = |text: &str| text.parse::<CalendarDate>().unwrap();
        assert_eq!(date("1970-01-01").days_since_epoch(), 0);
        assert_eq!(date("2024-02-28").plus_days(1), Some(date("2024-02-29")));
        assert_eq!(date("2026-12-29").plus_days(7), Some(date("2027-01-05")));
        assert_eq!(date("2026-03-01").plus_days(-1), Some(date("2026-02-28")));
        assert_eq!(date("1970-01-01").plus_days(-1), None);
        assert_eq!(date("9999-12-31").plus_days(1), None);
    }

    proptest! {
        /// Written digit by digit, a date reads as the padded format
        /// writes it, in text and in JSON.
        #[test]
        fn written_as_padded_digits(days in 0u64..2_900_000) {
            let date = CalendarDate::from_unix_millis(days * 86_400_000);
            let padded = format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day());
            prop_assert_eq!(serde_json::to_string(&date).unwrap(), format!("\"{padded}\""));
            prop_assert_eq!(date.to_string(), padded);
        }

        #[test]
        fn display_parse_round_trip(days in 0u64..2_900_000) {
            let date = CalendarDate::from_unix_millis(days * 86_400_000);
            prop_assert_eq!(date.to_string().parse::<CalendarDate>(), Ok(date));
        }

        #[test]
        fn consecutive_days_are_ordered(days in 0u64..2_900_000) {
            let today = CalendarDate::from_unix_millis(days * 86_400_000);
            let tomorrow = CalendarDate::from_unix_millis((days + 1) * 86_400_000);
            prop_assert!(today < tomorrow);
        }

        #[test]
        fn days_since_epoch_inverts_from_unix_millis(days in 0i64..2_900_000) {
            let date = CalendarDate::from_unix_millis(days as u64 * 86_400_000);
            prop_assert_eq!(date.days_since_epoch(), days);
        }

        #[test]
        fn parser_never_panics(text in "\\PC{0,12}") {
            let _ = text.parse::<CalendarDate>();
        }
    }
}
