//! "Since last time": the short re-check at the start of every session.
//!
//! The clinical reference (`docs/clinical-reference.md` §3) screens contraindications at intake *and
//! re-checks them at each session start*: a fever, a new medication, an
//! injury, an operation or a pregnancy since the intake would otherwise go
//! unasked until the yearly renewal. The answer is one tap when nothing
//! changed; a change is kept in the session note, screened for that day
//! together with the intake ([`crate::clinical::screening::screen_session`]), and, when
//! it will still be true next time, suggests a new intake
//! ([`SinceLastTime::suggests_new_intake`]).
//!
//! The answers reuse the intake's own shapes (checklist conditions, dated
//! surgeries and injuries, medication rows), so every rule that reads an
//! intake reads them the same way.

use serde::{Deserialize, Serialize};

use crate::base::date::CalendarDate;
use crate::base::text_limit::{required, trimmed, TooLong, MAX_NAME_CHARS, MAX_NOTES_CHARS};
use crate::clinical::health_history::{
    Condition, ConditionAnswer, EventAnswer, Medication, Pregnancy,
};

/// The client's answer to "anything changed since last time?".
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SinceLastTime {
    /// Not asked yet (and every note written before the question existed).
    #[default]
    NotAsked,
    /// The client said nothing has changed: the one-tap answer.
    NothingChanged,
    /// Something changed.
    Changed(Changes),
}

/// What changed since the last session.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Changes {
    /// New illness or fever, or anything else on the checklist that is new
    /// (a concussion, a lumbar puncture). Undated ones count from the
    /// session day.
    pub conditions: Vec<ConditionAnswer>,
    /// New medications; read for anticoagulants by name like the intake's.
    pub medications: Vec<Medication>,
    /// Injuries, surgeries and procedures, each with its site and date.
    pub events: Vec<EventAnswer>,
    /// The client's pregnancy now, if they said it changed; it replaces the
    /// intake's answer for the day.
    pub pregnancy: Option<Pregnancy>,
    /// Anything else, in the client's words (read for the same words as the
    /// intake's notes).
    pub note: String,
}

/// Conditions that pass: a change of these alone does not make the intake
/// out of date.
const PASSING: [Condition; 2] = [Condition::Fever, Condition::AcuteInfection];

/// A part of the "since last time" answer; rows numbered from 0.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum SinceField {
    /// The date of a condition.
    ConditionDate(usize),
    /// The note on a condition.
    ConditionNote(usize),
    /// A medication's name.
    MedicationName(usize),
    /// A medication's note.
    MedicationNote(usize),
    /// The date of an injury, surgery or procedure.
    EventDate(usize),
    /// The note on an injury, surgery or procedure.
    EventNote(usize),
    /// The free note.
    Note,
    /// The answer as a whole.
    Answer,
}

/// What is wrong with one part of the answer.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum SinceError {
    /// A date after the session.
    #[error("This date is after the session date.")]
    AfterSession,
    /// A medication row without a name.
    #[error("Enter the medication's name, or remove the row.")]
    MedicationNameRequired,
    /// "Something changed" with nothing said.
    #[error("Say what changed, or choose \"nothing changed\".")]
    NothingSaid,
    /// The text is too long.
    #[error(transparent)]
    TooLong(#[from] TooLong),
}

/// `text` trimmed, or empty with the problem noted if it is too long.
fn tidy(problems: &mut Vec<(SinceField, SinceError)>, field: SinceField, text: &str) -> String {
    trimmed(text, MAX_NOTES_CHARS)
        .map_err(|error| problems.push((field, error.into())))
        .unwrap_or_default()
}

impl SinceLastTime {
    /// The changes, if the client named any.
    pub fn changes(&self) -> Option<&Changes> {
        match self {
            SinceLastTime::Changed(changes) => Some(changes),
            _ => None,
        }
    }

    /// Whether the question is still unanswered.
    pub fn is_not_asked(&self) -> bool {
        *self == SinceLastTime::NotAsked
    }

    /// Whether a change will still be true at the next session (a new
    /// medication, an injury or operation, a pregnancy, a lasting
    /// condition), so the health history is out of date and a new intake
    /// should be offered. A fever or an infection alone passes.
    pub fn suggests_new_intake(&self) -> bool {
        self.changes().is_some_and(|changes| {
            !changes.medications.is_empty()
                || !changes.events.is_empty()
                || changes.pregnancy.is_some()
                || changes
                    .conditions
                    .iter()
                    .any(|answer| !PASSING.contains(&answer.condition))
        })
    }

