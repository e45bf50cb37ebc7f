//! The Clients section: list and record side by side in landscape; in
//! portrait the record slides over the list.

use std::rc::Rc;

use stillpoint_core::clients::client::Client;
use stillpoint_ui::hooks::{use_client, OpenedClient};
use yew::prelude::*;

use crate::clients::client_detail::ClientDetail;
use crate::clients::client_form::ClientForm;
use crate::clients::client_list::ClientList;
use crate::lazy_screens::{LazyPage, LazyScreen};
use crate::outcomes::measure::MeasureForm;

/// What the right-hand pane shows.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Selection {
    /// Nothing chosen yet.
    None,
    /// The new-client form.
    New,
    /// One client's record (id as it appeared in the address).
    View(AttrValue),
    /// Editing one client (id as it appeared in the address).
    Edit(AttrValue),
    /// One client's treatment plan.
    Plan(AttrValue),
    /// One client's progress.
    Progress(AttrValue),
    /// One client's self-care plan.
    CarePlan(AttrValue),
    /// Recording a score: the client and the instrument's id.
    Measure(AttrValue, AttrValue),
}

/// Properties of [`ClientsSection`].
#[derive(Properties, PartialEq)]
pub struct ClientsSectionProps {
    /// What the detail pane shows.
    pub selection: Selection,
}

/// List plus detail.
#[function_component(ClientsSection)]
pub fn clients_section(props: &ClientsSectionProps) -> Html {
    let opened = use_client(match &props.selection {
        Selection::None | Selection::New => "",
        Selection::View(id)
        | Selection::Edit(id)
        | Selection::Plan(id)
        | Selection::Progress(id)
        | Selection::CarePlan(id)
        | Selection::Measure(id, _) => id.as_str(),
    });
    // The pane for the selected client, once their record is read.
    let with_client = |page: &dyn Fn(Client) -> Html| match opened.clone() {
        OpenedClient::Found(client) => (Some(client.id()), page(*client)),
        OpenedClient::Reading => (
            None,
            html! { <p class="muted" aria-busy="true">{ "Opening the record…" }</p> },
        ),
        OpenedClient::Missing => (None, html! { <MissingClient /> }),
    };
    let (selected, detail) = match &props.selection {
        Selection::None => (
            None,
            html! {
                <div class="detail-empty">
                    <p>{ "Choose a client on the left, or add a new one." }</p>
                </div>
            },
        ),
        Selection::New => (None, html! { <ClientForm client={None} /> }),
        Selection::View(_) => with_client(&|client| html! { <ClientDetail {client} /> }),
        Selection::Edit(_) => with_client(&|client| html! { <ClientForm client={Some(client)} /> }),
        Selection::Plan(_) => with_client(&|client| {
            html! { <LazyScreen screen={LazyPage::TreatmentPlan(Rc::new(client))} /> }
        }),
        Selection::Progress(_) => with_client(&|client| {
            html! { <LazyScreen screen={LazyPage::Progress(Rc::new(client))} /> }
        }),
        Selection::CarePlan(_) => with_client(&|client| {
            html! { <LazyScreen screen={LazyPage::CarePlan(Rc::new(client))} /> }
        }),
        Selection::Measure(_, instrument) => with_client(&|client| {
            html! { <MeasureForm {client} instrument={instrument.clone()} client_view={false} /> }
        }),
    };
    let has_detail = props.selection != Selection::None;
    // Plans, progress charts and score forms want the whole width: in
    // landscape they cover the list, with a way back to the record.
    let focus = matches!(
        props.selection,
        Selection::Plan(_)
            | Selection::Progress(_)
            | Selection::Measure(..)
            | Selection::CarePlan(_)
    );
    html! {
        <div class={classes!("split", has_detail.then_some("has-detail"), focus.then_some("focus"))}>
            <section class="list-pane" aria-label="Client list">
                <ClientList {selected} detail_open={has_detail} />
            </section>
            <section class="detail-pane" aria-label="Client record">
                { detail }
            </section>
        </div>
    }
}

/// A client address that matches no (living) client.
#[function_component(MissingClient)]
pub fn missing_client() -> Html {
    html! {
        <div class="detail-empty">
            <h1>{ "Client not found" }</h1>
            <p>{ "This client does not exist on this device, or was deleted. Choose another client from the list." }</p>
        </div>
    }
}
