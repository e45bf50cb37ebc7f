//! The therapist's technique lists, which the session screen shows as
//! one-tap chips.
//!
//! The CST list starts as the 10-step protocol taught in CS1 (Upledger), in
//! its teaching order, as the clinical reference
//! (`docs/clinical-reference.md` §2) names the steps. The diaphragm
//! releases are separate entries because each gets its own tissue response.
//! Practitioners depart from the protocol, so the list grows with the
//! therapist's own techniques, kept after the protocol in the order added.

use serde::{Deserialize, Serialize};

use crate::base::text_limit::{required, TooLong, MAX_NAME_CHARS};

/// The CS1 10-step protocol, in order, as the reference names its steps.
pub const CST_PROTOCOL: [&str; 11] = [
    "Still point induction (CV-4)",
    "Pelvic diaphragm release",
    "Respiratory diaphragm release",
    "Thoracic inlet release",
    "Hyoid release",
    "Frontal lift",
    "Parietal lift",
    "Sphenobasilar compression/decompression",
    "Temporal techniques",
    "TMJ compression/decompression",
    "Dural tube rock-and-glide (sacral/lumbosacral decompression)",
];

/// The five classic Swedish massage strokes, to start the massage list.
pub const SWEDISH_STROKES: [&str; 5] = [
    "Effleurage",
    "Petrissage",
    "Friction",
    "Tapotement",
    "Vibration",
];

/// An ordered list of technique names, each once.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct TechniqueList {
    names: Vec<String>,
}

/// Why a technique could not be added.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum TechniqueNameError {
    /// The name is blank.
    #[error("Enter the technique's name.")]
    Required,
    /// The name is too long.
    #[error(transparent)]
    TooLong(#[from] TooLong),
    /// The list already has it.
    #[error("“{0}” is already on the list.")]
    AlreadyListed(String),
}

impl TechniqueList {
    fn from_names(names: &[&str]) -> Self {
        Self {
            names: names.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// The CST list as shipped: the protocol in order.
    pub fn cst() -> Self {
        Self::from_names(&CST_PROTOCOL)
    }

    /// The massage list as shipped: the Swedish strokes.
    pub fn massage() -> Self {
        Self::from_names(&SWEDISH_STROKES)
    }

    /// The names in list order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Adds the therapist's own technique at the end of the list. Names are
    /// compared ignoring case, so "frontal lift" is not added twice.
    pub fn add(&mut self, name: &str) -> Result<(), TechniqueNameError> {
        let name = required(name, MAX_NAME_CHARS, TechniqueNameError::Required)?;
        if let Some(existing) = self
            .names
            .iter()
            .find(|existing| existing.to_lowercase() == name.to_lowercase())
        {
            return Err(TechniqueNameError::AlreadyListed(existing.clone()));
        }
        self.names.push(name);
        Ok(())
    }

    /// Takes a technique off the list; sessions that used it keep its name.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.names.len();
        self.names.retain(|existing| existing != name);
        self.names.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cst_list_starts_with_the_protocol_in_teaching_order() {
        let list = TechniqueList::cst();
        assert_eq!(
            list.names().first().map(String::as_str),
            Some("Still point induction (CV-4)")
        );
        assert_eq!(
            list.names().last().map(String::as_str),
            Some("Dural tube rock-and-glide (sacral/lumbosacral decompression)")
        );
        let position = |name: &str| list.names().iter().position(|n| n == name).unwrap();
        assert!(position("Hyoid release") < position("Frontal lift"));
        assert!(position("Frontal lift") < position("Parietal lift"));
        assert!(position("Temporal techniques") < position("TMJ compression/decompression"));
    }

    #[test]
    fn the_therapist_extends_the_list() {
        let mut list = TechniqueList::cst();
        list.add("  Occipital cranial base release ").unwrap();
        assert_eq!(
            list.names().last().map(String::as_str),
            Some("Occipital cranial base release")
        );
        assert_eq!(list.add(" "), Err(TechniqueNameError::Required));
        assert_eq!(
            list.add("frontal LIFT"),
            Err(TechniqueNameError::AlreadyListed("Frontal lift".into()))
        );
        assert!(list.remove("Frontal lift"));
        assert!(!list.remove("Frontal lift"));
        let json = serde_json::to_string(&list).unwrap();
        assert_eq!(serde_json::from_str::<TechniqueList>(&json).unwrap(), list);
    }
}
