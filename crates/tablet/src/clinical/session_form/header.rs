//! The top of the session form: back to the client, the title, whether
//! what was typed is saved, and the client's allergies, which matter
//! before the first touch.

use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clinical::health_history::Allergy;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::clinical::session_row::session_title;
use crate::routes::Route;
use stillpoint_ui::components::alerts::allergies_line;
use stillpoint_ui::components::icons::{Icon, IconView};

/// Why the last write did not happen, for the quiet line under the title.
#[derive(Clone, Copy, PartialEq)]
pub enum NotSaved {
    /// Fields hold values that can't be kept.
    Refused(usize),
    /// The device refused the write.
    Failed,
}

/// What [`session_header`] shows.
pub struct SessionHeader<'a> {
    /// The client charted.
    pub client: RecordId,
    /// Their display name.
    pub client_name: AttrValue,
    /// The session's date, once it is a date.
    pub date: Option<CalendarDate>,
    /// Whether the input on screen is the input last written.
    pub saved: bool,
    /// Why the last write did not happen, if it did not.
    pub not_saved: Option<NotSaved>,
    /// The client's allergies on the session's day.
    pub allergies: &'a [Allergy],
}

/// The title block, shown above the gate and the form alike.
pub fn session_header(props: SessionHeader<'_>) -> Html {
    let save_state = match (props.saved, props.not_saved) {
        (true, _) => "All changes saved on this device.".to_owned(),
        (false, Some(NotSaved::Refused(1))) => "Not saved: one field needs fixing.".to_owned(),
        (false, Some(NotSaved::Refused(count))) => {
            format!("Not saved: {count} fields need fixing.")
        }
        (false, Some(NotSaved::Failed)) => "Not saved: the device refused the write.".to_owned(),
        (false, None) => "Saving…".to_owned(),
    };
    html! {
        <>
            <Link<Route> to={Route::Client { id: props.client.to_string() }} classes="back-link shown">
                <IconView icon={Icon::Back} /><span>{ props.client_name.clone() }</span>
            </Link<Route>>
            <h1 id="session-title">{ session_title(&props.client_name, props.date) }</h1>
            <p class="status-line">
                <span class="status status-draft"><IconView icon={Icon::Draft} /><span>{ "Draft — not signed" }</span></span>
                <span class="save-state muted" aria-live="polite">{ save_state }</span>
            </p>
            { allergies_line(props.allergies) }
        </>
    }
}
