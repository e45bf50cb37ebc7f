//! Stillpoint's browser front end: Yew components over the domain core.
//!
//! Data flows one way: a component dispatches a user action to `services`,
//! which validates and stamps it through `stillpoint-core` and writes it with
//! `store` (the only module that touches IndexedDB) in one transaction; the
//! stored record comes back as a `state::Action`, the pure reducer folds it
//! into `state::AppState`, and the components re-render from that state.
#![deny(missing_docs)]

mod app;
mod components;
mod context;
mod format;
mod hooks;
mod lock_channel;
mod pages;
pub mod platform;
pub mod records;
mod routes;
pub mod self_care;
mod service_worker;
pub mod services;
pub mod state;
pub mod store;
mod sync_worker;

pub use app::App;

/// Mounts the app on the page body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
