//! How either app starts: its service worker registered (with the "new
//! version" banner wired to the state), then the one database opened,
//! saying so while an older tab blocks it and letting go when a newer build
//! takes it over. Each app then reads what it shows first.

use yew::prelude::*;

use crate::service_worker;
use crate::services::Services;
use crate::state::{Action, AppState};
use crate::store::{Settings, StoreError};
use stillpoint_core::clients::summary::ClientSummary;

/// Registers the app's service worker `script`; a build installed behind
/// the running one shows the update banner.
pub fn register_service_worker(script: &'static str, state: &UseReducerHandle<AppState>) {
    let state = state.clone();
    service_worker::register(
        script,
        Callback::from(move |()| state.dispatch(Action::UpdateReady)),
    );
}

/// Opens the store for an app whose state is `state`: the services, a summary
/// of every client and the settings, as [`Services::start`] reads them.
pub async fn open_store(
    state: &UseReducerHandle<AppState>,
) -> Result<(Services, Vec<ClientSummary>, Settings), StoreError> {
    let on_blocked = {
        let state = state.clone();
        move || state.dispatch(Action::OpenBlocked)
    };
    let opened = Services::start(on_blocked).await?;
    // A newer build in another tab takes the database over: this tab says
    // so instead of failing later.
    let replaced = {
        let state = state.clone();
        move || state.dispatch(Action::LoadFailed(StoreError::NewerSchema))
    };
    opened.0.on_replaced(replaced)?;
    Ok(opened)
}
