//! The self-care plan file the browser tests give a client's phone
//! (`tests/e2e/fixtures/care-plan.json`), made here by core so it is always
//! a file the current build writes and reads. The test fails if the checked
//! in file differs; `UPDATE_FIXTURES=1 cargo test -p stillpoint-core --test
//! care_fixtures` writes it again.

use std::path::PathBuf;

use stillpoint_core::base::hlc::Hlc;
use stillpoint_core::base::ids::{DeviceId, RecordId};
use stillpoint_core::selfcare::care_file::PlanFile;
use stillpoint_core::selfcare::care_plan::{CarePlanInput, NewVersion, PlannedItemInput};
use stillpoint_core::selfcare::library::{builtin_items, LibraryKey};

/// The client id the fixture names; the browser test puts the id of the
/// client it created in its place.
const FIXTURE_CLIENT: &str = "00000000-0000-4000-8000-0000000000c1";

fn fixture() -> PlanFile {
    let library = builtin_items();
    let items = [
        "neck-side-stretch",
        "longer-out-breath",
        "jaw-rest-position",
    ]
    .into_iter()
    .map(|key| {
        let (_, item) = library
            .iter()
            .find(|(found, _)| *found == key)
            .expect("a built-in item");
        PlannedItemInput {
            item: item.to_input(),
            source: Some(LibraryKey::Builtin(key.to_owned())),
            goals: Vec::new(),
        }
    })
    .collect();
    let plan = CarePlanInput {
        items,
        message: "Little and often is best. See you in two weeks.".to_owned(),
    }
    .validate(
        NewVersion {
            id: "00000000-0000-4000-8000-0000000000f1".parse().unwrap(),
            client: FIXTURE_CLIENT.parse().unwrap(),
            previous: None,
            stamp: Hlc::from_parts(1_767_600_000_000, 0, DeviceId::from_bytes([0xd1; 16])),
            written: "2026-01-05".parse().unwrap(),
        },
        None,
    )
    .expect("the fixture plan is valid");
    PlanFile::new(
        plan,
        "Fixture Client".to_owned(),
        "Sam Rivera".to_owned(),
        Vec::new(),
    )
}

#[test]
fn the_browser_tests_plan_file_is_current() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/e2e/fixtures/care-plan.json");
    let bytes = fixture().to_bytes();
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &bytes).unwrap();
    }
    let checked_in = std::fs::read(&path).expect("the fixture is checked in");
    assert_eq!(
        String::from_utf8_lossy(&checked_in),
        String::from_utf8_lossy(&bytes),
        "run with UPDATE_FIXTURES=1 to write it again"
    );
    let parsed = PlanFile::parse(&checked_in).unwrap();
    assert_eq!(
        parsed.plan.client(),
        FIXTURE_CLIENT.parse::<RecordId>().unwrap()
    );
}
