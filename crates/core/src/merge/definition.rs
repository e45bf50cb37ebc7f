//! A definition the therapist keeps for the whole practice — one of their
//! own contraindication rules or outcome instruments — as a record that
//! syncs: one last-writer-wins register for its content and a removal
//! tombstone.
//!
//! Both halves are registers ordered by the hybrid logical clock (ties go to
//! the device id inside the stamp), so two devices that edit or remove the
//! same definition end up with the same one, and a removal travels in files
//! like any edit: importing a file made before it never brings the
//! definition back. The record also keeps every stamp it has held
//! ([`Definition::seen`]), so what a device has seen never shrinks when a
//! later write replaces an earlier one.

use serde::{Deserialize, Serialize};

use crate::base::hlc::Hlc;
use crate::base::ids::{DeviceId, RecordId};
use crate::merge::lww::Lww;
use crate::merge::version_vector::VersionVector;

/// One of the therapist's own definitions, with its sync stamps.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition<T> {
    id: RecordId,
    value: Lww<T>,
    removed: Lww<bool>,
    seen: VersionVector,
}

impl<T: PartialEq> Definition<T> {
    /// A new definition `id` holding `value`, made at `stamp`.
    pub fn create(id: RecordId, value: T, stamp: Hlc) -> Self {
        Self {
            id,
            value: Lww::new(value, stamp),
            removed: Lww::new(false, stamp),
            seen: std::iter::once(stamp).collect(),
        }
    }

    /// A definition saved before sync existed, which has no stamp: it is
    /// given the earliest stamp there is (time zero, the all-zero device),
    /// the same on every reading, so any real edit or removal wins over it.
    pub fn before_sync(id: RecordId, value: T) -> Self {
        Self::create(
            id,
            value,
            Hlc::from_parts(0, 0, DeviceId::from_bytes([0; 16])),
        )
    }

    /// Replaces the content with `value`, edited at `stamp`. Returns whether
    /// anything changed.
    pub fn edit(&mut self, value: T, stamp: Hlc) -> bool {
        let changed = self.value.write(value, stamp);
        if changed {
            self.seen.observe(stamp);
        }
        changed
    }

    /// Removes the definition at `stamp`; the record stays as a tombstone.
    /// Returns whether it was not removed already.
    pub fn remove(&mut self, stamp: Hlc) -> bool {
        let changed = self.removed.write(true, stamp);
        if changed {
            self.seen.observe(stamp);
        }
        changed
    }

    /// The record's permanent id.
    pub fn id(&self) -> RecordId {
        self.id
    }

    /// The content as last written, removed or not.
    pub fn value(&self) -> &T {
        self.value.value()
    }

    /// The content, unless the definition has been removed.
    pub fn current(&self) -> Option<&T> {
        (!self.is_removed()).then(|| self.value())
    }

    /// Whether the definition has been removed (and is kept only as a
    /// tombstone).
    pub fn is_removed(&self) -> bool {
        *self.removed.value()
    }

    /// The stamps of the last content write and the last removal write.
    pub fn stamps(&self) -> [Hlc; 2] {
        [self.value.stamp(), self.removed.stamp()]
    }

    /// Which changes this copy reflects: every stamp it has held.
    pub fn seen(&self) -> &VersionVector {
        &self.seen
    }

    /// Whether [`Self::seen`] covers the stamps the record holds, as it
    /// does for every record this module made.
    pub fn seen_is_complete(&self) -> bool {
        self.stamps()
            .into_iter()
            .all(|stamp| self.seen.covers(stamp))
    }
}

impl<T: Ord> Definition<T> {
    /// Combines two copies of this definition: each register keeps its
    /// newer write. Commutative, associative and idempotent.
    pub fn merge(self, other: Self) -> Self {
        let mut seen = self.seen;
        seen.join(&other.seen);
        Self {
            id: self.id,
            value: self.value.merge(other.value),
            removed: self.removed.merge(other.removed),
            seen,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(wall: u64, device: u8) -> Hlc {
        Hlc::from_parts(wall, 0, DeviceId::from_bytes([device; 16]))
    }

    fn made() -> Definition<String> {
        Definition::create(RecordId::from_bytes([1; 16]), "first".into(), stamp(1, 1))
    }

    #[test]
    fn the_later_edit_wins_whatever_the_order() {
        let mut left = made();
        let mut right = made();
        assert!(left.edit("left".into(), stamp(2, 1)));
        assert!(right.edit("right".into(), stamp(2, 2)));
        let merged = left.clone().merge(right.clone());
        assert_eq!(merged, right.merge(left));
        assert_eq!(merged.value(), "right", "a tie in time goes to the device");
        assert!(
            merged.seen().covers(stamp(2, 1)),
            "the lost write stays seen"
        );
    }

    #[test]
    fn a_removal_survives_an_older_copy() {
        let old = made();
        let mut removed = made();
        assert!(removed.remove(stamp(3, 2)));
        assert!(
            !removed.remove(stamp(4, 2)),
            "removing twice changes nothing"
        );
        let merged = old.clone().merge(removed.clone());
        assert_eq!(merged.current(), None);
        assert_eq!(merged.value(), "first", "the tombstone keeps its content");
        assert_eq!(removed.clone().merge(old), merged);
        assert!(merged.seen_is_complete());
    }

    #[test]
    fn definitions_from_before_sync_lose_to_any_edit() {
        let id = RecordId::from_bytes([1; 16]);
        let legacy = Definition::before_sync(id, "legacy".to_owned());
        assert_eq!(legacy, Definition::before_sync(id, "legacy".to_owned()));
        let mut edited = legacy.clone();
        assert!(edited.edit("edited".into(), stamp(1, 1)));
        assert_eq!(
            legacy.merge(edited).current().map(String::as_str),
            Some("edited")
        );
    }
}
