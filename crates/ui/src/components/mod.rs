//! Building blocks shared by several pages.

pub mod alerts;
pub mod body_chart;
pub mod care_item_fields;
pub mod care_plan_items;
pub mod chart;
pub mod chips;
pub mod conflicts;
pub mod field;
pub mod file_drop;
pub mod icons;
pub mod notice;
pub mod progress;
pub mod quick_rating;
pub mod region_picker;
pub mod scale;
pub mod signature_pad;
pub mod since_last_time;
pub mod splash;
pub mod storage_failed;
pub mod update_banner;
