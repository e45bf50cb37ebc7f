//! The clinical screens: intake, session note, the signed views, today's
//! sessions and the contraindication rules.

pub mod client_screen;
pub mod clinical_screens;
pub mod form_fields;
pub mod intake_form;
pub mod intake_view;
pub mod rules;
pub mod screening_rules;
pub mod session_form;
pub mod session_row;
pub mod session_view;
pub mod today;
