//! Stillpoint's domain core: the records a therapist keeps, the rules that
//! validate them, and the clocks and ids that let two devices merge them later.
//!
//! The code lives in areas whose dependencies run one way, each allowed to
//! use only the areas before it:
//!
//! [`base`] → [`merge`] → [`clients`] → [`outcomes`] → [`clinical`] →
//! [`selfcare`] → [`sync`]
//!
//! so a record area never depends on the file format that carries it, and
//! the foundation never learns about records. `tests/layering.rs` reads every
//! `crate::` path and fails on one that runs back up; each area's module doc
//! says what it holds and what it may use.
//!
//! Design choices that hold across every module:
//! - **No I/O.** Nothing here reads the system clock, randomness, files or the
//!   network. Callers hand those in through [`base::environment::Environment`], so the
//!   same code runs in the browser, in the CLI and in deterministic tests.
//! - **Records are merge-ready from the start.** Every editable field is a
//!   last-writer-wins register stamped with a hybrid logical clock
//!   ([`base::hlc::Hlc`]), and deletion is a stamped tombstone, never an erase.
//! - **Validation turns raw input into typed values.** Forms hand in strings;
//!   what comes back is either a value that cannot be invalid or a list of
//!   per-field errors worded for the therapist.
#![deny(missing_docs)]

pub mod base;
pub mod clients;
pub mod clinical;
pub mod merge;
pub mod outcomes;
pub mod selfcare;
pub mod sync;
