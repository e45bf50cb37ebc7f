//! The phone's root: opens the database (the same one the tablet build
//! uses, so a phone that held client mode in the combined app keeps its
//! plan), then shows the client's plan, or the way to open one.

use std::rc::Rc;

use stillpoint_ui::components::splash::Splash;
use stillpoint_ui::components::storage_failed::StorageFailed;
use stillpoint_ui::context::AppContext;
use stillpoint_ui::services::Services;
use stillpoint_ui::startup;
use stillpoint_ui::state::{Action, AppState, Load};
use stillpoint_ui::store::StoreError;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::page::ClientModePage;
use crate::start::ClientModeStart;

/// The phone's own service worker. Its scope is `/phone/`, so it precaches
/// and answers only the phone's files: a phone never downloads the tablet's.
const SERVICE_WORKER: &str = "/phone/sw.js";

/// Opens the store and reads what the phone shows, dispatching it.
async fn open(state: UseReducerHandle<AppState>) -> Result<Services, StoreError> {
    let (services, clients, settings) = startup::open_store(&state).await?;
    let phone = services.client_phone().await?;
    state.dispatch(Action::ClientPhone(phone.map(Rc::new)));
    state.dispatch(Action::Loaded { clients, settings });
    Ok(services)
}

/// The whole phone app.
#[function_component(PhoneApp)]
pub fn phone_app() -> Html {
    let state = use_reducer(AppState::default);
    let services = use_state(|| None::<Rc<Services>>);
    {
        let state = state.clone();
        let services = services.clone();
        use_effect_with((), move |_| {
            startup::register_service_worker(SERVICE_WORKER, &state);
            spawn_local(async move {
                match open(state.clone()).await {
                    Ok(started) => services.set(Some(Rc::new(started))),
                    Err(error) => state.dispatch(Action::LoadFailed(error)),
                }
            });
        });
    }
    match (&state.load, (*services).clone()) {
        (Load::Failed(error), _) => html! { <StorageFailed error={error.clone()} /> },
        (Load::Ready, Some(services)) => {
            let holds_plan = state.client_phone.is_some();
            let context = AppContext { state, services };
            html! {
                <ContextProvider<AppContext> {context}>
                    if holds_plan {
                        <ClientModePage />
                    } else {
                        <ClientModeStart />
                    }
                </ContextProvider<AppContext>>
            }
        }
        (load, _) => {
            html! { <Splash blocked={*load == Load::Blocked} opening="Opening your plan…" /> }
        }
    }
}