    /// Checks an answer given for a session on `on`: texts trimmed and
    /// within limits, medication rows named, no date after the session, and
    /// "changed" only with something said. Returns the tidy answer or every
    /// problem.
    pub fn check(&self, on: CalendarDate) -> Result<Self, Vec<(SinceField, SinceError)>> {
        let Some(changes) = self.changes() else {
            return Ok(self.clone());
        };
        let mut problems = Vec::new();
        let conditions: Vec<ConditionAnswer> = changes
            .conditions
            .iter()
            .enumerate()
            .map(|(row, answer)| ConditionAnswer {
                note: tidy(&mut problems, SinceField::ConditionNote(row), &answer.note),
                ..answer.clone()
            })
            .collect();
        let events: Vec<EventAnswer> = changes
            .events
            .iter()
            .enumerate()
            .map(|(row, event)| EventAnswer {
                note: tidy(&mut problems, SinceField::EventNote(row), &event.note),
                ..event.clone()
            })
            .collect();
        let note = tidy(&mut problems, SinceField::Note, &changes.note);
        let mut medications = Vec::new();
        for (row, medication) in changes.medications.iter().enumerate() {
            let note = tidy(
                &mut problems,
                SinceField::MedicationNote(row),
                &medication.note,
            );
            let name = required(
                &medication.name,
                MAX_NAME_CHARS,
                SinceError::MedicationNameRequired,
            )
            .map_err(|error| problems.push((SinceField::MedicationName(row), error)))
            .unwrap_or_default();
            medications.push(Medication {
                name,
                anticoagulant: medication.anticoagulant,
                note,
            });
        }
        let late = |date: Option<CalendarDate>| date.is_some_and(|date| date > on);
        problems.extend(
            conditions
                .iter()
                .enumerate()
                .filter(|(_, answer)| late(answer.date))
                .map(|(row, _)| (SinceField::ConditionDate(row), SinceError::AfterSession)),
        );
        problems.extend(
            events
                .iter()
                .enumerate()
                .filter(|(_, event)| late(Some(event.date)))
                .map(|(row, _)| (SinceField::EventDate(row), SinceError::AfterSession)),
        );
        let tidy = Changes {
            conditions,
            medications,
            events,
            pregnancy: changes.pregnancy,
            note,
        };
        if tidy == Changes::default() {
            problems.push((SinceField::Answer, SinceError::NothingSaid));
        }
        if problems.is_empty() {
            Ok(SinceLastTime::Changed(tidy))
        } else {
            Err(problems)
        }
    }

