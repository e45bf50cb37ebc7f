//! Hybrid logical clock (Kulkarni et al., 2014): stamps that follow wall-clock
//! time when clocks behave, yet never go backwards and always order an edit
//! after every stamp its device has seen.
//!
//! Merges order concurrent edits by these stamps, ties broken by device id, so
//! every device picks the same winner without talking to the others. A device
//! whose clock runs far ahead would win every conflict for as long as its clock
//! is wrong; [`HlcClock::observe`] refuses such stamps and says why, and
//! [`HlcClock::advance`] takes them when the therapist has accepted a file
//! from a clock set ahead (the import decides whether to accept such a file).

use serde::{Deserialize, Serialize};

use crate::base::ids::DeviceId;

/// How far ahead of this device's clock a received stamp may be before it is
/// treated as a broken clock rather than ordinary drift: one day.
pub const MAX_CLOCK_DRIFT_MILLIS: u64 = 24 * 60 * 60 * 1000;

/// One point in hybrid logical time. Ordered by wall time, then counter, then
/// device: the derived `Ord` relies on that field order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub struct Hlc {
    wall_millis: u64,
    counter: u32,
    device: DeviceId,
}

impl Hlc {
    /// A stamp with exact parts, for decoding and tests; live edits get their
    /// stamps from [`HlcClock::tick`].
    pub fn from_parts(wall_millis: u64, counter: u32, device: DeviceId) -> Self {
        Self {
            wall_millis,
            counter,
            device,
        }
    }

    /// Milliseconds since the Unix epoch that this stamp stands for.
    pub fn wall_millis(&self) -> u64 {
        self.wall_millis
    }

    /// Orders stamps that share a wall time.
    pub fn counter(&self) -> u32 {
        self.counter
    }

    /// The device that made the stamp.
    pub fn device(&self) -> DeviceId {
        self.device
    }
}

/// A received stamp lies too far in this device's future.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "a record was stamped {ahead_hours} hours ahead of this device's clock; \
     one of the two clocks is wrong: check the date and time on both devices"
)]
pub struct ClockDriftError {
    /// Whole hours between the received stamp and this device's clock.
    pub ahead_hours: u64,
}

/// The clock of one device. Persist it between runs so stamps keep rising
/// even if the wall clock is set back.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct HlcClock {
    last: Hlc,
}

impl HlcClock {
    /// A clock for `device` that has issued no stamp yet.
    pub fn new(device: DeviceId) -> Self {
        Self {
            last: Hlc::from_parts(0, 0, device),
        }
    }

    /// The device this clock stamps for.
    pub fn device(&self) -> DeviceId {
        self.last.device
    }

    /// The newest stamp issued or observed; exports carry it as the
    /// device's high-water mark.
    pub fn last(&self) -> Hlc {
        self.last
    }

    /// Issues a stamp later than every stamp issued or observed before,
    /// following `physical_millis` whenever the wall clock is ahead.
    pub fn tick(&mut self, physical_millis: u64) -> Hlc {
        let (wall_millis, counter) = if physical_millis > self.last.wall_millis {
            (physical_millis, 0)
        } else if self.last.counter == u32::MAX {
            (self.last.wall_millis + 1, 0)
        } else {
            (self.last.wall_millis, self.last.counter + 1)
        };
        self.last = Hlc::from_parts(wall_millis, counter, self.last.device);
        self.last
    }

    /// Takes note of a stamp from another device so later local stamps sort
    /// after it ([`Self::advance`]). A stamp more than
    /// [`MAX_CLOCK_DRIFT_MILLIS`] ahead of `physical_millis` is refused and
    /// leaves the clock unchanged.
    pub fn observe(&mut self, remote: Hlc, physical_millis: u64) -> Result<(), ClockDriftError> {
        let ahead = remote.wall_millis.saturating_sub(physical_millis);
        if ahead > MAX_CLOCK_DRIFT_MILLIS {
            return Err(ClockDriftError {
                ahead_hours: ahead / (60 * 60 * 1000),
            });
        }
        self.advance(remote);
        Ok(())
    }

