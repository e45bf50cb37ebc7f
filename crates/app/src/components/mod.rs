//! Building blocks shared by several pages.

pub mod field;
pub mod icons;
pub mod notice;
pub mod shell;
pub mod update_banner;
