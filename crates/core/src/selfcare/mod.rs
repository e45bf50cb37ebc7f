//! The client's self-care (home-care) plan and what comes back from it.
//!
//! - [`care_item`]: one item (how often, how long, how, precautions, when
//!   to stop and call);
//! - [`library`]: the built-in items and the therapist's own and edited ones;
//! - [`care_plan`]: a client's plan, versioned like treatment plans;
//! - [`diary`]: the client's daily log of a plan;
//! - [`phone`]: the client's own phone in client mode (plan shown, diaries);
//! - [`diary_import`]: the therapist's checks and merge of a diary file;
//! - [`adherence`]: share of planned items done, week by week;
//! - [`care_file`]: the plan and diary files that go between the tablet and
//!   the client's phone;
//! - [`handout`]: the plan as one self-contained HTML page;
//! - [`pin`]: the PIN that keeps the client view locked.
//!
//! Read `docs/clinical-reference.md` §5 for what a plan holds.
//!
//! **May use:** [`crate::base`], [`crate::merge`], [`crate::clients`],
//! [`crate::outcomes`], [`crate::clinical`] (a plan's items are screened
//! against the client's intake).

pub mod adherence;
pub mod care_file;
pub mod care_item;
pub mod care_plan;
pub mod diary;
pub mod diary_import;
pub mod handout;
pub mod library;
pub mod phone;
pub mod pin;
