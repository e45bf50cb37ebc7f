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

/// The bytes of a file the therapist picked or dropped.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "The file could not be read.".to_owned())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn file_blob(bytes: &[u8], mime: &str) -> Result<web_sys::Blob, wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
}

/// Saves `bytes` as a download called `name`. Nothing leaves the device:
/// the browser writes the file from memory.
pub fn save_file(bytes: &[u8], name: &str, mime: &str) -> Result<(), String> {
    let failed = |_| "The file could not be saved.".to_owned();
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or("The file could not be saved.")?;
    let url = web_sys::Url::create_object_url_with_blob(&file_blob(bytes, mime).map_err(failed)?)
        .map_err(failed)?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(failed)?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The Web Share API's `navigator.share` and `canShare`, when the browser
/// can share this file (tablets can; most desktop browsers cannot).
fn share_target(
    bytes: &[u8],
    name: &str,
    mime: &str,
) -> Option<(js_sys::Function, wasm_bindgen::JsValue, js_sys::Object)> {
    let navigator = web_sys::window()?.navigator();
    let share: js_sys::Function = js_sys::Reflect::get(&navigator, &"share".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let can_share: js_sys::Function = js_sys::Reflect::get(&navigator, &"canShare".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let file = web_sys::File::new_with_u8_array_sequence_and_options(
        &js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)),
        name,
        &options,
    )
    .ok()?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file)).ok()?;
    js_sys::Reflect::set(&data, &"title".into(), &name.into()).ok()?;
    let allowed = can_share.call1(&navigator, &data).ok()?.is_truthy();
    allowed.then_some((share, navigator.into(), data))
}

/// Whether this browser can share a file through the system share sheet.
pub fn can_share_file(bytes: &[u8], name: &str, mime: &str) -> bool {
    share_target(bytes, name, mime).is_some()
}

/// Opens the system share sheet with the file (AirDrop, Files, email…).
pub async fn share_file(bytes: &[u8], name: &str, mime: &str) -> Result<(), String> {
    let (share, navigator, data) =
        share_target(bytes, name, mime).ok_or("This browser cannot share files.")?;
    let promise: js_sys::Promise = share
        .call1(&navigator, &data)
        .map_err(|_| "Sharing did not start.".to_owned())?
        .unchecked_into();
    JsFuture::from(promise)
        .await
        .map(drop)
        .map_err(|_| "Sharing was cancelled.".to_owned())
}

/// Resolves once the browser has had time to paint what was just rendered,
/// so a "Checking…" message shows before slow work (the PIN hash, about
/// half a second) holds the UI thread.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50);
        }
    });
    let _ = JsFuture::from(promise).await;
}
