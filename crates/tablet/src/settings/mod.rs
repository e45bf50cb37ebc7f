//! Settings: theme, storage, backup reminder, this device's name, clinic
//! sync and the client-view PIN.

pub mod clinic_setting;
pub mod device_name_setting;
pub mod pin_settings;
pub mod settings_page;
