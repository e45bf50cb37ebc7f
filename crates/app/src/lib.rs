//! Stillpoint's browser front end: Yew components over the domain core.
//!
//! Data flows one way: a component dispatches a user action to `services`,
//! which validates and stamps it through `stillpoint-core` and writes it with
//! `store` (the only module that touches IndexedDB) in one transaction; the
//! stored record comes back as a `state::Action`, the pure reducer folds it
//! into `state::AppState`, and the components re-render from that state.
#![deny(missing_docs)]

mod app;
pub mod components;
pub mod context;
pub mod format;
pub mod hooks;
mod lock_channel;
mod pages;
pub mod platform;
pub mod records;
mod routes;
pub mod self_care;
pub mod service_worker;
pub mod services;
pub mod state;
pub mod store;
mod sync_worker;

pub use app::App;

/// Where the client's phone app lives: its own page and wasm (the
/// `stillpoint-phone` crate), so neither audience downloads the other's
/// screens. The tablet links to it and sends a device in client mode there.
pub const PHONE_APP: &str = "/phone/";

/// Mounts the app on the page body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
