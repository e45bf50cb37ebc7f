//! What a craniosacral session finds and does: the rhythm at each listening
//! station, the techniques used with the tissue's response, and what the
//! client reports.
//!
//! Rhythm values are the therapist's observations. Published "normal" rates
//! disagree (6–12 or 8–14 cycles a minute) and examiners agree poorly, so
//! nothing here labels a rate, amplitude or symmetry as abnormal: a rate is
//! only refused when it cannot be a count at all (0, or 200 a minute).

use serde::{Deserialize, Serialize};

use crate::base::scale::{OneToFive, OutOfScale, Percent};

/// Where the therapist listens to the rhythm, from the feet up and then the
/// sacrum, as the reference lists them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListeningStation {
    /// The feet.
    Feet,
    /// The knees or thighs.
    KneesThighs,
    /// The pelvis.
    Pelvis,
    /// The thorax.
    Thorax,
    /// The shoulders.
    Shoulders,
    /// The head (cranial vault).
    Head,
    /// The sacrum.
    Sacrum,
}

impl ListeningStation {
    /// Every station, in listening order.
    pub const ALL: [ListeningStation; 7] = [
        ListeningStation::Feet,
        ListeningStation::KneesThighs,
        ListeningStation::Pelvis,
        ListeningStation::Thorax,
        ListeningStation::Shoulders,
        ListeningStation::Head,
        ListeningStation::Sacrum,
    ];

    /// Every station in the order a session usually reaches it, after
    /// Upledger's 10-step protocol: the occiput and vault (still point,
    /// CV-4), the pelvic, respiratory and thoracic-inlet diaphragms (pelvis,
    /// thorax, shoulders), the sacrum (the dural tube), then the stations of
    /// whole-body listening, the feet and the knees or thighs. The form
    /// lists stations in this order, so the head is not sixth of seven.
    pub const SESSION_ORDER: [ListeningStation; 7] = [
        ListeningStation::Head,
        ListeningStation::Pelvis,
        ListeningStation::Thorax,
        ListeningStation::Shoulders,
        ListeningStation::Sacrum,
        ListeningStation::Feet,
        ListeningStation::KneesThighs,
    ];

    /// Whether the rhythm is read here in most sessions: at the head and
    /// the sacrum, the two ends of the dural tube. The form shows these
    /// rows at once and the others when asked for.
    pub fn usually_read(self) -> bool {
        matches!(self, ListeningStation::Head | ListeningStation::Sacrum)
    }

    /// The station's name on the form.
    pub fn label(self) -> &'static str {
        match self {
            ListeningStation::Feet => "Feet",
            ListeningStation::KneesThighs => "Knees / thighs",
            ListeningStation::Pelvis => "Pelvis",
            ListeningStation::Thorax => "Thorax",
            ListeningStation::Shoulders => "Shoulders",
            ListeningStation::Head => "Head",
            ListeningStation::Sacrum => "Sacrum",
        }
    }
}

/// A rhythm rate in cycles a minute, to one decimal, from 1 to 30.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct RhythmRate {
    tenths: u16,
}

/// Lowest rate that can be recorded, in tenths of a cycle a minute.
pub const MIN_RATE_TENTHS: u16 = 10;
/// Highest rate that can be recorded, in tenths of a cycle a minute.
pub const MAX_RATE_TENTHS: u16 = 300;

/// Why a typed rate was refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum RateError {
    /// Not a number with at most one decimal.
    #[error("Enter the rate in cycles a minute, for example 8 or 7.5.")]
    NotANumber,
    /// Outside what a count of the rhythm can give.
    #[error("Rates from 1 to 30 cycles a minute can be recorded: check the count.")]
    OutOfRange,
}

impl RhythmRate {
    /// A rate of `tenths` tenths of a cycle a minute (75 is 7.5).
    pub fn from_tenths(tenths: u16) -> Result<Self, RateError> {
        if (MIN_RATE_TENTHS..=MAX_RATE_TENTHS).contains(&tenths) {
            Ok(Self { tenths })
        } else {
            Err(RateError::OutOfRange)
        }
    }

