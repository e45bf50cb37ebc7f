//! Multi-value register: a free-text field that never silently drops an edit.
//!
//! A last-writer-wins register would keep only one of two notes written on
//! two tablets without either seeing the other. Here every version carries a
//! version vector of what its writer had seen of the field. A local write
//! replaces all versions the device holds, because the therapist saw them;
//! a merge keeps every version that no other version has seen. Two versions
//! left side by side are a conflict for the therapist to resolve; the newest
//! one (by stamp) is shown meanwhile.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::base::hlc::Hlc;
use crate::merge::version_vector::VersionVector;

/// One kept version of a field: its value, the stamp of the write that made
/// it, and what that writer had seen of the field (including the write).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Version<T> {
    #[serde(with = "crate::base::hlc_text")]
    stamp: Hlc,
    value: T,
    seen: VersionVector,
}

impl<T> Version<T> {
    /// The version's value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The stamp of the write that made it; its device is who wrote it.
    pub fn stamp(&self) -> Hlc {
        self.stamp
    }

    /// Whether this version's writer had seen everything `other`'s had, and
    /// more: then `other` was overwritten, not concurrent.
    fn supersedes(&self, other: &Self) -> bool {
        self.seen != other.seen && self.seen.includes(&other.seen)
    }
}

/// Why a stored register is not one that edits and merges could have made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HistoryError {
    /// The register holds no version at all.
    #[error("no version of it is stored")]
    Empty,
    /// A version's history does not record the version itself.
    #[error("the history of one version does not include that version")]
    SeenMissesOwnStamp,
    /// A version is kept although another one replaced it.
    #[error("a replaced version is still listed")]
    Superseded,
}

/// A field whose concurrent versions are all kept until resolved.
///
/// Invariant: at least one version, and no version supersedes another.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(transparent, bound(deserialize = "T: Deserialize<'de> + Ord"))]
pub struct Mvr<T: Ord> {
    versions: BTreeSet<Version<T>>,
}

impl<T: Ord + Clone> Mvr<T> {
    /// A register first written at `stamp`.
    pub fn new(value: T, stamp: Hlc) -> Self {
        let seen = std::iter::once(stamp).collect();
        Self {
            versions: BTreeSet::from([Version { stamp, value, seen }]),
        }
    }

    fn newest(&self) -> &Version<T> {
        self.versions
            .last()
            .expect("a register always holds at least one version")
    }

    /// The value shown: the newest version's.
    pub fn value(&self) -> &T {
        &self.newest().value
    }

    /// The stamp of the version shown.
    pub fn stamp(&self) -> Hlc {
        self.newest().stamp
    }

    /// Every kept version, newest (the one shown) first.
    pub fn versions(&self) -> impl Iterator<Item = &Version<T>> {
        self.versions.iter().rev()
    }

    /// Whether concurrent versions wait to be resolved.
    pub fn has_conflict(&self) -> bool {
        self.versions.len() > 1
    }

