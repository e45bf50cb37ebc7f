//! The free outcome instruments Stillpoint ships, each with its scoring rule
//! and meaningful-change threshold cited where it is set.
//!
//! Only instruments that are free to use are here (clinical reference §4).
//! Restricted ones — MYMOP, HIT-6, Oswestry, NDI, Roland-Morris, PSS, JFLS,
//! WEMWBS — are never embedded: a therapist who holds a licence adds them as
//! a custom instrument.

use std::sync::OnceLock;

use crate::base::finite::Finite;
use crate::outcomes::benefit::{BenefitArea, PainSite};
use crate::outcomes::change::{ChangeRule, Direction};
use crate::outcomes::instrument::{
    Anchor, AnswerScale, Attention, Instrument, InstrumentId, Item, Scoring, Unit,
};

/// The version of every shipped definition. Raise it when a wording, range
/// or rule changes, so scores taken under the old one stay apart.
pub const BUILTIN_VERSION: u32 = 1;

fn number(value: f64) -> Finite {
    Finite::new(value).expect("catalogue numbers are finite")
}

fn scale(min: f64, max: f64, whole: bool, anchors: &[(f64, &str)]) -> AnswerScale {
    AnswerScale {
        min: number(min),
        max: number(max),
        whole,
        anchors: anchors
            .iter()
            .map(|&(value, label)| Anchor {
                value: number(value),
                label: label.to_owned(),
            })
            .collect(),
    }
}

fn item(text: &str, scale: AnswerScale) -> Item {
    Item {
        text: text.to_owned(),
        scale,
    }
}

fn points(points: f64) -> ChangeRule {
    ChangeRule::Difference {
        points: Some(number(points)),
        percent: None,
        percent_from: None,
    }
}

