//! The root component: opens the database, then shows the shell, or a
//! full-page explanation when storage cannot be used.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::shell::Shell;
use crate::context::AppContext;
use crate::pages::storage_failed::StorageFailed;
use crate::platform;
use crate::self_care::SelfCareEvent;
use crate::service_worker;
use crate::services::Services;
use crate::state::{Action, AppState, Load};
use crate::store::ThemeChoice;

/// The whole app.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let services = use_state(|| None::<Rc<Services>>);

    {
        let state = state.clone();
        let services = services.clone();
        use_effect_with((), move |_| {
            let on_update = {
                let state = state.clone();
                Callback::from(move |()| state.dispatch(Action::UpdateReady))
            };
            service_worker::register(on_update);
            spawn_local(async move {
                match Services::start().await {
                    Ok((started, clients, settings)) => {
                        // The lock is read before anything renders, so no
                        // page shows while the tablet is in a client's hands.
                        let self_care = match started.self_care_status().await {
                            Ok(status) => status,
                            Err(error) => return state.dispatch(Action::LoadFailed(error)),
                        };
                        let outcomes = started.outcomes().await;
                        services.set(Some(Rc::new(started)));
                        state.dispatch(Action::SelfCare(SelfCareEvent::Loaded(self_care)));
                        state.dispatch(Action::Loaded { clients, settings });
                        match outcomes {
                            Ok(outcomes) => state.dispatch(Action::OutcomesLoaded(outcomes)),
                            Err(error) => state.dispatch(Action::LoadFailed(error)),
                        }
                    }
                    Err(error) => state.dispatch(Action::LoadFailed(error)),
                }
            });
        });
    }

    {
        let theme = state.settings.theme;
        use_effect_with(theme, |theme| {
            platform::apply_theme(match theme {
                ThemeChoice::System => "system",
                ThemeChoice::Light => "light",
                ThemeChoice::Dark => "dark",
            });
        });
    }

    match (&state.load, (*services).clone()) {
        (Load::Failed(error), _) => html! { <StorageFailed error={error.clone()} /> },
        (Load::Ready, Some(services)) => {
            let context = AppContext { state, services };
            html! {
                <ContextProvider<AppContext> {context}>
                    <BrowserRouter>
                        <Shell />
                    </BrowserRouter>
                </ContextProvider<AppContext>>
            }
        }
        _ => html! {
            <main class="splash" aria-busy="true">
                <p class="splash-name">{ "Stillpoint" }</p>
                <p class="muted">{ "Opening your records…" }</p>
            </main>
        },
    }
}
