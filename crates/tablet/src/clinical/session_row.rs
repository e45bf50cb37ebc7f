//! How a session note is named and listed, on the client page, on Today
//! and as the note's own title.

use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clinical::session_note::SessionNote;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::format;

/// "Session with Meg, 27 Nov 2026".
pub fn session_title(client_name: &str, date: Option<CalendarDate>) -> String {
    match date {
        Some(date) => format!("Session with {client_name}, {}", format::date(date)),
        None => format!("Session with {client_name}"),
    }
}

/// One row of a session list: when, what work, and whether it is signed
/// (drafts are flagged). `client_name` leads the row where the list mixes
/// clients.
pub fn session_row(
    note: &SessionNote,
    id: RecordId,
    signed: bool,
    client_name: Option<&str>,
) -> Html {
    let details = note.details();
    let when = match (details.date, details.start) {
        (Some(date), Some(start)) => format!("{} · {start}", format::date(date)),
        (Some(date), None) => format::date(date),
        (None, _) => "No date yet".to_owned(),
    };
    let work: Vec<&str> = details.modalities.iter().map(|m| m.label()).collect();
    let route = Route::Session {
        id: details.client.to_string(),
        session: id.to_string(),
    };
    html! {
        <li>
            <Link<Route> to={route} classes={classes!("session-row", (!signed).then_some("is-draft"))}>
                <span class="session-when">
                    if let Some(name) = client_name {
                        <strong>{ name.to_owned() }</strong>{ " · " }
                    }
                    { when }
                </span>
                <span class="session-work muted">{ if work.is_empty() { "No modality yet".to_owned() } else { work.join(", ") } }</span>
                if signed {
                    <span class="status status-signed"><IconView icon={Icon::Check} /><span>{ "Signed" }</span></span>
                } else {
                    <span class="status status-draft"><IconView icon={Icon::Draft} /><span>{ "Draft — not signed" }</span></span>
                }
            </Link<Route>>
        </li>
    }
}
