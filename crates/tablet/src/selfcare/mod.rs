//! Self-care: the library, a client's plan, the locked client view handed
//! to the client, and importing a client's diary.

pub mod care_library;
pub mod care_plan;
pub mod client_view;
pub mod diary_import;
