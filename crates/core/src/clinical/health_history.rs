//! The health history an intake records: the conditions checklist, dated
//! surgeries and injuries, medications and pregnancy.
//!
//! The checklist holds every condition the contraindication reference names
//! (§3), so that screening can match answers to rules exactly rather than by
//! guessing from free text. Each answer may carry a date (when it happened or
//! began) and the body regions it concerns, which is what lets a rule ask
//! whether something is *recent* and which area to *avoid*.

use serde::{Deserialize, Serialize};

use crate::base::date::CalendarDate;
use crate::base::text_match::Folded;
use crate::clinical::body_regions::Region;
use crate::outcomes::benefit::{BenefitArea, PainSite};

/// A condition on the intake checklist.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Stroke.
    Stroke,
    /// Bleeding inside the skull.
    IntracranialHaemorrhage,
    /// Cerebral aneurysm.
    CerebralAneurysm,
    /// Raised intracranial pressure.
    RaisedIntracranialPressure,
    /// Hydrocephalus.
    Hydrocephalus,
    /// Leak of cerebrospinal fluid.
    CsfLeak,
    /// Lumbar puncture (spinal tap).
    LumbarPuncture,
    /// A bleeding disorder such as haemophilia.
    BleedingDisorder,
    /// Severe thrombocytopenia (very low platelets).
    SevereThrombocytopenia,
    /// Deep vein thrombosis.
    DeepVeinThrombosis,
    /// A clotting disorder.
    ClottingDisorder,
    /// Severe osteoporosis.
    SevereOsteoporosis,
    /// Epilepsy or seizures.
    Epilepsy,
    /// Cancer or a known tumour.
    CancerOrTumour,
    /// Fever.
    Fever,
    /// An acute infection.
    AcuteInfection,
    /// A contagious skin condition.
    ContagiousSkinCondition,
    /// Pain the client has no explanation for.
    UnexplainedPain,
    /// An open or healing wound.
    Wound,
    /// A burn.
    Burn,
    /// Bruising.
    Bruising,
    /// Varicose veins.
    VaricoseVeins,
    /// Infection or inflammation in one area.
    LocalInfection,
    /// Skin treated with radiation.
    RadiationTreatedSkin,
    /// Chiari malformation: the brain stem or cerebellum reaching down
    /// through the base of the skull (Upledger lists it as brain-stem
    /// herniation).
    ChiariMalformation,
    /// A concussion or other head injury, as a checklist tick rather than
    /// only a dated injury entry.
    Concussion,
    /// Osteoporosis or low bone density that is not severe.
    Osteoporosis,
    /// Cancer under active treatment (chemotherapy, radiotherapy, surgery).
    CancerTreatment,
    /// Migraine or recurring headache: a presentation, not a
    /// contraindication.
    Migraine,
    /// Jaw (temporomandibular joint) pain or clicking: a presentation, not a
    /// contraindication.
    Tmj,
}

impl Condition {
    /// The checklist, in the order the intake form shows it: head and
    /// nervous system, blood, bones, systemic, local skin and tissue, then
    /// what clients most often come for.
    pub const ALL: [Condition; 30] = [
        Condition::Stroke,
        Condition::IntracranialHaemorrhage,
        Condition::CerebralAneurysm,
        Condition::ChiariMalformation,
        Condition::Concussion,
        Condition::RaisedIntracranialPressure,
        Condition::Hydrocephalus,
        Condition::CsfLeak,
        Condition::LumbarPuncture,
        Condition::Epilepsy,
        Condition::BleedingDisorder,
        Condition::SevereThrombocytopenia,
        Condition::DeepVeinThrombosis,
        Condition::ClottingDisorder,
        Condition::SevereOsteoporosis,
        Condition::Osteoporosis,
        Condition::CancerOrTumour,
        Condition::CancerTreatment,
        Condition::Fever,
        Condition::AcuteInfection,
        Condition::ContagiousSkinCondition,
        Condition::UnexplainedPain,
        Condition::Wound,
        Condition::Burn,
        Condition::Bruising,
        Condition::VaricoseVeins,
        Condition::LocalInfection,
        Condition::RadiationTreatedSkin,
        Condition::Migraine,
        Condition::Tmj,
    ];

    /// The presentations on the checklist: what the client comes for rather
    /// than a reason to hold back. They suggest a plan's benefit area.
    pub const PRESENTATIONS: [Condition; 2] = [Condition::Migraine, Condition::Tmj];

    /// The benefit a treatment plan would track for a presentation, so the
    /// plan can suggest a goal from the intake; `None` for the rest.
    pub fn suggested_benefit(self) -> Option<BenefitArea> {
        match self {
            Condition::Migraine => Some(BenefitArea::Pain(PainSite::Migraine)),
            Condition::Tmj => Some(BenefitArea::Pain(PainSite::Tmj)),
            _ => None,
        }
    }

