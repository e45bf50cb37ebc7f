//! Registers the service worker and tells the app when a newer build is
//! installed, without ever swapping it in on its own: the running page keeps
//! going until the therapist presses Reload, so nothing typed is lost.
//!
//! The worker itself (`sw.js`) is generated at build time by
//! `cargo xtask post-build` with the list of hashed files to precache.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};
use yew::Callback;

/// The message the generated worker answers by activating itself.
const SKIP_WAITING: &str = "skip-waiting";

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let has_workers = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    has_workers.then(|| navigator.service_worker())
}

async fn registration() -> Option<ServiceWorkerRegistration> {
    let container = container()?;
    let value = JsFuture::from(container.get_registration()).await.ok()?;
    value.dyn_into().ok()
}

/// Registers the worker at `script` (`/sw.js` for the tablet; the phone's
/// `/phone/sw.js` takes its own folder as scope) and calls
/// `on_update_ready` once a new build has been installed behind the
/// running one.
pub fn register(script: &'static str, on_update_ready: Callback<()>) {
    let Some(container) = container() else {
        return;
    };
    spawn_local(async move {
        let Ok(value) = JsFuture::from(container.register(script)).await else {
            return;
        };
        let Ok(registration) = value.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        // A new build waits behind a running one only if this registration
        // already has an active worker. Any controller will not do: the
        // tablet's worker (scope `/`) also controls a first visit to
        // `/phone/`, and Firefox then offered the phone an update on its
        // very first install.
        let controlled = {
            let registration = registration.clone();
            move || registration.active().is_some()
        };
        if registration.waiting().is_some() && controlled() {
            on_update_ready.emit(());
        }
        let watched = registration.clone();
        EventListener::new(&registration, "updatefound", move |_| {
            let Some(installing) = watched.installing() else {
                return;
            };
            let worker = installing.clone();
            let on_update_ready = on_update_ready.clone();
            let controlled = controlled.clone();
            EventListener::new(&installing, "statechange", move |_| {
                if worker.state() == ServiceWorkerState::Installed && controlled() {
                    on_update_ready.emit(());
                }
            })
            .forget();
        })
        .forget();
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            let checked = registration.clone();
            let visible_document = document.clone();
            EventListener::new(&document, "visibilitychange", move |_| {
                if !visible_document.hidden() {
                    let _ = checked.update();
                }
            })
            .forget();
        }
    });
}

/// Lets the waiting build take over, then reloads into it.
pub fn apply_update() {
    let Some(container) = container() else {
        return;
    };
    spawn_local(async move {
        let Some(waiting) = registration()
            .await
            .and_then(|registration| registration.waiting())
        else {
            reload();
            return;
        };
        EventListener::once(&container, "controllerchange", |_| reload()).forget();
        let _ = waiting.post_message(&SKIP_WAITING.into());
    });
}

/// Loads the page again: into a new build, or to fetch a part of the app a failed fetch left
/// missing.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
