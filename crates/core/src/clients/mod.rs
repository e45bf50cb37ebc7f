//! The client record, its merge and conflicts, and finding clients by name.
//!
//! **May use:** [`crate::base`], [`crate::merge`].

pub mod client;
pub mod client_sync;
pub mod search;
pub mod summary;
