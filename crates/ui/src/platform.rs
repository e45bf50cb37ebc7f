//! What the browser provides that the core may not touch itself: the clock,
//! randomness, key derivation, and the storage manager's persistence and
//! usage figures.

use stillpoint_core::base::environment::Environment;
use stillpoint_core::selfcare::pin::DerivationInput;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The core's [`Environment`] backed by `Date.now()`, the browser's time
/// zone and `crypto.getRandomValues`.
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

    fn utc_offset_minutes(&self) -> i32 {
        // `getTimezoneOffset` counts minutes *behind* UTC, at this moment
        // (so it follows daylight saving).
        -(js_sys::Date::new_0().get_timezone_offset() as i32)
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

/// Puts `text` on the clipboard; whether the browser allowed it.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into()).ok();
    let write = clipboard.as_ref().and_then(|clipboard| {
        js_sys::Reflect::get(clipboard, &"writeText".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    let (Some(clipboard), Some(write)) = (clipboard, write) else {
        return false;
    };
    match write.call1(&clipboard, &text.into()) {
        Ok(promise) => JsFuture::from(js_sys::Promise::from(promise)).await.is_ok(),
        Err(_) => false,
    }
}

/// Asks for persistent storage unless it is already granted, without
/// waiting for the answer: Firefox settles `persist()` only once the user
/// answers its permission prompt, which may be never, and the app must not
/// wait on that (it stayed on "Opening your records…" in Firefox).
pub fn keep_storage() {
    wasm_bindgen_futures::spawn_local(async {
        if !storage_report().await.persisted {
            request_persistence().await;
        }
    });
}

/// Whether the app runs installed (from the Home Screen or as an app
/// window), not in a browser tab.
pub fn installed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let standalone_display = window
        .match_media("(display-mode: standalone)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches());
    // Safari on iPad says so through `navigator.standalone` instead.
    let home_screen = js_sys::Reflect::get(&window.navigator(), &"standalone".into())
        .ok()
        .is_some_and(|value| value.is_truthy());
    standalone_display || home_screen
}

/// Chromium's deferred install prompt (`beforeinstallprompt`), kept so the
/// app can offer its own calm Install button instead of the browser's
/// banner; Safari has none, so there the app explains Share → Add to Home
/// Screen.
#[derive(Clone, PartialEq, Debug)]
pub struct InstallPrompt(wasm_bindgen::JsValue);

impl InstallPrompt {
    /// Shows the browser's install dialog. A prompt can be shown once: the
    /// browser sends a new event if it may ask again.
    pub fn show(&self) {
        if let Some(prompt) = method(&self.0, "prompt") {
            // The outcome needs no answer: an installed app opens in its own
            // window, and a dismissed prompt leaves the explanation showing.
            let _ = prompt.call0(&self.0);
        }
    }
}

/// Calls `on_prompt` whenever the browser offers to install the app,
/// keeping the browser's own prompt back; listens while the returned
/// listener is kept.
pub fn on_install_prompt(
    on_prompt: impl Fn(InstallPrompt) + 'static,
) -> Option<gloo::events::EventListener> {
    let window = web_sys::window()?;
    // Not passive: a passive listener cannot keep the browser's prompt back.
    Some(gloo::events::EventListener::new_with_options(
        &window,
        "beforeinstallprompt",
        gloo::events::EventListenerOptions::enable_prevent_default(),
        move |event| {
            event.prevent_default();
            on_prompt(InstallPrompt(event.clone().into()));
        },
    ))
}

/// What the browser calls with the files the app was opened with.
type LaunchConsumer = wasm_bindgen::closure::Closure<dyn FnMut(wasm_bindgen::JsValue)>;

thread_local! {
    /// The page's one consumer of the launch queue: a newer one replaces it
    /// (as `setConsumer` does), so none is leaked.
    static LAUNCH_CONSUMER: std::cell::RefCell<Option<LaunchConsumer>> =
        const { std::cell::RefCell::new(None) };
}

/// Calls `on_file` with each file the operating system opened the app with
/// (the manifest's `file_handlers`, on Chromium where supported): the
/// browser holds them in `window.launchQueue` until a page takes them.
/// Does nothing in browsers without file handling.
pub fn take_launched_files(on_file: impl Fn(web_sys::File) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(queue) = js_sys::Reflect::get(&window, &"launchQueue".into())
        .ok()
        .filter(|queue| queue.is_object())
    else {
        return;
    };
    let Some(set_consumer) = method(&queue, "setConsumer") else {
        return;
    };
    let on_file = std::rc::Rc::new(on_file);
    let consumer = LaunchConsumer::new(move |params: wasm_bindgen::JsValue| {
        let handles = js_sys::Reflect::get(&params, &"files".into())
            .ok()
            .filter(js_sys::Array::is_array)
            .map(|files| js_sys::Array::from(&files))
            .unwrap_or_default();
        for handle in handles.iter() {
            let on_file = on_file.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Some(get_file) = method(&handle, "getFile") else {
                    return;
                };
                let Ok(promise) = get_file.call0(&handle) else {
                    return;
                };
                if let Ok(file) = JsFuture::from(js_sys::Promise::from(promise))
                    .await
                    .and_then(|file| file.dyn_into::<web_sys::File>())
                {
                    on_file(file);
                }
            });
        }
    });
    if set_consumer.call1(&queue, consumer.as_ref()).is_ok() {
        LAUNCH_CONSUMER.with(|kept| *kept.borrow_mut() = Some(consumer));
    }
}

/// `object[name]` if it is a function.
fn method(object: &wasm_bindgen::JsValue, name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(object, &name.into())
        .ok()?
        .dyn_into()
        .ok()
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
pub async fn read_file(file: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "The file could not be read.".to_owned())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The first `length` bytes of a file (fewer if it is shorter): what a
/// page needs of an export to tell whether it was imported before,
/// without reading tens of megabytes.
pub async fn read_file_start(file: &web_sys::Blob, length: usize) -> Result<Vec<u8>, String> {
    let end = i32::try_from(length).unwrap_or(i32::MAX);
    let start = file
        .slice_with_i32_and_i32(0, end)
        .map_err(|_| "The file could not be read.".to_owned())?;
    read_file(&start).await
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

/// PBKDF2-HMAC-SHA256 of `input` by the browser's `crypto.subtle`: the
/// PIN's 600,000 iterations run natively and off the page's thread (in
/// size-optimised wasm they held it for about half a second), and the app's
/// wasm carries no PBKDF2 of its own.
pub async fn derive_pin_key(input: DerivationInput<'_>) -> Result<[u8; 32], String> {
    let failed = |_| "The PIN could not be checked in this browser.".to_owned();
    let subtle = web_sys::window()
        .ok_or("The PIN could not be checked in this browser.")?
        .crypto()
        .map_err(failed)?
        .subtle();
    let usages = js_sys::Array::of1(&"deriveBits".into());
    let key: web_sys::CryptoKey = JsFuture::from(
        subtle
            .import_key_with_str(
                "raw",
                &js_sys::Uint8Array::from(input.password),
                "PBKDF2",
                false,
                &usages,
            )
            .map_err(failed)?,
    )
    .await
    .map_err(failed)?
    .unchecked_into();
    let params = web_sys::Pbkdf2Params::new(
        "PBKDF2",
        &"SHA-256".into(),
        input.iterations,
        &js_sys::Uint8Array::from(&input.salt[..]),
    );
    let bits = JsFuture::from(
        subtle
            .derive_bits_with_object(&params, &key, 256)
            .map_err(failed)?,
    )
    .await
    .map_err(failed)?;
    let mut derived = [0u8; 32];
    js_sys::Uint8Array::new(&bits).copy_to(&mut derived);
    Ok(derived)
}

/// Loads the app afresh at `path`, so it starts again from what is stored
/// (after leaving client mode the device starts as the therapist's).
pub fn restart_at(path: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(path);
    }
}

/// Moves keyboard focus to the element `id`, if it is on the page.
pub fn focus(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Shows the page from its top: a new page, or a note just signed, starts
/// where its title and status are, not where the last one was scrolled to.
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// A name for this device from what the browser says it is (core's
/// `default_device_name`): its user agent, and whether it has a touch
/// screen, which tells an iPad (which calls itself a Mac) from a Mac.
pub fn default_device_name() -> String {
    let Some(navigator) = web_sys::window().map(|window| window.navigator()) else {
        return stillpoint_core::sync::device_name::default_device_name("", false);
    };
    let agent = navigator.user_agent().unwrap_or_default();
    let touch = js_sys::Reflect::get(&navigator, &"maxTouchPoints".into())
        .ok()
        .and_then(|points| points.as_f64())
        .is_some_and(|points| points > 1.0);
    stillpoint_core::sync::device_name::default_device_name(&agent, touch)
}
