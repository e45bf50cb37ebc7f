//! The searchable list of clients.

use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clients::search::{list_clients, NameQuery};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;
use crate::routes::PHONE_APP;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::use_app;

/// Properties of [`ClientList`].
#[derive(Properties, PartialEq)]
pub struct ClientListProps {
    /// The client open on the right, highlighted in the list.
    pub selected: Option<RecordId>,
    /// Whether a record or form is open beside the list: its own primary
    /// action is then the one filled button on screen, so "New client"
    /// steps back to an outlined button.
    pub detail_open: bool,
}

/// Search box, "New client", and the matching clients.
#[function_component(ClientList)]
pub fn client_list(props: &ClientListProps) -> Html {
    let app = use_app();
    let query_text = use_state(String::new);
    let query = NameQuery::new(&query_text);
    let listed = list_clients(app.state.clients.values(), &query);
    let today = app.services.today();
    let oninput = {
        let query_text = query_text.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                query_text.set(input.value());
            }
        })
    };
    let has_any = app
        .state
        .clients
        .values()
        .any(|client| !client.is_deleted());
    let body = if listed.is_empty() {
        let text = if has_any {
            format!("No client's name matches “{}”.", query_text.trim())
        } else {
            "No clients yet. Add your first client to start their record.".to_owned()
        };
        html! {
            <>
                <p class="empty-state">{ text }</p>
                // A client's own phone starts here too: one quiet way in,
                // only while the device holds no practice data. The phone
                // app is its own page and wasm, so this is a full page load.
                if app.state.clients.is_empty() {
                    <a href={PHONE_APP} class="client-mode-link">
                        { "I'm a client: open my self-care plan" }
                    </a>
                }
            </>
        }
    } else {
        html! {
            <ul class="client-list">
                { for listed.iter().map(|client| {
                    let current = props.selected == Some(client.id());
                    let secondary = match (client.preferred_name(), client.age_on(today)) {
                        (Some(_), Some(age)) => format!("{} · {age} years", client.full_name()),
                        (Some(_), None) => client.full_name().to_owned(),
                        (None, Some(age)) => format!("{age} years"),
                        (None, None) => String::new(),
                    };
                    html! {
                        <li>
                            <Link<Route> to={Route::Client { id: client.id().to_string() }}
                                classes={classes!("client-row", current.then_some("current"))}>
                                <span class="client-name">{ client.display_name() }</span>
                                if !secondary.is_empty() {
                                    <span class="client-secondary">{ secondary }</span>
                                }
                            </Link<Route>>
                        </li>
                    }
                }) }
            </ul>
        }
    };
    let new_class = if props.detail_open {
        "button"
    } else {
        "button primary"
    };
    html! {
        <div class="client-list-pane">
            <div class="list-header">
                <h1>{ "Clients" }</h1>
                <Link<Route> to={Route::NewClient} classes={classes!(new_class, "with-icon")}>
                    <IconView icon={Icon::Add} />
                    <span>{ "New client" }</span>
                </Link<Route>>
            </div>
            if has_any {
                <div class="search">
                    <label for="client-search" class="visually-hidden">{ "Search clients by name" }</label>
                    <IconView icon={Icon::Search} />
                    <input id="client-search" type="search" placeholder="Search by name"
                        autocomplete="off" value={(*query_text).clone()} {oninput} />
                </div>
            }
            { body }
        </div>
    }
}
