//! What the browser provides that the core may not touch itself: the clock,
//! randomness, and the storage manager's persistence and usage figures.

use stillpoint_core::environment::Environment;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The core's [`Environment`] backed by `Date.now()` and
/// `crypto.getRandomValues`.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserEnvironment;

impl Environment for BrowserEnvironment {
    fn now_millis(&self) -> u64 {
        js_sys::Date::now() as u64
    }

    fn random_bytes(&mut self) -> [u8; 16] {
        let mut bytes = [0u8; 16];
        web_sys::window()
            .and_then(|window| window.crypto().ok())
            .and_then(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).ok())
            .expect("crypto.getRandomValues is available in every browser the app supports");
        bytes
    }
}

/// What the browser says about the app's storage.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct StorageReport {
    /// Whether the browser promised not to evict the data under pressure.
    pub persisted: bool,
    /// Bytes used, if the browser reports it.
    pub usage_bytes: Option<f64>,
    /// Bytes available to the app, if the browser reports it.
    pub quota_bytes: Option<f64>,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    storage.dyn_into().ok()
}

/// Asks the browser to keep the app's data even when space runs low.
/// Returns whether it agreed; browsers may decide without asking the user.
pub async fn request_persistence() -> bool {
    let Some(manager) = storage_manager() else {
        return false;
    };
    match manager.persist() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .map(|value| value.is_truthy())
            .unwrap_or(false),
        Err(_) => false,
    }
}

/// Whether storage is persistent and how much of it is used.
pub async fn storage_report() -> StorageReport {
    let Some(manager) = storage_manager() else {
        return StorageReport {
            persisted: false,
            usage_bytes: None,
            quota_bytes: None,
        };
    };
    let persisted = match manager.persisted() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .map(|value| value.is_truthy())
            .unwrap_or(false),
        Err(_) => false,
    };
    let estimate = match manager.estimate() {
        Ok(promise) => JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    let number = |name: &str| {
        estimate
            .as_ref()
            .and_then(|value| js_sys::Reflect::get(value, &name.into()).ok())
            .and_then(|value| value.as_f64())
    };
    StorageReport {
        persisted,
        usage_bytes: number("usage"),
        quota_bytes: number("quota"),
    }
}

/// Sets `data-theme` on the root element; the stylesheet does the rest.
pub fn apply_theme(theme: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute("data-theme", theme);
    }
}
