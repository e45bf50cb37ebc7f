//! `docs/care-files.md` stays true: its example plan and diary files parse,
//! and the diary fits the plan.

use stillpoint_core::selfcare::care_file::{DiaryFile, PlanFile};

fn examples() -> Vec<String> {
    let doc = include_str!("../../../docs/care-files.md");
    doc.split("```json\n")
        .skip(1)
        .map(|block| block.split("\n```").next().unwrap().to_owned())
        .collect()
}

#[test]
fn the_documented_files_parse_and_fit() {
    let examples = examples();
    assert_eq!(examples.len(), 2);
    let plan = PlanFile::parse(examples[0].as_bytes()).unwrap();
    let diary = DiaryFile::parse(examples[1].as_bytes()).unwrap();
    assert_eq!(plan.client_name, "Ada");
    assert!(diary.diary.fits(&plan.plan));
}
