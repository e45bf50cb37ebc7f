//! Moving the practice between devices: export, import and their preview.

pub mod sync_export;
pub mod sync_import;
pub mod sync_page;
