//! The contraindication rule table: which intake answers raise which alert.
//!
//! Rules are data, not code: each says which answers trigger it, how serious
//! the alert is, which practice it concerns, how long after a dated event it
//! still applies, and which body regions to avoid. [`DEFAULT_RULES`] ships the
//! whole reference list (clinical reference §3) with conservative defaults;
//! sources disagree widely, so the therapist can add rules of the same type
//! through [`RuleInput::validate`]. Screening against an intake lives in
//! [`crate::screening`].
//!
//! Default windows: every CST "recent" item uses six months (the reference's
//! own example for head trauma and cranial surgery), and so does the massage
//! rule for recent fractures and sprains. Fever and acute infection are
//! judged over 14 days from the answer's date (or the intake date), so a
//! fever noted at intake stops alerting once it has surely passed; the
//! session-start check still asks.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::body_regions::Region;
use crate::definition::Definition;
use crate::health_history::{Condition, EventKind, Site};
use crate::ids::RecordId;
use crate::recency::{Window, WindowError, WindowUnit};
use crate::text_limit::{required, TooLong, MAX_NAME_CHARS};
use AlertLevel::{AvoidArea, Caution, DoNotTreat};
use Condition as C;
use EventKind::{Fracture, Sprain, Surgery, Trauma};
use Practice::{Cst, Massage};

/// How serious an alert is. Ordered most serious first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertLevel {
    /// Do not treat; defer until a doctor clears treatment.
    DoNotTreat,
    /// Treat with care, adapting technique and pressure.
    Caution,
    /// Treat, but avoid the named areas.
    AvoidArea,
}

impl AlertLevel {
    /// The level as the alert banner words it.
    pub fn label(self) -> &'static str {
        match self {
            AlertLevel::DoNotTreat => "Do not treat: needs medical clearance",
            AlertLevel::Caution => "Caution",
            AlertLevel::AvoidArea => "Local: avoid this area",
        }
    }

    /// Whether going on past an alert of this level needs a written reason.
    pub fn needs_override(self) -> bool {
        self != AlertLevel::AvoidArea
    }
}

/// Which practice a rule concerns.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Practice {
    /// Craniosacral therapy.
    Cst,
    /// Massage (Swedish, deep tissue).
    Massage,
    /// Any hands-on work.
    Both,
}

/// An intake answer a rule looks for.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// A ticked condition.
    Condition(Condition),
    /// A surgery or injury of this kind; at this site, or anywhere if `None`.
    Event {
        /// Surgery, injury, fracture or sprain.
        kind: EventKind,
        /// Where, or `None` for any site.
        site: Option<Site>,
    },
    /// A medication marked as a blood thinner.
    Anticoagulant,
    /// Any pregnancy.
    Pregnancy,
    /// A high-risk pregnancy.
    HighRiskPregnancy,
    /// A word or phrase in the health history, a medication or a note
    /// (ignoring case), for conditions the checklist does not hold.
    Mentions(Cow<'static, str>),
}

/// A rule's permanent id: a fixed name for the built-in rules, the record id
/// for the therapist's own. Overrides refer to rules by it.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RuleId(Cow<'static, str>);

