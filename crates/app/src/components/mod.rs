//! Building blocks shared by several pages.

pub mod chart;
pub mod conflicts;
pub mod field;
pub mod icons;
pub mod notice;
pub mod progress;
pub mod scale;
pub mod shell;
pub mod update_banner;
