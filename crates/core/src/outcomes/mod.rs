//! Benefit tracking: the outcome instruments (free ones, each scoring rule
//! cited), scores, meaningful change, treatment plans with goals, one
//! client's progress, the pre/post session ratings and practice outcomes.
//!
//! **May use:** [`crate::base`], [`crate::merge`], [`crate::clients`].

pub mod benefit;
pub mod catalogue;
pub mod change;
pub mod custom_instrument;
pub mod instrument;
pub mod measure;
pub mod plan;
pub mod posture;
pub mod practice;
pub mod progress;
pub mod scoring;
pub mod session_ratings;
