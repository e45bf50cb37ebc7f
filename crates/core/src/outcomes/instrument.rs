//! Outcome instruments as data: what is asked, on which scale, how answers
//! become a score, which way is better and what change is meaningful.
//!
//! Keeping instruments as data rather than code lets the free instruments
//! ([`crate::outcomes::catalogue`]) and the therapist's own licensed ones
//! ([`crate::outcomes::custom_instrument`]) go through the same scoring, analytics and
//! reports. A definition never changes once scores exist for it: a changed
//! wording or rule is a new `version`, and every stored score names the
//! version it was scored with.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::base::finite::Finite;
use crate::base::ids::RecordId;
use crate::outcomes::benefit::{BenefitArea, PainSite};
use crate::outcomes::change::{ChangeRule, Direction};

/// Which instrument: one of the free instruments Stillpoint ships, or one
/// the therapist defined. Written as a short stable text ("nprs-back",
/// "who-5", "custom-<uuid>") in records and exports.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum InstrumentId {
    /// Numeric Pain Rating Scale for one site.
    Nprs(PainSite),
    /// Single-item stress rating.
    Stress,
    /// WHO-5 Well-Being Index.
    Who5,
    /// Patient-Specific Functional Scale, about a problem at one site.
    Psfs(PainSite),
    /// Headache diary: headache days in the last 30 days.
    HeadacheDiary,
    /// Maximal mouth opening in millimetres.
    MouthOpening,
    /// Craniovertebral angle from a side photo.
    CraniovertebralAngle,
    /// Patient Global Impression of Change.
    Pgic,
    /// An instrument the therapist defined.
    Custom(RecordId),
}

/// The text is not the id of any instrument.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a known instrument")]
pub struct UnknownInstrument(String);

impl fmt::Display for InstrumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Nprs(site) => write!(f, "nprs-{}", site.slug()),
            Self::Stress => f.write_str("stress"),
            Self::Who5 => f.write_str("who-5"),
            Self::Psfs(site) => write!(f, "psfs-{}", site.slug()),
            Self::HeadacheDiary => f.write_str("headache-diary"),
            Self::MouthOpening => f.write_str("mouth-opening"),
            Self::CraniovertebralAngle => f.write_str("cva"),
            Self::Pgic => f.write_str("pgic"),
            Self::Custom(id) => write!(f, "custom-{id}"),
        }
    }
}

impl FromStr for InstrumentId {
    type Err = UnknownInstrument;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownInstrument(text.chars().take(64).collect());
        let site = |slug: &str| PainSite::ALL.into_iter().find(|site| site.slug() == slug);
        let id = match text {
            "stress" => Self::Stress,
            "who-5" => Self::Who5,
            "headache-diary" => Self::HeadacheDiary,
            "mouth-opening" => Self::MouthOpening,
            "cva" => Self::CraniovertebralAngle,
            "pgic" => Self::Pgic,
            _ => {
                if let Some(slug) = text.strip_prefix("nprs-") {
                    Self::Nprs(site(slug).ok_or_else(unknown)?)
                } else if let Some(slug) = text.strip_prefix("psfs-") {
                    Self::Psfs(site(slug).ok_or_else(unknown)?)
                } else if let Some(id) = text.strip_prefix("custom-") {
                    Self::Custom(id.parse().map_err(|_| unknown())?)
                } else {
                    return Err(unknown());
                }
            }
        };
        Ok(id)
    }
}

impl From<InstrumentId> for String {
    fn from(id: InstrumentId) -> Self {
        id.to_string()
    }
}

impl TryFrom<String> for InstrumentId {
    type Error = UnknownInstrument;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

/// An instrument at one version: what every score is stored against.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstrumentRef {
    /// Which instrument.
    pub id: InstrumentId,
    /// Which version of its definition.
    pub version: u32,
}

/// What a score counts, for labels and for writing numbers.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Points on a rating scale.
    Points,
    /// Days.
    Days,
    /// Millimetres.
    Millimetres,
    /// Degrees of angle.
    Degrees,
}

