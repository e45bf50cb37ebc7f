//! One client's record: details now; sessions, plans and progress later.

use stillpoint_core::client::Client;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::conflicts::Conflicts;
use crate::components::icons::{Icon, IconView};
use crate::context::use_app;
use crate::routes::Route;
use crate::state::{Action, Notice};

/// Properties of [`ClientDetail`].
#[derive(Properties, PartialEq)]
pub struct ClientDetailProps {
    /// The client shown.
    pub client: Client,
}

/// Details, Edit (the primary action) and Delete with confirmation.
#[function_component(ClientDetail)]
pub fn client_detail(props: &ClientDetailProps) -> Html {
    let app = use_app();
    let navigator = use_navigator();
    let confirming = use_state(|| false);
    let client = &props.client;
    let today = app.services.today();

    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(false))
    };
    let delete = {
        let app = app.clone();
        let client = client.clone();
        Callback::from(move |_| {
            let app = app.clone();
            let client = client.clone();
            let navigator = navigator.clone();
            spawn_local(async move {
                match app.services.delete_client(&client).await {
                    Ok(deleted) => {
                        app.dispatch(Action::ClientStored(Box::new(deleted)));
                        app.dispatch(Action::Notify(Notice::Deleted {
                            id: client.id(),
                            name: client.display_name().to_owned(),
                        }));
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::Clients);
                        }
                    }
                    Err(error) => app.dispatch(Action::Notify(Notice::Error(error.to_string()))),
                }
            });
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
            Some(age) => format!("{date} ({age} years)"),
            None => date.to_string(),
        });

    html! {
        <article class="client-detail">
            <Link<Route> to={Route::Clients} classes="back-link">
                <IconView icon={Icon::Back} /><span>{ "Clients" }</span>
            </Link<Route>>
            <header class="detail-header">
                <h1 class="client-title">{ client.display_name() }</h1>
                if client.preferred_name().is_some() {
                    <p class="muted client-full-name">{ client.full_name() }</p>
                }
            </header>
            <Conflicts client={client.clone()} />
            <dl class="details">
                { row("Full name", Some(client.full_name().to_owned())) }
                { row("Preferred name", client.preferred_name().map(str::to_owned)) }
                { row("Date of birth", birth) }
                { row("Phone", client.phone().map(str::to_owned)) }
                { row("Email", client.email().map(str::to_owned)) }
            </dl>
            <nav class="record-sections" aria-label="Outcomes">
                <Link<Route> to={Route::ClientPlan { id: client.id().to_string() }} classes="button">{ "Treatment plan" }</Link<Route>>
                <Link<Route> to={Route::ClientProgress { id: client.id().to_string() }} classes="button">{ "Progress" }</Link<Route>>
            </nav>
            if !client.notes().is_empty() {
                <section class="notes">
                    <h2>{ "Notes" }</h2>
                    <p class="preformatted">{ client.notes() }</p>
                </section>
            }
            if *confirming {
                <div class="confirm" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
                    <h2 id="confirm-title">{ format!("Delete {}?", client.display_name()) }</h2>
                    <p id="confirm-text">
                        { "The client disappears from your list. You can undo this for a few seconds; \
                           the record is kept as deleted so your other devices learn of it when you sync." }
                    </p>
                    <div class="actions">
                        <button type="button" class="button" onclick={cancel}>{ "Keep client" }</button>
                        <button type="button" class="button danger" onclick={delete}>{ "Delete client" }</button>
                    </div>
                </div>
            } else {
                <div class="actions bottom-actions">
                    <button type="button" class="button danger-outline" onclick={ask}>{ "Delete…" }</button>
                    <Link<Route> to={Route::EditClient { id: client.id().to_string() }} classes="button primary">
                        { "Edit details" }
                    </Link<Route>>
                </div>
            }
        </article>
    }
}
