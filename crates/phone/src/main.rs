//! Stillpoint on the client's own phone: client mode as an app of its own.
//!
//! The phone never needs the practice screens and the tablet never needs
//! client mode, so each audience downloads only its own wasm (Trunk builds
//! this one from `phone/index.html` into `dist/phone/`). Both read the same
//! IndexedDB database through the `stillpoint-app` library's store and
//! services, so a phone that held client mode in the combined app keeps its
//! plan and diary.
#![deny(missing_docs)]

mod day;
mod page;
mod root;
mod start;

fn main() {
    yew::Renderer::<root::PhoneApp>::new().render();
}
