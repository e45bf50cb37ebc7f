//! The one doorway through which the core learns the time and gets randomness.
//!
//! Like typst's `World`, every outside fact the domain needs comes through a
//! single trait. The browser app implements it with `Date.now()` and
//! `crypto.getRandomValues`; the CLI with the system clock and OS randomness;
//! tests and the synthetic-practice generator with [`SeededEnvironment`], so a
//! run is repeatable byte for byte.

use crate::base::date::CalendarDate;
use crate::base::time_of_day::TimeOfDay;

/// What the core needs from the host: the wall-clock time and fresh entropy.
pub trait Environment {
    /// Milliseconds since the Unix epoch according to the device's clock.
    ///
    /// The value may jump backwards or run ahead; the hybrid logical clock
    /// copes with both, so implementations should report the raw clock.
    fn now_millis(&self) -> u64;

    /// Sixteen fresh random bytes, used to mint UUID v4 identifiers.
    fn random_bytes(&mut self) -> [u8; 16];

    /// Minutes the device's local time is ahead of UTC (negative west of
    /// Greenwich). UTC unless the host knows better: the browser does, the
    /// CLI and the tests work in UTC.
    fn utc_offset_minutes(&self) -> i32 {
        0
    }

    /// The device's local calendar day: what a form means by "today" (a
    /// session date, a date of birth in the past). Derived here from the
    /// clock and the offset so no caller reads the date on its own and a
    /// late-evening session is never dated tomorrow by UTC.
    fn today(&self) -> CalendarDate {
        CalendarDate::from_unix_millis(local_millis(self))
    }

    /// The device's local time of day, to the minute: when a session
    /// started, by the same clock and offset as [`Environment::today`].
    fn time_of_day(&self) -> TimeOfDay {
        let minute_of_day = local_millis(self) / 60_000 % (24 * 60);
        TimeOfDay::new((minute_of_day / 60) as u8, (minute_of_day % 60) as u8)
            .expect("a minute of the day is a valid time of day")
    }
}

/// Milliseconds since the epoch on the device's local clock face.
fn local_millis(environment: &(impl Environment + ?Sized)) -> u64 {
    let offset = i64::from(environment.utc_offset_minutes()) * 60_000;
    let local = i64::try_from(environment.now_millis())
        .unwrap_or(i64::MAX)
        .saturating_add(offset);
    u64::try_from(local).unwrap_or(0)
}

/// A deterministic environment: a clock that advances by a fixed step on every
/// read of randomness, and a SplitMix64 stream seeded by the caller.
///
/// Used by tests and by synthetic-data generation, where the same seed must
/// give the same practice on every machine.
#[derive(Clone, Debug)]
pub struct SeededEnvironment {
    now_millis: u64,
    step_millis: u64,
    state: u64,
}

impl SeededEnvironment {
    /// Starts at `start_millis`; each call to [`Environment::random_bytes`]
    /// moves the clock on by `step_millis`.
    pub fn new(seed: u64, start_millis: u64, step_millis: u64) -> Self {
        Self {
            now_millis: start_millis,
            step_millis,
            state: seed,
        }
    }

    /// Moves the clock to an exact instant, as a test that models a device
    /// whose clock was changed by hand would.
    pub fn set_now_millis(&mut self, now_millis: u64) {
        self.now_millis = now_millis;
    }

    /// The next number of the SplitMix64 stream (Steele, Lea & Flood 2014).
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Environment for SeededEnvironment {
    fn now_millis(&self) -> u64 {
        self.now_millis
    }

    fn random_bytes(&mut self) -> [u8; 16] {
        self.now_millis += self.step_millis;
        let high = self.next_u64().to_le_bytes();
        let low = self.next_u64().to_le_bytes();
        let mut bytes = [0; 16];
        bytes[..8].copy_from_slice(&high);
        bytes[8..].copy_from_slice(&low);
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Half past eleven at night in UTC: still that day in UTC, already the
    /// next day two hours east, the same day five hours west.
    struct LateEvening(i32);

    impl Environment for LateEvening {
        fn now_millis(&self) -> u64 {
            // 2026-12-04T23:30:00Z
            1_796_427_000_000
        }
        fn random_bytes(&mut self) -> [u8; 16] {
            [0; 16]
        }
        fn utc_offset_minutes(&self) -> i32 {
            self.0
        }
    }

    #[test]
    fn today_is_the_local_day() {
        assert_eq!(LateEvening(0).today().to_string(), "2026-12-04");
        assert_eq!(LateEvening(120).today().to_string(), "2026-12-05");
        assert_eq!(LateEvening(-300).today().to_string(), "2026-12-04");
    }

    #[test]
    fn time_of_day_follows_the_offset() {
        assert_eq!(LateEvening(0).time_of_day().to_string(), "23:30");
        assert_eq!(LateEvening(120).time_of_day().to_string(), "01:30");
        assert_eq!(LateEvening(-300).time_of_day().to_string(), "18:30");
    }

    #[test]
    fn same_seed_gives_same_stream() {
        let mut first = SeededEnvironment::new(7, 0, 1);
        let mut second = SeededEnvironment::new(7, 0, 1);
        assert_eq!(first.random_bytes(), second.random_bytes());
        assert_eq!(first.now_millis(), 1);
    }

    #[test]
    fn different_seeds_differ() {
        let mut first = SeededEnvironment::new(1, 0, 0);
        let mut second = SeededEnvironment::new(2, 0, 0);
        assert_ne!(first.random_bytes(), second.random_bytes());
    }
}
