//! When to explain adding the app to the Home Screen.
//!
//! Safari may clear the storage of a site that is not on the Home Screen
//! after some days without a visit; added to the Home Screen (or installed
//! on Chromium), the app's data is kept. In a browser tab the app says so
//! briefly: from the start, and once more after the first client is saved,
//! when there is first something to lose. A second dismissal is final, and
//! an installed app never shows it.

use serde::{Deserialize, Serialize};

/// How far the therapist has gone with the Home Screen explanation, kept in
/// the device's settings.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub enum HomeScreenHint {
    /// Never dismissed: shows in a browser tab.
    #[default]
    Unseen,
    /// Dismissed while no client was saved: shows once more when one is.
    DismissedBeforeClients,
    /// Dismissed with clients saved: never shows again.
    Dismissed,
}

impl HomeScreenHint {
    /// Whether the explanation shows, for an app running `installed` or in
    /// a tab, on a device that holds clients or not.
    pub fn shows(self, installed: bool, has_clients: bool) -> bool {
        !installed
            && match self {
                Self::Unseen => true,
                Self::DismissedBeforeClients => has_clients,
                Self::Dismissed => false,
            }
    }

    /// What is kept when the therapist dismisses it.
    pub fn dismissed(self, has_clients: bool) -> Self {
        if has_clients {
            Self::Dismissed
        } else {
            Self::DismissedBeforeClients
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_in_a_tab_until_dismissed_and_once_more_after_the_first_client() {
        let hint = HomeScreenHint::default();
        assert!(hint.shows(false, false));
        let hint = hint.dismissed(false);
        assert!(!hint.shows(false, false));
        assert!(hint.shows(false, true));
        let hint = hint.dismissed(true);
        assert_eq!(hint, HomeScreenHint::Dismissed);
        assert!(!hint.shows(false, true));
    }

    #[test]
    fn dismissed_with_clients_already_saved_is_final() {
        assert_eq!(
            HomeScreenHint::Unseen.dismissed(true),
            HomeScreenHint::Dismissed
        );
    }

    #[test]
    fn never_shows_once_installed() {
        for hint in [
            HomeScreenHint::Unseen,
            HomeScreenHint::DismissedBeforeClients,
            HomeScreenHint::Dismissed,
        ] {
            assert!(!hint.shows(true, true) && !hint.shows(true, false));
        }
    }

    #[test]
    fn settings_stored_by_older_builds_read_as_unseen() {
        #[derive(Deserialize)]
        struct Settings {
            #[serde(default)]
            hint: HomeScreenHint,
        }
        let old: Settings = serde_json::from_str("{}").unwrap();
        assert_eq!(old.hint, HomeScreenHint::Unseen);
        let kept = serde_json::to_string(&HomeScreenHint::DismissedBeforeClients).unwrap();
        assert_eq!(kept, "\"DismissedBeforeClients\"");
    }
}
