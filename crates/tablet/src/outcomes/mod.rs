//! Benefit tracking: scores, treatment plans, a client's progress, practice
//! outcomes and the builder for the therapist's own instruments.

pub mod custom_instrument;
pub mod measure;
pub mod plan;
pub mod practice;
pub mod progress;
