//! Screening an intake against the contraindication rules on a given day.
//!
//! The same intake gives different alerts on different days: a spinal
//! surgery is a reason not to treat for six months and then no longer is. So
//! screening takes the session date (or today, for the client page) and
//! judges each dated answer against each rule's window. An answer without a
//! date of its own counts from the intake date, the latest day it could have
//! been true, which is the conservative reading.

use serde::{Deserialize, Serialize};

use crate::base::date::CalendarDate;
use crate::base::ids::RecordId;
use crate::base::recency::Window;
use crate::base::text_match::Folded;
use crate::clinical::body_regions::Region;
use crate::clinical::contraindication_rules::{
    AlertLevel, Practice, Rule, RuleId, Trigger, DEFAULT_RULES,
};
use crate::clinical::health_history::{
    AllergenKind, Condition, ConditionAnswer, EventAnswer, EventKind, Medication, Pregnancy, Site,
};
use crate::clinical::intake::{latest_intake, Intake};
use crate::clinical::since_last_time::{Changes, SinceLastTime};

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
    /// What the therapist should do: the rule's advice, or the level's own
    /// words for a rule without any.
    #[serde(default)]
    pub advice: String,
}

impl Alert {
    /// Whether the alert matters for work of `practice`.
    pub fn applies_to(&self, practice: Practice) -> bool {
        self.practice == practice || self.practice == Practice::Both || practice == Practice::Both
    }
}

/// What an answer is, for matching against triggers.
enum Answer {
    Condition(Condition),
    Event(EventKind, Site),
    Medication {
        thins_the_blood: bool,
    },
    Allergy {
        to_a_medium: bool,
    },
    Pregnancy(Pregnancy),
    /// Free text only: history notes.
    Words,
}

/// One answer with everything screening needs to know about it.
struct Fact<'a> {
    answer: Answer,
    label: String,
    /// When it happened; `None` counts from the intake date.
    date: Option<CalendarDate>,
    regions: &'a [Region],
    words: Vec<Folded>,
}

impl Fact<'_> {
    fn without_place(answer: Answer, label: String, words: &[&str]) -> Fact<'static> {
        Fact {
            answer,
            label,
            date: None,
            regions: &[],
            words: words.iter().map(|text| Folded::new(text)).collect(),
        }
    }
}

/// Words in an allergy's substance that name a massage medium, for
/// allergies recorded as "other".
const MEDIUM_WORDS: [&str; 5] = ["oil", "lotion", "cream", "balm", "wax"];

/// The facts of the health-history parts an intake and a session's
/// "since last time" share: ticked conditions, surgeries and injuries,
/// medications. Conditions without a date take `undated` (`None`: the
/// intake date).
fn history_facts<'a>(
    conditions: &'a [ConditionAnswer],
    events: &'a [EventAnswer],
    medications: &'a [Medication],
    undated: Option<CalendarDate>,
) -> impl Iterator<Item = Fact<'a>> {
    let conditions = conditions.iter().map(move |answer| Fact {
        answer: Answer::Condition(answer.condition),
        label: answer.condition.label().to_owned(),
        date: answer.date.or(undated),
        regions: &answer.regions,
        words: vec![Folded::new(&answer.note)],
    });
    let events = events.iter().map(|event| Fact {
        answer: Answer::Event(event.kind, event.site),
        label: format!("{}: {}", event.kind.label(), event.site.label()),
        date: Some(event.date),
        regions: &event.regions,
        words: vec![Folded::new(&event.note)],
    });
    let medications = medications.iter().map(move |medication| {
        let label = match medication.named_anticoagulant() {
            Some(generic) if !Folded::new(&medication.name).has_words(&Folded::new(generic)) => {
                format!("Medication: {} ({generic})", medication.name)
            }
            _ => format!("Medication: {}", medication.name),
        };
        Fact {
            date: undated,
            ..Fact::without_place(
                Answer::Medication {
                    thins_the_blood: medication.thins_the_blood(),
                },
                label,
                &[&medication.name, &medication.note],
            )
        }
    });
    conditions.chain(events).chain(medications)
}

