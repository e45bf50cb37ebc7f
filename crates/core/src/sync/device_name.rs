//! What people call each device ("Reception laptop", "Ada's iPad"), so
//! the sync page and conflicts name devices as people do, never as
//! "device f9633062".
//!
//! A name is a synced record like any other: the device names itself in
//! Settings, the record travels in every export, and an importing device
//! learns the names of the devices it has heard of. One register per
//! device, last writer wins: a device is renamed by whoever holds it, and
//! two renames made apart settle on the later one everywhere.

use serde::{Deserialize, Serialize};

use crate::base::hlc::Hlc;
use crate::base::ids::{DeviceId, RecordId};
use crate::base::text_limit::trimmed;
use crate::merge::lww::Lww;

/// Longest device name, in characters: long enough for "Reception laptop
/// (front desk, 2nd floor)", short enough for a line on the sync page.
pub const MAX_DEVICE_NAME_CHARS: usize = 60;

/// Why a name typed for this device was refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum DeviceNameError {
    /// Nothing but spaces.
    #[error("Give this device a name, for example “Treatment room iPad”.")]
    Blank,
    /// Longer than [`MAX_DEVICE_NAME_CHARS`].
    #[error("Keep the name to {MAX_DEVICE_NAME_CHARS} characters or fewer.")]
    TooLong,
}

/// One device's name, as last set.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceName {
    id: RecordId,
    device: DeviceId,
    name: Lww<String>,
}

/// What the device id's bytes are mixed with to give its name's record id.
const NAME_ID_MASK: u8 = 0x5A;

/// The record id under which `device`'s name is kept: made from the device
/// id alone, so every device files a device's name under the same id and
/// two name records for one device cannot exist. Mixed, not copied, so a
/// name's id is never the device's own id, which other tools show.
pub fn name_record_id(device: DeviceId) -> RecordId {
    RecordId::from_bytes(device.to_bytes().map(|byte| byte ^ NAME_ID_MASK))
}

/// `text` as a device name: trimmed, not blank, not too long.
fn cleaned(text: &str) -> Result<String, DeviceNameError> {
    let cleaned = trimmed(text, MAX_DEVICE_NAME_CHARS).map_err(|_| DeviceNameError::TooLong)?;
    if cleaned.is_empty() {
        Err(DeviceNameError::Blank)
    } else {
        Ok(cleaned)
    }
}

impl DeviceName {
    /// `device` named `text` by a write at `stamp`.
    pub fn new(device: DeviceId, text: &str, stamp: Hlc) -> Result<Self, DeviceNameError> {
        Ok(Self {
            id: name_record_id(device),
            device,
            name: Lww::new(cleaned(text)?, stamp),
        })
    }

    /// This record renamed to `text` at `stamp`.
    pub fn renamed(&self, text: &str, stamp: Hlc) -> Result<Self, DeviceNameError> {
        let mut next = self.clone();
        next.name.write(cleaned(text)?, stamp);
        Ok(next)
    }

    /// The record's id ([`name_record_id`] of its device).
    pub fn id(&self) -> RecordId {
        self.id
    }

    /// The device named.
    pub fn device(&self) -> DeviceId {
        self.device
    }

    /// The name.
    pub fn name(&self) -> &str {
        self.name.value()
    }

    /// The stamp of the write that set the name.
    pub fn stamp(&self) -> Hlc {
        self.name.stamp()
    }

    /// Two copies of one device's name combined: the later write wins.
    pub fn merge(self, other: Self) -> Self {
        Self {
            id: self.id,
            device: self.device,
            name: self.name.merge(other.name),
        }
    }

    /// Whether the record is what Settings would store: its id belongs to
    /// its device and its name is tidy. A file holding anything else is
    /// refused, so a hostile file cannot file one device's name under
    /// another's id.
    pub fn is_as_entered(&self) -> bool {
        self.id == name_record_id(self.device)
            && cleaned(self.name()).is_ok_and(|name| name == self.name())
    }
}

/// How a device reads wherever one is named: its name when known, else
/// the first part of its id ("device f9633062"), which is what a device
/// that never exported since naming itself can be told by.
pub fn device_label(device: DeviceId, names: &[DeviceName]) -> String {
    names
        .iter()
        .find(|named| named.device == device)
        .map(|named| named.name().to_owned())
        .unwrap_or_else(|| {
            let id = device.to_string();
            format!("device {}", id.split('-').next().unwrap_or(&id))
        })
}

