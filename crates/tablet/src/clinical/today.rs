//! Today: the sessions signed today and every unsigned note, unfinished
//! notes first.

use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clinical::session_note::SessionNote;
use yew::prelude::*;

use crate::clinical::session_row::session_row;
use stillpoint_ui::context::use_app;
use stillpoint_ui::format;
use stillpoint_ui::hooks::use_read;

/// Today's page.
#[function_component(TodayPage)]
pub fn today_page() -> Html {
    let app = use_app();
    let found = use_read(
        (),
        |services, ()| async move { services.today_sessions().await },
    );
    let row = |note: &SessionNote, id: RecordId, signed: bool| {
        app.state
            .client_summaries
            .get(&note.details().client)
            .filter(|client| !client.is_deleted())
            .map(|client| session_row(note, id, signed, Some(client.display_name())))
            .unwrap_or_default()
    };
    let body = match found.as_deref() {
        None => html! { <p class="muted" aria-busy="true">{ "Looking for today's notes…" }</p> },
        Some((signed, drafts)) if signed.is_empty() && drafts.is_empty() => html! {
            <p class="empty-state">{ "Nothing charted today. Open a client and tap Start session; unfinished notes appear here first." }</p>
        },
        Some((signed, drafts)) => html! {
            <>
                if !drafts.is_empty() {
                    <section class="record-section" aria-labelledby="drafts-heading">
                        <h2 id="drafts-heading">{ "Not signed yet" }</h2>
                        <ul class="session-list">{ for drafts.iter().map(|draft| row(&draft.note(), draft.id(), false)) }</ul>
                    </section>
                }
                <section class="record-section" aria-labelledby="signed-heading">
                    <h2 id="signed-heading">{ "Signed today" }</h2>
                    if signed.is_empty() {
                        <p class="muted">{ "No notes signed today yet." }</p>
                    }
                    <ul class="session-list">{ for signed.iter().map(|session| row(session.note(), session.id(), true)) }</ul>
                </section>
            </>
        },
    };
    html! {
        <div class="page">
            <h1>{ "Today" }</h1>
            <p class="muted">{ format::date(app.services.today()) }</p>
            { body }
        </div>
    }
}