fn pregnancy_fact(pregnancy: Pregnancy, date: Option<CalendarDate>) -> Option<Fact<'static>> {
    let label = match pregnancy {
        Pregnancy::No => return None,
        Pregnancy::HighRisk => "High-risk pregnancy",
        Pregnancy::Yes => "Pregnant",
    };
    Some(Fact {
        date,
        ..Fact::without_place(Answer::Pregnancy(pregnancy), label.to_owned(), &[])
    })
}

/// The intake's facts; its pregnancy answer only if `pregnancy_now` does not
/// replace it.
fn intake_facts(intake: &Intake, pregnancy_now: bool) -> Vec<Fact<'_>> {
    let allergies = intake.allergies().iter().map(|allergy| {
        let substance = Folded::new(&allergy.substance);
        let to_a_medium = matches!(allergy.kind, AllergenKind::Oil | AllergenKind::Lotion)
            || MEDIUM_WORDS
                .iter()
                .any(|word| substance.has_words(&Folded::new(word)));
        Fact::without_place(
            Answer::Allergy { to_a_medium },
            format!("Allergy: {}", allergy.substance),
            &[&allergy.substance],
        )
    });
    let pregnancy = (!pregnancy_now)
        .then(|| pregnancy_fact(intake.pregnancy(), None))
        .flatten();
    let notes = Fact::without_place(
        Answer::Words,
        "Health history notes".to_owned(),
        &[intake.history_notes()],
    );
    history_facts(
        intake.conditions(),
        intake.events(),
        intake.medications(),
        None,
    )
    .chain(allergies)
    .chain(pregnancy)
    .chain(std::iter::once(notes))
    .collect()
}

/// The facts of what changed since last time, dated the session day `on`
/// unless the answer has a date of its own, and labelled as today's answers
/// so the alert tells them from the intake's.
fn since_facts(changes: &Changes, on: CalendarDate) -> Vec<Fact<'_>> {
    let pregnancy = changes
        .pregnancy
        .and_then(|pregnancy| pregnancy_fact(pregnancy, Some(on)));
    let note = Fact {
        date: Some(on),
        ..Fact::without_place(Answer::Words, "notes".to_owned(), &[&changes.note])
    };
    history_facts(
        &changes.conditions,
        &changes.events,
        &changes.medications,
        Some(on),
    )
    .chain(pregnancy)
    .chain(std::iter::once(note))
    .map(|fact| Fact {
        label: format!("Since last time: {}", fact.label),
        ..fact
    })
    .collect()
}

impl Trigger {
    fn matches(&self, fact: &Fact<'_>) -> bool {
        match (self, &fact.answer) {
            (Trigger::Condition(wanted), Answer::Condition(found)) => wanted == found,
            (Trigger::Event { kind, site }, Answer::Event(found_kind, found_site)) => {
                kind == found_kind && site.is_none_or(|site| site == *found_site)
            }
            (Trigger::Anticoagulant, Answer::Medication { thins_the_blood }) => *thins_the_blood,
            (Trigger::MediumAllergy, Answer::Allergy { to_a_medium }) => *to_a_medium,
            (Trigger::Pregnancy, Answer::Pregnancy(pregnancy)) => *pregnancy != Pregnancy::No,
            (Trigger::HighRiskPregnancy, Answer::Pregnancy(pregnancy)) => {
                *pregnancy == Pregnancy::HighRisk
            }
            (Trigger::Mentions(phrase), _) => {
                let phrase = Folded::new(phrase);
                fact.words.iter().any(|words| words.has_text(&phrase))
            }
            _ => false,
        }
    }
}

/// How an answer raised an alert, in words: its label, and for an answer
/// that matched only by the words in it, which words were found.
fn evidence(rule: &Rule, fact: &Fact<'_>) -> Evidence {
    let only_words = rule
        .triggers
        .iter()
        .filter(|trigger| trigger.matches(fact))
        .all(|trigger| matches!(trigger, Trigger::Mentions(_)));
    let answer = if only_words {
        let found: Vec<String> = rule
            .triggers
            .iter()
            .filter_map(|trigger| match trigger {
                Trigger::Mentions(words) if trigger.matches(fact) => Some(format!("“{words}”")),
                _ => None,
            })
            .collect();
        format!("{} mention {}", fact.label, found.join(", "))
    } else {
        fact.label.clone()
    };
    Evidence {
        answer,
        date: fact.date,
    }
}

