//! The home-care library: items written for Stillpoint in plain language,
//! plus the therapist's own items and their edits of the built-in ones.
//!
//! Built-in items are data in this file, known by a stable key so a
//! therapist's edit of one (a [`LibraryItem`] that `replaces` that key)
//! shows in its place on every device. The therapist's items are
//! [`Definition`]s, like their own rules and instruments: the newest edit
//! wins, and removing one is a stamped tombstone so an older file cannot
//! bring it back.
//!
//! The texts are general wellness guidance for adults, not treatment: each
//! says when to stop and whom to call, and the therapist adapts every item
//! to the client when adding it to a plan.

use serde::{Deserialize, Serialize};

use super::care_item::{CareCategory, CareItem, CareItemInput, Period};
use crate::base::ids::RecordId;
use crate::clinical::screening::Alert;
use crate::merge::definition::Definition;

/// A built-in item, as written.
struct Seed {
    key: &'static str,
    category: CareCategory,
    title: &'static str,
    times: u8,
    per: Period,
    how_long: &'static str,
    how_to: &'static str,
    precautions: &'static str,
    stop_and_call: &'static str,
    /// The built-in contraindication rules whose alerts the precautions
    /// rule out: the composer flags the item for a client with one.
    conflicts: &'static [&'static str],
}

const STOP_NUMB: &str = "Stop if you feel numbness, tingling or pain spreading into an arm or hand, and tell your therapist.";
const STOP_HEAD: &str = "Stop and call your doctor if you get a sudden severe headache, dizziness, or changes in vision or speech.";
/// Both still-point items carry the same safety text: a still point works on
/// the pressure inside the skull, which the Upledger Institute's
/// contraindications to CranioSacral Therapy rule out for each of these.
const STILL_POINT_PRECAUTIONS: &str = "Not if you have a cerebral aneurysm, a Chiari malformation, a shunt or raised pressure in the head, or after a recent stroke or a recent head injury. Use a firm surface, not a soft bed.";
/// The rules behind [`STILL_POINT_PRECAUTIONS`], one for each condition it
/// names (the shunt is for hydrocephalus, under raised pressure).
const STILL_POINT_CONFLICTS: &[&str] = &[
    "cst-cerebral-aneurysm",
    "cst-chiari-malformation",
    "cst-raised-icp",
    "cst-intracranial-bleed-or-stroke",
    "cst-head-trauma",
];

