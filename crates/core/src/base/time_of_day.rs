//! A wall-clock time of day without a date or a time zone: when a session
//! started, as the therapist reads it off the clock in the room.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A valid time from 00:00 to 23:59, stored as `HH:MM` text. Field order
/// makes the derived `Ord` chronological.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeOfDay {
    hour: u8,
    minute: u8,
}

/// Why text could not be read as a time of day.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum TimeError {
    /// Not of the form HH:MM.
    #[error("Use the form HH:MM, for example 09:30.")]
    Format,
    /// Well formed, but the hour or the minute does not exist.
    #[error("There is no such time: hours go from 00 to 23 and minutes from 00 to 59.")]
    NoSuchTime,
}

impl TimeOfDay {
    /// The time, if the hour is 0–23 and the minute 0–59.
    pub fn new(hour: u8, minute: u8) -> Result<Self, TimeError> {
        if hour < 24 && minute < 60 {
            Ok(Self { hour, minute })
        } else {
            Err(TimeError::NoSuchTime)
        }
    }

    /// The hour, 0–23.
    pub fn hour(&self) -> u8 {
        self.hour
    }

    /// The minute, 0–59.
    pub fn minute(&self) -> u8 {
        self.minute
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl FromStr for TimeOfDay {
    type Err = TimeError;

    /// Reads `H:MM` or `HH:MM`, as a time input or a hurried hand types it.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (hour, minute) = text.trim().split_once(':').ok_or(TimeError::Format)?;
        let number = |part: &str, width: std::ops::RangeInclusive<usize>| {
            if width.contains(&part.len()) && part.bytes().all(|byte| byte.is_ascii_digit()) {
                part.parse::<u8>().map_err(|_| TimeError::Format)
            } else {
                Err(TimeError::Format)
            }
        };
        Self::new(number(hour, 1..=2)?, number(minute, 2..=2)?)
    }
}

impl TryFrom<String> for TimeOfDay {
    type Error = TimeError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<TimeOfDay> for String {
    fn from(time: TimeOfDay) -> Self {
        time.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_typed_times() {
        let cases = [
            ("09:30", Ok((9, 30))),
            ("9:30", Ok((9, 30))),
            (" 23:59 ", Ok((23, 59))),
            ("00:00", Ok((0, 0))),
            ("24:00", Err(TimeError::NoSuchTime)),
            ("12:60", Err(TimeError::NoSuchTime)),
            ("930", Err(TimeError::Format)),
            ("9:3", Err(TimeError::Format)),
            ("09:30:00", Err(TimeError::Format)),
            ("-1:30", Err(TimeError::Format)),
            ("", Err(TimeError::Format)),
        ];
        for (text, expected) in cases {
            let parsed = text
                .parse::<TimeOfDay>()
                .map(|time| (time.hour(), time.minute()));
            assert_eq!(parsed, expected, "{text:?}");
        }
    }

    #[test]
    fn prints_with_two_digits_and_round_trips_through_serde() {
        let time = TimeOfDay::new(7, 5).unwrap();
        assert_eq!(time.to_string(), "07:05");
        let json = serde_json::to_string(&time).unwrap();
        assert_eq!(json, "\"07:05\"");
        assert_eq!(serde_json::from_str::<TimeOfDay>(&json).unwrap(), time);
        assert!(serde_json::from_str::<TimeOfDay>("\"24:00\"").is_err());
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC{0,8}") {
            let _ = text.parse::<TimeOfDay>();
        }

        #[test]
        fn display_parse_round_trip(hour in 0u8..24, minute in 0u8..60) {
            let time = TimeOfDay::new(hour, minute).unwrap();
            prop_assert_eq!(time.to_string().parse::<TimeOfDay>(), Ok(time));
        }
    }
}
