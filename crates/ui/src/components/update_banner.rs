//! "A new version is ready — Reload": shown when a newer build is waiting.

use yew::prelude::*;

use crate::context::use_app;
use crate::service_worker;

/// The banner; the new build starts only when the therapist presses Reload.
#[function_component(UpdateBanner)]
pub fn update_banner() -> Html {
    let app = use_app();
    if !app.state.update_ready {
        return html! {};
    }
    let reload = Callback::from(|_| service_worker::apply_update());
    html! {
        <div class="update-banner" role="status">
            <p>{ "A new version is ready." }</p>
            <button type="button" class="button" onclick={reload}>{ "Reload" }</button>
        </div>
    }
}
