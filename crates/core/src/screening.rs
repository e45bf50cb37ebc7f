//! Screening an intake against the contraindication rules on a given day.
//!
//! The same intake gives different alerts on different days: a spinal
//! surgery is a reason not to treat for six months and then no longer is. So
//! screening takes the session date (or today, for the client page) and
//! judges each dated answer against each rule's window. An answer without a
//! date of its own counts from the intake date, the latest day it could have
//! been true, which is the conservative reading.

use serde::{Deserialize, Serialize};

use crate::body_regions::Region;
use crate::contraindication_rules::{AlertLevel, Practice, Rule, RuleId, Trigger};
use crate::date::CalendarDate;
use crate::health_history::{Condition, EventKind, Pregnancy, Site};
use crate::intake::Intake;
use crate::recency::Window;

/// The intake answer that raised an alert, as the alert explains it.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub struct Evidence {
    /// The answer in words, such as "Surgery: Spine".
    pub answer: String,
    /// The date the client gave for it, if any.
    pub date: Option<CalendarDate>,
}

/// An active contraindication for one client on one day.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub struct Alert {
    /// The rule that raised it.
    pub rule: RuleId,
    /// What it says.
    pub name: String,
    /// How serious.
    pub level: AlertLevel,
    /// Which practice it concerns.
    pub practice: Practice,
    /// The rule's window, to say "within 6 months" beside the evidence.
    pub recent_within: Option<Window>,
    /// The answers that raised it.
    pub evidence: Vec<Evidence>,
    /// The regions concerned, from the rule and from the answers.
    pub regions: Vec<Region>,
}

impl Alert {
    /// Whether the alert matters for work of `practice`.
    pub fn applies_to(&self, practice: Practice) -> bool {
        self.practice == practice || self.practice == Practice::Both || practice == Practice::Both
    }
}

/// What an intake answer is, for matching against triggers.
enum Answer {
    Condition(Condition),
    Event(EventKind, Site),
    Medication {
        anticoagulant: bool,
    },
    Pregnancy(Pregnancy),
    /// Free text only: history notes, an allergy.
    Words,
}

/// One intake answer with everything screening needs to know about it.
struct Fact<'a> {
    answer: Answer,
    label: String,
    date: Option<CalendarDate>,
    regions: &'a [Region],
    words: Vec<&'a str>,
}

impl Fact<'_> {
    fn without_place(answer: Answer, label: String, words: Vec<&str>) -> Fact<'_> {
        Fact {
            answer,
            label,
            date: None,
            regions: &[],
            words,
        }
    }
}

fn facts(intake: &Intake) -> Vec<Fact<'_>> {
    let conditions = intake.conditions().iter().map(|answer| Fact {
        answer: Answer::Condition(answer.condition),
        label: answer.condition.label().to_owned(),
        date: answer.date,
        regions: &answer.regions,
        words: vec![answer.note.as_str()],
    });
    let events = intake.events().iter().map(|event| Fact {
        answer: Answer::Event(event.kind, event.site),
        label: format!("{}: {}", event.kind.label(), event.site.label()),
        date: Some(event.date),
        regions: &event.regions,
        words: vec![event.note.as_str()],
    });
    let medications = intake.medications().iter().map(|medication| {
        Fact::without_place(
            Answer::Medication {
                anticoagulant: medication.anticoagulant,
            },
            format!("Medication: {}", medication.name),
            vec![medication.name.as_str(), medication.note.as_str()],
        )
    });
    let allergies = intake.allergies().iter().map(|allergy| {
        Fact::without_place(
            Answer::Words,
            format!("Allergy: {}", allergy.substance),
            vec![allergy.substance.as_str()],
        )
    });
    let pregnancy = (intake.pregnancy() != Pregnancy::No).then(|| {
        let label = match intake.pregnancy() {
            Pregnancy::HighRisk => "High-risk pregnancy",
            _ => "Pregnant",
        };
        Fact::without_place(
            Answer::Pregnancy(intake.pregnancy()),
            label.to_owned(),
            vec![],
        )
    });
    let notes = Fact::without_place(
        Answer::Words,
        "Health history notes".to_owned(),
        vec![intake.history_notes()],
    );
    conditions
        .chain(events)
        .chain(medications)
        .chain(allergies)
        .chain(pregnancy)
        .chain(std::iter::once(notes))
        .collect()
}

