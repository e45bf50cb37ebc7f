//! The root component: opens the database, then shows the shell, or a
//! full-page explanation when storage cannot be used. A device in client
//! mode is the client's phone: it is sent to the phone app.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::PHONE_APP;
use crate::shell::Shell;
use stillpoint_ui::components::splash::Splash;
use stillpoint_ui::components::storage_failed::StorageFailed;
use stillpoint_ui::context::AppContext;
use stillpoint_ui::platform;
use stillpoint_ui::selfcare::SelfCareEvent;
use stillpoint_ui::services::Services;
use stillpoint_ui::startup;
use stillpoint_ui::state::{Action, AppState, Load};
use stillpoint_ui::store::{DeviceMode, ThemeChoice};

/// The whole app.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let services = use_state(|| None::<Rc<Services>>);

    {
        let state = state.clone();
        let services = services.clone();
        use_effect_with((), move |_| {
            startup::register_service_worker("/sw.js", &state);
            spawn_local(async move {
                match startup::open_store(&state).await {
                    Ok((started, clients, settings)) => {
                        // A client's phone (client mode, opened in the
                        // combined app of earlier builds) belongs to the
                        // phone app, which reads the same database: known
                        // before anything is routed.
                        match started.device_mode().await {
                            Ok(DeviceMode::Client) => return platform::restart_at(PHONE_APP),
                            Ok(DeviceMode::Therapist) => {}
                            Err(error) => return state.dispatch(Action::LoadFailed(error)),
                        }
                        // The lock is read before anything renders, so no
                        // page shows while the tablet is in a client's hands.
                        let selfcare = match started.selfcare_status().await {
                            Ok(status) => status,
                            Err(error) => return state.dispatch(Action::LoadFailed(error)),
                        };
                        let started = Rc::new(started);
                        services.set(Some(started.clone()));
                        state.dispatch(Action::SelfCare(SelfCareEvent::Loaded(selfcare)));
                        state.dispatch(Action::Loaded { clients, settings });
                        // Plans and own instruments are read once the list
                        // shows: a practice's hundreds of plan versions
                        // held the first screen back (BENCHMARKS.md,
                        // issue 14).
                        match started.outcomes().await {
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
        // A lock set in another tab reaches this one at once.
        let state = state.clone();
        let started = (*services).clone();
        use_effect_with(started.is_some(), move |_| {
            let listening = started.map(|services| {
                stillpoint_ui::lock_channel::listen(Rc::new(move || {
                    let services = services.clone();
                    let state = state.clone();
                    spawn_local(async move {
                        if let Ok(Some(client)) = services.locked_to().await {
                            state.dispatch(Action::SelfCare(SelfCareEvent::ClientView(Some(
                                client,
                            ))));
                        }
                    });
                }))
            });
            move || drop(listening)
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
        (load, _) => {
            html! { <Splash blocked={*load == Load::Blocked} opening="Opening your records…" /> }
        }
    }
}
