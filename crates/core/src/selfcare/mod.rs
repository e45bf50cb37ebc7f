//! The client's self-care (home-care) plan and what comes back from it.
//!
//! - [`care_item`]: one item (how often, how long, how, precautions, when
//!   to stop and call);
//! - [`library`]: the built-in items and the therapist's own and edited ones;
//! - [`care_plan`]: a client's plan, versioned like treatment plans;
//! - [`diary`]: the client's daily log of a plan;
//! - [`adherence`]: share of planned items done, week by week;
//! - [`care_file`]: the plan and diary files that go between the tablet and
//!   the client's phone;
//! - [`handout`]: the plan as one self-contained HTML page;
//! - [`pin`]: the PIN that keeps the client view locked.
//!
//! Read `../shared/domain/clinical-reference.md` §5 for what a plan holds.

pub mod adherence;
pub mod care_file;
pub mod care_item;
pub mod care_plan;
pub mod diary;
pub mod handout;
pub mod library;
pub mod pin;