    /// The checklist label, in the client's words where possible.
    pub fn label(self) -> &'static str {
        match self {
            Condition::Stroke => "Stroke",
            Condition::IntracranialHaemorrhage => {
                "Bleeding in the brain (intracranial haemorrhage)"
            }
            Condition::CerebralAneurysm => "Cerebral aneurysm",
            Condition::RaisedIntracranialPressure => "Raised pressure in the skull",
            Condition::Hydrocephalus => "Hydrocephalus",
            Condition::CsfLeak => "Spinal fluid (CSF) leak",
            Condition::LumbarPuncture => "Lumbar puncture (spinal tap)",
            Condition::BleedingDisorder => "Bleeding disorder",
            Condition::SevereThrombocytopenia => "Very low platelets (severe thrombocytopenia)",
            Condition::DeepVeinThrombosis => "Deep vein thrombosis (DVT)",
            Condition::ClottingDisorder => "Clotting disorder",
            Condition::SevereOsteoporosis => "Severe osteoporosis",
            Condition::Epilepsy => "Epilepsy or seizures",
            Condition::CancerOrTumour => "Cancer or a known tumour",
            Condition::Fever => "Fever",
            Condition::AcuteInfection => "Acute infection",
            Condition::ContagiousSkinCondition => "Contagious skin condition",
            Condition::UnexplainedPain => "Pain without a known cause",
            Condition::Wound => "Open or healing wound",
            Condition::Burn => "Burn",
            Condition::Bruising => "Bruising",
            Condition::VaricoseVeins => "Varicose veins",
            Condition::LocalInfection => "Infection or inflammation in one area",
            Condition::RadiationTreatedSkin => "Skin treated with radiation",
            Condition::ChiariMalformation => "Chiari malformation (brain-stem herniation)",
            Condition::Concussion => "Concussion or head injury",
            Condition::Osteoporosis => "Osteoporosis or low bone density",
            Condition::CancerTreatment => "Cancer treatment now (chemotherapy, radiotherapy)",
            Condition::Migraine => "Migraine or recurring headaches",
            Condition::Tmj => "Jaw pain or clicking (TMJ)",
        }
    }
}

/// What happened: an operation or an injury.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// An operation.
    Surgery,
    /// An injury such as a blow or a fall.
    Trauma,
    /// A broken bone.
    Fracture,
    /// A sprain.
    Sprain,
}

impl EventKind {
    /// Every kind, in form order.
    pub const ALL: [EventKind; 4] = [
        EventKind::Surgery,
        EventKind::Trauma,
        EventKind::Fracture,
        EventKind::Sprain,
    ];

    /// The kind's name on the form.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Surgery => "Surgery",
            EventKind::Trauma => "Injury",
            EventKind::Fracture => "Fracture",
            EventKind::Sprain => "Sprain",
        }
    }
}

/// Where a surgery or injury was, in the terms the contraindication list
/// uses. Ribs are their own site because the reference names rib fractures.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Site {
    /// The head or skull.
    Cranial,
    /// The spine.
    Spinal,
    /// The ribs.
    Ribs,
    /// Anywhere else.
    Other,
}

impl Site {
    /// Every site, in form order.
    pub const ALL: [Site; 4] = [Site::Cranial, Site::Spinal, Site::Ribs, Site::Other];

    /// The site's name on the form.
    pub fn label(self) -> &'static str {
        match self {
            Site::Cranial => "Head or skull",
            Site::Spinal => "Spine",
            Site::Ribs => "Ribs",
            Site::Other => "Elsewhere",
        }
    }
}

/// A ticked condition.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Serialize, Deserialize)]
pub struct ConditionAnswer {
    /// Which condition.
    pub condition: Condition,
    /// When it happened or began, if the client knows.
    pub date: Option<CalendarDate>,
    /// Where on the body, for conditions of one area.
    pub regions: Vec<Region>,
    /// Anything the client added.
    pub note: String,
}

/// A surgery or injury. The date is required: recency is the point.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Serialize, Deserialize)]
pub struct EventAnswer {
    /// Surgery, injury, fracture or sprain.
    pub kind: EventKind,
    /// Head, spine, ribs or elsewhere.
    pub site: Site,
    /// When it happened.
    pub date: CalendarDate,
    /// Where on the body, if marked.
    pub regions: Vec<Region>,
    /// What it was, in the client's words.
    pub note: String,
}

/// A medication the client takes.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Default, Serialize, Deserialize)]
pub struct Medication {
    /// Its name.
    pub name: String,
    /// Whether it was ticked as a blood thinner. Screening also knows the
    /// common anticoagulants by name ([`anticoagulant_named`]), ticked or not.
    pub anticoagulant: bool,
    /// Dose or purpose, if given.
    pub note: String,
}

