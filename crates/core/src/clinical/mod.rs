//! The clinical record: intake and health history, the contraindication
//! rule table and screening, the session note (form, CST findings, massage
//! work, body chart), signing, amendments and alert overrides.
//!
//! **May use:** [`crate::base`], [`crate::merge`], [`crate::clients`],
//! [`crate::outcomes`] (a session note holds its pre/post ratings; a health
//! history names benefit areas).

pub mod alert_override;
pub mod amendment;
pub mod body_chart;
pub mod body_regions;
pub mod contraindication_rules;
pub mod cst_findings;
pub mod health_history;
pub mod intake;
pub mod massage_work;
pub mod quick_phrases;
pub mod screening;
pub mod session;
pub mod session_form;
pub mod session_note;
pub mod signature;
pub mod since_last_time;
pub mod technique_list;