const SEEDS: [Seed; 20] = [
    Seed {
        key: "neck-side-stretch",
        category: CareCategory::Stretch,
        title: "Neck side stretch",
        times: 2,
        per: Period::Day,
        how_long: "20 to 30 seconds each side",
        how_to: "Sit tall with both feet on the floor. Let one ear drift towards the same shoulder until you feel a gentle stretch along the other side of your neck. Breathe slowly, then come back to the middle and change sides.",
        precautions: "Keep it gentle: no bouncing and no pulling with your hand.",
        stop_and_call: STOP_NUMB,
        conflicts: &[],
    },
    Seed {
        key: "chin-tucks",
        category: CareCategory::Posture,
        title: "Chin tucks",
        times: 3,
        per: Period::Day,
        how_long: "10 slow repetitions",
        how_to: "Sit or stand tall. Slide your chin straight back, as if making a double chin, keeping your eyes level. Hold for a slow breath out, then relax.",
        precautions: "The movement is small. Do not tip your head down.",
        stop_and_call: STOP_NUMB,
        conflicts: &[],
    },
    Seed {
        key: "doorway-chest-stretch",
        category: CareCategory::Stretch,
        title: "Doorway chest stretch",
        times: 1,
        per: Period::Day,
        how_long: "3 holds of 20 seconds",
        how_to: "Stand in a doorway with your forearms on the frame, elbows at shoulder height. Step one foot through until you feel an easy stretch across the front of your chest and shoulders.",
        precautions: "Skip this if your shoulder has been dislocated or feels unstable.",
        stop_and_call: STOP_NUMB,
        conflicts: &[],
    },
    Seed {
        key: "knees-to-chest",
        category: CareCategory::Stretch,
        title: "Knees to chest",
        times: 1,
        per: Period::Day,
        how_long: "30 seconds, 3 times",
        how_to: "Lie on your back on a firm surface. Bring one knee, then the other, towards your chest and hold behind your thighs. Let your lower back soften into the floor.",
        precautions: "Move slowly in and out of the position.",
        stop_and_call: "Stop and call your doctor if you get pain, numbness or weakness down a leg, or any change in bladder or bowel control.",
        conflicts: &[],
    },
    Seed {
        key: "cat-cow",
        category: CareCategory::Stretch,
        title: "Cat and cow",
        times: 1,
        per: Period::Day,
        how_long: "8 to 10 slow rounds",
        how_to: "On hands and knees, breathe in as you let your belly drop and look slightly up; breathe out as you round your back towards the ceiling and let your head hang. Move only as far as is comfortable.",
        precautions: "Pad your knees if they are sore.",
        stop_and_call: "Stop if the movement brings on pain that stays after you finish.",
        conflicts: &[],
    },
    Seed {
        key: "ball-upper-back",
        category: CareCategory::SelfMassage,
        title: "Upper back release with a ball",
        times: 4,
        per: Period::Week,
        how_long: "About 5 minutes",
        how_to: "Place a tennis ball between your upper back and a wall, beside (never on) the spine. Lean in and move slowly until you find a tender spot, then stay there and breathe until it eases.",
        precautions: "Keep the ball off the spine, the neck and any bruises.",
        stop_and_call: "Stop if you feel sharp pain, numbness or tingling.",
        conflicts: &[],
    },
    Seed {
        key: "jaw-massage",
        category: CareCategory::Jaw,
        title: "Jaw muscle massage",
        times: 2,
        per: Period::Day,
        how_long: "1 to 2 minutes",
        how_to: "Find the muscle that bulges when you clench, in front of your ears. With your teeth apart, make slow small circles there with two fingertips, then stroke down towards your jawline.",
        precautions: "Light to moderate pressure only.",
        stop_and_call: "Call your therapist or dentist if your jaw locks, clicks with pain, or you cannot open your mouth as wide as usual.",
        conflicts: &[],
    },
    Seed {
        key: "jaw-rest-position",
        category: CareCategory::Jaw,
        title: "Jaw rest position",
        times: 6,
        per: Period::Day,
        how_long: "A few breaths each time",
        how_to: "Lips together, teeth apart, tongue resting lightly on the roof of your mouth just behind your top teeth. Check in whenever you notice clenching, for example at red traffic lights or when you look at your phone.",
        precautions: "",
        stop_and_call: "Call your therapist or dentist if jaw pain gets worse over a week.",
        conflicts: &[],
    },
    Seed {
        key: "still-point-tool",
        category: CareCategory::StillPoint,
        title: "Still-point practice with a tool",
        times: 1,
        per: Period::Day,
        how_long: "5 to 10 minutes",
        how_to: "Lie on your back on a firm surface. Rest the back of your head on the still-point tool so it sits just below the bony bump at the back of the skull. Let your arms rest and breathe normally until you feel settled, then roll off to the side to get up.",
        precautions: STILL_POINT_PRECAUTIONS,
        stop_and_call: STOP_HEAD,
        conflicts: STILL_POINT_CONFLICTS,
    },
    Seed {
        key: "still-point-hands",
        category: CareCategory::StillPoint,
        title: "Still-point practice without a tool",
        times: 1,
        per: Period::Day,
        how_long: "5 minutes",
        how_to: "Lie on your back. Knot two tennis balls in a sock and rest the back of your head on them, just below the bony bump at the back of the skull. Breathe slowly and let your body grow heavy. Stop if it feels like pressure rather than rest.",
        precautions: STILL_POINT_PRECAUTIONS,
        stop_and_call: STOP_HEAD,
        conflicts: STILL_POINT_CONFLICTS,
    },
    Seed {
        key: "belly-breathing",
        category: CareCategory::Breathing,
        title: "Belly breathing",
        times: 2,
        per: Period::Day,
        how_long: "5 minutes",
        how_to: "Sit or lie comfortably with one hand on your chest and one on your belly. Breathe in through your nose so the lower hand rises more than the upper one. Breathe out slowly through soft lips.",
        precautions: "If you feel light-headed, breathe normally for a while.",
        stop_and_call: "Call your doctor if you are short of breath at rest.",
        conflicts: &[],
    },
    Seed {
        key: "longer-out-breath",
        category: CareCategory::Breathing,
        title: "Longer out-breath",
        times: 3,
        per: Period::Day,
        how_long: "2 minutes",
        how_to: "Breathe in for a count of four and out for a count of six. Keep your shoulders soft. Use it whenever you notice you are tense or rushed.",
        precautions: "Never strain or hold your breath.",
        stop_and_call: "Call your doctor if you are short of breath at rest.",
        conflicts: &[],
    },
    Seed {
        key: "body-scan",
        category: CareCategory::Breathing,
        title: "Body scan before sleep",
        times: 1,
        per: Period::Day,
        how_long: "10 minutes",
        how_to: "Lying in bed, move your attention slowly from your toes to the top of your head. At each part, notice what you feel and let it soften on an out-breath. If your mind wanders, come back to where you left off.",
        precautions: "",
        stop_and_call: "Talk to your doctor if low mood or worry does not lift, or sooner if you feel unsafe.",
        conflicts: &[],
    },
    Seed {
        key: "warm-pack",
        category: CareCategory::HeatCold,
        title: "Warm pack for tight muscles",
        times: 1,
        per: Period::Day,
        how_long: "15 to 20 minutes",
        how_to: "Wrap a warm pack or hot-water bottle in a towel and rest it on the tight area while you sit or lie comfortably.",
        precautions: "Always keep a layer of cloth between the pack and skin. Not on a new injury, swelling, or skin with poor feeling, and do not fall asleep on it.",
        stop_and_call: "Stop if the skin becomes very red, blotchy or painful.",
        conflicts: &["massage-recent-fracture-or-sprain", "massage-surgery-site"],
    },
    Seed {
        key: "cold-pack",
        category: CareCategory::HeatCold,
        title: "Cold pack after a flare-up",
        times: 3,
        per: Period::Day,
        how_long: "10 minutes",
        how_to: "Wrap a cold pack or a bag of frozen peas in a thin towel and rest it on the sore area. Use it in the first day or two of a flare-up.",
        precautions: "Never put ice straight on skin. Not if you have poor circulation or Raynaud's.",
        stop_and_call: "Stop if the skin turns white or numb, and call your doctor if swelling keeps growing.",
        conflicts: &[],
    },
    Seed {
        key: "water-through-the-day",
        category: CareCategory::Hydration,
        title: "Water through the day",
        times: 1,
        per: Period::Day,
        how_long: "All day",
        how_to: "Keep a glass or bottle within reach and sip regularly, more on the day of your session and the day after. Pale yellow urine is a good sign you are drinking enough.",
        precautions: "If your doctor has asked you to limit fluids, follow their advice instead.",
        stop_and_call: "Call your doctor if you are thirsty all the time, or your ankles or legs swell.",
        conflicts: &[],
    },
    Seed {
        key: "movement-breaks",
        category: CareCategory::Posture,
        title: "Movement breaks from sitting",
        times: 6,
        per: Period::Day,
        how_long: "1 to 2 minutes",
        how_to: "Every 30 to 45 minutes of sitting, stand up, roll your shoulders back a few times, look into the distance and walk a few steps. A timer on your phone helps.",
        precautions: "",
        stop_and_call: "Stop if a movement brings on pain, and tell your therapist if it keeps happening.",
        conflicts: &[],
    },
    Seed {
        key: "screen-setup",
        category: CareCategory::Posture,
        title: "Screen and chair check",
        times: 1,
        per: Period::Week,
        how_long: "5 minutes",
        how_to: "Set the top of your screen at eye level, about an arm's length away. Sit with your feet flat, hips a little higher than your knees, and your lower back supported by the chair or a small cushion.",
        precautions: "",
        stop_and_call: "Tell your therapist or doctor if neck or back pain, numbness or tingling keep coming back after these changes.",
        conflicts: &[],
    },
    Seed {
        key: "wind-down-routine",
        category: CareCategory::Sleep,
        title: "Wind-down hour",
        times: 5,
        per: Period::Week,
        how_long: "The last hour before bed",
        how_to: "Dim the lights, put screens away and do something calm: reading, a warm shower, gentle stretches or the body scan. Go to bed and get up at about the same time each day.",
        precautions: "",
        stop_and_call: "Talk to your doctor if poor sleep goes on for more than a few weeks.",
        conflicts: &[],
    },
    Seed {
        key: "side-sleeping-pillow",
        category: CareCategory::Sleep,
        title: "Pillow support for sleep",
        times: 7,
        per: Period::Week,
        how_long: "Each night",
        how_to: "Lying on your side, use a pillow that fills the gap between ear and shoulder so your neck stays level, and a pillow between your knees. On your back, a pillow under your knees eases the lower back.",
        precautions: "",
        stop_and_call: "Tell your therapist if you wake with more pain than you went to bed with.",
        conflicts: &[],
    },
];

