//! The foundation every other area stands on: how the core is handed time
//! and randomness, identifiers, clock stamps, dates, bounded text, numbers,
//! and the bounded reading of a JSON file.
//!
//! **May use:** nothing else in the core. Anything here that needed a record
//! type would tie the foundation to one use, so such code lives in the area
//! that owns the record.

pub mod csv;
pub mod date;
pub mod environment;
pub mod finite;
pub mod hlc;
pub mod hlc_text;
pub mod home_screen;
pub mod ids;
pub mod json_file;
pub mod json_outline;
pub mod passphrase;
pub mod recency;
pub mod scale;
pub mod stats;
pub mod text_limit;
pub mod text_match;
pub mod time_of_day;
pub mod toggle;