impl Medication {
    /// The anticoagulant this row names (by generic or brand name, in its
    /// name or note), if any.
    pub fn named_anticoagulant(&self) -> Option<&'static str> {
        anticoagulant_named(&self.name).or_else(|| anticoagulant_named(&self.note))
    }

    /// Whether the client takes a blood thinner by this row: ticked, or
    /// named.
    pub fn thins_the_blood(&self) -> bool {
        self.anticoagulant || self.named_anticoagulant().is_some()
    }
}

/// The anticoagulants screening recognises by name: each generic name with
/// its common brand names (UK, EU, US, Canada, Australia). Sources: BNF
/// "Anticoagulants" and the FDA/EMA product listings for each brand. Oral
/// and injected; antiplatelets such as aspirin and clopidogrel are not
/// anticoagulants and are left to the "blood thinner" tick.
pub const ANTICOAGULANTS: &[(&str, &[&str])] = &[
    ("warfarin", &["Coumadin", "Jantoven", "Marevan", "Waran"]),
    ("acenocoumarol", &["Sintrom", "Sinthrome"]),
    ("phenprocoumon", &["Marcumar", "Falithrom"]),
    ("apixaban", &["Eliquis"]),
    ("rivaroxaban", &["Xarelto"]),
    ("dabigatran", &["Pradaxa", "Pradax", "Prazaxa"]),
    ("edoxaban", &["Savaysa", "Lixiana", "Roteas"]),
    // French and Spanish spellings, as clients abroad write it.
    ("heparin", &["héparine", "heparina"]),
    ("enoxaparin", &["Lovenox", "Clexane", "Inhixa"]),
    ("dalteparin", &["Fragmin"]),
    ("tinzaparin", &["Innohep"]),
    ("fondaparinux", &["Arixtra"]),
];

/// The generic name of the anticoagulant `text` names as a whole word,
/// ignoring case and accents ("ELIQUIS 5 mg" → "apixaban"), if any.
pub fn anticoagulant_named(text: &str) -> Option<&'static str> {
    let text = Folded::new(text);
    ANTICOAGULANTS
        .iter()
        .find(|(generic, brands)| {
            std::iter::once(generic)
                .chain(brands.iter())
                .any(|name| text.has_words(&Folded::new(name)))
        })
        .map(|(generic, _)| *generic)
}

/// Whether the client is pregnant.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Pregnancy {
    /// Not pregnant.
    #[default]
    No,
    /// Pregnant.
    Yes,
    /// Pregnant, and the pregnancy is high-risk.
    HighRisk,
}

/// What an allergy is to.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum AllergenKind {
    /// A massage or essential oil.
    Oil,
    /// A lotion or cream.
    Lotion,
    /// Anything else (latex, nuts in a balm).
    #[default]
    Other,
}

/// An allergy the therapist must respect when choosing oils and lotions.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Default, Serialize, Deserialize)]
pub struct Allergy {
    /// What the client reacts to, such as "almond oil".
    pub substance: String,
    /// Oil, lotion or other.
    pub kind: AllergenKind,
}

/// Whom to call in an emergency.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Default, Serialize, Deserialize)]
pub struct EmergencyContact {
    /// Their name.
    pub name: String,
    /// How they relate to the client.
    pub relationship: String,
    /// Their phone number.
    pub phone: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checklist_lists_every_condition_once_with_a_label() {
        let mut sorted = Condition::ALL.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), Condition::ALL.len());
        assert_eq!(sorted.last(), Some(&Condition::Tmj));
        for condition in Condition::ALL {
            assert!(!condition.label().is_empty());
            assert_eq!(
                condition.suggested_benefit().is_some(),
                Condition::PRESENTATIONS.contains(&condition),
                "{condition:?}"
            );
        }
    }

    #[test]
    fn anticoagulants_are_known_by_generic_and_brand_name() {
        let cases = [
            ("Warfarin", Some("warfarin")),
            ("COUMADIN 5mg", Some("warfarin")),
            ("jantoven", Some("warfarin")),
            ("Eliquis", Some("apixaban")),
            ("apixabán", Some("apixaban")),
            ("Xarelto 20 mg daily", Some("rivaroxaban")),
            ("Pradaxa", Some("dabigatran")),
            ("Savaysa", Some("edoxaban")),
            ("Lixiana", Some("edoxaban")),
            ("HÉPARINE sodique", Some("heparin")),
            ("heparin injections", Some("heparin")),
            ("Lovenox", Some("enoxaparin")),
            ("Clexane", Some("enoxaparin")),
            ("Fragmin", Some("dalteparin")),
            ("Aspirin", None),
            ("Ibuprofen", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(anticoagulant_named(text), expected, "{text:?}");
        }
        let unticked = Medication {
            name: "Blood pills".into(),
            anticoagulant: false,
            note: "eliquis twice a day".into(),
        };
        assert!(unticked.thins_the_blood());
        assert_eq!(unticked.named_anticoagulant(), Some("apixaban"));
    }
}
