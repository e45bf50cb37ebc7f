//! The contraindication rule table: which intake answers raise which alert.
//!
//! Rules are data, not code: each says which answers trigger it, how serious
//! the alert is, which practice it concerns, how long after a dated event it
//! still applies, and which body regions to avoid. [`DEFAULT_RULES`] ships the
//! whole reference list (`docs/clinical-reference.md` §3) with conservative defaults;
//! sources disagree widely, so the therapist can add rules of the same type
//! through [`RuleInput::validate`]. Screening against an intake lives in
//! [`crate::clinical::screening`].
//!
//! Default windows: every CST "recent" item uses six months (the reference's
//! own example for head trauma and cranial surgery), and so does the massage
//! rules for recent fractures, sprains and the site of an operation. The
//! clot risk after any operation lasts three months (Sweetland et al. 2009).
//! Fever and acute infection are judged over 14 days from the answer's date
//! (or the intake date), so a fever noted at intake stops alerting once it
//! has surely passed; the session-start check ([`crate::clinical::since_last_time`])
//! asks again each visit.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::base::ids::RecordId;
use crate::base::recency::{Window, WindowError, WindowUnit};
use crate::base::text_limit::{required, TooLong, MAX_NAME_CHARS};
use crate::clinical::body_regions::Region;
use crate::clinical::health_history::{Condition, EventKind, Site};
use crate::merge::definition::Definition;
use AlertLevel::{AvoidArea, Caution, Check, DoNotTreat};
use Condition as C;
use EventKind::{Fracture, Sprain, Surgery, Trauma};
use Practice::{Both, Cst, Massage};

/// How serious an alert is. Ordered most serious first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertLevel {
    /// Do not treat; defer until a doctor clears treatment.
    DoNotTreat,
    /// Treat with care, adapting technique and pressure.
    Caution,
    /// Ask the client before starting: something typed (a word in the
    /// notes, an allergy) may matter, but is not itself a finding. It needs
    /// no written reason, so it never teaches overriding by habit.
    Check,
    /// Treat, but avoid the named areas.
    AvoidArea,
}

impl AlertLevel {
    /// Every level, most serious first.
    pub const ALL: [AlertLevel; 4] = [
        AlertLevel::DoNotTreat,
        AlertLevel::Caution,
        AlertLevel::Check,
        AlertLevel::AvoidArea,
    ];

