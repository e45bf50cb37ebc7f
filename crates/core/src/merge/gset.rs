//! Grow-only set keyed by record id, for records that never change once
//! made: signed sessions, outcome measures, amendments.
//!
//! Such records need no registers or tombstones: merging two replicas is
//! their union. A corrected session is a new amendment record, never an edit,
//! so the set only grows and every device ends up with every record.

use std::collections::BTreeMap;

use crate::base::ids::RecordId;

/// A record that is fixed once made and known by its id.
pub trait Immutable: Ord {
    /// The record's permanent id.
    fn id(&self) -> RecordId;
}

/// The one of two copies of an immutable record to keep. Copies under one
/// id differ only in damaged data; keeping the greater keeps merging
/// order-independent even then.
pub fn keep_one<T: Immutable>(left: T, right: T) -> T {
    left.max(right)
}

/// Every immutable record of one kind, keyed by id.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct GrowOnlySet<T> {
    records: BTreeMap<RecordId, T>,
}

impl<T> Default for GrowOnlySet<T> {
    fn default() -> Self {
        Self {
            records: BTreeMap::new(),
        }
    }
}

impl<T: Immutable> GrowOnlySet<T> {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a record; of two copies under one id, [`keep_one`] decides.
    pub fn insert(&mut self, record: T) {
        let record = match self.records.remove(&record.id()) {
            Some(kept) => keep_one(kept, record),
            None => record,
        };
        self.records.insert(record.id(), record);
    }

    /// Combines two replicas: their union.
    pub fn merge(mut self, other: Self) -> Self {
        other
            .records
            .into_values()
            .for_each(|record| self.insert(record));
        self
    }

    /// The record with `id`, if present.
    pub fn get(&self, id: RecordId) -> Option<&T> {
        self.records.get(&id)
    }

    /// Every record, in id order.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.records.values()
    }

    /// How many records the set holds.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the set holds no record.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
    struct Measure {
        id: u8,
        score: u8,
    }

    impl Immutable for Measure {
        fn id(&self) -> RecordId {
            RecordId::from_bytes([self.id; 16])
        }
    }

    fn set(records: Vec<(u8, u8)>) -> GrowOnlySet<Measure> {
        let mut set = GrowOnlySet::new();
        for (id, score) in records {
            set.insert(Measure { id, score });
        }
        set
    }

    fn records() -> impl Strategy<Value = Vec<(u8, u8)>> {
        proptest::collection::vec((0u8..6, 0u8..3), 0..8)
    }

    #[test]
    fn merge_is_the_union() {
        let merged = set(vec![(1, 0)]).merge(set(vec![(2, 0), (1, 0)]));
        assert_eq!(merged.len(), 2);
        assert!(merged.get(RecordId::from_bytes([2; 16])).is_some());
    }

    proptest! {
        #[test]
        fn merge_is_commutative_associative_idempotent(a in records(), b in records(), c in records()) {
            let (a, b, c) = (set(a), set(b), set(c));
            prop_assert_eq!(a.clone().merge(b.clone()), b.clone().merge(a.clone()));
            prop_assert_eq!(
                a.clone().merge(b.clone()).merge(c.clone()),
                a.clone().merge(b.clone().merge(c))
            );
            prop_assert_eq!(a.clone().merge(a.clone()), a);
        }
    }
}
