//! Why a user action wrote nothing: the one error type every service
//! returns, so one runner (`action_runner`) can show any failure the same
//! way.
//!
//! A form's refusal carries the form's own problems (`P`, worded by core
//! beside each field); an action without a form uses the default,
//! [`NoProblems`], which cannot be built, so no page has to handle a case
//! that cannot happen.

use std::convert::Infallible;
use std::fmt;

use crate::store::StoreError;

/// The problems of an action that has no form: none can exist.
pub type NoProblems = Infallible;

/// Why an action wrote nothing. Nothing is ever half-written: each action
/// is one transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal<P = NoProblems> {
    /// The input needs fixing; the problems say where.
    Invalid(P),
    /// The database refused the write.
    Store(StoreError),
    /// The core refused the action, with its message for the therapist.
    Refused(String),
}

impl<P> From<StoreError> for Refusal<P> {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}

impl<P> Refusal<P> {
    /// What to tell the therapist when the failure is not a form's: `None`
    /// for [`Refusal::Invalid`], whose problems show beside their fields.
    pub fn notice(&self) -> Option<String> {
        match self {
            Self::Invalid(_) => None,
            Self::Store(error) => Some(error.to_string()),
            Self::Refused(message) => Some(message.clone()),
        }
    }
}

impl<F, E: fmt::Display> Refusal<Vec<(F, E)>> {
    /// Every problem in words, for a place that shows them together.
    pub fn message(&self) -> String {
        match self {
            Self::Invalid(problems) => problems
                .iter()
                .map(|(_, error)| error.to_string())
                .collect::<Vec<_>>()
                .join(" "),
            other => other.notice().unwrap_or_default(),
        }
    }
}

/// A form's problems in words, each with its field: what a form's
/// `invalid` callback keeps to show beside the fields.
pub fn worded<F, E: fmt::Display>(problems: Vec<(F, E)>) -> Vec<(F, String)> {
    problems
        .into_iter()
        .map(|(field, error)| (field, error.to_string()))
        .collect()
}

impl Refusal {
    /// What to tell the therapist (an action without a form always has a
    /// message).
    pub fn message(&self) -> String {
        self.notice().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_refusal_names_its_problems_and_others_make_a_notice() {
        let invalid: Refusal<Vec<(u8, &str)>> =
            Refusal::Invalid(vec![(1, "Too long."), (2, "Required.")]);
        assert_eq!(invalid.notice(), None);
        assert_eq!(invalid.message(), "Too long. Required.");
        assert_eq!(
            worded(vec![(1, "Too long.")]),
            vec![(1, "Too long.".to_owned())]
        );
        let refused: Refusal = Refusal::Refused("This file is for another client.".into());
        assert_eq!(refused.message(), "This file is for another client.");
        let full: Refusal<Vec<(u8, &str)>> = Refusal::Store(StoreError::QuotaExceeded);
        assert_eq!(full.notice(), Some(StoreError::QuotaExceeded.to_string()));
    }
}