impl Trigger {
    fn matches(&self, fact: &Fact<'_>) -> bool {
        match (self, &fact.answer) {
            (Trigger::Condition(wanted), Answer::Condition(found)) => wanted == found,
            (Trigger::Event { kind, site }, Answer::Event(found_kind, found_site)) => {
                kind == found_kind && site.is_none_or(|site| site == *found_site)
            }
            (Trigger::Anticoagulant, Answer::Medication { anticoagulant }) => *anticoagulant,
            (Trigger::Pregnancy, Answer::Pregnancy(pregnancy)) => *pregnancy != Pregnancy::No,
            (Trigger::HighRiskPregnancy, Answer::Pregnancy(pregnancy)) => {
                *pregnancy == Pregnancy::HighRisk
            }
            (Trigger::Mentions(phrase), _) => {
                let phrase = phrase.to_lowercase();
                fact.words
                    .iter()
                    .any(|words| words.to_lowercase().contains(&phrase))
            }
            _ => false,
        }
    }
}

/// The alerts `rules` raise for `intake` on `on`, most serious first (rules
/// of one level keep their table order). Each rule raises at most one alert,
/// listing every answer that triggered it.
pub fn screen<'a>(
    intake: &Intake,
    rules: impl IntoIterator<Item = &'a Rule>,
    on: CalendarDate,
) -> Vec<Alert> {
    let facts = facts(intake);
    let mut alerts: Vec<Alert> = rules
        .into_iter()
        .filter_map(|rule| {
            let matched: Vec<&Fact<'_>> = facts
                .iter()
                .filter(|fact| rule.triggers.iter().any(|trigger| trigger.matches(fact)))
                .filter(|fact| {
                    rule.recent_within
                        .is_none_or(|window| window.covers(fact.date.unwrap_or(intake.date()), on))
                })
                .collect();
            if matched.is_empty() {
                return None;
            }
            let mut regions: Vec<Region> = rule
                .regions
                .iter()
                .chain(matched.iter().flat_map(|fact| fact.regions))
                .copied()
                .collect();
            regions.sort();
            regions.dedup();
            Some(Alert {
                rule: rule.id.clone(),
                name: rule.name.to_string(),
                level: rule.level,
                practice: rule.practice,
                recent_within: rule.recent_within,
                evidence: matched
                    .iter()
                    .map(|fact| Evidence {
                        answer: fact.label.clone(),
                        date: fact.date,
                    })
                    .collect(),
                regions,
            })
        })
        .collect();
    alerts.sort_by_key(|alert| alert.level);
    alerts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body_regions::{Area, Side};
    use crate::contraindication_rules::{RuleInput, DEFAULT_RULES};
    use crate::health_history::Medication;
    use crate::ids::RecordId;
    use crate::intake::tests::{condition, date, event, intake_from, signed_input};
    use crate::intake::IntakeInput;
    use crate::recency::WindowUnit;
    use proptest::prelude::*;
    use EventKind::{Fracture, Sprain, Surgery, Trauma};

    const INTAKE_DATE: &str = "2026-06-01";

    fn tick(input: &mut IntakeInput, ticked: Condition) {
        input.conditions.push(condition(ticked, INTAKE_DATE));
    }

    fn happened(input: &mut IntakeInput, kind: EventKind, site: Site) {
        input.events.push(event(kind, site, INTAKE_DATE));
    }

    /// For each built-in rule, an answer that must raise it.
    fn answers_for(rule: &str) -> fn(&mut IntakeInput) {
        match rule {
            "cst-intracranial-bleed-or-stroke" => |i| tick(i, Condition::Stroke),
            "cst-cerebral-aneurysm" => |i| tick(i, Condition::CerebralAneurysm),
            "cst-head-trauma" => |i| happened(i, Trauma, Site::Cranial),
            "cst-raised-icp" => |i| tick(i, Condition::Hydrocephalus),
            "cst-csf-leak-or-lumbar-puncture" => |i| tick(i, Condition::LumbarPuncture),
            "cst-cranial-or-spinal-surgery" => |i| happened(i, Surgery, Site::Spinal),
            "cst-fracture-skull-spine-ribs" => |i| happened(i, Fracture, Site::Ribs),
            "cst-bleeding-disorder" | "massage-bleeding-or-anticoagulants" => {
                |i| tick(i, Condition::BleedingDisorder)
            }
            "cst-fever-or-infection" => |i| tick(i, Condition::AcuteInfection),
            "cst-dvt-or-clotting" => |i| tick(i, Condition::ClottingDisorder),
            "cst-high-risk-pregnancy" => |i| i.pregnancy = Pregnancy::HighRisk,
            "cst-known-tumour" | "massage-cancer" | "massage-tumour-site" => {
                |i| tick(i, Condition::CancerOrTumour)
            }
            "cst-epilepsy" => |i| tick(i, Condition::Epilepsy),
            "massage-dvt" => |i| tick(i, Condition::DeepVeinThrombosis),
            "massage-severe-osteoporosis" => |i| tick(i, Condition::SevereOsteoporosis),
            "massage-severe-thrombocytopenia" => |i| tick(i, Condition::SevereThrombocytopenia),
            "massage-fever" => |i| tick(i, Condition::Fever),
            "massage-contagious-skin" => |i| tick(i, Condition::ContagiousSkinCondition),
            "massage-pregnancy" => |i| i.pregnancy = Pregnancy::Yes,
            "massage-unexplained-pain" => |i| tick(i, Condition::UnexplainedPain),
            "massage-wound" => |i| tick(i, Condition::Wound),
            "massage-burn" => |i| tick(i, Condition::Burn),
            "massage-recent-fracture-or-sprain" => |i| happened(i, Sprain, Site::Other),
            "massage-bruising" => |i| tick(i, Condition::Bruising),
            "massage-varicose-veins" => |i| tick(i, Condition::VaricoseVeins),
            "massage-local-infection" => |i| tick(i, Condition::LocalInfection),
            "massage-radiation-skin" => |i| tick(i, Condition::RadiationTreatedSkin),
            other => panic!("no test answer for built-in rule {other}"),
        }
    }

    fn screened(change: impl FnOnce(&mut IntakeInput), on: &str) -> Vec<Alert> {
        let mut input = signed_input(INTAKE_DATE);
        change(&mut input);
        screen(&intake_from(&input), DEFAULT_RULES, date(on))
    }

    /// The id of the built-in rule named `name`.
    fn id(name: &str) -> RuleId {
        DEFAULT_RULES
            .iter()
            .find(|rule| rule.id.to_string() == name)
            .map(|rule| rule.id.clone())
            .unwrap_or_else(|| panic!("no built-in rule {name}"))
    }

    fn raised(alerts: &[Alert], rule: &RuleId) -> bool {
        alerts.iter().any(|alert| &alert.rule == rule)
    }

    #[test]
    fn a_clear_intake_raises_nothing() {
        assert_eq!(screened(|_| {}, INTAKE_DATE), []);
    }

    #[test]
    fn each_built_in_rule_fires_on_its_answer_at_its_level() {
        for rule in DEFAULT_RULES {
            let alerts = screened(answers_for(&rule.id.to_string()), INTAKE_DATE);
            let alert = alerts
                .iter()
                .find(|alert| alert.rule == rule.id)
                .unwrap_or_else(|| panic!("{} did not fire", rule.id));
            assert_eq!(
                (alert.level, alert.practice),
                (rule.level, rule.practice),
                "{}",
                rule.id
            );
            assert_eq!(alert.name, rule.name, "{}", rule.id);
        }
    }

    /// Exactly on the last day of the window the answer is still recent; the
    /// day after it is not, and the day before the event it was not yet.
    #[test]
    fn each_windowed_rule_respects_its_window_edges() {
        let windowed: Vec<&Rule> = DEFAULT_RULES
            .iter()
            .filter(|rule| rule.recent_within.is_some())
            .collect();
        assert_eq!(windowed.len(), 8);
        for rule in windowed {
            let (one_day_inside, last_day, one_day_outside) =
                match rule.recent_within.map(|w| (w.amount(), w.unit())) {
                    Some((6, WindowUnit::Months)) => ("2026-11-30", "2026-12-01", "2026-12-02"),
                    Some((14, WindowUnit::Days)) => ("2026-06-14", "2026-06-15", "2026-06-16"),
                    other => panic!("{}: untested window {other:?}", rule.id),
                };
            let cases = [
                ("2026-05-31", false),
                (INTAKE_DATE, true),
                (one_day_inside, true),
                (last_day, true),
                (one_day_outside, false),
            ];
            for (on, fires) in cases {
                let alerts = screened(answers_for(&rule.id.to_string()), on);
                assert_eq!(raised(&alerts, &rule.id), fires, "{} on {on}", rule.id);
            }
        }
    }

    #[test]
    fn an_undated_answer_counts_from_the_intake_date_and_a_dated_one_from_its_own() {
        let surgery_long_ago = |i: &mut IntakeInput| {
            i.events.push(event(Surgery, Site::Cranial, "2024-01-01"));
        };
        let stroke_undated =
            |i: &mut IntakeInput| i.conditions.push(condition(Condition::Stroke, ""));
        let surgery = id("cst-cranial-or-spinal-surgery");
        let stroke = id("cst-intracranial-bleed-or-stroke");
        assert!(!raised(&screened(surgery_long_ago, INTAKE_DATE), &surgery));
        assert!(raised(&screened(stroke_undated, "2026-12-01"), &stroke));
        assert!(!raised(&screened(stroke_undated, "2026-12-02"), &stroke));
    }

    #[test]
    fn site_and_medication_details_decide() {
        let fracture_elsewhere = |i: &mut IntakeInput| happened(i, Fracture, Site::Other);
        let alerts = screened(fracture_elsewhere, INTAKE_DATE);
        assert!(!raised(&alerts, &id("cst-fracture-skull-spine-ribs")));
        assert!(raised(&alerts, &id("massage-recent-fracture-or-sprain")));

        let thinner = |anticoagulant| {
            move |i: &mut IntakeInput| {
                i.medications.push(Medication {
                    name: "Apixaban".into(),
                    anticoagulant,
                    note: String::new(),
                })
            }
        };
        let rule = id("massage-bleeding-or-anticoagulants");
        assert!(raised(&screened(thinner(true), INTAKE_DATE), &rule));
        assert!(!raised(&screened(thinner(false), INTAKE_DATE), &rule));
        assert!(!raised(
            &screened(|i| i.pregnancy = Pregnancy::Yes, INTAKE_DATE),
            &id("cst-high-risk-pregnancy")
        ));
    }

    #[test]
    fn alerts_come_most_serious_first_with_their_evidence_and_regions() {
        let calf = Region::new(Area::Calf, Some(Side::Left)).unwrap();
        let alerts = screened(
            |i| {
                i.conditions.push(crate::intake::ConditionInput {
                    regions: vec![calf],
                    ..condition(Condition::VaricoseVeins, "")
                });
                i.conditions
                    .push(condition(Condition::Epilepsy, "2001-02-03"));
                happened(i, Surgery, Site::Spinal);
            },
            INTAKE_DATE,
        );
        let summary: Vec<(&str, AlertLevel)> = alerts
            .iter()
            .map(|alert| (alert.name.as_str(), alert.level))
            .collect();
        assert_eq!(
            summary,
            [
                ("Recent cranial or spinal surgery", AlertLevel::DoNotTreat),
                ("Epilepsy", AlertLevel::Caution),
                ("Varicose veins", AlertLevel::AvoidArea),
            ]
        );
        assert_eq!(
            alerts[0].evidence,
            [Evidence {
                answer: "Surgery: Spine".into(),
                date: Some(date(INTAKE_DATE))
            }]
        );
        assert_eq!(alerts[1].evidence[0].date, Some(date("2001-02-03")));
        assert_eq!(alerts[2].regions, [calf]);
    }

    #[test]
    fn a_therapist_rule_joins_the_screen() {
        let rule = RuleInput {
            name: "Whiplash".into(),
            level: AlertLevel::Caution,
            practice: Practice::Both,
            triggers: vec![Trigger::Mentions("WHIPLASH".into())],
            recent_within: String::new(),
            recent_unit: WindowUnit::Months,
            regions: vec![Region::new(Area::NeckBack, None).unwrap()],
        }
        .validate(RecordId::from_bytes([9; 16]))
        .unwrap();
        let mut input = signed_input(INTAKE_DATE);
        input.history_notes = "Car accident in 2019, whiplash since.".into();
        let intake = intake_from(&input);
        let alerts = screen(
            &intake,
            DEFAULT_RULES.iter().chain([&rule]),
            date(INTAKE_DATE),
        );
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].evidence[0].answer, "Health history notes");
        assert_eq!(
            alerts[0].regions,
            [Region::new(Area::NeckBack, None).unwrap()]
        );
        assert!(alerts[0].applies_to(Practice::Cst) && alerts[0].applies_to(Practice::Massage));
    }

    #[test]
    fn serde_round_trip() {
        let alerts = screened(|i| happened(i, Fracture, Site::Spinal), INTAKE_DATE);
        assert!(!alerts.is_empty());
        let json = serde_json::to_string(&alerts).unwrap();
        assert_eq!(serde_json::from_str::<Vec<Alert>>(&json).unwrap(), alerts);
    }

    fn any_event() -> impl Strategy<Value = (EventKind, Site, u64)> {
        (
            proptest::sample::select(EventKind::ALL.to_vec()),
            proptest::sample::select(Site::ALL.to_vec()),
            0u64..3_000,
        )
    }

    proptest! {
        /// Later sessions never raise a recency alert an earlier one did not:
        /// once an answer is no longer recent it stays that way.
        #[test]
        fn alerts_only_fade_with_time(
            events in proptest::collection::vec(any_event(), 0..4),
            ticked in proptest::collection::vec(proptest::sample::select(Condition::ALL.to_vec()), 0..4),
            first in 0u64..4_000,
            second in 0u64..4_000,
        ) {
            let day = |offset: u64| CalendarDate::from_unix_millis((17_000 + offset) * 86_400_000);
            let mut input = signed_input(&day(3_000).to_string());
            input.events = events
                .iter()
                .map(|&(kind, site, offset)| event(kind, site, &day(offset).to_string()))
                .collect();
            let mut ticked = ticked;
            ticked.sort();
            ticked.dedup();
            input.conditions = ticked.iter().map(|&c| condition(c, "")).collect();
            let intake = intake_from(&input);
            let (earlier, later) = (day(3_000 + first.min(second)), day(3_000 + first.max(second)));
            let at_earlier = screen(&intake, DEFAULT_RULES, earlier);
            for alert in screen(&intake, DEFAULT_RULES, later) {
                prop_assert!(raised(&at_earlier, &alert.rule), "{} appeared later", alert.rule);
            }
        }
    }
}
