//! Version vectors: for each device, the newest of its stamps that a replica
//! has seen.
//!
//! A device's own stamps only ever rise, so "device D up to stamp S" stands
//! for every write D made up to S. That is what lets a text field tell an
//! edit made *after* seeing another (an overwrite) from one made without
//! seeing it (a conflict to keep), and what lets an export carry only the
//! changes a receiving device has not seen yet.

use std::collections::BTreeMap;

use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};

use crate::base::hlc::Hlc;
use crate::base::hlc_text::{self, MALFORMED_STAMP};
use crate::base::ids::DeviceId;

/// The newest stamp seen from each device.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct VersionVector {
    newest: BTreeMap<DeviceId, Hlc>,
}

impl VersionVector {
    /// A vector that has seen nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes note of `stamp`, keeping the newest stamp per device.
    pub fn observe(&mut self, stamp: Hlc) {
        self.newest
            .entry(stamp.device())
            .and_modify(|newest| *newest = (*newest).max(stamp))
            .or_insert(stamp);
    }

    /// Takes note of everything `other` has seen.
    pub fn join(&mut self, other: &Self) {
        for stamp in other.newest.values() {
            self.observe(*stamp);
        }
    }

    /// Whether the write stamped `stamp` is among those seen.
    pub fn covers(&self, stamp: Hlc) -> bool {
        self.newest
            .get(&stamp.device())
            .is_some_and(|newest| *newest >= stamp)
    }

    /// Whether everything `other` has seen is seen here too.
    pub fn includes(&self, other: &Self) -> bool {
        other.newest.values().all(|stamp| self.covers(*stamp))
    }

    /// Whether nothing has been seen.
    pub fn is_empty(&self) -> bool {
        self.newest.is_empty()
    }

    /// The newest stamp seen from `device`, if any.
    pub fn get(&self, device: DeviceId) -> Option<Hlc> {
        self.newest.get(&device).copied()
    }

    /// The newest stamp of every device seen, in device order.
    pub fn stamps(&self) -> impl Iterator<Item = Hlc> + '_ {
        self.newest.values().copied()
    }
}

impl FromIterator<Hlc> for VersionVector {
    fn from_iter<I: IntoIterator<Item = Hlc>>(stamps: I) -> Self {
        let mut vector = Self::new();
        stamps.into_iter().for_each(|stamp| vector.observe(stamp));
        vector
    }
}

/// Written as a list of stamps in device order: each stamp names its device.
impl Serialize for VersionVector {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.newest.values().map(|stamp| hlc_text::format(*stamp)))
    }
}

/// Read strictly: a device listed twice makes the vector ambiguous, so it is
/// refused as a damaged clock value.
impl<'de> Deserialize<'de> for VersionVector {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let texts = Vec::<std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        let mut newest = BTreeMap::new();
        for text in texts {
            let stamp = hlc_text::parse(&text).map_err(D::Error::custom)?;
            if newest.insert(stamp.device(), stamp).is_some() {
                return Err(D::Error::custom(format_args!(
                    "{MALFORMED_STAMP} “{text}”: its device is listed twice"
                )));
            }
        }
        Ok(Self { newest })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(wall: u64, device: u8) -> Hlc {
        Hlc::from_parts(wall, 0, DeviceId::from_bytes([device; 16]))
    }

    #[test]
    fn keeps_the_newest_stamp_per_device() {
        let vector: VersionVector = [stamp(5, 1), stamp(3, 1), stamp(4, 2)]
            .into_iter()
            .collect();
        assert_eq!(vector.get(stamp(0, 1).device()), Some(stamp(5, 1)));
        assert!(vector.covers(stamp(4, 1)));
        assert!(!vector.covers(stamp(6, 1)));
        assert!(!vector.covers(stamp(1, 3)));
    }

    #[test]
    fn includes_is_per_device() {
        let small: VersionVector = [stamp(2, 1)].into_iter().collect();
        let mut large: VersionVector = [stamp(3, 1), stamp(1, 2)].into_iter().collect();
        assert!(large.includes(&small));
        assert!(!small.includes(&large));
        large.join(&[stamp(9, 3)].into_iter().collect());
        assert!(large.covers(stamp(9, 3)));
    }

    #[test]
    fn serde_round_trip_and_duplicate_devices_refused() {
        let vector: VersionVector = [stamp(2, 1), stamp(7, 2)].into_iter().collect();
        let json = serde_json::to_string(&vector).unwrap();
        assert_eq!(
            serde_json::from_str::<VersionVector>(&json).unwrap(),
            vector
        );
        let twice =
            serde_json::to_string(&[hlc_text::format(stamp(1, 1)), hlc_text::format(stamp(2, 1))])
                .unwrap();
        let error = serde_json::from_str::<VersionVector>(&twice).unwrap_err();
        assert!(error.to_string().contains("listed twice"), "{error}");
    }
}
