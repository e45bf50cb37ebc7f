//! Settings: theme, storage, backup reminder and the client-view PIN.

pub mod pin_settings;
pub mod settings_page;