    /// Reads a typed rate such as "8", "7.5" or "7,5"; blank gives `None`.
    pub fn parse(text: &str) -> Result<Option<Self>, RateError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let (whole, decimal) = text.split_once(['.', ',']).unwrap_or((text, "0"));
        let digits = |part: &str, most: usize| {
            !part.is_empty() && part.len() <= most && part.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(whole, 4) || !digits(decimal, 1) {
            return Err(RateError::NotANumber);
        }
        let tenths = whole.parse::<u16>().unwrap_or(u16::MAX / 10) * 10
            + decimal.parse::<u16>().unwrap_or(0);
        Self::from_tenths(tenths).map(Some)
    }

    /// The rate in tenths of a cycle a minute.
    pub fn tenths(self) -> u16 {
        self.tenths
    }
}

impl TryFrom<u16> for RhythmRate {
    type Error = RateError;

    fn try_from(tenths: u16) -> Result<Self, Self::Error> {
        Self::from_tenths(tenths)
    }
}

impl From<RhythmRate> for u16 {
    fn from(rate: RhythmRate) -> Self {
        rate.tenths
    }
}

impl std::fmt::Display for RhythmRate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.tenths % 10 {
            0 => write!(f, "{}", self.tenths / 10),
            tenth => write!(f, "{}.{tenth}", self.tenths / 10),
        }
    }
}

/// How large the rhythm's excursion felt.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Amplitude {
    /// Low.
    Low,
    /// Normal.
    Normal,
    /// High.
    High,
}

/// Whether the two sides moved alike.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Symmetry {
    /// Both sides alike.
    Symmetric,
    /// Restricted on the client's left.
    RestrictedLeft,
    /// Restricted on the client's right.
    RestrictedRight,
}

/// The rhythm's quality or vitality: a 1–5 rating or the therapist's words.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RhythmQuality {
    /// A rating from 1 to 5.
    Rating(OneToFive),
    /// Free words, such as "sluggish, improving".
    Words(String),
}

impl RhythmQuality {
    /// Reads what was typed: a bare whole number is a 1–5 rating (and must be
    /// on that scale), anything else is words; blank gives `None`.
    pub fn parse(text: &str) -> Result<Option<Self>, OutOfScale> {
        let text = text.trim();
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            return OneToFive::parse(text).map(|rating| rating.map(RhythmQuality::Rating));
        }
        Ok((!text.is_empty()).then(|| RhythmQuality::Words(text.to_owned())))
    }
}

impl std::fmt::Display for RhythmQuality {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RhythmQuality::Rating(rating) => write!(f, "{rating}/5"),
            RhythmQuality::Words(words) => f.write_str(words),
        }
    }
}

/// The rhythm as found at one station; any part may be left out.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub struct RhythmReading {
    /// Where.
    pub station: ListeningStation,
    /// Cycles a minute.
    pub rate: Option<RhythmRate>,
    /// Amplitude.
    pub amplitude: Option<Amplitude>,
    /// Symmetry, with the restricted side.
    pub symmetry: Option<Symmetry>,
    /// Quality or vitality.
    pub quality: Option<RhythmQuality>,
}

impl RhythmReading {
    /// The reading in one line for print and the session summary, such as
    /// "Head: 7.5 cycles/min, amplitude low, restricted left, quality 3/5".
    /// Observations only: no word judges a value.
    pub fn summary(&self) -> String {
        let rate = self.rate.map(|rate| format!("{rate} cycles/min"));
        let amplitude = self.amplitude.map(|amplitude| {
            let word = match amplitude {
                Amplitude::Low => "low",
                Amplitude::Normal => "normal",
                Amplitude::High => "high",
            };
            format!("amplitude {word}")
        });
        let symmetry = self.symmetry.map(|symmetry| {
            match symmetry {
                Symmetry::Symmetric => "symmetric",
                Symmetry::RestrictedLeft => "restricted left",
                Symmetry::RestrictedRight => "restricted right",
            }
            .to_owned()
        });
        let quality = self
            .quality
            .as_ref()
            .map(|quality| format!("quality {quality}"));
        let parts: Vec<String> = [rate, amplitude, symmetry, quality]
            .into_iter()
            .flatten()
            .collect();
        format!("{}: {}", self.station.label(), parts.join(", "))
    }
}