/// One item of the library as the composer offers it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct LibraryEntry {
    /// The key of the built-in item, or the id of the therapist's own item.
    pub key: LibraryKey,
    /// The item as it reads now, with the therapist's edits.
    pub item: CareItem,
    /// Whether the therapist has edited a built-in item.
    pub edited: bool,
}

/// What a library entry is known by.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LibraryKey {
    /// A built-in item, by its stable key.
    Builtin(String),
    /// An item the therapist wrote, by its record id.
    Own(RecordId),
}

/// The built-in items as written, each under its key.
pub fn builtin_items() -> Vec<(&'static str, CareItem)> {
    SEEDS
        .iter()
        .map(|seed| {
            let input = CareItemInput {
                title: seed.title.to_owned(),
                category: Some(seed.category),
                times: seed.times,
                per: Some(seed.per),
                how_long: seed.how_long.to_owned(),
                how_to: seed.how_to.to_owned(),
                precautions: seed.precautions.to_owned(),
                stop_and_call: seed.stop_and_call.to_owned(),
            };
            let item = input
                .validate()
                .unwrap_or_else(|problems| panic!("built-in item {}: {problems:?}", seed.key));
            (seed.key, item)
        })
        .collect()
}

/// What a therapist's library record holds: their own item, or their edit
/// of the built-in item `replaces`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryValue {
    /// The key of the built-in item this edits, if any.
    pub replaces: Option<String>,
    /// The item as the therapist wrote it.
    pub item: CareItem,
}

