//! A client's self-care diaries on the therapist's device: import the diary
//! file the client sent from their phone, and read the days it holds
//! (items done, symptom ratings, notes), newest plan first.
//!
//! Core checks the file and merges it with the copy held
//! (`selfcare::diary_import`); a refused file changes nothing, and the
//! same file twice brings nothing new.

use std::rc::Rc;

use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clients::client::Client;
use stillpoint_core::selfcare::care_plan::CarePlanVersion;
use stillpoint_core::selfcare::diary::Diary;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::clients::clients_section::MissingClient;
use crate::routes::Route;
use stillpoint_ui::components::file_drop::FileDrop;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::use_app;
use stillpoint_ui::format;
use stillpoint_ui::hooks::use_care_records;
use stillpoint_ui::selfcare::SelfCareEvent;
use stillpoint_ui::state::{Action, Notice};

/// Properties of [`DiaryPage`].
#[derive(Properties, PartialEq)]
pub struct DiaryPageProps {
    /// The client's id as it appeared in the address.
    pub id: AttrValue,
}

/// Finds the client, then shows their diaries.
#[function_component(DiaryPage)]
pub fn diary_page(props: &DiaryPageProps) -> Html {
    let app = use_app();
    let client = props
        .id
        .parse::<RecordId>()
        .ok()
        .and_then(|id| app.state.clients.get(&id).cloned())
        .filter(|client| !client.is_deleted());
    match client {
        Some(client) => html! { <ClientDiaries {client} /> },
        None => html! { <MissingClient /> },
    }
}

/// What came of the last file.
#[derive(Clone, PartialEq)]
enum Outcome {
    Imported(String),
    Refused(String),
}

#[derive(Properties, PartialEq)]
struct ClientDiariesProps {
    client: Client,
}

#[function_component(ClientDiaries)]
fn client_diaries(props: &ClientDiariesProps) -> Html {
    let app = use_app();
    let client = props.client.id();
    let care = use_care_records(client);
    let outcome = use_state(|| None::<Outcome>);
    let busy = use_state(|| false);
    // After an import the records are read again, so the page (and the
    // adherence on the client's page) shows what came in.
    let reload = {
        let app = app.clone();
        Callback::from(move |()| {
            let app = app.clone();
            spawn_local(async move {
                match app.services.care_records(client).await {
                    Ok(care) => {
                        app.dispatch(Action::SelfCare(SelfCareEvent::CareLoaded(Rc::new(care))))
                    }
                    Err(error) => app.dispatch(Action::Notify(Notice::Error(error.to_string()))),
                }
            });
        })
    };
    let on_file = {
        let (app, outcome, busy) = (app.clone(), outcome.clone(), busy.clone());
        Callback::from(move |(_, read): (String, Result<Vec<u8>, String>)| {
            let bytes = match read {
                Ok(bytes) => bytes,
                Err(message) => return outcome.set(Some(Outcome::Refused(message))),
            };
            busy.set(true);
            let (app, outcome, busy, reload) =
                (app.clone(), outcome.clone(), busy.clone(), reload.clone());
            spawn_local(async move {
                let clients = app.state.clients.clone();
                let exists = |id: RecordId| clients.get(&id).is_some_and(|c| !c.is_deleted());
                let result = app.services.import_diary(client, exists, &bytes).await;
                busy.set(false);
                match result {
                    Ok(import) => {
                        outcome.set(Some(Outcome::Imported(import.summary())));
                        reload.emit(());
                    }
                    Err(error) => outcome.set(Some(Outcome::Refused(error.message()))),
                }
            });
        })
    };
    let id = client.to_string();
    let body = match care {
        None => html! { <p class="muted" aria-busy="true">{ "Opening the diaries…" }</p> },
        Some(care) => diary_list(&care.plans, &care.diaries),
    };
    html! {
        <article class="page diary-page">
            <Link<Route> to={Route::Client { id }} classes="back-link">
                <IconView icon={Icon::Back} /><span>{ props.client.display_name() }</span>
            </Link<Route>>
            <h1>{ format!("{}: self-care diary", props.client.display_name()) }</h1>
            <section class="record-section" aria-labelledby="diary-import-title">
                <h2 id="diary-import-title">{ "Import a diary" }</h2>
                <p class="muted">{ "The client sends the diary file from Stillpoint on their phone (“Send my diary to my therapist”). \
                    Importing it again later brings only what is new." }</p>
                <FileDrop id="diary-file" prompt="Drop the diary file here, or" button="Choose the diary file…"
                    busy={*busy} {on_file} />
                { match &*outcome {
                    Some(Outcome::Imported(summary)) => html! { <p class="result" role="status">{ summary.clone() }</p> },
                    Some(Outcome::Refused(message)) => html! { <p class="form-summary" role="alert">{ message.clone() }</p> },
                    None => html! {},
                } }
            </section>
            { body }
        </article>
    }
}

/// Every diary held, newest plan first, each as a table of its days.
fn diary_list(plans: &[CarePlanVersion], diaries: &[Diary]) -> Html {
    if plans.is_empty() {
        return html! { <p class="empty-state">{ "This client has no self-care plan on this device yet, so there is no diary to import." }</p> };
    }
    let mut shown: Vec<(&CarePlanVersion, &Diary)> = diaries
        .iter()
        .filter_map(|diary| {
            let plan = plans.iter().find(|plan| plan.id() == diary.plan())?;
            (diary.days().next().is_some()).then_some((plan, diary))
        })
        .collect();
    if shown.is_empty() {
        return html! { <p class="empty-state">{ "No diary yet. When the client sends their diary file, import it above to see their days here." }</p> };
    }
    shown.sort_by_key(|(plan, _)| std::cmp::Reverse(plan.stamp()));
    html! {
        { for shown.into_iter().map(|(plan, diary)| {
            let title = format!("Plan written {}", format::date(plan.written()));
            html! {
                <section class="record-section diary" aria-label={title.clone()}>
                    <h2>{ title }</h2>
                    <div class="table-wrap">
                        <table class="diary-days">
                            <thead><tr>
                                <th scope="col">{ "Day" }</th>
                                <th scope="col">{ "Done" }</th>
                                <th scope="col" class="number">{ "Symptoms (0–10)" }</th>
                                <th scope="col">{ "Note" }</th>
                            </tr></thead>
                            <tbody>
                                { for diary.days().collect::<Vec<_>>().into_iter().rev().map(|(date, entry)| {
                                    let done: Vec<&str> = entry.done().iter()
                                        .filter_map(|position| plan.items().get(usize::from(*position)))
                                        .map(|planned| planned.item().title())
                                        .collect();
                                    html! {
                                        <tr>
                                            <th scope="row">{ format::date(date) }</th>
                                            <td>{ if done.is_empty() { "—".to_owned() } else { done.join(", ") } }</td>
                                            <td class="number">{ entry.symptoms().map_or("—".to_owned(), |rating| rating.value().to_string()) }</td>
                                            <td>{ entry.note() }</td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                </section>
            }
        }) }
    }
}
