//! An address the app does not know.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;

/// Says the page does not exist and offers the way back.
#[function_component(NotFound)]
pub fn not_found() -> Html {
    html! {
        <div class="page">
            <h1>{ "Page not found" }</h1>
            <p>{ "There is no page at this address. Your records are safe." }</p>
            <Link<Route> to={Route::Clients} classes="button primary">{ "Go to clients" }</Link<Route>>
        </div>
    }
}
