//! One module per screen.

pub mod client_detail;
pub mod client_form;
pub mod client_list;
pub mod clients;
pub mod custom_instrument;
pub mod measure;
pub mod not_found;
pub mod plan;
pub mod practice;
pub mod progress;
pub mod settings;
pub mod storage_failed;
pub mod sync;
pub mod sync_export;
pub mod sync_import;
pub mod today;