impl RuleId {
    /// The id of a therapist's rule.
    pub fn custom(id: RecordId) -> Self {
        Self(Cow::Owned(id.to_string()))
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One contraindication rule. Built-in rules borrow their text from the
/// program; the therapist's own own theirs, hence the `Cow`s.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub struct Rule {
    /// Permanent id.
    pub id: RuleId,
    /// What the alert says, such as "Recent cranial or spinal surgery".
    pub name: Cow<'static, str>,
    /// How serious.
    pub level: AlertLevel,
    /// Which practice it concerns.
    pub practice: Practice,
    /// The answers that raise it (any one is enough).
    pub triggers: Cow<'static, [Trigger]>,
    /// How long after a dated answer it still applies; `None` for always.
    pub recent_within: Option<Window>,
    /// Regions to avoid besides those marked on the answer itself.
    pub regions: Cow<'static, [Region]>,
}

/// One of the therapist's own rules as it syncs: its content (last writer
/// wins) and whether it was removed.
pub type OwnRule = Definition<Rule>;

impl OwnRule {
    /// The sync record of a therapist's rule saved before rules synced
    /// (see [`Definition::before_sync`]); `None` for a rule whose id is not
    /// a record id, as only built-in rules' are.
    pub fn saved_before_sync(rule: Rule) -> Option<Self> {
        let id = rule.id.0.parse().ok()?;
        Some(Self::before_sync(id, rule))
    }
}

const SIX_MONTHS: Option<Window> = Some(Window::months(6));
const FOURTEEN_DAYS: Option<Window> = Some(Window::days(14));

/// A built-in rule. A macro rather than a `const fn` so the trigger list is
/// a `'static` borrow of the table itself.
macro_rules! rule {
    ($id:literal, $name:literal, $level:expr, $practice:expr, $triggers:expr, $window:expr $(,)?) => {
        Rule {
            id: RuleId(Cow::Borrowed($id)),
            name: Cow::Borrowed($name),
            level: $level,
            practice: $practice,
            triggers: Cow::Borrowed($triggers),
            recent_within: $window,
            regions: Cow::Borrowed(&[]),
        }
    };
}

const fn condition(condition: Condition) -> Trigger {
    Trigger::Condition(condition)
}

const fn event(kind: EventKind, site: Option<Site>) -> Trigger {
    Trigger::Event { kind, site }
}

/// The reference list (clinical reference §3), in its order: CST do-not-treat,
/// CST caution, massage systemic (avoid or consult: do not treat until
/// cleared), massage consult (caution), massage local (avoid the area).
#[rustfmt::skip]
pub const DEFAULT_RULES: &[Rule] = &[
    rule!("cst-intracranial-bleed-or-stroke", "Acute or recent intracranial haemorrhage or stroke", DoNotTreat, Cst,
        &[condition(C::IntracranialHaemorrhage), condition(C::Stroke)], SIX_MONTHS),
    rule!("cst-cerebral-aneurysm", "Cerebral aneurysm", DoNotTreat, Cst,
        &[condition(C::CerebralAneurysm)], None),
    rule!("cst-head-trauma", "Recent skull fracture or serious head trauma", DoNotTreat, Cst,
        &[event(Fracture, Some(Site::Cranial)), event(Trauma, Some(Site::Cranial))], SIX_MONTHS),
    rule!("cst-raised-icp", "Raised intracranial pressure or hydrocephalus", DoNotTreat, Cst,
        &[condition(C::RaisedIntracranialPressure), condition(C::Hydrocephalus)], None),
    rule!("cst-csf-leak-or-lumbar-puncture", "Recent CSF leak or lumbar puncture", DoNotTreat, Cst,
        &[condition(C::CsfLeak), condition(C::LumbarPuncture)], SIX_MONTHS),
    rule!("cst-cranial-or-spinal-surgery", "Recent cranial or spinal surgery", DoNotTreat, Cst,
        &[event(Surgery, Some(Site::Cranial)), event(Surgery, Some(Site::Spinal))], SIX_MONTHS),
    rule!("cst-fracture-skull-spine-ribs", "Recent fracture of skull, vertebrae or ribs", DoNotTreat, Cst,
        &[event(Fracture, Some(Site::Cranial)), event(Fracture, Some(Site::Spinal)), event(Fracture, Some(Site::Ribs))],
        SIX_MONTHS),
    rule!("cst-bleeding-disorder", "Bleeding disorder", DoNotTreat, Cst,
        &[condition(C::BleedingDisorder)], None),
    rule!("cst-fever-or-infection", "Fever or acute infection", Caution, Cst,
        &[condition(C::Fever), condition(C::AcuteInfection)], FOURTEEN_DAYS),
    rule!("cst-dvt-or-clotting", "DVT or clotting disorder", Caution, Cst,
        &[condition(C::DeepVeinThrombosis), condition(C::ClottingDisorder)], None),
    rule!("cst-high-risk-pregnancy", "High-risk pregnancy", Caution, Cst,
        &[Trigger::HighRiskPregnancy], None),
    rule!("cst-known-tumour", "Known tumour", Caution, Cst,
        &[condition(C::CancerOrTumour)], None),
    rule!("cst-epilepsy", "Epilepsy", Caution, Cst,
        &[condition(C::Epilepsy)], None),
    rule!("massage-dvt", "Deep vein thrombosis (DVT)", DoNotTreat, Massage,
        &[condition(C::DeepVeinThrombosis)], None),
    rule!("massage-bleeding-or-anticoagulants", "Bleeding disorder or anticoagulants", DoNotTreat, Massage,
        &[condition(C::BleedingDisorder), Trigger::Anticoagulant], None),
    rule!("massage-severe-osteoporosis", "Severe osteoporosis", DoNotTreat, Massage,
        &[condition(C::SevereOsteoporosis)], None),
    rule!("massage-severe-thrombocytopenia", "Severe thrombocytopenia", DoNotTreat, Massage,
        &[condition(C::SevereThrombocytopenia)], None),
    rule!("massage-fever", "Fever", DoNotTreat, Massage,
        &[condition(C::Fever)], FOURTEEN_DAYS),
    rule!("massage-contagious-skin", "Contagious skin condition", DoNotTreat, Massage,
        &[condition(C::ContagiousSkinCondition)], None),
    rule!("massage-pregnancy", "Pregnancy: consult", Caution, Massage,
        &[Trigger::Pregnancy], None),
    rule!("massage-cancer", "Cancer: consult", Caution, Massage,
        &[condition(C::CancerOrTumour)], None),
    rule!("massage-unexplained-pain", "Unexplained pain: consult", Caution, Massage,
        &[condition(C::UnexplainedPain)], None),
    rule!("massage-wound", "Open or healing wound", AvoidArea, Massage,
        &[condition(C::Wound)], None),
    rule!("massage-burn", "Burn", AvoidArea, Massage,
        &[condition(C::Burn)], None),
    rule!("massage-recent-fracture-or-sprain", "Recent fracture or sprain", AvoidArea, Massage,
        &[event(Fracture, None), event(Sprain, None)], SIX_MONTHS),
    rule!("massage-bruising", "Bruising", AvoidArea, Massage,
        &[condition(C::Bruising)], None),
    rule!("massage-varicose-veins", "Varicose veins", AvoidArea, Massage,
        &[condition(C::VaricoseVeins)], None),
    rule!("massage-local-infection", "Local infection or inflammation", AvoidArea, Massage,
        &[condition(C::LocalInfection)], None),
    rule!("massage-tumour-site", "Tumour site", AvoidArea, Massage,
        &[condition(C::CancerOrTumour)], None),
    rule!("massage-radiation-skin", "Radiation-treated skin", AvoidArea, Massage,
        &[condition(C::RadiationTreatedSkin)], None),
];

/// A rule as the therapist fills it in.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct RuleInput {
    /// What the alert should say.
    pub name: String,
    /// How serious.
    pub level: AlertLevel,
    /// Which practice it concerns.
    pub practice: Practice,
    /// The answers that raise it.
    pub triggers: Vec<Trigger>,
    /// How many days or months "recent" lasts, as typed; empty for always.
    pub recent_within: String,
    /// The unit of `recent_within`.
    pub recent_unit: WindowUnit,
    /// Regions to avoid.
    pub regions: Vec<Region>,
}

