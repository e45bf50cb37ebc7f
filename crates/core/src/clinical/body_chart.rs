//! Marks on the body chart: where it hurts, where tissue is tense or
//! restricted, and which areas to avoid.
//!
//! A region holds at most one mark of each kind, so tapping a region again
//! changes its mark instead of stacking a second one. Restriction marks are
//! also where the craniosacral arcing found restrictions: one place to tap,
//! one record. Local contraindication alerts put *avoid* marks on the regions
//! they name, so the chart warns where the intake said to work around.

use serde::{Deserialize, Serialize};

use crate::base::scale::ZeroToTen;
use crate::clinical::body_regions::Region;
use crate::clinical::contraindication_rules::AlertLevel;
use crate::clinical::screening::Alert;

/// What a mark says about a region.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkKind {
    /// The client reports pain here.
    Pain,
    /// The therapist felt tension here.
    Tension,
    /// A restriction was found here (arcing, or restricted tissue).
    Restriction,
    /// Do not work here.
    Avoid,
}

impl MarkKind {
    /// Every kind, in the order the mark sheet offers them.
    pub const ALL: [MarkKind; 4] = [
        MarkKind::Pain,
        MarkKind::Tension,
        MarkKind::Restriction,
        MarkKind::Avoid,
    ];

    /// The kind's name on the mark sheet and in print.
    pub fn name(self) -> &'static str {
        match self {
            MarkKind::Pain => "Pain",
            MarkKind::Tension => "Tension",
            MarkKind::Restriction => "Restriction",
            MarkKind::Avoid => "Avoid",
        }
    }
}

/// One mark: a kind of finding on a region, with an intensity when one was
/// given (an area to avoid has none).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub struct Mark {
    /// Where.
    pub region: Region,
    /// What.
    pub kind: MarkKind,
    /// How strong, 0–10, if rated.
    pub intensity: Option<ZeroToTen>,
}

/// The marks of one session, at most one per region and kind, kept in chart
/// order.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Default, Serialize, Deserialize)]
#[serde(from = "Vec<Mark>", into = "Vec<Mark>")]
pub struct BodyChart {
    marks: Vec<Mark>,
}

impl BodyChart {
    /// Puts a mark on the chart, replacing the region's earlier mark of the
    /// same kind.
    pub fn set(&mut self, mark: Mark) {
        match self
            .marks
            .binary_search_by_key(&(mark.region, mark.kind), |m| (m.region, m.kind))
        {
            Ok(index) => self.marks[index] = mark,
            Err(index) => self.marks.insert(index, mark),
        }
    }

    /// Takes a region's mark of one kind off the chart; returns whether there
    /// was one.
    pub fn clear(&mut self, region: Region, kind: MarkKind) -> bool {
        let before = self.marks.len();
        self.marks
            .retain(|mark| (mark.region, mark.kind) != (region, kind));
        self.marks.len() != before
    }

    /// Every mark, in chart order.
    pub fn marks(&self) -> &[Mark] {
        &self.marks
    }

    /// The regions that carry a mark of `kind`, in chart order.
    pub fn regions_marked(&self, kind: MarkKind) -> impl Iterator<Item = Region> + '_ {
        self.marks
            .iter()
            .filter(move |mark| mark.kind == kind)
            .map(|mark| mark.region)
    }

    /// Marks every region named by a local alert as one to avoid, keeping any
    /// avoid mark the therapist already rated.
    pub fn mark_alert_areas(&mut self, alerts: &[Alert]) {
        let regions = alerts
            .iter()
            .filter(|alert| alert.level == AlertLevel::AvoidArea)
            .flat_map(|alert| alert.regions.iter().copied());
        for region in regions {
            if !self.regions_marked(MarkKind::Avoid).any(|r| r == region) {
                self.set(Mark {
                    region,
                    kind: MarkKind::Avoid,
                    intensity: None,
                });
            }
        }
    }
}

