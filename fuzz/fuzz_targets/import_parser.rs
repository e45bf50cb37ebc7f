//! Feeds arbitrary bytes to the export-file parser. It must never panic,
//! and whatever it accepts must write back to a file that parses to the
//! same contents.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stillpoint_core::parse::parse;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = parse(data) {
        let written = file.to_bytes();
        assert_eq!(parse(&written).as_ref(), Ok(&file));
    }
});