/// The rule form's fields.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum RuleField {
    /// The alert text.
    Name,
    /// The triggering answers; the index of a bad one, if one is bad.
    Triggers(Option<usize>),
    /// The recency window.
    RecentWithin,
    /// The regions to avoid.
    Regions,
}

/// What is wrong with one field of a rule.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum RuleFieldError {
    /// The rule has no name.
    #[error("Give the rule a name: it is what the alert will say.")]
    NameRequired,
    /// The name is too long.
    #[error(transparent)]
    TooLong(#[from] TooLong),
    /// Nothing would ever trigger the rule.
    #[error("Choose at least one answer that raises this alert.")]
    TriggerRequired,
    /// A "mentions" trigger has no words.
    #[error("Type the word or phrase to look for.")]
    EmptyMention,
    /// The window is not sane.
    #[error(transparent)]
    Window(#[from] WindowError),
    /// An avoid-area rule names no region and looks only at answers that
    /// cannot carry one.
    #[error("Choose the areas to avoid.")]
    RegionRequired,
}

impl RuleInput {
    /// Checks the rule and gives it the id `id`, or returns every problem.
    pub fn validate(&self, id: RecordId) -> Result<Rule, Vec<(RuleField, RuleFieldError)>> {
        let mut errors = Vec::new();
        let name = required(&self.name, MAX_NAME_CHARS, RuleFieldError::NameRequired)
            .map_err(|error| errors.push((RuleField::Name, error)))
            .unwrap_or_default();
        let triggers: Vec<Trigger> = self
            .triggers
            .iter()
            .enumerate()
            .filter_map(|(index, trigger)| match trigger {
                Trigger::Mentions(words) => match words.trim() {
                    "" => {
                        errors.push((
                            RuleField::Triggers(Some(index)),
                            RuleFieldError::EmptyMention,
                        ));
                        None
                    }
                    words => Some(Trigger::Mentions(Cow::Owned(words.to_owned()))),
                },
                other => Some(other.clone()),
            })
            .collect();
        if self.triggers.is_empty() {
            errors.push((RuleField::Triggers(None), RuleFieldError::TriggerRequired));
        }
        let recent_within = Window::parse(&self.recent_within, self.recent_unit)
            .map_err(|error| errors.push((RuleField::RecentWithin, error.into())))
            .ok()
            .flatten();
        let answers_carry_regions = triggers
            .iter()
            .any(|trigger| matches!(trigger, Trigger::Condition(_) | Trigger::Event { .. }));
        if self.level == AlertLevel::AvoidArea && self.regions.is_empty() && !answers_carry_regions
        {
            errors.push((RuleField::Regions, RuleFieldError::RegionRequired));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut regions = self.regions.clone();
        regions.sort();
        regions.dedup();
        Ok(Rule {
            id: RuleId::custom(id),
            name: Cow::Owned(name),
            level: self.level,
            practice: self.practice,
            triggers: Cow::Owned(triggers),
            recent_within,
            regions: Cow::Owned(regions),
        })
    }
}

impl Rule {
    /// Whether this is exactly what the rule form stores for the
    /// therapist's rule `id`: what a file's rule must be to be stored.
    pub fn is_as_entered(&self, id: RecordId) -> bool {
        self.to_input().validate(id).ok().as_ref() == Some(self)
    }

    /// The rule as form input, to edit a copy of it.
    pub fn to_input(&self) -> RuleInput {
        RuleInput {
            name: self.name.to_string(),
            level: self.level,
            practice: self.practice,
            triggers: self.triggers.to_vec(),
            recent_within: self
                .recent_within
                .map(|window| window.amount().to_string())
                .unwrap_or_default(),
            recent_unit: self
                .recent_within
                .map_or(WindowUnit::Months, |window| window.unit()),
            regions: self.regions.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body_regions::Area;

    /// An edit a test makes to an otherwise valid form.
    type Change = fn(&mut RuleInput);

    fn input() -> RuleInput {
        RuleInput {
            name: "Recent whiplash".into(),
            level: AlertLevel::Caution,
            practice: Practice::Both,
            triggers: vec![Trigger::Mentions("whiplash".into())],
            recent_within: "3".into(),
            recent_unit: WindowUnit::Months,
            regions: vec![],
        }
    }

    #[test]
    fn built_in_ids_are_unique_and_every_rule_can_fire() {
        let mut ids: Vec<&RuleId> = DEFAULT_RULES.iter().map(|rule| &rule.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), DEFAULT_RULES.len());
        for rule in DEFAULT_RULES {
            assert!(!rule.triggers.is_empty(), "{}", rule.id);
            assert!(!rule.name.is_empty(), "{}", rule.id);
        }
    }

    #[test]
    fn built_in_rules_pass_the_therapist_checks_too() {
        for rule in DEFAULT_RULES {
            let checked = rule
                .to_input()
                .validate(RecordId::from_bytes([1; 16]))
                .unwrap();
            assert_eq!(
                (&checked.name, &checked.triggers, checked.recent_within),
                (&rule.name, &rule.triggers, rule.recent_within)
            );
        }
    }

    #[test]
    fn a_therapist_rule_is_checked_and_round_trips() {
        let id = RecordId::from_bytes([3; 16]);
        let rule = input().validate(id).unwrap();
        assert_eq!(rule.id, RuleId::custom(id));
        assert_eq!(rule.recent_within, Some(Window::months(3)));
        let json = serde_json::to_string(&rule).unwrap();
        assert_eq!(serde_json::from_str::<Rule>(&json).unwrap(), rule);
        assert_eq!(rule.to_input(), input());
    }

    #[test]
    fn only_what_the_form_stores_is_as_entered() {
        let id = RecordId::from_bytes([3; 16]);
        let rule = input().validate(id).unwrap();
        assert!(rule.is_as_entered(id));
        assert!(
            !rule.is_as_entered(RecordId::from_bytes([4; 16])),
            "another id"
        );
        let mut untidy = rule.clone();
        untidy.name = Cow::Borrowed(" Recent whiplash");
        assert!(!untidy.is_as_entered(id));
        assert!(!DEFAULT_RULES[0].is_as_entered(id), "a built-in rule's id");
        let adopted = OwnRule::saved_before_sync(rule.clone()).unwrap();
        assert_eq!((adopted.id(), adopted.current()), (id, Some(&rule)));
        assert_eq!(OwnRule::saved_before_sync(DEFAULT_RULES[0].clone()), None);
    }

    #[test]
    fn bad_rules_are_refused_field_by_field() {
        let cases: [(Change, Vec<(RuleField, RuleFieldError)>); 7] = [
            (
                |r| r.name = "  ".into(),
                vec![(RuleField::Name, RuleFieldError::NameRequired)],
            ),
            (
                |r| r.triggers.clear(),
                vec![(RuleField::Triggers(None), RuleFieldError::TriggerRequired)],
            ),
            (
                |r| r.triggers = vec![Trigger::Pregnancy, Trigger::Mentions(" ".into())],
                vec![(RuleField::Triggers(Some(1)), RuleFieldError::EmptyMention)],
            ),
            (
                |r| r.recent_within = "0".into(),
                vec![(RuleField::RecentWithin, WindowError::Zero.into())],
            ),
            (
                |r| r.recent_within = "400".into(),
                vec![(RuleField::RecentWithin, WindowError::TooLong.into())],
            ),
            (
                |r| r.recent_within = "soon".into(),
                vec![(RuleField::RecentWithin, WindowError::NotANumber.into())],
            ),
            (
                |r| r.level = AlertLevel::AvoidArea,
                vec![(RuleField::Regions, RuleFieldError::RegionRequired)],
            ),
        ];
        for (change, expected) in cases {
            let mut rule = input();
            change(&mut rule);
            assert_eq!(
                rule.validate(RecordId::from_bytes([1; 16])).unwrap_err(),
                expected
            );
        }
    }

    #[test]
    fn an_avoid_rule_may_take_its_regions_from_the_rule_or_the_answers() {
        let mut named = input();
        named.level = AlertLevel::AvoidArea;
        named.regions = vec![Region::new(Area::Abdomen, None).unwrap(); 2];
        assert_eq!(
            named
                .validate(RecordId::from_bytes([1; 16]))
                .unwrap()
                .regions
                .len(),
            1
        );
        let mut from_answers = input();
        from_answers.level = AlertLevel::AvoidArea;
        from_answers.triggers = vec![Trigger::Condition(Condition::Burn)];
        assert!(from_answers.validate(RecordId::from_bytes([1; 16])).is_ok());
    }

    #[test]
    fn only_local_alerts_go_ahead_without_a_reason() {
        assert!(AlertLevel::DoNotTreat.needs_override());
        assert!(AlertLevel::Caution.needs_override());
        assert!(!AlertLevel::AvoidArea.needs_override());
    }
}
