//! A client's whole record laid out for paper: practice header, details,
//! every intake, the alerts, and every session note with its amendments
//! (drafts flagged as not signed). The print stylesheet makes it black on
//! white without navigation.

use stillpoint_core::clinical::since_last_time::SinceLastTime;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::clinical::client_screen::ClinicalProps;
use crate::clinical::intake_view::{detail, intake_summary};
use crate::clinical::session_view::{note_body, print, print_header};
use crate::routes::Route;
use stillpoint_ui::components::alerts::alert_list;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::use_app;
use stillpoint_ui::format;
use stillpoint_ui::records::SessionEntry;

/// The printable record.
#[function_component(ClientPrint)]
pub fn client_print(props: &ClinicalProps) -> Html {
    let app = use_app();
    let today = app.services.today();
    let client = &props.client;
    let records = &props.records;
    let sessions = records.sessions_newest_first();
    html! {
        <article class="clinical-page print-record">
            { print_header(&app.state.settings.practice_name, &format::date(today)) }
            <Link<Route> to={Route::Client { id: client.id().to_string() }} classes="back-link shown">
                <IconView icon={Icon::Back} /><span>{ client.display_name() }</span>
            </Link<Route>>
            <h1>{ format!("Client record: {}", client.full_name()) }</h1>
            <dl class="details">
                { detail("Preferred name", client.preferred_name().unwrap_or_default().to_owned()) }
                { detail("Date of birth", client.date_of_birth().map(format::date).unwrap_or_default()) }
                { detail("Phone", client.phone().unwrap_or_default().to_owned()) }
                { detail("Email", client.email().unwrap_or_default().to_owned()) }
                { detail("Notes", client.notes().to_owned()) }
            </dl>
            <section class="print-section">
                <h2>{ "Alerts on the day of printing" }</h2>
                { alert_list(&records.alerts_on(today, &SinceLastTime::NotAsked)) }
            </section>
            <section class="print-section">
                <h2>{ "Intakes" }</h2>
                if records.intakes.is_empty() {
                    <p>{ "No intake on file." }</p>
                }
                { for records.intakes_newest_first().into_iter().map(|intake| html! {
                    <div class="print-block">
                        <h3>{ format!("Intake of {}", format::date(intake.date())) }</h3>
                        { intake_summary(intake) }
                    </div>
                }) }
            </section>
            <section class="print-section">
                <h2>{ "Sessions, newest first" }</h2>
                if sessions.is_empty() {
                    <p>{ "No sessions yet." }</p>
                }
                { for sessions.into_iter().map(|entry| {
                    let when = entry.date().map(format::date).unwrap_or_else(|| "No date".to_owned());
                    match entry {
                        SessionEntry::Signed(session) => {
                            let amended = records.amended(session.id());
                            html! {
                                <div class="print-block">
                                    <h3>{ format!("Session of {when}") }</h3>
                                    <p class="muted">{ format!("Signed by {}, {}", session.signed_by(), format::stamp(session.signed())) }</p>
                                    { note_body(&amended.as_ref().map(|a| a.current_note()).unwrap_or_else(|| session.note().clone()), amended.as_ref()) }
                                </div>
                            }
                        }
                        SessionEntry::Draft(draft) => html! {
                            <div class="print-block">
                                <h3>{ format!("Session of {when}") }</h3>
                                <p><strong>{ "Draft — not signed." }</strong></p>
                                { note_body(&draft.note(), None) }
                            </div>
                        },
                    }
                }) }
            </section>
            <div class="actions bottom-actions">
                <button type="button" class="button primary with-icon" onclick={print()}>
                    <IconView icon={Icon::Print} /><span>{ "Print" }</span>
                </button>
            </div>
        </article>
    }
}
