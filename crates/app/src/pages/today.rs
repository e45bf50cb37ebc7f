//! Today: the sessions charted today and unfinished drafts.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;

/// Today's page. Sessions are not charted on this device yet, so it says
/// what will appear here.
#[function_component(TodayPage)]
pub fn today_page() -> Html {
    html! {
        <div class="page">
            <h1>{ "Today" }</h1>
            <p class="empty-state">{ "Nothing charted today. Sessions you chart appear here, with any unfinished notes first." }</p>
            <p><Link<Route> to={Route::PracticeOutcomes} classes="button">{ "Practice outcomes" }</Link<Route>></p>
        </div>
    }
}