/// The parts every definition fills the same way.
struct Definition {
    id: InstrumentId,
    name: String,
    subject: String,
    area: BenefitArea,
    instructions: String,
    items: Vec<Item>,
    scoring: Scoring,
    range: (f64, f64),
    unit: Unit,
    direction: Direction,
    change_rule: ChangeRule,
    change_source: &'static str,
    reference: &'static str,
    attention: Option<(f64, &'static str)>,
}

impl Definition {
    fn build(self) -> Instrument {
        Instrument {
            id: self.id,
            version: BUILTIN_VERSION,
            name: self.name,
            subject: self.subject,
            area: self.area,
            instructions: self.instructions,
            items: self.items,
            scoring: self.scoring,
            score_min: number(self.range.0),
            score_max: number(self.range.1),
            unit: self.unit,
            direction: self.direction,
            change_rule: self.change_rule,
            change_source: self.change_source.to_owned(),
            reference: self.reference.to_owned(),
            attention: self.attention.map(|(below, note)| Attention {
                below: number(below),
                note: note.to_owned(),
            }),
        }
    }
}

fn nprs(site: PainSite) -> Instrument {
    let words = site.pain_words();
    Definition {
        id: InstrumentId::Nprs(site),
        name: format!("Pain rating (NPRS): {site}"),
        subject: words.to_owned(),
        area: BenefitArea::Pain(site),
        instructions: String::new(),
        items: vec![item(
            &format!("How bad is your {words} right now?"),
            scale(
                0.0,
                10.0,
                true,
                &[(0.0, "No pain"), (10.0, "Worst pain imaginable")],
            ),
        )],
        scoring: Scoring::Single,
        range: (0.0, 10.0),
        unit: Unit::Points,
        direction: Direction::LowerIsBetter,
        // Farrar et al. 2001, Pain 94(2):149–158: a fall of ≥ 2 points or
        // ≥ 30 % on the 0–10 NPRS matched "much improved" or better on PGIC,
        // in trial patients whose pain at baseline was at least 4 (moderate
        // or severe). So the 30 % counts only for a fall from 4 or more; the
        // 2 points count both ways, and are the only way to call a change
        // worse (Farrar derived no threshold for worsening; the points are
        // the app's convention there, the more cautious of the two).
        change_rule: ChangeRule::Difference {
            points: Some(number(2.0)),
            percent: Some(number(30.0)),
            percent_from: Some(number(4.0)),
        },
        change_source: "Farrar et al. 2001, Pain 94:149–158: a fall of 2 points, or of 30 % \
                        from a pain of 4 or more, is clinically important. A rise counts as \
                        worse from 2 points (the app's convention).",
        reference: "Numeric Pain Rating Scale, 0–10. Free to use.",
        attention: None,
    }
    .build()
}

fn stress() -> Instrument {
    Definition {
        id: InstrumentId::Stress,
        name: "Stress rating".to_owned(),
        subject: "stress".to_owned(),
        area: BenefitArea::Stress,
        instructions: String::new(),
        items: vec![item(
            "How stressed do you feel right now?",
            scale(
                0.0,
                10.0,
                true,
                &[(0.0, "Not at all stressed"), (10.0, "Extremely stressed")],
            ),
        )],
        scoring: Scoring::Single,
        range: (0.0, 10.0),
        unit: Unit::Points,
        direction: Direction::LowerIsBetter,
        // Convention, not a validated MCID: the 2-point NPRS threshold of
        // Farrar et al. 2001 (Pain 94:149–158) borrowed for a 0–10 rating
        // that has no published threshold of its own.
        change_rule: points(2.0),
        change_source: "Convention, not a validated threshold: 2 points, borrowed from the \
                        pain scale (Farrar et al. 2001, Pain 94:149–158).",
        reference: "Single-item stress rating, 0–10. Free to use.",
        attention: None,
    }
    .build()
}

fn who5() -> Instrument {
    let frequency = scale(
        0.0,
        5.0,
        true,
        &[
            (0.0, "At no time"),
            (1.0, "Some of the time"),
            (2.0, "Less than half of the time"),
            (3.0, "More than half of the time"),
            (4.0, "Most of the time"),
            (5.0, "All of the time"),
        ],
    );
    let items = [
        "I have felt cheerful and in good spirits",
        "I have felt calm and relaxed",
        "I have felt active and vigorous",
        "I woke up feeling fresh and rested",
        "My daily life has been filled with things that interest me",
    ]
    .map(|text| item(text, frequency.clone()));
    Definition {
        id: InstrumentId::Who5,
        name: "WHO-5 Well-Being Index".to_owned(),
        subject: "well-being score".to_owned(),
        area: BenefitArea::WellBeing,
        instructions: "For each statement, choose what is closest to how you have been \
                       feeling over the last two weeks."
            .to_owned(),
        items: items.to_vec(),
        // WHO-5 scoring (Psychiatric Research Unit, WHO Collaborating Centre
        // in Mental Health, Frederiksborg, 1998; Topp et al. 2015, Psychother
        // Psychosom 84:167–176): raw sum 0–25, times 4 gives 0–100.
        scoring: Scoring::Sum {
            factor: number(4.0),
        },
        range: (0.0, 100.0),
        unit: Unit::Points,
        direction: Direction::HigherIsBetter,
        // Topp et al. 2015, Psychother Psychosom 84:167–176: a change of 10
        // points on the 0–100 scale is clinically relevant.
        change_rule: points(10.0),
        change_source: "Topp et al. 2015, Psychother Psychosom 84:167–176: a change of \
                        10 points (0–100 scale) is clinically relevant.",
        reference: "WHO-5 Well-Being Index (1998 version). Free to use: WHO Collaborating \
                    Centre in Mental Health, Psychiatric Centre North Zealand.",
        // WHO-5 scoring instructions (1998) and Topp et al. 2015: a raw
        // score below 13 (below 52 on 0–100) indicates poor well-being.
        attention: Some((
            52.0,
            "Raw score under 13 (under 52 of 100): poor well-being. Consider suggesting \
             the client see their doctor.",
        )),
    }
    .build()
}

fn psfs(site: PainSite) -> Instrument {
    let words = site.pain_words();
    Definition {
        id: InstrumentId::Psfs(site),
        name: format!("Patient-Specific Functional Scale (PSFS): {site}"),
        subject: "ability to do the activities you chose".to_owned(),
        area: BenefitArea::Pain(site),
        instructions: format!(
            "Name up to three important activities you are unable to do, or find hard, \
             because of your {words}. Rate how well you can do each one today."
        ),
        items: vec![item(
            "How well can you do this activity today?",
            scale(
                0.0,
                10.0,
                true,
                &[
                    (0.0, "Unable to do it"),
                    (10.0, "As well as before the problem"),
                ],
            ),
        )],
        // Stratford et al. 1995, Physiother Can 47:258–263: the score is the
        // mean rating of the activities the client named (up to three).
        scoring: Scoring::ActivityMean { most: 3 },
        range: (0.0, 10.0),
        unit: Unit::Points,
        direction: Direction::HigherIsBetter,
        // Horn et al. 2012, J Orthop Sports Phys Ther 42:30–42: a change of
        // 2 points in the mean score is the minimal clinically important
        // difference.
        change_rule: points(2.0),
        change_source: "Horn et al. 2012, J Orthop Sports Phys Ther 42:30–42: a change of \
                        2 points in the mean is clinically important.",
        reference: "Patient-Specific Functional Scale (Stratford et al. 1995). Free to use.",
        attention: None,
    }
    .build()
}

fn headache_diary() -> Instrument {
    Definition {
        id: InstrumentId::HeadacheDiary,
        name: "Headache diary".to_owned(),
        subject: "number of headache days a month".to_owned(),
        area: BenefitArea::Pain(PainSite::Migraine),
        instructions: String::new(),
        items: vec![
            item(
                "On how many of the last 30 days did you have a headache or migraine?",
                scale(0.0, 30.0, true, &[]),
            ),
            item(
                "On those days, how bad was the pain on average?",
                scale(
                    0.0,
                    10.0,
                    false,
                    &[(0.0, "No pain"), (10.0, "Worst pain imaginable")],
                ),
            ),
        ],
        scoring: Scoring::HeadacheDiary,
        range: (0.0, 30.0),
        unit: Unit::Days,
        direction: Direction::LowerIsBetter,
        // IHS Clinical Trials Subcommittee, Guidelines for controlled trials
        // of drugs in migraine, Cephalalgia 2012;32:6–38 (and 2018;38:815–832
        // for chronic migraine): a responder has ≥ 50 % fewer headache days.
        // The guidelines define responders only, in patients with frequent
        // headache: so the rule judges improvement alone, and only from 4
        // headache days a month (the app's convention: below that, 50 % is
        // a day or two, within month-to-month variation). A rise is reported
        // as no meaningful improvement, never as a verdict of "worse".
        change_rule: ChangeRule::Difference {
            points: None,
            percent: Some(number(50.0)),
            percent_from: Some(number(4.0)),
        },
        change_source: "International Headache Society trial guidelines (Cephalalgia \
                        2012;32:6–38): 50 % fewer headache days makes a responder. Judged \
                        from 4 headache days a month (the app's convention); the guidelines \
                        define no threshold for worsening.",
        reference: "Headache diary: headache days in the last 30 days and their mean \
                    intensity. Free to use.",
        attention: None,
    }
    .build()
}

fn mouth_opening() -> Instrument {
    Definition {
        id: InstrumentId::MouthOpening,
        name: "Maximal mouth opening".to_owned(),
        subject: "mouth opening".to_owned(),
        area: BenefitArea::Pain(PainSite::Tmj),
        instructions: "Measure between the edges of the upper and lower front teeth with \
                       the mouth opened as wide as possible."
            .to_owned(),
        // 0–90 mm: adults open about 40–60 mm; beyond 90 is a typing error.
        items: vec![item(
            "Maximal mouth opening (mm)",
            scale(0.0, 90.0, false, &[]),
        )],
        scoring: Scoring::Single,
        range: (0.0, 90.0),
        unit: Unit::Millimetres,
        direction: Direction::HigherIsBetter,
        // Kropmans et al. 2000, Eur J Oral Sci 108:9–13: the smallest
        // detectable difference of one measurement is 9 mm in painfully
        // restricted TMJ; smaller changes cannot be told from error.
        change_rule: points(9.0),
        change_source: "Kropmans et al. 2000, Eur J Oral Sci 108:9–13: at least 9 mm is \
                        needed to tell a real change from measurement error.",
        reference: "Interincisal distance in millimetres: a measurement, free to use.",
        // Schiffman et al. 2014 (DC/TMD), J Oral Facial Pain Headache 28:6–27:
        // opening is limited when the maximum *assisted* opening, with the
        // vertical overlap of the front teeth added, is under 40 mm. The app
        // measures unassisted, edge to edge, which reads a few millimetres
        // lower: under 40 mm here is a prompt to check, not the DC/TMD
        // finding itself.
        attention: Some((
            40.0,
            "Opening under 40 mm, edge to edge and unassisted. DC/TMD calls opening limited \
             under 40 mm measured assisted and with the overlap of the front teeth added, \
             which reads a few millimetres more: check before calling it limited.",
        )),
    }
    .build()
}

fn craniovertebral_angle() -> Instrument {
    Definition {
        id: InstrumentId::CraniovertebralAngle,
        name: "Craniovertebral angle (CVA)".to_owned(),
        subject: "head posture angle".to_owned(),
        area: BenefitArea::Posture,
        instructions: "On a side photo of the client standing relaxed, tap C7 (the bony \
                       point at the base of the neck), then the tragus of the ear."
            .to_owned(),
        items: Vec::new(),
        scoring: Scoring::CraniovertebralAngle,
        range: (0.0, 90.0),
        unit: Unit::Degrees,
        direction: Direction::HigherIsBetter,
        // Convention, not a validated MCID: no minimal clinically important
        // difference for the photographic CVA has been established; 5° is
        // used as a round figure above tapping error.
        change_rule: points(5.0),
        change_source: "Convention, not a validated threshold: 5 degrees. No clinically \
                        important difference has been established for this angle.",
        reference: "Craniovertebral angle from a side photo: a method, free to use.",
        // Lau, Chiu & Lam 2009, Man Ther 14:363–368: mean CVA 43.9° with
        // chronic neck pain against 50.6° without; below 50° is commonly read
        // as forward head posture (reference §4: 48–50°, the upper end taken).
        attention: Some((
            50.0,
            "Angle under 50°: commonly read as forward head posture.",
        )),
    }
    .build()
}

fn pgic() -> Instrument {
    Definition {
        id: InstrumentId::Pgic,
        name: "Patient Global Impression of Change (PGIC)".to_owned(),
        subject: "overall change".to_owned(),
        area: BenefitArea::Global,
        instructions: String::new(),
        items: vec![item(
            "Since you started treatment here, how would you describe the change, if any, \
             in your condition?",
            scale(
                1.0,
                7.0,
                true,
                &[
                    (1.0, "Very much improved"),
                    (2.0, "Much improved"),
                    (3.0, "Minimally improved"),
                    (4.0, "No change"),
                    (5.0, "Minimally worse"),
                    (6.0, "Much worse"),
                    (7.0, "Very much worse"),
                ],
            ),
        )],
        scoring: Scoring::Single,
        range: (1.0, 7.0),
        unit: Unit::Points,
        direction: Direction::LowerIsBetter,
        // The seven anchors are Guy's CGI-I (ECDEU Assessment Manual, 1976)
        // as Farrar et al. 2001 (Pain 94:149–158) put them to patients as
        // the PGIC; Farrar found "much" or "very much improved" to be the
        // clinically important change. "Much" or "very much worse" as worse
        // is the same cut mirrored: the app's convention, as no source
        // derived a threshold for worsening. (Hurst & Bolton's PGIC, 2004,
        // is a different 7-point scale and is not the source here.)
        change_rule: ChangeRule::Rating {
            improved: number(2.0),
            worsened: number(6.0),
        },
        change_source: "Farrar et al. 2001, Pain 94:149–158: “much” or “very much improved” \
                        is a clinically important improvement. “Much” or “very much worse” \
                        counts as worse by the same cut (the app's convention).",
        reference: "Patient Global Impression of Change, 7 points: the anchors of Guy's \
                    CGI-I (1976) as Farrar et al. 2001 used them with patients; the question \
                    is the app's own wording. Free to use.",
        attention: None,
    }
    .build()
}

/// Every free instrument's id, in the order pickers list them.
pub fn builtin_ids() -> Vec<InstrumentId> {
    let mut ids: Vec<InstrumentId> = PainSite::ALL.map(InstrumentId::Nprs).to_vec();
    ids.extend([InstrumentId::Stress, InstrumentId::Who5]);
    ids.extend(PainSite::ALL.map(InstrumentId::Psfs));
    ids.extend([
        InstrumentId::HeadacheDiary,
        InstrumentId::MouthOpening,
        InstrumentId::CraniovertebralAngle,
        InstrumentId::Pgic,
    ]);
    ids
}

/// The shipped definition of `id`; `None` for a custom instrument, whose
/// definition is stored with the therapist's records.
pub fn builtin(id: InstrumentId) -> Option<Instrument> {
    Some(match id {
        InstrumentId::Nprs(site) => nprs(site),
        InstrumentId::Stress => stress(),
        InstrumentId::Who5 => who5(),
        InstrumentId::Psfs(site) => psfs(site),
        InstrumentId::HeadacheDiary => headache_diary(),
        InstrumentId::MouthOpening => mouth_opening(),
        InstrumentId::CraniovertebralAngle => craniovertebral_angle(),
        InstrumentId::Pgic => pgic(),
        InstrumentId::Custom(_) => return None,
    })
}

/// The shipped definition of `id`, built once and kept: an import checks
/// each of a practice's 60,000 scores against its instrument, and
/// building the definition anew for each (its texts and items) took a
/// tenth of the browser's read of the file (BENCHMARKS.md, issue 14,
/// session 13). `None` for a custom instrument.
pub fn builtin_kept(id: InstrumentId) -> Option<&'static Instrument> {
    static KEPT: OnceLock<Vec<Instrument>> = OnceLock::new();
    KEPT.get_or_init(free_instruments)
        .iter()
        .find(|instrument| instrument.id() == id)
}