    /// The level as the alert banner words it.
    pub fn label(self) -> &'static str {
        match self {
            AlertLevel::DoNotTreat => "Do not treat: needs medical clearance",
            AlertLevel::Caution => "Caution",
            AlertLevel::Check => "Check with the client",
            AlertLevel::AvoidArea => "Local: avoid this area",
        }
    }

    /// What a therapist does about an alert of this level when its rule
    /// says nothing more (the therapist's own rules).
    pub fn action(self) -> &'static str {
        match self {
            AlertLevel::DoNotTreat => {
                "Do not treat until a doctor has cleared treatment; write down who cleared it."
            }
            AlertLevel::Caution => {
                "Adapt technique and pressure; write down why it is safe to go on."
            }
            AlertLevel::Check => "Ask the client about it before starting.",
            AlertLevel::AvoidArea => "Work around the area.",
        }
    }

    /// Whether going on past an alert of this level needs a written reason.
    pub fn needs_override(self) -> bool {
        matches!(self, AlertLevel::DoNotTreat | AlertLevel::Caution)
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

impl Practice {
    /// Which work, in words.
    pub fn label(self) -> &'static str {
        match self {
            Practice::Cst => "CST",
            Practice::Massage => "Massage",
            Practice::Both => "All hands-on work",
        }
    }
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
    /// A medication ticked as a blood thinner, or naming a known
    /// anticoagulant ([`crate::clinical::health_history::ANTICOAGULANTS`]).
    Anticoagulant,
    /// An allergy to an oil or lotion, which massage uses as its medium.
    MediumAllergy,
    /// Any pregnancy.
    Pregnancy,
    /// A high-risk pregnancy.
    HighRiskPregnancy,
    /// A word or phrase in the health history, a medication or a note
    /// (ignoring case), for conditions the checklist does not hold.
    Mentions(Cow<'static, str>),
}

impl Trigger {
    /// The answer in words, for the rules page and the rule form.
    pub fn describe(&self) -> String {
        match self {
            Trigger::Condition(condition) => condition.label().to_owned(),
            Trigger::Event {
                kind,
                site: Some(site),
            } => format!("{}: {}", kind.label(), site.label()),
            Trigger::Event { kind, site: None } => format!("{} (anywhere)", kind.label()),
            Trigger::Anticoagulant => {
                "An anticoagulant (ticked as a blood thinner, or named among the medications)"
                    .to_owned()
            }
            Trigger::MediumAllergy => "An allergy to an oil or lotion".to_owned(),
            Trigger::Pregnancy => "Pregnancy".to_owned(),
            Trigger::HighRiskPregnancy => "High-risk pregnancy".to_owned(),
            Trigger::Mentions(words) => format!("Mentions “{words}”"),
        }
    }
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
    /// What the therapist should do, beyond the level's own words
    /// ([`AlertLevel::action`]); empty for the therapist's own rules. Left
    /// out of stored rules when empty, so their stored form is unchanged.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub advice: Cow<'static, str>,
    /// Where the rule comes from, for the rules page; empty for the
    /// therapist's own rules.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub source: Cow<'static, str>,
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
const THREE_MONTHS: Option<Window> = Some(Window::months(3));
const FOURTEEN_DAYS: Option<Window> = Some(Window::days(14));

/// A built-in rule. A macro rather than a `const fn` so the trigger list is
/// a `'static` borrow of the table itself.
macro_rules! rule {
    ($id:literal, $name:literal, $level:expr, $practice:expr, $triggers:expr, $window:expr,
     advice: $advice:expr, source: $source:expr $(,)?) => {
        Rule {
            id: RuleId(Cow::Borrowed($id)),
            name: Cow::Borrowed($name),
            level: $level,
            practice: $practice,
            triggers: Cow::Borrowed($triggers),
            recent_within: $window,
            regions: Cow::Borrowed(&[]),
            advice: Cow::Borrowed($advice),
            source: Cow::Borrowed($source),
        }
    };
}

const fn mentions(words: &'static str) -> Trigger {
    Trigger::Mentions(Cow::Borrowed(words))
}

/// The Upledger Institute's published contraindications to CranioSacral
/// Therapy: "acute intracranial haemorrhage, intracranial aneurysm,
/// herniation of the medulla oblongata (Arnold-Chiari malformation), recent
/// skull fracture", and any condition in which a slight change in
/// intracranial pressure could do harm.
const UPLEDGER: &str = "Upledger Institute, contraindications to CranioSacral Therapy";
/// Upledger's list and the clinical reference agree on the item.
const UPLEDGER_AND_REF: &str =
    "Upledger Institute, contraindications to CranioSacral Therapy; Stillpoint clinical reference §3, CST do not treat";
/// The app's clinical reference, §3: the CST "do not treat / defer" list.
const REF_CST: &str = "Stillpoint clinical reference §3, CST do not treat";
/// The app's clinical reference, §3: CST relative contraindications.
const REF_CST_CAUTION: &str = "Stillpoint clinical reference §3, CST relative (caution)";
/// The app's clinical reference, §3: massage, systemic (avoid or consult).
const REF_SYSTEMIC: &str = "Stillpoint clinical reference §3, massage systemic";
/// The app's clinical reference, §3: massage, local (work around the area).
const REF_LOCAL: &str = "Stillpoint clinical reference §3, massage local";
/// Werner R. A Massage Therapist's Guide to Pathology, 7th ed. (2019), and
/// Walton T. Medical Conditions and Massage Therapy: A Decision Tree
/// Approach (2011): the massage-specific adaptations (pressure, medium,
/// positioning) for each condition.
const WERNER_WALTON: &str = "Werner, A Massage Therapist's Guide to Pathology (2019); \
                             Walton, Medical Conditions and Massage Therapy (2011)";

const fn condition(condition: Condition) -> Trigger {
    Trigger::Condition(condition)
}

const fn event(kind: EventKind, site: Option<Site>) -> Trigger {
    Trigger::Event { kind, site }
}

/// The reference list (clinical reference §3), in its order: CST do-not-treat,
/// CST caution, massage systemic (avoid or consult: do not treat until
/// cleared), massage consult (caution), massage local (avoid the area); then
/// the checks on what was typed rather than ticked. Each rule names its
/// source; where this table is stricter or milder than the clinical
/// reference, the comment above the rule says why.
#[rustfmt::skip]
pub const DEFAULT_RULES: &[Rule] = &[
    rule!("cst-intracranial-bleed-or-stroke", "Acute or recent intracranial haemorrhage or stroke", DoNotTreat, Cst,
        &[condition(C::IntracranialHaemorrhage), condition(C::Stroke)], SIX_MONTHS,
        advice: "Do not treat; CST can change pressure inside the skull. Ask for the doctor's clearance.",
        source: UPLEDGER_AND_REF),
    rule!("cst-cerebral-aneurysm", "Cerebral aneurysm", DoNotTreat, Cst,
        &[condition(C::CerebralAneurysm)], None,
        advice: "Do not give CST; a known aneurysm is a lasting reason. Ask for the doctor's clearance.",
        source: UPLEDGER_AND_REF),
    // Upledger lists brain-stem herniation (Arnold-Chiari malformation);
    // the clinical reference's list lacks it, so it is added from Upledger.
    rule!("cst-chiari-malformation", "Chiari malformation (brain-stem herniation)", DoNotTreat, Cst,
        &[condition(C::ChiariMalformation)], None,
        advice: "Do not give CST; changes in pressure at the base of the skull can do harm. Ask for the doctor's clearance.",
        source: UPLEDGER),
    // Concussion is "serious head trauma" in the reference's words; the
    // six months are the reference's own example for a recent head injury.
    rule!("cst-head-trauma", "Recent skull fracture, concussion or serious head injury", DoNotTreat, Cst,
        &[event(Fracture, Some(Site::Cranial)), event(Trauma, Some(Site::Cranial)), condition(C::Concussion)], SIX_MONTHS,
        advice: "Do not give CST within six months of the injury unless a doctor has cleared it.",
        source: UPLEDGER_AND_REF),
    rule!("cst-raised-icp", "Raised intracranial pressure or hydrocephalus", DoNotTreat, Cst,
        &[condition(C::RaisedIntracranialPressure), condition(C::Hydrocephalus)], None,
        advice: "Do not give CST (this includes a shunt for hydrocephalus) unless the doctor has cleared it.",
        source: UPLEDGER_AND_REF),
    rule!("cst-csf-leak-or-lumbar-puncture", "Recent CSF leak or lumbar puncture", DoNotTreat, Cst,
        &[condition(C::CsfLeak), condition(C::LumbarPuncture)], SIX_MONTHS,
        advice: "Do not give CST until the leak has healed and a doctor has cleared it.",
        source: REF_CST),
    rule!("cst-cranial-or-spinal-surgery", "Recent cranial or spinal surgery", DoNotTreat, Cst,
        &[event(Surgery, Some(Site::Cranial)), event(Surgery, Some(Site::Spinal))], SIX_MONTHS,
        advice: "Do not give CST within six months of the operation unless the surgeon has cleared it.",
        source: REF_CST),
    rule!("cst-fracture-skull-spine-ribs", "Recent fracture of skull, vertebrae or ribs", DoNotTreat, Cst,
        &[event(Fracture, Some(Site::Cranial)), event(Fracture, Some(Site::Spinal)), event(Fracture, Some(Site::Ribs))],
        SIX_MONTHS,
        advice: "Do not give CST until the fracture has healed and a doctor has cleared it.",
        source: UPLEDGER_AND_REF),
    rule!("cst-bleeding-disorder", "Bleeding disorder", DoNotTreat, Cst,
        &[condition(C::BleedingDisorder)], None,
        advice: "Do not give CST unless the client's doctor has cleared it.",
        source: UPLEDGER_AND_REF),
    rule!("cst-fever-or-infection", "Fever or acute infection", Caution, Cst,
        &[condition(C::Fever), condition(C::AcuteInfection)], FOURTEEN_DAYS,
        advice: "Consider rescheduling; if you go on, keep the session short and gentle.",
        source: REF_CST_CAUTION),
    rule!("cst-dvt-or-clotting", "DVT or clotting disorder", Caution, Cst,
        &[condition(C::DeepVeinThrombosis), condition(C::ClottingDisorder)], None,
        advice: "Light touch only; no work on a limb with a clot. Refer if the leg is newly painful, swollen or warm.",
        source: REF_CST_CAUTION),
    rule!("cst-high-risk-pregnancy", "High-risk pregnancy", Caution, Cst,
        &[Trigger::HighRiskPregnancy], None,
        advice: "Treat only with the midwife's or doctor's agreement.",
        source: REF_CST_CAUTION),
    rule!("cst-known-tumour", "Known tumour or cancer treatment", Caution, Cst,
        &[condition(C::CancerOrTumour), condition(C::CancerTreatment)], None,
        advice: "Agree the work with the client's oncology team; avoid the tumour site.",
        source: REF_CST_CAUTION),
    rule!("cst-epilepsy", "Epilepsy", Caution, Cst,
        &[condition(C::Epilepsy)], None,
        advice: "Ask about triggers and the seizure plan; have the emergency contact to hand.",
        source: REF_CST_CAUTION),
    // History or signs of DVT: a clot can travel when the limb is worked.
    rule!("massage-dvt", "Deep vein thrombosis (DVT): do not massage the limb, refer", DoNotTreat, Massage,
        &[condition(C::DeepVeinThrombosis)], None,
        advice: "Do not massage the limb. New calf pain, swelling, warmth or redness: refer to a doctor the same day.",
        source: "Stillpoint clinical reference §3, massage systemic; Werner, A Massage Therapist's Guide to Pathology (2019)"),
    rule!("massage-bleeding-disorder", "Bleeding disorder", DoNotTreat, Massage,
        &[condition(C::BleedingDisorder)], None,
        advice: "Do not massage until the client's doctor has cleared it.",
        source: REF_SYSTEMIC),
    // Caution, not "do not treat": Werner and Walton adapt massage to
    // anticoagulants (lighter pressure, no deep work) rather than refuse it,
    // which is also how the reference's "avoid or consult" reads once the
    // doctor is known to manage the dose. A bleeding disorder stays above.
    rule!("massage-anticoagulants", "Takes an anticoagulant (blood thinner)", Caution, Massage,
        &[Trigger::Anticoagulant], None,
        advice: "Lighter pressure, no deep work, watch for bruising.",
        source: WERNER_WALTON),
    rule!("massage-severe-osteoporosis", "Severe osteoporosis", DoNotTreat, Massage,
        &[condition(C::SevereOsteoporosis)], None,
        advice: "Do not massage until the client's doctor has cleared it.",
        source: REF_SYSTEMIC),
    rule!("massage-osteoporosis", "Osteoporosis: gentle pressure", Caution, Massage,
        &[condition(C::Osteoporosis)], None,
        advice: "Gentle pressure; no deep work or joint mobilisation over the spine and ribs.",
        source: WERNER_WALTON),
    rule!("massage-severe-thrombocytopenia", "Severe thrombocytopenia", DoNotTreat, Massage,
        &[condition(C::SevereThrombocytopenia)], None,
        advice: "Do not massage until the client's doctor has cleared it.",
        source: REF_SYSTEMIC),
    rule!("massage-fever", "Fever or acute systemic infection", DoNotTreat, Massage,
        &[condition(C::Fever), condition(C::AcuteInfection)], FOURTEEN_DAYS,
        advice: "Reschedule until the fever or infection has passed.",
        source: "Stillpoint clinical reference §3, massage systemic; Werner, A Massage Therapist's Guide to Pathology (2019)"),
    rule!("massage-contagious-skin", "Contagious skin condition", DoNotTreat, Massage,
        &[condition(C::ContagiousSkinCondition)], None,
        advice: "Reschedule until it has cleared.",
        source: REF_SYSTEMIC),
    // Sweetland et al. 2009, BMJ 339:b4583: the risk of a clot stays raised
    // for about twelve weeks after surgery, hence three months here.
    rule!("massage-recent-surgery", "Recent surgery: clot risk", Caution, Massage,
        &[event(Surgery, None)], THREE_MONTHS,
        advice: "Lighter pressure on the legs; no deep work. Refer if a leg is newly painful, swollen or warm.",
        source: "Sweetland et al. 2009, BMJ 339:b4583; Werner, A Massage Therapist's Guide to Pathology (2019)"),
    rule!("massage-pregnancy", "Pregnancy: consult", Caution, Massage,
        &[Trigger::Pregnancy], None,
        advice: "Side-lying or supported positions; check with the midwife or doctor if anything is unusual.",
        source: REF_SYSTEMIC),
    rule!("massage-cancer", "Cancer or cancer treatment: consult", Caution, Massage,
        &[condition(C::CancerOrTumour), condition(C::CancerTreatment)], None,
        advice: "Agree pressure and positioning with the client's oncology team; avoid the tumour and port sites.",
        source: "Stillpoint clinical reference §3, massage consult; Walton, Medical Conditions and Massage Therapy (2011)"),
    rule!("massage-unexplained-pain", "Unexplained pain: consult", Caution, Massage,
        &[condition(C::UnexplainedPain)], None,
        advice: "Suggest the client sees their doctor; do not work deeply where it hurts.",
        source: REF_SYSTEMIC),
    rule!("massage-wound", "Open or healing wound", AvoidArea, Massage,
        &[condition(C::Wound)], None,
        advice: "Work around the area.",
        source: REF_LOCAL),
    rule!("massage-burn", "Burn", AvoidArea, Massage,
        &[condition(C::Burn)], None,
        advice: "Work around the area.",
        source: REF_LOCAL),
    rule!("massage-recent-fracture-or-sprain", "Recent fracture or sprain", AvoidArea, Massage,
        &[event(Fracture, None), event(Sprain, None)], SIX_MONTHS,
        advice: "Work around the area.",
        source: REF_LOCAL),
    // The site of an operation is an open or healing wound in the
    // reference's words; six months as for fractures.
    rule!("massage-surgery-site", "Recent surgery: avoid the site", AvoidArea, Massage,
        &[event(Surgery, None)], SIX_MONTHS,
        advice: "Work around the scar and the area around it until it has healed.",
        source: REF_LOCAL),
    rule!("massage-bruising", "Bruising", AvoidArea, Massage,
        &[condition(C::Bruising)], None,
        advice: "Work around the area.",
        source: REF_LOCAL),
    rule!("massage-varicose-veins", "Varicose veins", AvoidArea, Massage,
        &[condition(C::VaricoseVeins)], None,
        advice: "No pressure on the veins; light strokes towards the heart above them only.",
        source: REF_LOCAL),
    rule!("massage-local-infection", "Local infection or inflammation", AvoidArea, Massage,
        &[condition(C::LocalInfection)], None,
        advice: "Work around the area.",
        source: REF_LOCAL),
    rule!("massage-tumour-site", "Tumour site", AvoidArea, Massage,
        &[condition(C::CancerOrTumour)], None,
        advice: "Work around the area.",
        source: REF_LOCAL),
    rule!("massage-radiation-skin", "Radiation-treated skin", AvoidArea, Massage,
        &[condition(C::RadiationTreatedSkin)], None,
        advice: "Work around the area.",
        source: REF_LOCAL),
    // An allergy is not a contraindication to the work, only to the
    // medium: a check, with no reason to write each session.
    rule!("massage-medium-allergy", "Allergic to an oil or lotion: use another medium", Check, Massage,
        &[Trigger::MediumAllergy], None,
        advice: "Use a medium the client is not allergic to, or work without one.",
        source: "Stillpoint clinical reference §3 (the allergies the intake records); Werner, A Massage Therapist's Guide to Pathology (2019)"),
    // Words in free text are not findings, so a check rather than a
    // caution: the therapist asks, then ticks or records what is true.
    rule!("notes-check-with-client", "Notes mention a possible contraindication: check with the client", Check, Both,
        &[mentions("concussion"), mentions("chiari"), mentions("aneurysm"), mentions("dvt"), mentions("thrombosis"),
          mentions("blood clot"), mentions("fever"), mentions("pregnant"), mentions("pregnancy")], None,
        advice: "Ask the client about it; if it is current, record it on the intake or in \"since last time\".",
        source: "Stillpoint clinical reference §3 (screened at intake, re-checked at each session start)"),
];

/// One rule as the printable "Screening rules" page lists it, so a person
/// can read (and question) exactly what the app screens for.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RuleRow {
    /// The rule's id.
    pub id: RuleId,
    /// What the alert says.
    pub name: String,
    /// The answers that raise it (any one is enough), in words, joined by
    /// semicolons.
    pub condition: String,
    /// Which work it concerns.
    pub treatment: &'static str,
    /// How serious.
    pub level: AlertLevel,
    /// How long it applies, in words.
    pub window: String,
    /// What the therapist should do.
    pub action: String,
    /// Where it comes from.
    pub source: String,
    /// Whether it is the therapist's own rule.
    pub own: bool,
}

/// What the rules page says of a therapist's rule's source.
pub const OWN_RULE_SOURCE: &str = "Your own rule";

impl Rule {
    fn row(&self, own: bool) -> RuleRow {
        let non_empty =
            |text: &str, otherwise: &str| if text.is_empty() { otherwise } else { text }.to_owned();
        RuleRow {
            id: self.id.clone(),
            name: self.name.to_string(),
            condition: self
                .triggers
                .iter()
                .map(Trigger::describe)
                .collect::<Vec<_>>()
                .join("; "),
            treatment: self.practice.label(),
            level: self.level,
            window: match self.recent_within {
                Some(window) => format!(
                    "Within {window} of the date given (undated answers: of the intake date)"
                ),
                None => "At any time".to_owned(),
            },
            action: non_empty(&self.advice, self.level.action()),
            source: non_empty(&self.source, OWN_RULE_SOURCE),
            own,
        }
    }
}

/// Every rule the screen uses, readable: the built-in ones in table order,
/// then the therapist's own `own` rules.
pub fn rule_rows(own: &[Rule]) -> Vec<RuleRow> {
    DEFAULT_RULES
        .iter()
        .map(|rule| rule.row(false))
        .chain(own.iter().map(|rule| rule.row(true)))
        .collect()
}

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
            advice: Cow::Borrowed(""),
            source: Cow::Borrowed(""),
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
    use crate::clinical::body_regions::Area;

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
    fn every_rule_reads_as_a_row_with_its_source() {
        let own = input().validate(RecordId::from_bytes([3; 16])).unwrap();
        let rows = rule_rows(std::slice::from_ref(&own));
        assert_eq!(rows.len(), DEFAULT_RULES.len() + 1);
        for row in &rows {
            for (part, text) in [
                ("condition", &row.condition),
                ("window", &row.window),
                ("action", &row.action),
                ("source", &row.source),
            ] {
                assert!(!text.is_empty(), "{}: {part}", row.id);
            }
        }
        let find = |id: &str| rows.iter().find(|row| row.id.to_string() == id).unwrap();
        // (rule, condition, treatment, level, window, action, source)
        let cases = [
            (
                find("cst-chiari-malformation"),
                "Chiari malformation (brain-stem herniation)",
                "CST",
                AlertLevel::DoNotTreat,
                "At any time",
                "Do not give CST; changes in pressure at the base of the skull can do harm. Ask for the doctor's clearance.",
                "Upledger Institute, contraindications to CranioSacral Therapy",
            ),
            (
                find("massage-anticoagulants"),
                "An anticoagulant (ticked as a blood thinner, or named among the medications)",
                "Massage",
                AlertLevel::Caution,
                "At any time",
                "Lighter pressure, no deep work, watch for bruising.",
                WERNER_WALTON,
            ),
            (
                find("massage-recent-surgery"),
                "Surgery (anywhere)",
                "Massage",
                AlertLevel::Caution,
                "Within 3 months of the date given (undated answers: of the intake date)",
                "Lighter pressure on the legs; no deep work. Refer if a leg is newly painful, swollen or warm.",
                "Sweetland et al. 2009, BMJ 339:b4583; Werner, A Massage Therapist's Guide to Pathology (2019)",
            ),
            (
                rows.last().unwrap(),
                "Mentions “whiplash”",
                "All hands-on work",
                AlertLevel::Caution,
                "Within 3 months of the date given (undated answers: of the intake date)",
                AlertLevel::Caution.action(),
                OWN_RULE_SOURCE,
            ),
        ];
        for (row, condition, treatment, level, window, action, source) in cases {
            assert_eq!(
                (
                    row.condition.as_str(),
                    row.treatment,
                    row.level,
                    row.window.as_str(),
                    row.action.as_str(),
                    row.source.as_str()
                ),
                (condition, treatment, level, window, action, source),
                "{}",
                row.id
            );
        }
        assert!(rows.last().unwrap().own && !rows[0].own);
        let head = find("cst-head-trauma");
        assert_eq!(
            head.condition,
            "Fracture: Head or skull; Injury: Head or skull; Concussion or head injury"
        );
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
    fn only_local_alerts_and_checks_go_ahead_without_a_reason() {
        let needs: Vec<bool> = AlertLevel::ALL.map(AlertLevel::needs_override).to_vec();
        assert_eq!(needs, [true, true, false, false]);
        let mut sorted = AlertLevel::ALL;
        sorted.sort();
        assert_eq!(sorted, AlertLevel::ALL, "most serious first");
    }
}