/// A therapist's library record. It merges like their other definitions:
/// the newest edit wins, and removal (for an edit of a built-in item: going
/// back to the built-in text) is a tombstone that travels.
pub type LibraryItem = Definition<LibraryValue>;

/// Whether a library record holds only what the item form would store, and
/// edits a built-in item that exists: the check for records from files.
pub fn library_item_is_as_entered(record: &LibraryItem) -> bool {
    let value = record.value();
    let known_key = value
        .replaces
        .as_deref()
        .is_none_or(|key| SEEDS.iter().any(|seed| seed.key == key));
    known_key && value.item.is_as_entered()
}

/// The library as the composer shows it: the built-in items in their order,
/// each shown as the therapist's newest edit of it if any (removing an edit
/// restores the built-in text), then the therapist's own items by title,
/// leaving out removed ones.
pub fn library(own: &[LibraryItem]) -> Vec<LibraryEntry> {
    let newest_edit = |key: &str| {
        own.iter()
            .filter_map(|record| record.current().map(|value| (record.stamps()[0], value)))
            .filter(|(_, value)| value.replaces.as_deref() == Some(key))
            .max_by_key(|(stamp, _)| *stamp)
            .map(|(_, value)| value.item.clone())
    };
    let mut entries: Vec<LibraryEntry> = builtin_items()
        .into_iter()
        .map(|(key, item)| {
            let edit = newest_edit(key);
            LibraryEntry {
                key: LibraryKey::Builtin(key.to_owned()),
                edited: edit.is_some(),
                item: edit.unwrap_or(item),
            }
        })
        .collect();
    let mut written: Vec<LibraryEntry> = own
        .iter()
        .filter_map(|record| record.current().map(|value| (record.id(), value)))
        .filter(|(_, value)| value.replaces.is_none())
        .map(|(id, value)| LibraryEntry {
            key: LibraryKey::Own(id),
            item: value.item.clone(),
            edited: false,
        })
        .collect();
    written.sort_by(|left, right| left.item.title().cmp(right.item.title()));
    entries.extend(written);
    entries
}