/// A name for a device that has none yet, from what its browser says it
/// is (its user agent and whether its screen takes touch): what a
/// therapist would call it ("iPad", "Android tablet", "Windows computer").
/// iPadOS reports itself as a Mac, so a Mac with a touch screen is an iPad.
pub fn default_device_name(user_agent: &str, touch_screen: bool) -> String {
    let has = |part: &str| user_agent.contains(part);
    let name = if has("iPad") || (has("Macintosh") && touch_screen) {
        "iPad"
    } else if has("iPhone") {
        "iPhone"
    } else if has("Android") && has("Mobile") {
        "Android phone"
    } else if has("Android") {
        "Android tablet"
    } else if has("CrOS") {
        "Chromebook"
    } else if has("Macintosh") {
        "Mac"
    } else if has("Windows") {
        "Windows computer"
    } else if has("Linux") {
        "Linux computer"
    } else {
        "This device"
    };
    name.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::hlc::Hlc;
    use proptest::prelude::*;

    fn device(byte: u8) -> DeviceId {
        DeviceId::from_bytes([byte; 16])
    }

    fn stamp(millis: u64, byte: u8) -> Hlc {
        Hlc::from_parts(millis, 0, device(byte))
    }

    #[test]
    fn names_are_trimmed_and_refused_when_blank_or_long() {
        let named = DeviceName::new(device(1), "  Reception laptop ", stamp(1, 1)).unwrap();
        assert_eq!(named.name(), "Reception laptop");
        assert!(named.is_as_entered());
        assert_eq!(
            DeviceName::new(device(1), "   ", stamp(1, 1)),
            Err(DeviceNameError::Blank)
        );
        let long = "x".repeat(MAX_DEVICE_NAME_CHARS + 1);
        assert_eq!(
            DeviceName::new(device(1), &long, stamp(1, 1)),
            Err(DeviceNameError::TooLong)
        );
    }

    #[test]
    fn a_name_filed_under_another_devices_id_is_not_as_entered() {
        let mut named = DeviceName::new(device(1), "iPad", stamp(1, 1)).unwrap();
        named.id = name_record_id(device(2));
        assert!(!named.is_as_entered());
    }

    #[test]
    fn a_name_is_filed_under_an_id_of_its_own_device() {
        assert_eq!(name_record_id(device(1)), name_record_id(device(1)));
        assert_ne!(name_record_id(device(1)), name_record_id(device(2)));
        assert_ne!(name_record_id(device(1)).to_string(), device(1).to_string());
    }

    #[test]
    fn devices_read_by_name_or_by_the_start_of_their_id() {
        let names = [DeviceName::new(device(1), "Treatment room iPad", stamp(1, 1)).unwrap()];
        assert_eq!(device_label(device(1), &names), "Treatment room iPad");
        let unnamed = device(2);
        let start = unnamed.to_string()[..8].to_owned();
        assert_eq!(device_label(unnamed, &names), format!("device {start}"));
    }

    #[test]
    fn a_default_name_from_what_the_browser_says() {
        let cases = [
            (
                "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)",
                false,
                "iPad",
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari",
                true,
                "iPad",
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari",
                false,
                "Mac",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; SM-X710) Chrome/120 Safari",
                true,
                "Android tablet",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/120 Mobile Safari",
                true,
                "Android phone",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128",
                false,
                "Windows computer",
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64) Chrome/156",
                false,
                "Linux computer",
            ),
            ("", false, "This device"),
        ];
        for (agent, touch, expected) in cases {
            assert_eq!(default_device_name(agent, touch), expected, "{agent}");
        }
    }

    proptest! {
        #[test]
        fn merging_names_is_a_join(
            writes in proptest::collection::vec((0u64..50, 0u8..3, "[a-z]{1,8}"), 1..6),
        ) {
            let copies: Vec<DeviceName> = writes
                .iter()
                .map(|(millis, by, text)| DeviceName::new(device(9), text, stamp(*millis, *by)).unwrap())
                .collect();
            let forward = copies.iter().cloned().reduce(DeviceName::merge).unwrap();
            let backward = copies.iter().rev().cloned().reduce(DeviceName::merge).unwrap();
            prop_assert_eq!(&forward, &backward);
            prop_assert_eq!(forward.clone().merge(forward.clone()), forward.clone());
            let latest = copies.iter().map(DeviceName::stamp).max().unwrap();
            prop_assert_eq!(forward.stamp(), latest);
        }
    }
}