impl Unit {
    /// The unit's name for table headings and CSV ("mm").
    pub fn name(self) -> &'static str {
        match self {
            Self::Points => "points",
            Self::Days => "days",
            Self::Millimetres => "mm",
            Self::Degrees => "degrees",
        }
    }

    /// A value as a client reads it in a sentence: measurements carry their
    /// unit ("38 mm", "45°"), counts and ratings stand bare ("7").
    pub fn format(self, value: Finite) -> String {
        match self {
            Self::Points | Self::Days => value.to_string(),
            Self::Millimetres => format!("{value} mm"),
            Self::Degrees => format!("{value}°"),
        }
    }
}

/// A labelled point on an answer scale ("0 = no pain").
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// The value the label belongs to.
    pub value: Finite,
    /// What the value means, in the client's words.
    pub label: String,
}

/// The answers one item accepts.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerScale {
    pub(crate) min: Finite,
    pub(crate) max: Finite,
    pub(crate) whole: bool,
    pub(crate) anchors: Vec<Anchor>,
}

impl AnswerScale {
    /// The lowest answer accepted.
    pub fn min(&self) -> Finite {
        self.min
    }

    /// The highest answer accepted.
    pub fn max(&self) -> Finite {
        self.max
    }

    /// Whether only whole numbers are accepted (ratings, day counts), as
    /// opposed to measurements that may have decimals.
    pub fn whole(&self) -> bool {
        self.whole
    }

    /// Labelled points, lowest value first, for the buttons of a scale.
    pub fn anchors(&self) -> &[Anchor] {
        &self.anchors
    }

    /// The label of `value`, if the scale names it (PGIC's "much improved").
    pub fn label_of(&self, value: Finite) -> Option<&str> {
        self.anchors
            .iter()
            .find(|anchor| anchor.value == value)
            .map(|anchor| anchor.label.as_str())
    }
}

/// One question or measurement.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub(crate) text: String,
    pub(crate) scale: AnswerScale,
}

impl Item {
    /// The question as the client or therapist reads it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The answers it accepts.
    pub fn scale(&self) -> &AnswerScale {
        &self.scale
    }
}

/// How the answers become one score.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scoring {
    /// The answer to the only item is the score.
    Single,
    /// Every item must be answered; the score is their sum times `factor`.
    Sum {
        /// What the sum is multiplied by (4 turns WHO-5's 0–25 into 0–100).
        factor: Finite,
    },
    /// Every item must be answered; the score is their mean.
    Mean,
    /// The client names between one and `most` activities and rates each on
    /// the only item's scale; the score is the mean rating (PSFS).
    ActivityMean {
        /// How many activities may be named.
        most: u8,
    },
    /// The first item (headache days) is the score; the second (mean
    /// intensity on those days) is kept beside it and may be left blank.
    HeadacheDiary,
    /// The score is the craniovertebral angle computed from C7 and the
    /// tragus tapped on a side photo; there are no items.
    CraniovertebralAngle,
}

/// A score below which the therapist should take note. It is an observation
/// shown to the therapist, never a diagnosis and never shown to the client.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attention {
    /// Scores strictly below this value call for the note.
    pub below: Finite,
    /// What to consider, for the therapist.
    pub note: String,
}

/// One instrument at one version. Built by [`crate::outcomes::catalogue`] for the free
/// instruments and by [`crate::outcomes::custom_instrument`] for the therapist's own;
/// nothing else can make one, so every instrument has a sane range and a
/// meaningful-change rule.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub(crate) id: InstrumentId,
    pub(crate) version: u32,
    pub(crate) name: String,
    pub(crate) subject: String,
    pub(crate) area: BenefitArea,
    pub(crate) instructions: String,
    pub(crate) items: Vec<Item>,
    pub(crate) scoring: Scoring,
    pub(crate) score_min: Finite,
    pub(crate) score_max: Finite,
    pub(crate) unit: Unit,
    pub(crate) direction: Direction,
    pub(crate) change_rule: ChangeRule,
    pub(crate) change_source: String,
    pub(crate) reference: String,
    pub(crate) attention: Option<Attention>,
}

impl Instrument {
    /// Which instrument this is.
    pub fn id(&self) -> InstrumentId {
        self.id
    }

