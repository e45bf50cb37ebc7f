//! The full-width clinical screens of one client (intake, session note,
//! printable record): finds the client, reads their records once, and
//! shows the screen asked for, or says plainly what is missing.

use std::rc::Rc;

use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clients::client::Client;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::clients::clients_section::MissingClient;
use crate::clinical::client_screen::ClinicalProps;
use crate::clinical::session_form::SessionForm;
use crate::clinical::session_view::SessionView;
use crate::lazy_screens::{LazyPage, LazyScreen};
use crate::routes::Route;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::hooks::{use_client, use_client_records, OpenedClient};

/// Which clinical screen.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum ClinicalView {
    /// A new intake.
    NewIntake,
    /// One intake (id as in the address).
    Intake(AttrValue),
    /// One session note (id as in the address).
    Session(AttrValue),
    /// The whole record for print.
    Print,
}

/// Properties of [`ClinicalPage`].
#[derive(Properties, PartialEq)]
pub struct ClinicalPageProps {
    /// The client's id as in the address.
    pub client: AttrValue,
    /// The screen.
    pub view: ClinicalView,
}

/// Finds the client, then shows the screen.
#[function_component(ClinicalPage)]
pub fn clinical_page(props: &ClinicalPageProps) -> Html {
    match use_client(&props.client) {
        OpenedClient::Found(client) => {
            html! { <Loaded client={*client} view={props.view.clone()} /> }
        }
        OpenedClient::Reading => html! {
            <div class="page"><p class="muted" aria-busy="true">{ "Opening the clinical record…" }</p></div>
        },
        OpenedClient::Missing => html! { <div class="page"><MissingClient /></div> },
    }
}

/// Properties of [`Loaded`].
#[derive(Properties, PartialEq)]
struct LoadedProps {
    client: Client,
    view: ClinicalView,
}

#[function_component(Loaded)]
fn loaded(props: &LoadedProps) -> Html {
    let Some(records) = use_client_records(props.client.id()) else {
        return html! { <div class="page"><p class="muted" aria-busy="true">{ "Opening the clinical record…" }</p></div> };
    };
    let client = props.client.clone();
    let find = |id: &AttrValue| id.parse::<RecordId>().ok();
    match &props.view {
        ClinicalView::NewIntake => {
            let intake = LazyPage::NewIntake(Rc::new(ClinicalProps { client, records }));
            html! { <LazyScreen screen={intake} /> }
        }
        ClinicalView::Intake(id) => {
            match find(id).and_then(|id| records.intakes.iter().find(|intake| intake.id() == id)) {
                Some(intake) => {
                    let intake = LazyPage::Intake(Rc::new(client), Rc::new(intake.clone()));
                    html! { <LazyScreen screen={intake} /> }
                }
                None => not_found(&client, "This intake is not on this device."),
            }
        }
        ClinicalView::Session(id) => {
            let id = find(id);
            let client_name: AttrValue = client.display_name().to_owned().into();
            let draft = id.and_then(|id| records.draft(id)).cloned();
            let signed =
                id.and_then(|id| records.sessions.iter().find(|session| session.id() == id));
            match (draft, signed) {
                (Some(draft), _) => {
                    let key = draft.id().to_string();
                    html! { <SessionForm {key} {client_name} records={records.clone()} {draft} /> }
                }
                (None, Some(session)) => html! {
                    <SessionView {client_name} session={session.clone()} amendments={records.amendments.clone()} />
                },
                (None, None) => not_found(
                    &client,
                    "This session note is not on this device, or was discarded.",
                ),
            }
        }
        ClinicalView::Print => {
            let print = LazyPage::PrintRecord(Rc::new(ClinicalProps { client, records }));
            html! { <LazyScreen screen={print} /> }
        }
    }
}

fn not_found(client: &Client, text: &str) -> Html {
    html! {
        <div class="page">
            <h1>{ "Not found" }</h1>
            <p>{ text.to_owned() }</p>
            <Link<Route> to={Route::Client { id: client.id().to_string() }} classes="button with-icon">
                <IconView icon={Icon::Back} /><span>{ format!("Back to {}", client.display_name()) }</span>
            </Link<Route>>
        </div>
    }
}
