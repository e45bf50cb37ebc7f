//! The frame around every page: a navigation rail in landscape, a bottom tab
//! bar in portrait (the stylesheet picks), the update banner, the Home
//! Screen note and notices.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::home_screen_hint::HomeScreenHint;
use crate::routes::{section_of, switch, Route};
use crate::selfcare::client_view::LockedClientView;
use crate::shortcuts::use_shortcuts;
use stillpoint_ui::clinic::use_auto_sync;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::components::notice::NoticeBar;
use stillpoint_ui::components::update_banner::UpdateBanner;
use stillpoint_ui::context::use_app;
use stillpoint_ui::platform::scroll_to_top;

/// The four sections, in navigation order.
const SECTIONS: [(Route, &str, Icon); 4] = [
    (Route::Clients, "Clients", Icon::Clients),
    (Route::Today, "Today", Icon::Today),
    (Route::Sync, "Sync & backup", Icon::Sync),
    (Route::Settings, "Settings", Icon::Settings),
];

/// Navigation plus the routed page.
#[function_component(Shell)]
pub fn shell() -> Html {
    let app = use_app();
    let route = use_route::<Route>().unwrap_or(Route::NotFound);
    let current = section_of(&route);
    let navigator = use_navigator();
    // Every page opens at its top; the browser keeps one scroll position
    // for the whole app, so without this a page opened from far down a
    // long form would open far down too.
    use_effect_with(route.clone(), |_| scroll_to_top());
    use_shortcuts(app.state.selfcare.client_view.is_some());
    use_auto_sync();
    if let Some(client) = app.state.selfcare.client_view {
        // Handed to a client (by "Hand to client" or "Client fills in …",
        // in this tab or another): whatever the address, only their view
        // shows until the therapist's PIN is typed.
        return html! {
            <main id="main" class="client-view" tabindex="-1">
                <LockedClientView {client} />
                <NoticeBar />
            </main>
        };
    }
    html! {
        <div class="shell">
            <a class="skip-link" href="#main">{ "Skip to content" }</a>
            <nav class="nav" aria-label="Sections">
                <p class="nav-brand" aria-hidden="true">{ "Stillpoint" }</p>
                <ul>
                    { for SECTIONS.iter().map(|(target, label, icon)| {
                        let active = *target == current;
                        let onclick = {
                            let navigator = navigator.clone();
                            let target = target.clone();
                            Callback::from(move |event: MouseEvent| {
                                event.prevent_default();
                                if let Some(navigator) = &navigator {
                                    navigator.push(&target);
                                }
                            })
                        };
                        html! {
                            <li>
                                <a href={target.to_path()} {onclick}
                                   class={classes!("nav-item", active.then_some("active"))}
                                   aria-current={active.then_some("page")}>
                                    <IconView icon={*icon} />
                                    <span>{ *label }</span>
                                </a>
                            </li>
                        }
                    }) }
                </ul>
            </nav>
            <main id="main" class="content" tabindex="-1">
                <UpdateBanner />
                <HomeScreenHint />
                <Switch<Route> render={switch} />
            </main>
            <NoticeBar />
        </div>
    }
}
