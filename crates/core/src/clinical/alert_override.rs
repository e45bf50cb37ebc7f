//! Going on past a *do not treat* or *caution* alert: the therapist's
//! decision, with the reason, who made it and when, kept in the session note.
//!
//! Regulators and insurers ask why a contraindicated client was treated; the
//! answer must be written at the time and cannot be blank. Areas to avoid
//! need no override: the therapist simply works around them.

use serde::{Deserialize, Serialize};

use crate::base::hlc::Hlc;
use crate::base::text_limit::{required, TooLong, MAX_NAME_CHARS, MAX_NOTES_CHARS};
use crate::clinical::contraindication_rules::{AlertLevel, RuleId};
use crate::clinical::screening::Alert;

/// The decision to treat despite an alert.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
pub struct AlertOverride {
    rule: RuleId,
    alert_name: String,
    level: AlertLevel,
    reason: String,
    by: String,
    #[serde(with = "crate::base::hlc_text")]
    at: Hlc,
}

/// The override form's fields.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub enum OverrideField {
    /// Why it is safe to go on.
    Reason,
    /// Who decided.
    Therapist,
}

/// Why an override was refused.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum OverrideError {
    /// The alert only asks to avoid an area or to check with the client.
    #[error("This alert needs no reason: work around the area, or ask the client.")]
    NotNeeded,
    /// No reason was given.
    #[error("Write why it is safe to go on, for example \"cleared by her GP on 3 May\".")]
    ReasonRequired,
    /// The therapist's name is blank.
    #[error("Enter the name of the therapist who decided.")]
    TherapistRequired,
    /// The text is too long.
    #[error(transparent)]
    TooLong(#[from] TooLong),
}

impl AlertOverride {
    /// Records that `by` decided at `at` to treat despite `alert`, because of
    /// `reason`. Both texts are required.
    pub fn new(
        alert: &Alert,
        reason: &str,
        by: &str,
        at: Hlc,
    ) -> Result<Self, Vec<(OverrideField, OverrideError)>> {
        let reason = if alert.level.needs_override() {
            required(reason, MAX_NOTES_CHARS, OverrideError::ReasonRequired)
        } else {
            Err(OverrideError::NotNeeded)
        };
        let by = required(by, MAX_NAME_CHARS, OverrideError::TherapistRequired);
        match (reason, by) {
            (Ok(reason), Ok(by)) => Ok(Self {
                rule: alert.rule.clone(),
                alert_name: alert.name.clone(),
                level: alert.level,
                reason,
                by,
                at,
            }),
            (reason, by) => Err([
                reason.err().map(|error| (OverrideField::Reason, error)),
                by.err().map(|error| (OverrideField::Therapist, error)),
            ]
            .into_iter()
            .flatten()
            .collect()),
        }
    }

    /// Whether this override answers `alert`.
    pub fn covers(&self, alert: &Alert) -> bool {
        self.rule == alert.rule
    }

    /// "Same as last time — still true?": this earlier decision given again
    /// for `alert` by `by` at `at`, a fresh decision with this one's reason.
    /// It is never carried silently: the therapist confirms it each session,
    /// and the note records who confirmed it and when.
    pub fn confirm_again(
        &self,
        alert: &Alert,
        by: &str,
        at: Hlc,
    ) -> Result<Self, Vec<(OverrideField, OverrideError)>> {
        Self::new(alert, &self.reason, by, at)
    }

    /// The rule whose alert was overridden.
    pub fn rule(&self) -> &RuleId {
        &self.rule
    }

    /// What the alert said when it was overridden.
    pub fn alert_name(&self) -> &str {
        &self.alert_name
    }

    /// How serious the alert was.
    pub fn level(&self) -> AlertLevel {
        self.level
    }

    /// Why the therapist went on.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Who decided.
    pub fn by(&self) -> &str {
        &self.by
    }

    /// When.
    pub fn at(&self) -> Hlc {
        self.at
    }
}

