//! What clients come for: the benefit areas that goals, instruments and the
//! practice report are grouped by.
//!
//! Pain carries its site because a migraine, a back and a jaw get better at
//! different rates and are measured with different instruments; the practice
//! report must not pool them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where the pain is.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PainSite {
    /// Migraine and other headache.
    Migraine,
    /// Back pain.
    Back,
    /// Jaw pain (temporomandibular joint).
    Tmj,
    /// Any other site.
    Other,
}

impl PainSite {
    /// Every site, in the order forms list them.
    pub const ALL: [Self; 4] = [Self::Migraine, Self::Back, Self::Tmj, Self::Other];

    /// The short machine name used inside instrument ids ("back").
    pub fn slug(self) -> &'static str {
        match self {
            Self::Migraine => "migraine",
            Self::Back => "back",
            Self::Tmj => "tmj",
            Self::Other => "other",
        }
    }

    /// The site as a choice on its own reads ("Back", "Other site").
    pub fn label(self) -> &'static str {
        match self {
            Self::Migraine => "Migraine",
            Self::Back => "Back",
            Self::Tmj => "TMJ",
            Self::Other => "Other site",
        }
    }

    /// The site as it reads before "pain" in a sentence to the client.
    pub fn pain_words(self) -> &'static str {
        match self {
            Self::Migraine => "migraine pain",
            Self::Back => "back pain",
            Self::Tmj => "jaw pain",
            Self::Other => "pain",
        }
    }
}

/// The site's name as the therapist reads it ("TMJ").
impl fmt::Display for PainSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Migraine => "migraine",
            Self::Back => "back",
            Self::Tmj => "TMJ",
            Self::Other => "other site",
        })
    }
}

/// A benefit a client may seek from treatment. Ordered as the practice
/// report lists them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitArea {
    /// Less stress.
    Stress,
    /// Less pain at one site.
    Pain(PainSite),
    /// Better emotional well-being.
    WellBeing,
    /// Better posture.
    Posture,
    /// Overall change as the client judges it.
    Global,
}

/// The area's name for headings and the practice report ("Pain: back").
impl fmt::Display for BenefitArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Stress => f.write_str("Stress"),
            Self::Pain(site) => write!(f, "Pain: {site}"),
            Self::WellBeing => f.write_str("Emotional well-being"),
            Self::Posture => f.write_str("Posture"),
            Self::Global => f.write_str("Global change"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_order_and_names() {
        let mut areas = [
            BenefitArea::Global,
            BenefitArea::Posture,
            BenefitArea::Pain(PainSite::Tmj),
            BenefitArea::WellBeing,
            BenefitArea::Stress,
            BenefitArea::Pain(PainSite::Migraine),
        ];
        areas.sort();
        let names: Vec<String> = areas.iter().map(ToString::to_string).collect();
        assert_eq!(
            names,
            [
                "Stress",
                "Pain: migraine",
                "Pain: TMJ",
                "Emotional well-being",
                "Posture",
                "Global change"
            ]
        );
    }
}