/// Every free instrument, in the order pickers list them.
pub fn free_instruments() -> Vec<Instrument> {
    builtin_ids().into_iter().filter_map(builtin).collect()
}

/// Every instrument that can be chosen or analysed: the free ones, in the
/// order pickers list them, then every version of the therapist's own
/// (`own_versions`), since older scores are charted against the version
/// they were taken with.
pub fn all_instruments(own_versions: &[Instrument]) -> Vec<Instrument> {
    let mut all = free_instruments();
    all.extend(own_versions.iter().cloned());
    all
}

/// The current definition of `id`: the shipped one for a free instrument,
/// else the newest of the therapist's own versions of it (`own_versions`
/// holds every version ever seen). New scores are taken with it; `None`
/// when no such instrument is held.
pub fn current_instrument(id: InstrumentId, own_versions: &[Instrument]) -> Option<Instrument> {
    builtin(id).or_else(|| {
        own_versions
            .iter()
            .filter(|instrument| instrument.id() == id)
            .max_by_key(|instrument| instrument.version())
            .cloned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kept_definitions_are_the_shipped_ones() {
        for id in builtin_ids() {
            assert_eq!(builtin_kept(id), builtin(id).as_ref(), "{id}");
        }
        let custom = InstrumentId::Custom(crate::base::ids::RecordId::from_bytes([3; 16]));
        assert_eq!(builtin_kept(custom), None);
    }

    #[test]
    fn every_definition_is_sane() {
        let instruments = free_instruments();
        assert_eq!(instruments.len(), 14);
        for instrument in &instruments {
            let name = instrument.name();
            assert!(instrument.score_min() < instrument.score_max(), "{name}");
            assert!(!instrument.change_source().is_empty(), "{name}");
            assert!(!instrument.subject().is_empty(), "{name}");
            for item in instrument.items() {
                assert!(item.scale().min() < item.scale().max(), "{name}");
                for anchor in item.scale().anchors() {
                    assert!(
                        (item.scale().min()..=item.scale().max()).contains(&anchor.value),
                        "{name}"
                    );
                }
            }
            if let Some(attention) = instrument.attention() {
                assert!(
                    (instrument.score_min()..=instrument.score_max()).contains(&attention.below),
                    "{name}"
                );
            }
            assert_eq!(builtin(instrument.id()).as_ref(), Some(instrument));
        }
    }

    #[test]
    fn no_restricted_instrument_is_shipped() {
        let restricted = [
            "MYMOP",
            "MYCaW",
            "HIT-6",
            "Oswestry",
            "Neck Disability",
            "Roland",
            "PSS",
            "Perceived Stress",
            "JFLS",
            "WEMWBS",
            "Warwick",
        ];
        for instrument in free_instruments() {
            for word in restricted {
                assert!(
                    !instrument.name().contains(word),
                    "{} looks restricted",
                    instrument.name()
                );
            }
        }
    }

    #[test]
    fn directions_follow_the_scales() {
        let cases = [
            (InstrumentId::Nprs(PainSite::Back), Direction::LowerIsBetter),
            (InstrumentId::Stress, Direction::LowerIsBetter),
            (InstrumentId::Who5, Direction::HigherIsBetter),
            (
                InstrumentId::Psfs(PainSite::Back),
                Direction::HigherIsBetter,
            ),
            (InstrumentId::HeadacheDiary, Direction::LowerIsBetter),
            (InstrumentId::MouthOpening, Direction::HigherIsBetter),
            (
                InstrumentId::CraniovertebralAngle,
                Direction::HigherIsBetter,
            ),
            (InstrumentId::Pgic, Direction::LowerIsBetter),
        ];
        for (id, direction) in cases {
            assert_eq!(builtin(id).unwrap().direction(), direction, "{id}");
        }
    }

    #[test]
    fn meaningful_change_edges_per_instrument() {
        use crate::outcomes::change::Classification::{Improved, NoMeaningfulChange, Worsened};
        let back = InstrumentId::Nprs(PainSite::Back);
        let psfs = InstrumentId::Psfs(PainSite::Back);
        let cases = [
            (back, 7.0, 5.0, Improved, "exactly 2 points"),
            (back, 7.0, 5.1, NoMeaningfulChange, "1.9 points, 27 %"),
            (back, 5.0, 3.5, Improved, "exactly 30 %"),
            (back, 4.0, 6.0, Worsened, "2 points worse"),
            (
                back,
                2.0,
                3.0,
                NoMeaningfulChange,
                "50 % up from 2 is not worse",
            ),
            (
                back,
                2.0,
                1.0,
                NoMeaningfulChange,
                "50 % down from 2: below Farrar's baseline",
            ),
            (back, 4.0, 2.8, Improved, "30 % from 4"),
            (back, 8.0, 5.0, Improved, "3 points down"),
            (back, 6.0, 3.0, Improved, "3 points down"),
            (
                InstrumentId::HeadacheDiary,
                4.0,
                12.0,
                NoMeaningfulChange,
                "a rise is not judged by a responder rule",
            ),
            (
                InstrumentId::HeadacheDiary,
                3.0,
                1.0,
                NoMeaningfulChange,
                "from 3 days the 50 % does not apply",
            ),
            (InstrumentId::Pgic, 4.0, 7.0, Worsened, "very much worse"),
            (InstrumentId::Stress, 6.0, 4.0, Improved, "2 points"),
            (
                InstrumentId::Stress,
                2.0,
                1.0,
                NoMeaningfulChange,
                "50 % but no percent rule",
            ),
            (InstrumentId::Who5, 40.0, 50.0, Improved, "10 points up"),
            (
                InstrumentId::Who5,
                40.0,
                48.0,
                NoMeaningfulChange,
                "8 points up",
            ),
            (InstrumentId::Who5, 60.0, 50.0, Worsened, "10 points down"),
            (psfs, 3.0, 5.0, Improved, "2 points up"),
            (psfs, 3.0, 4.9, NoMeaningfulChange, "1.9 points up"),
            (
                InstrumentId::HeadacheDiary,
                10.0,
                5.0,
                Improved,
                "exactly 50 % fewer",
            ),
            (
                InstrumentId::HeadacheDiary,
                10.0,
                6.0,
                NoMeaningfulChange,
                "40 % fewer",
            ),
            (
                InstrumentId::MouthOpening,
                30.0,
                39.0,
                Improved,
                "9 mm wider",
            ),
            (
                InstrumentId::MouthOpening,
                30.0,
                38.9,
                NoMeaningfulChange,
                "8.9 mm wider",
            ),
            (
                InstrumentId::CraniovertebralAngle,
                44.0,
                49.0,
                Improved,
                "5 degrees up",
            ),
            (
                InstrumentId::CraniovertebralAngle,
                44.0,
                48.9,
                NoMeaningfulChange,
                "4.9 up",
            ),
            (InstrumentId::Pgic, 4.0, 2.0, Improved, "much improved"),
            (
                InstrumentId::Pgic,
                4.0,
                3.0,
                NoMeaningfulChange,
                "minimally improved",
            ),
            (InstrumentId::Pgic, 4.0, 6.0, Worsened, "much worse"),
        ];
        for (id, baseline, latest, expected, name) in cases {
            let instrument = builtin(id).unwrap();
            let verdict =
                instrument
                    .change_rule()
                    .classify(instrument.direction(), baseline, latest);
            assert_eq!(verdict, expected, "{id}: {name}");
        }
    }

    #[test]
    fn sites_reach_names_and_areas() {
        let back = builtin(InstrumentId::Nprs(PainSite::Back)).unwrap();
        assert_eq!(back.area(), BenefitArea::Pain(PainSite::Back));
        assert_eq!(back.subject(), "back pain");
        assert_eq!(
            back.items()[0].text(),
            "How bad is your back pain right now?"
        );
        let jaw = builtin(InstrumentId::Psfs(PainSite::Tmj)).unwrap();
        assert_eq!(jaw.area(), BenefitArea::Pain(PainSite::Tmj));
        assert!(jaw.instructions().contains("because of your jaw pain"));
    }

    #[test]
    fn who5_items_are_the_published_ones() {
        let who5 = builtin(InstrumentId::Who5).unwrap();
        assert_eq!(who5.items().len(), 5);
        assert_eq!(
            who5.items()[0].text(),
            "I have felt cheerful and in good spirits"
        );
        assert_eq!(
            who5.items()[4].scale().label_of(number(5.0)),
            Some("All of the time")
        );
    }

    #[test]
    fn attention_thresholds() {
        let cases = [
            (InstrumentId::Who5, 48.0, true),
            (InstrumentId::Who5, 52.0, false),
            (InstrumentId::MouthOpening, 39.5, true),
            (InstrumentId::MouthOpening, 40.0, false),
            (InstrumentId::CraniovertebralAngle, 49.9, true),
            (InstrumentId::CraniovertebralAngle, 50.0, false),
            (InstrumentId::Nprs(PainSite::Back), 0.0, false),
        ];
        for (id, score, flagged) in cases {
            let instrument = builtin(id).unwrap();
            assert_eq!(
                instrument.attention_for(number(score)).is_some(),
                flagged,
                "{id} at {score}"
            );
        }
    }
}