/// The decision from the last session that today's `alert` may offer
/// again ("Same as last time: ‹reason› — still true?"), if any.
///
/// Offered only for a standing alert: one that needs a reason, was raised
/// the same way on the last session's date (`last_alerts`: the same rule,
/// level, wording, answers and regions; a new answer behind it asks for a
/// new reason), and was answered in that session (`last_decisions`) at
/// the same level.
pub fn standing_decision<'a>(
    alert: &Alert,
    last_alerts: &[Alert],
    last_decisions: &'a [AlertOverride],
) -> Option<&'a AlertOverride> {
    if !alert.level.needs_override() || !last_alerts.contains(alert) {
        return None;
    }
    last_decisions
        .iter()
        .find(|decision| decision.covers(alert) && decision.level == alert.level)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::clinical::contraindication_rules::{Practice, DEFAULT_RULES};
    use crate::clinical::intake::tests::stamp;
    use crate::clinical::screening::Evidence;

    /// An alert raised by the built-in rule at `index`.
    pub(crate) fn alert(index: usize) -> Alert {
        let rule = &DEFAULT_RULES[index];
        Alert {
            rule: rule.id.clone(),
            name: rule.name.to_string(),
            level: rule.level,
            practice: rule.practice,
            recent_within: rule.recent_within,
            evidence: vec![],
            regions: vec![],
            advice: rule.advice.to_string(),
        }
    }

    #[test]
    fn an_override_needs_a_reason_and_a_name() {
        let do_not_treat = alert(0);
        let cases = [
            ("Cleared by neurologist", "Sam", vec![]),
            (
                "  ",
                "Sam",
                vec![(OverrideField::Reason, OverrideError::ReasonRequired)],
            ),
            (
                "Cleared",
                "",
                vec![(OverrideField::Therapist, OverrideError::TherapistRequired)],
            ),
            (
                "",
                " ",
                vec![
                    (OverrideField::Reason, OverrideError::ReasonRequired),
                    (OverrideField::Therapist, OverrideError::TherapistRequired),
                ],
            ),
        ];
        for (reason, by, expected) in cases {
            let result = AlertOverride::new(&do_not_treat, reason, by, stamp(1));
            assert_eq!(
                result.err().unwrap_or_default(),
                expected,
                "{reason:?} {by:?}"
            );
        }
    }

    #[test]
    fn it_records_who_when_and_why_for_that_alert() {
        let caution = DEFAULT_RULES
            .iter()
            .position(|rule| rule.level == AlertLevel::Caution && rule.practice == Practice::Cst)
            .map(alert)
            .unwrap();
        let decision = AlertOverride::new(
            &caution,
            " Fever gone, checked today ",
            "Sam Rivera",
            stamp(7),
        )
        .unwrap();
        assert_eq!(
            (
                decision.reason(),
                decision.by(),
                decision.at(),
                decision.level()
            ),
            (
                "Fever gone, checked today",
                "Sam Rivera",
                stamp(7),
                AlertLevel::Caution
            )
        );
        assert!(decision.covers(&caution));
        assert!(!decision.covers(&alert(0)));
        let json = serde_json::to_string(&decision).unwrap();
        assert_eq!(
            serde_json::from_str::<AlertOverride>(&json).unwrap(),
            decision
        );
    }

    #[test]
    fn a_standing_alert_offers_last_times_decision_as_a_fresh_one() {
        let head_injury = alert(3);
        let last = AlertOverride::new(&head_injury, "Cleared by her GP", "Sam", stamp(1)).unwrap();
        let last_decisions = [last.clone()];
        let offered = standing_decision(
            &head_injury,
            std::slice::from_ref(&head_injury),
            &last_decisions,
        );
        assert_eq!(offered, Some(&last));
        let today = last.confirm_again(&head_injury, "Ada", stamp(9)).unwrap();
        assert_eq!(
            (today.reason(), today.by(), today.at(), today.rule()),
            ("Cleared by her GP", "Ada", stamp(9), &head_injury.rule)
        );
        assert_eq!(
            last.confirm_again(&head_injury, " ", stamp(9)).unwrap_err(),
            [(OverrideField::Therapist, OverrideError::TherapistRequired)]
        );
    }

    #[test]
    fn nothing_is_offered_unless_the_same_alert_was_answered_last_time() {
        let head_injury = alert(3);
        let last = AlertOverride::new(&head_injury, "Cleared by her GP", "Sam", stamp(1)).unwrap();
        let mut new_answer = head_injury.clone();
        new_answer.evidence.push(Evidence {
            answer: "Injury: head".into(),
            date: None,
        });
        let mut milder = head_injury.clone();
        milder.level = AlertLevel::Caution;
        let mut check = head_injury.clone();
        check.level = AlertLevel::Check;
        let cases: [(&Alert, Vec<Alert>, Vec<AlertOverride>, &str); 5] = [
            (
                &head_injury,
                vec![],
                vec![last.clone()],
                "not raised last time",
            ),
            (
                &head_injury,
                vec![head_injury.clone()],
                vec![],
                "not answered last time",
            ),
            (
                &new_answer,
                vec![head_injury.clone()],
                vec![last.clone()],
                "a new answer behind it",
            ),
            (
                &milder,
                vec![milder.clone()],
                vec![last.clone()],
                "answered at another level",
            ),
            (
                &check,
                vec![check.clone()],
                vec![last.clone()],
                "needs no reason",
            ),
        ];
        for (today, last_alerts, last_decisions, case) in cases {
            assert_eq!(
                standing_decision(today, &last_alerts, &last_decisions),
                None,
                "{case}"
            );
        }
        let other = alert(0);
        assert_eq!(
            standing_decision(&other, &[other.clone(), head_injury.clone()], &[last]),
            None,
            "another rule's decision"
        );
    }

    #[test]
    fn local_alerts_and_checks_need_no_override() {
        for level in [AlertLevel::AvoidArea, AlertLevel::Check] {
            let alert = DEFAULT_RULES
                .iter()
                .position(|rule| rule.level == level)
                .map(alert)
                .unwrap();
            assert_eq!(
                AlertOverride::new(&alert, "because", "Sam", stamp(1)).unwrap_err(),
                [(OverrideField::Reason, OverrideError::NotNeeded)],
                "{level:?}"
            );
        }
    }
}
