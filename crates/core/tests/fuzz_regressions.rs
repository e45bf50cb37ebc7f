//! Every input the fuzz targets in `fuzz/` found failing, kept as a plain
//! test (`cargo test`, no nightly). Each test names its target and what it
//! found; `BENCHMARKS.md` ("Reliability") lists the runs.

use stillpoint_core::sync::export::SCHEMA_VERSION;
use stillpoint_core::sync::parse::parse;

/// `import_parser`, 2026-12-04, at its 6th execution: the seed
/// `fuzz/corpus/import_parser/empty-practice.json`, a schema 1 file. It
/// reads (reporting schema 1) and writes back as the current schema, so the
/// written file reads as schema 4 and the two `ExportFile`s differ in
/// `schema_version` alone. Not a parser bug — an older backup is meant to
/// be read into today's shapes and written as today's schema — but the
/// target's round trip compared whole files; it now compares contents,
/// and checks the written file is the current schema and writes itself
/// back byte for byte.
#[test]
fn an_older_schema_file_writes_back_as_the_current_schema_with_the_same_contents() {
    let old = br#"{"checksum":"sha256:f720891d25220c760892a75cfdb44d1c00e46188d390958a4460a25a31e4eeaf","counts":{"clients":0},"device":"c15c0289-ec2d-4a91-a7ec-8e65a18debbe","format":"stillpoint-export","high_water":"0:0:c15c0289-ec2d-4a91-a7ec-8e65a18debbe","records":{"clients":[]},"schema_version":1,"since":null}"#;
    let file = parse(old).unwrap();
    assert_eq!(file.schema_version(), 1);
    let written = file.to_bytes();
    let again = parse(&written).unwrap();
    assert_eq!(again.schema_version(), SCHEMA_VERSION);
    assert_eq!(again.high_water(), file.high_water());
    assert_eq!(again.since(), file.since());
    assert_eq!(again.dataset(), file.dataset());
    assert_eq!(again.to_bytes(), written);
}
