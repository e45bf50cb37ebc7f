//! One client's record: intake status, active alerts, sessions newest first
//! and a short summary, the client's details, and the actions that start
//! the next piece of work (a session, or a new intake when one is due).

use std::rc::Rc;

use stillpoint_core::clients::client::Client;
use stillpoint_core::clinical::since_last_time::SinceLastTime;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::clinical::session_row::session_row;
use crate::routes::Route;
use crate::selfcare::care_plan::CareAdherence;
use stillpoint_ui::action_runner::{use_action_runner, ActionRunner};
use stillpoint_ui::components::alerts::{alert_list, allergies_line};
use stillpoint_ui::components::conflicts::Conflicts;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::{use_app, AppContext};
use stillpoint_ui::format;
use stillpoint_ui::hooks::use_client_records;
use stillpoint_ui::records::{ClientRecords, RecordEvent, SessionEntry};
use stillpoint_ui::state::{Action, Notice};

/// Properties of [`ClientDetail`].
#[derive(Properties, PartialEq)]
pub struct ClientDetailProps {
    /// The client shown.
    pub client: Client,
}

/// Whether the intake that counts today is missing, current or due.
#[derive(Clone, Copy, PartialEq, Eq)]
enum IntakeState {
    Missing,
    Current,
    Stale,
}

/// Starts a session for the records' client and opens it.
fn start_session(
    app: &AppContext,
    runner: &ActionRunner,
    navigator: Option<Navigator>,
    records: Rc<ClientRecords>,
    from_last: bool,
) -> Callback<MouseEvent> {
    let (services, runner) = (app.services.clone(), runner.clone());
    Callback::from(move |_| {
        let (services, records) = (services.clone(), records.clone());
        let navigator = navigator.clone();
        let client = records.client;
        runner.run_action(
            async move { services.start_session(&records, from_last).await },
            move |app, draft| {
                let route = Route::Session {
                    id: client.to_string(),
                    session: draft.id().to_string(),
                };
                app.dispatch(Action::Records(RecordEvent::Draft(Box::new(draft))));
                if let Some(navigator) = navigator {
                    navigator.push(&route);
                }
            },
        );
    })
}

/// "3 signed sessions from … to …; 1 draft not signed", and the last plan.
fn summary(records: &ClientRecords) -> Html {
    let mut dates: Vec<_> = records
        .sessions
        .iter()
        .filter_map(|session| session.note().details().date)
        .collect();
    dates.sort();
    let signed = match (records.sessions.len(), dates.first(), dates.last()) {
        (0, _, _) => "No signed sessions yet".to_owned(),
        (1, Some(date), _) => format!("1 signed session, on {}", format::date(*date)),
        (count, Some(first), Some(last)) => format!(
            "{count} signed sessions from {} to {}",
            format::date(*first),
            format::date(*last)
        ),
        (count, _, _) => format!("{count} signed sessions"),
    };
    let drafts = match records.drafts.len() {
        0 => String::new(),
        1 => "; 1 draft not signed".to_owned(),
        count => format!("; {count} drafts not signed"),
    };
    let plan = records
        .last_signed()
        .map(|last| last.current_note().soap().plan.clone())
        .filter(|plan| !plan.is_empty());
    html! {
        <>
            <p>{ signed }{ drafts }{ "." }</p>
            if let Some(plan) = plan {
                <p class="preformatted"><strong>{ "Plan from the last session: " }</strong>{ plan }</p>
            }
        </>
    }
}

