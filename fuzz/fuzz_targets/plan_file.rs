//! Feeds arbitrary bytes to the self-care plan file reader. It must never
//! panic, and whatever it accepts must write back to a file that reads to
//! the same plan.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stillpoint_core::selfcare::care_file::PlanFile;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = PlanFile::parse(data) {
        let written = file.to_bytes();
        assert_eq!(PlanFile::parse(&written).as_ref(), Ok(&file));
    }
});