/// The alerts `rules` raise for `facts` on `on`; an undated fact counts from
/// `undated_from`.
fn screen_facts<'a>(
    facts: &[Fact<'_>],
    undated_from: CalendarDate,
    rules: impl IntoIterator<Item = &'a Rule>,
    on: CalendarDate,
) -> Vec<Alert> {
    let mut alerts: Vec<Alert> = rules
        .into_iter()
        .filter_map(|rule| {
            let matched: Vec<&Fact<'_>> = facts
                .iter()
                .filter(|fact| rule.triggers.iter().any(|trigger| trigger.matches(fact)))
                .filter(|fact| {
                    rule.recent_within
                        .is_none_or(|window| window.covers(fact.date.unwrap_or(undated_from), on))
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
                evidence: matched.iter().map(|fact| evidence(rule, fact)).collect(),
                regions,
                advice: if rule.advice.is_empty() {
                    rule.level.action().to_owned()
                } else {
                    rule.advice.to_string()
                },
            })
        })
        .collect();
    alerts.sort_by_key(|alert| alert.level);
    alerts
}

/// The alerts `rules` raise for `intake` on `on`, most serious first (rules
/// of one level keep their table order). Each rule raises at most one alert,
/// listing every answer that triggered it.
pub fn screen<'a>(
    intake: &Intake,
    rules: impl IntoIterator<Item = &'a Rule>,
    on: CalendarDate,
) -> Vec<Alert> {
    screen_facts(&intake_facts(intake, false), intake.date(), rules, on)
}

/// The alerts for a session on `on`: the intake's answers together with
/// what the client said changed since last time, judged by the same rules,
/// in the same shape as [`screen`]'s. A pregnancy answer given today
/// replaces the intake's. Without an intake only the changes are screened.
pub fn screen_session<'a>(
    intake: Option<&Intake>,
    since: &SinceLastTime,
    rules: impl IntoIterator<Item = &'a Rule>,
    on: CalendarDate,
) -> Vec<Alert> {
    let changes = since.changes();
    let pregnancy_now = changes.is_some_and(|changes| changes.pregnancy.is_some());
    let mut facts = intake.map_or_else(Vec::new, |intake| intake_facts(intake, pregnancy_now));
    facts.extend(changes.map_or_else(Vec::new, |changes| since_facts(changes, on)));
    screen_facts(&facts, intake.map_or(on, Intake::date), rules, on)
}

