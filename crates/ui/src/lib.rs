//! What both of Stillpoint's apps stand on — the therapist's tablet and the
//! client's phone: the one module that maps core types onto IndexedDB
//! (`store`), the user actions (`services`), the pure reducer (`state`), the
//! browser's clock and crypto (`platform`), the sync worker's relay, and the
//! widgets (`components`) the pages are built from.
//!
//! Data flows one way: a component dispatches a user action to `services`,
//! which validates and stamps it through `stillpoint-core` and writes it with
//! `store` (the only module that touches IndexedDB) in one transaction; the
//! stored record comes back as a `state::Action`, the pure reducer folds it
//! into `state::AppState`, and the components re-render from that state.
//! Nothing here knows an address or a page: routing belongs to each app.
#![deny(missing_docs)]

pub mod action_runner;
pub mod clinic;
pub mod collation;
pub mod components;
pub mod context;
pub mod format;
pub mod hooks;
pub mod lock_channel;
pub mod platform;
pub mod posted_texts;
pub mod records;
pub mod refusal;
pub mod selfcare;
pub mod service_worker;
pub mod services;
pub mod startup;
pub mod state;
pub mod store;
pub mod sync_worker;
