//! Feeds arbitrary bytes to the export-file parser. It must never panic,
//! and whatever it accepts must write back to a file of the current schema
//! that parses to the same contents and writes itself back byte for byte.
//! (An older schema's file is written as the current schema, so the schema
//! version is the one thing allowed to change:
//! `crates/core/tests/fuzz_regressions.rs`.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use stillpoint_core::sync::export::SCHEMA_VERSION;
use stillpoint_core::sync::parse::parse;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = parse(data) {
        let written = file.to_bytes();
        let again = parse(&written).expect("a written file parses");
        assert_eq!(again.schema_version(), SCHEMA_VERSION);
        assert_eq!(again.high_water(), file.high_water());
        assert_eq!(again.since(), file.since());
        assert_eq!(again.dataset(), file.dataset());
        assert_eq!(again.to_bytes(), written);
    }
});