/// How the tissue or the client responded to a technique.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TechniqueResponse {
    /// Released.
    Released,
    /// Partly released.
    Partial,
    /// No change.
    NoChange,
}

impl TechniqueResponse {
    /// The response as its chip reads.
    pub fn label(self) -> &'static str {
        match self {
            TechniqueResponse::Released => "Released",
            TechniqueResponse::Partial => "Partial",
            TechniqueResponse::NoChange => "No change",
        }
    }
}

/// A technique used in the session and what it did.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub struct TechniqueResult {
    /// The technique's name, as on the therapist's list.
    pub technique: String,
    /// The response, once recorded.
    pub response: Option<TechniqueResponse>,
    /// Anything to add.
    pub note: String,
}

/// How many of `techniques` still wait for a response.
pub fn unanswered(techniques: &[TechniqueResult]) -> usize {
    techniques
        .iter()
        .filter(|used| used.response.is_none())
        .count()
}

/// "All released" (or partial, no change): gives `response` to every
/// technique still without one, in one tap, and leaves the responses
/// already given. Responses are observed anew each session (a follow-up
/// starts with them cleared); this only saves a tap per technique when
/// they all did the same.
pub fn answer_the_rest(techniques: &mut [TechniqueResult], response: TechniqueResponse) {
    for used in techniques.iter_mut().filter(|used| used.response.is_none()) {
        used.response = Some(response);
    }
}

/// The CST part of a session note.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CstFindings {
    /// Rhythm readings, one per station at most, in listening order.
    pub rhythm: Vec<RhythmReading>,
    /// Techniques in the order they were used.
    pub techniques: Vec<TechniqueResult>,
    /// Somato-emotional release or emotional response observed.
    pub somato_emotional: String,
    /// The client's own estimate of their overall improvement.
    pub improvement: Option<Percent>,
}

impl CstFindings {
    /// Taps a technique chip: adds it (after those already used, with no
    /// response yet) or takes it off. Returns whether it is now on.
    pub fn toggle_technique(&mut self, technique: &str) -> bool {
        match self
            .techniques
            .iter()
            .position(|used| used.technique == technique)
        {
            Some(index) => {
                self.techniques.remove(index);
                false
            }
            None => {
                self.techniques.push(TechniqueResult {
                    technique: technique.to_owned(),
                    response: None,
                    note: String::new(),
                });
                true
            }
        }
    }

