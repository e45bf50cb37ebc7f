//! Last-writer-wins register: one field's value with the stamp of the edit
//! that set it.
//!
//! A later stamp replaces an earlier one and an older write never overwrites a
//! newer one, whatever order edits arrive in. Because stamps are totally
//! ordered (wall time, counter, device), two devices holding the same pair of
//! writes always keep the same one.

use serde::{Deserialize, Serialize};

use crate::base::hlc::Hlc;

/// A value and the stamp of the write that set it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lww<T> {
    value: T,
    #[serde(with = "crate::base::hlc_text")]
    stamp: Hlc,
}

impl<T: PartialEq> Lww<T> {
    /// A register first written at `stamp`.
    pub fn new(value: T, stamp: Hlc) -> Self {
        Self { value, stamp }
    }

    /// The current value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The stamp of the write that set the current value.
    pub fn stamp(&self) -> Hlc {
        self.stamp
    }

    /// Records a write made at `stamp`. It takes effect only if it is newer
    /// than the current write and changes the value; returns whether it did.
    /// Writing an unchanged value keeps the old stamp so an untouched field
    /// never wins a merge it did not take part in.
    pub fn write(&mut self, value: T, stamp: Hlc) -> bool {
        if stamp <= self.stamp || value == self.value {
            return false;
        }
        self.value = value;
        self.stamp = stamp;
        true
    }
}

impl<T: Ord> Lww<T> {
    /// Combines two replicas of the same register: the newer write wins.
    /// Two different values under one stamp only come from a damaged file;
    /// the greater value wins then, so merging stays order-independent even
    /// for such input.
    pub fn merge(self, other: Self) -> Self {
        if (other.stamp, &other.value) > (self.stamp, &self.value) {
            other
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::ids::DeviceId;

    fn stamp(wall: u64, device: u8) -> Hlc {
        Hlc::from_parts(wall, 0, DeviceId::from_bytes([device; 16]))
    }

    #[test]
    fn newer_write_replaces_value() {
        let mut register = Lww::new("a", stamp(1, 1));
        assert!(register.write("b", stamp(2, 1)));
        assert_eq!(*register.value(), "b");
    }

    #[test]
    fn older_write_is_ignored() {
        let mut register = Lww::new("new", stamp(5, 1));
        assert!(!register.write("old", stamp(4, 1)));
        assert_eq!(*register.value(), "new");
    }

    #[test]
    fn unchanged_value_keeps_its_stamp() {
        let mut register = Lww::new("same", stamp(1, 1));
        assert!(!register.write("same", stamp(9, 1)));
        assert_eq!(register.stamp(), stamp(1, 1));
    }

    #[test]
    fn merge_is_order_independent() {
        let left = Lww::new("left", stamp(3, 1));
        let right = Lww::new("right", stamp(3, 2));
        assert_eq!(left.clone().merge(right.clone()), right.clone().merge(left));
    }

    #[test]
    fn merge_is_order_independent_even_for_a_reused_stamp() {
        let left = Lww::new("left", stamp(3, 1));
        let right = Lww::new("right", stamp(3, 1));
        assert_eq!(left.clone().merge(right.clone()), right.merge(left));
    }

    #[test]
    fn stamps_are_stored_as_text() {
        let register = Lww::new(true, stamp(3, 1));
        let json = serde_json::to_value(&register).unwrap();
        assert_eq!(json["stamp"], crate::base::hlc_text::format(stamp(3, 1)));
        assert_eq!(serde_json::from_value::<Lww<bool>>(json).unwrap(), register);
    }
}
