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
use yew::prelude::*;
use yew_router::prelude::*;

use crate::clients::clients_section::MissingClient;
use crate::routes::Route;
use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::components::file_drop::FileDrop;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::use_app;
use stillpoint_ui::format;
use stillpoint_ui::hooks::{use_care_records, use_client, OpenedClient};
use stillpoint_ui::refusal::Refusal;
use stillpoint_ui::selfcare::SelfCareEvent;
use stillpoint_ui::state::Action;

/// Properties of [`DiaryPage`].
#[derive(Properties, PartialEq)]
pub struct DiaryPageProps {
    /// The client's id as it appeared in the address.
    pub id: AttrValue,
}

/// Finds the client, then shows their diaries.
#[function_component(DiaryPage)]
pub fn diary_page(props: &DiaryPageProps) -> Html {
    match use_client(&props.id) {
        OpenedClient::Found(client) => html! { <ClientDiaries client={*client} /> },
        OpenedClient::Reading => {
            html! { <p class="muted" aria-busy="true">{ "Opening the record…" }</p> }
        }
        OpenedClient::Missing => html! { <MissingClient /> },
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
    let runner = use_action_runner();
    let on_file = {
        let (app, runner, outcome) = (app.clone(), runner.clone(), outcome.clone());
        Callback::from(move |(_, read): (String, Result<Vec<u8>, String>)| {
            let bytes = match read {
                Ok(bytes) => bytes,
                Err(message) => return outcome.set(Some(Outcome::Refused(message))),
            };
            let (services, clients) = (app.services.clone(), app.state.client_summaries.clone());
            let (imported, refused) = (outcome.clone(), outcome.clone());
            let reload = runner.clone();
            // A refused file is said under the picker, not as a notice.
            runner.run(
                async move {
                    let exists = |id: RecordId| clients.get(&id).is_some_and(|c| !c.is_deleted());
                    services
                        .import_diary(client, exists, &bytes)
                        .await
                        .map_err(|error| Refusal::Invalid(error.message()))
                },
                move |app, import| {
                    imported.set(Some(Outcome::Imported(import.summary())));
                    // The records are read again, so the page (and the
                    // adherence on the client's page) shows what came in.
                    let services = app.services.clone();
                    reload.run_action(
                        async move { services.care_records(client).await },
                        |app, care| {
                            app.dispatch(Action::SelfCare(SelfCareEvent::CareLoaded(Rc::new(care))))
                        },
                    );
                },
                move |message| refused.set(Some(Outcome::Refused(message))),
            );
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
                    busy={runner.busy()} {on_file} />
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