    /// The findings a follow-up session starts from: the same readings and
    /// techniques in the same order, with the responses, somato-emotional
    /// notes and improvement left for the new session to record.
    pub fn carried_forward(&self) -> Self {
        Self {
            rhythm: self.rhythm.clone(),
            techniques: self
                .techniques
                .iter()
                .map(|used| TechniqueResult {
                    technique: used.technique.clone(),
                    response: None,
                    note: String::new(),
                })
                .collect(),
            somato_emotional: String::new(),
            improvement: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn one_tap_answers_every_technique_still_without_a_response() {
        let used = |technique: &str, response| TechniqueResult {
            technique: technique.into(),
            response,
            note: String::new(),
        };
        let mut techniques = vec![
            used("CV-4", None),
            used("Frontal lift", Some(TechniqueResponse::Partial)),
            used("Parietal lift", None),
        ];
        assert_eq!(unanswered(&techniques), 2);
        answer_the_rest(&mut techniques, TechniqueResponse::Released);
        assert_eq!(
            techniques,
            [
                used("CV-4", Some(TechniqueResponse::Released)),
                used("Frontal lift", Some(TechniqueResponse::Partial)),
                used("Parietal lift", Some(TechniqueResponse::Released)),
            ]
        );
        assert_eq!(unanswered(&techniques), 0);
    }

    #[test]
    fn rates_as_typed() {
        let cases = [
            ("", Ok(None)),
            ("8", Ok(Some(80))),
            (" 7.5 ", Ok(Some(75))),
            ("7,5", Ok(Some(75))),
            ("1", Ok(Some(10))),
            ("30", Ok(Some(300))),
            ("30.0", Ok(Some(300))),
            ("0", Err(RateError::OutOfRange)),
            ("0.9", Err(RateError::OutOfRange)),
            ("30.1", Err(RateError::OutOfRange)),
            ("200", Err(RateError::OutOfRange)),
            ("99999", Err(RateError::NotANumber)),
            ("-6", Err(RateError::NotANumber)),
            ("7.25", Err(RateError::NotANumber)),
            ("7.", Err(RateError::NotANumber)),
            (".5", Err(RateError::NotANumber)),
            ("eight", Err(RateError::NotANumber)),
        ];
        for (text, expected) in cases {
            assert_eq!(
                RhythmRate::parse(text).map(|rate| rate.map(RhythmRate::tenths)),
                expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn rates_print_as_typed() {
        assert_eq!(RhythmRate::from_tenths(80).unwrap().to_string(), "8");
        assert_eq!(RhythmRate::from_tenths(75).unwrap().to_string(), "7.5");
    }

    #[test]
    fn quality_is_a_rating_or_words() {
        let cases = [
            ("", Ok(None)),
            (
                "3",
                Ok(Some(RhythmQuality::Rating(OneToFive::new(3).unwrap()))),
            ),
            (
                " sluggish ",
                Ok(Some(RhythmQuality::Words("sluggish".into()))),
            ),
            ("6", Err(OutOfScale { min: 1, max: 5 })),
            ("0", Err(OutOfScale { min: 1, max: 5 })),
        ];
        for (text, expected) in cases {
            assert_eq!(RhythmQuality::parse(text), expected, "{text:?}");
        }
    }

    #[test]
    fn the_summary_lists_what_was_observed() {
        let reading = RhythmReading {
            station: ListeningStation::Head,
            rate: Some(RhythmRate::from_tenths(75).unwrap()),
            amplitude: Some(Amplitude::Low),
            symmetry: Some(Symmetry::RestrictedLeft),
            quality: Some(RhythmQuality::Rating(OneToFive::new(3).unwrap())),
        };
        assert_eq!(
            reading.summary(),
            "Head: 7.5 cycles/min, amplitude low, restricted left, quality 3/5"
        );
    }

    #[test]
    fn toggling_keeps_the_order_of_use() {
        let mut findings = CstFindings::default();
        assert!(findings.toggle_technique("Frontal lift"));
        assert!(findings.toggle_technique("Still point induction (CV-4)"));
        assert!(!findings.toggle_technique("Frontal lift"));
        assert!(findings.toggle_technique("Frontal lift"));
        let order: Vec<&str> = findings
            .techniques
            .iter()
            .map(|t| t.technique.as_str())
            .collect();
        assert_eq!(order, ["Still point induction (CV-4)", "Frontal lift"]);
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC{0,10}") {
            let _ = RhythmRate::parse(&text);
            let _ = RhythmQuality::parse(&text);
        }

        /// Any rate that can be recorded is shown as a plain observation.
        #[test]
        fn no_rate_is_ever_judged(tenths in MIN_RATE_TENTHS..=MAX_RATE_TENTHS, amplitude in 0usize..3, symmetry in 0usize..3) {
            let reading = RhythmReading {
                station: ListeningStation::Sacrum,
                rate: Some(RhythmRate::from_tenths(tenths).unwrap()),
                amplitude: Some([Amplitude::Low, Amplitude::Normal, Amplitude::High][amplitude]),
                symmetry: Some([Symmetry::Symmetric, Symmetry::RestrictedLeft, Symmetry::RestrictedRight][symmetry]),
                quality: None,
            };
            let summary = reading.summary().to_lowercase();
            for judgement in ["abnormal", "too ", "fast", "slow", "out of range", "!"] {
                prop_assert!(!summary.contains(judgement), "{}", summary);
            }
            prop_assert!(RhythmRate::parse(&reading.rate.unwrap().to_string()).unwrap().is_some());
        }
    }
}
