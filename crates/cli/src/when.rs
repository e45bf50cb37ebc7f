//! Clock stamps as people read them, and the computer's clock.

use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::base::hlc::Hlc;

/// The computer's clock in milliseconds since the Unix epoch (0 if it is
/// set before 1970): what the core's checks take as "now".
pub fn now_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| {
            u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
        })
}

/// The UTC date and time of a stamp's wall clock, `YYYY-MM-DD HH:MM:SS UTC`.
pub fn utc(stamp: Hlc) -> String {
    let millis = stamp.wall_millis();
    let seconds_of_day = (millis / 1000) % 86_400;
    format!(
        "{} {:02}:{:02}:{:02} UTC",
        CalendarDate::from_unix_millis(millis),
        seconds_of_day / 3600,
        seconds_of_day / 60 % 60,
        seconds_of_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use stillpoint_core::base::ids::DeviceId;

    #[test]
    fn formats_the_wall_clock_in_utc() {
        let stamp = Hlc::from_parts(1_767_268_805_000, 3, DeviceId::from_bytes([1; 16]));
        assert_eq!(utc(stamp), "2026-01-01 12:00:05 UTC");
    }
}
