//! Stillpoint's domain core: the records a therapist keeps, the rules that
//! validate them, and the clocks and ids that let two devices merge them later.
//!
//! Design choices that hold across every module:
//! - **No I/O.** Nothing here reads the system clock, randomness, files or the
//!   network. Callers hand those in through [`environment::Environment`], so the
//!   same code runs in the browser, in the CLI and in deterministic tests.
//! - **Records are merge-ready from the start.** Every editable field is a
//!   last-writer-wins register stamped with a hybrid logical clock
//!   ([`hlc::Hlc`]), and deletion is a stamped tombstone, never an erase.
//! - **Validation turns raw input into typed values.** Forms hand in strings;
//!   what comes back is either a value that cannot be invalid or a list of
//!   per-field errors worded for the therapist.
#![deny(missing_docs)]

pub mod alert_override;
pub mod amendment;
pub mod backup_reminder;
pub mod benefit;
pub mod body_chart;
pub mod body_regions;
pub mod canonical;
pub mod catalogue;
pub mod change;
pub mod client;
pub mod client_sync;
pub mod contraindication_rules;
pub mod cst_findings;
pub mod csv;
pub mod custom_instrument;
pub mod dataset;
pub mod date;
pub mod definition;
pub mod environment;
pub mod export;
pub mod finite;
pub mod gset;
pub mod health_history;
pub mod hlc;
pub mod hlc_text;
pub mod ids;
pub mod import;
pub mod instrument;
pub mod intake;
pub mod lww;
pub mod massage_work;
pub mod measure;
pub mod mvr;
pub mod parse;
pub mod passphrase;
pub mod plan;
pub mod posture;
pub mod practice;
pub mod progress;
pub mod recency;
pub mod scale;
pub mod scoring;
pub mod screening;
pub mod search;
pub mod selfcare;
pub mod session;
pub mod session_form;
pub mod session_note;
pub mod session_ratings;
pub mod signature;
pub mod since_last_time;
pub mod stats;
pub mod sync_job;
pub mod sync_kinds;
pub mod technique_list;
pub mod text_limit;
pub mod text_match;
pub mod time_of_day;
pub mod toggle;
pub mod version_chain;
pub mod version_vector;