    /// The version of the definition.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// Whether the client fills this instrument in themselves, on the
    /// tablet handed to them: the well-being index and their own
    /// activities (PSFS) ask about how they live, so only they can answer.
    /// The others are rated with the therapist or measured by them.
    pub fn client_fills_in(&self) -> bool {
        self.id == InstrumentId::Who5 || matches!(self.scoring, Scoring::ActivityMean { .. })
    }

    /// The id and version that scores are stored against.
    pub fn reference(&self) -> InstrumentRef {
        InstrumentRef {
            id: self.id,
            version: self.version,
        }
    }

    /// The name the therapist picks it by ("WHO-5 Well-Being Index").
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the score measures, as it reads after "Your" in a sentence to
    /// the client ("back pain", "well-being score").
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The benefit it tracks.
    pub fn area(&self) -> BenefitArea {
        self.area
    }

    /// Text shown above the items (WHO-5's "over the last two weeks"), or
    /// empty.
    pub fn instructions(&self) -> &str {
        &self.instructions
    }

    /// The questions, in order. Empty for the photo-based angle.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// How answers become a score.
    pub fn scoring(&self) -> Scoring {
        self.scoring
    }

    /// The lowest possible score.
    pub fn score_min(&self) -> Finite {
        self.score_min
    }

    /// The highest possible score.
    pub fn score_max(&self) -> Finite {
        self.score_max
    }

    /// What the score counts.
    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// Which way is better.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// When a change counts as meaningful.
    pub fn change_rule(&self) -> ChangeRule {
        self.change_rule
    }

    /// Where the meaningful-change rule comes from, to show beside it.
    pub fn change_source(&self) -> &str {
        &self.change_source
    }

    /// Where the instrument comes from and under what terms it is used.
    pub fn reference_text(&self) -> &str {
        &self.reference
    }

    /// The score below which the therapist should take note, if any.
    pub fn attention(&self) -> Option<&Attention> {
        self.attention.as_ref()
    }

    /// The note for `score`, if it lies below the attention threshold.
    pub fn attention_for(&self, score: Finite) -> Option<&str> {
        self.attention
            .as_ref()
            .filter(|attention| score < attention.below)
            .map(|attention| attention.note.as_str())
    }
}

/// The instrument `reference` names among `instruments` (the catalogue plus
/// the therapist's own), if it is there at that version.
pub fn find(instruments: &[Instrument], reference: InstrumentRef) -> Option<&Instrument> {
    instruments
        .iter()
        .find(|instrument| instrument.reference() == reference)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text() {
        let custom = InstrumentId::Custom(RecordId::from_bytes([7; 16]));
        let ids = [
            (InstrumentId::Nprs(PainSite::Back), "nprs-back"),
            (InstrumentId::Nprs(PainSite::Migraine), "nprs-migraine"),
            (InstrumentId::Psfs(PainSite::Tmj), "psfs-tmj"),
            (InstrumentId::Psfs(PainSite::Other), "psfs-other"),
            (InstrumentId::Stress, "stress"),
            (InstrumentId::Who5, "who-5"),
            (InstrumentId::HeadacheDiary, "headache-diary"),
            (InstrumentId::MouthOpening, "mouth-opening"),
            (InstrumentId::CraniovertebralAngle, "cva"),
            (InstrumentId::Pgic, "pgic"),
        ];
        for (id, text) in ids {
            assert_eq!(id.to_string(), text);
            assert_eq!(text.parse(), Ok(id));
            assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{text}\""));
        }
        assert_eq!(custom.to_string().parse(), Ok(custom));
    }

    #[test]
    fn unknown_ids_are_refused() {
        for text in ["", "nprs", "nprs-knee", "custom-x", "WHO-5", "hit-6"] {
            assert!(text.parse::<InstrumentId>().is_err(), "{text}");
        }
        assert!(serde_json::from_str::<InstrumentId>("\"oswestry\"").is_err());
    }

    #[test]
    fn units_in_sentences() {
        let value = Finite::new(38.0).unwrap();
        assert_eq!(Unit::Points.format(value), "38");
        assert_eq!(Unit::Days.format(value), "38");
        assert_eq!(Unit::Millimetres.format(value), "38 mm");
        assert_eq!(Unit::Degrees.format(value), "38°");
    }
}