/// One library item the client's alerts rule out, with those alerts.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Conflict<'a> {
    /// The item.
    pub entry: &'a LibraryEntry,
    /// The active alerts its precautions name.
    pub alerts: Vec<&'a Alert>,
}

/// The entries whose precautions rule them out for a client with `alerts`
/// (the alerts on the day the plan is written), each with the alerts
/// concerned, in library order: what the composer flags before an item is
/// added. A therapist's edit of a built-in item keeps the built-in item's
/// precautions list; their own items carry none.
pub fn conflicting_items<'a>(
    entries: &'a [LibraryEntry],
    alerts: &'a [Alert],
) -> Vec<Conflict<'a>> {
    entries
        .iter()
        .filter_map(|entry| {
            let LibraryKey::Builtin(key) = &entry.key else {
                return None;
            };
            let seed = SEEDS.iter().find(|seed| seed.key == key)?;
            let alerts: Vec<&Alert> = alerts
                .iter()
                .filter(|alert| {
                    seed.conflicts
                        .iter()
                        .any(|rule| alert.rule.to_string() == *rule)
                })
                .collect();
            (!alerts.is_empty()).then_some(Conflict { entry, alerts })
        })
        .collect()
}

/// The library's entries grouped by category, in the library's order,
/// leaving out categories with no entry: how the composer and the library
/// page list them.
pub fn by_category(entries: &[LibraryEntry]) -> Vec<(CareCategory, Vec<&LibraryEntry>)> {
    CareCategory::ALL
        .into_iter()
        .map(|category| {
            let group: Vec<&LibraryEntry> = entries
                .iter()
                .filter(|entry| entry.item.category() == category)
                .collect();
            (category, group)
        })
        .filter(|(_, group)| !group.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::hlc::Hlc;
    use crate::base::ids::DeviceId;
    use crate::clinical::contraindication_rules::DEFAULT_RULES;
    use crate::clinical::health_history::{Condition, EventKind, Site};
    use crate::clinical::intake::tests::{condition, date, event, intake_from, signed_input};
    use crate::clinical::intake::IntakeInput;
    use crate::clinical::screening::screen;
    use crate::selfcare::care_item::tests::input;
    use std::collections::BTreeSet;

    fn stamp(millis: u64, device: u8) -> Hlc {
        Hlc::from_parts(millis, 0, DeviceId::from_bytes([device; 16]))
    }

    fn record(byte: u8, replaces: Option<&str>, title: &str) -> LibraryItem {
        LibraryItem::create(
            RecordId::from_bytes([byte; 16]),
            LibraryValue {
                replaces: replaces.map(str::to_owned),
                item: input(title).validate().unwrap(),
            },
            stamp(1, 1),
        )
    }

    #[test]
    fn the_built_in_library_covers_every_kind_of_home_care() {
        let items = builtin_items();
        assert_eq!(items.len(), 20);
        let keys: BTreeSet<&str> = items.iter().map(|(key, _)| *key).collect();
        assert_eq!(keys.len(), items.len(), "keys are unique");
        let categories: BTreeSet<CareCategory> =
            items.iter().map(|(_, item)| item.category()).collect();
        let expected: BTreeSet<CareCategory> = CareCategory::ALL
            .into_iter()
            .filter(|category| *category != CareCategory::Other)
            .collect();
        assert_eq!(categories, expected);
        assert!(items.iter().all(|(_, item)| item.is_as_entered()));
    }

    #[test]
    fn every_built_in_item_says_when_to_stop_and_still_points_share_their_safety_text() {
        for (key, item) in builtin_items() {
            assert!(!item.stop_and_call().trim().is_empty(), "{key}");
        }
        let still_points: Vec<CareItem> = builtin_items()
            .into_iter()
            .filter(|(_, item)| item.category() == CareCategory::StillPoint)
            .map(|(_, item)| item)
            .collect();
        assert_eq!(still_points.len(), 2);
        for item in &still_points {
            assert_eq!(item.precautions(), still_points[0].precautions());
            for words in [
                "aneurysm",
                "recent stroke",
                "Chiari",
                "shunt",
                "raised pressure in the head",
                "recent head injury",
            ] {
                assert!(
                    item.precautions().contains(words),
                    "{}: {words}",
                    item.title()
                );
            }
        }
    }

    #[test]
    fn conflicts_name_real_rules() {
        for seed in &SEEDS {
            for rule in seed.conflicts {
                assert!(
                    DEFAULT_RULES.iter().any(|r| r.id.to_string() == *rule),
                    "{}: {rule}",
                    seed.key
                );
            }
        }
    }

    /// Client answers → the library items flagged, with the rules behind.
    #[test]
    fn items_whose_precautions_match_the_alerts_are_flagged() {
        let stillpoints = ["still-point-tool", "still-point-hands"];
        let head = |i: &mut IntakeInput| i.conditions.push(condition(Condition::Concussion, ""));
        let chiari = |i: &mut IntakeInput| {
            i.conditions
                .push(condition(Condition::ChiariMalformation, ""))
        };
        let sprain = |i: &mut IntakeInput| {
            i.events
                .push(event(EventKind::Sprain, Site::Other, "2026-05-20"))
        };
        let epilepsy = |i: &mut IntakeInput| i.conditions.push(condition(Condition::Epilepsy, ""));
        type Answers = fn(&mut IntakeInput);
        let cases: [(Answers, &[&str], &str); 4] = [
            (head, &stillpoints, "cst-head-trauma"),
            (chiari, &stillpoints, "cst-chiari-malformation"),
            (sprain, &["warm-pack"], "massage-recent-fracture-or-sprain"),
            (epilepsy, &[], ""),
        ];
        let entries = library(&[record(2, Some("still-point-hands"), "Still point, hands")]);
        for (answers, expected, rule) in cases {
            let mut input = signed_input("2026-06-01");
            answers(&mut input);
            let alerts = screen(&intake_from(&input), DEFAULT_RULES, date("2026-06-01"));
            let flagged = conflicting_items(&entries, &alerts);
            let keys: Vec<String> = flagged
                .iter()
                .map(|conflict| match &conflict.entry.key {
                    LibraryKey::Builtin(key) => key.clone(),
                    LibraryKey::Own(id) => id.to_string(),
                })
                .collect();
            assert_eq!(keys, expected, "{rule}");
            for conflict in flagged {
                assert_eq!(conflict.alerts.len(), 1);
                assert_eq!(conflict.alerts[0].rule.to_string(), rule);
            }
        }
    }

    #[test]
    fn an_edit_of_a_built_in_item_shows_in_its_place_until_removed() {
        let mut edit = record(1, Some("neck-side-stretch"), "Neck stretch, seated");
        let entries = library(std::slice::from_ref(&edit));
        assert_eq!(entries.len(), 20);
        assert_eq!(entries[0].item.title(), "Neck stretch, seated");
        assert!(entries[0].edited);
        edit.remove(stamp(2, 1));
        let entries = library(&[edit]);
        assert_eq!(entries[0].item.title(), "Neck side stretch");
        assert!(!entries[0].edited);
    }

    #[test]
    fn entries_are_grouped_by_category_without_empty_groups() {
        let entries = library(&[record(1, None, "Walk")]);
        let groups = by_category(&entries);
        let categories: Vec<CareCategory> = groups.iter().map(|(category, _)| *category).collect();
        assert_eq!(categories.len(), 9, "Other appears only with an item in it");
        assert_eq!(categories[0], CareCategory::Stretch);
        let total: usize = groups.iter().map(|(_, group)| group.len()).sum();
        assert_eq!(total, entries.len());
    }

    #[test]
    fn own_items_follow_the_built_in_ones_and_removed_ones_are_hidden() {
        let mut removed = record(3, None, "Old item");
        removed.remove(stamp(5, 1));
        let entries = library(&[
            record(1, None, "Walk"),
            record(2, None, "Foot roll"),
            removed,
        ]);
        let titles: Vec<&str> = entries[20..]
            .iter()
            .map(|entry| entry.item.title())
            .collect();
        assert_eq!(titles, ["Foot roll", "Walk"]);
    }

    #[test]
    fn records_are_checked_like_the_form_and_must_name_a_real_built_in_item() {
        assert!(library_item_is_as_entered(&record(1, None, "Walk")));
        assert!(library_item_is_as_entered(&record(
            1,
            Some("chin-tucks"),
            "Chin tucks"
        )));
        assert!(!library_item_is_as_entered(&record(
            1,
            Some("no-such-item"),
            "Walk"
        )));
    }
}