    /// The answer in one line for the note's subjective part: "Since last
    /// time: Fever; new medication: Eliquis; Surgery: Elsewhere on
    /// 2026-11-20 (knee)." `None` while not asked.
    pub fn summary(&self) -> Option<String> {
        let changes = match self {
            SinceLastTime::NotAsked => return None,
            SinceLastTime::NothingChanged => {
                return Some("Nothing changed since last time.".into())
            }
            SinceLastTime::Changed(changes) => changes,
        };
        let with_note = |text: String, note: &str| match note {
            "" => text,
            note => format!("{text} ({note})"),
        };
        let conditions = changes.conditions.iter().map(|answer| {
            let dated = match answer.date {
                Some(date) => format!("{} since {date}", answer.condition.label()),
                None => answer.condition.label().to_owned(),
            };
            with_note(dated, &answer.note)
        });
        let medications = changes.medications.iter().map(|medication| {
            with_note(
                format!("new medication: {}", medication.name),
                &medication.note,
            )
        });
        let events = changes.events.iter().map(|event| {
            with_note(
                format!(
                    "{}: {} on {}",
                    event.kind.label(),
                    event.site.label(),
                    event.date
                ),
                &event.note,
            )
        });
        let pregnancy = changes.pregnancy.map(|pregnancy| {
            match pregnancy {
                Pregnancy::No => "no longer pregnant",
                Pregnancy::Yes => "pregnant",
                Pregnancy::HighRisk => "high-risk pregnancy",
            }
            .to_owned()
        });
        let note = (!changes.note.is_empty()).then(|| changes.note.clone());
        let parts: Vec<String> = conditions
            .chain(medications)
            .chain(events)
            .chain(pregnancy)
            .chain(note)
            .collect();
        Some(format!("Since last time: {}.", parts.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinical::health_history::{EventKind, Site};

    fn date(text: &str) -> CalendarDate {
        text.parse().unwrap()
    }

    fn surgery(on: &str) -> EventAnswer {
        EventAnswer {
            kind: EventKind::Surgery,
            site: Site::Other,
            date: date(on),
            regions: vec![],
            note: " knee ".into(),
        }
    }

    fn fever() -> ConditionAnswer {
        ConditionAnswer {
            condition: Condition::Fever,
            date: None,
            regions: vec![],
            note: String::new(),
        }
    }

    #[test]
    fn lasting_changes_suggest_a_new_intake_and_passing_ones_do_not() {
        let medication = Medication {
            name: "Eliquis".into(),
            ..Medication::default()
        };
        let concussion = ConditionAnswer {
            condition: Condition::Concussion,
            ..fever()
        };
        // (answer, suggests a new intake)
        let cases = [
            (SinceLastTime::NotAsked, false),
            (SinceLastTime::NothingChanged, false),
            (
                SinceLastTime::Changed(Changes {
                    conditions: vec![fever()],
                    note: "a cold".into(),
                    ..Changes::default()
                }),
                false,
            ),
            (
                SinceLastTime::Changed(Changes {
                    conditions: vec![concussion],
                    ..Changes::default()
                }),
                true,
            ),
            (
                SinceLastTime::Changed(Changes {
                    medications: vec![medication],
                    ..Changes::default()
                }),
                true,
            ),
            (
                SinceLastTime::Changed(Changes {
                    events: vec![surgery("2026-11-20")],
                    ..Changes::default()
                }),
                true,
            ),
            (
                SinceLastTime::Changed(Changes {
                    pregnancy: Some(Pregnancy::Yes),
                    ..Changes::default()
                }),
                true,
            ),
        ];
        for (answer, lasting) in cases {
            assert_eq!(answer.suggests_new_intake(), lasting, "{answer:?}");
        }
    }

    #[test]
    fn an_answer_is_checked_and_tidied() {
        let on = date("2026-11-27");
        let answer = SinceLastTime::Changed(Changes {
            events: vec![surgery("2026-11-20")],
            ..Changes::default()
        });
        let SinceLastTime::Changed(tidy) = answer.check(on).unwrap() else {
            panic!("still changed");
        };
        assert_eq!(tidy.events[0].note, "knee");
        let cases = [
            (
                Changes::default(),
                vec![(SinceField::Answer, SinceError::NothingSaid)],
            ),
            (
                Changes {
                    events: vec![surgery("2026-11-28")],
                    ..Changes::default()
                },
                vec![(SinceField::EventDate(0), SinceError::AfterSession)],
            ),
            (
                Changes {
                    medications: vec![Medication::default()],
                    ..Changes::default()
                },
                vec![(
                    SinceField::MedicationName(0),
                    SinceError::MedicationNameRequired,
                )],
            ),
            (
                Changes {
                    conditions: vec![ConditionAnswer {
                        date: Some(date("2026-12-01")),
                        ..fever()
                    }],
                    ..Changes::default()
                },
                vec![(SinceField::ConditionDate(0), SinceError::AfterSession)],
            ),
        ];
        for (changes, expected) in cases {
            assert_eq!(
                SinceLastTime::Changed(changes).check(on).unwrap_err(),
                expected
            );
        }
        assert_eq!(
            SinceLastTime::NothingChanged.check(on),
            Ok(SinceLastTime::NothingChanged)
        );
    }

    #[test]
    fn the_answer_reads_as_one_line_for_the_note() {
        let changed = SinceLastTime::Changed(Changes {
            conditions: vec![fever()],
            medications: vec![Medication {
                name: "Eliquis".into(),
                anticoagulant: false,
                note: "5 mg".into(),
            }],
            events: vec![surgery("2026-11-20")],
            pregnancy: None,
            note: String::new(),
        })
        .check(date("2026-11-27"))
        .unwrap();
        let cases = [
            (SinceLastTime::NotAsked, None),
            (
                SinceLastTime::NothingChanged,
                Some("Nothing changed since last time."),
            ),
            (
                changed,
                Some(
                    "Since last time: Fever; new medication: Eliquis (5 mg); \
                     Surgery: Elsewhere on 2026-11-20 (knee).",
                ),
            ),
        ];
        for (answer, expected) in cases {
            assert_eq!(answer.summary().as_deref(), expected);
        }
    }

    #[test]
    fn serde_shapes() {
        let cases = [
            (SinceLastTime::NotAsked, r#""not_asked""#),
            (SinceLastTime::NothingChanged, r#""nothing_changed""#),
            (
                SinceLastTime::Changed(Changes {
                    pregnancy: Some(Pregnancy::Yes),
                    ..Changes::default()
                }),
                r#"{"changed":{"conditions":[],"medications":[],"events":[],"pregnancy":"yes","note":""}}"#,
            ),
        ];
        for (answer, json) in cases {
            assert_eq!(serde_json::to_string(&answer).unwrap(), json);
            assert_eq!(serde_json::from_str::<SinceLastTime>(json).unwrap(), answer);
        }
        let short: SinceLastTime = serde_json::from_str(r#"{"changed":{"note":"flu"}}"#).unwrap();
        assert_eq!(short.changes().unwrap().note, "flu");
    }
}
