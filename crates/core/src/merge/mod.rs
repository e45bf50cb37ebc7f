//! The merge building blocks records are made of: last-writer-wins and
//! multi-value registers, grow-only sets, version vectors, version chains of
//! never-edited records, and the therapist's definitions built from them.
//!
//! Each type here obeys the merge laws (commutative, associative,
//! idempotent), checked by the property tests in `tests/laws.rs`, so two
//! devices that exchange files converge whatever order they merge in.
//!
//! **May use:** [`crate::base`].

pub mod definition;
pub mod gset;
pub mod lww;
pub mod mvr;
pub mod version_chain;
pub mod version_vector;
