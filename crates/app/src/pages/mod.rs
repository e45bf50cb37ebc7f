//! One module per screen.

pub mod client_detail;
pub mod client_form;
pub mod client_list;
pub mod client_mode;
pub mod client_print;
pub mod clients;
pub mod clinical;
pub mod custom_instrument;
pub mod diary_import;
pub mod intake_form;
pub mod intake_view;
pub mod measure;
pub mod not_found;
pub mod plan;
pub mod practice;
pub mod progress;
pub mod rules;
pub mod session_form;
pub mod session_view;
pub mod settings;
pub mod storage_failed;
pub mod sync;
pub mod sync_export;
pub mod sync_import;
pub mod today;