/// The record with its clinical sections and actions.
#[function_component(ClientDetail)]
pub fn client_detail(props: &ClientDetailProps) -> Html {
    let app = use_app();
    let runner = use_action_runner();
    let navigator = use_navigator();
    let confirming = use_state(|| false);
    let client = &props.client;
    let today = app.services.today();
    let records = use_client_records(client.id());

    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(false))
    };
    let delete = {
        let (services, runner) = (app.services.clone(), runner.clone());
        let client = client.clone();
        let navigator = navigator.clone();
        Callback::from(move |_| {
            let (services, deleting) = (services.clone(), client.clone());
            let (client, navigator) = (client.clone(), navigator.clone());
            runner.run_action(
                async move { services.delete_client(&deleting).await },
                move |app, deleted| {
                    app.dispatch(Action::ClientStored(Box::new(deleted)));
                    app.dispatch(Action::Notify(Notice::Deleted {
                        id: client.id(),
                        name: client.display_name().to_owned(),
                    }));
                    if let Some(navigator) = navigator {
                        navigator.push(&Route::Clients);
                    }
                },
            );
        })
    };

    let row = |label: &str, value: Option<String>| match value {
        Some(value) => {
            html! { <div class="detail-row"><dt>{ label.to_owned() }</dt><dd>{ value }</dd></div> }
        }
        None => html! {},
    };
    let birth = client
        .date_of_birth()
        .map(|date| match client.age_on(today) {
            Some(age) => format!("{} ({age} years)", format::date(date)),
            None => format::date(date),
        });
    let id = client.id().to_string();

    let clinical = match &records {
        None => html! { <p class="muted" aria-busy="true">{ "Opening the clinical record…" }</p> },
        Some(records) => {
            let intake = records.intake_on(today);
            let state = match intake {
                None => IntakeState::Missing,
                Some(intake) if intake.is_stale_on(today) => IntakeState::Stale,
                Some(_) => IntakeState::Current,
            };
            let status = match (state, intake) {
                (IntakeState::Current, Some(intake)) => format!(
                    "Intake of {} is current. It needs renewing after 12 months.",
                    format::date(intake.date())
                ),
                (IntakeState::Stale, Some(intake)) => format!(
                    "The intake of {} is over 12 months old: take a new one before treating.",
                    format::date(intake.date())
                ),
                _ => "No intake on file: take one before the first treatment.".to_owned(),
            };
            let sessions = records.sessions_newest_first();
            html! {
                <>
                    <section class="record-section" aria-labelledby="intake-heading">
                        <h2 id="intake-heading">{ "Intake" }</h2>
                        <p class={classes!("intake-status", (state != IntakeState::Current).then_some("due"))}>
                            <IconView icon={if state == IntakeState::Current { Icon::Check } else { Icon::Warning }} />
                            <span>{ status }</span>
                        </p>
                        if state == IntakeState::Current {
                            <div class="actions start">
                                <Link<Route> to={Route::NewIntake { id: id.clone() }} classes="button">{ "New intake" }</Link<Route>>
                            </div>
                        }
                        if !records.intakes.is_empty() {
                            <ul class="link-list">
                                { for records.intakes_newest_first().into_iter().map(|intake| html! {
                                    <li>
                                        <Link<Route> to={Route::Intake { id: id.clone(), intake: intake.id().to_string() }}>
                                            { format!("Intake of {} — consent by {}", format::date(intake.date()), intake.consent().typed_name()) }
                                        </Link<Route>>
                                    </li>
                                }) }
                            </ul>
                        }
                    </section>
                    <section class="record-section" aria-labelledby="alerts-heading">
                        <h2 id="alerts-heading">{ "Alerts today" }</h2>
                        { alert_list(&records.alerts_on(today, &SinceLastTime::NotAsked)) }
                    </section>
                    <section class="record-section" aria-labelledby="sessions-heading">
                        <h2 id="sessions-heading">{ "Sessions" }</h2>
                        { summary(records) }
                        if !sessions.is_empty() {
                            <ul class="session-list">
                                { for sessions.into_iter().map(|entry| match entry {
                                    SessionEntry::Draft(draft) => session_row(&draft.note(), draft.id(), false, None),
                                    SessionEntry::Signed(session) => session_row(session.note(), session.id(), true, None),
                                }) }
                            </ul>
                        }
                    </section>
                </>
            }
        }
    };

    let actions = match &records {
        Some(records) if !*confirming => {
            let due = records
                .intake_on(today)
                .is_none_or(|intake| intake.is_stale_on(today));
            let from_last = records.last_signed().is_some();
            let start = start_session(&app, &runner, navigator.clone(), records.clone(), from_last);
            let blank = from_last
                .then(|| start_session(&app, &runner, navigator.clone(), records.clone(), false));
            let start_class = if due { "button" } else { "button primary" };
            html! {
                <div class="actions bottom-actions">
                    if let Some(blank) = blank {
                        <button type="button" class="button" onclick={blank}>{ "Blank session" }</button>
                    }
                    if due {
                        <Link<Route> to={Route::NewIntake { id: id.clone() }} classes="button primary">{ "New intake" }</Link<Route>>
                    }
                    <button type="button" class={start_class} onclick={start}>
                        { if from_last { "Start from last session" } else { "Start session" } }
                    </button>
                </div>
            }
        }
        _ => html! {},
    };

    html! {
        <article class="client-detail">
            <Link<Route> to={Route::Clients} classes="back-link">
                <IconView icon={Icon::Back} /><span>{ "Clients" }</span>
            </Link<Route>>
            <header class="detail-header with-tools">
                <div>
                    <h1 class="client-title">{ client.display_name() }</h1>
                    if client.preferred_name().is_some() {
                        <p class="muted client-full-name">{ client.full_name() }</p>
                    }
                    if let Some(records) = &records {
                        { allergies_line(records.allergies_on(today)) }
                    }
                </div>
                <Link<Route> to={Route::PrintRecord { id: id.clone() }} classes="button with-icon tool">
                    <IconView icon={Icon::Print} /><span>{ "Print record" }</span>
                </Link<Route>>
            </header>
            <Conflicts client={client.clone()} />
            { clinical }
            <nav class="record-sections" aria-label="Outcomes">
                <Link<Route> to={Route::ClientPlan { id: id.clone() }} classes="button">{ "Treatment plan" }</Link<Route>>
                <Link<Route> to={Route::ClientProgress { id: id.clone() }} classes="button">{ "Progress" }</Link<Route>>
            </nav>
            <CareAdherence client={client.id()} />
            <section class="record-section" aria-labelledby="details-heading">
                <h2 id="details-heading">{ "Details" }</h2>
                <dl class="details">
                    { row("Full name", Some(client.full_name().to_owned())) }
                    { row("Preferred name", client.preferred_name().map(str::to_owned)) }
                    { row("Date of birth", birth) }
                    { row("Phone", client.phone().map(str::to_owned)) }
                    { row("Email", client.email().map(str::to_owned)) }
                </dl>
                if !client.notes().is_empty() {
                    <h3>{ "Notes" }</h3>
                    <p class="preformatted notes">{ client.notes() }</p>
                }
                if *confirming {
                    <div class="confirm" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
                        <h2 id="confirm-title">{ format!("Delete {}?", client.display_name()) }</h2>
                        <p id="confirm-text">
                            { "The client disappears from your list. You can undo this for a few seconds; \
                               the record is kept as deleted so your other devices learn of it when you sync." }
                        </p>
                        <div class="actions">
                            <button type="button" class="button" data-escape="" onclick={cancel}>{ "Keep client" }</button>
                            <button type="button" class="button danger" onclick={delete}>{ "Delete client" }</button>
                        </div>
                    </div>
                } else {
                    <div class="actions start">
                        <Link<Route> to={Route::EditClient { id: id.clone() }} classes="button">
                            { "Edit details" }
                        </Link<Route>>
                        <button type="button" class="button danger-outline" onclick={ask}>{ "Delete…" }</button>
                    </div>
                }
            </section>
            { actions }
        </article>
    }
}
