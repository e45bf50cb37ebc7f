//! Moving a practice between devices: the record kinds and how each takes
//! part in sync, the dataset of everything one device holds, the export
//! envelope and its canonical checksum, strict parsing, the import preview,
//! the jobs the sync worker runs, the sync log (what each other device
//! holds), the backup reminder, and clinic sync's rules (bundles through
//! a CouchDB server).
//!
//! **May use:** every other area; nothing may use this one, so the file
//! format can change without touching the records it carries.

pub mod backup_reminder;
pub mod canonical;
pub mod clinic;
pub mod dataset;
pub mod device_name;
pub mod export;
pub mod import;
pub mod parse;
pub mod sync_job;
pub mod sync_kinds;
pub mod sync_log;
