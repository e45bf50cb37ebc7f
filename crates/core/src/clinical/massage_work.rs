//! The massage part of a session note: where the therapist worked, how firmly
//! and with which techniques.

use serde::{Deserialize, Serialize};

use crate::base::toggle::toggle;
use crate::clinical::body_regions::Region;

/// How firm the work was, from light to deep.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pressure {
    /// Light.
    Light,
    /// Moderate.
    Moderate,
    /// Firm.
    Firm,
    /// Deep.
    Deep,
}

impl Pressure {
    /// The scale from light to deep, as its buttons read left to right.
    pub const ALL: [Pressure; 4] = [
        Pressure::Light,
        Pressure::Moderate,
        Pressure::Firm,
        Pressure::Deep,
    ];

    /// The pressure's name on its button.
    pub fn label(self) -> &'static str {
        match self {
            Pressure::Light => "Light",
            Pressure::Moderate => "Moderate",
            Pressure::Firm => "Firm",
            Pressure::Deep => "Deep",
        }
    }
}

/// Swedish or deep-tissue work in one session.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MassageWork {
    /// The regions worked, in the order tapped.
    pub areas: Vec<Region>,
    /// The pressure used.
    pub pressure: Option<Pressure>,
    /// The techniques used, in the order tapped.
    pub techniques: Vec<String>,
}

impl MassageWork {
    /// Taps a region chip; returns whether the region is now on.
    pub fn toggle_area(&mut self, region: Region) -> bool {
        toggle(&mut self.areas, region)
    }

    /// Taps a technique chip; returns whether the technique is now on.
    pub fn toggle_technique(&mut self, technique: &str) -> bool {
        toggle(&mut self.techniques, technique.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinical::body_regions::Area;

    #[test]
    fn chips_toggle_and_the_record_round_trips() {
        let sacrum = Region::new(Area::Sacrum, None).unwrap();
        let mut work = MassageWork::default();
        assert!(work.toggle_area(sacrum));
        assert!(work.toggle_technique("Effleurage"));
        assert!(!work.toggle_area(sacrum));
        work.pressure = Some(Pressure::Firm);
        assert_eq!(work.areas, []);
        let json = serde_json::to_string(&work).unwrap();
        assert_eq!(serde_json::from_str::<MassageWork>(&json).unwrap(), work);
        assert!(Pressure::Light < Pressure::Deep);
    }
}
