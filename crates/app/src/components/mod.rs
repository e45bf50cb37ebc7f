//! Building blocks shared by several pages.

pub mod chart;
pub mod field;
pub mod icons;
pub mod notice;
pub mod scale;
pub mod shell;
pub mod update_banner;