    /// Every stamp the register holds, including those in its histories.
    pub fn stamps(&self) -> impl Iterator<Item = Hlc> + '_ {
        self.versions
            .iter()
            .flat_map(|version| std::iter::once(version.stamp).chain(version.seen.stamps()))
    }

    /// An edit from a form made at `stamp`. It takes effect only if `value`
    /// differs from the value shown, so saving a form that left this field
    /// alone neither stamps it nor settles a conflict the therapist has not
    /// looked at. Returns whether it took effect.
    pub fn write(&mut self, value: T, stamp: Hlc) -> bool {
        *self.value() != value && self.replace(value, stamp)
    }

    /// The therapist's choice for a conflicting field, made at `stamp`: it
    /// replaces every kept version, even when it repeats the shown value.
    /// Returns whether anything changed.
    pub fn resolve(&mut self, value: T, stamp: Hlc) -> bool {
        (self.has_conflict() || *self.value() != value) && self.replace(value, stamp)
    }

    /// Replaces every version with one that has seen them all. A stamp that
    /// is not newer than the device's own earlier writes is refused: it would
    /// look already seen to other replicas and be dropped there.
    fn replace(&mut self, value: T, stamp: Hlc) -> bool {
        let mut seen = VersionVector::new();
        self.versions
            .iter()
            .for_each(|version| seen.join(&version.seen));
        if seen.covers(stamp) {
            return false;
        }
        seen.observe(stamp);
        self.versions = BTreeSet::from([Version { stamp, value, seen }]);
        true
    }

    /// Combines two replicas: every version that no other version supersedes
    /// is kept. Union followed by keeping the maximal elements of a partial
    /// order is commutative, associative and idempotent.
    pub fn merge(mut self, other: Self) -> Self {
        self.versions.extend(other.versions);
        let all = self.versions.clone();
        self.versions
            .retain(|version| !all.iter().any(|other| other.supersedes(version)));
        self
    }

    /// Checks the invariants of a register read from a file.
    pub fn check(&self) -> Result<(), HistoryError> {
        if self.versions.is_empty() {
            return Err(HistoryError::Empty);
        }
        if self
            .versions
            .iter()
            .any(|version| version.seen.get(version.stamp.device()) != Some(version.stamp))
        {
            return Err(HistoryError::SeenMissesOwnStamp);
        }
        let superseded = self
            .versions
            .iter()
            .any(|version| self.versions.iter().any(|other| other.supersedes(version)));
        if superseded {
            return Err(HistoryError::Superseded);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::ids::DeviceId;

    fn stamp(wall: u64, device: u8) -> Hlc {
        Hlc::from_parts(wall, 0, DeviceId::from_bytes([device; 16]))
    }

    fn values(register: &Mvr<&'static str>) -> Vec<&'static str> {
        register
            .versions()
            .map(|version| *version.value())
            .collect()
    }

    #[test]
    fn sequential_writes_on_one_device_leave_no_conflict() {
        let mut register = Mvr::new("a", stamp(1, 1));
        assert!(register.write("b", stamp(2, 1)));
        assert!(register.write("c", stamp(3, 1)));
        assert_eq!(values(&register), ["c"]);
        assert!(register.check().is_ok());
    }

    #[test]
    fn an_edit_made_after_seeing_the_other_overwrites_it() {
        let base = Mvr::new("a", stamp(1, 1));
        let mut other = base.clone();
        assert!(other.write("b", stamp(2, 2)));
        let mut seen_by_first = base.merge(other.clone());
        assert!(seen_by_first.write("c", stamp(3, 1)));
        let merged = other.merge(seen_by_first);
        assert_eq!(values(&merged), ["c"]);
    }

    #[test]
    fn concurrent_edits_are_both_kept_newest_shown() {
        let base = Mvr::new("a", stamp(1, 1));
        let mut left = base.clone();
        let mut right = base;
        assert!(left.write("left", stamp(5, 1)));
        assert!(right.write("right", stamp(4, 2)));
        let merged = left.clone().merge(right.clone());
        assert_eq!(merged, right.merge(left));
        assert_eq!(values(&merged), ["left", "right"]);
        assert!(merged.has_conflict());
        assert!(merged.check().is_ok());
    }

    #[test]
    fn saving_the_shown_value_keeps_the_conflict_but_resolving_ends_it() {
        let base = Mvr::new("a", stamp(1, 1));
        let (mut left, mut right) = (base.clone(), base);
        left.write("left", stamp(5, 1));
        right.write("right", stamp(4, 2));
        let mut merged = left.merge(right);
        assert!(!merged.write("left", stamp(6, 1)));
        assert!(merged.has_conflict());
        assert!(merged.resolve("left", stamp(6, 1)));
        assert_eq!(values(&merged), ["left"]);
        assert!(!merged.resolve("left", stamp(7, 1)));
    }

    #[test]
    fn a_stale_stamp_is_refused() {
        let mut register = Mvr::new("a", stamp(5, 1));
        assert!(!register.write("b", stamp(5, 1)));
        assert!(!register.write("b", stamp(4, 1)));
        assert_eq!(values(&register), ["a"]);
    }

    #[test]
    fn damaged_histories_are_reported() {
        let empty: Mvr<&str> = Mvr {
            versions: BTreeSet::new(),
        };
        assert_eq!(empty.check(), Err(HistoryError::Empty));
        let missing = Mvr {
            versions: BTreeSet::from([Version {
                stamp: stamp(2, 1),
                value: "a",
                seen: VersionVector::new(),
            }]),
        };
        assert_eq!(missing.check(), Err(HistoryError::SeenMissesOwnStamp));
        let mut newer = Mvr::new("a", stamp(1, 1));
        newer.write("b", stamp(2, 1));
        let stale = Mvr {
            versions: Mvr::new("a", stamp(1, 1))
                .versions
                .into_iter()
                .chain(newer.versions)
                .collect(),
        };
        assert_eq!(stale.check(), Err(HistoryError::Superseded));
    }
}
