//! The health history an intake records: the conditions checklist, dated
//! surgeries and injuries, medications and pregnancy.
//!
//! The checklist holds every condition the contraindication reference names
//! (§3), so that screening can match answers to rules exactly rather than by
//! guessing from free text. Each answer may carry a date (when it happened or
//! began) and the body regions it concerns, which is what lets a rule ask
//! whether something is *recent* and which area to *avoid*.

use serde::{Deserialize, Serialize};

use crate::body_regions::Region;
use crate::date::CalendarDate;

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
}

impl Condition {
    /// The checklist, in the order the intake form shows it: head and
    /// nervous system, blood, bones, systemic, then local skin and tissue.
    pub const ALL: [Condition; 24] = [
        Condition::Stroke,
        Condition::IntracranialHaemorrhage,
        Condition::CerebralAneurysm,
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
        Condition::CancerOrTumour,
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
    ];

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
    /// Whether it thins the blood: massage screening asks about this.
    pub anticoagulant: bool,
    /// Dose or purpose, if given.
    pub note: String,
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
        assert_eq!(sorted.last(), Some(&Condition::RadiationTreatedSkin));
        for condition in Condition::ALL {
            assert!(!condition.label().is_empty());
        }
    }
}
