//! The example records in `docs/export-format.md` are valid records (the
//! client with the conflict the text describes, the removed rule), so the
//! document cannot drift from the code.

use serde_json::{json, Value};
use stillpoint_core::clients::client_sync::TextField;
use stillpoint_core::clinical::contraindication_rules::OwnRule;
use stillpoint_core::sync::canonical::{checksum, to_canonical};
use stillpoint_core::sync::dataset::RecordKind;
use stillpoint_core::sync::export::SCHEMA_VERSION;
use stillpoint_core::sync::parse::parse;

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

#[test]
fn the_documented_records_of_every_other_kind_parse() {
    let examples = [
        (RecordKind::Intake, "Fewer headaches"),
        (
            RecordKind::SessionDraft,
            "\"carried_from\": null,\n \"created\"",
        ),
        (RecordKind::Amendment, "Plan agreed after the session"),
        (RecordKind::Measure, "\"timing\": \"standalone\""),
        (RecordKind::PlanVersion, "Garden without pain"),
        (RecordKind::CustomRule, "Recent whiplash"),
        (RecordKind::CustomInstrument, "Jaw function checklist"),
    ];
    let mut records = serde_json::Map::new();
    let mut counts = serde_json::Map::new();
    for kind in RecordKind::ALL {
        let list: Vec<Value> = examples
            .iter()
            .filter(|(example, _)| *example == kind)
            .map(|(_, marker)| json_block(marker))
            .collect();
        counts.insert(kind.plural().to_owned(), json!(list.len()));
        records.insert(kind.plural().to_owned(), Value::Array(list));
    }
    let records = Value::Object(records);
    let device = "01010101-0101-4101-8101-010101010101";
    let envelope = json!({
        "checksum": checksum(&records),
        "counts": counts,
        "device": device,
        "format": "stillpoint-export",
        "high_water": format!("1764240009000:0:{device}"),
        "records": records,
        "schema_version": SCHEMA_VERSION,
        "since": null,
    });
    let file = parse(&to_canonical(&envelope)).unwrap();
    for (kind, _) in examples {
        assert_eq!(file.dataset().count(kind), 1, "{kind}");
    }
    let rules = file.dataset().records::<OwnRule>();
    assert!(
        rules.map(|rule| rule.current()).eq([None]),
        "the documented rule is removed"
    );
}
