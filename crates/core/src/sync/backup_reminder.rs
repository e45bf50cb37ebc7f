//! When to remind the therapist to back up.
//!
//! iPadOS may clear a web app's storage after 7 days without use, and a
//! tablet can be lost or broken any day: an export file kept elsewhere is
//! the only copy that survives either. A week is the longest the app lets
//! pass quietly.

/// Days after the last export before the reminder shows.
pub const BACKUP_INTERVAL_DAYS: u64 = 7;

const DAY_MILLIS: u64 = 24 * 60 * 60 * 1000;

/// Whether a reminder is due at `now_millis`, given when the last export
/// was made (`None`: never). A last export stamped in the future (a clock
/// set back since) counts as recent rather than nagging.
pub fn backup_is_due(last_export_millis: Option<u64>, now_millis: u64) -> bool {
    match last_export_millis {
        None => true,
        Some(last) => now_millis.saturating_sub(last) > BACKUP_INTERVAL_DAYS * DAY_MILLIS,
    }
}

/// Whole days since the last export, for "Last backup: 9 days ago".
pub fn days_since(last_export_millis: u64, now_millis: u64) -> u64 {
    now_millis.saturating_sub(last_export_millis) / DAY_MILLIS
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_795_771_470_000;

    #[test]
    fn never_backed_up_is_due() {
        assert!(backup_is_due(None, NOW));
    }

    #[test]
    fn due_only_after_seven_whole_days() {
        assert!(!backup_is_due(Some(NOW - 7 * DAY_MILLIS), NOW));
        assert!(backup_is_due(Some(NOW - 7 * DAY_MILLIS - 1), NOW));
        assert!(!backup_is_due(Some(NOW - DAY_MILLIS), NOW));
    }

    #[test]
    fn a_future_export_is_not_due() {
        assert!(!backup_is_due(Some(NOW + DAY_MILLIS), NOW));
        assert_eq!(days_since(NOW + DAY_MILLIS, NOW), 0);
    }

    #[test]
    fn counts_whole_days() {
        assert_eq!(days_since(NOW - 9 * DAY_MILLIS - 5, NOW), 9);
    }
}