    /// Moves the clock past `remote` whatever its drift, so later local
    /// stamps sort after it: for an import whose stamps were checked when
    /// it was prepared, or that the therapist chose to import although its
    /// clock is ahead (the import's options). Then local stamps
    /// run ahead of the wall clock until it catches up, which keeps every
    /// edit made here ordered after what was imported.
    pub fn advance(&mut self, remote: Hlc) {
        if (remote.wall_millis, remote.counter) > (self.last.wall_millis, self.last.counter) {
            self.last = Hlc::from_parts(remote.wall_millis, remote.counter, self.last.device);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn device(byte: u8) -> DeviceId {
        DeviceId::from_bytes([byte; 16])
    }

    #[test]
    fn follows_the_wall_clock_when_it_moves_forward() {
        let mut clock = HlcClock::new(device(1));
        let first = clock.tick(1_000);
        let second = clock.tick(2_000);
        assert_eq!((first.wall_millis(), first.counter()), (1_000, 0));
        assert_eq!((second.wall_millis(), second.counter()), (2_000, 0));
    }

    #[test]
    fn keeps_rising_when_the_wall_clock_goes_back() {
        let mut clock = HlcClock::new(device(1));
        let before = clock.tick(5_000);
        let after = clock.tick(1_000);
        assert!(after > before);
        assert_eq!((after.wall_millis(), after.counter()), (5_000, 1));
    }

    #[test]
    fn counter_overflow_moves_to_the_next_millisecond() {
        let mut clock = HlcClock {
            last: Hlc::from_parts(10, u32::MAX, device(1)),
        };
        let next = clock.tick(0);
        assert_eq!((next.wall_millis(), next.counter()), (11, 0));
    }

    #[test]
    fn ties_are_broken_by_device() {
        let low = Hlc::from_parts(7, 0, device(1));
        let high = Hlc::from_parts(7, 0, device(2));
        assert!(low < high);
    }

    #[test]
    fn observed_stamps_order_later_local_edits() {
        let mut clock = HlcClock::new(device(1));
        clock.tick(1_000);
        let remote = Hlc::from_parts(9_000, 4, device(2));
        clock.observe(remote, 1_500).unwrap();
        let local = clock.tick(1_600);
        assert!(local > remote);
        assert_eq!(local.device(), device(1));
    }

    #[test]
    fn a_stamp_a_year_ahead_is_refused_and_explained() {
        let mut clock = HlcClock::new(device(1));
        let before = clock;
        let year = 365 * 24 * 60 * 60 * 1000;
        let error = clock
            .observe(Hlc::from_parts(year + 10, 0, device(2)), 10)
            .unwrap_err();
        assert_eq!(error.ahead_hours, 365 * 24);
        assert!(error.to_string().contains("check the date and time"));
        assert_eq!(clock, before);
    }

    #[test]
    fn drift_exactly_at_the_bound_is_accepted() {
        let mut clock = HlcClock::new(device(1));
        let remote = Hlc::from_parts(MAX_CLOCK_DRIFT_MILLIS + 5, 0, device(2));
        assert!(clock.observe(remote, 5).is_ok());
    }

    proptest! {
        #[test]
        fn after_advancing_past_any_stamp_ahead_local_stamps_sort_after_it(
            ahead in 0u64..(10 * 365 * MAX_CLOCK_DRIFT_MILLIS),
            counter: u32,
            now in 0u64..1_000_000,
        ) {
            let mut clock = HlcClock::new(device(1));
            let remote = Hlc::from_parts(now + ahead, counter, device(2));
            clock.advance(remote);
            let local = clock.tick(now);
            prop_assert!(local > remote);
            prop_assert_eq!(local.device(), device(1));
        }

        #[test]
        fn stamps_strictly_increase(readings in proptest::collection::vec(0u64..1_000_000, 1..50)) {
            let mut clock = HlcClock::new(device(3));
            let mut previous = None;
            for reading in readings {
                let stamp = clock.tick(reading);
                if let Some(previous) = previous {
                    prop_assert!(stamp > previous);
                }
                prop_assert!(stamp.wall_millis() >= reading);
                previous = Some(stamp);
            }
        }
    }
}
