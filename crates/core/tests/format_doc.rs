//! The example client in `docs/export-format.md` is a valid record with the
//! conflict the text describes, so the document cannot drift from the code.

use serde_json::{json, Value};
use stillpoint_core::canonical::{checksum, to_canonical};
use stillpoint_core::client_sync::TextField;
use stillpoint_core::parse::parse;

const DOC: &str = include_str!("../../../docs/export-format.md");

/// The JSON code block that holds `marker`.
fn json_block(marker: &str) -> Value {
    let block = DOC
        .split("```json\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap())
        .find(|block| block.contains(marker))
        .expect("the document has the example");
    serde_json::from_str(block).unwrap()
}

#[test]
fn the_documented_client_parses_with_its_conflict() {
    let client = json_block("Laptop: left shoulder");
    let device_a = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
    let records = json!({ "clients": [client] });
    let envelope = json!({
        "checksum": checksum(&records),
        "counts": {"clients": 1},
        "device": device_a,
        "format": "stillpoint-export",
        "high_water": format!("1735729200000:0:{device_a}"),
        "records": records,
        "schema_version": 1,
        "since": null,
    });
    let file = parse(&to_canonical(&envelope)).unwrap();
    let client = file.dataset().clients().next().unwrap();
    assert_eq!(client.notes(), "Tablet: right hip");
    let conflicts = client.conflicts();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].field, TextField::Notes);
    assert_eq!(conflicts[0].versions[1].text, "Laptop: left shoulder");
}
