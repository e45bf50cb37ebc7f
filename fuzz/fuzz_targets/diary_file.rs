//! Feeds arbitrary bytes to the diary file reader. It must never panic,
//! and whatever it accepts must write back to a file that reads to the
//! same diary.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stillpoint_core::selfcare::care_file::DiaryFile;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = DiaryFile::parse(data) {
        let written = file.to_bytes();
        assert_eq!(DiaryFile::parse(&written).as_ref(), Ok(&file));
    }
});
