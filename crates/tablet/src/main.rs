//! The therapist's tablet app: every screen of the practice, grouped by the
//! area of the core it shows (`clients`, `clinical`, `outcomes`, `selfcare`,
//! `sync`, `settings`), over the shared UI of `stillpoint-ui`.
//!
//! `routes` is the one place that maps an address to a page; `shell` is the
//! frame around it. Pages render and dispatch: what they run goes through
//! `stillpoint_ui::services`, and no page reaches into another page's
//! internals beyond the component it shows.

mod app;
mod clients;
mod clinical;
mod home_screen_hint;
mod lazy_screens;
mod not_found;
mod outcomes;
mod routes;
mod selfcare;
mod settings;
mod shell;
mod shortcuts;

mod sync;

/// Mounts the app on the page body.
fn main() {
    yew::Renderer::<app::App>::new().render();
}