impl From<Vec<Mark>> for BodyChart {
    /// Builds a chart from stored marks; a later mark for the same region and
    /// kind wins, as it would have when tapped.
    fn from(marks: Vec<Mark>) -> Self {
        let mut chart = BodyChart::default();
        for mark in marks {
            chart.set(mark);
        }
        chart
    }
}

impl From<BodyChart> for Vec<Mark> {
    fn from(chart: BodyChart) -> Self {
        chart.marks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinical::body_regions::{Area, Side};
    use crate::clinical::contraindication_rules::DEFAULT_RULES;
    use crate::clinical::health_history::Condition;
    use crate::clinical::intake::tests::{condition, date, intake_from, signed_input};
    use crate::clinical::intake::ConditionInput;
    use crate::clinical::screening::screen;

    fn region(area: Area, side: Option<Side>) -> Region {
        Region::new(area, side).unwrap()
    }

    fn mark(region: Region, kind: MarkKind, intensity: u8) -> Mark {
        Mark {
            region,
            kind,
            intensity: Some(ZeroToTen::new(intensity).unwrap()),
        }
    }

    #[test]
    fn one_mark_per_region_and_kind_in_chart_order() {
        let sacrum = region(Area::Sacrum, None);
        let jaw = region(Area::Jaw, Some(Side::Left));
        let mut chart = BodyChart::default();
        chart.set(mark(sacrum, MarkKind::Pain, 3));
        chart.set(mark(jaw, MarkKind::Tension, 5));
        chart.set(mark(sacrum, MarkKind::Pain, 6));
        chart.set(mark(sacrum, MarkKind::Restriction, 2));
        assert_eq!(
            chart.marks(),
            [
                mark(jaw, MarkKind::Tension, 5),
                mark(sacrum, MarkKind::Pain, 6),
                mark(sacrum, MarkKind::Restriction, 2),
            ]
        );
        assert!(chart.clear(sacrum, MarkKind::Pain));
        assert!(!chart.clear(sacrum, MarkKind::Pain));
        assert_eq!(
            chart
                .regions_marked(MarkKind::Restriction)
                .collect::<Vec<_>>(),
            [sacrum]
        );
    }

    #[test]
    fn local_alerts_mark_their_regions_to_avoid() {
        let shin = region(Area::Shin, Some(Side::Left));
        let wrist = region(Area::Hand, Some(Side::Right));
        let neck = region(Area::NeckBack, None);
        let mut input = signed_input("2026-06-01");
        input.conditions = vec![
            ConditionInput {
                regions: vec![shin, wrist],
                ..condition(Condition::Bruising, "")
            },
            ConditionInput {
                regions: vec![neck],
                ..condition(Condition::Epilepsy, "")
            },
        ];
        let alerts = screen(&intake_from(&input), DEFAULT_RULES, date("2026-06-01"));
        let mut chart = BodyChart::default();
        chart.set(mark(wrist, MarkKind::Avoid, 8));
        chart.mark_alert_areas(&alerts);
        assert_eq!(
            chart.marks(),
            [
                mark(wrist, MarkKind::Avoid, 8),
                Mark {
                    region: shin,
                    kind: MarkKind::Avoid,
                    intensity: None
                },
            ]
        );
    }

    #[test]
    fn stored_duplicates_collapse_to_the_last_and_round_trip() {
        let knee = region(Area::Knee, Some(Side::Right));
        let json = serde_json::to_string(&vec![
            mark(knee, MarkKind::Pain, 2),
            mark(knee, MarkKind::Pain, 7),
        ])
        .unwrap();
        let chart: BodyChart = serde_json::from_str(&json).unwrap();
        assert_eq!(chart.marks(), [mark(knee, MarkKind::Pain, 7)]);
        let again: BodyChart =
            serde_json::from_str(&serde_json::to_string(&chart).unwrap()).unwrap();
        assert_eq!(again, chart);
    }
}