/// A client's alerts on `on`, most serious first: the intake of `intakes`
/// that counts for `client` that day ([`latest_intake`]) and their answer
/// to "anything changed since last time?" ([`SinceLastTime::NotAsked`]
/// outside a session), screened against the built-in rules and the
/// therapist's own (`own_rules`), so a fever named at the start of a
/// session raises its alert at once. Every screen that shows a client's
/// alerts asks this, so they never disagree.
pub fn client_alerts_on<'a>(
    intakes: impl IntoIterator<Item = &'a Intake>,
    client: RecordId,
    since: &SinceLastTime,
    own_rules: impl IntoIterator<Item = &'a Rule>,
    on: CalendarDate,
) -> Vec<Alert> {
    screen_session(
        latest_intake(intakes, client, on),
        since,
        DEFAULT_RULES.iter().chain(own_rules),
        on,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::recency::WindowUnit;
    use crate::clinical::body_regions::{Area, Side};
    use crate::clinical::contraindication_rules::RuleInput;
    use crate::clinical::health_history::{Allergy, Medication};
    use crate::clinical::intake::tests::{condition, date, event, intake_from, signed_input};
    use crate::clinical::intake::IntakeInput;
    use crate::clinical::since_last_time::Changes;
    use proptest::prelude::*;
    use EventKind::{Fracture, Sprain, Surgery, Trauma};

    const INTAKE_DATE: &str = "2026-06-01";

    fn medication(name: &str, ticked: bool) -> Medication {
        Medication {
            name: name.into(),
            anticoagulant: ticked,
            note: String::new(),
        }
    }

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
            "cst-bleeding-disorder" | "massage-bleeding-disorder" => {
                |i| tick(i, Condition::BleedingDisorder)
            }
            "cst-chiari-malformation" => |i| tick(i, Condition::ChiariMalformation),
            "massage-anticoagulants" => |i| i.medications.push(medication("Xarelto", false)),
            "massage-osteoporosis" => |i| tick(i, Condition::Osteoporosis),
            "massage-recent-surgery" | "massage-surgery-site" => {
                |i| happened(i, Surgery, Site::Other)
            }
            "massage-medium-allergy" => |i| {
                i.allergies.push(Allergy {
                    substance: "Almond oil".into(),
                    kind: AllergenKind::Oil,
                })
            },
            "notes-check-with-client" => |i| i.history_notes = "Had a concussion".into(),
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
        assert_eq!(windowed.len(), 10);
        for rule in windowed {
            let (one_day_inside, last_day, one_day_outside) =
                match rule.recent_within.map(|w| (w.amount(), w.unit())) {
                    Some((6, WindowUnit::Months)) => ("2026-11-30", "2026-12-01", "2026-12-02"),
                    Some((14, WindowUnit::Days)) => ("2026-06-14", "2026-06-15", "2026-06-16"),
                    Some((3, WindowUnit::Months)) => ("2026-08-31", "2026-09-01", "2026-09-02"),
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
                i.conditions.push(crate::clinical::intake::ConditionInput {
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
                ("Recent surgery: clot risk", AlertLevel::Caution),
                ("Recent surgery: avoid the site", AlertLevel::AvoidArea),
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
        assert_eq!(alerts[4].regions, [calf]);
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
        assert_eq!(
            alerts[0].evidence[0].answer,
            "Health history notes mention “WHIPLASH”"
        );
        assert_eq!(alerts[0].advice, AlertLevel::Caution.action());
        assert_eq!(
            alerts[0].regions,
            [Region::new(Area::NeckBack, None).unwrap()]
        );
        assert!(alerts[0].applies_to(Practice::Cst) && alerts[0].applies_to(Practice::Massage));
    }

    /// Intakes, the day, the answer and the therapist's rules → the alerts
    /// raised for one client.
    #[test]
    fn a_clients_alerts_come_from_the_intake_that_counts_and_today() {
        let client = RecordId::from_bytes([7; 16]);
        let chiari = {
            let mut input = signed_input(INTAKE_DATE);
            tick(&mut input, Condition::ChiariMalformation);
            intake_from(&input)
        };
        let later_clear = {
            let input = signed_input("2026-09-01");
            Intake::create(
                RecordId::from_bytes([2; 16]),
                client,
                input.validate(date("2030-01-01"), None).unwrap(),
                crate::clinical::intake::tests::stamp(2),
            )
        };
        let someone_else = {
            let mut input = signed_input(INTAKE_DATE);
            tick(&mut input, Condition::ChiariMalformation);
            let answers = input.validate(date("2030-01-01"), None).unwrap();
            let other = RecordId::from_bytes([8; 16]);
            Intake::create(
                other,
                other,
                answers,
                crate::clinical::intake::tests::stamp(3),
            )
        };
        let own_rule = RuleInput {
            name: "Chiari: ask about symptoms".into(),
            level: AlertLevel::Caution,
            practice: Practice::Both,
            triggers: vec![Trigger::Condition(Condition::ChiariMalformation)],
            recent_within: String::new(),
            recent_unit: WindowUnit::Months,
            regions: vec![],
        }
        .validate(RecordId::from_bytes([9; 16]))
        .unwrap();
        let own = own_rule.id.clone();
        let chiari_rule = id("cst-chiari-malformation");
        let told = since(new_condition(Condition::ChiariMalformation));
        let none: &[Rule] = &[];
        let with_own = std::slice::from_ref(&own_rule);
        type Case<'a> = (
            &'a str,
            Vec<&'a Intake>,
            &'a str,
            SinceLastTime,
            &'a [Rule],
            Vec<&'a RuleId>,
        );
        let cases: Vec<Case<'_>> = vec![
            (
                "nothing known",
                vec![],
                "2026-07-01",
                SinceLastTime::NotAsked,
                none,
                vec![],
            ),
            (
                "before the intake",
                vec![&chiari],
                "2026-05-01",
                SinceLastTime::NotAsked,
                none,
                vec![],
            ),
            (
                "after the intake",
                vec![&chiari],
                "2026-07-01",
                SinceLastTime::NotAsked,
                none,
                vec![&chiari_rule],
            ),
            (
                "a newer intake counts",
                vec![&chiari, &later_clear],
                "2026-10-01",
                SinceLastTime::NotAsked,
                none,
                vec![],
            ),
            (
                "told today",
                vec![&later_clear],
                "2026-10-01",
                told.clone(),
                none,
                vec![&chiari_rule],
            ),
            (
                "another client's intake",
                vec![&someone_else],
                "2026-07-01",
                SinceLastTime::NotAsked,
                none,
                vec![],
            ),
            (
                "own rules too",
                vec![&chiari],
                "2026-07-01",
                SinceLastTime::NotAsked,
                with_own,
                vec![&chiari_rule, &own],
            ),
        ];
        for (case, intakes, on, answer, rules, expected) in cases {
            let alerts = client_alerts_on(intakes, client, &answer, rules, date(on));
            let mut raised: Vec<&RuleId> = alerts.iter().map(|alert| &alert.rule).collect();
            raised.sort_by_key(|rule| rule.to_string());
            let mut expected = expected;
            expected.sort_by_key(|rule| rule.to_string());
            assert_eq!(raised, expected, "{case}");
        }
    }

    /// A change to the intake form a case makes.
    type IntakeChange = fn(&mut IntakeInput);

    fn since(changes: Changes) -> SinceLastTime {
        SinceLastTime::Changed(changes)
    }

    fn new_condition(condition: Condition) -> Changes {
        Changes {
            conditions: vec![crate::clinical::health_history::ConditionAnswer {
                condition,
                date: None,
                regions: vec![],
                note: String::new(),
            }],
            ..Changes::default()
        }
    }

    /// Intake X, session day Y, "since last time" Z → every alert raised,
    /// as (rule, level, evidence as the alert words it).
    #[test]
    fn intake_day_and_answers_give_these_alerts() {
        use AlertLevel::{AvoidArea, Caution, Check, DoNotTreat};
        type Expected = &'static [(&'static str, AlertLevel, &'static [&'static str])];
        let cases: Vec<(&str, IntakeChange, &str, SinceLastTime, Expected)> = vec![
            (
                "ticked blood thinner: massage caution, not do-not-treat",
                |i| i.medications.push(medication("Blood thinner", true)),
                INTAKE_DATE,
                SinceLastTime::NotAsked,
                &[(
                    "massage-anticoagulants",
                    Caution,
                    &["Medication: Blood thinner"],
                )],
            ),
            (
                "a brand name in capitals, not ticked",
                |i| i.medications.push(medication("ELIQUIS 5mg", false)),
                "2027-06-01",
                SinceLastTime::NotAsked,
                &[(
                    "massage-anticoagulants",
                    Caution,
                    &["Medication: ELIQUIS 5mg (apixaban)"],
                )],
            ),
            (
                "an accented spelling",
                |i| i.medications.push(medication("HÉPARINE", false)),
                INTAKE_DATE,
                SinceLastTime::NotAsked,
                &[(
                    "massage-anticoagulants",
                    Caution,
                    &["Medication: HÉPARINE (heparin)"],
                )],
            ),
            (
                "an antiplatelet is not an anticoagulant",
                |i| i.medications.push(medication("Aspirin 75 mg", false)),
                INTAKE_DATE,
                SinceLastTime::NotAsked,
                &[],
            ),
            (
                "a bleeding disorder stays do-not-treat",
                |i| tick(i, Condition::BleedingDisorder),
                INTAKE_DATE,
                SinceLastTime::NotAsked,
                &[
                    ("cst-bleeding-disorder", DoNotTreat, &["Bleeding disorder"]),
                    (
                        "massage-bleeding-disorder",
                        DoNotTreat,
                        &["Bleeding disorder"],
                    ),
                ],
            ),
            (
                "Chiari: CST do not treat, at any time",
                |i| tick(i, Condition::ChiariMalformation),
                "2036-01-01",
                SinceLastTime::NotAsked,
                &[(
                    "cst-chiari-malformation",
                    DoNotTreat,
                    &["Chiari malformation (brain-stem herniation)"],
                )],
            ),
            (
                "a concussion ticked at intake, five months on",
                |i| tick(i, Condition::Concussion),
                "2026-11-01",
                SinceLastTime::NotAsked,
                &[(
                    "cst-head-trauma",
                    DoNotTreat,
                    &["Concussion or head injury"],
                )],
            ),
            (
                "a concussion ticked at intake, seven months on",
                |i| tick(i, Condition::Concussion),
                "2027-01-02",
                SinceLastTime::NotAsked,
                &[],
            ),
            (
                "words in the notes ask for a check, naming them",
                |i| i.history_notes = "Blood clot in 2019; may be Pregnant again".into(),
                INTAKE_DATE,
                SinceLastTime::NotAsked,
                &[(
                    "notes-check-with-client",
                    Check,
                    &["Health history notes mention “blood clot”, “pregnant”"],
                )],
            ),
            (
                "clothing is not a clot",
                |i| i.history_notes = "Prefers to keep clothing on.".into(),
                INTAKE_DATE,
                SinceLastTime::NotAsked,
                &[],
            ),
            (
                "surgery elsewhere two months ago: clot caution and the site",
                |i| {
                    i.events.push(crate::clinical::intake::EventInput {
                        regions: vec![Region::new(Area::Knee, Some(Side::Left)).unwrap()],
                        ..event(Surgery, Site::Other, "2026-04-01")
                    })
                },
                INTAKE_DATE,
                SinceLastTime::NotAsked,
                &[
                    ("massage-recent-surgery", Caution, &["Surgery: Elsewhere"]),
                    ("massage-surgery-site", AvoidArea, &["Surgery: Elsewhere"]),
                ],
            ),
            (
                "the same surgery four months later: only the site",
                |i| happened(i, Surgery, Site::Other),
                "2026-10-01",
                SinceLastTime::NotAsked,
                &[("massage-surgery-site", AvoidArea, &["Surgery: Elsewhere"])],
            ),
            (
                "fever at intake: CST caution, massage do not treat",
                |i| tick(i, Condition::Fever),
                "2026-06-10",
                SinceLastTime::NotAsked,
                &[
                    ("massage-fever", DoNotTreat, &["Fever"]),
                    ("cst-fever-or-infection", Caution, &["Fever"]),
                ],
            ),
            (
                "osteoporosis: pressure caution",
                |i| tick(i, Condition::Osteoporosis),
                INTAKE_DATE,
                SinceLastTime::NotAsked,
                &[(
                    "massage-osteoporosis",
                    Caution,
                    &["Osteoporosis or low bone density"],
                )],
            ),
            (
                "cancer under treatment: caution for both",
                |i| tick(i, Condition::CancerTreatment),
                INTAKE_DATE,
                SinceLastTime::NotAsked,
                &[
                    (
                        "cst-known-tumour",
                        Caution,
                        &["Cancer treatment now (chemotherapy, radiotherapy)"],
                    ),
                    (
                        "massage-cancer",
                        Caution,
                        &["Cancer treatment now (chemotherapy, radiotherapy)"],
                    ),
                ],
            ),
            (
                "an oil allergy asks for another medium",
                |i| {
                    i.allergies.push(Allergy {
                        substance: "Almond oil".into(),
                        kind: AllergenKind::Oil,
                    })
                },
                INTAKE_DATE,
                SinceLastTime::NotAsked,
                &[("massage-medium-allergy", Check, &["Allergy: Almond oil"])],
            ),
            (
                "a cream allergy recorded as other",
                |i| {
                    i.allergies.push(Allergy {
                        substance: "Arnica cream".into(),
                        kind: AllergenKind::Other,
                    })
                },
                INTAKE_DATE,
                SinceLastTime::NotAsked,
                &[("massage-medium-allergy", Check, &["Allergy: Arnica cream"])],
            ),
            (
                "a latex allergy is no medium",
                |i| {
                    i.allergies.push(Allergy {
                        substance: "Latex".into(),
                        kind: AllergenKind::Other,
                    })
                },
                INTAKE_DATE,
                SinceLastTime::NotAsked,
                &[],
            ),
            (
                "nothing changed: the intake alone",
                |i| tick(i, Condition::Epilepsy),
                "2026-09-01",
                SinceLastTime::NothingChanged,
                &[("cst-epilepsy", Caution, &["Epilepsy or seizures"])],
            ),
            (
                "a fever since last time, on the session day",
                |_| {},
                "2026-09-01",
                since(new_condition(Condition::Fever)),
                &[
                    ("massage-fever", DoNotTreat, &["Since last time: Fever"]),
                    (
                        "cst-fever-or-infection",
                        Caution,
                        &["Since last time: Fever"],
                    ),
                ],
            ),
            (
                "a new anticoagulant since last time",
                |_| {},
                "2026-09-01",
                since(Changes {
                    medications: vec![medication("Xarelto", false)],
                    ..Changes::default()
                }),
                &[(
                    "massage-anticoagulants",
                    Caution,
                    &["Since last time: Medication: Xarelto (rivaroxaban)"],
                )],
            ),
            (
                "a head injury since last time",
                |_| {},
                "2026-09-01",
                since(Changes {
                    events: vec![crate::clinical::health_history::EventAnswer {
                        kind: Trauma,
                        site: Site::Cranial,
                        date: date("2026-08-30"),
                        regions: vec![],
                        note: "fell".into(),
                    }],
                    ..Changes::default()
                }),
                &[(
                    "cst-head-trauma",
                    DoNotTreat,
                    &["Since last time: Injury: Head or skull"],
                )],
            ),
            (
                "pregnant since last time",
                |_| {},
                "2026-09-01",
                since(Changes {
                    pregnancy: Some(Pregnancy::Yes),
                    ..Changes::default()
                }),
                &[("massage-pregnancy", Caution, &["Since last time: Pregnant"])],
            ),
            (
                "no longer pregnant replaces the intake's answer",
                |i| i.pregnancy = Pregnancy::HighRisk,
                "2026-09-01",
                since(Changes {
                    pregnancy: Some(Pregnancy::No),
                    ..Changes::default()
                }),
                &[],
            ),
            (
                "feverish in the words of today's answer",
                |_| {},
                "2026-09-01",
                since(Changes {
                    note: "Feeling feverish".into(),
                    ..Changes::default()
                }),
                &[(
                    "notes-check-with-client",
                    Check,
                    &["Since last time: notes mention “fever”"],
                )],
            ),
        ];
        for (name, change, on, answers, expected) in cases {
            let mut input = signed_input(INTAKE_DATE);
            change(&mut input);
            let intake = intake_from(&input);
            let alerts = screen_session(Some(&intake), &answers, DEFAULT_RULES, date(on));
            let got: Vec<(String, AlertLevel, Vec<String>)> = alerts
                .iter()
                .map(|alert| {
                    let evidence = alert.evidence.iter().map(|e| e.answer.clone()).collect();
                    (alert.rule.to_string(), alert.level, evidence)
                })
                .collect();
            let want: Vec<(String, AlertLevel, Vec<String>)> = expected
                .iter()
                .map(|(rule, level, evidence)| {
                    let evidence = evidence.iter().map(|e| (*e).to_owned()).collect();
                    ((*rule).to_owned(), *level, evidence)
                })
                .collect();
            assert_eq!(got, want, "{name}");
            if answers.is_not_asked() {
                assert_eq!(screen(&intake, DEFAULT_RULES, date(on)), alerts, "{name}");
            }
            for alert in &alerts {
                assert!(!alert.advice.is_empty(), "{name}");
            }
        }
    }

    #[test]
    fn an_anticoagulant_alert_says_what_to_do() {
        let alerts = screened(
            |i| i.medications.push(medication("Coumadin", false)),
            INTAKE_DATE,
        );
        assert_eq!(alerts[0].name, "Takes an anticoagulant (blood thinner)");
        assert_eq!(
            alerts[0].advice,
            "Lighter pressure, no deep work, watch for bruising."
        );
        assert_eq!(alerts[0].level, AlertLevel::Caution);
    }

    #[test]
    fn a_change_since_last_time_without_an_intake_is_still_screened() {
        let answers = since(new_condition(Condition::Fever));
        let alerts = screen_session(None, &answers, DEFAULT_RULES, date("2026-09-01"));
        assert_eq!(alerts.len(), 2);
        assert_eq!(alerts[0].evidence[0].date, Some(date("2026-09-01")));
        assert_eq!(
            screen_session(
                None,
                &SinceLastTime::NothingChanged,
                DEFAULT_RULES,
                date("2026-09-01")
            ),
            []
        );
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
